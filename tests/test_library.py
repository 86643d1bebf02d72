"""The example query library, each query against answers worked out by hand from the articles."""
from importlib.resources import files

import pytest

import kg

LIB = files("kg.library")


def rows(graph, name):
    return kg.sparql(LIB.joinpath(f"{name}.rq").read_text(), graph=graph).to_python()


def test_every_query_has_a_comment_and_runs(graph):
    names = sorted(p.name for p in LIB.iterdir() if p.name.endswith(".rq"))
    assert len(names) >= 12
    for n in names:
        text = LIB.joinpath(n).read_text()
        assert text.startswith("# "), n
        rows(graph, n[:-3])


def test_budgets_by_plan(graph):
    # one row per source that states the total: 000 and its Korean release 010 both state 45.43 bn, 002 and
    # its Korean report 012 both state 1.0993 tn (1조 993억 원); 021 states the SME funds' 1.5 bn
    got = [(r["plan"].rsplit("/", 1)[-1], r["totalCost"], r["source"].rsplit("/", 1)[-1]) for r in rows(graph, "budgets_by_plan")]
    assert [r[1] for r in got] == sorted((r[1] for r in got), reverse=True)
    assert sorted(got) == [("busan-motie-contest-projects", 45_430_000_000, "000"),
                           ("busan-motie-contest-projects", 45_430_000_000, "010"),
                           ("busan-sme-development-funds", 1_500_000_000, "021"),
                           ("iug-plan-1", 1_099_300_000_000, "002"),
                           ("iug-plan-1", 1_099_300_000_000, "012")]


def test_projects_by_lead(graph):
    got = {(r["project"][:30], r["parentName"], r["role"]) for r in rows(graph, "projects_by_lead")}
    assert got == {
        ("Establishment of a BIZ Platfor", "Korea Institute of Industrial Technology", "leads"),
        ("Advancement of E-Mobility Lase", "Korea Institute of Machinery and Materials", "leads"),
        ("Establishment of a Technical S", "Korea Institute for Robot Convergence", "is the centre of"),
        ("North Jeolla smart manufacturi", None, "leads"),
        ("Manufacturing Industry Robot E", None, "implements"),  # src:020: Busan City implements it
        ("Crisis Response System for SME", None, "leads"),  # src:021: MSS and Busan City lead it
        ("Crisis Response System for SME", None, "implements"),  # src:021: Busan Technopark implements it
        ("Cooperative large and small bu", None, "leads"),  # src:025: organised by the Ministry of SMEs and Startups
        ("Cooperative large and small bu", None, "implements"),  # src:025: K-Biz and Samsung recruit for it
    }


def test_councils_and_chairs(graph):
    got = {(r["body"].rsplit("/", 1)[-1], r["leaderName"]) for r in rows(graph, "councils_and_chairs")}
    assert got == {("iug-council-meeting-1", "Park Heong-joon"), ("busan-growth-strategy-briefing", "Park Heong-joon"),
                   ("busan-growth-strategy-tf", "Vice Mayor for Administrative Affairs of Busan"),
                   ("digital-innovation-committee", "Park Heong-joon"),
                   ("busan-rise-alliance-launch", "Park Heong-joon"),  # src:022 "presided over by Mayor Park Hyung-jun"
                   ("eecm-50", "Park Heong-joon"),  # src:023 "presided over by Mayor Park"
                   ("busan-council-planning-finance-committee", "Seong Chang-yong"), ("central-rise-committee", "Kim Heon-young")}


def test_targets_by_year(graph):
    by_year = {}
    for r in rows(graph, "targets_by_year"):
        by_year[r["year"]] = by_year.get(r["year"], 0) + 1
    # 2026: src:024, a company's sales "next year", and 013's 300 smart factories by 2026 (004: by 2027);
    # without a year: 4 before, 5 of src:025 (factories, companies, ceilings), 2 of 013's win-win programme
    assert by_year == {None: 11, "2026": 2, "2027": 1, "2030": 8}


def test_mayor_spellings(graph):
    assert [(r["spelling"], r["source"].rsplit("/", 1)[-1]) for r in rows(graph, "mayor_spellings")] == [
        ("Park Hyungjun", "000"), ("Park Heong-joon", "001"), ("Park Hyung-jun", "002"), ("Park Hyung-joon", "003"),
        ("박형준", "011"), ("박형준", "012"),  # the Korean reports of 001's and 002's events write his name in Hangul
        ("Park Hyung-jun", "020"), ("Park Heong-joon", "021"), ("Park Hyung-jun", "022"), ("Park Heongjoon", "023")]


def test_conflicting_claims(graph):
    # each pair of claims: the e-mobility budget's 15.6 bn (000's list, 010's list) against 17 bn (000's and
    # 010's paragraphs), the workforce budget's 7.3 bn (000's paragraph) against 7.33 bn (000's and 010's lists)
    assert [(r["value1"], r["value2"]) for r in rows(graph, "conflicting_claims")] == \
        [(15_600_000_000, 17_000_000_000)] * 4 + [(7_300_000_000, 7_330_000_000)] * 2


def test_mou_signatories(graph):
    # 004 and 013 both name the five signatories; 004 alone says what four of them commit to
    got = rows(graph, "mou_signatories")
    assert len(got) == 5 and sum(1 for r in got if r["commitment"]) == 4


def test_funding_flows(graph):
    # one flow per stated relation: MOTIE's 29.8 bn is stated by 000 and by its Korean release 010, and its
    # 10 bn by 020; the city's 1.0993 tn for the cooperation plan by 012 only (002 gives it as the plan's
    # budget, not a flow) and its 1.5 bn of SME funds by 021; North Jeolla's 58 million (2022) and 796 million
    # (2023) go to its project by 004, to the existing win-win programme by its Korean report 013
    assert sorted(r["amount"] for r in rows(graph, "funding_flows")) == [
        58_000_000, 58_000_000, 796_000_000, 796_000_000, 1_500_000_000, 10_000_000_000, 29_800_000_000, 29_800_000_000,
        1_099_300_000_000]


def test_plan_structure(graph):
    assert sorted((r["strategies"], r["tasks"], r["keyProjects"]) for r in rows(graph, "plan_structure")) == [(4, 10, 71), (4, 20, 97)]


def test_sources_of_a_fact(graph):
    [r] = rows(graph, "sources_of_a_fact")
    assert r["g"].endswith("/graph/000") and r["publisher"] == "The Asia Business Daily"


def test_hangul_names(graph):
    got = {r["english"]: r["korean"] for r in rows(graph, "hangul_names")}
    assert got["Park Heong-joon"] == "박형준" and got["Samsung Electronics"] == "삼성전자"
    # 55 entities of the shipped data files have both a Korean and an English preferred label (counted
    # with rdflib over data/*.trig): 21 from background.trig, 2 more there (김도읍, KIMM's Busan centre),
    # 29 from the Korean reports 010-013 and the 3 publishers of those reports (curation.trig), the 4
    # entities source 012 adds (남정은, RISE, RIS, the shared-university projects) and the win-win programme
    # of 013; the roles of the ontology ("leads", 주관) are terms, not entities
    assert len(got) == 60 and "leads" not in got
    assert got["Advancement of E-Mobility Laser Application Technology Manufacturing Equipment Base Project"] == \
        "이(E)-모빌리티 레이저 활용기술 제조장비 기반 고도화 사업"  # src:010, the Korean release


def test_machine_translated_facts_all_from_busan_go_kr(graph):
    srcs = {r["source"].rsplit("/", 1)[-1] for r in rows(graph, "machine_translated_facts")}
    assert srcs == {"001", "021"}  # busan.go.kr's AI-translated press releases


def test_dates_without_year(graph):
    assert len(rows(graph, "dates_without_year")) == 6


@pytest.fixture(scope="module")
def restated(private_cache):
    """The shipped graph plus a source that restates three shipped facts (tests/data/restated)."""
    from pathlib import Path

    return kg.open_graph([Path(__file__).parent / "data" / "restated"])


def test_the_default_graph_counts_statements_not_facts(restated):
    # Documented (README, "The default graph"): Samsung's Hangul name is stated by background.trig and
    # by the restating source, so a plain pattern matches it twice and DISTINCT once.
    q = 'SELECT {} WHERE {{ <https://w3id.org/rip-kg/id/agent/samsung-electronics> <http://www.w3.org/2004/02/skos/core#prefLabel> ?k FILTER(lang(?k) = "ko") }}'
    assert len(kg.sparql(q.format("?k"), graph=restated).to_python()) == 2
    assert len(kg.sparql(q.format("DISTINCT ?k"), graph=restated).to_python()) == 1


def test_library_answers_give_a_restated_fact_once(restated):
    samsung = [r for r in rows(restated, "hangul_names") if r["korean"] == "삼성전자"]
    assert samsung == [{"english": "Samsung Electronics", "korean": "삼성전자"}]
    # The same flows as from the articles alone: 58 million (2022) and 796 million (2023) (004, 013), 1.5 billion
    # (021), 10 billion (020), 29.8 billion (000, 010), 1.0993 trillion (012).
    assert sorted(r["amount"] for r in rows(restated, "funding_flows")) == [
        58_000_000, 58_000_000, 796_000_000, 796_000_000, 1_500_000_000, 10_000_000_000, 29_800_000_000, 29_800_000_000,
        1_099_300_000_000]
    signatories = [(r["agreement"], r["signatory"]) for r in rows(restated, "mou_signatories")]
    assert len(signatories) == len(set(signatories)) == 5
