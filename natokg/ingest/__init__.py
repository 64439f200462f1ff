"""Ingest: news articles become evidence-grounded draft graphs.

The job has parts, one module each:

* :mod:`natokg.ingest.model` — the records extractors return (spans, mentions, posts,
  quotations, TIMEX3 times, events), with code-point offsets into the text;
* :mod:`natokg.ingest.reader` — plain text, HTML and sidecar JSON in, text and metadata out;
* :mod:`natokg.ingest.pipeline` — the spaCy pipeline (model or rules) and the order of extractors;
* :mod:`natokg.ingest.gazetteer`, :mod:`~natokg.ingest.actors`, :mod:`~natokg.ingest.posts`,
  :mod:`~natokg.ingest.quotations`, :mod:`~natokg.ingest.times`, :mod:`~natokg.ingest.events` —
  the extractors (:mod:`~natokg.ingest.cameo`: the CAMEO verb lexicon the event extractor uses,
  :mod:`~natokg.ingest.event_rules` its trigger tables, :mod:`~natokg.ingest.event_roles` its
  evidence, agent, location and merging rules; :mod:`~natokg.ingest.coreference`: titles, pronouns;
  :mod:`~natokg.ingest.descriptions`: group and definite descriptions;
  TIMEX3 values come from :mod:`natokg.timex`, shared with the background dates);
* :mod:`natokg.ingest.rdf` — an :class:`~natokg.ingest.model.Extraction` as an rdflib Graph;
* :mod:`natokg.ingest.evaluation` — scores against gold annotations;
* :mod:`natokg.ingest.writer`, :mod:`~natokg.ingest.run`, :mod:`~natokg.ingest.cli` — files,
  batches and the ``natokg ingest`` / ``natokg init`` commands.

The API is imported lazily, so ``import natokg`` (and ``import natokg.ingest``) never loads spaCy:

>>> import natokg.ingest
>>> natokg.ingest.extract_graph.__module__
'natokg.ingest.run'
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_graph", "ingest_file", "ingest_paths", "init_data_root", "to_graph"]

_WHERE = {
    "extract_graph": "natokg.ingest.run",
    "ingest_file": "natokg.ingest.run",
    "ingest_paths": "natokg.ingest.run",
    "init_data_root": "natokg.ingest.cli",
    "to_graph": "natokg.ingest.rdf",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'natokg.ingest' has no attribute {name!r}")
