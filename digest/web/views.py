"""Jinja rendering for the editors' app: one autoescaping environment over templates/web/."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from digest.classify.sections import ORDER
from digest.config import templates_dir
from digest.text import dmy, to_vn, weekday_vi
from digest.web import csrf
from digest.web.auth import current_user

SECTION_CHOICES = [(s.value, s.heading) for s in ORDER]
SECTION_SHORT = {
    "policy": "Chủ trương",
    "local": "Địa phương",
    "management": "Quản lý HC",
    "world": "Thế giới",
}


def _options(numbered: bool) -> dict[str, Markup]:
    """The <option>s of a section <select>, one string per selected section, made once: the
    board has such a select on every story and every left-out one (a loop each, otherwise)."""
    return {
        chosen: Markup("").join(
            Markup('<option value="{}"{}>{}</option>').format(
                key, Markup(" selected") if key == chosen else "",
                f"{n}. {SECTION_SHORT[key]}" if numbered else SECTION_SHORT[key])
            for n, (key, _heading) in enumerate(SECTION_CHOICES, start=1))
        for chosen, _ in SECTION_CHOICES
    }


def web_templates_dir() -> Path:
    return templates_dir() / "web"


def static_dir() -> Path:
    return web_templates_dir() / "static"


def _vn_datetime(value: datetime | None) -> str:
    """'16:40 24/5/2023' in Vietnam time; '' for None."""
    if value is None:
        return ""
    local = to_vn(value)
    return f"{local:%H:%M} {dmy(local.date())}"


def _vn_date(value: date | None) -> str:
    return dmy(value) if value else ""


def _long_date(value: date) -> str:
    return f"{weekday_vi(value)}, {dmy(value)}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(float(value) * 100)}%"


def _safe_url(value: str | None) -> str:
    """Only http(s) links from sources; anything else (javascript:, data:) becomes '#'."""
    text = (value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else "#"


def _conf_level(value: float | None) -> str:
    v = float(value or 0.0)
    return "conf-high" if v >= 0.8 else "conf-mid" if v >= 0.5 else "conf-low"


EDITED_LABELS = {
    "included": "chọn/loại", "section": "mục", "position": "thứ tự", "headline": "tiêu đề",
    "author": "tác giả", "paragraphs": "đoạn",
}


def _edited_labels(names: list[str]) -> str:
    return ", ".join(EDITED_LABELS.get(n, n) for n in names)


@lru_cache(maxsize=4)
def environment(root: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(root),
        autoescape=True,  # every value from sources is text, never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        vn_datetime=_vn_datetime, vn_date=_vn_date, long_date=_long_date, percent=_percent,
        urlquote=lambda v: quote(str(v), safe=""), safe_url=_safe_url, conf_level=_conf_level,
        edited_labels=_edited_labels,
    )
    env.globals.update(sections=SECTION_CHOICES, section_short=SECTION_SHORT,
                       section_options=_options(numbered=True), pull_options=_options(numbered=False))
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render templates/web/<template> with the request, the editor and the CSRF token in scope."""
    env = environment(str(web_templates_dir()))
    user = current_user(request)
    editor = user[0] if user else None
    context.setdefault("flash", None)
    context.setdefault("error", None)
    context.setdefault("back", None)
    context.setdefault("undo_id", None)
    html = env.get_template(template).render(
        request=request,
        editor=editor,
        is_admin=bool(user and user[1] == "admin"),
        csrf_token=csrf.masked(request) if editor else "",  # one fresh mask per response
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def is_fetch(request: Request) -> bool:
    """True for htmx's requests (``HX-Request: true``), which want a partial instead of a redirect."""
    return request.headers.get("hx-request") == "true"
