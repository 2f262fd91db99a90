"""Item pipeline: save each article (committed one by one) and report the outcome; an article
that cannot be saved is reported as an error event and dropped (Scrapy's ``DropItem``)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError

from digest.ingest.save import ArticleData, NotArticle, save_article


class StorePipeline:
    """``digest.ingest.save.save_article`` for every :class:`ArticleData` the spider yields."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        if not isinstance(item, ArticleData):
            return item
        try:
            outcome = save_article(spider.engine, item, spider.min_text_chars)
        except NotArticle as exc:  # the store decides what is an article (digest.ingest.save)
            spider.events.emit("error", item.source, url=item.url, kind="not_article",
                               message=str(exc))
            raise DropItem(f"not an article: {exc}") from exc
        except SQLAlchemyError as exc:
            spider.events.emit("error", item.source, url=item.url, kind="db_error",
                               message=f"{type(exc).__name__}: {exc}"[:500])
            raise DropItem(f"not stored: {type(exc).__name__}") from exc
        spider.events.emit("saved", item.source, url=item.url, outcome=outcome)
        return item
