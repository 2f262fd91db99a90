"""Seed data for the web app tests (helpers only; imported by tests/test_web*.py).

Real rows through the real models: Articles with Classifications, then the real draft.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from digest.store.models import Article, Classification
from digest.text import VN_TZ

DAY = date(2023, 5, 24)

# (outlet, title, section, province, relevant, confidence = P(relevant), cluster, hour on DAY, author)
STORIES = [
    ("Baogiaothong.vn", "Bộ Giao thông vận tải đẩy mạnh dịch vụ công trực tuyến toàn trình",
     "policy", None, True, 0.94, "c-dvc", 9, "Trang Trần"),
    ("Chinhphu.vn", "Thủ tướng chỉ đạo cắt giảm thủ tục hành chính nội bộ",
     "policy", None, True, 0.91, None, 10, "PV"),
    ("Baodanang.vn", "Trả kết quả hồ sơ chậm phải xin lỗi người dân",
     "local", "Đà Nẵng", True, 0.88, None, 8, "Hoàng Hiệp"),
    ("Baohaiduong.vn", "Hải Dương số hóa hồ sơ một cửa cấp xã",
     "local", "Hải Dương", True, 0.82, None, 11, "PV"),
    ("Vietnamplus.vn", "Singapore thử nghiệm trợ lý ảo cho công chức",
     "world", None, True, 0.77, None, 7, "Khánh Vân"),
    ("Tuoitre.vn", "Kỷ luật cán bộ nhũng nhiễu người dân khi làm thủ tục",
     "management", None, True, 0.86, None, 12, "Minh Tâm"),
    # Another outlet's report of the first story: a duplicate sibling, left out.
    ("Vnexpress.net", "Bộ GTVT mở rộng dịch vụ công trực tuyến toàn trình",
     "policy", None, True, 0.90, "c-dvc", 13, "Đoàn Loan"),
    # Judged irrelevant by the classifier: a miss the editor can pull in.
    ("Baoquangninh.vn", "Quảng Ninh rút ngắn thời gian cấp phép xây dựng",
     "local", "Quảng Ninh", False, 0.20, None, 14, "Thu Hà"),
]

PARAGRAPHS = [
    "Đoạn mở đầu: {title} theo kế hoạch năm 2023.",
    "Đoạn thứ hai nêu số liệu: 85% hồ sơ được xử lý trực tuyến, tăng 12% so với cùng kỳ.",
    "Đoạn thứ ba trích ý kiến người dân về thủ tục hành chính được cải thiện rõ rệt.",
    "Đoạn cuối: cơ quan chức năng sẽ tiếp tục rà soát, đơn giản hóa các thủ tục còn rườm rà.",
]


def seed(engine: Engine, extra_title: str | None = None) -> dict[str, int]:
    """Store the stories (plus one with ``extra_title``) and return {title: article_id}."""
    from digest.store.db import session_scope

    stories = list(STORIES)
    if extra_title is not None:
        stories.append(("Nguon-la.vn", extra_title, "policy", None, True, 0.99, None, 6, "<b>Tác giả</b>"))
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for outlet, title, section, province, relevant, conf, cluster, hour, author in stories:
            url = f"https://{outlet.lower()}/bai-{hashlib.sha1(title.encode()).hexdigest()[:10]}.html"
            text = "\n\n".join(p.format(title=title) for p in PARAGRAPHS)
            article = Article(
                url=url, url_key=hashlib.sha1(url.encode()).hexdigest(), fetched_url=url,
                source=outlet, scope="provincial" if province else "central", source_province=province,
                title=title, text=text, authors=[author],
                published_at=datetime(DAY.year, DAY.month, DAY.day, hour, 0, tzinfo=VN_TZ),
                date_source="metadata", content_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
            session.add(article)
            session.flush()
            assert article.id is not None
            session.add(Classification(
                article_id=article.id, relevant=relevant, section=section if relevant else None,
                province=province, confidence=conf, cluster_key=cluster, model_version="test",
            ))
            ids[title] = article.id
    return ids


def seed_and_draft(engine: Engine, extra_title: str | None = None) -> dict[str, int]:
    from digest.bulletin.draft import draft_bulletin
    from digest.store.db import session_scope

    ids = seed(engine, extra_title)
    with session_scope(engine) as session:
        draft_bulletin(session, DAY, now=datetime(2023, 5, 24, 16, 5, tzinfo=VN_TZ))
    return ids


_TEMPLATES: dict[str | None, tuple[Any, dict[str, int]]] = {}


def seeded_copy(sqlite_url: str, extra_title: str | None = None) -> dict[str, int]:
    """Put a migrated, seeded and drafted SQLite database at ``sqlite_url`` before anything opens
    it. Built once per test process and copied (migrating takes most of a test's setup)."""
    import shutil
    import tempfile

    from sqlalchemy import text as sql

    from digest.store.db import make_engine, migrate

    if extra_title not in _TEMPLATES:
        folder = tempfile.TemporaryDirectory(prefix="bantin-web-template-")
        path = Path(folder.name) / "template.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
        ids = seed_and_draft(engine, extra_title)
        with engine.connect() as conn:
            conn.execute(sql("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        _TEMPLATES[extra_title] = (folder, ids)  # the folder lives as long as the process
    folder, ids = _TEMPLATES[extra_title]
    target = Path(sqlite_url.removeprefix("sqlite:///"))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(folder.name) / "template.sqlite3", target)
    return dict(ids)


class LiveServer:
    """A real uvicorn server for ``app`` on 127.0.0.1, port chosen by the OS, in a thread."""

    def __init__(self, app: object, **options: object) -> None:
        import uvicorn

        options = {"proxy_headers": True, **options}  # the tests' proxy is on loopback
        self.config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                     lifespan="off", ws="none", **options)  # type: ignore[arg-type]
        self.server = uvicorn.Server(self.config)
        self.thread: object = None
        self.url = ""

    def __enter__(self) -> LiveServer:
        import threading
        import time

        thread = threading.Thread(target=self.server.run, daemon=True)
        thread.start()
        self.thread = thread
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)  # type: ignore[attr-defined]
