"""kg: a knowledge graph of Korean regional industrial policy.

The public API, and the one façade the command line and the server call: every answer as plain
Python values (numbers as numbers; formatting lives in kg.render)::

    import kg
    kg.who_leads("E-Mobility laser")
    kg.leads("Park Hyungjun")
    kg.show("Digital Innovation Busan Special Committee")
    kg.search("technopark")
    kg.sparql("SELECT ?s WHERE { ?s a rip:Plan }")
    kg.validate()

Every function takes ``data=[DIR, ...]`` (the user's data directories, added to the shipped ones),
or ``graph=`` an opened graph (``kg.open_graph()``, also for a SPARQL server: ``endpoint=URL``).
Errors are kg.errors.KGError: a message, an exit status, an HTTP status and a dict form.
"""
from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

from . import lookup
from . import validation as _validation
from .errors import Ambiguous, DataError, KGError, NotFound, QueryError
from .rdf import export as _export_rdf, export_complete as _export_complete
from .graph import open_graph
from .vocab import shorten
from .query.results import Result, run as _run_sparql

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~4 ms of every cold lookup
if TYPE_CHECKING:  # the answers' shapes, for readers and type checkers (kg.answers)
    from .answers import Entity, Found, Leads, Show, WhoLeads

__all__ = [
    "open_graph", "who_leads", "leads", "show", "search", "sparql", "validate", "stats", "export",
    "centrality", "partners", "path", "brokers", "communities", "network_export", "view", "viz", "push",
    "describe", "draft_article", "review", "Result", "KGError", "NotFound", "Ambiguous", "DataError", "QueryError",
]


def _graph(graph, data):
    return graph if graph is not None else open_graph(data)


def _resolving(graph, call, *args, **kwargs):
    """call(graph, ...), with the candidates of a name that is not found or ambiguous described
    (label, types, id) for the error's message and dict form."""
    try:
        return call(graph, *args, **kwargs)
    except (NotFound, Ambiguous) as e:
        e.entities = list(lookup.describe_many(graph, e.candidates).values()) if e.candidates else []
        raise


def describe(iri, *, data=(), graph=None) -> Entity:
    """{'id', 'iri', 'label', 'label_ko', 'types'} of one entity IRI."""
    return lookup.describe(_graph(graph, data), iri)


def who_leads(name, *, data=(), graph=None) -> WhoLeads:
    """Who leads, chairs, heads or coordinates the entity NAME; a dict with 'entity' and 'leaders'."""
    return _resolving(_graph(graph, data), lookup.who_leads, name)


def leads(name, *, data=(), graph=None) -> Leads:
    """What NAME (a person, post or organisation, through its units too) leads; a dict."""
    return _resolving(_graph(graph, data), lookup.leads, name)


def show(name, *, data=(), graph=None) -> Show:
    """Everything about one entity: types, names, relations, money, periods, targets, sources."""
    return _resolving(_graph(graph, data), lookup.show, name)


def search(text, *, limit=10, data=(), graph=None) -> list[Found]:
    """Ranked candidate entities for TEXT, each a dict with id, label, types and score."""
    return lookup.search(_graph(graph, data), text, limit=limit)


def sparql(query, *, data=(), graph=None):
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the whole graph; a Result.
    SERVICE, LOAD and updates are refused (QueryError)."""
    return _run_sparql(_graph(graph, data), query)


def validate(*, data=(), graph=None, sources=None):
    """SHACL and consistency checks; a list of findings (dicts), violations first.

    ``sources``: a directory holding the articles' texts; every quote is then checked to be verbatim.
    """
    return _validation.validate(graph if graph is not None else open_graph(data, strict=True), sources=sources)


def stats(*, data=(), graph=None):
    """Counts of the graph: quads, entities by type, relations, claims, sources, quoted share."""
    return lookup.stats(_graph(graph, data))


def export(fmt="trig", *, complete=False, output=None, data=(), graph=None):
    """The whole graph (without the name index) serialised as bytes: ttl, trig, nq, nt, jsonld or xml.

    COMPLETE: what kg push sends instead (the sources, the ontology, the derived shortcuts and the name
    index, each in its named graph; nq or trig), written to OUTPUT (a path or a binary file) as the
    store streams it, for a server's bulk loader; returns None (bytes when OUTPUT is None)."""
    if not complete:
        return _export_rdf(_graph(graph, data), fmt)
    if output is None:
        import io  # only for a complete dump kept in memory: a small graph's, in tests

        buf = io.BytesIO()
        _export_complete(_graph(graph, data), fmt, buf)
        return buf.getvalue()
    _export_complete(_graph(graph, data), fmt, output)
    return None


def push(endpoint, *, bulk=None, loader=None, server_dir=None, check=False, data=(), graph=None, progress=None):
    """Load the embedded graph into the SPARQL server ENDPOINT (a kg.graph.Endpoint with its Graph Store
    URL), one named graph per source, then check the server holds every graph as sent; a summary dict.

    BULK (a directory the server reads): write the complete dump there instead and load it with the
    server's bulk loader (run on Virtuoso; for the others, ``loader`` of the summary lists the steps).
    CHECK: only check that the server holds every graph of the store, triple for triple."""
    from .graph import push as pushing  # the HTTP client (urllib.request, ssl): only for kg push

    graph = graph if graph is not None else open_graph(data, strict=True, progress=progress)
    if check:
        return pushing.check_only(graph, endpoint)
    if bulk is not None:
        return pushing.bulk(graph, endpoint, bulk, loader=loader, server_dir=server_dir, progress=progress)
    return pushing.push(graph, endpoint, progress=progress)


def review(draft, *, accept=(), reject=(), types=None, links=None, decisions=None, output=None, by=None,
           data=(), check=True):
    """Decide on a draft's items without a terminal, write the accepted ones as data, validate them.

    ACCEPT / REJECT: item numbers or ids ("all", [1, 3], ["rel:draft-01-r2"]); TYPES / LINKS: {item:
    class or entity id} for new entities (accepted with the edit). Decisions are recorded (who, when) in
    DECISIONS (default: DRAFT.review.json) and never asked again. The accepted items go to OUTPUT
    (default: beside the draft, ARTICLE.trig), which is then validated with the shipped data and DATA.
    Returns {"output", "written", "held", "pending", "findings"}."""
    from . import curation as reviewing  # the curator's tools: only for kg review

    session = reviewing.Session(draft, decisions, by, graph=_graph(None, data))
    for refs, decision in ((accept, "accept"), (reject, "reject")):
        items = reviewing.expand_refs(session, refs) if isinstance(refs, str) else [session.find(r) for r in refs]
        for item in items:
            session.decide(item.key, decision)
    for edits, what in ((types or {}, "type"), (links or {}, "link")):
        for ref, value in edits.items():
            session.decide(ref, "accept", **{what: value})
    return finish_review(session, output, data, check)


def finish_review(session, output=None, data=(), check=True):
    """Write a review session's accepted items and validate them (the end of kg review, scripted or not)."""
    from . import curation as reviewing  # imported by the caller already

    output = Path(output) if output else reviewing.default_output(session.draft.path)
    written, held = session.write(output)
    findings = validate(data=(str(output), *data)) if check and written else []
    source = shorten(reviewing.accepted.renamed(session.draft.source.value))
    return {"output": str(output), "source": source, "written": written, "held": [{"item": k, "why": w} for k, w in held],
            "pending": [i.key for i in session.pending()], "decisions": str(session.decisions.path),
            "findings": findings}


def draft_article(path=None, *, text=None, url=None, publisher=None, date=None, lang="auto", korean="rules", data=(),
                  graph=None):
    """Draft the facts of a new article (the file PATH, or TEXT): its entities linked to the graph's or
    proposed as new, money, periods, counts and relations, each with the article's own words.

    A dict in the shape of the development set's gold files (file, source, entities, amounts, periods,
    counts, relations), with the curator's extras (rule, sure, candidates). ``korean``: "rules" or
    "kiwi" (the Kiwi analyser, ``pip install 'rip-kg[ko]'``). kg.errors.ArticleError when the file is
    missing, binary, empty or not UTF-8. (Named draft_article: ``kg.draft`` is the package that drafts.)
    """
    from .draft import draft  # the drafting rules: only for kg draft

    return draft(path, text=text, graph=_graph(graph, data), url=url, publisher=publisher, date=date, lang=lang,
                 korean=korean)


# --- network analytics and views: networkx (~0.2 s of imports) and pyvis load only when called -------

def _network():
    from .network import api  # networkx: only for the network commands

    return api


def centrality(measure="degree", *, type=None, top=None, by_parent=False, data=(), graph=None):
    """Agents of the institution network ranked by a centrality measure (raw scores)."""
    return _network().centrality(_graph(graph, data), measure=measure, type=type, top=top, by_parent=by_parent)


def partners(name, *, by_parent=False, data=(), graph=None):
    """NAME's partners, each with the items they share, the roles on them and the sources."""
    return _resolving(_graph(graph, data), _network().partners, name, by_parent=by_parent)


def path(a, b, *, by_parent=False, data=(), graph=None):
    """The shortest chain of relations from A to B, each hop stated in words with its source."""
    return _resolving(_graph(graph, data), _network().path, a, b, by_parent=by_parent)


def brokers(*, top=None, by_parent=False, data=(), graph=None):
    """Who bridges sectors: cross-sector betweenness and Gould-Fernandez brokerage roles."""
    return _network().brokers(_graph(graph, data), top=top, by_parent=by_parent)


def communities(*, by_parent=False, data=(), graph=None):
    """Louvain communities of the institution network with their members, sectors and shared items."""
    return _network().communities(_graph(graph, data), by_parent=by_parent)


def network_export(fmt="graphml", *, projection="institutions", by_parent=False, data=(), graph=None):
    """GraphML or GEXF bytes of one network projection (institutions, bipartite, roles)."""
    return _network().export(_graph(graph, data), fmt, projection=projection, by_parent=by_parent)


def _views():
    from .views import view as views  # networkx and, when drawing, pyvis: only for views

    return views


def view(*, focus=None, depth=1, program=None, types=(), by_parent=False, lang="en", data=(), graph=None):
    """An interactive network view as the text of one offline HTML page."""
    return _resolving(_graph(graph, data), _views().page, focus=focus, depth=depth, program=program,
                      types=types, by_parent=by_parent, lang=lang)


def viz(output, *, focus=None, depth=1, program=None, types=(), by_parent=False, lang="en", data=(), graph=None):
    """Write an interactive network view to the file OUTPUT; a summary dict (nodes, edges, bytes)."""
    return _resolving(_graph(graph, data), _views().write, output, focus=focus, depth=depth, program=program,
                      types=types, by_parent=by_parent, lang=lang)
