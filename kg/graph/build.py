"""Building the embedded store from the data files: bulk load, derived triples, name index.

The build is atomic: it happens in a temporary directory renamed into place only when complete, so a
failed build never leaves a half-built store. The derived triples (provenance of each relation and
claim, shortcut edges, the name index) are computed in one streaming pass over the parsed files and
bulk-loaded as N-Quads from a temporary file: queries over the fresh store would cost more than the
load itself (every term read back is a RocksDB lookup), and an update query would hold every
insertion in memory at once. Memory stays bounded by the bulk loader's batches, plus one entry per
qualified relation and one 64-bit hash per (entity, name).
"""
import functools
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from ..errors import DataError
from ..names.forms import korean_short_forms
from ..names.normalize import name_key, name_tokens
from ..vocab import DEFAULT_GRAPH, DERIVED_GRAPH, ID, INDEX_GRAPH, ONTOLOGY_GRAPH, PREFIXES, RIP, prov, rip, skos

DERIVED_FILE = "derived.nq"  # the derived quads, kept beside the store (N-Quads, no blank nodes)
FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


def build(onto_files, data_files, dest, progress=None):
    """Build a store at dest from the files; atomic: dest appears complete or not at all."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    derived_path = dest.parent / f".{dest.name}.derived-{os.getpid()}.nq"
    say = _Progress(progress)
    try:
        store = ox.Store(str(tmp))
        with open(derived_path, "w", encoding="utf-8") as out:
            derive = Deriver(out)
            for f in onto_files:
                load(store, f, to_graph=ONTOLOGY_GRAPH)
                derive.feed(f)
            batch = _Batch(store)
            for i, f in enumerate(data_files, 1):
                if os.path.getsize(f) < SMALL_FILE:
                    # A small file is parsed once, its quads derived from and loaded with the next
                    # ones: one bulk load per file made 10,000 small files take 4 minutes and left a
                    # store of 10,000 segments that every command then opened (0.8 s).
                    batch.add(derive.feed(f, keep=True))
                    continue
                batch.flush()
                with say.reading(f, f"loading {f} ({i}/{len(data_files)}) and deriving from it"):
                    # The bulk loader runs without the GIL: the derivation pass reads the same file
                    # meanwhile. The default graph's triples go to gr:default.
                    _alongside(functools.partial(load, store, f, to_graph=DEFAULT_GRAPH), functools.partial(derive.feed, f))
            batch.flush()
            derive.finish()
        say(f"loading {derive.count:,} derived quads")
        store.bulk_load(path=str(derived_path), format=ox.RdfFormat.N_QUADS)
        store.flush()
        quads = len(store)
        del store
        # kept beside the store: kg export --complete streams the input files and this, not the store
        # (whose quads read back at ~10,000 a second: 2 minutes at 1M triples)
        os.rename(derived_path, tmp / DERIVED_FILE)
        meta = {
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "seconds": round(say.elapsed(), 3),
            "quads": quads,
            "files": [str(f) for f in list(onto_files) + list(data_files)],
            "inputs": [os.path.abspath(f) for f in list(onto_files) + list(data_files)],  # for kg export --complete
            "ontology_files": len(onto_files),
            "derived": DERIVED_FILE,
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
    finally:
        derived_path.unlink(missing_ok=True)
    say(f"built {quads:,} quads in {say.elapsed():.1f} s")
    return dest


def _alongside(first, second):
    """Run FIRST in a thread while SECOND runs here; re-raise FIRST's error, then SECOND's."""
    errors = []

    def run():
        try:
            first()
        except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    try:
        second()
    except BaseException as e:  # noqa: BLE001 - FIRST's error, if any, is raised first
        t.join()
        raise (errors or [e])[0] from None
    t.join()
    if errors:
        raise errors[0]


class _Batch:
    """Quads of small files gathered for one bulk load."""

    def __init__(self, store):
        self.store, self.quads = store, []

    def add(self, quads):
        self.quads += quads
        if len(self.quads) >= BATCH:
            self.flush()

    def flush(self):
        if self.quads:
            self.store.bulk_extend(self.quads)
            self.quads = []


def input_quads(onto_files, data_files):
    """The quads of the input files as the build stores them: the ontology's triples in gr:ontology, the
    data files' default graph in gr:default, blank nodes each file's own (a stream, file by file)."""
    for to, files in ((ox.NamedNode(ONTOLOGY_GRAPH), onto_files), (_DEFAULT, data_files)):
        for f in files:
            fresh = {}
            for q in ox.parse(**_source(f)):
                s, o, g = q.subject, q.object, q.graph_name
                if isinstance(s, ox.BlankNode):
                    s = fresh.get(s.value) or fresh.setdefault(s.value, ox.BlankNode())
                if isinstance(o, ox.BlankNode):
                    o = fresh.get(o.value) or fresh.setdefault(o.value, ox.BlankNode())
                if isinstance(g, ox.DefaultGraph):
                    g = to
                if s is not q.subject or o is not q.object or g is not q.graph_name:
                    q = ox.Quad(s, q.predicate, o, g)
                yield q


def _source(path):
    """The keyword arguments that give pyoxigraph the file: its path, or its bytes without a UTF-8
    byte-order mark (which the parsers refuse; editors on Windows write one)."""
    with open(path, "rb") as f:
        bom = f.read(3) == b"\xef\xbb\xbf"
    fmt = FORMATS[Path(path).suffix.lower()]
    return {"input": Path(path).read_bytes()[3:], "format": fmt} if bom else {"path": str(path), "format": fmt}


def load(store, path, to_graph=None):
    """Bulk-load one file; a syntax error becomes a DataError naming the file, line and problem."""
    try:
        if to_graph is not None:
            store.bulk_load(**_source(path), to_graph=ox.NamedNode(to_graph))
        else:
            store.bulk_load(**_source(path))
    except SyntaxError as e:
        message = e.args[0] if e.args else str(e)
        raise DataError(path, e.lineno, _plain_parse_message(message)) from None
    except (OSError, ValueError) as e:
        raise DataError(path, None, str(e)) from None


def _plain_parse_message(message):
    """The parser's message without its position prefix, the column kept (the line goes with the file).

    >>> _plain_parse_message("Parser error at line 5 between columns 2 and 6: The prefix zz: is not declared")
    'column 2: The prefix zz: is not declared'
    """
    head, sep, rest = message.partition(": ")
    if sep and head.startswith("Parser error"):
        col = re.search(r"columns? ([0-9]+)", head)
        return f"column {col.group(1)}: {rest}" if col else rest
    return message


RDF_TYPE = PREFIXES["rdf"] + "type"
DERIVED_FROM = prov.wasDerivedFrom
# Nodes that take the provenance of the source graph they are stated in.
PROVENANCE_TYPES = frozenset(rip[t] for t in (
    "QualifiedRelation", "ProjectRole", "FundingRole", "EventRole", "AgreementRole", "Membership",
    "QuantityClaim", "Target", "Finding"))
PREF_LABEL = skos.prefLabel
NAME_PREDICATES = frozenset((skos.prefLabel, skos.altLabel, skos.hiddenLabel, rip.acronym, rip.romanization))
SMALL_FILE = 1_000_000  # bytes: a file below this is loaded with others, in one bulk load per BATCH quads
BATCH = 200_000
_DEFAULT = ox.NamedNode(DEFAULT_GRAPH)
RESERVED_GRAPHS = frozenset((INDEX_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH, DEFAULT_GRAPH))
NOT_ENTITIES = tuple(ID + k for k in ("relation/", "claim/", "period/"))
_PLAIN = re.compile(r"^\w*$")  # name keys and words are word characters: no escaping needed


class Deriver:
    """Derived N-Quads written to OUT from the quads of each file fed, in one pass per file.

    - provenance: a relation or claim typed in a source's graph gets ``prov:wasDerivedFrom`` that
      source, in the same graph;
    - shortcuts: agent -shortcut-> target for each qualified relation (the shortcut property comes
      from its role's ``rip:shortcut``), in gr:derived;
    - the name index: the normalised key and the words of every entity's names, and its preferred
      labels once each (``rip:prefName``), in gr:index.

    Blank nodes are left out: a parser names them afresh on every read.
    """

    def __init__(self, out):
        self.out, self.count = out, 0
        self.sources = {}     # graph -> its sources (prov:wasDerivedFrom)
        self.waiting = []     # (node, graph) typed before their graph's source was seen
        self.relations = {}   # relation -> (agents, roles, targets)
        self.shortcuts = {}   # role -> shortcut properties
        self.names = {}       # label -> (key literal or None, word literals), a bounded cache
        # (entity, label) pairs already indexed, as 64-bit hashes: each source restates the names of
        # the bodies it mentions, so without this the index quads were written 2.5 times over at 10M
        # triples (11.3M lines for 4.5M quads), and the second bulk load took as long as the first.
        self.named = set()
        self.index_g, self.derived_g = f" <{INDEX_GRAPH}> .\n", f" <{DERIVED_GRAPH}> .\n"
        self.key_p, self.word_p, self.pref_p = f" <{RIP}nameKey> ", f" <{RIP}nameToken> ", f" <{RIP}prefName> "
        self.short_p = f" <{RIP}shortKey> "
        parts = {prov.agent: 0, prov.hadRole: 1, rip.target: 2}
        self.parts = parts

    def write(self, line):
        self.out.write(line)
        self.count += 1

    def feed(self, path, keep=False):
        """Derive from the file at PATH; with KEEP, return its quads too (the default graph's in gr:default)."""
        try:
            return self._feed(path, keep)
        except SyntaxError as e:
            raise DataError(path, e.lineno, _plain_parse_message(e.args[0] if e.args else str(e))) from None
        except (OSError, ValueError) as e:  # unreadable, or a token past the parser's limits
            raise DataError(path, None, str(e)) from None

    def _feed(self, path, keep):
        graph, kept, fresh = None, [], {}
        for q in ox.parse(**_source(path)):
            if q.graph_name != graph:  # checked once per run of quads in one graph
                graph = q.graph_name
                if isinstance(graph, ox.NamedNode) and graph.value in RESERVED_GRAPHS:
                    raise DataError(path, None, f"writes into <{graph.value}>, a graph kg builds itself (the name "
                                                "index, the derived shortcuts, the ontology): use a graph of your own")
            if keep:  # as the bulk loader reads a file: blank nodes are the file's own, the default graph is gr:default
                s, o = q.subject, q.object
                if isinstance(s, ox.BlankNode):
                    s = fresh.get(s.value) or fresh.setdefault(s.value, ox.BlankNode())
                if isinstance(o, ox.BlankNode):
                    o = fresh.get(o.value) or fresh.setdefault(o.value, ox.BlankNode())
                kept.append(ox.Quad(s, q.predicate, o, _DEFAULT if isinstance(graph, ox.DefaultGraph) else graph))
            p = q.predicate.value
            s = q.subject
            if isinstance(s, ox.BlankNode):
                continue
            o = q.object
            if p in NAME_PREDICATES:
                if isinstance(o, ox.Literal):
                    self._name(s, o.value)
                    if p == PREF_LABEL:
                        self._pref_name(s, o)
            elif p in self.parts:
                if not isinstance(o, ox.BlankNode):
                    self.relations.setdefault(str(s), (set(), set(), set()))[self.parts[p]].add(str(o))
            elif p == RDF_TYPE:
                if o.value in PROVENANCE_TYPES:
                    self._provenance(str(s), str(q.graph_name))
            elif p == DERIVED_FROM:
                if not isinstance(o, ox.BlankNode):
                    self.sources.setdefault(str(s), []).append(str(o))
            elif p == rip.shortcut:
                self.shortcuts.setdefault(str(s), []).append(str(o))
        return kept

    def _provenance(self, node, graph):
        if graph.startswith("<"):
            if graph in self.sources:
                for src in self.sources[graph]:
                    self.write(f"{node} <{DERIVED_FROM}> {src} {graph} .\n")
            else:
                self.waiting.append((node, graph))

    def _name(self, subject, label):
        iri = subject.value
        if not _is_entity(iri):
            return
        seen = hash((iri, label))
        if seen in self.named:
            return
        self.named.add(seen)
        words = self.names.get(label)
        if words is None:
            if len(self.names) > 100_000:
                self.names.clear()
            key = name_key(label)
            shorts = [_lit(k) for k in dict.fromkeys(name_key(f) for f in korean_short_forms(label)) if k and k != key]
            words = self.names[label] = (_lit(key) if key else None, [_lit(t) for t in name_tokens(label)], shorts)
        s = str(subject)
        if words[0]:
            self.write(f"{s}{self.key_p}{words[0]}{self.index_g}")
        for w in words[1]:
            self.write(f"{s}{self.word_p}{w}{self.index_g}")
        for k in words[2]:  # 부산광역시 -> 부산시: kept apart from the names, found after them
            self.write(f"{s}{self.short_p}{k}{self.index_g}")

    def _pref_name(self, subject, literal):
        if not _is_entity(subject.value):
            return
        line = f"{subject}{self.pref_p}{literal}{self.index_g}"
        seen = hash(line)
        if seen not in self.named:
            self.named.add(seen)
            self.write(line)

    def finish(self):
        """Write what needed every file: provenance typed before its source, and the shortcuts."""
        waiting, self.waiting = self.waiting, []
        for node, graph in waiting:
            for src in self.sources.get(graph, ()):
                self.write(f"{node} <{DERIVED_FROM}> {src} {graph} .\n")
        for agents, roles, targets in self.relations.values():
            for role in roles:
                for sc in self.shortcuts.get(role, ()):
                    for a in agents:
                        for t in targets:
                            self.write(f"{a} {sc} {t}{self.derived_g}")
        self.relations.clear()
        self.named.clear()


def _is_entity(iri):
    return iri.startswith(ID) and not iri.startswith(NOT_ENTITIES)


def _lit(text):
    return f'"{text}"' if _PLAIN.match(text) else str(ox.Literal(text))


class _Progress:
    """Progress lines with the time since the build began; while a file loads, how far it has been read."""

    def __init__(self, report):
        self.report, self.started = report, time.perf_counter()

    def elapsed(self):
        return time.perf_counter() - self.started

    def __call__(self, message):
        if self.report:
            self.report(f"{self.elapsed():7.1f} s  {message}")

    def reading(self, path, message):
        return _Reading(self, path, message)


class _Reading:
    """While a big file loads, report every few seconds how much of it has been read (from /proc)."""

    EVERY = 5.0

    def __init__(self, say, path, message):
        self.say, self.path, self.message = say, Path(path).resolve(), message
        self.done = threading.Event()

    def __enter__(self):
        self.say(self.message)
        size = self.path.stat().st_size if self.path.exists() else 0
        if self.say.report and size > 50_000_000 and os.path.isdir("/proc/self/fdinfo"):
            self.thread = threading.Thread(target=self._watch, args=(size,), daemon=True)
            self.thread.start()
        return self

    def _watch(self, size):
        while not self.done.wait(self.EVERY):
            pos = _read_position(self.path)
            if pos is not None:
                self.say(f"  {self.path.name}: {pos / size:.0%} read ({pos / 1e9:.2f} of {size / 1e9:.2f} GB)")

    def __exit__(self, *exc):
        self.done.set()
        return False


def _read_position(path):
    """How far this process has read the open file PATH (Linux /proc), or None."""
    try:
        for fd in os.listdir("/proc/self/fd"):
            try:
                if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                    with open(f"/proc/self/fdinfo/{fd}") as f:
                        return int(f.readline().split()[1])
            except OSError:
                continue
    except OSError:
        return None
    return None
