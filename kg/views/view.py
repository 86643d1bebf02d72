"""Interactive HTML network views (pyvis / vis-network): one self-contained, offline, escaped file.

The view is the role network (kg.network.roles): agents and the initiatives, meetings and agreements they
lead, fund, chair, join and sign, with part-of and unit-of edges. pyvis holds the network data; the page
is our own template with vis-network's script inlined from the pyvis package, because pyvis's templates
load their scripts from CDNs (or from a lib/ folder written beside the file). Every text from the data
reaches the page as JSON inside a script (with <, > and & escaped) and is put on screen with textContent
or vis-network's plain-text tooltips, never as HTML. The same graph and options give the same bytes.
"""
import base64
import functools
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..errors import ViewError
from ..names.resolve import resolve
from ..network import projections as network
from ..render.text import money
from ..vocab import shorten

PHYSICS_LIMIT = 300  # past this many nodes: precomputed layout, physics off, no edge labels (measured:
# 900 nodes took 18 s to stabilise in headless chromium)

# (category, colour, shape) by the entity's types, first match wins
CATEGORIES = [
    ("Person or post", "#8e44ad", "dot", {"Person", "Post"}),
    ("Ministry or government", "#c0392b", "square", {"GovernmentBody"}),
    ("Council, committee, task force", "#e67e22", "square", {"GovernanceBody"}),
    ("Research institute or unit", "#16a085", "triangle", {"ResearchInstitute", "RegionalUnit"}),
    ("University", "#2980b9", "triangle", {"University"}),
    ("Company or association", "#27ae60", "diamond", {"Company", "IndustryAssociation"}),
    ("Innovation agency", "#d35400", "diamond", {"InnovationAgency"}),
    ("Coalition or group", "#7f8c8d", "hexagon", {"Coalition", "AgentGroup", "MediaOrganization"}),
    ("Plan, strategy, task", "#2c3e50", "box", {"Plan", "Strategy", "Task", "Pledge", "Goal"}),
    ("Programme or project", "#34495e", "ellipse", {"Programme", "Project", "KeyProject", "FundingCall", "Initiative"}),
    ("Meeting or agreement", "#b7950b", "star", {"Meeting", "Agreement", "MemorandumOfUnderstanding"}),
]
OTHER = ("Other", "#95a5a6", "dot")
ROLE_COLOURS = [
    ("leads", "#c0392b"), ("is the centre of", "#c0392b"), ("implements", "#c0392b"),
    ("funds", "#27ae60"), ("chairs", "#8e44ad"), ("heads", "#8e44ad"), ("is head of", "#8e44ad"),
    ("is a member of", "#2980b9"), ("takes part in", "#2980b9"), ("signs", "#d35400"),
    ("is part of", "#95a5a6"), ("is a unit of", "#95a5a6"), ("is a post in", "#95a5a6"),
]
OTHER_ROLE = "#555555"
STRUCTURAL = {"is part of", "is a unit of", "is a post in"}  # drawn dashed


def category(types):
    """(name, colour, shape) of the first category any of ``types`` falls in.

    >>> category(["Organization", "University"])
    ('University', '#2980b9', 'triangle')
    >>> category(["Spaceship"])
    ('Other', '#95a5a6', 'dot')
    """
    return _category(tuple(types))


@functools.lru_cache(maxsize=1024)  # few distinct type lists, thousands of nodes
def _category(types):
    for name, colour, shape, wanted in CATEGORIES:
        if wanted.intersection(types):
            return name, colour, shape
    return OTHER


def select(graph, *, focus=None, depth=1, program=None, types=(), by_parent=False):
    """The part of the role network to draw: all of it, one entity's neighbourhood (``focus``, ``depth``
    steps in either direction), or one programme (``program``): the initiative, its parts at any depth,
    and every agent acting on any of them. ``types`` keeps only nodes of these classes."""
    G = network.roles(graph, by_parent=by_parent)
    if focus is not None:
        node = _node(graph, G, focus, by_parent)
        keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=depth)
        G = G.subgraph(keep).copy()
        G.graph["focus"] = node
    if program is not None:
        node = _node(graph, G, program, by_parent)
        parts = {node}
        frontier = [node]
        while frontier:  # parts of parts, following 'is part of' edges into the programme
            nxt = [u for v in frontier for u, _, d in G.in_edges(v, data=True) if d.get("role") == "is part of" and u not in parts]
            parts.update(nxt)
            frontier = nxt
        agents = {u for v in parts for u, _ in G.in_edges(v) if G.nodes[u].get("sector")}
        agents |= {v for p in parts for _, v, d in G.out_edges(p, data=True) if d.get("role") != "is part of"}
        G = G.subgraph(parts | agents).copy()
        G.graph["focus"] = node
    if types:
        wanted = {t.lower() for t in types}
        keep = [n for n, d in G.nodes(data=True) if wanted & {t.lower() for t in d.get("types", [])}]
        if not keep:
            raise ViewError(f"no entity of type {', '.join(types)} in this view")
        G = G.subgraph(keep).copy()
    return G


def _node(graph, G, name, by_parent):
    iri = resolve(graph, name)
    if by_parent:
        iri = network.facts_of(graph).top(iri)
    node = shorten(iri)
    if node not in G:
        raise ViewError(f"{name!r} ({node}) takes part in no relation, so it has no network to draw")
    return node


def layout(und):
    """Deterministic positions for large views, in linear time: each connected component gets a cell
    of a grid, and its nodes sit on rings by distance from its best-connected node. ``und`` is the view
    as a plain undirected graph."""
    degree = dict(und.degree())
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(und)), key=lambda c: (-len(c), str(c[0])))
    pos, x0, y0, row_h, width = {}, 0.0, 0.0, 0.0, 0.0
    limit = 400 * math.sqrt(und.number_of_nodes())
    for comp in comps:
        hub = max(comp, key=lambda v: (degree[v], str(v)))
        rings = defaultdict(list)
        for v, d in sorted(nx.single_source_shortest_path_length(und, hub).items(), key=lambda x: (x[1], str(x[0]))):
            rings[d].append(v)
        radius = 0.0
        for d, ring in sorted(rings.items()):
            r = 60.0 * d * max(1.0, len(ring) / (2 * math.pi * d * 1.5)) if d else 0.0
            radius = max(radius, r)
            for i, v in enumerate(ring):
                a = 2 * math.pi * i / len(ring)
                pos[v] = (r * math.cos(a), r * math.sin(a))
        size = 2 * radius + 80
        if width + size > limit and width > 0:
            x0, y0, width, row_h = 0.0, y0 + row_h, 0.0, 0.0
        cx, cy = x0 + width + size / 2, y0 + size / 2
        for v in comp:
            px, py = pos[v]
            pos[v] = (round(cx + px, 1), round(cy + py, 1))
        width += size
        row_h = max(row_h, size)
    return pos


def _header(d, v):
    """The first lines of a node's tooltip: both names, type, sector and id. The page adds the
    relations (see page.html), so each quote is written once, on its edge."""
    return [d.get("label", v) + (f" / {d['label_ko']}" if d.get("label_ko") else ""),
            f"{d.get('type') or 'entity'}" + (f" · {d['sector']}" if d.get("sector") and d["sector"] != "unclassified" else "") + f" · {v}"]


def claim_lines(graph):
    """Best-ranked money and count claims per entity, as short lines with their source."""
    out = defaultdict(list)
    for r in graph.cached_rows(["viz_claims"])["viz_claims"]:
        if r["rank"] and r["rank"].endswith("DeprecatedRank"):
            continue
        value = money(r["value"], r["currency"]) if r["currency"] else str(r["value"])
        line = f"{r['propLabel'] or shorten(r['prop'])}: {value}" + (f" [{shorten(r['src'])}]" if r["src"] else "")
        if line not in out[shorten(r["e"])]:
            out[shorten(r["e"])].append(line)
    return out


def build_html(graph, G, *, title="kg network", lang="en"):
    """The page for the view G (from :func:`select`), as a string."""
    from pyvis.network import Network  # pyvis (and its jinja2): only when a view is drawn

    claims = claim_lines(graph)
    big = G.number_of_nodes() > PHYSICS_LIMIT
    # every edge once, read from the raw adjacency dicts: networkx's views cost 3x as much here
    all_edges = sorted(((a, b, k, e) for a, nbrs in G._adj.items() for b, keyed in nbrs.items() for k, e in keyed.items()),
                       key=lambda x: (str(x[0]), str(x[1]), str(x[2])))
    und = nx.Graph()  # a plain undirected graph: degrees of a multigraph view are slow, converting one too
    und.add_nodes_from(G)
    und.add_edges_from((a, b) for a, b, _, _ in all_edges)
    pos = layout(und) if big else {}
    degree = dict(und.degree())  # distinct neighbours
    top = max(degree.values(), default=1) or 1

    labels = {v: ((d.get("label_ko") or d.get("label", v)) if lang == "ko" else d.get("label", v))
              for v, d in G.nodes(data=True)}
    label_of = labels.__getitem__

    # Per-node and per-edge data is kept to what differs: colour, shape and font come from the node's
    # group (vis-network groups), an edge's colour and dashes from its role, set in the page.
    nodes, groups = [], {}
    for v in sorted(G, key=str):
        d = G.nodes[v]
        cat, colour, shape = category(d.get("types", []))
        if cat not in groups:
            groups[cat] = _group_style(colour, shape)
        node = {"id": v, "label": label_of(v), "facts": _header(d, v) + claims.get(v, [])[:6], "group": cat,
                "size": round(10 + 30 * degree.get(v, 0) / top, 1)}
        if v in pos:
            node["x"], node["y"] = pos[v]
        nodes.append(node)
    edges, roles_seen = [], set()
    for a, b, key, e in all_edges:
        role = e.get("role") or ""
        roles_seen.add(role)
        edge = {"id": str(key), "from": a, "to": b, "role": role,
                "detail": ", ".join(x for x in (e.get("period"), e.get("money")) if x),
                "source": e.get("source") or "", "quote": e.get("quote") or ""}
        if not big:
            edge["label"] = role
        edges.append(edge)
    # pyvis's add_node/add_edge check membership in lists (quadratic); its data model takes the lists whole
    net = Network(directed=True, heading="", cdn_resources="remote")
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = _options(big)
    net.options["groups"] = groups
    nodes, edges, _, _, _, _ = net.get_network_data()
    order = [c[0] for c in CATEGORIES] + [OTHER[0]]
    role_colour = dict(ROLE_COLOURS)
    data = {
        "nodes": nodes, "edges": edges, "options": net.options,
        "legend": [{"name": c, "color": groups[c]["color"], "shape": groups[c]["shape"]}
                   for c in sorted(groups, key=order.index)],
        "roles": [{"name": r, "color": role_colour.get(r, OTHER_ROLE), "dashes": r in STRUCTURAL}
                  for r in sorted(roles_seen)],
        "focus": G.graph.get("focus"),
    }
    return _page(title, data)


def _group_style(colour, shape):
    if shape in ("box", "ellipse"):  # label inside the shape: white text, wrapped
        return {"color": colour, "shape": shape, "font": {"size": 11, "color": "#ffffff"}, "widthConstraint": {"maximum": 160}}
    return {"color": colour, "shape": shape, "font": {"size": 12}}


def _options(big):
    opts = {
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "navigationButtons": False},
        "layout": {"randomSeed": 7, "improvedLayout": not big},
        "edges": {"smooth": False if big else {"type": "dynamic"}, "font": {"size": 9, "align": "middle"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "nodes": {"borderWidth": 1},
    }
    if big:
        opts["physics"] = {"enabled": False}
    else:
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "stabilization": {"enabled": True, "iterations": 200, "fit": True}}
    return opts


def _script_json(value):
    """JSON safe inside <script>: no '</script>', no '<!--', no line separators that end a JS string."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _vis_assets():
    import pyvis  # only when a view is drawn

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _page(title, data):
    js, css = _vis_assets()
    values = {"TITLE": html.escape(title), "VIS_CSS": css, "DATA": _script_json(data), "VIS_JS": js}
    page = (Path(__file__).parent / "page.html").read_text(encoding="utf-8")
    # one pass: text from the data that looks like a placeholder is never expanded
    page = re.sub(r"\{\{(TITLE|VIS_CSS|DATA|VIS_JS)\}\}", lambda m: values[m.group(1)], page)
    # The page's policy runs its own two scripts and nothing else: each named by its hash, not
    # 'unsafe-inline' (which would run any script that got into the page)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in re.findall(r"<script>(.*?)</script>", page, re.S))
    return page.replace("script-src 'unsafe-inline'", f"script-src {hashes}", 1)


def _drawn(graph, options):
    title = options.pop("title", None)
    lang = options.pop("lang", "en")
    G = select(graph, **options)
    if G.number_of_nodes() == 0:
        raise ViewError("the view is empty")
    focus = G.graph.get("focus")
    title = title or (f"kg: {G.nodes[focus]['label']}" if focus else "kg: the whole network")
    return G, build_html(graph, G, title=title, lang=lang)


def page(graph, **options):
    """Select and build the view; the page as a string (options as for :func:`select`, plus title, lang)."""
    return _drawn(graph, options)[1]


def write(graph, output, **options):
    """Select, build and write the view to OUTPUT (only that file); returns a summary dict."""
    G, text = _drawn(graph, options)
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as e:
        raise ViewError(f"cannot write {output}: {e.strerror}") from None
    return {"output": str(output), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "bytes": len(text.encode()), "physics": G.number_of_nodes() <= PHYSICS_LIMIT}
