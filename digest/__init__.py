"""bantin's core: storage, extraction, classification, bulletins, rendering, e-mail and web.

One package per layer; a package may import only the layers before it:
text, urls, config, errors (these top-level modules) -> store, geo -> ingest -> classify
-> bulletin -> site, mail -> web -> commands, demo (and cli; and extract, the name
../shared/FORMAT.md's extraction contract gives digest.ingest.extract's extractor).
"""

__version__ = "0.1.0"
