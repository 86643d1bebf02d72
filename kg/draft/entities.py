"""One entity per body: the spans of an article put together (the same graph entity, the same name, an
acronym and its name, a family name and the person), linked or proposed as new, typed and quoted.

>>> e = Entity(0)
>>> e.add(Span(0, 10, "Busan City", "gazetteer"))
>>> e.add(Span(20, 42, "Busan Metropolitan City", "gazetteer"))
>>> e.mention, e.others
('Busan Metropolitan City', ['Busan City'])
"""
import re

from . import link
from .english import Span, acronym_after
from .gazetteer import PLACE_TYPES
from .mentions import anaphors, norm
from .text import clause, sentence_at, sentences

POST_TITLES = {"Mayor": "Mayor", "시장": "Mayor", "Governor": "Governor", "Gov.": "Governor", "도지사": "Governor",
               "지사": "Governor"}


class Entity:
    """One body of the article: its spans, its link or its candidates."""

    def __init__(self, index):
        self.index = index
        self.spans = []
        self.kg = None
        self.rule = ""
        self.candidates = []
        self.type = None
        self.sure = True
        self.extra = {}

    def add(self, span):
        self.spans.append(span)

    @property
    def forms(self):
        """Every surface form, in order of first appearance."""
        out = []
        for sp in sorted(self.spans, key=lambda s: s.start):
            if sp.text not in out:
                out.append(sp.text)
        return out

    @property
    def mention(self):
        """The fullest form: the longest name, one without quote marks or a title first."""
        forms = [s for s in self.spans if s.kind not in ("surname", "anaphor", "titled")] or self.spans
        best = max(forms, key=lambda s: (not re.search(r"[‘’'“”\"]", s.text), len(norm(s.text)), -s.start))
        return best.text

    @property
    def others(self):
        main = self.mention
        return [f for f in self.forms if f != main]

    def first(self, text=None):
        main = self.mention
        return min((s for s in self.spans if s.text == main), key=lambda s: s.start)


def build(article, spans, gazetteer, graph):
    """[Entity] of the article's SPANS, linked (see kg.draft.link)."""
    text = article.text
    groups, order = {}, []

    def group(key):
        if key not in groups:
            groups[key] = Entity(len(order))
            order.append(key)
        return groups[key]

    places, persons, surnames = [], [], []
    for sp in spans:
        if sp.kind == "surname":
            surnames.append(sp)
            continue
        if sp.kind == "gazetteer" or (sp.kind == "person" and len(sp.entities) == 1):
            ents = sorted(sp.entities)
            if ents and all(set(gazetteer.types.get(e, [])) & PLACE_TYPES and "IndustrialComplex"
                            not in gazetteer.types.get(e, []) for e in ents):
                places.append(sp)
                continue
            if len(ents) == 1:
                g = group(("kg", ents[0]))
                g.kg, g.rule = ents[0], sp.rule
                g.add(sp)
                if sp.kind == "person":
                    persons.append((sp, g))
                continue
            g = group(("name", norm(sp.text)))
            g.candidates = ents
            g.rule = f"{sp.rule}: {len(ents)} entities have it, not linked"
            g.sure = False
            g.add(sp)
            continue
        if sp.type in PLACE_TYPES and sp.kind == "head":
            continue  # venues and districts: places the development set leaves optional
        key = ("name", norm(re.sub(r"\s*\(([A-Z][\w&\-]{1,9})\)$", "", sp.text)))
        g = group(key)
        g.add(sp)
        if sp.kind == "person":
            persons.append((sp, g))

    # acronyms: "Korea Federation of … (K-Biz)", "지역혁신중심 대학지원체계(RISE)", "RISE stands for …"
    aliases = {}
    for key in list(order):
        g = groups[key]
        for sp in list(g.spans):
            inner = re.search(r"\(([A-Z][\w&\-]{1,9})\)$", sp.text)
            after = acronym_after(text, sp.end)
            acr = inner.group(1) if inner else (text[after[0]:after[1]] if after else None)
            if acr and acr not in aliases:
                aliases[acr] = key
                if after and not inner:
                    full = text[sp.start:after[1] + 1]
                    g.add(Span(sp.start, after[1] + 1, full, "acronym"))
    for m in re.finditer(r"\b([A-Z][A-Za-z&]{1,9})\s+(?:stands for|is short for|is an abbreviation of)\s+", text):
        acr = m.group(1)
        target = next((k for k in order if any(s.start == m.end() for s in groups[k].spans)), None)
        source = ("name", norm(acr))
        if target and source in groups and source != target:
            _merge(groups, order, target, source)
        elif target:
            aliases.setdefault(acr, target)
    for acr, key in aliases.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            if any(s.start <= m.start() < s.end for k in order for s in groups[k].spans):
                continue
            groups[key].add(Span(m.start(), m.end(), acr, "acronym"))
        bare = ("name", norm(acr))
        if bare in groups and bare != key:
            _merge(groups, order, key, bare)

    # a family name with a title (Mayor Park) is the person named in full with that family name
    for sp in surnames:
        family = sp.text.split()[-1]
        same = [g for s, g in persons if s.text.split()[0] == family]
        if not same:
            same = [groups[k] for k in order if groups[k].kg and any(
                s.kind == "gazetteer" and s.text.split()[0] == family for s in groups[k].spans)]
        if len({id(g) for g in same}) == 1:
            same[0].add(Span(sp.start, sp.end, sp.text, "surname", title=sp.title, title_start=sp.title_start,
                             role=sp.role))

    # link what the gazetteer did not: the resolver's exact and order levels
    for key in list(order):
        g = groups.get(key)
        if g is None or g.kg or g.candidates:
            continue
        iri, rule, near = link.resolve(graph, g.mention)
        if iri:
            other = ("kg", iri)
            if other in groups:
                _merge(groups, order, other, key)
                continue
            g.kg, g.rule = iri, rule
        else:
            g.candidates, g.rule = near, rule or g.spans[0].rule
            g.sure = g.sure and not near

    # places: the city they name, or nothing (venues and areas are optional)
    for sp in places:
        for key in order:
            g = groups[key]
            if g.kg and "LocalGovernment" in gazetteer.types.get(g.kg, []) and norm(g.mention).startswith(norm(sp.text)):
                g.add(Span(sp.start, sp.end, sp.text, "place"))
                break

    entities = [groups[k] for k in order]
    _posts(article, entities, gazetteer)
    for e in entities:
        _type(e, gazetteer, article)
    _anaphors(article, entities)
    for i, e in enumerate(entities):
        e.index = i
        e.quote = _quote(text, article, e)
    return entities


def _merge(groups, order, into, other):
    a, b = groups[into], groups.pop(other)
    for sp in b.spans:
        a.add(sp)
    order.remove(other)


def _posts(article, entities, gazetteer):
    """The post a titled person holds, when the graph knows it for a body of the article (Mayor Park ->
    the Mayor of Busan, when the article names Busan City): a Post entity, linked."""
    governments = [e for e in entities if e.kg and "LocalGovernment" in gazetteer.types.get(e.kg, [])]
    made = {}
    for e in list(entities):
        for sp in e.spans:
            if sp.kind not in ("person", "surname") or not sp.title:
                continue
            word = sp.title.split()[-1]
            base = POST_TITLES.get(word) or next((v for k, v in POST_TITLES.items() if word.endswith(k) and
                                                  re.search(r"[\uac00-\ud7a3]", k)), None)
            if not base:
                continue
            place = _title_place(article, sp, word)
            for gov in governments:
                if place and not any(place in n.casefold() for n in gazetteer.names.get(gov.kg, [])):
                    continue  # "Mayor Park Hyun-joon of Ulsan", "울산시장": not the post of Busan named elsewhere
                for post in gazetteer.posts.get(gov.kg, []):
                    if any(n.startswith(base) for n in gazetteer.names.get(post, [])):
                        title_span = Span(sp.title_start, sp.title_start + len(sp.title), sp.title, "post")
                        if title_span.text.endswith(("시장", "지사")) and len(title_span.text.split()) > 1:
                            last = title_span.text.split()[-1]
                            title_span = Span(sp.title_start + title_span.text.rindex(last), title_span.end, last, "post")
                        p = made.get(post) or next((x for x in entities if x.kg == post), None)
                        if p is None:
                            p = made[post] = Entity(len(entities))
                            p.kg, p.rule = post, f"the post of '{sp.title}' in {gov.mention} (org:postIn)"
                            entities.append(p)
                        if not any((x.start, x.end) == (title_span.start, title_span.end) for x in p.spans):
                            p.add(title_span)
                        made[post] = p
                        sp.post = p
                        sp.government = gov


def _title_place(article, sp, word):
    """The place a title names, if it names one: 울산 in 울산시장, Ulsan in "Mayor X of Ulsan" or
    "Ulsan Mayor X" (casefolded), else ""."""
    m = re.match(r"([\uac00-\ud7a3]+?)(?:광역시|특별시|시|도)?(?:시장|지사|도지사)$", word)
    if m and m.group(1):
        return m.group(1)
    after = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w-]+)", article.text[sp.end:sp.end + 60])
    if after:
        return after.group(1).casefold()
    words = sp.title.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0].casefold() not in ("vice", "deputy", "former", "the"):
        return words[0].casefold()
    return ""


def _type(e, gazetteer, article):
    if e.kg:
        types = gazetteer.types.get(e.kg, [])
        if "Person" in types:
            e.type = "Person"
        elif "Post" in types:
            e.type = "Post"
        else:
            e.type = gazetteer.type_of(e.kg)
    if not e.type:
        main = e.mention
        typed = [s.type for s in e.spans if s.type and s.text == main] + [s.type for s in e.spans if s.type]
        e.type = typed[0] if typed else None
    if not e.type:
        if article.lang == "ko":
            e.type = "Goal" if e.spans[0].kind == "quote" and re.search(r"목표|비전|도약|미래", e.mention) else "Programme"
        else:
            e.type = "Programme"


def _anaphors(article, entities):
    """Add "the city", 시, 도 to the one local government they can mean, and keep the rest (the project,
    이번 보고회) for the relations: each refers to the last entity of its kind before it."""
    spans = [s for e in entities for s in e.spans]
    article.anaphors = []
    for s, e, t, what in anaphors(article, spans):
        if what == "LocalGovernment":
            govs = [x for x in entities if x.type == "LocalGovernment" and (
                (t.endswith(("city", "시")) and re.search(r"City|Metropolitan|Busan|시$|광역시", x.mention)) or
                (t.endswith(("province", "도")) and re.search(r"Province|도$", x.mention)))]
            if len(govs) == 1:
                govs[0].add(Span(s, e, t, "anaphor"))
                continue
        article.anaphors.append((s, e, t, what))


def _quote(text, article, e):
    first = e.first()
    spans = sentences(text, article.noise)
    sent = sentence_at(spans, first.start) or (first.start, first.end)
    return clause(text, sent, first.start, first.end, 200)
