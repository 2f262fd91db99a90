"""Undo and stale-edit checks for the editors' corrections, from the ``Change`` audit rows.

Every curation action records the item's state before it (``digest.bulletin.curate.record``), so an
undo puts that state back and records itself as an ``undo`` change naming the change it undid
(``after["undoes"]``). Undoing walks back through an editor's own changes, newest first; a
change whose story someone changed again since cannot be undone (that later change must be
undone first), so an undo never silently throws away another editor's work.

``check_fresh`` is the version check of the web app: a form carries the id of the newest change
the editor's page was made from; if the story it acts on (or, for a change of order, the
bulletin's order) changed after that, the action is refused with ``EditConflict``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from digest.bulletin.curate import _place, _snapshot, record, require_draft, require_section
from digest.bulletin.draft import section_items
from digest.errors import CannotUndo, EditConflict, NothingToUndo
from digest.store.models import Bulletin, BulletinItem, Change, Label
from digest.text import to_vn

UNDOABLE = frozenset({"include", "exclude", "pull_in", "move", "reorder", "move_up", "move_down",
                      "edit_headline", "edit_author", "trim"})
# Actions that change the order of a section (so any other order change makes a view stale).
ORDERING = frozenset({"move", "reorder", "move_up", "move_down", "pull_in", "undo"})
LABELLED = frozenset({"include", "exclude", "pull_in", "move"})
ACTION_WORDS = {
    "include": "đưa vào lại", "exclude": "loại", "pull_in": "lấy vào", "move": "chuyển mục",
    "reorder": "đổi thứ tự", "move_up": "đưa lên", "move_down": "đưa xuống",
    "edit_headline": "sửa tiêu đề", "edit_author": "sửa tác giả", "trim": "cắt đoạn",
    "undo": "hoàn tác", "publish": "xuất bản", "reopen": "mở lại",
}


def _undone_ids(session: Session, bulletin: Bulletin) -> set[int]:
    rows = session.exec(select(Change.after).where(
        Change.bulletin_id == bulletin.id, Change.action == "undo")).all()
    return {int(a["undoes"]) for a in rows if isinstance(a, dict) and a.get("undoes")}


def last_undoable(session: Session, bulletin: Bulletin, editor: str | None = None,
                  undone: set[int] | None = None) -> Change | None:
    """The newest change of the bulletin (by ``editor`` when given) that an undo would revert
    (``undone``: the ids undone already, when the caller has them)."""
    if undone is None:
        undone = _undone_ids(session, bulletin)
    # ids first: a change row carries two snapshots (JSON) that only the chosen one needs
    query = select(Change.id).where(Change.bulletin_id == bulletin.id, col(Change.action).in_(UNDOABLE))
    if editor is not None:
        query = query.where(Change.editor == editor)
    for change_id in session.exec(query.order_by(col(Change.id).desc()).limit(200)).all():
        if change_id not in undone:
            return session.get(Change, change_id)
    return None


def undo(session: Session, day: date, editor: str, change_id: int | None = None) -> Change:
    """Revert change ``change_id`` (default: ``editor``'s newest one not yet undone) and record
    an ``undo`` change. Raises NothingToUndo or CannotUndo (both InvalidInput), EditConflict when
    the story was changed again since."""
    bulletin = require_draft(session, day)
    undone = _undone_ids(session, bulletin)
    if change_id is None:
        change = last_undoable(session, bulletin, editor, undone)
        if change is None:
            raise NothingToUndo("nothing to undo")
    else:
        change = session.get(Change, change_id)
        if change is None or change.bulletin_id != bulletin.id or change.action not in UNDOABLE:
            raise CannotUndo(f"change {change_id} cannot be undone")
        if change.id in undone:
            raise CannotUndo(f"change {change_id} is already undone")
    later = _later_on_item(session, change, undone)
    if later is not None:
        raise EditConflict(conflict_message(later))
    item = session.get(BulletinItem, change.item_id) if change.item_id else None
    if item is None:
        raise CannotUndo(f"change {change.id} cannot be undone: its story is gone")
    assert change.id is not None
    _drop_label(session, change, item)
    if change.action == "pull_in" and change.before is None:
        return _unpull(session, bulletin, change, item, editor)
    before_state = _snapshot(item)
    _restore(session, bulletin, change, item)
    return record(session, bulletin, "undo", editor, before_state,
                  {**_snapshot(item), "undoes": change.id, "undid": change.action}, item)


def _later_on_item(session: Session, change: Change, undone: set[int]) -> Change | None:
    if change.item_id is None:
        return None
    rows = session.exec(select(Change).where(
        Change.item_id == change.item_id, col(Change.id) > change.id, Change.action != "undo",
    ).order_by(col(Change.id))).all()
    return next((c for c in rows if c.id not in undone), None)


def _restore(session: Session, bulletin: Bulletin, change: Change, item: BulletinItem) -> None:
    before: dict[str, Any] = change.before if isinstance(change.before, dict) else {}
    if change.action in ("edit_headline", "edit_author", "trim"):
        name = next(iter(before), None)
        if name in ("headline", "author", "paragraphs"):
            setattr(item, name, before[name])
        session.flush()
        return
    for name in ("included", "headline", "author", "paragraphs"):
        if name in before:
            setattr(item, name, before[name])
    assert bulletin.id is not None
    section = require_section(str(before.get("section") or item.section))
    _place(section_items(session, bulletin.id), item, section, int(before.get("position") or 1))
    session.flush()


def _unpull(session: Session, bulletin: Bulletin, change: Change, item: BulletinItem,
            editor: str) -> Change:
    """Undo a pull-in that created the item: the story goes back to the left-out list."""
    assert bulletin.id is not None
    state = _snapshot(item)
    for row in session.exec(select(Change).where(Change.item_id == item.id)).all():
        row.item_id = None  # the audit rows stay, their story's snapshot in before/after
    by_section = section_items(session, bulletin.id)
    rest = [i for i in by_section.get(item.section, []) if i.id != item.id]
    session.delete(item)
    for pos, other in enumerate(rest):
        other.position = pos
    session.flush()
    return record(session, bulletin, "undo", editor, state,
                  {"undoes": change.id, "undid": change.action, "headline": state["headline"]})


def _drop_label(session: Session, change: Change, item: BulletinItem) -> None:
    """An undone correction is no longer a training label."""
    if change.action not in LABELLED:
        return
    label = session.exec(select(Label).where(
        Label.article_id == item.article_id, Label.origin == change.action,
    ).order_by(col(Label.id).desc())).first()
    if label is not None:
        session.delete(label)


def conflict_message(change: Change) -> str:
    """'Tin này vừa được Lan (chuyển mục) lúc 10:42 thay đổi ...' for the editor."""
    when = to_vn(change.at)
    what = ACTION_WORDS.get(change.action, change.action)
    return (f"Tin này vừa được {change.editor} thay đổi ({what}) lúc {when:%H:%M:%S}, sau khi trang "
            "của bạn được tải: thao tác không được thực hiện. Đây là trạng thái hiện tại; "
            "hãy xem lại rồi làm lại nếu vẫn cần.")


def check_fresh(session: Session, bulletin: Bulletin, version: int | None, item_id: int | None,
                ordering: bool = False) -> None:
    """Refuse (EditConflict) an action made from a view of change ``version`` when the item
    (or, for an ``ordering`` action, any story's place) changed after it. ``None``: no check."""
    if version is None:
        return
    query = select(Change).where(Change.bulletin_id == bulletin.id, col(Change.id) > version)
    for change in session.exec(query.order_by(col(Change.id))).all():
        if item_id is not None and change.item_id == item_id:
            raise EditConflict(conflict_message(change))
        if ordering and change.action in ORDERING:
            raise EditConflict(conflict_message(change).replace(
                "Tin này vừa được", "Thứ tự bản tin vừa được"))
        if change.action in ("publish", "reopen"):
            raise EditConflict(conflict_message(change).replace("Tin này", "Bản tin"))
