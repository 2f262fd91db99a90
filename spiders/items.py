"""What the spider hands the store: :class:`digest.ingest.save.ArticleData` (a dataclass item)."""

from digest.ingest.save import ArticleData as ArticleItem

__all__ = ["ArticleItem"]
