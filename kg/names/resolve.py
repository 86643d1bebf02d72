"""Resolving a user's words to one entity, precision first: an answer only when one entity is clearly
meant, else candidates. A false merge (facts about another body, with quotes) is the worst answer kg
can give, so every level past the exact name is stricter than the last.

Levels, in order of trust:

- ``exact``: a name with the same key (case, width, diacritics, hyphens, spaces, "&", a leading "the");
- ``short``: a Korean everyday short form of a Hangul name (부산시, 동아대, 전북도);
- ``order``: the same words in the other order (family name first or last);
- ``variant``: the name rewritten by one of kg.names.forms' rules (a title before a person, an
  abbreviation, a parenthesised acronym, a trailing generic word, a Korean particle), then exact;
- ``words``: entities one of whose names holds every word typed; an answer only when a distinctive word
  was typed (generic words such as city, council, university, Busan never resolve a name on their own)
  and one entity is the tightest match (its whole name was typed, or the others' names hold its name:
  a contest named after a ministry, a unit named after its institute);
- ``typo``: the same, a word with a small edit inside it standing for the word of the graph (one edit in
  four letters or more, two in nine or more; never in a number, an ordinal or Hangul);
- ``near``: nothing matched: the names closest to what was typed, as a "did you mean", never an answer.
"""
import re
from collections import namedtuple

from ..errors import Ambiguous, NotFound, QueryError
from ..vocab import ID, PREFIXES
from .normalize import STOPWORDS, fold, name_key, name_tokens, name_words, rotations

MAX_NAME = 300  # characters of a name: a page of 3,000 typo words took a minute of server CPU
DISTINCT_LIMIT = 3  # a word carried by more entities than this does not single one out

# Words that name a kind of body, a place or a family, not one body: never enough to resolve a name.
GENERIC = frozenset("""
    city cities county district gu gun province provincial metropolitan special self governing state region
    regional local national nation korea korean republic busan pusan seoul jeonbuk jeolla north south east west
    government council committee commission board university college school institute institution ministry
    agency office department center centre headquarters branch division unit team task force tf group
    foundation association federation cooperative union corporation company co ltd inc holdings industry
    industrial industries technology technologies science sciences research development innovation promotion
    support cooperation economic economy business industry smart digital new plan project projects program
    programme strategy strategies meeting forum conference contest fund policy public private joint general
    international global center mayor governor minister president chairman director
    news newspaper daily times herald ilbo sinmun media press broadcasting economic
    mou moa ceo cto rnd randd ict ax dx ai it sme smes gdp esg rise
    kim lee yi park pak bak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo shin
    kwon kweon hwang ahn an song jeon jun hong ko go moon mun yang son bae baek heo nam noh no ha
    시 도 군 구 부 청 대학교 대학 위원회 협의회 연구원 센터 재단 협회 정부
""".split())


# The bodies a title's holder heads: a governor a province (도), a mayor a city (시) …
HEADS_OF = {"governor": ("province", "provincial", "도"), "mayor": ("city", "metropolitan", "광역시", "시청"),
            "minister": ("ministry",), "chair": ("council", "committee", "forum", "위원회", "협의회"),
            "president": ("university", "institute", "agency", "technopark", "대학교", "연구원", "진흥원")}
# Ordinals match exactly but never decide alone: "39th", "제1회", "first" name a session of something.
_ORDINAL_WORD = re.compile(r"\d+(?:st|nd|rd|th)|제?\d+[차회기]|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth")
# Words of a unit's kind: after a parent's name they pick no unit ("KIMM Research Center").
KIND_WORDS = frozenset("""headquarters hq center centre research institute office branch division unit team regional
    local support technology technical 본부 센터 연구센터 지역본부 지사 분원""".split())
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")  # KIRI, BTP: an acronym as typed
# Head words: the kind of thing a name ending in them names (ids say the kind: .../agent/…, .../initiative/…).
BODY_HEADS = frozenset("""university college academy institute institution center centre council committee agency
    association foundation cooperative corporation company ministry office technopark federation union school
    hospital bank headquarters 대학교 대학 연구원 연구소 센터 협의회 위원회 진흥원 협회 재단 조합 테크노파크""".split())
INITIATIVE_HEADS = frozenset("""project projects plan strategy program programme contest initiative policy
    사업 계획 전략 프로젝트 과제""".split())
MEETING_HEADS = frozenset("meeting conference briefing 회의 보고회".split())


# level: exact, short, order, variant, words, typo, near or none; entities: IRIs, the answer when sure,
# else the candidates; rule: what matched ("name", a kg.names.forms rule, "tightest", "parent name",
# "title" …); sure: one entity is clearly meant. (A namedtuple: typing.NamedTuple costs a cold lookup 5 ms.)
Match = namedtuple("Match", "level entities rule sure")


def match(graph, text):
    """The Match for TEXT: its level, the entities found there, the rule, and whether it is an answer."""
    if len(text) > MAX_NAME:
        raise QueryError(f"a name of {len(text):,} characters: kg looks up names of {MAX_NAME} at most")
    key = name_key(text)
    if not key:
        return Match("none", [], "", False)
    found = _by_key(graph, key)
    if found:
        return _decided("exact", found, "name")
    found = _by_short_key(graph, key)
    if found:
        return _decided("short", found, "korean short form")
    for rotated in rotations(text):
        found = _by_key(graph, rotated)
        if found:
            return _decided("order", found, "name order")
    from .forms import title, variants  # ~10 ms of regular expressions: never for an exact name

    m = _by_session(graph, text)
    if m:
        return m
    plain = text
    for rule, rewritten in variants(text):
        if rule in ("title", "abbreviation", "parenthesis") and plain == text:
            plain = rewritten  # the words level reads the name without its title, abbreviations expanded
        m = _variant(graph, text, rule, rewritten, title(text))
        if m:
            return m
    m = _by_parent_name(graph, plain)
    if m:
        return m
    titled = title(text)
    post, _, rest, _ = titled
    if post and len(rest) == 1 and "\uac00" <= rest <= "\ud7a3":  # "박 시장": a family name and a post
        holders = sorted({r["p"] for r in graph.select("post_holders", title=post)})
        found = sorted({e for e, labels in _labels(graph, holders).items() if any(lb.startswith(rest) for lb in labels)})
        found = [e for e in found if _holds(graph, e, titled)]
        return Match("variant", found, "title", len(found) == 1) if found else Match("near", [], "title", False)
    for typos in (False, True):
        m = _by_words(graph, plain, titled, typos, text)
        if m:
            return m
    return Match("near", [e for e, _ in near_misses(graph, key, cutoff=0.5)][:5], "near", False)


def candidates(graph, text):
    """(level, [entity IRIs]) for the first level that matches (see Match)."""
    m = match(graph, text)
    return m.level, m.entities


def resolve(graph, text):
    """The one entity IRI TEXT names (or is: an id such as ag:busan-technopark, or a full IRI);
    raises NotFound (with the nearest names) or Ambiguous (with the candidates)."""
    iri = _as_id(graph, text.strip())
    if iri:
        return iri
    m = match(graph, text)
    if m.sure:
        return m.entities[0]
    if m.level in ("near", "none") or len(m.entities) < 2:  # one candidate, not sure: a "did you mean"
        raise NotFound(text, m.entities)
    raise Ambiguous(text, m.entities)


def _decided(level, found, rule):
    return Match(level, found, rule, len(found) == 1)


def _variant(graph, text, rule, rewritten, titled):
    """The Match of REWRITTEN as an exact, short or reordered name, if the rule may stand."""
    key = name_key(rewritten)
    if not key:
        return None
    found = _by_key(graph, key) or _by_short_key(graph, key)
    if not found:
        for rotated in rotations(rewritten):
            found = _by_key(graph, rotated)
            if found:
                break
    if not found:
        return None
    if rule == "title":  # "Mayor Park Heong-joon": a title only ever stands before a person who holds it
        found = _people(graph, found)
        if not found:
            return None
        holding = [e for e in found if _holds(graph, e, titled)]
        if len(holding) != 1:  # "Seoul Mayor Park Heong-joon": Busan's mayor holds no Seoul post
            return Match("variant", found, "title", False)
        found = holding
    if rule == "parenthesis" and name_key(rewritten) != name_key(text):
        # "Name (ACRONYM)": both halves must name the same body, or the user is shown both
        from .forms import variants  # imported by match() already

        other = [t for r, t in variants(text) if r == "parenthesis" and t != rewritten]
        if other:
            theirs = _by_key(graph, name_key(other[0])) or _by_short_key(graph, name_key(other[0]))
            if not theirs:  # "Ulsan Technopark (BTP)": the name names nothing, the acronym cannot decide alone
                return Match("variant", found, rule, False)
            if not set(theirs) & set(found):
                return Match("variant", sorted(set(found) | set(theirs)), rule, False)
            if theirs:
                found = sorted(set(found) & set(theirs))
    return _decided("variant", found, rule)


def _by_key(graph, key):
    return sorted({row["e"] for row in graph.select("name_key", key=key)})


def _by_short_key(graph, key):
    return sorted({row["e"] for row in graph.select("name_short_key", key=key)})


def _token_hits(graph, token):
    return {row["e"] for row in graph.select("name_token", token=token)}


def _by_words(graph, text, titled, typos, typed):
    """The words level (or, with TYPOS, the typo level): see the module's docstring. TITLED: the title
    typed (kg.names.forms.title); TYPED: the name as typed (an acronym in capitals is never a typo)."""
    words = name_tokens(text)
    acronyms = {w.casefold() for w in _CAPITALS.findall(typed)}
    if not words:
        return None
    hits, distinct, corrected, via_parent = [], False, {}, set()
    known = None
    for w in words:
        found = _token_hits(graph, w)
        if not found and typos and _may_be_a_typo(w) and w not in acronyms:
            if known is None:
                known = [r["token"] for r in graph.cached_rows(["all_name_tokens"])["all_name_tokens"]]
            for close in _close_tokens(w, known):
                corrected.setdefault(w, []).append(close)
                found |= _token_hits(graph, close)
        if not found:
            return None
        distinct = distinct or _distinctive(w, found)
        parent = _by_key(graph, w) if len(words) > 1 else []
        if len(parent) == 1:  # a parent's acronym inside a unit's name: "KIMM Busan"
            units = _units(graph, parent[0])
            if units:
                via_parent |= units
                found = found | units
        hits.append(found)
    if typos and not corrected:
        return None  # nothing was corrected: the words level has answered already
    common = set.intersection(*hits)
    if not common:
        return None
    level = "typo" if typos else "words"
    found = sorted(common)
    if titled[0]:  # "Mayor Park": the one Park who holds a mayor's post (of the place named, if one is)
        people = [e for e in _people(graph, found) if _holds(graph, e, titled)]
        if len(people) == 1 and not typos:
            return Match(level, people, "title", True)
        return Match(level, people or _people(graph, found) or found, "title", False)  # a title: people first
    wanted = [{w, *corrected.get(w, ())} for w in words]
    names = _names(graph, found)
    if len(found) > 1:
        found = _tightest(found, names, wanted)
    named = [w for w in words if len(_by_key(graph, w)) == 1]
    if named and all(w in named or w in KIND_WORDS for w in words):
        # "KITECH Headquarters", "KIMM Research Center": a body's name and a kind of unit: which unit,
        # or the body itself, is not said
        parents = sorted({e for w in named for e in _by_key(graph, w)})
        return Match(level, sorted(set(parents) | common), "words", False)
    if len(found) == 1 and typos and _people(graph, found):
        # a person's name one letter off is another person's name (Park Hyun-joon is not Park Heong-joon)
        return Match(level, found, "typo", False)
    if len(found) == 1:
        e = found[0]
        if e in via_parent and len(via_parent & common) == 1:
            return Match(level, found, "parent acronym", True)
        missing = _missing(names.get(e, ()), wanted)
        if missing and not min(missing, key=len):
            return Match(level, found, "whole name" if len(common) == 1 else "tightest", True)
        if distinct and _kind_fits(words[-1], e):
            return Match(level, found, "words" if len(common) == 1 else "tightest", True)
    return Match(level, sorted(common), "words", False)


def _by_session(graph, text):
    """The session an ordinal names in a series or body named in full; never the series itself (the
    51st meeting is not the series when the graph holds no 51st)."""
    from .forms import ORDINAL  # imported by match() already

    m = ORDINAL.match(text.strip())
    if not m:
        return None
    number, rest = int(m.group(1) or m.group(2)), m.group(3)
    whole = match(graph, rest)
    if not whole.sure or whole.level not in ("exact", "short", "order", "variant"):
        return None
    found = sorted({r["m"] for r in graph.select("sessions", s=whole.entities[0], n=number)})
    if len(found) == 1:
        return Match("variant", found, "session", True)
    return Match("near", whole.entities, "session", False)


def _by_parent_name(graph, text):
    """A unit named by its parent's whole name and its own words: "Korea Institute of Robot Convergence
    (Busan Research Center)", "KITECH Southeast HQ": the parent's name first, then words that only one
    of its units carries."""
    words = text.replace("(", " ").replace(")", " ").split()
    for i in range(len(words) - 1, 0, -1):
        parent = _by_key(graph, name_key(" ".join(words[:i])))
        if len(parent) != 1:
            continue
        units = _units(graph, parent[0])
        rest = name_tokens(" ".join(words[i:]))
        if not units or not rest or all(w in KIND_WORDS for w in rest):
            return None  # "KITECH Headquarters": words every unit could carry do not pick one
        for w in rest:
            units &= _token_hits(graph, w)
        if len(units) == 1:
            return Match("words", sorted(units), "parent name", True)
        return None
    return None


def _units(graph, parent):
    return {r["agent"] for r in graph.select("units_of", who=parent)} - {parent}


def _distinctive(word, entities):
    return (word not in GENERIC and len(word) > 2 and len(entities) <= DISTINCT_LIMIT and not word.isdigit()
            and not _ORDINAL_WORD.fullmatch(word))


def _labels(graph, found):
    """{entity: [each of its names]}."""
    out = {}
    for row in graph.select_each("names_of", "e", found):
        out.setdefault(row["e"], []).append(row["label"])
    return out


def _names(graph, found):
    """{entity: [name_words of each of its names]}."""
    return {e: [name_words(lb) for lb in labels] for e, labels in _labels(graph, found).items()}


def _missing(names, wanted):
    """For each name holding every word typed (WANTED: the alternatives of each word), the words of the
    name that were not typed."""
    out = []
    for name in names:
        tokens = {t for whole, parts in name for t in [whole, *parts]}
        if not all(tokens & alts for alts in wanted):
            continue
        typed = set().union(*wanted)
        out.append([whole for whole, parts in name
                    if whole not in typed and not (parts and all(p in typed or p in STOPWORDS for p in parts))])
    return out


def _kind_fits(head, entity):
    """Whether the last word typed allows the entity's kind: "Busan Digital Innovation Academy" names a
    body, so it is not the task whose long name holds it; "... Project" is not the body it is named after."""
    kind = entity[len(ID):].split("/", 1)[0]
    if head in BODY_HEADS:
        return kind == "agent"
    if head in INITIATIVE_HEADS:
        return kind == "initiative"
    if head in MEETING_HEADS:
        return kind == "event"
    return True


def _tightest(found, names, wanted):
    """FOUND without each entity whose matching name holds another's whole matching name: the
    ministry, not the contest named after it; the institute, not its unit, unless the unit's words
    were typed."""
    covering = {}
    for e in found:
        for name in names.get(e, ()):
            tokens = frozenset(t for whole, parts in name for t in [whole, *parts])
            if all(tokens & alts for alts in wanted):
                covering.setdefault(e, []).append(tokens)
    keep = [b for b in found
            if not any(a != b and ta < tb for a in found for ta in covering.get(a, ()) for tb in covering.get(b, ()))]
    return keep or found


def _holds(graph, person, titled):
    """Whether PERSON holds a post the title names: its word (mayor, vice, governor …) in one of the
    post's names, and the place the title names (Busan Mayor, 부산시장) in one of them too."""
    post, place, _, raw = titled
    if not post:
        return True  # Dr., Prof.: no post to check
    if post == "member":  # Rep., 의원: a member of a legislature, not the holder of a post
        return bool(graph.select("members", p=person))
    for (_, is_post), labels in _post_labels(graph, person).items():
        if is_post:  # the post's own name says the title: Mayor of Busan, 부산시장
            said = any(post in name_tokens(lb) for lb in labels) or any(raw and raw in lb for lb in labels)
        else:  # the head of a body the title fits: a governor heads a province, a mayor a city
            said = any(w in name_tokens(lb) or w in lb for w in HEADS_OF.get(post, ()) for lb in labels)
        if said and (not place or any(place in fold(lb) for lb in labels)):
            return True
    return False


def _post_labels(graph, person):
    out = {}
    for r in graph.select("posts_of", p=person):
        out.setdefault((r["post"], r["isPost"]), []).append(r["label"])
    return out


def _people(graph, found):
    return sorted({r["e"] for r in graph.select_each("people", "e", found)})


def _may_be_a_typo(word):
    return len(word) >= 4 and word.isascii() and word.isalpha()


def _close_tokens(word, known):
    """Known words within one edit of WORD (two from nine letters), an edit inside the word: the first
    letter kept, the length within the edits."""
    from rapidfuzz.distance import DamerauLevenshtein  # ~10 ms: only once every exact level has failed

    most = 2 if len(word) >= 9 else 1
    return [k for k in known if k[:1] == word[:1] and abs(len(k) - len(word)) <= most and k.isascii()
            and DamerauLevenshtein.distance(word, k, score_cutoff=most) <= most and k != word]


def near_misses(graph, key, *, cutoff):
    """[(entity, score)] whose name keys are close to KEY, best first, one row per entity: a "did you
    mean", never an answer."""
    from rapidfuzz import fuzz, process  # ~10 ms: only once every level has failed

    keys = {}
    for row in graph.cached_rows(["all_name_keys"])["all_name_keys"]:  # 60k keys at 1M triples: ~1 s from the store
        keys.setdefault(row["key"], set()).add(row["e"])
    best = {}
    for k, score, _ in process.extract(key, list(keys), scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=10):
        for e in keys[k]:
            best[e] = max(best.get(e, 0), round(score / 100, 3))
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def _as_id(graph, text):
    """TEXT as the IRI of an entity of the graph, if it is an id or an IRI (and not a name)."""
    if " " in text or ":" not in text:
        return None
    prefix, _, local = text.partition(":")
    iri = PREFIXES[prefix] + local if prefix in PREFIXES and local else text
    if not iri.startswith(ID):
        return None
    return iri if graph.exists(iri) else None
