"""The embedded store: the one module that knows the backend (pyoxigraph, on disk).

The graph is built (kg.build) from the shipped ontology and data plus the user's data directories
into a RocksDB store in the cache, named by a fingerprint of the input files. It is rebuilt when any
file changes; a failed build leaves the previous store usable.
"""
import os
from pathlib import Path

import pyoxigraph as ox

try:  # hashlib would load OpenSSL first: 4 ms of every lookup, for a hash of a few file names
    from _blake2 import blake2b
except ImportError:  # not CPython
    from hashlib import blake2b

from . import paths, queries
from .errors import DataError, QueryError
from .namespaces import INDEX_GRAPH, PREFIXES

# Bump when the build's output changes for the same input files.
BUILD_VERSION = "6"


def input_files(data_dirs=()):
    """(ontology files, data files): the shipped ones first, then the user's."""
    onto = paths.data_files(paths.package_dir("ontology"))
    data = paths.data_files(paths.package_dir("data"))
    for d in paths.user_data_dirs(data_dirs):
        data += paths.data_files(d)
    return onto, data


def fingerprint(files):
    """Hash of the files' paths, sizes and modification times (cheap: no file is read)."""
    h = blake2b(BUILD_VERSION.encode(), digest_size=10)
    for f in files:
        st = os.stat(f)
        h.update(f"{Path(f).resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _dataset_id(data_dirs):
    """Names the set of data directories, so each keeps its own last good build."""
    dirs = [str(Path(d).resolve()) for d in paths.user_data_dirs(data_dirs)]
    return blake2b("\n".join(dirs).encode(), digest_size=6).hexdigest()


class Graph:
    """An opened, read-only knowledge graph."""

    def __init__(self, store, path, warnings=()):
        self.store, self.path, self.warnings = store, Path(path), list(warnings)

    @property
    def meta(self):
        import json

        return json.loads((self.path / "kg-build.json").read_text())

    def user_graphs(self):
        """Every graph a user sees: the default graph and the named graphs but the name index."""
        index = ox.NamedNode(INDEX_GRAPH)
        return [g for g in self.store.named_graphs() if g != index]

    def query(self, text, bindings=None, *, user=False, default_graphs=None, named_graphs=None):
        """Run SPARQL over the union of the graphs; bindings are substituted, never pasted.

        A user's query (``user``) sees every graph, as the default graph (merged) and as named
        graphs, unless the SPARQL protocol names a dataset (``default_graphs``,
        ``named_graphs``: lists of IRIs, or None), which then replaces the query's own FROM clauses.
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        kwargs = {"prefixes": PREFIXES, "substitutions": subs}
        if default_graphs is not None or named_graphs is not None:
            kwargs.update(default_graph=[ox.NamedNode(g) for g in default_graphs or ()],
                          named_graphs=[ox.NamedNode(g) for g in named_graphs or ()])
        elif user:
            from .sparql_run import names_dataset

            if not names_dataset(text):  # a query's own FROM / FROM NAMED is kept
                # The union, as a server loaded by kg push gives it: a list of every named graph as
                # the default graph would cost 10-40x per query at 10k triples, and grows with the sources.
                kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["use_default_graph_as_union"] = True
        try:
            return self.store.query(text, **kwargs)
        except SyntaxError as e:
            raise QueryError(_query_syntax_message(text, e.args[0] if e.args else str(e))) from None

    def exists(self, iri):
        """Whether IRI is the subject of some triple."""
        return next(iter(self.store.quads_for_pattern(ox.NamedNode(iri), None, None, None)), None) is not None

    def select(self, name, **bindings):
        """Rows of the named query queries/NAME.rq as dicts of Python values."""
        text = queries.text(name)
        result = self.query(text, {k: _term(v) for k, v in bindings.items()})
        names = [v.value for v in result.variables]
        return in_order([{n: py(row[n]) for n in names} for row in result], text)

    def select_each(self, name, var, values):
        """Rows of the named query for each of VALUES bound to VAR: one query per 500 values, not one each
        (a hub entity's 600 neighbours: 4x faster at 1M triples). The values go in a VALUES block of
        escaped terms, as on a server."""
        from .remote import batches

        text, out = queries.text(name), []
        for bound in batches(text, var, values):
            result = self.query(bound)
            names = [v.value for v in result.variables]
            out += [{n: py(row[n]) for n in names} for row in result]
        return in_order(out, text)


def in_order(rows, text):
    """ROWS in a stable order when the query sets none: stores return rows in the order of their
    indexes, and the same question must get the same answer from every backend."""
    if "ORDER BY" in text:
        return rows
    return sorted(rows, key=lambda r: tuple(("",) if v is None else (type(v).__name__, str(v)) for v in r.values()))


def _query_syntax_message(text, message):
    """'error at 1:23: expected one of <long list>' -> a short message that shows where."""
    import re

    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not m:
        return f"malformed SPARQL: {message[:200]}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    src = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    near = src[max(0, col - 1 - 20): col - 1 + 20].strip()
    what = "unexpected text or end of query" if what.startswith("expected one of") else what.splitlines()[0][:120]
    return f"malformed SPARQL at line {line}, column {col}: {what} (near {near!r})"


def _term(value):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return ox.Literal(value)


_INTS = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "int", "long", "nonNegativeInteger")}
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def py(term):
    """A pyoxigraph term as a plain Python value (IRIs and strings as str, numbers as numbers)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt in _INTS:
            return int(term.value)
        if dt == _XSD_DECIMAL:
            from decimal import Decimal

            d = Decimal(term.value)
            return int(d) if d == d.to_integral_value() else d
        if dt == _XSD_BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def open_graph(data_dirs=(), *, strict=False, progress=None):
    """Open the graph, building or rebuilding its store first if the input files changed.

    If the build fails (a broken data file) and strict is false, the last good store of the same
    data directories is opened instead, with a warning; with strict, the error is raised.
    """
    onto, data = input_files(data_dirs)
    dest = _store_dir(onto, data)
    stores, fp = dest.parent, dest.name
    pointer = stores / f"last-good-{_dataset_id(data_dirs)}"
    warnings = []
    if not (dest / "kg-build.json").exists():
        from .build import build

        try:
            build(onto, data, dest, progress=progress)
        except DataError as e:
            previous = pointer.read_text().strip() if pointer.exists() else ""
            if strict or not previous or not (stores / previous / "kg-build.json").exists():
                raise
            warnings.append(f"{e}; answering from the last good build ({previous})")
            dest = stores / previous
        else:
            _retire(stores, pointer, fp)
    if dest.name == fp and not _holds(pointer, fp):
        _write_atomic(pointer, fp)
    from .launch import opened_ahead

    store = opened_ahead(dest) or ox.Store.read_only(str(dest))
    return Graph(store, dest, warnings)


def _store_dir(onto, data):
    """Where the store of these input files is (or will be) built: named by their fingerprint."""
    return paths.cache_dir() / "stores" / fingerprint(onto + data)


def open_built(data_dirs=()):
    """(directory, read-only Store) of the data set's current store if it is built, else None.
    Never builds: the ``kg`` command calls it in a thread, ahead of parsing its arguments."""
    dest = _store_dir(*input_files(data_dirs))
    if not (dest / "kg-build.json").exists():
        return None
    return str(dest), ox.Store.read_only(str(dest))


def _retire(stores, pointer, fp):
    """Delete the store this data set used before, now that a new one is built."""
    old = pointer.read_text().strip() if pointer.exists() else ""
    if old and old != fp:
        import shutil

        shutil.rmtree(stores / old, ignore_errors=True)


def _holds(path, text):
    try:
        return path.read_text() == text
    except OSError:
        return False


def _write_atomic(path, text):
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)
