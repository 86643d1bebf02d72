"""The read-only, offline policy of every user query: SERVICE, LOAD and updates are refused before
the query runs (pyoxigraph would follow a SERVICE to any URL)."""
import re

from ..errors import QueryError
from .lexer import STRIP

_FORBIDDEN = re.compile(r"(?<![\w:?$])(SERVICE|LOAD|INSERT|DELETE|CLEAR|DROP|CREATE|COPY|MOVE|ADD)(?![\w:-])", re.I)


def check(query):
    """Refuse what a read-only, offline query must not do (SERVICE, updates); QueryError if so.

    >>> check("SELECT * WHERE { ?s ?p 'SERVICE' }")
    >>> check("ASK { SERVICE <http://example.org/> {} }")
    Traceback (most recent call last):
    kg.errors.QueryError: SERVICE is refused: kg does not fetch data from other endpoints
    """
    m = _FORBIDDEN.search(STRIP.sub(" ", query))
    if m:
        word = m.group(1).upper()
        if word == "SERVICE":
            raise QueryError("SERVICE is refused: kg does not fetch data from other endpoints")
        raise QueryError(f"{word} is refused: kg sparql runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)")
