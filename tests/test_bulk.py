"""The complete dump and the bulk path: `kg export --complete` holds exactly what `kg push` sends, a
server's own bulk loader reads it (Oxigraph's `oxigraph load`, Virtuoso's ld_dir), and the server then
answers as the embedded store does; a server loaded from a plain export says what it lacks.

Every expected answer is the embedded store's own (an independent path: the store's quads, the
commands without --endpoint), or counted by hand from the shipped graph.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg as kg_api
from servers import Oxigraph, Virtuoso
from test_remote import kg

GR = "https://w3id.org/rip-kg/graph/"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))

# Lookups answered from the name index, and queries joining on it (rip:prefName)
SAME = [
    ("who-leads", "E-Mobility laser", "--format", "json"),
    ("leads", "KITECH", "--format", "json"),
    ("show", "Busan Technopark", "--format", "json"),
    ("search", "부산", "--format", "json"),
    ("sparql", "@" + str(Path(__file__).parent.parent / "kg" / "library" / "projects_by_lead.rq"), "--format", "csv"),
]


def _store_quads(graph):
    """Every quad of the embedded store, as kg push sends it (the default graph's in gr:default)."""
    default = ox.NamedNode(GR + "default")
    return {q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(q.subject, q.predicate, q.object, default)
            for q in graph.store}


def _plain(quads):
    """Quads with blank nodes as one label: each parse names them afresh."""
    b = ox.BlankNode("b")
    return {ox.Quad(*(b if isinstance(t, ox.BlankNode) else t for t in (q.subject, q.predicate, q.object)), q.graph_name)
            for q in quads}


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_complete_export_is_what_push_sends(graph, tmp_path, fmt):
    out = tmp_path / f"kg.{fmt}"
    r = kg("export", "--complete", "--format", fmt, "-o", str(out))
    assert r.returncode == 0 and r.stdout == "", r.stderr
    dumped = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.TRIG))
    # the quads of the store, each (a quad stated by two files is written twice: the loaders keep one)
    assert len(set(dumped)) == len(graph.store)
    assert _plain(dumped) == _plain(_store_quads(graph))
    # the graphs kg push sends: the sources', the ontology, the derived shortcuts and the name index
    names = {q.graph_name.value for q in dumped}
    assert {GR + n for n in ("000", "004", "013", "background", "curation", "default", "ontology", "derived", "index")} <= names
    # what kg push checks on the server, graph by graph
    per_graph = {}
    for q in set(dumped):
        per_graph[q.graph_name.value] = per_graph.get(q.graph_name.value, 0) + 1
    assert per_graph == graph.graph_sizes()


@pytest.mark.parametrize("data", [(), ("w3c",), ("hostile",)])
def test_complete_export_from_the_files_is_the_stores_own_dump(data, tmp_path, monkeypatch):
    """Written from the input files and the derived quads kept beside the store, or read back from the
    store itself (a store built before the file was kept): the same quads."""
    from kg.graph import embedded

    graph = kg_api.open_graph([str(Path(__file__).parent / "data" / d) for d in data])
    assert (graph.path / "derived.nq").is_file()
    fast, slow = tmp_path / "files.nq", tmp_path / "store.nq"
    kg_api.export("nq", complete=True, output=str(fast), graph=graph)
    monkeypatch.setattr(embedded, "_unchanged", lambda files, name: False)
    kg_api.export("nq", complete=True, output=str(slow), graph=graph)
    a, b = (set(ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)) for p in (fast, slow))
    assert len(a) == len(b) == len(graph.store) and _plain(a) == _plain(b)


def test_complete_export_of_the_last_good_build_is_that_build(tmp_path):
    """A data file broken since the build: the store answering is the last good one, and its dump is
    that store's quads, not the files' as they are now."""
    d = tmp_path / "mine"
    d.mkdir()
    f = d / "mine.trig"
    f.write_text('@prefix ag: <https://w3id.org/rip-kg/id/agent/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                 'ag:mine a <https://w3id.org/rip-kg/def#Company> ; skos:prefLabel "Mine Co"@en .\n')
    good = kg_api.open_graph([str(d)])
    f.write_text(f.read_text() + 'ag:broken skos:prefLabel "Broken Co"@en ; .. this does not parse\n')
    stale = kg_api.open_graph([str(d)])
    assert stale.stale and stale.path == good.path
    out = tmp_path / "stale.nq"
    kg_api.export("nq", complete=True, output=str(out), graph=stale)
    dumped = set(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert len(dumped) == len(good.store) and _plain(dumped) == _plain(_store_quads(good))
    assert not any("broken" in q.subject.value for q in dumped if isinstance(q.subject, ox.NamedNode))


def test_complete_export_to_standard_output_and_only_in_dataset_formats():
    r = kg("export", "--complete", "--format", "nq")
    assert r.returncode == 0
    assert any(line.endswith(f"<{GR}index> .") for line in r.stdout.splitlines())
    r = kg("export", "--complete", "--format", "ttl")
    assert r.returncode == 2 and "use --format nq or trig" in r.stderr


def _loaded_oxigraph(tmp_path, dump):
    """`oxigraph load` of DUMP into a new store, then `oxigraph serve` on it."""
    store = tmp_path / "store"
    r = subprocess.run([OXIGRAPH, "load", "--location", str(store), "--file", str(dump)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return Oxigraph(store)


@pytest.fixture(scope="module")
def bulk_loaded(tmp_path_factory, private_cache):
    """Oxigraph's server on a store that `oxigraph load` filled from the dump `kg push --bulk` wrote."""
    d = tmp_path_factory.mktemp("bulk")
    r = kg("push", "--bulk", str(d / "dumps"), "--loader", "oxigraph")
    assert r.returncode == 0, r.stderr
    [dump] = (d / "dumps").glob("kg-complete-*.nq")
    assert f"oxigraph load --location STORE_DIR --file {dump}" in r.stdout and "kg push --check" in r.stdout
    server = _loaded_oxigraph(d, dump)
    yield server
    server.stop()


def test_bulk_load_into_oxigraph_holds_every_graph_as_sent(bulk_loaded):
    r = kg("push", "--check", "--endpoint", bulk_loaded.url)
    assert r.returncode == 0, r.stderr
    # 15 sources' graphs (000-004, 010-013, 020-025), background and curation, the ontology, the derived
    # shortcuts, the name index, and the default graph's (the source records): 15 + 2 + 3 + 1 = 21
    assert "checked: the server holds every graph of the store (21 graphs, " in r.stdout


@pytest.mark.parametrize("args", SAME, ids=lambda a: " ".join(a)[:40])
def test_bulk_loaded_server_answers_as_the_embedded_store(bulk_loaded, args):
    embedded = kg(*args)
    remote = kg(*args, "--endpoint", bulk_loaded.url)
    assert embedded.returncode == 0, embedded.stderr
    assert (remote.returncode, remote.stderr) == (0, "")
    assert remote.stdout == embedded.stdout


def test_bulk_loaded_server_names_the_lead_worked_out_by_hand(bulk_loaded):
    # article 000: KIMM's Busan center leads the E-Mobility laser project, 2024-2028
    r = kg("who-leads", "E-Mobility laser", "--format", "json", "--endpoint", bulk_loaded.url)
    [leader] = json.loads(r.stdout)["leaders"]
    assert leader["agent"]["id"] == "ag:kimm-busan-center" and leader["period"] == "2024-2028"


def test_server_loaded_from_a_plain_export_says_it_lacks_the_name_index(tmp_path):
    plain = tmp_path / "plain.nq"
    assert kg("export", "--format", "nq", "-o", str(plain)).returncode == 0
    server = _loaded_oxigraph(tmp_path, plain)
    try:
        for args in (("who-leads", "E-Mobility laser"), ("search", "technopark"), ("show", "Busan Technopark")):
            r = kg(*args, "--endpoint", server.url)
            assert r.returncode == 1 and r.stdout == ""
            assert "no entity matches" not in r.stderr
            assert r.stderr.startswith(f"Error: {server.url} holds kg's sources but not its name index "
                                       f"(the graph <{GR}index>), which every lookup by name reads")
            assert "kg export --complete" in r.stderr and "kg push --bulk DIR" in r.stderr
        r = kg("who-leads", "E-Mobility laser", "--format", "json", "--endpoint", server.url)
        assert json.loads(r.stdout)["error"] == "no_name_index"
        # a query that does not read the index is answered (the sources are there)
        r = kg("sparql", "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rip:Project }", "--format", "csv",
               "--endpoint", server.url)
        assert r.stdout == kg("sparql", "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rip:Project }", "--format", "csv").stdout
        # a library query joining on rip:prefName is refused with the same message, not answered empty
        r = kg("sparql", SAME[-1][1], "--endpoint", server.url)
        assert r.returncode == 1 and "not its name index" in r.stderr
        r = kg("push", "--check", "--endpoint", server.url)
        assert r.returncode == 1 and f"<{GR}index>: " in r.stderr and " held" in r.stderr
    finally:
        server.stop()


def test_bulk_steps_for_each_server_without_one(tmp_path):
    r = kg("push", "--bulk", str(tmp_path), "--loader", "fuseki")
    assert r.returncode == 0, r.stderr
    [dump] = tmp_path.glob("kg-complete-*.nq")
    assert f"tdb2.tdbloader --loc DATABASE_DIR {dump}" in r.stdout
    r = kg("push", "--bulk", str(tmp_path))
    assert r.returncode == 2 and "--loader" in r.stderr


def test_bulk_load_into_virtuoso_runs_its_loader_and_checks(tmp_path):
    server = Virtuoso(tmp_path / "db", max_rows=50)
    try:
        env = {"KG_ENDPOINT": server.url, "KG_ENDPOINT_USER": server.user, "KG_ENDPOINT_PASSWORD": server.password,
               "KG_ENDPOINT_MAX_ROWS": "50"}
        # a directory the server may read: the test server's DirsAllowed lists its own directory
        r = kg("push", "--bulk", str(tmp_path / "db" / "dumps"), env=env)
        assert r.returncode == 0, r.stderr
        assert "loaded by Virtuoso's bulk loader in " in r.stdout and "checked: the server holds every graph as sent" in r.stdout
        assert server.password not in r.stdout + r.stderr
        for args in SAME[:3]:
            assert kg(*args, env=env).stdout == kg(*args).stdout
        # a directory the server cannot list: said so, with the steps by hand
        r = kg("push", "--bulk", str(tmp_path / "db" / "dumps"), "--server-dir", str(tmp_path / "nowhere"), env=env)
        assert r.returncode == 1 and "DirsAllowed" in r.stderr and "rdf_loader_run" in r.stderr
        # a second load adds to the first (the ontology's blank nodes are new nodes): the check says so
        r = kg("push", "--bulk", str(tmp_path / "db" / "dumps"), env=env)
        assert r.returncode == 1 and "hold more than was sent" in r.stderr and "earlier load" in r.stderr
    finally:
        server.stop()
