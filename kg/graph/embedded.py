"""The embedded store: pyoxigraph (RocksDB) on disk, built from the shipped and the user's files.

The graph is built (kg.graph.build) from the shipped ontology and data plus the user's data
directories into a store in the cache, named by a fingerprint of the input files. It is rebuilt when
any file changes; a failed build leaves the previous store usable.
"""
import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError, QueryError
from ..query import queries
from ..query.lexer import batches, names_dataset, syntax_message
from ..query.terms import in_order, iri, py, to_term
from ..vocab import DEFAULT_GRAPH, INDEX_GRAPH, PREFIXES
from .ahead import inputs_ahead, opened_ahead
from .cache import (building, fingerprint, hold, holds, last_good_pointer, read_pointer, remove_if_alone, store_dir, sweep,
                    write_atomic)
from .files import input_files


class EmbeddedGraph:
    """An opened, read-only knowledge graph in a pyoxigraph store (see kg.graph.base.Graph)."""

    enforces_time_limit = False  # pyoxigraph has no timeout: kg serve runs queries in worker processes
    stale = False  # True when a data file is broken and this is the last good build

    def __init__(self, store, path, warnings=(), *, lock=None):
        self.store, self.path, self.warnings = store, Path(path), list(warnings)
        self.memo = {}
        self._lock = lock  # the store's shared lock (kg.graph.cache.hold), released when the graph goes

    @property
    def display(self):
        return str(self.path)

    @property
    def meta(self):
        import json  # ~3 ms, which a plain lookup never needs

        return json.loads((self.path / "kg-build.json").read_text())

    def user_graphs(self):
        """Every graph a user sees: the default graph and the named graphs but the name index."""
        index = ox.NamedNode(INDEX_GRAPH)
        return [g for g in self.store.named_graphs() if g != index]

    def quads(self, what=None):
        """Every quad but those of the name index."""
        index = ox.NamedNode(INDEX_GRAPH)
        return (q for q in self.store.quads_for_pattern(None, None, None, None) if q.graph_name != index)

    def stored_graphs(self, what=None):
        """Every graph of the store, the name index and the default graph included: what kg push sends."""
        return sorted(self.store.named_graphs(), key=str) + [ox.DefaultGraph()]

    def dump(self, graph_name):
        """One graph of the store (an item of stored_graphs) as N-Triples bytes."""
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_name)

    def dump_complete(self, output, fmt):
        """Every graph of the store, each in its named graph, to OUTPUT (a path or a binary file) as FMT
        (an ox.RdfFormat of datasets): what kg push sends, streamed by the store in bounded memory.
        Triples of the default graph (the build writes none) go to gr:default, as kg push sends them."""
        prefixes = PREFIXES if fmt == ox.RdfFormat.TRIG else None
        meta = self.meta
        derived = self.path / meta.get("derived", "-")
        inputs = meta.get("inputs")
        if inputs and derived.is_file() and _unchanged(inputs, self.path.name):
            # The store's own dump reads every quad back through RocksDB (~10,000 a second: 2 minutes at
            # 1M triples); the input files it was built from (unchanged: they still have the fingerprint
            # that names the store) and the derived quads kept beside it are the same quads, read at
            # parse speed.
            # itertools, shutil and the build's file handling: only for a complete dump
            import itertools
            import shutil
            from .build import input_quads

            onto, data = inputs[:meta["ontology_files"]], inputs[meta["ontology_files"]:]
            if fmt == ox.RdfFormat.N_QUADS:
                with _Binary(output) as out:
                    ox.serialize(input_quads(onto, data), out, fmt)
                    with open(derived, "rb") as f:
                        shutil.copyfileobj(f, out, 1 << 20)
            else:
                ox.serialize(itertools.chain(input_quads(onto, data), ox.parse(path=str(derived), format=ox.RdfFormat.N_QUADS)),
                             output, fmt, prefixes=prefixes)
            return
        if next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None:
            self.store.dump(output, fmt, prefixes=prefixes)
            return
        default = ox.NamedNode(DEFAULT_GRAPH)
        ox.serialize((q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(q.subject, q.predicate, q.object, default)
                      for q in self.store), output, fmt, prefixes=prefixes)

    def graph_sizes(self):
        """{graph IRI: triples} of every graph of the store (the default graph's under gr:default, as
        kg push sends it): what a server must hold after a push or a bulk load."""
        sizes = {r["g"]: r["n"] for r in self.select("graph_sizes")}
        default = sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            sizes[DEFAULT_GRAPH] = sizes.get(DEFAULT_GRAPH, 0) + default
        return sizes

    def seal(self):
        """Forbid this process network sockets from now on (the store needs none): the second wall
        behind the SERVICE refusal. True when the kernel applied it."""
        from ..query.offline import seal  # ctypes and libseccomp: only in a process that runs user queries

        return seal()

    def set_time_limit(self, seconds):
        """No-op: a query in this process cannot be stopped (kg serve kills its worker instead)."""

    def query(self, text, bindings=None, *, user=False, default_graphs=None, named_graphs=None):
        """Run SPARQL over the union of the graphs; bindings are substituted, never pasted.

        A user's query (``user``) sees every graph, as the default graph (merged) and as named
        graphs, unless the SPARQL protocol names a dataset (``default_graphs``,
        ``named_graphs``: lists of IRIs, or None), which then replaces the query's own FROM clauses.
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        kwargs = {"prefixes": PREFIXES, "substitutions": subs}
        if default_graphs is not None or named_graphs is not None:
            kwargs.update(default_graph=[iri(g) for g in default_graphs or ()],
                          named_graphs=[iri(g) for g in named_graphs or ()])
        elif not user or not names_dataset(text):  # a user query's own FROM / FROM NAMED is kept
            # The union, as a server loaded by kg push gives it: a list of every named graph as
            # the default graph would cost 10-40x per query at 10k triples, and grows with the sources.
            kwargs["use_default_graph_as_union"] = True
        try:
            return self.store.query(text, **kwargs)
        except SyntaxError as e:
            raise QueryError(syntax_message(text, e.args[0] if e.args else str(e))) from None

    def exists(self, iri):
        """Whether IRI is the subject of some triple (a malformed IRI is the subject of none)."""
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return next(iter(self.store.quads_for_pattern(node, None, None, None)), None) is not None

    def select(self, name, **bindings):
        """Rows of the named query queries/NAME.rq as dicts of Python values."""
        text = queries.text(name)
        result = self.query(text, {k: to_term(v) for k, v in bindings.items()})
        names = [v.value for v in result.variables]
        return in_order([{n: py(row[n]) for n in names} for row in result], text)

    def select_each(self, name, var, values):
        """Rows of the named query for each of VALUES bound to VAR: one query per 500 values, not one each
        (a hub entity's 600 neighbours: 4x faster at 1M triples). The values go in a VALUES block of
        escaped terms, as on a server."""
        text, out = queries.text(name), []
        for bound in batches(text, var, values):
            result = self.query(bound)
            names = [v.value for v in result.variables]
            out += [{n: py(row[n]) for n in names} for row in result]
        return in_order(out, text)

    def cached_rows(self, names):
        """The rows of the named queries, each kept as JSON beside the store: reading ~100k relations out
        of the store takes seconds at 1M triples, reading the JSON a fraction of that. A store never
        changes once built, so a file is valid as long as its store is and its query text is the same."""
        import json  # ~3 ms, which a lookup of an exact name never needs

        out = {}
        for name in names:
            path = self.path / f"rows-{name}.json"
            text = queries.text(name)
            try:
                cached = json.loads(path.read_text(encoding="utf-8"))
                if cached.get("query") == text:
                    out[name] = cached["rows"]
                    continue
            except (OSError, ValueError):
                pass
            out[name] = self.select(name)
            try:
                tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
                tmp.write_text(json.dumps({"query": text, "rows": out[name]}, ensure_ascii=False, default=float),
                               encoding="utf-8")
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only cache: answer anyway, just without keeping the rows
        return out


def open_embedded(data_dirs=(), *, strict=False, progress=None):
    """Open the graph, building or rebuilding its store first if the input files changed.

    If the build fails (a broken data file) and strict is false, the last good store of the same
    data directories is opened instead, with a warning; with strict, the error is raised. The store
    opened is held (kg.graph.cache.hold) for as long as this process lives.
    """
    found = inputs_ahead(data_dirs)
    onto, data, dest = found if found is not None else (*input_files(data_dirs), None)
    dest = dest or store_dir(onto, data)
    stores, fp = dest.parent, dest.name
    pointer = last_good_pointer(stores, data_dirs)
    warnings, stale = [], False
    lock = hold(dest)  # before the build too: a sweep never takes a store being built or opened
    store = None
    if (dest / "kg-build.json").exists():
        store = opened_ahead(dest) or _open_store(dest, warnings, lock)
    elif dest.exists():  # a store without its build record is damaged
        _remove_damaged(dest, lock, "it has no build record", warnings)
    if store is None:
        # Only when the store must be (re)built: the build and what it imports (shutil and its
        # compression modules, threading) cost ~4 ms that a lookup on a built store never needs.
        from .build import build

        try:
            try:
                with building(dest):  # one build of a data set at a time: the next one waits, then opens it
                    if not (dest / "kg-build.json").exists():
                        build(onto, data, dest, progress=progress)
            except (OSError, MemoryError) as e:  # a full disk, a read-only cache, no memory: not the data
                raise DataError(dest, None, f"the build could not finish: {e}") from None
        except DataError as e:
            previous = read_pointer(pointer)
            if strict or not previous or not (stores / previous / "kg-build.json").exists():
                raise
            warnings.append(f"{e}; answering from the last good build ({previous}), with exit status 1 "
                            "(--stale-ok accepts it)")
            stale = True
            if lock is not None:
                lock.close()
            dest, lock = stores / previous, hold(stores / previous)
        store = _read_only(dest)
    if dest.name == fp and not holds(pointer, fp):
        write_atomic(pointer, fp)
        sweep(stores)  # the builds this one replaces, unless a process still reads them
    graph = EmbeddedGraph(store, dest, warnings, lock=lock)
    graph.stale = stale
    return graph


def _unchanged(files, name):
    """Whether FILES are still the files of the store called NAME (their fingerprint is its name)."""
    try:
        return fingerprint(files) == name
    except OSError:  # one is gone
        return False


class _Binary:
    """OUTPUT (a path, or a binary file left open) as a binary file, in a with block."""

    def __init__(self, output):
        self.output, self.file = output, None

    def __enter__(self):
        if isinstance(self.output, (str, os.PathLike)):
            self.file = open(self.output, "wb")
            return self.file
        return self.output

    def __exit__(self, *exc):
        if self.file is not None:
            self.file.close()


def _read_only(dest):
    try:
        return ox.Store.read_only(str(dest))
    except OSError as e:
        raise DataError(dest, None, f"the store cannot be opened: {str(e)[:300]}") from None


# What the process lacks, not what the store is: never a reason to delete it
_NOT_DAMAGE = ("file descriptor", "Too many open files", "No space", "Permission denied", "Cannot allocate",
               "Resource temporarily unavailable")


def _open_store(dest, warnings, lock):
    """The built store at DEST, or None (after deleting it) when it is damaged: a damaged cache is
    rebuilt, not reported on every run. Never for a want of this process's (file descriptors, memory,
    disk): that is an error that says so."""
    try:
        return ox.Store.read_only(str(dest))
    except OSError as e:
        message = str(e)
        if any(n in message for n in _NOT_DAMAGE):
            raise DataError(dest, None, f"the store cannot be opened: {message[:300]}") from None
        _remove_damaged(dest, lock, f"it could not be opened ({message[:200]})", warnings)
        return None


def _remove_damaged(dest, lock, why, warnings):
    """Delete the damaged store at DEST to rebuild it, only when no other process holds it."""
    if not remove_if_alone(dest, lock):
        raise DataError(dest, None, f"the store is damaged ({why}) and another kg process holds it: stop that "
                                    "process, then run again") from None
    warnings.append(f"the store at {dest} was damaged ({why}); rebuilding it")


def reopen(path):
    """The built store at PATH, opened again (in a worker process), and held as long as it lives."""
    return EmbeddedGraph(ox.Store.read_only(str(path)), path, lock=hold(path))
