"""The mentions of an article: every span that names a body, a person, a post or an initiative, found by
the gazetteer (the graph's names), by head words, titles, quotes and lists; overlaps resolved (the
longest name wins), then put together into one entity per body.

>>> from kg.draft.gazetteer import Gazetteer
>>> g = Gazetteer([{"e": "ag:x", "label": "Busan Technopark"}], [{"e": "ag:x", "type": "rip#Technopark", "postIn": None}])
>>> from kg.draft.text import parse
>>> a = parse("Busan Techno Park and Pukyong National University met. The Busan Technopark led it.")
>>> [(s.text, s.kind) for s in find(a, g)]
[('Busan Techno Park', 'gazetteer'), ('Pukyong National University', 'head'), ('Busan Technopark', 'gazetteer')]
"""
import re
import unicodedata

from . import english, hangul
from .english import Span
from .gazetteer import PLACE_TYPES
from .korean import particle_after
from .text import sentences

PRIORITY = {"gazetteer": 6, "person": 5, "quote": 4, "list": 3, "group": 3, "head": 2, "surname": 1}


def norm(s):
    """A name's key as the development set's scorer has it: NFKC, case-folded, a leading 'the ' dropped,
    every character that is not a letter or a digit removed.

    >>> norm("The Busan Techno-Park"), norm("‘부산지산학협력협의회’")
    ('busantechnopark', '부산지산학협력협의회')
    """
    s = unicodedata.normalize("NFKC", s or "").casefold().strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[\W_]+", "", s)


def find(article, gazetteer, analyser=None):
    """Every named span of ARTICLE, overlaps resolved, in text order."""
    text, lang = article.text, article.lang
    spans = []
    for s, e in sentences(text, article.noise):
        spans += _sentence(text, s, e, lang, gazetteer, analyser)
    spans = _resolve(spans)
    if lang != "en":
        return spans
    return _units(text, _confirmed(spans), gazetteer)


UNIT_HEADS = ("Center", "Centre", "Branch", "Headquarters", "Division", "Department", "Bureau", "Office", "Campus")


def _units(text, spans, gazetteer):
    """A body and its unit: "Korea Institute of Robot Convergence (Busan Research Center)" is the unit,
    one name; "Samsung Electronics CR Division" is the company and its division, two."""
    out = []
    covered = []
    for sp in spans:
        if any(a <= sp.start and sp.end <= b for a, b in covered):
            continue
        m = re.match(r" \(([A-Z][\w&' -]{2,60}?)\)", text[sp.end:sp.end + 64])
        if sp.kind in ("gazetteer", "head") and m and m.group(1).split()[-1] in UNIT_HEADS:
            end = sp.end + m.end()
            out.append(Span(sp.start, end, text[sp.start:end], "head", "RegionalUnit",
                            rule=f"a unit in brackets after '{sp.text}'"))
            covered.append((sp.start, end))
            continue
        if sp.kind == "head" and sp.type == "RegionalUnit":
            found = gazetteer.find(sp.text)
            if found and found[0][0] == 0 and found[0][1] < len(sp.text) and len(found[0][3]) == 1:
                gs, ge, key, ents = found[0]
                out.append(Span(sp.start, sp.start + ge, sp.text[:ge], "gazetteer", entities=set(ents), key=key,
                                rule=f"the graph's name '{gazetteer.labels[key]}'"))
                rest = sp.text[ge:].lstrip()
                rs = sp.end - len(rest)
                out.append(Span(rs, sp.end, rest, "head", "RegionalUnit", rule=sp.rule))
                continue
        out.append(sp)
    return out


def _sentence(text, s, e, lang, gazetteer, analyser):
    out = []
    for gs, ge, key, entities in gazetteer.find(text[s:e], lang):
        out.append(Span(s + gs, s + ge, text[s + gs:s + ge], "gazetteer", entities=set(entities), key=key,
                        rule=f"the graph's name '{gazetteer.labels[key]}'"))
    if lang == "ko":
        out += hangul.people(text, s, e)
        out += hangul.phrases(text, s, e, **({"analyser": analyser} if analyser else {}))
        out += hangul.quoted(text, s, e)
        out += hangul.items(text, s, e)
        out += hangul.groups(text, s, e)
        out += english.people(text, s, e)
        masked = [(x.start, x.end) for x in out]
        out += english.heads(text, s, e, masked=masked)
    else:
        people = english.people(text, s, e)
        masked = [(x.start, x.end) for x in people] + [(p.title_start, p.end) for p in people if p.title_start is not None]
        for x in out:
            types = {t for ent in x.entities for t in gazetteer.types.get(ent, [])}
            joined = re.search(r"\s(?:and|&)\s+(?:the\s+)?$", text[s:x.start])
            if joined and not types & PLACE_TYPES:
                masked.append((s + joined.start(), x.start))  # "… Startups and Busan Metropolitan City": two names
            follows = re.match(r"\s+(?:and|&)\s+", text[x.end:e])
            if follows and not types & PLACE_TYPES:
                masked.append((x.end, x.end + follows.end()))  # "Busan Technopark and Pukyong National University"
        out += people
        out += english.heads(text, s, e, masked=masked)
        out += english.quoted(text, s, e)
        out += hangul.items(text, s, e)
        out += english.groups(text, s, e)
    return out


def _resolve(spans):
    """Overlapping spans: the longest wins (a gazetteer name inside a longer name is part of it), then
    the surer kind; people's titles never swallow a name."""
    spans = sorted(spans, key=lambda x: (-(x.end - x.start), -PRIORITY.get(x.kind, 0), x.start))
    kept = []
    for sp in spans:
        same = next((k for k in kept if (k.start, k.end) == (sp.start, sp.end)), None)
        if same is not None and {same.kind, sp.kind} == {"gazetteer", "person"}:
            person, gaz = (same, sp) if same.kind == "person" else (sp, same)
            person.entities, person.key, person.rule = gaz.entities, gaz.key, gaz.rule
            if same is not person:
                kept[kept.index(same)] = person
            continue
        if any(sp.start < k.end and k.start < sp.end for k in kept):
            continue
        kept.append(sp)
    return sorted(kept, key=lambda x: x.start)


def _confirmed(spans):
    """A name found by its head word that ends with a name found elsewhere as such (a quote, the graph)
    is cut to that name: "Busan Launches Crisis Response System" -> the quoted "Crisis Response System"."""
    sure = {norm(x.text): x for x in spans if x.kind in ("quote", "gazetteer", "list")}
    out = []
    for sp in spans:
        if sp.kind == "head":
            words = list(re.finditer(r"\S+", sp.text))
            for w in words[1:]:
                rest = sp.text[w.start():]
                if re.search(r"\d", sp.text[:w.start()]):
                    break  # 50th Meeting: an ordinal makes another name
                if norm(rest) in sure and norm(rest) != norm(sp.text):
                    sp = Span(sp.start + w.start(), sp.end, rest, sp.kind, sp.type, rule=sp.rule)
                    break
        out.append(sp)
    return out


def anaphors(article, spans):
    """Spans that refer back: "the city", "The city", Korean 시 and 도 standing alone before a particle
    (시는, 도가), and a determiner with a head word ("the project", "이번 보고회"): [(start, end, text, what)],
    WHAT the class of what they refer to."""
    text = article.text
    out = []
    taken = [(x.start, x.end) for x in spans]
    if article.lang == "ko":
        for m in re.finditer(r"(?<![\w·])(시|도)(?=[\uac00-\ud7a3]{0,3}(?:\s|$|[,.]))", text):
            p = particle_after(text, m.end())
            if p is not None and not any(a <= m.start() < b for a, b in taken):
                out.append((m.start(), m.end(), m.group(0), "LocalGovernment"))
        for m in re.finditer(r"(?:이번|이|해당|동|본)\s(보고회|회의|협의회|협약|사업|전략|계획|포럼|행사)", text):
            out.append((m.start(), m.end(), m.group(0), m.group(1)))
    else:
        for m in re.finditer(r"\b[Tt]he city\b|\b[Tt]he (?:province|ministry)\b", text):
            out.append((m.start(), m.end(), m.group(0), "LocalGovernment" if "city" in m.group(0) or "province" in
                        m.group(0) else "Ministry"))
        for m in re.finditer(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts) (?:[a-z-]+ ){0,2}?(project|program|programme|meeting|"
                             r"ceremony|event|plan|strategy|agreement|forum|council|committee|initiative)\b", text):
            out.append((m.start(), m.end(), m.group(0), m.group(1)))
    return sorted(out)
