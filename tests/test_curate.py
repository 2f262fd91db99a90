"""Curation service layer and its CLI: each action, its Change and Label rows, errors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select

from digest.bulletin import curate
from digest.bulletin.draft import draft_bulletin
from digest.errors import BulletinNotFound, InvalidInput
from digest.store.db import session_scope
from digest.store.models import Label
from tests.test_draft import D, add, vn


def _setup(engine):  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        ids = {
            "p1": add(s, "Chính sách một", vn(D, 9)),
            "p2": add(s, "Chính sách hai", vn(D, 10)),
            "p3": add(s, "Chính sách ba", vn(D, 11),
                      text="Đoạn 0.\n\nĐoạn 1.\n\nĐoạn 2.\n\nĐoạn 3."),
            "miss": add(s, "Tin bị bỏ sót ở Huế", vn(D, 8), relevant=False, confidence=0.4),
        }
        draft_bulletin(s, D)
    return ids


def _view(s, headline: str):  # type: ignore[no-untyped-def]
    return next(v for v in curate.candidates(s, D) if v.headline.endswith(headline))


def test_actions_change_doc_history_and_labels(any_engine) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(any_engine)
    with session_scope(any_engine) as s:
        assert [v.headline for v in curate.candidates(s, D)] == ["Chính sách ba", "Chính sách hai", "Chính sách một"]
        assert [v.title for v in curate.left_out(s, D)] == ["Tin bị bỏ sót ở Huế"]
        three, two, one = (_view(s, h).item_id for h in ("ba", "hai", "một"))
        curate.exclude(s, D, two, "lan")
        curate.move_down(s, D, three, "lan")  # skips the excluded one: after "một"
        assert [(i.number, i.headline) for i in curate.load_doc(s, D).items] == [
            (1, "Chính sách một"), (2, "Chính sách ba")]
        curate.include(s, D, two, "lan")
        pulled = curate.pull_in(s, D, ids["miss"], "local", "huy")
        assert pulled.headline == "Tin bị bỏ sót ở Huế"  # already names the place
        curate.move(s, D, one, "management", "huy")
        curate.reorder(s, D, three, 1, "huy")
        curate.move_up(s, D, two, "huy")  # policy was [ba, hai]: now [hai, ba]
        curate.edit_headline(s, D, three, "  Chính sách  ba đã sửa ", "huy")
        curate.trim_paragraphs(s, D, three, [3, 0], "huy")
        curate.edit_author(s, D, three, "", "huy")
        doc = curate.load_doc(s, D)
        assert [(b.key.value, [(i.number, i.headline) for i in b.items]) for b in doc.sections] == [
            ("policy", [(1, "Chính sách hai"), (2, "Chính sách ba đã sửa")]),
            ("local", [(3, "Tin bị bỏ sót ở Huế")]),
            ("management", [(4, "Chính sách một")]),
        ]
        edited = doc.items[1]
        assert edited.paragraphs == ["Đoạn 0.", "Đoạn 3."] and edited.citation == "(Baogiaothong.vn 24/5)"
        view = _view(s, "ba đã sửa")
        assert view.kept == [0, 3] and view.all_paragraphs[1] == "Đoạn 1."
        assert view.citation == "(Baogiaothong.vn 24/5)" and view.source_date == D
        changes = curate.history(s, D)
        assert [c.action for c in changes] == [
            "exclude", "move_down", "include", "pull_in", "move", "reorder", "move_up",
            "edit_headline", "trim", "edit_author"]
        assert changes[0].editor == "lan" and changes[0].before["included"] is True
        assert changes[0].after["included"] is False
        assert changes[7].before == {"headline": "Chính sách ba"}
        labels = s.exec(select(Label).order_by(Label.id)).all()
        assert [(l.origin, l.relevant, l.section) for l in labels] == [
            ("exclude", False, None), ("include", True, "policy"), ("pull_in", True, "local"),
            ("move", True, "management")]
        assert labels[2].title == "Tin bị bỏ sót ở Huế" and labels[2].text.startswith("Đoạn một")
        # The search page's light lookup numbers the items as the board does (an excluded one too).
        curate.exclude(s, D, one, "huy")
        views = curate.candidates(s, D)
        assert {a: (p.item_id, p.number) for a, p in curate.places(s, curate.require_bulletin(s, D)).items()} == {
            v.article_id: (v.item_id, v.number) for v in views}
        assert [v.number for v in views] == [1, 2, 3, None]


def test_bad_input_is_refused_and_loses_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    _setup(engine)
    with session_scope(engine) as s:
        item = _view(s, "một").item_id
        with pytest.raises(InvalidInput):
            curate.edit_headline(s, D, item, "   ", "lan")
        with pytest.raises(InvalidInput):
            curate.trim_paragraphs(s, D, item, [], "lan")
        with pytest.raises(InvalidInput):
            curate.trim_paragraphs(s, D, item, [7], "lan")
        with pytest.raises(InvalidInput):
            curate.move(s, D, item, "sports", "lan")
        with pytest.raises(InvalidInput):
            curate.edit_author(s, D, item, "A" * 301, "lan")
        with pytest.raises(InvalidInput):
            curate.reorder(s, D, item, 0, "lan")
        with pytest.raises(InvalidInput):
            curate.exclude(s, D, 999_999, "lan")
        with pytest.raises(InvalidInput):
            curate.pull_in(s, D, 999_999, "local", "lan")
        with pytest.raises(BulletinNotFound):
            curate.exclude(s, date(2020, 1, 1), item, "lan")
        assert curate.history(s, D) == []
        assert len(curate.load_doc(s, D).items) == 3
    with session_scope(engine) as s:  # committed state: positions still 1..3, nothing edited
        from digest.store.models import BulletinItem

        rows = s.exec(select(BulletinItem)).all()
        assert sorted(r.position for r in rows) == [0, 1, 2] and all(not r.edited for r in rows)


def test_cli_curate_publish_export(engine, run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(engine)
    out = run_cli("draft", "--date", "2023-05-24").output
    assert "3 stories (policy 3)" in out
    with session_scope(engine) as s:
        first = _view(s, "ba").item_id
    run_cli("curate", "exclude", "--date", "2023-05-24", str(first), "--editor", "lan")
    run_cli("curate", "pull-in", "--date", "2023-05-24", str(ids["miss"]), "--section", "local", "--editor", "lan")
    shown = run_cli("bulletin", "show", "--date", "2023-05-24", "--all").output
    assert "[excluded]" in shown and "LOCAL" in shown
    assert "exclude" in run_cli("curate", "history", "--date", "2023-05-24").output
    bad = run_cli("curate", "trim", "--date", "2023-05-24", str(first), "--keep", "x", ok=False)
    assert bad.exit_code != 0
    missing = run_cli("publish", "--date", "2020-01-01", ok=False)
    assert missing.exit_code == 1 and "no bulletin for 2020-01-01" in missing.output
    assert "16:40, Thứ Tư, 24-5-2023" in run_cli("publish", "--date", "2023-05-24", "--at", "16:40").output
    again = run_cli("publish", "--date", "2023-05-24", ok=False)
    assert again.exit_code == 1 and "already published" in again.output
    frozen = run_cli("curate", "include", "--date", "2023-05-24", str(first), ok=False)
    assert "reopen" in frozen.output
    data = json.loads(run_cli("export", "--date", "2023-05-24", "--format", "json").output)
    assert data["published_at"] == "2023-05-24T16:40:00+07:00"
    assert [s["key"] for s in data["sections"]] == ["policy", "local"]
    target = tmp_path / "out" / "b.html"
    run_cli("export", "--date", "2023-05-24", "--format", "html", "--out", str(target))
    assert "Bản tin cải cách hành chính ngày 24/5/2023" in target.read_text(encoding="utf-8")
    assert "published" in run_cli("bulletin", "list").output
    run_cli("publish", "--date", "2023-05-24", "--reopen")
    assert json.loads(run_cli("export", "--date", "2023-05-24").output)["published_at"] is None


def test_left_out_puts_likeliest_misses_first(engine) -> None:  # type: ignore[no-untyped-def]
    """Confidence is P(relevant) for every story: the reject with the highest is the likeliest
    miss and must come first, before the limit cuts the list."""
    with session_scope(engine) as s:
        add(s, "Giá vàng hôm nay tăng mạnh", vn(D, 8), relevant=False, confidence=0.03)
        add(s, "Xã Phú Xuân niêm yết thủ tục bằng mã QR", vn(D, 9), relevant=False, confidence=0.48)
        add(s, "Chính sách một", vn(D, 10))
        draft_bulletin(s, D)
        titles = [v.title for v in curate.left_out(s, D)]
        assert titles == ["Xã Phú Xuân niêm yết thủ tục bằng mã QR", "Giá vàng hôm nay tăng mạnh"]
        assert [v.title for v in curate.left_out(s, D, limit=1)] == ["Xã Phú Xuân niêm yết thủ tục bằng mã QR"]


def test_undated_article_is_marked_on_the_board(any_engine) -> None:  # type: ignore[no-untyped-def]
    from digest.store.models import Article
    from digest.web.views import environment, web_templates_dir

    ids = _setup(any_engine)
    with session_scope(any_engine) as s:
        art = s.get(Article, ids["p2"])
        art.date_source = "fetched"  # no date on the page or in the feed: first-seen time
        s.add(art)
        s.flush()
        views = {v.headline: v for v in curate.candidates(s, D)}
        assert views["Chính sách hai"].undated and not views["Chính sách một"].undated
        template = environment(str(web_templates_dir())).get_template("partials/item.html")
        html = {h: template.render(c=v, iso=D.isoformat(), readonly=True, csrf_token="")
                for h, v in views.items()}
    assert "chưa rõ ngày đăng" in html["Chính sách hai"]
    assert "chưa rõ ngày đăng" not in html["Chính sách một"]


def test_cli_says_why_a_draft_is_empty(engine, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Nothing in the window, nothing classified yet, nothing relevant: each said in one line."""
    nothing = run_cli("draft", "--date", "2023-05-20")
    assert "0 stories" in nothing.output and "empty: no article was published in the window" in nothing.output
    with session_scope(engine) as s:
        article = add(s, "Giá vàng hôm nay", vn(D, 9), relevant=False)
        add(s, "Bộ Nội vụ: giảm thủ tục", vn(D, 10))
        from digest.store.models import Classification

        s.delete(s.get(Classification, article))  # crawled, not classified yet
    unclassified = run_cli("draft", "--date", "2023-05-24")
    assert "1 stories" in unclassified.output and "empty" not in unclassified.output
    run_cli("publish", "--date", "2023-05-24")
    with session_scope(engine) as s:
        add(s, "Thời tiết ngày mai", vn(D, 20), relevant=False)
        later = add(s, "Bóng đá tối nay", vn(D, 21), relevant=False)
        s.delete(s.get(Classification, later))
    pending = run_cli("draft", "--date", "2023-05-25")
    assert "empty: 1 of its 2 articles are not classified yet (bantin classify)" in pending.output
    with session_scope(engine) as s:
        s.add(Classification(article_id=later, relevant=False))
    plain = run_cli("draft", "--date", "2023-05-25")
    assert "empty: of its 2 articles, 0 are about administrative reform" in plain.output


def test_a_local_headline_loses_its_place_when_moved_out_of_local(any_engine) -> None:  # type: ignore[no-untyped-def]
    """Moved to local it gains "Place: "; moved on to another section it is the article's own
    title again; a headline an editor typed stays as typed."""
    with session_scope(any_engine) as s:
        add(s, "Bộ Nội vụ xử lý kỷ luật cán bộ nhũng nhiễu", vn(D, 9), section="policy", province="Đà Nẵng")
        add(s, "Sở Nội vụ công khai hồ sơ", vn(D, 10), section="policy", province="Huế")
        draft_bulletin(s, D)
        first = _view(s, "Bộ Nội vụ xử lý kỷ luật cán bộ nhũng nhiễu").item_id
        second = _view(s, "Sở Nội vụ công khai hồ sơ").item_id
        assert curate.move(s, D, first, "local", "lan").headline == "Đà Nẵng: Bộ Nội vụ xử lý kỷ luật cán bộ nhũng nhiễu"
        assert curate.move(s, D, first, "management", "lan").headline == "Bộ Nội vụ xử lý kỷ luật cán bộ nhũng nhiễu"
        curate.move(s, D, second, "local", "lan")
        curate.edit_headline(s, D, second, "Huế: Sở Nội vụ công khai toàn bộ hồ sơ", "lan")
        assert curate.move(s, D, second, "policy", "lan").headline == "Huế: Sở Nội vụ công khai toàn bộ hồ sơ"
