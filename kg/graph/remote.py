"""An existing SPARQL 1.1 server as the graph: the interface of kg.graph.base.Graph, over HTTP.

The server's default graph must be the union of its named graphs (Virtuoso's default; ``oxigraph
serve --union-default-graph``; Fuseki's ``unionDefaultGraph``), and it must hold what ``kg push`` put
there: the graphs of the embedded store, the derived shortcuts and the name index included.

Servers bend the protocol (see the README, "Remote servers"), so every answer is checked, and a wrong
or partial answer is an error, never a result:

- queries go by GET, or by form-encoded POST when long: a direct POST hangs Virtuoso 7.2;
- an explicit Accept header on every request, and the answer's media type is checked;
- a time limit on every request (urllib has none by default);
- Virtuoso's "anytime" partial answers (``X-SQL-State`` header, status 206) are refused;
- a result exactly as long as the server's row cap may have been cut: a user's query is refused,
  kg's own named queries are paged past it.

Values are bound as a VALUES block of escaped RDF terms at the head of the query's outer group,
never spliced into the query text as strings.
"""
import re
import socket
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pyoxigraph as ox

from ..errors import NoNameIndex, NotOnServer, QueryError, RemoteError
from ..query import queries
from ..query.lexer import batches, bind, page, query_form
from ..query.terms import in_order, py, to_term
from ..vocab import DERIVED_GRAPH, INDEX_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from .httpauth import PreAuth

JSON_RESULTS = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9"
LONG_URL = 4000  # longer queries go by form-encoded POST
VIRTUOSO_ROW_CAP = 10000  # Virtuoso's shipped ResultSetMaxRows, unless the settings say otherwise

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
# What only the name index holds: a query naming one of these reads gr:index
_INDEX_TERMS = ("rip:nameKey", "rip:nameToken", "rip:shortKey", "rip:prefName", "graph/index>", "gr:index")


class Rows(list):
    """SELECT solutions read from a server: a list of ox.QuerySolution, with ``variables``."""

    def __init__(self, variables, rows):
        super().__init__(rows)
        self.variables = variables


class RemoteGraph:
    """A SPARQL 1.1 server holding a pushed kg graph; read-only."""

    stale = False  # a server answers from what it holds
    enforces_time_limit = True  # each query carries the endpoint's timeout (Virtuoso is told, and stops there)

    def __init__(self, endpoint):
        self.endpoint, self.warnings = endpoint, []
        self.memo = {}
        self._opener = self._auth = None
        self.server = None  # the Server header of its last answer
        self._index_held = None  # whether the server holds kg's name index: asked once, when first needed

    # --- HTTP --------------------------------------------------------------------------------------

    def opener(self):
        if self._opener is None:
            handlers = []
            if self.endpoint.user:
                self._auth = PreAuth(self.endpoint.user, self.endpoint.password,
                                     filter(None, (self.endpoint.url, self.endpoint.store)))
                handlers = self._auth.handlers()
            self._opener = urllib.request.build_opener(*handlers)
        return self._opener

    def request(self, method, url, *, params=(), body=None, headers=None, what="query"):
        """(status, headers, body) of one request; RemoteError, with no credentials in it, on failure."""
        headers = dict(headers or {})
        query = urlencode(list(params))
        if query and (method == "GET" or body is not None):
            url = url + ("&" if "?" in url else "?") + query
        elif method == "POST":
            body = query.encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        where = self.endpoint.store if what == "store" else self.endpoint.display
        opener = self.opener()
        try:
            # A write carries its credentials from the first byte (kg.graph.httpauth); if it still fails, the
            # nonce may have gone stale: once more with a fresh one.
            preauth = self._auth is not None and what == "store" and body is not None
            for attempt in (0, 1):
                req = urllib.request.Request(url, data=body, headers=headers, method=method)
                if preauth:
                    self._auth.authorize(req, self.endpoint.timeout, fresh=attempt > 0)
                try:
                    with opener.open(req, timeout=self.endpoint.timeout) as r:
                        self.server = r.headers.get("Server", "")
                        return r.status, r.headers, r.read()
                except (urllib.error.URLError, OSError) as e:
                    http = isinstance(e, urllib.error.HTTPError)
                    waited = isinstance(getattr(e, "reason", e), (socket.timeout, TimeoutError))
                    cut = not http and not waited  # the connection dropped mid-write
                    if attempt or not preauth or not (cut or http and e.code == 401):
                        raise
        except urllib.error.HTTPError as e:
            self.server = e.headers.get("Server", "") if e.headers else ""
            text = _snippet((e.read() if e.fp else b"").split(b"SPARQL query:")[0])  # not our query back
            if e.code == 401:
                raise RemoteError(f"{where} refused the credentials (HTTP 401): check the endpoint user and password") from None
            if e.code == 400 and what == "query":
                raise QueryError(f"the server at {where} refused the query (HTTP 400): {text}") from None
            raise RemoteError(f"{where} answered HTTP {e.code} {e.reason}: {text}") from None
        except (socket.timeout, TimeoutError):
            raise RemoteError(f"{where} gave no answer within {self.endpoint.timeout:g} s "
                              "(the endpoint timeout setting)") from None
        except urllib.error.URLError as e:
            raise RemoteError(f"cannot reach {where}: {getattr(e.reason, 'strerror', None) or e.reason}") from None
        except (OSError, ValueError) as e:
            raise RemoteError(f"cannot reach {where}: {e}") from None

    @property
    def virtuoso(self):
        """Whether the server's last answer came from Virtuoso (its quirks need their own handling)."""
        return (self.server or "").startswith("Virtuoso")

    def row_cap(self):
        """The server's row cap: the settings' max-rows, else Virtuoso's default on Virtuoso, else none."""
        if self.endpoint.max_rows:
            return self.endpoint.max_rows
        return VIRTUOSO_ROW_CAP if self.virtuoso else None

    # --- the Graph interface ---------------------------------------------------------------------------

    def query(self, text, bindings=None, *, user=False, default_graphs=None, named_graphs=None, _paged=False):
        """Run SPARQL on the server: Rows, ox.QueryBoolean, or a list of ox.Triple (CONSTRUCT, DESCRIBE)."""
        if bindings:
            text = bind(text, bindings)
        if user and self._index_held is not True and any(t in text for t in _INDEX_TERMS):
            self.need_index()
        form = query_form(text)
        text = _PROLOGUE + text  # kg's prefixes, as the embedded store declares them
        params = [("query", text)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if self.virtuoso:
            # Virtuoso's own time limit (ms): it stops the work there, where a client that hangs up does
            # not; what it then answers is partial, and refused below.
            # It answers about a second after its limit: leave room before ours.
            limit = max(self.endpoint.timeout - 2, self.endpoint.timeout / 2)
            params.append(("timeout", str(int(limit * 1000))))
        graph_form = form in ("construct", "describe")
        accept = GRAPH_TYPES if graph_form else JSON_RESULTS
        method = "GET" if len(text) < LONG_URL else "POST"
        status, headers, body = self.request(method, self.endpoint.url, params=params, headers={"Accept": accept})
        self._check_complete(status, headers, body)
        ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if graph_form:
            fmt = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                   "text/plain": ox.RdfFormat.N_TRIPLES}.get(ctype)
            if fmt is None:
                raise self._wrong_type(ctype, body, "an RDF graph")
            try:
                return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]
            except SyntaxError as e:
                raise RemoteError(f"{self.endpoint.display} answered a graph that does not parse: {e}") from None
        if ctype not in (JSON_RESULTS, "application/json"):
            raise self._wrong_type(ctype, body, "SPARQL JSON results")
        body = _BNODE.sub(_bnode_id, body)
        try:
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(result, ox.QueryBoolean):
                return result
            rows = Rows([v for v in result.variables], list(result))
        except (SyntaxError, ValueError) as e:
            raise RemoteError(f"{self.endpoint.display} answered results that do not parse ({e}): {_snippet(body)}") from None
        cap = self.row_cap()
        if cap and len(rows) >= cap and not _paged:
            raise RemoteError(
                f"the server answered exactly {len(rows):,} rows, its row cap: the answer may have been cut. "
                "Add a LIMIT, or page with ORDER BY, LIMIT and OFFSET (or raise the cap: Virtuoso's "
                "ResultSetMaxRows, and max-rows in kg's endpoint settings)")
        return rows

    def _check_complete(self, status, headers, body):
        state = headers.get("X-SQL-State")
        if status == 206 or state:
            why = (headers.get("X-SQL-Message") or state or "partial content").split("Activity:")[0]
            raise RemoteError(f"{self.endpoint.display} answered an incomplete result ({why.strip()}): refused, "
                              "not shown. The server stopped the query at its time limit; narrow the query")
        if status != 200:
            raise RemoteError(f"{self.endpoint.display} answered HTTP {status}: {_snippet(body)}")

    def _wrong_type(self, ctype, body, wanted):
        return RemoteError(f"{self.endpoint.display} answered {ctype or 'no media type'} instead of {wanted}: {_snippet(body)}")

    def need_index(self):
        """NoNameIndex when the server holds kg's sources but not its name index (asked once per graph):
        a server loaded from a plain ``kg export``, which leaves the index out, answered every lookup
        with "no entity matches" and every query joining on rip:prefName with nothing."""
        if self._index_held is None:
            self._index_held = bool(self.query(f"ASK {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }}"))
        if self._index_held:
            return
        missing = [g for g in (DERIVED_GRAPH, ONTOLOGY_GRAPH) if not bool(self.query(f"ASK {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"))]
        also = f" (nor {' and '.join(f'<{g}>' for g in missing)})" if missing else ""
        raise NoNameIndex(
            f"{self.display} holds kg's sources but not its name index (the graph <{INDEX_GRAPH}>){also}, which "
            "every lookup by name reads: it was loaded from a plain kg export, which leaves the index out. Load "
            "the complete dump instead (kg export --complete --format nq: the sources, the ontology, the derived "
            "shortcuts and the name index, each in its named graph), e.g. with kg push --bulk DIR, or run kg push")

    def select(self, name, **bindings):
        """Rows of the named query queries/NAME.rq as dicts of Python values, paged past the row cap."""
        text = queries.text(name)
        if self._index_held is not True and any(t in text for t in _INDEX_TERMS):
            self.need_index()
        return in_order(self.rows(bind(text, {k: to_term(v) for k, v in bindings.items()})), text)

    def select_each(self, name, var, values):
        """Rows of the named query for each of VALUES bound to VAR: one query per 500 values, not one each."""
        text, out = queries.text(name), []
        if self._index_held is not True and any(t in text for t in _INDEX_TERMS):
            self.need_index()
        for bound in batches(text, var, values):
            out += self.rows(bound)
        return in_order(out, text)

    def rows(self, text):
        """Every row of the SELECT TEXT as dicts of Python values: paged in a stable order when the
        first answer reaches the server's row cap."""
        rows = self.query(text, _paged=True)
        variables = [v.value for v in rows.variables]
        cap = self.row_cap()
        if cap and len(rows) >= cap:
            rows, offset = [], 0
            while True:
                chunk = self.query(page(text, variables, cap, offset, virtuoso=self.virtuoso), _paged=True)
                rows += chunk
                if len(chunk) < cap:
                    break
                offset += cap
        return [{n: py(row[n]) for n in variables} for row in rows]

    def exists(self, iri):
        """Whether IRI is the subject of some triple (a malformed IRI is the subject of none)."""
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return bool(self.query("ASK { ?s ?p ?o }", {"s": node}))

    @property
    def display(self):
        return self.endpoint.display

    def seal(self):
        """Nothing to seal: a server graph needs the network to reach its server (which runs the query)."""
        return False

    def set_time_limit(self, seconds):
        self.endpoint.timeout = seconds

    def cached_rows(self, names):
        """The rows of the named queries, read each time: a server's data can change under us."""
        return {name: self.select(name) for name in names}

    def quads(self, what="this"):
        raise NotOnServer(f"{what} works on the embedded store, not on a server: run it without --endpoint "
                          "(and without $KG_ENDPOINT), before kg push")

    stored_graphs = quads

    def dump_complete(self, output, fmt):
        self.quads("kg export --complete")

    def graph_sizes(self):
        """{graph IRI: triples} of every named graph the server holds."""
        return {r["g"]: r["n"] for r in self.select("graph_sizes")}

    def user_graphs(self):
        return [ox.NamedNode(r["g"]) for r in self.rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]


# Virtuoso names blank nodes "nodeID://b10001", which is no blank node label: keep letters and digits.
_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")([^"]*)(")')


def _bnode_id(m):
    return m.group(1) + (re.sub(rb"[^A-Za-z0-9]", b"_", m.group(2)) or b"b") + m.group(3)


def _snippet(body, n=300):
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    return text[:n] + ("…" if len(text) > n else "")


def open_remote(endpoint):
    """A RemoteGraph for the Endpoint, after checking the server answers and holds a kg graph."""
    graph = RemoteGraph(endpoint)
    held = graph.query("ASK { ?s a rip:Source }")
    if not bool(held):
        raise RemoteError(f"{endpoint.display} answers, but holds no kg graph (no rip:Source): load one with "
                          "kg push, and make its default graph the union of its named graphs")
    return graph
