"""End to end through the database and the CLI: the 12 stories of the reference bulletin of
24/5/2023 stored as raw articles (headlines without their place prefix), classified, drafted,
published at 16:40 and exported: sections split 1-2/3-9/10-11/12, place prefixes restored,
citations exactly the reference's."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, time

from sqlmodel import select

from digest.store.db import session_scope
from digest.store.models import Article, Classification
from digest.text import VN_TZ
from tests.test_render import FIXTURES

PREFIX = re.compile(r"^(TPHCM|Hà Nội|Đà Nẵng|Quảng Trị|Bình Phước|Hải Dương): ")


def _store_reference(engine) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    source = json.loads((FIXTURES / "2023-05-24.source.json").read_text(encoding="utf-8"))
    expected: dict[str, list[str]] = {}
    with session_scope(engine) as s:
        hour = 6
        for block in source["sections"]:
            for raw in block["items"]:
                hour += 1  # distinct times; the day is the story's own (23/5 or 24/5)
                day = datetime.fromisoformat(raw["source_date"]).date()
                key = hashlib.sha1(raw["headline"].encode()).hexdigest()
                art = Article(url=f"https://{raw['outlet'].split('/')[-1].lower()}/{key[:8]}", url_key=key,
                              fetched_url=f"https://x/{key}", source=raw["outlet"],
                              title=PREFIX.sub("", raw["headline"]), text="\n\n".join(raw["paragraphs"]),
                              authors=raw["author"].split(" - ") if raw["author"] else [],
                              published_at=datetime.combine(day, time(hour % 16), tzinfo=VN_TZ),
                              content_hash=key)
                s.add(art)
                s.flush()
                s.add(Classification(article_id=art.id, relevant=True, section=block["key"],
                                     province=raw["province"], confidence=0.9, cluster_key=f"c{art.id}"))
                expected.setdefault(block["key"], []).append(raw["headline"])
        # noise the draft must leave out: irrelevant, and a syndicated copy of story 1
        noise = Article(url="https://a.vn/bong-da", url_key="n1", fetched_url="https://a.vn/bong-da", source="A.vn",
                        title="Kết quả bóng đá", text="Tỷ số.", published_at=datetime(2023, 5, 24, 9, tzinfo=VN_TZ),
                        content_hash="n1")
        copy = Article(url="https://b.vn/copy", url_key="n2", fetched_url="https://b.vn/copy", source="B.vn",
                       title="Sẽ ưu đãi phí khi làm dịch vụ công trực tuyến", text="Bản sao.",
                       published_at=datetime(2023, 5, 24, 15, 59, tzinfo=VN_TZ), content_hash="n2")
        s.add(noise)
        s.add(copy)
        s.flush()
        s.add(Classification(article_id=noise.id, relevant=False, confidence=0.1))
        first = s.exec(select(Article).where(Article.source == "Baogiaothong.vn")).one()
        s.add(Classification(article_id=copy.id, relevant=True, section="policy", confidence=0.8,
                             cluster_key=f"c{first.id}"))
    return expected


def test_reference_through_db_and_cli(engine, run_cli) -> None:  # type: ignore[no-untyped-def]
    expected = _store_reference(engine)
    run_cli("draft", "--date", "2023-05-24")
    run_cli("publish", "--date", "2023-05-24", "--at", "16:40")
    data = json.loads(run_cli("export", "--date", "2023-05-24", "--format", "json").output)
    assert data["title"] == "Bản tin cải cách hành chính ngày 24/5/2023"
    assert data["published_at"] == "2023-05-24T16:40:00+07:00"
    numbers = {s["key"]: [i["number"] for i in s["items"]] for s in data["sections"]}
    assert numbers == {"policy": [1, 2], "local": list(range(3, 10)), "management": [10, 11], "world": [12]}
    for section in data["sections"]:
        assert sorted(i["headline"] for i in section["items"]) == sorted(expected[section["key"]])
    local = [i["headline"] for i in data["sections"][1]["items"]]
    assert {h.split(":")[0] for h in local[:3]} == {"TPHCM", "Hà Nội", "Đà Nẵng"}  # cities first
    reference = json.loads((FIXTURES / "2023-05-24.json").read_text(encoding="utf-8"))
    cites = {i["headline"]: i["citation"] for s in reference["sections"] for i in s["items"]}
    assert {i["headline"]: i["citation"] for s in data["sections"] for i in s["items"]} == cites
    txt = run_cli("export", "--date", "2023-05-24", "--format", "txt").output.splitlines()
    assert txt[:4] == ["Bản tin cải cách hành chính ngày 24/5/2023", "", "16:40, Thứ Tư, 24-5-2023", ""]
    toc = [l for l in txt if re.match(r"^\d+\. ", l)]
    assert [int(l.split(".")[0]) for l in toc] == list(range(1, 13))
    md = run_cli("export", "--date", "2023-05-24", "--format", "md").output
    assert "[Về đầu trang](#top)" in md and md.count("](#tin-") == 12
    # a re-draft of a published bulletin is refused and changes nothing
    again = run_cli("draft", "--date", "2023-05-24", ok=False)
    assert again.exit_code == 1 and "reopen" in again.output
    assert json.loads(run_cli("export", "--date", "2023-05-24").output) == data
