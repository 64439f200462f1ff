"""Reasoning: OWL 2 RL derives the facts analysts ask for, in its own graph, without noise."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

import natokg
from natokg import reasoning
from natokg.cli import main
from natokg.namespaces import (
    BACKGROUND_INFERRED_GRAPH,
    CAMEO,
    INFERRED_GRAPH,
    INFERRED_GRAPHS,
    NKG,
    NKR,
    ONTOLOGY_GRAPH,
    ORG,
)
from natokg.reasoning import (
    VOCABULARY_NAMESPACES,
    InconsistencyError,
    _fingerprint,
    add_inferences,
    cache_dir,
    cache_text,
)

ART = "https://w3id.org/natokg/id/reuters-2026-02-12-colby-nato-brussels/"
ONLY_BY_REASONING = [
    # (query, bindings that must be returned) — each is absent from the asserted graphs.
    (
        "SELECT ?x WHERE { nkr:elbridge-colby nkg:belongsTo ?x }",
        {NKR["us-department-of-defense"], NKR["trump-administration"], NKR["us-government"]},
    ),
    ("SELECT ?x WHERE { nkr:elbridge-colby org:memberOf ?x }", {NKR["us-department-of-defense"]}),
    ("SELECT ?x WHERE { nkr:command-naples nkg:locatedIn ?x }", {NKR.naples, NKR.italy}),
    (
        "SELECT ?x WHERE { nkr:defence-ministers-meeting-2026-02 nkg:place ?x }",
        {NKR["nato-headquarters"], NKR.brussels},
    ),
    (
        "SELECT ?x WHERE { ?x nkg:participatedIn nkr:defence-ministers-meeting-2026-02 }",
        {NKR["elbridge-colby"], NKR["nato-defence-ministers"]},
    ),
    ("SELECT ?x WHERE { ?x a schema:Quotation }", {URIRef(f"{ART}quotation-0{i}") for i in range(1, 8)}),
    ("SELECT ?x WHERE { nkr:post-nato-secretary-general org:heldBy ?x }", {NKR["mark-rutte"]}),
    ("SELECT ?x WHERE { nkr:european-nations nkg:inTensionWith ?x }", {NKR["donald-trump"]}),
]


def _values(dataset: Dataset, query: str) -> set:
    return {row[0] for row in dataset.query(query)}


@pytest.mark.parametrize(("query", "expected"), ONLY_BY_REASONING)
def test_reasoning_derives_what_assertions_do_not_say(inferred_dataset: Dataset, query: str, expected: set) -> None:
    assert expected <= _values(inferred_dataset, query)
    assert not expected <= _values(natokg.select(inferred_dataset, ["asserted", "ontology", "background"]), query)
    # … and every derived answer comes from the inferred graph, not from somewhere else.
    assert expected <= _values(natokg.select(inferred_dataset, ["asserted", "inferred"]), query)


def test_colby_is_in_the_government_but_not_derived_into_nato(inferred_dataset: Dataset) -> None:
    belongs = _values(inferred_dataset, "SELECT ?x WHERE { nkr:elbridge-colby nkg:belongsTo ?x }")
    assert NKR.nato not in belongs  # representing the US at a NATO meeting is not membership


@pytest.mark.parametrize("name", [INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH])
def test_inferred_graph_holds_no_noise(inferred_dataset: Dataset, name: URIRef) -> None:
    inferred = inferred_dataset.graph(name)
    asserted = {t for g in inferred_dataset.graphs() if g.identifier not in INFERRED_GRAPHS for t in g}
    built_ins = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
    assert len(inferred) > 10
    for s, p, o in inferred:
        assert not isinstance(s, Literal), (s, p, o)
        assert not (p == OWL.sameAs and s == o), (s, p, o)
        assert not str(s).startswith(built_ins + VOCABULARY_NAMESPACES), (s, p, o)
        assert not (p == RDF.type and str(o).startswith(built_ins)), (s, p, o)
        assert not isinstance(s, BNode), (s, p, o)
        assert (s, p, o) not in asserted, (s, p, o)


def test_reasoning_leaves_asserted_graphs_untouched() -> None:
    plain = natokg.load()
    reasoned = natokg.load(inferred=True)
    for graph in plain.graphs():
        if len(graph):
            assert isomorphic(graph, reasoned.graph(graph.identifier)), graph.identifier


@pytest.fixture
def warm_cache(inferred_dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache dir holding the session's cache entry for the shipped data (no recomputation)."""
    # only the shipped data's entry: other tests (queries see the inferences by default) add their own
    entries = list(cache_dir().glob(f"inferred-{_fingerprint(natokg.load())}.nq"))
    assert entries, "the session fixture computed and cached the inferences"
    private = tmp_path / "cache"
    private.mkdir()
    for entry in entries:
        shutil.copy(entry, private / entry.name)
    monkeypatch.setenv("NATOKG_CACHE_DIR", str(private))
    # the owlrl cache is the in-memory engine's: the corpus store computes its own inferences
    monkeypatch.setenv("NATOKG_ENGINE", "memory")
    # These tests are about the cache, not the reasoner: recomputing the shipped data's inferences
    # gives the session's (owlrl's, computed once), not another 7 s closure; other data is reasoned.
    shipped, compute = _fingerprint(natokg.load()), reasoning.compute_inferences

    def recompute(dataset: Dataset) -> dict[URIRef, Graph]:
        if _fingerprint(dataset) != shipped:
            return compute(dataset)
        return {name: _copy(inferred_dataset.graph(name)) for name in INFERRED_GRAPHS}

    monkeypatch.setattr(reasoning, "compute_inferences", recompute)
    return private


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_inferences_are_cached_and_reused(warm_cache: Path, inferred_dataset: Dataset) -> None:
    assert cache_dir() == warm_cache
    expected = set(inferred_dataset.graph(INFERRED_GRAPH))
    assert set(add_inferences(natokg.load())) == expected
    (entry,) = warm_cache.glob("inferred-*.nq")
    # Poison the entry (with a valid header) to prove it is what a second load reads.
    entry.write_bytes(cache_text({INFERRED_GRAPH: Graph().add((NKR["x"], NKG.belongsTo, NKR["y"]))}))
    assert set(add_inferences(natokg.load())) == {(NKR["x"], NKG.belongsTo, NKR["y"])}
    # A damaged or empty entry is a miss: the inferences are computed again and the entry rewritten.
    for damaged in ("<not n-quads", f"<{NKR['x']}> <{NKG.belongsTo}> <{NKR['y']}> <{INFERRED_GRAPH}> .\n"):
        entry.write_text(damaged, encoding="utf-8")
        assert set(add_inferences(natokg.load())) == expected
        assert entry.read_bytes().startswith(b"# natokg inferences v1 triples=")


def test_changed_data_gets_a_new_cache_entry(warm_cache: Path, data_copy: Path) -> None:
    before = natokg.load(data_copy)
    entities = data_copy / "graph" / "entities.ttl"
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:x <http://www.w3.org/ns/org#memberOf> nkr:nato .\n",
        encoding="utf-8",
    )
    after = natokg.load(data_copy)
    assert _fingerprint(before) != _fingerprint(after)
    inferred = add_inferences(after)
    assert (NKR["x"], NKG.belongsTo, NKR.nato) in inferred
    assert (NKR.nato, ORG.hasMember, NKR["x"]) in inferred
    assert len(list(warm_cache.glob("inferred-*.nq"))) == 2


def test_background_inferences_are_kept_apart(inferred_dataset: Dataset) -> None:
    from_reporting = inferred_dataset.graph(INFERRED_GRAPH)
    from_background = inferred_dataset.graph(BACKGROUND_INFERRED_GRAPH)
    landau = NKR["christopher-landau"]  # known only from the background
    assert (landau, NKG.belongsTo, NKR["us-government"]) in from_background
    assert not any(landau in triple for triple in from_reporting)
    assert not set(from_reporting) & set(from_background)
    assert (NKR["elbridge-colby"], NKG.belongsTo, NKR["us-government"]) in from_reporting


def test_only_events_are_inferred_to_be_events(inferred_dataset: Dataset) -> None:
    asserted_events = {
        row[0]
        for row in natokg.select(inferred_dataset, ["asserted", "ontology", "background"]).query(
            "SELECT ?e WHERE { ?e a/rdfs:subClassOf* nkg:Event }"
        )
    }
    for name in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH):
        inferred_events = set(inferred_dataset.graph(name).subjects(RDF.type, NKG.Event))
        assert inferred_events <= asserted_events, inferred_events - asserted_events


def test_contradiction_is_reported_not_hidden(data_copy: Path) -> None:
    entities = data_copy / "graph" / "entities.ttl"
    # Persons and organisations are disjoint: typing Colby as both must be caught.
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:elbridge-colby a nkg:Organization .\n", encoding="utf-8"
    )
    with pytest.raises(InconsistencyError) as caught:
        add_inferences(natokg.load(data_copy), cache=False)
    assert "elbridge-colby" in str(caught.value)


# The answer of `natokg query cq9 --inferred`, written by hand from the article and the background
# (README, "Queries"): (person, organisation, basis).
CQ9_ROWS = {
    ("Christopher Landau", "US government", "inferred with background"),
    ("Donald Trump", "US government", "inferred from the article"),
    ("Elbridge Colby", "Trump administration", "inferred from the article"),
    ("Elbridge Colby", "US government", "inferred from the article"),
    ("Marco Rubio", "Trump administration", "article (curated)"),
    ("Marco Rubio", "US government", "inferred from the article"),
    ("Pete Hegseth", "Trump administration", "article (curated)"),
    ("Pete Hegseth", "US government", "inferred from the article"),
}


def _cq9_rows(capsys: pytest.CaptureFixture[str]) -> tuple[set[tuple[str, ...]], str]:
    assert main(["query", "cq9", "--inferred", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    header = lines[0].split(",")
    picked = [header.index(c) for c in ("personLabel", "organisationLabel", "basis")]
    rows = [line.split(",") for line in lines[1:] if line]
    return {tuple(row[i] for i in picked) for row in rows}, err


def _cut(entry: Path) -> None:
    """Keep the header and the first half of the quads: a cut at a line boundary."""
    lines = entry.read_bytes().splitlines(keepends=True)
    entry.write_bytes(b"".join(lines[: len(lines) // 2]))


@pytest.mark.parametrize(
    "damage",
    [
        _cut,
        lambda entry: entry.write_bytes(entry.read_bytes().replace(b"belongsTo", b"belongsTa", 1)),  # a byte changed
        lambda entry: entry.write_bytes(entry.read_bytes() + entry.read_bytes().splitlines(keepends=True)[-1]),
    ],
    ids=["cut-at-a-line", "corrupted", "line-repeated"],
)
def test_damaged_cache_is_recomputed_and_cq9_keeps_its_8_rows(
    warm_cache: Path, damage, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 9 §4: a cache cut at a line boundary used to give 4 rows instead of 8, silently.
    assert _cq9_rows(capsys)[0] == CQ9_ROWS
    (entry,) = warm_cache.glob("inferred-*.nq")
    whole = entry.read_bytes()
    damage(entry)
    assert entry.read_bytes() != whole
    rows, _ = _cq9_rows(capsys)
    assert rows == CQ9_ROWS
    notes = [r.getMessage() for r in caplog.records if r.name == "natokg.reasoning"]
    assert len(notes) == 1 and str(entry) in notes[0] and "recomputing" in notes[0] and "\n" not in notes[0]
    assert entry.read_bytes() == whole  # rewritten whole


def test_the_check_would_catch_a_cut_without_the_header(warm_cache: Path) -> None:
    # Without the count and hash, the cut file is valid N-Quads and reads as fewer facts.
    (entry,) = warm_cache.glob("inferred-*.nq")
    _cut(entry)
    back = Dataset().parse(entry, format="nquads")
    assert 0 < len(back) < len(natokg.load(inferred=True).graph(INFERRED_GRAPH))


def test_line_breaks_in_literals_survive_the_cache(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NATOKG_CACHE_DIR", str(tmp_path / "fresh-cache"))
    article = next((data_copy / "graph" / "articles").glob("*.ttl"))
    odd = {"first line\nsecond line", "one\u2028two", "para\u2029graph\r\n"}
    quoted = " , ".join(f'"{value.encode("unicode_escape").decode()}"' for value in sorted(odd))
    article.write_text(article.read_text(encoding="utf-8") + f"\nart:odd-appeal nkg:calledFor {quoted} .\n")
    first = add_inferences(natokg.load(data_copy))
    content = {str(o) for o in first.objects(URIRef(f"{ART}odd-appeal"), NKG.content)}
    assert content == odd  # calledFor is a subproperty of content: inferred, so in the cache
    (entry,) = (tmp_path / "fresh-cache").glob("inferred-*.nq")
    assert b"\\u2028" in entry.read_bytes() and "\u2028".encode() not in entry.read_bytes()

    def recompute(dataset: Dataset) -> None:
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(reasoning, "compute_inferences", recompute)
    again = add_inferences(natokg.load(data_copy))
    assert set(again) == set(first)


def test_inferred_graphs_say_nothing_about_cameo_or_other_ontology_terms(
    inferred_dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 9 §7: 50 lines had a cameo: subject (skos:narrower, skos:broaderTransitive between concepts).
    assert main(["export", "--inferred", "--graphs", "inferred", "--format", "nt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 800
    assert [line for line in lines if line.startswith(f"<{CAMEO}")] == []
    defined = set(inferred_dataset.graph(ONTOLOGY_GRAPH).subjects())
    for name in INFERRED_GRAPHS:
        assert not [t for t in inferred_dataset.graph(name) if t[0] in defined]
    # events keep their CAMEO type: the concept as object is a fact about the event
    assert any(str(o).startswith(str(CAMEO)) for o in inferred_dataset.graph(INFERRED_GRAPH).objects())


def test_ctrl_c_inside_owlrl_is_an_interrupt_not_a_contradiction(monkeypatch: pytest.MonkeyPatch) -> None:
    # owlrl checks literals inside bare `except:` clauses: a Ctrl-C that arrived there was taken for a
    # literal that does not match its datatype (seen as "Lexical value of the literal ... does not
    # match its datatype" from `natokg stats --inferred --no-cache` interrupted at that moment).
    import owlrl

    expand = owlrl.DeductiveClosure.expand

    def expand_swallowing_a_ctrl_c(self: object, graph: Graph) -> None:
        try:  # noqa: SIM105 - a bare except, as owlrl writes it
            signal.raise_signal(signal.SIGINT)  # Ctrl-C while owlrl checks a literal
        except:  # noqa: E722 - as owlrl does
            pass
        expand(self, graph)

    monkeypatch.setattr(owlrl.DeductiveClosure, "expand", expand_swallowing_a_ctrl_c)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in the command line
    try:
        with pytest.raises(KeyboardInterrupt):
            reasoning.closure([(URIRef("urn:a"), RDF.type, URIRef("urn:C"))])
    finally:
        signal.signal(signal.SIGINT, previous)
