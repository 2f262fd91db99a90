"""Undo, move to a printed number, '#N' item references and the stale-edit check (digest.bulletin.undo)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from digest.bulletin import curate
from digest.bulletin.undo import check_fresh, undo
from digest.errors import EditConflict, InvalidInput
from digest.store.db import session_scope
from digest.store.models import Change, Label
from tests.test_curate import _setup, _view
from tests.test_draft import D


def _order(s):  # type: ignore[no-untyped-def]
    return [(v.section, v.headline, v.included) for v in curate.candidates(s, D)]


def test_every_action_can_be_undone_back_to_the_draft(engine) -> None:  # type: ignore[no-untyped-def]
    ids = _setup(engine)
    with session_scope(engine) as s:
        start = _order(s)
        three, two, one = (_view(s, h).item_id for h in ("ba", "hai", "một"))
        curate.exclude(s, D, two, "lan")
        curate.move(s, D, one, "local", "lan")
        curate.reorder(s, D, three, 2, "lan")
        curate.edit_headline(s, D, three, "Sửa", "lan")
        curate.trim_paragraphs(s, D, three, [0], "lan")
        curate.pull_in(s, D, ids["miss"], "world", "lan")
        assert len(s.exec(select(Label)).all()) == 3
        for _ in range(6):
            undo(s, D, "lan")
        assert _order(s) == start
        assert _view(s, "ba").paragraphs == _view(s, "ba").all_paragraphs
        assert [v.title for v in curate.left_out(s, D)] == ["Tin bị bỏ sót ở Huế"]
        assert s.exec(select(Label)).all() == []  # undone corrections are no training labels
        with pytest.raises(InvalidInput, match="nothing to undo"):
            undo(s, D, "lan")
        # Every step, the undos included, stays in the history.
        assert [c.action for c in curate.history(s, D)].count("undo") == 6


def test_undo_is_per_editor_and_never_drops_a_later_change(engine) -> None:  # type: ignore[no-untyped-def]
    _setup(engine)
    with session_scope(engine) as s:
        two = _view(s, "hai").item_id
        curate.exclude(s, D, two, "lan")
        curate.edit_headline(s, D, two, "Minh sửa", "minh")
        with pytest.raises(EditConflict, match="vừa được minh thay đổi"):
            undo(s, D, "lan")  # Lan's exclude is under Minh's later edit
        undo(s, D, "minh")
        undo(s, D, "lan")
        assert _view(s, "hai").included is True


def test_move_to_number_and_hash_references(engine, run_cli) -> None:  # type: ignore[no-untyped-def]
    _setup(engine)
    with session_scope(engine) as s:
        one = _view(s, "một").item_id
        curate.move(s, D, one, "local", "lan")
        assert [(v.number, v.headline) for v in curate.candidates(s, D)] == [
            (1, "Chính sách ba"), (2, "Chính sách hai"), (3, "Chính sách một")]
        assert curate.resolve_item(s, D, "#3") == one
        assert curate.resolve_item(s, D, str(one)) == one
        curate.move_to_number(s, D, one, 2, "lan")  # into policy, where #2 is now
        assert [(v.number, v.headline) for v in curate.candidates(s, D)][:2] == [
            (1, "Chính sách ba"), (2, "Chính sách một")]
        with pytest.raises(InvalidInput, match="from 1 to 3"):
            curate.move_to_number(s, D, one, 9, "lan")
        for bad in ("#0", "#x", "abc", "#"):
            with pytest.raises(InvalidInput):
                curate.resolve_item(s, D, bad)
    # The CLI takes the printed number.
    run_cli("curate", "exclude", "--date", D.isoformat(), "#1", "--editor", "lan")
    with session_scope(engine) as s:
        assert _view(s, "ba").included is False
    run_cli("curate", "place", "--date", D.isoformat(), "#2", "1", "--editor", "lan")
    run_cli("curate", "undo", "--date", D.isoformat(), "--editor", "lan")
    run_cli("curate", "undo", "--date", D.isoformat(), "--editor", "lan")
    with session_scope(engine) as s:
        assert _view(s, "ba").included is True
    bad = run_cli("curate", "exclude", "--date", D.isoformat(), "#9", ok=False)
    assert bad.exit_code != 0 and "prints no #9" in bad.output


def test_a_view_older_than_a_change_to_its_story_is_stale(engine) -> None:  # type: ignore[no-untyped-def]
    _setup(engine)
    with session_scope(engine) as s:
        two, three = _view(s, "hai").item_id, _view(s, "ba").item_id
        bulletin = curate.require_bulletin(s, D)
        version = curate.latest_change_id(s, bulletin)
        curate.edit_headline(s, D, two, "Lan sửa", "lan")
        check_fresh(s, bulletin, version, three)  # another story: fine
        check_fresh(s, bulletin, None, two)  # no version (the CLI): no check
        with pytest.raises(EditConflict):
            check_fresh(s, bulletin, version, two)
        curate.move_up(s, D, two, "lan")
        with pytest.raises(EditConflict, match="Thứ tự"):
            check_fresh(s, bulletin, version + 1, three, ordering=True)
        assert s.exec(select(Change)).all()
