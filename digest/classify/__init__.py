"""Reading stories: the bulletin's sections, features, the classifier and duplicate clusters. May import: ingest, store, geo and below."""
