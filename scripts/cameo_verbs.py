"""Convert the PETRARCH2 CAMEO verb dictionary into natokg's verb lexicon, ontology/cameo-verbs.tsv.

Reads a local copy of ``petrarch2/data/dictionaries/CAMEO.2.0.txt`` (openeventdata/petrarch2, MIT
licence) and writes one row per verb and per simple verb pattern, keyed by lemma so that spaCy
lemmas look it up::

    lemma <TAB> pattern <TAB> code <TAB> block

``pattern`` is the words that follow the verb in a PETRARCH pattern ("- * (FOR) [020]" -> "for"),
empty for the verb on its own; ``code`` is the CAMEO code (the source actor's side of a
``[043:042]`` pair), ``---`` where the dictionary says "no event"; ``block`` is the PETRARCH verb
block the row comes from. Only patterns whose words all follow the verb and use no synonym set
(``&``), no actor slot (``$``, ``+``) and no other marker are kept; irregular forms are dropped
(spaCy lemmatises). The program of PETRARCH2 is not used.

    python scripts/cameo_verbs.py CAMEO.2.0.txt --commit 676801cd9cb2924bbbad09f86d15c9323e7097bf \
        > ontology/cameo-verbs.tsv
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB = re.compile(r"^(\+?[A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PATTERN = re.compile(r"^-\s+\*\s+([^\[#]+?)\s*\[([^\]]*)\]")
WORDS = re.compile(r"^[A-Z][A-Z' -]*$")


def _code(raw: str) -> str | None:
    """The source side of a PETRARCH code: "043:042" -> "043", "---" -> "---", ":020" -> None."""
    source = raw.strip().split(":")[0].strip()
    if source == "---":
        return "---"
    return source if source.isdigit() else None


def convert(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """Rows (lemma, pattern, code, block) from the dictionary's lines, in file order, without repeats.

    >>> rows = convert(["---  THANK   [051]  ---", "THANK", "---  CALL   [041:041]  ---", "CALL ", "+CALL_OFF [160]",
    ...                 "- * (FOR) [020]  # CALL", "- * (FOR &PKO)  [0234] # CALL", "- $ * [042]"])
    >>> rows[:2]
    [('thank', '', '051', 'THANK'), ('call', '', '041', 'CALL')]
    >>> rows[2:]
    [('call', 'off', '160', 'CALL'), ('call', 'for', '020', 'CALL')]
    """
    rows: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    block, block_code, block_verbs = "", None, []
    in_verbs = False
    for line in lines:
        line = line.split("#", 1)[0].rstrip() if not line.startswith("- ") else line.rstrip()
        if match := BLOCK.match(line):
            block, block_code, block_verbs, in_verbs = match.group(1), _code(match.group(2)), [], True
            continue
        if not block or not line.strip():
            continue
        if line.startswith("- "):
            in_verbs = False
            match = PATTERN.match(line)
            code = _code(match.group(2)) if match else None
            words = re.sub(r"[(){}]", " ", match.group(1)).split() if match else []
            if not words or code is None or not WORDS.match(" ".join(words)):
                continue
            comment = line.split("#", 1)[1].split(",")[0].strip() if "#" in line else ""
            verb = comment.lower() if comment else (block_verbs[0] if block_verbs else "")
            lemma, *particle = verb.replace("_", " ").split()
            key = (lemma, " ".join([*particle, *(w.lower() for w in words)]))
            if lemma and key not in seen:
                seen.add(key)
                rows.append((*key, code, block))
            continue
        if in_verbs and (match := VERB.match(line.strip())):
            lemma, *particle = match.group(1).lstrip("+").lower().replace("_", " ").split()
            code = _code(match.group(2)) if match.group(2) else block_code
            key = (lemma, " ".join(particle))
            block_verbs.append(lemma)
            if code is not None and key not in seen:
                seen.add(key)
                rows.append((*key, code, block))
    return rows


#: natokg's own rows, not from PETRARCH2, written after the converted ones (block NATOKG).
NATOKG_ROWS = (
    '# natokg rows (block NATOKG), not from PETRARCH2: CAMEO 1.1b3 030 "Express intent to cooperate" for a\n'
    '# commitment reaffirmed, 051 "Praise or endorse" for support expressed (scripts/cameo_verbs.py writes them).\n'
    "reaffirm\tcommitment\t030\tNATOKG\n"
    "reiterate\tcommitment\t030\tNATOKG\n"
    "express\tsupport\t051\tNATOKG\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="a local copy of PETRARCH2's CAMEO.2.0.txt")
    parser.add_argument("--commit", required=True, help="the petrarch2 commit the copy was taken from")
    args = parser.parse_args(argv)
    try:
        lines = args.dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        print(f"{args.dictionary}: {error.strerror}", file=sys.stderr)
        return 2
    out = sys.stdout
    out.write("# CAMEO verb lexicon for natokg, converted by scripts/cameo_verbs.py from the PETRARCH2 CAMEO verb\n")
    out.write("# dictionary petrarch2/data/dictionaries/CAMEO.2.0.txt, https://github.com/openeventdata/petrarch2\n")
    out.write(f"# at commit {args.commit}; MIT licence, Copyright (c) 2015 Open Event Data Alliance.\n")
    out.write("# Columns: lemma, pattern (words after the verb), CAMEO code (--- = no event), PETRARCH verb block.\n")
    out.write("lemma\tpattern\tcode\tblock\n")
    for row in convert(lines):
        out.write("\t".join(row) + "\n")
    out.write(NATOKG_ROWS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
