"""An HTTP response of the server, its bytes on the wire, and the shape of its errors (plain text, or
JSON for JSON clients)."""
import sys
from email.utils import formatdate
from http import HTTPStatus

from ..render.text import as_json
from .protocol import CONTENT_TYPES, accepted

SERVER = "kg Python/" + sys.version.split()[0]  # the Server header http.server sent

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


def result(kind, fmt, payload):
    """The 200 Response of a query's result (KIND 'select', 'ask' or 'graph', its format, its bytes)."""
    ctype = CONTENT_TYPES[("graph" if kind == "graph" else "table", fmt)]
    return Response(200, payload, ctype, {**CORS, "Vary": "Accept"})


def encode(response, head_only=False):
    """The bytes of RESPONSE on the wire, head and body in one piece (one write, one packet when small).

    >>> encode(Response(204, headers={"Allow": "GET"}), head_only=True).split(b"\\r\\n")[0]
    b'HTTP/1.1 204 No Content'
    """
    lines = [f"HTTP/1.1 {response.status} {response.reason}", f"Server: {SERVER}", f"Date: {formatdate(usegmt=True)}"]
    lines += [f"{k}: {v}" for k, v in response.headers.items()]
    lines += [f"Content-Length: {len(response.body)}", "X-Content-Type-Options: nosniff", "", ""]
    # a browser takes each answer as the type it says (nosniff)
    head = "\r\n".join(lines).encode("latin-1", "replace")
    return head if head_only else head + response.body


def error(status, message, headers=None):
    return Response(status, message.rstrip("\n") + "\n", headers={**CORS, **(headers or {})})


def failure(e, accept=None, headers=None):
    """The answer to a KGError: its dict as JSON for a client that asks for application/json first (the
    same dict as ``kg … --format json`` prints), else the message as text; the error's HTTP status."""
    headers = {**(getattr(e, "headers", None) or {}), **(headers or {})}
    if accepted(accept)[:1] == ["application/json"]:
        body = as_json(e.to_dict()) + "\n"  # the same text as kg … --format json prints
        return Response(e.http_status, body, "application/json", {**CORS, **headers})
    return error(e.http_status, f"Error: {e}", headers)
