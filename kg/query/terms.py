"""RDF terms (pyoxigraph) as plain Python values and back, and a stable order for rows."""
import re

import pyoxigraph as ox

from ..errors import QueryError

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {_XSD + t for t in ("integer", "int", "long", "nonNegativeInteger")}
_XSD_DECIMAL = _XSD + "decimal"
_XSD_BOOLEAN = _XSD + "boolean"
# The lexical forms of XML Schema's integer and decimal: a literal typed so but written otherwise
# ("1.2.3"^^xsd:decimal) is ill-typed. It is read as the text it is, and kg validate reports it.
INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def py(term):
    """A pyoxigraph term as a plain Python value (IRIs and strings as str, numbers as numbers; an
    ill-typed number as the text it is).

    >>> py(ox.Literal("15600000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    15600000000
    >>> py(ox.Literal("1.2.3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    '1.2.3'
    >>> py(ox.NamedNode("https://w3id.org/rip-kg/id/agent/motie"))
    'https://w3id.org/rip-kg/id/agent/motie'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt in _INTS:
            return int(term.value) if INTEGER.fullmatch(term.value) else term.value
        if dt == _XSD_DECIMAL:
            if not DECIMAL.fullmatch(term.value):
                return term.value
            from decimal import Decimal  # ~2 ms (and the numbers module), for decimal literals only

            d = Decimal(term.value)
            return int(d) if d == d.to_integral_value() else d
        if dt == _XSD_BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def iri(text):
    """TEXT as an IRI term; QueryError (not a traceback) when it is not one.

    >>> iri("http://example.org/a b")
    Traceback (most recent call last):
    kg.errors.QueryError: not an IRI: 'http://example.org/a b' (Invalid IRI code point ' ')
    """
    try:
        return ox.NamedNode(text)
    except ValueError as e:
        raise QueryError(f"not an IRI: {text!r} ({e})") from None


def to_term(value):
    """A Python value as an RDF term to bind: http(s) strings as IRIs, other values as literals."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return iri(value)
    return ox.Literal(value)


def in_order(rows, text):
    """ROWS in a stable order when the query sets none: stores return rows in the order of their
    indexes, and the same question must get the same answer from every backend."""
    if "ORDER BY" in text:
        return rows
    return sorted(rows, key=lambda r: tuple(("",) if v is None else (type(v).__name__, str(v)) for v in r.values()))
