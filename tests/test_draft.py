"""kg draft: small articles written for these tests (no third-party text), with expectations worked out
by hand: links, a new entity never merged on a near miss, Korean particles, quotes verbatim, the JSON
shape of the development set's gold files, the TriG parses, clean errors, a directory."""
import json

import pyoxigraph as ox
import pytest

import kg
from kg.draft.output import as_trig
from kg.errors import ArticleError

EN = """https://example.org/en/article/2025010212345

Busan Techno Park to Host Robot Forum
Busan City (Mayor Park Hyung-jun) and Busan Technopark (President Lee Min-ho) held the Busan Robot Industry Forum on the 2nd at City Hall.
The Busan Robot Parts Support Project is led by the Busan Robot Convergence Institute, with Busan Technopark as the implementing agency.
A total of 4.5 billion KRW will be invested in the project by 2027.
Kim Ji-hoon, chairman of the Busan Robot Industry Association, said the forum would meet again.
The Busan IT Promotions Agency joined the forum.
"""

KO = """부산시는 2일 부산시청에서 ‘부산로봇산업협의회’를 구성하고 제1회 부산로봇산업협의회를 열었다고 밝혔다.
박형준 부산시장은 "로봇 산업을 키우겠다"고 말했다.
부산시는 올해부터 2027년까지 ‘부산 로봇부품 지원사업’을 추진한다.
이번 사업은 한국로봇융합연구원 주관으로 추진되며 총사업비는 45억 원이다.
박형준 시장과 남정은 시 청년산학국장은 당연직 위원이다.
"""

GOLD_KEYS = {"file", "source", "entities", "amounts", "periods", "counts", "relations"}


@pytest.fixture(scope="module")
def en(graph):
    return kg.draft_article("en.txt", text=EN, graph=graph)


@pytest.fixture(scope="module")
def ko(graph):
    return kg.draft_article("ko.txt", text=KO, graph=graph)


def _entity(d, mention):
    found = [e for e in d["entities"] if e["mention"] == mention or mention in e["other_mentions"]]
    assert len(found) == 1, (mention, [e["mention"] for e in d["entities"]])
    return found[0]


def _relations(d):
    return {(r["agent"], r["role"], r["target"]) for r in d["relations"]}


def test_english_links_spellings_to_the_graph_and_keeps_one_entity_per_body(en):
    tp = _entity(en, "Busan Technopark")
    assert tp["kg_id"] == "ag:busan-technopark" and tp["type"] == "Technopark"
    assert set([tp["mention"]] + tp["other_mentions"]) == {"Busan Techno Park", "Busan Technopark"}
    assert _entity(en, "Busan City")["kg_id"] == "ag:busan-city"
    assert _entity(en, "Park Hyung-jun")["kg_id"] == "ag:park-heong-joon"
    assert _entity(en, "Mayor") == {**_entity(en, "Mayor"), "kg_id": "ag:mayor-of-busan", "type": "Post"}


def test_new_bodies_are_typed_by_their_head_word_and_left_new(en):
    assert _entity(en, "Busan Robot Industry Forum")["type"] == "Meeting"
    assert _entity(en, "Busan Robot Parts Support Project")["type"] == "Project"
    assert _entity(en, "Busan Robot Industry Association")["type"] == "IndustryAssociation"
    for name in ("Busan Robot Industry Forum", "Busan Robot Parts Support Project", "Lee Min-ho", "Kim Ji-hoon"):
        assert _entity(en, name)["kg_id"] is None


def test_a_near_miss_is_proposed_as_new_with_its_candidates_never_merged(en):
    agency = _entity(en, "Busan IT Promotions Agency")
    assert agency["kg_id"] is None and agency["sure"] is False
    assert [c["id"] for c in agency["candidates"]] == ["ag:busan-it-promotion-agency"]
    institute = _entity(en, "Busan Robot Convergence Institute")  # not KIRO, not its Busan centre
    assert institute["kg_id"] is None


def test_english_relations_from_titles_and_cue_words(en):
    assert {
        ("Park Hyung-jun", "head", "Mayor"),
        ("Park Hyung-jun", "head", "Busan City"),
        ("Lee Min-ho", "head", "Busan Techno Park"),
        ("Busan City", "host", "Busan Robot Industry Forum"),
        ("Busan Techno Park", "host", "Busan Robot Industry Forum"),
        ("Busan Robot Convergence Institute", "lead", "Busan Robot Parts Support Project"),
        ("Busan Techno Park", "implementer", "Busan Robot Parts Support Project"),
        ("Kim Ji-hoon", "head", "Busan Robot Industry Association"),
    } <= _relations(en)


def test_money_and_periods_are_attached_to_what_they_are_about(en, ko):
    [amount] = en["amounts"]
    assert (amount["value"], amount["currency"], amount["text"]) == (4_500_000_000, "KRW", "4.5 billion KRW")
    assert amount["about"] == "Busan Robot Parts Support Project"  # "the project"
    [won] = ko["amounts"]
    assert (won["value"], won["text"], won["about"]) == (4_500_000_000, "45억 원", "부산 로봇부품 지원사업")
    by = [p for p in en["periods"] if p["text"] == "by 2027"]
    assert by and by[0]["end"] == 2027


def test_source_url_and_date_come_from_the_first_line(en, ko):
    assert en["source"]["url"] == "https://example.org/en/article/2025010212345"
    assert (en["source"]["date"], en["source"]["language"]) == ("2025-01-02", "en")
    assert (ko["source"]["url"], ko["source"]["date"], ko["source"]["language"]) == (None, None, "ko")


def test_korean_names_lose_their_particles_and_short_forms_link(ko):
    mentions = [n for e in ko["entities"] for n in [e["mention"]] + e["other_mentions"]]
    assert not [n for n in mentions if n.endswith(("는", "를", "은", "으로")) and n != "남정은"]
    assert _entity(ko, "부산시")["kg_id"] == "ag:busan-city"  # 부산광역시 in the graph
    assert _entity(ko, "한국로봇융합연구원")["kg_id"] == "ag:kiro"
    assert _entity(ko, "박형준")["kg_id"] == "ag:park-heong-joon"
    assert _entity(ko, "부산시장")["kg_id"] == "ag:mayor-of-busan"
    council = _entity(ko, "부산로봇산업협의회")
    assert (council["type"], council["kg_id"]) == ("Council", None)
    assert _entity(ko, "제1회 부산로봇산업협의회")["kg_id"] is None
    assert _entity(ko, "남정은")["type"] == "Person"  # a name that ends in 은 keeps it


def test_korean_relations(ko):
    assert {
        ("부산시", "establisher", "부산로봇산업협의회"),
        ("박형준", "head", "부산시장"),
        ("부산시", "implementer", "부산 로봇부품 지원사업"),
        ("한국로봇융합연구원", "lead", "부산 로봇부품 지원사업"),
        ("남정은", "member", "부산시"),
    } <= _relations(ko)


def test_every_quote_and_mention_is_verbatim(en, ko):
    for d, text in ((en, EN.split("\n", 2)[2]), (ko, KO)):
        for section in ("entities", "amounts", "periods", "counts", "relations"):
            for item in d[section]:
                assert item["quote"] in text, (section, item["quote"])
        for e in d["entities"]:
            for name in [e["mention"]] + e["other_mentions"]:
                assert name in text
        for a in d["amounts"]:
            assert a["text"] in a["quote"]


def test_the_json_has_the_gold_files_shape(en):
    assert GOLD_KEYS <= set(en)
    assert set(en["source"]) >= {"url", "publisher", "date", "language", "machine_translated"}
    for e in en["entities"]:
        assert {"mention", "other_mentions", "type", "kg_id", "quote"} <= set(e)
    for r in en["relations"]:
        assert {"agent", "role", "target", "quote", "confidence"} <= set(r) and r["confidence"] in ("explicit", "implied")
    names = {n for e in en["entities"] for n in [e["mention"]] + e["other_mentions"]}
    assert {r["agent"] for r in en["relations"]} | {r["target"] for r in en["relations"]} <= names
    assert {a["about"] for a in en["amounts"]} <= names
    json.dumps(en, ensure_ascii=False)


def test_the_trig_parses_and_marks_every_item_proposed(en, ko):
    for d in (en, ko):
        quads = list(ox.parse(as_trig(d).encode(), format=ox.RdfFormat.TRIG))
        src = [q.subject for q in quads if q.object == ox.NamedNode("https://w3id.org/rip-kg/def#Source")]
        assert len(src) == 1
        draft_status = ox.NamedNode("https://w3id.org/rip-kg/def#draftStatus")
        relations = {q.subject for q in quads if q.predicate == ox.NamedNode("http://www.w3.org/ns/prov#agent")}
        assert len(relations) == len(d["relations"])
        proposed = {q.subject for q in quads if q.predicate == draft_status}
        assert relations <= proposed
        graphs = {q.graph_name for q in quads if q.subject in relations}
        assert len(graphs) == 1 and graphs != {ox.DefaultGraph()}


def test_machine_translation_notes_are_read():
    d = kg.draft_article("x.txt", text="AI-translated Press Releases\n\nBusan City held a forum.")
    assert d["source"]["machine_translated"] is True


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"\x00\x01\x02binary", "is a binary file"),
    (b"", "is empty"),
    (b"  \n\n ", "is empty"),
    (b"\xff\xfe caf\xe9", "is not UTF-8 text"),
])
def test_unreadable_articles_are_clean_errors(tmp_path, run, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        kg.draft_article(str(path))
    r = run("draft", str(path))
    assert r.returncode == 1 and r.stderr.startswith("Error: ") and message in r.stderr and "Traceback" not in r.stderr
    r = run("draft", str(path), "--format", "json")
    assert r.returncode == 1 and json.loads(r.stdout)["error"] == "bad_article"


def test_usage_errors_exit_2(tmp_path, run):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    assert run("draft", str(tmp_path / "a.txt"), "--date", "2024/01/02").returncode == 2
    assert run("draft", str(tmp_path / "a.txt"), "--lang", "fr").returncode == 2


def test_a_directory_drafts_every_article_with_progress(tmp_path, run):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "01_en.txt").write_text(EN, encoding="utf-8")
    (articles / "02_ko.txt").write_text(KO, encoding="utf-8")
    (articles / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out"
    r = run("draft", str(articles), "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "[1/2] 01_en.txt" in r.stderr and "[2/2] 02_ko.txt" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["01.json", "02.json"]
    assert json.loads((out / "02.json").read_text(encoding="utf-8"))["source"]["language"] == "ko"
    r = run("draft", str(articles))  # TriG beside each article
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in articles.glob("*.draft.trig")) == ["01_en.txt.draft.trig", "02_ko.txt.draft.trig"]
    ox.parse((articles / "01_en.txt.draft.trig").read_bytes(), format=ox.RdfFormat.TRIG)
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("draft", str(empty))
    assert r.returncode == 1 and "holds no .txt article" in r.stderr


def test_url_publisher_date_and_language_options(tmp_path, run):
    path = tmp_path / "a.txt"
    path.write_text(EN.split("\n", 2)[2], encoding="utf-8")  # without the URL line
    r = run("draft", str(path), "--format", "json", "--url", "https://example.org/news/2024/03/05/x",
            "--publisher", "Example News", "--lang", "en")
    source = json.loads(r.stdout)["source"]
    assert (source["url"], source["publisher"], source["date"]) == ("https://example.org/news/2024/03/05/x",
                                                                    "Example News", "2024-03-05")
    r = run("draft", str(path), "--format", "json", "--date", "2025-02-03")
    assert json.loads(r.stdout)["source"]["date"] == "2025-02-03"


def test_korean_with_kiwi_finds_the_same_names(graph):
    pytest.importorskip("kiwipiepy")
    d = kg.draft_article("ko.txt", text=KO, graph=graph, korean="kiwi")
    assert _entity(d, "부산시")["kg_id"] == "ag:busan-city"
    assert _entity(d, "부산로봇산업협의회")["type"] == "Council"
    assert _entity(d, "제1회 부산로봇산업협의회")["kg_id"] is None
    assert ("한국로봇융합연구원", "lead", "부산 로봇부품 지원사업") in _relations(d)


ULSAN = """Ulsan and Busan sign a hydrogen pact

Mayor Park Hyun-joon of Ulsan and Busan City signed an agreement on hydrogen buses on Monday.
The city will share its charging stations, Busan Mayor Park Heong-joon said.
"""


def test_another_citys_mayor_is_not_busans_and_anaphors_are_not_names(graph):
    d = kg.draft_article("ulsan.txt", text=ULSAN, graph=graph)
    # Ulsan's mayor (a person the graph does not hold) heads nothing of Busan's
    assert not any(r["agent"] == "Park Hyun-joon" and r["role"] == "head" for r in d["relations"])
    assert ("Park Heong-joon", "head", "Busan Mayor") in _relations(d)
    trig = as_trig(d)
    # "The city" finds Busan City in this article only: never written as one of its names
    assert '"The city"' not in trig and '"Mayor"@en' not in trig and '"Busan City"@en' in trig


def test_two_articles_with_one_file_name_never_share_ids(graph):
    a = as_trig(kg.draft_article("01.txt", text=ULSAN, graph=graph))
    b = as_trig(kg.draft_article("01.txt", text=EN, graph=graph))
    ids = [{q.subject.value for q in ox.parse(t.encode(), format=ox.RdfFormat.TRIG) if "/draft-" in q.subject.value} for t in (a, b)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]
