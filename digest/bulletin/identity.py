"""The publisher's identity (``[site]`` colours and logo) for every surface readers and editors
see: the readers' site, the e-mail, the subscribe pages and the editors' app.

Colours are data: ``palette()`` reads ``[site.colors]`` and refuses, with one clear line, a
colour that is not ``#rrggbb`` or a text/background pair below WCAG AA (4.5:1), so no
configuration can ship unreadable navigation. ``css_variables()`` is the one CSS block every
surface includes (``--bt-*`` custom properties). The readers' site's addresses live here too,
so the e-mail can link a bulletin's page without depending on the site package.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from digest.config import project_root, settings, site_dir
from digest.errors import BantinError

AA = 4.5
BULLETIN_DIR = "ban-tin"  # the readers' site keeps each bulletin at ban-tin/YYYY/MM/DD/
ARCHIVE_DIR = "luu-tru"  # the readers' site's archive by year and month ("Các tin khác")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# (text, background) pairs that appear on some surface
PAIRS = [("on_brand", "brand"), ("ink", "paper"), ("muted", "paper"), ("link", "paper"),
         ("brand", "paper"), ("ink", "tint"), ("muted", "tint"), ("link", "tint"), ("brand", "tint"),
         ("dark_ink", "dark_paper"), ("dark_muted", "dark_paper"), ("dark_link", "dark_paper"),
         ("dark_brand", "dark_paper"), ("dark_ink", "dark_tint"), ("dark_muted", "dark_tint"),
         ("dark_link", "dark_tint"), ("dark_brand", "dark_tint")]


class IdentityError(BantinError):
    """The configured identity is unusable."""


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours (1..21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palette() -> dict[str, str]:
    """``[site.colors]``, checked: every colour '#rrggbb', every pair in ``PAIRS`` at least AA."""
    colours = {k: str(v) for k, v in dict(settings()["site"]["colors"]).items()}
    for name, value in colours.items():
        if not _HEX.match(value):
            raise IdentityError(f"[site.colors] {name} = {value!r}: expected a colour like \"#8b1a1a\"")
    for text, background in PAIRS:
        if text not in colours or background not in colours:
            raise IdentityError(f"[site.colors] needs both {text} and {background}")
        ratio = contrast(colours[text], colours[background])
        if ratio < AA:
            raise IdentityError(f"[site.colors] {text} {colours[text]} on {background} {colours[background]} has "
                                f"contrast {ratio:.2f}:1, below WCAG AA {AA}:1")
    return colours


def css_variables(dark: bool = True) -> str:
    """The identity as CSS custom properties (light, and with ``dark`` the dark values where the
    reader's system asks for them; the editors' app, light only, passes False)."""
    c = palette()
    light = "".join(f"--bt-{k.replace('_', '-')}:{v};" for k, v in c.items() if not k.startswith("dark_"))
    # the header bar keeps the brand colour in both modes (its text is on_brand)
    light += f"--bt-bar:{c['brand']};--bt-on-bar:{c['on_brand']};"
    dark = "".join(f"--bt-{k[5:].replace('_', '-')}:{v};" for k, v in c.items() if k.startswith("dark_"))
    css = f":root{{{light}}}\n"
    if dark:
        css += f"@media screen and (prefers-color-scheme: dark){{:root{{{dark}}}}}\n"
    return css


def logo_file() -> Path:
    """The header logo: ``[site] logo`` (relative to the project root) or the shipped mark."""
    configured = settings().value("site", "logo", str).strip()
    if not configured:
        return site_dir() / "docs" / "assets" / "favicon.svg"
    path = Path(configured)
    path = path if path.is_absolute() else project_root() / path
    if not path.is_file():
        raise IdentityError(f"[site] logo = {configured!r}: no such file")
    return path


def _base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def readers_url() -> str:
    """The readers' site base URL, ending in '/': ``[site] url`` or ``[general] site_url``."""
    return _base(settings().value("site", "url", str).strip() or settings().value("general", "site_url", str).strip())


def bulletin_page_url(day: date) -> str:
    """A bulletin's page on the readers' site, relative to its base: 'ban-tin/2023/05/24/'."""
    return f"{BULLETIN_DIR}/{day:%Y}/{day:%m}/{day:%d}/"


def archive_url() -> str:
    """The readers' site's archive, absolute: where "Các tin khác" leads from a mail or an export."""
    return readers_url() + ARCHIVE_DIR + "/"


def subscribe_url() -> str:
    """Where subscribe boxes post: ``[site] subscribe_url`` or ``[general] site_url`` + 'subscribe'."""
    configured = settings().value("site", "subscribe_url", str).strip()
    return configured or _base(settings().value("general", "site_url", str).strip()) + "subscribe"
