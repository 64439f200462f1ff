"""The namespaces natokg uses, and the IRIs of its named graphs.

>>> from natokg.namespaces import NKG, NKR
>>> NKR["elbridge-colby"]
rdflib.term.URIRef('https://w3id.org/natokg/id/elbridge-colby')
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

NKG = Namespace("https://w3id.org/natokg/ontology#")
NKR = Namespace("https://w3id.org/natokg/id/")
CAMEO = Namespace("https://w3id.org/natokg/cameo/")
BG = Namespace("https://w3id.org/natokg/id/background/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
GRAPH = Namespace("https://w3id.org/natokg/graph/")
#: NIF 2.0 links a mention to the entity it refers to with itsrdf:taIdentRef (W3C ITS 2.0).
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
BACKGROUND_GRAPH = GRAPH["background"]
INFERRED_GRAPH = GRAPH["inferred"]
BACKGROUND_INFERRED_GRAPH = GRAPH["inferred-background"]
INFERRED_GRAPHS = (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH)

PREFIXES: dict[str, Namespace] = {
    "nkg": NKG,
    "nkr": NKR,
    "cameo": CAMEO,
    "bg": BG,
    "org": ORG,
    "nif": NIF,
    "sem": SEM,
    "wd": WD,
    "itsrdf": ITSRDF,
    "prov": Namespace(str(PROV)),
    "time": Namespace(str(TIME)),
    "schema": Namespace(str(SDO)),
    "skos": Namespace(str(SKOS)),
    "foaf": Namespace(str(FOAF)),
    "dcterms": Namespace(str(DCTERMS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}


def article_graph(slug: str) -> URIRef:
    """The IRI of the named graph that holds one article.

    >>> article_graph("reuters-2026-02-12-colby-nato-brussels")
    rdflib.term.URIRef('https://w3id.org/natokg/graph/article/reuters-2026-02-12-colby-nato-brussels')
    """
    return GRAPH[f"article/{slug}"]


def article_namespace(slug: str) -> Namespace:
    """The namespace of the nodes (events, spans, quotations) that one article mints.

    >>> article_namespace("x")["text"]
    rdflib.term.URIRef('https://w3id.org/natokg/id/x/text')
    """
    return Namespace(f"{NKR}{slug}/")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind natokg's prefixes on ``graph`` (so Turtle output stays readable) and return it.

    >>> "nkg" in dict(bind_prefixes(Graph()).namespaces())
    True
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
