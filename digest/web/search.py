"""Find any crawled story, typed with or without diacritics ("thu tuc" finds "thủ tục").

The readers' site's rules: the words typed stand together as a phrase (commas separate several
phrases, all required; the last word of each may be the start of a word); typed without
diacritics a word matches every way of writing it, typed with them only that way ("Đà Nẵng"
finds Đà Nẵng, not "đã nâng"). The index is derived data kept beside the articles: per article
one folded document (title, outlet and the opening of the text, lower case, diacritics and đ
folded by ``digest.text.fold``), searched for the folded phrases, newest first (the newest
``CANDIDATES`` matches in crawl order, ranked by publication time); the diacritics typed are
then checked on the text itself. SQLite uses an FTS5 table,
PostgreSQL a GIN index over ``to_tsvector('simple', doc)``. Both are created on first use and
brought up to date before each search (articles stored or updated since the last sync), so the
crawl needs to know nothing about them.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, column, func, select, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from digest.store.models import Article
from digest.text import clean_line, fold, nfc

MAX_RESULTS = 50
CANDIDATES = 400  # newest matches (by crawl order) ranked by publication time
LEAD_CHARS = 600  # of the text, indexed and shown
_WORD = re.compile(r"[0-9a-z]+|[^\W_]+", re.UNICODE)
_TYPED = re.compile(r"[^\W_]+", re.UNICODE)
_sync_lock = threading.Lock()
_ensured: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose index tables are checked


@dataclass
class Hit:
    """One search result."""

    article_id: int
    title: str
    outlet: str
    url: str
    published_at: datetime | None
    lead: str


def words(query: str) -> list[str]:
    """The folded words of a query (at most 8; punctuation and FTS syntax dropped)."""
    return _WORD.findall(fold(query))[:8]


Phrase = list[tuple[str, str]]  # (word as typed, lower case NFC; the same folded)


def phrases(query: str) -> list[Phrase]:
    """The query's comma-separated phrases, as (typed, folded) words: at most 8 words in all."""
    out: list[Phrase] = []
    budget = 8
    for part in query.split(","):
        phrase = [(w, fold(w)) for w in _TYPED.findall(nfc(part).lower()) if _WORD.fullmatch(fold(w))][:budget]
        if phrase:
            out.append(phrase)
            budget -= len(phrase)
    return out


def _matches(phrase: Phrase, text: str) -> bool:
    """Whether ``text`` holds ``phrase``: consecutive words, each equal to the word typed (with
    its diacritics) or, typed without any, to its folded form; the last may be a word's start."""
    tokens = [(w, fold(w)) for w in _TYPED.findall(nfc(text).lower())]
    last = len(phrase) - 1
    for start in range(len(tokens) - last):
        for j, (typed, folded) in enumerate(phrase):
            word = tokens[start + j][0] if typed != folded else tokens[start + j][1]
            if not (word.startswith(typed if typed != folded else folded) if j == last
                    else word == (typed if typed != folded else folded)):
                break
        else:
            return True
    return False


def _document(title: str, outlet: str, head: str) -> str:
    return " ".join([fold(title), fold(outlet), fold(head)])


# Prefix indexes for 1- to 4-letter prefixes: every word typed is a prefix ("co" must find "cong",
# "cong", "con"...), and Vietnamese syllables are short, so without them a query of short words
# merges the postings of hundreds of terms (bench web: "khong co tu nay" 11 ms -> 0.2 ms, "so hoa
# ho so" 23 ms -> 0.4 ms over 52,000 articles; the index is ~3.4 times larger).
FTS_SQL = ("CREATE VIRTUAL TABLE article_fts USING fts5("
           "doc, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3 4')")


def _ensure(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        current = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'article_fts'")).scalar()
        if current is not None and "prefix" not in current:
            # an index built before the prefix indexes: derived data, rebuilt by the next sync
            conn.execute(text("DROP TABLE article_fts"))
            conn.execute(text("DROP TABLE IF EXISTS article_search_sync"))
            current = None
        if current is None:
            conn.execute(text(FTS_SQL))
    else:
        conn.execute(text("CREATE TABLE IF NOT EXISTS article_search ("
                          "article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE, doc TEXT NOT NULL)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS article_search_doc ON article_search "
                          "USING gin (to_tsvector('simple', doc))"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS article_search_sync ("
                      "id INTEGER PRIMARY KEY, max_id INTEGER NOT NULL, synced_at TEXT NOT NULL)"))


def sync(engine: Engine) -> int:
    """Index the articles stored or updated since the last sync; the number indexed."""
    with _sync_lock, engine.begin() as conn:
        if engine not in _ensured:  # once per engine and process, not before every search
            _ensure(conn)
            _ensured.add(engine)
        state = conn.execute(text("SELECT max_id, synced_at FROM article_search_sync WHERE id = 1")).first()
        max_id, since = (int(state[0]), state[1]) if state else (0, "")
        # Two queries: each max() alone is one index lookup; together SQLite scans the table.
        now = (conn.execute(text("SELECT max(id) FROM article")).scalar(),
               conn.execute(text("SELECT max(updated_at) FROM article")).scalar())
        if now[0] is None:
            return 0
        rows = conn.execute(text(
            "SELECT id, title, source, substr(text, 1, :n) FROM article WHERE id > :max_id"
            + (" OR updated_at > :since" if since else "")),
            {"n": LEAD_CHARS, "max_id": max_id, "since": since}).all()
        docs = [{"id": r[0], "doc": _document(r[1], r[2], r[3] or "")} for r in rows]
        if docs:
            if conn.dialect.name == "sqlite":
                conn.execute(text("DELETE FROM article_fts WHERE rowid = :id"), [{"id": d["id"]} for d in docs])
                conn.execute(text("INSERT INTO article_fts (rowid, doc) VALUES (:id, :doc)"), docs)
            else:
                conn.execute(text("INSERT INTO article_search (article_id, doc) VALUES (:id, :doc) "
                                  "ON CONFLICT (article_id) DO UPDATE SET doc = excluded.doc"), docs)
        newest = str(now[1]) if now[1] is not None else since
        if state and not docs and int(now[0]) == max_id and newest == since:
            return 0  # nothing new: no write (a search is not a write transaction)
        conn.execute(text("DELETE FROM article_search_sync WHERE id = 1"))
        conn.execute(text("INSERT INTO article_search_sync (id, max_id, synced_at) VALUES (1, :m, :s)"),
                     {"m": int(now[0]), "s": newest})
        return len(docs)


def search(engine: Engine, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """Every article whose title, outlet or opening holds each of the query's phrases (see the
    module docstring), newest first."""
    wanted = phrases(query)
    if not wanted:
        return []
    folded = [[f for _, f in phrase] for phrase in wanted]
    accented = [p for p in wanted if any(typed != f for typed, f in p)]
    sync(engine)
    with engine.connect() as conn:
        # The newest CANDIDATES matches by id (crawl order: the index walks it backwards and
        # stops), then ordered by publication time: a common word matches most of the archive.
        if conn.dialect.name == "sqlite":
            ids = text("SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :k"
                       ).bindparams(q=" ".join('"' + " ".join(p) + '"*' for p in folded), k=CANDIDATES)
        else:
            ids = text("SELECT article_id FROM article_search WHERE to_tsvector('simple', doc) @@ "
                       "to_tsquery('simple', :q) ORDER BY article_id DESC LIMIT :k").bindparams(
                q=" & ".join("(" + " <-> ".join(p[:-1] + [p[-1] + ":*"]) + ")" for p in folded), k=CANDIDATES)
        rows = conn.execute(
            select(Article.id, Article.title, Article.source, Article.url, Article.published_at,
                   func.substr(Article.text, 1, LEAD_CHARS), Article.summary)
            .where(col(Article.id).in_(ids.columns(column("id", Integer))))
            .order_by(col(Article.published_at).desc(), col(Article.id).desc())
            .limit(CANDIDATES if accented else limit)  # all candidates when some are filtered out below
        ).all()
    if accented:  # the index is folded: the diacritics typed are checked on the text itself
        rows = [r for r in rows if all(_matches(p, f"{r[1]} {r[2]} {r[5] or ''}") for p in accented)]
    out = []
    for r in rows[:limit]:
        # Stored text is clean already: its first paragraph is one split away.
        lead = clean_line((r[5] or "").split("\n\n", 1)[0]) or clean_line((r[6] or "").split("\n\n", 1)[0])
        out.append(Hit(int(r[0]), r[1], r[2], r[3], r[4], lead if len(lead) <= 280 else lead[:279].rstrip() + "…"))
    return out
