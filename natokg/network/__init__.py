"""Actor network: the knowledge graph projected onto its actors (NetworkX), analysed, drawn and exported.

Nodes are actors (people, organisations, states, collective actors) with their ``label``, ``type``,
``cls`` and ``iri``. Edges are typed relations, each with its ``relation``, a readable ``label``, the
``evidence`` sentences of the article (through the qualified node's or event's ``nkg:evidence``),
the cited ``phrases``, the ``facts`` (IRIs of the qualified nodes / events) and ``inferred``.
The relations are declared in one table, :data:`RELATIONS` (actor–actor) and :data:`ROLES`
(actor–event, for the bipartite view): a SPARQL pattern binding ``?source`` and ``?target``, a
label, and the pattern that finds the facts whose evidence is cited.

The jobs live in submodules: :mod:`~natokg.network.relations` (the table, colours),
:mod:`~natokg.network.projection` (graph → NetworkX, query subgraphs), :mod:`~natokg.network.analysis`
(centrality, communities, paths), :mod:`~natokg.network.placement`, :mod:`~natokg.network.drawing`
(matplotlib), :mod:`~natokg.network.html` (the interactive view) and :mod:`~natokg.network.formats`
(files). Every public name is importable from ``natokg.network``.

>>> import natokg
>>> from natokg.namespaces import NKR
>>> from natokg.network import actor_network
>>> G = actor_network(natokg.load())
>>> G.nodes[NKR["mark-rutte"]]["label"], G.nodes[NKR["mark-rutte"]]["type"]
('Mark Rutte', 'person')
>>> edge = G.edges[NKR["mark-rutte"], NKR["nato"], "holdsPostIn"]
>>> edge["label"], edge["evidence"][0][:24]
('holds a post in', 'At the start of Thursday')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from natokg._lazy import lazy_exports

# Imported on first use (PEP 562): the command line registers ``natokg network`` from the light
# ``relations`` module without importing networkx or matplotlib.
_LAZY = {
    "natokg.network.analysis": (
        "centrality",
        "communities",
        "describe_path",
        "ego_network",
        "explain_path",
        "find_actor",
        "to_frame",
    ),
    "natokg.network.drawing": ("draw",),
    "natokg.network.formats": ("format_of", "write_network"),
    "natokg.network.html": ("NetworkView", "interactive"),
    "natokg.network.placement": ("layout",),
    "natokg.network.projection": ("actor_network", "query_subgraph"),
    "natokg.network.relations": (
        "ACTOR_KINDS",
        "DASHES",
        "EVENT_KINDS",
        "FORMATS",
        "PALETTE",
        "PICTURES",
        "RELATIONS",
        "ROLES",
        "SEED",
        "TYPE_COLOURS",
        "Relation",
        "relation_colour",
        "relation_style",
    ),
}
__getattr__, __dir__ = lazy_exports(globals(), _LAZY)

if TYPE_CHECKING:
    from natokg.network.analysis import (
        centrality,
        communities,
        describe_path,
        ego_network,
        explain_path,
        find_actor,
        to_frame,
    )
    from natokg.network.drawing import draw
    from natokg.network.formats import format_of, write_network
    from natokg.network.html import NetworkView, interactive
    from natokg.network.placement import layout
    from natokg.network.projection import actor_network, query_subgraph
    from natokg.network.relations import (
        ACTOR_KINDS,
        DASHES,
        EVENT_KINDS,
        FORMATS,
        PALETTE,
        PICTURES,
        RELATIONS,
        ROLES,
        SEED,
        TYPE_COLOURS,
        Relation,
        relation_colour,
        relation_style,
    )

__all__ = [
    "ACTOR_KINDS",
    "DASHES",
    "EVENT_KINDS",
    "FORMATS",
    "PALETTE",
    "PICTURES",
    "RELATIONS",
    "ROLES",
    "SEED",
    "TYPE_COLOURS",
    "NetworkView",
    "Relation",
    "actor_network",
    "centrality",
    "communities",
    "describe_path",
    "draw",
    "ego_network",
    "explain_path",
    "find_actor",
    "format_of",
    "interactive",
    "layout",
    "query_subgraph",
    "relation_colour",
    "relation_style",
    "to_frame",
    "write_network",
]
