"""Search for the readers' site: one pagefind bundle per year of bulletins.

Why not Material's search plugin: it ships the whole archive's text as one search_index.json
that every reader downloads before the first result (tens of MB at five years). Pagefind writes
a chunked index; a reader downloads only the chunks for the words typed.

Why one bundle per year: adding a day re-indexes only the current year (seconds), and the
browser merges the years' bundles (``mergeIndex``). Vietnamese typed without diacritics works
because each story is indexed with a folded copy (``digest.text.fold``) next to the original
text; the search page folds nothing and needs no stemming.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from digest.errors import BantinError

BUNDLE_DIR = "pagefind"
EXCLUDED = ""  # search sources hold nothing but the text to index


class SearchIndexError(BantinError):
    """pagefind failed."""


def index_year(source_root: Path, out_dir: Path, year: int) -> Path:
    """Index ``source_root/<year>/`` (HTML pages mirroring the site's URLs) into
    ``out_dir/pagefind/<year>/``; returns the bundle directory."""
    site = source_root / str(year)
    bundle = out_dir / BUNDLE_DIR / str(year)
    tmp = bundle.with_name(f".{year}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(tmp),
           "--force-language", "vi", "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed for {year}: {(done.stderr or done.stdout).strip()[:500]}")
    # Swap in the new bundle whole, so a reader never mixes two versions' chunks.
    shutil.rmtree(bundle, ignore_errors=True)
    tmp.rename(bundle)
    return bundle


def drop_year(out_dir: Path, year: int) -> None:
    shutil.rmtree(out_dir / BUNDLE_DIR / str(year), ignore_errors=True)


def write_bundles_list(out_dir: Path, years: list[int]) -> None:
    """``pagefind/bundles.json``: the years' bundles, newest first, for the search page."""
    target = out_dir / BUNDLE_DIR / "bundles.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"years": sorted(years, reverse=True)}), encoding="utf-8")
