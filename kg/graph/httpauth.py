"""Credentials sent with the first byte of a write, not after a 401.

urllib answers a server's 401 by sending the request again with credentials. For a Graph Store write
that means the body goes out twice, and Virtuoso closes the connection on its 401 while a large body is
still being sent: every PUT over ~500 KB failed with a broken pipe (the name index of a 100k-triple
graph is 3 MB). So a write first asks the server, with a HEAD, which scheme and nonce it wants,
and then carries its Authorization header from the start (RFC 7616 allows a client to reuse a nonce,
counting its uses).
"""
import base64
import urllib.error
import urllib.request


class PreAuth:
    """Authorization headers for USER at the server of a URL, from one challenge fetched ahead."""

    def __init__(self, user, password, urls):
        self.user, self.password = user, password or ""
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in urls:
            mgr.add_password(None, url, user, self.password)
        self.digest = urllib.request.HTTPDigestAuthHandler(mgr)  # computes responses, counts nonce uses
        self.basic = urllib.request.HTTPBasicAuthHandler(mgr)
        self._challenge = None  # (scheme, params) once fetched; None: not asked yet

    def handlers(self):
        """The handlers of an opener that answers 401s with these credentials."""
        return [self.digest, self.basic]

    def authorize(self, req, timeout, *, fresh=False):
        """Add the Authorization header REQ needs, asking the server for a challenge first (again when
        FRESH: after a failure, the nonce may have gone stale)."""
        if self._challenge is None or fresh:
            self._challenge = _challenge(req.full_url, timeout)
        scheme, params = self._challenge
        if scheme == "digest":
            value = self.digest.get_authorization(req, params)
            if value:
                req.add_unredirected_header("Authorization", "Digest " + value)
        elif scheme == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            req.add_unredirected_header("Authorization", "Basic " + token)


def _challenge(url, timeout):
    """('digest' | 'basic' | '', params) from the server's answer to a HEAD of URL."""
    plain = urllib.request.build_opener()  # no auth handlers: the 401 itself is wanted
    try:
        with plain.open(urllib.request.Request(url, method="HEAD"), timeout=timeout):
            return "", {}
    except urllib.error.HTTPError as e:
        values = (e.headers.get_all("WWW-Authenticate") if e.headers else None) or []
        e.close()
        for wanted in ("digest", "basic"):
            for v in values:
                scheme, _, rest = v.strip().partition(" ")
                if scheme.lower() == wanted:
                    return wanted, urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        return "", {}
