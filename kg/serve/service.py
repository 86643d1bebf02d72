"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""
import pyoxigraph as ox

from ..query.results import GRAPH_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def description(graph, endpoint, fmt="ttl"):
    """The description as bytes in FMT (ttl, nt, jsonld or xml): the endpoint, the query language, the
    result formats, and the default dataset: every named graph (one per source) and their union."""
    sd = lambda local: ox.NamedNode(SD + local)  # noqa: E731
    service, dataset, default = ox.NamedNode(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + name)))
    for i, g in enumerate(sorted(graph.user_graphs(), key=str)):
        node = ox.BlankNode(f"g{i}")
        triples += [ox.Triple(dataset, sd("namedGraph"), node), ox.Triple(node, RDF_TYPE, sd("NamedGraph")),
                    ox.Triple(node, sd("name"), g)]
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes={"sd": SD} if fmt == "ttl" else None)
