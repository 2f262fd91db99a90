"""The bulletin as plain data: what templates, the site, e-mail and the JSON export receive.

Never ORM rows: ``digest.bulletin.draft`` builds a ``BulletinDoc`` from the database, and everything
downstream (render, site, mail, web preview) works from it or from its JSON (FORMAT.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from digest.classify.sections import ORDER, Section
from digest.text import dm, dmy, stamp, to_vn


@dataclass
class Item:
    number: int
    headline: str
    url: str
    outlet: str
    source_date: date | None
    author: str | None
    province: str | None
    paragraphs: list[str]
    item_id: int | None = None  # BulletinItem row, for editors' actions
    article_id: int | None = None
    included: bool = True  # False only in an editor's view that shows excluded stories (number 0)

    @property
    def citation(self) -> str:
        """'(Baogiaothong.vn 24/5, Trang Trần)': outlet, the source's own day/month, author."""
        parts = self.outlet
        if self.source_date is not None:
            parts += f" {dm(self.source_date)}"
        if self.author:
            parts += f", {self.author}"
        return f"({parts})"

    @property
    def anchor(self) -> str:
        return f"tin-{self.number}"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "headline": self.headline,
            "url": self.url,
            "outlet": self.outlet,
            "source_date": self.source_date.isoformat() if self.source_date else None,
            "author": self.author,
            "province": self.province,
            "paragraphs": list(self.paragraphs),
            "citation": self.citation,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        return cls(
            number=int(data["number"]),
            headline=data["headline"],
            url=data["url"],
            outlet=data["outlet"],
            source_date=date.fromisoformat(data["source_date"]) if data.get("source_date") else None,
            author=data.get("author"),
            province=data.get("province"),
            paragraphs=list(data.get("paragraphs") or []),
            item_id=data.get("item_id"),
            article_id=data.get("article_id"),
        )


@dataclass
class SectionBlock:
    key: Section
    items: list[Item] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.key.heading


@dataclass
class BulletinDoc:
    date: date
    title: str
    published_at: datetime | None
    sections: list[SectionBlock]
    publisher: str = "Trung tâm Tin học - Công báo"
    status: str = "draft"

    @property
    def stamp(self) -> str | None:
        """'16:40, Thứ Tư, 24-5-2023', or None for a draft."""
        return stamp(self.published_at) if self.published_at else None

    @property
    def items(self) -> list[Item]:
        return [item for block in self.sections for item in block.items]

    def to_json(self) -> dict[str, Any]:
        """The FORMAT.md export: keys may be added, none renamed; empty sections left out."""
        return {
            "date": self.date.isoformat(),
            "title": self.title,
            "published_at": to_vn(self.published_at).isoformat() if self.published_at else None,
            "sections": [
                {
                    "key": block.key.value,
                    "heading": block.heading,
                    "items": [item.to_json() for item in block.items],
                }
                for block in self.sections
                if block.items
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], publisher: str | None = None) -> BulletinDoc:
        blocks = {s["key"]: s for s in data.get("sections", [])}
        sections = [
            SectionBlock(key, [Item.from_json(i) for i in blocks[key.value]["items"]])
            for key in ORDER
            if key.value in blocks
        ]
        published = data.get("published_at")
        return cls(
            date=date.fromisoformat(data["date"]),
            title=data["title"],
            published_at=datetime.fromisoformat(published) if published else None,
            sections=sections,
            publisher=publisher or "Trung tâm Tin học - Công báo",
            status="published" if published else "draft",
        )


def bulletin_title(day: date, base: str = "Bản tin cải cách hành chính") -> str:
    """'Bản tin cải cách hành chính ngày 24/5/2023'."""
    return f"{base} ngày {dmy(day)}"
