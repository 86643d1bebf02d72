"""``kg push``: the embedded store into a SPARQL server, graph by graph, by the Graph Store Protocol.

Every graph of the built store goes up as the named graph it is (one per source, the ontology, the
derived shortcuts and the name index), so the server answers kg's queries as the embedded store
does. Triples of the default graph go to the named graph ``gr:default``, since servers differ on
what their default graph is (Virtuoso has none of its own to write to).

The data sent was parsed and validated when the store was built, and is written out by the store as
N-Triples, so a server never receives a broken file (a broken PUT on Virtuoso deletes the graph it
was replacing). A graph larger than CHUNK is sent as one PUT and then POSTs (merges) of CHUNK bytes,
unless it has blank nodes, which must travel in one request to stay the same nodes.
"""
import time

import pyoxigraph as ox

from ..errors import RemoteError
from ..vocab import DEFAULT_GRAPH
from .remote import RemoteGraph

CHUNK = 16 * 1024 * 1024


def push(graph, endpoint, *, progress=None):
    """Put every graph of the embedded GRAPH into ENDPOINT's Graph Store; a summary dict."""
    if not endpoint.store:
        raise RemoteError("kg push needs the server's Graph Store Protocol URL: --store URL, $KG_STORE_ENDPOINT, "
                          "or store = ... in the config file (Virtuoso: .../sparql-graph-crud-auth, "
                          "Oxigraph: .../store, Fuseki: .../data)")
    names = graph.stored_graphs("kg push")
    remote = RemoteGraph(endpoint)
    started = time.perf_counter()
    sent_triples = sent_bytes = graphs = 0
    expected = {}
    for i, g in enumerate(names, 1):
        data = graph.dump(g)
        if not data:
            continue
        target = DEFAULT_GRAPH if isinstance(g, ox.DefaultGraph) else g.value
        triples = data.count(b"\n")
        for n, chunk in enumerate(_chunks(data)):
            status, _, answer = remote.request("PUT" if n == 0 else "POST", endpoint.store, params=[("graph", target)],
                                               body=chunk, headers={"Content-Type": "text/turtle"}, what="store")
            if status not in (200, 201, 204):
                raise RemoteError(f"{endpoint.store} answered HTTP {status} to the write of <{target}>")
        graphs += 1
        expected[target] = triples
        sent_triples += triples
        sent_bytes += len(data)
        if progress and (i % 500 == 0 or i == len(names)):
            progress(f"{i:,}/{len(names):,} graphs, {sent_triples:,} triples, {sent_bytes / 1e6:,.1f} MB sent")
    summary = {"store": endpoint.store, "graphs": graphs, "triples": sent_triples, "bytes": sent_bytes,
               "seconds": round(time.perf_counter() - started, 2)}
    if endpoint.url:
        summary["checked"] = check(remote, expected)
    return summary


def check(remote, expected):
    """Compare the triples per graph on the server with what was sent; RemoteError on a difference."""
    held = {r["g"]: r["n"] for r in remote.rows(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    wrong = [(g, n, held.get(g, 0)) for g, n in expected.items() if held.get(g, 0) != n]
    if wrong:
        g, n, m = wrong[0]
        raise RemoteError(f"after the push, {len(wrong)} graph(s) differ on the server, e.g. <{g}>: "
                          f"{n:,} triples sent, {m:,} held")
    return len(expected)


def _chunks(data):
    if len(data) <= CHUNK or b"_:" in data:
        yield data
        return
    start = 0
    while start < len(data):
        end = data.rfind(b"\n", start, start + CHUNK) + 1 or len(data)
        if end <= start:
            end = data.index(b"\n", start) + 1
        yield data[start:end]
        start = end
