"""Extraction benchmark: body F1, title/date/author, pages per CPU-second and peak memory, per
candidate extractor, on AEB, vi-real and (where present) vi-unseen.

    python -m bench.bench_extract [--quick] [--only NAME,...] [--set aeb|vi-real|vi-unseen|demo]
                                  [--pages DIR] [--ablate] [--verbose]

The metric is the article-extraction-benchmark's (Zyte/scrapinghub): texts normalised to NFC,
split into ``\\w+`` tokens, every run of 4 tokens is a shingle; predicted and true shingles are
matched as multisets per page; each page's tp/fp/fn are normalised to sum to 1 so pages weigh
the same; precision is averaged over pages with output, recall over pages with truth, and F1 is
taken from the two means. F1 is also given per outlet (the ground truth's ``outlet`` or the
URL's host): a mean can hide an outlet lost wholesale.

Each candidate runs on each set in a child process of its own, so its pages per CPU-second and
its peak resident memory (VmHWM: imports, parse trees, models) are its own.

``--ablate`` switches each rule of :data:`digest.ingest.extract.RULES` off in turn and reports, per
outlet, what the rule is worth; its *held-out* gain leaves out the outlet it helps most (the one
it was presumably written for): a rule earns its place only where that stays positive.

The pages are read from ../shared/bench (relative to the repository root) or $BANTIN_BENCH_DIR;
vi-unseen (held-out real pages, vi-real layout) from ``--pages DIR``, else
../shared/bench/vi-unseen, else $BANTIN_VI_UNSEEN. Nothing from them is copied into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def bench_dir() -> Path | None:
    """The shared bench directory, or None when it is not on this machine."""
    env = os.environ.get("BANTIN_BENCH_DIR")
    path = Path(env) if env else ROOT.parent / "shared" / "bench"
    return path if path.is_dir() else None


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(unicodedata.normalize("NFC", text or ""))
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_scores(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, as the AEB evaluate.py computes them."""
    ts, ps = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(ts) | set(ps):
        t, p = ts.get(key, 0), ps.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aeb_metrics(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    """F1/precision/recall from per-page normalised scores (means over pages, then F1)."""
    precisions = [_precision(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [_recall(*s) for s in scores if s[0] + s[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4)}


# ---- candidates -------------------------------------------------------------------------------
# Each takes (html, url, use_selectors) and returns (text, title, published date|None, author|None).


def _cand_trafilatura(html: str, url: str, _sel: bool):
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return "", "", None, None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    day = None
    if data.get("date"):
        try:
            day = date.fromisoformat(data["date"][:10])
        except ValueError:
            day = None
    return data.get("text") or "", data.get("title") or "", day, data.get("author")


def _cand_readability(html: str, url: str, _sel: bool):
    from readability import Document

    from digest.ingest.extract import html_to_text

    try:
        doc = Document(html)  # as digest.ingest.extract calls it (no link rewriting)
        return html_to_text(doc.summary(html_partial=True)), doc.short_title(), None, None
    except Exception:  # noqa: BLE001 - a baseline that fails scores as no output
        return "", "", None, None


def _cand_bantin(html: str, url: str, use_selectors: bool):
    from digest.ingest.extract import GENERIC, extract_article

    out = extract_article(html, url, selectors=None if use_selectors else GENERIC)
    day = out.published_at.date() if out.published_at else None
    return out.text, out.title, day, ", ".join(out.authors) if out.authors else None


def _cand_resiliparse(html: str, url: str, _sel: bool):
    """resiliparse's main-content text (C++, lexbor): a fast candidate measured beside the rest."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html)
    text = extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False)
    return text, tree.title or "", None, None


CANDIDATES: dict[str, Callable] = {
    "trafilatura": _cand_trafilatura,
    "readability": _cand_readability,
    "resiliparse": _cand_resiliparse,
    "bantin": _cand_bantin,
}


def unseen_dir(explicit: str | None = None) -> Path | None:
    """The held-out pages: ``--pages DIR``, else ../shared/bench/vi-unseen, else
    $BANTIN_VI_UNSEEN; None when none holds a ground-truth.json."""
    env = os.environ.get("BANTIN_VI_UNSEEN")
    shared = bench_dir()
    for path in (explicit, shared / "vi-unseen" if shared else None, env):
        if path and (Path(path) / "ground-truth.json").is_file():
            return Path(path)
    return None


def outlet_of(truth: dict) -> str:
    """The page's outlet: the ground truth's ``outlet``, else its URL's host without www./m."""
    if truth.get("outlet"):
        return str(truth["outlet"])
    host = (urlsplit(truth.get("url") or "").hostname or "?").lower()
    return re.sub(r"^(www|m|mobile)\.", "", host)


def _load(set_name: str, root: Path, quick: bool) -> list[tuple[str, str, dict]]:
    """(key, decoded html, truth) for every page of one set; every 4th AEB page when quick.

    ``root`` holds the set's folder, or is the folder itself (``--pages DIR``)."""
    from digest.ingest.decode import decode_html

    base = root if (root / "ground-truth.json").is_file() else root / set_name
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        gz = base / "html" / f"{key}.html.gz"
        plain = base / "html" / f"{key}.html"
        raw = gzip.decompress(gz.read_bytes()) if gz.exists() else plain.read_bytes()

        pages.append((key, decode_html(raw), truth[key]))
    if quick:
        pages = pages[:: 4] if set_name == "aeb" else pages
    return pages


def run_set(name: str, fn: Callable, pages, use_selectors: bool = False) -> dict:
    scores, title_ok, date_ok, author_ok, author_n = [], 0, 0, 0, 0
    misses: list[str] = []
    started = time.process_time()
    outputs = [(key, fn(html, truth.get("url") or "", use_selectors), truth) for key, html, truth in pages]
    elapsed = time.process_time() - started
    for key, (text, title, day, author), truth in outputs:
        scores.append(page_scores(truth.get("articleBody", ""), text))
        if "title" in truth:
            ok = unicodedata.normalize("NFC", (title or "").strip()) == unicodedata.normalize(
                "NFC", truth["title"].strip()
            )
            title_ok += ok
            if not ok:
                misses.append(f"{key} title: {title!r}")
        if "published" in truth:
            ok = str(day) == truth["published"]
            date_ok += ok
            if not ok:
                misses.append(f"{key} date: {day}")
        if "author" in truth:
            want = truth["author"]
            ok = (author or None) == want
            if want is not None:
                author_n += 1
            author_ok += ok
            if not ok:
                misses.append(f"{key} author: {author!r} != {want!r}")
    result = aeb_metrics(scores) | {"pages": len(pages),
                                    "pages_per_cpu_s": round(len(pages) / elapsed, 1) if elapsed else None}
    by_outlet: dict[str, list] = {}
    for (_, _, truth), score in zip(pages, scores, strict=True):
        by_outlet.setdefault(outlet_of(truth), []).append(score)
    if set_name_has_outlets(pages):
        result["per_outlet"] = {o: aeb_metrics(sc)["f1"] for o, sc in sorted(by_outlet.items())}
    if pages and "title" in pages[0][2]:
        result |= {"title": f"{title_ok}/{len(pages)}", "date": f"{date_ok}/{len(pages)}",
                   "author": f"{author_ok}/{len(pages)}", "misses": misses}
        result["per_page_f1"] = {
            key: round(2 * s[0] / (2 * s[0] + s[1] + s[2]), 3) if s[0] else 0.0
            for (key, _, _), s in zip(pages, scores, strict=True)
        }
    return result


def set_name_has_outlets(pages) -> bool:
    """Per-outlet figures for the Vietnamese sets (AEB's 181 pages are 181 sites)."""
    return bool(pages) and "title" in pages[0][2]


def demo_comparison(limit: int | None = None, verbose: bool = False) -> dict:
    """The crawl's extraction on the bundled demo corpus, against its ground truth.

    Serves every outlet on loopback (:class:`digest.demo.server.DemoServer`), fetches each
    crawlable article over HTTP, decodes and extracts it as the crawl does
    (``drop_captions=True``, selectors for the domain) and counts the pages whose title, authors
    and body text equal the corpus's. ``limit`` takes every n-th article only.
    """
    import httpx

    from digest.demo.corpus import load_articles
    from digest.demo.server import DemoServer
    from digest.ingest.decode import decode_html
    from digest.ingest.extract import extract_article
    from digest.text import clean_text

    arts = [a for a in load_articles() if a.crawlable]
    if limit:
        arts = arts[:: max(1, len(arts) // limit)]
    wrong: dict[str, Counter] = {"title": Counter(), "authors": Counter(), "body": Counter()}
    misses: list[str] = []
    elapsed = 0.0
    with DemoServer() as srv, httpx.Client(timeout=10) as client:
        for art in arts:
            url = art.url(srv.base_urls[art.outlet])
            resp = client.get(url)
            html = decode_html(resp.content, resp.headers.get("content-type"))
            started = time.process_time()
            out = extract_article(html, url, drop_captions=True)
            elapsed += time.process_time() - started
            checks = {
                "title": out.title == art.title,
                "authors": out.authors == ([art.author] if art.author else []),
                "body": clean_text(out.text) == clean_text(art.text),
            }
            for field_name, ok in checks.items():
                if not ok:
                    wrong[field_name][art.outlet] += 1
                    misses.append(f"{art.outlet} {field_name}: {url}")
    n = len(arts)
    result = {"pages": n, "pages_per_s": round(n / elapsed, 1) if elapsed else 0.0}
    for field_name, per_outlet in wrong.items():
        result[f"{field_name}_ok"] = n - sum(per_outlet.values())
        result[f"{field_name}_wrong_by_outlet"] = dict(per_outlet)
    if verbose:
        result["misses"] = misses
    return result


def _sets(args) -> list[tuple[str, Path]]:
    root = bench_dir()
    unseen = unseen_dir(args.pages)
    wanted = [args.set] if args.set else ["aeb", "vi-real", "vi-unseen"]
    out = []
    for name in wanted:
        base = unseen if name == "vi-unseen" else (root / name if root else None)
        if base is not None and (base / "ground-truth.json").is_file():
            out.append((name, base))
        elif args.set or name != "vi-unseen":
            print(f"bench_extract: no {name} pages here (see --pages, $BANTIN_BENCH_DIR, "
                  f"$BANTIN_VI_UNSEEN); skipped", flush=True)
    return out


def _child(spec: str, quick: bool) -> dict:
    """Run one candidate on one set in this (fresh) process; print and return its figures."""
    from bench.memory import peak_kb

    set_name, base, label = spec.split("|")
    pages = _load(set_name, Path(base), quick)
    name = label.removesuffix("+selectors")
    if pages:  # warm up: imports and first-call set-up are not per-page cost
        CANDIDATES[name](pages[0][1], pages[0][2].get("url") or "", label.endswith("+selectors"))
    before = peak_kb()
    res = run_set(label, CANDIDATES[name], pages, label.endswith("+selectors"))
    res["peak_rss_mb"] = round(max(before, peak_kb()) / 1024, 1)
    print(json.dumps(res, ensure_ascii=False))
    return res


def _run_child(set_name: str, base: Path, label: str, quick: bool) -> dict:
    cmd = [sys.executable, "-m", "bench.bench_extract", "--child", f"{set_name}|{base}|{label}"]
    done = subprocess.run(cmd + (["--quick"] if quick else []), cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def ablate(sets: list[tuple[str, Path]], quick: bool, verbose: bool = False) -> dict:
    """Each rule of RULES switched off in turn: its worth per outlet and held out (module doc)."""
    from digest.ingest import extract

    results: dict[str, dict] = {}
    for set_name, base in sets:
        pages = _load(set_name, base, quick)
        groups: dict[str, list[int]] = {}
        for i, (key, _, truth) in enumerate(pages):
            groups.setdefault(outlet_of(truth) if set_name != "aeb" else key[:8], []).append(i)

        def per_outlet(pages=pages, groups=groups) -> dict[str, float]:
            outs = [_cand_bantin(html, truth.get("url") or "", False) for _, html, truth in pages]
            scores = [page_scores(truth.get("articleBody", ""), out[0])
                      for (_, _, truth), out in zip(pages, outs, strict=True)]
            return {g: aeb_metrics([scores[i] for i in idx])["f1"] for g, idx in groups.items()}

        base_f1 = per_outlet()
        rules = {}
        for rule in list(extract.RULES):
            extract.RULES[rule] = False
            try:
                without = per_outlet()
            finally:
                extract.RULES[rule] = True
            gain = {g: round(base_f1[g] - without[g], 4) for g in base_f1}
            total = sum(gain.values())
            best = max(gain, key=gain.get) if gain else None
            held_out = total - (gain[best] if best and gain[best] > 0 else 0.0)
            rules[rule] = {"gain_sum": round(total, 4), "held_out_gain": round(held_out, 4),
                           "helps_most": best if best and gain[best] > 0 else None,
                           "outlets_helped": sum(v > 0 for v in gain.values()),
                           "outlets_hurt": sum(v < 0 for v in gain.values())}
            if verbose:
                rules[rule]["per_outlet"] = {g: v for g, v in gain.items() if v}
            r = rules[rule]
            verdict = "earns its place" if r["held_out_gain"] > 0 else (
                "neutral" if r["held_out_gain"] == 0 and not r["outlets_hurt"] else "NOT held out")
            print(f"{set_name:9} {rule:20} gain {r['gain_sum']:+.4f} held-out {r['held_out_gain']:+.4f} "
                  f"helped {r['outlets_helped']} hurt {r['outlets_hurt']} "
                  f"(most: {r['helps_most']})  {verdict}", flush=True)
        results[set_name] = rules
    return results


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="bench_extract")
    parser.add_argument("--quick", action="store_true", help="every 4th AEB page")
    parser.add_argument("--only", default="", help="comma-separated candidates")
    parser.add_argument("--set", default="", help="aeb, vi-real, vi-unseen or demo (default: all found)")
    parser.add_argument("--pages", default=None, help="the vi-unseen folder (vi-real layout)")
    parser.add_argument("--ablate", action="store_true", help="weigh each RULES switch per outlet")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="print misses and per-page F1")
    args, _ = parser.parse_known_args(argv or [])
    if args.child:
        return _child(args.child, args.quick)
    if args.set == "demo":
        # The bundled demo corpus (no shared bench needed): titles, authors, bodies equal.
        res = demo_comparison(limit=40 if args.quick else None, verbose=args.verbose)
        print(f"demo     bantin (crawl)     title {res['title_ok']}/{res['pages']} "
              f"authors {res['authors_ok']}/{res['pages']} body {res['body_ok']}/{res['pages']}  "
              f"{res['pages_per_s']:6.1f} pages/s", flush=True)
        for miss in res.get("misses", []):
            print("   ", miss)
        return {"demo": res}
    sets = _sets(args)
    if not sets:
        return {"skipped": "no bench pages"}
    if args.ablate:
        return {"ablate": ablate(sets, args.quick, args.verbose)}
    names = [n for n in args.only.split(",") if n] or list(CANDIDATES)
    results: dict[str, dict] = {}
    for set_name, base in sets:
        speed: dict[str, float] = {}
        for name in names:
            labels = [name] + (["bantin+selectors"] if name == "bantin" and set_name != "aeb" else [])
            for label in labels:
                res = _run_child(set_name, base, label, args.quick)
                results[f"{set_name}/{label}"] = res
                if "error" in res:
                    print(f"{set_name:9} {label:18} failed: {res['error']}", flush=True)
                    continue
                speed[label] = res["pages_per_cpu_s"] or 0.0
                extra = ""
                if "title" in res:
                    extra = f" title {res['title']} date {res['date']} author {res['author']}"
                print(
                    f"{set_name:9} {label:18} F1 {res['f1']:.4f} P {res['precision']:.4f} "
                    f"R {res['recall']:.4f}  {res['pages_per_cpu_s']:6.1f} pages/CPU-s "
                    f"peak {res['peak_rss_mb']:6.1f} MB ({res['pages']} pages){extra}",
                    flush=True,
                )
                if "per_outlet" in res:
                    print("          per outlet F1: " + ", ".join(
                        f"{o} {f:.3f}" for o, f in res["per_outlet"].items()), flush=True)
                if args.verbose and "misses" in res:
                    for miss in res["misses"]:
                        print("   ", miss)
                    print("    per-page F1:", res["per_page_f1"])
        if speed.get("trafilatura") and speed.get("bantin"):
            ratio = speed["bantin"] / speed["trafilatura"]
            results[f"{set_name}/bantin_vs_trafilatura_speed"] = round(ratio, 2)
            print(f"{set_name:9} bantin at {ratio:.2f}x trafilatura's pages/CPU-s", flush=True)
    return results


if __name__ == "__main__":
    main(__import__("sys").argv[1:])
