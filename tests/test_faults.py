"""kg holds under faults: data that changes under a running server, crowds and idle connections,
ill-typed numbers, a server killed mid-query, a query past its limit or interrupted, damaged caches."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import kg
from conftest import kg_bin
from test_serve import SLOW, Server, request

BODY = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ag: <https://w3id.org/rip-kg/id/agent/> .
@prefix src: <https://w3id.org/rip-kg/id/source/> . @prefix gr: <https://w3id.org/rip-kg/graph/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> . @prefix rip: <https://w3id.org/rip-kg/def#> .
src:edit a rip:Source ; dcterms:title "An edited source" ; dcterms:language "en" ; rip:machineTranslated false .
gr:edit prov:wasDerivedFrom src:edit .
GRAPH gr:edit {{ ag:edited-body skos:prefLabel "{label}"@en . }}
"""
ASK_LABEL = "SELECT ?l WHERE { <https://w3id.org/rip-kg/id/agent/edited-body> skos:prefLabel ?l }"


def _label(server):
    status, _, text = request(f"{server.endpoint}?{urllib.parse.urlencode({'query': ASK_LABEL})}",
                              headers={"Accept": "text/csv"})
    return status, text.splitlines()[1:] if status == 200 else text


def test_a_running_server_keeps_its_build_while_other_commands_rebuild(tmp_path, run):
    data = tmp_path / "mine"
    data.mkdir()
    (data / "edit.trig").write_text(BODY.format(label="First label"), encoding="utf-8")
    server = Server(tmp_path, "--data", str(data), "--timeout", "2", "--workers", "1",
                    env=dict(os.environ))
    try:
        assert _label(server) == (200, ["First label"])
        first = sorted(p.name for p in (Path(os.environ["KG_CACHE_DIR"]) / "stores").iterdir() if p.is_dir())
        (data / "edit.trig").write_text(BODY.format(label="Second label, longer"), encoding="utf-8")
        r = run("show", "ag:edited-body", "--data", str(data))  # rebuilds, and sweeps what it may
        assert r.returncode == 0 and "Second label, longer" in r.stdout
        assert _label(server) == (200, ["First label"])  # its own build, still there
        # a worker replaced after a time-out re-opens the same build (it answered 500 ever after)
        status, _, _ = request(f"{server.endpoint}?{urllib.parse.urlencode({'query': SLOW})}")
        assert status == 503
        time.sleep(1.5)
        assert _label(server) == (200, ["First label"])
    finally:
        server.close()
    # once no process holds the old build, the next build sweeps it
    (data / "edit.trig").write_text(BODY.format(label="Third"), encoding="utf-8")
    assert run("show", "ag:edited-body", "--data", str(data)).returncode == 0
    left = sorted(p.name for p in (Path(os.environ["KG_CACHE_DIR"]) / "stores").iterdir() if p.is_dir())
    assert set(first) - set(left)  # the first build is gone


@pytest.fixture(scope="module")
def crowd_server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("crowd"), "--timeout", "10", "--workers", "2")
    yield s
    s.close()


def test_a_burst_of_200_clients_is_answered_every_one(crowd_server):
    query = urllib.parse.urlencode({"query": "ASK { ?s a rip:Project }"})

    def one(_):
        try:
            return request(f"{crowd_server.endpoint}?{query}")[0]
        except OSError as e:
            return type(e).__name__

    with ThreadPoolExecutor(200) as pool:
        statuses = list(pool.map(one, range(200)))
    assert all(s in (200, 503) for s in statuses), statuses
    assert statuses.count(200) >= 150


def test_idle_connections_get_a_503_past_the_cap_and_the_server_still_answers(crowd_server):
    from kg.serve.http import MAX_CONNECTIONS

    host, port = urllib.parse.urlsplit(crowd_server.url).hostname, urllib.parse.urlsplit(crowd_server.url).port
    idle = [socket.create_connection((host, port), timeout=10) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.5)
        extra = socket.create_connection((host, port), timeout=10)
        answer = extra.recv(200).decode()
        extra.close()
        assert answer.startswith("HTTP/1.1 503 Service Unavailable\r\n") and "Retry-After: " in answer
    finally:
        for s in idle:
            s.close()
    time.sleep(0.5)
    assert request(f"{crowd_server.endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}")[0] == 200


ILL = """@prefix rip: <https://w3id.org/rip-kg/def#> . @prefix in: <https://w3id.org/rip-kg/id/initiative/> .
@prefix src: <https://w3id.org/rip-kg/id/source/> . @prefix cl: <https://w3id.org/rip-kg/id/claim/> .
@prefix gr: <https://w3id.org/rip-kg/graph/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
src:ill a rip:Source ; dcterms:title "Ill-typed numbers" ; dcterms:language "en" ; rip:machineTranslated false .
gr:ill prov:wasDerivedFrom src:ill .
GRAPH gr:ill {
  cl:ill-1 a rip:QuantityClaim ; rip:about in:emobility-laser ; rip:claimProperty rip:totalCost ;
      schema:value "1.2.3"^^xsd:decimal ; schema:currency "KRW" ; rip:quote "1.2.3 won" .
  cl:ill-2 a rip:QuantityClaim ; rip:about in:emobility-laser ; rip:claimProperty rip:taskCount ;
      schema:value "abc"^^xsd:integer ; rip:quote "abc tasks" .
}
"""


def test_ill_typed_numbers_are_shown_as_written_and_reported(tmp_path, run):
    d = tmp_path / "ill"
    d.mkdir()
    (d / "ill.trig").write_text(ILL, encoding="utf-8")
    for args in (["who-leads", "E-Mobility laser"], ["show", "E-Mobility laser"], ["leads", "ag:kimm-busan-center"],
                 ["viz", "-o", str(tmp_path / "v.html"), "--focus", "E-Mobility laser"]):
        r = run(*args, "--data", str(d))
        assert r.returncode == 0 and "Traceback" not in r.stderr, (args, r.stderr[-500:])
    assert "  total cost: 1.2.3 KRW\n    src:ill: \"1.2.3 won\"" in run("show", "E-Mobility laser", "--data", str(d)).stdout
    r = run("serve", "--get", "/entity/in:emobility-laser", "--data", str(d))
    assert r.returncode == 0 and "1.2.3" in r.stdout
    r = run("validate", "--data", str(d))
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr == ""
    assert "VIOLATION datatype  cl:ill-1 (cl:ill-1) [gr:ill]\n          schema:value '1.2.3' is not an xsd:decimal" in r.stdout
    assert "schema:value 'abc' is not an xsd:integer" in r.stdout


def _workers_of(pid):
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if (p / "cmdline").read_bytes().find(b"spawn_main") >= 0 and \
                        int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(p.name))
            except (OSError, ValueError):
                pass
    return out


def test_workers_die_with_a_killed_server(tmp_path):
    server = Server(tmp_path, "--timeout", "60", "--workers", "2")
    workers = _workers_of(server.proc.pid)
    assert len(workers) == 2
    threading.Thread(target=lambda: _quiet(request, f"{server.endpoint}?{urllib.parse.urlencode({'query': SLOW})}"),
                     daemon=True).start()
    time.sleep(1)  # a worker is mid-query now
    server.proc.kill()
    server.proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and
                                              "Z" not in Path(f"/proc/{w}/stat").read_text().split(")")[1][:3]
                                              for w in workers):
        time.sleep(0.1)
    assert [w for w in workers if Path(f"/proc/{w}").exists() and
            "Z" not in Path(f"/proc/{w}/stat").read_text().split(")")[1][:3]] == []
    server.log.close()


def _quiet(f, *args):
    try:
        f(*args)
    except OSError:
        pass


def test_kg_sparql_stops_a_query_at_its_time_limit(run):
    started = time.monotonic()
    r = run("sparql", "--timeout", "1", SLOW)
    assert time.monotonic() - started < 20
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == "Error: the query ran past the time limit of 1 s and was stopped (kg sparql --timeout)\n"


def test_ctrl_c_stops_kg_sparql(tmp_path):
    proc = subprocess.Popen([kg_bin(), "sparql", SLOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert (proc.returncode, out, err) == (130, "", "Interrupted.\n")


def test_a_damaged_store_is_rebuilt_and_leftovers_of_killed_builds_are_swept(tmp_path):
    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path / "cache"))
    code = "import kg; g = kg.open_graph(); print(g.path); print(*g.warnings, sep='\\n')"
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    store = Path(first.stdout.splitlines()[0])
    stores = store.parent
    (store / "CURRENT").unlink()  # RocksDB cannot open it now
    leftover = stores / f".{store.name}.tmp-999999999"  # a build killed midway, its process long gone
    leftover.mkdir()
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"the store at {store} was damaged (it could not be opened" in second.stdout and "rebuilding it" in second.stdout
    assert kg.who_leads("E-Mobility laser", graph=kg.open_graph())["leaders"]  # and it answers
    # a later rebuild (new data) sweeps the leftover
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "x.trig").write_text(BODY.format(label="More"), encoding="utf-8")
    third = subprocess.run([sys.executable, "-c", code.replace("open_graph()", f"open_graph([{str(tmp_path / 'more')!r}])")],
                           capture_output=True, text=True, env=env, timeout=300)
    assert third.returncode == 0, third.stderr
    assert not leftover.exists()


def test_a_crafted_pointer_is_never_used_as_a_path(tmp_path):
    """The last-good pointer names a store; one that names anything else is ignored (a crafted one
    deleted a directory outside the cache)."""
    from kg.graph import cache, files

    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path / "cache"))
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.ttl").write_text("<a> <b> .\n")
    code = (f"import os, kg; from kg.graph import cache; from pathlib import Path\n"
            f"stores = Path(os.environ['KG_CACHE_DIR']) / 'stores'; stores.mkdir(parents=True, exist_ok=True)\n"
            f"cache.last_good_pointer(stores, [{str(broken)!r}]).write_text('../../victim')\n"
            f"try:\n    kg.open_graph([{str(broken)!r}])\nexcept kg.KGError as e:\n    print('refused:', e)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("refused: ") and "bad.ttl, line 1" in r.stdout
    assert (victim / "keep.txt").read_text() == "mine"
    assert cache.read_pointer(tmp_path / "nothing") == "" and files.cache_dir()


def test_malformed_ids_and_graph_iris_get_a_message(run):
    r = run("show", 'ag:a"b')
    assert (r.returncode, r.stderr.splitlines()[0]) == (1, "Error: no entity matches 'ag:a\"b'")
    r = run("serve", "--get", "/entity/ag:a%22b", "-i")
    assert r.stdout.startswith("HTTP/1.1 404 Not Found\n")
    r = run("serve", "--get", "/sparql?query=ASK%7B%7D&default-graph-uri=bad%20iri", "-i")
    assert r.stdout.startswith("HTTP/1.1 400 Bad Request\n")
    assert r.stdout.endswith("\n\nError: not an IRI: 'bad iri' (Invalid IRI code point ' ')\n")


def test_the_service_description_never_echoes_a_hostile_host():
    from kg.serve.app import App

    app = App(kg.open_graph(), None)
    hostile = app("GET", "/sparql", {"Host": 'x"> . <urn:evil> a <urn:Thing', "Accept": "text/turtle"}).body.decode()
    assert "evil" not in hostile and "<http://127.0.0.1/sparql> a sd:Service" in hostile
    named = app("GET", "/sparql", {"Host": "kg.example.org:8080", "Accept": "text/turtle"}).body.decode()
    assert "<http://kg.example.org:8080/sparql> a sd:Service" in named


def test_answers_say_nosniff(crowd_server):
    _, headers, _ = request(crowd_server.url + "/")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_escape_sequences_in_labels_never_reach_the_terminal(tmp_path, run):
    d = tmp_path / "esc"
    d.mkdir()
    (d / "e.ttl").write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> . '
                             '@prefix ag: <https://w3id.org/rip-kg/id/agent/> .\n'
                             'ag:esc skos:prefLabel "Escape \\u001b]0;pwned\\u0007 Body"@en .\n', encoding="utf-8")
    for args in (["show", "ag:esc"], ["search", "escape body"], ["sparql", "SELECT ?l WHERE { ag:esc skos:prefLabel ?l }"]):
        r = run(*args, "--data", str(d))
        assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout, args
        assert "Escape \ufffd]0;pwned\ufffd Body" in r.stdout, args
    r = run("show", "ag:esc", "--data", str(d), "--format", "json")  # JSON keeps the data as it is, escaped
    assert '"label": "Escape \\u001b]0;pwned\\u0007 Body"' in r.stdout


def test_user_data_cannot_write_into_the_graphs_kg_builds(tmp_path, run):
    d = tmp_path / "reserved"
    d.mkdir()
    (d / "r.trig").write_text("@prefix gr: <https://w3id.org/rip-kg/graph/> . @prefix ag: <https://w3id.org/rip-kg/id/agent/> .\n"
                              "@prefix rip: <https://w3id.org/rip-kg/def#> .\n"
                              'GRAPH gr:index { ag:busan-city rip:nameKey "mars" . }\n', encoding="utf-8")
    r = run("validate", "--data", str(d))
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == (f"Error: {d / 'r.trig'}: writes into <https://w3id.org/rip-kg/graph/index>, a graph kg builds "
                        "itself (the name index, the derived shortcuts, the ontology): use a graph of your own\n")


def test_a_name_too_long_to_be_one_is_refused_quickly(run):
    long = " ".join(["technoprak"] * 300)  # a page of typos: a minute of CPU on a large graph
    started = time.monotonic()
    r = run("search", long)
    assert time.monotonic() - started < 30
    assert (r.returncode, r.stderr) == (1, "Error: a name of 3,299 characters: kg looks up names of 300 at most\n")
    r = run("serve", "--get", "/search?" + urllib.parse.urlencode({"q": long}), "-i")
    assert r.stdout.startswith("HTTP/1.1 400 Bad Request\n")


def test_data_files_as_people_save_them(tmp_path, run):
    """An upper-case suffix is read, a UTF-8 byte-order mark is dropped, and RDF in a syntax kg does not
    read is named (all three were skipped or refused in silence)."""
    d = tmp_path / "saved"
    d.mkdir()
    (d / "UPPER.TTL").write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                                 '<https://w3id.org/rip-kg/id/agent/upper> skos:prefLabel "Upper Body"@en .\n')
    (d / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                                '<https://w3id.org/rip-kg/id/agent/bom> skos:prefLabel "Bom Body"@en .\n'.encode())
    assert run("search", "Upper Body", "--data", str(d)).stdout.startswith("1.00  Upper Body [] (ag:upper)")
    assert run("search", "Bom Body", "--data", str(d)).stdout.startswith("1.00  Bom Body [] (ag:bom)")
    (d / "old.rdf").write_text("<rdf:RDF/>")
    r = run("search", "Bom Body", "--data", str(d))
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr == (f"Error: {d / 'old.rdf'}: RDF/XML is not read by kg: convert it to Turtle or TriG "
                        "(.ttl, .trig; also .nt, .nq), e.g. with rdflib or riot\n")


def test_a_parse_error_names_its_column(tmp_path, run):
    d = tmp_path / "col"
    d.mkdir()
    (d / "x.ttl").write_text("<http://a/x> <http://a/p> zz:y .\n")
    r = run("validate", "--data", str(d))
    assert r.returncode == 1 and f"Error: {d / 'x.ttl'}, line 1: column 27: " in r.stderr, r.stderr


def test_bench_generate_help_is_a_usage_line():
    r = subprocess.run([sys.executable, str(Path(__file__).parent.parent / "bench" / "generate.py"), "--help"],
                       capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (1, "usage: python bench/generate.py TRIPLES DIRECTORY [--seed N]   "
                                           "(a synthetic registry of about TRIPLES triples)\n")


def test_an_edit_that_keeps_size_and_modification_time_is_seen(tmp_path, run):
    d = tmp_path / "same"
    d.mkdir()
    f = d / "x.ttl"
    body = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://w3id.org/rip-kg/id/agent/s> skos:prefLabel "{}"@en .\n'
    f.write_text(body.format("Alpha Body"))
    assert "Alpha Body" in run("show", "ag:s", "--data", str(d)).stdout
    st = f.stat()
    f.write_text(body.format("Omega Body"))  # as long, and its modification time put back
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    assert "Omega Body" in run("show", "ag:s", "--data", str(d)).stdout


def test_a_page_past_the_time_limit_is_stopped_and_the_server_answers_on(tmp_path):
    """Pages are rendered by the workers, under the time limit: a first network view (networkx and
    pyvis loaded, a layout drawn) takes far longer than 0.1 s; it is stopped, and the next pages come."""
    server = Server(tmp_path, "--timeout", "0.1", "--workers", "1")
    try:
        time.sleep(2)  # the worker up
        status, _, text = request(server.url + "/entity/ag:busan-city/view?depth=3")
        assert status == 503
        assert text == "Error: the page took longer than the time limit of 0.1 s and was stopped (kg serve --timeout)\n"
        deadline = time.monotonic() + 30
        while True:  # its worker is replaced; a quick page is answered again
            status, _, text = request(server.url + "/search?q=")
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert status == 200 and "Type a name" in text
    finally:
        server.close()


def test_the_view_page_runs_its_own_scripts_only(tmp_path, run):
    import base64
    import hashlib
    import re

    out = tmp_path / "v.html"
    assert run("viz", "-o", str(out), "--focus", "Busan Technopark").returncode == 0
    page = out.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    allowed = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert len(scripts) == 2 and "'unsafe-inline'" not in allowed
    assert allowed == [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


BIG_SORT = "SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?r } ORDER BY ?a ?b LIMIT 5"  # 5,800^2 rows to sort


def test_a_command_past_the_memory_limit_is_stopped_with_a_message(run):
    r = run("sparql", BIG_SORT, env={"KG_MAX_MEMORY": "250"})
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr.startswith("Error: kg grew to ") and "past its limit of 250 MB, and was stopped" in r.stderr


def test_a_worker_past_its_memory_share_is_stopped_and_the_server_answers_on(tmp_path):
    server = Server(tmp_path, "--workers", "1", "--timeout", "60", env=dict(os.environ, KG_MAX_MEMORY="500"))
    try:  # one worker: a share of 500 / 2 MB
        status, _, text = request(f"{server.endpoint}?{urllib.parse.urlencode({'query': BIG_SORT})}")
        assert status == 503 and "past the server's limit of 250 MB, and was stopped" in text, text
        time.sleep(1.5)
        assert request(f"{server.endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}")[0] == 200
    finally:
        server.close()


def test_two_processes_build_the_same_data_once(tmp_path):
    d = tmp_path / "twice"
    d.mkdir()
    (d / "x.ttl").write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                             '<https://w3id.org/rip-kg/id/agent/twice> skos:prefLabel "Twice Body"@en .\n')
    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path / "cache"))
    code = (f"import kg; g = kg.open_graph([{str(d)!r}], progress=lambda m: ' s  built ' in m and print(m)); "
            "print(kg.search('Twice Body', graph=g)[0]['id'])")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all(out.endswith("ag:twice\n") for out, _ in outs)
    assert sum(out.count(" s  built ") for out, _ in outs) == 1  # the second waited, then opened the first's


def test_a_connection_without_a_thread_is_refused_and_counted_out(monkeypatch):
    from kg.serve import http as kg_http
    from kg.serve.response import Response

    server = kg_http.make_http_server(lambda *a: Response(200, "ok\n"), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    real_start, failures = threading.Thread.start, [3]

    def start(self):
        if self.name.startswith("Thread-") and failures[0] > 0 and "process_request" in repr(self._target):
            failures[0] -= 1
            raise RuntimeError("can't start new thread")
        return real_start(self)

    try:
        monkeypatch.setattr(threading.Thread, "start", start)
        for _ in range(3):
            assert request(url)[0] == 503  # refused at once, with its reason
        monkeypatch.setattr(threading.Thread, "start", real_start)
        assert request(url)[0] == 200
        deadline = time.monotonic() + 5
        while server._active and time.monotonic() < deadline:  # the last one counted out as its thread ends
            time.sleep(0.05)
        assert server._active == 0
    finally:
        server.shutdown()
        server.server_close()


def test_the_pool_recovers_from_a_failed_respawn(monkeypatch):
    from kg.serve.workers import Pool

    graph = kg.open_graph()
    pool = Pool(graph.path, size=1, timeout=1)
    real, failures = pool._spawn, [2]

    def spawn():
        if failures[0]:
            failures[0] -= 1
            raise OSError(24, "Too many open files")
        return real()

    try:
        monkeypatch.setattr(pool, "_spawn", spawn)
        with pytest.raises(kg.KGError, match="time limit"):
            pool.run({"query": SLOW, "default_graphs": None, "named_graphs": None, "format": ("json", "ttl")})
        deadline = time.monotonic() + 30
        while True:
            try:
                kind, fmt, body = pool.run({"query": "ASK {}", "default_graphs": None, "named_graphs": None,
                                            "format": ("json", "ttl")})
                break
            except kg.KGError:
                assert time.monotonic() < deadline, "the pool never got its worker back"
        assert (kind, fmt) == ("ask", "json") and b'"boolean": true' in body
    finally:
        pool.close()
