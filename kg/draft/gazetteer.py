"""Every known name of the graph, found in an article's text: the gazetteer.

Names are compared by their normalised keys (kg.names.normalize.name_key: case, spaces, hyphens and
punctuation do not count), so "Busan Techno Park" finds the entity named "Busan Technopark". A match
starts and ends at word boundaries of the text, the longest match wins, and a Korean name may carry a
particle (부산시는: the name is 부산시, the particle 는 is left out of the mention).

Short forms the graph does not list are derived by the rules of Korean administrative names, never by
a list of this or that body: 부산광역시 -> 부산시, 전라북도 -> 전북도 and 전북, 전북특별자치도 -> 전북도,
동아대학교 -> 동아대, 대한민국 정부 -> 정부.

The keys are looked up at every word start of the text, lengths longest first. Measured against
pyahocorasick on the development articles (the shipped graph's 272 keys): 5.3 ms an article for this
scan, 0.8 ms for the automaton (0.4 ms to build), against 50-100 ms for the whole draft; the scan's cost
grows with the number of distinct key lengths (at most a name's length), not with the number of names,
so it needs no dependency.

>>> short_forms("부산광역시"), short_forms("전라북도"), short_forms("동아대학교"), short_forms("대한민국 정부")
(['부산시'], ['전북도', '전북'], ['동아대'], ['정부'])
"""
import re
import unicodedata

from ..names.normalize import name_key
from ..vocab import local_name
from .korean import PARTICLES, particle_after

_PUNCT = re.compile(r"[.,;:!?\"“”‘’()\[\]「」『』<>\n]")
PLACE_TYPES = frozenset(("AdministrativeArea", "Place"))


def short_forms(label):
    """Korean short forms of a Korean administrative or university name (see the module's notes)."""
    out = []
    m = re.fullmatch(r"(\w+?)(광역시|특별시)", label)
    if m and len(m[1]) >= 2:
        out.append(m[1] + "시")
    m = re.fullmatch(r"(\w)\w(남|북)도", label)
    if m:
        out += [m[1] + m[2] + "도", m[1] + m[2]]
    m = re.fullmatch(r"(\w{2,}?)특별자치(도|시)", label)
    if m:
        out.append(m[1] + m[2])
    m = re.fullmatch(r"(\w{2,})대학교", label)
    if m:
        out.append(m[1] + "대")
    if label.startswith("대한민국 ") and len(label) > 6:
        out.append(label[len("대한민국 "):])
    return out


class Gazetteer:
    """Names -> entities of one graph, with each entity's classes and labels."""

    def __init__(self, names, types):
        self.keys = {}      # key -> {entity IRI}
        self.labels = {}    # key -> a label as the graph writes it
        self.case = {}      # key -> (starts upper-case, is an acronym, the acronym as written)
        self.types = {}     # entity -> [class local names]
        self.posts = {}     # organisation -> [post IRIs]
        self.names = {}     # entity -> [labels]
        for row in types:
            self.types.setdefault(row["e"], [])
            t = local_name(row["type"])
            if t not in self.types[row["e"]]:
                self.types[row["e"]].append(t)
            if row.get("postIn"):
                posts = self.posts.setdefault(row["postIn"], [])
                if row["e"] not in posts:
                    posts.append(row["e"])
        for row in names:
            label = row["label"]
            self.names.setdefault(row["e"], []).append(label)
            for form in [label] + short_forms(label):
                self._add(form, row["e"])
        self.lengths = sorted({len(k) for k in self.keys}, reverse=True)

    def _add(self, label, entity):
        if not any(c.isupper() for c in label) and not re.search(r"[\uac00-\ud7a3]", label):
            return  # an English name in lower case is a description ("one team"), not a name to look for
        key = name_key(label)
        hangul = bool(re.search(r"[\uac00-\ud7a3]", key))
        if len(key) < (2 if hangul else 3):
            return
        self.keys.setdefault(key, set()).add(entity)
        self.labels.setdefault(key, label)
        acronym = bool(re.fullmatch(r"[A-Z0-9&\-]{2,8}", label))
        self.case[key] = (label[:1].isupper(), acronym, label if acronym else None)

    def type_of(self, entity):
        """The most specific class local name of ENTITY (a rip: class before the reused ones)."""
        types = self.types.get(entity, [])
        for t in types:
            if t not in ("Agent", "Organization", "FormalOrganization", "Person", "Post", "Place") and t:
                return t
        return types[0] if types else None

    def find(self, text, lang="en"):
        """[(start, end, key, {entities})] of the names found in TEXT, leftmost-longest, not overlapping."""
        stream, offsets, starts = _stream(text)
        out = []
        j = 0
        n = len(stream)
        while j < n:
            if not starts[j]:
                j += 1
                continue
            hit = None
            for length in self.lengths:
                if j + length > n:
                    continue
                key = stream[j:j + length]
                if key not in self.keys:
                    continue
                start, end = offsets[j], offsets[j + length - 1] + 1
                if self._fits(text, start, end, key):
                    hit = (start, end, key, self.keys[key])
                    break
            if hit:
                out.append(hit)
                end = hit[1]
                while j < n and offsets[j] < end:
                    j += 1
            else:
                j += 1
        return out

    def _fits(self, text, start, end, key):
        span = text[start:end]
        label = self.labels[key]
        upper, acronym, written = self.case[key]
        if acronym and span != written:
            return False
        if upper and not span[:1].isupper() and not span[:1].isdigit():
            return False
        extra = set(_PUNCT.findall(span)) - set(_PUNCT.findall(label))
        if extra:
            return False
        after = text[end:end + 1]
        if after and (after.isalnum()):
            if not (re.match(r"[\uac00-\ud7a3]", after) and particle_after(text, end) is not None):
                return False
        return True


def _stream(text):
    """The text as its name key would be (letters and digits, case-folded), the offset in TEXT of each
    character, and whether each starts a word."""
    chars, offsets, starts = [], [], []
    prev_alnum = False
    for i, ch in enumerate(text):
        if ch.isalnum():
            folded = unicodedata.normalize("NFC", ch).casefold()
            for k, c in enumerate(folded):
                chars.append(c)
                offsets.append(i)
                starts.append(not prev_alnum and k == 0)
            prev_alnum = True
        else:
            prev_alnum = False
    return "".join(chars), offsets, starts


def load(graph):
    """The Gazetteer of GRAPH, built once per graph (kept on graph.memo)."""
    memo = graph.memo
    if "draft.gazetteer" not in memo:
        rows = graph.cached_rows(["draft_names", "draft_types"])
        memo["draft.gazetteer"] = Gazetteer(rows["draft_names"], rows["draft_types"])
    return memo["draft.gazetteer"]


__all__ = ["Gazetteer", "load", "short_forms", "PARTICLES", "PLACE_TYPES"]
