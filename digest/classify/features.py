"""Features of one story for the section classifier: words, reform lexicon, places.

Every feature is a readable string, so ``bantin explain`` can show what weighed most:

- ``t:`` / ``tf:`` syllable unigrams and bigrams of the headline, as written (with
  diacritics) and diacritic-folded, so unaccented input ("thu tuc hanh chinh") meets the same
  evidence as accented input; the lead's words are a block of their own (:func:`extract_lead_words`);
- ``L:<group>:t`` / ``L:<group>:b`` reform-lexicon groups (procedures, digital government,
  restructuring, indices, civil service, central bodies, local bodies, crime, markets ...):
  they generalise across phrasings the training headlines never used;
- ``G:...`` gazetteer evidence: the headline names a province or district, starts with
  "Place:", names a foreign country; the text names provinces or foreign countries.

Numbers are reduced to ``0`` so "giảm 12%" and "giảm 30%" are the same evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from digest.geo import gazetteer
from digest.text import fold, nfc

FEATURES_VERSION = 5  # bump when story_features() changes: a model trained on other features must be retrained
BODY_CHARS = gazetteer.LEAD_SCAN  # the lead carries the subject; province detection scans the same span
# The lead's own words are a separate, capped block (extract_lead_words): the first paragraphs
# only, each word once, weighed below the headline by the model (digest.classify.relevance_model.LEAD_WEIGHT).
LEAD_PARAGRAPHS = 2
_DIGITS = re.compile(r"\d+")

# Reform-lexicon groups, written as Vietnamese writes them; matched on accented text as is and,
# for text written without diacritics, on the folded forms. Groups are what the model sees.
LEXICON: dict[str, tuple[str, ...]] = {
    "procedure": ("thủ tục hành chính", "tthc", "thủ tục", "một cửa", "dịch vụ công", "dvc", "dvctt",
                  "hồ sơ trực tuyến", "tiếp nhận và trả kết quả", "trả kết quả", "hành chính công",
                  "phục vụ hành chính công", "cải cách hành chính", "cchc", "đơn giản hóa", "cắt giảm",
                  "trễ hẹn", "trễ hạn", "quá hạn", "chậm muộn", "tồn đọng", "xin lỗi", "giấy tờ", "lệ phí",
                  "hộ tịch", "khai sinh", "khai tử", "chứng thực", "thường trú", "cư trú",
                  "lý lịch tư pháp", "hộ chiếu", "liên thông", "cấp phép", "giấy phép", "giấy phép con",
                  "điều kiện kinh doanh", "đăng ký kinh doanh", "hồ sơ", "giải quyết hồ sơ", "sổ đỏ",
                  "phi địa giới", "không phụ thuộc địa giới", "chi phí tuân thủ", "bưu chính công ích",
                  "tiền kiểm", "hậu kiểm", "xin cho", "tiếp nhận hồ sơ", "niêm yết", "tra cứu"),
    "digital": ("chuyển đổi số", "chính phủ điện tử", "chính phủ số", "chính quyền điện tử",
                "chính quyền số", "đề án 06", "vneid", "c06", "định danh", "định danh điện tử",
                "danh tính số", "số hóa", "cơ sở dữ liệu", "dữ liệu", "trung tâm dữ liệu", "chữ ký số",
                "ký số", "chữ ký điện tử", "giao dịch điện tử", "căn cước", "trực tuyến", "toàn trình",
                "dữ liệu dân cư", "phản ánh hiện trường", "mã qr", "ioc", "không giấy tờ", "ứng dụng",
                "trợ lý ảo", "trí tuệ nhân tạo", "công dân số", "nền tảng số", "công nghệ số",
                "không dùng tiền mặt", "thanh toán trực tuyến", "điện tử", "ki-ốt", "kiosk"),
    "restructure": ("sắp xếp", "sáp nhập", "hợp nhất", "tinh gọn", "tổ chức bộ máy", "bộ máy",
                    "hai cấp", "chính quyền địa phương hai cấp", "đơn vị hành chính",
                    "địa giới hành chính", "cấp xã", "cấp huyện", "cấp tỉnh", "bỏ cấp huyện",
                    "phân cấp", "phân quyền", "đầu mối", "giảm đầu mối", "đơn vị sự nghiệp",
                    "cơ quan ngang bộ", "kiện toàn", "cải tổ", "tái cơ cấu", "dôi dư"),
    "index": ("par index", "sipas", "papi", "pci", "ddci", "dti", "chỉ số cải cách", "chỉ số",
              "mức độ hài lòng", "sự hài lòng", "hài lòng", "chỉ số hài lòng", "xếp hạng"),
    "civil_service": ("cán bộ", "công chức", "viên chức", "công vụ", "biên chế", "tinh giản",
                      "tiền lương", "lương cơ sở", "bảng lương", "phụ cấp", "phụ cấp công vụ", "tuyển dụng",
                      "thi tuyển", "xét tuyển", "kỷ luật", "kỷ cương", "đạo đức", "nhũng nhiễu",
                      "sách nhiễu", "gây phiền hà", "ứng xử", "kê khai tài sản", "bổ nhiệm", "miễn nhiệm",
                      "thôi việc", "buộc thôi việc", "nghỉ việc", "vị trí việc làm", "cảnh cáo",
                      "khiển trách", "cách chức", "giáng chức", "hạ bậc lương", "đình chỉ công tác",
                      "kiểm điểm", "phê bình", "né tránh", "đùn đẩy", "sợ trách nhiệm", "nâng ngạch",
                      "nâng lương", "nâng bậc lương", "nghỉ hưu", "nghỉ hưu trước tuổi", "quan chức",
                      "giờ hành chính", "giờ làm việc", "công sở", "văn hóa công sở", "tiếp công dân",
                      "tiếp dân", "nhà công vụ", "người đứng đầu", "đánh giá cán bộ", "xếp loại",
                      "khu vực công", "chạy chức", "chạy quyền", "kpi", "khen thưởng",
                      "thu nhập tăng thêm"),
    "central": ("thủ tướng", "chính phủ", "văn phòng chính phủ", "bộ nội vụ", "quốc hội",
                "nghị định", "nghị quyết", "thông tư", "chỉ thị", "bộ trưởng", "cả nước", "toàn quốc",
                "các bộ, ngành", "các bộ ngành", "trung ương", "bộ chính trị", "phó thủ tướng",
                "cổng dịch vụ công quốc gia", "bộ tư pháp", "bộ công an", "bộ tài chính", "cục",
                "tổng bí thư", "ban chỉ đạo", "tổ công tác", "ủy ban thường vụ quốc hội",
                "bộ khoa học và công nghệ", "luật"),
    "local_body": ("ubnd", "ubnd tỉnh", "tỉnh ủy", "ubnd huyện", "ubnd xã", "hđnd", "sở nội vụ",
                   "huyện", "xã", "phường", "thị xã", "thị trấn", "trên địa bàn", "toàn tỉnh", "của tỉnh",
                   "chủ tịch tỉnh", "hđnd tỉnh", "thôn", "bản", "tỉnh", "thành phố", "đặc khu", "sở",
                   "xã mới", "phường mới", "tỉnh mới"),
    "crime": ("khởi tố", "bắt tạm giam", "bắt giam", "bắt giữ", "bắt quả tang", "xét xử", "hầu tòa",
              "bị can", "bị cáo", "hối lộ", "nhận hối lộ", "lừa đảo", "lừa", "tham ô", "truy tố",
              "đề nghị truy tố", "vụ án", "tạm giữ", "điều tra", "lĩnh án", "tuyên án", "tù",
              "chiếm đoạt", "đối tượng", "ma túy", "heroin", "triệt phá", "cáo trạng", "tội", "tội phạm",
              "hình sự", "giả danh", "giả mạo", "làm giả", "sai lệch", "đồng phạm", "truy nã",
              "bảo kê", "đánh bạc", "lợi dụng chức vụ", "nhận tiền", "đường dây"),
    "market": ("giá vàng", "vàng miếng", "vàng nhẫn", "giá xăng", "xăng dầu", "tỷ giá", "chứng khoán",
               "vn-index", "lãi suất", "giá heo", "giá cà phê", "giá lúa", "giá rau", "giá thép",
               "giá điện", "giá đất", "bảng giá đất", "giá nhà", "giá vé", "bất động sản", "cổ phiếu",
               "lạm phát", "giá"),
    "labour": ("người lao động", "công nhân", "lương tối thiểu", "lương tối thiểu vùng", "nợ lương",
               "bảo hiểm xã hội", "thưởng tết", "việc làm", "mất việc"),
    "weather": ("thời tiết", "mưa lớn", "mưa", "bão", "bão số", "áp thấp", "rét đậm", "nắng nóng",
                "lũ", "lũ lụt", "sạt lở", "không khí lạnh", "động đất", "lũ quét", "mưa dông", "nhiệt độ",
                "triều cường", "hạn hán", "nắng hạn", "xâm nhập mặn", "sóng thần",
                "chất lượng không khí", "ô nhiễm"),
    "accident": ("tai nạn", "va chạm", "xe khách", "xe tải", "container", "tông", "mất lái",
                 "cháy", "hỏa hoạn", "đuối nước", "thiệt mạng", "tử vong", "bị thương", "cứu hộ",
                 "cứu nạn", "mất tích", "ùn tắc", "kẹt xe", "sập"),
    "health": ("bệnh viện", "bệnh nhân", "bác sĩ", "sốt xuất huyết", "ca mắc", "vắc xin", "ngộ độc",
               "dịch bệnh", "tay chân miệng", "đột quỵ", "ung thư", "ghép", "khám chữa bệnh", "thuốc"),
    "education": ("học sinh", "sinh viên", "điểm chuẩn", "thi tốt nghiệp", "tuyển sinh", "học phí",
                  "giáo viên", "trường học", "đại học", "mầm non", "sách giáo khoa", "năm học",
                  "điểm thi"),
    "sport": ("đội tuyển", "trận đấu", "ghi bàn", "v-league", "sea games", "huy chương", "hcv", "cầu thủ",
              "world cup", "asian cup", "aff cup", "giải đấu", "vô địch", "marathon", "huấn luyện viên",
              "hlv", "bàn thắng", "tỷ số", "bảng xếp hạng", "vòng đấu", "chung kết", "bán kết", "vòng loại",
              "kỷ lục", "bóng đá", "trọng tài", "var", "clb", "câu lạc bộ", "tiền đạo", "thủ môn",
              "tiền vệ", "hậu vệ", "premier league", "champions league", "la liga", "cúp",
              "olympic", "tennis", "golf", "quần vợt", "võ sĩ"),
    "economy": ("du lịch", "du khách", "xuất khẩu", "tăng trưởng", "grdp", "gdp", "fdi", "khởi công",
                "dự án", "khu công nghiệp", "thu ngân sách", "doanh thu", "lợi nhuận", "nông sản",
                "thu hoạch", "doanh nghiệp", "đầu tư", "đầu tư công", "giải ngân", "vốn", "cao tốc",
                "khánh thành", "thông xe"),
    "culture": ("ca sĩ", "phim", "mv", "lễ hội", "nghệ sĩ", "triển lãm", "âm nhạc", "hoa hậu",
                "văn hóa", "điện ảnh", "khán giả", "liveshow", "festival", "pháo hoa", "thời trang",
                "người mẫu", "diễn viên", "showbiz", "youtube", "tiktok", "trắc nghiệm", "đố",
                "ẩm thực", "món ăn", "làm đẹp", "du học"),
    "military": ("quân khu", "quân đội", "bộ quốc phòng", "sĩ quan", "tư lệnh", "binh sĩ", "tập trận",
                 "tên lửa", "tàu sân bay", "hàng không mẫu hạm", "quân sự", "vũ khí", "máy bay chiến đấu"),
    "foreign_admin": ("nghị sĩ", "nghị sỹ", "chính phủ nước này", "liên bang", "nội các",
                      "quan chức", "quan chức cấp cao"),
    "foreign_politics": ("tổng thống", "bầu cử", "thượng viện", "hạ viện", "từ chức", "luận tội",
                         "ngừng bắn", "không kích", "xung đột", "đảng cầm quyền",
                         "phe đối lập", "đối lập", "biểu tình", "tranh cử", "ứng viên", "trừng phạt",
                         "thượng đỉnh", "đắc cử", "giải tán quốc hội",
                         "thuế quan", "áp thuế"),
    "party_personnel": ("đại hội đảng bộ", "đại hội đại biểu", "bí thư tỉnh ủy", "bí thư thành ủy",
                        "ban chấp hành", "ban thường vụ", "nhiệm kỳ", "được bầu", "bầu giữ chức",
                        "bầu bổ sung", "chỉ định", "điều động", "chuẩn y", "đại hội", "thi đua"),
    "diplomacy": ("hội đàm", "điện đàm", "thăm chính thức", "hữu nghị", "văn kiện",
                  "đối tác chiến lược", "đại sứ", "ngoại giao", "hội nghị cấp cao", "asean", "g20"),
}


@lru_cache(maxsize=65536)
def _zero(token: str) -> str:
    """The token with its digits reduced to one 0, cached: tokens repeat, regex calls add up."""
    return _DIGITS.sub("0", token)


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


_MEMO: dict[Any, list[str]] | None = None


@contextmanager
def memo() -> Iterator[None]:
    """Within the block, each story's features are computed once: training fits the same
    stories once per cross-validation fold. Off outside it, so a server holds no texts."""
    global _MEMO
    outer = _MEMO
    _MEMO = {} if outer is None else outer
    try:
        yield
    finally:
        _MEMO = outer


def _memoised(tag: str, compute: Callable[[Any], list[str]], doc: tuple[str, str] | str) -> list[str]:
    """``compute(doc)``, remembered under ``tag`` while a ``memo()`` block is open."""
    if _MEMO is None:
        return compute(doc)
    key = (tag, doc if isinstance(doc, str) else tuple(doc))
    hit = _MEMO.get(key)
    if hit is None:
        hit = _MEMO[key] = compute(doc)
    return hit


def story_features(doc: tuple[str, str] | str) -> list[str]:
    """The feature strings of one story (``(title, text)`` or a title alone)."""
    return _memoised("x", _story_features, doc)


def _story_features(doc: tuple[str, str] | str) -> list[str]:
    title, text = (doc, "") if isinstance(doc, str) else doc
    title = nfc(title)
    text = nfc(text)[:BODY_CHARS]
    out: list[str] = []
    gaz = gazetteer.load()
    for prefix, part in (("t", title), ("b", text)):
        if not part:
            continue
        toks = [_zero(t) for t, _, _ in gazetteer.tokens(part)]
        folded_toks = [gazetteer.fold_token(t) for t in toks]
        if prefix == "t":
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
        head = match.group(1)
        # "Ấn Độ: ..." reads like "Đà Nẵng: ..." but puts the story abroad
        out.append("G:t_colon_place" if gaz.canonical(head)
                   else "G:t_colon_foreign" if gaz.foreign_names(head) else "G:t_colon")
    if not title.strip():
        out.append("G:no_title")
    return out


# A model pickled before the rename names this analyzer digest.classify.features.extract (the
# bundled one of 1/12 does): the alias keeps such models loading; a retrained one names
# story_features.
extract = story_features


def extract_lead_words(doc: tuple[str, str] | str) -> list[str]:
    """``w:`` folded syllables and syllable pairs of the lead (the first LEAD_PARAGRAPHS
    paragraphs, at most BODY_CHARS), each once: what the story says it is about, without letting
    a long body outweigh its headline."""
    return _memoised("w", _extract_lead_words, doc)


def _extract_lead_words(doc: tuple[str, str] | str) -> list[str]:
    text = "" if isinstance(doc, str) else doc[1]
    if not text:
        return []
    lead = nfc(text)[:BODY_CHARS]  # the span story_features() scans: its tokens are cached already
    cut = -1
    for _ in range(LEAD_PARAGRAPHS):
        cut = lead.find("\n\n", cut + 1)
        if cut < 0:
            break
    end = cut if cut >= 0 else len(lead)
    toks = [gazetteer.fold_token(_zero(t)) for t, start, _ in gazetteer.tokens(lead) if start < end]
    words = {f"w:{t}" for t in toks}
    words.update(f"w:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False))
    return sorted(words)
