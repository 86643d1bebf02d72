"""The SPARQL 1.1 Protocol, query side: from an HTTP request to a query request, and content negotiation.

Kept apart from the HTTP server so that `kg serve --get` and the tests use the very same rules.
Read-only by design: an update (by GET, form or direct POST) is refused, and so are LOAD and SERVICE
inside a query, before anything runs (kg.query.policy).
"""
from urllib.parse import parse_qs

from ..errors import ProtocolError, QueryError
from ..query.policy import check


# media type -> format key of kg.query.results (tables: json, xml, csv, tsv; graphs: ttl, nt, jsonld, xml)
TABLE_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "jsonld", "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
}
CONTENT_TYPES = {
    ("table", "json"): "application/sparql-results+json", ("table", "xml"): "application/sparql-results+xml",
    ("table", "csv"): "text/csv; charset=utf-8", ("table", "tsv"): "text/tab-separated-values; charset=utf-8",
    ("graph", "ttl"): "text/turtle; charset=utf-8", ("graph", "nt"): "application/n-triples",
    ("graph", "jsonld"): "application/ld+json", ("graph", "xml"): "application/rdf+xml",
}
# ?format= (for download links, as Fuseki's): table format, graph format
FORMAT_PARAM = {"json": ("json", "jsonld"), "xml": ("xml", "xml"), "csv": ("csv", "ttl"), "tsv": ("tsv", "ttl"),
                "ttl": ("json", "ttl"), "turtle": ("json", "ttl"), "nt": ("json", "nt"), "jsonld": ("json", "jsonld"),
                "rdfxml": ("xml", "xml")}


def accepted(header):
    """Media types of an Accept header, best first (q-values honoured, order kept among equals).

    >>> accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    >>> accepted("")
    []
    """
    items = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, i, fields[0].lower()))
    return [t for _, _, t in sorted(items)]


def negotiate(accept, fmt_param=None):
    """(table format, graph format) for an Accept header: the best the client accepts, else the defaults
    (SPARQL JSON, Turtle). A ``format`` parameter wins over the header."""
    if fmt_param:
        if fmt_param not in FORMAT_PARAM:
            raise ProtocolError(f"unknown format {fmt_param!r}: use one of {', '.join(sorted(FORMAT_PARAM))}")
        return FORMAT_PARAM[fmt_param]
    types = accepted(accept)
    table = next((TABLE_TYPES[t] for t in types if t in TABLE_TYPES), "json")
    graph = next((GRAPH_TYPES[t] for t in types if t in GRAPH_TYPES), "ttl")
    return table, graph


def asks_description(method, query_string):
    """Whether a request to the endpoint asks for its service description: a GET with no query.

    >>> asks_description("GET", ""), asks_description("GET", "query=ASK%7B%7D"), asks_description("POST", "")
    (True, False, False)
    """
    params = parse_qs(query_string or "")
    return method in ("GET", "HEAD") and not any(k in params for k in ("query", "update"))


def parse(method, query_string, content_type, body, accept=""):
    """The query request of an HTTP request to the endpoint: {"query", "checked", "default_graphs", "named_graphs",
    "format"} (the query as checked by kg.query.policy, its escapes decoded; graph lists None when not
    given; format a (table, graph) pair from :func:`negotiate`).
    ProtocolError for what the protocol forbids or this read-only server refuses (updates, LOAD, SERVICE)."""
    params = parse_qs(query_string or "", keep_blank_values=True)
    fmt = (params.get("format") or [None])[0]
    mime, charset = _media_type(content_type)
    if method == "POST":
        if mime == "application/x-www-form-urlencoded":
            try:
                text = body.decode(charset or "utf-8")
            except (UnicodeDecodeError, LookupError):
                raise ProtocolError("the form body is not valid UTF-8") from None
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif mime == "application/sparql-query":
            if charset and charset.replace("-", "").lower() != "utf8":
                raise ProtocolError(f"a direct POST query must be UTF-8, not {charset}", 415)
            if "query" in params:
                raise ProtocolError("a direct POST carries the query in its body, not also in the URL")
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                raise ProtocolError("the query is not valid UTF-8") from None
        elif mime == "application/sparql-update":
            raise ProtocolError("updates are refused: this endpoint is read-only", 403)
        else:
            raise ProtocolError("POST a query as application/x-www-form-urlencoded (query=...) or as "
                                f"application/sparql-query, not {mime or 'a body without a Content-Type'}", 415)
    elif method not in ("GET", "HEAD"):
        raise ProtocolError(f"{method} is not a SPARQL query operation: use GET or POST", 405,
                            {"Allow": "GET, POST, OPTIONS"})
    if any(k in params for k in ("update", "using-graph-uri", "using-named-graph-uri")):
        raise ProtocolError("updates are refused: this endpoint is read-only", 403)
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ProtocolError("give exactly one query" if queries else "no query: give query=...")
    if not queries[0].strip():
        raise ProtocolError("the query is empty")
    try:
        text = check(queries[0])
    except QueryError as e:
        raise ProtocolError(str(e), 403) from None
    # the text checked is the text the worker runs (its escapes decoded), and it is not read again there
    return {"query": text, "checked": True, "default_graphs": params.get("default-graph-uri"),
            "named_graphs": params.get("named-graph-uri"), "format": negotiate(accept, fmt)}


def _media_type(header):
    fields = [f.strip() for f in (header or "").split(";")]
    mime = fields[0].lower()
    charset = next((f.split("=", 1)[1].strip('"') for f in fields[1:] if f.lower().startswith("charset=")), None)
    return mime, charset
