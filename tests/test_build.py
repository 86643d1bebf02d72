"""The build's derived quads (kg.build.Deriver): what it writes, and that it writes it once."""
import io
from pathlib import Path

from kg.graph.build import Deriver

DATA = Path(__file__).parent.parent / "data"
RESTATED = Path(__file__).parent / "data" / "restated" / "restated.trig"
SAMSUNG = "<https://w3id.org/rip-kg/id/agent/samsung-electronics>"
KEY = "<https://w3id.org/rip-kg/def#nameKey>"
INDEX = "<https://w3id.org/rip-kg/graph/index>"


def derived_lines(*files):
    out = io.StringIO()
    derive = Deriver(out)
    for f in files:
        derive.feed(f)
    derive.finish()
    lines = out.getvalue().splitlines()
    assert derive.count == len(lines)
    return lines


def test_each_name_of_an_entity_is_indexed_once_however_often_it_is_restated():
    # Samsung's names, by hand from the files: "Samsung Electronics Co." and "Samsung Electronics"
    # (004), "삼성전자" and "Samsung Electronics Co., Ltd." (background), "Samsung Electronics" again
    # (curation), and "Samsung Electronics" and "삼성전자" once more (restated): four names, seven
    # statements of them.
    files = [DATA / "004-mk-jeonbuk-smart-factory-mou.trig", DATA / "background.trig", DATA / "curation.trig", RESTATED]
    keys = sorted(line for line in derived_lines(*files) if line.startswith(f"{SAMSUNG} {KEY}"))
    assert keys == sorted(f'{SAMSUNG} {KEY} "{k}" {INDEX} .'
                          for k in ("samsungelectronicsco", "samsungelectronics", "삼성전자", "samsungelectronicscoltd"))


def test_restating_a_source_adds_no_index_lines():
    shipped = sorted(DATA.glob("*.trig"))
    index = [line for line in derived_lines(*shipped) if line.endswith(f"{INDEX} .")]
    again = [line for line in derived_lines(*shipped, RESTATED) if line.endswith(f"{INDEX} .")]
    assert again == index  # restated.trig names only entities, with names, the shipped files already give


def test_small_files_loaded_together_keep_their_own_blank_nodes(tmp_path):
    """Small files go into one bulk load; a blank node is still its file's own, as when each file is
    loaded alone, and the default graph's triples still go to gr:default."""
    import kg

    d = tmp_path / "small"
    d.mkdir()
    for name, value in (("a.ttl", "one"), ("b.ttl", "two")):
        (d / name).write_text(f'_:b1 <http://example.org/test#v> "{value}" .\n')
    g = kg.open_graph([d])
    rows = kg.sparql("SELECT ?s ?v WHERE { GRAPH gr:default { ?s <http://example.org/test#v> ?v } }", graph=g).to_python()
    assert sorted(r["v"] for r in rows) == ["one", "two"]
    assert len({r["s"] for r in rows}) == 2
