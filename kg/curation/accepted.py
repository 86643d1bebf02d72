"""The accepted items of a reviewed draft as ordinary data: one TriG file with the source and, in its
graph, every accepted statement with its quote; no draft markers, ids without their ``draft-`` part,
a new entity linked to an existing one written as that entity's name.
"""
import os
import re
import tempfile

import pyoxigraph as ox

from ..vocab import PREFIXES
from .items import ALT, NOTE, PREF, RDF_TYPE

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

CLAIM_NEEDS = ("about", "claimProperty")
_DRAFT_ID = re.compile(r"^(https://w3id\.org/rip-kg/(?:id/[a-z]+|graph)/)draft-")


def accepted_quads(draft, decisions):
    """(quads to write, [(item key, why it was held back)]).

    An item is written when accepted and every new entity it refers to is accepted too (or linked to an
    existing entity); otherwise it is held back, and said so."""
    links, kept = {}, {}
    for item in draft.items:
        entry = decisions.get(item.key) or {}
        if entry.get("decision") != "accept":
            continue
        if item.kind == "entity" and entry.get("link"):
            links[item.subject.value] = expand(entry["link"])
        kept[item.key] = item
    new_ok = {i.subject.value for i in kept.values() if i.kind == "entity"}
    out, held = [], []
    for item in draft.items:
        if item.key not in kept:
            continue
        missing = sorted(n for n in item.needs if n not in new_ok)
        if missing:
            held.append((item.key, "it needs " + ", ".join(draft.label(m) or m for m in missing) + ", not accepted"))
            continue
        lacking = [p for p in CLAIM_NEEDS if item.kind == "claim" and not item.first(PREFIXES["rip"] + p)]
        if lacking:  # the draft could not tell what the figure is about, or what it counts
            held.append((item.key, f"the draft gives no rip:{' or rip:'.join(lacking)}: add it to the draft, or reject it"))
            continue
        entry = decisions.get(item.key) or {}
        for q in item.quads:
            q = _edited(q, item, entry, links)
            if q is not None:
                out.append(q)
    rename = _renamer(links)
    return [ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name)) for q in out], held


def _edited(q, item, entry, links):
    """Q as the curator's edits have it: another type, or the entity linked (its names kept as altLabel)."""
    p = q.predicate.value
    if item.kind == "entity" and item.subject.value in links:
        if p == RDF_TYPE:
            return None  # the existing entity has its type
        if p == PREF:
            return ox.Quad(q.subject, ox.NamedNode(ALT), q.object, q.graph_name)
    if p == RDF_TYPE and entry.get("type") and q.subject == item.subject:
        return ox.Quad(q.subject, q.predicate, ox.NamedNode(expand(entry["type"])), q.graph_name)
    if item.kind == "names" and entry.get("link") and q.subject == item.subject:
        return ox.Quad(ox.NamedNode(expand(entry["link"])), q.predicate, q.object, q.graph_name)
    if p == NOTE and str(q.object.value).startswith(("near candidate: ", "found by ")):
        return None
    return q


def _renamer(links):
    def rename(term):
        if isinstance(term, ox.NamedNode):
            value = links.get(term.value, term.value)
            return ox.NamedNode(_DRAFT_ID.sub(r"\1", value))
        return term
    return rename


def renamed(iri):
    """IRI as the data has it: without the draft- part of its id."""
    return _DRAFT_ID.sub(r"\1", iri)


def expand(text):
    """An id as typed (ag:busan-city, rip:University, or a full IRI) as an IRI."""
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def write(draft, decisions, path):
    """Write the accepted items (and the source) to PATH as TriG; returns (count of statements, held)."""
    quads, held = accepted_quads(draft, decisions)
    rename = _renamer({})
    source = [ox.Quad(rename(q.subject), q.predicate, rename(q.object), q.graph_name) for q in draft.source_quads
              if q.predicate.value != PREFIXES["rip"] + "draftStatus"]
    said = PREFIXES["rip"] + "machineTranslated"
    if not any(q.predicate.value == said for q in draft.source_quads):
        # The shapes want it said; the text did not: recorded as staff-written, and the note says why.
        src = rename(draft.source)
        source += [ox.Quad(src, ox.NamedNode(said), ox.Literal("false", datatype=ox.NamedNode(XSD_BOOLEAN)), ox.DefaultGraph()),
                   ox.Quad(src, ox.NamedNode(NOTE), ox.Literal("machine translation not stated in the text; "
                                                               "recorded as false at review"), ox.DefaultGraph())]
    prefixes = {k: v for k, v in PREFIXES.items()}
    body = ox.serialize(source + quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    header = (f"# Accepted by kg review from {draft.path}: each statement with the words that state it (rip:quote).\n"
              f"# The curator's decisions (who, when) are in the review file beside the draft.\n")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header.encode() + body)
        os.replace(tmp, path)  # never half a file: a crash leaves the old one or the new one
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return len(quads), held
