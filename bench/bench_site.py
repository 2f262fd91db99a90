"""Readers' site at scale: build time, peak memory and what a reader downloads to search.

    python -m bench.bench_site [--quick] [--sizes 30,365,1825] [--no-browser] [--baseline]

For each size N (generated bulletins of 12 realistic Vietnamese stories, one a day):
  * full build (``build_site(full=True)``), in a fresh process: seconds, peak RSS of Python and
    of its children (none since search is our own index; the old pagefind peaked at ~1.0 GB);
  * incremental build after publishing day N+1 (what the publish flow runs), and a no-change run;
  * the site's size, and the bytes a reader's browser downloads for a search (real headless
    Chromium over a loopback server: the index's docs, shards and text files under search/);
  * with --baseline, the same pages through Material's own search plugin: the size of the single
    search_index.json every reader downloads before the first result, and that build's time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.memory import ChildrenPeak, peak_kb

ROOT = Path(__file__).resolve().parent.parent
END = date(2026, 11, 27)
QUERIES = ["thu tuc hanh chinh", "Cần Thơ", "xyzzy qwertz"]  # folded phrase, exact name, nothing (every bundle is searched for a true count anyway)


def _child(argv: list[str]) -> None:
    """Run one build in this fresh process and print its figures as JSON."""
    db, out, mode = argv
    from digest.site.build import build_site
    from digest.store.db import open_db

    engine = open_db(f"sqlite:///{db}")
    started = time.perf_counter()
    if mode == "baseline":
        figures = _baseline(Path(out))
    else:
        with ChildrenPeak() as children:
            report = build_site(engine, out_dir=out, full=(mode == "full"))
        figures = {"pages_written": len(report.pages_written), "bundles_indexed": report.bundles_indexed,
                   "timings": {k: round(v, 2) for k, v in report.timings.items()}}
    figures["seconds"] = round(time.perf_counter() - started, 2)
    # CPU seconds (this process and any child): steadier than wall time on a shared machine
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    figures["cpu_s"] = round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2)
    # VmHWM, not ru_maxrss: the latter would count the bench parent this process forked from
    figures["peak_rss_mb"] = round(peak_kb() / 1024, 1)
    if mode != "baseline":
        figures["peak_rss_children_mb"] = round(children.kb / 1024, 1)
    print(json.dumps(figures))


def _baseline(out: Path) -> dict[str, object]:
    """Material's search plugin over the same generated pages (what we replaced)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from digest.config import site_dir
    from digest.site.build import staging_dir

    built = out.parent / "built"
    target = out.parent / "baseline"
    config = load_config(config_file=str(site_dir() / "mkdocs.yml"), docs_dir=str(staging_dir(built) / "docs"),
                         site_dir=str(target), plugins=["search"])
    build(config)
    index = target / "search" / "search_index.json"
    return {"search_index_bytes": index.stat().st_size}


def _run_child(db: Path, out: Path, mode: str) -> dict[str, object]:
    env = dict(os.environ, BANTIN_DATA_DIR=str(db.parent / "data"))
    done = subprocess.run([sys.executable, "-m", "bench.bench_site", "--child", str(db), str(out), mode],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"build ({mode}) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _search_download(site: Path) -> dict[str, object]:
    """Bytes a first-time reader's browser fetches to search (per query, fresh cache)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, object] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                sizes: dict[str, int] = {}

                def on_response(response, sizes=sizes):  # type: ignore[no-untyped-def]
                    if "/search/" in response.url:
                        try:
                            sizes[response.url] = len(response.body())
                        except Exception:
                            pass

                page.on("response", on_response)
                page.goto(base + "tim-kiem/")
                started = time.perf_counter()
                page.fill("#bt-q", query)
                page.press("#bt-q", "Enter")
                page.wait_for_function("document.querySelectorAll('#bt-results .bt-result').length > 0"
                                       " || document.querySelector('#bt-status').textContent.startsWith('Không t')",
                                       timeout=120000)
                page.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - started
                results[query] = {"bytes": sum(sizes.values()), "files": len(sizes),
                                  "first_results_s": round(seconds, 2),
                                  "results": page.locator(".bt-result").count()}
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def bench_size(n: int, work: Path, browser: bool, baseline: bool) -> dict[str, object]:
    from digest.store.db import open_db
    from tests.support.site_fixtures import make_doc, make_docs, store_published

    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.sqlite3"
    os.environ["BANTIN_DATA_DIR"] = str(work / "data")
    engine = open_db(f"sqlite:///{db}")
    store_published(engine, make_docs(n, end=END, n_items=12))
    engine.dispose()
    out = work / "built"
    fig: dict[str, object] = {"bulletins": n}
    fig["full"] = _run_child(db, out, "full")
    fig["noop"] = _run_child(db, out, "incremental")
    engine = open_db(f"sqlite:///{db}")
    store_published(engine, [make_doc(END + timedelta(days=1), 12)])
    engine.dispose()
    fig["publish_one_more_day"] = _run_child(db, out, "incremental")
    files, size = _dir_size(out)
    pf_files, pf_size = _dir_size(out / "search")
    fig["site"] = {"files": files, "mb": round(size / 1e6, 1), "search_bundle_mb": round(pf_size / 1e6, 1),
                   "search_bundle_files": pf_files}
    if browser and Path("/usr/bin/chromium").exists():
        fig["search_download"] = _search_download(out)
    if baseline:
        fig["material_search_baseline"] = _run_child(db, out, "baseline")
        shutil.rmtree(work / "baseline", ignore_errors=True)
    return fig


def _print(n: int, fig: dict[str, object]) -> None:
    full, step, noop = fig["full"], fig["publish_one_more_day"], fig["noop"]
    print(f"N={n:5d}  full {full['seconds']:7.1f}s wall, {full.get('cpu_s', '?')}s cpu (peak {full['peak_rss_mb']} MB python,"  # type: ignore[index]
          f" {full['peak_rss_children_mb']} MB children; budget 400 MB)  "  # type: ignore[index]
          f"+1 day {step['seconds']:5.1f}s wall (budget 2 s), {step.get('cpu_s', '?')}s cpu (peak {step['peak_rss_mb']} MB, {step['pages_written']} pages)  "  # type: ignore[index]
          f"no-op {noop['seconds']:4.1f}s  site {fig['site']}", flush=True)  # type: ignore[index]
    for query, s in (fig.get("search_download") or {}).items():  # type: ignore[union-attr]
        print(f"         search {query!r}: {s['bytes'] / 1000:.0f} kB in {s['files']} files,"
              f" {s['results']} results in {s['first_results_s']}s", flush=True)
    if "material_search_baseline" in fig:
        b = fig["material_search_baseline"]
        print(f"         Material search_index.json: {b['search_index_bytes'] / 1e6:.1f} MB"  # type: ignore[index]
              f" (build {b['seconds']}s, peak {b['peak_rss_mb']} MB)", flush=True)  # type: ignore[index]


def main(argv: list[str] | None = None) -> dict[str, object]:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        _child(argv[1:])
        return {}
    parser = argparse.ArgumentParser(prog="bench_site")
    parser.add_argument("--quick", action="store_true", help="small sizes only (30, 90)")
    parser.add_argument("--sizes", default=None, help="comma-separated bulletin counts")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium download measure")
    parser.add_argument("--baseline", action="store_true", help="also build with Material's search plugin")
    parser.add_argument("--keep", default=None, help="work folder to keep (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([30, 90] if args.quick else [30, 365, 1825])
    results: dict[str, object] = {}
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        for n in sizes:
            fig = bench_size(n, base / f"n{n}", browser=not args.no_browser, baseline=args.baseline)
            _print(n, fig)
            results[str(n)] = fig
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return results


if __name__ == "__main__":
    out = main()
    if out:
        print(json.dumps(out, ensure_ascii=False, indent=1))
