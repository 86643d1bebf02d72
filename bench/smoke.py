"""Smoke run of every benchmark in bench/, at a tiny size, so that CI catches a broken one.

    python bench/smoke.py [SCRIPT ...]     (default: every script; exits 1 if any failed)

Each script runs as its own process with this Python, at the size given in SMOKE: the same steps as a
real run (build, the kg commands, the baseline beside them), small and short. The scripts are found by
listing bench/: one missing from SMOKE fails the run (give it a tiny size there), and so does an entry
in SMOKE without its script. All of them share one private temporary directory (KG_CACHE_DIR, and
TMPDIR for the directories the scripts make themselves), removed at the end; no kg endpoint, config
file or extra data directory of the caller's environment reaches them.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
LIBRARIES = {"generate.py", "smoke.py"}  # imported by the scripts, or this file: not benchmarks
SMOKE = {  # script -> its arguments for a tiny run (each well under a minute on 2 cores)
    "cold_lookup.py": ["0", "2000", "--against", "self", "--rounds", "3"],  # shipped data, 2,000 synthetic triples
    "ingest.py": ["--smoke"],  # one development article per language (none when ../shared/ingest-dev is absent)
    "load.py": ["--against", "self", "--smoke"],
    "names.py": [],  # the names corpus (357 names), once
    "network.py": ["2000"],
    "scale.py": ["--smoke"],  # 2,000 triples; Virtuoso if virtuoso-t is installed, else skipped and said so
    "serve.py": ["--smoke"],  # 1 s per level at 1 and 2 clients, 2 runs of the time limit
    "viz.py": ["0", "2000"],
}
LIMIT = 300  # seconds for one script; past it the script's process group is stopped and the script fails
BUDGET = 60  # seconds a script should take: past it the summary says so (it does not fail)
CLEARED = ("KG_ENDPOINT", "KG_STORE_ENDPOINT", "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD",
           "KG_ENDPOINT_MAX_ROWS", "KG_ENDPOINT_TIMEOUT", "KG_DATA")


def scripts():
    """Every benchmark script in bench/, and the errors of SMOKE against that listing."""
    found = sorted(p.name for p in HERE.glob("*.py") if p.name not in LIBRARIES)
    errors = [f"{name}: no smoke run: add its tiny-size arguments to SMOKE in bench/smoke.py"
              for name in found if name not in SMOKE]
    errors += [f"{name}: in SMOKE but not in bench/" for name in SMOKE if name not in found]
    return found, errors


def run(name, env):
    """(exit status, seconds) of one script, its output passed through."""
    cmd = [sys.executable, str(HERE / name), *SMOKE[name]]
    print(f"\n== {name} {' '.join(SMOKE[name])}", flush=True)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=HERE.parent, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        status = proc.wait(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        print(f"{name}: over {LIMIT} s, stopped", flush=True)
        stop(proc)
        status = "timeout"
    except BaseException:  # this run interrupted: not the script left running in its own session
        stop(proc)
        raise
    return status, time.perf_counter() - t


def stop(proc):
    """Stop a script's process group: SIGINT first (KeyboardInterrupt: its finally blocks stop the
    servers it started), then SIGKILL."""
    for sig, wait in ((signal.SIGINT, 30), (signal.SIGKILL, None)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def main(args):
    found, errors = scripts()
    unknown = [a for a in args if a not in found]
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(unknown)} (bench/ has {', '.join(found)})")
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-smoke-"))
    (tmp / "tmp").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(KG_CACHE_DIR=str(tmp / "cache"), TMPDIR=str(tmp / "tmp"), KG_CONFIG=str(tmp / "no-config.toml"),
               PYTHONUNBUFFERED="1")
    results = {}
    t0 = time.perf_counter()
    try:
        for name in args or found:
            if name in SMOKE:
                results[name] = run(name, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = time.perf_counter() - t0
    print("\n== smoke run of bench/")
    for name in args or found:
        if name not in results:
            print(f"  {name:<16} FAILED: no smoke run (see SMOKE in bench/smoke.py)")
            continue
        status, seconds = results[name]
        verdict = "ok" if status == 0 else f"FAILED (exit {status})"
        over = f"  (over the {BUDGET} s budget)" if seconds > BUDGET else ""
        print(f"  {name:<16} {verdict:<20} {seconds:6.1f} s{over}")
    print(f"  total {total:.1f} s")
    for e in errors:
        print(f"error: {e}")
    failed = [n for n, (status, _) in results.items() if status != 0]
    if failed or errors:
        print(f"smoke run FAILED: {', '.join(failed + [e.split(':')[0] for e in errors])}")
        return 1
    print(f"smoke run passed: {len(results)} scripts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
