"""Validation over the corpus store gives today's report: the same violations, wording and order.

Each broken copy is checked both ways (rdflib's :func:`natokg.validation.validate_path` and the
store's :func:`natokg.store.validate.validate_store`), and the fault each test plants is looked
for by hand-written text, so that each check is proven to catch it on the store path too.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from natokg.loading import Sources
from natokg.store import build
from natokg.store import validate as store_validate
from natokg.store.validate import validate_store
from natokg.validation import Report, validate_path

from .conftest import copy_data_root

ARTICLE = "reuters-2026-02-12-colby-nato-brussels"
ARTICLE_TTL = f"graph/articles/{ARTICLE}.ttl"


def _both(root: Path, store_dir: Path, *, consistency: bool = False) -> tuple[Report, Report]:
    """(today's report, the store's report) on the data under ``root``, after checking that they
    print the same."""
    today = validate_path(root, consistency=consistency)
    store = build(root, store_dir, progress=False)
    try:
        ours = validate_store(store, Sources.find(root), consistency=consistency)
    finally:
        store.close()
    assert str(ours) == str(today)
    return today, ours


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_data_root(tmp_path / "data")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_shipped_data_conforms_both_ways(root: Path, tmp_path: Path) -> None:
    _, ours = _both(root, tmp_path / "store")
    assert ours.conforms


def test_generated_corpus_gives_the_same_report(corpus: ModuleType, tmp_path: Path) -> None:
    data = corpus.make_corpus(12, tmp_path / "data", people=60)
    # Two faults in generated articles: a span one code point off, and a quotation's words changed.
    head = 'art:sentence-02 a nif:Sentence , nif:String ; nif:referenceContext art:text ; nif:beginIndex "'
    _replace(data / "graph" / "articles" / "gen-000003.ttl", head, head + "1")  # 84 becomes 184
    _, ours = _both(data, tmp_path / "store", consistency=False)
    printed = str(ours)
    assert "offsets: gen-000003:sentence-02 [nif:" in printed
    # An article added in place: only the union verdicts near its triples are computed again.
    corpus.add_article(data, 13, corpus.make_pool(60, seed=1), random.Random(13))
    _, again = _both(data, tmp_path / "store", consistency=False)
    assert len(again.violations) > len(ours.violations)  # generated articles break shapes (no labels...)


SPAN = 'nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "200"^^xsd:nonNegativeInteger ;'
EVIDENCE = "    nkg:evidence art:sentence-02 , art:phrase-representing ; nkg:reportedIn art:article ."


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # sentence-01 is the article's first line, 200 code points: from 1 it lacks its first letter.
        (SPAN, SPAN.replace('"0"', '"1"'), ("offsets", "sentence-01", "differs from the text at 1-200")),
        (
            'nkg:verbatim "Investment is up by tens of billions." ;',
            'nkg:verbatim "Investment is up by hundreds of billions." ;',
            ("quotation", "quotation-07", "does not occur verbatim"),
        ),
        (EVIDENCE, "    nkg:reportedIn art:article .", ("shacl", "colby-represents-us", "cites at least one span")),
    ],
    ids=["span offset", "quotation outside its context", "shape broken in one article"],
)
def test_a_fault_in_one_article(root: Path, tmp_path: Path, old: str, new: str, expected: tuple[str, ...]) -> None:
    _replace(root / ARTICLE_TTL, old, new)
    _, ours = _both(root, tmp_path / "store")
    check, node, words = expected
    assert any(v.check == check and v.focus == f"{ARTICLE}:{node}" and words in v.message for v in ours.violations)


def test_text_file_that_differs(root: Path, tmp_path: Path) -> None:
    text_file = root / "graph" / "articles" / f"{ARTICLE}.txt"
    text_file.write_text(text_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    orphan = root / "graph" / "articles" / "orphan.txt"
    orphan.write_text("nobody annotated this\n", encoding="utf-8")
    _, ours = _both(root, tmp_path / "store")
    assert [v.check for v in ours.violations] == ["text", "text"], str(ours)
    assert ours.violations[1].focus == str(orphan)


def test_datatype_the_store_would_lose(root: Path, tmp_path: Path) -> None:
    # Oxigraph stores "3"^^xsd:positiveInteger as "3"^^xsd:integer; the union check must see the file's.
    _replace(root / ARTICLE_TTL, 'nkg:rank "3"^^xsd:positiveInteger', 'nkg:rank "3"^^xsd:integer')
    _, ours = _both(root, tmp_path / "store")
    assert [(v.focus, v.path) for v in ours.violations] == [("nkr:post-pentagon-no-3", "nkg:rank")], str(ours)


SECOND = """@prefix nkg: <https://w3id.org/natokg/ontology#> .
@prefix nkr: <https://w3id.org/natokg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix art: <https://w3id.org/natokg/id/second/> .
art:article a nkg:NewsArticle ; rdfs:label "A second report" ; nkg:text art:text .
art:text a nif:Context , nif:String ; nif:isString "{text}" .
art:sentence-01 a nif:Sentence , nif:String ; nif:referenceContext art:text ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "{length}"^^xsd:nonNegativeInteger ;
    nif:anchorOf "{text}" .
{facts}
"""


def _second(root: Path, text: str, facts: str) -> None:
    body = SECOND.format(text=text, length=len(text), facts=facts)
    (root / "graph" / "articles" / "second.ttl").write_text(body, encoding="utf-8")
    (root / "graph" / "articles" / "second.txt").write_text(text, encoding="utf-8")


def test_violation_that_only_two_articles_make(root: Path, tmp_path: Path) -> None:
    # The shipped article puts the Pentagon's No. 3 post in the Department of Defense; a second
    # one puts it in NATO too. Each alone conforms; together the post is in two organisations.
    _second(root, "The post belongs to NATO.", "nkr:post-pentagon-no-3 org:postIn nkr:nato .")
    _, ours = _both(root, tmp_path / "store")
    assert [str(v) for v in ours.violations] == [
        "shacl: nkr:post-pentagon-no-3 [org:postIn]: A post belongs to exactly one organisation (org:postIn)."
    ]


def test_violation_that_a_second_article_repairs(root: Path, tmp_path: Path) -> None:
    # A direct triple with no qualified node in its own article, but one (with evidence) in the other.
    _replace(
        root / ARTICLE_TTL,
        "nkr:elbridge-colby nkg:represents nkr:united-states ; nkg:standsInFor nkr:pete-hegseth .",
        "nkr:elbridge-colby nkg:represents nkr:united-states ; nkg:standsInFor nkr:pete-hegseth .\n"
        "nkr:mark-rutte org:memberOf nkr:united-states .",
    )
    alone, _ = _both(root, tmp_path / "alone")
    assert any("nkr:mark-rutte" in str(v) and "has no nkg:Membership" in str(v) for v in alone.violations)
    _second(
        root,
        "Rutte is a member.",
        'art:m a nkg:Membership ; rdfs:label "Rutte in the US" ; org:member nkr:mark-rutte ;\n'
        "    org:organization nkr:united-states ;\n"
        "    nkg:evidence art:sentence-01 ; nkg:reportedIn art:article .",
    )
    _, ours = _both(root, tmp_path / "store")
    assert not any("has no nkg:Membership" in str(v) for v in ours.violations), str(ours)


def test_contradiction_is_reported_the_same(root: Path, tmp_path: Path) -> None:
    _second(root, "Rutte is an organisation.", "nkr:mark-rutte a nkg:Organization .")
    _, ours = _both(root, tmp_path / "store", consistency=True)
    assert [v.check for v in ours.violations] == ["consistency"], str(ours)
    assert "nkr:mark-rutte" in ours.violations[0].message


def test_the_build_checks_the_articles_whose_key_changed_and_validate_reads_the_cache(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    original = store_validate.check_article

    def spy(path: Path, *args: object) -> dict:
        checked.append(path.stem)
        return original(path, *args)

    monkeypatch.setattr(store_validate, "check_article", spy)
    store = build(root, tmp_path / "store", progress=False)
    assert checked == [ARTICLE] and store.timings.validate is not None
    assert validate_store(store, Sources.find(root)).conforms
    assert checked == [ARTICLE]  # validate read the build's result
    shacl_runs: list[int] = []
    shacl = store_validate.shacl_violations
    monkeypatch.setattr(store_validate, "shacl_violations", lambda *a: shacl_runs.append(1) or shacl(*a))
    assert validate_store(store, Sources.find(root)).conforms
    assert shacl_runs == []  # the union check's verdicts too came from the cache
    store.close()
    _second(root, "The post belongs to NATO.", "nkr:post-pentagon-no-3 org:postIn nkr:nato .")
    store = build(root, tmp_path / "store", progress=False)  # an article added in place
    assert checked == [ARTICLE, "second"] and store.timings.validate is not None
    assert not validate_store(store, Sources.find(root)).conforms  # the post in two organisations
    store.close()
    _replace(root / ARTICLE_TTL, 'nkg:verbatim "strong basis" ;', 'nkg:verbatim "strong basis for" ;')
    store = build(root, tmp_path / "store", progress=False)  # an article edited: rebuilt
    report = validate_store(store, Sources.find(root))
    store.close()
    assert checked == [ARTICLE, "second", ARTICLE]
    found = [v for v in report.violations if v.focus == f"{ARTICLE}:quotation-02"]
    assert found and "differs from its quoted span" in found[0].message
    cached = sorted(p.name for p in (tmp_path / "store" / "validation").glob("*.json") if p.name != "union.json")
    assert len(cached) == 3  # the base, the edited article, the second; the old result removed


def test_a_broken_cache_file_is_computed_again(root: Path, tmp_path: Path) -> None:
    store = build(root, tmp_path / "store", progress=False)
    validate_store(store, Sources.find(root))
    for path in (tmp_path / "store" / "validation").glob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert validate_store(store, Sources.find(root)).conforms


def test_shapes_it_cannot_split_fall_back_to_loading_everything(
    root: Path, tmp_path: Path, write_article: Callable[[Path, str, str], Path]
) -> None:
    shapes = root / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8")
        + "\n<urn:t:s> a sh:NodeShape ; sh:targetClass nkg:Person ;\n"
        + '    sh:property [ sh:path ( org:holds org:postIn ) ; sh:maxCount 0 ; sh:message "two hops" ] .\n',
        encoding="utf-8",
    )
    assert not store_validate._local_shapes(store_validate.parse_file(shapes))
    _, ours = _both(root, tmp_path / "store", consistency=False)
    assert "shacl: nkr:elbridge-colby [org:holds/org:postIn]: two hops" in map(str, ours.violations)


def test_a_querys_implicit_build_leaves_the_checks_to_validate(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a query does not wait for SHACL: its build checks nothing, and validate then checks what has
    # no cached result, with the same report
    from natokg.store import current

    checked: list[str] = []
    original = store_validate.check_article
    spy = lambda path, *a: checked.append(path.stem) or original(path, *a)  # noqa: E731
    monkeypatch.setattr(store_validate, "check_article", spy)
    store = current(root, tmp_path / "store", progress=False)
    assert checked == [] and store.timings.validate is None
    assert validate_store(store, Sources.find(root)).conforms
    assert checked == [ARTICLE]
