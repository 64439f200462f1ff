"""A synthetic corpus of N varied articles, and the corpus-store benchmark run on it.

:func:`make_corpus` copies the shipped data root (ontology, entities, background, the Reuters
article, queries) and adds N - 1 generated articles in the shipped article's shape: a NIF
context whose sentences and phrases carry true code-point offsets, post holdings
(``org:holds`` with a qualified ``nkg:PostHolding``), memberships, organisational links and
places stated article by article (so ``nkg:belongsTo`` and ``nkg:locatedIn`` chains cross
articles), a meeting at a building (``place ∘ locatedIn``), a representation at it
(``representativeIn ∘ atEvent``), statements with quotations, absences, tensions (symmetric)
and commitments. Entities come from a pool of thousands (people, organisations in hierarchies,
states, places in hierarchies, posts, meetings), appended to ``graph/entities.ttl``. Everything
is drawn from a seeded random generator, so a corpus is reproducible; the generated names are
invented (``Person 0042``), never real people.

Usage::

    python benchmarks/corpus.py                 # 1, 100, 1 000, 5 000 articles
    python benchmarks/corpus.py 1 100           # chosen sizes
    python benchmarks/corpus.py --naive 100     # also the naive rdflib+owlrl time at 100

Prints, per size: the build split into parse / reason / validate, each named query's time
through the store, each query also cold in a new process, adding one article to the built store, peak
RSS, the store's size on disk, and Oxigraph's bare parse time of the same files (the floor).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SHIPPED = "reuters-2026-02-12-colby-nato-brussels"
EVIDENCE_FACT = f"https://w3id.org/natokg/id/{SHIPPED}/colby-represents-us"  # cq08 needs a fact
PREFIXES = """@prefix nkg: <https://w3id.org/natokg/ontology#> .
@prefix nkr: <https://w3id.org/natokg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cameo: <https://w3id.org/natokg/cameo/> .
"""
CAMEO_STATEMENT_CODES = ("010", "013", "0212", "1042", "057")
TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "in March", "this year")
TOPICS = ("defence spending", "the eastern flank", "air defence", "ammunition production", "cyber defence")


@dataclass
class Pool:
    """The shared entities the generated articles draw from: slug → label, with hierarchies."""

    people: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    parent_org: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    parent_place: dict[str, str] = field(default_factory=dict)
    buildings: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)
    post_org: dict[str, str] = field(default_factory=dict)
    meetings: list[str] = field(default_factory=list)
    meeting_building: dict[str, str] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def make_pool(people: int = 3000, seed: int = 7) -> Pool:
    """A pool of ``people`` people and proportionate organisations, places, posts and meetings.

    >>> pool = make_pool(100)
    >>> len(pool.people), all(pool.post_org[p] in pool.organisations for p in pool.posts)
    (100, True)
    """
    rng = random.Random(seed)
    pool = Pool()

    def add(kind: list[str], slug: str, label: str) -> str:
        kind.append(slug)
        pool.labels[slug] = label
        return slug

    for i in range(max(4, people // 50)):
        state = add(pool.states, f"gen-state-{i:04d}", f"State {i:04d}")
        for j in range(3):
            region = add(pool.places, f"gen-region-{i:04d}-{j}", f"Region {i:04d}-{j}")
            pool.parent_place[region] = state
            for k in range(2):
                city = add(pool.places, f"gen-city-{i:04d}-{j}-{k}", f"City {i:04d}-{j}-{k}")
                pool.parent_place[city] = region
                building = add(pool.buildings, f"gen-building-{i:04d}-{j}-{k}", f"Hall {i:04d}-{j}-{k}")
                pool.parent_place[building] = city
        government = add(pool.organisations, f"gen-government-{i:04d}", f"Government {i:04d}")
        previous = [government]
        for j in range(6):  # ministries, agencies and offices: hierarchies up to four deep
            org = add(pool.organisations, f"gen-org-{i:04d}-{j}", f"Office {i:04d}-{j}")
            pool.parent_org[org] = rng.choice(previous)
            previous.append(org)
    for i in range(people):
        add(pool.people, f"gen-person-{i:05d}", f"Person {i:05d}")
    for i in range(people // 2):
        post = add(pool.posts, f"gen-post-{i:05d}", f"Post {i:05d}")
        pool.post_org[post] = rng.choice(pool.organisations)
    for i in range(max(10, people // 10)):
        meeting = add(pool.meetings, f"gen-meeting-{i:04d}", f"Meeting {i:04d}")
        pool.meeting_building[meeting] = rng.choice(pool.buildings)
    for i in range(max(10, people // 30)):
        add(pool.groups, f"gen-group-{i:04d}", f"Group {i:04d}")
    return pool


def entities_turtle(pool: Pool) -> str:
    """The pool's identities (type and label only), in the shape of ``graph/entities.ttl``."""
    kinds = (
        (pool.people, "nkg:Person"),
        (pool.states, "nkg:State"),
        (pool.places, "nkg:Place"),
        (pool.buildings, "nkg:Building"),
        (pool.posts, "nkg:Post"),
        (pool.meetings, "nkg:Meeting"),
        (pool.groups, "nkg:CollectiveActor"),
    )
    lines = ["", "# --- Generated by benchmarks/corpus.py ---"]
    for slugs, kind in kinds:
        lines += [f'nkr:{s} a {kind} ; rdfs:label "{pool.labels[s]}" .' for s in slugs]
    for org in pool.organisations:
        kind = "nkg:Government" if org.startswith("gen-government") else "nkg:GovernmentDepartment"
        lines.append(f'nkr:{org} a {kind} ; rdfs:label "{pool.labels[org]}" .')
    return "\n".join(lines) + "\n"


class ArticleWriter:
    """Collects the sentences of one article (with phrase offsets) and its Turtle statements."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.sentences: list[str] = []
        self.phrases: list[tuple[str, int, int, int]] = []  # name, sentence number, begin, end
        self.turtle: list[str] = []
        self.offset = 0

    def sentence(self, text: str, *phrases: tuple[str, str]) -> str:
        """Add a sentence; each ``(name, words)`` phrase must occur in it. Returns its node."""
        number = len(self.sentences) + 1
        for name, words in phrases:
            at = text.index(words)
            self.phrases.append((name, number, self.offset + at, self.offset + at + len(words)))
        self.sentences.append(text)
        self.offset += len(text) + 1
        return f"art:sentence-{number:02d}"

    def fact(self, line: str) -> None:
        self.turtle.append(line)

    def render(self) -> tuple[str, str]:
        text = "\n".join(self.sentences)
        out = [PREFIXES, f"@prefix art: <https://w3id.org/natokg/id/{self.slug}/> .", ""]
        out.append(f'art:article a nkg:NewsArticle ; rdfs:label "Generated report {self.slug}" ; nkg:text art:text .')
        out += self.turtle
        out.append(f"art:text a nif:Context , nif:String ; nif:isString {_literal(text)} .")
        begin = 0
        for number, sentence in enumerate(self.sentences, 1):
            end = begin + len(sentence)
            following = f" ; nif:nextSentence art:sentence-{number + 1:02d}" if number < len(self.sentences) else ""
            out.append(
                f"art:sentence-{number:02d} a nif:Sentence , nif:String ; nif:referenceContext art:text ; "
                f'nif:beginIndex "{begin}"^^xsd:nonNegativeInteger ; nif:endIndex "{end}"^^xsd:nonNegativeInteger ; '
                f"nif:anchorOf {_literal(sentence)}{following} ."
            )
            begin = end + 1
        for name, number, start, end in self.phrases:
            kind = "nkg:QuoteSpan" if name.startswith("quote") else "nif:Phrase"
            out.append(
                f"art:{name} a {kind} , nif:String ; nif:referenceContext art:text ; "
                f"nif:sentence art:sentence-{number:02d} ; "
                f'nif:beginIndex "{start}"^^xsd:nonNegativeInteger ; nif:endIndex "{end}"^^xsd:nonNegativeInteger ; '
                f"nif:anchorOf {_literal(text[start:end])} ."
            )
        return "\n".join(out) + "\n", text


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def make_article(number: int, pool: Pool, rng: random.Random) -> tuple[str, str, str]:
    """One generated article: its slug, Turtle and text."""
    slug = f"gen-{number:06d}"
    w = ArticleWriter(slug)
    label = pool.labels
    ev = "nkg:reportedIn art:article"
    meeting = rng.choice(pool.meetings)
    building = pool.meeting_building[meeting]
    city = pool.parent_place[building]
    when = rng.choice(TIMES)
    speakers = rng.sample(pool.people, 3)
    state = rng.choice(pool.states)
    group = rng.choice(pool.groups)

    s = w.sentence(
        f"{label[speakers[0]]} arrived at {label[building]} in {label[city]} {when} for the {label[meeting]}.",
        ("phrase-time", when),
        ("phrase-arrived", f"arrived at {label[building]}"),
    )
    w.fact(f'art:time-1 a nkg:TemporalExpression ; nkg:asWritten "{when}" ; nkg:evidence art:phrase-time ; {ev} .')
    w.fact(f"nkr:{building} nkg:locatedIn nkr:{city} .")
    w.fact(
        f"nkr:{meeting} nkg:place nkr:{building} ; nkg:time art:time-1 ; nkg:participant nkr:{group} ; "
        f"nkg:evidence {s} , art:phrase-arrived ; {ev} ."
    )
    w.fact(
        f"art:arrival a nkg:Arrival ; nkg:agent nkr:{speakers[0]} ; nkg:destination nkr:{city} ; "
        f"nkg:purpose nkr:{meeting} ; nkg:time art:time-1 ; nkg:evidence {s} ; {ev} ."
    )
    # Places and organisations one level up: other articles state the next level.
    for place in rng.sample(pool.places, 2):
        if place in pool.parent_place:
            parent = pool.parent_place[place]
            s = w.sentence(f"{label[place]} lies in {label[parent]}.")
            w.fact(f"nkr:{place} nkg:locatedIn nkr:{parent} .")
    for i, org in enumerate(o for o in rng.sample(pool.organisations, 3) if o in pool.parent_org):
        parent = pool.parent_org[org]
        s = w.sentence(f"{label[org]} reports to {label[parent]}.")
        w.fact(f"nkr:{org} org:subOrganizationOf nkr:{parent} .")
        w.fact(
            f"art:org-link-{i} a nkg:OrganizationalLink ; nkg:childOrganization nkr:{org} ; "
            f"nkg:parentOrganization nkr:{parent} ; nkg:evidence {s} ; {ev} ."
        )
    for i, person in enumerate(speakers):
        post = rng.choice(pool.posts)
        org = pool.post_org[post]
        s = w.sentence(f"{label[person]}, who holds the {label[post]} in {label[org]}, spoke to reporters.")
        w.fact(f'nkr:{post} org:postIn nkr:{org} ; nkg:rank "{1 + int(post[-3:]) % 5}"^^xsd:positiveInteger .')
        w.fact(f"nkr:{person} org:holds nkr:{post} .")
        w.fact(
            f"art:holding-{i} a nkg:PostHolding ; nkg:holder nkr:{person} ; nkg:heldPost nkr:{post} ; "
            f"nkg:evidence {s} ; {ev} ."
        )
    s = w.sentence(
        f"{label[speakers[1]]} represented {label[state]} at the meeting.", ("phrase-represent", "represented")
    )
    w.fact(f"nkr:{speakers[1]} nkg:represents nkr:{state} .")
    w.fact(
        f"art:representation a nkg:Representation ; nkg:representative nkr:{speakers[1]} ; "
        f"nkg:representedActor nkr:{state} ; nkg:atEvent nkr:{meeting} ; "
        f"nkg:evidence {s} , art:phrase-represent ; {ev} ."
    )
    member = rng.choice(pool.people)
    org = rng.choice(pool.organisations)
    s = w.sentence(f"{label[member]} is a member of {label[org]}.")
    w.fact(f"nkr:{member} org:memberOf nkr:{org} .")
    w.fact(
        f"art:membership a nkg:Membership ; org:member nkr:{member} ; org:organization nkr:{org} ; "
        f"nkg:evidence {s} ; {ev} ."
    )
    # Statements and quotations.
    topic = rng.choice(TOPICS)
    for i, speaker in enumerate(speakers[: rng.randint(1, 3)]):
        quote = f"we will work together on {topic} number {rng.randint(1, 99)}"
        s = w.sentence(f'{label[speaker]} said "{quote}" at the meeting.', (f"quote-{i}", quote))
        w.fact(
            f"art:statement-{i} a nkg:Statement ; nkg:speaker nkr:{speaker} ; nkg:audience nkr:{group} ; "
            f'nkg:content "{quote}" ; nkg:subEventOf nkr:{meeting} ; '
            f"nkg:eventType cameo:{rng.choice(CAMEO_STATEMENT_CODES)} ; "
            f"nkg:evidence {s} ; {ev} ."
        )
        w.fact(
            f'art:quotation-{i} a nkg:Quotation ; nkg:verbatim "{quote}" ; nkg:saidBy nkr:{speaker} ; '
            f"nkg:quotedIn art:statement-{i} ; nkg:evidence art:quote-{i} , {s} ; {ev} ."
        )
    if rng.random() < 0.5:
        absent = rng.choice(pool.people)
        s = w.sentence(f"{label[absent]} did not attend the {label[meeting]}.")
        w.fact(f"nkr:{absent} nkg:absentFrom nkr:{meeting} .")
        w.fact(
            f"art:absence a nkg:Absence ; nkg:absentee nkr:{absent} ; nkg:missedEvent nkr:{meeting} ; "
            f"nkg:time art:time-1 ; nkg:evidence {s} ; {ev} ."
        )
    if rng.random() < 0.5:
        rival = rng.choice(pool.states)
        s = w.sentence(f"Tensions between {label[speakers[2]]} and {label[rival]} persisted.")
        w.fact(f"nkr:{speakers[2]} nkg:inTensionWith nkr:{rival} .")
        w.fact(
            f"art:tension a nkg:Tension ; nkg:participant nkr:{speakers[2]} , nkr:{rival} ; nkg:evidence {s} ; {ev} ."
        )
    share = rng.choice((2, 3, 3.5, 5))
    s = w.sentence(f"{label[state]} committed to spend {share}% of its GDP on defence.")
    w.fact(f"nkr:{state} nkg:committedTo nkr:nato .")
    w.fact(
        f"art:commitment a nkg:Commitment ; nkg:committedActor nkr:{state} ; nkg:beneficiary nkr:nato ; "
        f"nkg:share {float(share)} ; nkg:shareOf nkr:gdp ; nkg:evidence {s} ; {ev} ."
    )
    turtle, text = w.render()
    return slug, turtle, text


def make_corpus(size: int, target: Path, *, seed: int = 1, people: int = 3000, shipped: bool = True) -> Path:
    """A data root in ``target`` with the shipped data and ``size - 1`` generated articles
    (``size`` generated articles and no Reuters article when ``shipped`` is false).

    >>> import tempfile
    >>> root = make_corpus(3, Path(tempfile.mkdtemp()), people=60)
    >>> sorted(p.name for p in (root / "graph" / "articles").glob("*.ttl"))[:2]
    ['gen-000001.ttl', 'gen-000002.ttl']
    """
    import natokg

    source = natokg.data_root()
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(source / folder, target / folder, dirs_exist_ok=True)
    pool = make_pool(people, seed=seed)
    with (target / "graph" / "entities.ttl").open("a", encoding="utf-8") as handle:
        handle.write(PREFIXES.replace("@prefix", "\n@prefix", 1) + entities_turtle(pool))
    rng = random.Random(seed)
    if not shipped:
        for path in (target / "graph" / "articles").glob(f"{SHIPPED}.*"):
            path.unlink()
    for number in range(1, size + (0 if shipped else 1)):
        add_article(target, number, pool, rng)
    return target


def add_article(root: Path, number: int, pool: Pool, rng: random.Random) -> Path:
    """Write generated article ``number`` (Turtle and text) under ``root``; return its Turtle path."""
    slug, turtle, text = make_article(number, pool, rng)
    path = root / "graph" / "articles" / f"{slug}.ttl"
    path.write_text(turtle, encoding="utf-8")
    path.with_suffix(".txt").write_text(text, encoding="utf-8")
    return path


# --- the benchmark --------------------------------------------------------------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _disk_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def bare_parse(root: Path) -> float:
    """Seconds for Oxigraph to parse every Turtle file of ``root`` into an in-memory store."""
    import pyoxigraph as ox

    files = sorted((root / "ontology").rglob("*.ttl")) + sorted((root / "graph").rglob("*.ttl"))
    start = time.perf_counter()
    store = ox.Store()
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"urn:f:{path.name}"))
    return time.perf_counter() - start


def run(size: int, naive: bool, timeout: float = 120.0) -> None:
    from natokg.queries import named_queries
    from natokg.store import build, default_store_dir

    with tempfile.TemporaryDirectory() as tmp:
        root = make_corpus(size, Path(tmp) / "data")
        store_dir = default_store_dir(root)  # where `natokg query --data ROOT` finds it
        print(f"{size} article(s)")
        floor = bare_parse(root)
        started = time.perf_counter()
        store = build(root, store_dir, progress=None)
        total = time.perf_counter() - started
        t = store.timings
        print(f"  {'oxigraph bare parse':<28} {floor:8.2f} s   (the floor)")
        print(f"  {'build: parse + store':<28} {t.parse:8.2f} s")
        print(f"  {'build: reason':<28} {t.reason:8.2f} s")
        validate = "n/a" if t.validate is None else f"{t.validate:.2f} s"
        print(f"  {'build: validate':<28} {validate:>10}")
        print(f"  {'build: write to disk':<28} {t.write:8.2f} s")
        print(f"  {'build: total':<28} {total:8.2f} s   = {total / floor:.1f} x bare parse")
        print(f"  {'quads in store':<28} {store.manifest['quads']:8d}")
        for name, count in store.manifest["derived"].items():
            print(f"  {'inferred: ' + name.rsplit('/', 1)[-1]:<28} {count:8d}")
        print(f"  {'contradictions':<28} {len(store.contradictions):8d}")
        store.close()  # release the store's lock: the queries run in other processes
        queries_total = 0.0
        for name in sorted(named_queries(root)):
            seconds, rows, wall = _query_in_new_process(root, store_dir, name, timeout)
            if seconds is None:
                print(f"  {'query ' + name:<40} {'> ' + str(timeout):>8} s (stopped)")
                continue
            queries_total += seconds
            command = _command_in_new_process(root, name, timeout)
            print(
                f"  {'query ' + name:<40} {seconds * 1000:8.1f} ms  {rows:6d} rows   cold wall {wall:5.2f} s"
                f"   natokg query (provenance) {command:5.2f} s"
            )
        print(f"  {'all named queries':<28} {queries_total:8.2f} s   (without stopped ones)")
        both = total + queries_total
        print(f"  {'build + all named queries':<28} {both:8.2f} s   = {both / floor:.1f} x bare parse (target: 3 x)")
        pool = make_pool(3000, seed=1)
        add_article(root, size + 1, pool, random.Random(size))
        seconds, parsed = _add_in_new_process(root, store_dir)
        print(f"  {'add one article':<28} {seconds:8.2f} s   (build in a new process; parsed {parsed})")
        print(f"  {'store on disk':<28} {_disk_mib(store_dir):8.1f} MiB")
        print(f"  {'peak RSS':<28} {_peak_mib():8.0f} MiB")
        if naive:
            import natokg
            from natokg.reasoning import compute_inferences

            started = time.perf_counter()
            compute_inferences(natokg.load(root, cache=False))
            seconds = time.perf_counter() - started
            print(f"  {'naive rdflib+owlrl':<28} {seconds:8.2f} s   = {seconds / total:.0f} x the store build")
        sys.stdout.flush()


def _query_in_new_process(root: Path, store_dir: Path, name: str, timeout: float) -> tuple[float | None, int, float]:
    """A named query in a new process: (query seconds measured inside, rows, wall seconds of the
    whole process, i.e. a cold query); (None, 0, timeout) when it is stopped after ``timeout`` s."""
    code = (
        "import sys, time; from natokg.store import open_store, query; from natokg.queries import get_query; "
        "q = get_query(sys.argv[2], sys.argv[3]); s = open_store(sys.argv[1]); "
        f"b = q.bindings({{p.name: '<{EVIDENCE_FACT}>' for p in q.parameters if p.required}}); "
        "t = time.perf_counter(); rows = query(s, q.text, bindings=b); print(time.perf_counter() - t, len(rows))"
    )
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(store_dir), name, str(root)],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, 0, timeout
    seconds, rows = done.stdout.decode().split()
    return float(seconds), int(rows), time.perf_counter() - started


def _command_in_new_process(root: Path, name: str, timeout: float) -> float:
    """Wall seconds of a cold ``natokg query NAME --data ROOT`` on the built store: the command as a
    user runs it (start-up, the check that no file changed, the query, the provenance columns)."""
    argv = [sys.executable, "-m", "natokg.cli", "query", name, "--data", str(root), "--format", "csv"]
    if name.startswith("cq08"):
        argv += ["--param", f"fact=<{EVIDENCE_FACT}>"]
    started = time.perf_counter()
    try:
        subprocess.run(
            argv, check=True, capture_output=True, timeout=timeout, env={**os.environ, "NATOKG_ENGINE": "store"}
        )
    except subprocess.TimeoutExpired:
        return timeout
    return time.perf_counter() - started


def _add_in_new_process(root: Path, store_dir: Path) -> tuple[float, str]:
    """Seconds of ``build`` (timed inside a new process, import excluded) after one article was added."""
    code = (
        "import sys, time; from natokg.store import build; t = time.perf_counter(); "
        "s = build(sys.argv[1], sys.argv[2], progress=False); "
        "print(time.perf_counter() - t, ','.join(s.timings.parsed_files))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root), str(store_dir)], check=True, capture_output=True)
    seconds, parsed = done.stdout.decode().split()
    return float(seconds), parsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1, 100, 1000, 5000])
    parser.add_argument("--naive", type=int, nargs="*", default=[100], help="sizes at which to time rdflib+owlrl")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds after which a query is stopped")
    args = parser.parse_args(argv)
    for size in args.sizes:
        run(size, naive=size in args.naive, timeout=args.timeout)


if __name__ == "__main__":
    main()
