"""Network views at ~100, ~1k and ~10k nodes: HTML build time, file size and time to first draw in
headless chromium, beside plain pyvis (add_node / add_edge one by one, then generate_html) in the same run.
Plain pyvis's page is not offline (its scripts come from CDNs) and carries no tooltips or legend; it is
the floor of what pyvis costs, not an equal.

    python bench/viz.py [TRIPLES ...]     (default: 0 = shipped data, 10000, 125000 synthetic triples: ~100, ~1k, ~10k nodes)
"""
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
DRAW_LIMIT = 300  # seconds for a page to draw; past it the run fails (a page error or a hang)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def first_draw(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    t = time.perf_counter()
    page.goto(Path(path).as_uri())
    while not page.evaluate("window.kgReady === true"):
        if time.perf_counter() - t > DRAW_LIMIT:
            raise SystemExit(f"{path}: not drawn after {DRAW_LIMIT} s; page errors: {errors or 'none'}")
        page.wait_for_timeout(20)
    seconds = time.perf_counter() - t
    drawn = page.evaluate("kgNetwork.body.nodeIndices.length")
    page.close()
    return seconds, drawn


def plain_pyvis(G, out):
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(directed=True)
    for v, d in G.nodes(data=True):
        net.add_node(v, label=d.get("label", v), title=d.get("label", v))
    for a, b, d in G.edges(data=True):
        net.add_edge(a, b, title=d.get("role"))
    html = net.generate_html()
    seconds = time.perf_counter() - t
    Path(out).write_text(html)
    return seconds


def main(sizes):
    sys.path.insert(0, str(HERE))
    from generate import generate
    from playwright.sync_api import sync_playwright

    cache = tempfile.mkdtemp(prefix="kg-bench-viz-")
    os.environ["KG_CACHE_DIR"] = cache
    import kg
    from kg.network import projections as network
    from kg.views import view as viz

    print(f"{'graph':>26} {'nodes':>6} {'edges':>6} {'build s':>8} {'size MB':>8} {'first draw s':>13} {'drawn':>6} "
          f"{'plain pyvis build s':>20} {'pyvis/kg':>9}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for size in sizes:
            data = []
            if size:
                d = Path(cache) / f"syn-{size}"
                generate(size, d)
                data = [d]
            graph = kg.open_graph(data)
            G = viz.select(graph)
            network.facts_of(graph)  # the rows of the projection and the claims are read from the store
            viz.claim_lines(graph)  # once per build and cached (that read is timed in bench/network.py)
            t = time.perf_counter()
            text = viz.build_html(graph, G)
            build = time.perf_counter() - t
            out = Path(cache) / f"view-{size}.html"
            out.write_text(text, encoding="utf-8")
            draw, drawn = first_draw(browser, out)
            base = plain_pyvis(G, Path(cache) / f"pyvis-{size}.html")
            label = f"synthetic {size:,} + shipped" if size else "shipped data"
            print(f"{label:>26} {G.number_of_nodes():6} {G.number_of_edges():6} {build:8.2f} "
                  f"{len(text.encode()) / 1e6:8.2f} {draw:13.2f} {drawn:6} {base:20.2f} {base / build:9.1f}")
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [0, 10_000, 125_000])
