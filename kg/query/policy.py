"""The read-only, offline policy of every user query, decided on its tokens before it runs.

SERVICE (pyoxigraph would fetch from any URL), LOAD and updates are refused, and so are queries nested
deep enough to overflow the engine's parser (a few thousand parentheses kill the process). ``check``
returns the text to run: the query with its codepoint escapes decoded, the very text it checked.
A second wall stands behind this one where queries run in kg's own processes (kg.query.offline).
"""
from functools import lru_cache

from ..errors import QueryError
from .lexer import decode_escapes, tokens

REFUSED = {"SERVICE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD"}
MAX_DEPTH = 128  # nested ( { [ : measured, pyoxigraph's parser overflows its stack past ~2,000 groups
MAX_UNIONS = 1000  # UNIONs and other chained operators (6,550 UNIONs overflowed the stack)
MAX_LENGTH = 1_000_000  # characters of a query (the endpoint's request body limit)
CACHED_LENGTH = 20_000  # queries up to this long keep their verdict (an endpoint's clients repeat theirs)


def check(query):
    """The text to run for QUERY (its escapes decoded), or QueryError when the query must not run.

    >>> check("SELECT * WHERE { ?s ?p 'SERVICE' }")
    "SELECT * WHERE { ?s ?p 'SERVICE' }"
    >>> check("ASK { SERVICE <http://example.org/> {} }")
    Traceback (most recent call last):
    kg.errors.QueryError: SERVICE is refused: kg does not fetch data from other endpoints
    >>> check("ASK { BIND(<x:\\\\u0041#> AS ?i) SERVICE <http://example.org/> {} }")
    Traceback (most recent call last):
    kg.errors.QueryError: SERVICE is refused: kg does not fetch data from other endpoints
    """
    if len(query) <= CACHED_LENGTH:
        # Reading the tokens in Python cost kg serve ~2 ms of every 1-2 KB library query, as much as
        # running many of them. A verdict depends on the text alone: an accepted text is remembered
        # (a refused one raises each time, and is read again).
        return _checked(query)
    return _check(query)


@lru_cache(maxsize=512)
def _checked(query):
    return _check(query)


def _check(query):
    if len(query) > MAX_LENGTH:
        raise QueryError(f"the query is over {MAX_LENGTH:,} characters")
    text = decode_escapes(query)
    read = list(tokens(text))
    if any(kind == "iri" and "'" in token for kind, token, _ in read):
        # ``<`` may be less-than to the engine: read the query that way too, and refuse what either finds
        _refuse(tokens(text, apostrophe_ends_iri=True))
    _refuse(read)
    return text


def _refuse(read):
    depth = deepest = unions = 0
    for kind, token, _ in read:
        if kind == "word":
            word = token.upper()
            # a keyword inside a bare word is refused too: an engine may read ``trueSERVICE`` as two
            # (no bare word of SPARQL holds one of these)
            if "SERVICE" in word:
                raise QueryError("SERVICE is refused: kg does not fetch data from other endpoints")
            found = next((w for w in sorted(REFUSED) if w in word), None)
            if found:
                raise QueryError(f"{found} is refused: kg sparql runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)")
            unions += word in ("UNION", "MINUS", "OPTIONAL")
        elif kind == "other":
            if token in "({[":
                depth += 1
                deepest = max(deepest, depth)
            elif token in ")}]":
                depth -= 1
            elif token in ("|", "/", "&"):
                unions += 1
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query nests {deepest} levels of brackets; kg runs queries nested {MAX_DEPTH} deep at most")
    if unions > MAX_UNIONS:
        raise QueryError(f"the query chains {unions:,} UNION, OPTIONAL, MINUS or path operators; "
                         f"kg runs {MAX_UNIONS:,} at most")
