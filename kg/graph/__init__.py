"""The graph kg answers from: one interface (kg.graph.base.Graph), two backends.

- kg.graph.embedded: the store built from the data files into the cache (the default);
- kg.graph.remote: a SPARQL 1.1 server that ``kg push`` loaded (``--endpoint``, $KG_ENDPOINT, config).

``open_graph`` is the one factory; nothing outside the two backends asks which one it holds.
"""
from .embedded import EmbeddedGraph, open_embedded
from .settings import Endpoint, settings


def open_graph(data=(), *, endpoint=None, strict=False, progress=None):
    """The graph: the SPARQL server ENDPOINT (an Endpoint or a URL) when given, else the embedded store
    of the shipped data plus the data directories DATA (built on first use, rebuilt when a file changes).

    The embedded store answers from its last good build, with a warning, when a data file is broken,
    unless STRICT (then the DataError is raised).
    """
    if endpoint is None:
        return open_embedded(data, strict=strict, progress=progress)
    # Only with a server: the HTTP client (urllib.request, ssl) costs ~10 ms a cold lookup never needs.
    from .remote import open_remote

    return open_remote(endpoint if isinstance(endpoint, Endpoint) else Endpoint(endpoint))


__all__ = ["open_graph", "settings", "Endpoint", "EmbeddedGraph"]
