"""Results of a user's SPARQL query, kept as RDF terms, and their W3C serialisations.

Queries run over the union of all graphs (named graphs stay reachable with GRAPH), after the
read-only policy (kg.query.policy) has refused SERVICE, LOAD and updates.
"""
import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES
from .policy import check
from .terms import py

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}


class Result:
    """A query result: kind is 'select', 'ask' or 'graph'; rows or triples are kept as pyoxigraph values."""

    def __init__(self, kind, variables=(), rows=(), boolean=None, triples=()):
        self.kind, self.variables, self.rows, self.boolean, self.triples = kind, list(variables), list(rows), boolean, list(triples)

    def to_python(self):
        if self.kind == "ask":
            return self.boolean
        if self.kind == "select":
            return [{v: py(r[v]) for v in self.variables} for r in self.rows]
        return [(py(t.subject), py(t.predicate), py(t.object)) for t in self.triples]

    def serialize(self, fmt):
        """Bytes in a W3C results format (json, csv, tsv, xml) or an RDF format for graphs."""
        if self.kind == "graph":
            if fmt not in ("ttl", "nt", "jsonld", "xml"):
                raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use --format ttl, nt, jsonld or xml, not {fmt}")
            return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None)
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.kind.upper()} result is a table: use --format table, json, csv, tsv or xml, not {fmt}")
        if self.kind == "ask":
            return _serialize_boolean(self.boolean, fmt)
        return _serialize_rows(self.variables, self.rows, RESULT_FORMATS[fmt])


_BARE = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "decimal", "double", "boolean")}


def _tsv_term(t):
    """A term in the TSV results format: Turtle syntax, numbers and booleans bare."""
    if t is None:
        return ""
    if isinstance(t, ox.Literal) and t.datatype and t.datatype.value in _BARE:
        return t.value
    return str(t).replace("\t", "\\t").replace("\n", "\\n")


def _serialize_boolean(value, fmt):
    word = "true" if value else "false"
    if fmt == "json":
        return ('{"head": {}, "boolean": %s}' % word).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{word}</boolean></sparql>").encode()
    return f"{word}\n".encode()


def _serialize_rows(variables, rows, fmt):
    # pyoxigraph serialises only a live QuerySolutions; re-run over an in-memory store would cost
    # more than writing the W3C formats from the kept rows, so do it here for CSV/TSV and JSON.
    import csv  # with io and json: ~4 ms, for a user's query only (the façade loads this module)
    import io
    import json

    if fmt == ox.QueryResultsFormat.JSON:
        def term(t):
            if isinstance(t, ox.NamedNode):
                return {"type": "uri", "value": t.value}
            if isinstance(t, ox.BlankNode):
                return {"type": "bnode", "value": t.value}
            d = {"type": "literal", "value": t.value}
            if t.language:
                d["xml:lang"] = t.language
            elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                d["datatype"] = t.datatype.value
            return d
        doc = {"head": {"vars": variables},
               "results": {"bindings": [{v: term(r[v]) for v in variables if r[v] is not None} for r in rows]}}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode()
    if fmt == ox.QueryResultsFormat.CSV:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for r in rows:
            w.writerow(["" if r[v] is None else ("_:" + r[v].value if isinstance(r[v], ox.BlankNode) else r[v].value) for v in variables])
        return buf.getvalue().encode()
    if fmt == ox.QueryResultsFormat.TSV:
        lines = ["\t".join("?" + v for v in variables)]
        for r in rows:
            lines.append("\t".join(_tsv_term(r[v]) for v in variables))
        return ("\n".join(lines) + "\n").encode()
    # XML. xml.sax.saxutils imports urllib.request and ssl (~40 ms): only for XML results.
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += ["</head>", "<results>"]
    for r in rows:
        out.append("<result>")
        for v in variables:
            t = r[v]
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                inner = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                inner = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            else:
                inner = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode()


def run(graph, query):
    """Run QUERY (SELECT, ASK, CONSTRUCT, DESCRIBE) over the whole graph; a Result."""
    if not query or not query.strip():
        raise QueryError("empty query")
    text = check(query)  # the text checked is the text run: its escapes decoded
    result = graph.query(text, user=True)
    if hasattr(result, "variables"):  # ox.QuerySolutions, or a server's Rows
        variables = [v.value for v in result.variables]
        rows = [{v: s[v] for v in variables} for s in result]
        return Result("select", variables, rows)
    if isinstance(result, ox.QueryBoolean):
        return Result("ask", boolean=bool(result))
    return Result("graph", triples=list(result))
