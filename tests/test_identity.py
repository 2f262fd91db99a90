"""The publisher's identity as configuration: colours checked against WCAG AA before anything
is built, one CSS block for every surface, and the e-mail's links on the readers' site."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from digest import config
from digest.bulletin.identity import (
    IdentityError,
    contrast,
    css_variables,
    palette,
    readers_url,
    subscribe_url,
)


def _use(tmp_path: Path, text: str) -> None:
    user = tmp_path / "user.toml"
    user.write_text(text, encoding="utf-8")
    config.use_settings(config.load_settings(user))


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#ffffff", "#f44336") == pytest.approx(3.68, abs=0.01)  # Material's red header
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_shipped_palette_passes_and_reaches_css() -> None:
    colours = palette()
    css = css_variables()
    assert f"--bt-brand:{colours['brand']}" in css and f"--bt-bar:{colours['brand']}" in css
    assert "prefers-color-scheme: dark" in css and f"--bt-link:{colours['dark_link']}" in css


@pytest.mark.parametrize("line, message", [
    ('brand = "#f44336"', "on_brand #ffffff on brand #f44336 has contrast 3.68:1, below WCAG AA"),
    ('muted = "#999999"', "muted #999999 on paper"),
    ('link = "blue"', "link = 'blue': expected a colour"),
])
def test_unreadable_palette_is_refused_in_one_line(tmp_path: Path, line: str, message: str) -> None:
    _use(tmp_path, f"[site.colors]\n{line}\n")
    with pytest.raises(IdentityError, match=message.replace("(", r"\(").replace(".", r"\.")) as err:
        palette()
    assert "\n" not in str(err.value)


def test_urls_default_to_site_url_and_can_be_split(tmp_path: Path) -> None:
    assert readers_url() == "http://127.0.0.1:8000/" and subscribe_url() == "http://127.0.0.1:8000/subscribe"
    _use(tmp_path, '[general]\nsite_url = "https://app.example.vn"\n'
                   '[site]\nurl = "https://bantin.example.vn"\nsubscribe_url = "https://app.example.vn/dang-ky"\n')
    assert readers_url() == "https://bantin.example.vn/" and subscribe_url() == "https://app.example.vn/dang-ky"


def test_mail_links_go_to_the_readers_site(tmp_path: Path) -> None:
    from digest.mail.compose import render_bodies
    from tests.support.site_fixtures import make_doc

    _use(tmp_path, '[general]\nsite_url = "https://app.example.vn/"\n[site]\nurl = "https://bantin.example.vn/"\n')
    text, html = render_bodies(make_doc(date(2026, 11, 27), n_items=3), "https://app.example.vn/unsubscribe/T")
    links = dict((href, label) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', html))
    assert links["https://bantin.example.vn/ban-tin/2026/11/27/"] in ("Xem trên web", "Xem bản tin này trên web")
    assert links["https://bantin.example.vn/luu-tru/"] == "Các tin khác"
    assert [h for h in links if h.startswith("https://app.example.vn")] == ["https://app.example.vn/unsubscribe/T"]
    assert "Xem trên web: https://bantin.example.vn/ban-tin/2026/11/27/" in text
    # contents links look like links in mail apps that drop <style>: inline colour and underline
    toc = re.search(r'<a href="#tin-1"([^>]*)>', html)
    assert toc and "text-decoration: underline" in toc.group(1) and palette()["link"] in toc.group(1)
    assert "text-align: justify" not in html


def test_defaults_file_names_every_identity_key() -> None:
    shipped = tomllib.loads((Path(config.__file__).parent / "defaults.toml").read_text(encoding="utf-8"))
    assert {"url", "subscribe_url", "logo", "og_image", "colors"} <= set(shipped["site"])


def test_exports_lead_to_the_readers_archive(tmp_path: Path) -> None:
    """`bantin export` (html, md): "Các tin khác" goes to the readers' site's archive, not to
    the editors' app on [general] site_url."""
    from digest.bulletin.render import render_html, render_markdown
    from tests.support.site_fixtures import make_doc

    _use(tmp_path, '[general]\nsite_url = "https://app.example.vn/"\n[site]\nurl = "https://bantin.example.vn/"\n')
    doc = make_doc(date(2026, 11, 27), n_items=2)
    assert '<a href="https://bantin.example.vn/luu-tru/">Các tin khác</a>' in render_html(doc)
    assert "[Các tin khác](https://bantin.example.vn/luu-tru/)" in render_markdown(doc)
    assert "app.example.vn" not in render_html(doc) + render_markdown(doc)
