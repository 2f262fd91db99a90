"""Publishing: the stamp's time, the frozen snapshot, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from digest.bulletin import curate
from digest.bulletin.draft import draft_bulletin
from digest.bulletin.publish import default_publish_time, publish, reopen
from digest.errors import BulletinNotFound, BulletinNotPublished, InvalidInput
from digest.store.db import session_scope
from digest.store.models import Bulletin
from digest.text import VN_TZ
from tests.test_draft import D, add, vn


def test_default_publish_time() -> None:
    on_the_day = datetime(2023, 5, 24, 10, 5, tzinfo=UTC)  # 17:05 in Vietnam
    assert default_publish_time(D, on_the_day) == on_the_day
    later = datetime(2023, 5, 30, 3, 0, tzinfo=UTC)
    assert default_publish_time(D, later) == datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)


def test_snapshot_is_frozen_and_refusals(engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        with pytest.raises(BulletinNotFound):
            publish(s, D, "lan")
        draft_bulletin(s, D)
        with pytest.raises(InvalidInput):  # nothing to publish yet
            publish(s, D, "lan")
        with pytest.raises(BulletinNotPublished):
            reopen(s, D, "lan")
    with session_scope(engine) as s:
        art = add(s, "Tin A", vn(D, 8))
        draft_bulletin(s, D)
        doc = publish(s, D, "lan", at=datetime(2023, 5, 24, 16, 40))  # naive: Vietnam time
        assert doc.stamp == "16:40, Thứ Tư, 24-5-2023"
    with session_scope(engine) as s:
        from digest.store.models import Article

        s.get(Article, art).title = "Tiêu đề đổi sau khi xuất bản"  # type: ignore[union-attr]
        row = s.exec(select(Bulletin)).one()
        assert row.status == "published" and row.snapshot == curate.load_doc(s, D).to_json()
        assert row.published_at == datetime(2023, 5, 24, 9, 40, tzinfo=UTC)
        assert [i.headline for i in curate.load_doc(s, D).items] == ["Tin A"]
        assert [c.action for c in curate.history(s, D)] == ["publish"]
        assert curate.history(s, D)[0].after == {"published_at": "2023-05-24T16:40:00+07:00", "items": 1}
