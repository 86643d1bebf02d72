"""Linking a mention to an entity of the graph, precision first.

A mention is linked when the gazetteer found one of the graph's names for exactly one entity, or when
the names resolver (kg.names.resolve) finds exactly one entity at its 'exact' or 'order' level (the
same name in another spelling or name order). Anything else is proposed as a new entity, with the
resolver's candidates (its 'words' and 'near' levels) listed for the curator: a near miss is never a
link.
"""
from ..errors import KGError
from ..names.resolve import candidates
from ..vocab import shorten

SURE_LEVELS = ("exact", "order")
MAX_NAME = 300


def resolve(graph, text):
    """(IRI or None, rule, [candidate IRIs]) for the name TEXT.

    >>> import kg
    >>> resolve(kg.open_graph(), "Busan Techno-Park")[:2]
    ('https://w3id.org/rip-kg/id/agent/busan-technopark', "the names resolver, level 'exact'")
    >>> iri, rule, near = resolve(kg.open_graph(), "Busan Technopak")
    >>> iri, rule, [shorten(c) for c in near]
    (None, "the names resolver, level 'near': not linked", ['ag:busan-technopark'])
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
