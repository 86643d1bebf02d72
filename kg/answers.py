"""The shapes of kg's answers: what ``kg.who_leads`` and the other lookups return, and what
``--format json`` prints. Plain dicts at run time; these TypedDicts name their keys for readers,
editors and type checkers. Amounts are numbers (int, or Decimal for a fraction); ids are short
(``ag:busan-city``), ``iri`` the full IRI."""
from decimal import Decimal
from typing import Literal, Optional, TypedDict, Union

Number = Union[int, Decimal, float]


class Entity(TypedDict):
    id: str
    iri: str
    label: str
    label_ko: Optional[str]
    types: list[str]


class Source(TypedDict, total=False):
    id: str
    title: Optional[str]
    publisher: Optional[str]
    date: Optional[str]  # ISO date, or the text's own words when it gives no full date
    machine_translated: Optional[bool]
    background: bool  # a background source (names from a registry), not an article
    quote: Optional[str]  # the source's words for the statement it is attached to


class Money(TypedDict):
    value: Number
    currency: str


class Claim(TypedDict):
    property: str  # "total cost", "task count" ...
    value: Number
    currency: Optional[str]  # None for a count
    as_written: Optional[str]  # the source's own words ("15.6 billion KRW")
    approximate: bool
    fiscal_year: Optional[int]
    rank: Literal["preferred", "normal", "deprecated"]
    rank_reason: Optional[str]
    source: Optional[str]
    quote: Optional[str]
    claim: str


class Leader(TypedDict):
    agent: Entity
    role: str  # "leads", "chairs", "heads" ...
    period: Optional[str]
    money: list[Money]
    sources: list[Source]


class WhoLeads(TypedDict):
    query: str
    entity: Entity
    budget: list[Claim]
    leaders: list[Leader]


class Led(TypedDict):
    target: Entity
    role: str
    period: Optional[str]
    money: list[Money]
    sources: list[Source]
    via: Optional[Entity]  # the unit through which it leads, when not itself
    budget: list[Claim]


class Leads(TypedDict):
    query: str
    entity: Entity
    leads: list[Led]


class Relation(TypedDict):
    direction: Literal["out", "in"]
    role: Optional[str]
    other: Entity
    period: Optional[str]
    money: Optional[Money]
    commitment: Optional[str]
    source: Optional[str]
    quote: Optional[str]


class Show(TypedDict):
    entity: Entity
    names: list[dict]  # {"name", "kind", "source", "background"}
    quotes: list[dict]  # {"source", "quote"}
    relations: list[Relation]
    budget: list[Claim]
    counts: list[Claim]
    targets: list[dict]
    parts: list[Entity]
    part_of: list[Entity]
    facts: list[dict]
    sources: list[Source]


class Found(Entity):
    score: float
    match: Literal["exact", "order", "words", "near"]


class Error(TypedDict, total=False):
    """A KGError's dict form (``KGError.to_dict``): what ``--format json`` prints on a failure."""

    error: str  # "not_found", "ambiguous", "bad_query", "bad_data", "server_error" ... (kg.errors)
    message: str
    candidates: list[Entity]
