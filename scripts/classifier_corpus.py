"""How the bundled labelled sets (digest/classify/data/train.jsonl, heldout.jsonl) are written.

Run ``python -m scripts.classifier_corpus`` to rebuild the training file (``--heldout`` also
rewrites the frozen held-out file); nothing calls this at run time.

Each set comes from its OWN bank of hand-written headline frames and lead paragraphs (the
held-out bank was written separately, in different words, and samples provinces in different
proportions), so the held-out score measures generalisation to new phrasings rather than
recall of training sentences. Frames carry slots filled from the gazetteer: {P} a province in
one of its written forms (TPHCM, TP.HCM, BR-VT ...), {Q} a district or town, {C} a foreign
country, {N}/{N2}/{M}/{Y} numbers and years. Some examples are headlines alone, some carry a
lead, some are written without diacritics, as feeds and hurried writers do.

The training set also carries STYLE_BANK: whole headlines written the way real outlets write
them (quotes, questions, colons, abbreviations such as UBND/TTHC/DVC/VNeID, upper case, emoji,
post-2025 provinces and wards), many with their own lead, and the hard negatives an editor
meets daily (officials' crimes, foreign politics, party personnel news, land price tables,
prices, weather, sport, health, schools, accidents). None of it was copied from the blind
evaluation set (tests/fixtures/classify/blind.jsonl); lines too alike to one of its headlines
were dropped.

Labels: ``section`` is one of policy/local/management/world, or null with relevant=false.
``province`` is the canonical unit the story names (gold for local and provincial management
stories), null elsewhere.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata

from digest.classify.classifier import DATA
from digest.geo import gazetteer

COUNTRIES_A = [("Hàn Quốc", "Seoul"), ("Nhật Bản", "Tokyo"), ("Trung Quốc", "Bắc Kinh"),
               ("Singapore", "Singapore"), ("Mỹ", "Washington"), ("Pháp", "Paris"),
               ("Australia", "Canberra"), ("Estonia", "Tallinn"), ("Ấn Độ", "New Delhi"),
               ("Indonesia", "Jakarta"), ("Thái Lan", "Bangkok"), ("Malaysia", "Kuala Lumpur"),
               ("Nga", "Moskva"), ("Canada", "Ottawa"), ("Phần Lan", "Helsinki"),
               ("Thụy Điển", "Stockholm"), ("New Zealand", "Wellington"), ("UAE", "Abu Dhabi"),
               ("Lào", "Viêng Chăn"), ("Campuchia", "Phnom Penh")]
COUNTRIES_B = [("Philippines", "Manila"), ("Hàn Quốc", "Seoul"), ("Brazil", "Brasilia"),
               ("Đan Mạch", "Copenhagen"), ("Trung Quốc", "Bắc Kinh"), ("Mexico", "Mexico City"),
               ("Nhật Bản", "Tokyo"), ("Anh", "London"), ("Ukraine", "Kyiv"), ("Hà Lan", "Amsterdam")]

LEADS_A = {
    "local": [
        "Theo UBND {P}, từ đầu năm đến nay toàn tỉnh tiếp nhận hơn {N} nghìn hồ sơ thủ tục hành chính, trong đó {N2}% được giải quyết trước và đúng hạn.",
        "Sáng {d}/{m}, lãnh đạo {P} chủ trì hội nghị đánh giá công tác cải cách hành chính và chuyển đổi số trên địa bàn.",
        "Trung tâm Phục vụ hành chính công {P} cho biết người dân có thể nộp hồ sơ trực tuyến, theo dõi tiến độ và nhận kết quả tại nhà.",
        "Thời gian qua, các sở, ngành và UBND cấp huyện của {P} đã tập trung rà soát, đơn giản hóa thủ tục hành chính, tạo thuận lợi cho người dân và doanh nghiệp.",
        "Ngày {d}/{m}, Sở Nội vụ {P} cho biết việc sắp xếp đơn vị hành chính cấp xã đã hoàn thành đúng lộ trình đề ra.",
        "Tại {Q}, bộ phận một cửa đã bố trí cán bộ trực tiếp hướng dẫn người dân thực hiện dịch vụ công trực tuyến.",
    ],
    "policy": [
        "Thủ tướng Chính phủ vừa ký ban hành công điện yêu cầu các bộ, ngành, địa phương tập trung cắt giảm, đơn giản hóa thủ tục hành chính.",
        "Theo báo cáo của Văn phòng Chính phủ, trong quý vừa qua các bộ, ngành đã tích hợp thêm nhiều dịch vụ công trực tuyến lên Cổng Dịch vụ công quốc gia.",
        "Bộ Nội vụ vừa công bố kết quả chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ và UBND các tỉnh, thành phố trực thuộc Trung ương.",
        "Chính phủ vừa ban hành nghị định quy định chi tiết, nhằm tạo thuận lợi cho người dân, doanh nghiệp trong thực hiện thủ tục hành chính.",
        "Phát biểu tại hội nghị, Phó Thủ tướng yêu cầu các bộ, ngành khẩn trương hoàn thành việc tái cấu trúc quy trình, số hóa hồ sơ.",
        "Hội nghị được tổ chức tại {P}, với sự tham dự của đại diện các bộ, ngành và các tỉnh, thành phố trực thuộc Trung ương.",
    ],
    "management": [
        "Bộ Nội vụ đang lấy ý kiến dự thảo nghị định quy định về tuyển dụng, sử dụng và quản lý cán bộ, công chức, viên chức.",
        "Theo quy định, cán bộ, công chức vi phạm sẽ bị xử lý kỷ luật bằng một trong các hình thức khiển trách, cảnh cáo, hạ bậc lương, cách chức, buộc thôi việc.",
        "Báo cáo của Bộ Nội vụ cho thấy tình trạng cán bộ né tránh, đùn đẩy, sợ trách nhiệm vẫn còn diễn ra ở một số nơi.",
        "Theo lộ trình cải cách chính sách tiền lương, cán bộ, công chức, viên chức sẽ được trả lương theo vị trí việc làm, chức danh và chức vụ lãnh đạo.",
    ],
    "management_p": [
        "Ngày {d}/{m}, UBND {P} đã có quyết định thi hành kỷ luật đối với cán bộ vi phạm trong thực thi công vụ.",
    ],
    "world": [
        "Theo phóng viên TTXVN tại {cap}, chính phủ {C} vừa thông qua kế hoạch mới nhằm nâng cao hiệu quả của bộ máy hành chính.",
        "Chính phủ {C} cho biết các bộ, cơ quan sẽ phải hoàn thành việc chuyển sang phương thức làm việc điện tử trong năm nay.",
        "Theo truyền thông {C}, quy định mới áp dụng với toàn bộ công chức và quan chức cấp cao.",
    ],
    "crime": [
        "Cơ quan Cảnh sát điều tra đã ra quyết định khởi tố vụ án, khởi tố bị can và bắt tạm giam để điều tra về hành vi vi phạm pháp luật.",
        "Theo cáo trạng, trong thời gian giữ chức vụ, bị cáo đã lợi dụng chức vụ, quyền hạn để trục lợi, gây thiệt hại cho Nhà nước.",
    ],
    "foreign": [
        "Theo hãng tin Reuters, sự việc xảy ra vào cuối tuần qua và đang thu hút sự chú ý của dư luận quốc tế.",
        "Các chuyên gia nhận định diễn biến này sẽ tác động đến thị trường khu vực trong thời gian tới.",
    ],
    "weather": ["Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết tình trạng này còn kéo dài trong vài ngày tới."],
    "sport": ["Trận đấu diễn ra trên sân vận động chật kín khán giả với nhiều pha bóng hấp dẫn."],
    "market": ["Khảo sát tại thị trường sáng nay cho thấy giá tiếp tục biến động theo xu hướng chung của thế giới."],
    "general": [
        "Theo báo cáo của địa phương, kết quả này góp phần thúc đẩy tăng trưởng kinh tế - xã hội trong năm.",
        "Sự kiện thu hút đông đảo người dân và du khách tham gia.",
    ],
}

LEADS_B = {
    "local": [
        "Chiều {d}/{m}, Chủ tịch UBND {P} cho biết năm nay tỉnh tiếp tục lấy sự hài lòng của người dân làm thước đo hiệu quả phục vụ.",
        "Ghi nhận tại bộ phận tiếp nhận và trả kết quả của {Q}, người dân chỉ mất vài phút để hoàn tất hồ sơ nhờ dữ liệu dân cư đã được kết nối.",
        "Năm qua, {P} đã công bố, công khai {N} thủ tục hành chính, đồng thời số hóa hơn {N2}% hồ sơ tiếp nhận.",
    ],
    "policy": [
        "Văn phòng Chính phủ vừa có thông báo kết luận của Thủ tướng tại cuộc họp về cải cách thủ tục hành chính và chuyển đổi số.",
        "Đây là nội dung trong quyết định vừa được Thủ tướng Chính phủ ký ban hành, áp dụng thống nhất trên cả nước.",
    ],
    "management": [
        "Theo dự thảo do Bộ Nội vụ soạn thảo, người đứng đầu cơ quan phải chịu trách nhiệm khi cán bộ, công chức thuộc quyền vi phạm.",
        "Bộ trưởng Bộ Nội vụ cho biết việc đánh giá cán bộ sẽ căn cứ vào kết quả thực hiện nhiệm vụ được giao.",
    ],
    "management_p": ["Hội đồng kỷ luật của {P} đã họp, xem xét và thống nhất hình thức xử lý đối với công chức vi phạm."],
    "world": [
        "Hãng tin Yonhap cho biết dự luật được các đảng lớn ủng hộ và dự kiến có hiệu lực trong năm nay.",
        "Theo chính phủ nước này, cải cách nhằm giảm chi phí hành chính và nâng cao sự hài lòng của người dân.",
    ],
    "crime": ["Vụ án đang được cơ quan công an tiếp tục điều tra, mở rộng."],
    "foreign": ["Truyền thông quốc tế đưa tin, chính quyền sở tại đã triển khai các biện pháp ứng phó."],
    "weather": ["Cơ quan khí tượng khuyến cáo người dân chủ động phòng tránh."],
    "sport": ["Huấn luyện viên trưởng hài lòng với tinh thần thi đấu của các cầu thủ."],
    "market": ["Giới phân tích cho rằng thị trường còn biến động trong ngắn hạn."],
    "general": ["Nhiều người dân bày tỏ phấn khởi trước thông tin này."],
}

_KIND = [
    ("crime", r"khởi tố|bắt |xét xử|hầu tòa|lừa đảo|tham ô|điều tra|lĩnh án|tạm giữ|tạm giam|triệt phá|hối lộ|truy tố|thi thể|quả tang"),
    ("weather", r"mưa|bão|rét|nắng|lũ|lốc|thời tiết|áp thấp|sạt lở|thủy điện|không khí lạnh"),
    ("sport", r"đội tuyển|tuyển |v-league|sea games|huy chương|marathon|câu lạc bộ|asian cup|world cup|ghi bàn|bán kết"),
    ("market", r"giá |lãi suất|tỷ giá|chứng khoán"),
]


def strip_marks(text: str) -> str:
    """Vietnamese without diacritics, case kept ("Đà Nẵng" -> "Da Nang")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"))


def _frames(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.strip().splitlines():
        if line.strip() and not line.startswith("#"):
            label, headline = line.split("|", 1)
            out.append((label.strip(), headline.strip()))
    return out


class _Filler:
    def __init__(self, rng: random.Random, units: list[str], countries, leads, unaccent: float,
                 raw_headlines: float = 0.0):
        self.rng, self.units, self.countries, self.leads = rng, units, countries, leads
        self.unaccent = unaccent
        self.raw_headlines = raw_headlines
        gaz = gazetteer.load()
        self.gaz = gaz
        self.places: dict[str, list[str]] = {}
        for unit in gaz.units.values():
            for place in unit.places:
                hit = gaz.exact.get(gazetteer._key(place))
                if hit and hit[1] and hit[0] == unit.name:
                    self.places.setdefault(unit.name, []).append(place)

    def province_form(self, unit: str) -> str:
        u = self.gaz.units[unit]
        forms = [u.name] * 4 + list(u.aliases)
        if u.kind == "tỉnh" and self.rng.random() < 0.15:
            return f"tỉnh {u.name}"
        return self.rng.choice(forms)

    def slots(self, frame: str) -> tuple[str, dict[str, str]]:
        """The unit drawn for ``frame`` and the values of every slot."""
        rng = self.rng
        unit = rng.choice(self.units)
        if "{Q}" in frame and "{P}" not in frame:
            unit = rng.choice([u for u in self.units if self.places.get(u)])
        country, capital = rng.choice(self.countries)
        return unit, {
            "P": self.province_form(unit),
            "P2": self.province_form(rng.choice(self.units)),
            "P3": self.province_form(rng.choice(self.units)),
            # drawn only where used, so adding it left the held-out draws as they were
            "P4": self.province_form(rng.choice(self.units)) if "{P4}" in frame else "",
            "Q": rng.choice(self.places.get(unit, [unit])),
            "C": country, "cap": capital,
            "N": str(rng.choice([3, 5, 7, 12, 15, 20, 25, 30, 45, 60, 85, 90, 120, 250])),
            "N2": str(rng.choice([82, 90, 95, 97, 98, 99])),
            "M": rng.choice(["2,34", "1,8", "2,1"]),
            "Y": str(rng.choice([2022, 2023, 2024, 2025])),
            "d": str(rng.randint(1, 28)), "m": str(rng.randint(1, 12)),
        }

    def fill(self, label: str, frame: str) -> dict:
        rng = self.rng
        unit, slots = self.slots(frame)
        headline = frame.format(**slots)
        names_place = "{P}" in frame or "{Q}" in frame
        kind = label
        if label == "none":
            kind = "general"
            for name, pattern in _KIND:
                if re.search(pattern, headline.lower()):
                    kind = name
                    break
            else:
                if "{C}" in frame:
                    kind = "foreign"
        elif label == "management" and names_place:
            kind = "management_p"
        text = ""
        if self.raw_headlines and label == "local" and frame.startswith("{P}: ") \
                and rng.random() < self.raw_headlines:
            # the outlet's own headline, before the bulletin adds "Place: "; the lead names it
            headline = headline[len(slots["P"]) + 2:]
            headline = headline[0].upper() + headline[1:]
            text = rng.choice([ld for ld in self.leads["local"] if "{P}" in ld]).format(**slots)
        elif rng.random() < 0.5:
            pool = self.leads[kind]
            lead = rng.choice(pool).format(**slots)
            if label == "local" and "{P}" not in frame and "{P}" in lead:
                lead = lead.replace(slots["P"], unit)
            text = lead
        example = {
            "title": headline,
            "text": text,
            "relevant": label != "none",
            "section": None if label == "none" else label,
            "province": unit if label in ("local", "management") and names_place else None,
        }
        if rng.random() < self.unaccent:
            example["title"] = strip_marks(example["title"])
            example["text"] = strip_marks(example["text"])
        return example


def build(frames: str, leads, countries, units, copies: dict[str, float], seed: int, unaccent: float,
          raw_headlines: float = 0.0) -> list[dict]:
    """Fill every frame ``copies[label]`` times (fractional part = probability of one more)."""
    rng = random.Random(seed)
    filler = _Filler(rng, units, countries, leads, unaccent, raw_headlines)
    out, seen = [], set()
    for label, frame in _frames(frames):
        n = int(copies[label]) + (1 if rng.random() < copies[label] % 1 else 0)
        for _ in range(max(n, 1)):
            ex = filler.fill(label, frame)
            key = (ex["title"], ex["text"])
            if key not in seen:  # a frame without slots yields few distinct examples
                seen.add(key)
                out.append(ex)
    rng.shuffle(out)
    return out


def build_style(bank: str, units: list[str], countries, seed: int, unaccent: float = 0.06,
                raw_local: float = 0.3) -> list[dict]:
    """Examples from STYLE_BANK: whole headlines as real outlets write them (quotes, questions,
    colons, abbreviations, upper case, emoji), many with their own lead. A line with slots is
    filled twice (two places or countries), a line naming its place once."""
    rng = random.Random(seed)
    filler = _Filler(rng, units, countries, {}, unaccent)
    out, seen = [], set()
    for line in bank.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, province, frame, lead = (part.strip() for part in line.split("|", 3))
        for _ in range(2 if "{" in frame else 1):
            unit, slots = filler.slots(frame + lead)
            headline, text = frame.format(**slots), lead.format(**slots)
            if label == "local" and frame.startswith("{P}: ") and "{P}" in lead and rng.random() < raw_local:
                # the outlet's own headline, before the bulletin adds "Place: "; the lead names it
                headline = headline[len(slots["P"]) + 2:]
                headline = headline[0].upper() + headline[1:]
            gold = unit if province == "{P}" else (province or None)
            example = {"title": headline, "text": text, "relevant": label != "none",
                       "section": None if label == "none" else label,
                       "province": gold if label in ("local", "management") else None}
            if rng.random() < unaccent:
                example["title"], example["text"] = strip_marks(headline), strip_marks(text)
            if (example["title"], example["text"]) not in seen:
                seen.add((example["title"], example["text"]))
                out.append(example)
    return out


def main() -> None:
    gaz = gazetteer.load()
    units = gaz.old_units
    # held-out: southern and central provinces and post-merger names weigh more
    south = [u for u in units if gaz.units[u].current in {
        "TP Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
        "An Giang", "Lâm Đồng", "Khánh Hòa", "Đắk Lắk", "Gia Lai", "Quảng Ngãi", "Đà Nẵng", "Huế"}]
    units_b = south * 3 + gaz.new_units * 2 + units
    train = build(TRAIN_FRAMES, LEADS_A, COUNTRIES_A, units,
                  {"local": 5, "policy": 2.6, "management": 2.6, "world": 3, "none": 3.2}, 7, 0.08,
                  raw_headlines=0.35)
    train += build_style(STYLE_BANK, units + gaz.new_units, COUNTRIES_A, 23)
    random.Random(5).shuffle(train)
    held = build(HELDOUT_FRAMES, LEADS_B, COUNTRIES_B, units_b,
                 {"local": 3, "policy": 2.5, "management": 2.5, "world": 2.5, "none": 3}, 11, 0.12)
    outputs = [("train.jsonl", train)]
    if "--heldout" in sys.argv[1:]:
        # The held-out set is frozen once written: its draws depend on the gazetteer's lists,
        # so rebuilding it after a gazetteer change would silently give another test set.
        outputs.append(("heldout.jsonl", held))
    for name, rows in outputs:
        with open(DATA / name, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(name, len(rows))


TRAIN_FRAMES = """\
# label | headline frame. Slots: {P} province (a written form), {Q} district/town, {C} country, {N} {N2} numbers, {Y} year
local|{P} đẩy mạnh giải quyết thủ tục hành chính trên môi trường điện tử
local|{P}: Tỷ lệ hồ sơ trực tuyến toàn trình đạt {N}%
local|{P} ra mắt Trung tâm Phục vụ hành chính công
local|{P}: Bộ phận một cửa cấp xã tiếp nhận hồ sơ cả sáng thứ Bảy
local|Chủ tịch UBND tỉnh {P} đối thoại với doanh nghiệp về cải cách thủ tục hành chính
local|{P} công bố chỉ số PAR INDEX của các sở, ngành năm {Y}
local|{P}: Chỉ số SIPAS tăng {N} bậc, người dân hài lòng hơn
local|{P} triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
local|Xã đầu tiên ở {Q} đưa mã QR vào niêm yết thủ tục hành chính
local|Huyện {Q} đưa dịch vụ công trực tuyến về tận thôn, bản
local|{P}: Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt VNeID
local|{P} đẩy nhanh tiến độ thực hiện Đề án 06
local|{P} sắp xếp đơn vị hành chính cấp xã giai đoạn {Y}-2025
local|{P}: Sau sắp xếp, giảm {N} xã, phường, thị trấn
local|{P} gửi thư xin lỗi người dân vì hồ sơ đất đai trễ hẹn
local|{P}: Hơn {N}% thủ tục hành chính được giải quyết trước hạn
local|Sở Tư pháp {P} cấp phiếu lý lịch tư pháp qua ứng dụng VNeID
local|{P}: Làm thủ tục không còn phải xuất trình sổ hộ khẩu giấy
local|{P} rút ngắn một nửa thời gian cấp giấy phép xây dựng
local|{P} kiện toàn Ban Chỉ đạo chuyển đổi số của tỉnh
local|{P}: Đặt kiosk tra cứu thủ tục hành chính tại trung tâm hành chính công
local|{P} vận hành hệ thống thông tin giải quyết thủ tục hành chính dùng chung
local|{P} khai trương Trung tâm giám sát, điều hành thông minh IOC
local|{P}: Phản ánh hiện trường qua ứng dụng được xử lý trong 24 giờ
local|{P} liên thông thủ tục khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi
local|{P} tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích
local|{P}: Doanh nghiệp được cấp đăng ký kinh doanh chỉ trong một ngày
local|Công an tỉnh {P} kích hoạt hơn {N} nghìn tài khoản định danh điện tử mức 2
local|{P} phấn đấu vào nhóm dẫn đầu cả nước về chỉ số cải cách hành chính
local|{P}: Kiểm tra công tác cải cách hành chính tại {N} sở, ngành và UBND cấp huyện
local|{P} triển khai nhiệm vụ cải cách hành chính năm {Y}
local|{P} ứng dụng trí tuệ nhân tạo hỗ trợ cán bộ một cửa giải quyết hồ sơ
local|{P}: Thí điểm thanh toán không dùng tiền mặt khi nộp phí, lệ phí thủ tục hành chính
local|{P}: Xã nông thôn mới số hóa toàn bộ sổ hộ tịch
local|UBND {P} ban hành kế hoạch cải cách hành chính giai đoạn 2021-2030
local|{P} công khai danh sách cơ quan để hồ sơ quá hạn
local|{P}: Chính quyền điện tử giúp người dân bớt đi lại
local|{P} cấp giấy chứng nhận quyền sử dụng đất qua mạng
local|{P} tổ chức cuộc thi tìm hiểu cải cách hành chính trực tuyến
local|{P}: Bưu điện tỉnh hỗ trợ bộ phận một cửa tiếp nhận hồ sơ
local|{P} sáp nhập {N} thôn, tổ dân phố sau khi lấy ý kiến cử tri
local|{P} đề ra {N} nhóm giải pháp nâng cao chỉ số PAPI
local|Chủ tịch tỉnh {P}: Không để người dân phải đi lại nhiều lần khi làm thủ tục
local|{P} ra quân hỗ trợ người dân nộp hồ sơ trực tuyến
local|{P}: Cổng dịch vụ công của tỉnh kết nối với Cổng Dịch vụ công quốc gia
local|{P}: Cán bộ tư pháp xã làm thêm giờ số hóa dữ liệu hộ tịch
local|{P}: Đại biểu HĐND chất vấn về tình trạng hồ sơ đất đai trễ hẹn
local|Sở Nội vụ {P} triển khai phần mềm quản lý văn bản và điều hành
local|{P} lắp camera giám sát thái độ phục vụ tại bộ phận một cửa
local|{P} nhân rộng mô hình "chính quyền thân thiện" đến cấp xã
local|{P}: Thanh toán học phí, viện phí qua cổng dịch vụ công của tỉnh
local|{P} cấp chữ ký số cho toàn bộ cán bộ, công chức cấp xã
local|{P}: Trung tâm hành chính công tiếp nhận hơn {N} hồ sơ trong quý I
local|{P}: Chính quyền địa phương hai cấp vận hành thông suốt sau hợp nhất
local|{P}: Phường mới sau sắp xếp giải quyết hồ sơ cho dân ngay ngày đầu
local|{P} bố trí trụ sở cho các đơn vị hành chính mới sau sáp nhập
local|{Q}: Một cửa liên thông hiện đại cấp huyện đi vào hoạt động
local|{Q} đứng đầu tỉnh về tỷ lệ hồ sơ nộp trực tuyến
local|{P} hoàn thành cấp căn cước công dân gắn chip cho người dân
local|{P}: Giảm {N}% thời gian giải quyết thủ tục đầu tư
local|{P} tổ chức diễn đàn "Cải cách hành chính - lắng nghe và hành động"
local|{P}: Người dân chấm điểm cán bộ qua máy đánh giá mức độ hài lòng
local|{P} hỗ trợ miễn phí chuyển phát kết quả thủ tục hành chính
local|{P}: Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính
local|{P} chuyển đổi số toàn diện trong chỉ đạo, điều hành
local|{P}: Hồ sơ cấp lại giấy phép lái xe được giải quyết trực tuyến
local|{P}: Đẩy mạnh cải cách hành chính để cải thiện môi trường đầu tư
local|{P} lấy ý kiến người dân về đề án sắp xếp đơn vị hành chính
local|Ủy ban MTTQ {P} giám sát việc giải quyết thủ tục hành chính tại cơ sở
local|{P}: Đoàn thanh niên hỗ trợ người dân làm thủ tục trực tuyến mùa hè
local|{P} triển khai hợp đồng điện tử trong giao dịch với doanh nghiệp
policy|Thủ tướng yêu cầu tháo gỡ điểm nghẽn trong triển khai Đề án 06
policy|Chính phủ ban hành nghị định về thực hiện thủ tục hành chính trên môi trường điện tử
policy|Cổng Dịch vụ công quốc gia cung cấp thêm {N} dịch vụ công trực tuyến
policy|Văn phòng Chính phủ: {N}% hồ sơ được giải quyết đúng hạn trong quý I
policy|Bộ Nội vụ công bố Chỉ số cải cách hành chính năm {Y} của các bộ, tỉnh
policy|Công bố Chỉ số SIPAS {Y}: Mức độ hài lòng của người dân tăng
policy|PAPI {Y}: Người dân đánh giá chất lượng dịch vụ công tốt hơn
policy|Thủ tướng chỉ thị cắt giảm, đơn giản hóa quy định liên quan đến hoạt động kinh doanh
policy|Phê duyệt phương án cắt giảm {N} thủ tục hành chính thuộc Bộ Tài chính
policy|Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030 có gì mới?
policy|Ban Chỉ đạo cải cách hành chính của Chính phủ họp phiên thứ {N}
policy|Luật Căn cước: Bổ sung quy định về danh tính điện tử
policy|Sẽ giảm lệ phí khi nộp hồ sơ qua dịch vụ công trực tuyến
policy|Bộ Công an: Hơn {N} triệu tài khoản định danh điện tử đã được kích hoạt
policy|Từ 1/7, người dân dùng VNeID thay giấy tờ khi làm thủ tục hành chính
policy|Bộ Tư pháp đề xuất cấp phiếu lý lịch tư pháp trực tuyến trên toàn quốc
policy|Nghị quyết về sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023-2030
policy|Trình Quốc hội đề án sắp xếp, hợp nhất tỉnh, thành phố
policy|Bộ Chính trị kết luận về tinh gọn tổ chức bộ máy của hệ thống chính trị
policy|Sau hợp nhất, Chính phủ còn {N} bộ, cơ quan ngang bộ
policy|Thủ tướng: Lấy người dân, doanh nghiệp làm trung tâm phục vụ
policy|Hội nghị trực tuyến toàn quốc về chuyển đổi số quốc gia
policy|Ủy ban Quốc gia về chuyển đổi số đặt mục tiêu {N}% dịch vụ công trực tuyến toàn trình
policy|Phó Thủ tướng chủ trì hội nghị về cải cách thủ tục hành chính nội bộ
policy|Cơ sở dữ liệu quốc gia về dân cư đã kết nối với {N} bộ, ngành
policy|Việt Nam tăng {N} bậc về chỉ số phát triển Chính phủ điện tử của Liên hợp quốc
policy|Sửa đổi nghị định về cơ chế một cửa, một cửa liên thông
policy|Đề xuất bỏ yêu cầu nộp bản sao có chứng thực khi làm thủ tục hành chính
policy|Ngân hàng Nhà nước cắt giảm thủ tục hành chính trong hoạt động ngân hàng
policy|Bộ Giao thông vận tải đưa thủ tục cấp đổi giấy phép lái xe lên dịch vụ công trực tuyến
policy|Bộ Kế hoạch và Đầu tư rà soát quy định gây khó cho doanh nghiệp
policy|Thông tư mới hướng dẫn số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
policy|Thủ tướng yêu cầu các bộ công khai tiến độ giải quyết hồ sơ trên Cổng Dịch vụ công quốc gia
policy|Liên thông đăng ký khai sinh, thường trú, cấp thẻ BHYT trên toàn quốc
policy|Chính phủ ban hành nghị quyết cắt giảm thủ tục hành chính liên quan đến quản lý dân cư
policy|Luật Giao dịch điện tử sửa đổi: Văn bản điện tử có giá trị như bản giấy
policy|Hoàn thành kết nối các cơ sở dữ liệu quốc gia phục vụ dịch vụ công trong năm {Y}
policy|Chính phủ họp chuyên đề xây dựng pháp luật, tháo gỡ điểm nghẽn thể chế
policy|Hội đồng tư vấn cải cách thủ tục hành chính góp ý dự thảo nghị định
policy|Tổng kết 10 năm thực hiện chương trình tổng thể cải cách hành chính
policy|Thủ tướng: Chính quyền hai cấp phải phục vụ người dân tốt hơn
policy|Bộ Nội vụ hướng dẫn sắp xếp tổ chức bộ máy sau hợp nhất tỉnh
policy|Đề án 06: Tích hợp sổ sức khỏe điện tử, giấy phép lái xe trên VNeID
policy|Dịch vụ công trực tuyến toàn trình: Bộ Tài chính dẫn đầu các bộ, ngành
policy|Bộ Tài nguyên và Môi trường đề xuất cải cách thủ tục hành chính về đất đai
policy|Công bố Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính
policy|Chia sẻ dữ liệu giữa các bộ, ngành: Còn nhiều điểm nghẽn
policy|Chính phủ yêu cầu bỏ giấy tờ chứng minh nơi cư trú trong thủ tục hành chính
policy|Văn phòng Chính phủ tập huấn nghiệp vụ kiểm soát thủ tục hành chính
policy|Phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số
policy|Thủ tướng: Cắt giảm ít nhất {N}% thời gian xử lý thủ tục hành chính
policy|Bộ Y tế đưa {N} thủ tục hành chính lên Cổng Dịch vụ công quốc gia
policy|Quốc hội thông qua nghị quyết sắp xếp đơn vị hành chính cấp tỉnh
policy|Mô hình chính quyền địa phương hai cấp chính thức vận hành trên cả nước
policy|Chính phủ đặt mục tiêu 80% hồ sơ thủ tục hành chính xử lý trực tuyến
policy|Tạo thuận lợi cho người dân khi dùng căn cước điện tử trên toàn quốc
policy|Công điện của Thủ tướng về chấn chỉnh tình trạng né tránh, đùn đẩy trong giải quyết thủ tục hành chính
policy|Bộ Công Thương bãi bỏ hàng loạt điều kiện kinh doanh
policy|Ra mắt Hệ thống thông tin báo cáo quốc gia phục vụ chỉ đạo, điều hành
management|Bộ Nội vụ đề xuất quy định mới về đánh giá, xếp loại cán bộ, công chức
management|Tinh giản biên chế: Giảm {N}% công chức hưởng lương ngân sách
management|Cải cách tiền lương: Bảng lương mới theo vị trí việc làm
management|Tăng lương cơ sở lên {M} triệu đồng/tháng cho cán bộ, công chức, viên chức
management|Kỷ luật cảnh cáo Chủ tịch UBND huyện {Q} vì buông lỏng quản lý
management|Xử lý nghiêm cán bộ nhũng nhiễu, gây phiền hà cho người dân
management|Hơn {N} công chức, viên chức xin nghỉ việc: Bộ Nội vụ chỉ ra nguyên nhân
management|Bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm vì lợi ích chung
management|Thi tuyển công chức sẽ thực hiện hoàn toàn trên máy tính
management|Dự thảo Luật Cán bộ, công chức sửa đổi: Bỏ thi nâng ngạch
management|Đề xuất quy chế văn hóa công sở: Không dùng điện thoại khi tiếp dân
management|Ban hành Bộ quy tắc ứng xử của cán bộ, công chức ngành thuế
management|{P} kỷ luật {N} cán bộ chậm trễ giải quyết hồ sơ của dân
management|Tạm đình chỉ công tác cán bộ một cửa hách dịch với người dân
management|Thanh tra công vụ đột xuất, phát hiện công chức đi muộn, về sớm
management|Chính sách đối với cán bộ dôi dư sau sắp xếp bộ máy
management|Nghỉ hưu trước tuổi do sắp xếp bộ máy: Cán bộ được hưởng chế độ thế nào?
management|Cách chức giám đốc sở vì vi phạm quy định về công tác cán bộ
management|Đánh giá cán bộ theo kết quả, sản phẩm cụ thể
management|Siết chặt kỷ luật, kỷ cương hành chính trong thực thi công vụ
management|Chấn chỉnh tình trạng cán bộ né tránh, đùn đẩy trách nhiệm
management|Phụ cấp công vụ có bị bãi bỏ khi cải cách tiền lương?
management|Quy định về tuyển dụng, sử dụng và quản lý viên chức có nhiều điểm mới
management|Hàng nghìn người hoạt động không chuyên trách cấp xã nghỉ việc sau sắp xếp
management|Biên chế công chức năm {Y} của các bộ, ngành được giao thế nào?
management|Thu hút người có tài năng vào làm việc trong khu vực công
management|Mở rộng đối tượng phải kê khai tài sản, thu nhập
management|Miễn nhiệm, cho từ chức cán bộ có uy tín thấp
management|Bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức
management|Quy định mới về chế độ phụ cấp của người hoạt động ở thôn, tổ dân phố
management|Luân chuyển cán bộ lãnh đạo cấp sở, cấp huyện
management|Bộ Nội vụ hướng dẫn xét tuyển đặc cách viên chức
management|Phê bình đơn vị để công chức sách nhiễu người dân
management|Kiểm điểm trách nhiệm người đứng đầu để hồ sơ trễ hẹn kéo dài
management|Lương của công chức mới tuyển dụng sau cải cách tiền lương
management|Thủ tướng yêu cầu xử lý cán bộ sợ sai, không dám làm
management|Lấy phiếu tín nhiệm hằng năm đối với lãnh đạo, quản lý
management|Hạ bậc lương công chức vi phạm quy định về đạo đức công vụ
management|Công chức cấp xã được hưởng phụ cấp kiêm nhiệm ra sao sau sáp nhập?
management|Tiêu chuẩn chức danh công chức cấp xã theo nghị định mới
management|Tuyển dụng công chức: Ưu tiên sinh viên tốt nghiệp xuất sắc, nhà khoa học trẻ
management|{P}: Kỷ luật khiển trách trưởng phòng để hồ sơ của dân quá hạn
management|{P} tạm đình chỉ công chức địa chính xã vì gây khó dễ cho người dân
management|{P} công khai xin lỗi và kiểm điểm cán bộ thiếu trách nhiệm
management|Cán bộ, công chức không được hẹn gặp người dân ngoài trụ sở
management|Quy định mới về xử lý kỷ luật cán bộ, công chức, viên chức
management|Sắp xếp lại đội ngũ công chức sau hợp nhất các sở
management|Vị trí việc làm là căn cứ để trả lương công chức
management|Chế độ thôi việc đối với công chức không đáp ứng yêu cầu nhiệm vụ
management|Thanh tra Bộ Nội vụ kiểm tra việc tuyển dụng công chức tại {N} địa phương
management|Tăng phụ cấp cho cán bộ làm công tác tiếp công dân
management|Cán bộ vi phạm đạo đức công vụ sẽ không được quy hoạch, bổ nhiệm
world|{C} số hóa toàn bộ thủ tục hành chính công
world|{C} thắt chặt quy định kê khai tài sản của quan chức
world|{C} cắt giảm {N}% công chức để tinh gọn bộ máy
world|Chính phủ {C} ra mắt ứng dụng định danh điện tử quốc gia
world|{C} ứng dụng trí tuệ nhân tạo trong cung cấp dịch vụ công
world|{C} cải cách chế độ tiền lương khu vực công
world|{C} thành lập cơ quan chuyên trách về chính phủ số
world|Kinh nghiệm phòng, chống tham nhũng trong bộ máy công quyền của {C}
world|{C}: Công chức phải báo cáo quà tặng trị giá trên {N} USD
world|{C} sáp nhập các bộ để giảm chi tiêu công
world|{C} thử nghiệm tuần làm việc bốn ngày cho công chức
world|Estonia: Hầu hết dịch vụ công được thực hiện trực tuyến
world|Singapore đánh giá công chức dựa trên hiệu suất công việc
world|Hàn Quốc dẫn đầu thế giới về chính phủ điện tử
world|Nhật Bản xóa bỏ con dấu và thủ tục giấy tờ trong cơ quan nhà nước
world|Trung Quốc siết kỷ luật đối với quan chức địa phương
world|Liên hợp quốc công bố xếp hạng Chính phủ điện tử toàn cầu năm {Y}
world|{C} ban hành luật về đạo đức công vụ
world|{C} cho phép người dân đăng ký cư trú qua điện thoại
world|{C} tinh giản hệ thống chính quyền địa phương
world|{C} cải cách hành chính để thu hút đầu tư nước ngoài
world|Quan chức {C} bị cách chức vì vi phạm quy tắc ứng xử công vụ
world|{C} công khai tài sản của các thành viên nội các
world|{C}: Mỗi công dân một tài khoản số để giao dịch với nhà nước
world|{C} số hóa hệ thống tư pháp, rút ngắn thời gian xử lý hồ sơ
world|Thủ tướng {C} công bố kế hoạch cải tổ bộ máy hành chính
world|{C} giảm số tỉnh, hợp nhất chính quyền địa phương
world|{C} thành lập ủy ban cải cách công vụ
world|{C} hướng tới chính phủ không giấy tờ vào năm 2030
world|{C} trả lương công chức theo hiệu quả công việc
world|Nghị sĩ {C} phải công khai tài sản ảo
world|{C} dùng dữ liệu lớn để cải thiện chất lượng dịch vụ công
world|{C} phạt nặng công chức nhận quà của doanh nghiệp
world|{C} bỏ yêu cầu nộp giấy tờ bản cứng khi làm thủ tục
none|Khởi tố nguyên Chủ tịch UBND huyện {Q} về tội nhận hối lộ
none|Bắt tạm giam cán bộ địa chính xã nhận tiền làm sổ đỏ
none|Xét xử nguyên Giám đốc Sở Tài nguyên và Môi trường {P} gây thất thoát ngân sách
none|Cựu phó chủ tịch tỉnh {P} hầu tòa vì sai phạm đất đai
none|Công an {P} bắt đối tượng lừa đảo chiếm đoạt tài sản qua mạng
none|Truy tố nhiều cựu quan chức trong vụ án chuyến bay giải cứu
none|Cán bộ ngân hàng tham ô hàng chục tỷ đồng lĩnh án
none|Điều tra vụ chủ tịch xã bị tố cưỡng đoạt tài sản của dân
none|Triệt phá đường dây cá độ bóng đá, bắt giữ {N} đối tượng
none|{C} hứng chịu bão lớn, hàng nghìn người phải sơ tán
none|Động đất mạnh tại {C}, nhiều tòa nhà sụp đổ
none|Giá dầu thế giới tăng mạnh do căng thẳng tại Trung Đông
none|Bầu cử tổng thống {C}: Cử tri bắt đầu đi bỏ phiếu
none|{C} tăng lãi suất lần thứ {N} để kiềm chế lạm phát
none|Xung đột Nga - Ukraine: Giao tranh ác liệt tại miền Đông
none|Chứng khoán {C} lao dốc phiên đầu tuần
none|{C} phóng thành công vệ tinh mới
none|Đội tuyển {C} giành vé dự World Cup
none|{P} thu ngân sách {N} tháng đạt {N2}% dự toán
none|{P}: Giá trị xuất khẩu nông sản tăng mạnh
none|{P} khởi công dự án đường cao tốc hơn {N} nghìn tỷ đồng
none|{P} đón hơn {N} nghìn lượt khách du lịch dịp lễ
none|{P}: Nông dân trúng mùa lúa đông xuân
none|{P} thu hút {N} dự án FDI trong quý I
none|Chủ tịch UBND tỉnh {P} tiếp đoàn doanh nghiệp {C} tìm hiểu cơ hội đầu tư
none|{P} mở rộng khu công nghiệp thêm {N} ha
none|Giá xăng giảm nhẹ từ 15 giờ chiều nay
none|Giá vàng miếng tăng vọt, vượt {N} triệu đồng/lượng
none|Giá heo hơi hôm nay tiếp tục đi ngang
none|Bắc Bộ rét đậm, vùng núi có nơi dưới 5 độ C
none|Áp thấp nhiệt đới mạnh lên thành bão, hướng vào {P}
none|{P}: Mưa lớn gây ngập sâu nhiều tuyến phố
none|Nắng nóng gay gắt tiếp diễn tại Trung Bộ
none|Đội tuyển Việt Nam thắng đậm trong trận giao hữu
none|V-League: Câu lạc bộ {P} thua ngược trên sân nhà
none|SEA Games: Đoàn thể thao Việt Nam giành thêm {N} huy chương vàng
none|Tai nạn giao thông trên quốc lộ qua {P}, 3 người tử vong
none|Cháy nhà trong hẻm ở {Q}, nhiều người mắc kẹt
none|Học sinh {P} giành huy chương vàng Olympic Toán quốc tế
none|Điểm chuẩn đại học năm {Y} tăng ở nhiều ngành
none|Bộ Y tế cảnh báo dịch sốt xuất huyết gia tăng
none|{P}: Bệnh viện tỉnh ghép thận thành công cho bệnh nhân nghèo
none|Thị trường bất động sản {P} có dấu hiệu phục hồi
none|Ngân hàng Nhà nước hạ lãi suất tái cấp vốn
none|Tỷ giá USD hôm nay tăng nhẹ
none|Lễ hội pháo hoa quốc tế thu hút hàng vạn du khách đến {P}
none|Ca sĩ nổi tiếng tổ chức đêm nhạc tại {P}
none|{P} kỷ niệm {N} năm ngày giải phóng quê hương
none|Xuất khẩu gạo năm {Y} đạt kỷ lục
none|{P}: Sạt lở bờ sông đe dọa hàng chục hộ dân
none|Phạt nguội hàng nghìn phương tiện vi phạm giao thông tại {P}
none|CSGT {P} xử lý {N} trường hợp vi phạm nồng độ cồn
none|Khánh thành cầu mới nối đôi bờ sông ở {Q}
none|Chủ tịch nước tiếp Đại sứ {C} chào từ biệt
none|Việt Nam và {C} nâng cấp quan hệ lên Đối tác chiến lược toàn diện
none|Tổng cục Thống kê: GDP quý II tăng {N}%
none|Người dân {P} rộn ràng đón Tết
none|{P}: Vải thiều được mùa, được giá
none|Sáp nhập ngân hàng: Cổ đông nhỏ lo thiệt thòi
none|Hai tập đoàn bán lẻ hợp nhất, tạo chuỗi siêu thị lớn nhất
none|Chuyển đổi số trong doanh nghiệp bán lẻ: Cơ hội và thách thức
none|Ngân hàng số: Mở tài khoản trực tuyến chỉ trong 5 phút
none|Hãng điện thoại ra mắt mẫu smartphone giá rẻ
none|Cảnh báo giả danh công an gọi điện hướng dẫn cài VNeID để lừa đảo
none|Quốc hội thảo luận về tình hình kinh tế - xã hội
none|{P}: Khai mạc giải chạy marathon quốc tế
none|Bộ Giáo dục công bố lịch thi tốt nghiệp THPT năm {Y}
none|Giá cà phê hôm nay tăng mạnh tại Tây Nguyên
none|{P} xây dựng thêm {N} trường học đạt chuẩn quốc gia
none|Phát hiện thi thể người đàn ông trôi trên sông ở {P}
none|{P}: Bắt quả tang xe tải chở gỗ lậu
none|Tổng thống {C} thăm chính thức Việt Nam
none|Nguyên phó giám đốc sở {P} bị bắt vì nhận hối lộ
none|Hoa hậu Việt Nam năm {Y} đăng quang
none|{P}: Thủy điện xả lũ, hạ du ngập nặng
none|Người dân {Q} vui mừng vì có đường mới
none|{P}: Bò chết hàng loạt do rét đậm
none|Khai trương đường bay thẳng từ {P} đi {C}
none|Đại hội đồng cổ đông thông qua kế hoạch lợi nhuận năm {Y}
none|Công an triệu tập cán bộ phường liên quan vụ cưỡng chế nhà trái phép
none|{C} khai mạc triển lãm ô tô quốc tế
none|Điện Kremlin bình luận về lệnh trừng phạt mới
none|Dự báo thời tiết: Miền Bắc mưa dông, đề phòng lốc sét
none|{P}: Hội thi nấu ăn của phụ nữ các xã
none|Tuyển Việt Nam chốt danh sách dự Asian Cup
none|{P}: Sản lượng cà phê niên vụ mới tăng mạnh
none|{P}: Giá sầu riêng lao dốc, nhà vườn lo lắng
none|{P}: Khởi công khu đô thị mới quy mô lớn
none|{P}: Nắng hạn kéo dài, hàng nghìn ha lúa thiếu nước
none|{P}: Xe container lật trên đèo, giao thông ùn tắc
none|{P}: Lễ hội đua ghe ngo thu hút hàng nghìn người xem
none|{P}: Ngư dân trúng đậm cá cơm đầu mùa
none|{P}: Tổng kết năm học, trao học bổng cho học sinh nghèo
none|{P}: Khai mạc tuần lễ văn hóa, du lịch
none|{P}: Xây dựng nhà máy xử lý rác công suất lớn
none|{P}: Dịch tả lợn châu Phi bùng phát ở nhiều xã
none|{P} chuẩn bị đón nghệ sĩ quốc tế biểu diễn
none|{P}: Đề xuất làm tuyến đường sắt nhẹ nối sân bay
none|Thủ tướng {C} tuyên bố giải tán quốc hội
none|Đảng cầm quyền {C} thắng lớn trong cuộc bầu cử
none|{C}: Biểu tình phản đối giá nhiên liệu tăng
none|Tổng thống {C} bị luận tội
none|{C} ghi nhận tăng trưởng kinh tế chậm lại
none|Ngoại trưởng {C} thăm chính thức Việt Nam
none|Đội tuyển {C} thua sốc ở vòng bảng
none|Cháy rừng lan rộng tại {C}, hàng nghìn ha bị thiêu rụi
none|{C}: Tai nạn tàu hỏa khiến hàng chục người thương vong
none|Thủ tướng {C} và Thủ tướng Việt Nam hội đàm về hợp tác kinh tế
world|{C} phạt công chức làm lộ dữ liệu cá nhân của người dân
world|{C} tăng lương cho giáo viên và công chức trẻ để giữ người tài
world|{C} quy định quan chức phải khai báo xung đột lợi ích
world|Công chức {C} phải làm việc tại văn phòng ít nhất bốn ngày mỗi tuần
world|{C} cắt giảm thủ tục cấp phép cho doanh nghiệp khởi nghiệp
world|{C} triển khai chính phủ điện tử đến cấp địa phương
world|{C} dùng thẻ căn cước số trong mọi giao dịch hành chính
world|{C} rút ngắn thời gian cấp hộ chiếu nhờ số hóa
world|{C} đánh giá quan chức địa phương qua mức độ hài lòng của người dân
world|{C} cấm quan chức dùng xe công vào việc riêng
world|Bộ trưởng {C} từ chức sau bê bối chi tiêu công quỹ, chính phủ siết quy định công vụ
management|Cấm cán bộ, công chức uống rượu bia trong giờ làm việc
management|Xử lý công chức bỏ vị trí việc làm trong giờ hành chính
management|Công chức đi làm muộn, sử dụng giờ hành chính làm việc riêng bị phê bình
management|{P}: Kiểm tra đột xuất giờ giấc làm việc của công chức
management|{P} đình chỉ cán bộ tiếp dân có lời lẽ thiếu chuẩn mực
management|{P}: Nhiều cán bộ xin nghỉ việc, tỉnh tìm cách giữ chân người giỏi
policy|Bộ Lao động, Thương binh và Xã hội cắt giảm {N} thủ tục hành chính
policy|Bộ Thông tin và Truyền thông hướng dẫn các bộ triển khai nền tảng số dùng chung
policy|Các bộ, ngành đơn giản hóa hàng trăm quy định kinh doanh
policy|Bộ Công an bổ sung tiện ích mới trên ứng dụng định danh điện tử
policy|Quốc hội cho ý kiến về dự án luật liên quan đến dữ liệu và giao dịch điện tử
local|{P}: Đưa toàn bộ thủ tục thuộc thẩm quyền cấp tỉnh lên môi trường mạng
local|{P}: Công khai mức độ hài lòng của người dân với từng sở, ngành
local|Người dân {Q} làm thủ tục đất đai không cần về trung tâm huyện
policy|{P}, {P2} và {P3} dẫn đầu Chỉ số cải cách hành chính năm {Y}
policy|Chỉ số SIPAS {Y}: {P} đứng đầu, {P2} xếp cuối bảng
policy|Công bố chỉ số PAPI {Y}: Nhiều tỉnh cải thiện điểm số về thủ tục hành chính
policy|{N} tỉnh, thành phố hoàn thành sắp xếp đơn vị hành chính cấp xã
policy|Từ 1/1/{Y}, giảm 50% lệ phí khi nộp hồ sơ trực tuyến
policy|{N}% hồ sơ cấp đổi giấy tờ được nộp trực tuyến trên cả nước
policy|Cấp xã sẽ giải quyết thêm nhiều thủ tục do cấp huyện chuyển xuống
world|{C} cho phép đăng ký khai sinh, kết hôn hoàn toàn trực tuyến
world|Người dân {C} dùng một tài khoản số cho mọi dịch vụ công
none|{P} thắng {N}-1 trên sân nhà, leo lên nhóm giữa bảng xếp hạng
none|Không khí {P} ô nhiễm, người dân hạn chế ra đường buổi sáng
none|Cấm nhiều tuyến phố ở {P} để tổ chức sự kiện cuối tuần
none|Phim về {P} thu hơn {N} tỷ đồng sau một tuần công chiếu
none|Giả danh cán bộ thuế gọi điện đòi "cập nhật hồ sơ" để chiếm đoạt tiền
none|Tổng Bí thư tiếp đoàn đại biểu cựu chiến binh tiêu biểu
none|Khai mạc Hội nghị Trung ương lần thứ {N}
none|HĐND tỉnh {P} bầu bổ sung Phó Chủ tịch UBND tỉnh
none|Ban Bí thư chỉ định nhân sự tham gia Ban Chấp hành Đảng bộ tỉnh {P}
none|Đại hội Đảng bộ tỉnh {P} nhiệm kỳ 2025-2030 thành công tốt đẹp
none|Chủ tịch Quốc hội hội kiến Chủ tịch Thượng viện {C}
none|Thủ tướng dự lễ khởi công cao tốc Bắc - Nam đoạn qua {P}
none|Phó Thủ tướng kiểm tra tiến độ dự án sân bay Long Thành
none|Bộ Quốc phòng tổ chức diễn tập phòng thủ khu vực tại {P}
none|Kỷ niệm {N} năm Ngày Thương binh - Liệt sĩ
none|Bệnh viện Bạch Mai quá tải, bệnh nhân nằm ghép
none|Bộ Y tế cấp phép lưu hành thêm {N} loại thuốc mới
none|{P}: Hơn {N} trẻ em nhập viện vì tay chân miệng
none|Bác sĩ cảnh báo nguy cơ đột quỵ ở người trẻ
none|Thi tốt nghiệp THPT: Thí sinh làm bài môn Ngữ văn
none|Trường đại học tăng học phí năm học mới
none|Học sinh {P} đến trường sau kỳ nghỉ lễ
none|Giáo viên mầm non ở {Q} nhiều tháng chưa được thanh toán tiền trực trưa
none|Tòa tuyên án vụ lừa đảo chiếm đoạt hàng trăm tỷ đồng
none|Hoãn phiên xét xử vụ án tham nhũng do vắng mặt luật sư
none|Viện kiểm sát đề nghị mức án với cựu chủ tịch tập đoàn
none|Cục Thuế {P} cưỡng chế nợ thuế hàng chục doanh nghiệp
none|Doanh nghiệp xuất khẩu thủy sản lo thiếu đơn hàng cuối năm
none|Giá lúa gạo tăng, nông dân miền Tây phấn khởi
none|Ngân hàng công bố lãi suất tiết kiệm mới nhất tháng này
none|Tập đoàn công nghệ đầu tư nhà máy chip tại {P}
none|Sân bay {P} đón chuyến bay quốc tế đầu tiên
none|Đường sắt tốc độ cao: Tư vấn đề xuất phương án tuyến
none|Cầu vượt biển dài nhất {P} thông xe
none|{P}: Cưỡng chế thu hồi đất để thi công dự án vành đai
none|Kẹt xe kéo dài nhiều km trên cao tốc dịp cuối tuần
none|Xe khách lao xuống vực ở {P}, nhiều người thương vong
none|Chìm tàu cá, {N} ngư dân mất tích trên biển
none|Cháy chung cư mini, cảnh sát giải cứu {N} người
none|Nước biển dâng, triều cường gây ngập nặng ở {P}
none|Cảnh báo lũ quét, sạt lở đất ở các tỉnh miền núi phía Bắc
none|Rừng phòng hộ ở {P} bị chặt phá nghiêm trọng
none|Ô nhiễm không khí ở Hà Nội ở mức nguy hại
none|Phát hiện loài thực vật mới tại vườn quốc gia
none|Công an {P} triệt phá đường dây ma túy xuyên quốc gia
none|Bắt giữ nhóm thanh niên đua xe trái phép trong đêm
none|Cảnh báo thủ đoạn lừa đảo mới qua tin nhắn ngân hàng giả
none|Người đàn ông nhặt được ví tiền trả lại người đánh rơi
none|Lễ hội hoa anh đào thu hút du khách đến {P}
none|Phim Việt lập kỷ lục doanh thu phòng vé
none|Nghệ nhân làng gốm giữ nghề truyền thống
none|Ra mắt sách về lịch sử vùng đất {P}
none|Ca khúc mới về biển đảo gây sốt mạng xã hội
none|Trường học ở {P} tổ chức ngày hội đọc sách
none|Đội tuyển nữ Việt Nam giành chức vô địch Đông Nam Á
none|HLV trưởng công bố danh sách tuyển U23 Việt Nam
none|Vận động viên {P} phá kỷ lục quốc gia môn điền kinh
none|Giải bóng chuyền quốc tế khởi tranh tại {P}
none|{C} phản đối lệnh trừng phạt mới từ phương Tây
none|Hội nghị thượng đỉnh G20 khai mạc
none|Giá khí đốt tại châu Âu tăng vọt
none|Tổng thống {C} tuyên bố tình trạng khẩn cấp vì bão
none|Bạo lực súng đạn tại {C}: Nổ súng ở trường học
none|Máy bay chở khách gặp sự cố khi hạ cánh tại {C}
none|Hàng nghìn người biểu tình tại thủ đô của {C}
none|Liên hợp quốc cảnh báo nạn đói ở châu Phi
none|Apple ra mắt iPhone mới với nhiều nâng cấp
none|Trí tuệ nhân tạo: Cuộc đua giữa các tập đoàn công nghệ lớn
none|Mạng 5G phủ sóng thêm {N} tỉnh, thành phố
none|Thị trường ô tô tháng {N} tăng trưởng mạnh
none|Người lao động nhận thưởng Tết bình quân {N} triệu đồng
none|Bảo hiểm xã hội tỉnh {P} chi trả lương hưu tháng này
none|Giá nhà chung cư Hà Nội tiếp tục tăng cao
none|Công ty bất động sản chậm bàn giao nhà cho khách hàng
none|Hội chợ nông sản, đặc sản vùng miền tại {P}
none|Tỉnh {P} trao nhà tình nghĩa cho gia đình chính sách
none|Hỗ trợ người dân vùng lũ khắc phục hậu quả thiên tai
none|Hiến máu tình nguyện: {N} đơn vị máu được tiếp nhận
none|Cảnh sát biển bắt tàu chở dầu lậu
none|{P}: Khởi tố vụ án phá rừng phòng hộ
none|Tạm giữ giám đốc doanh nghiệp trốn thuế
none|Nguyên cán bộ địa chính huyện {Q} lĩnh án vì làm giả sổ đỏ
none|Bắt cán bộ thuế tỉnh {P} nhận tiền của doanh nghiệp
none|Chủ tịch xã ở {P} bị bắt vì tham ô tiền hỗ trợ người nghèo
none|Khởi tố nguyên giám đốc trung tâm đăng kiểm nhận hối lộ
policy|Chính phủ ban hành Nghị định quy định chức năng, nhiệm vụ của Bộ Nội vụ
policy|Thủ tướng phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử
policy|Hơn {N} thủ tục hành chính được đề xuất bãi bỏ, đơn giản hóa
policy|Bộ Tư pháp công bố kết quả rà soát văn bản quy phạm pháp luật
policy|Đẩy mạnh phân cấp, phân quyền giữa Trung ương và địa phương
policy|Ban hành danh mục thủ tục hành chính được thực hiện trên Cổng Dịch vụ công quốc gia
policy|Rà soát, cắt giảm giấy phép con gây khó khăn cho doanh nghiệp
policy|Tổng kết công tác cải cách hành chính giai đoạn 2021-2025
policy|Thủ tướng chỉ thị nâng cao chất lượng phục vụ người dân trong giải quyết thủ tục hành chính
policy|Hệ thống giải quyết thủ tục hành chính của các bộ phải kết nối trước tháng {N}
policy|Công khai kết quả đánh giá chất lượng phục vụ người dân của các bộ, ngành
policy|Người dân không phải nộp bản sao giấy khai sinh khi làm thủ tục
policy|Miễn phí cấp căn cước lần đầu cho công dân đủ 14 tuổi
policy|Tích hợp thêm {N} loại giấy tờ vào ví điện tử của công dân
policy|Quy định mới về thu phí khai thác dữ liệu từ cơ sở dữ liệu quốc gia
policy|Triển khai nền tảng ký số từ xa cho người dân trên toàn quốc
policy|Bộ Nội vụ trình đề án sáp nhập các đơn vị sự nghiệp công lập
policy|Trung ương thống nhất chủ trương không tổ chức cấp huyện
management|Công chức được nghỉ hưu sớm hưởng chính sách gì theo nghị định mới
management|Mức lương cơ sở mới áp dụng với cán bộ, công chức từ tháng {N}
management|Cán bộ nghỉ việc do sắp xếp được hỗ trợ bao nhiêu tháng lương
management|Quy định mới về đánh giá, xếp loại chất lượng cán bộ hằng quý
management|Bộ Nội vụ công bố số liệu tinh giản biên chế giai đoạn 2021-2025
management|Xử lý nghiêm công chức có thái độ thiếu tôn trọng người dân
management|Giám đốc sở bị phê bình vì chậm trễ thực hiện nhiệm vụ được giao
management|Siết kỷ cương công vụ: Người đứng đầu phải chịu trách nhiệm khi cấp dưới vi phạm
management|Thi tuyển lãnh đạo cấp phòng, cấp sở: Chọn người có năng lực thực sự
management|Công chức trẻ và bài toán thu nhập trong khu vực công
management|Trả lương theo vị trí việc làm: Những điểm mới cần biết
management|Kê khai tài sản, thu nhập lần đầu đối với cán bộ được bổ nhiệm mới
management|Cán bộ, công chức được khen thưởng vì có sáng kiến cải cách
management|Tuyển dụng công chức cấp xã theo hình thức thi tuyển tập trung
management|{P}: Xử lý kỷ luật {N} cán bộ vi phạm quy định về công vụ
management|{P} luân chuyển công chức một cửa định kỳ để phòng ngừa tiêu cực
local|{P}: Người dân được hướng dẫn làm căn cước điện tử tại nhà văn hóa thôn
local|{P} hoàn thành kết nối dữ liệu hộ tịch với cơ sở dữ liệu dân cư
local|{P}: Đường dây nóng của Chủ tịch tỉnh tiếp nhận phản ánh về thủ tục hành chính
local|{P} đứng đầu cả nước về chỉ số hài lòng của người dân
local|{P}: Trả hồ sơ trễ hẹn, cán bộ phải gửi văn bản xin lỗi
local|{P} cấp giấy phép xây dựng nhà ở trực tuyến
local|{P}: Ủy ban cấp xã mới vận hành, người dân làm thủ tục thuận lợi
local|Hội nghị phân tích chỉ số cải cách hành chính của {P} năm {Y}
local|Thành phố Thủ Đức số hóa hồ sơ đất đai
local|{P}: Thủ tục đăng ký kết hôn được giải quyết trong ngày
local|{P}: Một cửa điện tử giúp doanh nghiệp tiết kiệm thời gian
local|{P} phân cấp, ủy quyền giải quyết thủ tục hành chính cho cấp huyện
local|{P} công bố {N} quy trình nội bộ giải quyết thủ tục hành chính
local|{P}: Trực tuyến toàn trình thủ tục cấp phiếu lý lịch tư pháp
local|Bộ phận một cửa xã ở {Q} được trang bị máy tính, máy quét hiện đại
world|{C} đưa thủ tục khai thuế cá nhân lên ứng dụng di động
world|{C} giảm {N}% số cơ quan nhà nước để tiết kiệm ngân sách
world|{C} lập cổng thông tin một cửa cho nhà đầu tư nước ngoài
world|Chính phủ {C} yêu cầu công chức học kỹ năng số
world|{C} thí điểm trả lương thưởng theo kết quả cho công chức
world|{C} xét xử quan chức vi phạm quy định kê khai tài sản
world|{C} sửa luật công vụ, tăng tuổi nghỉ hưu của công chức
management|{P}: Kỷ luật cảnh cáo {N} công chức xã vi phạm quy định tiếp dân
management|{P} thi tuyển chức danh trưởng phòng, phó trưởng phòng các sở
management|{P}: Cách chức phó chủ tịch xã vì buông lỏng quản lý đất đai
management|Lãnh đạo {P} phải trực tiếp tiếp công dân định kỳ, không được ủy quyền
management|{P} tuyển dụng {N} công chức cấp xã sau sắp xếp
management|{P}: Giảm {N} biên chế công chức khối sở, ngành
management|{P} hỗ trợ thêm cho cán bộ nghỉ việc do sắp xếp bộ máy
management|{P}: Tạm đình chỉ công tác cán bộ địa chính vì nhũng nhiễu người dân
management|Chủ tịch UBND {P} phê bình giám đốc sở chậm tham mưu
management|{P} đánh giá cán bộ bằng phần mềm theo kết quả công việc hằng tháng
policy|{P}, {P2}, {P3} và {P4} đứng đầu bảng xếp hạng chỉ số SIPAS
policy|{P} và {P2} dẫn đầu chỉ số PAPI, nhiều địa phương cải thiện điểm
policy|Công bố chỉ số cải cách hành chính: {P} đứng đầu, {P2} cuối bảng
local|Vì sao hồ sơ đất đai ở {P} vẫn trễ hẹn?
local|Bài 1: Chuyển đổi số ở cấp xã của {P} - Những bước đi đầu tiên
local|{P}: "Không để người dân chờ đợi" ở bộ phận một cửa
local|Chủ tịch UBND {P}: Cán bộ phải chủ động hỗ trợ người dân làm thủ tục trực tuyến
local|{P} tiếp nhận hồ sơ thủ tục hành chính không phụ thuộc địa giới cấp xã
local|{P}: Dịch vụ công mức độ 4 chưa thu hút người dân
local|Người dân {Q} không còn phải "chạy" giấy tờ
local|{P}: Thanh toán trực tuyến phí, lệ phí đạt hơn {N}%
local|{P} cải cách thủ tục, thu hút nhà đầu tư vào khu công nghiệp
local|{P}: Đánh giá chỉ số năng lực cạnh tranh cấp sở, ngành và địa phương (DDCI)
local|{P} kiểm tra đột xuất bộ phận một cửa các xã
local|{P}: Giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng
local|Sở Kế hoạch và Đầu tư {P} cấp đăng ký doanh nghiệp qua mạng
local|{P}: Người dân phản ánh qua ứng dụng, chính quyền trả lời trong 48 giờ
local|{P} hướng dẫn người dân thanh toán không dùng tiền mặt tại trung tâm hành chính công
local|{P}: Sáp nhập xã, trụ sở cũ được bố trí làm điểm tiếp nhận hồ sơ
local|{P} xây dựng chính quyền số, đô thị thông minh gắn với cải cách hành chính
local|{P}: Trả kết quả thủ tục hành chính tại nhà cho người cao tuổi
policy|Vì sao nhiều dịch vụ công trực tuyến vẫn ít người dùng?
policy|Bài toán kết nối dữ liệu giữa các bộ, ngành
policy|Chính phủ yêu cầu bỏ yêu cầu xuất trình giấy tờ đã có trong cơ sở dữ liệu
policy|Cải cách thể chế: Tháo gỡ điểm nghẽn của điểm nghẽn
policy|Thủ tướng chủ trì Hội nghị toàn quốc về cải cách thủ tục hành chính
policy|Phó Thủ tướng: Cải cách thủ tục hành chính phải thực chất, hiệu quả
policy|Bộ Tài chính công bố danh mục thủ tục được cắt giảm trong lĩnh vực thuế, hải quan
policy|Văn phòng Chính phủ: Nhiều bộ chưa đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia
policy|Đề án 06 sau {N} năm: Người dân, doanh nghiệp được hưởng lợi gì?
policy|Chỉ thị của Thủ tướng về đẩy mạnh thanh toán không dùng tiền mặt trong dịch vụ công
policy|Nghị định mới quy định về cơ chế một cửa trong giải quyết thủ tục hành chính
policy|Cắt giảm điều kiện kinh doanh: Doanh nghiệp kỳ vọng gì?
management|Vì sao công chức trẻ bỏ khu vực công?
management|Bài 2: Kỷ cương công vụ - Nói đi đôi với làm
management|Công chức "sáng cắp ô đi, tối cắp ô về" sẽ bị xử lý
management|Cán bộ sợ trách nhiệm: Căn bệnh cần chữa trị
management|Đề xuất tăng phụ cấp cho cán bộ cấp xã sau sáp nhập
management|Bộ Nội vụ: Không để cán bộ dôi dư nghỉ việc mà không có chế độ
none|UBND tỉnh {P} họp phiên thường kỳ tháng {N}
none|HĐND tỉnh {P} khai mạc kỳ họp thứ {N}
none|{P} công bố quy hoạch tỉnh thời kỳ 2021-2030
none|Phê duyệt quy hoạch chung đô thị {Q}
none|{P}: Giải phóng mặt bằng dự án cao tốc chậm tiến độ
none|{P}: Người dân khiếu nại kéo dài về đền bù đất
none|Vì sao giá vàng tăng mạnh?
none|Bài 1: Nỗi lo ô nhiễm nguồn nước ở làng nghề
none|{P}: Thông xe cầu vượt, giảm ùn tắc cửa ngõ
none|Chủ tịch UBND tỉnh {P} kiểm tra công tác phòng chống lụt bão
none|{P} phát động phong trào thi đua yêu nước
none|{P}: Trao giải cuộc thi sáng tác về quê hương
none|Thủ tướng gửi thư chúc mừng nhân dịp năm mới
none|{P} đón Bằng công nhận di tích quốc gia đặc biệt
none|Đoàn công tác của tỉnh {P} thăm và làm việc tại {C}
none|{P}: Tổng kết công tác dân số, kế hoạch hóa gia đình
none|Đại biểu Quốc hội tiếp xúc cử tri huyện {Q}
none|{P}: Ngân hàng chính sách giải ngân vốn vay hộ nghèo
"""

HELDOUT_FRAMES = """\
local|{P}: Người dân nhận kết quả thủ tục hành chính tại nhà qua bưu điện
local|{P} công bố bộ thủ tục hành chính mới chuẩn hóa thuộc thẩm quyền cấp xã
local|{P}: Điểm chỉ số cải cách hành chính tăng mạnh nhờ chuyển đổi số
local|Trung tâm Phục vụ hành chính công {P} làm việc cả ngày thứ Bảy
local|{P} họp Ban Chỉ đạo cải cách hành chính, chỉ rõ đơn vị yếu kém
local|{P}: Xã đạt chuẩn "một cửa" hiện đại đầu tiên
local|{P}: Đưa 100% thủ tục lên dịch vụ công trực tuyến
local|Người dân {Q} làm thủ tục hộ tịch trên điện thoại
local|{P} thí điểm mô hình "phường không giấy tờ"
local|Lãnh đạo {P} trực tiếp đối thoại với doanh nghiệp về thủ tục đầu tư
local|{P}: Công chức một cửa bị người dân chấm điểm "không hài lòng" phải giải trình
local|{P} sắp xếp, giảm {N} đơn vị hành chính cấp xã
local|{P}: Hoàn thành hợp nhất các sở theo mô hình mới
local|{P} xếp thứ {N} cả nước về Chỉ số SIPAS năm {Y}
local|{P}: Chuyển đổi số, nâng chất lượng phục vụ người dân
local|{P} triển khai giấy tờ điện tử thay bản giấy khi giải quyết hồ sơ
local|{P}: Hội nghị phân tích, nâng cao chỉ số PAPI và PCI
local|{P}: Gần {N} nghìn hồ sơ đất đai được xử lý trên môi trường mạng
local|{P} trao quyết định công nhận phường mới sau sáp nhập
local|{P} đơn giản hóa {N} thủ tục hành chính nội bộ
local|Công an {P} tiên phong số hóa hồ sơ nghiệp vụ
local|{P}: Tổng đài 1022 tiếp nhận phản ánh của người dân
local|{P} xử lý dứt điểm hồ sơ trễ hạn tồn đọng
local|{P}: Cải cách thủ tục để doanh nghiệp sớm triển khai dự án
local|{P} vận hành ứng dụng công dân số của tỉnh
local|Bộ phận một cửa {Q} tiếp nhận hồ sơ qua Zalo
local|{P} triển khai thí điểm hồ sơ sức khỏe điện tử gắn với VNeID
local|{P}: Gỡ vướng trong cấp sổ đỏ lần đầu, giảm thời gian chờ
policy|Chính phủ yêu cầu hoàn thành cắt giảm thủ tục hành chính trước tháng 9
policy|Hơn {N} triệu hồ sơ được nộp qua Cổng Dịch vụ công quốc gia
policy|Thủ tướng ký quyết định ban hành kế hoạch cải cách hành chính năm {Y}
policy|Chỉ số PAR INDEX {Y}: Các bộ, ngành có nhiều chuyển biến
policy|Bộ trưởng Bộ Nội vụ: Cải cách hành chính phải lấy sự hài lòng của dân làm thước đo
policy|Bộ Tài chính đề xuất giảm 50% lệ phí cấp căn cước khi nộp trực tuyến
policy|Chính phủ ban hành quy định về định danh và xác thực điện tử
policy|Ban Chỉ đạo Đề án 06 của Chính phủ đánh giá kết quả 6 tháng
policy|Văn phòng Chính phủ chỉ ra tình trạng đồng bộ hồ sơ thấp ở nhiều bộ
policy|Phó Thủ tướng: Dịch vụ công trực tuyến phải thực chất, không chạy theo số lượng
policy|Quốc hội xem xét dự án Luật Dữ liệu
policy|Đơn giản hóa {N} thủ tục trong lĩnh vực lao động, thương binh và xã hội
policy|Bộ Xây dựng cắt giảm điều kiện kinh doanh bất động sản
policy|Chính phủ ban hành quy định mới về tổ chức các cơ quan chuyên môn thuộc UBND cấp tỉnh
policy|Kế hoạch sắp xếp đơn vị hành chính cấp tỉnh được Trung ương thông qua
policy|Thủ tướng chủ trì phiên họp Ủy ban Quốc gia về chuyển đổi số
policy|Ứng dụng VNeID bổ sung nhiều tiện ích mới cho người dân
policy|Chính phủ giao các bộ rà soát phí, lệ phí theo hướng ưu đãi nộp trực tuyến
policy|Nghị định mới về cấp bản sao điện tử từ sổ gốc
policy|Cả nước có bao nhiêu dịch vụ công trực tuyến toàn trình?
policy|Thủ tướng yêu cầu thực hiện thủ tục hành chính không phụ thuộc địa giới
policy|Chương trình cắt giảm chi phí tuân thủ cho doanh nghiệp giai đoạn 2025-2026
policy|Bộ Nội vụ tổng kết công tác cải cách hành chính nhà nước năm {Y}
policy|Hướng dẫn vận hành chính quyền địa phương hai cấp từ 1/7
policy|Cơ sở dữ liệu quốc gia về thủ tục hành chính cập nhật thêm {N} thủ tục
management|Bộ Nội vụ trình dự thảo Bộ quy tắc đạo đức công vụ
management|Cán bộ gây phiền hà cho dân sẽ bị xử lý theo quy định mới
management|Đề xuất tăng lương hưu, trợ cấp cho cán bộ nghỉ hưu
management|Giai đoạn 2020-2022, tuyển dụng gần {N} nghìn công chức, viên chức
management|Nhiều công chức trẻ nghỉ việc vì thu nhập thấp
management|Rà soát, xử lý gần {N} nghìn trường hợp tuyển dụng sai quy định
management|{P}: Cách chức trưởng phòng tài nguyên vì để dân chờ đợi
management|Công chức không hoàn thành nhiệm vụ hai năm liền sẽ bị cho thôi việc
management|Cán bộ công đoàn, công chức được nâng bậc lương trước thời hạn khi nào?
management|Tiền lương của cán bộ, công chức từ ngày 1/7 thay đổi thế nào
management|Giảm biên chế gắn với sắp xếp tổ chức bộ máy tinh gọn
management|Bộ Nội vụ: Kiểm soát chặt chẽ việc bổ nhiệm cán bộ
management|Quy định về thẩm quyền xử lý kỷ luật công chức sau khi sáp nhập
management|Xử lý trách nhiệm người đứng đầu khi cấp dưới nhũng nhiễu
management|Chế độ cho cán bộ nghỉ việc sau sắp xếp đơn vị hành chính
management|Thực hiện nghiêm giờ giấc làm việc, không la cà quán xá trong giờ hành chính
management|Đề xuất thi nâng ngạch công chức theo hình thức xét
management|Cán bộ, công chức vi phạm sẽ không được nâng lương đúng hạn
management|Tăng cường kiểm tra công vụ tại bộ phận tiếp nhận và trả kết quả
management|Thủ tướng: Thay thế ngay cán bộ yếu kém, trì trệ
management|{P} xử lý trách nhiệm {N} công chức để hồ sơ quá hạn
management|Đào tạo công chức theo vị trí việc làm
management|Nghị định mới về chế độ tập sự của công chức
world|Malaysia số hóa dịch vụ cấp hộ chiếu
world|Pháp giảm thủ tục hành chính cho doanh nghiệp nhỏ
world|Indonesia chuyển thủ đô, sắp xếp lại bộ máy nhà nước
world|Trung Quốc công bố quy định mới về tác phong của quan chức
world|Ấn Độ mở rộng hệ thống định danh số Aadhaar
world|Úc phạt công chức tiết lộ thông tin mật
world|Thái Lan cải cách dịch vụ công, giảm thời gian cấp phép
world|Phần Lan: Chính phủ số lấy người dân làm trung tâm
world|Hàn Quốc yêu cầu quan chức cấp cao công khai tài sản trên mạng
world|Mỹ cắt giảm nhân sự liên bang, tinh gọn các cơ quan
world|Anh cải tổ hệ thống công vụ, giảm {N} nghìn vị trí
world|Campuchia triển khai chính phủ điện tử ở cấp tỉnh
world|Đan Mạch bắt buộc giao dịch điện tử với cơ quan nhà nước
world|Nhật Bản thúc đẩy dùng thẻ My Number trong thủ tục hành chính
world|Singapore tăng lương cho công chức trẻ
world|Lào tinh gọn bộ máy chính quyền các tỉnh
world|Nga điều chỉnh quy định chống xung đột lợi ích của công chức
world|UAE bổ nhiệm bộ trưởng phụ trách trí tuệ nhân tạo trong chính phủ
world|Trung Quốc xử lý quan chức vi phạm quy định tiết kiệm
world|Philippines số hóa thủ tục đăng ký kinh doanh
none|Tạm giữ hình sự phó chủ tịch xã vì đánh người
none|Bắt nguyên chủ tịch huyện {Q} liên quan sai phạm đấu thầu
none|Khởi tố cán bộ thuế nhận hối lộ ở {P}
none|Cựu bộ trưởng lĩnh án trong vụ nâng khống giá thiết bị y tế
none|Siêu bão đổ bộ {C}, hàng trăm nghìn người mất điện
none|Hàn Quốc thắng Nhật Bản ở bán kết
none|Trung Quốc công bố số liệu tăng trưởng kinh tế quý III
none|Lũ lụt nghiêm trọng tại Ấn Độ khiến hàng chục người thiệt mạng
none|Thủ tướng {C} từ chức sau bê bối
none|Mỹ áp thuế mới với hàng nhập khẩu
none|{P} đặt mục tiêu tăng trưởng GRDP {N}%
none|{P}: Sản lượng thanh long giảm do nắng hạn
none|{P} đầu tư {N} nghìn tỷ đồng xây cảng biển
none|{P}: Khách sạn kín phòng dịp nghỉ lễ
none|Giá rau xanh tăng mạnh sau mưa bão
none|Giá điện sinh hoạt tăng từ tháng sau
none|Không khí lạnh tràn về, Hà Nội giảm sâu nhiệt độ
none|{P}: Lốc xoáy làm tốc mái hàng chục ngôi nhà
none|Công Phượng ghi bàn, câu lạc bộ thắng trận thứ ba liên tiếp
none|Tuyển nữ Việt Nam tập trung chuẩn bị vòng loại Olympic
none|{P}: Va chạm giữa xe khách và xe tải, nhiều người bị thương
none|Học sinh {Q} được miễn học phí năm học mới
none|{P}: Phát hiện ổ dịch cúm gia cầm
none|Triển lãm ảnh về biển đảo khai mạc tại {P}
none|Thị trường chứng khoán mất điểm phiên cuối tuần
none|Giá thép xây dựng giảm lần thứ {N}
none|{P}: Khởi công nhà máy điện gió ngoài khơi
none|Ngân hàng tăng lãi suất tiết kiệm kỳ hạn dài
none|Hai công ty viễn thông sáp nhập mảng hạ tầng
none|{P} tổ chức lễ hội văn hóa các dân tộc
none|Đường dây mua bán hóa đơn khống bị triệt phá tại {P}
none|Nghệ sĩ nhân dân qua đời ở tuổi 80
"""

# Whole headlines in the styles of real outlets (national and provincial papers, the
# Government portal, news agencies), written for training only: label|province|headline|lead.
STYLE_BANK = """\
# label|province|headline|lead   ({P} province, {Q} district/town, {C} country, {N} number, {Y} year, {d}/{m} date)
local|{P}|{P}: Người dân không phải photo căn cước khi làm thủ tục ở xã|Từ đầu tháng, bộ phận tiếp nhận hồ sơ của các xã, phường ở {P} khai thác thông tin công dân trực tiếp từ Cơ sở dữ liệu quốc gia về dân cư, người dân không phải nộp bản sao giấy tờ.
local|{P}|{P}: Trung tâm phục vụ hành chính công xã mở cửa từ 7 giờ sáng|
local|{P}|{P} lập tổ công tác gỡ vướng hồ sơ đất đai tồn đọng|UBND {P} vừa thành lập tổ công tác đặc biệt do một phó chủ tịch UBND tỉnh làm tổ trưởng, rà soát hàng nghìn hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm.
local|{P}|"Một cửa" ở {Q}: Dân đến là có người hướng dẫn tận tình|
local|{P}|{P}: Ra mắt mô hình "Cà phê doanh nhân" đối thoại với lãnh đạo tỉnh|Mỗi tháng một lần, lãnh đạo UBND {P} ngồi cùng doanh nghiệp tại buổi "Cà phê doanh nhân" để nghe phản ánh vướng mắc về thủ tục đầu tư, đất đai, thuế.
local|{P}|{P} công bố chỉ số hài lòng của người dân đối với từng sở, ngành|
local|{P}|Chủ tịch UBND {P}: "Hồ sơ trễ hạn phải có thư xin lỗi và hẹn lại ngày trả"|
local|{P}|{P} chuyển 40 thủ tục từ cấp tỉnh về cấp xã giải quyết|Thực hiện phân cấp, phân quyền khi vận hành chính quyền địa phương hai cấp, UBND {P} chuyển thẩm quyền giải quyết 40 thủ tục hành chính về UBND các xã, phường.
local|{P}|Phường mới ở {P} đón người dân đến làm thủ tục ngày đầu vận hành|
local|{P}|{P}: Hơn {N} nghìn tài khoản định danh điện tử được kích hoạt trong tháng|
local|{P}|{P} đạt 100% chỉ tiêu Đề án 06 về cấp căn cước cho trẻ em|
local|{P}|{P} thí điểm cấp phiếu lý lịch tư pháp trên VNeID|Sở Tư pháp {P} phối hợp Công an tỉnh triển khai thí điểm cấp phiếu lý lịch tư pháp qua ứng dụng VNeID, rút ngắn thời gian trả kết quả còn 3 ngày làm việc.
local|{P}|{P}: Thanh tra công vụ đột xuất bộ phận một cửa, phát hiện nhiều hồ sơ quá hạn|
local|{P}|Xã vùng cao ở {P} đưa dịch vụ công đến tận bản|Cán bộ xã mang máy tính, thiết bị đọc thẻ căn cước đến nhà văn hóa bản, hướng dẫn đồng bào làm thủ tục khai sinh, đăng ký thường trú trực tuyến.
local|{P}|{P}: Tỷ lệ thanh toán trực tuyến phí, lệ phí còn thấp|
local|{P}|{P} xếp hạng {N}/34 về Chỉ số PAR INDEX|Theo kết quả do Bộ Nội vụ công bố, Chỉ số cải cách hành chính năm {Y} của {P} xếp thứ {N}/34 tỉnh, thành phố; một số chỉ số thành phần về chính quyền số giảm điểm.
local|{P}|{P} sáp nhập 3 trung tâm thành Trung tâm phục vụ hành chính công tỉnh|
local|{P}|{P}: Giảm 1/2 thời gian cấp giấy phép xây dựng nhà ở riêng lẻ|
local|{P}|{P}: Công dân được nhận kết quả hộ tịch bản điện tử qua email|
local|{P}|Lãnh đạo {P} làm việc với các xã về tiến độ số hóa kết quả giải quyết TTHC|Tại buổi làm việc, Phó Chủ tịch UBND {P} yêu cầu các xã, phường hoàn thành số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực trong quý này.
local|{P}|{P} tuyên truyền cải cách hành chính qua sân khấu hóa|
local|{P}|{P}: Đưa vào hoạt động hệ thống camera giám sát bộ phận một cửa|
local|{P}|{P} kiện toàn bộ máy các sở sau hợp nhất: Từ 20 còn 14 đầu mối|UBND {P} đã công bố các quyết định thành lập sở mới trên cơ sở hợp nhất, giảm 6 cơ quan chuyên môn và hàng chục phòng thuộc sở.
local|{P}|{P}: DVC trực tuyến toàn trình tăng gấp đôi so với cùng kỳ|
local|{P}|CCHC ở {P}: Từ chỉ đạo quyết liệt đến kết quả thực chất|
local|{P}|{P} phạt nặng đơn vị để hồ sơ TTHC quá hạn|
local|{P}|{P}: Người dân chấm điểm cán bộ một cửa bằng máy tính bảng|
local|{P}|Sở Nội vụ {P} hướng dẫn các xã mới sắp xếp công chức chuyên môn|Sở Nội vụ {P} vừa có văn bản hướng dẫn UBND các xã, phường mới bố trí công chức vào các phòng chuyên môn và Trung tâm phục vụ hành chính công xã.
local|{P}|{P}: 5 năm liền dẫn đầu chỉ số PAPI khu vực|
local|{P}|{P} ứng dụng trí tuệ nhân tạo trong tiếp nhận hồ sơ hành chính|
local|{P}|Ngày hội "Công dân số" ở {P}|Đoàn thanh niên các xã, phường {P} tổ chức ngày hội hướng dẫn người dân cài đặt VNeID, thanh toán không dùng tiền mặt và nộp hồ sơ dịch vụ công trực tuyến.
local|{P}|{P}: Chậm trả kết quả, trung tâm hành chính công nhắn tin xin lỗi|
local|{P}|{P} công khai tiến độ giải quyết hồ sơ trên màn hình điện tử tại trụ sở xã|
local|{P}|Doanh nghiệp {P} được cấp giấy chứng nhận đăng ký đầu tư trong 7 ngày|
local|{P}|{P}: Ban Chỉ đạo cải cách hành chính họp phiên quý III|
local|{P}|{P} ban hành kế hoạch nâng cao Chỉ số SIPAS năm {Y}|UBND {P} đặt mục tiêu chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước đạt trên 85%, tăng ít nhất 5 bậc so với năm trước.
local|{P}|Người dân {Q} đi lại xa hơn sau sáp nhập xã, tỉnh bố trí điểm tiếp nhận hồ sơ|
local|{P}|{P}: Công an xã thu nhận hồ sơ cấp căn cước vào ban đêm|
local|{P}|{P} phấn đấu 90% hồ sơ giải quyết trên môi trường điện tử|
local|{P}|{P}: Hệ thống thông tin giải quyết TTHC bị lỗi, dân chờ cả buổi|Nhiều người dân phản ánh phải chờ nhiều giờ tại Trung tâm phục vụ hành chính công phường do phần mềm một cửa điện tử của {P} gặp sự cố, không tiếp nhận được hồ sơ.
local|{P}|{P} tăng cường kiểm tra kỷ cương hành chính tại các xã sau sáp nhập|
local|{P}|{P}: Cấp đổi giấy phép lái xe trực tuyến, nhận tại nhà|
local|{P}|{P} triển khai sổ sức khỏe điện tử trên VNeID cho toàn dân|
local|{P}|{P}: Bưu điện nhận hồ sơ tận nhà, dân không phải đến xã|
local|{P}|{P} khen thưởng 10 xã, phường tiêu biểu trong cải cách hành chính|
local|{P}|Trực tuyến toàn trình ở {P}: Vẫn còn "trực tuyến một phần"|Dù số thủ tục đủ điều kiện cung cấp toàn trình tăng mạnh, tỷ lệ hồ sơ thực sự nộp và nhận kết quả trực tuyến ở {P} vẫn chưa tới 30%, người dân vẫn phải mang bản giấy tới đối chiếu.
local|{P}|{P} đối thoại với doanh nghiệp về thủ tục đất đai, xây dựng|
local|{P}|{P}: Xã biên giới đầu tiên đạt chuẩn chính quyền số|
local|{P}|{P}: Công khai danh sách cơ quan có hồ sơ chậm muộn hằng tháng|
local|{P}|{P} vận hành Trung tâm điều hành thông minh (IOC) cấp tỉnh|
local|{P}|Đoàn kiểm tra của {P} chỉ ra nhiều hạn chế trong giải quyết thủ tục ở cấp xã|
local|{P}|{P} rà soát, cắt giảm {N} thủ tục hành chính nội bộ|
local|{P}|Các phường của {P} thí điểm "Tổ công nghệ số cộng đồng" hỗ trợ dân|
local|{P}|{P}: Một ngày, một quy trình cho thủ tục đăng ký khai sinh|
local|{P}|{P}: Số hóa 1,5 triệu hồ sơ đất đai, tra cứu trực tuyến trong vài phút|
local|{P}|Thành phố {P} bỏ "xin - cho" trong cấp phép quảng cáo ngoài trời|
local|Hà Nội|Hà Nội: Bỏ tiếp nhận hồ sơ giấy ở một số thủ tục từ tháng 10|Từ tháng 10, UBND TP Hà Nội chỉ tiếp nhận hồ sơ trực tuyến đối với một số thủ tục như cấp giấy phép xây dựng, đăng ký doanh nghiệp, người dân được cán bộ hỗ trợ nộp tại chỗ.
local|Hà Nội|Phường Ba Đình thí điểm ký số hồ sơ cho người dân miễn phí|
local|Hà Nội|Hà Nội: Sở Nội vụ kiểm tra công vụ tại 30 phường sau sáp nhập|
local|TP Hồ Chí Minh|TPHCM: Hơn 80% hồ sơ đăng ký doanh nghiệp được nộp trực tuyến|
local|TP Hồ Chí Minh|Phường Bến Thành ra mắt ki-ốt tra cứu thủ tục hành chính tự động|
local|TP Hồ Chí Minh|Tp.HCM áp dụng chữ ký số cho người dân trên ứng dụng công dân số|
local|TP Hồ Chí Minh|Thủ Dầu Một: Trung tâm hành chính công phường đông nghẹt người làm thủ tục đất đai|Sau khi vận hành chính quyền hai cấp, lượng hồ sơ đất đai đổ về Trung tâm phục vụ hành chính công phường Thủ Dầu Một tăng gấp ba, nhiều người phải chờ từ sáng sớm.
local|Đà Nẵng|Đà Nẵng: Hội An dùng mã QR thay niêm yết giấy tại bộ phận một cửa|
local|Đà Nẵng|Đà Nẵng công bố bộ thủ tục hành chính áp dụng không phụ thuộc địa giới|
local|Huế|Huế: Người dân đánh giá cán bộ qua ứng dụng Hue-S sau mỗi lần làm thủ tục|
local|Hải Phòng|Hải Phòng: Bỏ 150 đầu mối sau hợp nhất với Hải Dương|
local|Cần Thơ|Cần Thơ: Trợ lý ảo trả lời câu hỏi thủ tục 24/7|
local|Quảng Ninh|Móng Cái: Bộ phận một cửa làm việc cả trưa để phục vụ doanh nghiệp xuất nhập khẩu|
local|Lâm Đồng|Bảo Lộc: Phường mới hỗ trợ dân làm thủ tục chuyển mục đích sử dụng đất|
local|Khánh Hòa|Nha Trang: Người dân xếp hàng từ 5 giờ sáng chờ nộp hồ sơ đất|
local|Gia Lai|Quy Nhơn: Phường Quy Nhơn Nam trả kết quả hồ sơ tại nhà|
local|Đắk Lắk|Buôn Ma Thuột: Cán bộ phường đến nhà hỗ trợ người già làm VNeID|
local|Nghệ An|Vinh: Phường Thành Vinh tiếp nhận hơn 2.000 hồ sơ tháng đầu|
local|Thanh Hóa|Sầm Sơn: Xử lý dứt điểm hồ sơ cấp sổ đỏ tồn đọng nhiều năm|
local|Quảng Trị|Đông Hà: Ứng dụng phản ánh hiện trường giúp chính quyền giải quyết nhanh kiến nghị|
local|Ninh Bình|Hoa Lư: Mô hình "Một cửa không hẹn" ở phường|
local|Phú Thọ|Việt Trì: Trung tâm phục vụ hành chính công phường có robot hướng dẫn|
local|Vĩnh Long|Trà Vinh: Người Khmer được hướng dẫn làm thủ tục bằng song ngữ|
local|Đồng Nai|Biên Hòa: Hồ sơ đất đai trễ hẹn giảm mạnh sau khi số hóa|
local|Cà Mau|Bạc Liêu: Nhắn tin tự động báo kết quả giải quyết hồ sơ cho người dân|
local|Lào Cai|Sa Pa: Cán bộ một cửa nói tiếng Mông hỗ trợ đồng bào làm thủ tục|
local|Bắc Ninh|Từ Sơn: Doanh nghiệp làng nghề được hỗ trợ đăng ký kinh doanh trực tuyến|
local|Hưng Yên|Thái Bình: 100% xã, phường kết nối dữ liệu hộ tịch điện tử|
local|Quảng Ngãi|Kon Tum: Cán bộ một cửa xã vùng sâu được tập huấn kỹ năng số|
local|Đồng Tháp|Cao Lãnh: Người dân khen thủ tục nhanh, cán bộ niềm nở|
local|Tuyên Quang|Hà Giang: Xã biên giới đưa dịch vụ công trực tuyến về thôn bản|
local|Thái Nguyên|Bắc Kạn: Hơn 90% hồ sơ được giải quyết trước hạn|
local|{P}|{P} 🎯 Mục tiêu 100% xã, phường có "một cửa" hiện đại|
local|{P}|Thu tuc hanh chinh o {P}: nguoi dan duoc ho tro nop ho so truc tuyen|
local|{P}|{P}: Cán bộ trẻ xung kích hỗ trợ người dân làm DVC trực tuyến|
policy||Chính phủ yêu cầu các bộ hoàn thành tái cấu trúc quy trình thủ tục trong quý IV|Văn phòng Chính phủ vừa có văn bản truyền đạt ý kiến của Thủ tướng yêu cầu các bộ, cơ quan ngang bộ hoàn thành việc tái cấu trúc quy trình, cung cấp dịch vụ công trực tuyến toàn trình.
policy||Thủ tướng: Không để doanh nghiệp "đi lại nhiều lần, nộp nhiều giấy tờ"|
policy||Từ 15/8, người dân dùng tài khoản VNeID để nộp hồ sơ đăng ký xe|
policy||Bộ Công an: Hơn {N} triệu người đã kích hoạt định danh điện tử mức 2|
policy||Đề xuất cho phép công chứng điện tử từ xa|
policy||Bộ Tài chính bỏ 26 điều kiện kinh doanh trong lĩnh vực bảo hiểm, chứng khoán|Dự thảo nghị định do Bộ Tài chính chủ trì đề xuất bãi bỏ 26 điều kiện kinh doanh không cần thiết, đơn giản hóa thành phần hồ sơ, rút ngắn thời gian cấp phép.
policy||Chính thức vận hành Hệ thống thông tin giải quyết TTHC cấp tỉnh dùng chung|
policy||Phân cấp mạnh cho chính quyền cấp xã: Những thẩm quyền mới từ 1/7|
policy||Quốc hội bàn về sửa Hiến pháp để bỏ cấp huyện, sắp xếp cấp tỉnh|
policy||Chính phủ ban hành nghị định về tổ chức các cơ quan chuyên môn thuộc UBND cấp xã|
policy||Chủ trương sáp nhập tỉnh: Tên gọi, trung tâm hành chính mới được xác định thế nào?|Theo hướng dẫn của Ban Chỉ đạo Trung ương, tên gọi và trung tâm chính trị - hành chính của tỉnh mới được xác định dựa trên yếu tố lịch sử, văn hóa, vị trí địa lý và hạ tầng sẵn có.
policy||Cục Cảnh sát QLHC về TTXH: Người dân có thể đăng ký thường trú trên VNeID|
policy||Bộ Nội vụ công bố Chỉ số hài lòng về sự phục vụ hành chính năm {Y}|
policy||Thủ tướng chủ trì phiên họp thứ {N} Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số|
policy||5 nhóm giải pháp tháo gỡ điểm nghẽn Đề án 06|
policy||Bộ Tư pháp: Xây dựng luật phải gắn với cắt giảm thủ tục cho dân|
policy||Cổng Dịch vụ công quốc gia "treo" vì quá tải, Văn phòng Chính phủ nói gì?|
policy||Thủ tướng ký chỉ thị đẩy mạnh thanh toán trực tuyến trong giải quyết thủ tục hành chính|
policy||Chuyển đổi số quốc gia: Ba trụ cột chính phủ số, kinh tế số, xã hội số|
policy||Hồ sơ sức khỏe điện tử, bằng lái xe số: Người dân được gì từ Đề án 06?|
policy||Văn phòng Chính phủ chỉ rõ 8 bộ có tỷ lệ hồ sơ trễ hạn cao|Theo báo cáo của Văn phòng Chính phủ, trong tháng qua có 8 bộ, cơ quan có tỷ lệ hồ sơ giải quyết quá hạn trên 5%, tập trung ở lĩnh vực đất đai, xây dựng, đầu tư.
policy||Nghị định mới: Cấp bản sao trích lục hộ tịch điện tử có giá trị như bản giấy|
policy||Tiêu chí phân loại đơn vị hành chính cấp xã sau sắp xếp|
policy||Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030|
policy||Bãi bỏ hàng loạt giấy phép con trong lĩnh vực xây dựng, đất đai|
policy||Rút ngắn thời gian cấp phép đầu tư xuống còn 15 ngày: Liệu có khả thi?|
policy||Mở rộng thí điểm cấp căn cước điện tử cho người nước ngoài|
policy||Các bộ, ngành phải công khai mức độ hài lòng của người dân hằng quý|
policy||Phó Thủ tướng chỉ đạo xử lý dứt điểm tình trạng "trên nóng, dưới lạnh" trong cải cách thủ tục|
policy||Ban Chỉ đạo Trung ương tổng kết Nghị quyết 18 về tinh gọn bộ máy|Ban Chỉ đạo Trung ương về tổng kết thực hiện Nghị quyết số 18-NQ/TW đã thống nhất phương án sắp xếp, hợp nhất các bộ, ngành, giảm đầu mối các cơ quan của hệ thống chính trị.
policy||Nghị quyết 57 của Bộ Chính trị: Đột phá về chuyển đổi số quốc gia|
policy||Bộ Khoa học và Công nghệ công bố bộ chỉ số chuyển đổi số DTI cấp bộ, cấp tỉnh|
policy||Hợp nhất Bảo hiểm xã hội, Kho bạc, Thuế về Bộ Tài chính: Người dân làm thủ tục ở đâu?|
policy||Công dân có thể khai tử cho người thân qua Cổng Dịch vụ công quốc gia|
policy||Bỏ hẳn hộ khẩu giấy, quản lý dân cư bằng mã số định danh cá nhân|
policy||Thủ tướng yêu cầu mỗi bộ cắt giảm ít nhất 20% thủ tục kinh doanh|
policy||Quy định mới về lưu trữ hồ sơ điện tử trong cơ quan nhà nước|
management||Toàn quốc tinh giản hơn 100 nghìn biên chế sau sắp xếp bộ máy|
policy||Luật Dữ liệu có hiệu lực: Dữ liệu dân cư được chia sẻ giữa các cơ quan thế nào?|
policy||PAR INDEX {Y}: Khoảng cách giữa các tỉnh dẫn đầu và cuối bảng thu hẹp|
policy||{P}, {P2} dẫn đầu Chỉ số cải cách hành chính năm {Y}|Bộ Nội vụ vừa công bố Chỉ số cải cách hành chính năm {Y}; {P} và {P2} là hai địa phương có điểm số cao nhất, trong khi nhiều tỉnh vùng núi phía Bắc xếp cuối bảng.
policy||Thu tuong chi dao day manh Đe an 06 va chuyen doi so|
policy||VĂN PHÒNG CHÍNH PHỦ: CÒN NHIỀU DỊCH VỤ CÔNG "ĐẮP CHIẾU"|
policy||📢 Từ 1/1 tới, người dân dùng căn cước thay thẻ BHYT khi khám bệnh|
policy||Bộ Nội vụ hướng dẫn sắp xếp thôn, tổ dân phố sau khi bỏ cấp huyện|
policy||Thủ tướng làm Trưởng Ban chỉ đạo cải cách hành chính của Chính phủ|
policy||Đề xuất bỏ thủ tục xác nhận tình trạng hôn nhân khi dữ liệu đã có trên hệ thống|
policy||Hội nghị trực tuyến toàn quốc về chính quyền địa phương hai cấp sau 100 ngày vận hành|
policy||Chính phủ ban hành danh mục cơ sở dữ liệu quốc gia|
policy||Các bộ phải kết nối dữ liệu với Trung tâm dữ liệu quốc gia trước cuối năm|
policy||Tổ công tác của Thủ tướng kiểm tra việc giải quyết thủ tục đầu tư tại các bộ|
policy||Mức thu lệ phí trước bạ, đăng ký xe giảm khi nộp qua mạng|
policy||Dịch vụ công trực tuyến mức độ 4 đạt bao nhiêu phần trăm trên cả nước?|
policy||Thủ tướng: Công chức phải chuyển từ "quản lý" sang "phục vụ" người dân|
management||Cán bộ được hỗ trợ bao nhiêu khi nghỉ hưu trước tuổi theo Nghị định 178?|
management||Công chức xã được hưởng phụ cấp gì sau khi bỏ cấp huyện?|Theo hướng dẫn của Bộ Nội vụ, cán bộ, công chức cấp xã sau sắp xếp được xếp lương theo ngạch công chức và hưởng phụ cấp công vụ như công chức cấp tỉnh.
management||Bộ Nội vụ lấy ý kiến dự thảo Luật Viên chức (sửa đổi)|
management||Biên chế công chức năm {Y}: Các bộ giảm ít nhất 15%|
management||Người đứng đầu phải chịu trách nhiệm khi cấp dưới "hành" dân|
management||Cán bộ sợ sai, không dám làm: Cần cơ chế bảo vệ người dám nghĩ, dám làm|
management||Lương công chức mới vào nghề bao nhiêu sau cải cách tiền lương?|
management||Xử lý nghiêm cán bộ gây phiền hà, sách nhiễu người dân tại bộ phận một cửa|
management||Chế độ nghỉ thôi việc cho viên chức do sắp xếp đơn vị sự nghiệp|
management||Công chức làm việc online tại nhà: Đề xuất gây tranh luận|
management||Cán bộ dôi dư sau sắp xếp được bố trí ra sao?|Theo Bộ Nội vụ, trong thời hạn 5 năm, các địa phương phải bố trí, sắp xếp số cán bộ, công chức dôi dư sau khi hợp nhất tỉnh, sắp xếp xã, đồng thời giải quyết chế độ cho người nghỉ việc.
management||Thanh tra Bộ Nội vụ chỉ ra sai phạm trong tuyển dụng công chức ở nhiều tỉnh|
management||Tăng phụ cấp cho cán bộ không chuyên trách cấp xã|
management||Đề xuất bỏ hình thức kỷ luật "hạ bậc lương" với công chức|
management||Kỷ luật Đảng và kỷ luật hành chính: Xử lý đồng bộ với cán bộ vi phạm|
management||Văn hóa công sở: Cấm đeo tai nghe, dùng điện thoại khi tiếp dân|
management||Giảm họp, giảm giấy tờ để cán bộ tập trung phục vụ dân|
management||Từ 1/7, cán bộ, công chức được xếp lương mới ra sao?|
management||Công chức nghỉ việc hàng loạt: Bài toán giữ chân người giỏi|Nhiều công chức có năng lực, trình độ cao đã xin nghỉ việc để chuyển sang khu vực tư nhân do thu nhập thấp, áp lực công việc lớn và cơ hội thăng tiến hạn chế.
management||Tạm đình chỉ công tác cán bộ tiếp dân có lời lẽ xúc phạm người dân|
management||"Vừa hồng vừa chuyên": Tiêu chuẩn cán bộ trong giai đoạn mới|
management||Tuyển chọn 3.000 công chức giỏi về làm việc ở xã|
management||Bộ Nội vụ: Kiểm soát chặt tình trạng "chạy chức, chạy quyền"|
management||Thi nâng ngạch chuyên viên chính năm {Y}: Nhiều điểm mới|
management||Chấm dứt tình trạng cán bộ "ngồi chơi xơi nước"|
management||Cơ chế đánh giá cán bộ theo sản phẩm, kết quả đầu ra|
management||Tiếp công dân định kỳ: Lãnh đạo xã không được ủy quyền|
management||Cán bộ, công chức, viên chức được thưởng theo Nghị định 73 như thế nào?|
management|{P}|{P}: Kỷ luật khiển trách chủ tịch phường vì để hồ sơ đất quá hạn|UBND {P} vừa thi hành kỷ luật khiển trách chủ tịch UBND phường do thiếu trách nhiệm, để hàng chục hồ sơ cấp giấy chứng nhận quyền sử dụng đất trễ hạn nhiều tháng.
management|{P}|{P}: Giám đốc sở bị kiểm điểm vì chậm tham mưu, đùn đẩy việc|
management|{P}|{P} điều chuyển công chức một cửa có thái độ thiếu chuẩn mực|
management|{P}|{P}: Cán bộ xã tự ý nghỉ việc, bị buộc thôi việc|
management|{P}|{P} tuyển dụng {N} công chức bằng hình thức xét tuyển đặc cách|
management|{P}|{P}: Chi hỗ trợ thêm cho cán bộ nghỉ việc do sắp xếp bộ máy|
management|{P}|{P}: Phê bình 12 cán bộ để xảy ra hồ sơ quá hạn|
management|{P}|Chủ tịch UBND {P} yêu cầu xử lý cán bộ "ngâm" hồ sơ doanh nghiệp|
management|{P}|{P}: Cán bộ không hoàn thành nhiệm vụ 2 năm liền bị cho thôi việc|
management|{P}|{P} bố trí nhà công vụ cho cán bộ phải đi làm xa sau sáp nhập|
management||CÔNG CHỨC SẼ BỊ CHO THÔI VIỆC NẾU KHÔNG ĐÁP ỨNG YÊU CẦU VỊ TRÍ VIỆC LÀM|
management||Cong chuc vi pham ky luat se khong duoc nang luong|
management||Bộ trưởng Bộ Nội vụ: Cải cách tiền lương sẽ gắn với tinh giản biên chế|
world|{C}|{C} cắt giảm một nửa số thứ trưởng để tinh gọn bộ máy|
world||Thủ tướng {C} công bố gói cải cách công vụ lớn nhất trong 20 năm|Chính phủ {C} cho biết gói cải cách nhằm giảm số lượng cơ quan trung ương, áp dụng trả lương theo hiệu quả và số hóa toàn bộ dịch vụ công trong vòng 5 năm.
world||{C}: Người dân làm thủ tục nhà đất hoàn toàn trực tuyến|
world||{C} ban hành luật chống tham nhũng mới, buộc quan chức kê khai tài sản hằng năm|
world||Kinh nghiệm xây dựng chính phủ số của {C}|
world||{C} hợp nhất các bộ để giảm chi tiêu công|
world||{C} thí điểm tuần làm việc 4 ngày cho công chức|
world||{C} đặt mục tiêu số hóa toàn bộ dịch vụ công vào năm 2030|
world||{C} phạt nặng công chức nhận quà biếu|
world||Chính phủ {C} cải tổ hệ thống cấp phép kinh doanh|
world||{C} giảm 20% biên chế khu vực công|
world||Học gì từ mô hình "một cửa" của {C}?|
world||Nhật Bản: Chính quyền địa phương dùng thẻ My Number cho mọi thủ tục|
world||Hàn Quốc siết quy định về tài sản của công chức cấp cao|
world||Singapore: Người dân làm hơn 2.000 thủ tục qua ứng dụng Singpass|
world||Trung Quốc tinh giản các cơ quan cấp tỉnh, giảm họp hành|
world||Estonia - quốc gia "không giấy tờ" trong giao dịch công|
world||Indonesia cải cách bộ máy, cắt giảm các cơ quan trùng lặp|
world||Mỹ lập cơ quan "hiệu quả chính phủ" để cắt giảm chi tiêu liên bang|
world||Thái Lan đưa định danh số vào mọi dịch vụ công|
world||Anh thúc đẩy chính phủ số, đóng cửa nhiều văn phòng giấy tờ|
world||Canada rút ngắn thời gian cấp hộ chiếu nhờ nộp hồ sơ trực tuyến|
world||Lào kiện toàn bộ máy chính phủ, giảm số bộ|
world||Campuchia cải cách hành chính công giai đoạn mới|
world||Malaysia tăng lương cho công chức lần đầu sau 10 năm|
world||Trung Quốc: Quan chức bị kỷ luật vì "chủ nghĩa hình thức"|
world||Úc công bố chiến lược chính phủ số đến năm 2030|
world||Hàn Quốc: Thủ tục cấp phép kinh doanh rút ngắn còn một ngày|
world||Ấn Độ: Cổng dịch vụ công cho nông dân nhận trợ cấp trực tiếp|
world||Philippines ban hành luật "dễ dàng kinh doanh", phạt công chức chậm trễ|
world||Hàn Quốc: Xử phạt nghị sĩ không kê khai tài sản tiền ảo|
world||Đức đặt mục tiêu chính phủ điện tử toàn diện, xóa bỏ máy fax tại công sở|
world||Trung Quốc: Cán bộ cấp cơ sở được giảm gánh nặng báo cáo|
world||Kinh nghiệm quốc tế về trả lương theo vị trí việc làm|
world||Brazil số hóa thủ tục cấp giấy phép lái xe|
world||Mexico cắt giảm lương quan chức cấp cao|
none||Giá vàng nhẫn tăng dựng đứng, người dân xếp hàng từ sáng sớm|
none||Giá xăng RON 95 giảm hơn 300 đồng/lít|Từ 15h chiều nay, liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu, trong đó xăng RON 95 giảm 310 đồng mỗi lít.
none||Tỷ giá trung tâm tăng phiên thứ 5 liên tiếp|
none||Giá cà phê hôm nay giảm sâu, về mức 110.000 đồng/kg|
none||Giá lúa gạo tăng nhẹ, nông dân phấn khởi|
none||Giá thuê nhà trọ quanh khu công nghiệp tăng mạnh|
none||Giá điện tăng 4,8% từ hôm nay|
none||Chứng khoán tuần tới: Nhà đầu tư nên làm gì?|
none|{P}|{P}: Giá đất nền tăng ảo, chính quyền khuyến cáo người dân|
none|{P}|Bảng giá đất điều chỉnh tại {P}: Người dân lo tiền sử dụng đất tăng cao|
none||Khởi tố cựu Phó Chủ tịch UBND tỉnh liên quan sai phạm đất đai|Cơ quan Cảnh sát điều tra Bộ Công an đã khởi tố bị can, bắt tạm giam cựu Phó Chủ tịch UBND tỉnh về tội vi phạm quy định về quản lý, sử dụng tài sản nhà nước gây thất thoát, lãng phí.
none||Nguyên giám đốc sở lĩnh 8 năm tù vì nhận hối lộ|
none||Bắt quả tang cán bộ thuế nhận tiền của doanh nghiệp|
none||Cán bộ tư pháp xã làm giả giấy khai sinh bị bắt|Công an huyện đã bắt tạm giam cán bộ tư pháp - hộ tịch xã để điều tra về hành vi làm giả giấy khai sinh, trích lục hộ tịch để bán cho người có nhu cầu.
none||Khởi tố chủ tịch xã lập khống hồ sơ chiếm đoạt tiền hỗ trợ|
none||Cựu bí thư huyện hầu tòa vì nhận tiền "chạy" dự án|
none||Tuyên án cựu chủ tịch tỉnh trong đại án Vạn Thịnh Phát|
none||Phó trưởng công an xã bị khởi tố vì bảo kê đánh bạc|
none||Truy nã nguyên cán bộ ngân hàng chiếm đoạt tiền gửi của khách|
none||Cán bộ địa chính làm sai lệch hồ sơ đất đai, gây thiệt hại hàng tỷ đồng|
none||Đề nghị truy tố cựu chủ tịch huyện và 10 đồng phạm|
none||Điều tra nghi án cán bộ phường nhận tiền "làm" sổ đỏ|
none||Bắt đối tượng giả danh cán bộ UBND lừa bán đất|
none||Lừa đảo qua mạng: Giả mạo Cổng Dịch vụ công để đánh cắp thông tin|
none||Cảnh báo tin nhắn giả mạo yêu cầu cập nhật căn cước, tài khoản ngân hàng|
none||Công an triệt phá đường dây làm giả bằng đại học, giấy phép lái xe|
none||Bầu cử tổng thống {C}: Ứng viên đối lập dẫn trước|
none||Thủ tướng {C} tuyên bố giải tán quốc hội|
none||{C} bầu thủ tướng mới sau khủng hoảng chính trị|
none||Tổng thống {C} bị luận tội, phe đối lập biểu tình|
none||{C}: Đảng cầm quyền mất đa số trong quốc hội|
none||{C} tập trận chung với các nước đồng minh|
none||Xung đột ở Trung Đông: Hàng nghìn người sơ tán|
none||Tổng thống Mỹ ký sắc lệnh áp thuế với hàng nhập khẩu từ châu Âu|
none||Liên minh châu Âu thông qua gói trừng phạt mới với Nga|
none||Nội các {C} từ chức tập thể sau bê bối|
none||{C}: Bộ trưởng Quốc phòng bị cách chức giữa lúc căng thẳng biên giới|
none||Hội nghị thượng đỉnh G20 khai mạc|
none||{C}: Biểu tình phản đối tăng thuế lan rộng|
none||{C}: Cháy rừng lan rộng, hàng nghìn người sơ tán|
none||Động đất mạnh ở {C}, hàng trăm ngôi nhà bị sập|
none||{C}: Lũ lụt nghiêm trọng, hơn 50 người thiệt mạng|
none||{C}: Tai nạn máy bay, toàn bộ hành khách thiệt mạng|
none||{C}: Giá nhà tăng kỷ lục, người trẻ khó mua nhà|
none||{C}: Lạm phát giảm xuống mức thấp nhất 3 năm|
none||{C} phát hiện loài khủng long mới|
none||Ngân hàng trung ương {C} giữ nguyên lãi suất|
none||{C} vô địch giải bóng đá châu lục|
none||{C}: Dịch cúm bùng phát, bệnh viện quá tải|
none||Tổng Bí thư hội đàm với Tổng thống {C}|Hai nhà lãnh đạo nhất trí tăng cường hợp tác kinh tế, thương mại, đầu tư, phấn đấu nâng kim ngạch thương mại song phương lên mức mới.
none||Chủ tịch Quốc hội tiếp Đại sứ {C}|
none||Thủ tướng điện đàm với Thủ tướng {C}|
none||Việt Nam và {C} nâng cấp quan hệ lên Đối tác chiến lược toàn diện|
none||Bộ trưởng Ngoại giao thăm chính thức {C}|
none|{P}|Đại hội đại biểu Đảng bộ {P} lần thứ XXI thành công tốt đẹp|Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh nhiệm kỳ 2025-2030, bầu đoàn đại biểu dự Đại hội XIV của Đảng và thông qua Nghị quyết Đại hội.
none|{P}|Bầu Chủ tịch UBND {P} nhiệm kỳ mới|
none|{P}|Ông Nguyễn Văn {N} được bầu giữ chức Bí thư Tỉnh ủy {P}|
none||Bộ Chính trị chỉ định nhân sự Ban Thường vụ Tỉnh ủy|
none||Trung ương giới thiệu nhân sự ứng cử Tổng Bí thư|
none|{P}|{P}: Trao quyết định chuẩn y Ban Thường vụ Đảng ủy xã|
none|{P}|Đại hội Đảng bộ xã điểm ở {P}|
none||Thủ tướng bổ nhiệm Thứ trưởng Bộ Y tế|
none|{P}|{P} tổ chức Đại hội Thi đua yêu nước lần thứ VI|
none|{P}|{P}: Kỳ họp HĐND tỉnh quyết nghị nhiều dự án đầu tư công|
none|{P}|{P}: Thu ngân sách 6 tháng vượt dự toán|
none|{P}|{P} đặt mục tiêu tăng trưởng 10%, thu hút dự án tỷ USD|Tại hội nghị xúc tiến đầu tư, lãnh đạo {P} cho biết tỉnh đặt mục tiêu tăng trưởng GRDP 10% trong năm, tập trung phát triển công nghiệp chế biến, logistics và du lịch.
none|{P}|{P}: Kim ngạch xuất khẩu nông sản tăng 20%|
none|{P}|{P}: Khánh thành nhà máy chế biến thủy sản 500 tỷ đồng|
none|{P}|{P} giải ngân vốn đầu tư công đạt 45% kế hoạch|
none|{P}|{P} khởi công khu đô thị mới quy mô 300 ha|
none|{P}|{P}: Mùa vải thiều, thương lái tấp nập thu mua|
none|{P}|{P}: Thanh long rớt giá, nông dân lao đao|
none|{P}|{P} đón 5 triệu lượt khách du lịch trong 6 tháng|
none|{P}|{P}: Doanh nghiệp thiếu lao động sau Tết|
none|{P}|Khu công nghiệp ở {P} thu hút thêm 500 triệu USD|
none|{P}|{P}: Mưa lớn gây ngập sâu nhiều tuyến phố|
none|{P}|{P}: Sạt lở bờ sông, di dời khẩn cấp 20 hộ dân|
none|{P}|{P}: Nắng hạn kéo dài, hàng nghìn ha lúa thiếu nước|
none||Dự báo thời tiết: Bắc Bộ mưa rào, Nam Bộ nắng nóng|
none||Bão số 3 giật cấp 14 hướng vào vịnh Bắc Bộ|
none||Triều cường dâng cao, nhiều tuyến đường ở TP.HCM ngập nặng|
none||Đội tuyển U23 Việt Nam vào chung kết|
none||Quang Hải ghi bàn, Công an Hà Nội thắng đậm|
none||HLV Park Hang-seo trở lại Việt Nam|
none||Vận động viên điền kinh phá kỷ lục quốc gia|
none||Bảng xếp hạng V-League sau vòng 10|
none||Bộ Y tế: Cả nước ghi nhận hơn {N} nghìn ca tay chân miệng|
none||Bệnh viện tuyến tỉnh thiếu thuốc, vật tư y tế|
none||Bác sĩ cảnh báo nguy cơ đột quỵ ở người trẻ|
none||Ca ghép tim thứ 100 thành công tại Bệnh viện Trung ương Huế|
none||Tiêm vắc xin sởi cho trẻ: Phụ huynh cần biết gì?|
none||Ngộ độc thực phẩm sau tiệc cưới, hàng chục người nhập viện|
none||Điểm thi tốt nghiệp THPT: Hơn 1.000 bài thi đạt điểm 10|
none||Các trường đại học công bố phương án tuyển sinh năm {Y}|
none||Học sinh nghỉ Tết Nguyên đán bao nhiêu ngày?|
none||Bộ Giáo dục lấy ý kiến dự thảo chương trình sách giáo khoa mới|
none||Giáo viên mầm non thiếu, trường xin tuyển thêm|
none||Thầy giáo vùng cao vượt 20 km đến trường|
none|{P}|{P}: Xe tải mất lái tông sập nhà dân|
none|{P}|{P}: Va chạm giao thông trên quốc lộ 1, hai người tử vong|
none||Tai nạn xe khách trên cao tốc, 10 người bị thương|
none||Ùn tắc kéo dài trên cao tốc dịp nghỉ lễ|
none||Tàu hỏa tông xe máy, một người chết|
none||Cháy nhà trọ lúc rạng sáng, 5 người thoát nạn|
none||Phạt nguội hàng nghìn xe vi phạm tốc độ|
none||Đuối nước thương tâm: 3 học sinh tử vong khi tắm sông|
none||Nghệ sĩ Ưu tú qua đời ở tuổi 75|
none||Phim Việt lập kỷ lục doanh thu phòng vé|
none||Hoa hậu trao vương miện cho người kế nhiệm|
none||Liveshow của ca sĩ trẻ cháy vé sau 10 phút|
none||Lễ hội pháo hoa bên sông Hàn thu hút hàng vạn du khách|
none||Triển lãm tranh về Hà Nội xưa|
none||Ra mắt sách về lịch sử Sài Gòn - Gia Định|
none||Xe điện VinFast xuất khẩu lô hàng đầu tiên sang {C}|
none||Doanh nghiệp dệt may tìm thị trường mới khi thuế quan tăng|
none||Thị trường bất động sản phục hồi, giao dịch tăng mạnh|
none||GDP 6 tháng tăng 7,5%, xuất khẩu dẫn dắt|
none||Lương tối thiểu vùng tăng từ đầu năm, người lao động được lợi gì?|
none||Rút bảo hiểm xã hội một lần tăng mạnh|
none||Công nhân nhận lương tháng 13 và thưởng Tết|
none||Sắp xếp lại lịch bay dịp Tết, hãng hàng không tăng chuyến|
none||Hai ngân hàng thương mại sáp nhập|
none||Tập đoàn viễn thông hợp nhất các công ty con|
none||Ứng dụng gọi xe tăng giá cước giờ cao điểm|
none||Người dân đổ xô mua vé tàu về quê ăn Tết|
none||Thủ tướng dự lễ thông xe cao tốc Bắc - Nam đoạn qua miền Trung|
none||Thủ tướng kiểm tra tiến độ dự án sân bay Long Thành|
none||Phó Thủ tướng chỉ đạo ứng phó với bão số 4|
none||Chính phủ giao thêm chỉ tiêu tăng trưởng cho các địa phương|
none||Quốc hội chất vấn Bộ trưởng Bộ Công Thương về giá điện|
none||Quốc hội thông qua Luật Đường sắt (sửa đổi)|
none||Chính phủ đề xuất giảm 2% thuế VAT đến hết năm|
none||Bộ Xây dựng: Giá nhà ở xã hội không vượt quá 20 triệu đồng/m2|
none||Bộ Công Thương đề xuất điều chỉnh giá điện 3 tháng một lần|
none||Thủ tướng gặp mặt đại biểu doanh nhân tiêu biểu|
none|{P}|{P}: Chủ tịch tỉnh thăm, tặng quà gia đình chính sách|
none|{P}|Lãnh đạo {P} kiểm tra công tác phòng chống dịch tả lợn châu Phi|
none|{P}|{P} trao tặng 300 căn nhà đại đoàn kết cho hộ nghèo|
none|{P}|{P}: Phát động Tháng hành động vì môi trường|
none|{P}|{P}: Công bố quyết định thành lập khu kinh tế cửa khẩu|
none||CHUNG KẾT AFF CUP: VIỆT NAM ĐẤU THÁI LAN|
none||🔥 Giá vàng hôm nay tăng sốc|
none||Gia vang hom nay tiep tuc tang manh|
none||"Tôi không ngờ giá rau lại tăng gấp ba sau bão"|
none||Vì sao giá vé máy bay nội địa cao hơn đi nước ngoài?|
none|{P}|{P}: Cấm xe tải nặng qua cầu yếu|
none|{P}|{P}: Ngư dân trúng mùa cá cơm|
none||Người dân mất tiền vì cài ứng dụng giả mạo cơ quan thuế|
none||Đào tạo nghề miễn phí cho lao động mất việc|
none||Tiền đạo tuyển Việt Nam gia nhập CLB Nhật Bản|
none||Man City thua sốc, rời Champions League|
none||Ban tổ chức giải bóng đá xin lỗi vì sự cố đèn sân|
none||Diễn viên phim truyền hình chia sẻ bí quyết giữ gìn hạnh phúc|
none||Người mẫu gây chú ý với bộ váy dạ hội tại liên hoan phim|
none||5 món ăn sáng được yêu thích ở Sài Gòn|
none||Du học sinh Việt giành học bổng toàn phần đại học Mỹ|
none||Bí quyết làm đẹp da mùa hanh khô|
none||Bộ Quốc phòng tổ chức diễn tập phòng thủ khu vực|
none||{C} thử nghiệm tên lửa siêu thanh|
none||{C}: Tàu sân bay tham gia tập trận quy mô lớn|
none||Sĩ quan quân đội {C} bị xét xử vì làm lộ bí mật|
none|{P}|{P}: Chủ tịch tỉnh tặng bằng khen cho lực lượng cứu hộ|
none|{P}|Chủ tịch UBND {P} dự lễ hội đền, chùa đầu xuân|
none||{C}: Cựu thủ tướng bị kết án vì nhận hối lộ|
none||{C}: Thị trưởng thủ đô bị bắt vì tham nhũng|
none||{C}: Bầu cử quốc hội, đảng đối lập tuyên bố chiến thắng|
none|{P}|{P}: Cựu chủ tịch xã bị bắt vì bán đất trái phép|
none|{P}|{P}: Bắt trưởng công an xã nhận tiền của đối tượng buôn lậu|
none|{P}|{P}: Khởi tố kế toán UBND phường tham ô tiền chính sách|
none|{P}|{P}: Điều tra vụ cán bộ tư pháp xã nhận tiền để làm giấy tờ nhà đất|
none||Cán bộ phường bị tố cưỡng đoạt tiền của hộ kinh doanh|
none||Cựu cán bộ hải quan lĩnh án vì giúp doanh nghiệp buôn lậu|
none||Nữ cán bộ ngân hàng chiếm đoạt hơn 50 tỷ đồng của khách hàng|
world||{C}: Công chức phải học kỹ năng dùng trí tuệ nhân tạo|
world||{C} số hóa hồ sơ bệnh án, người dân tra cứu trên ứng dụng của chính phủ|
world||{C}: Chính quyền thành phố giảm một nửa số giấy tờ khi đăng ký cư trú|
world||{C} thành lập cơ quan chuyên trách cải cách hành chính|
world||Chính phủ {C} công bố kết quả khảo sát mức độ hài lòng với dịch vụ công|
world||Quốc hội {C} thông qua luật công vụ sửa đổi|
management|{P}|{P}: Kiểm điểm trách nhiệm người đứng đầu sở để chậm giải quyết hồ sơ|
"""

if __name__ == "__main__":
    main()
