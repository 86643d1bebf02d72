"""Network analytics: a small hand-made graph whose answers are worked out by hand, and expectations on
the shipped data worked out from the articles."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

import kg
from kg.network import measures as analytics
from kg.network import projections as network

PFX = """@prefix rip: <https://w3id.org/rip-kg/def#> . @prefix in: <https://w3id.org/rip-kg/id/initiative/> .
@prefix ag: <https://w3id.org/rip-kg/id/agent/> . @prefix src: <https://w3id.org/rip-kg/id/source/> .
@prefix gr: <https://w3id.org/rip-kg/graph/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rel: <https://w3id.org/rip-kg/id/relation/> . @prefix org: <http://www.w3.org/ns/org#> .
src:hand a rip:Source ; dcterms:title "hand-made" ; dcterms:language "en" ; rip:machineTranslated false .
gr:hand prov:wasDerivedFrom src:hand .
"""
# Two projects. p1: the university leads, the institute's unit and the firm take part.
# p2: the unit leads, the firm takes part, the ministry funds. The parent institute acts on nothing.
HAND = PFX + """GRAPH gr:hand {
  ag:h-uni a rip:University ; skos:prefLabel "Hand University"@en .
  ag:h-inst a rip:ResearchInstitute ; skos:prefLabel "Hand Institute"@en .
  ag:h-unit a rip:RegionalUnit ; org:unitOf ag:h-inst ; skos:prefLabel "Hand Institute Regional Center"@en .
  ag:h-firm a rip:Company ; skos:prefLabel "Hand Firm"@en .
  ag:h-min a rip:Ministry ; skos:prefLabel "Hand Ministry"@en .
  in:h-p1 a rip:Project ; skos:prefLabel "Hand project one"@en .
  in:h-p2 a rip:Project ; skos:prefLabel "Hand project two"@en .
  rel:h1 a rip:ProjectRole ; prov:agent ag:h-uni ; prov:hadRole rip:role-lead ; rip:target in:h-p1 ; rip:quote "the university leads one" .
  rel:h2 a rip:ProjectRole ; prov:agent ag:h-unit ; prov:hadRole rip:role-participant ; rip:target in:h-p1 ; rip:quote "the center joins one" .
  rel:h3 a rip:ProjectRole ; prov:agent ag:h-firm ; prov:hadRole rip:role-participant ; rip:target in:h-p1 ; rip:quote "the firm joins one" .
  rel:h4 a rip:ProjectRole ; prov:agent ag:h-unit ; prov:hadRole rip:role-lead ; rip:target in:h-p2 ; rip:quote "the center leads two" .
  rel:h5 a rip:ProjectRole ; prov:agent ag:h-firm ; prov:hadRole rip:role-participant ; rip:target in:h-p2 ; rip:quote "the firm joins two" .
  rel:h6 a rip:FundingRole ; prov:agent ag:h-min ; prov:hadRole rip:role-funder ; rip:target in:h-p2 ; rip:quote "the ministry funds two" .
}
"""
HAND_NODES = {"ag:h-uni", "ag:h-unit", "ag:h-firm", "ag:h-min"}


@pytest.fixture(scope="module")
def hand_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("hand")
    (d / "hand.trig").write_text(HAND)
    return d


@pytest.fixture(scope="module")
def hand(hand_dir):
    return kg.open_graph([hand_dir])


@pytest.fixture(scope="module")
def hand_net(hand):
    G = network.institutions(hand)
    return G.subgraph(HAND_NODES).copy()  # the shipped agents are another component


def test_institution_projection_links_agents_that_share_an_item(hand_net):
    assert {tuple(sorted(e)): d["weight"] for *e, d in hand_net.edges(data=True)} == {
        ("ag:h-firm", "ag:h-uni"): 1, ("ag:h-uni", "ag:h-unit"): 1,                   # p1
        ("ag:h-firm", "ag:h-unit"): 2,                                                  # p1 and p2
        ("ag:h-firm", "ag:h-min"): 1, ("ag:h-min", "ag:h-unit"): 1,                    # p2
    }
    shared = hand_net.edges["ag:h-unit", "ag:h-min"]["shared"]
    assert [(s["item"], s["roles"]) for s in shared] == [("in:h-p2", {"ag:h-unit": ["leads"], "ag:h-min": ["funds"]})]
    assert hand_net.nodes["ag:h-unit"]["sector"] == "research"
    assert hand_net.nodes["ag:h-min"]["sector"] == "government"


def test_weights_alone_give_the_hand_weights(hand):
    G = network.institutions(hand, detail=False).subgraph(HAND_NODES)
    assert {tuple(sorted(e)): d for *e, d in G.edges(data=True)} == {
        ("ag:h-firm", "ag:h-uni"): {"weight": 1}, ("ag:h-uni", "ag:h-unit"): {"weight": 1},
        ("ag:h-firm", "ag:h-unit"): {"weight": 2}, ("ag:h-firm", "ag:h-min"): {"weight": 1},
        ("ag:h-min", "ag:h-unit"): {"weight": 1},
    }


@pytest.mark.parametrize("by_parent", [False, True])
def test_weights_alone_are_the_detailed_network_without_its_details(graph, by_parent):
    full = network.institutions(graph, by_parent=by_parent)
    light = network.institutions(graph, by_parent=by_parent, detail=False)
    assert dict(light.nodes(data=True)) == dict(full.nodes(data=True))
    assert ({frozenset(e): d["weight"] for *e, d in light.edges(data=True)}
            == {frozenset(e): d["weight"] for *e, d in full.edges(data=True)})
    assert len(full.edges) > 100  # the shipped graph: a real comparison


def test_by_parent_rolls_the_unit_into_its_institute(hand):
    G = network.institutions(hand, by_parent=True)
    assert "ag:h-unit" not in G and G.edges["ag:h-inst", "ag:h-firm"]["weight"] == 2


def test_hand_centralities(hand_net):
    # degree: unit and firm touch the other three (3/3), university and ministry two (2/3)
    deg = {r["id"]: r["score"] for r in analytics.centrality(hand_net, "degree")["results"]}
    assert deg == {"ag:h-unit": 1.0, "ag:h-firm": 1.0, "ag:h-uni": 0.6667, "ag:h-min": 0.6667}
    # betweenness: only uni-min is not a direct link; its two shortest paths run through unit and firm,
    # 1/2 each, normalised by (n-1)(n-2)/2 = 3
    btw = {r["id"]: r["score"] for r in analytics.centrality(hand_net, "betweenness")["results"]}
    assert btw == {"ag:h-unit": 0.1667, "ag:h-firm": 0.1667, "ag:h-uni": 0.0, "ag:h-min": 0.0}


def test_hand_brokers(hand_net):
    rows = {r["id"]: r for r in analytics.brokers(hand_net)["results"]}
    # four sectors; uni (academia) and min (government) meet only through unit (research) or firm (industry)
    assert rows["ag:h-unit"]["cross_sector_betweenness"] == 0.5 and rows["ag:h-firm"]["cross_sector_betweenness"] == 0.5
    assert rows["ag:h-unit"]["liaison"] == 1 and rows["ag:h-unit"]["coordinator"] == 0
    assert rows["ag:h-uni"]["brokerage"] == 0 and rows["ag:h-min"]["cross_sector_betweenness"] == 0


def test_hand_partners_and_path(hand):
    answer = kg.partners("Hand Firm", graph=hand)
    assert [(p["id"], p["weight"]) for p in answer["partners"]] == [
        ("ag:h-unit", 2), ("ag:h-min", 1), ("ag:h-uni", 1)]  # most shared first, then by name (Ministry < University)
    hops = kg.path("Hand University", "Hand Ministry", graph=hand)["hops"]
    # uni -leads-> p1 <-joins- (unit or firm) -> p2 <-funds- min: four hops
    assert len(hops) == 4 and hops[1]["to"] in ("ag:h-unit", "ag:h-firm") and hops[2]["to"] == "in:h-p2"
    assert hops[0]["statement"].startswith("Hand University leads Hand project one")
    assert hops[-1]["statement"] == "Hand Ministry funds Hand project two" and hops[-1]["quote"] == "the ministry funds two"


def test_hand_path_with_units_rolled_up(hand):
    hops = kg.path("Hand University", "Hand Institute", graph=hand, by_parent=True)["hops"]
    assert [h["statement"] for h in hops] == ["Hand University leads Hand project one",
                                              "Hand Institute takes part in Hand project one (through Hand Institute Regional Center)"]


# --- the shipped data --------------------------------------------------------------------------------

def test_north_jeolla_mou_signatories_are_one_clique_and_one_community(graph):
    # article 004: the province, its 14 cities and counties, Samsung Electronics, Jeonbuk Technopark and
    # the Jeonbuk-Samsung Smart CEO Forum signed the MoU; none of them appears in the Busan articles, but
    # Samsung and the province's governor appear in 024-025 (Samsung's smart factory programme)
    signatories = {"ag:north-jeolla-province", "ag:north-jeolla-municipalities", "ag:samsung-electronics",
                   "ag:jeonbuk-technopark", "ag:jeonbuk-samsung-ceo-forum"}
    # (its Korean report 013 names the same five)
    partners = kg.partners("Jeonbuk Technopark", graph=graph)["partners"]
    assert {p["id"] for p in partners} == signatories - {"ag:jeonbuk-technopark"}
    assert all(p["sources"] == ["src:004", "src:013"] for p in partners)
    # 013 adds the win-win programme the province runs with the central government and Samsung: the
    # government joins their community, and the two that share the programme with it broker
    communities = kg.communities(graph=graph)["communities"]
    # one community with the smart factory programme's bodies (the ministry, K-Biz) of 024-025
    [community] = [set(c["members"]) for c in communities if signatories <= set(c["members"])]
    assert {"ag:mss", "ag:kbiz"} <= community
    # inside the MoU's clique nobody brokers; Samsung and the province now link it to 024-025
    rows = {r["id"]: r for r in kg.brokers(graph=graph)["results"]}
    assert all(rows[s]["brokerage"] == 0 and rows[s]["cross_sector_betweenness"] == 0
               for s in signatories - {"ag:samsung-electronics", "ag:north-jeolla-province"})
    assert rows["ag:samsung-electronics"]["brokerage"] > 0 and rows["ag:north-jeolla-province"]["brokerage"] > 0


def test_busan_city_is_the_most_central_and_the_top_broker(graph):
    # Busan City is in the MOTIE contest team (000), drew up the growth strategy (001), joins the IUG
    # council (002) and the digital strategy (003): no other agent spans four articles
    for measure in ("degree", "betweenness", "closeness", "pagerank"):
        assert kg.centrality(measure, graph=graph)["results"][0]["id"] == "ag:busan-city", measure
    assert kg.brokers(graph=graph, top=1)["results"][0]["id"] == "ag:busan-city"


def test_the_path_from_a_university_to_the_ministry_is_stated_with_sources(graph):
    # 000: Dong-A University joined the city's "one team", which prepared the five MOTIE contest
    # projects, which MOTIE funds with 29.8 bn KRW of national funding (2024-2028)
    hops = kg.path("Dong-A University", "MOTIE", graph=graph)["hops"]
    assert [(h["from"], h["to"]) for h in hops] == [
        ("ag:dong-a-university", "ag:busan-contest-team"),
        ("ag:busan-contest-team", "in:busan-motie-contest-projects"),
        ("in:busan-motie-contest-projects", "ag:motie")]
    assert all(h["source"] == "src:000" and h["quote"] for h in hops)
    assert hops[2]["money"] == "29,800,000,000 KRW"


def test_type_filter_and_sectors(graph):
    rows = kg.centrality("degree", type="University", graph=graph)["results"]
    # with src:020's consortium members; Pukyong and Dongseo themselves have no relation in the network
    assert {r["id"] for r in rows} == {"ag:dong-a-university", "ag:bist", "ag:pukyong-national-university-iacf",
                                       "ag:dongseo-university-iacf"}
    assert {r["sector"] for r in rows} == {"academia"}


# --- the command line -----------------------------------------------------------------------------

def test_cli_partners_exact_csv(run):
    r = run("partners", "JBTP", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["partner"], x["shared"], x["sources"]) for x in rows] == [
        ("14 cities and counties of North Jeolla", "1", "src:004; src:013"),
        ("Jeonbuk-Samsung Smart CEO Forum", "1", "src:004; src:013"),
        ("North Jeolla Provincial Government", "1", "src:004; src:013"),
        ("Samsung Electronics", "1", "src:004; src:013"),
    ]


def test_cli_path_table_names_every_hop_and_its_quote(run):
    r = run("path", "Dong-A University", "MOTIE")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1].endswith("3 hop(s)")
    assert lines[2] == "1. Dong-A University is a member of Busan public contest one team"
    assert lines[3].startswith("   src:000: \"")


def test_cli_no_path_and_not_an_agent_are_clear_messages(run):
    # (North Jeolla and Busan are linked since 021/024/025, through the Ministry of SMEs and Startups and Samsung;
    # the Busan Employers Federation's chairman, named only as such in 022, is linked to nobody else)
    r = run("path", "Kim Kwang-soo", "Busan City")
    assert r.returncode == 1 and "no chain of relations links" in r.stderr and "Traceback" not in r.stderr
    r = run("partners", "KIMM")  # the institute acts only through its Busan center
    assert r.returncode == 1 and "ag:kimm-busan-center" in r.stderr and "--by-parent" in r.stderr
    r = run("partners", "KIMM", "--by-parent")
    assert r.returncode == 0 and "Busan public contest one team" in r.stdout
    r = run("partners", "no such body at all")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    r = run("centrality", "--type", "Spaceship")
    assert r.returncode == 1 and "types present" in r.stderr
    r = run("centrality", "--measure", "magic")
    assert r.returncode == 2


def test_cli_centrality_json_and_csv_agree(run):
    j = json.loads(run("centrality", "--measure", "pagerank", "--top", "3", "--format", "json").stdout)
    c = list(csv.DictReader(io.StringIO(run("centrality", "--measure", "pagerank", "--top", "3", "--format", "csv").stdout)))
    assert [r["id"] for r in j["results"]] == [r["id"] for r in c] and len(c) == 3
    assert j["approximate"] is None


@pytest.mark.parametrize("projection", ["institutions", "bipartite", "roles"])
def test_graphml_export_opens_with_labels_types_and_weights(run, tmp_path, projection):
    out = tmp_path / f"{projection}.graphml"
    r = run("export", "--format", "graphml", "--projection", projection, "-o", str(out))
    assert r.returncode == 0, r.stderr
    import networkx as nx

    G = nx.read_graphml(out)
    assert G.number_of_nodes() > 20
    assert G.nodes["ag:busan-city"]["label"] == "Busan Metropolitan Government"
    assert G.nodes["ag:busan-city"]["sector"] == "government"
    if projection == "institutions":
        assert G.edges["ag:jeonbuk-technopark", "ag:samsung-electronics"]["weight"] == 1


def test_gexf_export_is_valid_xml_with_labels(run, tmp_path):
    out = tmp_path / "net.gexf"
    assert run("export", "--format", "gexf", "-o", str(out)).returncode == 0
    root = ET.parse(out).getroot()
    ns = {"g": root.tag.split("}")[0].strip("{")}
    labels = {n.get("label") for n in root.iterfind(".//g:node", ns)}
    assert "Dong-A University" in labels
