"""kg: a knowledge graph of Korean regional industrial policy.

The same answers as the command line, as plain Python values::

    import kg
    kg.who_leads("E-Mobility laser")
    kg.leads("Park Hyungjun")
    kg.show("Digital Innovation Busan Special Committee")
    kg.search("technopark")
    kg.sparql("SELECT ?s WHERE { ?s a rip:Plan }")
    kg.validate()

Every function takes ``data=[DIR, ...]`` to add the user's data directories to the shipped ones.
Heavy modules load only when a function needs them.
"""
__version__ = "0.1.0"

from .errors import Ambiguous, DataError, KGError, NotFound, QueryError  # noqa: F401

__all__ = [
    "open_graph", "who_leads", "leads", "show", "search", "sparql", "validate", "stats", "export",
    "centrality", "partners", "path", "brokers", "communities",
    "KGError", "NotFound", "Ambiguous", "DataError", "QueryError",
]


def open_graph(data=(), *, strict=False):
    """The graph (built on first use); see kg.store.open_graph."""
    from .store import open_graph as _open

    return _open(data, strict=strict)


def _graph(graph, data):
    return graph if graph is not None else open_graph(data)


def who_leads(name, *, data=(), graph=None):
    """Who leads, chairs, heads or coordinates the entity NAME; a dict with 'entity' and 'leaders'."""
    from . import lookup

    return lookup.who_leads(_graph(graph, data), name)


def leads(name, *, data=(), graph=None):
    """What NAME (a person, post or organisation, through its units too) leads; a dict."""
    from . import lookup

    return lookup.leads(_graph(graph, data), name)


def show(name, *, data=(), graph=None):
    """Everything about one entity: types, names, relations, money, periods, targets, sources."""
    from . import lookup

    return lookup.show(_graph(graph, data), name)


def search(text, *, limit=10, data=(), graph=None):
    """Ranked candidate entities for TEXT, each a dict with id, label, types and score."""
    from . import lookup

    return lookup.search(_graph(graph, data), text, limit=limit)


def sparql(query, *, data=(), graph=None):
    """Run a SPARQL query over the whole graph; see kg.sparql_run.run."""
    from . import sparql_run

    return sparql_run.run(_graph(graph, data), query)


def validate(*, data=(), graph=None, sources=None):
    """SHACL and consistency checks; a list of findings (dicts), violations first.

    ``sources``: a directory holding the articles' texts; every quote is then checked to be verbatim.
    """
    from . import checks as _v

    return _v.validate(graph if graph is not None else open_graph(data, strict=True), sources=sources)


def stats(*, data=(), graph=None):
    """Counts of the graph: quads, entities by type, relations, claims, sources, quoted share."""
    from . import lookup

    return lookup.stats(_graph(graph, data))


def export(fmt="trig", *, data=(), graph=None):
    """The whole graph (without the name index) serialised as bytes: ttl, trig, nq, nt or jsonld."""
    from . import sparql_run

    return sparql_run.export(_graph(graph, data), fmt)


# --- network analytics (networkx); kg.network builds the projections, kg.analytics measures them ---

def centrality(measure="degree", *, type=None, top=None, by_parent=False, data=(), graph=None):
    """Agents of the institution network ranked by a centrality measure; see kg.analytics.centrality."""
    from . import netcommands

    return netcommands.centrality(_graph(graph, data), measure=measure, type=type, top=top, by_parent=by_parent)


def partners(name, *, by_parent=False, data=(), graph=None):
    """NAME's partners, each with the items they share, the roles on them and the sources."""
    from . import netcommands

    return netcommands.partners(_graph(graph, data), name, by_parent=by_parent)


def path(a, b, *, by_parent=False, data=(), graph=None):
    """The shortest chain of relations from A to B, each hop stated in words with its source."""
    from . import netcommands

    return netcommands.path(_graph(graph, data), a, b, by_parent=by_parent)


def brokers(*, top=None, by_parent=False, data=(), graph=None):
    """Who bridges sectors: cross-sector betweenness and Gould-Fernandez brokerage roles."""
    from . import netcommands

    return netcommands.brokers(_graph(graph, data), top=top, by_parent=by_parent)


def communities(*, by_parent=False, data=(), graph=None):
    """Louvain communities of the institution network with their members, sectors and shared items."""
    from . import netcommands

    return netcommands.communities(_graph(graph, data), by_parent=by_parent)
