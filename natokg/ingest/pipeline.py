"""The ingest pipeline: a spaCy ``Doc`` of the text, then each extractor in turn.

CONTRACT (shared by the extractor modules; owned by the pipeline):

    gazetteer = Gazetteer.from_sources(sources)                      # ingest/gazetteer.py
    doc = nlp(text)                                                  # model, or blank 'en' + rules
    sentences = [Span.of(text, s.start_char, s.end_char) for s in doc.sents]   (trimmed)
    quote_spans, warnings = find_quote_spans(text)                   # ingest/quotations.py
    mentions = extract_mentions(doc, gazetteer)                      # ingest/actors.py
    posts = extract_posts(doc, mentions, gazetteer)                  # ingest/posts.py
    quotations = attribute_quotations(doc, quote_spans, mentions)    # ingest/quotations.py
    times = extract_times(doc, metadata.published)                   # ingest/times.py (values: natokg/timex.py)
    events = extract_events(doc, mentions, times, quotations, gazetteer)  # ingest/events.py

Each extractor is a plain function of the ``Doc`` (whose ``.text`` is the article text, offsets
in code points) and the earlier results; none holds state, none touches RDF.
"""
