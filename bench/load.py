"""Crowds and idle connections against `kg serve`, beside another kg install in the same run.

    python bench/load.py --against OTHER_KG [--clients 200] [--idle 1000] [--smoke]

For each server (this install's `kg serve`, then OTHER_KG's, e.g. the last release in its own venv):
a burst of N clients at once, each sending one small query on its own connection (answered 200, 503,
or none within 30 s; p50 and p99 latency); then M idle connections held open while one more client
asks (answered or not, and how fast); then the peak memory of the server and its workers after a
query of 100,000 rows. `--against self` measures this install twice (the smoke run).
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PY = sys.executable
KG = str(Path(PY).with_name("kg"))
SMALL = "ASK { ?s a rip:Project }"
BIG = "SELECT * WHERE { ?s ?p ?o } LIMIT 100000"


def start(kg, cache):
    log = tempfile.NamedTemporaryFile("w+", prefix="kg-load-", suffix=".log", delete=False)
    proc = subprocess.Popen([kg, "serve", "--port", "0", "--workers", "2", "--timeout", "10", "--max-rows", "100000"],
                            stdout=log, stderr=log, env=dict(os.environ, KG_CACHE_DIR=cache), start_new_session=True)
    deadline = time.monotonic() + 300
    while True:
        log.seek(0)
        text = log.read()
        if "kg serve: http://" in text:
            url = text.split("kg serve: ", 1)[1].split("/ ", 1)[0]
            return proc, url, log
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{kg} serve did not start:\n{text[-2000:]}")
        time.sleep(0.1)


def ask(url, query, timeout=30):
    """(status or 'none', seconds) of one GET on its own connection."""
    parts = urllib.parse.urlsplit(url)
    t = time.perf_counter()
    try:
        s = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        path = "/sparql?" + urllib.parse.urlencode({"query": query})
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        head = s.recv(64).decode("latin-1")
        while True:  # read the rest, as a client does
            if not s.recv(65536):
                break
        s.close()
        return int(head.split()[1]), time.perf_counter() - t
    except (OSError, IndexError, ValueError):
        return "none", time.perf_counter() - t


def burst(url, clients):
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: ask(url, SMALL), range(clients)))
    answered = [s for st, s in results if st == 200]
    counts = {k: sum(1 for st, _ in results if st == k) for k in (200, 503, "none")}
    lat = sorted(answered) or [float("nan")]
    return counts, statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]


def idle_then_ask(url, idle):
    parts = urllib.parse.urlsplit(url)
    held = []
    for _ in range(idle):
        try:
            held.append(socket.create_connection((parts.hostname, parts.port), timeout=5))
        except OSError:
            break
    time.sleep(0.5)
    status, seconds = ask(url, SMALL, timeout=10)
    for s in held:
        s.close()
    return len(held), status, seconds


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of PID and its children, in MB."""
    total = 0
    pids = [pid] + [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == pid]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _parent(p):
    try:
        return int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def measure(kg, clients, idle):
    cache = tempfile.mkdtemp(prefix="kg-load-")
    proc, url, log = start(kg, cache)
    try:
        ask(url, SMALL)  # warm
        counts, p50, p99 = burst(url, clients)
        held, status, seconds = idle_then_ask(url, idle)
        time.sleep(1)
        big_status, big_seconds = ask(url, BIG, timeout=60)
        rss = peak_rss_mb(proc.pid)
        return {"burst": counts, "p50": p50, "p99": p99, "idle held": held, "one more": status,
                "one more s": seconds, "big": big_status, "big s": big_seconds, "peak MB": rss}
    finally:
        os.killpg(proc.pid, 9)
        proc.wait()
        log.close()
        os.unlink(log.name)


def main(args):
    other = args[args.index("--against") + 1] if "--against" in args else None
    if other is None:
        raise SystemExit("usage: python bench/load.py --against OTHER_KG|self [--clients N] [--idle M] [--smoke]")
    other = KG if other == "self" else other
    smoke = "--smoke" in args
    clients = int(args[args.index("--clients") + 1]) if "--clients" in args else (20 if smoke else 200)
    idle = int(args[args.index("--idle") + 1]) if "--idle" in args else (50 if smoke else 1000)
    rows = {name: measure(kg, clients, idle) for name, kg in (("this kg", KG), ("other kg", other))}
    print(f"{clients} clients at once, then {idle} idle connections and one more client; then a 100,000-row query")
    print(f"{'':>9} {'200':>5} {'503':>5} {'none':>5} {'p50 ms':>8} {'p99 ms':>8} {'idle held':>9} "
          f"{'one more':>9} {'in s':>6} {'big':>5} {'big s':>6} {'peak MB':>8}")
    for name, r in rows.items():
        b = r["burst"]
        print(f"{name:>9} {b[200]:5} {b[503]:5} {b['none']:5} {r['p50'] * 1000:8.0f} {r['p99'] * 1000:8.0f} "
              f"{r['idle held']:9} {str(r['one more']):>9} {r['one more s']:6.2f} {str(r['big']):>5} "
              f"{r['big s']:6.2f} {r['peak MB']:8.0f}")
    failed = [n for n, r in rows.items() if n == "this kg" and (r["burst"]["none"] or r["one more"] == "none")]
    if failed:
        raise SystemExit("this kg left clients unanswered")


if __name__ == "__main__":
    main(sys.argv[1:])
