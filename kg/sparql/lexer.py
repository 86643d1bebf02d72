"""Reading SPARQL text without parsing it: the query form, the first group, and binding values.

Strings, IRIs and comments are skipped when looking for a keyword or a brace, so that a literal or
an IRI that merely contains a keyword is not taken for it. Values are bound as a VALUES block of
escaped RDF terms at the head of the query's outer group, never spliced in as strings.
"""
import re

import pyoxigraph as ox

from ..errors import QueryError
from .terms import to_term

BATCH = 500  # values bound in one query by select_each (a VALUES block of 500 IRIs: ~40 KB, sent by POST)

# Strings, IRIs and comments.
SKIP = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
STRIP = re.compile(SKIP)
_FORM = re.compile(SKIP + r"|(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)
_BRACE = re.compile(SKIP + r"|(\{)")
_FROM = re.compile(r"(?<![\w:?$])FROM(?![\w:-])", re.I)


def first(pattern, text):
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
    m = first(_FORM, text)
    if not m:
        raise QueryError("not a query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).lower()


def names_dataset(query):
    """Whether the query names its own dataset (FROM or FROM NAMED), outside strings and IRIs.

    >>> names_dataset("SELECT * FROM <http://x/g> WHERE { ?s ?p 'FROM' }"), names_dataset("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return bool(_FROM.search(STRIP.sub(" ", query)))


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
    values = list(dict.fromkeys(values))
    for i in range(0, len(values), BATCH):
        yield bind_rows(text, [var], [[to_term(v)] for v in values[i:i + BATCH]])


def bind_rows(text, names, rows):
    """TEXT with a VALUES block of several ROWS (lists of ox terms, one per name) opening its outer group.

    >>> bind_rows("SELECT ?e WHERE { ?e ?p ?o }", ["e"], [[ox.NamedNode("http://x/a")], [ox.NamedNode("http://x/b")]])
    'SELECT ?e WHERE { VALUES (?e) { (<http://x/a>) (<http://x/b>) } ?e ?p ?o }'
    """
    m = first(_BRACE, text)
    if not m:
        raise QueryError("the query has no group to bind values in")
    block = ("VALUES (" + " ".join("?" + n for n in names) + ") { "
             + " ".join("(" + " ".join(term_text(t) for t in row) + ")" for row in rows) + " }")
    return text[:m.end()] + " " + block + text[m.end():]


def page(text, variables, size, offset, *, virtuoso=False):
    """The SELECT TEXT as one page of its rows, in a stable order (for paging past a row cap).

    Virtuoso refuses an ORDER BY whose LIMIT + OFFSET passes 10,000 (error SR353, MaxSortedTopRows);
    its documented way through is the order in a subquery and LIMIT / OFFSET outside, an order it
    keeps. SPARQL does not promise that in general, so other servers get the standard form."""
    m = first(_FORM, text)
    order = " ".join("?" + v for v in variables)
    inner = f"SELECT * WHERE {{ {{ {text[m.start():]} \n}} }} ORDER BY {order}"
    if virtuoso:
        return f"{text[:m.start()]}SELECT * WHERE {{ {{ {inner} }} }} LIMIT {size} OFFSET {offset}"
    return f"{text[:m.start()]}{inner} LIMIT {size} OFFSET {offset}"


def syntax_message(text, message):
    """'error at 1:23: expected one of <long list>' -> a short message that shows where.

    >>> syntax_message("SELECT ?x WHERE { ?x ?y }", "error at 1:25: expected one of ...")
    "malformed SPARQL at line 1, column 25: unexpected text or end of query (near 'CT ?x WHERE { ?x ?y }')"
    """
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not m:
        return f"malformed SPARQL: {message[:200]}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    src = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    near = src[max(0, col - 1 - 20): col - 1 + 20].strip()
    what = "unexpected text or end of query" if what.startswith("expected one of") else what.splitlines()[0][:120]
    return f"malformed SPARQL at line {line}, column {col}: {what} (near {near!r})"
