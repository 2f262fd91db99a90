"""Drafting: cut-off window, first bulletin, no repeats, one per cluster, order and numbering,
re-drafting keeps editors' changes, published bulletins are immutable. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest

from digest.bulletin import curate
from digest.bulletin.draft import draft_bulletin, get_bulletin, local_headline, names_place, window
from digest.bulletin.publish import publish, reopen
from digest.errors import BulletinAlreadyPublished, DayNotYetCome
from digest.store.db import session_scope
from digest.store.models import Article, Classification
from digest.text import VN_TZ

D = date(2023, 5, 24)


def vn(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=VN_TZ)


def add(s, title: str, at: datetime, *, section: str | None = "policy", relevant: bool = True,  # type: ignore[no-untyped-def]
        province: str | None = None, cluster: str | None = None, outlet: str = "Baogiaothong.vn",
        text: str | None = None, authors: list[str] | None = None, confidence: float = 0.9) -> int:
    key = hashlib.sha1(f"{title}{at}{outlet}".encode()).hexdigest()
    art = Article(url=f"https://example.vn/{key[:10]}", url_key=key, fetched_url=f"https://example.vn/{key[:10]}",
                  source=outlet, title=title, text=text or f"Đoạn một của {title}.\n\nĐoạn hai.",
                  authors=authors if authors is not None else ["Trang Trần"], published_at=at,
                  content_hash=key)
    s.add(art)
    s.flush()
    s.add(Classification(article_id=art.id, relevant=relevant, section=section if relevant else None,
                         province=province, confidence=confidence, cluster_key=cluster))
    s.flush()
    return int(art.id)


def headlines(s, day: date = D) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.headline for i in curate.load_doc(s, day).items]


def test_window_cutoff_and_first_bulletin(any_engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(any_engine) as s:
        add(s, "Hai ngày trước", vn(D - timedelta(days=2), 23, 59))
        add(s, "Hôm qua sáng", vn(D - timedelta(days=1), 0, 0))
        add(s, "Hôm nay trước giờ chốt", vn(D, 16, 0))
        add(s, "Hôm nay sau giờ chốt", vn(D, 16, 1))
        add(s, "Không liên quan", vn(D, 9), relevant=False)
        start, end, first = window(s, D)
        assert first and start == vn(D - timedelta(days=1), 0, 0) and end == vn(D, 16)
        draft_bulletin(s, D)
        assert sorted(headlines(s)) == ["Hôm nay trước giờ chốt", "Hôm qua sáng"]
    # The next day's bulletin starts at this one's cut-off: the 16:01 story goes there.
    nxt = D + timedelta(days=1)
    with session_scope(any_engine) as s:
        add(s, "Ngày mai", vn(nxt, 10))
        draft_bulletin(s, nxt)
        assert sorted(headlines(s, nxt)) == ["Hôm nay sau giờ chốt", "Ngày mai"]


def test_a_day_not_yet_come_is_refused(any_engine) -> None:  # type: ignore[no-untyped-def]
    """Drafting ahead would take the stories of the days between, which their own bulletins take
    too: a day after today (Vietnam time) is refused; today, before its cut-off, is fine."""
    late_evening = datetime(D.year, D.month, D.day, 16, 30, tzinfo=UTC)  # 23:30 in Vietnam: still D
    with session_scope(any_engine) as s:
        add(s, "Hôm nay", vn(D, 9))
        with pytest.raises(DayNotYetCome, match=rf"{D + timedelta(days=3)} has not come yet \(today is {D}"):
            draft_bulletin(s, D + timedelta(days=3), now=late_evening)
        with pytest.raises(DayNotYetCome):
            draft_bulletin(s, D + timedelta(days=1), now=vn(D, 23, 59))
        draft_bulletin(s, D, now=vn(D, 8))
        assert headlines(s) == ["Hôm nay"]
        assert get_bulletin(s, D + timedelta(days=1)) is None and get_bulletin(s, D + timedelta(days=3)) is None


def test_no_repeats_and_one_per_cluster(any_engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(any_engine) as s:
        add(s, "Bản gốc", vn(D - timedelta(days=1), 20), cluster="c1", outlet="Vtc.vn")  # earliest day
        add(s, "Bản đăng lại", vn(D, 9), cluster="c1", outlet="Baodautu.vn")
        add(s, "Tin riêng", vn(D, 10))
        draft_bulletin(s, D)
        doc = curate.load_doc(s, D)
        assert sorted(i.headline for i in doc.items) == ["Bản gốc", "Tin riêng"]
        view = next(c for c in curate.candidates(s, D) if c.headline == "Bản gốc")
        assert [sib.outlet for sib in view.siblings] == ["Baodautu.vn"]
        left = {v.title: v.reason for v in curate.left_out(s, D)}
        assert left == {"Bản đăng lại": "duplicate"}
    nxt = D + timedelta(days=1)
    with session_scope(any_engine) as s:
        # Another outlet reports the same story the next day: the cluster was carried already.
        add(s, "Bản thứ ba", vn(nxt, 9), cluster="c1", outlet="Sggp.org.vn")
        add(s, "Tin mới", vn(nxt, 9))
        draft_bulletin(s, nxt)
        assert headlines(s, nxt) == ["Tin mới"]
        assert {v.title: v.reason for v in curate.left_out(s, nxt)} == {"Bản thứ ba": "carried"}


def test_a_day_drafted_late_leaves_out_what_a_later_published_bulletin_carried(any_engine) -> None:  # type: ignore[no-untyped-def]
    """The first bulletin was D+1's (its window reaches back to D's midnight) and is published;
    D is drafted afterwards: the stories D+1 printed are not printed again."""
    nxt = D + timedelta(days=1)
    with session_scope(any_engine) as s:
        add(s, "Sáng ngày D", vn(D, 9))
        add(s, "Chiều ngày D+1", vn(nxt, 10))
        add(s, "Đêm trước ngày D", vn(D - timedelta(days=1), 22))
        draft_bulletin(s, nxt, now=vn(nxt, 16, 30))
        assert sorted(headlines(s, nxt)) == ["Chiều ngày D+1", "Sáng ngày D"]
        publish(s, nxt, editor="Lan", at=vn(nxt, 16, 40))
    with session_scope(any_engine) as s:
        draft_bulletin(s, D, now=vn(nxt, 17))
        assert headlines(s, D) == ["Đêm trước ngày D"]
        assert {v.title: v.reason for v in curate.left_out(s, D)} == {"Sáng ngày D": "carried"}


def test_only_a_local_story_takes_its_outlets_province(any_engine) -> None:  # type: ignore[no-untyped-def]
    """A provincial paper's report of a national decree or of foreign news is not its province's
    story: its item has the classifier's place (none), while a local story the classifier placed
    nowhere takes the outlet's province, and its headline the place."""
    from digest.store.models import Article

    with session_scope(any_engine) as s:
        ids = [add(s, "Chính phủ ban hành nghị định về thủ tục hành chính", vn(D, 9), section="policy",
                   outlet="Baodanang.vn"),
               add(s, "Hàn Quốc bắt buộc công chức kê khai tài sản ảo", vn(D, 10), section="world",
                   outlet="Baodanang.vn"),
               add(s, "Phường Hải Châu trả kết quả hồ sơ qua bưu điện", vn(D, 11), section="local",
                   outlet="Baodanang.vn")]
        for article_id in ids:
            s.get(Article, article_id).source_province = "Đà Nẵng"
        draft_bulletin(s, D)
        doc = curate.load_doc(s, D)
        places = {item.headline: item.province for item in doc.items}
    assert places == {"Chính phủ ban hành nghị định về thủ tục hành chính": None,
                      "Hàn Quốc bắt buộc công chức kê khai tài sản ảo": None,
                      "Đà Nẵng: Phường Hải Châu trả kết quả hồ sơ qua bưu điện": "Đà Nẵng"}


def test_sections_order_numbering_and_place_prefix(any_engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(any_engine) as s:
        add(s, "Thế giới một", vn(D, 7), section="world")
        add(s, "Kỷ luật công vụ", vn(D, 8), section="management")
        add(s, "Chính sách cũ", vn(D, 6), section="policy")
        add(s, "Chính sách mới", vn(D, 11), section="policy")
        add(s, "Xã đầu tiên niêm yết mã QR", vn(D, 12), section="local", province="Hải Dương")
        add(s, "Trả kết quả chậm phải xin lỗi", vn(D, 5), section="local", province="Đà Nẵng")
        add(s, "Ứng dụng phong phú làm dân bối rối", vn(D, 4), section="local",
            province="TP Hồ Chí Minh")
        add(s, "Công an tỉnh Đắk Nông - đơn vị tiên phong", vn(D, 13), section="local",
            province="Đắk Nông")
        draft_bulletin(s, D)
        doc = curate.load_doc(s, D)
        assert [b.key.value for b in doc.sections] == ["policy", "local", "management", "world"]
        assert [i.number for i in doc.items] == list(range(1, 9))
        assert [i.headline for i in doc.items] == [
            "Chính sách mới", "Chính sách cũ",
            # centrally-run cities first (newest first among them), then the rest newest first
            "Đà Nẵng: Trả kết quả chậm phải xin lỗi",
            "TPHCM: Ứng dụng phong phú làm dân bối rối",
            "Công an tỉnh Đắk Nông - đơn vị tiên phong",
            "Hải Dương: Xã đầu tiên niêm yết mã QR",
            "Kỷ luật công vụ", "Thế giới một",
        ]
        assert doc.items[0].citation == "(Baogiaothong.vn 24/5, Trang Trần)"
        assert doc.items[0].paragraphs == ["Đoạn một của Chính sách mới.", "Đoạn hai."]


def test_place_prefix_rules() -> None:
    assert local_headline("Trả kết quả chậm", "Đà Nẵng") == "Đà Nẵng: Trả kết quả chậm"
    assert local_headline("Nhiều giải pháp ở Bình Phước", "Bình Phước") == "Nhiều giải pháp ở Bình Phước"
    assert local_headline("Hà Nội: đã có tiền tố", "Hà Nội") == "Hà Nội: đã có tiền tố"
    # a headline that already leads with a place (a district) keeps it; a topic lead does not count
    assert local_headline("Móng Cái: Thủ tục chỉ còn 2 phút", "Quảng Ninh") == "Móng Cái: Thủ tục chỉ còn 2 phút"
    assert local_headline("Cải cách: xin lỗi dân", "Đà Nẵng") == "Đà Nẵng: Cải cách: xin lỗi dân"
    # one place is enough: a unit's own "Đặc khu Côn Đảo: " lead gets no "TPHCM: " before it
    assert local_headline("Đặc khu Côn Đảo: Trả hồ sơ tại nhà", "TP Hồ Chí Minh") == "Đặc khu Côn Đảo: Trả hồ sơ tại nhà"
    assert local_headline("Thị xã Sơn Tây: Một cửa không giấy", "Hà Nội") == "Thị xã Sơn Tây: Một cửa không giấy"
    assert local_headline("Xã hội hóa: thêm điểm một cửa", "Hà Nội") == "Hà Nội: Xã hội hóa: thêm điểm một cửa"
    assert local_headline("Ứng dụng phong phú", "Thành phố Hồ Chí Minh") == "TPHCM: Ứng dụng phong phú"
    assert names_place("TP.HCM cải cách thủ tục", "Hồ Chí Minh")
    assert not names_place("Hà Nam tăng tốc", "Hà Nội")


def test_redraft_keeps_edits_and_adds_new(any_engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(any_engine) as s:
        a = add(s, "Tin A", vn(D, 8))
        add(s, "Tin B", vn(D, 9))
        add(s, "Tin C", vn(D, 10))
        miss = add(s, "Tin bị bỏ sót", vn(D, 7), relevant=False)
        draft_bulletin(s, D)
        views = {v.headline: v for v in curate.candidates(s, D)}
        curate.exclude(s, D, views["Tin B"].item_id, "lan")
        curate.edit_headline(s, D, views["Tin A"].item_id, "Tin A đã sửa", "lan")
        curate.reorder(s, D, views["Tin A"].item_id, 1, "lan")
        curate.pull_in(s, D, miss, "management", "lan")
    with session_scope(any_engine) as s:
        add(s, "Tin D mới thu thập", vn(D, 15))
        draft_bulletin(s, D)
        doc = curate.load_doc(s, D)
        assert [(i.number, i.headline) for i in doc.items] == [
            (1, "Tin A đã sửa"), (2, "Tin C"), (3, "Tin D mới thu thập"), (4, "Tin bị bỏ sót")]
        assert next(v for v in curate.candidates(s, D) if v.article_id == a).edited == ["headline", "position"]
        actions = [c.action for c in curate.history(s, D)]
        assert actions == ["exclude", "edit_headline", "reorder", "pull_in"]


def test_published_is_immutable_until_reopened(any_engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(any_engine) as s:
        add(s, "Tin A", vn(D, 8))
        draft_bulletin(s, D)
        doc = publish(s, D, "lan", at=vn(D, 16, 40))
        assert doc.stamp == "16:40, Thứ Tư, 24-5-2023"
        item_id = doc.items[0].item_id
    with session_scope(any_engine) as s:
        add(s, "Tin muộn", vn(D, 12))
        with pytest.raises(BulletinAlreadyPublished):
            draft_bulletin(s, D)
        with pytest.raises(BulletinAlreadyPublished):
            curate.exclude(s, D, item_id, "lan")  # type: ignore[arg-type]
        with pytest.raises(BulletinAlreadyPublished):
            publish(s, D, "lan")
        frozen = curate.load_doc(s, D)
        assert frozen.to_json()["published_at"] == "2023-05-24T16:40:00+07:00"
        assert [i.headline for i in frozen.items] == ["Tin A"]
    with session_scope(any_engine) as s:
        reopen(s, D, "lan")
        draft_bulletin(s, D)
        assert curate.load_doc(s, D).to_json()["published_at"] is None
        assert sorted(headlines(s)) == ["Tin A", "Tin muộn"]


def test_redraft_follows_classifier_for_untouched_items_only(engine) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        a = add(s, "Tin A", vn(D, 8))
        b = add(s, "Tin B", vn(D, 9))
        gone = add(s, "Tin C", vn(D, 10))
        draft_bulletin(s, D)
        curate.edit_author(s, D, next(v.item_id for v in curate.candidates(s, D) if v.article_id == b), "PV", "lan")
    with session_scope(engine) as s:
        for art_id in (a, b):
            s.get(Classification, art_id).section = "management"  # type: ignore[union-attr]
        s.get(Classification, gone).relevant = False  # type: ignore[union-attr]
        s.get(Article, a).title = "Tin A (cập nhật)"  # type: ignore[union-attr]
        draft_bulletin(s, D)
        doc = curate.load_doc(s, D)
        assert [(blk.key.value, [i.headline for i in blk.items]) for blk in doc.sections] == [
            ("policy", ["Tin B"]), ("management", ["Tin A (cập nhật)"])]


def test_invariants_over_random_days(engine) -> None:  # type: ignore[no-untyped-def]
    """Whatever the stories, clusters and times: numbers run 1..N, sections keep their order,
    no article and no cluster is printed twice, across consecutive bulletins."""
    from hypothesis import given
    from hypothesis import settings as hsettings
    from hypothesis import strategies as st
    from sqlalchemy import delete

    from digest.store.models import Bulletin, BulletinItem, Change, Label

    story = st.tuples(
        st.integers(0, 3 * 24 * 60 - 1),  # minutes since 23/5 00:00
        st.sampled_from(["policy", "local", "management", "world"]),
        st.booleans(),  # relevant
        st.one_of(st.none(), st.sampled_from(["k1", "k2", "k3", "k4"])),  # cluster
        st.sampled_from([None, "Hà Nội", "Đà Nẵng", "Hải Dương"]),
    )

    @hsettings(max_examples=10, deadline=None)
    @given(stories=st.lists(story, max_size=25))
    def check(stories: list[tuple[int, str, bool, str | None, str | None]]) -> None:
        with session_scope(engine) as s:
            for table in (Label, Change, BulletinItem, Bulletin, Classification, Article):
                s.exec(delete(table))  # type: ignore[call-overload]
        start = vn(D - timedelta(days=1), 0)
        with session_scope(engine) as s:
            for n, (minute, section, relevant, cluster, province) in enumerate(stories):
                add(s, f"Tin {n}", start + timedelta(minutes=minute), section=section, relevant=relevant,
                    cluster=cluster, province=province if section == "local" else None)
        printed_articles: list[int] = []
        printed_clusters: list[str] = []
        for day in (D, D + timedelta(days=1)):
            with session_scope(engine) as s:
                draft_bulletin(s, day)
                doc = curate.load_doc(s, day)
                assert [i.number for i in doc.items] == list(range(1, len(doc.items) + 1))
                keys = [b.key.value for b in doc.sections]
                assert keys == sorted(keys, key=["policy", "local", "management", "world"].index)
                for view in curate.candidates(s, day):
                    printed_articles.append(view.article_id)
                    if view.cluster_key:
                        printed_clusters.append(view.cluster_key)
        assert len(printed_articles) == len(set(printed_articles))
        assert len(printed_clusters) == len(set(printed_clusters))
        # every relevant story published up to the second cut-off is printed or a duplicate
        reachable = {c or f"a{n}" for n, (m, _, rel, c, _) in enumerate(stories)
                     if rel and start + timedelta(minutes=m) <= vn(D + timedelta(days=1), 16)}
        assert len(printed_articles) == len(reachable)

    check()
