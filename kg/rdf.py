"""The whole graph as RDF: every user graph (the name index left out), sorted, in one format; or the
complete dump (``kg export --complete``): every graph kg push sends, streamed, for a server's bulk loader."""
import pyoxigraph as ox

from .errors import QueryError
from .query.results import GRAPH_FORMATS
from .vocab import PREFIXES

COMPLETE_FORMATS = ("nq", "trig")  # the dataset formats: each graph stays the named graph it is


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


def export_complete(graph, fmt, output):
    """Write what ``kg push`` sends to OUTPUT (a path or a binary file): the sources, the ontology, the
    derived shortcuts and the name index, each in its named graph, as N-Quads or TriG. Streamed by the
    store, never held in memory: the file a server's bulk loader reads (Virtuoso's ld_dir,
    ``oxigraph load``, Fuseki's tdb2.tdbloader, GraphDB's importrdf).

    >>> export_complete(None, "ttl", "x.ttl")
    Traceback (most recent call last):
    kg.errors.QueryError: kg export --complete writes every named graph: use --format nq or trig, not ttl
    """
    if fmt not in COMPLETE_FORMATS:
        raise QueryError(f"kg export --complete writes every named graph: use --format nq or trig, not {fmt}")
    graph.dump_complete(output, GRAPH_FORMATS[fmt])
