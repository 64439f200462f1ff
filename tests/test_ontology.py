"""The ontology is documented like W3C ORG, aligned with standard vocabularies, and in OWL 2 RL."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import natokg
from natokg.loading import parse_file
from natokg.namespaces import NKG

ONTOLOGY = URIRef("https://w3id.org/natokg/ontology")
STANDARD = (
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "https://schema.org/",
    "http://xmlns.com/foaf/0.1/",
    "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "http://www.w3.org/2006/time#",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2004/02/skos/core#",
    str(RDF),
)
# Constructs outside OWL 2 RL that owlrl could not reason with as intended.
NOT_RL = (OWL.someValuesFrom, OWL.minCardinality, OWL.cardinality, OWL.ReflexiveProperty, OWL.hasKey)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse_file(natokg.data_root() / "ontology" / "natokg.ttl")


def _terms(ontology: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(NKG)))


def test_header_has_version_and_licence(ontology: Graph) -> None:
    for predicate in (OWL.versionInfo, OWL.versionIRI, DCTERMS.license, DCTERMS.title, RDFS.label):
        assert ontology.value(ONTOLOGY, predicate) is not None, predicate


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])
def test_every_term_has_label_definition_and_home(ontology: Graph, kind: URIRef) -> None:
    terms = _terms(ontology, kind)
    assert terms
    for term in terms:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY, term


@pytest.mark.parametrize("kind", [OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_property_has_domain_and_range(ontology: Graph, kind: URIRef) -> None:
    for prop in _terms(ontology, kind):
        assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
        assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_every_class_is_aligned_with_a_standard_vocabulary(ontology: Graph) -> None:
    for cls in _terms(ontology, OWL.Class):
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        assert any(str(a).startswith(STANDARD) for a in ancestors), f"{cls} is not aligned"


def test_stays_within_owl2_rl(ontology: Graph) -> None:
    used = {p for p in ontology.predicates()} | {o for o in ontology.objects()}
    assert not used & set(NOT_RL)


def test_every_term_used_in_the_data_is_declared(dataset) -> None:
    declared = set(dataset.graph(natokg.ONTOLOGY_GRAPH).subjects())
    for graph in natokg.graph_names(dataset, ["asserted", "background"]):
        for _s, p, o in dataset.graph(graph):
            assert not str(p).startswith(str(NKG)) or p in declared, p
            if p == RDF.type and str(o).startswith(str(NKG)):
                assert o in declared, o
