"""IRIs of the kg vocabulary, the prefixes every query and export uses, and short ids (shorten, expand)."""
from functools import lru_cache

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
DEFAULT_GRAPH = GRAPH + "default"  # the triples of the data files' default graph (the source registry)
INDEX_GRAPH = GRAPH + "index"
ONTOLOGY_GRAPH = GRAPH + "ontology"


_BY_NAMESPACE = {}  # namespace -> prefix


@lru_cache(maxsize=None)
def shorten(iri):
    """'https://w3id.org/rip-kg/id/agent/motie' -> 'ag:motie' (longest matching prefix).

    Namespaces end in '/' or '#', so only the IRI's cut points need looking up (the network projections
    call this ~100k times on a large graph).

    >>> shorten("https://w3id.org/rip-kg/id/agent/motie")
    'ag:motie'
    >>> shorten("http://example.org/x")
    'http://example.org/x'
    """
    if not _BY_NAMESPACE:
        _BY_NAMESPACE.update({ns: p for p, ns in sorted(PREFIXES.items(), key=lambda x: len(x[1]))})
    for i in range(len(iri) - 1, -1, -1):
        if iri[i] in "/#":
            prefix = _BY_NAMESPACE.get(iri[:i + 1])
            if prefix is not None:
                return f"{prefix}:{iri[i + 1:]}"
    return iri


def expand(curie):
    """'ag:motie' -> full IRI; anything else is returned unchanged."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return curie


def local_name(iri):
    """The last segment of an IRI, after its last '#' or '/'.

    >>> local_name("https://w3id.org/rip-kg/def#Project"), local_name("http://www.w3.org/ns/org#Post")
    ('Project', 'Post')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Terms:
    """The terms of one namespace that kg's code names, as a closed set: a typo raises at once instead
    of building an IRI that silently matches nothing. Hyphenated terms are read with [].

    >>> rip.partOf, rip["role-head"]
    ('https://w3id.org/rip-kg/def#partOf', 'https://w3id.org/rip-kg/def#role-head')
    >>> rip.partof
    Traceback (most recent call last):
    AttributeError: rip:partof is not a term kg knows (see kg.vocab)
    """

    def __init__(self, prefix, names):
        self._prefix, self._ns, self._names = prefix, PREFIXES[prefix], frozenset(names)

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{self._prefix}:{name} is not a term kg knows (see kg.vocab)")
        return self._ns + name

    def __getitem__(self, name):
        return self.__getattr__(name)

    def __iter__(self):
        return iter(sorted(self._ns + n for n in self._names))


rip = Terms("rip", """AgreementRole DeprecatedRank EventRole Finding FundingRole Membership NormalRank PreferredRank
    ProjectRole QualifiedRelation QuantityClaim Strategy Target acronym partOf role-chair role-head role-member
    romanization shortcut target""".split())
org = Terms("org", "FormalOrganization Organization OrganizationalCollaboration OrganizationalUnit Post postIn unitOf".split())
prov = Terms("prov", "Agent agent hadRole wasDerivedFrom".split())
foaf = Terms("foaf", "Agent Person".split())
skos = Terms("skos", "altLabel hiddenLabel prefLabel".split())
