"""natokg: a knowledge graph of news reporting on NATO.

>>> import natokg
>>> ds = natokg.load()
>>> natokg.validate(ds).conforms
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# First: in the natokg command, Ctrl-C during the imports below ends in one line (see _cli_guard).
from natokg import _cli_guard  # noqa: F401
from natokg._lazy import lazy_exports
from natokg.errors import InputError, NatokgError
from natokg.loading import Sources, data_root, graph_names, load, new_dataset, parse_file, select
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    ENTITIES_GRAPH,
    INFERRED_GRAPH,
    NKG,
    NKR,
    ONTOLOGY_GRAPH,
    article_graph,
)
from natokg.stats import stats  # eager: a lazy name would be shadowed by its module natokg.stats once imported

# The rest of the API is imported when first used (PEP 562), so that ``import natokg`` does not pay
# for rdflib's SPARQL parser, owlrl, pySHACL and networkx before they are needed.
_LAZY = {
    "natokg.endpoint": ("push",),
    "natokg.network": (
        "actor_network",
        "centrality",
        "communities",
        "describe_path",
        "draw",
        "ego_network",
        "explain_path",
        "interactive",
        "query_subgraph",
        "write_network",
    ),
    "natokg.queries": (
        "Endpoint",
        "NamedQuery",
        "QueryError",
        "Results",
        "compact",
        "corpus",
        "execute",
        "expand",
        "get_query",
        "named_queries",
        "query",
        "sparql",
    ),
    "natokg.reasoning": ("add_inferences", "compute_inferences", "inferences"),
    "natokg.validation": ("Report", "Violation", "validate"),
}
__getattr__, __dir__ = lazy_exports(globals(), _LAZY)

if TYPE_CHECKING:
    from natokg.endpoint import push
    from natokg.network import (
        actor_network,
        centrality,
        communities,
        describe_path,
        draw,
        ego_network,
        explain_path,
        interactive,
        query_subgraph,
        write_network,
    )
    from natokg.queries import (
        Endpoint,
        NamedQuery,
        QueryError,
        Results,
        compact,
        corpus,
        execute,
        expand,
        get_query,
        named_queries,
        query,
        sparql,
    )
    from natokg.reasoning import add_inferences, compute_inferences, inferences
    from natokg.validation import Report, Violation, validate


__version__ = "0.1.0"

__all__ = [
    "BACKGROUND_GRAPH",
    "BACKGROUND_INFERRED_GRAPH",
    "ENTITIES_GRAPH",
    "INFERRED_GRAPH",
    "NKG",
    "NKR",
    "ONTOLOGY_GRAPH",
    "Endpoint",
    "InputError",
    "NamedQuery",
    "NatokgError",
    "QueryError",
    "Report",
    "Results",
    "Sources",
    "Violation",
    "actor_network",
    "add_inferences",
    "article_graph",
    "centrality",
    "communities",
    "compact",
    "compute_inferences",
    "corpus",
    "data_root",
    "describe_path",
    "draw",
    "ego_network",
    "execute",
    "expand",
    "explain_path",
    "get_query",
    "graph_names",
    "inferences",
    "interactive",
    "load",
    "named_queries",
    "new_dataset",
    "parse_file",
    "push",
    "query",
    "query_subgraph",
    "select",
    "sparql",
    "stats",
    "validate",
    "write_network",
]
