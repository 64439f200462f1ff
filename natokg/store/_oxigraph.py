"""pyoxigraph behind the ``store`` extra: the lazy import and the conversion of terms to and from rdflib.

pyoxigraph is imported only when a store is used, so ``import natokg`` stays cheap and works
without the extra. Terms cross the boundary as rdflib terms (the public API) and as pyoxigraph
terms (inside the engine); :func:`to_rdflib` and :func:`to_oxigraph` convert one term.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from natokg.errors import NatokgError

EXTRA_MESSAGE = "the corpus store needs pyoxigraph: pip install 'natokg[store]'"


def oxigraph() -> ModuleType:
    """The ``pyoxigraph`` module, or a one-line :class:`NatokgError` naming the extra to install.

    >>> oxigraph().__name__
    'pyoxigraph'
    """
    try:
        import pyoxigraph
    except ImportError:
        raise NatokgError(EXTRA_MESSAGE) from None
    return pyoxigraph


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> URIRef:
    # The same IRIs (predicates, classes, shared entities) come back millions of times.
    return URIRef(value)


def to_rdflib(term: Any) -> Node:
    """One pyoxigraph term (named node, blank node or literal) as the equal rdflib term.

    >>> ox = oxigraph()
    >>> to_rdflib(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    ox = oxigraph()
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=_iri(datatype))
    raise NatokgError(f"cannot convert the RDF term {term!r} to rdflib")


def to_oxigraph(term: Node) -> Any:
    """One rdflib term as the equal pyoxigraph term (the inverse of :func:`to_rdflib`).

    >>> to_oxigraph(URIRef("urn:x"))
    <NamedNode value=urn:x>
    """
    ox = oxigraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise NatokgError(f"cannot convert the RDF term {term!r} to pyoxigraph")


def triple_to_rdflib(triple: Any) -> tuple[Node, Node, Node]:
    """A pyoxigraph triple or quad as an rdflib ``(s, p, o)`` tuple."""
    return to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)


def graph_to_rdflib(store: Any, name: str) -> Graph:
    """The named graph ``name`` of a pyoxigraph store as a new rdflib Graph."""
    ox = oxigraph()
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        graph.add(triple_to_rdflib(quad))
    return graph
