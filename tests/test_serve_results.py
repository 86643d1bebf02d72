"""`kg serve` writes results with pyoxigraph's own serialisers and counts their rows in the bytes: the
answers are the embedded store's (parsed back, solution for solution), the row cap holds exactly in
every format (max-rows rows answered, one more refused) however many braces or line breaks the values
hold, and the byte cap still stops a result in the worker."""
import csv
import io
import urllib.parse

import pyoxigraph as ox
import pytest
from test_serve import Server, request

import kg
from kg.library import catalogue
from kg.serve import protocol, workers

CAP = 60  # above the largest example answer (hangul_names, 55 rows)
FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
           "tsv": "text/tab-separated-values"}
PARSE = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve-results"), "--timeout", "5", "--max-rows", str(CAP), "--workers", "1")
    yield s
    s.close()


def values_query(n):
    """N rows, each value full of what a row count in the bytes could mistake for rows: braces (JSON),
    line breaks (CSV, TSV), quotes and "<result>" (XML). Worked out by construction: N rows."""
    lits = " ".join(f'("{{}},{{}}{{ {i}\\r\\n\\"x\\"\\n<result>" {i})' for i in range(n))
    return f"SELECT ?s ?i WHERE {{ VALUES (?s ?i) {{ {lits} }} }}"


def ask(server, query, fmt):
    return request(f"{server.endpoint}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": FORMATS[fmt]})


def rows_of(text, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))[1:]
    return list(ox.parse_query_results(text.encode(), format=PARSE[fmt]))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_row_cap_is_exact_in_every_format(capped, fmt):
    status, _, text = ask(capped, values_query(CAP), fmt)
    assert status == 200, text
    rows = rows_of(text, fmt)
    assert len(rows) == CAP
    if fmt != "csv":  # the values come back whole: line breaks, quotes, braces
        assert rows[7]["s"].value == "{},{}{ 7\r\n\"x\"\n<result>" and rows[7]["i"].value == "7"
    else:
        assert rows[7] == ["{},{}{ 7\r\n\"x\"\n<result>", "7"]
    status, _, text = ask(capped, values_query(CAP + 1), fmt)
    assert status == 400 and f"more than {CAP} rows" in text


def test_empty_and_unbound_rows_count(capped):
    # a row with nothing bound is still a row: {} in JSON, an empty line in CSV
    q = "SELECT ?x WHERE { VALUES ?y { " + " ".join(str(i) for i in range(CAP)) + " } }"
    for fmt in FORMATS:
        status, _, text = ask(capped, q, fmt)
        assert status == 200 and len(rows_of(text, fmt)) == CAP
    q = "SELECT ?x WHERE { VALUES ?y { " + " ".join(str(i) for i in range(CAP + 1)) + " } }"
    assert all(ask(capped, q, fmt)[0] == 400 for fmt in FORMATS)


def test_library_answers_are_the_embedded_stores(capped):
    """Each example query over HTTP, parsed back, gives the rows the embedded store gives in process."""
    graph = kg.open_graph()
    for item in catalogue():
        status, _, text = ask(capped, item["text"], "json")
        assert status == 200, (item["name"], text)
        served = ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.JSON)
        local = graph.query(item["text"], user=True)
        names = [v.value for v in local.variables]
        assert [v.value for v in served.variables] == names
        assert [[s[n] for n in names] for s in served] == [[s[n] for n in names] for s in local], item["name"]


def test_byte_cap_stops_the_serialiser(graph, monkeypatch):
    monkeypatch.setattr(workers, "MAX_BYTES", 2000)
    request = protocol.parse("GET", urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 30"}), None, b"")
    with pytest.raises(kg.KGError, match="the result is over"):
        workers.answer(graph, request, 100_000)
    small = protocol.parse("GET", urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}), None, b"")
    kind, fmt, body = workers.answer(graph, small, 100_000)
    assert (kind, fmt) == ("select", "json") and len(list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))) == 2


def test_a_result_larger_than_the_socket_takes_arrives_whole_to_a_slow_reader(capped):
    """The worker writes what the connection takes at once and hands the rest back to the server: a
    client that reads late still gets every byte, in order, and its connection goes on."""
    import http.client
    import time

    n, pad = CAP, "x" * 200_000  # 60 rows of 200 KB: 12 MB, far more than a loopback socket buffers
    query = f'SELECT ?i ?x WHERE {{ VALUES ?i {{ {" ".join(str(i) for i in range(n))} }} BIND(CONCAT(STR(?i), "{pad}") AS ?x) }}'
    host, port = capped.url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/tab-separated-values"})
    time.sleep(1.0)  # reading nothing meanwhile
    r = conn.getresponse()
    body = r.read()
    assert r.status == 200 and int(r.getheader("Content-Length")) == len(body) > 12_000_000
    rows = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV))
    assert [int(row["i"].value) for row in rows] == list(range(n))
    assert all(row["x"].value == f"{i}{pad}" for i, row in enumerate(rows))
    # the same connection answers on: a result, a refusal (written by the server), a result
    for query, status in (("ASK {}", 200), (values_query(CAP + 1), 400), (values_query(3), 200)):
        conn.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                     {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
        r = conn.getresponse()
        text = r.read().decode()
        assert r.status == status, text
    assert len(rows_of(text, "csv")) == 3
    conn.close()


def test_head_of_a_query_has_the_length_of_its_get(capped):
    import http.client

    host, port = capped.url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    path = "/sparql?" + urllib.parse.urlencode({"query": values_query(5)})
    conn.request("GET", path, headers={"Accept": "text/csv"})
    r = conn.getresponse()
    body = r.read()
    conn.request("HEAD", path, headers={"Accept": "text/csv"})
    h = conn.getresponse()
    assert h.read() == b"" and h.status == 200 and h.getheader("Content-Length") == str(len(body))
    assert h.getheader("Content-Type") == r.getheader("Content-Type") == "text/csv; charset=utf-8"
    conn.close()
