"""The extraction contract other tools import (../shared/FORMAT.md, "Extraction contract"):
``digest.extract.extract_article(html, url)`` returns an object with ``title``, ``text``,
``published_at`` and ``authors``. The extractor lives in ``digest.ingest.extract``; this module
keeps the contract's name where the tools look for it."""

from digest.ingest.extract import Extracted, extract_article

__all__ = ["Extracted", "extract_article"]
