"""The gazetteer: the known actors, places and posts, found by the names the reporting uses.

Names come from ``graph/entities.ttl`` and ``graph/background.ttl`` (the entities of the knowledge
graph, ``known=True``) and ``graph/gazetteer.ttl`` (identity only: NATO's member states and
neighbours, institutions and leaders that news about NATO names, which enter the graph only when an
article mentions them, ``known=False``): ``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel`` and
``nkg:officialName``. Types come from the ontology's
``rdfs:subClassOf`` closure, mapped to :data:`~natokg.ingest.model.ACTOR_TYPES` (a ``nkg:State`` is
a State although it is also a Place; a ``nkg:Alliance`` is an Organization). Names compare without
case, dots, curly apostrophes and the British/American ``defence``/``defense`` spelling, so "U.S."
is "US" and "NATO’s" is "NATO's"; an acronym (a name of up to five capitals) keeps its case in
running text, so the pronoun "us" is not the United States.

>>> gaz = Gazetteer.default()
>>> gaz.lookup("U.S.").label, gaz.lookup("NATO’s").type
('United States', 'Organization')
>>> str(gaz.post("US Defense Secretary")).rsplit("/", 1)[-1]
'post-us-secretary-of-defense'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from natokg.ingest.model import Entity
from natokg.loading import Sources, data_root, parse_file
from natokg.namespaces import NKG

#: Ontology class -> actor type, most specific first (a State is also a Place, an Actor).
_TYPE_OF_CLASS = (
    (NKG.Person, "Person"),
    (NKG.State, "State"),
    (NKG.CollectiveActor, "CollectiveActor"),
    (NKG.Organization, "Organization"),
    (NKG.Place, "Place"),
)
_NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, NKG.officialName)
#: spaCy entity labels of each actor type, for the entity ruler of the no-model mode
RULER_LABELS = {"Person": "PERSON", "Organization": "ORG", "State": "GPE", "Place": "LOC", "CollectiveActor": "NORP"}
#: The names file of a data root: names the gazetteer knows beyond the knowledge graph.
NAMES_FILE = Path("graph") / "gazetteer.ttl"
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,5}$")
#: Generational suffixes that follow a surname ("Lloyd J. Austin III", "Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str | None:
    """The surname of a person's full name: its last word before a generational suffix, or None
    for a name of one word.

    >>> surname("Lloyd J. Austin III"), surname("Antony J. Blinken"), surname("Rutte")
    ('Austin', 'Blinken', None)
    """
    words = name.replace(",", " ").split()
    while words and words[-1].replace(".", "").lower() in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if len(words) > 1 else None


def normalise(surface: str) -> str:
    """The key under which two spellings of a name are equal (case, dots, apostrophes, "the").

    >>> normalise("the U.S.") == normalise("US") == normalise("The US")
    True
    >>> normalise("NATO’s  defence ministers")
    "nato's defense ministers"
    """
    text = surface.replace("’", "'").replace("‘", "'").replace(".", "").casefold()
    text = re.sub(r"\bdefence\b", "defense", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _strip_possessive(key: str) -> str:
    return re.sub(r"(?<=\w)'s?$", "", key)


def _word_pattern(word: str) -> str:
    """A regular expression for one word of a name (see the module docstring)."""
    if _ACRONYM.match(word):
        letters = word.replace(".", "")
        dotted = "".join(re.escape(c) + r"\." for c in letters)
        return f"(?-i:{dotted}|{re.escape(letters)})"
    pattern = re.escape(word.replace("’", "'"))
    pattern = pattern.replace("'", "['’]").replace(r"\.", r"\.?")
    return re.sub(r"(?i)defen[cs]e", "defen[cs]e", pattern)


def _trie_pattern(names: Iterable[str]) -> str:
    """One regular expression for all ``names``, as a trie of their words.

    Names that share their first words share a branch, so the engine tries each place of the text
    against a handful of first words, not against every name; at each branch the longer names are
    tried first, so the longest name wins.

    >>> bool(re.fullmatch(_trie_pattern(["NATO", "NATO allies"]), "NATO allies", re.IGNORECASE))
    True
    """
    trie: dict = {}
    for name in names:
        node = trie
        for word in name.split():
            node = node.setdefault(_word_pattern(word), {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = []
        for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
            child = node[word]
            rest = build(child) if any(child) else ""
            if rest:
                rest = rf"(?:\s+{rest})" + ("?" if "" in child else "")
            branches.append(word + rest)
        return "(?:" + "|".join(branches) + ")" if branches else ""

    return build(trie)


class Gazetteer:
    """Known entities and posts by name.

    ``entities`` pairs each known :class:`~natokg.ingest.model.Entity` with its names;
    ``posts`` pairs each known ``nkg:Post`` IRI with its names. Build one with
    :meth:`from_sources` or :meth:`default`.
    """

    def __init__(
        self,
        entities: Iterable[tuple[Entity, Iterable[str]]],
        posts: Iterable[tuple[URIRef, Iterable[str]]] = (),
        classes: dict[URIRef, frozenset[URIRef]] | None = None,
        governments: dict[URIRef, URIRef] | None = None,
    ) -> None:
        self._classes = dict(classes or {})
        #: state IRI -> the IRI of its known government (``nkg:governmentOf`` in the data)
        self._governments = dict(governments or {})
        self._by_key: dict[str, Entity] = {}
        self._by_iri: dict[URIRef, Entity] = {}
        self._names: list[tuple[str, Entity]] = []
        for entity, names in entities:
            self._by_iri[entity.iri] = entity
            for name in sorted(set(names) | {entity.label}):
                key = normalise(name)
                if key and self._by_key.setdefault(key, entity) is entity:
                    self._names.append((name, entity))
        #: "alliance" -> NATO for the definite description "the alliance" (see :meth:`definite_heads`)
        self._heads: dict[str, Entity] = {}
        for name, entity in self._names:
            head = re.fullmatch(r"the ([a-z]+)", name)
            if head and entity.type != "Person":
                self._heads.setdefault(head.group(1), entity)
        #: "austin" -> Lloyd J. Austin III: surnames that name exactly one known person
        self._surnames: dict[str, Entity | None] = {}
        for name, entity in self._names:
            last = surname(name) if entity.type == "Person" else None
            if last is not None:
                key = normalise(last)
                self._surnames[key] = entity if self._surnames.get(key, entity) == entity else None
        self._first_names = {
            normalise(name.split()[0]) for name, entity in self._names if entity.type == "Person" and " " in name
        }
        self._posts: dict[str, URIRef] = {}
        self._post_names: dict[URIRef, list[str]] = {}
        for iri, names in posts:
            for name in sorted(set(names)):
                self._posts.setdefault(normalise(name), iri)
                self._post_names.setdefault(iri, []).append(name)
        #: one-word names that the data writes capitalised only ("Polish", "Oslo"): in lower case in a
        #: text ("polish the plan") they are other words
        lower = {normalise(name) for name, _ in self._names if name[:1].islower()}
        self._capitalised = {
            normalise(name) for name, _ in self._names if re.fullmatch(r"[A-Z][a-z][\w'’-]*", name)
        } - lower
        pattern = _trie_pattern(name for name, _ in self._names)
        self._regex = re.compile(r"(?<![\w.])" + pattern + r"(?![\w])", re.IGNORECASE) if pattern else None

    @classmethod
    def from_sources(cls, sources: Sources) -> Gazetteer:
        """The gazetteer of a data root: its ontology (for types), entities, background and names.

        The names file is ``graph/gazetteer.ttl`` of the data root, else the shipped one (see
        :data:`NAMES_FILE`). Raises :class:`~natokg.errors.InputError` naming the file when one cannot
        be read.
        """
        ontology = Graph()
        for path in sources.ontology:
            parse_file(path, ontology)
        data = Graph()
        parse_file(sources.entities, data)
        parse_file(sources.background, data)
        names = Graph()
        for path in (sources.root / NAMES_FILE, data_root() / NAMES_FILE):
            if path.is_file():
                parse_file(path, names)
                break
        return cls.from_graphs(ontology, data, names)

    @classmethod
    def from_graphs(cls, ontology: Graph, data: Graph, names: Graph | None = None) -> Gazetteer:
        """The gazetteer of rdflib graphs: ``ontology`` gives the class hierarchy, ``data`` the known
        entities (``known=True``), ``names`` more names of them and entities that the knowledge graph
        does not hold yet (``known=False``: an article that mentions one declares it)."""
        actor_type: dict[URIRef, str] = {}
        post_classes = set(ontology.transitive_subjects(RDFS.subClassOf, NKG.Post))
        for cls_iri in set(ontology.subjects(RDFS.subClassOf, None)) | {c for c, _ in _TYPE_OF_CLASS}:
            supers = set(ontology.transitive_objects(cls_iri, RDFS.subClassOf))
            actor_type[cls_iri] = next((name for c, name in _TYPE_OF_CLASS if c in supers), "")
        everything = data + names if names is not None else data
        in_graph = {s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)}
        entities, posts, class_of = [], [], {}
        for subject in sorted({s for s in everything.subjects(RDF.type, None) if isinstance(s, URIRef)}):
            labels = [str(o) for p in _NAME_PREDICATES for o in everything.objects(subject, p)]
            if not labels:
                continue
            classes = set(everything.objects(subject, RDF.type))
            if classes & post_classes:
                posts.append((subject, labels))
                continue
            types = [actor_type.get(c, "") for c in classes]
            kind = next((name for _, name in _TYPE_OF_CLASS if name in types), None)
            if kind is None:
                continue
            label = next(
                (str(o) for p in (RDFS.label, SKOS.prefLabel) for o in sorted(everything.objects(subject, p))),
                labels[0],
            )
            entities.append((Entity(subject, label, kind, known=subject in in_graph), labels))
            class_of[subject] = frozenset(c for c in classes if isinstance(c, URIRef))
        governments = {
            state: government
            for government, state in sorted(everything.subject_objects(NKG.governmentOf))
            if isinstance(state, URIRef) and isinstance(government, URIRef)
        }
        return cls(entities, posts, class_of, governments)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the data root in use (``NATOKG_DATA`` or the shipped data), built once."""
        return _default(Sources.find().root)

    def lookup(self, surface: str) -> Entity | None:
        """The known entity named ``surface`` (a possessive "'s" ignored), or None.

        >>> Gazetteer.default().lookup("the Pentagon’s").label
        'Pentagon'
        """
        key = normalise(surface)
        return self._by_key.get(key) or self._by_key.get(_strip_possessive(key))

    def person_by_surname(self, word: str) -> Entity | None:
        """The one known person whose surname is ``word``, or None (no such person, or two of them).

        >>> Gazetteer.default().person_by_surname("Austin").label
        'Lloyd J. Austin III'
        """
        return self._surnames.get(normalise(word))

    def is_first_name(self, word: str) -> bool:
        """Whether ``word`` is the first name of a known person ("Mark": Mark Rutte).

        >>> Gazetteer.default().is_first_name("Mark"), Gazetteer.default().is_first_name("Rutte")
        (True, False)
        """
        return normalise(word) in self._first_names

    def has_class(self, iri: URIRef, cls_iri: URIRef) -> bool:
        """Whether the data types entity ``iri`` as ``cls_iri`` itself (no subclass reasoning).

        >>> from natokg.namespaces import NKG, NKR
        >>> Gazetteer.default().has_class(NKR["us-department-of-defense"], NKG.GovernmentDepartment)
        True
        """
        return cls_iri in self._classes.get(iri, frozenset())

    def entity(self, iri: URIRef) -> Entity | None:
        """The known entity with this IRI, or None."""
        return self._by_iri.get(iri)

    def government_of(self, state: Entity) -> Entity | None:
        """The known government of ``state`` (``nkg:governmentOf`` in the entities), or None.

        >>> gaz = Gazetteer.default()
        >>> gaz.government_of(gaz.lookup("United States")).label, gaz.government_of(gaz.lookup("Norway"))
        ('US government', None)
        """
        iri = self._governments.get(state.iri)
        return self._by_iri.get(iri) if iri is not None else None

    def post(self, title: str) -> URIRef | None:
        """The known post whose name is ``title`` ("Secretary of War", "the Pentagon's No. 3 post").

        >>> Gazetteer.default().post("NATO secretary-general") is None
        True
        """
        key = normalise(title)
        return self._posts.get(key) or self._posts.get(_strip_possessive(key))

    def definite_heads(self) -> dict[str, Entity]:
        """Nouns that name a known entity as a definite description ("the alliance" -> NATO).

        >>> Gazetteer.default().definite_heads()["continent"].label
        'Europe'
        """
        return dict(self._heads)

    def names(self) -> list[tuple[str, Entity]]:
        """Every (name, entity) pair, names as written in the data."""
        return list(self._names)

    def finditer(self, text: str) -> Iterator[tuple[int, int, Entity]]:
        """Non-overlapping known names in ``text``, longest first at each place, left to right.

        Yields (begin, end, entity) in code points; linear in the text.

        A one-word name that the data only writes capitalised is not found in lower case ("polish").

        >>> [(text[b:e], ent.label) for text in ["The U.S. and NATO’s allies thanked the U.S. Congress."]
        ...  for b, e, ent in Gazetteer.default().finditer(text)]
        [('The U.S.', 'United States'), ('NATO', 'NATO'), ('allies', 'NATO allies'), ('U.S. Congress', 'US Congress')]
        >>> [ent.label for _, _, ent in Gazetteer.default().finditer("Polish troops polish their boots.")]
        ['Poland']
        """
        if self._regex is None:
            return
        position = 0
        while (match := self._regex.search(text, position)) is not None:
            begin, end = match.span()
            article = re.match(r"the\s+", match.group(), re.IGNORECASE)
            if article:
                # "the U.S. Congress": a longer name after the article beats the name "the U.S.".
                longer = self._regex.match(text, begin + article.end())
                if longer is not None and longer.end() > end:
                    begin, end = longer.span()
            entity = self.lookup(text[begin:end])
            if entity is not None and not (text[begin].islower() and normalise(text[begin:end]) in self._capitalised):
                yield begin, end, entity
            position = max(end, begin + 1)

    def ruler_patterns(self) -> list[dict]:
        """spaCy ``EntityRuler`` patterns for every known name (label, pattern, id = the IRI).

        Each name is given as written, lower-cased, and (for acronyms) with and without dots.

        >>> sorted({p["label"] for p in Gazetteer.default().ruler_patterns()})
        ['GPE', 'LOC', 'NORP', 'ORG', 'PERSON']
        """
        patterns: list[dict] = []
        seen: set[tuple[str, str]] = set()
        for name, entity in self._names:
            label = RULER_LABELS[entity.type]
            variants = {name, name.lower(), name.replace("’", "'")}
            if _ACRONYM.match(name):
                letters = name.replace(".", "")
                variants = {letters, ".".join(letters) + "."}
            for variant in sorted(variants):
                if (label, variant) not in seen:
                    seen.add((label, variant))
                    patterns.append({"label": label, "pattern": variant, "id": str(entity.iri)})
        return patterns


@lru_cache(maxsize=4)
def _default(root: Path) -> Gazetteer:
    return Gazetteer.from_sources(Sources.find(root))
