"""Load on the SPARQL endpoint: N concurrent clients on loopback send the example queries (kg/library)
for a fixed time; throughput and p50/p99 latency of `kg serve` beside rdflib-endpoint serving the same
data and queries, in the same run. Then the time limit's overshoot: how long after --timeout a
pathological query is answered 503.

    pip install rdflib-endpoint uvicorn        # the baseline
    python bench/serve.py [SECONDS_PER_LEVEL] [CLIENTS ...]    (default: 10 s at 1, 4 and 16 clients)
    python bench/serve.py --smoke      (1 s at 1 and 2 clients, 2 overshoot runs; exits 1 on any error)
"""
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PY = sys.executable
KG = str(Path(PY).with_name("kg"))
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
BASELINE = r"""
import sys, uvicorn, rdflib
from rdflib_endpoint import SparqlEndpoint
ds = rdflib.Dataset(default_union=True)
ds.parse(sys.argv[1], format="trig")
uvicorn.run(SparqlEndpoint(graph=ds, path="/sparql"), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port, proc, what, log):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} stopped ({proc.returncode}): {Path(log).read_text(errors='replace')[-1500:]}")
        try:
            post(port, "ASK {}")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not start")


def post(port, query, conn=None):
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
              {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    r = c.getresponse()
    body = r.read()
    if conn is None:
        c.close()
    return r.status, body


def load(port, queries, clients, seconds):
    """(queries per second, p50 ms, p99 ms, errors) with CLIENTS threads for SECONDS."""
    latencies, errors = [], []
    stop = time.monotonic() + seconds

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        k = i
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                status, _ = post(port, queries[k % len(queries)], conn)
            except OSError as e:
                errors.append(str(e))
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            latencies.append(time.perf_counter() - t)
            if status != 200:
                errors.append(status)
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    p = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))] * 1000  # noqa: E731
    return len(latencies) / elapsed, p(0.5), p(0.99), len(errors)


def main(seconds=10.0, levels=(1, 4, 16), overshoot_runs=5, strict=False):
    """STRICT (the smoke run): exit 1 if any request failed or a status was not the expected one."""
    sys.path.insert(0, str(Path(__file__).parent.parent))
    from kg.library import catalogue as library

    queries = [q["text"] for q in library()]
    cache = tempfile.mkdtemp(prefix="kg-bench-serve-")
    env = dict(os.environ, KG_CACHE_DIR=cache)
    trig = Path(cache) / "graph.trig"
    subprocess.run([KG, "export", "--format", "trig", "-o", str(trig)], env=env, check=True, capture_output=True)
    kg_port, base_port = free_port(), free_port()
    kg_log, base_log = Path(cache) / "kg-serve.log", Path(cache) / "baseline.log"
    kg_proc = subprocess.Popen([KG, "serve", "--port", str(kg_port), "--workers", "2", "--timeout", "2"], env=env,
                               stdout=subprocess.DEVNULL, stderr=open(kg_log, "wb"))
    base_proc = subprocess.Popen([PY, "-c", BASELINE, str(trig), str(base_port)], stdout=subprocess.DEVNULL,
                                 stderr=open(base_log, "wb"))
    failures = []
    try:
        wait_up(kg_port, kg_proc, "kg serve", kg_log)
        wait_up(base_port, base_proc, "rdflib-endpoint", base_log)
        for port in (kg_port, base_port):  # warm both: first queries pay imports and caches
            for q in queries:
                status, body = post(port, q)
                if status != 200:
                    failures.append(f"port {port}: {status} {body[:200]!r} for {q[:80]!r}")
        print(f"{len(queries)} example queries, {seconds:g} s per level, 2 kg workers, 2 cores")
        print(f"{'clients':>7} | {'kg q/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | {'rdflib-endpoint q/s':>19} "
              f"{'p50 ms':>7} {'p99 ms':>8} {'err':>4} | {'kg/rdflib q/s':>13}")
        for n in levels:
            k = load(kg_port, queries, n, seconds)
            b = load(base_port, queries, n, seconds)
            for what, errors in (("kg serve", k[3]), ("rdflib-endpoint", b[3])):
                if errors:
                    failures.append(f"{what}: {errors} errors at {n} clients")
            print(f"{n:7} | {k[0]:8.1f} {k[1]:7.1f} {k[2]:7.1f} {k[3]:4} | {b[0]:19.1f} {b[1]:7.1f} {b[2]:8.1f} {b[3]:4} | "
                  f"{k[0] / b[0] if b[0] else float('inf'):13.1f}")
        overshoot = []
        for _ in range(overshoot_runs):
            t = time.perf_counter()
            status, body = post(kg_port, SLOW)
            overshoot.append(time.perf_counter() - t - 2.0)
            if status != 503:
                raise SystemExit(f"the pathological query: {status}, not 503: {body[:300]!r}")
            time.sleep(1.0)  # let the killed worker be replaced
        print(f"time limit 2 s: a pathological query answered 503 after the limit + "
              f"{statistics.median(overshoot) * 1000:.0f} ms median (max {max(overshoot) * 1000:.0f} ms) over {overshoot_runs} runs")
        t = time.perf_counter()
        status, _ = post(kg_port, queries[0])
        print(f"the next query, right after: {status} in {(time.perf_counter() - t) * 1000:.0f} ms")
        if status != 200:
            failures.append(f"the query after the 503s: {status}")
    finally:
        for p in (kg_proc, base_proc):
            p.terminate()
            p.wait()
    if strict and failures:
        raise SystemExit("failed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--smoke" in args:  # a tiny run for CI (bench/smoke.py): the same steps, short, every error fatal
        args.remove("--smoke")
        main(float(args[0]) if args else 1.0, tuple(int(a) for a in args[1:]) or (1, 2), overshoot_runs=2, strict=True)
    else:
        main(float(args[0]) if args else 10.0, tuple(int(a) for a in args[1:]) or (1, 4, 16))
