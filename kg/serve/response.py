"""An HTTP response of the server, and the shape of its errors (plain text, or JSON for JSON clients)."""
from http import HTTPStatus

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
