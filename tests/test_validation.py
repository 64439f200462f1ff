"""Validation catches broken copies: offsets, quotations, shapes, texts and background citations."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_TTL

import natokg
from natokg.cli import main
from natokg.validation import Report, validate_path


def _span_line(root: Path, span: str) -> str:
    text = (root / ARTICLE_TTL).read_text(encoding="utf-8")
    block = text[text.index(f"art:{span} a ") :]
    return re.search(r'nif:beginIndex "(\d+)"\^\^xsd:nonNegativeInteger', block).group(0)


def _violations(report: Report, check: str) -> list[str]:
    return [str(v) for v in report.violations if v.check == check]


def test_shipped_graph_conforms() -> None:
    report = validate_path()
    assert report.conforms, str(report)


@pytest.mark.parametrize("span", ["sentence-04", "quote-03", "phrase-this-week"])
def test_offset_off_by_one_is_caught(data_copy: Path, mutate, span: str) -> None:
    line = _span_line(data_copy, span)
    begin = int(re.search(r"\d+", line).group(0))
    mutate(ARTICLE_TTL, f"art:{span} a", f"art:{span} a")  # the span exists exactly once
    text = (data_copy / ARTICLE_TTL).read_text(encoding="utf-8")
    start = text.index(f"art:{span} a ")
    pos = text.index(line, start)
    shifted = line.replace(f'"{begin}"', f'"{begin + 1}"')
    (data_copy / ARTICLE_TTL).write_text(text[:pos] + shifted + text[pos + len(line) :], encoding="utf-8")
    report = validate_path(data_copy)
    assert not report.conforms
    assert any(f"{ARTICLE}:{span}" in v and "differs from the text" in v for v in _violations(report, "offsets"))


def test_altered_quotation_is_caught(mutate) -> None:
    root = mutate(
        ARTICLE_TTL,
        'nkg:verbatim "Investment is up by tens of billions." ;',
        'nkg:verbatim "Investment is up by hundreds of billions." ;',
    )
    report = validate_path(root)
    found = _violations(report, "quotation")
    assert any(f"{ARTICLE}:quotation-07" in v and "does not occur verbatim" in v for v in found), str(report)


def test_quotation_that_disagrees_with_its_span_is_caught(mutate) -> None:
    # Still a substring of the article, but no longer what the quoted span holds.
    root = mutate(ARTICLE_TTL, 'nkg:verbatim "strong basis" ;', 'nkg:verbatim "strong basis for" ;')
    found = _violations(validate_path(root), "quotation")
    assert any(f"{ARTICLE}:quotation-02" in v and "differs from its quoted span" in v for v in found)


def test_fact_without_evidence_breaks_a_shape(mutate) -> None:
    root = mutate(
        ARTICLE_TTL,
        "    nkg:evidence art:sentence-02 , art:phrase-representing ; nkg:reportedIn art:article .",
        "    nkg:reportedIn art:article .",
    )
    found = _violations(validate_path(root), "shacl")
    assert any(f"{ARTICLE}:colby-represents-us [nkg:evidence]" in v and "cites at least one span" in v for v in found)


def test_qualified_and_direct_forms_must_agree(mutate) -> None:
    root = mutate(
        ARTICLE_TTL,
        "nkr:elbridge-colby nkg:represents nkr:united-states ; nkg:standsInFor nkr:pete-hegseth .",
        "nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth .",
    )
    found = _violations(validate_path(root), "shacl")
    assert any(f"{ARTICLE}:colby-represents-us" in v and "nkg:represents" in v and "united-states" in v for v in found)


def test_quotation_without_speaker_breaks_a_shape(mutate) -> None:
    root = mutate(
        ARTICLE_TTL,
        "nkg:saidBy nkr:mark-rutte ; nkg:quotedIn art:rutte-remarks ;\n    nkg:evidence art:quote-07",
        "nkg:quotedIn art:rutte-remarks ;\n    nkg:evidence art:quote-07",
    )
    found = _violations(validate_path(root), "shacl")
    assert any(f"{ARTICLE}:quotation-07 [nkg:saidBy]" in v for v in found)


def test_changed_text_copy_is_caught(data_copy: Path) -> None:
    text_file = data_copy / "graph" / "articles" / f"{ARTICLE}.txt"
    text_file.write_text(text_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    found = _violations(validate_path(data_copy), "text")
    assert found and "does not hold exactly the text" in found[0]
    # the article is 2096 code points on 11 lines (wc), the last, 122 characters long, without a line end
    assert found[0].endswith(
        "first differ at offset 2096 (line 11, column 123): the graph's text ends, the file has '\\n'"
    )


def test_crlf_text_copy_is_caught_and_located(data_copy: Path) -> None:
    # Issue 9 §8: a CRLF .txt passed the "exactly the text" check (newline translation on read).
    text_file = data_copy / "graph" / "articles" / f"{ARTICLE}.txt"
    text_file.write_bytes(text_file.read_bytes().replace(b"\n", b"\r\n"))
    found = _violations(validate_path(data_copy), "text")
    # The first line, "Pentagon policy chief ... defense ministers.", is 200 code points long.
    assert found == [
        f"text: {data_copy / ARTICLE_TTL} [nif:isString]: the NIF context does not hold exactly the text of"
        f" {ARTICLE}.txt: first differ at offset 200 (line 1, column 201): '\\n' in the graph, '\\r' in the file"
    ]


def test_crlf_in_the_graph_but_not_the_file_is_caught(mutate) -> None:
    # The rule holds both ways: the graph's text with CRLF does not match an LF file.
    root = mutate(ARTICLE_TTL, "defense ministers.\nUS Defense", "defense ministers.\r\nUS Defense")
    found = _violations(validate_path(root), "text")
    assert len(found) == 1 and found[0].endswith(
        "offset 200 (line 1, column 201): '\\r' in the graph, '\\n' in the file"
    )


def test_text_without_its_turtle_is_reported(data_copy: Path) -> None:
    # Issue 9 §8: a .txt without its .ttl was silently ignored.
    orphan = data_copy / "graph" / "articles" / "orphan-article.txt"
    orphan.write_text("An article nobody annotated.\n", encoding="utf-8")
    assert _violations(validate_path(data_copy), "text") == [
        f"text: {orphan}: no orphan-article.ttl beside it, so the article is not loaded"
    ]


def test_the_same_shacl_violation_is_reported_once(data_copy: Path) -> None:
    # Issue 9 §8: two shapes reporting one fault printed it twice.
    shapes = data_copy / "ontology" / "shapes.ttl"
    twice = "".join(
        f"""
<urn:natokg:test:shape-{i}> a sh:NodeShape ; sh:targetNode <https://w3id.org/natokg/id/elbridge-colby> ;
    sh:property [ sh:path rdfs:label ; sh:minCount 5 ; sh:message "needs five labels" ] .
"""
        for i in (1, 2)
    )
    shapes.write_text(shapes.read_text(encoding="utf-8") + twice, encoding="utf-8")
    report = validate_path(data_copy, consistency=False)
    found = [str(v) for v in report.violations if "needs five labels" in v.message]
    assert found == ["shacl: nkr:elbridge-colby [rdfs:label]: needs five labels"]
    assert str(report).count("needs five labels") == 1


def test_uncited_background_fact_is_caught(data_copy: Path) -> None:
    background = data_copy / "graph" / "background.ttl"
    with background.open("a", encoding="utf-8") as handle:
        handle.write('\nnkr:mark-rutte nkg:officialName "Invented title" .\n')
    found = _violations(validate_path(data_copy), "background")
    assert any("nkr:mark-rutte" in v and "cites no source" in v for v in found)


def test_background_fact_without_source_is_caught(mutate) -> None:
    root = mutate(
        "graph/background.ttl",
        "bg:fact-001 a nkg:BackgroundFact ;",
        'bg:fact-001 a nkg:BackgroundFact ; rdfs:comment "x" ;',
    )
    text = (root / "graph/background.ttl").read_text(encoding="utf-8")
    block_start = text.index("bg:fact-001 a nkg:BackgroundFact")
    block_end = text.index(" .\n", block_start)
    block = re.sub(r";\s*nkg:source [^;.]*(?=\s*(;|$))", "", text[block_start:block_end], flags=re.S)
    (root / "graph/background.ttl").write_text(text[:block_start] + block + text[block_end:], encoding="utf-8")
    found = _violations(validate_path(root), "background")
    assert any("bg:fact-001" in v and "cites no nkg:BackgroundSource" in v for v in found)


def test_span_outside_its_sentence_is_caught(mutate) -> None:
    head = "art:quote-01 a nkg:QuoteSpan , nif:String ; nif:referenceContext art:text ;\n    nif:sentence "
    root = mutate(ARTICLE_TTL, head + "art:sentence-01 ;", head + "art:sentence-05 ;")
    found = _violations(validate_path(root), "offsets")
    assert any(
        f"{ARTICLE}:quote-01 [nif:sentence]" in v and f"outside its sentence {ARTICLE}:sentence-05" in v for v in found
    )


def test_direct_triple_without_qualified_node_is_caught(data_copy: Path) -> None:
    article = data_copy / ARTICLE_TTL
    article.write_text(
        article.read_text(encoding="utf-8") + "\nnkr:elbridge-colby org:memberOf nkr:nato .\n", encoding="utf-8"
    )
    found = _violations(validate_path(data_copy), "shacl")
    assert any("nkr:elbridge-colby" in v and "has no nkg:Membership with evidence" in v for v in found)


def test_ill_typed_offset_is_reported_in_one_line(mutate) -> None:
    line = 'nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "200"^^xsd:nonNegativeInteger ;'
    root = mutate(ARTICLE_TTL, line, line.replace('"0"', '"zero"'))
    report = validate_path(root)
    assert any(f"{ARTICLE}:sentence-01" in v and "are not integers" in v for v in _violations(report, "offsets"))
    assert any(f"{ARTICLE}:sentence-01 [nif:beginIndex]" in v for v in _violations(report, "shacl"))


def test_text_copy_that_is_not_utf8_is_reported(data_copy: Path) -> None:
    (data_copy / "graph" / "articles" / f"{ARTICLE}.txt").write_bytes(b"caf\xe9")
    found = _violations(validate_path(data_copy), "text")
    assert any("not UTF-8 text" in v for v in found)


def _copy_article(root: Path, slug: str) -> Path:
    """The shipped article under another slug (its namespace and graph renamed with it), in ``root``."""
    articles = natokg.data_root() / "graph" / "articles"
    target = root / "graph" / "articles" / f"{slug}.ttl"
    target.write_text((articles / f"{ARTICLE}.ttl").read_text(encoding="utf-8").replace(ARTICLE, slug), "utf-8")
    shutil.copy(articles / f"{ARTICLE}.txt", target.with_suffix(".txt"))
    return target


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_id_validate_prints_works_again_on_several_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 11 §2: validate printed art:… names, unknown to natokg sparql and ambiguous with several articles.
    root = tmp_path / "root"
    assert main(["init", str(root)]) == 0
    first, second = _copy_article(root, "first-copy"), _copy_article(root, "second-copy")
    _copy_article(root, "third-copy")  # intact: its ids must not be printed
    _break(first, 'nkg:verbatim "strong basis" ;', 'nkg:verbatim "strong basis for" ;')
    _break(
        second,
        "    nkg:evidence art:sentence-02 , art:phrase-representing ; nkg:reportedIn art:article .",
        "    nkg:reportedIn art:article .",
    )
    head = "art:quote-01 a nkg:QuoteSpan , nif:String ; nif:referenceContext art:text ;\n    nif:sentence "
    _break(second, head + "art:sentence-01 ;", head + "art:sentence-05 ;")
    capsys.readouterr()
    assert main(["validate", "--no-reasoning", "--data", str(root)]) == 1
    out = capsys.readouterr().out
    printed = set(re.findall(r"(?<![\w:/<-])[a-z][\w.-]*:[\w.-]*[\w-]", out))
    # by hand, from the three breaks: the quotation, the fact without evidence, the span and its sentence
    assert {
        "first-copy:quotation-02",
        "second-copy:colby-represents-us",
        "second-copy:quote-01",
        "second-copy:sentence-05",
    } <= printed, out
    assert not any(name.startswith(("art:", "third-copy:")) for name in printed), out
    dataset = natokg.load(root)
    for name in sorted(printed):
        iri = natokg.expand(name, dataset)  # Python
        assert natokg.compact(iri, dataset) == name
        used = natokg.sparql(dataset, f"ASK {{ {{ {name} ?p ?o }} UNION {{ ?s {name} ?o }} UNION {{ ?s ?p {name} }} }}")
        assert used.boolean, name  # ad-hoc SPARQL, as printed
    for name in sorted(n for n in printed if n.split(":")[0].endswith("-copy")):  # a named query's parameter
        assert main(["query", "cq8", "--data", str(root), "--param", f"fact={name}", "--format", "csv"]) == 0, name
        rows = capsys.readouterr().out.splitlines()[1:]
        assert bool(rows) == (name == "first-copy:quotation-02"), name  # the one printed fact with evidence
    monkeypatch.setattr("sys.stdin", io.StringIO(f"SELECT ?x WHERE {{ VALUES ?x {{ {' '.join(sorted(printed))} }} }}"))
    assert main(["sparql", "-", "--data", str(root), "--format", "csv"]) == 0  # the sparql command, as printed
    assert len(capsys.readouterr().out.splitlines()) == len(printed) + 1


def test_an_alternative_path_is_printed_as_a_property_path(mutate) -> None:
    # It was printed by the label rdflib gives a blank node, new in each run.
    label = 'rdfs:label "Colby represents the US at the meeting instead of Hegseth" ;'
    root = mutate(ARTICLE_TTL, label, label.replace("rdfs:label", "rdfs:comment"))
    found = _violations(validate_path(root, consistency=False), "shacl")
    assert found == [
        f"shacl: {ARTICLE}:colby-represents-us [rdfs:label|skos:prefLabel]: Actors, posts, places, events, "
        "relations, commitments and topics need a readable rdfs:label."
    ]
