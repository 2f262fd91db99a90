"""Item pipeline: save each article (committed one by one) and report the outcome; an article
that cannot be saved is reported as an error event and dropped (Scrapy's ``DropItem``). Either
way the spider is told the article is settled (its feed's validators wait for that).
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError

from digest.ingest.save import ArticleData, NotArticle, save_article
from digest.urls import url_key


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
        # the key the spider queued it under (the feed's link, as save_article keys it)
        key = url_key(item.link or item.url)
        try:
            outcome = save_article(spider.engine, item, spider.min_text_chars)
        except NotArticle as exc:  # the store decides what is an article (digest.ingest.save)
            spider.events.emit("error", item.source, url=item.url, kind="not_article",
                               message=str(exc))
            spider.settle(key)
            raise DropItem(f"not an article: {exc}") from exc
        except SQLAlchemyError as exc:
            spider.events.emit("error", item.source, url=item.url, kind="db_error",
                               message=f"{type(exc).__name__}: {exc}"[:500])
            spider.settle(key, transient=True)
            raise DropItem(f"not stored: {type(exc).__name__}") from exc
        spider.events.emit("saved", item.source, url=item.url, outcome=outcome)
        spider.settle(key)
        return item
