"""A draft (the TriG `kg draft` writes) read as the items a curator decides on, one by one.

Every subject of the source's graph that carries ``rip:draftStatus "proposed"`` is an item: a new
entity, a relation, a claim (money, a count), a period. The names a draft gives existing entities (the
words this article writes for a body the graph holds) are an item per entity. Each item keeps the
quads that state it (blank nodes included), the quote, and the new entities it needs.
"""
import pyoxigraph as ox

from ..errors import DataError
from ..vocab import ID, PREFIXES, shorten

RIP = PREFIXES["rip"]
DRAFT_STATUS = RIP + "draftStatus"  # on draft items only: never written into the data
QUOTE, NOTE, ABOUT = RIP + "quote", RIP + "note", RIP + "about"
PERIOD = RIP + "period"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREF, ALT = PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel"
SOURCE_CLASS = RIP + "Source"
KINDS = {"relation": "relation", "claim": "claim", "period": "period"}


class Item:
    """One decision: KEY (its id, shortened), KIND (entity, names, relation, claim, period), the quads
    that state it, its quote, and NEEDS: the new entities it refers to."""

    def __init__(self, key, kind, subject):
        self.key, self.kind, self.subject = key, kind, subject
        self.quads, self.quote, self.needs = [], None, set()
        self.notes, self.candidates, self.fingerprint = [], [], None

    def values(self, predicate):
        return [q.object for q in self.quads if q.subject == self.subject and q.predicate.value == predicate]

    def first(self, predicate):
        found = self.values(predicate)
        return found[0].value if found else None


class Draft:
    """A parsed draft: its source (IRI, graph, the quads that describe it) and its items in order."""

    def __init__(self, path, source, graph, source_quads, items):
        self.path, self.source, self.graph = path, source, graph
        self.source_quads, self.items = source_quads, items

    def item(self, key):
        return next((i for i in self.items if i.key == key), None)

    def label(self, iri):
        """A new entity's name as the draft gives it (for the lines a curator reads)."""
        for i in self.items:
            if i.subject.value == iri and i.kind == "entity":
                return i.first(PREF) or i.first(ALT)
        return None


def read(path):
    """The Draft in the TriG file at PATH; DataError when it is no draft."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except (SyntaxError, ValueError, OSError) as e:
        raise DataError(path, getattr(e, "lineno", None), f"not a readable draft: {e}") from None
    sources = [q.subject for q in quads if q.predicate.value == RDF_TYPE and q.object.value == SOURCE_CLASS
               and isinstance(q.graph_name, ox.DefaultGraph)]
    if len(sources) != 1:
        raise DataError(path, None, f"a draft describes one source (rip:Source); this file describes {len(sources)}")
    source = sources[0]
    graphs = [q.subject for q in quads if q.predicate.value == PREFIXES["prov"] + "wasDerivedFrom" and q.object == source]
    if len(graphs) != 1:
        raise DataError(path, None, "a draft names the graph of its source (prov:wasDerivedFrom)")
    graph = graphs[0]
    default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    inside = [q for q in quads if q.graph_name == graph]
    return Draft(path, source, graph, default, _items(inside))


def _items(quads):
    proposed = {q.subject for q in quads if q.predicate.value == DRAFT_STATUS}
    by_subject, order = {}, []
    for q in quads:
        if q.subject not in by_subject:
            order.append(q.subject)
        by_subject.setdefault(q.subject, []).append(q)
    items, owner = {}, {}
    for s in order:
        if isinstance(s, ox.BlankNode):
            continue
        if s in proposed:
            kind = _kind(s.value, by_subject[s])
        elif s.value.startswith(ID) and any(q.predicate.value in (PREF, ALT) for q in by_subject[s]):
            kind = "names"  # an existing entity, with the names this article writes for it
        else:
            continue
        item = items[s] = Item(shorten(s.value) if kind != "names" else "names:" + shorten(s.value), kind, s)
        for q in by_subject[s]:
            if q.predicate.value == PERIOD and kind != "period":
                owner[q] = q.object  # "X rip:period per:…": stated by the period's item
                continue
            if q.predicate.value in (DRAFT_STATUS,):
                continue
            if q.predicate.value == NOTE:
                item.notes.append(q.object.value)
                if q.object.value.startswith("near candidate: "):
                    item.candidates.append(q.object.value[len("near candidate: "):].split(" ", 1)[0])
                continue
            item.quads.append(q)
            if q.predicate.value == QUOTE:
                item.quote = q.object.value
        _blank_nodes(item, by_subject)
    for q, period in owner.items():
        if period in items:
            items[period].quads.append(q)
    new = {s.value for s, i in items.items() if i.kind == "entity"}
    labels = {s.value: i.first(PREF) or "" for s, i in items.items() if i.kind == "entity"}
    for item in items.values():
        item.fingerprint = _fingerprint(item, labels)
        item.needs = {q.object.value for q in item.quads if isinstance(q.object, ox.NamedNode) and q.object.value in new}
        item.needs |= {q.subject.value for q in item.quads if q.subject.value in new and q.subject != item.subject}
    return list(items.values())


def _fingerprint(item, labels):
    """What ITEM states, without the draft's ids (new entities by their names, blank nodes left out):
    the same statement in a re-drafted article has the same fingerprint under another number."""
    from hashlib import blake2b  # only for kg review

    def said(term):
        if isinstance(term, ox.BlankNode):
            return "_"
        return "new:" + labels[term.value] if term.value in labels else term.value

    subject = said(item.subject) if item.kind in ("entity", "names") else item.kind
    lines = sorted(f"{said(q.subject) if q.subject != item.subject else subject} {q.predicate.value} {said(q.object)}"
                   for q in item.quads)
    return blake2b("\n".join(lines).encode(), digest_size=8).hexdigest()


def _blank_nodes(item, by_subject):
    """The quads of the blank nodes ITEM's quads point to (a period's beginning and end), depth first."""
    todo = [q.object for q in item.quads if isinstance(q.object, ox.BlankNode)]
    while todo:
        b = todo.pop()
        for q in by_subject.get(b, ()):
            item.quads.append(q)
            if isinstance(q.object, ox.BlankNode):
                todo.append(q.object)


def _kind(iri, quads):
    local = iri[len(ID):] if iri.startswith(ID) else ""
    head = local.split("/", 1)[0]
    if head in KINDS:
        return KINDS[head]
    return "entity"
