"""kg review: a curator's decisions on a draft become data with their quotes (issue 20, item 2).

The draft (tests/data/review/robot-academy.draft.trig) is made by hand in kg draft's shape: an article
of our own in which Busan City leads a new robot academy (5 billion won, 2025-2027) and a Dongseo
University, which the graph does not hold, takes part. Expected outputs are worked out from it.
"""
import json
import os
import pty
import select
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from conftest import kg_bin

DRAFT = Path(__file__).parent / "data" / "review" / "robot-academy.draft.trig"
ID = "https://w3id.org/rip-kg/id/"
G = "https://w3id.org/rip-kg/graph/t1-robot-academy"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "robot-academy.draft.trig"
    shutil.copy(DRAFT, path)
    return path


def triples(path):
    """{(s, p, o)} of the accepted file's source graph, compact enough to write by hand."""
    out = set()
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        if q.graph_name == ox.NamedNode(G):
            out.add((q.subject.value.replace(ID, ""), q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1],
                     q.object.value.replace(ID, "")))
    return out


ACADEMY_QUOTE = "Busan City and Dong-A University will open the Busan Robot Academy"


def test_listing_without_a_terminal_decides_nothing(run, draft):
    r = run("review", str(draft))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "[1/7] names of Busan Metropolitan Government (ag:busan-city) as this article writes them: Busan City"
    assert "[3/7] new entity: Dongseo University [rip:University]" in r.stdout
    assert "near candidate: ag:dong-a-university (Dong-A University)" in r.stdout
    assert '[6/7] totalCost: 5,000,000,000 KRW ("5 billion won") about Busan Robot Academy' in r.stdout
    assert "[7/7] period: 2025-2027" in r.stdout
    assert r.stdout.rstrip().endswith("7 items to decide: run kg review at a terminal, or give --accept/--reject.")
    assert not Path(str(draft) + ".review.json").exists()


def test_scripted_review_writes_the_accepted_items_as_data(run, draft):
    r = run("review", str(draft), "--accept", "1,4,5,6", "--reject", "7", "--type", "2=rip:Project", "--by", "tester")
    assert r.returncode == 0, r.stderr
    out = draft.with_name("robot-academy.trig")
    # The Dongseo relation (5) waits for Dongseo (3), which has no decision yet; the period (7) was rejected.
    assert triples(out) == {
        ("agent/busan-city", "altLabel", "Busan City"),
        ("agent/busan-city", "quote", ACADEMY_QUOTE),
        ("initiative/t1-robot-academy-e3", "type", "https://w3id.org/rip-kg/def#Project"),
        ("initiative/t1-robot-academy-e3", "prefLabel", "Busan Robot Academy"),
        ("initiative/t1-robot-academy-e3", "quote", ACADEMY_QUOTE),
        ("relation/t1-robot-academy-r1", "type", "https://w3id.org/rip-kg/def#ProjectRole"),
        ("relation/t1-robot-academy-r1", "agent", "agent/busan-city"),
        ("relation/t1-robot-academy-r1", "hadRole", "https://w3id.org/rip-kg/def#role-lead"),
        ("relation/t1-robot-academy-r1", "target", "initiative/t1-robot-academy-e3"),
        ("relation/t1-robot-academy-r1", "quote", ACADEMY_QUOTE),
        ("claim/t1-robot-academy-a1", "type", "https://w3id.org/rip-kg/def#QuantityClaim"),
        ("claim/t1-robot-academy-a1", "about", "initiative/t1-robot-academy-e3"),
        ("claim/t1-robot-academy-a1", "claimProperty", "https://w3id.org/rip-kg/def#totalCost"),
        ("claim/t1-robot-academy-a1", "value", "5000000000"),
        ("claim/t1-robot-academy-a1", "currency", "KRW"),
        ("claim/t1-robot-academy-a1", "asWritten", "5 billion won"),
        ("claim/t1-robot-academy-a1", "quote", "The academy will cost 5 billion won"),
    }
    assert "draftStatus" not in out.read_text() and "draft-" not in out.read_text().split("\n", 2)[2]
    assert "held back rel:draft-t1-robot-academy-r2: it needs Dongseo University, not accepted" in r.stdout
    assert "kg validate with it: 0 violation(s)" in r.stdout
    log = json.loads(Path(str(draft) + ".review.json").read_text())["decisions"]
    assert log["per:draft-t1-robot-academy-p1"]["decision"] == "reject" and log["per:draft-t1-robot-academy-p1"]["by"] == "tester"
    assert log["in:draft-t1-robot-academy-e3"] == {**log["in:draft-t1-robot-academy-e3"], "decision": "accept", "type": "rip:Project"}
    # The accepted file is data: the graph built with it answers for the new project, with its source.
    a = kg.who_leads("Busan Robot Academy", data=[str(out)])
    assert [(x["agent"]["id"], [s["id"] for s in x["sources"]]) for x in a["leaders"]] == [("ag:busan-city", ["src:t1-robot-academy"])]


def test_a_review_resumes_and_never_asks_again(run, draft):
    run("review", str(draft), "--accept", "1,2,4,5,6", "--reject", "7")
    r = run("review", str(draft), "--list")
    assert "[7/7] period" in r.stdout and "decided: reject by" in r.stdout
    r = run("review", str(draft), "--accept", "3")  # Dongseo, a new body: now its relation is written too
    assert r.returncode == 0 and "held back" not in r.stdout and "items still to decide" not in r.stdout
    t = triples(draft.with_name("robot-academy.trig"))
    assert ("agent/t1-robot-academy-e4", "prefLabel", "Dongseo University") in t
    assert ("relation/t1-robot-academy-r2", "agent", "agent/t1-robot-academy-e4") in t
    assert not any(s == "period/t1-robot-academy-p1" for s, _, _ in t)


def test_linking_a_new_entity_writes_its_name_on_the_existing_one(run, draft):
    r = run("review", str(draft), "--accept", "all", "--link", "2=in:emobility-laser")
    assert r.returncode == 0, r.stderr
    t = triples(draft.with_name("robot-academy.trig"))
    assert ("initiative/emobility-laser", "altLabel", "Busan Robot Academy") in t
    assert ("relation/t1-robot-academy-r1", "target", "initiative/emobility-laser") in t
    assert not any("t1-robot-academy-e3" in s for s, _, _ in t), sorted(t)  # (blank nodes have random hex ids)
    # Dongseo stays itself: a near candidate is shown, never taken
    assert ("agent/t1-robot-academy-e4", "prefLabel", "Dongseo University") in t


def test_the_python_api_is_the_same_review(draft):
    result = kg.review(draft, accept="1-6", reject=[7], by="api", check=False)
    # Busan City's name and quote 2, the academy's type, name and quote 3, Dongseo's 3, each relation's
    # type, agent, role, target and quote 5 + 5, the claim's 7 (the draft's notes are not data): 25
    assert result["written"] == 25 and result["held"] == [] and result["pending"] == []


@pytest.mark.parametrize("args, message", [
    (["--accept", "99"], "the draft has no item '99' (items are 1-7 or their ids)"),
    (["--type", "4=rip:Project"], "item 4 is a relation: only a new entity's type can be edited"),
    (["--type", "2"], "--type takes N=TYPE"),
])
def test_bad_decisions_are_clear_messages(run, draft, args, message):
    r = run("review", str(draft), *args)
    assert r.returncode in (1, 2) and message in r.stderr and "Traceback" not in r.stderr


def test_a_broken_draft_is_a_clear_message(run, tmp_path):
    bad = tmp_path / "bad.draft.trig"
    bad.write_text("this is not TriG {")
    r = run("review", str(bad))
    assert r.returncode == 1 and r.stderr.startswith(f"Error: {bad}") and "not a readable draft" in r.stderr
    two = tmp_path / "two.draft.trig"
    two.write_text(DRAFT.read_text().replace("@prefix rip:", "<x:a> a <https://w3id.org/rip-kg/def#Source> .\n@prefix rip:", 1)
                   .replace("<x:a> a", "<https://w3id.org/rip-kg/id/source/other> a", 1))
    r = run("review", str(two))
    assert r.returncode == 1 and "a draft describes one source (rip:Source); this file describes 2" in r.stderr


def test_a_draft_in_a_data_directory_is_not_data(run, draft):
    # kg draft writes ARTICLE.draft.trig beside the article; a --data directory holding it must not load
    # its proposals: only kg review makes data of them.
    r = run("who-leads", "Busan Robot Academy", "--data", str(draft.parent))
    assert r.returncode == 1 and "no entity matches" in r.stderr


def test_at_a_terminal_one_key_per_item(draft):
    """The real command in a pseudo-terminal: a, r, t with a class, s, then q; decisions are saved at once."""
    keys = ["a", "r", "t", "Project", "s", "q"]
    out = _at_terminal([kg_bin(), "review", str(draft), "--by", "curator"], keys)
    assert "7 of 7 items to decide (curator)" in out
    log = json.loads(Path(str(draft) + ".review.json").read_text())["decisions"]
    assert {k: (v["decision"], v.get("type")) for k, v in log.items()} == {
        "names:ag:busan-city": ("accept", None),
        "in:draft-t1-robot-academy-e3": ("reject", None),
        "ag:draft-t1-robot-academy-e4": ("accept", "rip:Project"),
    }
    out = _at_terminal([kg_bin(), "review", str(draft)], ["q"])  # resumes at the skipped relation
    assert "4 of 7 items to decide" in out and "[4/7] relation: Busan Metropolitan Government -lead-> Busan Robot Academy" in out


def _at_terminal(argv, keys, timeout=60):
    """Run ARGV with a pseudo-terminal for its standard input and output; type each of KEYS (and Enter)
    when the command waits for it. Returns all it printed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command
        os.execvpe(argv[0], argv, dict(os.environ, TERM="dumb"))
    out, keys, deadline = b"", list(keys), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal: it has ended
                    break
                if not chunk:
                    break
                out += chunk
                if out.rstrip().endswith(b"?") and keys:
                    os.write(fd, keys.pop(0).encode() + b"\r")
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out.decode(errors="replace")
    return out.decode(errors="replace")


def test_the_draft_is_never_overwritten(run, tmp_path):
    plain = tmp_path / "robot-academy.trig"  # a draft not named .draft.trig
    shutil.copy(DRAFT, plain)
    r = run("review", str(plain), "--accept", "1")
    assert r.returncode == 0 and "Wrote 2 statements to" in r.stdout
    assert (tmp_path / "robot-academy.accepted.trig").exists() and "draftStatus" in plain.read_text()
    r = run("review", str(plain), "--accept", "2", "-o", str(plain))
    assert r.returncode == 1 and "is the draft itself" in r.stderr and "draftStatus" in plain.read_text()


def test_decisions_follow_what_an_item_states_not_its_number(run, draft, tmp_path):
    run("review", str(draft), "--reject", "3", "--accept", "2")  # Dongseo (e4) rejected, the academy (e3) accepted
    # The article drafted again numbers its new entities the other way round: e3 is now Dongseo.
    text = draft.read_text().replace("-e3", "-eX").replace("-e4", "-e3").replace("-eX", "-e4")
    again = tmp_path / "again.draft.trig"
    again.write_text(text)
    r = run("review", str(again), "--decisions", str(draft) + ".review.json", "--list")
    lines = r.stdout.split("\n[")
    dongseo = next(b for b in lines if "new entity: Dongseo University" in b)
    academy = next(b for b in lines if "new entity: Busan Robot Academy" in b)
    assert "decided: reject" in dongseo and "decided: accept" in academy


def test_edits_must_name_a_class_and_an_entity_the_graph_holds(run, draft):
    for args, message in ((["--type", "2=rip:quote"], "'rip:quote' is not a class of kg's ontology"),
                          (["--type", "2=NotAClass"], "'NotAClass' is not a class of kg's ontology"),
                          (["--link", "3=ag:does-not-exist"], "'ag:does-not-exist' is no entity of the graph"),
                          (["--accept", "3-1"], "'3-1' runs backwards"),
                          (["--accept", "1", "-o", "/nonexistent-dir/x.trig"], "cannot be written: no directory /nonexistent-dir")):
        r = run("review", str(draft), *args)
        assert r.returncode == 1 and message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
    # nothing recorded from a refused edit; the last command's accept is a decision, its write failed
    assert list(json.loads(Path(str(draft) + ".review.json").read_text())["decisions"]) == ["names:ag:busan-city"]


def test_what_a_draft_leaves_unsaid_is_held_back_or_said(run, tmp_path):
    text = DRAFT.read_text().replace("rip:about in:draft-t1-robot-academy-e3 ; ", "").replace("    rip:machineTranslated false ;\n", "")
    draft = tmp_path / "unsaid.draft.trig"
    draft.write_text(text)
    r = run("review", str(draft), "--accept", "all")
    assert r.returncode == 0, r.stderr
    assert "held back cl:draft-t1-robot-academy-a1: the draft gives no rip:about" in r.stdout
    written = draft.with_name("unsaid.trig").read_text()
    assert "rip:machineTranslated false" in written and "machine translation not stated in the text" in written
    assert "kg validate with it: 0 violation(s)" in r.stdout
