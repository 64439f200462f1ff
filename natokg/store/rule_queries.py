"""The store's rules as SPARQL: the bodies of the one- and two-premise rules of
:mod:`natokg.store.rules`, the noise filter, and the contradiction checks.

Text only: :mod:`natokg.store.rules` runs them. A rule reads its delta (the facts new in the
last round) from some graphs and everything else from others (semi-naive evaluation), so each
function takes the graph names to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from natokg.namespaces import ONTOLOGY_GRAPH
from natokg.reasoning import BUILT_IN_NAMESPACES, REFLEXIVE_NOISE, VOCABULARY_NAMESPACES

if TYPE_CHECKING:
    from natokg.store.rules import RuleSet

#: A rule as SPARQL: the head (one triple pattern), the body whose solutions instantiate it, and
#: the head as the next rules' delta gets it (None when no two-premise rule reads such facts).
Rule = tuple[str, str, str | None]


def graph_pattern(graphs: Sequence[str], s: str, p: str, o: str) -> str:
    """``s p o`` in any of the named ``graphs``, as SPARQL.

    >>> graph_pattern(["urn:g"], "?s", "?p", "?o")
    '{ GRAPH <urn:g> { ?s ?p ?o } }'
    """
    parts = [f"{{ GRAPH <{g}> {{ {s} {p} {o} }} }}" for g in graphs]
    return parts[0] if len(parts) == 1 else "{ " + " UNION ".join(parts) + " }"


def _values(names: str, rows: Iterable[tuple[Any, ...]]) -> str:
    body = " ".join("(" + " ".join(_sparql_term(t) for t in row) + ")" for row in sorted(rows))
    return f"VALUES ({names}) {{ {body} }}"


def _sparql_term(term: Any) -> str:
    if isinstance(term, bool):
        return "true" if term else "false"
    return f"<{term}>"


def _new(graphs: Sequence[str], s: str, p: str, o: str) -> str:
    return f"FILTER NOT EXISTS {graph_pattern(graphs, s, p, o)}"


def linear_rules(
    rules: RuleSet, delta: Sequence[str], full: Sequence[str], *, premises: frozenset[URIRef] | None = None
) -> list[Rule]:
    """The one-premise rules applied to the facts in the graphs ``delta``, each consequence that is
    not yet in the graphs ``full`` once (the bodies select distinct heads before the check).

    ``premises``: the predicates that the two-premise rules read (None: any), the only consequences
    that they need in their delta."""
    found: list[Rule] = []
    rows = [(p, q, f) for p, mapped in rules.properties.items() for q, f in mapped]
    if rows:
        body = (
            f"{{ SELECT DISTINCT ?s ?q ?o WHERE {{ {_values('?p ?q ?flip', rows)} "
            f"{graph_pattern(delta, '?x', '?p', '?y')} BIND(IF(?flip, ?y, ?x) AS ?s) BIND(IF(?flip, ?x, ?y) AS ?o) "
            f"FILTER(!isLiteral(?s)) }} }} {_new(full, '?s', '?q', '?o')}"
        )
        if premises is None:
            found.append(("?s ?q ?o", body, "?s ?q ?o"))
        elif premises:
            # ?premise stays unbound for the other predicates, and a template triple with an unbound
            # variable is not inserted.
            listed = ", ".join(f"<{p}>" for p in sorted(premises))
            found.append(("?s ?q ?o", f"{body} BIND(IF(?q IN ({listed}), ?q, ?unbound) AS ?premise)", "?s ?premise ?o"))
        else:
            found.append(("?s ?q ?o", body, None))
    typed = premises is None or RDF.type in premises
    rows = [(p, on_subject, c) for p, typed_by in rules.types.items() for on_subject, c in typed_by]
    if rows:
        found.append(
            (
                "?n a ?c",
                f"{{ SELECT DISTINCT ?n ?c WHERE {{ {_values('?p ?subj ?c', rows)} "
                f"{graph_pattern(delta, '?x', '?p', '?y')} BIND(IF(?subj, ?x, ?y) AS ?n) FILTER(!isLiteral(?n)) }} }} "
                f"{_new(full, '?n', 'a', '?c')}",
                "?n a ?c" if typed else None,
            )
        )
    rows = [(c, d) for c, supers in rules.classes.items() for d in supers]
    if rows:
        found.append(
            (
                "?x a ?d",
                f"{{ SELECT DISTINCT ?x ?d WHERE {{ {_values('?c ?d', rows)} "
                f"{graph_pattern(delta, '?x', 'a', '?c')} }} }} {_new(full, '?x', 'a', '?d')}",
                "?x a ?d" if typed else None,
            )
        )
    return found


def join_rules(rules: RuleSet, delta: Sequence[str], full: Sequence[str], *, equality: bool) -> list[Rule]:
    """The two-premise rules: each premise in turn from ``delta``, the others from ``full``
    (semi-naive). ``equality`` adds ``eq-rep-s/p/o`` (only worth running when some
    ``owl:sameAs`` between different nodes exists)."""
    found: list[tuple[str, str]] = []
    for p in sorted(rules.transitive):
        left = f"{graph_pattern(delta, '?x', f'<{p}>', '?y')} {graph_pattern(full, '?y', f'<{p}>', '?z')}"
        right = f"{graph_pattern(full, '?x', f'<{p}>', '?y')} {graph_pattern(delta, '?y', f'<{p}>', '?z')}"
        # eq-trans joins owl:sameAs with itself; x sameAs x is noise and is not derived.
        reflexive = "FILTER(!sameTerm(?x, ?z)) " if p == OWL.sameAs else ""
        found.append(
            (f"?x <{p}> ?z", f"{{ {left} }} UNION {{ {right} }} {reflexive}{_new(full, '?x', f'<{p}>', '?z')}")
        )
    for head, body in rules.chains:
        variables = [f"?v{i}" for i in range(len(body) + 1)]
        branches = []
        for i in range(len(body)):
            steps = [
                graph_pattern(delta if j == i else full, variables[j], f"<{p}>", variables[j + 1])
                for j, p in enumerate(body)
            ]
            branches.append("{ " + " ".join(steps) + " }")
        first, last = variables[0], variables[-1]
        found.append(
            (
                f"{first} <{head}> {last}",
                f"{' UNION '.join(branches)} {_new(full, first, f'<{head}>', last)}",
            )
        )
    same = f"<{OWL.sameAs}>"
    for p in sorted(rules.functional):
        found.append(
            (
                f"?a {same} ?b",
                f"{graph_pattern(delta, '?x', f'<{p}>', '?a')} {graph_pattern(full, '?x', f'<{p}>', '?b')} "
                f"FILTER(!sameTerm(?a, ?b) && !isLiteral(?a) && !isLiteral(?b)) {_new(full, '?a', same, '?b')}",
            )
        )
    for p in sorted(rules.inverse_functional):
        found.append(
            (
                f"?a {same} ?b",
                f"{graph_pattern(delta, '?a', f'<{p}>', '?y')} {graph_pattern(full, '?b', f'<{p}>', '?y')} "
                f"FILTER(!sameTerm(?a, ?b)) {_new(full, '?a', same, '?b')}",
            )
        )
    if equality:
        for s, p, o, head in (
            ("?x", "?p", "?o", "?y ?p ?o"),  # eq-rep-s
            ("?s", "?p", "?x", "?s ?p ?y"),  # eq-rep-o
            ("?s", "?x", "?o", "?s ?y ?o"),  # eq-rep-p
        ):
            left = f"{graph_pattern(delta, '?x', same, '?y')} {graph_pattern(full, s, p, o)}"
            right = f"{graph_pattern(full, '?x', same, '?y')} {graph_pattern(delta, s, p, o)}"
            hs, hp, ho = head.split()
            found.append(
                (
                    head,
                    f"{{ {left} }} UNION {{ {right} }} FILTER(!sameTerm(?x, ?y)) FILTER(!isLiteral({hs})) "
                    f"{_new(full, hs, hp, ho)}",
                )
            )
    return [(head, body, head) for head, body in found]


def noise_patterns(scope: str) -> list[str]:
    """SPARQL patterns whose solutions (``?s ?p ?o``) are the triples of the graph ``scope`` that
    :func:`natokg.reasoning.is_noise` calls noise, the schema terms read from the ontology graph
    (its subjects, as :func:`natokg.reasoning.schema_terms`): a schema term as subject, or as a
    blank object; a subject in a built-in or reused vocabulary; a reflexive ``owl:sameAs`` and the
    like; a type from a built-in vocabulary. The schema terms drive the first two patterns (a
    lookup per term, not a test per triple); every test is guarded to be false, never an error,
    on a term it does not apply to.

    >>> len(noise_patterns("urn:g"))
    3
    """

    def starts(term: str, namespaces: Sequence[str]) -> str:
        return " || ".join(f'STRSTARTS(STR({term}), "{ns}")' for ns in namespaces)

    schema = f"GRAPH <{ONTOLOGY_GRAPH}> {{ ?term ?schema_p ?schema_o }}"
    reflexive = ", ".join(f"<{t}>" for t in sorted(REFLEXIVE_NOISE))
    return [
        f"{{ SELECT DISTINCT ?s WHERE {{ {schema.replace('?term', '?s')} }} }} GRAPH <{scope}> {{ ?s ?p ?o }}",
        f"{{ SELECT DISTINCT ?o WHERE {{ {schema.replace('?term', '?o')} FILTER(isBlank(?o)) }} }} "
        f"GRAPH <{scope}> {{ ?s ?p ?o }}",
        f"GRAPH <{scope}> {{ ?s ?p ?o }} FILTER(isLiteral(?s) "
        f"|| (isIRI(?s) && ({starts('?s', BUILT_IN_NAMESPACES + VOCABULARY_NAMESPACES)})) "
        f"|| (?p IN ({reflexive}) && sameTerm(?s, ?o)) "
        f"|| (sameTerm(?p, <{RDF.type}>) && isIRI(?o) && ({starts('?o', BUILT_IN_NAMESPACES)})))",
    ]


def contradictions(store: Any, rules: RuleSet, graphs: Sequence[str], *, focus: str | None = None) -> list[str]:
    """Where the facts in ``graphs`` contradict the ontology: a node in two disjoint classes
    (``cax-dw``, ``cax-adc``) or in ``owl:Nothing`` (``cls-nothing2``), or two different literals
    for a functional property. With ``focus`` (a graph of new facts), only contradictions that
    involve one of its triples. Messages are sorted; the first kind in owlrl's wording."""
    first = (focus,) if focus is not None else graphs
    pairs = rules.disjoint | ({(b, a) for a, b in rules.disjoint} if focus is not None else set())
    messages = set()
    if pairs:
        query = (
            f"SELECT ?x ?c1 ?c2 WHERE {{ {_values('?c1 ?c2', pairs)} "
            f"{graph_pattern(first, '?x', 'a', '?c1')} {graph_pattern(graphs, '?x', 'a', '?c2')} }}"
        )
        for row in store.query(query):
            c1, c2 = sorted((row["c1"].value, row["c2"].value))
            messages.add(f"Disjoint classes {c1} and {c2} have a common individual {row['x'].value}")
    for row in store.query(f"SELECT ?x WHERE {{ {graph_pattern(first, '?x', 'a', f'<{OWL.Nothing}>')} }}"):
        messages.add(f"{row['x'].value} is an instance of owl:Nothing")
    for p in sorted(rules.functional):
        query = (
            f"SELECT DISTINCT ?x WHERE {{ {graph_pattern(first, '?x', f'<{p}>', '?a')} "
            f"{graph_pattern(graphs, '?x', f'<{p}>', '?b')} "
            "FILTER(isLiteral(?a) && isLiteral(?b) && !sameTerm(?a, ?b)) }"
        )
        for row in store.query(query):
            messages.add(f"Functional property {p} has two different literal values on {row['x'].value}")
    return sorted(messages)
