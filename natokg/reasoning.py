"""Reasoning: OWL 2 RL inferences (owlrl) kept in their own named graph, without noise.

The closure is computed over everything asserted (ontology, entities, articles, background);
only the new facts about the world are kept. Because the closure takes seconds, the result is
cached on disk, keyed by a hash of its input, so its cost is paid once per change of the data.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import owlrl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, bind_prefixes

Triple = tuple[Node, Node, Node]

# owlrl reports inconsistencies as triples in this namespace instead of raising.
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


class InconsistencyError(NatokgError):
    """The data contradicts the ontology (e.g. a node in two disjoint classes); ``messages`` says where."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("the graph is inconsistent with the ontology:\n  " + "\n  ".join(messages))


BUILT_IN_NAMESPACES = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
# Terms of the reused vocabularies are schema, not facts: inferences about them are noise.
VOCABULARY_NAMESPACES = tuple(
    str(PREFIXES[p]) for p in ("nkg", "org", "nif", "sem", "prov", "time", "schema", "skos", "foaf", "dcterms")
)
REFLEXIVE_NOISE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
TBOX_TYPES = {
    OWL.Class,
    RDFS.Class,
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.Ontology,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.FunctionalProperty,
    RDFS.Datatype,
}


def cache_dir() -> Path:
    """Where inferred graphs are cached: ``$NATOKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/natokg``.

    >>> cache_dir().name in ("natokg",) or "NATOKG_CACHE_DIR" in os.environ
    True
    """
    override = os.environ.get("NATOKG_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "natokg"


def is_noise(triple: Triple, schema_terms: set[Node]) -> bool:
    """True for an inferred triple that says nothing about the world.

    >>> from rdflib import URIRef
    >>> is_noise((URIRef("urn:x"), OWL.sameAs, URIRef("urn:x")), set())
    True
    >>> is_noise((URIRef("urn:x"), RDF.type, OWL.Thing), set())
    True
    """
    subject, predicate, obj = triple
    if isinstance(subject, Literal) or subject in schema_terms:
        return True
    if isinstance(obj, BNode) and obj in schema_terms:
        return True
    if str(subject).startswith(BUILT_IN_NAMESPACES + VOCABULARY_NAMESPACES):
        return True
    if predicate in REFLEXIVE_NOISE and subject == obj:
        return True
    # Typing with rdf:/rdfs:/owl: classes (owl:Thing, rdfs:Resource, owl:NamedIndividual) is noise.
    return predicate == RDF.type and str(obj).startswith(BUILT_IN_NAMESPACES)


def schema_terms(ontology: Graph) -> set[Node]:
    """Classes, properties and axiom nodes (list cells, restrictions) of the ontology graph."""
    terms: set[Node] = {s for t in TBOX_TYPES for s in ontology.subjects(RDF.type, t)}
    terms |= {s for s in ontology.subjects() if isinstance(s, BNode)}
    return terms


def closure(triples: Iterable[Triple]) -> Graph:
    """Return the OWL 2 RL closure of ``triples`` (asserted plus inferred), computed by owlrl.

    Raises :class:`InconsistencyError` when owlrl finds a contradiction.
    """
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    messages = sorted(str(m) for m in graph.objects(None, OWLRL_ERROR))
    if messages:
        raise InconsistencyError(messages)
    return graph


def compute_inferences(dataset: Dataset) -> Graph:
    """The meaningful new triples that OWL 2 RL derives from every non-inferred graph of ``dataset``.

    >>> from natokg.loading import load
    >>> inferred = compute_inferences(load())
    >>> (None, OWL.sameAs, None) in inferred
    False
    """
    asserted = set(_asserted_triples(dataset))
    tbox = schema_terms(dataset.graph(ONTOLOGY_GRAPH))
    inferred = bind_prefixes(Graph())
    for triple in closure(asserted):
        if triple not in asserted and not is_noise(triple, tbox):
            inferred.add(triple)
    return inferred


def inferences(dataset: Dataset, *, cache: bool = True) -> Graph:
    """The inferences for ``dataset``, read from :func:`cache_dir` when computed before.

    Unlike :func:`add_inferences` it leaves ``dataset`` as it is.

    >>> from natokg.loading import load
    >>> len(inferences(load())) > 0
    True
    """
    path = cache_dir() / f"inferred-{_fingerprint(dataset)}.nt" if cache else None
    if path is not None and path.is_file():
        return bind_prefixes(Graph()).parse(path, format="nt")
    inferred = compute_inferences(dataset)
    if path is not None:
        _write_cache(inferred, path)
    return inferred


def add_inferences(dataset: Dataset, *, cache: bool = True) -> Graph:
    """Put the inferences into ``dataset`` as the named graph ``natokg:graph/inferred`` and return it.

    >>> from natokg.loading import load
    >>> ds = load()
    >>> len(add_inferences(ds)) > 0
    True
    """
    target = dataset.graph(INFERRED_GRAPH)
    target.remove((None, None, None))
    for triple in inferences(dataset, cache=cache):
        target.add(triple)
    return target


def _asserted_triples(dataset: Dataset) -> Iterable[Triple]:
    for graph in dataset.graphs():
        if graph.identifier != INFERRED_GRAPH:
            yield from graph


def _fingerprint(dataset: Dataset) -> str:
    """A hash of the asserted triples; blank-node labels change on every parse, so they are ignored."""
    digest = hashlib.sha256(f"owlrl {owlrl.__version__}\n".encode())
    lines = {
        " ".join("_:" if isinstance(t, BNode) else t.n3() for t in triple) for triple in _asserted_triples(dataset)
    }
    for line in sorted(lines):
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:24]


def _write_cache(graph: Graph, path: Path) -> None:
    """Write atomically: a crash leaves either no cache file or a whole one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as handle:
            graph.serialize(handle, format="nt", encoding="utf-8")
        os.replace(handle.name, path)
    except OSError:
        # A read-only home must not stop reasoning: the cache is an optimisation only.
        return
