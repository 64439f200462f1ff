"""Ingest: news articles become evidence-grounded draft graphs.

The job has parts, one module each:

* :mod:`natokg.ingest.model` — the records extractors return (spans, mentions, posts,
  quotations, TIMEX3 times, events), with code-point offsets into the text;
* :mod:`natokg.ingest.reader` — plain text, HTML and sidecar JSON in, text and metadata out;
* :mod:`natokg.ingest.pipeline` — the spaCy pipeline (model or rules) and the order of extractors;
* :mod:`natokg.ingest.gazetteer`, :mod:`~natokg.ingest.actors`, :mod:`~natokg.ingest.posts`,
  :mod:`~natokg.ingest.quotations`, :mod:`~natokg.ingest.times`, :mod:`~natokg.ingest.events` —
  the extractors (:mod:`~natokg.ingest.cameo`: the CAMEO verb lexicon the event extractor uses;
  TIMEX3 values come from :mod:`natokg.timex`, shared with the background dates);
* :mod:`natokg.ingest.rdf` — an :class:`~natokg.ingest.model.Extraction` as an rdflib Graph;
* :mod:`natokg.ingest.evaluation` — scores against gold annotations.
"""
