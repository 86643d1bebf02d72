"""The whole graph as RDF: every user graph (the name index left out), sorted, in one format."""
import pyoxigraph as ox

from .errors import QueryError
from .query.results import GRAPH_FORMATS
from .vocab import PREFIXES


def export(graph, fmt):
    """The whole graph without the name index, as bytes in FMT (ttl, nt, jsonld flatten the graphs)."""
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use ttl, trig, nq, nt, jsonld or xml")
    quads = list(graph.quads(what="kg export"))
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    if fmt in ("trig", "nq"):
        return ox.serialize(quads, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)
    triples, seen = [], set()
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t not in seen:
            seen.add(t)
            triples.append(t)
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None)
