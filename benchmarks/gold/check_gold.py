"""Check a gold corpus: every *exact* string occurs in its text, and the sidecars match.

    python benchmarks/gold/check_gold.py CORPUS...   # e.g. benchmarks/gold/dev benchmarks/gold/test ../shared/corpus

For each ``gold/<id>.gold.json`` it checks that the text ``articles/<source_file>`` (or, as in
shared/corpus, ``../source/<source_file>``) exists, that
its sidecar ``articles/<id>.json`` gives the right sha256, chars, bytes and words, and that every
string the corpus README marks *exact* is a substring of the text: entity mentions, post titles
and evidence, quotation texts (each directly after an opening quotation mark) and evidence, times'
``as_written``, event and commitment evidence.  It also checks that an event's ``time`` is one of
the article's ``as_written`` times, that the names used by posts, quotations, events and
commitments are entities of the article, and that time values have a TIMEX3 form.

Exit code 0 when everything holds, 1 otherwise.  Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

OPENING_QUOTES = "\"“'‘"
TIMEX3 = re.compile(r"^(\d{4}(-(\d{2}(-\d{2})?|W\d{2}|SP|SU|FA|WI))?|\d{3}|\d{2}|PAST_REF|FUTURE_REF|PRESENT_REF)$")
KINDS = {
    "Meeting",
    "Absence",
    "Representation",
    "Statement",
    "Appeal",
    "Demand",
    "Pledge/Commitment",
    "Agreement",
    "Announcement",
    "Arrival",
    "Departure",
    "Handover",
    "Summit",
    "Deployment",
    "Investment",
    "Thanks",
    "Other",
}
ENTITY_TYPES = {"Person", "Organization", "State", "Place", "CollectiveActor"}


def check_article(corpus: Path, gold_path: Path) -> list[str]:
    """Problems found in one gold file, as sentences (empty when it is consistent)."""
    problems: list[str] = []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    candidates = [corpus / "articles" / gold["source_file"], corpus.parent / "source" / gold["source_file"]]
    text_path = next((p for p in candidates if p.is_file()), None)
    if text_path is None:
        return [f"text {gold['source_file']} is missing"]
    raw = text_path.read_bytes()
    text = raw.decode("utf-8")

    sidecar_path = corpus / "articles" / f"{gold['id']}.json"
    if text_path.parent.name == "source":
        pass  # the seed text of shared/corpus has no sidecar
    elif not sidecar_path.is_file():
        problems.append(f"sidecar {sidecar_path.name} is missing")
    else:
        meta = json.loads(sidecar_path.read_text(encoding="utf-8"))
        expected = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "chars": len(text),
            "bytes": len(raw),
            "words": len(text.split()),
            "id": gold["id"],
        }
        for key, value in expected.items():
            if meta.get(key) != value:
                problems.append(f"sidecar {key} is {meta.get(key)!r}, the text gives {value!r}")
        if meta.get("date") != gold.get("published"):
            problems.append(f"sidecar date {meta.get('date')} differs from gold published {gold.get('published')}")
        for key in ("title", "url", "publisher", "date_basis", "licence", "licence_spdx", "truncated", "edits"):
            if key not in meta:
                problems.append(f"sidecar has no {key}")

    def exact(where: str, value: str | None) -> None:
        if not value:
            problems.append(f"{where}: empty exact string")
        elif value not in text:
            problems.append(f"{where}: {value!r} is not in the text")

    names = set()
    for entity in gold["entities"]:
        names.add(entity["name"])
        if entity["type"] not in ENTITY_TYPES:
            problems.append(f"entity {entity['name']}: unknown type {entity['type']}")
        for mention in entity["mentions"]:
            exact(f"entity {entity['name']} mention", mention)

    def known(where: str, name: str | None) -> None:
        if name is not None and name not in names:
            problems.append(f"{where}: {name!r} is not an entity of the article")

    for post in gold["posts"]:
        exact(f"post of {post['holder']} title", post["title_as_written"])
        exact(f"post of {post['holder']} evidence", post["evidence"])
        known("post holder", post["holder"])
        if post["title_as_written"] not in post["evidence"]:
            problems.append(f"post of {post['holder']}: title {post['title_as_written']!r} not in its evidence")

    for quotation in gold["quotations"]:
        exact("quotation text", quotation["text"])
        exact("quotation evidence", quotation["evidence"])
        known("quotation speaker", quotation["speaker"])
        known("quotation audience", quotation["audience"])
        starts = [m.start() for m in re.finditer(re.escape(quotation["text"]), text)]
        if starts and not any(s > 0 and text[s - 1] in OPENING_QUOTES for s in starts):
            problems.append(f"quotation {quotation['text'][:40]!r}...: not directly after a quotation mark")

    written = set()
    for time in gold["times"]:
        exact("time", time["as_written"])
        written.add(time["as_written"])
        if not TIMEX3.match(time["value"]):
            problems.append(
                f"time {time['as_written']!r}: value {time['value']!r} is not a TIMEX3 value of the README's forms"
            )
        if not time.get("anchor"):
            problems.append(f"time {time['as_written']!r}: no anchor")

    for event in gold["events"]:
        exact(f"{event['kind']} event evidence", event["evidence"])
        if event["kind"] not in KINDS:
            problems.append(f"event kind {event['kind']!r} is not one of the README's kinds")
        known(f"{event['kind']} event agent", event["agent"])
        for other in event["other_actors"]:
            known(f"{event['kind']} event other actor", other)
        if event["time"] is not None and event["time"] not in written:
            problems.append(f"{event['kind']} event time {event['time']!r} is not an as_written time")
        if event["cameo"] is not None and not re.fullmatch(r"\d{2,4}", event["cameo"]):
            problems.append(f"{event['kind']} event cameo {event['cameo']!r} is not a CAMEO code")

    for commitment in gold["commitments"]:
        exact(f"commitment of {commitment['actor']} evidence", commitment["evidence"])
        known("commitment actor", commitment["actor"])
        if commitment["quantity"] is not None:
            exact(f"commitment of {commitment['actor']} quantity", commitment["quantity"])

    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: check_gold.py CORPUS...", file=sys.stderr)
        return 2
    return max(check_corpus(Path(corpus)) for corpus in argv[1:])


def check_corpus(corpus: Path) -> int:
    gold_paths = sorted((corpus / "gold").glob("*.gold.json"))
    if not gold_paths:
        print(f"no gold files in {corpus / 'gold'}")
        return 1
    failed = 0
    for gold_path in gold_paths:
        problems = check_article(corpus, gold_path)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        counts = ", ".join(
            f"{len(gold[k])} {k}"
            for k in ("entities", "posts", "quotations", "times", "events", "commitments", "not_stated")
        )
        print(f"{'ok  ' if not problems else 'FAIL'} {gold['id']}: {counts}")
        for problem in problems:
            print(f"     - {problem}")
        failed += bool(problems)
    print(f"{len(gold_paths) - failed} of {len(gold_paths)} gold files consistent")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
