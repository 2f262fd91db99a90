"""The search index's own rules, without a browser: exact and folded keys, phrases as adjacent
pairs that never span paragraphs, headline weight, and shards a reader can find by CRC-32."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from digest.site.search import index_bundle, shard_of, story_keys, tokens


def test_tokens_are_nfc_lower_syllables() -> None:
    decomposed = "Đà Nẵng".replace("à", "a\u0300")  # as some keyboards type it
    assert tokens(decomposed + ", TP.HCM") == ["đà", "nẵng", "tp", "hcm"]


def test_keys_exact_and_folded_phrases() -> None:
    keys = story_keys("Đà Nẵng cấp phép", ["Đảng ủy đất đai.", "năng lực"], "(Báo 1/1)")
    assert keys["=đà nẵng"] == 3 and keys["~da nang"] == 3  # headline weight
    assert "=đảng ủy" in keys and keys["~dang"] == 1
    assert "=đà" in keys and "=đảng" in keys and "=đà nẵng" in keys and "=đảng nẵng" not in keys
    assert "~dai nang" not in keys  # no pair across two paragraphs


def _postings(bundle: Path, key: str) -> list[int]:
    meta = json.loads((bundle / "docs.json").read_text())
    shard = json.loads((bundle / "s" / f"{shard_of(key, meta['shards'])}.json").read_text())
    ids, story = [], 0
    for i, v in enumerate(shard.get(key, [])):
        story = v >> 6 if i == 0 else story + (v >> 6)
        ids.append(story)
    return ids


def test_index_bundle_finds_phrases_by_shard(tmp_path: Path) -> None:
    def story(n: int, headline: str, text: str) -> dict[str, object]:
        return {"n": n, "h": headline, "p": [text], "c": "(Báo)", "s": 1, "v": "Đà Nẵng"}

    src = tmp_path / "2026-11-27.json"
    stories = [story(1, "Đà Nẵng số hóa hồ sơ", "Thành phố Đà Nẵng."),
               story(2, "Đảng ủy họp", "Quản lý đất đai, nâng cao năng lực."),
               story(3, "Tin khác", "Việc đã nâng mức hỗ trợ.")]
    src.write_text(json.dumps({"day": "2026-11-27", "title": "Bản tin", "url": "ban-tin/2026/11/27/",
                               "stories": stories}, ensure_ascii=False))
    bundle = index_bundle([src] * 400, tmp_path / "out", "2026-11")  # enough postings for shards
    meta = json.loads((bundle / "docs.json").read_text())
    assert meta["shards"] > 1 and meta["stories"] == 1200
    assert _postings(bundle, "=đà nẵng")[:2] == [0, 3]  # only story 1 of each copy
    assert _postings(bundle, "~da nang")[:3] == [0, 2, 3]  # folded: "đã nâng" too
    assert _postings(bundle, "=đảng")[:1] == [1]
    assert _postings(bundle, "=đà nang") == []
    text = json.loads((bundle / "t" / "2026-11-27.json").read_text())
    assert text["stories"]["2"]["h"] == "Đảng ủy họp"
    # re-indexing swaps the bundle whole
    again = index_bundle([src], tmp_path / "out", "2026-11")
    assert json.loads((again / "docs.json").read_text())["stories"] == 3
    assert Counter(p.parent.name for p in (tmp_path / "out" / "search").iterdir()) == Counter({"search": 1})
