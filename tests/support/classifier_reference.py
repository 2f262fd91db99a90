"""The real bulletin of 24/5/2023 (../shared/reference) read as labelled stories, for tests and
the benchmark: each story's section, its headline as printed, and its paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

HEADINGS = {"CHỦ TRƯƠNG CẢI CÁCH": "policy", "CẢI CÁCH ĐỊA PHƯƠNG": "local",
            "QUẢN LÝ HÀNH CHÍNH": "management", "THẾ GIỚI": "world"}
BACK_TO_TOP = "Về đầu trang"
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_PLACE_PREFIX = re.compile(r"^[^:]{2,20}:\s")


def default_path() -> Path:
    return Path(__file__).resolve().parent.parent.parent.parent / "shared" / "reference" / "ban-tin-cchc-2023-05-24.txt"


def reference_stories(path: str | Path | None = None) -> list[tuple[str, str, list[str]]]:
    """(section, headline as printed, paragraphs with the citation) for each story, in order."""
    lines = [line.strip() for line in Path(path or default_path()).read_text(encoding="utf-8").splitlines()]
    toc: list[tuple[str, str]] = []
    section = None
    start = len(lines)
    for i, line in enumerate(lines):
        if line in HEADINGS:
            if toc and HEADINGS[line] == toc[0][0]:  # the headings again: the body starts
                start = i
                break
            section = HEADINGS[line]
            continue
        match = _NUMBERED.match(line)
        if match and section:
            toc.append((section, match.group(2).strip()))
    body = lines[start:]
    stories = []
    for section, headline in toc:
        at = next(i for i, line in enumerate(body) if line.startswith(headline[:40]))
        paras: list[str] = []
        for line in body[at + 1:]:
            if line:
                paras.append(line.split(BACK_TO_TOP)[0].strip())
                if BACK_TO_TOP in line:
                    break
        stories.append((section, headline, paras))
    return stories


def outlet_headline(section: str, printed: str) -> str:
    """The headline as the outlet wrote it: a local one without the bulletin's "Place: "."""
    return _PLACE_PREFIX.sub("", printed) if section == "local" else printed
