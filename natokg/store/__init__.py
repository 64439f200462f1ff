"""The corpus store: the graph in an on-disk Oxigraph store, reasoned over by compiled rules.

A new engine beside :func:`natokg.load` (rdflib) and :mod:`natokg.reasoning` (owlrl), for
corpora of thousands of articles. Needs the ``store`` extra (``pip install 'natokg[store]'``).

* :func:`build` parses the Turtle files that changed into named graphs (the same ones as
  :func:`natokg.load`) and computes the inferences (``graph/inferred``,
  ``graph/inferred-background``) with the rules of :mod:`natokg.store.rules`;
* :func:`current` opens the store of a data root read-only, building it first when a file changed
  (what the commands do before they query);
* :func:`query` runs SPARQL in Oxigraph over the deduplicated union of the graphs and returns
  rdflib terms.
"""

from __future__ import annotations

from natokg.store.build import Store, build, current, default_store_dir, open_store
from natokg.store.query import Rows, named_graph, query, union_triples

__all__ = [
    "Rows",
    "Store",
    "build",
    "current",
    "default_store_dir",
    "named_graph",
    "open_store",
    "query",
    "union_triples",
]
