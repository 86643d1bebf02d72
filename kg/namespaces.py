"""IRIs of the kg vocabulary and the prefixes every query and export uses."""

BASE = "https://w3id.org/rip-kg/"
RIP = BASE + "def#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

PREFIXES = {
    "rip": RIP,
    "ag": ID + "agent/",
    "in": ID + "initiative/",
    "ev": ID + "event/",
    "rel": ID + "relation/",
    "cl": ID + "claim/",
    "pl": ID + "place/",
    "per": ID + "period/",
    "src": ID + "source/",
    "ind": ID + "indicator/",
    "gr": GRAPH,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "fabio": "http://purl.org/spar/fabio/",
}

# Graphs the build adds: derived shortcut edges, and the name index (hidden from users).
DERIVED_GRAPH = GRAPH + "derived"
INDEX_GRAPH = GRAPH + "index"
ONTOLOGY_GRAPH = GRAPH + "ontology"


def shorten(iri):
    """'https://w3id.org/rip-kg/id/agent/motie' -> 'ag:motie' (longest matching prefix)."""
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


def expand(curie):
    """'ag:motie' -> full IRI; anything else is returned unchanged."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return curie
