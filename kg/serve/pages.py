"""The HTML explorer of `kg serve`: home, search, entity, network view, query and ontology pages.

Pages are rendered on the server from the library's answers (kg.show, kg.search, kg.stats, kg.view), so they work with no
script at all; every text from the data goes through html.escape. A Content-Security-Policy allows
only this server's own stylesheet: no request leaves for another host.
"""
import json
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode

from .. import search as find, show, stats, view as network_view
from ..errors import KGError, NotFound
from ..library import catalogue
from ..vocab import PREFIXES, shorten
from . import protocol
from .response import Response, error

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
       "form-action 'self'; base-uri 'none'")
STATIC = Path(__file__).parent / "static"
FORMATS = [("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"), ("tsv", "TSV")]
GRAPH_FORMATS = [("ttl", "Turtle"), ("nt", "N-Triples"), ("jsonld", "JSON-LD"), ("rdfxml", "RDF/XML")]


def is_static(path):
    """Whether PATH is a fixed file (the stylesheet, the icon): served at once, never by a worker."""
    return path in ("/static/kg.css", "/favicon.ico")


def route(app, path, query_string, headers):
    params = {k: v[-1] for k, v in parse_qs(query_string or "").items()}
    if path == "/":
        return _page(*home(app))
    if path == "/search":
        return _page(*search(app, params.get("q", "")))
    if path == "/query":
        return _page(*query_page(app, params.get("query", "")))
    if path == "/ontology":
        return _page(*ontology(app))
    if path.startswith("/entity/"):
        rest = unquote(path[len("/entity/"):])
        try:
            if rest.endswith("/view"):
                return view(app, rest[: -len("/view")], params)
            return _page(*entity(app, rest))
        except NotFound:
            return _page(404, "kg: not found", f"<h1>Not found</h1><p>No entity {escape(rest)} in the graph. "
                         f'<a href="/search?{urlencode({"q": rest})}">Search for it</a>.</p>')
    if path == "/static/kg.css":
        return Response(200, (STATIC / "kg.css").read_bytes(), "text/css; charset=utf-8",
                        {"Cache-Control": "max-age=3600"})
    if path == "/favicon.ico":
        return Response(204)
    return error(404, f"Not found: {path}. The explorer starts at /, the SPARQL endpoint is /sparql.")


def _page(status, title, body):
    text = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/kg.css"></head>
<body><header><a href="/" class="brand">kg</a>
<form action="/search" method="get" role="search"><input name="q" placeholder="Find an entity (English, Hangul, acronym)" size="40" aria-label="Find an entity"> <button>Search</button></form>
<nav><a href="/query">SPARQL query</a> <a href="/ontology">Ontology</a> <a href="/sparql">Service description</a></nav></header>
<main>{body}</main></body></html>"""
    return Response(status, text, "text/html; charset=utf-8", {"Content-Security-Policy": CSP})


def _entity_link(d):
    ko = f' <span lang="ko">{escape(d["label_ko"])}</span>' if d.get("label_ko") else ""
    types = ", ".join(d.get("types") or [])
    return (f'<a href="/entity/{quote(d["id"], safe=":")}">{escape(d["label"])}</a>{ko}'
            + (f' <span class="types">[{escape(types)}]</span>' if types else ""))


def home(app):
    s = stats(graph=app.graph)
    types = "".join(f"<tr><td>{escape(t['type'])}</td><td>{t['entities']:,}</td></tr>" for t in s["by_type"][:15])
    examples = "".join(f'<li><a href="/query?{urlencode({"query": q["text"]})}">{escape(q["title"])}</a></li>'
                       for q in catalogue())
    body = f"""<h1>Korean regional industrial policy: who leads, funds, chairs, joins and signs what</h1>
<p>Every fact names its source and quotes the words that state it.</p>
<p class="counts">{s['entities']:,} entities · {s['relations']:,} relations · {s['claims']:,} claims ·
{s['sources']:,} sources · {s['quads']:,} quads · {100 * (s['quoted_share'] or 0):.0f}% of facts quoted</p>
<h2>Entities by type</h2><table>{types}</table>
<h2>Example queries</h2><ul>{examples}</ul>
<p>Tools: the SPARQL 1.1 endpoint is <code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV, Turtle,
N-Triples, JSON-LD, RDF/XML).</p>"""
    return 200, "kg: explorer", body


def search(app, text):
    if not text.strip():
        return 200, "kg: search", "<h1>Search</h1><p>Type a name: English, Hangul, an acronym or a romanization.</p>"
    found = find(text, graph=app.graph)
    if not found:
        return 404, "kg: nothing found", f"<h1>Nothing matches {escape(text)!s}</h1><p>Try fewer words.</p>"
    items = "".join(f"<li>{_entity_link(d)} <span class='score'>{escape(d['match'])}</span></li>" for d in found)
    return 200, f"kg: {text}", f"<h1>Entities matching “{escape(text)}”</h1><ol>{items}</ol>"


def _expand(curie):
    prefix, _, local = curie.partition(":")
    if prefix not in PREFIXES or not local:
        raise NotFound(f"no entity {curie!r}")
    return PREFIXES[prefix] + local


def entity(app, curie):
    iri = _expand(curie)
    d = show(iri, graph=app.graph)
    e = d["entity"]
    if not (d["names"] or d["relations"] or d["facts"]):
        raise NotFound(curie)
    out = [f"<h1>{escape(e['label'])}" + (f' <span lang="ko">{escape(e["label_ko"])}</span>' if e.get("label_ko") else "")
           + "</h1>", f"<p class='types'>{escape(', '.join(e['types']))} · <code>{escape(e['id'])}</code> · "
           f"<code>{escape(e['iri'])}</code></p>"]
    if d["names"]:
        out.append("<h2>Names</h2><table><tr><th>name</th><th>kind</th><th>source</th></tr>" + "".join(
            f"<tr><td>{escape(n['name'])}</td><td>{escape(n['kind'])}</td><td>{escape(n['source'] or '')}</td></tr>"
            for n in d["names"]) + "</table>")
    if d["relations"]:
        rows = []
        for r in d["relations"]:
            other = _entity_link(r["other"])
            statement = (f"<b>it</b> {escape(r['role'] or '')} {other}" if r["direction"] == "out"
                         else f"{other} {escape(r['role'] or '')} <b>it</b>")
            extra = ", ".join(escape(str(x)) for x in (r.get("period"), r.get("money"), r.get("commitment")) if x)
            rows.append(f"<tr><td>{statement}</td><td>{extra}</td><td>{escape(r['source'] or '')}</td>"
                        f"<td><q>{escape(r['quote'] or '')}</q></td></tr>")
        out.append("<h2>Relations</h2><table><tr><th>relation</th><th>period, money</th><th>source</th>"
                   "<th>quote</th></tr>" + "".join(rows) + "</table>")
    for key, title in (("budget", "Money"), ("counts", "Counts"), ("targets", "Targets")):
        if d[key]:
            out.append(f"<h2>{title}</h2>" + _records(d[key]))
    for key, title in (("part_of", "Part of"), ("parts", "Parts")):
        if d[key]:
            out.append(f"<h2>{title}</h2><ul>" + "".join(f"<li>{_entity_link(x)}</li>" for x in d[key]) + "</ul>")
    if d["facts"]:
        out.append("<h2>Other facts</h2>" + _records(d["facts"]))
    if d["quotes"]:
        out.append("<h2>Quotes</h2><ul>" + "".join(
            f"<li>{escape(q['source'])}: <q>{escape(q['quote'])}</q></li>" for q in d["quotes"]) + "</ul>")
    if d["sources"]:
        out.append("<h2>Sources</h2>" + _records(d["sources"]))
    if d["relations"]:
        src = f"/entity/{quote(e['id'], safe=':')}/view"
        out.append(f'<h2>Network</h2><p><a href="{src}">Open the network view</a> (one step around it)</p>'
                   f'<iframe src="{src}" title="network view" class="view"></iframe>')
    return 200, f"kg: {e['label']}", "\n".join(out)


def _records(items):
    """A table of dicts with their keys as columns (values escaped, None blank)."""
    keys = [k for k in items[0] if not isinstance(items[0][k], (dict, list))]
    head = "".join(f"<th>{escape(k)}</th>" for k in keys)
    rows = "".join("<tr>" + "".join(f"<td>{'' if i.get(k) is None else escape(str(i.get(k)))}</td>" for k in keys)
                   + "</tr>" for i in items)
    return f"<table><tr>{head}</tr>{rows}</table>"


def view(app, curie, params):
    """The pyvis network view of one entity's neighbourhood, as its own page (framed by the entity page)."""
    iri = _expand(curie)
    try:
        depth = max(1, min(3, int(params.get("depth", "1"))))
    except ValueError:
        depth = 1
    try:
        text = network_view(focus=iri, depth=depth, graph=app.graph)
    except KGError as e:
        return _page(404, "kg: no view", f"<h1>No network view</h1><p>{escape(str(e))}</p>")
    # the page carries its own CSP (inline scripts, nothing from elsewhere)
    return Response(200, text, "text/html; charset=utf-8")


def query_page(app, text):
    examples = "".join(f'<li><a href="/query?{urlencode({"query": q["text"]})}">{escape(q["title"])}</a></li>'
                       for q in catalogue())
    result = ""
    if text.strip():
        result = _run_for_page(app, text)
    body = f"""<h1>SPARQL query</h1>
<form action="/query" method="get"><textarea name="query" rows="14" cols="100" aria-label="SPARQL query"
spellcheck="false">{escape(text)}</textarea><br><button>Run</button>
<span class="hint">Prefixes rip:, ag:, in:, src:, skos:… are predeclared. The page's URL re-runs the query.</span></form>
{result}
<h2>Example queries</h2><ul>{examples}</ul>"""
    return 200, "kg: SPARQL query", body


def _run_for_page(app, text):
    try:  # the same rules as the endpoint: a GET of this query, results as SPARQL JSON, graphs as Turtle
        kind, _, payload = app.run_query(protocol.parse("GET", urlencode({"query": text}), None, b""))
    except KGError as e:
        return f'<div class="error"><b>Error:</b> {escape(str(e))}</div>'
    downloads = " ".join(f'<a href="/sparql?{urlencode({"query": text, "format": k})}">{label}</a>'
                         for k, label in (GRAPH_FORMATS if kind == "graph" else FORMATS))
    if kind == "graph":
        return f"<h2>Result (graph)</h2><p>Download: {downloads}</p><pre>{escape(payload.decode('utf-8'))}</pre>"
    doc = json.loads(payload)
    if "boolean" in doc:
        return f"<h2>Result</h2><p class='boolean'>{'true' if doc['boolean'] else 'false'}</p><p>Download: {downloads}</p>"
    variables = doc["head"]["vars"]
    rows = doc["results"]["bindings"]
    head = "".join(f"<th>{escape(v)}</th>" for v in variables)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(v))}</td>" for v in variables) + "</tr>" for r in rows)
    return (f"<h2>Result: {len(rows):,} row{'s' if len(rows) != 1 else ''}</h2><p>Download: {downloads}</p>"
            f"<table class='results'><tr>{head}</tr>{body}</table>")


def _cell(term):
    if term is None:
        return ""
    if term["type"] == "uri":
        short = shorten(term["value"])
        if short != term["value"] and short.split(":", 1)[0] in ("ag", "in", "ev", "pl", "src", "ind"):
            return f'<a href="/entity/{quote(short, safe=":")}">{escape(short)}</a>'
        return escape(short)
    lang = term.get("xml:lang")
    return f'<span lang="{escape(lang)}">{escape(term["value"])}</span>' if lang else escape(term["value"])


def ontology(app):
    rows = app.graph.select("ontology_terms")
    parts = []
    for kind, title in (("class", "Classes"), ("property", "Properties")):
        items = "".join(
            f"<tr id='{escape(shorten(r['term']))}'><td><code>{escape(shorten(r['term']))}</code></td>"
            f"<td>{escape(r['label'] or '')}</td><td>{escape(r['comment'] or '')}</td>"
            f"<td>{escape(' '.join(shorten(s) for s in (r['supers'] or '').split()))}</td></tr>"
            for r in rows if r["kind"] == kind)
        parts.append(f"<h2>{title}</h2><table><tr><th>term</th><th>label</th><th>comment</th><th>sub-class or "
                     f"sub-property of</th></tr>{items}</table>")
    return 200, "kg: ontology", "<h1>The kg ontology (rip:)</h1>" + "".join(parts)
