"""Reading SPARQL text without parsing it: its tokens, the query form, the first group, binding values.

The tokens follow the terminals of the SPARQL 1.1 grammar (section 19.8) that can hide a keyword or
a brace: comments, strings, IRIs, variables and prefixed names. Where an engine's lexer might read a
text otherwise, these rules err toward reading it as code, never as a comment or a string: a comment
ends at any line break (a lone CR included), a prefixed name takes any escaped character (``ex:a\\#b``
is a name, not a name and a comment), and a string or an IRI the grammar does not allow is not one
(its quote or bracket is punctuation, and what follows it is read). Codepoint escapes are decoded
first, as SPARQL does (``decode_escapes``), and the decoded text is what runs.

Values are bound as a VALUES block of escaped RDF terms at the head of the query's outer group,
never spliced in as strings.
"""
import re

import pyoxigraph as ox

from ..errors import QueryError
from .terms import to_term

BATCH = 500  # values bound in one query by select_each (a VALUES block of 500 IRIs: ~40 KB, sent by POST)

_ECHAR = r"""\\[tbnrf"'\\]"""
_NAME_EXTRA = "\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"  # a local name's percent and backslash escapes
# A prefixed name as the grammar has it, never longer: its prefix and local part end in no '.', and the
# local part starts with no '.' or '-' (``ex:.SERVICE`` is ``ex:``, ``.`` and ``SERVICE``)
_PNAME = (r"(?:[^\W\d_](?:[\w.\-" + _NAME_EXTRA + r"]*[\w\-" + _NAME_EXTRA + r"])?)?:"
          r"(?:(?:[\w:]|" + _PLX + r")(?:(?:[\w:.\-" + _NAME_EXTRA + r"]|" + _PLX + r")*(?:[\w:\-" + _NAME_EXTRA + r"]|"
          + _PLX + r"))?)?")


def _tokenizer(iri_chars):
    return re.compile(
        r"(?P<comment>#[^\n\r\v\f\x85\u2028\u2029]*)"
        r"|(?P<string>'''(?:(?:'|'')?(?:[^'\\]|" + _ECHAR + r"))*'''"
        r'|"""(?:(?:"|"")?(?:[^"\\]|' + _ECHAR + r'))*"""'
        r"|'(?:[^'\\\n\r]|" + _ECHAR + r")*'"
        r'|"(?:[^"\\\n\r]|' + _ECHAR + r')*")'
        r"|(?P<iri><[^" + iri_chars + r"]*>)"
        r"|(?P<var>[?$][\w" + _NAME_EXTRA + r"]+)"
        r"|(?P<number>[0-9]+\.?[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)"
        r"|(?P<pname>" + _PNAME + r")"
        r"|(?P<word>[^\W\d][\w\-]*)"
        r"|(?P<space>\s+)"
        r"|(?P<other>.)",
        re.S)


_IRI_CHARS = r"<>\"{}|^`\\\x00-\x20"
_TOKEN = _tokenizer(_IRI_CHARS)
# The same, with an apostrophe ending any IRI: ``?o<?t&&'>'`` is a comparison to an engine that reads
# the ``<`` as less-than, and the apostrophes then open and close a string. The policy reads a query
# both ways when they differ (kg.query.policy).
_TOKEN_LESS_THAN = _tokenizer(_IRI_CHARS + "'")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORMS = {"select", "ask", "construct", "describe"}


def decode_escapes(text):
    r"""TEXT with its codepoint escapes (\uXXXX, \UXXXXXXXX) replaced by their characters: SPARQL
    processes them before parsing, anywhere in a query (section 19.2), so the decoded text is the one
    checked and run. An escape that decodes to another escape is refused: a second decoding (by a
    server) would give a query other than the one checked.

    >>> decode_escapes(r"SELECT * WHERE { ?s ?p \u0022x\u0022 }")
    'SELECT * WHERE { ?s ?p "x" }'
    >>> decode_escapes(r"ASK { \u005Cu0041 }")
    Traceback (most recent call last):
    kg.errors.QueryError: malformed SPARQL: a codepoint escape that decodes to another escape is refused
    """
    def char(m):
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
            raise QueryError(f"malformed SPARQL: {m.group(0)} is not a character")
        return chr(code)

    decoded = _ESCAPE.sub(char, text)
    if decoded != text and _ESCAPE.search(decoded):
        raise QueryError("malformed SPARQL: a codepoint escape that decodes to another escape is refused")
    return decoded


def tokens(text, *, apostrophe_ends_iri=False):
    r"""(kind, text, start) of each token: comment, string, iri, var, number, pname, word or other (spaces
    left out). With APOSTROPHE_ENDS_IRI, ``<`` before a span with an apostrophe is read as less-than.

    >>> [(k, t) for k, t, _ in tokens("ASK { ?s ex:a\\#b 'SERVICE' } # SERVICE\rSERVICE")]
    [('word', 'ASK'), ('other', '{'), ('var', '?s'), ('pname', 'ex:a\\#b'), ('string', "'SERVICE'"), ('other', '}'), ('comment', '# SERVICE'), ('word', 'SERVICE')]
    """
    for m in (_TOKEN_LESS_THAN if apostrophe_ends_iri else _TOKEN).finditer(text):
        if m.lastgroup != "space":
            yield m.lastgroup, m.group(), m.start()


def words(text):
    """The bare words of TEXT (keywords, function names), upper-cased: what is not in a string, an IRI,
    a comment, a variable or a prefixed name.

    >>> words("SELECT ?service WHERE { <http://x/SERVICE> ex:SERVICE 'SERVICE' } # SERVICE")
    ['SELECT', 'WHERE']
    """
    return [t.upper() for k, t, _ in tokens(text) if k == "word"]


def _first_word(text, wanted):
    return next(((t, start) for k, t, start in tokens(text) if k == "word" and t.lower() in wanted), None)


def query_form(text):
    """'select', 'ask', 'construct' or 'describe'.

    >>> query_form('# SELECT in a comment\\nPREFIX a: <http://x/ASK> ASK { ?s ?p "CONSTRUCT" }')
    'ask'
    """
    found = _first_word(text, _FORMS)
    if not found:
        raise QueryError("not a query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return found[0].lower()


def names_dataset(query):
    """Whether the query names its own dataset (FROM or FROM NAMED), outside strings and IRIs.

    >>> names_dataset("SELECT * FROM <http://x/g> WHERE { ?s ?p 'FROM' }"), names_dataset("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return "FROM" in words(query)


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
    brace = next((start for k, t, start in tokens(text) if k == "other" and t == "{"), None)
    if brace is None:
        raise QueryError("the query has no group to bind values in")
    block = ("VALUES (" + " ".join("?" + n for n in names) + ") { "
             + " ".join("(" + " ".join(term_text(t) for t in row) + ")" for row in rows) + " }")
    return text[:brace + 1] + " " + block + text[brace + 1:]


def page(text, variables, size, offset, *, virtuoso=False):
    """The SELECT TEXT as one page of its rows, in a stable order (for paging past a row cap).

    Virtuoso refuses an ORDER BY whose LIMIT + OFFSET passes 10,000 (error SR353, MaxSortedTopRows);
    its documented way through is the order in a subquery and LIMIT / OFFSET outside, an order it
    keeps. SPARQL does not promise that in general, so other servers get the standard form."""
    start = _first_word(text, _FORMS)[1]
    order = " ".join("?" + v for v in variables)
    inner = f"SELECT * WHERE {{ {{ {text[start:]} \n}} }} ORDER BY {order}"
    if virtuoso:
        return f"{text[:start]}SELECT * WHERE {{ {{ {inner} }} }} LIMIT {size} OFFSET {offset}"
    return f"{text[:start]}{inner} LIMIT {size} OFFSET {offset}"


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
