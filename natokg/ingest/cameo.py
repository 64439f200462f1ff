"""The CAMEO verb lexicon (from PETRARCH2's dictionary) and the CAMEO codes natokg knows.

``ontology/cameo-verbs.tsv`` is converted by ``scripts/cameo_verbs.py`` from the PETRARCH2 CAMEO
verb dictionary (openeventdata/petrarch2, MIT licence): one row per verb lemma and per simple
pattern of words that follow it ("call" + "for" -> 020). ``ontology/cameo.ttl`` holds the CAMEO
1.1b3 concepts natokg uses; a code from the lexicon is only emitted when it, or its three-digit
parent, is one of them (:func:`known_code`), so every emitted code has a SKOS concept.

>>> lexicon = load_lexicon()
>>> lexicon.code("call", ["on", "european", "nations"])
'020'
>>> lexicon.code("thank", [])
'051'
>>> known_code("0212"), known_code("1831")
('0212', None)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from natokg.errors import InputError
from natokg.loading import data_root


@dataclass(frozen=True)
class Lexicon:
    """Verb lemma -> [(pattern words, CAMEO code or None for "no event")], patterns in file order."""

    entries: dict[str, list[tuple[tuple[str, ...], str | None]]]

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.entries

    def code(self, lemma: str, following: Sequence[str], *, window: int = 8) -> str | None:
        """The code of ``lemma`` given the lower-cased words after it (the longest pattern whose words
        occur in order within the first ``window`` words wins; the verb's own code otherwise)."""
        best: tuple[int, str | None] | None = None
        words = list(following[:window])
        for pattern, code in self.entries.get(lemma, ()):
            if _in_order(pattern, words) and (best is None or len(pattern) > best[0]):
                best = (len(pattern), code)
        return None if best is None else best[1]


def _in_order(pattern: tuple[str, ...], words: list[str]) -> bool:
    if not pattern:
        return True
    position = 0
    for word in pattern:
        try:
            position = words.index(word, position) + 1
        except ValueError:
            return False
    # the first pattern word must follow the verb closely: "call ... for" within three words
    return words.index(pattern[0]) < 3


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read the verb lexicon TSV (default ``ontology/cameo-verbs.tsv`` of the data root).

    Raises :class:`~natokg.errors.InputError` naming the file and line of a malformed row.
    """
    path = Path(path) if path is not None else data_root() / "ontology" / "cameo-verbs.tsv"
    entries: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"cannot read the CAMEO verb lexicon: {error.strerror}", path=str(path)) from None
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#") or line.startswith("lemma\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0] or not (fields[2] == "---" or fields[2].isdigit()):
            raise InputError(
                "expected lemma, pattern, CAMEO code and block separated by tabs", path=str(path), line=number
            )
        lemma, pattern, code, _ = fields
        entries.setdefault(lemma, []).append((tuple(pattern.split()), None if code == "---" else code))
    return Lexicon(entries)


@functools.lru_cache(maxsize=1)
def cameo_notations() -> frozenset[str]:
    """The CAMEO codes (``skos:notation``) of ``ontology/cameo.ttl``."""
    graph = Graph().parse(data_root() / "ontology" / "cameo.ttl")
    return frozenset(str(code) for code in graph.objects(None, SKOS.notation))


def known_code(code: str | None) -> str | None:
    """``code`` if natokg's CAMEO scheme has it, else its three-digit parent if that is there, else None."""
    if code is None:
        return None
    known = cameo_notations()
    if code in known:
        return code
    return code[:3] if len(code) > 3 and code[:3] in known else None
