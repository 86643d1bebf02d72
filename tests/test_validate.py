"""kg validate on the shipped data and on small broken graphs whose findings are worked out by hand."""
import json
import textwrap

import kg

PFX = """@prefix rip: <https://w3id.org/rip-kg/def#> . @prefix in: <https://w3id.org/rip-kg/id/initiative/> .
@prefix ag: <https://w3id.org/rip-kg/id/agent/> . @prefix cl: <https://w3id.org/rip-kg/id/claim/> .
@prefix src: <https://w3id.org/rip-kg/id/source/> . @prefix gr: <https://w3id.org/rip-kg/graph/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rel: <https://w3id.org/rip-kg/id/relation/> .
src:t a rip:Source ; dcterms:title "test" ; dcterms:language "en" ; rip:machineTranslated false .
gr:t prov:wasDerivedFrom src:t .
"""


def test_shipped_data_conforms_with_the_known_conflicts(graph):
    findings = kg.validate(graph=graph)
    assert not [f for f in findings if f["severity"] == "violation"]
    conflicts = sorted((f["entity"]["id"], tuple(f["values"]), tuple(f["sources"])) for f in findings if f["check"] == "conflict")
    # the two conflicts of article 000, which its Korean release (010) repeats: one finding per pair of claims;
    # and 004's 300 smart factories by 2027 against its Korean report's (013) by 2026, left unranked
    assert conflicts == [("in:emobility-laser", (15_600_000_000, 17_000_000_000), ("src:000",)),
                         ("in:emobility-laser", (15_600_000_000, 17_000_000_000), ("src:000", "src:010")),
                         ("in:emobility-laser", (15_600_000_000, 17_000_000_000), ("src:000", "src:010")),
                         ("in:emobility-laser", (15_600_000_000, 17_000_000_000), ("src:010",)),
                         ("in:jeonbuk-smart-factory-project", ("300 by 2027", "300 by 2026"), ("src:004", "src:013")),
                         ("in:shinpyeong-jangrim-workforce", (7_300_000_000, 7_330_000_000), ("src:000",)),
                         ("in:shinpyeong-jangrim-workforce", (7_300_000_000, 7_330_000_000), ("src:000", "src:010"))]
    # 1.927 tn + 782.4 bn + 1.7396 tn + 439.2 bn, stated by no source as a total (article 001)
    assert any(f["check"] == "sum" and 4_888_200_000_000 in f["values"] for f in findings)


def test_parts_that_do_not_add_up_are_a_violation(tmp_path, run):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "sums.trig").write_text(PFX + textwrap.dedent("""
        GRAPH gr:t {
          in:whole a rip:Programme ; skos:prefLabel "Test whole"@en .
          in:a a rip:Project ; skos:prefLabel "Part A"@en ; rip:partOf in:whole .
          in:b a rip:Project ; skos:prefLabel "Part B"@en ; rip:partOf in:whole .
          cl:w a rip:QuantityClaim ; rip:about in:whole ; rip:claimProperty rip:totalCost ; schema:value 10 ; schema:currency "KRW" ; rip:quote "ten" .
          cl:a a rip:QuantityClaim ; rip:about in:a ; rip:claimProperty rip:totalCost ; schema:value 3 ; schema:currency "KRW" ; rip:quote "three" .
          cl:b a rip:QuantityClaim ; rip:about in:b ; rip:claimProperty rip:totalCost ; schema:value 4 ; schema:currency "KRW" ; rip:quote "four" .
          cl:n a rip:QuantityClaim ; rip:about in:whole ; rip:claimProperty rip:projectCount ; schema:value 1 ; rip:quote "one project" .
          rel:x a rip:ProjectRole ; prov:hadRole rip:role-lead ; rip:target in:a ; rip:quote "no agent" .
        }"""))
    r = run("validate", "--data", str(tmp_path / "d"), "--format", "json")
    assert r.returncode == 1, r.stderr
    found = {(f["check"], f["entity"]["id"], f["severity"]) for f in json.loads(r.stdout)}
    assert ("sum", "in:whole", "violation") in found        # 3 + 4 != 10
    assert ("count", "in:whole", "violation") in found      # states 1 project, lists 2
    assert ("shacl", "rel:x", "violation") in found         # a relation without its agent


QUOTED = PFX.replace('rip:machineTranslated false .', 'rip:machineTranslated false ; rip:localFile "t.txt" .') + textwrap.dedent("""
    GRAPH gr:t {
      ag:ministry a rip:Ministry ; skos:prefLabel "Test Ministry"@en .
      in:plan a rip:Plan ; skos:prefLabel "Test Plan"@en .
      rel:verbatim a rip:ProjectRole ; prov:agent ag:ministry ; prov:hadRole rip:role-lead ; rip:target in:plan ;
          rip:quote "The ministry leads the plan." .
      rel:invented a rip:FundingRole ; prov:agent ag:ministry ; prov:hadRole rip:role-funder ; rip:target in:plan ;
          rip:quote "The ministry funds the plan." .
    }""")


def test_quotes_are_checked_verbatim_against_the_source_texts(tmp_path, run):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "quoted.trig").write_text(QUOTED)
    texts = tmp_path / "texts"
    texts.mkdir()
    # the first quote is in the text (across a line break), the second is not
    (texts / "t.txt").write_text("Headline.\nThe ministry leads\n  the plan. It pays for nothing.\n")
    r = run("validate", "--data", str(tmp_path / "d"), "--sources", str(texts), "--format", "json")
    assert r.returncode == 1, r.stderr
    quotes = [f for f in json.loads(r.stdout) if f["check"] == "quote"]
    assert [(f["entity"]["id"], f["values"]) for f in quotes if f["severity"] == "violation"] == [
        ("rel:invented", ["The ministry funds the plan."])]
    # the quoting articles' texts (the seeds, the Korean reports 010-013, the English articles 020-025) are not
    # in this directory: said once per article, not checked
    unchecked = sorted(f["sources"][0] for f in quotes if f["severity"] == "info")
    assert unchecked == ["src:000", "src:001", "src:002", "src:003", "src:004", "src:010", "src:011", "src:012", "src:013",
                         "src:020", "src:021", "src:022", "src:023", "src:024", "src:025"]
    # without --sources nothing is compared, and the graph is otherwise valid
    r = run("validate", "--data", str(tmp_path / "d"), "--format", "json")
    assert r.returncode == 0, r.stdout
    assert not [f for f in json.loads(r.stdout) if f["check"] == "quote"]


def test_quotes_are_checked_across_several_source_directories(tmp_path, run):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "quoted.trig").write_text(QUOTED)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "t.txt").write_text("The ministry leads the plan.\n")  # in the second directory only
    r = run("validate", "--data", str(tmp_path / "d"), "--sources", str(tmp_path / "seeds"), "--sources", str(tmp_path / "more"),
            "--format", "json")
    quotes = [f for f in json.loads(r.stdout) if f["check"] == "quote" and f["sources"] == ["src:t"]]
    assert [(f["severity"], f["entity"]["id"]) for f in quotes] == [("violation", "rel:invented")]


def test_a_missing_source_text_is_reported_not_a_crash(tmp_path, run):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "quoted.trig").write_text(QUOTED)
    (tmp_path / "empty").mkdir()
    r = run("validate", "--data", str(tmp_path / "d"), "--sources", str(tmp_path / "empty"), "--format", "json")
    assert r.returncode == 0, r.stderr
    notes = [f["message"] for f in json.loads(r.stdout) if f["check"] == "quote" and f["sources"] == ["src:t"]]
    assert len(notes) == 1 and notes[0].startswith("t.txt is not in") and "2 quote(s) of src:t not checked" in notes[0]


def test_text_not_in_unicode_nfc_is_a_warning(tmp_path, run):
    (tmp_path / "d").mkdir()
    decomposed = "\u1107\u116e\u1109\u1161\u11ab"  # 부산 as conjoining jamo: looks the same, never matches 부산
    (tmp_path / "d" / "nfd.trig").write_text(PFX + textwrap.dedent(f"""
        GRAPH gr:t {{ ag:busan-nfd a rip:LocalGovernment ; skos:prefLabel "NFD Busan"@en , "{decomposed}"@ko . }}"""))
    r = run("validate", "--data", str(tmp_path / "d"), "--format", "json")
    assert r.returncode == 0, r.stderr
    text = [f for f in json.loads(r.stdout) if f["check"] == "text"]
    assert [(f["severity"], f["entity"]["id"]) for f in text] == [("warning", "ag:busan-nfd")]


def test_targets_that_disagree_on_value_or_date_are_a_conflict(tmp_path, run):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "targets.trig").write_text(PFX + textwrap.dedent("""
        @prefix ind: <https://w3id.org/rip-kg/id/indicator/> .
        GRAPH gr:t {
          in:p a rip:Project ; skos:prefLabel "Test project"@en .
          ind:f a rip:Indicator ; skos:prefLabel "factories"@en .
          ind:g a rip:Indicator ; skos:prefLabel "graduates"@en .
          cl:by2027 a rip:Target ; rip:about in:p ; rip:indicator ind:f ; rip:targetValue 300 ;
              rip:targetDate "2027"^^<http://www.w3.org/2001/XMLSchema#gYear> ; rip:quote "300 by 2027" .
          cl:by2026 a rip:Target ; rip:about in:p ; rip:indicator ind:f ; rip:targetValue 300 ;
              rip:targetDate "2026"^^<http://www.w3.org/2001/XMLSchema#gYear> ; rip:quote "300 by 2026" .
          cl:again a rip:Target ; rip:about in:p ; rip:indicator ind:f ; rip:targetValue 300 ;
              rip:targetDate "2026"^^<http://www.w3.org/2001/XMLSchema#gYear> ; rip:quote "300 by 2026, again" .
          cl:other a rip:Target ; rip:about in:p ; rip:indicator ind:g ; rip:targetValue 50 ; rip:quote "50 graduates" .
        }"""))
    r = run("validate", "--data", str(tmp_path / "d"), "--format", "json")
    assert r.returncode == 0, r.stdout  # a conflict is a warning: both claims are kept
    mine = [f for f in json.loads(r.stdout) if f["check"] == "conflict" and f["entity"]["id"] == "in:p"]
    # 2027 against each of the two 2026 targets; the two 2026 targets agree, and graduates are another indicator
    assert sorted(tuple(f["values"]) for f in mine) == [("300 by 2026", "300 by 2027")] * 2
    assert all(f["severity"] == "warning" and "target on factories" in f["message"]
               and f["message"].endswith("not resolved: rank one of them in data/curation.trig") for f in mine)
