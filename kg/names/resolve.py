"""Resolving a user's words to one entity: exact names, name order, words of a name, near misses.

Order of trust: a name that normalises to the same key (case, hyphens, spaces, Hangul, acronyms),
then the same words in the other order (family name first or last), then entities whose names hold
every word typed, then near misses. Several candidates at the first level that matches are listed,
never guessed between.
"""
from ..errors import Ambiguous, NotFound, QueryError
from ..vocab import ID, PREFIXES
from .normalize import name_key, name_tokens, rotations

NEAR_MISS_CUTOFF = 0.86


MAX_NAME = 300  # characters of a name: a page of 3,000 typo words took a minute of server CPU


def candidates(graph, text):
    """(level, [entity IRIs]) for the first level that matches: 'exact', 'order', 'words', 'near'."""
    if len(text) > MAX_NAME:
        raise QueryError(f"a name of {len(text):,} characters: kg looks up names of {MAX_NAME} at most")
    key = name_key(text)
    if not key:
        return "none", []
    found = _by_key(graph, key)
    if found:
        return "exact", found
    for rotated in rotations(text):
        found = _by_key(graph, rotated)
        if found:
            return "order", found
    found = _by_words(graph, text)
    if found:
        return "words", found
    found = [e for e, _ in near_misses(graph, key, cutoff=NEAR_MISS_CUTOFF)] or _by_near_words(graph, text)
    return "near", found


def resolve(graph, text):
    """The one entity IRI TEXT names (or is: an id such as ag:busan-technopark, or a full IRI);
    raises NotFound (with the nearest names) or Ambiguous."""
    iri = _as_id(graph, text.strip())
    if iri:
        return iri
    level, found = candidates(graph, text)
    if len(found) == 1:
        return found[0]
    if not found:
        nearest = [e for e, _ in near_misses(graph, name_key(text), cutoff=0.5)] if name_key(text) else []
        raise NotFound(text, nearest[:5])
    raise Ambiguous(text, found)


def _by_key(graph, key):
    return _unique(row["e"] for row in graph.select("name_key", key=key))


def _by_words(graph, text):
    words = name_tokens(text)
    if not words:
        return []
    common = None
    for w in words:
        hits = {row["e"] for row in graph.select("name_token", token=w)}
        common = hits if common is None else common & hits
        if not common:
            return []
    return sorted(common)


def _by_near_words(graph, text, cutoff=0.8):
    """Entities whose names hold every word typed, a mistyped word standing for its closest words.

    A typo inside a long name ("E-Mobility lasr") leaves its key far from every whole name's key, but
    its words close to that name's words."""
    import difflib  # ~1.5 ms (and heapq): only past the exact levels

    words = name_tokens(text)
    if len(words) < 2:
        return []  # one word: its key is the whole name, which near_misses has compared
    known = None
    common = None
    for w in words:
        hits = {row["e"] for row in graph.select("name_token", token=w)}
        if not hits:
            if known is None:
                known = [r["token"] for r in graph.cached_rows(["all_name_tokens"])["all_name_tokens"]]
            for close in difflib.get_close_matches(w, known, n=3, cutoff=cutoff):
                hits |= {row["e"] for row in graph.select("name_token", token=close)}
        common = hits if common is None else common & hits
        if not common:
            return []
    return sorted(common)


def near_misses(graph, key, *, cutoff):
    """[(entity, score)] whose name keys are close to KEY, best first, one row per entity."""
    import difflib  # ~1.5 ms (and heapq): only past the exact levels

    keys = {}
    for row in graph.cached_rows(["all_name_keys"])["all_name_keys"]:  # 60k keys at 1M triples: ~1 s from the store
        keys.setdefault(row["key"], set()).add(row["e"])
    best = {}
    for k in difflib.get_close_matches(key, keys, n=10, cutoff=cutoff):
        score = difflib.SequenceMatcher(None, key, k).ratio()
        for e in keys[k]:
            best[e] = max(best.get(e, 0), score)
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def _unique(items):
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return sorted(out)


def _as_id(graph, text):
    """TEXT as the IRI of an entity of the graph, if it is an id or an IRI (and not a name)."""
    if " " in text or ":" not in text:
        return None
    prefix, _, local = text.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and local else text
    if not iri.startswith(ID):
        return None
    return iri if graph.exists(iri) else None
