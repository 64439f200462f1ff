"""The ontology's OWL 2 RL axioms compiled into rules, evaluated semi-naively inside Oxigraph.

:func:`compile_rules` reads the axioms of the ontology graph (rdflib in, a :class:`RuleSet` out)
and folds every one-premise rule of the OWL 2 RL profile (W3C OWL 2 Profiles, section 4.3,
tables 4-9: ``prp-dom``, ``prp-rng``, ``prp-spo1``, ``prp-eqp1/2``, ``prp-inv1/2``, ``prp-symp``,
``cax-sco``, ``cax-eqc1/2``, ``eq-sym``, with the schema rules ``scm-*`` that chain them) into
lookup tables, so that one step maps a new triple to all its one-premise consequences. The rules
with two premises (``prp-trp``, ``prp-spo2``, ``prp-fp``, ``prp-ifp``, ``eq-trans``,
``eq-rep-s/p/o``) join the new facts of the last round with all facts (semi-naive evaluation:
each round joins only the delta). ``cax-dw``, ``cax-adc`` and ``cls-nothing2`` report
contradictions. :func:`materialise` runs the rounds as SPARQL ``INSERT ... WHERE`` updates in the
store (no inferred triple passes through Python) and keeps the result apart as
:mod:`natokg.reasoning` does: what follows from the reporting, and what follows only with the
background (a second semi-naive run seeded with the background triples, not a second closure).
The noise filter is :func:`natokg.reasoning.is_noise`, written in SPARQL
(:func:`natokg.store.rule_queries.noise_patterns`).

Scope, checked by :func:`compile_rules`: axioms are read from the ontology graph only, and an
axiom outside the list above (restrictions, ``owl:unionOf``, ``owl:hasKey`` ...) is refused
rather than silently ignored. Where owlrl is incomplete, the engine follows OWL 2: two different
literals for one functional property are a contradiction (``dt-diff`` with ``eq-diff1``), where
owlrl equates them.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.namespaces import BACKGROUND_GRAPH, BACKGROUND_INFERRED_GRAPH, INFERRED_GRAPH
from natokg.store._oxigraph import oxigraph
from natokg.store.layout import (
    ADDED,
    BACKGROUND_ONLY,
    DELTA,
    HIDDEN_BACKGROUND,
    HIDDEN_REPORTED,
    LINEAR,
    NEXT,
    REPORTED,
    SEED,
)
from natokg.store.rule_queries import Rule, contradictions, graph_pattern, join_rules, linear_rules, noise_patterns

#: Graphs whose facts a stage may use: reporting alone, then reporting plus background.
REPORTED_STAGE = (REPORTED, str(INFERRED_GRAPH), HIDDEN_REPORTED)
BACKGROUND_STAGE = (*REPORTED_STAGE, BACKGROUND_ONLY, str(BACKGROUND_INFERRED_GRAPH), HIDDEN_BACKGROUND)

_UNSUPPORTED_PREDICATES = (
    OWL.onProperty,
    OWL.unionOf,
    OWL.intersectionOf,
    OWL.oneOf,
    OWL.complementOf,
    OWL.hasKey,
    OWL.propertyDisjointWith,
    OWL.differentFrom,
    OWL.distinctMembers,
    OWL.sourceIndividual,
)
_UNSUPPORTED_TYPES = (
    OWL.AsymmetricProperty,
    OWL.IrreflexiveProperty,
    OWL.ReflexiveProperty,
    OWL.AllDifferent,
    OWL.AllDisjointProperties,
    OWL.NegativePropertyAssertion,
)


@dataclass
class RuleSet:
    """The compiled rules: tables for the one-premise rules and the axioms of the two-premise ones.

    ``properties[p]`` lists ``(q, flipped)``: a triple ``x p y`` entails ``x q y`` (``y q x`` when
    flipped). ``types[p]`` lists ``(on_subject, C)``: ``x p y`` entails ``x a C`` (``y a C`` when
    not on the subject). ``classes[C]`` lists the strict superclasses of ``C``. ``chains`` holds
    ``(q, (p1, ..., pn))`` for ``p1 ∘ ... ∘ pn ⊑ q``; ``disjoint`` holds pairs of classes.
    """

    properties: dict[URIRef, set[tuple[URIRef, bool]]] = field(default_factory=dict)
    types: dict[URIRef, set[tuple[bool, URIRef]]] = field(default_factory=dict)
    classes: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    transitive: set[URIRef] = field(default_factory=set)
    chains: list[tuple[URIRef, tuple[URIRef, ...]]] = field(default_factory=list)
    functional: set[URIRef] = field(default_factory=set)
    inverse_functional: set[URIRef] = field(default_factory=set)
    disjoint: set[tuple[URIRef, URIRef]] = field(default_factory=set)

    def premises(self) -> frozenset[URIRef]:
        """The predicates that the two-premise rules read (without equality, which reads any)."""
        chained = {p for _, body in self.chains for p in body}
        return frozenset(self.transitive | chained | self.functional | self.inverse_functional)

    def __len__(self) -> int:
        """The number of compiled rules (table rows plus two-premise axioms)."""
        return (
            sum(map(len, self.properties.values()))
            + sum(map(len, self.types.values()))
            + sum(map(len, self.classes.values()))
            + len(self.transitive)
            + len(self.chains)
            + len(self.functional)
            + len(self.inverse_functional)
            + len(self.disjoint)
        )


def compile_rules(ontology: Graph) -> RuleSet:
    """Compile the OWL 2 RL axioms of ``ontology`` into a :class:`RuleSet`.

    Raises :class:`NatokgError` naming the term for an axiom the engine does not evaluate.

    >>> from natokg.loading import Sources, parse_file
    >>> onto = Graph()
    >>> for path in Sources.find().ontology:
    ...     _ = parse_file(path, onto)
    >>> rules = compile_rules(onto)
    >>> NKG = "https://w3id.org/natokg/ontology#"
    >>> URIRef(NKG + "belongsTo") in rules.transitive
    True
    >>> (URIRef("http://www.w3.org/ns/org#heldBy"), True) in rules.properties[URIRef("http://www.w3.org/ns/org#holds")]
    True
    """
    _refuse_unsupported(ontology)
    edges: dict[Node, list[tuple[Node, bool]]] = {}

    def edge(a: Node, b: Node, flip: bool) -> None:
        edges.setdefault(a, []).append((b, flip))

    for p, q in ontology.subject_objects(RDFS.subPropertyOf):
        edge(p, q, False)
    for p, q in ontology.subject_objects(OWL.equivalentProperty):
        edge(p, q, False)
        edge(q, p, False)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        edge(p, q, True)
        edge(q, p, True)
    for p in ontology.subjects(RDF.type, OWL.SymmetricProperty):
        edge(p, p, True)
    edge(OWL.sameAs, OWL.sameAs, True)  # eq-sym

    superclasses: dict[Node, list[Node]] = {}
    for c, d in ontology.subject_objects(RDFS.subClassOf):
        superclasses.setdefault(c, []).append(d)
    for c, d in ontology.subject_objects(OWL.equivalentClass):
        superclasses.setdefault(c, []).append(d)
        superclasses.setdefault(d, []).append(c)
    rules = RuleSet()
    for c in superclasses:
        rules.classes[_iri(c)] = {_iri(d) for d in _reachable(c, lambda n: superclasses.get(n, ()))} - {c}

    domains: dict[Node, set[Node]] = {}
    ranges: dict[Node, set[Node]] = {}
    for p, c in ontology.subject_objects(RDFS.domain):
        domains.setdefault(p, set()).add(c)
    for p, c in ontology.subject_objects(RDFS.range):
        ranges.setdefault(p, set()).add(c)

    for p in set(edges) | set(domains) | set(ranges):
        reached = _reachable((p, False), lambda s: [(q, s[1] ^ f) for q, f in edges.get(s[0], ())])
        mapped = {(_iri(q), f) for q, f in reached if (q, f) != (p, False)}
        if mapped:
            rules.properties[_iri(p)] = mapped
        typed: set[tuple[bool, URIRef]] = set()
        for q, flipped in reached:
            for c in domains.get(q, ()):
                typed |= {(not flipped, d) for d in {_iri(c), *rules.classes.get(_iri(c), ())}}
            for c in ranges.get(q, ()):
                typed |= {(flipped, d) for d in {_iri(c), *rules.classes.get(_iri(c), ())}}
        if typed:
            rules.types[_iri(p)] = typed

    rules.transitive = {_iri(p) for p in ontology.subjects(RDF.type, OWL.TransitiveProperty)} | {OWL.sameAs}
    rules.functional = {_iri(p) for p in ontology.subjects(RDF.type, OWL.FunctionalProperty)}
    rules.inverse_functional = {_iri(p) for p in ontology.subjects(RDF.type, OWL.InverseFunctionalProperty)}
    for q, head in ontology.subject_objects(OWL.propertyChainAxiom):
        rules.chains.append((_iri(q), tuple(_iri(p) for p in ontology.collection(head))))
    for c1, c2 in ontology.subject_objects(OWL.disjointWith):
        rules.disjoint.add((_iri(c1), _iri(c2)))
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = [_iri(c) for head in ontology.objects(axiom, OWL.members) for c in ontology.collection(head)]
        rules.disjoint |= {(a, b) for i, a in enumerate(members) for b in members[i + 1 :]}
    return rules


def _refuse_unsupported(ontology: Graph) -> None:
    for predicate in _UNSUPPORTED_PREDICATES:
        for subject in ontology.subjects(predicate, None):
            raise NatokgError(f"ontology: {subject} {predicate.n3()} is not evaluated by the store's rule engine")
    for kind in _UNSUPPORTED_TYPES:
        for subject in ontology.subjects(RDF.type, kind):
            raise NatokgError(f"ontology: {subject} a {kind.n3()} is not evaluated by the store's rule engine")


def _iri(term: Node) -> URIRef:
    if not isinstance(term, URIRef):
        # Anonymous classes and properties come only from constructs the engine does not evaluate.
        raise NatokgError(f"ontology: the axiom term {term.n3()} is not an IRI; the store's rule engine needs IRIs")
    return term


def _reachable(start: Any, step: Callable[[Any], Iterable[Any]]) -> set[Any]:
    """Every state reachable from ``start`` (``start`` included), breadth first."""
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


# --- evaluation -------------------------------------------------------------------------------


@dataclass
class Materialisation:
    """What :func:`materialise` or :func:`extend_closure` did: rounds, triples added to (and
    removed from) each inferred graph, seconds, contradictions."""

    rounds: int = 0
    added: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    kept: list[Any] = field(default_factory=list)  # incremental only: quads added to the inferred graphs
    evicted: list[Any] = field(default_factory=list)  # incremental only: quads removed
    seconds: float = 0.0
    contradictions: list[str] = field(default_factory=list)


@dataclass
class _Stage:
    """One of the two closures: the graphs it reads, and where its new facts go."""

    name: str
    full: Sequence[str]
    kept: str
    hidden: str
    check_background: bool


_STAGES = (
    _Stage("reporting", REPORTED_STAGE, str(INFERRED_GRAPH), HIDDEN_REPORTED, True),
    _Stage("background", BACKGROUND_STAGE, str(BACKGROUND_INFERRED_GRAPH), HIDDEN_BACKGROUND, False),
)
_DERIVED = (str(INFERRED_GRAPH), str(BACKGROUND_INFERRED_GRAPH), HIDDEN_REPORTED, HIDDEN_BACKGROUND)
_WORK = (DELTA, NEXT, LINEAR, ADDED, SEED)


def materialise(store: Any, rules: RuleSet, *, progress: Callable[[str], None] | None = None) -> Materialisation:
    """Compute the inferences of the facts in ``store`` (a pyoxigraph Store laid out by
    :mod:`natokg.store.build`) and write them to the graphs ``graph/inferred`` (from the reporting)
    and ``graph/inferred-background`` (needing the background); noise goes to hidden graphs where
    it still takes part in reasoning. Earlier inferences are dropped first.

    The reporting's closure starts from the graph :data:`REPORTED` (the reporting, deduplicated);
    the background's part continues from that fixpoint with the background triples as the first
    delta, so it computes only the difference (semi-naive evaluation of monotone rules from a
    fixpoint gives the closure of the union). Every round is a few SPARQL updates evaluated by
    Oxigraph (``INSERT { GRAPH ... } WHERE { ... }``): no inferred triple passes through Python.

    :data:`REPORTED` is consumed: every fact joins it as it is found (with the background's), so
    that a rule looks a fact up in one graph, several times cheaper than in a union of graphs; the
    caller keeps a copy of the reporting first. The noise
    (:func:`natokg.store.rule_queries.noise_patterns`) and, for the reporting, what the background
    states, move to the hidden graphs at the end of each stage.
    """
    started = time.perf_counter()
    ox = oxigraph()
    for name in (*_DERIVED, *_WORK):
        store.remove_graph(ox.NamedNode(name))
    result = Materialisation()
    everything = (REPORTED,)
    _saturate(store, rules, _STAGES[0], REPORTED, result, progress, full=everything, also=everything)
    store.update(f"INSERT {{ GRAPH <{REPORTED}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{BACKGROUND_ONLY}> {{ ?s ?p ?o }} }}")
    _saturate(store, rules, _STAGES[1], BACKGROUND_ONLY, result, progress, full=everything, also=everything)
    for stage in _STAGES:
        _classify(store, stage, stage.kept)
    result.added = {name: _count(store, name) for name in _DERIVED}
    result.contradictions = contradictions(store, rules, everything)
    result.seconds = time.perf_counter() - started
    return result


def extend_closure(
    store: Any,
    rules: RuleSet,
    new: Iterable[Any],
    *,
    progress: Callable[[str], None] | None = None,
) -> Materialisation:
    """Bring the inferences up to date after the triples ``new`` (pyoxigraph triples) were added to
    the reporting, without recomputing the closures: each stage continues semi-naively from its
    fixpoint, seeded with the facts that are new to it (exact, since the rules are monotone).

    A newly stated triple leaves the inferred and background-only graphs it was in (it is now
    asserted), and what the reporting now entails leaves ``graph/inferred-background``, so the
    graphs stay as :func:`materialise` would compute them from scratch. The caller has already
    added ``new`` to the default graph.
    """
    started = time.perf_counter()
    ox = oxigraph()
    result = Materialisation()
    graphs = {name: ox.NamedNode(name) for name in (*BACKGROUND_STAGE[1:], SEED)}

    def holders(triple: Any, names: Sequence[str]) -> list[Any]:
        return [
            ox.Quad(triple.subject, triple.predicate, triple.object, graphs[n])
            for n in names
            if ox.Quad(triple.subject, triple.predicate, triple.object, graphs[n]) in store
        ]

    later_stage = (BACKGROUND_ONLY, str(BACKGROUND_INFERRED_GRAPH), HIDDEN_BACKGROUND)
    new = set(new)
    seed_reported, seed_background, evicted = [], [], []
    for triple in new:
        derived_before = holders(triple, REPORTED_STAGE[1:])
        known_later = holders(triple, later_stage)
        evicted += derived_before + known_later
        if not derived_before:
            seed_reported.append(triple)
            if not known_later:
                seed_background.append(triple)
    _remove(store, evicted, result)
    _seed(store, seed_reported)
    stage = _STAGES[0]
    _saturate(store, rules, stage, SEED, result, progress, full=stage.full, also=(ADDED,))
    found = _collect(store, stage, result)
    later = []
    for triple in found:
        known = holders(triple, later_stage[1:])
        later += known
        if not known and not holders(triple, (BACKGROUND_ONLY,)):
            seed_background.append(triple)
    _remove(store, later, result)
    _seed(store, seed_background)
    stage = _STAGES[1]
    _saturate(store, rules, stage, SEED, result, progress, full=stage.full, also=(ADDED,))
    found |= _collect(store, stage, result)
    # The rules are monotone: old contradictions stay, new ones involve a new fact.
    _seed(store, [*new, *found])
    result.contradictions = contradictions(store, rules, BACKGROUND_STAGE, focus=SEED)
    store.remove_graph(graphs[SEED])
    result.seconds = time.perf_counter() - started
    return result


def _seed(store: Any, triples: list[Any]) -> None:
    ox = oxigraph()
    store.remove_graph(ox.NamedNode(SEED))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(SEED)) for t in triples)


def _remove(store: Any, quads: list[Any], result: Materialisation) -> None:
    result.evicted += quads
    for quad in quads:
        store.remove(quad)
        name = quad.graph_name.value
        result.removed[name] = result.removed.get(name, 0) + 1


def _saturate(
    store: Any,
    rules: RuleSet,
    stage: _Stage,
    first: str,
    result: Materialisation,
    progress: Callable[[str], None] | None,
    *,
    full: Sequence[str],
    also: Sequence[str],
) -> None:
    """Run semi-naive rounds of one stage from the delta graph ``first`` to the fixpoint: the
    rules read the graphs ``full``, and each new fact goes to the stage's graph ``kept`` and to
    the graphs ``also``."""
    ox = oxigraph()
    current, spare = first, (DELTA, NEXT)
    implies_equality = any(
        q == OWL.sameAs for p, mapped in rules.properties.items() if p != OWL.sameAs for q, _ in mapped
    )
    while True:
        result.rounds += 1
        following = spare[0] if current != spare[0] else spare[1]
        # This round's one-premise consequences join the delta of the two-premise rules at once
        # (those they read: without owl:sameAs between different nodes, only a few predicates).
        # A one-premise rule cannot derive such an owl:sameAs unless a property implies owl:sameAs.
        equality = _has_equality(store, full)
        premises = None if equality or implies_equality else rules.premises()
        for rule in linear_rules(rules, (current,), full, premises=premises):
            store.update(_insert(rule, (stage.kept, *also), LINEAR))
        equality = equality or (implies_equality and _has_equality(store, full))
        for rule in join_rules(rules, (current, LINEAR), full, equality=equality):
            store.update(_insert(rule, (stage.kept, *also), following))
        if current in spare:
            store.remove_graph(ox.NamedNode(current))
        store.remove_graph(ox.NamedNode(LINEAR))
        if progress is not None:
            progress(f"reasoning ({stage.name}): round {result.rounds}")
        if not store.query(f"ASK {{ GRAPH <{following}> {{ ?s ?p ?o }} }}"):
            return
        current = following


def _collect(store: Any, stage: _Stage, result: Materialisation) -> set[Any]:
    """The new facts of an incremental stage (the graph :data:`ADDED`), classified, counted and
    returned; the visible ones are also listed in ``result.kept``."""
    ox = oxigraph()
    _classify(store, stage, ADDED)
    kept, added = ox.NamedNode(stage.kept), ox.NamedNode(ADDED)
    found = set()
    for quad in store.quads_for_pattern(None, None, None, added):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        found.add(triple)
        visible = ox.Quad(triple.subject, triple.predicate, triple.object, kept)
        target = stage.kept if visible in store else stage.hidden
        result.added[target] = result.added.get(target, 0) + 1
        if target == stage.kept:
            result.kept.append(visible)
    store.remove_graph(added)
    return found


def _insert(rule: Rule, graphs: Sequence[str], delta: str) -> str:
    """The SPARQL update that adds the rule's consequences to each of ``graphs`` and to ``delta``."""
    head, body, delta_head = rule
    template = " ".join(f"GRAPH <{g}> {{ {head} }}" for g in graphs)
    if delta_head is not None:
        template += f" GRAPH <{delta}> {{ {delta_head} }}"
    return f"INSERT {{ {template} }} WHERE {{ {body} }}"


def _classify(store: Any, stage: _Stage, scope: str) -> None:
    """Move the stage's new facts listed in the graph ``scope`` that are noise, or (for the
    reporting) stated by the background, from the stage's visible graph to its hidden one."""
    patterns = noise_patterns(scope)
    if stage.check_background:
        patterns.append(f"GRAPH <{BACKGROUND_GRAPH}> {{ ?s ?p ?o }} GRAPH <{scope}> {{ ?s ?p ?o }}")
    for pattern in patterns:
        store.update(
            f"DELETE {{ GRAPH <{stage.kept}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{stage.hidden}> {{ ?s ?p ?o }} }} "
            f"WHERE {{ {pattern} }}"
        )


def _count(store: Any, name: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")))["n"].value)


def _has_equality(store: Any, graphs: Sequence[str]) -> bool:
    same = f"<{OWL.sameAs}>"
    return bool(store.query(f"ASK {{ {graph_pattern(graphs, '?a', same, '?b')} FILTER(!sameTerm(?a, ?b)) }}"))
