"""The editors' app words domain errors by their type (never by matching English text)."""

from __future__ import annotations

from datetime import date

import pytest

from digest import errors
from digest.web.routes_bulletins import INVALID_INPUT_VI, vi_message

DAY = date(2023, 5, 24)


@pytest.mark.parametrize("kind", sorted(INVALID_INPUT_VI, key=lambda k: k.__name__))
def test_each_typed_error_has_its_own_words_whatever_its_text(kind: type[errors.InvalidInput]) -> None:
    assert vi_message(kind("any English text at all"), DAY) == INVALID_INPUT_VI[kind]


def test_every_invalid_input_subclass_is_worded() -> None:
    typed = {c for c in vars(errors).values()
             if isinstance(c, type) and issubclass(c, errors.InvalidInput) and c is not errors.InvalidInput}
    assert typed == set(INVALID_INPUT_VI)


def test_other_invalid_input_keeps_its_detail() -> None:
    assert vi_message(errors.InvalidInput("no story to publish"), DAY) == "Dữ liệu không hợp lệ: no story to publish"
    assert "24/5/2023" in vi_message(errors.BulletinNotFound("x"), DAY)
