"""Search for the readers' site: our own static, sharded index of exact and folded phrases.

Why not pagefind: it folds diacritics and prefix-matches every word, so "Đà Nẵng" also found
"Đảng", "đất đai" and "năng lực"; it cannot match phrases; and it peaked at ~1 GB indexing a
five-year archive. Vietnamese words are syllables separated by spaces, so a phrase index is
simple: every story is indexed under

* each syllable and each pair of adjacent syllables as written (lower case, NFC): ``=đà``,
  ``=đà nẵng``;
* the same folded (no diacritics, đ -> d): ``~da``, ``~da nang``.

A query typed with any diacritic is matched in the exact namespace, one typed without in the
folded one; a phrase of n syllables must have all its n-1 adjacent pairs (``site.js`` does the
query side; its tokenizer, fold and shard hash mirror ``tokens``/``fold``/``shard_of`` here).

Each key's postings (story ids with a weight: headline words count triple) go to one of the
bundle's shards by CRC-32 of the key, so a reader downloads one small shard per key per bundle.

Bundles exist so that publishing a day re-indexes little (indexing is the slow part of a
build): past years one bundle each (``2025``); the latest year before its month (``2026-truoc``);
the latest month (``2026-11``). Indexing reads one bulletin at a time and keeps one bundle's
postings in compact arrays, so memory is bounded by a year of stories, not the archive.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from digest.bulletin.doc import BulletinDoc
from digest.classify.sections import ORDER
from digest.errors import BantinError
from digest.text import fold, nfc

BUNDLE_DIR = "search"
HEADLINE_WEIGHT = 3
SHARD_TARGET = 6000  # postings per shard: a shard is a few tens of kB
MAX_WEIGHT = 63      # weights are capped so that (delta, weight) pack into one small integer
_WORD = re.compile(r"[^\W_]+")


class SearchIndexError(BantinError):
    """The search index could not be written."""


def tokens(text: str) -> list[str]:
    """Syllables of ``text``: runs of letters and digits, NFC, lower case (site.js: ``words``)."""
    return _WORD.findall(nfc(text).lower())


def shard_of(key: str, shards: int) -> int:
    """The shard holding ``key`` (site.js: ``crc32(key) % shards``)."""
    return zlib.crc32(key.encode("utf-8")) % shards


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # a few thousand distinct syllables make up millions of words: fold each once
    return fold(word)


def keys_of(runs: Iterable[list[str]], weight: int, into: Counter[str]) -> None:
    """Add the index keys of each run of syllables (a headline, a paragraph) to ``into``.
    Pairs never span two runs: a phrase must stand in one paragraph."""
    for words in runs:
        folded = [_fold_word(w) for w in words]
        for w, f in zip(words, folded, strict=False):
            into["=" + w] += weight
            into["~" + f] += weight
        for i in range(len(words) - 1):
            into[f"={words[i]} {words[i + 1]}"] += weight
            into[f"~{folded[i]} {folded[i + 1]}"] += weight


def story_keys(headline: str, paragraphs: list[str], citation: str) -> Counter[str]:
    """Index keys of one story with their weights."""
    keys: Counter[str] = Counter()
    keys_of([tokens(headline)], HEADLINE_WEIGHT, keys)
    keys_of([tokens(p) for p in paragraphs] + [tokens(citation)], 1, keys)
    return keys


def source_of(doc: BulletinDoc, url: str, province_of: Any) -> dict[str, Any]:
    """What the index keeps of one bulletin (staged as JSON beside the site between builds):
    its stories' text and facets. ``province_of(name)`` maps a province to its current unit,
    as the province pages do."""
    stories = []
    for block in doc.sections:
        for item in block.items:
            stories.append({
                "n": item.number, "h": item.headline, "p": list(item.paragraphs), "c": item.citation,
                "s": ORDER.index(block.key),
                "v": (province_of(item.province) or item.province) if item.province else None,
            })
    return {"day": doc.date.isoformat(), "title": doc.title, "url": url, "stories": stories}


def bundle_of(day: date, latest: date) -> str:
    """The bundle a bulletin of ``day`` belongs to while ``latest`` is the newest bulletin."""
    if day.year < latest.year:
        return f"{day.year}"
    if day.month < latest.month:
        return f"{day.year}-truoc"
    return f"{day:%Y-%m}"


@dataclass(slots=True)
class _Postings:
    """One key's postings as (story id delta << 6 | weight) integers, in story order."""

    values: array
    last: int


def index_bundle(sources: list[Path], out_dir: Path, bundle: str) -> Path:
    """Index the staged bulletin sources (JSON from ``source_of``, newest first) into
    ``out_dir/search/<bundle>/``: ``docs.json`` (story facets), ``s/<k>.json`` (shards) and
    ``t/<day>.json`` (the stories' text for result excerpts). Returns the bundle directory.
    The bundle is written beside and swapped in whole, so a reader never mixes two versions."""
    target = out_dir / BUNDLE_DIR / bundle
    tmp = target.with_name(f".{bundle}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "t").mkdir(parents=True)
    postings: dict[str, _Postings] = {}
    days: list[str] = []
    provinces: dict[str, int] = {}
    docs: list[int] = []  # flat: day index, number, section, province index (-1: none)
    story = 0
    total = 0
    for path in sources:
        try:
            src = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SearchIndexError(f"search source {path} unreadable: {exc}") from exc
        day_index = len(days)
        days.append(src["day"])
        text = {"title": src["title"], "url": src["url"], "stories": {}}
        for s in src["stories"]:
            prov = -1
            if s["v"]:
                prov = provinces.setdefault(s["v"], len(provinces))
            docs += [day_index, s["n"], s["s"], prov]
            text["stories"][str(s["n"])] = {"h": s["h"], "t": "\n".join(s["p"]), "c": s["c"], "id": story}
            for key, weight in story_keys(s["h"], s["p"], s["c"]).items():
                hit = postings.get(key)
                packed_weight = min(weight, MAX_WEIGHT)
                if hit is None:
                    postings[key] = _Postings(array("I", [story << 6 | packed_weight]), story)
                else:
                    hit.values.append((story - hit.last) << 6 | packed_weight)
                    hit.last = story
                total += 1
            story += 1
        (tmp / "t" / f"{src['day']}.json").write_text(
            json.dumps(text, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shards = 1
    while total / shards > SHARD_TARGET:
        shards *= 2
    # Keys by shard first, then one shard at a time as Python lists: the compact arrays are
    # turned into (large) int lists only for the shard being written.
    keys_of_shard: list[list[str]] = [[] for _ in range(shards)]
    for key in postings:
        keys_of_shard[shard_of(key, shards)].append(key)
    (tmp / "s").mkdir()
    for k, keys in enumerate(keys_of_shard):
        bucket = {key: postings.pop(key).values.tolist() for key in keys}
        (tmp / "s" / f"{k}.json").write_text(
            json.dumps(bucket, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        keys_of_shard[k] = []
    meta = {"shards": shards, "stories": story, "days": days, "provinces": list(provinces), "docs": docs}
    (tmp / "docs.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                   encoding="utf-8")
    old = target.with_name(f".{bundle}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def drop_bundle(out_dir: Path, bundle: str) -> None:
    """Remove a bundle that no longer exists (its bulletins moved to another one)."""
    shutil.rmtree(out_dir / BUNDLE_DIR / bundle, ignore_errors=True)


def bundle_ready(out_dir: Path, bundle: str) -> bool:
    return (out_dir / BUNDLE_DIR / bundle / "docs.json").exists()


def write_bundles_list(out_dir: Path, bundles: list[str], facets: dict[str, Any]) -> None:
    """``search/bundles.json``: the bundles, newest first, and the facets the search page offers
    (sections, provinces, years)."""
    target = out_dir / BUNDLE_DIR / "bundles.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"bundles": bundles, **facets}, ensure_ascii=False), encoding="utf-8")
