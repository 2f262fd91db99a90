"""Duplicate clustering: one story from several outlets is one cluster; the citation rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from digest.classify.dedupe import cluster, cluster_key, pairwise_scores, representative

T0 = datetime(2023, 5, 24, 1, 0, tzinfo=UTC)

BODY = (
    "Xã Quảng Nghiệp (Tứ Kỳ) vừa công khai niêm yết thủ tục hành chính bằng mã QR tại Bộ phận một cửa "
    "song song với bản niêm yết giấy. Đây là xã đầu tiên của huyện Tứ Kỳ thực hiện việc này.\n\n"
    "Bộ mã QR được niêm yết gồm 139 mã tương ứng với 139 thủ tục hành chính ở 35 lĩnh vực. Người dân "
    "chỉ cần sử dụng điện thoại di động để quét mã QR, sau đó nhấn vào đường link truy cập thông tin "
    "thủ tục hành chính để tìm hiểu và nộp hồ sơ trực tuyến.\n\n"
    "Việc niêm yết thủ tục hành chính bằng mã QR giúp người dân dễ dàng tiếp cận dịch vụ công trực "
    "tuyến, thuận lợi hơn so với phương thức tra cứu thông tin trên bảng niêm yết giấy."
)


def art(url: str, title: str, text: str, hours: float = 0, outlet: str = "", scope: str = "provincial") -> dict:
    return {"url": url, "title": title, "text": text, "published_at": T0 + timedelta(hours=hours),
            "outlet": outlet, "scope": scope}


def test_rewritten_headline_and_lead_is_the_same_story() -> None:
    original = art("https://baohaiduong.vn/a", "Xã đầu tiên ở Tứ Kỳ công khai niêm yết thủ tục hành chính bằng mã QR", BODY)
    paras = BODY.split("\n\n")
    copy = art("https://other.vn/b", "Quét mã QR để tra cứu 139 thủ tục hành chính ở Quảng Nghiệp",
               "Người dân xã Quảng Nghiệp giờ đây có thể tra thủ tục bằng điện thoại.\n\n" + "\n\n".join(paras[1:]), hours=5)
    unrelated = art("https://x.vn/c", "Giá vàng hôm nay tăng mạnh", "Giá vàng miếng tăng 500.000 đồng mỗi lượng.")
    groups = cluster([original, copy, unrelated], threshold=0.55)
    assert sorted(map(sorted, groups)) == [[0, 1], [2]]


@pytest.mark.parametrize("other", ["Quảng Ngãi", "Quảng Nam"])  # Quảng Nam: merged into Đà Nẵng in 2025
def test_two_provinces_one_stop_news_stay_apart(other: str) -> None:
    text = ("Bộ phận một cửa của tỉnh vừa đưa vào vận hành hệ thống tiếp nhận hồ sơ trực tuyến, giúp người dân "
            "nộp hồ sơ, theo dõi tiến độ và nhận kết quả tại nhà. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.")
    a = art("https://a.vn/1", "Đà Nẵng: Bộ phận một cửa tiếp nhận hồ sơ trực tuyến", text)
    b = art("https://b.vn/2", f"{other}: Bộ phận một cửa tiếp nhận hồ sơ trực tuyến", text, hours=2)
    assert sorted(map(sorted, cluster([a, b], threshold=0.55))) == [[0], [1]]


def test_daily_reports_with_other_figures_stay_apart() -> None:
    day1 = art("https://w.vn/1", "Thời tiết 23/11: Bắc Bộ rét", "Nhiệt độ thấp nhất 16-19 độ C, vùng núi dưới 13 độ C, cao nhất 31-33 độ C.")
    day2 = art("https://w.vn/2", "Thời tiết 24/11: Bắc Bộ rét", "Nhiệt độ thấp nhất 17-20 độ C, vùng núi dưới 14 độ C, cao nhất 30-32 độ C.", hours=24)
    assert len(cluster([day1, day2], threshold=0.55)) == 2


def test_far_apart_in_time_is_not_the_same_story() -> None:
    a = art("https://a.vn/1", "Xã đầu tiên ở Tứ Kỳ niêm yết thủ tục bằng mã QR", BODY)
    b = art("https://b.vn/2", "Xã đầu tiên ở Tứ Kỳ niêm yết thủ tục bằng mã QR", BODY, hours=24 * 30)
    assert len(cluster([a, b], threshold=0.55)) == 2


def test_representative_rule() -> None:
    early_local = art("https://local.vn/1", "T", "ngắn", hours=0, outlet="Baohaiduong.vn")
    same_day_official = art("https://baochinhphu.vn/2", "T", "dài hơn " * 20, hours=3, outlet="Baochinhphu.vn", scope="central")
    same_day_central = art("https://vnexpress.net/3", "T", "dài hơn nữa " * 50, hours=2, outlet="VnExpress", scope="central")
    next_day = art("https://nhandan.vn/4", "T", "x", hours=30, outlet="Nhandan.vn", scope="central")
    # earliest day first; on that day an official central outlet, then central, then the longer text
    assert representative([early_local, same_day_official, same_day_central, next_day]) is same_day_official
    assert representative([early_local, same_day_central, next_day]) is same_day_central
    short = art("https://a.vn/5", "T", "ngắn", hours=1)
    long = art("https://b.vn/6", "T", "dài " * 100, hours=2)
    assert representative([short, long]) is long
    assert representative([next_day, early_local]) is early_local  # a day earlier beats official


def test_cluster_key_is_stable_when_a_late_copy_joins() -> None:
    first = art("https://a.vn/1", "T", "x", hours=0)
    late = art("https://0.vn/late", "T", "x", hours=10)
    assert cluster_key([first]) == cluster_key([late, first])
    assert cluster_key([first]).startswith("c") and len(cluster_key([first])) == 16


def test_pairwise_scores() -> None:
    scores = pairwise_scores(["a", "a", "b", "c"], [[0, 1], [2, 3]])
    assert scores["precision"] == 0.5 and scores["recall"] == 1.0


def test_single_and_empty_inputs() -> None:
    assert cluster([]) == []
    assert cluster([art("u", "", "")]) == [[0]]
    assert cluster([art("u", "", ""), art("v", "", "")], threshold=0.55) == [[0], [1]]


def test_two_outlets_own_reports_of_one_statistic_are_one_story() -> None:
    a = art("https://congan.com.vn/1", "Mỗi ngày Cổng Dịch vụ công Quốc gia tiếp nhận, xử lý khoảng 100.000 hồ sơ",
            "Theo Văn phòng Chính phủ, Cổng Dịch vụ công Quốc gia đã tích hợp, cung cấp 4.405 dịch vụ công trực "
            "tuyến, tăng 1.200 dịch vụ so với cùng kỳ năm 2022. Trung bình mỗi ngày Cổng tiếp nhận, xử lý khoảng "
            "100.000 hồ sơ, giao dịch thanh toán trực tuyến.")
    b = art("https://other.vn/2", "Cổng Dịch vụ công Quốc gia cung cấp hơn 4.400 dịch vụ trực tuyến",
            "Hiện có 4.405 dịch vụ được cung cấp qua Cổng Dịch vụ công Quốc gia, đạt 68% tổng số thủ tục. "
            "Mỗi ngày khoảng 100.000 hồ sơ và giao dịch được xử lý trên cổng, theo số liệu của Văn phòng Chính phủ.",
            hours=6)
    c = art("https://third.vn/3", "Cổng Dịch vụ công Quốc gia ghi nhận 3,8 triệu giao dịch thanh toán",
            "Năm nay Cổng Dịch vụ công Quốc gia ghi nhận 3,8 triệu giao dịch thanh toán trực tuyến, tăng 526% "
            "so với năm trước; 600 triệu lượt truy cập.", hours=3)
    assert sorted(map(sorted, cluster([a, b, c], threshold=0.55))) == [[0, 1], [2]]
