"""The draft as JSON in the shape of the development set's gold files (what its scorer reads), with the
extras a curator needs: for each entity the rule that found or linked it and the candidates when it is
not linked; for each item whether the rules are sure of it.
"""
from ..vocab import shorten


def as_json(article, entities, relations, quantities, gazetteer):
    """The draft dict: file, source, entities, amounts, periods, counts, relations."""
    source = {
        "url": article.url,
        "publisher": getattr(article, "publisher", None),
        "date": article.date,
        "date_text": None,
        "date_basis": article.date_basis,
        "language": article.lang,
        "machine_translated": article.machine_translated,
        "machine_translated_note": article.machine_translated_note,
    }
    ents = []
    for e in entities:
        item = {
            "mention": e.mention,
            "other_mentions": e.others,
            "type": e.type,
            "kg_id": shorten(e.kg) if e.kg else None,
            "quote": e.quote,
            "rule": e.rule,
            "sure": bool(e.sure),
        }
        if e.candidates:
            names = gazetteer.names
            item["candidates"] = [{"id": shorten(c), "label": (names.get(c) or [shorten(c)])[0]} for c in e.candidates]
        if e.extra:
            item.update(e.extra)
        ents.append(item)
    return {
        "file": article.path,
        "source": source,
        "entities": ents,
        "amounts": quantities["amounts"],
        "periods": quantities["periods"],
        "counts": quantities["counts"],
        "relations": relations,
    }
