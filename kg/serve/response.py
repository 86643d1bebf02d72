"""An HTTP response of the server, and the shape of its errors (plain text, or JSON for JSON clients)."""
from http import HTTPStatus

from ..render.text import as_json
from .protocol import accepted

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


def failure(e, accept=None, headers=None):
    """The answer to a KGError: its dict as JSON for a client that asks for application/json first (the
    same dict as ``kg … --format json`` prints), else the message as text; the error's HTTP status."""
    headers = {**(getattr(e, "headers", None) or {}), **(headers or {})}
    if accepted(accept)[:1] == ["application/json"]:
        body = as_json(e.to_dict()) + "\n"  # the same text as kg … --format json prints
        return Response(e.http_status, body, "application/json", {**CORS, **headers})
    return error(e.http_status, f"Error: {e}", headers)
