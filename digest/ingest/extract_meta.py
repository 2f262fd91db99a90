"""Article metadata from a parsed page: title, publication date, authors, description.

Sources, most trusted first: JSON-LD (``NewsArticle`` and kin), ``<meta>`` tags, then the page's
visible text (headline, byline elements, a byline closing the body, day-first Vietnamese dates).
Every function takes an lxml tree and never raises on odd markup.

Titles: an <h1> agreeing with og:title/<title>/JSON-LD, or making up most of the <title>, is the
headline; site names are stripped from either end of <title> (the og:site_name, the home link's
text, outlet-like words); a page without a story <h1> takes the part of its <title> it shows as a
block of its own (:func:`headline_on_page`). Outlet words are matched with their diacritics where
folding would confuse them with names or headline words ("Báo" / Bảo, "dự báo", "Đài Loan").
"""

from __future__ import annotations

import html as html_lib
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from digest.text import VN_TZ, clean_line, fold, parse_vn_datetime

_ARTICLE_TYPES = {
    "newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report",
    "scholarlyarticle", "techarticle", "liveblogposting", "webpage", "socialmediaposting",
}


@dataclass
class PageMeta:
    """What the page says about itself (each field may be missing)."""

    title: str = ""
    og_title: str = ""
    html_title: str = ""
    h1: str = ""
    headline_on_page: str = ""  # the <title> part shown as a block (pages without a story <h1>)
    description: str = ""
    published_at: datetime | None = None
    date_source: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str = ""
    publisher: str = ""
    article_body: str = ""  # JSON-LD articleBody, when the page ships one


# ---- JSON-LD ----------------------------------------------------------------------------------


def _json_objects(tree) -> list[dict]:
    objects: list[dict] = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            # Outlets ship JSON-LD with trailing commas or raw newlines; retry a repaired copy.
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except ValueError:
                continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values if v}


def _names(value) -> list[str]:
    """Author names from a JSON-LD author value (str, dict, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            if "organization" in _types(item):
                continue
            item = item.get("name")
        if isinstance(item, str):
            out.append(unescape(item))
    return out


def _jsonld_article(objects: list[dict]) -> dict:
    best: dict = {}
    for obj in objects:
        types = _types(obj)
        if not (types & _ARTICLE_TYPES):
            continue
        # Prefer a real article type over WebPage, and one that has a date.
        rank = (bool(types - {"webpage"}), bool(obj.get("datePublished")), bool(obj.get("headline")))
        if not best or rank > best["_rank"]:
            best = dict(obj) | {"_rank": rank}
    return best


# ---- dates ------------------------------------------------------------------------------------

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
    "article_date_original", "original-publish-date", "bt:pubdate", "created", "itemdatepublished",
)


_WORD_DATE = re.compile(
    r"\b(?:ngày\s+)?([0-3]?\d)\s+tháng\s+([01]?\d)\s*(?:,\s*|năm\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


_US_DATE = re.compile(r"(\d\d?)/(\d\d?)/(\d{4})\s+(\d\d?):(\d\d)(?::(\d\d))?\s*([AaPp][Mm])$")


def parse_date(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 or a day-first Vietnamese date; naive -> Vietnam time."""
    value = clean_line(value)
    if not value:
        return None
    iso = value.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", value) else value
    iso = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", iso.replace("Z", "+00:00"))
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = None
    if moment is None:
        match = re.match(r"(\d{4})[/.](\d\d?)[/.](\d\d?)", value)  # 2023/05/24 (year first)
        if match:
            try:
                moment = datetime(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                moment = None
    if moment is None:
        # ASP.NET's en-US default, "3/24/2024 7:12:35 AM", in meta tags: month first. The AM/PM
        # marks that culture; day-first Vietnamese dates write "SA"/"CH" or a 24-hour clock.
        match = _US_DATE.match(value)
        if match:
            hour = int(match[4]) % 12 + (12 if match[7].upper() == "PM" else 0)
            try:
                moment = datetime(int(match[3]), int(match[1]), int(match[2]), hour,
                                  int(match[5]), int(match[6] or 0))
            except ValueError:
                moment = None
    if moment is None:
        # Joomla's Vietnamese dates: "Thứ tư, 24 Tháng 5 2023 09:30" (no "năm"): make it 24/5/2023.
        moment = parse_vn_datetime(_WORD_DATE.sub(r"\1/\2/\3", value))
    if moment is None or not 1990 <= moment.year <= 2100:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def unescape(value: str | None) -> str:
    """Undo HTML entities, twice: some outlets escape meta content twice ('&amp;#7897;')."""
    value = value or ""
    for _ in range(2):
        if "&" not in value:
            break
        value = html_lib.unescape(value)
    return value


def _meta_map(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in out:
            out[key] = unescape(content).strip()
    return out


# Visible date lines: a header block holding the date near the headline.
_DATE_BLOCKS = (
    '//*[@itemprop="datePublished"]', "//time[@datetime]",
    '//*[@class][contains(concat(" ",normalize-space(@class)," ")," date ")]',
    '//*[@class][contains(@class,"publish") or contains(@class,"date") or contains(@class,"time")]',
)
# ([@class] first: the same elements, but the string tests skip the many class-less ones;
# these look-ups were a tenth of extraction on pages without a structured date or author.)
# Today's date in a page header ("Thứ Bảy, 28/11/2026" beside the logo) is not the article's.
_CLOCK = re.compile(r"(?i)current|today|clock|datetimenow|weather|calendar|expire|timeline|live")
_SITE_HEADER = re.compile(r"(?i)^(header|site-header|top|topbar|top-bar|masthead|menu|navbar)$")


def _date_elements(tree):
    """Date-bearing elements, those after the headline first, page-header clocks left out."""
    seen: set = set()
    for after_h1 in (True, False):
        for xpath in _DATE_BLOCKS:
            path = "//h1[1]/following::" + xpath[2:] if after_h1 else xpath
            try:
                found = tree.xpath(path)[:20]
            except etree.XPathError:
                continue
            for el in found:
                if el in seen:
                    continue
                seen.add(el)
                own = f"{el.get('class') or ''} {el.get('id') or ''}"
                if _CLOCK.search(own) or el.xpath("ancestor::header|ancestor::nav|ancestor::footer"):
                    continue
                if any(_SITE_HEADER.match((a.get("id") or "").strip()) or
                       any(_SITE_HEADER.match(c) for c in (a.get("class") or "").split())
                       for a in el.iterancestors()):
                    continue
                yield el


# Every Vietnamese outlet shows its press licence in the header or footer ("Giấy phép số
# 48/GP-BTTTT cấp ngày 05/02/2020"): a date in the page that is never the article's.
_LICENCE = re.compile(r"(?i)(giấy phép|gpxb|gp-\w+)[^\n]{0,120}?(cấp|ngày)[^\n\d]{0,12}"
                      r"[0-3]?\d\s*[/\-.]\s*[01]?\d\s*[/\-.]\s*(?:19|20)\d\d")


def page_date(tree) -> datetime | None:
    """A day-first Vietnamese date shown in the page: a date element, else the first in the text."""
    for el in _date_elements(tree):
        for value in (el.get("datetime"), el.get("content"), el.text_content()):
            moment = parse_date(value) if value else None
            if moment:
                return moment
    body = tree.find("body")
    text = body.text_content() if body is not None else ""
    moment = parse_vn_datetime(_LICENCE.sub(" ", text[:20000]))
    if moment is None:
        moment = _htmldate(tree)
    return moment


def _htmldate(tree) -> datetime | None:
    """Last resort for pages in other languages ("May 22, 2023"): htmldate's page scan."""
    try:
        from htmldate import find_date

        # No extensive search: it guesses from any date-like text (a quarter of extraction's
        # time on the pages that reach it) where a null date is better than a wrong one.
        found = find_date(tree, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a helper library failing means "no date"
        return None
    return parse_date(found) if found else None


# ---- authors ----------------------------------------------------------------------------------

# Words that make a short line an outlet's name. Matched with their diacritics where the folded
# form is also an ordinary word or a given name: "Báo" (newspaper) is not "Bảo" (a name), and
# "dự báo", "thông báo", "Đài Loan", "hóa đơn điện tử" belong to headlines.
_OUTLET_PHRASES = re.compile(  # anywhere in a name of up to 8 words (folded)
    r"(^|\b)(tap chi|cong ty|trang tin|trang thong tin|cong thong tin|thong tan xa|ttxvn|"
    r"ban bien tap|toa soan|vccorp|bao dien tu|dai phat thanh|dai truyen hinh)(\b|$)"
)
_OUTLET_BRAND = re.compile(  # brand words anywhere in a short name; "điện tử" only closing it
    r"\b(online|news|corp|media|press|tv|radio|group|editor|admin)\b|\bdien tu$"
)
# "Báo Lao Động", "BÁO NHÂN DÂN", "Đài PT-TH X", "Tạp chí Y": the word then a capitalised name.
_OUTLET_NAMED = re.compile(r"(?:^|(?<=\s))(báo|đài|tạp chí|kênh)\s+(\S+)", re.IGNORECASE)
_NOT_OUTLET_AFTER = frozenset(("loan", "cáo", "động", "giá", "chí", "hiệu"))


def _outlet_words(name: str, folded: str) -> bool:
    words = folded.split()
    if len(words) <= 8 and (_OUTLET_PHRASES.search(folded) or _OUTLET_BRAND.search(folded)):
        return True
    if folded == name.lower() and re.match(r"(bao|dai|tap chi)\s", folded) and 3 <= len(words) <= 6:
        return True  # written without diacritics ("Bao Nhan Dan")
    for match in _OUTLET_NAMED.finditer(name):
        word, following = match[1], match[2]
        if fold(word) == "bao" and word.lower() not in ("báo", "bao"):
            continue  # "Bảo", "Bạo": a name or a word, not "Báo"
        if fold(word) == "dai" and (word.lower() not in ("đài", "dai") or len(words) < 3):
            continue  # "Đài Trang" is a given name; a station names itself at more length
        if following[0].isupper() and following.lower() not in _NOT_OUTLET_AFTER:
            return True
    return False

_BYLINE_TAIL = re.compile(
    r"\s*[\(\[](tổng hợp|tổng hơp|th|lược dịch|dịch|biên dịch|theo [^)\]]*|ảnh[^)\]]*|"
    r"thực hiện|ghi|giới thiệu|trích|nguồn[^)\]]*|[a-zđ.]{1,12}|[A-ZĐ]{2,}[^)\]]*)[\)\]]\s*$",
    re.IGNORECASE,
)


# Vietnamese outlets whose names turn up in bylines ("Theo Vân Anh / Lao Động").
KNOWN_OUTLETS = frozenset(fold(n) for n in (
    "Lao Động", "Tuổi Trẻ", "Thanh Niên", "VnExpress", "Dân trí", "Dân Việt", "TTXVN", "VietnamPlus",
    "Nhân Dân", "Người Lao Động", "NLĐ", "Pháp Luật", "PLO", "Vietnamnet", "VTC News", "VTV", "VOV",
    "Zing", "Znews", "Kenh14", "Afamily", "CafeF", "CafeBiz", "VnEconomy", "Tiền Phong", "Hà Nội Mới",
    "Sài Gòn Giải Phóng", "SGGP", "Công an nhân dân", "CAND", "Quân đội nhân dân", "QĐND",
    "Giao thông", "Đầu tư", "Infonet", "Soha", "Gia đình & Xã hội", "Chinhphu.vn", "Báo Chính phủ",
    "Reuters", "AFP", "AP", "Bloomberg", "CNN", "BBC", "Xinhua", "Tân Hoa Xã", "Sputnik", "Yonhap",
    "Kyodo", "NHK", "SCMP", "Global Times", "The Guardian", "New York Times", "Washington Post",
))


def _hostname(url: str) -> str:
    """The URL's host; "" for none, or for a malformed URL (an unclosed IPv6 bracket...)."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def is_outlet_name(name: str, url: str = "", outlets: tuple[str, ...] = ()) -> bool:
    """True for names that are the outlet, a web address or a number, not a person."""
    folded = fold(name).strip()
    if not folded or re.search(r"https?:|www\.|\.(vn|com|net|org)\b|@|^\d+$", folded):
        return True
    squashed = re.sub(r"[^a-z0-9]", "", folded)
    host = _hostname(url)
    generic = {"www", "m", "vn", "com", "net", "org", "gov", "edu"}
    labels = [label for label in host.split(".") if label not in generic]
    # "TUOI TRE ONLINE" on tuoitre.vn; not "Quảng Trị công bố ..." on quangtri.gov.vn.
    if any(len(label) > 2 and ((label in squashed and len(squashed) - len(label) <= 8) or squashed in label)
           for label in labels):
        return True
    if any(squashed and squashed == re.sub(r"[^a-z0-9]", "", fold(o)) for o in outlets if o):
        return True
    if folded in KNOWN_OUTLETS or re.search(r"\s(vn|com|net|org)$", folded):
        return True
    return _outlet_words(clean_line(name), folded)


def clean_author(value: str | None) -> str:
    """One byline as written, minus 'Theo', '(tổng hợp)', trailing '/ Outlet' and punctuation."""
    name = clean_line(value).strip(" -–—|:;,.")
    name = re.sub(r"^(bài|bài và ảnh|bài, ảnh|ảnh|tin|tin, ảnh|nhóm phóng viên|tác giả|by)\s*[:：]\s*",
                  "", name, flags=re.IGNORECASE)
    name = re.sub(r"^(theo|nguồn|by)\s+", "", name, flags=re.IGNORECASE)
    for _ in range(2):
        name = _BYLINE_TAIL.sub("", name).strip(" -–—|:;,.")
    # "Vân Anh / Lao Động" -> "Vân Anh"; "Trí Hòa / Theo EW" -> "Trí Hòa"
    if "/" in name:
        name = name.split("/")[0].strip()
    return name.strip(" -–—|:;,.")


# First words of short capitalised lines that are labels, not names; lower case WITH diacritics,
# as many are given names once folded ("Ảnh" / Anh, "Quảng cáo" / Quang, "Tin" / Tín).
_NOT_NAMES = frozenset(
    "related tags tag share comments comment advertisement read more top home menu video photo "
    "xem tin bài ảnh chia liên quảng từ đọc mục chuyên sự dòng".split()
)
# Two-word labels whose first word is also a name ("Bình luận" / Bình An, "Trang chủ" / Trang Trần).
_NOT_NAME_PAIRS = frozenset(("bình luận", "trang chủ", "trang tiếp", "trang sau", "trang trước",
                             "đồng hồ", "thanh toán", "hỗ trợ", "liên hệ", "đăng nhập", "đăng ký"))


def looks_like_byline(text: str) -> bool:
    """A short line that can only be a name: 'Hà Thu (tổng hợp)', 'THUẬN VĂN, LÊ ÁNH', 'PV', 'T.N'."""
    line = clean_line(text)
    if not line or len(line) > 60 or line.endswith((".", "?", "!", ":", "\"", "”")) and not re.search(
        r"\b[A-ZĐ]\.[A-ZĐ]?\.?$", line
    ):
        return False
    name = clean_author(line)
    if not name or len(name) > 45 or re.search(r"\d", name):
        return False
    words = re.split(r"[\s,\-–&]+", name)
    words = [w for w in words if w]
    if not 1 <= len(words) <= 8:
        return False
    first = words[0].lower()
    if first in _NOT_NAMES or (first.isascii() and fold(first) in _NOT_NAMES) \
            or " ".join(words[:2]).lower() in _NOT_NAME_PAIRS:
        return False
    # Every word capitalised (names, initials) or all upper case.
    return all(w[0].isupper() or w in {"và", "-", "&"} for w in words)


_LINK = re.compile(r"(?i)\s*(https?:|www\.|//)")


def split_authors(value: str) -> list[str]:
    """'NHẬT XUÂN;NGHI VŨ' -> ['NHẬT XUÂN', 'NGHI VŨ']; keeps 'Thu Thảo - Hoàng Vũ' whole. A
    link (meta author = the outlet's Facebook page) names nobody."""
    parts = [p for p in re.split(r"\s*;\s*", value) if not _LINK.match(p)]
    return [a for a in (clean_author(p) for p in parts) if a]


# ---- title ------------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"(\s+(?:::|[-|–—:»·])\s+|\s*\|\s*)")


def _title_parts(title: str) -> tuple[list[str], list[str]]:
    """'A - B | C' -> (['A', 'B', 'C'], [' - ', ' | '])."""
    tokens = _TITLE_SEPARATORS.split(title)
    return tokens[0::2], tokens[1::2]


def _is_site(part: str, url: str, site_names: tuple[str, ...]) -> bool:
    return is_outlet_name(part, url, site_names) or any(
        fold(part) == fold(name) for name in site_names if name)


def strip_outlet_suffix(title: str, url: str = "", site_name: str | tuple[str, ...] = "") -> str:
    """'Giá vàng giảm - VnExpress' -> 'Giá vàng giảm'; also a site PREFIX, and a site name that
    holds a separator itself ('Công vụ số - Tin Nội vụ - <headline>' with that site name known)."""
    title = clean_line(title)
    names = (site_name,) if isinstance(site_name, str) else tuple(site_name)
    for name in sorted((n for n in names if n and len(n) < len(title)), key=len, reverse=True):
        # A known site name at either end, whatever separators it holds inside.
        for sep in _TITLE_SEPARATORS.finditer(title):
            head, tail = title[:sep.start()], title[sep.end():]
            if fold(head) == fold(name) and tail:
                title = tail
                break
            if fold(tail) == fold(name) and head:
                title = head
                break
    parts, seps = _title_parts(title)
    if len(parts) < 2:
        return title
    lo, hi = 0, len(parts)
    while hi - lo > 1 and (_is_site(parts[hi - 1], url, names) or len(parts[hi - 1]) <= 3):
        hi -= 1
    while hi - lo > 1 and _is_site(parts[lo], url, names):
        lo += 1
    # Rejoin with the separators that were there (only the outlet parts are removed).
    out = parts[lo]
    for i in range(lo + 1, hi):
        out += seps[i - 1] + parts[i]
    return out


def title_runs(title: str) -> set[str]:
    """Runs of a title's parts that open or close it: 'A - B - C' -> A, A - B, B - C, C, A - B - C."""
    parts, seps = _title_parts(clean_line(title))
    runs = set()
    for i in range(1, len(parts) + 1):
        runs.add(parts[0] + "".join(seps[j] + parts[j + 1] for j in range(i - 1)))
        runs.add(parts[-i] + "".join(seps[j] + parts[j + 1] for j in range(len(parts) - i, len(parts) - 1)))
    return {r for r in runs if len(r) >= 8}


_PAGE_CHROME = frozenset("a head title script style nav header footer button select option label".split())


def headline_on_page(tree, titles: list[str], url: str = "", site_names: tuple[str, ...] = ()) -> str:
    """The longest element text of the page that is a run of a title's parts.

    Pages without an <h1> (ASP.NET and Joomla portals set the headline in a <span> or a <td>)
    still show the headline, and their <title> wraps it in site names, before or after: the
    part of the <title> the page shows as a block of its own, outside links and page chrome,
    is the headline.
    """
    runs: set[str] = set()
    for title in titles:
        if title:
            # A headline outweighs the site names around it: a run shorter than the rest of the
            # title is more likely the site's tagline shown in its header.
            runs |= {r for r in title_runs(title) if not _is_site(r, url, site_names)
                     and 2 * len(r) >= len(clean_line(title))}
    body = tree.find("body") if tree is not None else None
    if not runs or body is None:
        return ""
    starts = {r[:8] for r in runs}
    longest = max(len(r) for r in runs)
    best = ""
    for el in body.iter():
        if not isinstance(el.tag, str) or not el.text:
            continue
        opening = clean_line(el.text)[:8]
        # The run may open with a short inline piece ("<b>Hà Nội:</b> ..."): a prefix will do.
        if len(opening) < 3 or (opening not in starts and not any(r.startswith(opening) for r in runs)):
            continue
        # The text node opens a run: climb to the element holding exactly that run.
        node = el
        while node is not None and node is not body:
            text = clean_line(node.text_content())
            if len(text) > longest:
                break
            if text in runs and len(text) > len(best) and _headline_block(node):
                best = text
                break
            node = node.getparent()
    return best


def _headline_block(el) -> bool:
    """Not a link (the site's name links home), not in the page's chrome."""
    if el.tag in _PAGE_CHROME or any(a.tag in _PAGE_CHROME for a in el.iterancestors()):
        return False
    text_len = len(clean_line(el.text_content()))
    return not any(len(clean_line(a.text_content())) * 2 >= text_len for a in el.iter("a"))


def _similar(a: str, b: str) -> bool:
    """Same headline, allowing the small rewordings outlets make between h1 and og:title."""
    fa, fb = fold(a), fold(b)
    if not (fa and fb):
        return False
    if fa == fb or fa in fb or fb in fa:
        return True
    wa, wb = set(re.findall(r"\w+", fa)), set(re.findall(r"\w+", fb))
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.6


def choose_title(h1s: list[str], og_title: str, html_title: str, jsonld_headline: str, url: str,
                 site_name: str | tuple[str, ...], on_page: str = "") -> str:
    """The on-page headline: an h1 agreeing with og:title/<title>/JSON-LD, else those stripped.

    An h1 that agrees with nothing still wins over a shorter <title>: portals title every page
    with their own name ("UBND tỉnh X - Cổng thông tin điện tử") while the h1 is the story's.
    Without such an h1, ``on_page`` (:func:`headline_on_page`: the part of the <title> the page
    shows as a block) beats stripping site names by guesswork.
    """
    names = (site_name,) if isinstance(site_name, str) else tuple(site_name)
    raw = [t for t in (og_title, jsonld_headline, html_title) if t]
    candidates = [strip_outlet_suffix(t, url, names) for t in raw]
    for h1 in h1s:
        if any(_similar(h1, c) for c in candidates):
            return h1
        # An h1 that is most of the <title> is the headline, whatever site names surround it
        # there; a shorter one is the site's name set as the logo.
        if not _is_site(h1, url, names) and any(
                fold(h1) in fold(t) and 2 * len(h1) >= len(t) for t in raw):
            return h1
    headlines = [h for h in h1s if len(h) >= 20 and not is_outlet_name(h, url, names)]
    best = max(headlines, key=len) if headlines else ""
    if on_page and not best:
        return on_page
    # og:title / JSON-LD name the story itself; <title> is often the site's name.
    specific = [strip_outlet_suffix(t, url, names) for t in (og_title, jsonld_headline) if t]
    if best and (not specific or len(best) >= max(len(c) for c in candidates)):
        return best
    for cand in candidates:
        if cand:
            return cand
    return h1s[0] if h1s else ""


# ---- everything -------------------------------------------------------------------------------


def home_link_names(tree, url: str = "") -> list[str]:
    """The site's name as its links to the home page show it (text, or a logo's alt text)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    homes = {"/", "./", "index.php", "/index.php", "/index.html", "/default.aspx"}
    if parts and parts.scheme and parts.netloc:
        root = f"{parts.scheme}://{parts.netloc}"
        homes |= {root, root + "/"}
    names: list[str] = []
    for a in tree.iter("a"):
        if (a.get("href") or "").strip() not in homes:
            continue
        for text in (a.text_content(), *(img.get("alt") or "" for img in a.iter("img")),
                     a.get("title") or ""):
            text = clean_line(text)
            if 3 <= len(text) <= 80 and text not in names and fold(text) not in ("trang chu", "home"):
                names.append(text)
        if len(names) >= 6:
            break
    return names


def read_meta(tree, url: str = "") -> PageMeta:
    """Collect title, description, date, authors and site name from one parsed page."""
    meta = PageMeta()
    objects = _json_objects(tree)
    art = _jsonld_article(objects)
    metas = _meta_map(tree)
    publisher = art.get("publisher") if isinstance(art.get("publisher"), dict) else {}
    meta.publisher = clean_line(str(publisher.get("name") or ""))
    meta.site_name = clean_line(metas.get("og:site_name") or meta.publisher)
    meta.og_title = clean_line(metas.get("og:title") or metas.get("twitter:title"))
    title_el = tree.find(".//title")
    meta.html_title = clean_line(title_el.text_content() if title_el is not None else "")
    h1s = [clean_line(h.text_content()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if len(h) >= 8][:5]
    meta.h1 = h1s[0] if h1s else ""
    headline = clean_line(unescape(str(art.get("headline") or ""))) if art else ""
    names = (meta.site_name, meta.publisher, *home_link_names(tree, url))
    on_page = ""
    if not any(len(h) >= 20 for h in h1s):
        on_page = headline_on_page(tree, [meta.og_title, meta.html_title], url, names)
    meta.title = choose_title(h1s, meta.og_title, meta.html_title, headline, url, names, on_page)
    meta.headline_on_page = on_page if meta.title == on_page else ""
    meta.description = clean_line(
        (unescape(str(art.get("description"))) if art.get("description") else "")
        or metas.get("og:description") or metas.get("description") or metas.get("twitter:description")
    )
    if isinstance(art.get("articleBody"), str):
        meta.article_body = art["articleBody"]

    for value in (art.get("datePublished"), art.get("dateCreated")):
        moment = parse_date(str(value)) if value else None
        if moment:
            meta.published_at, meta.date_source = moment, "metadata"
            break
    if meta.published_at is None:
        for key in _META_DATE_KEYS:
            moment = parse_date(metas.get(key))
            if moment:
                meta.published_at, meta.date_source = moment, "metadata"
                break
    if meta.published_at is None:
        for obj in objects:
            if obj.get("datePublished"):
                moment = parse_date(str(obj["datePublished"]))
                if moment:
                    meta.published_at, meta.date_source = moment, "metadata"
                    break

    outlets = (meta.site_name, meta.publisher)
    names: list[str] = []
    for raw in _names(art.get("author")) if art else []:
        names += split_authors(raw)
    for key in ("dable:author", "article:author", "author", "byl", "sailthru.author", "parsely-author"):
        if not names and metas.get(key):
            names += split_authors(metas[key])
    meta.authors = [n for n in dict.fromkeys(names) if not is_outlet_name(n, url, outlets)]
    return meta


_BYLINE_XPATH = (
    '//*[@rel="author"]',
    '//*[@itemprop="author"]//*[@itemprop="name"]',
    '//*[@class][contains(concat(" ",normalize-space(@class)," ")," author ")]',
    '//*[@class][contains(concat(" ",normalize-space(@class)," ")," byline ")]',
    # "author" covers author-name, author_name, authorname, name-author, article__author ...
    '//*[@class][contains(@class,"author") or contains(@class,"byline") or contains(@class,"tacgia")'
    ' or contains(@class,"tac-gia")]',
    # A short name line right under the headline ("<p class=post-meta>Hạ Trắng</p>").
    "//h1/following-sibling::*[1][self::p or self::div or self::span]",
    # The Vietnamese convention: a right-aligned bold name closing the article.
    '//*[@align or @style][@align="right" or contains(translate(@style," ",""),"text-align:right")]'
    '[not(ancestor::footer)][.//b or .//strong or self::b or self::strong]',
)


def dom_bylines(tree, url: str = "", outlets: tuple[str, ...] = ()) -> list[str]:
    """Bylines shown in the page (author/byline elements), as written."""
    for xpath in _BYLINE_XPATH:
        found: list[str] = []
        for el in tree.xpath(xpath)[:10]:
            if el.tag in ("meta", "link", "script", "style", "html", "body"):
                continue
            text = clean_line(el.text_content())
            if not text or len(text) > 80 or not looks_like_byline(text):
                continue
            for name in split_authors(text):
                if not is_outlet_name(name, url, outlets) and name not in found:
                    found.append(name)
        if found:
            return found[:1] if len(found) > 3 else found
    return _labelled_byline(tree, url, outlets)


# "Tác giả: Hoàng Minh", "Bài và ảnh: Hoàng Minh" in a meta line ("24/05/2023 | Tác giả: ...").
# A bare "Ảnh:" is a photo credit and "Nguồn:" a source, neither the author.
_BYLINE_LABEL = re.compile(
    r"(?:^|[|\-–•·]\s*|\s)(?:tác giả|người viết|bài và ảnh|bài, ảnh|bài|tin, ảnh|tin và ảnh|"
    r"nhóm phóng viên|phóng viên|pv|author|written by|by)\s*:\s*([^|•·\n]{2,60})",
    re.IGNORECASE,
)
_AUTHOR_CLASS = re.compile(r"(?i)author|byline|tacgia|tac-gia|writer")


def _labelled_byline(tree, url: str, outlets: tuple[str, ...]) -> list[str]:
    """Last resorts: an author-classed element in any letter case ("AuthorName"), then a short
    line near the headline holding a labelled byline ("Tác giả: X")."""
    for el in tree.xpath("//body//*[@class]")[:3000]:
        if not _AUTHOR_CLASS.search(el.get("class") or "") or el.tag in ("html", "body"):
            continue
        text = clean_line(el.text_content())
        if text and len(text) <= 80 and looks_like_byline(text):
            names = [n for n in split_authors(text) if not is_outlet_name(n, url, outlets)]
            if names:
                return names[:3]
    near = tree.xpath("//h1[1]/following::*[self::div or self::span or self::p or self::td or "
                      "self::li or self::em or self::i or self::strong or self::b][position() <= 60]")
    for el in near or tree.xpath("//body//*[self::div or self::span or self::p][position() <= 300]"):
        text = clean_line(el.text_content())
        if not text or len(text) > 150:
            continue
        match = _BYLINE_LABEL.search(text)
        if match:
            name = clean_author(match[1])
            if name and looks_like_byline(name) and not is_outlet_name(name, url, outlets):
                return [name]
    return []


_PARSERS = threading.local()


def _page_parser():
    """This thread's page parser (an lxml parser must not serve two threads at once)."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = lxml_html.HTMLParser(
            remove_comments=True, remove_pis=True, collect_ids=False)
        # lxml.html picks each element's class in Python (form/input/label get their own), on
        # every element the code touches: a tenth of extraction. One class for all, chosen in C.
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


def as_tree(html: str):
    """Parse HTML text to an lxml tree (None for nothing parseable)."""
    if not html or not html.strip():
        return None
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str with an encoding declaration
    try:
        # Comments and processing instructions never carry article text: the parser drops them
        # (as trafilatura's own parser does, so handing it this tree changes nothing).
        return lxml_html.document_fromstring(text, parser=_page_parser())
    except (etree.ParserError, ValueError):
        return None
