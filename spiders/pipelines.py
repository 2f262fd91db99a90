"""Item pipeline: save articles in small batches (one transaction each) and report each outcome;
an item that is not an article is reported as an error event and dropped (Scrapy's ``DropItem``).
Either way the spider is told when each article is settled (its feed's validators wait for that),
so an article still in an unsaved batch when the crawl is killed keeps its feed unconfirmed."""

from __future__ import annotations

import time
from typing import Any

from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError

from digest.ingest.save import ArticleData, NotArticle, check_article, save_articles
from digest.urls import url_key


class StorePipeline:
    """``digest.ingest.save.save_articles`` for the :class:`ArticleData` the spider yields.

    Articles wait in a batch until it holds ``store_batch`` of them ([crawl] setting) or its
    oldest has waited ``store_batch_seconds``, and the rest when the spider closes: a commit
    per article was a sixth of the crawl's CPU. A crawl killed half-way loses at most the
    batch in hand, which the next run fetches again (the store only knows committed URLs).
    A batch the database refuses is reported article by article (``db_error``); those items
    have left the pipeline by then, so Scrapy counts them as scraped.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.batch: list[ArticleData] = []
        self.oldest = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleData):
            return item
        spider = self.crawler.spider
        reason = check_article(item.title, item.text, spider.min_text_chars)
        if reason:  # the store decides what is an article (digest.ingest.save), up front
            spider.events.emit("error", item.source, url=item.url, kind="not_article",
                               message=reason)
            spider.settle(_key(item))
            raise DropItem(f"not an article: {reason}")
        if not self.batch:
            self.oldest = time.monotonic()
        self.batch.append(item)
        if len(self.batch) >= spider.store_batch or \
                time.monotonic() - self.oldest >= spider.store_batch_seconds:
            self.flush()
        return item

    def close_spider(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Save the batch in hand and emit one event per article."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        spider = self.crawler.spider
        try:
            outcomes = save_articles(spider.engine, batch, spider.min_text_chars)
        except SQLAlchemyError as exc:
            for item in batch:
                spider.events.emit("error", item.source, url=item.url, kind="db_error",
                                   message=f"{type(exc).__name__}: {exc}"[:500])
                spider.settle(_key(item), transient=True)
            return
        for item, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, NotArticle):  # checked above already; kept for safety
                spider.events.emit("error", item.source, url=item.url, kind="not_article",
                                   message=str(outcome))
            else:
                spider.events.emit("saved", item.source, url=item.url, outcome=outcome)
            spider.settle(_key(item))


def _key(item: ArticleData) -> str:
    """The key the spider queued the article under (the feed's link, as the store keys it)."""
    return url_key(item.link or item.url)
