"""The bulletin's four sections, defined once: key, heading and order (FORMAT.md)."""

from __future__ import annotations

from enum import Enum


class Section(str, Enum):
    POLICY = "policy"
    LOCAL = "local"
    MANAGEMENT = "management"
    WORLD = "world"

    @property
    def heading(self) -> str:
        return HEADINGS[self]

    @property
    def order(self) -> int:
        return ORDER.index(self)


HEADINGS: dict[Section, str] = {
    Section.POLICY: "CHỦ TRƯƠNG CẢI CÁCH",
    Section.LOCAL: "CẢI CÁCH ĐỊA PHƯƠNG",
    Section.MANAGEMENT: "QUẢN LÝ HÀNH CHÍNH",
    Section.WORLD: "THẾ GIỚI",
}

ORDER: list[Section] = [Section.POLICY, Section.LOCAL, Section.MANAGEMENT, Section.WORLD]
SECTION_KEYS: list[str] = [s.value for s in ORDER]
