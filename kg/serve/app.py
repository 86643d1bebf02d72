"""`kg serve`: a SPARQL 1.1 endpoint at /sparql and the HTML explorer, over the embedded store or a
SPARQL server (--endpoint).

The app is a plain function of (method, path, headers, body) -> Response, so `kg serve --get PATH`
and the HTTP server answer with the same code. HTTP requests are served by threads; queries run in
worker processes (kg.serve.workers) that are killed at the time limit, so one slow query never stalls the
others. Lookups for pages are quick, bounded named queries and run in the serving thread.
"""
import re
from urllib.parse import urlsplit

from ..errors import KGError, ProtocolError
from . import pages, protocol
from .response import CORS, Response, error, failure, result
from .service import description
from .workers import Sent, answer

_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
MAX_BODY = 1_000_000  # bytes of a request body; a longer request is refused (413)
DRAIN_MAX = 16_000_000  # a refused body up to this long is read before the 413, a longer one is cut off


class App:
    """Routes of the server. ``run_query(request)`` answers a protocol request with
    (kind, format, body): a worker pool when serving, the graph itself for --get."""

    def __init__(self, graph, run_query, run_page=None):
        self.graph, self.run_query, self.run_page = graph, run_query, run_page

    def __call__(self, method, target, headers, body=b"", client=None):
        """The Response to one request; CLIENT, the connection it came on, lets a query worker write a
        result to it directly (then a workers.Sent)."""
        parts = urlsplit(target)
        path = parts.path
        headers = {k.lower(): v for k, v in headers.items()}
        try:
            if path in ("/sparql", "/sparql/"):
                return self.sparql(method, parts.query, headers, body, client)
            if method == "OPTIONS":
                return Response(204, headers=CORS)
            if method not in ("GET", "HEAD"):
                return error(405, f"{method} is not allowed here", {"Allow": "GET"})
            if self.run_page is not None and not pages.is_static(path):
                return self.run_page(path, parts.query, headers)
            return pages.route(self, path, parts.query, headers)
        except KGError as e:
            return failure(e, headers.get("accept"))

    def sparql(self, method, query_string, headers, body, client=None):
        if method == "OPTIONS":
            return Response(204, headers=CORS)
        if len(body) > MAX_BODY:
            return error(413, f"the request body is over {MAX_BODY:,} bytes")
        if protocol.asks_description(method, query_string):
            return self.service_description(headers)
        try:
            request = protocol.parse(method, query_string, headers.get("content-type"), body, headers.get("accept"))
        except ProtocolError as e:
            return failure(e, headers.get("accept"))
        if client is not None:
            request["direct"] = {"head_only": method == "HEAD"}
        try:
            answered = self.run_query(request, client)
        except KGError as e:
            return failure(e, headers.get("accept"))
        return answered if isinstance(answered, Sent) else result(*answered)

    def service_description(self, headers):
        fmt = protocol.negotiate(headers.get("accept"))[1]
        host = headers.get("host", "")
        # the client's name for this server (a proxy's), if it is a host name: never other text
        base = f"http://{host if _HOST.fullmatch(host) else '127.0.0.1'}"
        return Response(200, description(self.graph, base + "/sparql", fmt),
                        protocol.CONTENT_TYPES[("graph", fmt)], {**CORS, "Vary": "Accept"})


def local_runner(graph, max_rows):
    """Answer protocol requests in this process (no time limit): for --get and tests of the rules."""
    return lambda request, client=None: answer(graph, request, max_rows)


def get(graph, path, *, accept="", host="127.0.0.1:8787", max_rows=100_000):
    """Answer one GET of PATH in this process (``kg serve --get``): a Response."""
    return App(graph, local_runner(graph, max_rows))("GET", path, {"Accept": accept, "Host": host})
