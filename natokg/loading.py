"""Loading: the ontology, shared entities, articles and background as named graphs of one Dataset.

Every file is parsed through :func:`parse_file`, so a missing file or a syntax error is reported
with its path and line. :func:`new_dataset` is the one place a store is created: pass
``store="Oxigraph"`` (with the ``oxrdflib`` plug-in installed) to swap rdflib's in-memory store
for a faster engine without changing any caller.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from natokg.errors import InputError
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    ENTITIES_GRAPH,
    GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    article_graph,
    bind_prefixes,
)

PACKAGE_DIR = Path(__file__).resolve().parent

ARTICLE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

#: Names of graph selections, as accepted by :func:`select` and the CLI's ``--graphs``.
SELECTIONS = ("asserted", "ontology", "background", "inferred", "all")


#: The file that marks a user's data root (made by ``natokg init``), as ``.git`` marks a repository.
MARKER = "natokg.toml"


def package_root() -> Path:
    """The data shipped with natokg: ``natokg/_data`` in an installed wheel, else the source checkout.

    >>> (package_root() / "ontology" / "natokg.ttl").is_file()
    True
    """
    shipped = PACKAGE_DIR / "_data"
    return shipped if (shipped / "ontology").is_dir() else PACKAGE_DIR.parent


def is_data_root(folder: Path) -> bool:
    """True for a user's data root (it holds ``natokg.toml``) or a full one (``ontology/natokg.ttl`` + ``graph/``).

    >>> is_data_root(package_root()), is_data_root(package_root() / "graph")
    (True, False)
    """
    return (folder / MARKER).is_file() or (
        (folder / "ontology" / "natokg.ttl").is_file() and (folder / "graph").is_dir()
    )


def find_data_root(start: str | Path | None = None) -> tuple[Path, str]:
    """The data root to use and how it was found, as git finds its repository.

    ``NATOKG_DATA`` wins; else the nearest folder at or above ``start`` (default: the current
    folder) that :func:`is_data_root`; else the data shipped with natokg. The second item says
    which rule chose it: ``"NATOKG_DATA"``, ``"the current folder"``, ``"found above the current
    folder"`` or ``"shipped"``.

    >>> find_data_root(package_root() / "graph" / "articles")[0] == package_root()
    True
    """
    override = os.environ.get("NATOKG_DATA")
    if override:
        return Path(override), "NATOKG_DATA"
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_data_root(folder):
            return folder, "the current folder" if folder == here else "found above the current folder"
    return package_root(), "shipped"


def data_root() -> Path:
    """The folder that holds ``ontology/``, ``graph/`` and ``queries/``: the root that
    :func:`find_data_root` finds when it is a full one (a source checkout, ``NATOKG_DATA``), else
    (a user's root made by ``natokg init``, or none) the data shipped with natokg.

    >>> (data_root() / "ontology" / "natokg.ttl").is_file()
    True
    """
    root = find_data_root()[0]
    return root if (root / "ontology").is_dir() else package_root()


def is_package_data(folder: str | Path) -> bool:
    """True if ``folder`` is (or lies inside) the installed package's data, which ingest must not change.

    >>> is_package_data(PACKAGE_DIR / "_data" / "graph"), is_package_data(PACKAGE_DIR.parent / "graph")
    (True, False)
    """
    shipped = (PACKAGE_DIR / "_data").resolve()
    target = Path(folder).resolve()
    return target == shipped or shipped in target.parents


@dataclass(frozen=True)
class Sources:
    """The files that make up a natokg graph under one data root.

    A user's root (with ``natokg.toml``) holds its own articles and, optionally, its own
    ``graph/entities.ttl`` (in :attr:`own_entities`); ontology, shapes, shipped entities,
    background, named queries and the shipped articles (which the shipped entities cite as
    evidence) come from :func:`package_root`.

    >>> src = Sources.find(package_root())
    >>> [p.name for p in src.articles]
    ['reuters-2026-02-12-colby-nato-brussels.ttl']
    """

    root: Path
    ontology: tuple[Path, ...]
    shapes: Path
    entities: Path
    background: Path
    articles: tuple[Path, ...] = field(default=())
    #: the named queries' folder
    queries: Path | None = None
    #: a user's own entities, loaded into the entities graph beside the shipped ones
    own_entities: tuple[Path, ...] = field(default=())

    @classmethod
    def find(cls, root: str | Path | None = None) -> Sources:
        """The sources under ``root`` (default: :func:`find_data_root`); InputError if it is no data root."""
        base = Path(root) if root is not None else find_data_root()[0]
        user_root = (base / MARKER).is_file() and not (base / "ontology").is_dir()
        shared = package_root() if user_root else base
        ontology_dir = shared / "ontology"
        if not ontology_dir.is_dir():
            raise InputError(
                f"no ontology/ folder or {MARKER} here; is this a natokg data root? (natokg init DIR makes one)",
                path=str(base),
            )
        ontology = sorted(p for p in ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")
        ontology += sorted((ontology_dir / "imports").glob("*.ttl"))
        articles = tuple(sorted((base / "graph" / "articles").glob("*.ttl")))
        if user_root:  # the shipped articles come along: the shipped entities cite them as evidence
            shipped = tuple(sorted((shared / "graph" / "articles").glob("*.ttl")))
            for article in articles:
                clash = next((s for s in shipped if s.stem == article.stem), None)
                if clash is not None:
                    raise InputError(f"the slug {article.stem!r} is taken by the shipped {clash}", path=str(article))
            articles = shipped + articles
        for article in articles:
            if not ARTICLE_SLUG.fullmatch(article.stem):
                raise InputError(
                    "an article file name must be a slug of letters, digits, '.', '_' or '-' (it becomes part of IRIs)",
                    path=str(article),
                )
        own = base / "graph" / "entities.ttl"
        return cls(
            root=base,
            ontology=tuple(ontology),
            shapes=ontology_dir / "shapes.ttl",
            entities=shared / "graph" / "entities.ttl",
            background=shared / "graph" / "background.ttl",
            articles=articles,
            queries=shared / "queries" if not (base / "queries").is_dir() else base / "queries",
            own_entities=(own,) if user_root and own.is_file() else (),
        )

    def article_text(self, article: Path) -> Path:
        """The plain-text copy that sits beside an article's Turtle file."""
        return article.with_suffix(".txt")


def parse_file(path: str | Path, graph: Graph | None = None, *, format: str | None = None) -> Graph:
    """Parse one RDF file into ``graph`` (a new one by default), reporting errors by file and line.

    >>> len(parse_file(data_root() / "graph" / "entities.ttl")) > 0
    True
    """
    path = Path(path)
    target = graph if graph is not None else Graph()
    if not path.is_file():
        raise InputError("file not found", path=str(path))
    rdf_format = format or _format_of(path)
    if rdf_format == "json-ld":
        # rdflib would fetch a remote @context from the web; natokg reads its data offline.
        raise InputError("JSON-LD is not read as input (its @context may load from a URL); use Turtle", path=str(path))
    try:
        target.parse(path, format=rdf_format)
    except BadSyntax as exc:
        raise InputError(f"invalid Turtle: {exc._why}", path=str(path), line=exc.lines + 1) from None
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or getattr(exc, "_line", None)
        raise InputError(f"invalid RDF: {exc}", path=str(path), line=line) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    return target


def _format_of(path: Path) -> str:
    formats = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}
    return formats.get(path.suffix, "turtle")


def new_dataset(store: str = "default") -> Dataset:
    """An empty Dataset whose default graph is the union of its named graphs.

    This is natokg's single storage seam: the ``store`` name is any rdflib store plug-in.

    >>> new_dataset().default_union
    True
    """
    return bind_prefixes(Dataset(store=store, default_union=True))


def load(
    root: str | Path | None = None,
    *,
    inferred: bool = False,
    store: str = "default",
    cache: bool = True,
) -> Dataset:
    """Load the whole graph: ontology, entities, one named graph per article, background.

    With ``inferred=True`` the OWL 2 RL inferences are added as their own named graph (computed
    once, then read from the cache). Query the union through the default graph, or one part with
    ``GRAPH <…>`` or :func:`select`.

    >>> ds = load()
    >>> sorted(str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g))[:3]
    ['background', 'entities', 'ontology']
    """
    sources = Sources.find(root)
    dataset = new_dataset(store)
    ontology = dataset.graph(ONTOLOGY_GRAPH)
    for path in sources.ontology:
        parse_file(path, ontology)
    parse_file(sources.entities, dataset.graph(ENTITIES_GRAPH))
    for path in sources.own_entities:
        parse_file(path, dataset.graph(ENTITIES_GRAPH))
    parse_file(sources.background, dataset.graph(BACKGROUND_GRAPH))
    for path in sources.articles:
        parse_file(path, dataset.graph(article_graph(path.stem)))
    if inferred:
        from natokg.reasoning import add_inferences

        add_inferences(dataset, cache=cache)
    return dataset


#: The engines a command can query: the on-disk corpus store (``store`` extra) or rdflib in memory.
ENGINES = ("store", "memory")


def engine() -> str:
    """The engine commands query: ``NATOKG_ENGINE`` (``store`` or ``memory``) if set, else the
    corpus store when its extra (pyoxigraph) is installed, else rdflib in memory.

    >>> engine() in ENGINES
    True
    """
    chosen = os.environ.get("NATOKG_ENGINE", "").strip().lower()
    if chosen and chosen not in ENGINES:
        raise InputError(f"NATOKG_ENGINE: unknown engine {chosen!r}; choose store or memory")
    if chosen == "store":
        from natokg.store._oxigraph import oxigraph

        oxigraph()  # a one-line error naming the extra when it is missing
        return "store"
    if chosen == "memory":
        return "memory"
    from natokg.extras import missing

    return "memory" if missing("pyoxigraph") else "store"


def article_graphs(dataset: Dataset) -> list[URIRef]:
    """The IRIs of the article graphs in ``dataset``, sorted.

    >>> [str(g).rsplit("/", 1)[-1] for g in article_graphs(load())]
    ['reuters-2026-02-12-colby-nato-brussels']
    """
    prefix = str(GRAPH["article/"])
    return sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and str(g.identifier).startswith(prefix)
    )


def graph_names(dataset: Dataset, selection: str | Iterable[str]) -> list[URIRef]:
    """Resolve a selection (``asserted``, ``ontology``, ``background``, ``inferred``, ``all``,
    or several of them) to the named-graph IRIs of ``dataset`` (see :func:`selected_graphs`).

    >>> [str(g).rsplit("/", 1)[-1] for g in graph_names(load(inferred=True), "background")]
    ['background', 'inferred-background']
    """
    background_inferred = bool(len(dataset.graph(BACKGROUND_INFERRED_GRAPH)))
    return selected_graphs(selection, article_graphs(dataset), background_inferred=background_inferred)


def selected_graphs(
    selection: str | Iterable[str], articles: Iterable[URIRef], *, background_inferred: bool
) -> list[URIRef]:
    """The named graphs a selection names, given the article graphs and whether the data holds a
    ``graph/inferred-background``: ``asserted`` is the entities plus every article; ``inferred``
    is what reasoning derives from them; ``background`` is the background facts plus what
    reasoning derives only with their help. Raises ValueError for an unknown selection.

    >>> [str(g).rsplit("/", 1)[-1] for g in selected_graphs(["asserted", "inferred"], [], background_inferred=False)]
    ['entities', 'inferred']
    """
    names = [selection] if isinstance(selection, str) else list(selection)
    chosen: list[URIRef] = []
    for name in names:
        if name not in SELECTIONS:
            raise ValueError(f"unknown graph selection {name!r}; choose from {', '.join(SELECTIONS)}")
        if name in ("asserted", "all"):
            chosen += [ENTITIES_GRAPH, *articles]
        if name in ("ontology", "all"):
            chosen.append(ONTOLOGY_GRAPH)
        if name in ("background", "all"):
            # What reasoning derives with the help of background knowledge stays with the background.
            chosen.append(BACKGROUND_GRAPH)
            if background_inferred:
                chosen.append(BACKGROUND_INFERRED_GRAPH)
        if name in ("inferred", "all"):
            chosen.append(INFERRED_GRAPH)
    return list(dict.fromkeys(chosen))


def select(dataset: Dataset, selection: str | Iterable[str], *, store: str = "default") -> Dataset:
    """A new Dataset that holds only the selected named graphs (its default graph is their union).

    >>> ds = load()
    >>> len(select(ds, "asserted")) < len(select(ds, ["asserted", "ontology"]))
    True
    """
    view = new_dataset(store)
    for name in graph_names(dataset, selection):
        target = view.graph(name)
        for triple in dataset.graph(name):
            target.add(triple)
    return view
