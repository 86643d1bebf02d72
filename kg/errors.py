"""Every exception kg raises. One shape: a message fit to show a user as is, an exit status for the
command line, an HTTP status for the server, and a dict form for JSON (``--format json``, JSON clients).

>>> e = NotFound("Dongseo", ["https://w3id.org/rip-kg/id/agent/dong-a-university"])
>>> e.exit_code, e.http_status, e.to_dict()["error"], str(e)
(1, 404, 'not_found', "no entity matches 'Dongseo'")
"""


class KGError(Exception):
    """Base of every error kg reports to a user."""

    code = "error"  # the "error" of the dict form: what scripts test instead of parsing English
    exit_code = 1
    http_status = 400

    def to_dict(self):
        """{"error": code, "message": …} plus "candidates" (entity dicts, or ids) when there are some."""
        out = {"error": self.code, "message": str(self)}
        candidates = getattr(self, "entities", None) or getattr(self, "candidates", None)
        if candidates:
            out["candidates"] = list(candidates)
        return out


class DataError(KGError):
    """A data or ontology file cannot be read: names the file, the line and what is wrong."""

    code = "bad_data"

    def __init__(self, path, line, problem):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class NotFound(KGError):
    """No entity matches the name; carries the nearest candidates (IRIs; ``entities``: described)."""

    code = "not_found"
    http_status = 404

    def __init__(self, name, candidates=()):
        self.name, self.candidates, self.entities = name, list(candidates), []
        super().__init__(f"no entity matches {name!r}")


class Ambiguous(KGError):
    """Several entities match the name and none stands out; carries them all."""

    code = "ambiguous"
    exit_code = 3  # scripts tell "say which one" (3) from "nothing matches" (1); click's usage errors are 2

    def __init__(self, name, candidates):
        self.name, self.candidates, self.entities = name, list(candidates), []
        super().__init__(f"{name!r} matches {len(self.candidates)} entities; say which one")


class QueryError(KGError):
    """A SPARQL query is malformed or asks for something kg refuses (SERVICE, updates)."""

    code = "bad_query"


class ArticleError(KGError):
    """An article to draft cannot be read as text: missing, a directory without articles, binary, empty,
    or not UTF-8. Names the file and what is wrong."""

    code = "bad_article"

    def __init__(self, path, problem):
        self.path, self.problem = str(path), problem
        super().__init__(f"{self.path}: {problem}")


class ConfigError(KGError):
    """The endpoint settings are unusable (a bad URL, a broken config file)."""

    code = "bad_config"


class RemoteError(KGError):
    """The server could not be reached, refused the request, or gave a wrong or partial answer."""

    code = "server_error"


class NoNameIndex(RemoteError):
    """The server holds kg's sources but not the name index every lookup by name reads: it was loaded
    from a plain ``kg export`` (which leaves the index out), not from ``kg export --complete``."""

    code = "no_name_index"
    http_status = 503


class NotOnServer(KGError):
    """What needs the embedded store (its quads, its files) was asked of a SPARQL server."""

    code = "not_on_server"


class NotInNetwork(KGError):
    """The entity exists but is not a node of this projection."""

    code = "not_in_network"


class NoPath(KGError):
    """No chain of relations links two entities, or they are the same one."""

    code = "no_path"


class ViewError(KGError):
    """A network view cannot be drawn as asked."""

    code = "no_view"


class ProtocolError(KGError):
    """A request the SPARQL protocol does not allow; ``http_status`` is the status to answer."""

    code = "bad_request"

    def __init__(self, message, status=400, headers=None):
        super().__init__(message)
        self.http_status, self.headers = status, headers or {}


class Refused(KGError):
    """A query the server will not run, or whose answer it will not send."""

    code = "refused"

    def __init__(self, message, status=400):
        super().__init__(message)
        self.http_status = status


class TimedOut(KGError):
    """The query passed the time limit and was stopped."""

    code = "timed_out"
    http_status = 503


class Busy(KGError):
    """No worker came free within the time limit, or the server holds as many requests as it takes."""

    code = "busy"
    http_status = 503
    headers = {"Retry-After": "2"}
