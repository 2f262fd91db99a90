"""Getting articles in: sources, feeds, decoding, extraction, the crawl, saving articles, source health. May import: store, geo and below."""
