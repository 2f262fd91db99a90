"""Mail benchmark: messages/s and peak memory sending one bulletin to N subscribers.

    python -m bench.bench_mail            # 10,000 and 100,000 subscribers
    python -m bench.bench_mail --quick    # 1,000 and 10,000
    python -m bench.bench_mail --sizes 5000,20000 [--db postgresql://...] [--aiosmtpd]

The sink is a minimal asyncio SMTP server by default, so the sender's own ceiling is measured;
``--aiosmtpd`` uses aiosmtpd instead (it parses DATA line by line in Python and is then the
bottleneck: about 30 messages/s here).

For each size: a fresh SQLite database (or a fresh schema on --db PostgreSQL) with one published
bulletin of 12 full-length Vietnamese stories and N confirmed subscribers; a discarding SMTP sink
(its own process, ephemeral port on 127.0.0.1); and ``bantin send`` in a child process
through the real code path (ledger rows, claims, three commits per message, one SMTP connection
per ``max_per_connection`` messages). The child reports its resident memory before sending and
its peak (ru_maxrss) after: the difference must not grow with N, because subscribers and
delivery rows are streamed in small batches.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.memory import peak_kb

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2023, 5, 24)

SINK = r"""
import sys, time
from aiosmtpd.controller import Controller

class Discard:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Discard.count += 1
        return "250 2.0.0 discarded"

class Ephemeral(Controller):
    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

c = Ephemeral(Discard(), hostname="127.0.0.1", port=0)
c.start()
print(c.port, flush=True)
sys.stdin.read()   # run until the parent closes our stdin
c.stop()
import resource
u = resource.getrusage(resource.RUSAGE_SELF)
print(u.ru_utime + u.ru_stime, Discard.count, flush=True)
"""


# A minimal SMTP sink (asyncio, no parsing beyond the protocol): shows the sender's own ceiling
# when aiosmtpd's line-by-line DATA handling is the bottleneck.
FAST_SINK = r"""
import asyncio, resource, sys

count = 0

async def session(reader, writer):
    global count
    writer.write(b"220 sink ESMTP\r\n")
    while True:
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb == b"EHLO":
            writer.write(b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n")
        elif verb == b"DATA":
            writer.write(b"354 go ahead\r\n")
            await reader.readuntil(b"\r\n.\r\n")
            count += 1
            writer.write(b"250 2.0.0 discarded\r\n")
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", 0, limit=1 << 24)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    u = resource.getrusage(resource.RUSAGE_SELF)
    print(u.ru_utime + u.ru_stime, count, flush=True)

asyncio.run(main())
"""


def _paragraphs() -> list[str]:
    ref = ROOT.parent / "shared" / "reference" / "ban-tin-cchc-2023-05-24.txt"
    if ref.exists():
        paras = [p.strip() for p in ref.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 120]
        if len(paras) >= 20:
            return paras
    base = ("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tiếp tục đẩy mạnh cải cách thủ tục hành chính, "
            "nâng cao chất lượng phục vụ người dân và doanh nghiệp, công khai minh bạch kết quả giải quyết hồ sơ.")
    return [f"{base} ({i})" for i in range(40)]


def _snapshot() -> dict[str, Any]:
    from digest.bulletin.doc import BulletinDoc, Item, SectionBlock, bulletin_title
    from digest.classify.sections import ORDER

    paras = _paragraphs()
    blocks, n = [], 0
    for key, count in zip(ORDER, (2, 7, 2, 1), strict=False):
        items = []
        for _ in range(count):
            n += 1
            chunk = [paras[(n * 3 + k) % len(paras)] for k in range(5)]
            items.append(Item(n, f"Tin số {n}: cải cách thủ tục hành chính, phục vụ người dân tốt hơn",
                              f"https://baochinhphu.vn/tin-{n}.htm", "Baochinhphu.vn", DAY, "PV", None, chunk))
        blocks.append(SectionBlock(key, items))
    doc = BulletinDoc(DAY, bulletin_title(DAY), datetime(2023, 5, 24, 9, 40, tzinfo=UTC), blocks,
                      status="published")
    return doc.to_json()


def _prepare(db_url: str, n: int) -> None:
    from sqlalchemy import insert

    from digest.store.db import open_db, session_scope
    from digest.store.models import Bulletin, Subscriber
    from digest.text import utcnow

    engine = open_db(db_url)
    snap = _snapshot()
    with session_scope(engine) as session:
        session.add(Bulletin(date=DAY, status="published", title=snap["title"],
                             published_at=datetime(2023, 5, 24, 9, 40, tzinfo=UTC), snapshot=snap))
    now = utcnow()
    for start in range(0, n, 5000):
        rows = [{"email": f"ban.doc{i}@example.vn", "display_email": f"Ban.Doc{i}@example.vn",
                 "status": "confirmed", "created_at": now, "confirmed_at": now, "bounce_count": 0}
                for i in range(start, min(n, start + 5000))]
        with engine.begin() as conn:
            conn.execute(insert(Subscriber), rows)
    engine.dispose()


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(db_url: str, smtp_url: str) -> None:
    """Runs in the child process: one full send, figures as JSON on stdout."""
    from digest.mail.send import send_bulletin
    from digest.store.db import open_db

    engine = open_db(db_url)
    from digest.mail.compose import BulletinMail  # noqa: F401 - import cost before the baseline

    rss_before = _rss_kb()
    started = time.perf_counter()
    report = send_bulletin(engine, DAY, smtp_url=smtp_url)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = peak_kb()  # since exec: ru_maxrss would include the parent's size at fork
    print(json.dumps({"sent": report.sent, "seconds": elapsed, "rss_before_kb": rss_before,
                      "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
                      "peak_rss_kb": peak, "ledger": report.ledger}))


def _run_size(n: int, pg_base: str | None, fast_sink: bool = False) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="bench-mail-") as tmp:
        env.update(BANTIN_DATA_DIR=tmp, BANTIN_SECRET_KEY="bench-secret-0123456789abcdefghijkl")
        os.environ.update(BANTIN_DATA_DIR=tmp, BANTIN_SECRET_KEY="bench-secret-0123456789abcdefghijkl")
        schema = None
        if pg_base:
            from sqlalchemy import create_engine, text

            schema = f"bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(pg_base.replace("postgresql://", "postgresql+psycopg://", 1))
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            sep = "&" if "?" in pg_base else "?"
            db_url = f"{pg_base}{sep}options=-csearch_path%3D{schema}"
        else:
            db_url = f"sqlite:///{tmp}/bench.sqlite3"
        t0 = time.perf_counter()
        _prepare(db_url, n)
        setup = time.perf_counter() - t0
        sink = subprocess.Popen([sys.executable, "-c", FAST_SINK if fast_sink else SINK], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, env=env)
        try:
            port = int(sink.stdout.readline())  # type: ignore[union-attr]
            out = subprocess.run(
                [sys.executable, "-m", "bench.bench_mail", "--child", db_url, f"smtp://127.0.0.1:{port}"],
                cwd=ROOT, env=env, capture_output=True, text=True, check=True,
            ).stdout
        finally:
            sink.stdin.close()  # type: ignore[union-attr]
            sink_cpu, received = (sink.stdout.read().split() + ["0", "0"])[:2]  # type: ignore[union-attr]
            sink.wait(timeout=30)
        if schema:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    fig = json.loads(out.strip().splitlines()[-1])
    fig.update(subscribers=n, setup_seconds=round(setup, 1), sink_cpu_seconds=round(float(sink_cpu), 1),
               sink_received=int(received),
               messages_per_second=round(fig["sent"] / fig["seconds"], 1),
               growth_kb=fig["peak_rss_kb"] - fig["rss_before_kb"])
    return fig


def main(argv: list[str] | None = None) -> dict[str, Any]:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        child(argv[1], argv[2])
        return {}
    sizes = [1_000, 10_000] if "--quick" in argv else [10_000, 100_000]
    pg = None
    for i, arg in enumerate(argv):
        if arg == "--sizes":
            sizes = [int(x) for x in argv[i + 1].split(",")]
        if arg == "--db":
            pg = argv[i + 1]
    results = []
    print(f"{'subscribers':>11} {'sent':>7} {'seconds':>8} {'msg/s':>7} {'RSS before':>11} {'peak RSS':>9}"
          f" {'growth':>8} {'sender CPU':>10} {'sink CPU':>9}")
    for n in sizes:
        # the minimal sink by default: aiosmtpd reads DATA line by line (~8 ms CPU a message),
        # which would make it, not the sender, the thing measured (and 100,000 take an hour)
        fig = _run_size(n, pg, fast_sink="--aiosmtpd" not in argv)
        results.append(fig)
        print(f"{n:>11,} {fig['sent']:>7,} {fig['seconds']:>8.1f} {fig['messages_per_second']:>7.1f} "
              f"{fig['rss_before_kb'] / 1024:>9.1f}MB {fig['peak_rss_kb'] / 1024:>7.1f}MB "
              f"{fig['growth_kb'] / 1024:>6.1f}MB {fig['cpu_seconds']:>9.1f}s {fig['sink_cpu_seconds']:>8.1f}s",
              flush=True)
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(f"peak-memory growth during the send: {a['growth_kb'] / 1024:.1f} MB for {a['subscribers']:,}"
              f" vs {b['growth_kb'] / 1024:.1f} MB for {b['subscribers']:,} subscribers"
              f" ({b['subscribers'] // a['subscribers']}x the list)")
    return {"backend": "postgresql" if pg else "sqlite",
            "sink": "aiosmtpd" if "--aiosmtpd" in argv else "minimal asyncio", "runs": results}


if __name__ == "__main__":
    out = main()
    if out:
        sys.exit(0)
