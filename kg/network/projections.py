"""Network projections of the graph, built from named SPARQL queries (never one edge per triple).

- :func:`institutions`: agents (organisations, units, people, posts) linked when they share a project,
  programme, council, agreement or coalition, or when one acts on the other (a member of a council, the
  head of a post). Edge ``weight`` = number of shared items; ``shared`` lists them with each side's roles.
- :func:`bipartite`: agents and the initiatives, meetings and agreements they act on.
- :func:`roles`: a MultiDiGraph with one edge per qualified relation (keyed by its id: role, period,
  money, source, quote) plus the structural edges (part of, unit of, post in).

Nodes are short ids (``ag:busan-city``) with ``label``, ``label_ko``, ``type``, ``types`` and ``sector``.
``by_parent=True`` rolls regional units up into their parent organisation (org:unitOf, to the top).
"""
from collections import defaultdict

import networkx as nx

from ..render.text import money
from ..vocab import RIP, foaf, org, prov, rip, shorten

# Classes whose members act: everything else a relation points at is an initiative, event or agreement.
AGENT_CLASSES = {org.Organization, org.FormalOrganization, org.OrganizationalUnit, org.Post,
                 org.OrganizationalCollaboration, foaf.Person, foaf.Agent, prov.Agent}
STRUCTURE_VERBS = {rip.partOf: "is part of", org.unitOf: "is a unit of", org.postIn: "is a post in"}
UNCLASSIFIED = "unclassified"


class Facts:
    """What the projections are made of, read once from the store with the named network_* queries."""

    QUERIES = ("network_relations", "network_structure", "network_classes", "network_types", "network_labels",
               "network_sectors")

    def __init__(self, graph):
        rows = graph.cached_rows(self.QUERIES)
        self._attrs = {}
        self.relations = rows["network_relations"]
        self.structure = rows["network_structure"]
        supers, class_sector = defaultdict(set), {}
        for r in rows["network_classes"]:
            supers[r["class"]].add(r["super"])
            if r["sector"]:
                class_sector.setdefault((r["class"], r["super"]), r["sector"])
        types, self.label, self.label_ko = defaultdict(set), {}, {}
        for r in rows["network_types"]:
            types[r["e"]].add(r["type"])
        for r in rows["network_labels"]:
            (self.label if r["lang"] == "en" else self.label_ko).setdefault(r["e"], r["label"])
        own_sector = {r["e"]: r["sector"] for r in rows["network_sectors"]}
        self.types = {e: _all_types(ts, supers) for e, ts in types.items()}
        self.type = {e: _most_specific(ts, supers) for e, ts in types.items()}
        self.agents = {e for e, ts in self.types.items() if ts & AGENT_CLASSES}
        self.parent = {r["s"]: r["o"] for r in self.structure if r["link"] == org.unitOf}
        self.post_in = {r["s"]: r["o"] for r in self.structure if r["link"] == org.postIn}
        self.sector = self._sectors(types, supers, class_sector, own_sector)

    def is_agent(self, e):
        return e in self.agents

    def _sectors(self, types, supers, class_sector, own_sector):
        """Stated on the entity, else its nearest class with one, else that of the body it is a unit or post
        of, heads or chairs, else (people) of a body it is a member of; the first found, in that order."""
        direct = {}
        for e, ts in types.items():
            if e in own_sector:
                direct[e] = own_sector[e]
                continue
            # the most specific class with a sector: the one with the most superclasses
            best = max(((len(supers[t]), class_sector[(t, s)]) for t in ts for s in supers[t] if (t, s) in class_sector),
                       default=None)
            if best:
                direct[e] = best[1]
        heads, member_of = defaultdict(set), defaultdict(set)
        for r in self.relations:
            if r["role"] in (rip["role-head"], rip["role-chair"]):
                heads[r["agent"]].add(r["target"])
            elif r["role"] == rip["role-member"] and foaf.Person in types[r["agent"]]:
                member_of[r["agent"]].add(r["target"])

        def sector(e, seen=()):
            if e in direct:
                return direct[e]
            if e in seen:
                return None
            for up in [self.parent.get(e), self.post_in.get(e), *sorted(heads[e])]:
                if up and (s := sector(up, (*seen, e))):
                    return s
            # a lawmaker in a cross-sector coalition is still government: intermediaries come last
            found = [s for m in sorted(member_of[e]) if (s := sector(m, (*seen, e)))]
            return min(found, key=lambda s: s.endswith("intermediary"), default=None)

        return {e: _sector_name(sector(e)) for e in types}

    def top(self, e):
        """The organisation a unit belongs to, at the top of its org:unitOf chain."""
        seen = set()
        while e in self.parent and e not in seen:
            seen.add(e)
            e = self.parent[e]
        return e

    def node_attrs(self, e):
        if e not in self._attrs:
            self._attrs[e] = self._node_attrs(e)
        return self._attrs[e]

    def _node_attrs(self, e):
        return {
            "iri": e, "label": self.label.get(e, shorten(e)), "label_ko": self.label_ko.get(e, ""),
            "type": _local(self.type.get(e, "")), "types": sorted(_local(t) for t in self.types.get(e, ())),
            "sector": self.sector.get(e, UNCLASSIFIED),
        }


def _all_types(types, supers):
    return set().union(*(supers.get(t, {t}) | {t} for t in types))


def _most_specific(types, supers):
    """The type that is not a superclass of another of the entity's types (ties: the deepest, then by name)."""
    candidates = [t for t in types if not any(t != u and t in supers.get(u, ()) for u in types)]
    return max(sorted(candidates), key=lambda t: (t.startswith(RIP), len(supers.get(t, ()))), default="")


def _sector_name(iri):
    return iri.rsplit("sector-", 1)[-1].replace("-", " ") if iri else UNCLASSIFIED


def _local(iri):
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri else ""


def _relation(r, facts):
    return {
        "relation": shorten(r["rel"]), "agent": shorten(r["agent"]), "role": r["verb"] or _local(r["role"]),
        "target": shorten(r["target"]), "period": r["period"] or r["dateText"],
        "money": money(r["amount"], r["currency"]) if r["amount"] is not None else None, "source": shorten(r["src"]) if r["src"] else None,
        "quote": r["quote"],
    }


def facts_of(graph):
    """The Facts of an opened kg graph (cached on it: the projections share one read)."""
    cached = getattr(graph, "_network_facts", None)
    if cached is None:
        cached = graph._network_facts = Facts(graph)
    return cached


def institutions(graph, *, by_parent=False, detail=True):
    """The institution network: an undirected nx.Graph of agents.

    Two agents are linked when both act on the same item (a project, programme, council, meeting,
    agreement or coalition); an agent that acts on another agent (member of a council, head of a post)
    is linked to it too. Each edge keeps ``weight`` (the number of distinct shared items), ``shared``
    (each item with the roles both sides play on it and the relations' sources and quotes) and
    ``sources``. With ``detail=False`` edges keep only ``weight``: what the measures read, built 2.5x
    faster at 1M triples, and in 2.8 GB where the details took 6.4 GB at 10M (3M links).
    """
    if not detail:
        return _institution_weights(graph, by_parent)
    facts = facts_of(graph)
    up = facts.top if by_parent else (lambda e: e)
    g = nx.Graph(projection="institutions", by_parent=by_parent)
    on_item = defaultdict(lambda: defaultdict(list))  # item -> agent -> [relation dicts]
    for r in sorted(facts.relations, key=lambda r: r["rel"]):
        a = up(r["agent"])
        g.add_node(shorten(a), **facts.node_attrs(a))
        rel = _relation(r, facts)
        on_item[r["target"]][a].append(rel)
        if facts.is_agent(r["target"]):
            t = up(r["target"])
            g.add_node(shorten(t), **facts.node_attrs(t))
            if t != a:
                _share(g, facts, a, t, r["target"], {shorten(a): [rel], shorten(t): []})
    for item in sorted(on_item):
        agents = sorted(on_item[item])
        for i, a in enumerate(agents):
            for b in agents[i + 1:]:
                _share(g, facts, a, b, item, {shorten(a): on_item[item][a], shorten(b): on_item[item][b]})
    for _, _, d in g.edges(data=True):
        # dicts while building (a hub pair shares thousands of items: lists made it quadratic), lists in the result
        d["shared"] = list(d["shared"].values())
        d["sources"] = sorted(d["sources"])
    return g


def _institution_weights(graph, by_parent):
    """institutions(..., detail=False): the same nodes and links, each link with its weight alone."""
    facts = facts_of(graph)
    up = facts.top if by_parent else (lambda e: e)
    g = nx.Graph(projection="institutions", by_parent=by_parent)
    on_item, direct = defaultdict(set), set()  # item -> agents acting on it; (agent, agent, item) acted on
    for r in facts.relations:
        a = up(r["agent"])
        g.add_node(shorten(a), **facts.node_attrs(a))
        on_item[r["target"]].add(a)
        if facts.is_agent(r["target"]):
            t = up(r["target"])
            g.add_node(shorten(t), **facts.node_attrs(t))
            if t != a:
                direct.add((*sorted((a, t)), r["target"]))
    weight = defaultdict(int)
    for agents in on_item.values():
        agents = sorted(agents)
        for i, a in enumerate(agents):
            for b in agents[i + 1:]:
                weight[(a, b)] += 1
    for a, b, item in direct:
        if not (a in on_item[item] and b in on_item[item]):  # else the item was counted for the pair above
            weight[(a, b)] += 1
    g.add_edges_from((shorten(a), shorten(b), {"weight": w}) for (a, b), w in weight.items())
    return g


def _share(g, facts, a, b, item, rels):
    u, v = shorten(a), shorten(b)
    if not g.has_edge(u, v):
        g.add_edge(u, v, weight=0, shared={}, sources=set())
    data = g.edges[u, v]
    key = shorten(item)
    entry = data["shared"].get(key)
    if entry is None:
        entry = data["shared"][key] = {"item": key, "label": facts.label.get(item, key),
                                       "type": _local(facts.type.get(item, "")), "roles": {u: [], v: []}, "relations": []}
        data["weight"] += 1
    for who, rs in rels.items():
        for rel in rs:
            if rel["role"] not in entry["roles"][who]:
                entry["roles"][who].append(rel["role"])
            if rel not in entry["relations"]:
                entry["relations"].append(rel)
            if rel["source"]:
                data["sources"].add(rel["source"])


def bipartite(graph, *, by_parent=False):
    """Agents (``bipartite=0``) and the initiatives, meetings and agreements they act on (``bipartite=1``).

    Relations whose target is itself an agent (membership of a council) are in :func:`institutions`.
    Each edge keeps ``roles``, ``weight`` (number of relations) and ``relations`` with sources and quotes.
    """
    facts = facts_of(graph)
    up = facts.top if by_parent else (lambda e: e)
    g = nx.Graph(projection="bipartite", by_parent=by_parent)
    for r in sorted(facts.relations, key=lambda r: r["rel"]):
        if facts.is_agent(r["target"]):
            continue
        a, t = up(r["agent"]), r["target"]
        u, v = shorten(a), shorten(t)
        g.add_node(u, bipartite=0, **facts.node_attrs(a))
        g.add_node(v, bipartite=1, **facts.node_attrs(t))
        if not g.has_edge(u, v):
            g.add_edge(u, v, roles=[], weight=0, relations=[])
        d = g.edges[u, v]
        rel = _relation(r, facts)
        d["relations"].append(rel)
        d["weight"] += 1
        if rel["role"] not in d["roles"]:
            d["roles"].append(rel["role"])
    return g


def roles(graph, *, by_parent=False):
    """The typed role network: an nx.MultiDiGraph, one edge per qualified relation (agent -> target),
    keyed by the relation's id, with ``role``, ``period``, ``money``, ``source`` and ``quote``; plus the
    structural edges ``is part of``, ``is a unit of`` and ``is a post in`` with their sources.
    """
    facts = facts_of(graph)
    up = facts.top if by_parent else (lambda e: e)
    g = nx.MultiDiGraph(projection="roles", by_parent=by_parent)
    for r in sorted(facts.relations, key=lambda r: r["rel"]):
        a, t = up(r["agent"]), up(r["target"])
        if a == t:
            continue
        g.add_node(shorten(a), **facts.node_attrs(a))
        g.add_node(shorten(t), **facts.node_attrs(t))
        rel = _relation(r, facts)
        rolled = [facts.label.get(x, shorten(x)) for x in (r["agent"], r["target"]) if up(x) != x]
        rel["through"] = "; ".join(rolled) or None  # the unit that is stated, when rolled up
        g.add_edge(shorten(a), shorten(t), key=rel["relation"], **rel)
    structure = defaultdict(set)
    for r in facts.structure:
        structure[(r["s"], r["link"], r["o"])].add(shorten(r["src"]))
    for (s, link, o), srcs in sorted(structure.items()):
        a, t = up(s), up(o)
        if a == t:
            continue
        g.add_node(shorten(a), **facts.node_attrs(a))
        g.add_node(shorten(t), **facts.node_attrs(t))
        key = f"{_local(link)}:{shorten(s)}>{shorten(o)}"
        g.add_edge(shorten(a), shorten(t), key=key, relation=None, agent=shorten(a), target=shorten(t),
                   role=STRUCTURE_VERBS[link], period=None, money=None, source="; ".join(sorted(srcs)), quote=None)
    return g


PROJECTIONS = {"institutions": institutions, "bipartite": bipartite, "roles": roles}


def flat(g):
    """A copy with only string and number attributes, for GraphML and GEXF (Gephi, Cytoscape)."""
    h = g.__class__()
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _flat(v) for k, v in d.items()}, name=d.get("label", n))
    for e in (g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)):
        *ends, d = e
        attrs = {k: _flat(v) for k, v in d.items() if v is not None}
        if "shared" in d:
            attrs["shared"] = "; ".join(s["label"] for s in d["shared"])
        if "relations" in d:
            attrs["relations"] = "; ".join(r["relation"] for r in d["relations"])
        h.add_edge(*ends, **attrs)
    return h


def _flat(v):
    if isinstance(v, (list, tuple, set)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_flat(x)}" for k, x in v.items())
    return v
