"""Linking a mention to an entity of the graph, precision first.

A mention is linked when the gazetteer found one of the graph's names for exactly one entity, or when
the names resolver (kg.names.resolve) finds exactly one entity at a level where the name is the same
name: 'exact', 'short' (a Korean short form), 'order' (family name first or last), 'variant' (a title,
an abbreviation, a bracketed acronym rewritten). Anything else is proposed as a new entity, with the
resolver's candidates (its 'words', 'typo' and 'near' levels) listed for the curator: a near miss is
never a link. On the development set, linking at 'words' too made two false links (a unit's name for
its institute's), these levels none.
"""
from ..errors import KGError
from ..names.resolve import candidates
from ..vocab import shorten

SURE_LEVELS = ("exact", "short", "order", "variant")  # the resolver's same-name levels; never words, typo, near
MAX_NAME = 300


def resolve(graph, text):
    """(IRI or None, rule, [candidate IRIs]) for the name TEXT.

    >>> import kg
    >>> resolve(kg.open_graph(), "Busan Techno-Park")[:2]
    ('https://w3id.org/rip-kg/id/agent/busan-technopark', "the names resolver, level 'exact'")
    >>> iri, rule, near = resolve(kg.open_graph(), "Busan Technopak")
    >>> iri, rule, [shorten(c) for c in near]
    (None, "the names resolver, level 'typo': not linked", ['ag:busan-technopark'])
    """
    if not text.strip() or len(text) > MAX_NAME:
        return None, "", []
    try:
        level, found = candidates(graph, text)
    except KGError:
        return None, "", []
    if level in SURE_LEVELS and len(found) == 1:
        return found[0], f"the names resolver, level '{level}'", []
    if not found or level == "none":
        return None, "", []
    if level in SURE_LEVELS:
        return None, f"the names resolver, level '{level}': {len(found)} entities, not linked", list(found)[:5]
    return None, f"the names resolver, level '{level}': not linked", list(found)[:5]


def described(gazetteer, iris):
    """[{'id', 'label'}] of candidate IRIS, for the curator."""
    out = []
    for iri in iris:
        names = gazetteer.names.get(iri) or []
        out.append({"id": shorten(iri), "label": names[0] if names else shorten(iri)})
    return out
