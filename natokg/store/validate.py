"""Validation over the corpus store: per article, cached; what crosses articles, over the store.

``natokg validate`` on a corpus store gives the report of :func:`natokg.validation.validate` (the
same violations, wording and order) without loading every Turtle file into rdflib:

* each article is checked alone (:func:`check_article`): SHACL on a small data graph (the
  article, the ontology's ``rdfs:subClassOf`` axioms, and what the ontology and the entities
  say about the nodes the article names), its spans, quotations and text file. The result is
  cached in the store folder (``validation/<key>.json``), keyed by the SHA-256 of the article's
  files, the shapes, the ontology and the entities, so a build checks only the articles whose
  key changed (:func:`validate_new`);
* the ontology and entities are checked once (SHACL), the background's citations too (own key);
* SHACL across articles: a node that two graphs state triples about (an entity that several
  articles describe, a meeting that each reports) can break a shape only the union breaks
  (``sh:maxCount`` over the values two articles give). Those nodes, and every node a cached
  check found at fault by a constraint another graph could satisfy, are checked again on the
  union of the store: pySHACL with ``focus_nodes`` on their neighbourhood read from the store
  (:func:`cross_check`), each verdict kept (``validation/union.json``) by the hash of that
  neighbourhood; after articles are added only the nodes near their triples are read again.

Why this is exact, for shapes like natokg's (:func:`_local_shapes` checks it, else validation
falls back to loading everything): a shape's positive part reads only its focus node's own
triples (its paths, its targets, a SPARQL constraint's pattern on ``$this``), and what it reads
of other nodes (``sh:class`` of a value, ``FILTER NOT EXISTS`` on a neighbour, ``sh:minCount``)
can only be satisfied by more triples. So a node whose own triples all lie in one graph breaks
no shape in the union that it does not break in its graph's own check, which sees all of them;
what that check reports may be repaired by another graph (``sh:class``, SPARQL and qualified
constraints; not those of :data:`_OWN_TRIPLES`), and is checked again on the union.
Nodes stated in two graphs are checked on the union outright. The union check reads a node's
triples, those of its neighbours (either way) and the subclass axioms: what the shapes read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node
from rdflib.util import from_n3

from natokg.errors import InputError, NatokgError
from natokg.files import atomic_write
from natokg.loading import Sources, new_dataset, parse_file
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    ENTITIES_GRAPH,
    ONTOLOGY_GRAPH,
    article_graph,
    article_namespace,
    bind_prefixes,
)
from natokg.store._oxigraph import oxigraph, to_oxigraph, to_rdflib, triple_to_rdflib
from natokg.validation import (
    Report,
    Violation,
    _names,
    check_background_citations,
    orphan_texts,
    quotations_in,
    resolve_names,
    shacl_violations,
    sort_shacl,
    spans_in,
    text_of,
)

#: Bump when what a cached result holds, or how it is computed, changes.
VERSION = 5
CACHE = "validation"


def validate_store(store: Any, sources: Sources, *, consistency: bool = False) -> Report:  # store: natokg.store.Store
    """The report of :func:`natokg.validation.validate` for ``sources``, from the built ``store``
    of them and the cached per-article results (computed now where missing; cached when the store
    folder is writable). ``consistency=True`` adds the contradictions the store's reasoning found.

    >>> import tempfile
    >>> from natokg.store import build
    >>> validate_store(build(store_dir=tempfile.mkdtemp(), progress=False), Sources.find()).conforms
    True
    """
    shapes = parse_file(sources.shapes)
    # A root with its own graph/entities.ttl keeps the loading path: the per-article split and its
    # cache keys were written and tested for the shipped entities only.
    if sources.own_entities or not _local_shapes(shapes):
        from natokg.validation import validate_path

        return validate_path(sources.root, consistency=consistency)
    try:
        return _validate_store(store, sources, shapes, consistency)
    finally:
        _release()


def _validate_store(store: Any, sources: Sources, shapes: Graph, consistency: bool) -> Report:
    base, articles, local, again, crossed = _checked(
        store.oxigraph, sources, store.path, store.manifest["graphs"], shapes
    )
    names = _corpus_names(sources, base, articles)
    shacl = [v for f, _, v in local if f not in again] + crossed
    found = sort_shacl(resolve_names(v, names) for v in shacl)
    for check in ("spans", "quotations"):
        found += [resolve_names(v, names) for result in articles for v in _violations(result[check])]
    found += _violations(base["background"])
    found += [v for result in articles for v in _violations(result["text"])] + orphan_texts(sources)
    if consistency and store.contradictions:
        # The store's rules find the same contradictions as owlrl but word some differently (the
        # two disjoint classes in another order): owlrl's wording costs owlrl's time, on
        # inconsistent data only.
        from natokg.loading import load
        from natokg.validation import check_consistency

        found += check_consistency(load(sources.root))
    return Report(tuple(dict.fromkeys(found)))


def _checked(oxstore: Any, sources: Sources, folder: Path, graphs: dict[str, Any], shapes: Graph) -> tuple:
    """Every check that the report is made of, each from the cache when its key is there: the
    base and per-article results, the cached SHACL results (focus, repairable, violation), the
    nodes checked again on the union, and their verdicts."""
    base = _base_result(oxstore, sources, folder, graphs, shapes)
    key = _base_key(sources, graphs, shapes)
    articles = [_article_result(oxstore, sources, folder, graphs, shapes, p, key) for p in sources.articles]
    local = [found for result in (base, *articles) for found in _loaded(result["shacl"])]
    # Nodes stated in two graphs (the ontology and entities count as one), and the nodes at fault
    # by a constraint that what other graphs say about their neighbours can satisfy.
    counts = Counter(s for result in (base, *articles) for s in result["subjects"])
    shared = {URIRef(s) for s, n in counts.items() if n > 1}
    again = shared | {f for f, repairable, _ in local if repairable and isinstance(f, URIRef)}
    literals: dict[tuple[str, str, str, str], list[str]] = {}
    for graph, result in _by_graph(sources, base, articles):
        for subject, predicate, stored, read in result["literals"]:
            literals.setdefault((graph, subject, predicate, stored), []).append(read)  # N3, read when used
    known_path = Path(folder) / CACHE / "union.json"
    try:
        union = json.loads(known_path.read_text(encoding="utf-8"))
        union = union if isinstance(union, dict) and isinstance(union.get("nodes"), dict) else {}
    except (OSError, ValueError):
        union = {}
    keys = {str(g): info.get("files") for g, info in graphs.items() if g != str(BACKGROUND_GRAPH)}
    keys |= {f"{p}.txt": _file_hash(sources.article_text(p)) for p in sources.articles}
    keys["base"] = key
    old_keys, known = union.get("graphs", {}), union.get("nodes", {})
    unchanged = None
    if old_keys and all(keys.get(g) == k for g, k in old_keys.items()):
        # Only graphs added since the last check: only the nodes near their triples can change.
        added = [g for g in keys if g not in old_keys and g.startswith(str(article_graph("")))]
        subclass = to_oxigraph(RDFS.subClassOf)
        axioms = any(next(oxstore.quads_for_pattern(None, subclass, None, to_oxigraph(URIRef(g))), None) for g in added)
        # A subclass axiom reaches every node; else only the nodes near the new triples can change.
        unchanged = None if axioms else set(map(URIRef, known)) - _near(oxstore, added)
    crossed = cross_check(oxstore, graphs, shapes, again, literals, known, key, unchanged)
    _keep(known_path, {"graphs": keys, "nodes": known})
    return base, articles, local, again, crossed


def _near(oxstore: Any, names: list[str]) -> set[URIRef]:
    """The nodes whose neighbourhood (as :func:`cross_check` reads it) holds a triple of the named
    graphs ``names``: for each triple ``s p o``, ``s``, ``o`` and every neighbour of ``s``."""
    ox = oxigraph()
    near: set[Any] = set()
    for name in names:
        for quad in oxstore.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            near |= {quad.subject, quad.object}
            for other in oxstore.quads_for_pattern(quad.subject, None, None, None):
                near.add(other.object)
            for other in oxstore.quads_for_pattern(None, None, quad.subject, None):
                near.add(other.subject)
    return {URIRef(t.value) for t in near if isinstance(t, ox.NamedNode)}


def validate_root(root: str | Path | None = None, *, consistency: bool = False) -> Report:
    """:func:`natokg.validation.validate_path` through the corpus store of ``root``: the store is
    brought up to date first (:func:`natokg.store.current`: only changed files are parsed, and
    the build checks the articles whose key changed), then :func:`validate_store`.

    >>> validate_root().conforms
    True
    """
    from natokg.store import current

    sources = Sources.find(root)
    for path in (*sources.ontology, sources.entities, sources.background, *sources.articles):
        if not path.is_file():  # as loading says it, before the store's build says it otherwise
            raise InputError("file not found", path=str(path))
    store = current(sources)
    try:
        return validate_store(store, sources, consistency=consistency)
    finally:
        store.close()


def validate_new(oxstore: Any, sources: Sources, folder: Path, graphs: dict[str, Any]) -> float:
    """Check and cache every article of ``sources`` (and the ontology and entities) whose cache key
    has no result in ``folder`` yet, reading the entities from ``oxstore`` (a pyoxigraph store that
    holds the named graphs; ``graphs`` as in the store's manifest), run the union check on the
    nodes whose neighbourhood changed, and remove the results no file has the key of any more;
    the seconds it took. What :func:`natokg.store.build` calls. A file
    that rdflib cannot read is left for ``natokg validate`` to report."""
    started = time.perf_counter()
    shapes = parse_file(sources.shapes)
    if not sources.own_entities and _local_shapes(shapes):
        try:
            _checked(oxstore, sources, folder, graphs, shapes)
            _prune(folder, sources, graphs, shapes)
        except NatokgError:
            pass
        finally:
            _release()
    return time.perf_counter() - started


def _release() -> None:
    """Let go of the store. rdflib's SPARQL parser (pyparsing), which pySHACL runs, keeps parse
    exceptions whose tracebacks hold the frames that were on the stack, with the store in them
    (and so its lock, or a whole in-memory store): drop them."""
    import gc

    import pyparsing

    pyparsing.ParserElement.reset_cache()
    gc.collect()


def check_article(path: Path, sources: Sources, shapes: Graph, context: Graph) -> dict[str, Any]:
    """The checks of one article alone: its Turtle file ``path`` parsed by rdflib (as
    :func:`natokg.load` does, so that its violations come in the same order), SHACL on it plus
    ``context`` (what the ontology and entities say about the nodes it names; see
    :func:`_context`), its spans, quotations and text file. A dict of JSON lists: ``shacl``
    (focus node and violation), ``spans``, ``quotations``, ``text``, ``subjects`` (the IRIs it
    states triples about), ``prefixes`` (those its file declares). IRIs stay deferred (see
    :func:`natokg.validation.resolve_names`)."""
    # Without rdflib's own prefixes, the graph's prefixes are those the file declares. Its triples
    # come in the order they do in a named graph of natokg.load (tests compare the two reports).
    article = parse_file(path, Graph(bind_namespaces="none"))
    data = bind_prefixes(Graph())
    for triple in article:
        data.add(triple)
    for triple in context:
        data.add(triple)
    subjects = {s for s in article.subjects(unique=True)}
    own = [s for s in subjects if isinstance(s, URIRef) and (s, None, None) not in context]
    focus = None if any(isinstance(s, BNode) for s in subjects) else own  # pySHACL focuses IRIs only
    shacl = shacl_violations(data, shapes, None, focus) if focus != [] else []
    return {
        "shacl": [[_node(f), str(c), list(_fields(v))] for f, c, v in shacl],
        "spans": [list(_fields(v)) for v in spans_in(article, None)],
        "quotations": [list(_fields(v)) for v in quotations_in(article, None)],
        "text": [list(_fields(v)) for v in text_of(path, article, sources)],
        "subjects": sorted(str(s) for s in subjects if isinstance(s, URIRef)),
        "prefixes": [[p, str(ns)] for p, ns in article.namespaces()],
        "literals": stored_literals(article),
    }


def stored_literals(graph: Graph) -> list[list[str]]:
    """The literals of ``graph`` (on IRI subjects) that Oxigraph stores in another form than
    rdflib reads them: as ``[subject, predicate, stored, read]`` (the two literals in N3).

    Oxigraph keeps a literal's value, not its spelling: ``"3"^^xsd:positiveInteger`` comes back as
    ``"3"^^xsd:integer``, ``"x"@EN`` as ``"x"@en``. The shapes check datatypes, so the union check
    (:func:`cross_check`) puts back what the files say. The stored form is Oxigraph's own, by a
    round trip through an in-memory store.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import XSD
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("3", datatype=XSD.positiveInteger)))
    >>> stored_literals(g)[0][2:]
    ['"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '"3"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>']
    """
    ox = oxigraph()
    triples = [t for t in graph if isinstance(t[2], Literal) and isinstance(t[0], URIRef)]
    scratch = ox.Store()
    text = "".join(f"<urn:natokg:s> <urn:natokg:{i}> {t[2].n3()} .\n" for i, t in enumerate(triples))
    scratch.load(text.encode(), format=ox.RdfFormat.TURTLE)
    fixes = []
    for quad in scratch:
        stored = to_rdflib(quad.object)
        s, p, read = triples[int(quad.predicate.value.rsplit(":", 1)[1])]
        if stored.n3() != read.n3() or stored.datatype != read.datatype:
            fixes.append([str(s), str(p), stored.n3(), read.n3()])
    return sorted(fixes)


def cross_check(
    oxstore: Any,
    graphs: dict[str, Any],
    shapes: Graph,
    nodes: set[URIRef],
    literals: dict[tuple[str, str, str, str], list[str]] | None = None,
    known: dict[str, Any] | None = None,
    salt: str = "",
    unchanged: set[URIRef] | None = None,
) -> list[Violation]:
    """SHACL on the union of the store's ontology, entities and articles, for ``nodes`` only, on
    what the shapes read of them: their triples, their neighbours' triples (both ways) and the
    subclass axioms. ``literals`` maps (graph, subject, predicate, stored literal in N3) to the
    literals the file states, in N3 (see :func:`stored_literals`). IRIs stay deferred.

    ``known`` (node IRI → [key, violations]) holds earlier verdicts: a node whose neighbourhood
    (and ``salt``: the shapes) hashes to the same key keeps its verdict; the others are checked,
    and ``known`` is updated to hold exactly ``nodes``. A node in ``unchanged`` (whose neighbourhood
    the caller knows to be as it was) keeps its verdict without its neighbourhood being read."""
    if not nodes:
        if known is not None:
            known.clear()
        return []
    ox = oxigraph()
    allowed = {g for g in graphs if g != str(BACKGROUND_GRAPH)}
    fixes = literals or {}
    known = {} if known is None else known
    rows: dict[Any, list[tuple[str, tuple[Node, Node, Node], Any]]] = {}

    def triples(quads: Any) -> list[tuple[str, tuple[Node, Node, Node], Any]]:
        """(N-Triples line, rdflib triple, pyoxigraph object) for each quad of an allowed graph."""
        found = []
        for quad in quads:
            if not (isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value in allowed):
                continue
            s, p, o = triple_to_rdflib(quad)
            spelt = fixes.get((quad.graph_name.value, str(s), str(p), o.n3())) if isinstance(o, Literal) else None
            read = [from_n3(n3) for n3 in spelt] if spelt else [o]
            found += [(f"{s.n3()} {p.n3()} {r.n3()}", (s, p, r), quad.object) for r in read]
        return found

    def about(node: Any) -> list[tuple[str, tuple[Node, Node, Node], Any]]:
        if node not in rows:
            rows[node] = triples(oxstore.quads_for_pattern(node, None, None, None))
        return rows[node]

    subclass = triples(oxstore.quads_for_pattern(None, to_oxigraph(RDFS.subClassOf), None, None))
    salt = hashlib.sha256("\n".join([salt, *sorted(line for line, _, _ in subclass)]).encode()).hexdigest()
    verdicts: list[Violation] = []
    todo: dict[str, tuple[str, set[Any]]] = {}
    for node in nodes:
        if unchanged is not None and node in unchanged and str(node) in known:
            verdicts += _violations(known[str(node)][1])
            continue
        term = to_oxigraph(node)
        neighbours = {term} | {o for _, _, o in about(term) if not isinstance(o, ox.Literal)}
        neighbours |= {q.subject for q in oxstore.quads_for_pattern(None, None, term, None)}
        lines = sorted({line for n in neighbours for line, _, _ in about(n)})
        key = hashlib.sha256("\n".join([salt, *lines]).encode()).hexdigest()
        seen = known.get(str(node))
        if seen is not None and seen[0] == key:
            verdicts += _violations(seen[1])
        else:
            todo[str(node)] = (key, neighbours)
    for stale in set(known) - {str(n) for n in nodes}:
        del known[stale]
    if todo:
        data = bind_prefixes(Graph())
        for _, triple, _ in subclass:
            data.add(triple)
        for neighbour in set().union(*(n for _, n in todo.values())):
            for _, triple, _ in about(neighbour):
                data.add(triple)
        found: dict[str, list[list[str]]] = {node: [] for node in todo}
        for focus, _, violation in shacl_violations(data, shapes, None, [URIRef(node) for node in todo]):
            if str(focus) in found and isinstance(focus, URIRef):
                found[str(focus)].append(list(_fields(violation)))
        for node, (key, _) in todo.items():
            known[node] = [key, found[node]]
            verdicts += _violations(found[node])
    return verdicts


# --- the cache -----------------------------------------------------------------------------


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps([VERSION, *parts], sort_keys=True).encode()).hexdigest()


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _base_key(sources: Sources, graphs: dict[str, Any], shapes: Graph) -> str:
    return _key(
        _file_hash(sources.shapes),
        *(graphs.get(str(g), {}).get("files") for g in (ONTOLOGY_GRAPH, ENTITIES_GRAPH, BACKGROUND_GRAPH)),
    )


def _article_key(sources: Sources, graphs: dict[str, Any], shapes: Graph, path: Path, base: str | None = None) -> str:
    files = graphs.get(str(article_graph(path.stem)), {}).get("files")
    base = base or _base_key(sources, graphs, shapes)
    return _key(base, str(path), files, _file_hash(sources.article_text(path)))


def _cached(folder: Path, key: str, compute: Any) -> dict[str, Any]:
    """The result cached under ``key`` in ``folder``, else ``compute()``, cached if the folder is
    writable. A cache file that does not read back as JSON is computed again."""
    path = Path(folder) / CACHE / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    result = compute()
    _keep(path, result)
    return result


def _keep(path: Path, result: Any) -> None:
    """Write ``result`` as JSON to ``path`` (atomically); in a read-only store folder, nothing:
    the result is computed again next time."""
    with contextlib.suppress(OSError, NatokgError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(result))


def _prune(folder: Path, sources: Sources, graphs: dict[str, Any], shapes: Graph) -> None:
    """Remove cached results that no current file has the key of (an article edited or removed)."""
    base = _base_key(sources, graphs, shapes)
    keep = {base, *(_article_key(sources, graphs, shapes, p, base) for p in sources.articles)}
    for path in (Path(folder) / CACHE).glob("*.json"):
        if path.stem not in keep and path.stem != "union":
            path.unlink(missing_ok=True)


def _base_result(oxstore: Any, sources: Sources, folder: Path, graphs: dict[str, Any], shapes: Graph) -> dict:
    def compute() -> dict[str, Any]:
        data, declared, literals = bind_prefixes(Graph()), [], []
        for paths in (sources.ontology, (sources.entities, *sources.own_entities)):
            part = Graph()
            for path in paths:
                graph = parse_file(path, Graph(bind_namespaces="none"))
                declared += [[p, str(ns)] for p, ns in graph.namespaces()]
                for triple in graph:
                    part.add(triple)
                    data.add(triple)
            literals.append(stored_literals(part))
        background = parse_file(sources.background, Graph(bind_namespaces="none"))
        prefixes = [[p, str(ns)] for p, ns in background.namespaces()]
        return {
            "shacl": [[_node(f), str(c), list(_fields(v))] for f, c, v in shacl_violations(data, shapes, None)],
            "subjects": sorted({str(s) for s in data.subjects() if isinstance(s, URIRef)}),
            "background": [list(_fields(v)) for v in check_background_citations(background)],
            "prefixes": declared,
            "background_prefixes": prefixes,
            "literals": literals,
        }

    return _cached(folder, _base_key(sources, graphs, shapes), compute)


def _article_result(
    oxstore: Any, sources: Sources, folder: Path, graphs: dict[str, Any], shapes: Graph, path: Path, base: str
) -> dict[str, Any]:
    key = _article_key(sources, graphs, shapes, path, base)
    return _cached(folder, key, lambda: check_article(path, sources, shapes, _context(oxstore, path)))


def _context(oxstore: Any, path: Path) -> Graph:
    """What the ontology and the entities in ``oxstore`` say about the nodes that the article
    graph of ``path`` names, and the ontology's subclass axioms (for ``sh:targetClass`` and
    ``sh:class``): the rest of an article's data graph."""
    ox = oxigraph()
    base = [ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, ENTITIES_GRAPH)]
    graph = Graph()
    for quad in oxstore.quads_for_pattern(None, to_oxigraph(RDFS.subClassOf), None, base[0]):
        graph.add(triple_to_rdflib(quad))
    named = ox.NamedNode(str(article_graph(path.stem)))
    nodes = {t for q in oxstore.quads_for_pattern(None, None, None, named) for t in (q.subject, q.object)}
    for node in nodes:
        if isinstance(node, ox.NamedNode):
            for where in base:
                for quad in oxstore.quads_for_pattern(node, None, None, where):
                    graph.add(triple_to_rdflib(quad))
    return graph


# --- results as JSON -------------------------------------------------------------------------


def _fields(violation: Violation) -> tuple[str, str, str, str]:
    return violation.check, violation.focus, violation.path, violation.message


def _violations(rows: list[list[str]]) -> list[Violation]:
    return [Violation(*row) for row in rows]


def _node(node: Node | None) -> list[str]:
    return ["iri", str(node)] if isinstance(node, URIRef) else ["other", str(node)]


def _focus(row: list[str]) -> Node:
    return URIRef(row[1]) if row[0] == "iri" else BNode(row[1])


def _loaded(rows: list[list[Any]]) -> list[tuple[Node, bool, Violation]]:
    """Cached SHACL results: focus node, whether another graph can repair it (see
    :data:`_OWN_TRIPLES`), violation."""
    return [
        (_focus(focus), URIRef(component) not in _OWN_TRIPLES, Violation(*fields)) for focus, component, fields in rows
    ]


def _by_graph(sources: Sources, base: dict[str, Any], articles: list[dict[str, Any]]) -> list[tuple[str, dict]]:
    """Each result with the named graph it is of (the base result for the ontology and entities)."""
    pairs = [
        (str(ONTOLOGY_GRAPH), {"literals": base["literals"][0]}),
        (str(ENTITIES_GRAPH), {"literals": base["literals"][1]}),
    ]
    return pairs + [(str(article_graph(p.stem)), r) for p, r in zip(sources.articles, articles, strict=True)]


def _corpus_names(sources: Sources, base: dict[str, Any], articles: list[dict[str, Any]]) -> dict[str, str]:
    """The names :func:`natokg.validation.validate` prints nodes by on the loaded corpus: the
    prefixes the files declare, bound in the order :func:`natokg.load` parses them."""
    dataset = new_dataset()
    target = dataset.graph(ONTOLOGY_GRAPH)
    own = {str(article_namespace(p.stem)) for p in sources.articles}
    bound = set()
    for prefix, namespace in (
        *base["prefixes"],
        *base["background_prefixes"],
        *(pair for result in articles for pair in result["prefixes"]),
    ):
        # rdflib names each article's "art:" anew (art1, art2...), and article_prefixes leaves
        # those names out; and a pair bound once is bound. Binding them costs a second at 1 000.
        if namespace in own or (prefix, namespace) in bound:
            continue
        bound.add((prefix, namespace))
        target.bind(prefix, namespace)

    class Corpus:
        """What :func:`natokg.queries.article_prefixes` reads of a corpus: slugs and bound prefixes."""

        @staticmethod
        def article_slugs() -> list[str]:
            return [p.stem for p in sources.articles]

        @staticmethod
        def namespaces() -> Any:
            return dataset.namespaces()

    return _names(Corpus())  # type: ignore[arg-type]


#: The constraint components whose verdict reads only the focus node's own triples: no other graph
#: can repair a violation of them on a node that only one graph states triples about.
_OWN_TRIPLES = {
    SH[f"{name}ConstraintComponent"]
    for name in ("MinCount", "MaxCount", "Datatype", "In", "NodeKind", "MinInclusive", "MaxInclusive", "LessThan")
}


# --- which shapes the per-article checks are exact for -----------------------------------------

#: The constraint parameters whose positive part reads only the focus node's own values.
_LOCAL_PARAMETERS = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.datatype,
    SH["in"],
    SH.nodeKind,
    SH.minInclusive,
    SH.maxInclusive,
    SH.lessThan,
    SH.message,
    SH.name,
    SH.description,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
}


def _local_shapes(shapes: Graph) -> bool:
    """True when every shape reads only what :func:`cross_check` and the per-article checks give
    it (see the module's docstring): property paths that are IRIs or alternatives of IRIs, the
    constraints of :data:`_LOCAL_PARAMETERS` (a qualified value shape only by ``sh:class``), and
    SPARQL constraints of natokg's own shapes. Else validation loads everything, as before.

    >>> from natokg.loading import package_root
    >>> _local_shapes(parse_file(package_root() / "ontology" / "shapes.ttl"))
    True
    """
    for prop in set(shapes.objects(None, SH.property)):
        for parameter, value in shapes.predicate_objects(prop):
            if parameter == SH.qualifiedValueShape:
                if set(shapes.predicates(value)) - {SH["class"]}:
                    return False
            elif parameter != RDFS.comment and parameter not in _LOCAL_PARAMETERS:
                return False
        path = shapes.value(prop, SH.path)
        alternatives = shapes.value(path, SH.alternativePath) if isinstance(path, BNode) else None
        if isinstance(path, BNode) and (alternatives is None or not _iri_list(shapes, alternatives)):
            return False
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None)):
        if any(p in (SH.node, SH["not"], SH["or"], SH["and"], SH.xone, SH.closed) for p in shapes.predicates(shape)):
            return False
    known = _natokg_sparql()
    return all(str(text) in known for text in shapes.objects(None, SH.select))


def _iri_list(shapes: Graph, head: Node) -> bool:
    from rdflib.collection import Collection

    return all(isinstance(item, URIRef) for item in Collection(shapes, head))


def _natokg_sparql() -> set[str]:
    """The SPARQL constraints of the shapes shipped with natokg (read by the module's argument)."""
    from natokg.loading import package_root

    return {str(text) for text in parse_file(package_root() / "ontology" / "shapes.ttl").objects(None, SH.select)}
