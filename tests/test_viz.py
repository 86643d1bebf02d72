"""Network views in a real browser: Debian's chromium driven by Playwright. The page must load with no
console error and no request leaving the machine, draw as many nodes and edges as the view holds, show a
node's facts when clicked, and run nothing from a hostile label."""
import time
from pathlib import Path

import kg
from conftest import watch
from kg.network import projections as network
from kg.views import view as viz

ARTIFACTS = Path(__file__).parent / "artifacts"

HOSTILE = (Path(__file__).parent / "data" / "hostile" / "evil.trig").read_text(encoding="utf-8")


def open_page(browser, path):
    """Load a view; returns (page, problems): console errors, page errors, dialogs, outside requests."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = watch(page, "file://")
    page.goto(Path(path).as_uri())
    # polled from here: wait_for_function evaluates strings in the page, which its CSP forbids
    deadline = time.monotonic() + 60
    while not page.evaluate("window.kgReady === true"):
        assert time.monotonic() < deadline, f"the view never finished drawing: {problems}"
        page.wait_for_timeout(100)
    return page, problems


def test_whole_graph_view_loads_offline_and_draws_every_node(browser, graph, tmp_path):
    out = tmp_path / "whole.html"
    summary = viz.write(graph, out)
    G = network.roles(graph)
    assert (summary["nodes"], summary["edges"]) == (G.number_of_nodes(), G.number_of_edges())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["whole.html"]  # nothing written beside it
    page, problems = open_page(browser, out)
    drawn = page.evaluate("[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
    assert drawn == [G.number_of_nodes(), G.number_of_edges()]
    assert problems == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "whole-graph.png"))
    page.close()


def test_clicking_a_node_shows_its_facts_and_sources(browser, graph, tmp_path):
    out = tmp_path / "program.html"
    viz.write(graph, out, program="E-Mobility laser")
    page, problems = open_page(browser, out)
    box = page.locator("#kg-net canvas").bounding_box()

    def centre_on(node):
        page.evaluate(f"kgNetwork.moveTo({{position: kgNetwork.getPositions(['{node}'])['{node}'], scale: 1.0, animation: false}})")
        pos = page.evaluate(f"kgNetwork.canvasToDOM(kgNetwork.getPositions(['{node}'])['{node}'])")
        return box["x"] + pos["x"], box["y"] + pos["y"]

    # hovering a node shows vis-network's tooltip, which the page composes on first hover
    x, y = centre_on("ag:kimm-busan-center")
    page.mouse.move(x + 1, y + 1)
    page.mouse.move(x, y)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text().startswith("Korea Institute of Machinery and Materials Busan")
    assert "leads Advancement of E-Mobility Laser Application Technology" in tip.inner_text()
    x, y = centre_on("in:emobility-laser")
    page.mouse.click(x, y)
    info = page.locator("#kg-info").inner_text()
    # the project, its preferred budget and its lead with the article's words (000)
    assert info.startswith("Advancement of E-Mobility Laser Application Technology")
    assert "total cost: 15,600,000,000 KRW [src:000]" in info
    assert "leads" in info and "Korea Institute of Machinery and Materials Busan" in info
    assert 'src:000: "' in info or '[src:000]: "' in info  # a relation with its quote
    assert problems == []
    page.close()


def test_hostile_labels_show_as_text_and_run_nothing(browser, tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "evil.trig").write_text(HOSTILE)
    g = kg.open_graph([tmp_path / "d"])
    out = tmp_path / "evil.html"
    viz.write(g, out, focus="<img src=x onerror=alert(1)>", title="<script>alert(4)</script>")
    text = out.read_text()
    assert "<img src=x" not in text and "</script><script>alert(2)" not in text
    page, problems = open_page(browser, out)
    assert page.title() == "<script>alert(4)</script>"
    assert page.evaluate("document.querySelectorAll('img, [onerror], [onmouseover]').length") == 0
    labels = page.evaluate("kgNetwork.body.data.nodes.get().map(n => n.label).sort()")
    assert labels == ["</script><script>alert(2)</script> {{DATA}}", "<img src=x onerror=alert(1)>"]
    # the search list holds the label as a value, and the info panel shows it as text
    page.fill("#kg-search", "<img src=x onerror=alert(1)>")
    page.dispatch_event("#kg-search", "change")
    assert page.locator("#kg-info").inner_text().startswith("<img src=x onerror=alert(1)>")
    page.wait_for_timeout(300)
    assert problems == []  # no alert() dialog, no error
    page.close()


def test_the_same_view_gives_the_same_bytes(graph, tmp_path):
    viz.write(graph, tmp_path / "a.html", focus="Busan City", depth=2)
    viz.write(graph, tmp_path / "b.html", focus="Busan City", depth=2)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_views_select_what_they_say(graph):
    # the E-Mobility laser project (000): itself and the agent acting on it, KIMM's Busan center, which leads it
    G = viz.select(graph, program="E-Mobility laser")
    assert "ag:kimm-busan-center" in G and "in:emobility-laser" in G
    assert all(d.get("sector") or n == "in:emobility-laser" for n, d in G.nodes(data=True))
    # focus depth 1: Jeonbuk Technopark, the MoU it signed and the project it runs
    G = viz.select(graph, focus="Jeonbuk Technopark")
    assert set(G) >= {"ag:jeonbuk-technopark", "in:jeonbuk-smart-factory-mou"}
    assert nx_distance_ok(G, "ag:jeonbuk-technopark", 1)
    G = viz.select(graph, types=["University"])
    # src:020's consortium members (the two universities themselves have no relation, so no edge to show)
    assert set(G) == {"ag:dong-a-university", "ag:bist", "ag:pukyong-national-university-iacf", "ag:dongseo-university-iacf"}


def nx_distance_ok(G, centre, depth):
    import networkx as nx

    return max(nx.single_source_shortest_path_length(G.to_undirected(), centre).values()) <= depth


def test_cli_viz_messages(run, tmp_path):
    r = run("viz", "-o", str(tmp_path / "v.html"), "--focus", "Jeonbuk Technopark", "--lang", "ko")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(tmp_path / "v.html") + ": ") and "physics layout" in r.stdout
    data = (tmp_path / "v.html").read_text()
    assert "전북테크노파크" in data  # the Korean label (background names)
    r = run("viz", "-o", str(tmp_path / "w.html"), "--focus", "no such thing anywhere")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    r = run("viz", "-o", str(tmp_path / "w.html"), "--type", "Spaceship")
    assert r.returncode == 1 and "no entity of type Spaceship" in r.stderr
    r = run("viz", "-o", str(tmp_path / "w.html"), "--focus", "x", "--program", "y")
    assert r.returncode == 2
