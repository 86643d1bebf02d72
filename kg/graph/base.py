"""The one interface both backends implement: the embedded store (kg.graph.embedded) and a SPARQL
server (kg.graph.remote). Everything above kg.graph talks to a graph through these methods only."""
from typing import Iterator, Protocol


class Graph(Protocol):
    """An opened, read-only kg graph.

    ``memo`` holds what a lookup has read once and may reuse (source details, publishers): it lives
    and dies with the graph, so two graphs open in one process never see each other's answers.
    """

    warnings: list  # messages to show the user once (e.g. answering from the last good build)
    memo: dict
    display: str  # where the graph is, for messages (a store directory, a server URL)
    stale: bool  # answering from the last good build: a data file is broken
    enforces_time_limit: bool  # True: the backend stops a query at its own time limit (a server);
    # False: a caller that needs a limit runs queries in processes it can kill (kg.serve.workers)

    def query(self, text, bindings=None, *, user=False, default_graphs=None, named_graphs=None):
        """Run SPARQL: rows with ``variables`` (SELECT), an ox.QueryBoolean (ASK), or triples."""

    def select(self, name, **bindings) -> list:
        """Rows of the named query kg/query/queries/NAME.rq as dicts of Python values."""

    def select_each(self, name, var, values) -> list:
        """Rows of the named query for each of VALUES bound to VAR, in batches."""

    def cached_rows(self, names) -> dict:
        """{name: rows} of named queries, kept beside the store when the backend can (never on a server)."""

    def exists(self, iri) -> bool:
        """Whether IRI is the subject of some triple."""

    def user_graphs(self) -> list:
        """Every graph a user sees (ox.NamedNode): the sources', the ontology, the derived shortcuts."""

    def quads(self, what) -> Iterator:
        """Every quad of the user graphs; NotOnServer (naming WHAT asked) where the backend cannot."""

    def seal(self) -> bool:
        """Forbid this process the network where the backend needs none (kg.query.offline)."""

    def set_time_limit(self, seconds) -> None:
        """The time limit of each query, where the backend enforces one itself."""
