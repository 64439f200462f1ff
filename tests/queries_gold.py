"""Gold values for the query tests, written from the article: its IRIs and sentences."""

from __future__ import annotations

from conftest import ARTICLE
from rdflib import Literal

import natokg
from natokg.namespaces import article_namespace
from natokg.queries import Results

ART = article_namespace(ARTICLE)


def art(name: str) -> str:
    """The IRI of a node the article mints, as a string (how :func:`values` gives IRIs)."""
    return str(ART[name])


TEXT = (natokg.data_root() / "graph" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")

# The sentences of the article, copied from its text.
S01 = (
    'Pentagon policy chief Elbridge Colby called on Thursday for NATO to be based on "partnership rather than '
    'dependency" as he arrived in Brussels for talks with the military alliance’s defense ministers.'
)
S02 = (
    "US Defense Secretary Pete Hegseth is not attending the meeting at NATO headquarters in Brussels; instead, "
    "Colby, who holds the Pentagon's No. 3 post, is representing the US."
)
S07 = "Colby sees 'strong basis' for working with Europeans"
S08 = (
    'Colby offered reassurance to European allies, declaring that "we have a really strong basis for working '
    "together\" because European nations had agreed to lead the continent's conventional defense."
)
S09 = (
    "“Now it's time to march out together, to be pragmatic,” he told reporters, calling for an alliance \"based on "
    "partnership rather than dependency, and really a return to what NATO was originally intended for”."
)
S12 = '"We are already seeing significant increases in allied defense spending," he said.'
S13 = '“Investment is up by tens of billions."'


def values(results: Results, *columns: str) -> list[tuple]:
    """The chosen columns of each row as Python values: strings, numbers, dates, or None."""
    out = []
    for row in results.to_dicts():
        cells = []
        for column in columns:
            term = row[column]
            if isinstance(term, Literal):
                value = term.toPython()
                cells.append(str(term) if isinstance(value, Literal) else value)
            else:
                cells.append(None if term is None else str(term))
        out.append(tuple(cells))
    return out


def evidence(results: Results) -> list[set[str]]:
    return [set(str(row["evidence"]).split(" | ")) if row["evidence"] else set() for row in results.to_dicts()]
