"""`kg serve`: a SPARQL 1.1 endpoint at /sparql and the HTML explorer, over the embedded store or a
SPARQL server (--endpoint).

The app is a plain function of (method, path, headers, body) -> Response, so `kg serve --get PATH`
and the HTTP server answer with the same code. HTTP requests are served by threads; queries run in
worker processes (kg.workers) that are killed at the time limit, so one slow query never stalls the
others. Lookups for pages are quick, bounded named queries and run in the serving thread.
"""
import threading
from http import HTTPStatus
from urllib.parse import urlsplit

from . import protocol
from .errors import KGError

MAX_BODY = 1_000_000  # bytes of a request body; a longer request is refused (413)
DRAIN_MAX = 16_000_000  # a refused body up to this long is read before the 413, a longer one is cut off

CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}


class Response:
    def __init__(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=None):
        self.status = int(status)
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = {"Content-Type": content_type, **(headers or {})}

    @property
    def reason(self):
        return HTTPStatus(self.status).phrase


def error(status, message, headers=None):
    return Response(status, message.rstrip("\n") + "\n", headers={**CORS, **(headers or {})})


class App:
    """Routes of the server. ``run_query(request)`` answers a protocol request with
    (kind, format, body): a worker pool when serving, the graph itself for --get."""

    def __init__(self, graph, run_query):
        self.graph, self.run_query = graph, run_query

    def __call__(self, method, target, headers, body=b""):
        from . import pages

        parts = urlsplit(target)
        path = parts.path
        headers = {k.lower(): v for k, v in headers.items()}
        try:
            if path in ("/sparql", "/sparql/"):
                return self.sparql(method, parts.query, headers, body)
            if method == "OPTIONS":
                return Response(204, headers=CORS)
            if method not in ("GET", "HEAD"):
                return error(405, f"{method} is not allowed here", {"Allow": "GET"})
            return pages.route(self, path, parts.query, headers)
        except KGError as e:
            return error(getattr(e, "status", 400), f"Error: {e}")

    def sparql(self, method, query_string, headers, body):
        if method == "OPTIONS":
            return Response(204, headers=CORS)
        if len(body) > MAX_BODY:
            return error(413, f"the request body is over {MAX_BODY:,} bytes")
        if protocol.asks_description(method, query_string):
            return self.service_description(headers)
        try:
            request = protocol.parse(method, query_string, headers.get("content-type"), body, headers.get("accept"))
        except protocol.ProtocolError as e:
            return error(e.status, f"Error: {e}", e.headers)
        try:
            kind, out_fmt, payload = self.run_query(request)
        except KGError as e:
            return error(getattr(e, "status", 400), f"Error: {e}")
        ctype = protocol.CONTENT_TYPES[("graph" if kind == "graph" else "table", out_fmt)]
        return Response(200, payload, ctype, {**CORS, "Vary": "Accept"})

    def service_description(self, headers):
        from .service import description

        fmt = protocol.negotiate(headers.get("accept"))[1]
        base = f"http://{headers.get('host', '127.0.0.1')}"
        return Response(200, description(self.graph, base + "/sparql", fmt),
                        protocol.CONTENT_TYPES[("graph", fmt)], {**CORS, "Vary": "Accept"})


def local_runner(graph, max_rows):
    """Answer protocol requests in this process (no time limit): for --get and tests of the rules."""
    from .workers import answer

    return lambda request: answer(graph, request, max_rows)


def make_http_server(app, host, port, quiet=True):
    """A threading HTTP server around the app (port 0 picks a free one)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kg"

        def setup(self):
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm and the client's
            # delayed ACK hold every keep-alive answer ~40 ms (measured, one client: 19 -> 98 queries/s)
            import socket

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
        if graph.path is None:
            # a SPARQL server does the work and keeps its own time limit (the graph's endpoint timeout):
            # the HTTP threads pass each query on, no worker process is needed
            self.pool = None
            self.app = App(graph, local_runner(graph, max_rows))
        else:
            from .workers import Pool

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
