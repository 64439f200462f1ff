#!/usr/bin/env python3
"""Check the held-out gold corpus (benchmarks/gold/test).

For every gold/<id>.gold.json: each *exact* string (entity mentions, post titles and evidence,
quotation texts and evidence, time expressions, event and commitment evidence) must be a
substring of articles/<id>.txt; every name used as speaker, audience, holder, agent, actor or
other actor must be a declared entity (organisation of a post may also be a known organisation);
an event's time must be null or the as_written of one of the times.
For every articles/<id>.json sidecar: sha256, chars, bytes and words must match the .txt.
Exit status 0 when all is well, 1 otherwise.  Standard library only.
"""
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXTRA_ORGS = {"U.S. Department of Defense", "U.S. Department of State", "United States", "NATO"}
SIDECAR_KEYS = ["title", "url", "publisher", "date", "date_basis", "licence", "licence_spdx",
                "truncated", "edits", "chars", "bytes", "words", "sha256"]


def check(gold_path: Path) -> list[str]:
    errs = []
    gid = gold_path.name[: -len(".gold.json")]
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    txt_path = HERE / "articles" / f"{gid}.txt"
    side_path = HERE / "articles" / f"{gid}.json"
    if not txt_path.exists():
        return [f"{gid}: missing {txt_path.name}"]
    raw = txt_path.read_bytes()
    text = raw.decode("utf-8")
    # sidecar
    if not side_path.exists():
        errs.append(f"{gid}: missing sidecar")
    else:
        s = json.loads(side_path.read_text(encoding="utf-8"))
        for k in SIDECAR_KEYS:
            if k not in s:
                errs.append(f"{gid}: sidecar lacks {k}")
        want = {"sha256": hashlib.sha256(raw).hexdigest(), "chars": len(text),
                "bytes": len(raw), "words": len(text.split())}
        for k, v in want.items():
            if s.get(k) != v:
                errs.append(f"{gid}: sidecar {k}={s.get(k)!r}, file has {v!r}")
        if s.get("id", gid) != gid:
            errs.append(f"{gid}: sidecar id {s.get('id')!r}")
    if g.get("id") != gid or g.get("source_file") != f"{gid}.txt":
        errs.append(f"{gid}: id/source_file mismatch")

    def exact(label, s):
        if not isinstance(s, str) or not s:
            errs.append(f"{gid}: {label}: empty or not a string: {s!r}")
        elif s not in text:
            errs.append(f"{gid}: {label}: not in text: {s!r}")

    names = set()
    for e in g.get("entities", []):
        names.add(e["name"])
        if e.get("type") not in {"Person", "Organization", "State", "Place", "CollectiveActor"}:
            errs.append(f"{gid}: entity {e['name']}: bad type {e.get('type')!r}")
        for m in e.get("mentions", []):
            exact(f"mention of {e['name']}", m)

    def known(label, n, allow_null=False, extra=()):
        if n is None and allow_null:
            return
        if n not in names and n not in extra:
            errs.append(f"{gid}: {label}: {n!r} is not a declared entity")

    for p in g.get("posts", []):
        known("post holder", p["holder"])
        known("post organisation", p["organisation"], extra=EXTRA_ORGS)
        exact("post title", p["title_as_written"])
        exact("post evidence", p["evidence"])
        if p["title_as_written"] not in p["evidence"]:
            errs.append(f"{gid}: post title {p['title_as_written']!r} not inside its evidence")
    for q in g.get("quotations", []):
        exact("quotation", q["text"])
        exact("quotation evidence", q["evidence"])
        known("speaker", q["speaker"])
        known("audience", q["audience"], allow_null=True)
    tw = set()
    for t in g.get("times", []):
        exact("time", t["as_written"])
        tw.add(t["as_written"])
        if not t.get("value") or not t.get("anchor"):
            errs.append(f"{gid}: time {t['as_written']!r} lacks value or anchor")
    kinds = {"Meeting", "Absence", "Representation", "Statement", "Appeal", "Demand",
             "Pledge/Commitment", "Agreement", "Announcement", "Arrival", "Departure", "Handover",
             "Summit", "Deployment", "Investment", "Thanks", "Other"}
    for ev in g.get("events", []):
        if ev["kind"] not in kinds:
            errs.append(f"{gid}: event kind {ev['kind']!r}")
        exact("event evidence", ev["evidence"])
        known("event agent", ev["agent"])
        for o in ev.get("other_actors", []):
            known("event other actor", o)
        if ev.get("time") is not None and ev["time"] not in tw:
            errs.append(f"{gid}: event time {ev['time']!r} is not a time's as_written")
        c = ev.get("cameo")
        if c is not None and not (isinstance(c, str) and c.isdigit() and 2 <= len(c) <= 4):
            errs.append(f"{gid}: cameo {c!r}")
    for c in g.get("commitments", []):
        known("commitment actor", c["actor"])
        exact("commitment evidence", c["evidence"])
    return errs


def main() -> int:
    golds = sorted((HERE / "gold").glob("*.gold.json"))
    allerrs = []
    for gp in golds:
        e = check(gp)
        allerrs += e
        print(f"{gp.name}: {'ok' if not e else str(len(e)) + ' problem(s)'}")
    for e in allerrs:
        print("  " + e)
    print(f"{len(golds)} gold files, {len(allerrs)} problem(s)")
    return 1 if allerrs or not golds else 0


if __name__ == "__main__":
    sys.exit(main())
