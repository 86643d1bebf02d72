"""A draft's items as the lines a curator reads in `kg review`."""
import pyoxigraph as ox

from ..render.text import money
from ..vocab import PREFIXES, shorten
from .items import ABOUT, ALT, PREF, RDF_TYPE

RIP, SCHEMA, TIME = PREFIXES["rip"], PREFIXES["schema"], PREFIXES["time"]
ROLE, AGENT, TARGET = PREFIXES["prov"] + "hadRole", PREFIXES["prov"] + "agent", RIP + "target"


def item_lines(session, item, names):
    """The item's lines: what it states, its quote, its candidates and notes. NAMES: id -> label of the
    graph's entities (for the ids an item refers to)."""
    draft = session.draft

    def name(iri):
        return draft.label(iri) or names.get(iri) or shorten(iri)

    n = f"[{session.number(item)}/{len(draft.items)}]"
    if item.kind == "entity":
        types = ", ".join(shorten(t.value) for t in item.values(RDF_TYPE))
        head = f"{n} new entity: {item.first(PREF)} [{types}]"
        others = [o.value for o in item.values(ALT)]
        if others:
            head += "\n    also written: " + ", ".join(others)
    elif item.kind == "names":
        head = (f"{n} names of {name(item.subject.value)} ({shorten(item.subject.value)}) as this article writes them: "
                + ", ".join(o.value for o in item.values(ALT) + item.values(PREF)))
    elif item.kind == "relation":
        role = shorten(item.first(ROLE) or "").replace("rip:role-", "")
        head = f"{n} relation: {name(item.first(AGENT))} -{role}-> {name(item.first(TARGET))}"
    elif item.kind == "claim":
        value, currency = item.first(SCHEMA + "value"), item.first(SCHEMA + "currency")
        what = shorten(item.first(RIP + "claimProperty") or "rip:quantity").replace("rip:", "")
        shown = money(_number(value), currency) if currency else value
        head = f"{n} {what}: {shown} (\"{item.first(RIP + 'asWritten')}\")"
        if item.first(ABOUT):
            head += f" about {name(item.first(ABOUT))}"
    else:
        of = [q.subject.value for q in item.quads if q.predicate.value == RIP + "period" and isinstance(q.subject, ox.NamedNode)]
        years = [_year(item, end) for end in ("hasBeginning", "hasEnd")]
        years = [y for y in years if y]
        head = f"{n} period: {'-'.join(years) or '?'} (\"{item.first(RIP + 'asWritten')}\")"
        if of:
            head += " of " + ", ".join(name(o) for o in of)
    lines = [head]
    if item.quote:
        lines.append(f'    "{item.quote}"')
    for c in item.candidates:
        lines.append(f"    near candidate: {c} ({names.get(_iri(c), '?')})")
    for note in item.notes:
        if not note.startswith(("near candidate: ",)):
            lines.append(f"    note: {note}")
    decided = session.decisions.get(item.key)
    if decided:
        lines.append(f"    decided: {decided['decision']} by {decided['by']} at {decided['at']}")
    return lines


def _year(item, end):
    """The year a period's beginning or end states (through its blank node)."""
    nodes = [q.object for q in item.quads if q.subject == item.subject and q.predicate.value == TIME + end]
    return next((q.object.value for q in item.quads if nodes and q.subject == nodes[0] and q.predicate.value == TIME + "inXSDgYear"), None)


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return float(text)


def _iri(compact):
    prefix, _, local = compact.partition(":")
    return PREFIXES.get(prefix, prefix + ":") + local
