"""Normalising names as people type them: case, width, diacritics, hyphens, spacing, "&", Hangul.

The index is built with these functions and queries are read with them, so both sides agree.

>>> name_key("Park Hyung-joon")
'parkhyungjoon'
>>> name_key("  PARK  hyung joon ")
'parkhyungjoon'
>>> name_key("ＫＩＭＭ"), name_key("Pak Hyŏngjun"), name_key("the Korea Institute of Machinery & Materials")
('kimm', 'pakhyongjun', 'koreainstituteofmachineryandmaterials')
>>> name_tokens("E-Mobility Laser Application")
['emobility', 'e', 'mobility', 'laser', 'application']
>>> rotations("Hyung-joon Park")
['parkhyungjoon']
"""
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Words too common to select anything on their own.
STOPWORDS = frozenset("a an and the of for in on to by with at from 's".split())


def fold(text):
    """NFKC (full-width forms, compatibility characters), diacritics dropped, casefolded.

    Hangul survives: its syllables decompose into jamo, which are letters, and compose again."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFKD", text)
                                                    if not unicodedata.combining(c)))
    return text.casefold()


def words(text):
    """The words of a name after fold(): "&" read as "and", punctuation as spaces."""
    return _NON_WORD.sub(" ", fold(text).replace("&", " and ")).split()


def normalize(text):
    """Folded, with every run of non-word characters made one space."""
    return " ".join(words(text))


def name_key(text):
    """The exact-match key of a name: its words joined, a leading "the" dropped."""
    w = words(text)
    if len(w) > 1 and w[0] == "the":
        w = w[1:]
    return "".join(w)


def name_tokens(text):
    """Words of a name for partial matching; a hyphenated word also yields its parts."""
    out = []
    for word in fold(text).replace("&", " and ").split():
        whole = _NON_WORD.sub("", word)
        if whole and whole not in STOPWORDS and whole not in out:
            out.append(whole)
        parts = [p for p in _NON_WORD.split(word) if p]
        if len(parts) > 1:
            out += [p for p in parts if p not in STOPWORDS and p not in out]
    return out


def name_words(text):
    """(whole, parts) of each word of a name, stopwords left out: a hyphenated word is covered by its
    whole ("donga") or by all its parts ("dong", "a").

    >>> name_words("Dong-A University")
    [('donga', ['dong', 'a']), ('university', [])]
    """
    out = []
    for word in fold(text).replace("&", " and ").split():
        whole = _NON_WORD.sub("", word)
        if whole and whole not in STOPWORDS:
            parts = [p for p in _NON_WORD.split(word) if p]
            out.append((whole, parts if len(parts) > 1 else []))
    return out


def rotations(text):
    """Keys of a name with its last word moved first, and its first word moved last.

    Korean names are written family name first or last; both orders should find the person.
    """
    keys = [k for k in (name_key(w) for w in text.split()) if k]
    if len(keys) < 2:
        return []
    out = ["".join(keys[-1:] + keys[:-1]), "".join(keys[1:] + keys[:1])]
    return [k for i, k in enumerate(out) if k not in out[:i]]
