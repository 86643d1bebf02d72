"""Scale: the embedded store beside plain pyoxigraph, plain rdflib and Virtuoso, in the same run.

    python bench/scale.py [SIZES...] [--rdflib-max N] [--virtuoso-max N] [--embedded-max N]
                          [--step-limit MIN] [--query-limit MIN]     e.g. 10000 100000 1000000 10000000
    python bench/scale.py --smoke      (2000 triples, 1 min limits; exits 1 if any step failed or was stopped)

For each size, on the synthetic registry (bench/generate.py) plus the shipped data:

- build: `kg` building its store (derived triples included) beside a plain pyoxigraph bulk load of
  the same file (time, peak RSS, size on disk);
- cold `kg who-leads` (median of 5 processes), the 13 library queries (one process each, stopped
  past --query-limit), `kg centrality` and `kg viz --focus` (one process each, stopped past
  --step-limit); sizes up to --embedded-max (above it the store is built untimed, for kg push);
- rdflib: parse the same files into a Dataset in memory, then the same library queries (sizes up to
  --rdflib-max, default 1M: beyond that it needs more than this machine's memory and time);
- Virtuoso (Debian's, private, 127.0.0.1): `kg push --bulk` into one (the complete dump and Virtuoso's
  bulk loader, checked), `kg push` into another (time each), then the same queries and commands with
  --endpoint (sizes up to --virtuoso-max, default 10M; skipped, and said so, without virtuoso-t);
- `kg serve` beside Oxigraph's own server on the same store (bench/serve.py: the 13 example queries at 1
  and 16 clients, interleaved rounds; sizes up to --serve-max, default 100k).

Needs virtuoso-opensource (apt) and, in the environment, the test extra (pip install '.[test]').
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]
PY = sys.executable
KG = str(Path(PY).with_name("kg"))
LIBRARY = sorted((ROOT / "kg" / "library").glob("*.rq"))


def peak_of(cmd, env=None, timeout=None):
    """Run CMD in a fresh Python wrapper that reports its own child's peak RSS (RUSAGE_CHILDREN is
    a maximum over every child so far, so each measurement needs its own parent)."""
    wrapper = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],capture_output=True);"
               "print(json.dumps([time.perf_counter()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024,r.returncode,r.stderr.decode()[-1500:]]))")
    proc = subprocess.Popen([PY, "-c", wrapper, *cmd], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:  # the whole group: the wrapper and the command it runs
        os.killpg(proc.pid, 9)
        proc.communicate()
        return None, None
    seconds, mb, rc, err = json.loads(out)
    if rc:
        raise Failed(f"{cmd[1] if len(cmd) > 1 else cmd} failed: {err.strip().splitlines()[-1] if err.strip() else rc}")
    return seconds, mb


class Failed(Exception):
    """A measured command failed: reported in the table, the run goes on."""


def du_mb(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def median_runs(cmd, env, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, env=env, capture_output=True)
        times.append(time.perf_counter() - t)
        if r.returncode:
            raise SystemExit(f"{cmd} failed: {r.stderr.decode()[-1000:]}")
    return statistics.median(times)


PLAIN = """import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
for f in sys.argv[2:]:
    s.bulk_load(path=f, format=ox.RdfFormat.TRIG if f.endswith('.trig') else ox.RdfFormat.TURTLE)
s.flush()
"""

BUILD = """import sys, kg
kg.open_graph(sys.argv[1:])
"""

QUERIES = """import json, sys, time
sys.path.insert(0, {tests!r})
import kg
from pathlib import Path
mode, arg = sys.argv[1], sys.argv[2]
if mode == "embedded":
    g = kg.open_graph([arg])
else:
    from kg.graph.remote import open_remote
    from kg.graph.settings import Endpoint
    g = open_remote(Endpoint(arg, max_rows=int(sys.argv[3]), timeout=600))
out = {{}}
for f in sys.argv[4:]:
    text = Path(f).read_text()
    t = time.perf_counter()
    try:
        if mode == "embedded":
            r = g.query(text, user=True)
            n = len(list(r)) if hasattr(r, "variables") else 1
        else:  # paged past the server's row cap, as kg's own queries are
            n = len(g.rows(text))
        out[Path(f).stem] = [time.perf_counter() - t, n]
    except Exception as e:
        out[Path(f).stem] = [None, str(e)[:80]]
print(json.dumps(out))
"""

RDFLIB = """import json, sys, time
from pathlib import Path
import rdflib
t = time.perf_counter()
ds = rdflib.Dataset(default_union=True)
for f in sys.argv[2].split(","):
    ds.parse(f, format="trig" if f.endswith(".trig") else "turtle")
out = {"parse": [time.perf_counter() - t, len(ds)]}
limit = float(sys.argv[1])
for f in sys.argv[3:]:
    text = Path(f).read_text()
    t = time.perf_counter()
    r = ds.query(text)
    n = len(list(r)) if r.type == "SELECT" else 1
    out[Path(f).stem] = [time.perf_counter() - t, n]
    print(json.dumps(out), flush=True)
"""


def rdflib_queries(files, per_query_limit, timeout):
    """Parse + library queries in plain rdflib; the JSON it printed last (partial if it timed out)."""
    p = subprocess.Popen([PY, "-c", RDFLIB, str(per_query_limit), ",".join(map(str, files)), *map(str, LIBRARY)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    last = {}
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    for line in out.splitlines():
        last = json.loads(line)
    return last


PUSH_LIMIT, STEP_LIMIT, QUERY_LIMIT = 45 * 60, 15 * 60, 3 * 60  # seconds; past them a step is stopped and reported


def library_queries(args, env):
    """{query: [seconds or None, rows or error]}, each query in its own process, stopped past QUERY_LIMIT
    (an embedded query cannot be interrupted from inside its process)."""
    out = {}
    for f in LIBRARY:
        try:
            r = subprocess.run([PY, "-c", QUERIES.format(tests=str(ROOT / "tests")), *args, str(f)], env=env,
                               capture_output=True, text=True, check=True, timeout=QUERY_LIMIT, start_new_session=True)
            out.update(json.loads(r.stdout))
        except subprocess.TimeoutExpired:
            out[f.stem] = [None, f"over {QUERY_LIMIT // 60} min"]
    return out


def _s(seconds, kg_seconds=None):
    if seconds is None:
        return f"over {STEP_LIMIT // 60} min"
    return f"{seconds:.2f} s" + (f" ({seconds / kg_seconds:.1f}x kg)" if kg_seconds else "")


def main(sizes, rdflib_max=1_000_000, virtuoso_max=10_000_000, embedded_max=10_000_000, strict=False, serve_max=100_000):
    """STRICT (the smoke run): exit 1 if any measured step failed or was stopped at its limit."""
    from generate import generate

    if virtuoso_max and not shutil.which("virtuoso-t"):
        print("virtuoso: skipped, virtuoso-t is not installed (apt-get install virtuoso-opensource)", flush=True)
        virtuoso_max = 0
    shipped = sorted((ROOT / "data").glob("*.trig"))
    root = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    rows = []
    for size in sizes:
        print(f"\n== {size:,} synthetic triples (+ the shipped data)", flush=True)
        d = root / f"syn-{size}"
        g = generate(size, d)
        env = dict(os.environ, KG_CACHE_DIR=str(root / f"cache-{size}"))
        env.pop("KG_ENDPOINT", None)
        row = {"size": size}
        if size <= embedded_max:
            embedded(row, root, d, g, env)
        else:  # kg push sends the built store: build it, untimed
            subprocess.run([PY, "-c", BUILD, str(d)], env=env, check=True)
            row["quads"] = json.loads((_store(root, size) / "kg-build.json").read_text())["quads"]
        if size <= rdflib_max:
            plain_rdflib(row, shipped + [g["path"]])
        if size <= serve_max:
            serve_beside_oxigraph(row, root, d, env)
        if size <= virtuoso_max:
            virtuoso_bulk(row, root, d, env)
            virtuoso(row, root, d, g, env)
        rows.append(row)
        (root / "scale.json").write_text(json.dumps(rows, indent=1))
    print_table(rows)
    print(f"\nall figures: {root / 'scale.json'}")
    bad = [f"{r['size']:,}: {p}" for r in rows for p in problems(r)]
    if strict and bad:
        raise SystemExit("failed:\n  " + "\n  ".join(bad))


def problems(row):
    """What in ROW failed or was stopped: library queries (kg, rdflib, Virtuoso), the timed steps."""
    out = [f"{what} {k}: {v[1]}" for what, key in (("kg", "queries"), ("virtuoso", "v_queries"))
           for k, v in row.get(key, {}).items() if v[0] is None]
    if "rdflib_done" in row and (row["rdflib_done"] < len(LIBRARY) or row.get("rdflib_parse_s") is None):
        out.append(f"rdflib: {row['rdflib_done']} of {len(LIBRARY)} library queries done")
    out += [f"{what}: stopped at its limit" for key, what in (("centrality_s", "kg centrality"), ("view_s", "kg viz"),
            ("v_centrality_s", "virtuoso centrality"), ("v_view_s", "virtuoso viz")) if key in row and row[key] is None]
    if "v_error" in row:
        out.append(f"virtuoso: {row['v_error']}")
    return out


def _store(root, size):
    return next(p for p in (root / f"cache-{size}" / "stores").iterdir() if p.is_dir())


def embedded(row, root, d, g, env):
    """The build beside a plain bulk load, then the commands on the embedded store."""
    size = row["size"]
    os.sync()  # each load starts with nothing left to write back from the step before
    plain_s, plain_mb = peak_of([PY, "-c", PLAIN, str(root / f"plain-{size}"), str(g["path"])], env)
    os.sync()
    kg_s, kg_mb = peak_of([PY, "-c", BUILD, str(d)], env)  # the build alone (kg stats would add its counts)
    os.sync()
    store = _store(root, size)
    quads = json.loads((store / "kg-build.json").read_text())["quads"]
    row.update(quads=quads, plain_s=plain_s, plain_mb=plain_mb, kg_s=kg_s, kg_mb=kg_mb, disk_mb=du_mb(store))
    print(f"build: plain pyoxigraph {plain_s:.1f} s {plain_mb:.0f} MB | kg {kg_s:.1f} s {kg_mb:.0f} MB "
          f"({kg_s / plain_s:.2f}x), {quads:,} quads, {row['disk_mb']:.0f} MB on disk", flush=True)
    cold = median_runs([KG, "who-leads", g["project"], "--data", str(d)], env)
    centrality, _ = peak_of([KG, "centrality", "--data", str(d)], env, timeout=STEP_LIMIT)
    view, _ = peak_of([KG, "viz", "--focus", g["institute"], "-o", str(root / "v.html"), "--data", str(d)], env,
                      timeout=STEP_LIMIT)
    q = library_queries(["embedded", str(d), "0"], env)
    qsum = sum(v[0] for v in q.values() if v[0] is not None)
    slow = {k: v[1] for k, v in q.items() if v[0] is None}  # over the limit, or an error
    row.update(cold_ms=cold * 1000, centrality_s=centrality, view_s=view, queries_s=qsum, queries=q)
    print(f"kg: cold who-leads {cold * 1000:.0f} ms, centrality {_s(centrality)}, view {_s(view)}, "
          f"{len(q) - len(slow)} library queries {qsum:.2f} s" + (f", failed or over {QUERY_LIMIT // 60} min: {slow}" if slow else ""),
          flush=True)


def plain_rdflib(row, files):
    r = rdflib_queries(files, 120, timeout=600)
    done = {k: v for k, v in r.items() if k != "parse"}
    rsum = sum(v[0] for v in done.values())
    row.update(rdflib_parse_s=r.get("parse", [None])[0], rdflib_queries_s=rsum, rdflib_done=len(done))
    q = row.get("queries", {})
    ksum = sum(q[k][0] for k in done if q.get(k, [None])[0] is not None)
    print(f"rdflib: parse {row['rdflib_parse_s']:.1f} s, {len(done)}/13 queries {rsum:.2f} s "
          f"(kg on the same: {ksum:.2f} s, {rsum / max(ksum, 1e-9):.0f}x)", flush=True)


def serve_beside_oxigraph(row, root, d, env, seconds=3.0, rounds=2):
    """kg serve and Oxigraph's server (loaded from kg export --complete) on the same store: q/s of the 13
    example queries at 1 and 16 clients, in interleaved rounds; the median of the rounds' ratios."""
    from serve import OXIGRAPH, Served, free_port, load

    size = row["size"]
    if OXIGRAPH is None:
        print("serve: skipped, oxigraph (the server) is not installed", flush=True)
        return
    dump, ox_dir = root / f"complete-{size}.nq", root / f"oxigraph-{size}"
    subprocess.run([KG, "export", "--complete", "--format", "nq", "-o", str(dump), "--data", str(d)], env=env, check=True)
    subprocess.run([OXIGRAPH, "load", "--location", str(ox_dir), "--file", str(dump)], check=True, capture_output=True)
    dump.unlink()
    queries = [f.read_text() for f in LIBRARY]
    kp, op = free_port(), free_port()
    servers = [Served("kg serve", [KG, "serve", "--port", str(kp), "--workers", "2", "--data", str(d)], kp, "/sparql",
                      root / "serve-kg.log", env),
               Served("oxigraph serve", [OXIGRAPH, "serve-read-only", "--location", str(ox_dir), "--bind",
                                         f"127.0.0.1:{op}", "--union-default-graph"], op, "/query", root / "serve-ox.log")]
    try:
        ratios = {}
        for r in range(rounds):
            for n in (1, 16):
                got = {s.name: load(s, queries, n, seconds) for s in (servers if r % 2 == 0 else servers[::-1])}
                if got["oxigraph serve"][0]:
                    ratios.setdefault(n, []).append(got["kg serve"][0] / got["oxigraph serve"][0])
        row.update(serve_1=statistics.median(ratios.get(1, [0])), serve_16=statistics.median(ratios.get(16, [0])))
        print(f"serve: kg / Oxigraph's server, 13 example queries: {row['serve_1']:.2f}x at 1 client, "
              f"{row['serve_16']:.2f}x at 16", flush=True)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(ox_dir, ignore_errors=True)


def virtuoso_bulk(row, root, d, env):
    """kg push --bulk into a private Virtuoso: the complete dump into a directory it reads, its bulk loader,
    the check that it holds every graph as sent."""
    from servers import Virtuoso

    size = row["size"]
    vt = Virtuoso(root / f"vb-{size}", max_rows=10000, memory_gb=max(0.5, min(8, size / 1.5e6)))
    try:
        venv = dict(env, KG_ENDPOINT=vt.url, KG_ENDPOINT_USER=vt.user, KG_ENDPOINT_PASSWORD=vt.password,
                    KG_ENDPOINT_MAX_ROWS="10000", KG_ENDPOINT_TIMEOUT="600")
        bulk_s, bulk_mb = peak_of([KG, "push", "--data", str(d), "--bulk", str(vt.dir / "dumps")], venv, timeout=PUSH_LIMIT)
        if bulk_s is None:
            raise Failed(f"bulk push over {PUSH_LIMIT // 60} min")
        row.update(bulk_s=bulk_s, bulk_mb=bulk_mb)
        print(f"virtuoso: push --bulk {bulk_s:.1f} s, peak {bulk_mb:.0f} MB (checked)", flush=True)
    except Failed as e:
        row.update(v_error=f"bulk: {e}")
        print(f"virtuoso: bulk: {e}", flush=True)
    finally:
        vt.stop()
        shutil.rmtree(root / f"vb-{size}", ignore_errors=True)


def virtuoso(row, root, d, g, env):
    """kg push to a private Virtuoso, then the same commands with --endpoint; each step printed when done."""
    from servers import Virtuoso

    size = row["size"]
    vt = Virtuoso(root / f"vt-{size}", max_rows=10000, memory_gb=max(0.5, min(8, size / 1.5e6)))
    try:
        venv = dict(env, KG_ENDPOINT=vt.url, KG_STORE_ENDPOINT=vt.store_url, KG_ENDPOINT_USER=vt.user,
                    KG_ENDPOINT_PASSWORD=vt.password, KG_ENDPOINT_MAX_ROWS="10000", KG_ENDPOINT_TIMEOUT="600")
        push_s, _ = peak_of([KG, "push", "--data", str(d)], dict(venv, KG_ENDPOINT=vt.url), timeout=PUSH_LIMIT)
        if push_s is None:
            raise Failed(f"push over {PUSH_LIMIT // 60} min")
        row.update(push_s=push_s, v_disk_mb=du_mb(root / f"vt-{size}"))
        print(f"virtuoso: push {push_s:.1f} s, {row['v_disk_mb']:.0f} MB on disk", flush=True)

        def vs(kg_value):
            return f" ({kg_value:.1f}x kg)" if kg_value else ""

        vcold = median_runs([KG, "who-leads", g["project"]], venv)
        row.update(v_cold_ms=vcold * 1000)
        print(f"virtuoso: cold who-leads {vcold * 1000:.0f} ms" + vs(row.get("cold_ms") and vcold * 1000 / row["cold_ms"]),
              flush=True)
        vcent, _ = peak_of([KG, "centrality"], venv, timeout=STEP_LIMIT)
        row.update(v_centrality_s=vcent)
        print(f"virtuoso: centrality {_s(vcent, row.get('centrality_s'))}", flush=True)
        vview, _ = peak_of([KG, "viz", "--focus", g["institute"], "-o", str(root / "vv.html")], venv, timeout=STEP_LIMIT)
        row.update(v_view_s=vview)
        print(f"virtuoso: view {_s(vview, row.get('view_s'))}", flush=True)
        vq = library_queries(["remote", vt.url, "10000"], venv)
        vsum = sum(v[0] for v in vq.values() if v[0] is not None)
        failed = {k: v[1] for k, v in vq.items() if v[0] is None}
        row.update(v_queries_s=vsum, v_failed=failed, v_queries=vq)
        print(f"virtuoso: {len(vq) - len(failed)} library queries {vsum:.2f} s"
              + (f" ({vsum / row['queries_s']:.1f}x kg)" if row.get("queries_s") else "")
              + (f", refused or over {QUERY_LIMIT // 60} min: {failed}" if failed else ""), flush=True)
    except Failed as e:
        row.update(v_error=str(e))
        print(f"virtuoso: {e}", flush=True)
    finally:
        vt.stop()


def print_table(rows):
    """The figures as one Markdown table (kg beside plain pyoxigraph, rdflib and Virtuoso)."""
    def f(v, fmt="{:.1f}"):
        return "-" if v is None else fmt.format(v)

    print("\n| triples | quads | plain load s / MB | kg build s / MB (ratio) | disk MB | cold who-leads ms "
          "| centrality s | view s | 13 queries s | rdflib parse + queries s | Virtuoso push s | Virtuoso push --bulk s "
          "| Virtuoso cold ms | Virtuoso centrality s | Virtuoso queries s | kg serve / Oxigraph (1 / 16 clients) |")
    print("|" + "---|" * 16)
    for r in rows:
        r = {k: v for k, v in r.items() if v is not None}
        ratio = f" ({r['kg_s'] / r['plain_s']:.2f}x)" if "kg_s" in r and "plain_s" in r else ""
        print(f"| {r['size']:,} | {r['quads']:,} | {f(r.get('plain_s'))} / {f(r.get('plain_mb'), '{:.0f}')} "
              f"| {f(r.get('kg_s'))} / {f(r.get('kg_mb'), '{:.0f}')}{ratio} | {f(r.get('disk_mb'), '{:.0f}')} "
              f"| {f(r.get('cold_ms'), '{:.0f}')} | {f(r.get('centrality_s'))} | {f(r.get('view_s'))} | {f(r.get('queries_s'))} "
              f"| {f(r.get('rdflib_parse_s'))} + {f(r.get('rdflib_queries_s'))} | {f(r.get('push_s'))} | {f(r.get('bulk_s'))} "
              f"| {f(r.get('v_cold_ms'), '{:.0f}')} | {f(r.get('v_centrality_s'))} | {f(r.get('v_queries_s'))} "
              f"| {f(r.get('serve_1'), '{:.2f}x')} / {f(r.get('serve_16'), '{:.2f}x')} |")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int)
    ap.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size for the rdflib baseline")
    ap.add_argument("--virtuoso-max", type=int, default=10_000_000, help="largest size for Virtuoso")
    ap.add_argument("--serve-max", type=int, default=100_000, help="largest size for kg serve beside Oxigraph's server")
    ap.add_argument("--embedded-max", type=int, default=10_000_000,
                    help="largest size for the embedded measurements (above it the store is only built, for kg push)")
    ap.add_argument("--step-limit", type=float, default=STEP_LIMIT / 60, help="minutes for centrality and a view")
    ap.add_argument("--query-limit", type=float, default=QUERY_LIMIT / 60, help="minutes for each library query")
    ap.add_argument("--smoke", action="store_true",
                    help="a tiny run for CI (bench/smoke.py): 2000 triples unless sizes are given, 1 min limits, "
                         "every part (Virtuoso if installed), exit 1 if any step failed or was stopped")
    a = ap.parse_args()
    if a.smoke:
        a.sizes = a.sizes or [2000]
        a.step_limit, a.query_limit = min(a.step_limit, 1), min(a.query_limit, 1)
    STEP_LIMIT, QUERY_LIMIT = int(a.step_limit * 60), int(a.query_limit * 60)
    main(a.sizes or [10_000, 100_000, 1_000_000], rdflib_max=a.rdflib_max, virtuoso_max=a.virtuoso_max,
         embedded_max=a.embedded_max, strict=a.smoke, serve_max=a.serve_max)
