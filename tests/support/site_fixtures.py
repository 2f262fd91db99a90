"""Realistic generated bulletins for the site's tests and benchmark (never used in production).

Text is assembled from sentences written like the reference issue's articles (Vietnamese, NFC,
with diacritics), so page sizes, word counts and search-index sizes behave like the real thing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from digest.bulletin.doc import BulletinDoc, Item, SectionBlock, bulletin_title
from digest.classify.sections import Section
from digest.store.models import Bulletin
from digest.text import VN_TZ, utcnow

PROVINCES = [
    "Hà Nội", "TPHCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Quảng Trị", "Bình Phước",
    "Hải Dương", "Đắk Nông", "Thừa Thiên Huế", "Nghệ An", "Thanh Hóa", "Lâm Đồng", "Bắc Giang",
    "Quảng Ninh", "Long An", "Kiên Giang", "Lào Cai", "Sơn La", "Bình Dương",
]
OUTLETS = [
    ("Baogiaothong.vn", "Trang Trần"), ("TTXVN/VietnamPlus.vn", "Khánh Vân"),
    ("Baohaiduong.vn", "PV"), ("Chinhphu.vn", "Thu Giang"), ("Nhandan.vn", "Minh Hà"),
    ("Tuoitre.vn", "Lê Phan"), ("Thanhnien.vn", "Hoàng Sơn"), ("Dangcongsan.vn", None),
    ("Baoquangtri.vn", "Đức Việt"), ("Vneconomy.vn", "Ngọc Mai"),
]
HEADLINES = {
    Section.POLICY: [
        "Sẽ ưu đãi phí, lệ phí khi thực hiện dịch vụ công trực tuyến",
        "Mỗi ngày Cổng Dịch vụ công Quốc gia tiếp nhận, xử lý khoảng {n}.000 hồ sơ, giao dịch",
        "Thủ tướng yêu cầu cắt giảm, đơn giản hóa thủ tục hành chính liên quan đến dân cư",
        "Chính phủ ban hành nghị định về thực hiện thủ tục hành chính trên môi trường điện tử",
        "Bộ Nội vụ công bố Chỉ số cải cách hành chính năm {y}",
    ],
    Section.LOCAL: [
        "Trả kết quả hồ sơ chậm phải xin lỗi dân, doanh nghiệp bằng văn bản",
        "Ứng dụng giải quyết thủ tục hành chính phong phú làm người dân bối rối",
        "Hiệu quả kênh tương tác phản ánh hiện trường",
        "Nhiều giải pháp nâng cao các chỉ số PAR INDEX, SIPAS và PAPI",
        "Xã đầu tiên công khai niêm yết thủ tục hành chính bằng mã QR",
        "Làm rõ lý do chỉ số cải cách hành chính của Sở TN&MT thấp",
        "Đẩy mạnh chuyển đổi số trong giải quyết hồ sơ đất đai",
    ],
    Section.MANAGEMENT: [
        "Tiếp tục siết chặt kỷ cương, kỷ luật hành chính",
        "Đề xuất cán bộ không hẹn gặp, không tiếp công dân bên ngoài cơ quan",
        "Kiểm tra công vụ đột xuất tại {n} cơ quan, đơn vị",
        "Sắp xếp tinh gọn bộ máy, tinh giản biên chế công chức, viên chức",
    ],
    Section.WORLD: [
        "Hàn Quốc bổ sung luật buộc các nghị sỹ phải kê khai tài sản ảo",
        "Singapore mở rộng dịch vụ công số cho người cao tuổi",
        "Estonia chia sẻ kinh nghiệm xây dựng chính phủ điện tử",
    ],
}
SENTENCES = [
    "Thủ tướng Phạm Minh Chính vừa ký ban hành văn bản tháo gỡ các điểm nghẽn triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh.",
    "Theo đó, bộ trưởng, thủ trưởng cơ quan ngang bộ tập trung chỉ đạo hoàn thành việc cắt giảm, đơn giản hóa các thủ tục hành chính, giấy tờ liên quan đến quản lý dân cư.",
    "Cổng Dịch vụ công Quốc gia đã tích hợp, cung cấp {n}.405 dịch vụ công trực tuyến, tạo thuận lợi cho người dân, doanh nghiệp.",
    "Chủ tịch UBND tỉnh yêu cầu các sở, ngành công khai, minh bạch quy trình giải quyết hồ sơ và chịu trách nhiệm nếu để chậm trễ.",
    "Trường hợp hồ sơ quá hạn, cơ quan giải quyết phải có văn bản xin lỗi, nêu rõ lý do và hẹn lại thời gian trả kết quả.",
    "Bộ Thông tin và Truyền thông bảo đảm chất lượng mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước từ Trung ương đến cấp xã.",
    "Người đứng đầu cơ quan, đơn vị phải gương mẫu, chịu trách nhiệm về kỷ luật, kỷ cương hành chính trong phạm vi quản lý.",
    "Năm {y}, tỉnh phấn đấu 100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình.",
    "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính giúp làm giàu kho dữ liệu, người dân không phải cung cấp lại thông tin đã có.",
    "Đoàn kiểm tra công vụ phát hiện một số công chức đi muộn, về sớm, làm việc riêng trong giờ hành chính.",
    "Các chỉ số PAR INDEX, SIPAS và PAPI là thước đo quan trọng về sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính.",
    "Ứng dụng VNeID dần thay thế việc cung cấp các giấy tờ cá nhân trong thực hiện các giao dịch, thủ tục hành chính.",
    "Theo báo cáo, tỷ lệ hồ sơ được giải quyết đúng hạn đạt {n}%, tăng so với cùng kỳ năm trước.",
    "Quốc hội nước này thông qua luật yêu cầu công chức kê khai tài sản, thu nhập hằng năm và công khai trên cổng thông tin.",
]


def make_doc(day: date, n_items: int = 12, rng: random.Random | None = None,
             published: bool = True) -> BulletinDoc:
    """A realistic bulletin of ``n_items`` stories on ``day`` (sections in the fixed order)."""
    rng = rng or random.Random(day.toordinal())
    weights = {Section.POLICY: 2, Section.LOCAL: 6, Section.MANAGEMENT: 2, Section.WORLD: 1}
    counts = {s: 0 for s in weights}
    for _ in range(n_items):
        counts[rng.choices(list(weights), list(weights.values()))[0]] += 1
    blocks: list[SectionBlock] = []
    number = 0
    for section in (Section.POLICY, Section.LOCAL, Section.MANAGEMENT, Section.WORLD):
        items: list[Item] = []
        for _ in range(counts[section]):
            number += 1
            fill = {"n": rng.randint(2, 98), "y": day.year}
            headline = rng.choice(HEADLINES[section]).format(**fill)
            province = None
            if section is Section.LOCAL:
                province = rng.choice(PROVINCES)
                headline = f"{province}: {headline}"
            outlet, author = rng.choice(OUTLETS)
            paras = [
                " ".join(rng.choice(SENTENCES).format(**fill) for _ in range(rng.randint(2, 4)))
                for _ in range(rng.randint(3, 6))
            ]
            items.append(Item(
                number=number, headline=headline,
                url=f"https://{outlet.split('/')[-1].lower()}/tin-{day.isoformat()}-{number}.html",
                outlet=outlet, source_date=day - timedelta(days=rng.randint(0, 1)),
                author=author, province=province, paragraphs=paras,
            ))
        if items:
            blocks.append(SectionBlock(section, items))
    moment = datetime.combine(day, time(16, 40), tzinfo=VN_TZ) if published else None
    return BulletinDoc(date=day, title=bulletin_title(day), published_at=moment, sections=blocks,
                       status="published" if published else "draft")


def make_docs(n: int, end: date = date(2026, 11, 27), n_items: int = 12,
              seed: int = 1) -> list[BulletinDoc]:
    """``n`` consecutive daily bulletins ending on ``end``."""
    rng = random.Random(seed)
    return [make_doc(end - timedelta(days=n - 1 - i), n_items, rng) for i in range(n)]


def store_published(engine: Engine, docs: Iterable[BulletinDoc]) -> int:
    """Insert (or replace) published Bulletin rows with the documents' JSON as ``snapshot``."""
    count = 0
    with Session(engine) as session:
        for doc in docs:
            row = session.exec(select(Bulletin).where(Bulletin.date == doc.date)).one_or_none()
            if row is None:
                row = Bulletin(date=doc.date, title=doc.title)
            row.status = "published"
            row.title = doc.title
            row.published_at = doc.published_at
            row.snapshot = doc.to_json()
            row.updated_at = utcnow()  # as publish does (the site's change fingerprint)
            session.add(row)
            count += 1
        session.commit()
    return count


# the readers' site search, driven in a browser page (playwright)
SEARCH_DONE = "(s => s && !s.startsWith('Đang'))(document.querySelector('#bt-status').textContent)"


def search_all(page: Any, url: str) -> tuple[str, list[str], list[str]]:
    """Open a search link (the query runs on load), wait for its answer, press "more" until every
    result is shown (each press waits for its own page), and return the status line, the result
    titles and their meta lines."""
    page.goto(url)
    page.wait_for_function(SEARCH_DONE, timeout=15000)
    while page.is_visible("#bt-more"):  # the page and the button's state change together
        shown = page.locator(".bt-result-title").count()
        page.click("#bt-more")
        page.wait_for_function(f"document.querySelectorAll('.bt-result-title').length > {shown}")
    return (page.inner_text("#bt-status"), page.locator(".bt-result-title").all_inner_texts(),
            page.locator(".bt-result-meta").all_inner_texts())
