"""Reasoning: OWL 2 RL inferences (owlrl) kept in their own named graph, without noise.

The closure is computed over everything asserted (ontology, entities, articles, background);
only the new facts about the world are kept. Because the closure takes seconds, the result is
cached on disk, keyed by a hash of its input, so its cost is paid once per change of the data.

The cache file is N-Quads written by :func:`natokg.export.nquads` (every line break in a literal
escaped), atomically, behind a header line that holds the number of triples and the SHA-256 of
the rest; a file that fails the check (cut, corrupted, edited) is a miss: it is recomputed and
rewritten, with a one-line warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.export import nquads
from natokg.files import atomic_write
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
FILTER_VERSION = 3

#: The first line of a cache file: a comment to N-Quads, so the file stays valid N-Quads.
CACHE_HEADER = re.compile(rb"# natokg inferences v1 triples=(\d+) sha256=([0-9a-f]{64})\n")

log = logging.getLogger(__name__)

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
    """Every term the ontology graph defines: classes, properties, axiom nodes (list cells,
    restrictions) and the concepts of the CAMEO scheme, i.e. every subject of the ontology graph
    and every node typed there with an OWL or RDFS meta-class.

    Inferences about them (``skos:narrower`` between CAMEO concepts, say) are schema, not facts.

    >>> from natokg.loading import load
    >>> from natokg.namespaces import ONTOLOGY_GRAPH, PREFIXES
    >>> PREFIXES["cameo"]["010"] in schema_terms(load().graph(ONTOLOGY_GRAPH))
    True
    """
    terms: set[Node] = {s for t in TBOX_TYPES for s in ontology.subjects(RDF.type, t)}
    terms |= set(ontology.subjects())
    return terms


def closure(triples: Iterable[Triple]) -> Graph:
    """Return the OWL 2 RL closure of ``triples`` (asserted plus inferred), computed by owlrl.

    Raises :class:`InconsistencyError` when owlrl finds a contradiction.
    """
    import owlrl  # here, not at the top: the store's rules reuse is_noise without owlrl's import cost

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    with _interrupts_kept():
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    messages = sorted(str(m) for m in graph.objects(None, OWLRL_ERROR))
    if messages:
        raise InconsistencyError(messages)
    return graph


@contextlib.contextmanager
def _interrupts_kept() -> Iterator[None]:
    """Ctrl-C during the block is raised after it, whatever the block did with it: owlrl checks
    literals inside bare ``except:`` clauses (owlrl/DatatypeHandling.py), which take the
    KeyboardInterrupt for a literal that does not match its datatype and report a contradiction."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    interrupted = False
    previous = signal.getsignal(signal.SIGINT)

    def note(signum: int, frame: object) -> None:
        nonlocal interrupted
        interrupted = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, note if previous is signal.default_int_handler else previous)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if interrupted:
            raise KeyboardInterrupt


def compute_inferences(dataset: Dataset) -> dict[URIRef, Graph]:
    """What OWL 2 RL derives, kept apart by what it rests on.

    Returns two graphs: under :data:`INFERRED_GRAPH` what follows from the ontology, the shared
    entities and the articles alone; under :data:`BACKGROUND_INFERRED_GRAPH` what also needs the
    background knowledge. Only meaningful new triples are kept (see :func:`is_noise`).

    >>> from natokg.namespaces import NKG, NKR, article_graph
    >>> ds = Dataset()
    >>> _ = ds.graph(ONTOLOGY_GRAPH).add((NKG.Summit, RDFS.subClassOf, NKG.Meeting))
    >>> _ = ds.graph(article_graph("a")).add((NKR.s, RDF.type, NKG.Summit))
    >>> inferred = compute_inferences(ds)
    >>> sorted(str(o).rsplit("#", 1)[-1] for o in inferred[INFERRED_GRAPH].objects(NKR.s, RDF.type))
    ['Meeting']
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
    from importlib.metadata import version

    from natokg import __version__

    digest = hashlib.sha256(f"owlrl {version('owlrl')} natokg {__version__} filter {FILTER_VERSION}\n".encode())
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
    """The cached graphs, or None when the file is missing or fails its check (then recompute).

    A file that exists but fails the check (no header, a count or hash that does not match, a
    line that is not N-Quads, a graph other than the two inferred ones) is named in a warning.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _damaged(path, f"cannot read it ({exc.strerror or exc})")
    header = CACHE_HEADER.match(data)
    if header is None:
        return _damaged(path, "it has no natokg header")
    body = data[header.end() :]
    count, digest = int(header.group(1)), header.group(2).decode()
    if hashlib.sha256(body).hexdigest() != digest:
        return _damaged(path, "its content does not match the hash in its header")
    lines = body.count(b"\n")
    if lines != count:
        return _damaged(path, f"it holds {lines} lines, not the {count} of its header")
    dataset = Dataset()
    try:
        dataset.parse(data=body.decode("utf-8"), format="nquads")
    except Exception as exc:  # any parser failure is a damaged file, whatever the parser raises
        return _damaged(path, f"it is not valid N-Quads ({type(exc).__name__})")
    result = {name: bind_prefixes(Graph()) for name in INFERRED_GRAPHS}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if name not in result:
            return _damaged(path, f"it holds the graph <{name}>")
        result[name].add((s, p, o))
    if sum(len(graph) for graph in result.values()) != count:
        return _damaged(path, f"it reads as {sum(len(g) for g in result.values())} triples, not {count}")
    return result


def _damaged(path: Path, reason: str) -> None:
    log.warning("natokg: ignoring the inference cache %s: %s; recomputing", path, reason)
    return None


def cache_text(graphs: dict[URIRef, Graph]) -> bytes:
    r"""The cache file for ``graphs``: a header line with the triple count and the SHA-256 of the
    N-Quads that follow it (one quad a line, sorted, every line break in a literal escaped).

    >>> from rdflib import Literal
    >>> g = Graph().add((URIRef("urn:s"), URIRef("urn:p"), Literal("two\u2028lines")))
    >>> text = cache_text({INFERRED_GRAPH: g})
    >>> text.splitlines()[0].startswith(b"# natokg inferences v1 triples=1 sha256=")
    True
    >>> text.count(b"\n")
    2
    """
    body = nquads((s, p, o, name) for name, graph in graphs.items() for s, p, o in graph).encode("utf-8")
    count = sum(len(graph) for graph in graphs.values())
    return f"# natokg inferences v1 triples={count} sha256={hashlib.sha256(body).hexdigest()}\n".encode() + body


def _write_cache(graphs: dict[URIRef, Graph], path: Path) -> None:
    """Write atomically: a crash leaves either no cache file or a whole one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, cache_text(graphs))
    except (OSError, NatokgError) as exc:
        # A read-only home must not stop reasoning: the cache is an optimisation only.
        log.warning("natokg: cannot cache the inferences in %s (%s); they will be computed again", path, exc)
