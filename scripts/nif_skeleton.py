"""Print the NIF skeleton (context, sentences, quoted spans) of a new article as Turtle.

An authoring aid for adding an article to ``graph/articles/``: it finds the sentences and the
spans between quotation marks and writes them with code-point offsets, so that the author only
writes the facts by hand. ``natokg validate`` checks the offsets afterwards.

Usage::

    python scripts/nif_skeleton.py graph/articles/SLUG.txt > /tmp/SLUG-nif.ttl
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Literal

# Curly and straight double quotes both occur, and one quotation may open with one kind and
# close with the other, so double quotes are paired in order of appearance.
DOUBLE_QUOTE = re.compile(r"[\"“”]")
# A single quote is a quotation mark only where it is not an apostrophe inside a word.
SINGLE_QUOTED = re.compile(r"(?<!\w)'([^'\n]+?)'(?!\w)")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"'])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; each line is at least one sentence.

    >>> sentence_spans("One. Two.\\nThree")
    [(0, 4), (5, 9), (10, 15)]
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in SENTENCE_BREAK.finditer(line):
            end = match.start() + len(match.group(0).rstrip())
            spans.append((offset + start, offset + end))
            start = match.end()
        if line[start:].strip():
            spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans between quotation marks, marks excluded, in text order.

    >>> quote_spans('He said "yes" and \\'no\\'.')
    [(9, 12), (19, 21)]
    """
    marks = [m.start() for m in DOUBLE_QUOTE.finditer(text)]
    spans = [(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    spans += [(m.start(1), m.end(1)) for m in SINGLE_QUOTED.finditer(text)]
    return sorted(spans)


def main(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    sentences = sentence_spans(text)
    print(f"art:text a nif:Context , nif:String ;\n    nif:isString {Literal(text).n3()} ;")
    print(f'    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "{len(text)}"^^xsd:nonNegativeInteger .\n')
    for number, (begin, end) in enumerate(sentences, start=1):
        following = f" ;\n    nif:nextSentence art:sentence-{number + 1:02d}" if number < len(sentences) else ""
        print(
            f"art:sentence-{number:02d} a nif:Sentence , nif:String ; nif:referenceContext art:text ;\n"
            f'    nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ; nif:endIndex "{end}"^^xsd:nonNegativeInteger ;\n'
            f"    nif:anchorOf {Literal(text[begin:end]).n3()}{following} .\n"
        )
    for number, (begin, end) in enumerate(quote_spans(text), start=1):
        sentence = next(i for i, (b, e) in enumerate(sentences, start=1) if b <= begin and end <= e)
        print(
            f"art:quote-{number:02d} a nkg:QuoteSpan , nif:String ; nif:referenceContext art:text ;\n"
            f"    nif:sentence art:sentence-{sentence:02d} ;\n"
            f'    nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ; nif:endIndex "{end}"^^xsd:nonNegativeInteger ;\n'
            f"    nif:anchorOf {Literal(text[begin:end]).n3()} .\n"
        )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/nif_skeleton.py ARTICLE.txt")
    main(sys.argv[1])
