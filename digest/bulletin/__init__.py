"""The bulletin: its document (doc), drafting, curation, publishing and rendering. May import: classify, ingest, store, geo and below."""
