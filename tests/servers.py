"""Real SPARQL servers for the tests and the benchmarks, started on 127.0.0.1 in a private directory.

Virtuoso (Debian's virtuoso-opensource, installed by .ci/run) and Oxigraph's server (the `oxigraph`
wheel). Both are stopped by ``stop()``; nothing is left listening.
"""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url, proc, seconds, log):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}: {Path(log).read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer {url} within {seconds} s")


_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {d}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0
[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DeferInferenceRulesInit = 0
"""


class Virtuoso:
    """A private Virtuoso: ``url`` (queries), ``store_url`` (Graph Store, Digest auth), ``user``/``password``."""

    query_path, store_path = "/sparql", "/sparql-graph-crud-auth"

    def __init__(self, directory, *, max_rows=10000, memory_gb=0.5):
        if VIRTUOSO is None or ISQL is None:
            import pytest

            pytest.skip("Debian's virtuoso-opensource is not installed (virtuoso-t, isql-vt): .ci/run installs it")
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        buffers = int(memory_gb * 1024 ** 3 / 8192 / 1.4)  # Virtuoso's guide: 8 KB pages, with headroom
        (self.dir / "virtuoso.ini").write_text(_INI.format(
            d=self.dir, sql_port=self.sql_port, http_port=self.http_port, max_rows=max_rows,
            buffers=buffers, dirty=buffers * 3 // 4))
        self.log = self.dir / "stdout.log"
        self.proc = subprocess.Popen(
            [VIRTUOSO, "+configfile", str(self.dir / "virtuoso.ini"), "+foreground"], cwd=self.dir,
            stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.url, self.store_url = self.base + self.query_path, self.base + self.store_path
        try:
            _wait(self.url + "?query=ASK%7B%7D", self.proc, 60, self.log)
            # A fresh database always has dba/dba: replace it at once (alphanumeric: isql quoting).
            self.user, self.password = "dba", "kg" + secrets.token_hex(12)  # starts with a letter: isql syntax
            self.isql(f"SET PASSWORD dba {self.password};", password="dba")
        except BaseException:
            self.stop()
            raise

    def isql(self, sql, *, password=None):
        out = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", password or self.password, f"EXEC={sql}"],
                             capture_output=True, text=True, timeout=600)
        if out.returncode or "*** Error" in out.stdout + out.stderr:  # isql exits 0 on SQL errors
            raise RuntimeError(f"isql failed: {out.stdout[-500:]} {out.stderr[-500:]}")
        return out.stdout

    def stop(self):
        if self.proc.poll() is None:
            try:
                subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", self.password, "-K"],
                               capture_output=True, timeout=20)
                self.proc.wait(timeout=20)
            except (subprocess.TimeoutExpired, AttributeError):
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Oxigraph:
    """A private Oxigraph server (``oxigraph serve``): ``url`` (queries), ``store_url`` (Graph Store).

    The default graph is the union of the named graphs, as on Virtuoso (kg push puts every triple in a
    named graph)."""

    def __init__(self, directory):
        self.dir = Path(directory)
        self.port = free_port()
        exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        self.log = self.dir.with_suffix(".log")
        self.proc = subprocess.Popen(
            [exe, "serve", "--location", str(self.dir), "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
            stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        self.url, self.store_url = self.base + "/query", self.base + "/store"
        self.user = self.password = None
        try:
            _wait(self.url + "?query=ASK%7B%7D", self.proc, 30, self.log)
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def rss_kb(pid):
    """Resident memory of a process and its children, in KB (from /proc)."""
    total = 0
    try:
        total += int(next(l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")).split()[1])
    except (OSError, StopIteration):
        pass
    return total


if __name__ == "__main__":  # python tests/servers.py virtuoso|oxigraph DIR: start one and wait
    import tempfile

    kind = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp()
    srv = Virtuoso(d) if kind == "virtuoso" else Oxigraph(Path(d) / "ox")
    print(srv.url, srv.store_url, srv.user or "", srv.password or "", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        srv.stop()
    os._exit(0)
