"""The ontology: every local term has a label and a comment; every term the data uses is declared."""
from rdflib import Dataset, Graph, RDFS, URIRef

from kg.graph import files as paths

RIP = "https://w3id.org/rip-kg/def#"


def test_every_local_term_has_label_and_comment():
    g = Graph().parse(str(paths.package_dir("ontology") / "rip.ttl"))
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(RIP)}
    assert len(terms) > 100
    missing = [t for t in terms if g.value(t, RDFS.label) is None or g.value(t, RDFS.comment) is None]
    assert missing == []


def test_data_uses_only_declared_rip_terms():
    onto = Graph().parse(str(paths.package_dir("ontology") / "rip.ttl"))
    declared = {str(s) for s in onto.subjects()}
    used = set()
    for f in paths.data_files(paths.package_dir("data")):
        ds = Dataset()
        ds.parse(str(f), format="trig")
        for _, p, o, _ in ds.quads():
            used |= {str(x) for x in (p, o) if str(x).startswith(RIP)}
    assert sorted(used - declared) == []
