"""Draft sourced facts from a new article: who leads, funds, chairs, joins and signs what, with money,
periods and counts, each with the words of the article that state it.

    from kg.draft import draft
    d = draft("article.txt", graph=kg.open_graph())      # the gold-shaped dict (kg.draft.output)

The steps, one module each: text (reading, sentences, noise), gazetteer (the graph's names in the
text), english and hangul (names by head words, titles, quotes, lists; korean: what they know of
Korean), mentions (the spans together), entities (one per body, linked by link), relations (cue words,
lists, titles), quantities (money, periods, counts), output (JSON in the shape of the development set's
gold files, and TriG).
"""
import os

from . import entities as _entities
from . import gazetteer as _gazetteer
from . import mentions as _mentions
from . import output as _output
from . import relations as _relations
from .hangul import kiwi as _kiwi
from .text import parse, read, url_date

ANALYSERS = ("rules", "kiwi")


def draft(path=None, *, graph, text=None, url=None, publisher=None, date=None, lang="auto", korean="rules"):
    """The draft of the article in the file PATH (or of TEXT) as a dict in the gold files' shape, with
    the extras a curator needs (candidates, rules, sure)."""
    article = read(path) if text is None else parse(text, os.path.basename(path or "<text>"))
    if url:
        article.url = url
        if not article.date:
            article.date, article.date_basis = url_date(url)
    if date:
        article.date, article.date_basis = date, "given (--date)"
    if lang in ("en", "ko"):
        article.lang = lang
    article.publisher = publisher
    gaz = _gazetteer.load(graph)
    analyser = _kiwi if article.lang == "ko" and korean == "kiwi" else None
    spans = _mentions.find(article, gaz, analyser)
    ents = _entities.build(article, spans, gaz, graph)
    rels = _relations.find(article, ents)
    quantities = _relations.quantities(article, ents)
    return _output.as_json(article, ents, rels, quantities, gaz)
