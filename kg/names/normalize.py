"""Normalising names as people type them: case, hyphens, spacing, name order, Hangul.

>>> name_key("Park Hyung-joon")
'parkhyungjoon'
>>> name_key("  PARK  hyung joon ")
'parkhyungjoon'
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


def normalize(text):
    """NFC, casefolded, with every run of non-word characters made one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def name_key(text):
    """The exact-match key of a name: normalized, spaces and punctuation removed."""
    return normalize(text).replace(" ", "")


def name_tokens(text):
    """Words of a name for partial matching; a hyphenated word also yields its parts."""
    out = []
    for word in unicodedata.normalize("NFC", text).casefold().split():
        whole = _NON_WORD.sub("", word)
        if whole and whole not in STOPWORDS and whole not in out:
            out.append(whole)
        parts = [p for p in _NON_WORD.split(word) if p]
        if len(parts) > 1:
            out += [p for p in parts if p not in STOPWORDS and p not in out]
    return out


def rotations(text):
    """Keys of a name with its last word moved first, and its first word moved last.

    Korean names are written family name first or last; both orders should find the person.
    """
    words = [w for w in (name_key(w) for w in text.split()) if w]
    if len(words) < 2:
        return []
    keys = ["".join(words[-1:] + words[:-1]), "".join(words[1:] + words[:1])]
    return [k for i, k in enumerate(keys) if k not in keys[:i]]
