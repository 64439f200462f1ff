"""The layout of a store: the names of its internal graphs and the versions that invalidate it.

Kept apart from :mod:`natokg.store.rules` so that opening and querying a store does not import
the reasoning code.
"""

from __future__ import annotations

#: Bump when the rules or their evaluation change, so that stores built before are re-reasoned.
RULES_VERSION = 2

#: The store's internal graphs. ``REPORTED`` holds the deduplicated union of the reported graphs
#: (ontology, entities, articles); the others are disjoint from it and from each other. The store's
#: default graph holds what queries see: ``REPORTED``, ``BACKGROUND_ONLY`` and the two inferred graphs.
REPORTED = "urn:natokg:store:reported"
BACKGROUND_ONLY = "urn:natokg:store:background-only"  # background triples not in the reporting
HIDDEN_REPORTED = "urn:natokg:store:hidden-reported"  # derived from the reporting: noise or background
HIDDEN_BACKGROUND = "urn:natokg:store:hidden-background"  # derived with the background: noise
DELTA = "urn:natokg:store:delta"  # the facts that are new in this round
DEFAULT = "DEFAULT"  # stands for the store's default graph in graph lists
SEED = "urn:natokg:store:seed"  # the first delta of an incremental update
