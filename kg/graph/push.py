"""``kg push``: the embedded store into a SPARQL server, graph by graph, by the Graph Store Protocol;
or, for a large graph, by the server's own bulk loader (``kg push --bulk DIR``).

Every graph of the built store goes up as the named graph it is (one per source, the ontology, the
derived shortcuts and the name index), so the server answers kg's queries as the embedded store
does. Triples of the default graph go to the named graph ``gr:default``, since servers differ on
what their default graph is (Virtuoso has none of its own to write to).

The data sent was parsed and validated when the store was built, and is written out by the store as
N-Triples, so a server never receives a broken file (a broken PUT on Virtuoso deletes the graph it
was replacing). A graph larger than CHUNK is sent as one PUT and then POSTs (merges) of CHUNK bytes,
unless it has blank nodes, which must travel in one request to stay the same nodes.

The bulk path writes the complete dump (``kg export --complete``: every graph above, each in its named
graph, as N-Quads) into a directory the server reads, runs the server's loader where kg can (Virtuoso:
``ld_dir`` and ``rdf_loader_run`` through its authenticated SPARQL endpoint) and otherwise gives the
steps (``oxigraph load``, Fuseki's ``tdb2.tdbloader``, GraphDB's ``importrdf``); ``kg push --check``
then compares the server with the store, graph by graph, as after a push.
"""
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from ..errors import KGError, RemoteError
from ..vocab import DEFAULT_GRAPH
from .remote import RemoteGraph
from .settings import Endpoint

CHUNK = 16 * 1024 * 1024
_NQUADS = ox.RdfFormat.N_QUADS


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


def check(remote, expected, after="the push"):
    """Compare the triples per graph on the server with what was sent; RemoteError on a difference."""
    held = remote.graph_sizes()
    wrong = [(g, n, held.get(g, 0)) for g, n in expected.items() if held.get(g, 0) != n]
    if wrong:
        g, n, m = wrong[0]
        more = sum(1 for _, n, m in wrong if m > n)
        why = (f"; {more} hold more than was sent: the loader adds to what a server holds (an earlier load?), so "
               "clear kg's graphs first, or use kg push, which replaces each graph" if more else "")
        raise RemoteError(f"after {after}, {len(wrong):,} graph(s) differ on the server, e.g. <{g}>: "
                          f"{n:,} triples sent, {m:,} held{why}")
    return len(expected)


def check_only(graph, endpoint):
    """``kg push --check``: does the server hold every graph of the embedded GRAPH, triple for triple?"""
    started = time.perf_counter()
    expected = graph.graph_sizes()
    checked = check(RemoteGraph(endpoint), expected, "the load")
    return {"store": endpoint.display, "graphs": checked, "triples": sum(expected.values()),
            "seconds": round(time.perf_counter() - started, 2)}


LOADERS = ("virtuoso", "oxigraph", "fuseki", "graphdb")
DUMP_NAME = "kg-complete-{stamp}.nq"  # a new name each time: Virtuoso's ld_dir skips a file it has loaded


def bulk(graph, endpoint, directory, *, loader=None, server_dir=None, progress=None):
    """``kg push --bulk DIR``: the complete dump into DIRECTORY, then the server's bulk loader (run here
    on Virtuoso; the steps otherwise), then the check. LOADER: one of LOADERS, else told by the server's
    answers; SERVER_DIR: DIRECTORY as the server sees it (a container's volume). A summary dict."""
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = directory / DUMP_NAME.format(stamp=time.strftime("%Y%m%d-%H%M%S"))
    if progress:
        progress(f"writing {path}")
    tmp = path.with_name(path.name + ".part")
    graph.dump_complete(str(tmp), _NQUADS)
    tmp.rename(path)  # a loader watching the directory never sees half a file
    expected = graph.graph_sizes()
    summary = {"file": str(path), "bytes": path.stat().st_size, "graphs": len(expected),
               "triples": sum(expected.values()), "dump_seconds": round(time.perf_counter() - started, 2)}
    remote = RemoteGraph(endpoint) if endpoint is not None and endpoint.url else None
    kind = loader or (_server_kind(remote) if remote is not None else None)
    seen = Path(server_dir) / path.name if server_dir else path
    summary.update(loader=kind, steps=steps(kind, seen), checked=None)
    if kind == "virtuoso" and remote is not None:
        if progress:
            progress(f"loading it with Virtuoso's bulk loader (ld_dir, rdf_loader_run) at {_auth_url(endpoint.url)}")
        loaded = time.perf_counter()
        _virtuoso_load(endpoint, seen)
        summary["load_seconds"] = round(time.perf_counter() - loaded, 2)
        summary["checked"] = check(remote, expected, "the bulk load")
        summary["steps"] = []
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


def steps(kind, path):
    """The shell steps that load the dump at PATH with the bulk loader of server KIND (None: every kind).

    >>> steps("oxigraph", "/data/kg.nq")[0]
    'oxigraph load --location STORE_DIR --file /data/kg.nq    # with the server stopped (it holds the store)'
    """
    path = Path(path)
    by_kind = {
        "virtuoso": [f"isql-vt 1111 dba PASSWORD \"EXEC=ld_dir('{path.parent}', '{path.name}', '{DEFAULT_GRAPH}'); "
                     "rdf_loader_run(); checkpoint;\"    # DirsAllowed in virtuoso.ini must list the directory"],
        "oxigraph": [f"oxigraph load --location STORE_DIR --file {path}    # with the server stopped (it holds the store)",
                     "oxigraph serve --location STORE_DIR --union-default-graph"],
        "fuseki": [f"tdb2.tdbloader --loc DATABASE_DIR {path}    # with Fuseki stopped",
                   "fuseki-server --tdb2 --loc DATABASE_DIR --set tdb:unionDefaultGraph=true /kg"],
        "graphdb": [f"importrdf preload --force -i REPOSITORY {path}    # with GraphDB stopped; the repository's "
                    "default graph must be the union (GraphDB's is)"],
    }
    if kind is None:
        return [line for k in LOADERS for line in by_kind[k]]
    return by_kind[kind]


def _server_kind(remote):
    """'virtuoso', 'oxigraph', 'fuseki', 'graphdb' from the server's Server header, else None."""
    try:
        remote.request("GET", remote.endpoint.url, params=[("query", "ASK {}")],
                       headers={"Accept": "application/sparql-results+json"})
    except KGError:
        return None
    server = (remote.server or "").lower()
    return next((k for k in LOADERS if k in server), None)


def _auth_url(url):
    """Virtuoso's SPARQL endpoint for an authenticated user, on the server of URL.

    >>> _auth_url("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql-auth'
    """
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/sparql-auth", "", ""))


LOAD_TIMEOUT = 24 * 3600  # seconds: rdf_loader_run answers when the whole file is in


def _virtuoso_load(endpoint, path):
    """Virtuoso's bulk loader on the dump at PATH (a path the server reads), through /sparql-auth as the
    configured user (it needs EXECUTE on DB.DBA.ld_dir and rdf_loader_run, which dba has)."""
    if not endpoint.user:
        raise RemoteError("Virtuoso's bulk loader runs as a user with the right to run it (dba): set user and "
                          "password (the config file, $KG_ENDPOINT_USER, $KG_ENDPOINT_PASSWORD), or run the "
                          f"steps yourself: {steps('virtuoso', path)[0]}")
    url = _auth_url(endpoint.url)
    auth = RemoteGraph(Endpoint(url, store=url, user=endpoint.user, password=endpoint.password, timeout=LOAD_TIMEOUT))
    for call in (f"<sql:ld_dir>({_string(path.parent)}, {_string(path.name)}, {_string(DEFAULT_GRAPH)})",
                 "<sql:rdf_loader_run>()", "bif:exec('checkpoint')"):
        try:
            auth.request("POST", url, params=[("query", f"SELECT ({call} AS ?done) WHERE {{}}")],
                         headers={"Accept": "application/sparql-results+json"})
        except KGError as e:
            hint = (" (the directory must be listed in DirsAllowed of virtuoso.ini, and readable by the server: "
                    "--server-dir gives its path as the server sees it)" if "ld_dir" in call else "")
            raise RemoteError(f"Virtuoso's bulk loader failed at {call.split('>')[0].split('(')[0].lstrip('<')}: {e}{hint}. "
                              f"The steps by hand: {steps('virtuoso', path)[0]}") from None


def _string(value):
    return str(ox.Literal(str(value)))


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
