"""The embedded store: the one module that knows the backend (pyoxigraph, on disk).

The graph is built from the shipped ontology and data plus the user's data directories into a
RocksDB store in the cache, named by a fingerprint of the input files. It is rebuilt when any file
changes, in a temporary directory renamed into place only when complete, so a failed build never
leaves a half-built store and the previous one stays usable.
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
from .names import name_key, name_tokens
from .namespaces import DEFAULT_GRAPH, INDEX_GRAPH, ONTOLOGY_GRAPH, PREFIXES, RIP

# Bump when the build's output changes for the same input files.
BUILD_VERSION = "4"

_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


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


def _load(store, path, to_graph=None):
    fmt = _FORMATS[Path(path).suffix]
    try:
        if to_graph is not None:
            store.bulk_load(path=str(path), format=fmt, to_graph=ox.NamedNode(to_graph))
        else:
            store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as e:
        message = e.args[0] if e.args else str(e)
        raise DataError(path, e.lineno, _plain_parse_message(message)) from None
    except (OSError, ValueError) as e:
        raise DataError(path, None, str(e)) from None


def _plain_parse_message(message):
    """'Parser error at line 5 between columns 2 and 6: The prefix zz: ...' -> 'column 2: The prefix zz: ...'."""
    head, sep, rest = message.partition(": ")
    if sep and head.startswith("Parser error"):
        col = head.split("column", 1)[1].split()[0] if "column" in head else None
        return f"column {col}: {rest}" if col else rest
    return message


def _name_index_quads(store):
    """Quads of the hidden name index: normalised keys and words of every entity's names."""
    g = ox.NamedNode(INDEX_GRAPH)
    key_p, tok_p = ox.NamedNode(RIP + "nameKey"), ox.NamedNode(RIP + "nameToken")
    seen = set()
    for row in store.query(queries.text("entity_names"), use_default_graph_as_union=True):
        entity, label = row["e"], row["label"].value
        for p, values in ((key_p, [name_key(label)]), (tok_p, name_tokens(label))):
            for v in values:
                if v and (entity, p, v) not in seen:
                    seen.add((entity, p, v))
                    yield ox.Quad(entity, p, ox.Literal(v), g)


def _name_default_graph(store):
    """Move the default graph's triples into the named graph gr:default. Every triple then lives in a
    named graph and the default graph is their union, as on a server that kg push loads."""
    target = ox.NamedNode(DEFAULT_GRAPH)
    moved = [ox.Quad(q.subject, q.predicate, q.object, target)
             for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    store.bulk_extend(moved)
    store.clear_graph(ox.DefaultGraph())


def build(onto_files, data_files, dest, progress=None):
    """Build a store at dest from the files; atomic: dest appears complete or not at all."""
    import json  # here, not at the top: a lookup never builds, and these cost ~10 ms to import
    import shutil
    import time

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    started = time.perf_counter()
    try:
        store = ox.Store(str(tmp))
        for f in onto_files:
            _load(store, f, to_graph=ONTOLOGY_GRAPH)
        for i, f in enumerate(data_files, 1):
            if progress:
                progress(f"loading {f} ({i}/{len(data_files)})")
            _load(store, f)
        if progress:
            progress("deriving provenance, shortcut edges and the name index")
        store.update(queries.text("derive_provenance"))
        store.update(queries.text("derive_shortcuts"))
        _name_default_graph(store)
        store.bulk_extend(_name_index_quads(store))
        store.flush()
        quads = len(store)
        del store
        meta = {
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "seconds": round(time.perf_counter() - started, 3),
            "quads": quads,
            "files": [str(f) for f in list(onto_files) + list(data_files)],
        }
        (tmp / "kg-build.json").write_text(json.dumps(meta, indent=1))
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # another process built the same store first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


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

        A user's query (``user``) sees every graph but the name index, as the default graph (merged)
        and as named graphs, unless the SPARQL protocol names a dataset (``default_graphs``,
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
                named = self.user_graphs()
                kwargs.update(default_graph=[ox.DefaultGraph(), *named], named_graphs=named)
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
