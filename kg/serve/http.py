"""The HTTP side of `kg serve`: a threading server around the app, and the worker pool behind it.

Bounded against crowds: a listen backlog of 1,024 (the standard library's 5 left 8-35 % of 200
concurrent clients unanswered), at most MAX_CONNECTIONS connections served at once (one more is
answered 503 with Retry-After at once, never left hanging), and a connection idle or slow for
IDLE_TIMEOUT seconds is closed (each held a thread forever).
"""
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..errors import Busy
from .app import MAX_BODY, DRAIN_MAX, App, local_runner
from .response import encode, error
from .workers import Pool, Sent

BACKLOG = 1024
MAX_CONNECTIONS = 512
IDLE_TIMEOUT = 10  # seconds a connection may wait between (or within) requests (keep-alive included)


class BoundedServer(ThreadingHTTPServer):
    """A thread per connection, up to MAX_CONNECTIONS; past it a 503 is sent from the accepting thread."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        self._active = 0
        self._count_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        with self._count_lock:
            full = self._active >= MAX_CONNECTIONS
            if not full:
                self._active += 1
        if full:
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:  # noqa: BLE001 - no thread for it (memory, process limits): refused, and counted out
            with self._count_lock:
                self._active -= 1
            self._refuse(request)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._count_lock:
                self._active -= 1

    def _refuse(self, request):
        e = Busy(f"the server is answering {MAX_CONNECTIONS} connections; try again later")
        body = f"Error: {e}\n".encode()
        head = (f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Retry-After: {e.headers['Retry-After']}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
        try:
            request.settimeout(2)
            request.sendall(head.encode() + body)
        except OSError:
            pass
        self.shutdown_request(request)


def make_http_server(app, host, port, quiet=True, direct=False):
    """A threading HTTP server around the app (port 0 picks a free one). DIRECT: the app takes each
    request's connection too (``client=``), for its query workers to write results to."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kg"
        timeout = IDLE_TIMEOUT  # the socket's: a silent or slow client is let go, its thread freed

        def setup(self):
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm and the client's
            # delayed ACK hold every keep-alive answer ~40 ms (measured, one client: 19 -> 98 queries/s)
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self):
            length = self.headers.get("Content-Length")
            try:
                size = int(length) if length else 0
            except ValueError:
                size = -1
            if size < 0:
                response = error(400, "Error: a bad Content-Length")
            elif size > MAX_BODY:
                response = error(413, f"Error: the request body is over {MAX_BODY:,} bytes")
                self.close_connection = True
                # Read (and drop) a moderately long body first: a client still sending when the
                # connection closes gets a broken pipe instead of the 413 (seen under load).
                left = size if size <= DRAIN_MAX else 0
                while left > 0:
                    chunk = self.rfile.read(min(left, 65536))
                    if not chunk:
                        break
                    left -= len(chunk)
            else:
                body = self.rfile.read(size) if size else b""
                try:
                    # the connection goes along: a query worker writes a result to it itself (kg.serve.workers)
                    extra = {"client": self.connection} if direct else {}
                    response = app(self.command, self.path, dict(self.headers.items()), body, **extra)
                except Exception as e:  # noqa: BLE001 - a bug answers 500 with its name, never kills the server
                    response = error(500, f"Error: the server failed on this request: {type(e).__name__}: {e}")
            if isinstance(response, Sent):  # written by the worker, but what the socket would not take at once
                if response.rest:
                    self.wfile.write(response.rest)
                self.close_connection = self.close_connection or response.broken
                self.log_request(200, "-")
                return
            self.log_request(response.status, len(response.body))
            self.wfile.write(encode(response, head_only=self.command == "HEAD"))

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = _serve

        def log_message(self, fmt, *args):
            if not quiet:
                super().log_message(fmt, *args)

    return BoundedServer((host, port), Handler)


class Server:
    """A running `kg serve` (HTTP server + worker pool) in this process; for the CLI and tests."""

    def __init__(self, graph, *, host="127.0.0.1", port=0, workers=2, timeout=10.0, max_rows=100_000, quiet=True):
        if graph.enforces_time_limit:
            # a SPARQL server does the work and keeps its own time limit (the graph's endpoint timeout):
            # the HTTP threads pass each query on, no worker process is needed
            graph.set_time_limit(timeout)
            self.pool = None
            self.app = App(graph, local_runner(graph, max_rows))
        else:
            self.pool = Pool(graph.path, size=workers, timeout=timeout, max_rows=max_rows)
            self.app = App(graph, self.pool.run, self.pool.page)
        self.http = make_http_server(self.app, host, port, quiet=quiet, direct=self.pool is not None)
        self.host, self.port = self.http.server_address[:2]
        self.url = f"http://{self.host}:{self.port}"
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self):
        self.http.serve_forever()

    def close(self):
        if self._thread is not None:
            self.http.shutdown()
        self.http.server_close()
        if self.pool is not None:
            self.pool.close()
