"""Features of one story for the section classifier: words, reform lexicon, places.

Every feature is a readable string, so ``bantin explain`` can show what weighed most:

- ``t:`` / ``tf:`` syllable unigrams and bigrams of the headline, as written (with
  diacritics) and diacritic-folded, so unaccented input ("thu tuc hanh chinh") meets the same
  evidence as accented input (``b:``/``bf:`` for the text when BODY_NGRAMS is on);
- ``L:<group>:t`` / ``L:<group>:b`` reform-lexicon groups (procedures, digital government,
  restructuring, indices, civil service, central bodies, local bodies, crime, markets ...):
  they generalise across phrasings the training headlines never used;
- ``G:...`` gazetteer evidence: the headline names a province or district, starts with
  "Place:", names a foreign country; the text names provinces or foreign countries.

Numbers are reduced to ``0`` so "giảm 12%" and "giảm 30%" are the same evidence.
"""

from __future__ import annotations

import re

from digest import gazetteer
from digest.text import fold, nfc

FEATURES_VERSION = 3  # bump when extract() changes: a model trained on other features must be retrained
BODY_CHARS = gazetteer.LEAD_SCAN  # the lead carries the subject; province detection scans the same span
# Body words enter only through the lexicon and gazetteer groups: the bundled training texts are
# short leads, and their exact words would teach the model the leads, not the news.
BODY_NGRAMS = False
_DIGITS = re.compile(r"\d+")

# Reform-lexicon groups, written as Vietnamese writes them; matched on accented text as is and,
# for text written without diacritics, on the folded forms. Groups are what the model sees.
LEXICON: dict[str, tuple[str, ...]] = {
    "procedure": ("thủ tục hành chính", "tthc", "một cửa", "dịch vụ công", "hồ sơ trực tuyến",
                  "tiếp nhận và trả kết quả", "hành chính công", "cải cách hành chính", "cchc",
                  "đơn giản hóa", "cắt giảm", "trễ hẹn", "quá hạn", "giấy tờ", "lệ phí",
                  "hộ tịch", "liên thông", "cấp phép", "đăng ký kinh doanh", "hồ sơ"),
    "digital": ("chuyển đổi số", "chính phủ điện tử", "chính phủ số", "chính quyền điện tử",
                "chính quyền số", "đề án 06", "vneid", "định danh", "số hóa", "cơ sở dữ liệu",
                "chữ ký số", "căn cước", "trực tuyến", "toàn trình", "dữ liệu dân cư",
                "phản ánh hiện trường", "mã qr", "ioc", "không giấy tờ", "ứng dụng"),
    "restructure": ("sắp xếp", "sáp nhập", "hợp nhất", "tinh gọn", "tổ chức bộ máy",
                    "hai cấp", "đơn vị hành chính", "địa giới hành chính", "cấp xã", "cấp huyện",
                    "cấp tỉnh"),
    "index": ("par index", "sipas", "papi", "chỉ số cải cách", "mức độ hài lòng", "sự hài lòng",
              "chỉ số hài lòng", "xếp hạng", "pci"),
    "civil_service": ("cán bộ", "công chức", "viên chức", "công vụ", "biên chế", "tinh giản",
                      "tiền lương", "lương cơ sở", "bảng lương", "phụ cấp", "tuyển dụng", "kỷ luật",
                      "kỷ cương", "đạo đức", "nhũng nhiễu", "sách nhiễu", "ứng xử", "kê khai tài sản",
                      "bổ nhiệm", "miễn nhiệm", "thôi việc", "nghỉ việc", "vị trí việc làm",
                      "cảnh cáo", "khiển trách", "cách chức", "đình chỉ công tác", "né tránh",
                      "đùn đẩy", "nâng ngạch", "nghỉ hưu", "quan chức", "giờ hành chính"),
    "central": ("thủ tướng", "chính phủ", "văn phòng chính phủ", "bộ nội vụ", "quốc hội",
                "nghị định", "nghị quyết", "thông tư", "bộ trưởng", "cả nước", "toàn quốc",
                "các bộ, ngành", "các bộ ngành", "trung ương", "bộ chính trị", "phó thủ tướng",
                "cổng dịch vụ công quốc gia", "bộ tư pháp", "bộ công an", "bộ tài chính", "cục"),
    "local_body": ("ubnd tỉnh", "tỉnh ủy", "ubnd huyện", "ubnd xã", "sở nội vụ", "huyện", "xã",
                   "phường", "thị xã", "thị trấn", "trên địa bàn", "toàn tỉnh", "của tỉnh",
                   "chủ tịch tỉnh", "hđnd tỉnh", "thôn", "bản", "tỉnh", "thành phố", "đặc khu"),
    "crime": ("khởi tố", "bắt tạm giam", "bắt giam", "xét xử", "hầu tòa", "bị can", "bị cáo",
              "hối lộ", "lừa đảo", "tham ô", "truy tố", "vụ án", "tạm giữ", "điều tra", "lĩnh án",
              "chiếm đoạt", "đối tượng", "ma túy", "triệt phá", "cáo trạng", "tội", "giả danh",
              "giả mạo"),
    "market": ("giá vàng", "vàng miếng", "giá xăng", "tỷ giá", "chứng khoán", "lãi suất", "giá heo",
               "giá cà phê", "giá lúa", "giá rau", "giá thép", "giá điện", "bất động sản",
               "cổ phiếu", "giá"),
    "weather": ("thời tiết", "mưa lớn", "bão số", "áp thấp", "rét đậm", "nắng nóng", "lũ lụt",
                "sạt lở", "không khí lạnh", "động đất", "lũ quét", "mưa dông", "nhiệt độ",
                "chất lượng không khí", "ô nhiễm"),
    "sport": ("đội tuyển", "trận đấu", "ghi bàn", "v-league", "sea games", "huy chương", "cầu thủ",
              "world cup", "asian cup", "giải đấu", "vô địch", "marathon", "huấn luyện viên",
              "bàn thắng", "tỷ số", "bảng xếp hạng", "vòng đấu"),
    "economy": ("du lịch", "xuất khẩu", "tăng trưởng", "grdp", "gdp", "fdi", "khởi công", "dự án",
                "khu công nghiệp", "thu ngân sách", "doanh thu", "lợi nhuận", "nông sản",
                "thu hoạch", "doanh nghiệp", "đầu tư"),
    "culture": ("ca sĩ", "phim", "mv", "lễ hội", "nghệ sĩ", "triển lãm", "âm nhạc", "hoa hậu",
                "văn hóa", "điện ảnh", "khán giả"),
    "foreign_admin": ("nghị sĩ", "nghị sỹ", "chính phủ nước này", "liên bang", "nội các",
                      "quan chức"),
}


def _norm_phrase(phrase: str) -> str:
    return " ".join(_DIGITS.sub("0", t) for t, _, _ in gazetteer.tokens(phrase))


_LEX = [(group, _norm_phrase(term)) for group, terms in LEXICON.items() for term in terms]
_LEX_FOLDED = [(group, fold(term)) for group, term in _LEX]

_PREFIX = re.compile(r"^\s*([^:]{2,40}):\s")


def _grams(prefix: str, toks: list[str], out: list[str]) -> None:
    prev = "<s>"
    for tok in toks:
        out.append(f"{prefix}{tok}")
        out.append(f"{prefix}{prev}_{tok}")
        prev = tok
    out.append(f"{prefix}{prev}_</s>")


def _index(pairs: list[tuple[str, str]]) -> tuple[dict[tuple[str, ...], set[str]], dict[str, int]]:
    table: dict[tuple[str, ...], set[str]] = {}
    for group, term in pairs:
        table.setdefault(tuple(term.split()), set()).add(group)
    starts: dict[str, int] = {}
    for key in table:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    return table, starts


_LEX_INDEX = _index(_LEX)
_LEX_FOLDED_INDEX = _index(_LEX_FOLDED)


def _lexicon(toks: list[str], folded: bool, where: str, out: list[str]) -> None:
    """Lexicon groups found in ``toks``, each counted at most 5 times (every phrase occurrence,
    overlapping ones included, as a phrase search would find them)."""
    table, starts = _LEX_FOLDED_INDEX if folded else _LEX_INDEX
    counts: dict[str, int] = {}
    for i, tok in enumerate(toks):
        longest = starts.get(tok)
        if longest is None:
            continue
        for n in range(1, min(longest, len(toks) - i) + 1):
            for group in table.get(tuple(toks[i:i + n]), ()):
                counts[group] = counts.get(group, 0) + 1
    for group, count in counts.items():
        out.extend([f"L:{group}:{where}"] * min(count, 5))


def extract(doc: tuple[str, str] | str) -> list[str]:
    """The feature strings of one story (``(title, text)`` or a title alone)."""
    title, text = (doc, "") if isinstance(doc, str) else doc
    title = nfc(title)
    text = nfc(text)[:BODY_CHARS]
    out: list[str] = []
    gaz = gazetteer.load()
    for prefix, part in (("t", title), ("b", text)):
        if not part:
            continue
        toks = [_DIGITS.sub("0", t) for t, _, _ in gazetteer.tokens(part)]
        folded_toks = [gazetteer.fold_token(t) for t in toks]
        if prefix == "t" or BODY_NGRAMS:
            _grams(f"{prefix}:", toks, out)
            _grams(f"{prefix}f:", folded_toks, out)
        unaccented = gazetteer.is_unaccented(part)
        _lexicon(folded_toks if unaccented else toks, unaccented, prefix, out)
        mentions = gaz.mentions(part)
        if mentions:
            kinds = {"place" if m.is_place else "province" for m in mentions}
            out.extend(f"G:{prefix}_{k}" for k in sorted(kinds))
            if len({m.unit for m in mentions}) > 2:
                out.append(f"G:{prefix}_many_provinces")
        else:
            out.append(f"G:{prefix}_no_province")
        foreign = gaz.foreign_names(part)
        if foreign:
            out.append(f"G:{prefix}_foreign")
            if len(foreign) >= 3:
                out.append(f"G:{prefix}_foreign_many")
    # Conjunctions a linear model cannot form itself: "a foreign country + civil-service words"
    # is world news, "a province + crop prices" is ordinary news.
    groups = {f.split(":")[1] for f in out if f.startswith("L:")}
    places = {f[2:] for f in out if f in ("G:t_province", "G:t_place", "G:t_foreign", "G:b_foreign",
                                           "G:b_province")}
    for place in sorted(places) or ["none"]:
        out.extend(f"X:{place}+{group}" for group in sorted(groups))
    match = _PREFIX.match(title)
    if match:
        out.append("G:t_colon_place" if gaz.canonical(match.group(1)) else "G:t_colon")
    if not title.strip():
        out.append("G:no_title")
    return out
