"""Article extraction: ``extract_article(html, url)`` -> title, text, published_at, authors.

How the body is found (each rule measured with ``python -m bench.bench_extract``):

1. Per-source selectors win when they match: explicit ones, else those the sources file gives the
   URL's domain (:func:`selectors_for`; ``selectors=None`` looks them up, ``GENERIC`` disables them).
   The body is the text of the matched elements minus the ``drop`` blocks and generic junk
   (scripts, related-link boxes, share bars, widgets).
2. Otherwise the page is parsed once (lxml) and the tree shared. readability-lxml's text is
   taken alone when resiliparse's main-content text (a fifth of readability's cost, wide rather
   than precise) confirms it (:func:`generic_body`): on Vietnamese pages when it holds that text
   and adds no prose; on any page when the two nearly agree (each all but wholly inside the
   other), so a third reader would only be asked to break a tie there is not. Elsewhere
   trafilatura and readability both run and vote by 4-token shingle agreement:
   * readability's text >= 95 % inside trafilatura's: trafilatura's extra is boilerplate, take
     readability's, unless that extra is mostly long sentences (a story split into several
     containers, of which readability kept one);
   * trafilatura's text >= 90 % inside a readability text twice as long: trafilatura stopped
     early, take readability's;
   * otherwise trafilatura's.
3. The lead (sapo) shown under the headline is put first when the body lacks it and the lead is
   Vietnamese (an English standfirst is not story text in AEB's ground truth): the element
   echoing the description, a "sapo"/"summary" element after the <h1>, or a Vietnamese lead-classed
   element ("description", "ArticleSummary", "TomTat" ...) that the body's first paragraph follows
   directly (templates set the lead outside the body's container).
4. Paragraph filters drop "Xem thêm"/"Tin liên quan" lines, share widgets and
   print/mail bars ("PDF In E-mail", "In trang | Gửi email | Về đầu trang"), date lines ("Lần cập
   nhật cuối (...)"), calls to action and a byline closing the body (it becomes the author when
   the page names no better one).

Measured (2 shared cores, one process): AEB F1 0.974 (trafilatura 0.960, readability 0.954)
at about 1.2x trafilatura's pages per CPU-second; vi-real body F1 0.995 generic and 0.996 with
the known selectors, title/date/author 16/16; the demo corpus as crawled (``--set demo``)
175/175 titles, authors and bodies (bench/extract-figures.md). Each switch in :data:`RULES` is
weighed leave-one-outlet-out by ``python -m bench.bench_extract --ablate``.

Photo captions inside the article container are kept unless ``drop_captions=True`` (what the
crawl uses): the vi-real ground truth counts them as article text. Dropped are caption elements
(figcaption, "caption" classes, VnExpress's p.Image), the text of a small table or figure holding
an image (table.tplCaption, Joomla image tables), a short italic or centred line right under an
image, and lines ending in a photo credit ("Ảnh: ...", ". Ảnh minh họa"). Metadata (title, date, authors) comes from
:mod:`digest.ingest.extract_meta`. Nothing here raises on bad input: an empty ``text`` = "no article".
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree

from digest.ingest.decode import decode_html
from digest.ingest.extract_meta import (
    as_tree,
    clean_author,
    dom_bylines,
    is_outlet_name,
    looks_like_byline,
    page_date,
    parse_date,
    read_meta,
    split_authors,
)
from digest.ingest.sources import Selectors, known_selectors
from digest.text import clean_line, clean_text, fold, to_vn

log = logging.getLogger(__name__)

MIN_WORDS = 12  # fewer words than this is not an article (a menu, an error line)

# The generic path's rules, each switchable so the benchmark can weigh it leave-one-outlet-out
# (``python -m bench.bench_extract --ablate``): a rule stays only if it helps on outlets it was
# not written for. Switching one off is for measurement; the product runs with all on.
RULES: dict[str, bool] = {
    "vi_gate": True,  # Vietnamese pages: readability alone when resiliparse confirms it
    "agree_gate": True,  # any page: readability alone when it and resiliparse nearly agree
    "lead": True,  # the sapo set outside the body's container goes first
    "lead_vi_only": True,  # ... when it is Vietnamese (an English standfirst is not the story)
    "headline_from_body": True,  # a bold first line is the headline on pages without <h1>
    "filter_related": True,  # "Xem thêm", "Tin liên quan" lines
    "filter_widgets": True,  # share/print bars, date lines, box labels
    "filter_cta": True,  # calls to action
    "trailing_byline": True,  # a byline closing the body leaves it (and names the author)
}


GENERIC = Selectors()  # pass as ``selectors`` to use the generic extractor only


@dataclass
class Extracted:
    title: str
    text: str  # paragraphs separated by blank lines, NFC
    published_at: datetime | None
    authors: list[str]
    description: str | None = None
    date_source: str | None = None  # metadata | feed | page | selector
    body_source: str | None = None  # selectors | readability | trafilatura | jsonld | none


# ---- selectors --------------------------------------------------------------------------------


def selectors_for(url: str, explicit: Selectors | None = None) -> Selectors | None:
    """Explicit selectors first, else the known ones for the URL's domain (or a parent domain)."""
    if explicit is not None:
        return explicit
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    table = known_selectors()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        sel = table.get(".".join(parts[i:]))
        if sel:
            return sel
    return None


def select(root, selector: str | None) -> list:
    """Elements matching a CSS selector or an ``xpath:`` expression; [] for bad selectors."""
    if not selector or root is None:
        return []
    try:
        if selector.startswith("xpath:"):
            found = root.xpath(selector[len("xpath:"):])
        else:
            found = root.cssselect(selector)
    except Exception as exc:  # noqa: BLE001 - a bad selector must not lose the article
        log.warning("bad selector %r: %s", selector, exc)
        return []
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) else []


# ---- HTML -> paragraphs -----------------------------------------------------------------------

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li blockquote tr td th figcaption pre section article table ul ol "
    "dd dt dl header footer figure aside main address center caption summary details".split()
)
_SKIP = frozenset("script style noscript template iframe object embed svg button select "
                  "textarea input form head title meta link video audio canvas".split())


def element_paragraphs(root) -> list[str]:
    """Paragraph texts of an element: block elements and <br> separate paragraphs."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = clean_line("".join(buf))
        if line:
            out.append(line)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not tag:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK
        if block or tag == "br":
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        elif tag in ("td", "th"):
            buf.append(" ")
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return out


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs separated by blank lines."""
    tree = as_tree(f"<html><body>{fragment}</body></html>") if fragment else None
    if tree is None:
        return ""
    return "\n\n".join(element_paragraphs(tree.find("body")))


# ---- shingles (the agreement measure) ---------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    # zip of shifted lists builds the n-grams in C (a slice per position cost a fifth of a vote)
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))  # shorter tails end it


def coverage(part: Counter, whole: Counter) -> float:
    """Share of ``part``'s shingles also in ``whole`` (multiset); 1.0 for an empty part."""
    total = sum(part.values())
    if not total:
        return 1.0
    common = part.keys() & whole.keys()
    if len(part) == total:  # no shingle repeats in part (the usual case): a C-level set count
        return len(common) / total
    # min of the two counts per common shingle, in C (a generator here was 4 % of extraction);
    # both maps walk the same set, so they pair up
    return sum(map(min, map(part.__getitem__, common), map(whole.__getitem__, common))) / total


# ---- paragraph filters ------------------------------------------------------------------------

_RELATED = re.compile(
    r"^(>>|»|xem them|tin lien quan|doc them|bai lien quan|tin cung chuyen muc|xem tiep|"
    r"tin moi nhat|dong su kien|co the ban quan tam|ban co the quan tam|video dang duoc xem|"
    r"theo doi .{0,40}tren google news|moi ban doc|tham gia binh luan|binh luan\b|"
    r"chia se bai viet|tin khac|cac tin khac|tin noi bat|doc nhieu|xem nhieu|"
    r"related|read more|see also|more from|sign up|subscribe)",
)
_SHARE_WORDS = frozenset(
    "chia se facebook twitter zalo copy link sao chep in bai luu gui email share tweet like "
    "pinterest linkedin whatsapp telegram messenger print save reddit theo doi follow x".split()
)
_DATE_LINE = re.compile(
    r"^[\W\d_]*(thu (hai|ba|tu|nam|sau|bay)|chu nhat|cn|t[2-7])?[\W\d_]*(gmt|utc)?[\W\d_+]*"
    r"(gio|phut|ngay|thang|nam|sa|ch|am|pm|cap nhat|dang|luc|lan|cuoi|sua|chinh sua|"
    r"thu (hai|ba|tu|nam|sau|bay)|chu nhat|\W|\d)*$"
)


# Print/mail/share tool bars as text: Joomla's "PDF In E-mail", ASP.NET portals' "In trang |
# Gửi bài viết | Về đầu trang", "Bản in", "Cỡ chữ A+ A-". Folded, a whole line of these only.
_WIDGET_ITEM = (
    r"(?:pdf|e-?mail|email|print|in trang|in bai( viet)?|ban in|in|gui (bai( viet)?|email|"
    r"cho ban be|tin)|ve dau trang|len dau trang|dau trang|tro ve|quay lai|chia se|luu( bai)?|"
    r"facebook|zalo|twitter|tweet|copy link|sao chep( lien ket)?|phan hoi|gop y|co chu|font|"
    r"a\+|a-|thich( \d+)?|rss|top)"
)
_WIDGET_LINE = re.compile(rf"^[\W_]*{_WIDGET_ITEM}(?:[\s|/·•,:;\-]+{_WIDGET_ITEM})*[\W_]*$")


def _is_share_widget(folded: str) -> bool:
    words = re.findall(r"[a-z]+", folded)
    if not words or len(folded) >= 60:
        return False
    return all(w in _SHARE_WORDS for w in words) or bool(_WIDGET_LINE.match(folded))


def is_date_line(line: str) -> bool:
    """'Thứ Tư, 24/5/2023 16:40 (GMT+7)' and the like: a line holding only a date."""
    if len(line) >= 70:
        return False
    folded = fold(line)
    return len(folded) < 70 and bool(re.search(r"\d", folded)) and bool(_DATE_LINE.match(folded)) \
        and bool(re.search(r"\d{1,2}[/\-.]\d{1,2}([/\-.]\d{2,4})?|\d{1,2}:\d\d|ngay \d{1,2} thang \d{1,2}", folded))


# Whole lines that are section labels of related-link boxes, never article text.
_LABEL_LINES = frozenset((
    "tin moi", "tin lien quan", "xem them", "doc them", "tin khac", "bai lien quan", "tin cung chuyen muc",
    "co the ban quan tam", "dong su kien", "tin noi bat", "doc nhieu", "xem nhieu", "video", "tin hot",
    "quang cao", "advertisement", "related", "read more", "more stories",
))


# Short calls to action and widget labels that extractors let through (Vietnamese and English).
_CALL_TO_ACTION = re.compile(
    r"^(you may also like|you might also like|don'?t miss|see more|see also|click here|also on |"
    r"like this story|share this|tell us what you think|advert(isement)?$|comments?$|close$|"
    r"follow us|sign up|subscribe|get .{0,40} delivered|more from|recommended|trending|"
    r"\[button|theo doi chung toi|dang ky nhan tin|bam vao day|nhan vao day|click vao day)"
)


_CAPTION_CSS = "figcaption, .PhotoCMS_Caption, .caption, .image-caption, .img-caption, .fig-caption"
_CAPTION = re.compile(
    r"(?i)([-–(.\s]\s*(ảnh|nguồn ảnh|photo|image)\s*:\s*[^.]{1,60}\)?\s*$)|"
    r"^\(?ảnh( minh (họa|hoạ))?\)?[.:]?$|\((ảnh minh (họa|hoạ)|ảnh: [^)]{1,60})\)\s*$|"
    r"[.\-–]\s*ảnh minh (họa|hoạ)\.?\s*$"
)


def is_caption(para: str) -> bool:
    """A photo caption: '... tại bộ phận một cửa. Ảnh: Nguyễn Đông', '(Ảnh minh họa)',
    '... trong giờ làm việc. Ảnh minh họa'."""
    return len(para) < 400 and bool(_CAPTION.search(_caption_key(para)))


def _caption_key(para: str) -> str:
    # trafilatura writes a table cell as "| text |": the caption inside is what counts.
    return clean_line(para).strip("| ").strip()


# Caption elements by class: figcaption kin, VnExpress's <p class="Image">, CMS "image_desc".
_CAPTION_CLASS = re.compile(r"(?i)caption|image_desc|img_desc|image-desc|img-desc|photo-desc|"
                            r"chu-?thich|(^|\s)image(\s|$)")
_INLINE_ITALIC = frozenset(("em", "i"))


def caption_texts(tree) -> set[str]:
    """Texts of the page's photo captions, found by structure rather than wording.

    Caption elements (figcaption, "caption" classes); the text of a small table or figure that
    holds an image (VnExpress's table.tplCaption, Joomla's image tables); and a short italic or
    centred line right after an image-only block.
    """
    found: set[str] = set()

    def add(el) -> None:
        for para in element_paragraphs(el):
            if len(para) < 400:
                found.add(para)

    classed = [el for el in tree.xpath("//*[@class]") if _CAPTION_CLASS.search(el.get("class"))]
    for el in [*tree.iter("figcaption"), *classed][:100]:
        if el.tag not in ("body", "html", "article", "main") and len(el.text_content()) < 600:
            add(el)
    for box in tree.xpath("//table[.//img] | //figure[.//img]")[:100]:
        # An image and a line or two: a caption box. A layout table holding a short notice
        # beside a photo has more paragraphs (or longer ones) and stays.
        if len(clean_line(box.text_content())) < 400 and not box.xpath(".//table[.//img]"):
            paras = element_paragraphs(box)
            if len(paras) <= 2 and all(len(para) < 300 for para in paras):
                found.update(paras)
    for img in tree.xpath("//img")[:200]:
        block = img
        # Climb while the ancestor holds nothing but the image (a <p><a><img></a></p>).
        while block.getparent() is not None and block.getparent().tag not in ("body", "html") \
                and not clean_line(block.getparent().text_content()):
            block = block.getparent()
        nxt = block.getnext()
        if nxt is None or not isinstance(nxt.tag, str):
            continue
        text = clean_line(nxt.text_content())
        if not text or len(text) >= 300:
            continue
        style = (nxt.get("style") or "").replace(" ", "").lower()
        italic = nxt.tag in _INLINE_ITALIC or (
            len(nxt) == 1 and nxt[0].tag in _INLINE_ITALIC and clean_line(nxt[0].text_content()) == text)
        if italic or "text-align:center" in style or nxt.get("align") == "center":
            found.add(text)
    return found


def filter_paragraphs(paras: list[str], title: str = "") -> list[str]:
    """Drop related-link lines, share widgets, date lines and a repeated headline."""
    out = []
    title_f = fold(title)
    for i, para in enumerate(paras):
        # Every test below looks at a short line or a line's start: fold only that much.
        folded = fold(para[:220])
        if RULES["filter_related"] and _RELATED.match(folded) \
                and (len(para) < 200 or folded.startswith((">>", "»"))):
            continue
        if RULES["filter_widgets"] and len(para) < 80 and (
                _is_share_widget(folded) or is_date_line(para) or folded.strip(" :.") in _LABEL_LINES):
            continue
        if RULES["filter_cta"] and len(para) < 120 and _CALL_TO_ACTION.match(folded):
            continue
        if i < 3 and title_f and (folded if len(para) <= 220 else fold(para)) == title_f:
            continue  # (a headline over 220 characters is compared whole)
        if i < 3 and RULES["filter_widgets"] and _is_meta_line(para):
            continue
        out.append(para)
    return out


def _is_meta_line(para: str) -> bool:
    """'PV | Thứ Tư, 25/11/2026 07:00', 'Minh Anh - 08:00 24/5/2023': a byline and a date on one
    short line above the story (the date part alone is :func:`is_date_line`)."""
    if len(para) >= 80:
        return False
    parts = [p.strip() for p in re.split(r"\s[|\-–]\s", para) if p.strip()]
    return 2 <= len(parts) <= 3 and is_date_line(parts[-1]) and \
        all(len(p.split()) <= 4 and not p.endswith(".") for p in parts[:-1])


def split_trailing_byline(paras: list[str], known: list[str]) -> tuple[list[str], list[str]]:
    """Remove bylines closing the body ('Hà Thu (tổng hợp)', 'Theo Vân Anh / Lao Động').

    Returns the remaining paragraphs and the bylines found (cleaned), last line first.
    """
    found: list[str] = []
    known_f = {fold(k) for k in known}
    while paras and len(found) < 3:
        last = paras[-1]
        name = clean_author(last)
        if (fold(name) in known_f and name) or looks_like_byline(last):
            if not name:
                break
            found.append((last, name))
            paras = paras[:-1]
            continue
        break
    # "Trí Hòa" over "Theo EW": a plain name line beats a "Theo <source>" credit; outlets go.
    people = [name for line, name in found if not is_outlet_name(name)]
    plain = [name for line, name in found if not re.match(r"(?i)\s*theo\b", line)
             and not is_outlet_name(name)]
    return paras, (plain + [p for p in people if p not in plain])


# ---- generic body -----------------------------------------------------------------------------


def _trafilatura_paras(tree, url: str) -> list[str]:
    """trafilatura's body text of the shared tree (it works on its own copy)."""
    import trafilatura

    try:
        text = trafilatura.extract(
            tree, url=url or None, include_comments=False, include_tables=True,
            with_metadata=False, deduplicate=False,
            # Fast: no internal readability/justext fallback. The vote below runs the real
            # readability-lxml; measured, trafilatura's own fallback only blurs it (AEB 0.973 -> 0.975).
            fast=True,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party failure means "no candidate"
        log.debug("trafilatura failed on %s: %s", url, exc)
        return []
    return [clean_line(line) for line in (text or "").split("\n") if clean_line(line)]


def _readability_paras(tree, url: str) -> list[str]:
    """readability-lxml's body text of the shared tree (see :func:`_readability_class`)."""
    try:
        summary = _readability_class()(tree).summary(html_partial=True)
    except Exception as exc:  # noqa: BLE001
        log.debug("readability failed on %s: %s", url, exc)
        return []
    body = as_tree(f"<html><body>{summary}</body></html>")
    return element_paragraphs(body.find("body")) if body is not None else []


def _speed_up_readability() -> None:
    """Two of readability-lxml's helpers, replaced by equivalents that cost less.

    ``describe`` names a node for debug messages that are formatted before ``log.debug`` is
    called, hence on every page whether debug logging is on or not (5 % of readability's time):
    it now does its work only when it is. ``clean`` (called on every node's text) passed pattern
    strings to ``re.sub``, paying the regex cache's look-up each time; the same three
    substitutions are now compiled once. Outputs are unchanged (tests/test_extract_basic.py).
    """
    import readability.readability as module

    if getattr(module, "_bantin_fast", False):
        return
    describe = module.describe

    def lazy_describe(node, depth=1):
        return describe(node, depth) if module.log.isEnabledFor(logging.DEBUG) else ""

    runs, newlines, tabs = re.compile(r"\s{255,}"), re.compile(r"\s*\n\s*"), re.compile(r"\t|[ \t]{2,}")

    def clean(text):
        # readability's clean(): cap whitespace runs, then fold newlines and tabs, in that
        # order; each substitution only where it can match (most texts are one short line)
        if len(text) >= 255:
            text = runs.sub(" " * 255, text)
        if "\n" in text:
            text = newlines.sub("\n", text)
        if "\t" in text or "  " in text:
            text = tabs.sub(" ", text)
        return text.strip()

    module.describe, module.clean, module._bantin_fast = lazy_describe, clean, True


@functools.cache  # readability is imported and the class built once, on first use
def _readability_class():
    from lxml.html import fragment_fromstring
    from readability import Document
    from readability.readability import REGEXES

    _speed_up_readability()
    unlikely, maybe = REGEXES["unlikelyCandidatesRe"].search, REGEXES["okMaybeItsACandidateRe"].search
    # readability's divToPElementsRe searched each div's serialised children for these tag
    # openings (a prefix: "<p" is also <param>, <picture>): the elements that make a block.
    block_start = etree.XPath("//*[" + " or ".join(
        f"starts-with(name(),'{tag}')" for tag in "blockquote dl div img ol p pre table ul".split()) + "]")
    inline_tags = frozenset("a b cite code em font i small span strong sub sup u".split())

    class SharedTreeDocument(Document):
        """readability-lxml reading an already parsed tree, with a cheaper clean-up.

        Its own ``_parse`` re-parses the page on every pass and runs lxml's Cleaner, whose
        ``javascript`` option rewrites every link (a third of readability's time): the text it
        extracts does not depend on attributes other than class and id, so dropping the same
        elements (scripts, styles, links, comments, hidden blocks) gives the same text.
        """

        def _parse(self, input):  # noqa: A002 - readability's signature
            doc = copy.deepcopy(input)  # readability edits the tree; each pass starts afresh
            self.encoding = "utf-8"
            for elem in doc.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in doc.xpath("//*[@style]"):
                if REGEXES["displayNoneRe"].search(elem.get("style")):
                    elem.drop_tree()
            etree.strip_elements(doc, "script", "style", "link", etree.Comment,
                                 etree.ProcessingInstruction, with_tail=False)
            etree.strip_attributes(doc, "style")
            for el in doc.iter("image"):
                el.tag = "img"
            return doc

        def remove_unlikely_candidates(self):
            # readability's rule, but only elements with a class or id are looked at (it
            # formatted and searched " " for each of the others: a third of its time here),
            # and each distinct class-and-id string is tested once.
            verdicts: dict[str, bool] = {}
            for elem in self.html.xpath(".//*[@class or @id]"):
                names = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
                verdict = verdicts.get(names)
                if verdict is None:
                    verdict = verdicts[names] = bool(unlikely(names)) and not maybe(names)
                if verdict and elem.tag not in ("html", "body") \
                        and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code") \
                        and not elem.xpath("descendant-or-self::main | descendant-or-self::article"
                                           " | descendant-or-self::math"):
                    elem.drop_tree()

        def transform_misused_divs_into_paragraphs(self):
            """readability's: a div holding no block becomes a <p>; in a div that holds
            blocks, runs of inline children and loose text are wrapped in <p>s.

            Which elements hold a block is found in one pass (readability serialised every
            div's children, and every inline child, to search the markup: a sixth of its time).
            Turning a div into a <p> and wrapping children in new <p>s leave the answer the same
            for every element the loops below look at, so it is computed once, up front.
            """
            holds_block: set = set()
            for el in block_start(self.html):
                for ancestor in el.iterancestors():
                    if ancestor in holds_block:
                        break
                    holds_block.add(ancestor)
            for elem in self.tags(self.html, "div"):
                if elem not in holds_block:
                    elem.tag = "p"
            for elem in self.tags(self.html, "div"):
                children = list(elem)
                paragraph = None
                if elem.text and elem.text.strip():
                    paragraph = fragment_fromstring("<p/>")
                    paragraph.text, elem.text = elem.text, None
                    elem.insert(0, paragraph)
                for child in children:
                    if child.tag == "br" or child.tag not in inline_tags or child in holds_block:
                        paragraph = None
                        continue
                    if paragraph is None:
                        paragraph = fragment_fromstring("<p/>")
                        child.addprevious(paragraph)
                    paragraph.append(child)
                for pos, child in reversed(list(enumerate(elem))):
                    if child.tail and child.tail.strip():
                        para = fragment_fromstring("<p/>")
                        para.text, child.tail = child.tail, None
                        elem.insert(pos + 1, para)
                    if child.tag == "br":
                        child.drop_tree()

    return SharedTreeDocument


def _prose_share(paras: list[str], known: Counter) -> float:
    """Share of the text, outside ``known``, that is in long sentence-ending paragraphs."""
    total = sum(len(p) for p in paras) or 1
    prose = sum(len(p) for p in paras
                if len(p) >= 150 and p.rstrip().endswith((".", "!", "?", "\"", "”", ")"))
                and coverage(shingles(p), known) < 0.5)
    return prose / total


def generic_body(tree, html: str, url: str) -> tuple[list[str], str]:
    """The body without selectors: readability's text when a cheap check confirms it, else the
    vote of readability and trafilatura (:func:`vote`).

    The check on Vietnamese pages (``vi_gate``): resiliparse's main-content text, several times
    cheaper than either extractor and wide rather than precise, holds readability's text and
    adds no prose of its own, so readability neither cut the story short nor kept boilerplate
    that a second reader would have to remove. Measured on Vietnamese pages of outlets none of
    the rules were written for, trafilatura then drops real paragraphs more often than it
    removes junk (the vote's "trafilatura plus gaps" branch); on the English AEB pages it is the
    other way round, so those need the stricter check (``agree_gate``): readability's text at
    least 99 % inside resiliparse's and 80 % of resiliparse's inside readability's. It skips
    trafilatura on about 60 % of AEB pages for 0.002 of F1 (the pages it costs keep photo
    captions readability kept and the ground truth leaves out): a speed rule, not a quality one.
    """
    read = _readability_paras(tree, url)
    if read and (RULES["vi_gate"] or RULES["agree_gate"]):
        vietnamese = RULES["vi_gate"] and is_vietnamese(" ".join(read[:8])[:3000])
        if (vietnamese or RULES["agree_gate"]) and \
                confirmed_by_wide_reader(read, html, strict=not vietnamese):
            return read, "readability"
    return vote(_trafilatura_paras(tree, url), read)


def confirmed_by_wide_reader(paras: list[str], html: str, strict: bool = False) -> bool:
    """``paras`` lie inside resiliparse's main-content text, which adds no prose of its own.

    ``strict`` (pages other than Vietnamese ones): the two texts are nearly the same, ``paras``
    all but wholly inside the wide text and most of that inside ``paras``: two readers of
    different kinds agree, so the vote's third reader (trafilatura) is not asked.
    """
    wide = _resiliparse_paras(html)
    if not wide:
        return False
    known, wide_sh = shingles("\n".join(paras)), shingles("\n".join(wide))
    if coverage(known, wide_sh) < (0.99 if strict else 0.95):
        return False
    if strict and coverage(wide_sh, known) < 0.8:
        return False
    return _prose_share(wide, known) < 0.3


def _resiliparse_paras(html: str) -> list[str]:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        text = extract_plain_text(HTMLTree.parse(html), main_content=True, alt_texts=False,
                                  links=False, list_bullets=False)
    except Exception as exc:  # noqa: BLE001 - no check means the full vote, never a lost page
        log.debug("resiliparse failed: %s", exc)
        return []
    return [line for line in map(clean_line, text.split("\n")) if line]


def vote(traf: list[str], read: list[str]) -> tuple[list[str], str]:
    """Choose between the two candidates by their shingle agreement (see the module doc)."""
    if not read:
        return traf, "trafilatura"
    if not traf:
        return read, "readability"
    ts, rs = shingles("\n".join(traf)), shingles("\n".join(read))
    read_in_traf = coverage(rs, ts)
    traf_in_read = coverage(ts, rs)
    if read_in_traf >= 0.95:
        # trafilatura = readability + more: boilerplate, unless the extra is real prose (a
        # page split into several containers, where readability kept only one).
        if _prose_share(traf, rs) < 0.3:
            return read, "readability"
        return traf, "trafilatura"
    if traf_in_read >= 0.9 and read_in_traf < 0.5:
        return read, "readability"  # trafilatura stopped early
    # Otherwise trafilatura's. (Adding readability's paragraphs found between two shared ones
    # hurt AEB and helped no Vietnamese outlet, measured leave-one-outlet-out: dropped.)
    return traf, "trafilatura"


# ---- lead (sapo) ------------------------------------------------------------------------------

# Lead elements: these tags with a lead-ish class (any case: "ArticleSummary") or data-role=sapo.
# The class test runs in Python: XPath's translate() on every element cost 8 % of extraction.
_LEAD_XPATH = ('//*[self::p or self::h2 or self::div or self::span or self::h3 or self::strong or '
               'self::td][@class or @data-role="sapo"]')
_LEAD_WORDS = re.compile(r"(?i)sapo|lead|description|summary|chap(?:eau|o)|intro|excerpt|desc|teaser|"
                         r"abstract|standfirst|tomtat|tom-tat")


def _lead_elements(tree, limit: int = 40) -> list:
    found = []
    for el in tree.xpath(_LEAD_XPATH):
        if el.get("data-role") == "sapo" or _LEAD_WORDS.search(el.get("class") or ""):
            found.append(el)
            if len(found) >= limit:
                break
    return found


_LEAD_CLASS = re.compile(r"(?i)sapo|summary")
_LEAD_CLASS_CS = re.compile(  # the class words as the original (case-sensitive) rule matched them
    r"sapo|lead|description|summary|chapeau|intro|excerpt|desc|teaser|abstract|standfirst")


def _text_after(el, limit: int = 600) -> str:
    """The page's text right after ``el`` (its following siblings, then its parent's), cut short."""
    out: list[str] = []
    size = 0
    node = el
    while node is not None and size < limit:
        if node.tail:
            out.append(node.tail)
            size += len(node.tail.strip())
        for sib in node.itersiblings():
            if size >= limit:
                break
            if isinstance(sib.tag, str) and sib.tag not in _SKIP:
                for text in sib.itertext():
                    out.append(text)
                    size += len(text.strip())
                    if size >= limit:
                        break
            if sib.tail:
                out.append(sib.tail)
                size += len(sib.tail.strip())
        node = node.getparent()
    return clean_line(" ".join(out))


_VI_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ"
                         "ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]")
_VI_WORD = re.compile(r"\S*" + _VI_LETTERS.pattern + r"\S*")


def is_vietnamese(text: str) -> bool:
    """Vietnamese prose: at least one word in six carries a Vietnamese letter or tone."""
    words = len(text.split())
    # One C-level scan counts the words holding such a letter (a search per word cost more
    # than the check saves where the gate runs it on every page).
    return bool(words) and len(_VI_WORD.findall(text.lower())) * 6 >= words


def find_lead(tree, description: str, first_para: str = "") -> str:
    """The lead paragraph as shown on the page: a sapo element, or the description's echo.

    Without a description, a lead-classed element ("sapo", "description", "ArticleSummary" ...)
    counts when it sits right after the headline and is named sapo/summary, or when it is
    Vietnamese and the page's text right after it opens with the body's first paragraph: a lead
    set outside the body's container, as many Vietnamese templates do (the sapo is the story's
    opening there; an English standfirst is not article text in the AEB ground truth).
    """
    desc_sh = shingles(description) if description else Counter()
    opening = clean_line(first_para)[:60]
    fallback = ""
    for el in _lead_elements(tree):
        if el.xpath('ancestor-or-self::*[self::head or self::a or self::li or self::nav or self::footer]'):
            continue
        text = clean_line(el.text_content())
        if not 40 <= len(text) <= 1200:
            continue
        # Class names matched case-insensitively, and table cells, are Vietnamese portals' ways
        # ("ArticleSummary"); elsewhere they are as likely a standfirst the body excludes.
        if (el.tag == "td" or not (_LEAD_CLASS_CS.search(el.get("class") or "")
                                   or el.get("data-role") == "sapo")) and not is_vietnamese(text):
            continue
        sh = shingles(text)
        if desc_sh and (coverage(desc_sh, sh) >= 0.6 or coverage(sh, desc_sh) >= 0.6):
            return text
        if fallback:
            continue
        # Vietnamese outlets mark the lead "sapo"; trust that name (or summary/lead/chapeau)
        # without a description when it sits right after the headline.
        if (_LEAD_CLASS.search(el.get("class") or "") or el.get("data-role") == "sapo") \
                and el.xpath("preceding::h1"):
            fallback = text
        elif len(opening) >= 30 and opening not in text and is_vietnamese(text) \
                and opening in _text_after(el):
            own = element_paragraphs(el)  # one paragraph of prose, not a box holding a script
            if len(own) == 1 and 40 <= len(own[0]) <= 1200:
                fallback = own[0]
    if not fallback and len(opening) >= 30:
        fallback = _bold_lead_after_headline(tree, opening)
    return fallback


def _bold_lead_after_headline(tree, opening: str) -> str:
    """A class-less lead: a wholly bold paragraph (or an <h2>) just under the <h1>, in
    Vietnamese, that the body's first paragraph follows directly."""
    for el in tree.xpath("//h1[1]/following::*[self::p or self::div or self::h2][position() <= 8]"):
        text = clean_line(el.text_content())
        if not 40 <= len(text) <= 1200 or opening in text or not is_vietnamese(text):
            continue
        bold = el.tag == "h2" or any(
            child.tag in ("b", "strong") and clean_line(child.text_content()) == text for child in el)
        if bold and len(element_paragraphs(el)) == 1 and opening in _text_after(el):
            return text
    return ""


def add_lead(paras: list[str], lead: str) -> list[str]:
    """Put the lead first unless the body's opening paragraphs already hold it."""
    if not lead:
        return paras
    lead_sh = shingles(lead)
    head = shingles("\n".join(paras[:4]))
    if not lead_sh or coverage(lead_sh, head) >= 0.6:
        return paras
    # A partial copy of the lead at the top ("(NLĐO)- ..." lost its prefix) is replaced by it.
    if paras and coverage(shingles(paras[0]), lead_sh) >= 0.8:
        return [lead, *paras[1:]]
    return [lead, *paras]


def _headline_from_body(tree, title: str, paras: list[str]) -> tuple[str, list[str]]:
    """A page without <h1> whose body opens with a bold headline: that line is the title.

    Old templates set the headline in <b>/<font>/<h2>; the <title> tag may say something else
    (a section name, a placeholder), so the on-page line wins and leaves the body.
    """
    first = paras[0]
    if not 10 <= len(first) <= 200 or first.rstrip().endswith((".", ":", ";", ",")):
        return _headline_above(tree, paras) or title, paras
    if fold(first) == fold(title):
        return title, paras[1:]
    for el in tree.xpath("//b|//strong|//font|//h2|//h3|//*[contains(@class,'title')]")[:300]:
        if clean_line(el.text_content()) == first:
            return first, paras[1:]
    return _headline_above(tree, paras) or title, paras


_HEADLINE_ABOVE = ("preceding::*[self::b or self::strong or self::font or self::h2 or self::h3 or "
                   "contains(@class,'title')][position() <= 12]")


def _headline_above(tree, paras: list[str]) -> str:
    """A headline the body left out: the nearest bold or title-classed line of four words or
    more, not a sentence, above the element where the body's text starts."""
    body = tree.find("body")
    if body is None:
        return ""
    for para in paras[:2]:  # the lead may stand first, from outside the story's container
        opening = para[:20]
        if len(opening) < 20:
            continue
        start = next((el for el in body.iter("p", "div", "span", "td", "font")
                      if el.text and clean_line(el.text[:80]).startswith(opening)), None)
        if start is None:
            continue
        for el in reversed(start.xpath(_HEADLINE_ABOVE)):  # nearest first
            text = clean_line(el.text_content())
            if 10 <= len(text) <= 200 and len(text.split()) >= 4 \
                    and not text.endswith((".", ":", ";", ",")) and text not in paras[0]:
                return text
    return ""


# ---- the extractor ----------------------------------------------------------------------------


def _empty(feed_date: datetime | None) -> Extracted:
    published = to_vn(feed_date) if feed_date else None
    return Extracted(title="", text="", published_at=published, authors=[],
                     date_source="feed" if published else None, body_source="none")


def extract_article(
    html: str,
    url: str,
    selectors: Selectors | None = None,
    feed_date: datetime | None = None,
    *,
    drop_captions: bool = False,
    errors: Literal["skip", "raise"] = "skip",
) -> Extracted:
    """Extract one article; an empty ``text`` means "no article".

    ``errors`` says what a failure inside the extractor does: ``"skip"`` (the default) logs it
    and returns an empty result, so bad input is "no article", never a crash; ``"raise"`` lets
    the exception through, for tests (fuzzing sees crashes) and for the crawl, which records
    it per page as an ``extract_error``.

    Photo captions inside the article container are kept by default, as the vi-real ground
    truth keeps them (Vietnamese outlets write them as part of the story); ``drop_captions``
    removes them (what the crawl stores): caption elements, captions found by structure
    (:func:`caption_texts`: image tables, an italic line under a photo) and paragraphs ending in
    a photo credit ("Ảnh: ...", ". Ảnh minh họa").

    ``selectors`` override the generic extractor where they match; ``None`` means the known
    selectors for the URL's domain (:func:`selectors_for`), and ``GENERIC`` (empty) means none.
    ``feed_date`` is used when the page carries no structured date.
    """
    try:
        if selectors is None:
            selectors = selectors_for(url or "", None)
        return _extract(html, url or "", selectors, feed_date, drop_captions)
    except Exception as exc:  # noqa: BLE001 - the contract: bad input is "no article", not a crash
        if errors == "raise":
            raise
        log.warning("extraction failed for %s: %s: %s", url, type(exc).__name__, exc)
        return _empty(feed_date)


def _extract(html, url: str, selectors: Selectors | None, feed_date: datetime | None,
             drop_captions: bool = False) -> Extracted:
    if isinstance(html, bytes):
        html = decode_html(html)
    if not isinstance(html, str) or not html.strip():
        return _empty(feed_date)
    html = html.replace("\x00", "")
    tree = as_tree(html)
    if tree is None:
        return _empty(feed_date)
    meta = read_meta(tree, url)
    outlets = (meta.site_name, meta.publisher)

    title = meta.title
    if selectors and selectors.title:
        found = [clean_line(el.text_content()) for el in select(tree, selectors.title)]
        title = next((t for t in found if t), title)

    # Body.
    paras: list[str] = []
    body_source = "none"
    used_selector = False
    # One parse serves every reader: trafilatura and readability get this tree (each works on
    # its own copy); the selector path edits a copy, so a selector that misses leaves it whole.
    pristine = tree
    if selectors and selectors.body:
        tree = copy.deepcopy(pristine)
        for css in selectors.drop:
            for el in select(tree, css):
                _remove(el)
        matched = select(tree, selectors.body)
        # Nested matches (a group selector hitting a parent and its child) count once.
        matched = [el for el in matched if not any(o is not el and _contains(o, el) for o in matched)]
        if drop_captions:
            for el in select(tree, _CAPTION_CSS):
                _remove(el)
        for el in matched:
            _strip_junk(el)
            paras += element_paragraphs(el)
        if sum(len(p) for p in paras) >= 80:
            body_source, used_selector = "selectors", True
        else:
            paras = []
    if not used_selector:
        paras, body_source = generic_body(pristine, html, url)
        if not paras and meta.article_body:
            paras, body_source = [p for p in clean_text(meta.article_body).split("\n\n") if p], "jsonld"
        # An English body has no Vietnamese lead to find: skip the search (7 % of AEB time).
        if paras and RULES["lead"] and (not RULES["lead_vi_only"]
                                        or is_vietnamese(" ".join(paras[:3])[:2000])):
            lead = find_lead(tree, meta.description, paras[0])
            if not RULES["lead_vi_only"] or is_vietnamese(lead):
                paras = add_lead(paras, lead)
    # A bold opening line is the headline only when the page showed none (filter_paragraphs
    # still drops a copy of the headline found).
    if paras and RULES["headline_from_body"] and not meta.h1 and not meta.headline_on_page \
            and not (selectors and selectors.title):
        title, paras = _headline_from_body(tree, title, paras)
    paras = filter_paragraphs(paras, title)
    if drop_captions:
        captions = caption_texts(tree)
        paras = [p for p in paras if not is_caption(p) and _caption_key(p) not in captions]

    # Authors: selector > structured person names > byline elements > a byline closing the body.
    authors: list[str] = []
    if selectors and selectors.author:
        for el in select(tree, selectors.author):
            for name in split_authors(el.text_content()):
                # "A - B" then "A", "B" (a joint byline and its parts): keep the first form.
                if name and not any(fold(name) in fold(a) for a in authors):
                    authors.append(name)
    if not authors:
        authors = list(meta.authors)
    paras, tail_names = split_trailing_byline(paras, authors) if RULES["trailing_byline"] \
        else (paras, [])
    if not authors:
        authors = dom_bylines(tree, url, outlets)
    if not authors:
        authors = [n for n in tail_names[:1] if not is_outlet_name(n, url, outlets)]

    # Date: selector > structured metadata > feed > the page's visible date.
    published, date_source = None, None
    if selectors and selectors.date:
        for el in select(tree, selectors.date):
            published = parse_date(el.get("datetime") or el.get("content") or el.text_content())
            if published:
                date_source = "selector"
                break
    if published is None and meta.published_at:
        published, date_source = meta.published_at, meta.date_source
    if published is None and feed_date is not None:
        published, date_source = to_vn(feed_date), "feed"
    if published is None:
        published = page_date(tree)
        date_source = "page" if published else None

    text = clean_text("\n\n".join(paras))
    if len(_TOKEN.findall(text)) < MIN_WORDS:
        text = ""  # a caption or a menu is not an article
    return Extracted(
        title=title,
        text=text,
        published_at=published,
        authors=authors,
        description=meta.description or None,
        date_source=date_source,
        body_source=body_source if text else "none",
    )


# Junk inside a selected container: scripts, related boxes, share bars, ads.
_JUNK_XPATH = ".//script|.//style|.//noscript|.//iframe|.//form|.//button|.//template|.//svg"
_JUNK_CLASS = re.compile(
    r"(^|[\s_-])(related|relate|tin-?lien-?quan|share|social|sharing|advert|ads?|banner|"
    r"comment|tags?|box-?tin|xem-?them|read-?more|newsletter|sidebar|breadcrumbs?|widget|gold-price)"
    r"([\s_-]|$)",
    re.IGNORECASE,
)


_JUNK_BLOCKS = frozenset("div section aside ul ol nav table footer header form figure".split())


def _remove(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    # Keep the tail text (it belongs to the parent's flow).
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _contains(outer, inner) -> bool:
    return any(anc is outer for anc in inner.iterancestors())


def _strip_junk(root) -> None:
    for el in root.xpath(_JUNK_XPATH):
        _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el is root:
            continue
        # Only blocks: inline links are often classed "cms-relate" yet carry words of the text.
        if el.tag not in _JUNK_BLOCKS:
            continue
        attrs = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('type') or ''}"
        if _JUNK_CLASS.search(attrs) and el.getparent() is not None:
            _remove(el)
