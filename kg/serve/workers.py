"""Queries run in worker processes, so that a time limit really stops the work.

pyoxigraph has no timeout and ignores signals mid-query, and a thread cannot be stopped: the only
sure stop is killing the process that runs the query. Each worker opens the store read-only once,
then answers one query at a time over a pipe. A query past its time limit has its worker killed
and replaced (in the background, so the answer that says so is not delayed); the other workers go
on answering. The HTTP threads never run a query themselves.
"""
import multiprocessing
import os
import queue
import signal
import socket
import threading
import time
from multiprocessing import reduction

import pyoxigraph as ox

from ..errors import Busy, KGError, Refused, TimedOut
from ..graph.embedded import reopen
from ..process import memory_limit_mb, resident_mb
from ..query.policy import check
from ..query.results import RESULT_FORMATS, Result
from . import pages
from .response import encode, result


def _die_with(parent):
    """Be killed when the server process ends, even mid-query (a worker that outlived its server ran on
    at 100 % CPU): the kernel's parent-death signal, and a check that the parent did not end first."""
    import ctypes  # Linux's prctl, once per worker

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _work(conn, store_path, max_rows, parent=None, gate=None):
    """A worker's loop: open the store once, then answer requests until the pipe closes."""
    if parent is not None:
        _die_with(parent)
    graph = reopen(store_path)
    graph.seal()  # the second wall: a SERVICE the policy missed cannot reach the network from here
    site = _Site(graph, max_rows)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        client = _client(conn) if "direct" in request else None
        try:
            if "page" in request:  # a page of the explorer, rendered here under the same time limit
                reply = ("ok", pages.route(site, *request["page"]))
            elif client is not None:
                reply = _write(conn, client, answer(graph, request, max_rows), request["direct"]["head_only"], gate)
            else:
                reply = ("ok", *answer(graph, request, max_rows))
            # a worker grown past RECYCLE_MB by a large result hands it over and is replaced: memory
            # an allocator keeps after a query would otherwise stay with the worker for good
            conn.send(reply + (resident_mb() > RECYCLE_MB,))
        except KGError as e:  # a refused query may have grown the worker too (rows read up to the cap)
            conn.send(("error", e.http_status, str(e), resident_mb() > RECYCLE_MB))
        except Exception as e:  # noqa: BLE001 - a worker reports, it never dies of a query
            conn.send(("error", 500, f"the query failed: {type(e).__name__}: {e}", resident_mb() > RECYCLE_MB))
        finally:
            if client is not None:
                client.close()  # this process's copy: the connection stays open in the server's


class Sent:
    """A result the worker wrote to the client's connection itself; REST is what the socket would not
    take at once (the server's thread sends it); BROKEN: the worker died mid-write (close the connection)."""

    def __init__(self, rest=b"", broken=False):
        self.rest, self.broken = rest, broken


def _client(conn):
    """The client's connection, passed along with the request (SCM_RIGHTS over the pool's Unix socket).
    A connected TCP socket can reach only its client (the seccomp filter still stops new ones)."""
    return socket.socket(fileno=reduction.recv_handle(conn))


def _write(conn, client, answered, head_only, gate):
    """Write the result to the client's connection without waiting on it; the rest, if any, goes back to
    the server with the reply. Under the gate, "writing" first: from then on the server lets it finish."""
    data = encode(result(*answered), head_only=head_only)
    sent = 0
    with gate:
        conn.send(("writing",))
        try:  # MSG_DONTWAIT: never blocking, without changing the flags the server's copy shares
            while sent < len(data):
                sent += client.send(data[sent:sent + (1 << 20)], socket.MSG_DONTWAIT)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:  # the client went away: nothing more to send
            sent = len(data)
    client.close()  # before the reply: the server may close the connection as soon as it has it
    return ("sent", data[sent:])


class _Site:
    """What the explorer's pages need of the app, in a worker: the graph, and queries run right here."""

    def __init__(self, graph, max_rows):
        self.graph = graph
        self.run_query = lambda request: answer(graph, request, max_rows)


RECYCLE_MB = 1024
MAX_BYTES = 256_000_000  # of a result's text: the row cap counts rows, and 99,999 rows of 10 KB took 4.9 GB


def answer(graph, request, max_rows):
    """Run one protocol request in this process: (kind, format, body bytes).

    request: {"query", "default_graphs", "named_graphs", "format"} where the graph lists are None
    when the protocol gave none, and format is a key of kg.query.results' formats; "checked": the
    query is the text kg.query.policy accepted (kg.serve.protocol.parse), not read again here.
    """
    text = request["query"] if request.get("checked") else check(request["query"])  # the text checked is the text run
    result = graph.query(text, user=True, default_graphs=request.get("default_graphs"),
                         named_graphs=request.get("named_graphs"))
    table_fmt, graph_fmt = request["format"]
    if isinstance(result, ox.QuerySolutions) and table_fmt in RESULT_FORMATS:
        return "select", table_fmt, _solutions(result, table_fmt, max_rows)
    if isinstance(result, ox.QueryBoolean):
        kind, res = "ask", Result("ask", boolean=bool(result))
    elif hasattr(result, "variables"):  # a server's remote.Rows
        variables = [v.value for v in result.variables]
        rows, size = [], 0
        for s in result:
            if len(rows) == max_rows:
                raise _too_many(max_rows)
            row = {v: s[v] for v in variables}
            size += sum(len(t.value) for t in row.values() if t is not None and not isinstance(t, ox.Triple))
            if size > MAX_BYTES:
                raise _too_big()
            rows.append(row)
        kind, res = "select", Result("select", variables, rows)
    else:
        triples = []
        for t in result:
            if len(triples) == max_rows:
                raise Refused(f"the result has more than {max_rows:,} triples, the server's limit "
                              "(kg serve --max-rows): narrow the CONSTRUCT or DESCRIBE")
            triples.append(t)
        kind, res = "graph", Result("graph", triples=triples)
    fmt = graph_fmt if kind == "graph" else table_fmt
    return kind, fmt, res.serialize(fmt)


def _too_many(max_rows):
    return Refused(f"the result has more than {max_rows:,} rows, the server's limit "
                   "(kg serve --max-rows): add a LIMIT, or page with LIMIT and OFFSET")


def _too_big():
    return Refused(f"the result is over {MAX_BYTES // 1_000_000:,} MB, the server's limit: select fewer "
                   "or shorter values, or page with LIMIT and OFFSET")


class _Past(Exception):
    """Raised inside pyoxigraph's serialiser: the result has grown past MAX_BYTES."""


class _Sink:
    """Where pyoxigraph's serialiser writes a result: kept in memory up to MAX_BYTES, then stopped."""

    def __init__(self):
        self.parts, self.size = [], 0

    def write(self, chunk):
        self.size += len(chunk)
        if self.size > MAX_BYTES:
            raise _Past
        self.parts.append(chunk)
        return len(chunk)

    def flush(self):
        pass


def _solutions(result, fmt, max_rows):
    """The solutions in FMT by pyoxigraph's own serialiser (a Python dict per row and json.dumps cost
    kg serve more than many queries did), refused past MAX_ROWS rows or MAX_BYTES, as before.

    The rows are counted in the bytes: exactly for XML (a <result> each) and TSV (a line each, values
    escaped); for JSON and CSV the count of "{" or lines bounds them from above, and only a result that
    bound puts near the cap is read again, row by row, to count them exactly.
    """
    sink = _Sink()
    try:
        result.serialize(sink, RESULT_FORMATS[fmt])
    except _Past:
        raise _too_big() from None
    body = b"".join(sink.parts)
    if _at_most(body, fmt) > max_rows and _rows(body, fmt) > max_rows:
        raise _too_many(max_rows)
    return body


def _at_most(body, fmt):
    """An upper bound of the rows in BODY, a results document that pyoxigraph wrote in FMT.

    >>> _at_most(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"{"}},{}]}}', "json")
    4
    >>> _at_most(b'?x\\n"a"\\n"b"\\n', "tsv"), _at_most(b"<results><result></result></results>", "xml")
    (2, 1)
    """
    if fmt == "json":  # the document's own 3, and at least one per row
        return body.count(b"{") - 3
    if fmt == "xml":
        return body.count(b"<result>")
    return body.count(b"\n") - 1  # after the header line; CSV quotes a value with a line break in it


def _rows(body, fmt):
    """The exact number of rows in BODY.

    >>> _rows(b'x\\r\\n"a\\r\\nb"\\r\\nc\\r\\n', "csv")
    2
    """
    if fmt == "csv":
        import csv  # with io: only for a large CSV result near the row cap
        import io

        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    return sum(1 for _ in ox.parse_query_results(body, format=RESULT_FORMATS[fmt]))


class Pool:
    """``size`` worker processes over the store at ``store_path``."""

    def __init__(self, store_path, *, size=2, timeout=10.0, max_rows=100_000):
        self.store_path, self.timeout, self.max_rows = str(store_path), timeout, max_rows
        self.memory_mb = memory_limit_mb() / (size + 1)  # each worker's share of kg's memory limit
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process that has threads
        self._idle = queue.Queue()
        self._closed = False
        self._all = set()
        self._gates = {}  # worker pid -> its gate (see _stop)
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())
        # Replacements are started by one long-lived thread: a worker's parent-death signal fires when
        # the thread that started it ends, so a short-lived thread per replacement would kill it at once.
        self._dead = queue.Queue()
        threading.Thread(target=self._respawn, name="kg-respawn", daemon=True).start()

    def _spawn(self):
        parent, child = self._ctx.Pipe()
        gate = self._ctx.Lock()  # held by the worker while it writes to a client, by the server to stop it
        proc = self._ctx.Process(target=_work, args=(child, self.store_path, self.max_rows, os.getpid(), gate), daemon=True)
        proc.start()
        child.close()
        with self._lock:
            self._all.add((proc, parent))
            self._gates[proc.pid] = gate
        return proc, parent

    def run(self, request, client=None):
        """(kind, format, body) for the request; Refused, TimedOut or Busy otherwise. A request waits for a
        free worker up to the time limit, then its query has the whole time limit to run.

        With CLIENT (the request's connection, and request["direct"]) the worker writes a result to it
        itself, and this returns a Sent: the answer reaches the client without waiting for this process
        to be scheduled again, one hand-over fewer per query (on a loaded machine each costs a scheduler
        turn, ~2 ms). Errors still come back here, and are answered by the server."""
        if client is None:
            request = {k: v for k, v in request.items() if k != "direct"}
        reply = self._ask(request, "the query ran past", client)
        if reply[0] == "sent":
            return Sent(reply[1])
        if reply[0] == "broken":
            return Sent(broken=True)
        return reply[1:4]

    def page(self, path, query_string, headers):
        """The Response of one explorer page, rendered by a worker under the time limit (a search of
        3,000 typo words held the server's interpreter a minute, a first network view 12 s at 1M)."""
        return self._ask({"page": (path, query_string, headers)}, "the page took longer than")[1]

    def _ask(self, request, late, client=None):
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"every worker stayed busy for {self.timeout:g} s; try again later") from None
        proc, conn = worker
        deadline, grown = time.monotonic() + self.timeout, 0.0
        try:
            conn.send(request)
            if client is not None:
                reduction.send_handle(conn, client.fileno(), proc.pid)
            while True:  # in slices, looking at the worker's memory between them
                ready = conn.poll(min(0.1, max(0.0, deadline - time.monotonic())))
                if ready or time.monotonic() >= deadline:
                    break
                grown = resident_mb(proc.pid)
                if grown > self.memory_mb:
                    break
            if not ready:
                ready = self._stop(proc, conn)
            reply = conn.recv() if ready else None
            if reply == ("writing",):  # writing to the client without blocking: let it finish
                try:
                    reply = conn.recv()
                except (EOFError, OSError):  # died mid-write: part of a response may be out
                    self._replace(worker)
                    return ("broken",)
        except (EOFError, OSError):
            reply, ready = ("error", 500, "the worker running the query died"), True
            self._replace(worker)
        else:
            if ready and reply[-1] is True:
                self._replace(worker)  # grown large: replaced once its answer is in
            elif ready:
                self._idle.put(worker)
        if not ready and grown > self.memory_mb:
            self._replace(worker)
            raise Refused(f"the query grew its worker to {grown:,.0f} MB of memory, past the server's limit of "
                          f"{self.memory_mb:,.0f} MB, and was stopped: narrow it, or add a LIMIT", 503)
        if not ready:
            self._replace(worker)
            raise TimedOut(f"{late} the time limit of {self.timeout:g} s and was stopped (kg serve --timeout)")
        if reply[0] == "error":
            raise Refused(reply[2], reply[1])
        return reply

    def _stop(self, proc, conn):
        """Kill a worker past its limit, unless it has begun writing a result to its client: then True,
        and it is let finish (a few microseconds: it never waits on the client). Under its gate, so that
        a 503 never follows part of a 200 on the same connection."""
        gate = self._gates.get(proc.pid)
        if gate is None:
            proc.kill()
            return False
        with gate:
            if conn.poll(0):
                return True
            proc.kill()  # SIGKILL: it runs no more of its own code, so it never takes the gate after us
        return False

    def _replace(self, worker):
        proc, conn = worker
        proc.kill()
        with self._lock:
            self._all.discard(worker)
        self._dead.put(worker)

    def _respawn(self):
        while True:
            proc, conn = self._dead.get()
            proc.join()
            conn.close()
            with self._lock:
                self._gates.pop(proc.pid, None)
            while not self._closed:
                try:
                    self._idle.put(self._spawn())
                    break
                except Exception:  # noqa: BLE001 - no process for now (file or memory limits): try again
                    time.sleep(1)

    def close(self):
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for proc, conn in workers:
            conn.close()
            proc.kill()
            proc.join()
