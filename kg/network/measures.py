"""Network analytics on the projections of kg.network, networkx style: the graph first, keyword
options, plain Python results. Nodes may carry ``label``, ``type``, ``types`` and ``sector`` attributes
(kg.network sets them); any networkx graph works.

Where an exact measure would take too long a stated approximation is used, and the result says so in
``approximate``. "Too long": the exact shortest-path measures visit (nodes + edges) once per node; past
``budget`` visits in all (2 million: a few seconds in pure Python) they sample as many sources or pivots
as the budget allows (at least 20), seeded so the answer repeats.
"""
import random
from collections import Counter, deque

import networkx as nx

MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")
BUDGET = 2_000_000
MIN_SAMPLE = 20
GF_ROLES = ("coordinator", "gatekeeper/representative", "consultant", "liaison")


class NoSuchNode(nx.NodeNotFound):
    """A node the graph does not hold (an entity that takes part in no relation of this projection)."""


def sample_size(G, budget=BUDGET):
    """None when the exact all-sources computation fits the budget, else how many sources to sample.

    >>> sample_size(nx.path_graph(10)) is None
    True
    >>> sample_size(nx.path_graph(10_000), budget=1_000_000)
    50
    """
    n = G.number_of_nodes()
    per_source = n + G.number_of_edges()
    if n * per_source <= budget:
        return None
    return min(n, max(MIN_SAMPLE, budget // per_source))


def _row(G, n, **extra):
    d = G.nodes[n]
    return {"id": n, "label": d.get("label", n), "type": d.get("type", ""), "sector": d.get("sector", ""), **extra}


def matches_type(G, n, type):
    want = type.lower()
    d = G.nodes[n]
    return any(t.lower() == want for t in d.get("types", [d.get("type", "")]))


def centrality(G, measure="degree", *, type=None, top=None, budget=BUDGET, seed=0):
    """Rank the nodes of G by a centrality measure.

    Parameters
    ----------
    G : networkx graph (weights in the ``weight`` edge attribute are used by eigenvector and pagerank)
    measure : one of 'degree', 'betweenness', 'closeness', 'eigenvector', 'pagerank'
    type : keep only nodes whose ``types`` include this class name (case-insensitive); the measure is
        still computed on the whole graph
    top : keep the first N
    budget, seed : past ``budget`` node and edge visits (see :func:`sample_size`), betweenness samples
        source nodes and closeness estimates distances from pivots (seeded, so repeatable)

    Returns
    -------
    dict with ``measure``, ``approximate`` (None, or what was approximated) and ``results``: a list of
    rows (rank, id, label, type, sector, score), best first, ties by label.

    Examples
    --------
    A star: the hub has every link.

    >>> G = nx.star_graph(3)
    >>> r = centrality(G, "degree")
    >>> [(row["id"], row["score"]) for row in r["results"]]
    [(0, 1.0), (1, 0.3333), (2, 0.3333), (3, 0.3333)]
    >>> centrality(nx.path_graph(3), "betweenness")["results"][0]["id"]
    1
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    n = G.number_of_nodes()
    k = sample_size(G, budget)
    approximate = None
    if measure == "degree":
        scores = nx.degree_centrality(G)
    elif measure == "betweenness":
        if k:
            approximate = f"betweenness sampled from {k} of {n} source nodes (seed {seed})"
            scores = nx.betweenness_centrality(G, k=k, seed=seed)
        else:
            scores = nx.betweenness_centrality(G)
    elif measure == "closeness":
        if k:
            approximate = f"closeness estimated from distances to {k} of {n} pivot nodes (seed {seed})"
            scores = _closeness_by_pivots(G, k, seed)
        else:
            scores = nx.closeness_centrality(G)
    elif measure == "eigenvector":
        scores, approximate = _eigenvector(G)
    else:
        scores = nx.pagerank(G, weight="weight") if n else {}
    nodes = [v for v in G if type is None or matches_type(G, v, type)]
    nodes.sort(key=lambda v: (-round(scores[v], 12), str(G.nodes[v].get("label", v)), str(v)))
    rows = [_row(G, v, rank=i, score=round(scores[v], 4)) for i, v in enumerate(nodes[:top] if top else nodes, 1)]
    return {"measure": measure, "approximate": approximate, "results": rows}


def _eigenvector(G):
    if G.number_of_edges() == 0:
        return dict.fromkeys(G, 0.0), None
    try:  # power iteration: repeatable; it can stall on graphs of many components
        return nx.eigenvector_centrality(G, weight="weight", max_iter=100, tol=1e-6), None
    except nx.PowerIterationFailedConvergence:
        return (nx.eigenvector_centrality_numpy(G, weight="weight"),
                "eigenvector by ARPACK (scipy): power iteration did not converge in 100 steps")


def _closeness_by_pivots(G, k, seed):
    """Eppstein-Wang style estimate: each node's mean distance to k random pivots it can reach, times
    the share of pivots it reaches (the Wasserman-Faust correction networkx also applies)."""
    pivots = random.Random(seed).sample(sorted(G, key=str), k)
    total, reached = dict.fromkeys(G, 0), dict.fromkeys(G, 0)
    for p in pivots:
        for v, d in nx.single_source_shortest_path_length(G, p).items():
            if v != p:
                total[v] += d
                reached[v] += 1
    return {v: (reached[v] / total[v]) * (reached[v] / k) if total[v] else 0.0 for v in G}


def partners(G, node):
    """The neighbours of NODE in the institution network, with what they share and the sources.

    Returns a list of rows (id, label, type, sector, weight, shared, sources), most shared first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=2, shared=[{"item": "p1"}, {"item": "p2"}], sources=["s1"])
    >>> G.add_edge("a", "c", weight=1, shared=[{"item": "p1"}], sources=["s1"])
    >>> [(p["id"], p["weight"]) for p in partners(G, "a")]
    [('b', 2), ('c', 1)]
    """
    if node not in G:
        raise NoSuchNode(node)
    rows = []
    for m in G[node]:
        d = G.edges[node, m]
        rows.append(_row(G, m, weight=d.get("weight", 1), shared=d.get("shared", []), sources=d.get("sources", [])))
    return sorted(rows, key=lambda r: (-r["weight"], str(r["label"]), str(r["id"])))


def path(G, source, target):
    """The shortest chain of relations between two nodes of the role network, each hop stated in words.

    Edges are followed in either direction; between two nodes, a stated relation with a quote is
    preferred to a structural edge. Raises networkx.NetworkXNoPath when none exists.

    Returns a list of hops: from, to, statement, role, period, money, source, quote, relation.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("u", label="Univ"); G.add_node("p", label="Project"); G.add_node("m", label="Ministry")
    >>> _ = G.add_edge("u", "p", key="r1", role="leads", source="s1", quote="U leads P")
    >>> _ = G.add_edge("m", "p", key="r2", role="funds", source="s2", quote="M funds P")
    >>> [h["statement"] for h in path(G, "u", "m")]
    ['Univ leads Project', 'Ministry funds Project']
    """
    for n in (source, target):
        if n not in G:
            raise NoSuchNode(n)
    U = nx.Graph()
    U.add_nodes_from(sorted(G, key=str))
    for u, v in sorted({tuple(sorted((u, v), key=str)) for u, v in G.edges()}, key=str):
        U.add_edge(u, v)
    chain = nx.shortest_path(U, source, target)
    hops = []
    for u, v in zip(chain, chain[1:]):
        edges = [(a, b, k, d) for a, b in ((u, v), (v, u)) if G.has_edge(a, b) for k, d in G[a][b].items()]
        a, b, key, d = min(edges, key=lambda e: (e[3].get("quote") is None, str(e[2])))
        label = lambda n: G.nodes[n].get("label", str(n))  # noqa: E731
        detail = ", ".join(x for x in (d.get("period"), d.get("money"), d.get("through") and f"through {d['through']}") if x)
        hops.append({
            "from": u, "to": v, "statement": f"{label(a)} {d.get('role', 'is linked to')} {label(b)}" + (f" ({detail})" if detail else ""),
            "role": d.get("role"), "period": d.get("period"), "money": d.get("money"),
            "source": d.get("source"), "quote": d.get("quote"), "relation": key,
        })
    return hops


def brokers(G, *, attribute="sector", top=None, budget=BUDGET, seed=0):
    """Who bridges groups (by default sectors: government, industry, academia, research, intermediary,
    civil society).

    Two measures a network researcher will recognise:

    - ``cross_sector_betweenness``: betweenness counted only over pairs of nodes in different groups
      (sum over such pairs of the share of their shortest paths through the node);
    - Gould-Fernandez brokerage roles, for undirected ties: for each pair of the node's neighbours that
      are not linked to each other, the node is a *coordinator* (all three in one group), a
      *consultant* (the two ends share a group, the broker is outside it), a
      *gatekeeper/representative* (the broker shares a group with one end only) or a *liaison* (three
      groups).

    Past ``budget`` (see :func:`sample_size`), betweenness uses sampled sources, and hubs of more than
    300 neighbours have their pairs sampled; ``approximate`` says so.

    Examples
    --------
    A university between a ministry and a company brokers as a liaison; the ministry brokers nothing.

    >>> G = nx.Graph([("gov", "uni"), ("uni", "firm")])
    >>> nx.set_node_attributes(G, {"gov": "government", "uni": "academia", "firm": "industry"}, "sector")
    >>> r = brokers(G)["results"]
    >>> (r[0]["id"], r[0]["cross_sector_betweenness"], r[0]["liaison"])
    ('uni', 1.0, 1)
    >>> (r[-1]["id"], r[-1]["cross_sector_betweenness"], r[-1]["liaison"])
    ('gov', 0.0, 0)
    """
    group = {v: G.nodes[v].get(attribute) or "unclassified" for v in G}
    n = G.number_of_nodes()
    notes = []
    nodes = sorted(G, key=str)
    k = sample_size(G, budget)
    if k:
        sources = random.Random(seed).sample(nodes, k)
        notes.append(f"cross-sector betweenness sampled from {len(sources)} of {n} source nodes (seed {seed})")
    else:
        sources = nodes
    cb = _cross_betweenness(G, group, sources)
    scale = n / len(sources) / 2 if sources else 0  # every unordered pair is counted from both ends
    rnd = random.Random(seed)
    rows = []
    sampled_hubs = 0
    for b in nodes:
        counts, sampled = _gould_fernandez(G, group, b, rnd)
        sampled_hubs += sampled
        rows.append(_row(G, b, cross_sector_betweenness=round(cb[b] * scale, 4), **counts,
                         brokerage=sum(counts[r] for r in GF_ROLES if r != "coordinator")))
    if sampled_hubs:
        notes.append(f"brokerage roles of {sampled_hubs} node(s) with more than 300 neighbours estimated from 20,000 sampled pairs")
    rows.sort(key=lambda r: (-r["cross_sector_betweenness"], -r["brokerage"], str(r["label"]), str(r["id"])))
    rows = rows[:top] if top else rows
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return {"measure": "brokerage", "group_by": attribute, "approximate": "; ".join(notes) or None, "results": rows}


def _cross_betweenness(G, group, sources):
    """Brandes' accumulation with only targets outside the source's group counted."""
    cb = dict.fromkeys(G, 0.0)
    for s in sources:
        order, preds, sigma, dist = [], {s: []}, {s: 1}, {s: 0}
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in G[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    sigma[w] = 0
                    preds[w] = []
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            coeff = ((group[w] != group[s]) + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                cb[w] += delta[w]
    return cb


def _gould_fernandez(G, group, b, rnd, hub=300, pairs=20_000):
    nbrs = sorted(G[b], key=str)
    counts = dict.fromkeys(GF_ROLES, 0)
    if len(nbrs) > hub:
        sample = [tuple(rnd.sample(nbrs, 2)) for _ in range(pairs)]
        scale, sampled = len(nbrs) * (len(nbrs) - 1) / 2 / pairs, 1
    else:
        sample = [(a, c) for i, a in enumerate(nbrs) for c in nbrs[i + 1:]]
        scale, sampled = 1, 0
    for a, c in sample:
        if G.has_edge(a, c):
            continue
        ga, gb, gc = group[a], group[b], group[c]
        if ga == gb == gc:
            counts["coordinator"] += 1
        elif ga == gc:
            counts["consultant"] += 1
        elif gb in (ga, gc):
            counts["gatekeeper/representative"] += 1
        else:
            counts["liaison"] += 1
    return {r: round(c * scale) for r, c in counts.items()}, sampled


def communities(G, *, seed=0, top_items=5):
    """Groups of densely linked nodes (Louvain modularity, weighted, seeded: repeatable), each described
    by its members (most linked first), its sectors and the items its members share most.

    Examples
    --------
    Two triangles joined by one edge are two communities.

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> [c["members"] for c in communities(G)]
    [[1, 2, 3], [4, 5, 6]]
    """
    parts = nx.community.louvain_communities(G, weight="weight", seed=seed) if G.number_of_edges() else [{v} for v in G]
    out = []
    for members in parts:
        sub = G.subgraph(members)
        strength = dict(sub.degree(weight="weight"))
        ordered = sorted(members, key=lambda v: (-strength[v], str(G.nodes[v].get("label", v)), str(v)))
        items = Counter()
        labels = {}
        for _, _, d in sub.edges(data=True):
            for s in d.get("shared", []):
                items[s["item"]] += 1
                labels[s["item"]] = s.get("label", s["item"])
        out.append({
            "size": len(members), "members": ordered,
            "labels": [G.nodes[v].get("label", v) for v in ordered],
            "member_sectors": [G.nodes[v].get("sector", "") for v in ordered],
            "sectors": dict(sorted(Counter(G.nodes[v].get("sector", "") for v in members).items(), key=lambda x: (-x[1], x[0]))),
            "shared": [{"item": i, "label": labels[i], "links": c} for i, c in sorted(items.items(), key=lambda x: (-x[1], x[0]))[:top_items]],
        })
    out.sort(key=lambda c: (-c["size"], str(c["labels"][0])))
    for i, c in enumerate(out, 1):
        c["community"] = i
    return out
