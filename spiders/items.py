"""What the spider hands the store: :class:`digest.ingest.ArticleData` (a dataclass item)."""

from digest.ingest import ArticleData as ArticleItem

__all__ = ["ArticleItem"]
