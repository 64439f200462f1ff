"""The store's rule engine gives exactly owlrl's inferences (noise removed), kept apart the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

import natokg
from natokg.errors import NatokgError
from natokg.namespaces import INFERRED_GRAPH, NKG, NKR, ORG
from natokg.reasoning import InconsistencyError, compute_inferences, inferences
from natokg.store import build, named_graph
from natokg.store.rules import compile_rules


def test_shipped_article_gives_owlrls_inferences(tmp_path: Path, same_as_owlrl: Callable) -> None:
    store = build(store_dir=tmp_path / "store", progress=False)
    same_as_owlrl(store, inferences(natokg.load()))
    assert store.contradictions == []


def test_generated_corpus_gives_owlrls_inferences(tmp_path: Path, corpus: ModuleType, same_as_owlrl: Callable) -> None:
    root = corpus.make_corpus(12, tmp_path / "data", people=150, shipped=False)
    store = build(root, tmp_path / "store", progress=False)
    reference = compute_inferences(natokg.load(root, cache=False))
    assert len(reference[INFERRED_GRAPH]) > 1000  # the corpus is not trivially small
    same_as_owlrl(store, reference)


def test_chains_across_articles(
    tmp_path: Path, bare_root: Path, write_article: Callable[[Path, str, str], Path], same_as_owlrl: Callable
) -> None:
    # A: x ⊂ y, p1 holds a post; B: y ⊂ z, the post is in x; C: a meeting at a hall; D: the hall's city.
    write_article(bare_root, "a", "nkr:x org:subOrganizationOf nkr:y . nkr:p1 org:holds nkr:post-a .")
    write_article(bare_root, "b", "nkr:y org:subOrganizationOf nkr:z . nkr:post-a org:postIn nkr:x .")
    write_article(bare_root, "c", "nkr:m1 nkg:place nkr:hall .")
    write_article(bare_root, "d", "nkr:hall nkg:locatedIn nkr:city . nkr:city nkg:locatedIn nkr:land .")
    store = build(bare_root, tmp_path / "store", progress=False)
    inferred = named_graph(store, INFERRED_GRAPH)
    gold = [
        (NKR.x, NKG.belongsTo, NKR.z),  # transitive belongsTo over two articles
        (NKR.p1, ORG.memberOf, NKR.x),  # org:holds ∘ org:postIn ⊑ org:memberOf over two articles
        (NKR.p1, NKG.belongsTo, NKR.z),  # ... then the transitive chain
        (NKR.m1, NKG.place, NKR.land),  # place ∘ locatedIn ⊑ place, locatedIn transitive
        (NKR.z, ORG.hasSubOrganization, NKR.y),  # inverse
    ]
    for triple in gold:
        assert triple in inferred, triple
    same_as_owlrl(store, compute_inferences(natokg.load(bare_root, cache=False)))


def test_equality_from_a_functional_property_changes_facts(
    tmp_path: Path, bare_root: Path, write_article: Callable[[Path, str, str], Path], same_as_owlrl: Callable
) -> None:
    # nkg:saidBy is functional: two articles naming different speakers of one quotation equate them.
    write_article(bare_root, "e", "nkr:q1 nkg:saidBy nkr:p1 . nkr:p1 org:memberOf nkr:x .")
    write_article(bare_root, "f", "nkr:q1 nkg:saidBy nkr:p2 .")
    store = build(bare_root, tmp_path / "store", progress=False)
    inferred = named_graph(store, INFERRED_GRAPH)
    assert (NKR.p1, OWL.sameAs, NKR.p2) in inferred
    assert (NKR.p2, ORG.memberOf, NKR.x) in inferred  # eq-rep-s: the equality carries the fact over
    same_as_owlrl(store, compute_inferences(natokg.load(bare_root, cache=False)))


def test_a_node_in_two_disjoint_classes_is_reported(
    tmp_path: Path, bare_root: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    write_article(bare_root, "g", "nkr:someone a nkg:Person .")
    write_article(bare_root, "h", "nkr:someone a nkg:Organization .")
    store = build(bare_root, tmp_path / "store", progress=False)
    assert any(str(NKR.someone) in m and "Disjoint classes" in m for m in store.contradictions), store.contradictions
    with pytest.raises(InconsistencyError):
        compute_inferences(natokg.load(bare_root, cache=False))


def test_an_axiom_the_engine_does_not_evaluate_is_refused() -> None:
    ontology = Graph()
    ontology.parse(
        data="@prefix owl: <http://www.w3.org/2002/07/owl#> . <urn:c> owl:unionOf ( <urn:a> <urn:b> ) .",
        format="turtle",
    )
    with pytest.raises(NatokgError, match="unionOf"):
        compile_rules(ontology)


def test_the_sparql_noise_patterns_select_what_is_noise_calls_noise() -> None:
    import pyoxigraph as ox

    from natokg.loading import Sources, parse_file
    from natokg.namespaces import ONTOLOGY_GRAPH
    from natokg.reasoning import is_noise, schema_terms
    from natokg.store._oxigraph import to_oxigraph, triple_to_rdflib
    from natokg.store.rule_queries import noise_patterns

    ontology = Graph()
    for path in Sources.find().ontology:
        parse_file(path, ontology)
    axiom = next(s for s in ontology.subjects() if not isinstance(s, URIRef))  # a blank schema node
    x, y = NKR.someone, NKR.other
    # Each kind of noise once, and near misses that are facts (written by hand, not from the code).
    noise = [
        (NKG.Person, RDFS.subClassOf, NKG.Agent),  # a schema term as subject
        (x, RDFS.seeAlso, axiom),  # a schema blank node as object
        (URIRef(str(OWL) + "Thing"), RDFS.label, Literal("t")),  # a subject in a built-in namespace
        (URIRef(str(ORG) + "unknownTerm"), RDFS.label, Literal("t")),  # ... in a reused vocabulary
        (x, OWL.sameAs, x),  # reflexive
        (x, RDF.type, OWL.Thing),  # a built-in class
    ]
    facts = [
        (x, OWL.sameAs, y),
        (x, RDF.type, NKG.Person),
        (x, ORG.memberOf, NKR.nato),
        (x, RDFS.seeAlso, BNode()),
        (BNode(), RDF.type, NKG.Person),
        (x, NKG.place, Literal("Brussels")),
    ]
    store = ox.Store()
    for triple in ontology:
        store.add(ox.Quad(*map(to_oxigraph, triple), ox.NamedNode(str(ONTOLOGY_GRAPH))))
    for triple in noise + facts:
        store.add(ox.Quad(*map(to_oxigraph, triple), ox.NamedNode("urn:scope")))
    selected = {
        triple_to_rdflib(ox.Triple(r["s"], r["p"], r["o"]))
        for pattern in noise_patterns("urn:scope")
        for r in store.query(f"SELECT ?s ?p ?o WHERE {{ {pattern} }}")
    }
    terms = schema_terms(ontology)
    assert selected == {t for t in noise + facts if is_noise(t, terms)} == set(noise)
