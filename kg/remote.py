"""An existing SPARQL 1.1 server as the graph: the interface of kg.store.Graph, over HTTP.

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

import pyoxigraph as ox

from .errors import KGError, QueryError
from .namespaces import PREFIXES

JSON_RESULTS = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9"
LONG_URL = 4000  # longer queries go by form-encoded POST
BATCH = 500  # values bound in one query by select_each (a VALUES block of 500 IRIs: ~40 KB, sent by POST)
VIRTUOSO_ROW_CAP = 10000  # Virtuoso's shipped ResultSetMaxRows, unless the settings say otherwise

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


class RemoteError(KGError):
    """The server could not be reached, refused the request, or gave a wrong or partial answer."""


class Rows(list):
    """SELECT solutions read from a server: a list of ox.QuerySolution, with ``variables``."""

    def __init__(self, variables, rows):
        super().__init__(rows)
        self.variables = variables


# Strings, IRIs and comments, skipped when looking for a keyword or the first brace.
_SKIP = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
_FORM = re.compile(_SKIP + r"|(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)
_BRACE = re.compile(_SKIP + r"|(\{)")


def _first(pattern, text):
    """The first match of PATTERN's group 1 outside strings, IRIs and comments, or None."""
    for m in pattern.finditer(text):
        if m.group(1):
            return m
    return None


def query_form(text):
    """'select', 'ask', 'construct' or 'describe'.

    >>> query_form('# SELECT in a comment\\nPREFIX a: <http://x/ASK> ASK { ?s ?p "CONSTRUCT" }')
    'ask'
    """
    m = _first(_FORM, text)
    if not m:
        raise QueryError("not a query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).lower()


def term_text(term):
    """An RDF term as SPARQL text, escaped.

    >>> term_text(ox.Literal('say "hi"\\n', language="en"))
    '"say \\\\"hi\\\\"\\\\n"@en'
    >>> term_text(ox.NamedNode("https://w3id.org/rip-kg/id/agent/x"))
    '<https://w3id.org/rip-kg/id/agent/x>'
    """
    if isinstance(term, ox.BlankNode):
        raise QueryError("a blank node cannot be bound in a query sent to a server")
    if isinstance(term, ox.Literal) and "\\" in term.value:
        # SPARQL decodes \\u escapes before parsing; a backslash in a value is refused, not guessed at.
        raise QueryError("a value with a backslash cannot be bound in a query sent to a server")
    return str(term)  # N-Triples syntax: quotes, backslashes and line breaks escaped


def bind(text, bindings):
    """TEXT with a VALUES block for BINDINGS (name -> ox term) opening its outer group.

    >>> bind("SELECT ?e WHERE { ?e ?p ?key }", {"key": ox.Literal("busan")})
    'SELECT ?e WHERE { VALUES (?key) { ("busan") } ?e ?p ?key }'
    """
    if not bindings:
        return text
    return bind_rows(text, list(bindings), [[bindings[n] for n in bindings]])


def batches(text, var, values):
    """TEXT with VALUES of VAR bound, BATCH values at a time (each value once: twice would double its rows)."""
    from .store import _term

    values = list(dict.fromkeys(values))
    for i in range(0, len(values), BATCH):
        yield bind_rows(text, [var], [[_term(v)] for v in values[i:i + BATCH]])


def bind_rows(text, names, rows):
    """TEXT with a VALUES block of several ROWS (lists of ox terms, one per name) opening its outer group.

    >>> bind_rows("SELECT ?e WHERE { ?e ?p ?o }", ["e"], [[ox.NamedNode("http://x/a")], [ox.NamedNode("http://x/b")]])
    'SELECT ?e WHERE { VALUES (?e) { (<http://x/a>) (<http://x/b>) } ?e ?p ?o }'
    """
    m = _first(_BRACE, text)
    if not m:
        raise QueryError("the query has no group to bind values in")
    block = ("VALUES (" + " ".join("?" + n for n in names) + ") { "
             + " ".join("(" + " ".join(term_text(t) for t in row) + ")" for row in rows) + " }")
    return text[:m.end()] + " " + block + text[m.end():]


def _page(text, variables, size, offset, *, virtuoso=False):
    """The SELECT TEXT as one page of its rows, in a stable order (for paging past a row cap).

    Virtuoso refuses an ORDER BY whose LIMIT + OFFSET passes 10,000 (error SR353, MaxSortedTopRows);
    its documented way through is the order in a subquery and LIMIT / OFFSET outside, an order it
    keeps. SPARQL does not promise that in general, so other servers get the standard form."""
    m = _first(_FORM, text)
    order = " ".join("?" + v for v in variables)
    inner = f"SELECT * WHERE {{ {{ {text[m.start():]} \n}} }} ORDER BY {order}"
    if virtuoso:
        return f"{text[:m.start()]}SELECT * WHERE {{ {{ {inner} }} }} LIMIT {size} OFFSET {offset}"
    return f"{text[:m.start()]}{inner} LIMIT {size} OFFSET {offset}"


class RemoteGraph:
    """A SPARQL 1.1 server holding a pushed kg graph; read-only."""

    path = None  # nothing is cached on disk for a server: its data can change under us

    def __init__(self, endpoint):
        self.endpoint, self.warnings = endpoint, []
        self._opener = self._auth = None
        self.server = None  # the Server header of its last answer

    # --- HTTP --------------------------------------------------------------------------------------

    def opener(self):
        if self._opener is None:
            import urllib.request

            handlers = []
            if self.endpoint.user:
                from .httpauth import PreAuth

                self._auth = PreAuth(self.endpoint.user, self.endpoint.password,
                                     filter(None, (self.endpoint.url, self.endpoint.store)))
                handlers = self._auth.handlers()
            self._opener = urllib.request.build_opener(*handlers)
        return self._opener

    def request(self, method, url, *, params=(), body=None, headers=None, what="query"):
        """(status, headers, body) of one request; RemoteError, with no credentials in it, on failure."""
        import socket
        import urllib.error
        import urllib.request
        from urllib.parse import urlencode

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
            # A write carries its credentials from the first byte (kg.httpauth); if it still fails, the
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

    def select(self, name, **bindings):
        """Rows of the named query queries/NAME.rq as dicts of Python values, paged past the row cap."""
        from . import queries
        from .store import _term

        from .store import in_order

        text = queries.text(name)
        return in_order(self.rows(bind(text, {k: _term(v) for k, v in bindings.items()})), text)

    def select_each(self, name, var, values):
        """Rows of the named query for each of VALUES bound to VAR: one query per 500 values, not one each."""
        from . import queries
        from .store import in_order

        text, out = queries.text(name), []
        for bound in batches(text, var, values):
            out += self.rows(bound)
        return in_order(out, text)

    def rows(self, text):
        """Every row of the SELECT TEXT as dicts of Python values: paged in a stable order when the
        first answer reaches the server's row cap."""
        from .store import py

        rows = self.query(text, _paged=True)
        variables = [v.value for v in rows.variables]
        cap = self.row_cap()
        if cap and len(rows) >= cap:
            rows, offset = [], 0
            while True:
                page = self.query(_page(text, variables, cap, offset, virtuoso=self.virtuoso), _paged=True)
                rows += page
                if len(page) < cap:
                    break
                offset += cap
        return [{n: py(row[n]) for n in variables} for row in rows]

    def exists(self, iri):
        """Whether IRI is the subject of some triple."""
        return bool(self.query("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)}))

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
