"""bantin classify / eval / explain / train: the classifier's commands."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click
from sqlmodel import Session, or_, select

from digest.classify.classifier import (
    BUNDLED_MODEL,
    classify_many,
    classify_one,
    classify_stored,
    evaluate,
    explain,
    format_report,
    load_model,
    read_jsonl,
    real_rows,
    train,
)
from digest.commands import engine_from
from digest.errors import BantinError
from digest.store.models import Article
from digest.urls import url_key

BATCH = 256  # lines classified together: one vectorisation per batch, output flushed per batch


def _model_note(model: Any) -> str:
    origin = "bundled" if model.source.resolve() == BUNDLED_MODEL.resolve() else "retrained"
    return f"model {model.version} ({origin}: {model.source})"


def _parse_line(raw: str) -> tuple[dict[str, Any] | None, str | None]:
    """An input object or the reason the line is malformed."""
    if not raw.strip():
        return None, "empty line"
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, f"not JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(obj, dict):
        return None, f"expected a JSON object, got {type(obj).__name__}"
    if "title" not in obj:
        return None, "missing required key 'title'"
    for key in ("title", "text", "outlet", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return None, f"'{key}' must be a string"
    return obj, None


def run_jsonl(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """The FORMAT.md contract: one output line per input line, same order. Returns the number
    of malformed lines (each answered with {"error": ..., "line": N} and reported on stderr)."""
    model = load_model()
    bad = 0
    pending: list[tuple[int, dict[str, Any] | None, str | None]] = []

    def flush() -> None:
        items = [obj for _, obj, _ in pending if obj is not None]
        preds = iter(classify_many(items, model)) if items else iter(())
        for number, obj, error in pending:
            if obj is None:
                out = {"error": error, "line": number}
            else:
                out = next(preds).contract()
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
        pending.clear()

    for number, raw in enumerate(stdin, 1):
        obj, error = _parse_line(raw.rstrip("\r\n"))
        if error:
            bad += 1
            stderr.write(f"line {number}: {error}\n")
        pending.append((number, obj, error))
        if len(pending) >= BATCH:
            flush()
    flush()
    return bad


@click.command("classify")
@click.option("--jsonl", is_flag=True, help="Read stories as JSON lines on stdin, answer on stdout (FORMAT.md).")
@click.option("--all", "redo", is_flag=True, help="Reclassify every stored article, not only new ones.")
@click.pass_context
def classify_cmd(ctx: click.Context, jsonl: bool, redo: bool) -> None:
    """Classify stored articles (relevance, section, province, duplicates), or stdin with --jsonl.

    With --jsonl each input line is {"title": ..., "text": ..., "outlet": ..., "url": ...} (only
    title required; an optional "published_at" in ISO 8601 lets a story after 1/7/2025 that
    names only a district get today's province). Each output line answers the same input line:
    {"relevant": ..., "section": ..., "province": ..., "confidence": ...}, or {"error": ...,
    "line": N} for a malformed line (also reported on stderr; the exit code is then 1).
    "confidence" is P(relevant), the model's probability that the story belongs in the
    bulletin, for relevant and irrelevant stories alike.

    \b
    Examples:
      bantin classify                 # articles without a classification yet
      bantin classify --all           # redo all of them (e.g. after bantin train)
      echo '{"title": "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân"}' | bantin classify --jsonl
    """
    if jsonl:
        bad = run_jsonl(sys.stdin, sys.stdout, sys.stderr)
        if bad:
            sys.stderr.write(f"{bad} malformed line(s)\n")
            ctx.exit(1)
        return

    model = load_model()
    click.echo(_model_note(model), err=True)
    result = classify_stored(engine_from(ctx), redo=redo, model=model)
    click.echo(f"classified {result['classified']} article(s)")
    for section, count in result["per_section"].items():
        click.echo(f"  {section:<11} {count}")
    click.echo(f"stories told by more than one article: {result['clusters']}")


@click.command("eval")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--max-errors", default=30, show_default=True, help="Misclassified examples to list.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), help="Model file to evaluate.")
@click.option("--split", type=click.Choice(["test", "older"]), default="test", show_default=True,
              help="Without FILE: the real test stream (2026's latest months) or the older one (2018-2020).")
def eval_cmd(file: str | None, as_json: bool, max_errors: int, model_path: str | None, split: str) -> None:
    """Score the classifier on labelled JSON lines (title, text, relevant, section, province);
    without FILE, on a held-out stream of real news nothing is trained or tuned on (see
    digest/classify/data/REAL-LABELS.md): the test stream, the latest months (the default), or
    with --split older the older one, 2018-2020 news from other outlets. Relevance precision,
    recall and F1 and section accuracy are printed with the keyword list's beside them.

    Examples: bantin eval;  bantin eval --split older;  bantin eval digest/classify/data/heldout.jsonl
    """
    model = load_model(model_path)
    rows = read_jsonl(file) if file else real_rows(split)
    if not rows:
        raise click.ClickException(f"no labelled rows in the {split!r} split")
    report = evaluate(rows, model)
    report["file"] = file or {"test": "real test stream", "older": "older real stream"}[split]
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(_model_note(model), err=True)
        click.echo(f"{report['file']}: " + format_report(report, max_errors))


@click.command("explain")
@click.argument("url", required=False)
@click.option("--title", help="Explain a headline that is not stored (with --text).")
@click.option("--text", default="", help="Body text to go with --title.")
@click.option("--top", default=12, show_default=True, help="Features to show.")
@click.pass_context
def explain_cmd(ctx: click.Context, url: str | None, title: str | None, text: str, top: int) -> None:
    """Why a stored article got its section: the features that weighed most.

    Example: bantin explain https://baohaiduong.vn/xa-dau-tien-o-tu-ky-...
    """
    if url is None and title is None:
        raise click.UsageError("give a stored article's URL, or --title")
    outlet = None
    if url is not None:
        with Session(engine_from(ctx)) as session:
            article = session.exec(select(Article).where(or_(
                Article.url_key == url_key(url), Article.url == url, Article.fetched_url == url))).first()
            if article is None:
                raise BantinError(f"no stored article has the URL {url}")
            title, text, outlet = article.title, article.text, article.source
    assert title is not None
    pred = classify_one(title, text, outlet)
    why = explain(title, text, top=top)
    click.echo(title)
    verdict = f"section {pred.section}" if pred.relevant else "not for the bulletin"
    section_p = f", P(section) {pred.section_confidence:.2f}" if pred.section_confidence is not None else ""
    click.echo(f"{verdict}, province {pred.province or '-'}, P(relevant) {pred.confidence:.2f}{section_p}")
    click.echo("probabilities: " + ", ".join(f"{k} {v:.2f}" for k, v in
                                              sorted(why["probabilities"].items(), key=lambda kv: -kv[1])))
    click.echo(f"features for '{why['label']}':")
    for name, weight in why["for"]:
        click.echo(f"  {weight:+.3f}  {name}")
    if why["against"]:
        click.echo("features against it:")
        for name, weight in why["against"]:
            click.echo(f"  {weight:+.3f}  {name}")


@click.command("train")
@click.option("--out", type=click.Path(dir_okay=False), help="Model file to write (default: the data dir).")
@click.option("--no-corrections", is_flag=True, help="Bundled set only, without editors' corrections.")
@click.pass_context
def train_cmd(ctx: click.Context, out: str | None, no_corrections: bool) -> None:
    """Retrain from the bundled real labelled news (train split), the written examples where the
    model uses them, and editors' corrections (weighed 3x); write the model file.

    A model in the data dir is used in preference to the bundled one; delete it to go back.

    Example: bantin train && bantin classify --all
    """
    engine = None if no_corrections else engine_from(ctx)
    meta = train(out=out, engine=engine)
    sizes = meta["sizes"]
    click.echo(f"model {meta['version']} written to {meta['path']}")
    click.echo(f"trained on {sizes['total']} examples ({sizes['real']} real labelled, {sizes['bundled']} bundled "
               f"written, {sizes['corrections']} editors' corrections), sha256 {meta['train_sha256'][:16]}...")
    cv = meta.get("cross_validation") or {}
    if cv:
        click.echo(f"relevance threshold {meta['relevance_threshold']:.3f} (P(relevant)); out-of-fold on the real "
                   f"rows, {cv['folds']} folds by month: precision {cv['precision']:.3f}, recall {cv['recall']:.3f}")


commands: list[click.Command] = [classify_cmd, eval_cmd, explain_cmd, train_cmd]
