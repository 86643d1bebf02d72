"""Network commands at 10k, 100k and 1M synthetic triples, beside a baseline in the same run.

    python bench/network.py [TRIPLES ...]      (default: 10000 100000 1000000)

For each size: build the store once (timed), then one cold `kg` process per command (projection built
from the named queries + the measure; exact or a stated approximation). `partners` and `path` name
synthetic institutes, which act through their regional units, so they run with --by-parent. The
baseline is what one would write without kg: parse the same TriG with rdflib, project every triple into
networkx with rdflib_to_networkx_graph, then exact networkx degree and betweenness. A baseline step that
runs past BASELINE_LIMIT seconds is stopped and reported as such.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
PY = sys.executable
KG = str(Path(PY).with_name("kg"))
BASELINE_LIMIT = 300

BASELINE = r"""
import sys, time, warnings
warnings.simplefilter("ignore")
from rdflib import Dataset
from rdflib.extras.external_graph_libs import rdflib_to_networkx_graph
import networkx as nx
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="trig")
print(f"parse {time.perf_counter() - t:.2f}", flush=True)
t = time.perf_counter()
G = rdflib_to_networkx_graph(ds.triples((None, None, None)))  # the union of the named graphs, as triples
print(f"project {time.perf_counter() - t:.2f} {G.number_of_nodes()} {G.number_of_edges()}", flush=True)
t = time.perf_counter()
nx.degree_centrality(G)
print(f"degree {time.perf_counter() - t:.2f}", flush=True)
t = time.perf_counter()
nx.betweenness_centrality(G)
print(f"betweenness {time.perf_counter() - t:.2f}", flush=True)
"""


def timed(cmd, env, limit=None):
    t = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=limit)
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
    if r.returncode != 0:  # kg writes a --format json error to stdout
        raise SystemExit(f"failed ({r.returncode}): {cmd}\n{r.stdout[-800:]}{r.stderr[-800:]}")
    return time.perf_counter() - t, r.stdout


def main(sizes):
    sys.path.insert(0, str(HERE))
    from generate import generate

    cache = tempfile.mkdtemp(prefix="kg-bench-net-")
    env = dict(os.environ, KG_CACHE_DIR=cache)
    for size in sizes:
        d = Path(cache) / f"syn-{size}"
        g = generate(size, d)
        extra, docs = ["--data", str(d)], g["articles"]
        build, _ = timed([KG, "stats", *extra], env)
        print(f"\n== synthetic {size:,} triples + shipped data ({docs} synthetic articles): store build {build:.1f} s")
        commands = [
            ("centrality degree", ["centrality", "--measure", "degree"]),
            ("centrality betweenness", ["centrality", "--measure", "betweenness"]),
            ("centrality closeness", ["centrality", "--measure", "closeness"]),
            ("centrality eigenvector", ["centrality", "--measure", "eigenvector"]),
            ("centrality pagerank", ["centrality", "--measure", "pagerank"]),
            ("partners", ["partners", g["institute"], "--by-parent"]),
            ("path", ["path", g["institute"], g["institute2"], "--by-parent"]),
            ("brokers", ["brokers"]),
            ("communities", ["communities", "--format", "csv"]),
        ]
        kg_times = {}
        for label, args in commands:
            seconds, out = timed([KG, *args, *extra, *([] if "--format" in args else ["--format", "json"])], env)
            kg_times[label] = seconds
            note = ""
            if '"approximate": "' in out:
                note = "  (approximate: " + out.split('"approximate": "', 1)[1].split('"', 1)[0] + ")"
            print(f"  kg {label:<24} {seconds:7.2f} s{note}")
        seconds, out = timed([PY, "-c", BASELINE, str(d / "synthetic.trig")], env, limit=BASELINE_LIMIT)
        steps = dict(line.split(" ", 1) for line in out.splitlines() if line)
        print("  baseline (rdflib parse + all-triples networkx, exact): "
              + ", ".join(f"{k} {v.split()[0]} s" for k, v in steps.items())
              + ("" if seconds else f"; stopped at {BASELINE_LIMIT} s"))
        if "project" in steps:
            print(f"    baseline graph: {steps['project'].split()[1]} nodes, {steps['project'].split()[2]} edges (every triple an edge)")
        base_bt = float(steps["parse"].split()[0]) + float(steps["project"].split()[0]) + float(steps["betweenness"].split()[0]) \
            if "betweenness" in steps else None
        kg_bt = kg_times["centrality betweenness"]
        ratio = f"{base_bt / kg_bt:.1f}x" if base_bt else f"> {BASELINE_LIMIT / kg_bt:.0f}x (baseline stopped)"
        print(f"  betweenness, end to end: kg {kg_bt:.2f} s vs baseline {base_bt and f'{base_bt:.1f} s' or 'stopped'}: {ratio}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
