"""Search for the readers' site: pagefind bundles the browser merges (``mergeIndex``).

Why not Material's search plugin: it ships the whole archive's text as one search_index.json
that every reader downloads before the first result (tens of MB at five years). Pagefind
writes a chunked index; a reader downloads only the chunks for the words typed.

Why several bundles: indexing is the slow part of a build, and pagefind cannot update a bundle
in place. Stories are grouped so publishing a day re-indexes only a small bundle:

* past years: one bundle each (``2025``), re-indexed only when one of their bulletins changes;
* the latest bulletin's year before its month: one bundle (``2026-truoc``), re-indexed once a
  month when a month closes;
* the latest month: one bundle (``2026-11``), re-indexed on every publish (a month at most).

So a five-year archive is 7 bundles at most, and one more day costs a month's indexing.

Vietnamese typed without diacritics works because each story is indexed with a folded copy
(``digest.text.fold``) next to the original text; see templates/site/search_source.html.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from digest.errors import BantinError

BUNDLE_DIR = "pagefind"


class SearchIndexError(BantinError):
    """pagefind failed."""


def bundle_of(day: date, latest: date) -> str:
    """The bundle a bulletin of ``day`` belongs to while ``latest`` is the newest bulletin."""
    if day.year < latest.year:
        return f"{day.year}"
    if day.month < latest.month:
        return f"{day.year}-truoc"
    return f"{day:%Y-%m}"


def bundle_glob(bundle: str, latest: date, prefix: str) -> str:
    """Files of ``bundle`` under the search sources (``prefix`` = 'ban-tin')."""
    if bundle.endswith("-truoc"):
        months = ",".join(f"{m:02d}" for m in range(1, latest.month))
        return f"{prefix}/{bundle[:4]}/{{{months}}}/**/*.html"
    if len(bundle) == 4:
        return f"{prefix}/{bundle}/**/*.html"
    return f"{prefix}/{bundle[:4]}/{bundle[5:7]}/**/*.html"


def index_bundle(source_root: Path, out_dir: Path, bundle: str, glob: str) -> Path:
    """Index the HTML files matching ``glob`` under ``source_root`` (which mirrors the site's
    URLs) into ``out_dir/pagefind/<bundle>/``; returns the bundle directory."""
    target = out_dir / BUNDLE_DIR / bundle
    tmp = target.with_name(f".{bundle}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(source_root), "--glob", glob,
           "--output-path", str(tmp), "--force-language", "vi", "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not (tmp / "pagefind.js").exists():
        raise SearchIndexError(
            f"pagefind failed for {bundle}: {(done.stderr or done.stdout).strip()[:500]}")
    # Swap in the new bundle whole, so a reader never mixes two versions' chunks.
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def drop_bundle(out_dir: Path, bundle: str) -> None:
    shutil.rmtree(out_dir / BUNDLE_DIR / bundle, ignore_errors=True)


def write_bundles_list(out_dir: Path, bundles: list[str]) -> None:
    """``pagefind/bundles.json``: the bundles, newest first, for the search page."""
    target = out_dir / BUNDLE_DIR / "bundles.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"bundles": bundles}), encoding="utf-8")
