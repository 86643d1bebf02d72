"""Cold `kg who-leads` processes against the floor and an rdflib baseline, in the same run.

    python bench/cold_lookup.py [TRIPLES ...]     (default: shipped data, then 100000)
    python bench/cold_lookup.py [TRIPLES ...] --against OTHER_KG [--rounds N]   (also: this kg beside another)

For each size: build once (timed), then N cold processes of `kg who-leads`; beside them the floor
(`python -c "import click"`) and the baseline: a process that parses the same Turtle/TriG with rdflib
and runs the same lookup query. Prints medians and ratios.

With --against, the cold `kg who-leads` of this install and of another one (say the last release,
installed in its own venv), and the floor, take turns for ROUNDS rounds (default 31), each install with
its own cache: a change's cost to a cold lookup, measured in one run (``--against self`` times this
install twice: the smoke run uses it to exercise the code).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
PY = sys.executable
KG = str(Path(PY).with_name("kg"))
RUNS = 7

BASELINE = r"""
import sys, warnings, glob
warnings.simplefilter("ignore")
from rdflib import Dataset, Literal
import kg.graph.files as p
from kg.query import queries
ds = Dataset(default_union=True)
files = glob.glob(str(p.package_dir("data") / "*.trig")) + sys.argv[2:]
for f in files: ds.parse(f, format="trig")
for f in glob.glob(str(p.package_dir("ontology") / "*.ttl")): ds.parse(f, format="turtle")
name = sys.argv[1]
hits = [r for r in ds.query("SELECT ?e WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(STR(?l) = ?n) }", initBindings={"n": Literal(name)})]
rows = list(ds.query(queries.text("who_leads"), initBindings={"target": hits[0][0]}))
print(len(rows))
"""


def med(cmd, env=None, runs=RUNS):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            raise SystemExit(f"failed ({r.returncode}): {cmd}\n{r.stdout.decode()[-500:]}{r.stderr.decode()[-500:]}")
    return statistics.median(times)


def main(sizes):
    cache = tempfile.mkdtemp(prefix="kg-bench-")
    env = dict(os.environ, KG_CACHE_DIR=cache)
    floor = med([PY, "-c", "import click"])
    print(f"floor (python -c 'import click'): {floor * 1000:.0f} ms")
    print(f"{'graph':>26} {'build s':>8} {'kg who-leads ms':>16} {'vs floor':>9} {'rdflib baseline ms':>19} {'baseline/kg':>12}")
    for size in sizes:
        extra, name = [], "E-Mobility laser"
        base_name = "Advancement of E-Mobility Laser Application Technology Manufacturing Equipment Base Project"
        if size:
            sys.path.insert(0, str(HERE))
            from generate import generate

            d = Path(cache) / f"syn-{size}"
            extra, name = ["--data", str(d)], generate(size, d)["project"]
            base_name = name
        t = time.perf_counter()
        r = subprocess.run([KG, "stats", *extra], capture_output=True, env=env)
        if r.returncode != 0:
            raise SystemExit(f"kg stats failed ({r.returncode}):\n{r.stdout.decode()[-500:]}{r.stderr.decode()[-500:]}")
        build = time.perf_counter() - t
        os.sync()  # the build's write-back (~0.5 GB at 1M) would otherwise slow the first lookups
        med([KG, "who-leads", name, *extra], env=env, runs=1)  # one unmeasured run: a process, not a cold disk
        cold = med([KG, "who-leads", name, *extra], env=env)
        base_runs = 3 if size and size >= 100_000 else RUNS
        baseline = med([PY, "-c", BASELINE, base_name, *([str(Path(extra[1]) / "synthetic.trig")] if extra else [])], env=env, runs=base_runs)
        label = f"synthetic {size:,} + shipped" if size else "shipped data"
        print(f"{label:>26} {build:8.2f} {cold * 1000:16.0f} {cold / floor:9.2f} {baseline * 1000:19.0f} {baseline / cold:12.1f}")


def against(other, rounds):
    other = KG if other == "self" else other
    cmds = {"this kg": [KG, "who-leads", "E-Mobility laser"], "other kg": [other, "who-leads", "E-Mobility laser"],
            "floor": [PY, "-c", "import click"]}
    envs = {k: dict(os.environ, KG_CACHE_DIR=tempfile.mkdtemp(prefix="kg-bench-")) for k in cmds}
    for k, c in cmds.items():  # builds each store (a shared cache would retire the other's store)
        subprocess.run(c, env=envs[k], capture_output=True, check=True)
    times = {k: [] for k in cmds}
    for _ in range(rounds):
        for k, c in cmds.items():
            t = time.perf_counter()
            subprocess.run(c, env=envs[k], capture_output=True, check=True)
            times[k].append(time.perf_counter() - t)
    medians = {k: statistics.median(v) for k, v in times.items()}
    for k, m in medians.items():
        print(f"{k:>9} ({' '.join(cmds[k][:1])}): median {m * 1000:.1f} ms, min {min(times[k]) * 1000:.1f} ms")
    print(f"this kg / other kg: {medians['this kg'] / medians['other kg']:.3f}; "
          f"this kg / floor: {medians['this kg'] / medians['floor']:.2f}; other kg / floor: "
          f"{medians['other kg'] / medians['floor']:.2f} ({rounds} rounds)")


if __name__ == "__main__":
    args, other, rounds = sys.argv[1:], None, 31
    if "--against" in args:
        i = args.index("--against")
        other, args = args[i + 1], args[:i] + args[i + 2:]
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds, args = int(args[i + 1]), args[:i] + args[i + 2:]
    if args or other is None:
        main([int(a) for a in args] or [0, 100_000])
    if other is not None:
        against(other, rounds)
