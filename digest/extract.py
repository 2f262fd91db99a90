"""Article extraction: ``extract_article(html, url)`` -> title, text, published_at, authors.

(First cut: trafilatura alone. The extraction work replaces this with the measured combination.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import trafilatura

from digest.text import VN_TZ, clean_line, clean_text


@dataclass
class Selectors:
    """Per-source CSS overrides from the sources file (each optional)."""

    title: str | None = None
    body: str | None = None
    date: str | None = None
    author: str | None = None
    drop: list[str] = field(default_factory=list)  # CSS of blocks to remove before extraction


@dataclass
class Extracted:
    title: str
    text: str  # paragraphs separated by blank lines, NFC
    published_at: datetime | None
    authors: list[str]
    description: str | None = None
    date_source: str | None = None  # metadata | feed | page


def extract_article(
    html: str,
    url: str,
    selectors: Selectors | None = None,
    feed_date: datetime | None = None,
) -> Extracted:
    """Extract one article. Never raises on bad HTML: an empty ``text`` means "no article"."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return Extracted(title="", text="", published_at=feed_date, authors=[])
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    published = None
    if data.get("date"):
        try:
            published = datetime.fromisoformat(data["date"]).replace(tzinfo=VN_TZ)
        except ValueError:
            published = None
    return Extracted(
        title=clean_line(data.get("title")),
        text=clean_text(data.get("text")),
        published_at=published or feed_date,
        authors=[a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
    )
