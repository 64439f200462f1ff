"""Reasoning: OWL 2 RL inferences (owlrl) kept in their own named graph, without noise.

The closure is computed over everything asserted (ontology, entities, articles, background);
only the new facts about the world are kept. Because the closure takes seconds, the result is
cached on disk, keyed by a hash of its input, so its cost is paid once per change of the data.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import owlrl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.files import atomic_open
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    INFERRED_GRAPH,
    INFERRED_GRAPHS,
    ONTOLOGY_GRAPH,
    PREFIXES,
    bind_prefixes,
)

Triple = tuple[Node, Node, Node]

# Bump when is_noise or the split of the inferences changes, so that old caches are not reused.
FILTER_VERSION = 2

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


def compute_inferences(dataset: Dataset) -> dict[URIRef, Graph]:
    """What OWL 2 RL derives, kept apart by what it rests on.

    Returns two graphs: under :data:`INFERRED_GRAPH` what follows from the ontology, the shared
    entities and the articles alone; under :data:`BACKGROUND_INFERRED_GRAPH` what also needs the
    background knowledge. Only meaningful new triples are kept (see :func:`is_noise`).

    >>> from natokg.loading import load
    >>> inferred = compute_inferences(load())
    >>> (None, OWL.sameAs, None) in inferred[INFERRED_GRAPH]
    False
    """
    tbox = schema_terms(dataset.graph(ONTOLOGY_GRAPH))
    reported = set(_asserted_triples(dataset, background=False))
    everything = reported | set(dataset.graph(BACKGROUND_GRAPH))
    from_reporting = closure(reported)
    result = {INFERRED_GRAPH: bind_prefixes(Graph()), BACKGROUND_INFERRED_GRAPH: bind_prefixes(Graph())}
    for triple in from_reporting:
        if triple not in everything and not is_noise(triple, tbox):
            result[INFERRED_GRAPH].add(triple)
    for triple in closure(everything):
        if triple not in everything and triple not in from_reporting and not is_noise(triple, tbox):
            result[BACKGROUND_INFERRED_GRAPH].add(triple)
    return result


def inferences(dataset: Dataset, *, cache: bool = True) -> dict[URIRef, Graph]:
    """The inferences for ``dataset`` (as :func:`compute_inferences`), read from :func:`cache_dir`
    when computed before. Unlike :func:`add_inferences` it leaves ``dataset`` as it is.

    >>> from natokg.loading import load
    >>> len(inferences(load())[INFERRED_GRAPH]) > 0
    True
    """
    path = cache_dir() / f"inferred-{_fingerprint(dataset)}.nq" if cache else None
    cached = _read_cache(path) if path is not None else None
    if cached is not None:
        return cached
    inferred = compute_inferences(dataset)
    if path is not None:
        _write_cache(inferred, path)
    return inferred


def add_inferences(dataset: Dataset, *, cache: bool = True) -> Graph:
    """Put the inferences into ``dataset`` as the named graphs ``graph/inferred`` (from the reporting)
    and ``graph/inferred-background`` (needing background knowledge); return the first.

    >>> from natokg.loading import load
    >>> ds = load()
    >>> len(add_inferences(ds)) > 0
    True
    """
    for name, graph in inferences(dataset, cache=cache).items():
        target = dataset.graph(name)
        target.remove((None, None, None))
        for triple in graph:
            target.add(triple)
    return dataset.graph(INFERRED_GRAPH)


def _asserted_triples(dataset: Dataset, *, background: bool = True) -> Iterable[Triple]:
    skipped = set(INFERRED_GRAPHS) | (set() if background else {BACKGROUND_GRAPH})
    for graph in dataset.graphs():
        if graph.identifier not in skipped:
            yield from graph


def _fingerprint(dataset: Dataset) -> str:
    """A hash of the asserted triples and of the code that filters the closure; blank-node labels
    change on every parse, so they are ignored."""
    from natokg import __version__

    digest = hashlib.sha256(f"owlrl {owlrl.__version__} natokg {__version__} filter {FILTER_VERSION}\n".encode())
    for name in (BACKGROUND_GRAPH, None):  # background apart: moving a triple in or out changes the result
        graph = dataset.graph(name) if name is not None else None
        triples = graph if graph is not None else _asserted_triples(dataset, background=False)
        lines = {" ".join("_:" if isinstance(t, BNode) else t.n3() for t in triple) for triple in triples}
        for line in sorted(lines):
            digest.update(line.encode())
            digest.update(b"\n")
        digest.update(b"--\n")
    return digest.hexdigest()[:24]


def _read_cache(path: Path) -> dict[URIRef, Graph] | None:
    """The cached graphs, or None when the file is missing, empty or unreadable (then recompute)."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    dataset = Dataset()
    try:
        dataset.parse(path, format="nquads")
    except Exception:  # a damaged cache is only a miss, whatever the parser raises
        return None
    result = {name: bind_prefixes(Graph()) for name in INFERRED_GRAPHS}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if name not in result:
            return None
        result[name].add((s, p, o))
    return result if len(result[INFERRED_GRAPH]) else None


def _write_cache(graphs: dict[URIRef, Graph], path: Path) -> None:
    """Write atomically: a crash leaves either no cache file or a whole one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(path) as handle:
            for name, graph in graphs.items():
                for s, p, o in graph:
                    handle.write(f"{s.n3()} {p.n3()} {o.n3()} {name.n3()} .\n".encode())
    except (OSError, NatokgError):
        # A read-only home must not stop reasoning: the cache is an optimisation only.
        return
