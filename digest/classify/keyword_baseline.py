"""The yardstick the classifier must beat: a two-minute keyword list.

A story is relevant when its headline or lead contains one of :data:`KEYWORDS` (folded, so
unaccented text matches too); its section is world when the gazetteer finds a foreign country in
the headline, management for civil-service words, local when the headline names a province,
else policy. ``bantin eval`` and the benchmark print its figures beside the model's, so a model
that cannot beat a word list shows it.
"""

from __future__ import annotations

import re
from typing import Any

from digest.geo import gazetteer
from digest.text import fold

KEYWORDS = (
    "thủ tục hành chính", "cải cách hành chính", "dịch vụ công", "một cửa", "hành chính công",
    "chuyển đổi số", "chính phủ số", "chính quyền số", "chính phủ điện tử", "vneid", "đề án 06",
    "định danh điện tử", "sáp nhập", "sắp xếp", "tinh gọn", "bộ máy", "hai cấp", "2 cấp",
    "phân cấp", "phân quyền", "par index", "sipas", "papi", "cán bộ", "công chức", "viên chức",
    "biên chế", "tinh giản", "nhũng nhiễu", "công vụ",
)
MANAGEMENT = ("cán bộ", "công chức", "viên chức", "biên chế", "tinh giản", "nhũng nhiễu", "công vụ")
_PATTERN = re.compile("|".join(rf"(?<!\w){re.escape(fold(k))}(?!\w)" for k in KEYWORDS))
_MANAGEMENT = re.compile("|".join(rf"(?<!\w){re.escape(fold(k))}(?!\w)" for k in MANAGEMENT))


def classify(title: str, text: str = "") -> str:
    """'irrelevant' or the section the keyword list gives ``title`` and the start of ``text``."""
    folded = fold(f"{title} {text[:600]}")
    if not _PATTERN.search(folded):
        return "irrelevant"
    if gazetteer.foreign_names(title):
        return "world"
    if _MANAGEMENT.search(folded):
        return "management"
    if any(not m.is_place for m in gazetteer.load().mentions(title)):
        return "local"
    return "policy"


def classify_row(row: dict[str, Any]) -> str:
    """:func:`classify` for a labelled row (``title`` with ``text`` or ``lead``)."""
    return classify(row.get("title") or "", row.get("text") or row.get("lead") or "")
