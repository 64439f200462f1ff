"""The layout of a store: its two databases, the names of its internal graphs, and the versions
that invalidate it.

A store folder holds the query database (``oxigraph/``: the named graphs of :func:`natokg.load`,
the two inferred graphs, and as default graph everything asserted, once) and the engine database
(``engine/``: the graphs the rules join, below). Apart, a ``GRAPH ?g`` in a query never meets
the engine's graphs, without listing the named graphs (which Oxigraph evaluates graph by graph).

Kept apart from :mod:`natokg.store.rules` so that opening and querying a store does not import
the reasoning code.
"""

from __future__ import annotations

#: Bump when the rules or their evaluation change, so that stores built before are re-reasoned.
RULES_VERSION = 4

#: The engine's graphs. ``REPORTED`` holds the deduplicated union of the reported graphs
#: (ontology, entities, articles); the others are disjoint from it and from each other.
REPORTED = "urn:natokg:store:reported"
BACKGROUND_ONLY = "urn:natokg:store:background-only"  # background triples not in the reporting
HIDDEN_REPORTED = "urn:natokg:store:hidden-reported"  # derived from the reporting: noise or background
HIDDEN_BACKGROUND = "urn:natokg:store:hidden-background"  # derived with the background: noise
DELTA = "urn:natokg:store:delta"  # the facts that are new in this round (or NEXT, alternately)
NEXT = "urn:natokg:store:next"  # the facts that the two-premise rules find new in this round
LINEAR = "urn:natokg:store:linear"  # this round's one-premise consequences of its delta
ADDED = "urn:natokg:store:added"  # every new fact of an incremental update
SEED = "urn:natokg:store:seed"  # the first delta of an incremental update

#: The engine database's graphs (the ontology and background are copies of the query database's).
ENGINE_DIR = "engine"
ENGINE_GRAPHS = (
    REPORTED,
    BACKGROUND_ONLY,
    HIDDEN_REPORTED,
    HIDDEN_BACKGROUND,
    "https://w3id.org/natokg/graph/inferred",
    "https://w3id.org/natokg/graph/inferred-background",
    "https://w3id.org/natokg/graph/ontology",
    "https://w3id.org/natokg/graph/background",
)
