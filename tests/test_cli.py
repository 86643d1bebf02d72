"""The installed `kg` command, run from an unrelated directory, as users run it."""
import json

import pytest
from pathlib import Path


def test_who_leads_exact_output(run):
    r = run("who-leads", "E-Mobility laser")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (
        "Advancement of E-Mobility Laser Application Technology Manufacturing Equipment Base Project / 이(E)-모빌리티 레이저 활용기술 제조장비 기반 고도화 사업 [Project] (in:emobility-laser)\n"
        "  total cost: 15,600,000,000 KRW (15.6 billion KRW) [preferred: only 15.6 bn makes the five projects sum to the stated total of 45.43 bn KRW]\n"
        "    src:000: \"Advancement of E-Mobility Laser Application Technology Manufacturing Equipment Base Project (2024-2028, 15.6 billion KRW)\"\n"
        "  total cost: 15,600,000,000 KRW (156억 원) [preferred: only 156억 makes the five projects sum to the stated total of 454억 3천만 원]\n"
        "    src:010: \"▲이(E)-모빌리티 레이저 활용기술 제조장비 기반 고도화 사업(’24 부터 ’28, 156억 원)\"\n"
        "  total cost: 17,000,000,000 KRW (17 billion KRW) [deprecated: probably a copy of the Root-industry platform's 17 bn; contradicts the itemised list and the 45.43 bn total]\n"
        "    src:000: \"Over five years until 2028, 17 billion KRW will be invested in the 'Advancement of E-Mobility Laser Application Technology\"\n"
        "  total cost: 17,000,000,000 KRW (170억 원) [deprecated: the root-industry platform's 170억 again; contradicts the release's own list and its 454억 3천만 원 total]\n"
        "    src:010: \"오는 2028년까지 5년간 사업비 170억 원을 투입해 '이(E)-모빌리티 레이저 활용기술 제조장비 기반 고도화 사업'을 추진한다\"\n"
        "- Korea Institute of Machinery and Materials Busan Machinery Technology Research Center (ag:kimm-busan-center) leads it, 2024-2028\n"
        "    source src:000 (The Asia Business Daily, not dated in the text; its 'this year' is 2024 (the projects run 2024-2028))\n"
        "      \"Led by the Korea Institute of Machinery and Materials Busan Machinery Technology Research Center, the project will develop manufacturing technologies\"\n"
    )


def test_who_leads_json(run):
    r = run("who-leads", "Busan Growth Strategy TF", "--format", "json")
    assert r.returncode == 0, r.stderr
    [leader] = json.loads(r.stdout)["leaders"]
    assert leader["agent"]["id"] == "ag:vice-mayor-admin-affairs" and leader["period"] == "September (year not stated)"


def test_unknown_name_exit_1_with_message_and_candidates(run):
    r = run("who-leads", "Busan Technopak")
    assert r.returncode == 0  # a near miss resolves
    r = run("show", "zzzz qqqq")
    assert r.returncode == 1
    assert r.stderr.startswith("Error: no entity matches 'zzzz qqqq'")
    assert "Traceback" not in r.stderr


def test_ambiguous_exit_3_lists_candidates(run):
    r = run("who-leads", "technopark")
    assert r.returncode == 3
    assert "Candidates:" in r.stderr and "Busan Technopark" in r.stderr and "Jeonbuk Technopark" in r.stderr


def test_usage_error_exit_2(run):
    assert run("who-leads").returncode == 2
    assert run("leads", "  ").returncode == 2
    assert run("sparql", "SELECT 1", "--format", "bogus").returncode == 2


def test_hostile_strings_are_data_not_code(run):
    for text in ["<script>alert(1)</script>", "\" } ; DROP ALL ; #", "' UNION SELECT * WHERE { ?s ?p ?o } #", "a" * 5000, "부산 <b>"]:
        r = run("who-leads", text)
        assert r.returncode == 1 and "Traceback" not in r.stderr, (text, r.stderr)


def test_sparql_formats(run, tmp_path):
    q = "SELECT DISTINCT ?n WHERE { ?c rip:about in:iug-plan-1 ; rip:claimProperty rip:taskCount ; schema:value ?n }"  # 002, 012
    assert run("sparql", q, "--format", "csv").stdout == "n\n20\n"  # CRLF, read back in text mode
    assert run("sparql", q, "--format", "tsv").stdout == "?n\n20\n"
    doc = json.loads(run("sparql", q, "--format", "json").stdout)
    assert doc["results"]["bindings"] == [{"n": {"type": "literal", "value": "20", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    (tmp_path / "q.rq").write_text("ASK { GRAPH gr:004 { ?s a rip:MemorandumOfUnderstanding } }")
    assert run("sparql", "@q.rq").stdout == "true\n"
    assert run("sparql", "-", input="ASK { ?s a rip:Nothing }").stdout == "false\n"
    ttl = run("sparql", "CONSTRUCT { ?s a rip:Plan } WHERE { ?s a rip:Plan }").stdout
    assert "in:iug-plan-1 a rip:Plan" in ttl


def test_sparql_refuses_service_and_updates_and_reports_malformed(run):
    r = run("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert r.returncode == 1 and "SERVICE is refused" in r.stderr
    r = run("sparql", "DELETE WHERE { ?s ?p ?o }")
    assert r.returncode == 1 and "refused" in r.stderr
    r = run("sparql", "SELECT * WHERE { ?s ?p")
    assert r.returncode == 1 and r.stderr.startswith("Error: malformed SPARQL at line 1, column") and "Traceback" not in r.stderr
    assert run("sparql", "@/nonexistent.rq").returncode == 2


def test_export_formats_keep_named_graphs(run):
    nq = run("export", "--format", "nq").stdout
    assert "<https://w3id.org/rip-kg/graph/004>" in nq and "graph/index>" not in nq
    assert json.loads(run("export", "--format", "jsonld").stdout)


def test_broken_data_file_names_file_and_line_and_keeps_last_good(run, tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    good = d / "extra.ttl"
    good.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                    '<https://w3id.org/rip-kg/id/agent/x> skos:prefLabel "Extra Body"@en .\n')
    assert run("show", "Extra Body", "--data", str(d)).returncode == 0
    good.write_text('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                    '<https://w3id.org/rip-kg/id/agent/x> skos:prefLabel "Extra Body"@en ;\n'
                    '  zz:broken "x" .\n')
    r = run("validate", "--data", str(d))
    assert r.returncode == 1
    assert f"{good}, line 3" in r.stderr and "zz" in r.stderr and "Traceback" not in r.stderr
    r = run("show", "Extra Body", "--data", str(d))  # the previous build still answers, with a warning
    assert r.returncode == 1 and "last good build" in r.stderr and "Extra Body" in r.stdout
    r = run("show", "Extra Body", "--data", str(d), "--stale-ok")  # and exit 0 when asked
    assert r.returncode == 0 and "last good build" in r.stderr and "Extra Body" in r.stdout
    r = run("search", "Extra Body", "--data", str(d))  # the click commands the same
    assert r.returncode == 1 and "Extra Body" in r.stdout


def test_data_env_variable_adds_user_data(run, tmp_path):
    d = tmp_path / "env"
    d.mkdir()
    (d / "x.ttl").write_text('<https://w3id.org/rip-kg/id/agent/y> <http://www.w3.org/2004/02/skos/core#prefLabel> "Env Body"@en .\n')
    assert run("search", "Env Body", env={"KG_DATA": str(d)}).returncode == 0


def test_the_store_opened_ahead_is_used_only_for_the_data_it_was_opened_for(tmp_path):
    """The kg command opens the store in a thread from a guess of --data (kg.cli.launch, kg.graph.ahead); the parsed
    command must get the store of its own data whatever the guess was."""
    import threading

    import kg
    from kg.graph import ahead as launch

    d = tmp_path / "mine"
    d.mkdir()
    (d / "x.ttl").write_text('<https://w3id.org/rip-kg/id/agent/z> <http://www.w3.org/2004/02/skos/core#prefLabel> "Ahead Body"@en .\n')
    kg.open_graph([d])  # both built, so the thread can open them
    kg.open_graph()

    def ahead(dirs):
        launch._ahead["stores"].clear()
        launch._ahead["thread"] = threading.Thread(target=launch._open_ahead, args=(dirs,))
        launch._ahead["thread"].start()
        launch._ahead["thread"].join()
        return dict(launch._ahead["stores"])

    try:
        opened = ahead([str(d)])  # a right guess: the graph answers from the store the thread opened
        assert len(opened) == 1
        g = kg.open_graph([d])
        assert g.store is next(iter(opened.values())) and launch._ahead["stores"] == {}
        assert kg.search("Ahead Body", graph=g)[0]["label"] == "Ahead Body"
        opened = ahead([])  # a wrong guess (the shipped data only): it is not used for mine
        g = kg.open_graph([d])
        assert g.store is not next(iter(opened.values()))
        assert kg.search("Ahead Body", graph=g)[0]["label"] == "Ahead Body"
    finally:
        launch._ahead["thread"] = None
        launch._ahead["stores"].clear()


def test_show_lists_each_source_stating_a_name_and_a_source_without_publisher(run):
    restated = str(Path(__file__).parent / "data" / "restated")
    r = run("show", "Samsung Electronics", "--data", restated)
    assert r.returncode == 0, r.stderr
    assert "  prefLabel    삼성전자  (background)\n  prefLabel    Samsung Electronics  (src:restated)\n" in r.stdout
    assert r.stdout.rstrip().endswith("\n  src:restated: A source restating shipped facts")
    hostile = str(Path(__file__).parent / "data" / "hostile")
    r = run("who-leads", "in:evil", "--data", hostile)
    assert r.returncode == 0 and "\n    source src:evil\n" in r.stdout


# A plain lookup is answered without click (kg.cli.quick); "--" before the name sends the same command
# through click. Both must print the same bytes and exit the same way, answers and errors alike.
PLAIN_AND_CLICK = [
    ["who-leads", "E-Mobility laser"],
    ["who-leads", "{}", "--format", "json"],
    ["leads", "박형준"],
    ["leads", "{}", "--format=json"],
    ["show", "Digital Innovation Busan Special Committee"],
    ["show", "hyung-jun park"],
    ["who-leads", "technopark"],       # several candidates: exit 3, listed on stderr
    ["show", "zzzz qqqq"],             # nothing matches: exit 1
    ["who-leads", "{}", "--data", "{hostile}"],
]


@pytest.mark.parametrize("args", PLAIN_AND_CLICK, ids=lambda a: " ".join(a))
def test_plain_lookup_without_click_prints_what_click_prints(run, args):
    hostile = str(Path(__file__).parent / "data" / "hostile")
    name = "E-Mobility laser" if args[0] == "who-leads" else "박형준"
    args = [a.format(hostile=hostile) if a == "{hostile}" else (name if a == "{}" else a) for a in args]
    if "--data" in args and args[1] == name:
        args[1] = "</script><script>alert(2)</script> {{DATA}}"
    quick = run(*args)
    via_click = run(*args[:1], *args[2:], "--", args[1])
    assert (quick.returncode, quick.stdout, quick.stderr) == (via_click.returncode, via_click.stdout, via_click.stderr)
    assert quick.stdout or quick.returncode in (1, 3)  # an error: nothing matches (1), say which one (3)


def test_plain_lookup_does_not_import_click(tmp_path):
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['kg', 'who-leads', 'E-Mobility laser']\n"
            "from kg.cli.launch import main\nmain()\nprint('click' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("Advancement of E-Mobility Laser")
    assert r.stderr.strip() == "False"
