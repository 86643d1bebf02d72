"""The network commands as library calls on an opened kg graph: resolve the user's names, build the
projection (kg.network.projections), run the measure (kg.network.measures), and return plain values for the CLI and API."""
import io

import networkx as nx

from ..errors import KGError, NoPath, NotInNetwork
from ..lookup import describe
from ..names.resolve import resolve
from ..vocab import shorten
from . import measures as analytics
from . import projections as network


def _projection(graph, by_parent, kind="institutions", detail=True):
    if kind == "institutions":
        return network.institutions(graph, by_parent=by_parent, detail=detail)
    return network.PROJECTIONS[kind](graph, by_parent=by_parent)


def _node(graph, G, name, by_parent, what):
    iri = resolve(graph, name)
    if by_parent:
        iri = network.facts_of(graph).top(iri)
    node = shorten(iri)
    if node not in G:
        e = describe(graph, iri)
        facts = network.facts_of(graph)
        units = sorted(shorten(u) for u in facts.parent if facts.top(u) == iri and shorten(u) in G)
        hint = (f"its units are: {', '.join(units)}; or add --by-parent to count them as it" if units
                else f"try: kg show \"{e['label']}\"")
        raise NotInNetwork(f"{e['label']} ({e['id']}, {', '.join(e['types']) or 'entity'}) {what}; {hint}")
    return node


def centrality(graph, *, measure="degree", type=None, top=None, by_parent=False):
    G = _projection(graph, by_parent, detail=False)  # the measures read the links and weights only
    if type is not None and not any(analytics.matches_type(G, v, type) for v in G):
        known = sorted({t for v in G for t in G.nodes[v].get("types", [])})
        raise KGError(f"no agent of type {type!r} in the network; types present: {', '.join(known)}")
    out = analytics.centrality(G, measure, type=type, top=top)
    out.update(projection="institutions", by_parent=by_parent, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    return out


def partners(graph, name, *, by_parent=False):
    G = _projection(graph, by_parent)
    node = _node(graph, G, name, by_parent, "is not an agent of the institution network: kg partners takes an "
                                            "organisation, unit, person or post that acts on something")
    return {"entity": _entity(G, node), "partners": analytics.partners(G, node)}


def path(graph, a, b, *, by_parent=False):
    G = _projection(graph, by_parent, "roles")
    what = "takes part in no relation, so no path can reach it"
    u, v = _node(graph, G, a, by_parent, what), _node(graph, G, b, by_parent, what)
    if u == v:
        raise NoPath(f"{a!r} and {b!r} are the same entity ({u})")
    try:
        hops = analytics.path(G, u, v)
    except nx.NetworkXNoPath:
        raise NoPath(f"no chain of relations links {G.nodes[u]['label']} ({u}) and {G.nodes[v]['label']} ({v}): "
                      "they are in separate parts of the graph") from None
    return {"from": _entity(G, u), "to": _entity(G, v), "hops": hops}


def brokers(graph, *, top=None, by_parent=False):
    G = _projection(graph, by_parent, detail=False)
    out = analytics.brokers(G, top=top)
    out.update(projection="institutions", by_parent=by_parent, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    return out


def communities(graph, *, by_parent=False):
    G = _projection(graph, by_parent)
    return {"algorithm": "Louvain modularity (weighted, seed 0)", "projection": "institutions", "by_parent": by_parent,
            "communities": analytics.communities(G)}


def export(graph, fmt, *, projection="institutions", by_parent=False):
    """GraphML or GEXF bytes of one projection, with labels, types, sectors and weights."""
    G = network.flat(_projection(graph, by_parent, projection))
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(G, buf)
    return buf.getvalue()


def _entity(G, node):
    d = G.nodes[node]
    return {"id": node, "label": d["label"], "label_ko": d.get("label_ko", ""), "type": d["type"], "sector": d["sector"]}
