"""The HTTP side of `kg serve`: a threading server around the app, and the worker pool behind it."""
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .app import MAX_BODY, DRAIN_MAX, App, local_runner
from .response import error
from .workers import Pool


def make_http_server(app, host, port, quiet=True):
    """A threading HTTP server around the app (port 0 picks a free one)."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kg"

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
                    response = app(self.command, self.path, dict(self.headers.items()), body)
                except Exception as e:  # noqa: BLE001 - a bug answers 500 with its name, never kills the server
                    response = error(500, f"Error: the server failed on this request: {type(e).__name__}: {e}")
            self.send_response(response.status, response.reason)
            for k, v in response.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = _serve

        def log_message(self, fmt, *args):
            if not quiet:
                super().log_message(fmt, *args)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


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
            self.app = App(graph, self.pool.run)
        self.http = make_http_server(self.app, host, port, quiet=quiet)
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
