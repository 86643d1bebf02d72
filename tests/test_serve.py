"""`kg serve` as users use it: the installed command started on 127.0.0.1, then curl, SPARQLWrapper and
rdflib's SPARQLStore against it; refusals proven with a local listener that no request reaches; a
pathological query stopped at its time limit while another is answered. Expected answers are worked
out from the articles (000: KIMM's Busan center leads the E-Mobility laser project)."""
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import kg_bin, watch

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/rip-kg/id/"
LASER = ID + "initiative/emobility-laser"
KIMM_BUSAN = ID + "agent/kimm-busan-center"
WHO_LEADS_LASER = f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rip: <https://w3id.org/rip-kg/def#>
SELECT ?agent WHERE {{ ?r rip:target <{LASER}> ; prov:hadRole rip:role-lead ; prov:agent ?agent }}"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 5,800^4 rows


class Server:
    def __init__(self, tmp, *args, env=None):
        self.log = open(tmp / "serve.log", "w+")
        self.proc = subprocess.Popen([kg_bin(), "serve", "--port", "0", *args], stdout=self.log, stderr=self.log,
                                     cwd=tmp, env=env)
        deadline = time.monotonic() + 120
        while True:
            self.log.seek(0)
            text = self.log.read()
            if "kg serve: http://" in text:
                self.url = text.split("kg serve: ", 1)[1].split("/ ", 1)[0]
                break
            assert self.proc.poll() is None, f"kg serve stopped: {text}"
            assert time.monotonic() < deadline, f"kg serve did not start: {text}"
            time.sleep(0.1)
        self.endpoint = self.url + "/sparql"

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve"), "--timeout", "3", "--max-rows", "5000", "--workers", "2",
               "--data", str(DATA / "w3c"), "--data", str(DATA / "hostile"))
    yield s
    s.close()


def request(url, data=None, headers=None, method=None):
    """(status, headers, body text) of one HTTP request, sent with exactly these headers (urllib would
    add a form Content-Type to any body); error statuses are answers too."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(method or ("POST" if data is not None else "GET"),
                     parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=headers or {})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read().decode("utf-8")
    finally:
        conn.close()


def q(query, **params):
    return urllib.parse.urlencode({"query": query, **params})


# --- real clients ---------------------------------------------------------------------------------

def test_curl_gets_csv_and_posts_a_direct_query(server):
    r = subprocess.run(["curl", "-s", "-H", "Accept: text/csv", f"{server.endpoint}?{q(WHO_LEADS_LASER)}"],
                       capture_output=True, check=True)
    assert r.stdout.decode() == f"agent\r\n{KIMM_BUSAN}\r\n"  # bytes: CSV lines end in CRLF
    r = subprocess.run(["curl", "-s", "-X", "POST", "-H", "Content-Type: application/sparql-query",
                        "-H", "Accept: text/tab-separated-values", "--data-binary", WHO_LEADS_LASER, server.endpoint],
                       capture_output=True, text=True, check=True)
    assert r.stdout == f"?agent\n<{KIMM_BUSAN}>\n"


def test_sparqlwrapper_select_ask_construct(server):
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(server.endpoint)
    sw.setQuery(WHO_LEADS_LASER)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["agent"]["value"] for r in rows] == [KIMM_BUSAN]
    sw.setMethod(POST)
    sw.setReturnFormat(XML)
    sw.setQuery(f"ASK {{ <{KIMM_BUSAN}> ?p ?o }}")
    assert "<boolean>true</boolean>" in sw.query().convert().toxml()
    sw.setReturnFormat(TURTLE)
    sw.setQuery(WHO_LEADS_LASER.replace("SELECT ?agent", f"CONSTRUCT {{ ?agent <urn:leads> <{LASER}> }}"))
    import rdflib

    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert set(g) == {(rdflib.URIRef(KIMM_BUSAN), rdflib.URIRef("urn:leads"), rdflib.URIRef(LASER))}


def test_rdflib_sparqlstore(server):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(server.endpoint, returnFormat="json"))
    assert [str(r.agent) for r in g.query(WHO_LEADS_LASER)] == [KIMM_BUSAN]
    label = g.value(rdflib.URIRef(ID + "agent/busan-technopark"), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
    assert str(label) in ("Busan Technopark", "부산테크노파크")


# --- the protocol ---------------------------------------------------------------------------------

D = "http://kasei.us/2009/09/sparql/data/"


@pytest.mark.parametrize("case", [
    # (name, method, path query string, content type, body, accept) -> status and check; after the
    # query-side cases of the W3C SPARQL 1.1 Protocol tests (sparql/sparql11/protocol/manifest.ttl)
    ("query via GET", "GET", q("ASK {}", **{"default-graph-uri": D + "data0.rdf"}), None, None, None, 200, "true"),
    ("query via URL-encoded POST", "POST", urllib.parse.urlencode({"default-graph-uri": D + "data0.rdf"}),
     "application/x-www-form-urlencoded", q("ASK {}"), None, 200, "true"),
    ("query via POST directly", "POST", "", "application/sparql-query", "ASK {}", None, 200, "true"),
    ("GET with protocol-specified default graphs", "GET",
     q(f"ASK {{ <{D}data1.rdf> a ?type . <{D}data2.rdf> a ?type . }}") + "&" +
     urllib.parse.urlencode([("default-graph-uri", D + "data1.rdf"), ("default-graph-uri", D + "data2.rdf")]),
     None, None, None, 200, "true"),
    ("POST with protocol-specified named graphs", "POST",
     urllib.parse.urlencode([("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")]),
     "application/sparql-query",
     f"ASK {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}", None, 200, "true"),
    ("protocol dataset wins over FROM in the query", "POST",
     urllib.parse.urlencode([("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")]),
     "application/sparql-query",
     f"SELECT ?g FROM NAMED <{D}data3.rdf> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?g", "text/csv", 200,
     f"g\r\n{D}data1.rdf\r\n{D}data2.rdf\r\n"),
    ("default graph = data3 only, named = data1, data2", "POST",
     urllib.parse.urlencode([("default-graph-uri", D + "data3.rdf"), ("named-graph-uri", D + "data1.rdf"),
                             ("named-graph-uri", D + "data2.rdf")]), "application/sparql-query",
     "SELECT ?s WHERE { ?s ?p ?o }", "text/csv", 200, f"s\r\n{D}data3.rdf\r\n"),
    ("content type XML", "POST", "", "application/sparql-query", "ASK {}", "application/sparql-results+xml", 200,
     "<boolean>true</boolean>"),
    ("a method other than GET or POST", "PUT", q("ASK {}"), "application/x-www-form-urlencoded", "", None, 405, None),
    ("more than one query", "GET", q("ASK {}") + "&" + q("SELECT * {}"), None, None, None, 400, "exactly one"),
    ("POST of another media type", "POST", "", "text/plain", "ASK {}", None, 415, None),
    ("url-encoded body without its media type", "POST", "", None, q("ASK {}"), None, 415, None),
    ("direct POST in UTF-16", "POST", "", "application/sparql-query; charset=UTF-16", "ASK {}", None, 415, "UTF-8"),
    ("invalid query syntax", "GET", q("ASK {"), None, None, None, 400, "line 1, column"),
    ("update with GET", "GET", urllib.parse.urlencode({"update": "CLEAR ALL"}), None, None, None, 403, "read-only"),
], ids=lambda c: c[0])
def test_protocol_cases(server, case):
    name, method, qs, ctype, body, accept, status, check = case
    headers = {k: v for k, v in (("Content-Type", ctype), ("Accept", accept)) if v}
    data = None if body is None else (body.encode("utf-16") if "UTF-16" in (ctype or "") else body.encode())
    got, resp_headers, text = request(f"{server.endpoint}?{qs}" if qs else server.endpoint, data, headers, method)
    assert got == status, text
    if check:
        assert (text == check) if check.endswith("\r\n") else (check in text), text
    if status == 405:
        assert "GET" in resp_headers.get("Allow", "")


def test_content_negotiation_for_graphs_and_tables(server):
    construct = f"CONSTRUCT {{ <{KIMM_BUSAN}> <urn:leads> <{LASER}> }} WHERE {{}}"
    import rdflib

    expected = {(rdflib.URIRef(KIMM_BUSAN), rdflib.URIRef("urn:leads"), rdflib.URIRef(LASER))}
    for accept, ctype, parser in [("text/turtle", "text/turtle", "turtle"), ("application/n-triples", "application/n-triples", "nt"),
                                  ("application/ld+json", "application/ld+json", "json-ld"),
                                  ("application/rdf+xml", "application/rdf+xml", "xml")]:
        status, headers, text = request(f"{server.endpoint}?{q(construct)}", headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(ctype), (accept, text)
        assert set(rdflib.Graph().parse(data=text, format=parser)) == expected, (accept, text)
    status, headers, text = request(f"{server.endpoint}?{q(WHO_LEADS_LASER)}",
                                    headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert headers["Content-Type"].startswith("application/sparql-results+xml") and f"<uri>{KIMM_BUSAN}</uri>" in text
    status, headers, text = request(f"{server.endpoint}?{q(WHO_LEADS_LASER, format='tsv')}")
    assert text == f"?agent\n<{KIMM_BUSAN}>\n"


def test_service_description_and_cors(server):
    import rdflib

    status, headers, text = request(server.endpoint, headers={"Accept": "text/turtle", "Origin": "http://example.org"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    g = rdflib.Graph().parse(data=text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef(server.endpoint), SD.supportedLanguage, SD.SPARQL11Query) in g
    names = {str(o) for o in g.objects(None, SD.name)}
    # the five articles, background names, curation, ontology, the W3C graphs and the hostile one
    assert {ID.replace("id/", "graph/") + n for n in ("000", "001", "002", "003", "004")} <= names
    assert {D + "data1.rdf", D + "data2.rdf", D + "data3.rdf"} <= names
    status, headers, _ = request(server.endpoint, method="OPTIONS",
                                 headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]


# --- read-only and bounded ------------------------------------------------------------------------

def test_updates_load_and_service_are_refused_and_nothing_is_fetched(server, listener):
    url, hits = listener
    attempts = [
        ("POST", "", "application/sparql-update", f"LOAD <{url}data.ttl>"),
        ("POST", "", "application/x-www-form-urlencoded", urllib.parse.urlencode({"update": f"LOAD <{url}x>"})),
        ("POST", "", "application/sparql-query", f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"),
        ("GET", q(f"SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}"), None, None),
        ("GET", q(f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 # then LOAD <{url}>"), None, None),  # a comment: allowed
        ("POST", "", "application/sparql-query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ]
    statuses = []
    for method, qs, ctype, body in attempts:
        status, _, text = request(f"{server.endpoint}?{qs}" if qs else server.endpoint,
                                  body.encode() if body else None, {"Content-Type": ctype} if ctype else {}, method)
        statuses.append(status)
        assert "Traceback" not in text
    assert statuses == [403, 403, 403, 403, 200, 403]
    status, _, text = request(f"{server.endpoint}?{q('ASK { <urn:a> <urn:b> <urn:c> }')}")
    assert "false" in text  # the INSERT changed nothing
    assert hits == []  # no request ever left for the listener


def _children(pid):
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out |= {int(x) for x in (task / "children").read_text().split()}
        except FileNotFoundError:  # a request thread that ended meanwhile
            pass
    return out


def test_a_pathological_query_is_stopped_at_the_limit_while_others_are_answered(server):
    before = _children(server.proc.pid)
    done = {}

    def slow():
        done["slow"] = request(f"{server.endpoint}?{q(SLOW)}")
        done["slow_at"] = time.monotonic()

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.5)  # the slow query is in a worker now
    status, _, text = request(f"{server.endpoint}?{q(WHO_LEADS_LASER)}", headers={"Accept": "text/csv"})
    fast_at = time.monotonic()
    assert status == 200 and KIMM_BUSAN in text
    assert "slow" not in done  # answered while the slow one still ran
    t.join(timeout=60)
    status, _, text = done["slow"]
    assert status == 503 and "time limit of 3 s" in text
    assert done["slow_at"] > fast_at
    # the worker that ran it was killed (not left computing), and a new one answers
    deadline = time.monotonic() + 30
    while not (before - _children(server.proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed = before - _children(server.proc.pid)
    assert len(killed) == 1 and not Path(f"/proc/{killed.pop()}").exists()
    for _ in range(4):
        assert request(f"{server.endpoint}?{q('ASK {}')}")[0] == 200


def test_row_cap_and_request_size_cap(server):
    status, _, text = request(f"{server.endpoint}?{q('SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 5001')}")
    assert status == 400 and "more than 5,000 rows" in text and "LIMIT" in text
    status, _, text = request(f"{server.endpoint}?{q('SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 5000')}",
                              headers={"Accept": "text/csv"})
    assert status == 200 and text.count("\r\n") == 5001
    status, _, text = request(server.endpoint, ("query=" + "x" * 1_100_000).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded"}, "POST")
    assert status == 413


# --- kg serve --get -------------------------------------------------------------------------------

def test_serve_get_prints_one_response(run):
    r = run("serve", "--get", f"/sparql?{q(WHO_LEADS_LASER)}", "--accept", "text/csv", "-i")
    assert r.returncode == 0, r.stderr
    head, body = r.stdout.split("\n\n", 1)
    assert head.splitlines()[0] == "HTTP/1.1 200 OK" and "Content-Type: text/csv; charset=utf-8" in head
    assert body == f"agent\n{KIMM_BUSAN}\n"  # read as text: the CSV's CRLF arrives as \n
    r = run("serve", "--get", "/entity/ag:kimm-busan-center")
    assert r.returncode == 0 and "Led by the Korea Institute of Machinery and Materials Busan" in r.stdout
    r = run("serve", "--get", "/sparql?query=ASK%20%7B")
    assert r.returncode == 1 and "malformed SPARQL" in r.stdout and "Traceback" not in r.stderr
    r = run("serve", "--get", "/no/such/page")
    assert r.returncode == 1 and "Not found" in r.stdout
    r = run("serve", "--get", "sparql")
    assert r.returncode == 2


# --- the explorer, in Debian's chromium -------------------------------------------------------------

def open_explorer(browser, server):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    return page, watch(page, server.url + "/")


def test_explorer_home_search_entity_and_view(browser, server):
    page, problems = open_explorer(browser, server)
    page.goto(server.url + "/")
    # 209 entities (126 of the seeds and reports, 78 of 020-025, 5 of 010-013) + 2 of the hostile file; 16 sources
    assert "211 entities" in page.locator(".counts").inner_text() and "16 sources" in page.locator(".counts").inner_text()
    page.fill("input[name=q]", "부산테크노파크")
    page.click("header button")
    page.click("text=Busan Technopark")
    assert page.locator("h1").inner_text() == "Busan Technopark 부산테크노파크"
    relations = page.locator("table", has_text="quote").inner_text()
    assert "Busan Digital Economy Innovation Strategy 2030" in relations and "src:003" in relations
    assert "was established by Busan-related departments" in relations
    frame = page.frame_locator("iframe.view")
    frame.locator("#kg-count").wait_for()
    # it, the plan it drew up (003), and from 021 the roundtable it hosts, the project it implements, its president
    assert frame.locator("#kg-count").inner_text().startswith("5 entities, 4 relations")
    ARTIFACTS = Path(__file__).parent / "artifacts"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-entity.png"), full_page=True)
    assert problems == []
    page.close()


def test_explorer_query_page_runs_shares_and_downloads(browser, server):
    page, problems = open_explorer(browser, server)
    page.goto(server.url + "/query")
    examples = page.locator("main ul li a")
    assert examples.count() == 13  # kg/library
    page.fill("textarea[name=query]", WHO_LEADS_LASER)
    page.click("main form button")
    assert "query=" in page.url
    assert page.locator("table.results").inner_text() == "agent\nag:kimm-busan-center"
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # the URL re-runs the query
    page.click("table.results a")
    assert page.locator("h1").inner_text().startswith("Korea Institute of Machinery and Materials Busan")
    page.goto(shared)
    csv = page.locator("a", has_text="CSV").get_attribute("href")
    assert request(server.url + csv)[2] == f"agent\r\n{KIMM_BUSAN}\r\n"
    page.fill("textarea[name=query]", "SELECT * WHERE { ?s ?p }")
    page.click("main form button")
    assert "malformed SPARQL" in page.locator(".error").inner_text()
    page.goto(server.url + "/ontology")
    row = page.locator("tr", has_text="rip:Technopark").first.inner_text()
    assert "technopark" in row.lower() and len(row) > 40  # label and comment
    assert problems == []
    page.close()


def test_explorer_shows_hostile_text_as_text(browser, server):
    page, problems = open_explorer(browser, server)
    page.goto(server.url + "/entity/ag:evil")
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert(1)>"
    assert "<b onmouseover=alert(3)>bold</b>" in page.locator("main").inner_text()
    assert page.evaluate("document.querySelectorAll('main img, main b[onmouseover], [onerror]').length") == 0
    page.goto(server.url + "/search?" + urllib.parse.urlencode({"q": "<img src=x onerror=alert(1)>"}))
    assert "<img src=x onerror=alert(1)>" in page.locator("main ol").inner_text()
    page.goto(server.url + "/query?" + q("SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                                         "FILTER(CONTAINS(?l, 'script')) }"))
    assert "</script><script>alert(2)</script> {{DATA}}" in page.locator("table.results").inner_text()
    page.wait_for_timeout(300)
    assert problems == []  # no alert() ran
    page.close()
