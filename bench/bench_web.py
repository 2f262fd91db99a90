"""Editors' web app: how fast the board loads, how fast an action answers (the in-place swap)
and how fast "find any story" answers.

    python -m bench.run web [--quick] [--browser]

A temporary SQLite database with a day's worth of articles (a bulletin of ``printed`` stories
and ``others`` left out in its window) beside an archive of ``crawled`` older articles
(bulk-inserted), a real uvicorn server on 127.0.0.1 (port 0) and an httpx
client that logs in, loads the day's page, moves stories up and down, excludes and undoes (the
x / u keys) and edits headlines as the page's htmx does (HX-Request, X-CSRF-Token header,
partial answer). Then the search page is timed over queries typed with and without diacritics,
after the index's first build (timed on its own).

Each request is measured twice: wall time (what the editor waits for, inflated on a loaded
machine) and the server's CPU time (the process's CPU time over the request minus the client
thread's own: the server runs in this process, in uvicorn's and its worker threads), which is
the fair figure when other work shares the cores. ``--browser`` adds the editor's view: exclude /
include clicks in Chromium, click to swapped board, and the browser's main-thread work per action.
"""

from __future__ import annotations

import hashlib
import os
import re
import statistics
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from typing import Any

DAY = date(2023, 5, 24)
PASSWORD = "bench-password"
SECTIONS = ["policy", "local", "management", "world"]
PARA = ("Theo kế hoạch, trong năm 2023 các cơ quan, đơn vị tiếp tục đẩy mạnh cải cách thủ tục hành "
        "chính, số hóa hồ sơ và kết quả giải quyết thủ tục, nâng cao chất lượng phục vụ người dân và "
        "doanh nghiệp; tỷ lệ hồ sơ trực tuyến toàn trình đạt {n}%, tăng so với cùng kỳ năm trước. ")


def _seed(engine: Any, printed: int, others: int) -> None:
    from digest.bulletin.draft import draft_bulletin
    from digest.store.db import session_scope
    from digest.store.models import Article, Classification
    from digest.text import VN_TZ

    start = datetime(2023, 5, 23, 0, 0, tzinfo=VN_TZ)
    with session_scope(engine) as session:
        for i in range(printed + others):
            url = f"https://bao-{i % 40}.example.vn/tin-{i}.html"
            text = "\n\n".join(PARA.format(n=(i * 7 + k) % 100) * 2 for k in range(5))
            article = Article(
                url=url, url_key=hashlib.sha1(url.encode()).hexdigest(), fetched_url=url,
                source=f"Bao{i % 40}.vn", title=f"Tin số {i}: cải cách thủ tục hành chính ở địa phương {i % 63}",
                text=text, authors=[f"Phóng viên {i % 17}"],
                published_at=start + timedelta(minutes=(i * 37) % 2400),
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
            session.add(article)
            session.flush()
            relevant = i < printed
            session.add(Classification(
                article_id=article.id, relevant=relevant,  # type: ignore[arg-type]
                section=SECTIONS[i % 4] if relevant else None,
                province=f"Tỉnh {i % 63}" if relevant and i % 4 == 1 else None,
                confidence=0.5 + (i % 50) / 100, cluster_key=None, model_version="bench",
            ))
    with session_scope(engine) as session:
        draft_bulletin(session, DAY, now=datetime(2023, 5, 24, 16, 5, tzinfo=VN_TZ))


def _bulk_articles(engine: Any, first: int, n: int) -> None:
    """``n`` more crawled articles published before the bulletin's window, inserted in bulk."""
    from digest.store.models import Article
    from digest.text import VN_TZ, utcnow

    places = ["Quảng Ninh", "Đà Nẵng", "Hà Nội", "Cần Thơ", "Huế", "Lâm Đồng", "Nghệ An", "Sóc Trăng"]
    topics = ["một cửa điện tử", "số hóa hồ sơ", "thủ tục hành chính", "giá vàng", "bóng đá", "thời tiết"]
    start = datetime(2023, 5, 22, 0, 0, tzinfo=VN_TZ)
    now = utcnow()
    table = Article.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        batch = []
        for i in range(first, first + n):
            url = f"https://cu-{i % 60}.example.vn/bai-{i}.html"
            text = f"{places[i % 8]} đẩy mạnh {topics[i % 6]}. " + PARA.format(n=i % 100)
            batch.append({
                "url": url, "url_key": hashlib.sha1(url.encode()).hexdigest(), "fetched_url": url,
                "source": f"Cu{i % 60}.vn", "scope": "central", "title": f"Tin số {i}: {places[i % 8]} với {topics[i % 6]}",
                "text": text, "authors": [], "published_at": start - timedelta(minutes=i),
                "content_hash": hashlib.sha256(text.encode()).hexdigest(), "extractor": "bench",
                "fetched_at": now, "updated_at": now,
            })
            if len(batch) == 5_000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)


def _percentiles(values: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    out = {"median_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}
    if cpu:
        out["cpu_median_ms"] = round(statistics.median(cpu) * 1000, 1)
    return out


class Clock:
    """Wall and server CPU time of each request (see the module docstring)."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def __call__(self, name: str, request: Any) -> Any:
        wall, proc, own = time.perf_counter(), time.process_time(), time.thread_time()
        answer = request()
        own = time.thread_time() - own
        self.cpu.setdefault(name, []).append(max(0.0, time.process_time() - proc - own))
        self.wall.setdefault(name, []).append(time.perf_counter() - wall)
        return answer

    def figures(self, *names: str) -> dict[str, float]:
        return _percentiles([t for n in names for t in self.wall[n]], [t for n in names for t in self.cpu[n]])


def _browser(base: str, rounds: int) -> dict[str, Any]:
    """In Debian's Chromium: an editor's exclude / include clicks on the board, timed from the
    click to the swapped board, and the browser's main-thread work per action (CDP Performance
    metrics: task, script, style, layout). Skipped without /usr/bin/chromium or Playwright."""
    if not os.access("/usr/bin/chromium", os.X_OK):
        return {"skipped": "no /usr/bin/chromium"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "no playwright"}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                      args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        try:
            page = chromium.new_context(viewport={"width": 1440, "height": 900}).new_page()
            page.goto(base + "/login")
            page.fill("input[name=username]", "bench")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.goto(f"{base}/bulletins/{DAY.isoformat()}")
            item = re.findall(r'id="exclude-(\d+)"', page.content())[5]
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")

            def metrics() -> dict[str, float]:
                return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}

            before, times = metrics(), []
            for _ in range(rounds):
                for which in ("exclude", "include"):
                    page.evaluate("document.getElementById('board').dataset.old = '1'")
                    t = time.perf_counter()
                    page.click(f"#{which}-{item}")
                    page.wait_for_selector("#board:not([data-old])", state="attached")
                    page.wait_for_function("!document.body.classList.contains('busy')")
                    times.append(time.perf_counter() - t)
            after = metrics()
        finally:
            chromium.close()
    per = {name: round((after[key] - before[key]) / len(times) * 1000, 1) for name, key in (
        ("task_ms", "TaskDuration"), ("script_ms", "ScriptDuration"), ("style_ms", "RecalcStyleDuration"),
        ("layout_ms", "LayoutDuration"))}
    return {"actions": len(times), **_percentiles(times), "main_thread_per_action": per}


def main(argv: list[str]) -> dict[str, Any]:
    quick = "--quick" in argv
    printed, others, rounds, crawled = (30, 200, 10, 5_000) if quick else (30, 2_000, 30, 50_000)
    with tempfile.TemporaryDirectory(prefix="bantin-bench-web-") as tmp:
        os.environ["BANTIN_DATA_DIR"] = tmp
        os.environ.setdefault("BANTIN_SECRET_KEY", "bench-secret-0123456789abcdefghijkl")
        os.environ["BANTIN_EDITOR_PASSWORD"] = PASSWORD
        from digest import config

        config.use_settings(config.load_settings())
        import httpx
        import uvicorn

        from digest.store.db import dispose_all, open_db
        from digest.web.app import create_app

        url = f"sqlite:///{tmp}/bench.sqlite3"
        engine = open_db(url)
        started = time.perf_counter()
        _seed(engine, printed, others)
        seed_s = time.perf_counter() - started
        started = time.perf_counter()  # the archive: every board query runs beside it
        _bulk_articles(engine, printed + others, crawled)
        bulk_s = time.perf_counter() - started

        server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=0,
                                               log_level="warning", lifespan="off", ws="none"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                client.post("/login", data={"password": PASSWORD, "name": "bench"})
                clock = Clock()
                size = 0
                for _ in range(rounds):
                    page = clock("page", lambda: client.get(f"/bulletins/{DAY.isoformat()}"))
                    size = len(page.content)
                    wire = page.num_bytes_downloaded
                token = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
                ids = [int(m) for m in re.findall(r'id="down-(\d+)"', page.text)]
                headers = {"X-CSRF-Token": token, "HX-Request": "true", "HX-Target": "board"}
                for i in range(rounds):
                    item = ids[i % len(ids)]
                    path = f"/bulletins/{DAY.isoformat()}/items/{item}/" + ("down" if i % 2 == 0 else "up")
                    r = clock("move", lambda path=path: client.post(path, headers=headers))
                    assert r.status_code == 200, r.text
                    answer = len(r.content)
                    answer_wire = r.num_bytes_downloaded
                if os.environ.get("BENCH_WEB_DUMP"):
                    with open(os.environ["BENCH_WEB_DUMP"], "w", encoding="utf-8") as fh:
                        fh.write(page.text)
                for i in range(max(3, rounds // 3)):
                    item = ids[i % len(ids)]
                    r = clock("edit", lambda i=i, item=item: client.post(
                        f"/bulletins/{DAY.isoformat()}/items/{item}/headline",
                        data={"headline": f"Tiêu đề sửa lần {i}"}, headers=headers))
                    assert r.status_code == 200, r.text
                # x then u: exclude a story (a version-checked form), undo it (the answer is the
                # board and the left-out list, #workspace, as the page asks for it)
                page = client.get(f"/bulletins/{DAY.isoformat()}/board", headers=headers)  # the current version
                for i in range(rounds):
                    item = ids[i % len(ids)]
                    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
                    r = clock("exclude", lambda item=item, version=version: client.post(
                        f"/bulletins/{DAY.isoformat()}/items/{item}/exclude", data={"version": version}, headers=headers))
                    assert r.status_code == 200, r.text
                    r = clock("undo", lambda: client.post(f"/bulletins/{DAY.isoformat()}/undo",
                                                            headers={**headers, "HX-Target": "workspace"}))
                    assert r.status_code == 200, r.text
                    page = r
                browser = _browser(base, max(5, rounds // 3)) if "--browser" in argv else None
                from digest.web.search import sync

                started = time.perf_counter()
                indexed = sync(engine)
                index_s = time.perf_counter() - started
                hits = {}
                queries = ["thu tuc hanh chinh", "thủ tục hành chính", "quang ninh", "Đà Nẵng một cửa",
                           "so hoa ho so", "tin số 49999", "khong co tu nay"]
                for i in range(rounds):
                    q = queries[i % len(queries)]
                    r = clock("search", lambda q=q: client.get(f"/bulletins/{DAY.isoformat()}/search", params={"q": q}))
                    assert r.status_code == 200, r.text
                    hits[q] = r.text.count('<li id="hit-')
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            dispose_all()
            config._current = None
    figures = {
        "printed_stories": printed, "left_out_stories": others, "rounds": rounds,
        "seed_and_draft_s": round(seed_s, 2), "page_bytes": size, "page_bytes_gzip": wire, "action_answer_bytes": answer,
        "action_answer_bytes_gzip": answer_wire,
        "page_load": clock.figures("page"), "move_up_down": clock.figures("move"),
        "edit_headline": clock.figures("edit"),
        "exclude_or_undo": clock.figures("exclude", "undo"),
        "exclude": clock.figures("exclude"), "undo_workspace": clock.figures("undo"),
        "browser": browser,
        "search": {"articles": printed + others + crawled, "bulk_insert_s": round(bulk_s, 1),
                   "index_build_s": round(index_s, 2), "indexed": indexed, "hits": hits,
                   **clock.figures("search")},
    }
    def line(name: str) -> str:
        f = figures[name]
        return f"median {f['median_ms']} ms (p95 {f['p95_ms']}), server CPU median {f['cpu_median_ms']} ms"

    print(f"board of {printed} stories + {others} left out: page {size / 1024:.0f} KiB ({wire / 1024:.0f} KiB gzip), "
          f"an action's answer {answer / 1024:.0f} KiB ({answer_wire / 1024:.0f} KiB gzip)")
    print(f"  page load       {line('page_load')}")
    print(f"  up/down         {line('move_up_down')}")
    print(f"  headline edit   {line('edit_headline')}")
    print(f"  exclude/undo    {line('exclude_or_undo')}")
    print(f"    exclude       {line('exclude')}")
    print(f"    undo          {line('undo_workspace')} (asks for #workspace; undoing an exclude answers with the board)")
    if browser is not None:
        if "skipped" in browser:
            print(f"  in Chromium: skipped ({browser['skipped']})")
        else:
            print(f"  in Chromium, exclude/include click to swapped board: median {browser['median_ms']} ms "
                  f"(p95 {browser['p95_ms']}); main thread per action {browser['main_thread_per_action']}")
    print(f"search over {printed + others + crawled} articles: index built in {index_s:.1f} s, hits {hits}")
    print(f"  search          {line('search')}")
    return figures


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
