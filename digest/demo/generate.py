"""Generate the routine part of the demo corpus: daily gold prices and weather, match reports,
and local reform stories from provinces the hand-written files do not cover.

Real outlets publish exactly this kind of formulaic daily copy (price boards, forecasts), so
template-filling reads naturally here; the reform stories draw every sentence from several
phrasings and every figure from a seeded generator, so no fixed phrase marks a class.

    python -m digest.demo.generate          # rewrites digest/demo/data/generated.json

The output is committed: nothing is generated at run time. ``build()`` is deterministic
(tests compare it with the committed file).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "generated.json"
DAYS = [date(2026, 11, 22) + timedelta(days=i) for i in range(6)]  # 22..27 Nov


def _fmt(n: float, decimals: int = 1) -> str:
    """Vietnamese number format: 1.234,5."""
    text = f"{n:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text.rstrip("0").rstrip(",") if decimals else text


# --- gold prices (Thoibao24h, every morning) --------------------------------------------
def gold(rng: random.Random) -> list[dict]:
    out = []
    price = 164.8
    heads = [
        "Giá vàng hôm nay {d}/{m}: vàng miếng {verb} {delta} triệu đồng",
        "Giá vàng {d}/{m}: {verb2} theo thế giới, vàng nhẫn quanh {ring} triệu đồng",
        "Vàng miếng {verb} phiên {wd}, chênh lệch mua bán vẫn ở mức cao",
    ]
    wds = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ Nhật"]
    for day in DAYS[1:]:
        change = rng.choice([-0.8, -0.5, -0.3, 0.2, 0.4, 0.6, 0.9])
        price = round(price + change, 1)
        ring = round(price - rng.uniform(3.5, 5.0), 1)
        world = rng.randint(4080, 4190)
        up = change > 0
        head = rng.choice(heads).format(
            d=day.day, m=day.month, verb="tăng" if up else "giảm", delta=_fmt(abs(change)),
            verb2="Đi lên" if up else "Đi xuống", ring=_fmt(ring, 0), wd=wds[day.weekday()])
        paras = [
            f"Đầu giờ sáng {day.day}/{day.month}, các doanh nghiệp kinh doanh vàng lớn niêm yết giá vàng "
            f"miếng ở mức {_fmt(price - 2.5)} triệu đồng/lượng mua vào và {_fmt(price)} triệu đồng/lượng "
            f"bán ra, {'tăng' if up else 'giảm'} {_fmt(abs(change) * 1000, 0)} nghìn đồng so với phiên trước.",
            f"Giá vàng nhẫn trơn 9999 được giao dịch quanh {_fmt(ring - 1.5)}-{_fmt(ring)} triệu đồng/lượng. "
            + rng.choice(["Lượng khách đến mua tại các cửa hàng không nhiều, chủ yếu là giao dịch nhỏ lẻ.",
                          "Tại một số tiệm vàng, người mua vẫn phải xếp hàng từ sáng sớm.",
                          "Nhiều người dân chọn bán ra chốt lời khi giá ở vùng cao."]),
            f"Trên thị trường thế giới, giá vàng giao ngay dao động quanh {_fmt(world, 0)} USD/ounce. "
            + rng.choice(["Nhà đầu tư đang chờ đợi các số liệu kinh tế mới của Mỹ.",
                          "Đồng USD suy yếu giúp kim loại quý có thêm động lực.",
                          "Giới phân tích cho rằng giá có thể tiếp tục biến động mạnh trong ngắn hạn."]),
            rng.choice([
                "Quy đổi theo tỷ giá ngân hàng, giá vàng thế giới tương đương khoảng {w} triệu đồng/lượng, "
                "thấp hơn giá vàng miếng trong nước khoảng {gap} triệu đồng. Các chuyên gia khuyến cáo người dân "
                "cân nhắc kỹ trước khi mua vào ở vùng giá cao, tránh chạy theo tâm lý đám đông.",
                "Mức chênh lệch giữa giá mua và giá bán vàng miếng hiện khoảng 2,5 triệu đồng/lượng, khiến người "
                "mua ngắn hạn dễ chịu lỗ. Giá vàng quy đổi từ thị trường thế giới vào khoảng {w} triệu đồng/lượng, "
                "thấp hơn trong nước chừng {gap} triệu đồng.",
            ]).format(w=_fmt(world * 0.0355, 1), gap=_fmt(price - world * 0.0355, 1)),
        ]
        out.append({"key": f"gen-gold-{day:%d}", "outlet": "Thoibao24h.demo",
                    "at": f"{day:%Y-%m-%d} 0{rng.randint(7, 9)}:{rng.choice(['05', '20', '35'])}",
                    "author": "PV", "section": "none", "title": head, "paragraphs": paras})
    return out


# --- weather (Thoibao24h, every evening) ---------------------------------------------------
def weather(rng: random.Random) -> list[dict]:
    out = []
    for day in DAYS[:-1]:
        nxt = day + timedelta(days=1)
        north = rng.randint(13, 18)
        south_hi = rng.randint(31, 34)
        head = rng.choice([
            "Thời tiết ngày {d}/{m}: Miền Bắc rét, Nam Bộ chiều tối có mưa rào",
            "Dự báo thời tiết {d}/{m}: Bắc Bộ trời lạnh, vùng núi có nơi dưới {t} độ C",
            "Thời tiết {d}/{m}: Trung Bộ mưa to, Hà Nội nhiệt độ thấp nhất {t2} độ C",
        ]).format(d=nxt.day, m=nxt.month, t=north - 3, t2=north + 1)
        paras = [
            f"Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, ngày {nxt.day}/{nxt.month}, khu vực Bắc Bộ "
            f"trời nhiều mây, đêm và sáng sớm trời rét; nhiệt độ thấp nhất phổ biến {north}-{north + 3} độ C, "
            f"vùng núi cao có nơi dưới {north - 3} độ C.",
            rng.choice([
                "Khu vực từ Quảng Trị đến Quảng Ngãi có mưa vừa, mưa to, cục bộ có nơi mưa rất to. ",
                "Các tỉnh Trung Bộ có mưa rào rải rác, riêng vùng ven biển có gió đông bắc mạnh. ",
                "Ven biển Trung Bộ có mưa, có nơi mưa to; nguy cơ sạt lở đất ở vùng núi vẫn cao. "])
            + f"Tây Nguyên và Nam Bộ ngày nắng, nhiệt độ cao nhất {south_hi - 2}-{south_hi} độ C, "
              "chiều tối có mưa rào và dông vài nơi.",
            rng.choice(["Cơ quan khí tượng lưu ý trong cơn dông có khả năng xảy ra lốc, sét và gió giật mạnh.",
                        "Người dân vùng núi phía Bắc cần giữ ấm cho trẻ nhỏ, người cao tuổi.",
                        "Trên biển, vịnh Bắc Bộ có gió đông bắc cấp 5-6, biển động."]),
        ]
        out.append({"key": f"gen-weather-{day:%d}", "outlet": "Thoibao24h.demo",
                    "at": f"{day:%Y-%m-%d} {rng.randint(17, 18)}:{rng.choice(['00', '15', '40'])}",
                    "author": "Hải Đăng", "section": "none", "title": head, "paragraphs": paras})
    return out


# --- football (Thoibao24h) ------------------------------------------------------------------
def football(rng: random.Random) -> list[dict]:
    teams = ["Sông Lam", "Hải Phòng", "Thanh Hóa", "Bình Định", "Hà Nội", "Nam Định",
             "Công an", "Viettel", "Đà Nẵng", "Quảng Nam"]
    scorers = ["Đình Trọng", "Văn Toàn", "Tuấn Hải", "Quang Vinh", "Hoàng Đức", "Minh Khoa"]
    out = []
    for i, day in enumerate([DAYS[2], DAYS[4], DAYS[5]]):
        home, away = rng.sample(teams, 2)
        g1, g2 = rng.choice([(2, 1), (1, 0), (3, 2), (2, 2), (0, 1)])
        s = rng.sample(scorers, 2)
        if g1 > g2:
            head = f"{home} thắng {g1}-{g2}, {rng.choice(['áp sát nhóm dẫn đầu', 'nối dài mạch bất bại', 'thoát khỏi nhóm cuối bảng'])}"
        elif g1 == g2:
            head = f"{home} và {away} chia điểm trong trận cầu {rng.choice(['nhiều bàn thắng', 'kịch tính', 'mưa bàn thắng'])}"
        else:
            head = f"{away} giành ba điểm trên sân của {home}"
        paras = [
            f"Trận đấu giữa {home} và {away} tối {day.day}/{day.month} kết thúc với tỷ số {g1}-{g2}. "
            f"Hai đội nhập cuộc {rng.choice(['thận trọng', 'hứng khởi', 'khá chậm'])}, chỉ thực sự tạo ra cơ hội từ cuối hiệp một.",
            f"Tiền vệ {s[0]} là người có dấu ấn lớn nhất với {rng.choice(['một bàn thắng và một pha kiến tạo', 'cú sút xa đẹp mắt', 'pha đánh đầu sau quả phạt góc'])}. "
            f"Bên phía còn lại, {s[1]} {rng.choice(['bỏ lỡ một cơ hội đối mặt', 'đưa bóng dội cột dọc', 'bị thẻ vàng thứ hai'])} ở những phút cuối.",
            f"Sau vòng đấu, {home if g1 >= g2 else away} có {rng.randint(14, 22)} điểm. "
            f"Vòng tới, {away} sẽ {rng.choice(['tiếp đội đầu bảng', 'làm khách trên sân Thiên Trường', 'gặp đối thủ cùng nhóm cuối'])}.",
            rng.choice([
                f"Phát biểu sau trận, huấn luyện viên của {home} thừa nhận các học trò chưa tận dụng tốt cơ hội "
                "trong hiệp một, nhưng hài lòng với tinh thần thi đấu. Ông cho biết đội sẽ có vài ngày nghỉ ngơi "
                "trước khi bước vào chuỗi trận dày đặc cuối năm.",
                f"Khoảng {rng.randint(6, 15)}.000 khán giả đã có mặt trên sân dù thời tiết không thuận lợi. "
                "Ban tổ chức cho biết lượng khán giả đến sân mùa này tăng rõ rệt so với mùa trước nhờ lịch thi "
                "đấu vào buổi tối và giá vé hợp lý.",
            ]),
        ]
        out.append({"key": f"gen-football-{i}", "outlet": rng.choice(["Thoibao24h.demo", "Thoibao24h.demo", "Thudotoday.demo"]),
                    "at": f"{day:%Y-%m-%d} {'21:50' if day < DAYS[5] else '07:15'}",
                    "author": rng.choice(["Hoài Nam", "Đức Anh"]), "section": "none",
                    "title": head, "paragraphs": paras})
    return out


# --- local reform stories --------------------------------------------------------------------
# province (post-2025 name) -> (older names it absorbed, a few of its communes/wards, a leader title)
PROVINCES = {
    "Tuyên Quang": (["Hà Giang"], ["xã Đồng Văn", "xã Mèo Vạc", "phường Hà Giang 1", "xã Chiêm Hóa"]),
    "Thái Nguyên": (["Bắc Kạn"], ["phường Phan Đình Phùng", "xã Ba Bể", "xã Đại Từ", "xã Chợ Đồn"]),
    "Phú Thọ": (["Vĩnh Phúc", "Hòa Bình"], ["phường Việt Trì", "phường Vĩnh Yên", "xã Mai Châu", "xã Tam Đảo"]),
    "Bắc Ninh": (["Bắc Giang"], ["phường Kinh Bắc", "xã Lục Ngạn", "phường Bắc Giang", "phường Từ Sơn", "xã Yên Thế"]),
    "Hưng Yên": (["Thái Bình"], ["phường Phố Hiến", "xã Tiền Hải", "phường Thái Bình", "xã Văn Giang"]),
    "Ninh Bình": (["Hà Nam", "Nam Định"], ["phường Hoa Lư", "phường Phủ Lý", "xã Hải Hậu", "xã Kim Sơn"]),
    "Hà Tĩnh": ([], ["phường Thành Sen", "xã Cẩm Xuyên", "phường Hoành Sơn", "xã Hương Sơn"]),
    "Quảng Ngãi": (["Kon Tum"], ["phường Cẩm Thành", "xã Đăk Tô", "đặc khu Lý Sơn", "phường Kon Tum", "xã Ba Tơ"]),
    "Lạng Sơn": ([], ["phường Đông Kinh", "xã Hữu Lũng", "xã Tràng Định", "xã Đồng Đăng"]),
    "Cao Bằng": ([], ["phường Thục Phán", "xã Trùng Khánh", "xã Bảo Lạc", "xã Hà Quảng"]),
    "Điện Biên": ([], ["phường Điện Biên Phủ", "xã Mường Nhé", "xã Tuần Giáo", "xã Mường Ảng"]),
    "Lai Châu": ([], ["phường Tân Phong", "xã Sìn Hồ", "xã Than Uyên", "xã Phong Thổ"]),
    "Sơn La": ([], ["phường Tô Hiệu", "phường Mộc Châu", "xã Sông Mã", "xã Phù Yên"]),
    "Vĩnh Long": (["Bến Tre", "Trà Vinh"], ["phường Long Châu", "phường An Hội", "xã Cầu Kè", "xã Mỏ Cày"]),
    "Cà Mau": (["Bạc Liêu"], ["phường Tân Thành", "phường Bạc Liêu", "xã Năm Căn", "xã Đầm Dơi"]),
    "An Giang": (["Kiên Giang"], ["phường Long Xuyên", "phường Rạch Giá", "đặc khu Phú Quốc", "xã Tri Tôn", "xã Thoại Sơn"]),
    "Đồng Nai": (["Bình Phước"], ["phường Trấn Biên", "phường Đồng Xoài", "xã Long Thành", "phường Bình Long", "xã Bù Đăng"]),
}

_LEAD_ONLINE = [
    "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến tại {unit} {p} trong 10 tháng năm 2026 đạt {r1}%, tăng {d} điểm phần trăm so với cùng kỳ, theo báo cáo của Văn phòng UBND {unit}.",
    "Sau một năm đẩy mạnh dịch vụ công trực tuyến, {p} đã có {r1}% hồ sơ thủ tục được người dân, doanh nghiệp nộp qua mạng, cao hơn {d} điểm phần trăm so với năm ngoái.",
    "Báo cáo mới nhất của {unit} {p} cho thấy cứ 100 hồ sơ thủ tục hành chính thì có khoảng {r0} hồ sơ được nộp trực tuyến, tăng mạnh so với mức {r_old}% cùng kỳ.",
]
_MID_ONLINE = [
    "Kết quả này có được nhờ tỉnh chuẩn hóa lại quy trình của {n1} thủ tục có lượng hồ sơ lớn, bỏ các thành phần giấy tờ trùng lặp và kết nối dữ liệu dân cư để người dân không phải khai lại thông tin.",
    "Tỉnh đã rà soát, cắt bỏ những bước thừa trong quy trình của {n1} thủ tục thường dùng; các thông tin về nhân thân được lấy trực tiếp từ cơ sở dữ liệu quốc gia thay vì yêu cầu bản sao.",
    "Theo lãnh đạo tỉnh, điểm mấu chốt là tái cấu trúc quy trình: {n1} thủ tục nhiều hồ sơ nhất đã được thiết kế lại biểu mẫu điện tử, hệ thống tự điền thông tin từ tài khoản định danh.",
]
_DETAIL_ONLINE = [
    "Tại {x1}, công chức bộ phận một cửa ngồi cạnh người dân hướng dẫn từng bước; ai không có điện thoại thông minh được dùng máy tính đặt tại sảnh. Ở {x2}, đoàn thanh niên tổ chức các điểm hỗ trợ lưu động vào ngày chợ phiên.",
    "Ở {x1}, mỗi thôn, tổ dân phố có một người được tập huấn để giúp bà con nộp hồ sơ trên điện thoại. Còn tại {x2}, xã bố trí quầy tự phục vụ có máy quét giấy tờ, mở cả buổi trưa.",
    "{X1} là nơi có tỷ lệ cao nhất {unit} với {r2}%, trong khi một số xã vùng sâu như {xa2} mới đạt khoảng {r3}% do sóng điện thoại chập chờn và nhiều người cao tuổi chưa quen thao tác.",
]
_END_ONLINE = [
    "Tỉnh đặt mục tiêu năm 2027 đạt tối thiểu 80% hồ sơ trực tuyến và sẽ đưa chỉ tiêu này vào đánh giá người đứng đầu các xã, phường.",
    "UBND tỉnh yêu cầu các sở, ngành và chính quyền cấp xã tiếp tục rà soát những thủ tục còn phải nộp bản giấy, đề xuất phương án số hóa trong quý I/2027.",
    "Thời gian tới, tỉnh sẽ ưu tiên hoàn thiện hạ tầng mạng ở vùng sâu, vùng xa và bổ sung thiết bị cho bộ phận một cửa cấp xã.",
]

_HEAD_ONLINE = [
    "{p}: {r0}% hồ sơ thủ tục hành chính được nộp qua mạng",
    "{p}: Tỷ lệ dịch vụ công trực tuyến tăng {d} điểm phần trăm",
    "{p} đẩy mạnh dịch vụ công trực tuyến, người dân bớt phải đến trụ sở",
]

_HEAD_MERGE = [  # parallel to _LEAD_MERGE
    "{p}: Xã mới sau sắp xếp ổn định bộ máy, giải quyết hồ sơ đúng hạn",
    "{p} hỗ trợ cán bộ xã đi làm xa sau sắp xếp đơn vị hành chính",
    "{p}: Một năm sau hợp nhất, {xa1} vận hành ra sao?",
]
_LEAD_MERGE = [
    "Hơn một năm sau khi hình thành trên cơ sở nhập {k} xã cũ, {xa1} ({unit} {p}) đã cơ bản ổn định tổ chức bộ máy; {r1}% hồ sơ thủ tục hành chính được giải quyết đúng và trước hạn.",
    "Sắp xếp đơn vị hành chính cấp xã khiến nhiều cán bộ ở {p} phải đi làm xa hơn trước hàng chục cây số. Để giữ chân người có năng lực, tỉnh đã có chính sách hỗ trợ đi lại và nhà ở công vụ.",
    "Ngay sau khi chính quyền địa phương hai cấp vận hành, {xa1} ở {unit} {p} trở thành một trong những xã có diện tích lớn nhất {unit}, với hơn {pop} nhân khẩu.",
]
_MID_MERGE = [
    "Trụ sở của các xã cũ không bị bỏ hoang mà được chuyển thành điểm tiếp nhận hồ sơ, nhà văn hóa hoặc trạm y tế. Mỗi tuần, công chức từ trụ sở chính luân phiên xuống làm việc tại các điểm này.",
    "Mỗi cán bộ, công chức phải đi làm xa trên 20 km được hỗ trợ {money} đồng mỗi tháng; những người có hoàn cảnh khó khăn được bố trí ở nhà công vụ cải tạo từ trụ sở cũ.",
    "Bộ phận một cửa của xã hiện có {staff} công chức, nhiều người trước đây làm việc ở cấp huyện cũ, có kinh nghiệm về đất đai, xây dựng; nhờ đó hồ sơ phức tạp không còn phải chuyển lên trên.",
]
_DETAIL_MERGE = [
    "Ông {name_m}, Chủ tịch UBND {xa1}, cho biết khó khăn lớn nhất là dữ liệu hộ tịch, đất đai của các xã cũ chưa đồng bộ, nhiều hồ sơ phải tra cứu thủ công.",
    "Theo bà {name_f}, công chức văn phòng - thống kê của {xa1}, thời gian đầu người dân còn lúng túng vì con dấu, tên gọi và địa chỉ thay đổi, nhưng nay đã quen dần.",
    "Người dân ở các thôn xa trung tâm {xa1} phản ánh quãng đường đến trụ sở dài hơn trước; xã đã bố trí lịch làm việc lưu động hai buổi mỗi tuần và tiếp nhận hồ sơ qua bưu điện.",
]
_END_MERGE = [
    "Sở Nội vụ {p} cho biết sẽ tổng kết, đánh giá hoạt động của các xã sau sắp xếp để kiến nghị điều chỉnh biên chế, vị trí việc làm phù hợp với khối lượng công việc thực tế.",
    "Tỉnh yêu cầu hoàn thành việc chỉnh lý giấy tờ cho người dân theo địa giới mới, không thu phí và không bắt dân đi lại nhiều lần.",
    "Trong năm 2027, tỉnh dự kiến đầu tư nâng cấp trụ sở, trang thiết bị cho các xã có địa bàn rộng, dân số đông.",
]

_HEAD_INDEX = [
    "{p} đề ra giải pháp cải thiện các chỉ số PAR INDEX, SIPAS và PAPI",
    "{p}: Giao chỉ tiêu cải cách hành chính đến từng sở, ngành",
    "{p} quyết tâm thoát nhóm cuối bảng về chỉ số hài lòng của người dân",
]
_LEAD_INDEX = [
    "UBND {unit} {p} vừa ban hành kế hoạch nâng cao Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) và Chỉ số hiệu quả quản trị và hành chính công (PAPI) giai đoạn 2026-2027.",
    "Năm 2025, {p} xếp thứ {rank}/34 về PAR INDEX và thứ {rank2}/34 về SIPAS; tỉnh vừa giao chỉ tiêu cụ thể cho từng sở, ngành và xã, phường để cải thiện thứ hạng.",
    "Sau khi kết quả các chỉ số năm 2025 được công bố, lãnh đạo {unit} {p} đã chủ trì cuộc họp, yêu cầu làm rõ nguyên nhân từng tiêu chí thành phần bị mất điểm.",
]
_MID_INDEX = [
    "Theo kế hoạch, mỗi tiêu chí thành phần được giao cho một cơ quan chủ trì, có lãnh đạo phụ trách và thời hạn hoàn thành; kết quả được theo dõi hằng tháng trên phần mềm của Sở Nội vụ.",
    "Những nội dung bị đánh giá thấp gồm công khai, minh bạch trong quản lý đất đai, kiểm soát tham nhũng ở cấp cơ sở và thời gian giải quyết hồ sơ đầu tư; tỉnh sẽ tổ chức khảo sát độc lập giữa năm để đo lại.",
    "Tỉnh yêu cầu công khai số điện thoại của người đứng đầu tại mọi bộ phận một cửa, đồng thời tổ chức đối thoại với người dân, doanh nghiệp ít nhất mỗi quý một lần.",
]
_END_INDEX = [
    "Mục tiêu đến năm 2027, {p} vào nhóm {top} địa phương dẫn đầu về PAR INDEX và có mức hài lòng của người dân trên {r1}%.",
    "Người đứng đầu cơ quan để chỉ số giảm điểm sẽ phải giải trình trước Ban Chỉ đạo cải cách hành chính tỉnh và có thể bị xem xét khi đánh giá, xếp loại cuối năm.",
]

_HEAD_DIGI = [
    "{p}: Số hóa hơn {n2} hồ sơ, giấy tờ lưu trữ",
    "{p} hoàn thành số hóa kết quả giải quyết thủ tục hành chính",
    "{p}: Người dân không phải nộp lại giấy tờ đã số hóa",
]
_LEAD_DIGI = [
    "{Unit} {p} vừa hoàn thành số hóa hơn {n2} hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực, đưa vào kho dữ liệu điện tử của tổ chức, cá nhân trên cổng dịch vụ công.",
    "Từ tháng 12, người dân {p} khi làm thủ tục sẽ không phải nộp lại các giấy tờ đã được số hóa trước đó, nhờ kho dữ liệu điện tử với hơn {n2} bản ghi.",
]
_MID_DIGI = [
    "Những giấy tờ được ưu tiên số hóa là giấy khai sinh, giấy chứng nhận quyền sử dụng đất, giấy phép xây dựng và giấy chứng nhận đăng ký hộ kinh doanh. Mỗi bản số hóa được ký số để có giá trị pháp lý như bản chính.",
    "Công chức bộ phận một cửa được giao số hóa ngay khi tiếp nhận hồ sơ giấy; với hồ sơ lưu trữ cũ, tỉnh thuê đơn vị chuyên môn quét, nhập liệu và đối chiếu.",
]
_END_DIGI = [
    "Sở Khoa học và Công nghệ {p} cho biết việc tái sử dụng dữ liệu đã giúp giảm khoảng {r3}% thành phần hồ sơ giấy trong các thủ tục thường gặp.",
    "Tỉnh yêu cầu các cơ quan không được từ chối hồ sơ với lý do người dân chưa nộp bản giấy khi bản điện tử đã có trong kho dữ liệu.",
]

TOPICS = {
    "online": (_HEAD_ONLINE, [_LEAD_ONLINE, _MID_ONLINE, _DETAIL_ONLINE, _END_ONLINE]),
    "merge": (_HEAD_MERGE, [_LEAD_MERGE, _MID_MERGE, _DETAIL_MERGE, _END_MERGE]),
    "index": (_HEAD_INDEX, [_LEAD_INDEX, _MID_INDEX, _END_INDEX]),
    "digi": (_HEAD_DIGI, [_LEAD_DIGI, _MID_DIGI, _END_DIGI]),
}
NAMES_M = ["Nguyễn Văn Hải", "Trần Minh Đức", "Phạm Quốc Việt", "Vàng A Sùng", "Đặng Văn Khoa"]
NAMES_F = ["Lò Thị Xuân", "Hoàng Thị Lan", "Lê Thị Thu Hà", "Nguyễn Thị Hồng"]
CITIES: set[str] = set()  # centrally run cities would say "thành phố", not "tỉnh"
AUTHORS = ["PV", "T.N", "Minh Anh", "Quốc Khánh", "Trang Trần", "Hà Linh", "Đức Trung", "N.H"]
LOCAL_OUTLETS = ["Thoibao24h.demo", "Giaothongvantai.demo", "Tinchinhphu.demo", "Congvuso.demo",
                 "Phapluatso.demo"]


def local(rng: random.Random) -> list[dict]:
    out = []
    topics = list(TOPICS)
    slots = [(d, h) for d in DAYS for h in range(7, 19)]
    for i, (prov, (old, communes)) in enumerate(sorted(PROVINCES.items())):
        for j in range(2 if i % 3 == 0 else 1):
            topic = topics[(i + j) % len(topics)]
            heads, parts = TOPICS[topic]
            x1, x2 = rng.sample(communes, 2)
            xas = [c for c in communes if c.startswith("xã ")]
            xa1, xa2 = rng.sample(xas, 2)
            if xa2 == x1:  # "the best ... while remote communes like <same place>" would be absurd
                xa2 = xa1
            unit = "thành phố" if prov in CITIES else "tỉnh"
            r1 = rng.randint(62, 93)
            d = rng.randint(9, 21)
            vals = dict(p=prov, x1=x1, x2=x2, X1=x1[0].upper() + x1[1:], xa1=xa1, xa2=xa2,
                        unit=unit, Unit=unit.capitalize(), r1=r1, r0=r1, r_old=r1 - d, d=d,
                        r2=min(99, r1 + rng.randint(4, 9)), r3=rng.randint(25, 45),
                        n1=rng.randint(25, 80), n2=_fmt(rng.randint(180, 950) * 1000, 0),
                        k=rng.randint(3, 5), pop=_fmt(rng.randint(28, 65) * 1000, 0),
                        money=_fmt(rng.randint(8, 15) * 100000, 0), staff=rng.randint(9, 16),
                        name_m=rng.choice(NAMES_M), name_f=rng.choice(NAMES_F), rank=rng.randint(18, 31), rank2=rng.randint(15, 30),
                        top=rng.choice([10, 15, 20]))
            # the headline goes with the lead it summarises (same index), the rest is free
            v = rng.randrange(len(parts[0]))
            title = heads[v % len(heads)].format(**vals)
            paras = [parts[0][v].format(**vals)] + [rng.choice(b).format(**vals) for b in parts[1:]]
            if old and rng.random() < 0.6:
                paras.insert(-1, rng.choice([
                    "Với các xã thuộc tỉnh {o} trước đây, tỉnh bố trí thêm cán bộ hỗ trợ do khối lượng hồ sơ tồn đọng từ giai đoạn chuyển tiếp còn lớn.",
                    "Khu vực {o} cũ có xuất phát điểm thấp hơn, nên được ưu tiên đầu tư thiết bị và tập huấn cho công chức trong năm nay.",
                ]).format(o=old[0]))
            day, hour = slots[(i * 5 + j * 31) % len(slots)]
            if day == DAYS[0] and hour < 12:
                hour += 6
            if day == DAYS[-1] and hour >= 16:
                hour -= 8
            out.append({
                "key": f"gen-local-{i:02d}-{j}", "outlet": LOCAL_OUTLETS[(i + j) % len(LOCAL_OUTLETS)],
                "at": f"{day:%Y-%m-%d} {hour:02d}:{rng.randint(0, 59):02d}",
                "author": rng.choice(AUTHORS), "section": "local", "province": prov,
                "title": title, "paragraphs": paras,
            })
    return out


def old_name_stories() -> list[dict]:
    """Two stories that name places only by their pre-2025 names, as some copy still does."""
    return [
        {"key": "gen-old-tu-ky", "outlet": "Giaothongvantai.demo", "at": "2026-11-24 16:40",
         "author": "PV", "section": "local", "province": "Hải Dương",
         "title": "Hải Dương: Xã đầu tiên ở Tứ Kỳ công khai thủ tục hành chính bằng mã QR",
         "paragraphs": [
             "Xã Tân Kỳ thuộc huyện Tứ Kỳ cũ (Hải Dương) là địa phương đầu tiên trong khu vực niêm yết toàn bộ thủ tục hành chính bằng mã QR dán tại nhà văn hóa các thôn.",
             "Người dân dùng điện thoại quét mã để xem thành phần hồ sơ, lệ phí và tải mẫu tờ khai; cán bộ xã cho biết số lượt người phải đến hỏi lại thủ tục đã giảm rõ rệt.",
             "Các xã lân cận thuộc Tứ Kỳ, Thanh Miện cũ đang học tập cách làm này, dự kiến hoàn thành niêm yết trước Tết Nguyên đán.",
         ]},
        {"key": "gen-old-binh-phuoc", "outlet": "Congvuso.demo", "at": "2026-11-26 11:20",
         "author": "N.H", "section": "local", "province": "Bình Phước",
         "title": "Bình Phước: Nhiều giải pháp nâng cao các chỉ số PAR INDEX, SIPAS và PAPI",
         "paragraphs": [
             "Các xã, phường khu vực Bình Phước đang triển khai nhiều giải pháp để cải thiện các chỉ số PAR INDEX, SIPAS và PAPI, vốn thấp hơn mặt bằng chung của địa phương mới sau hợp nhất.",
             "Trọng tâm là công khai tiến độ giải quyết hồ sơ trên màn hình tại bộ phận một cửa, thu thập ý kiến người dân qua phiếu điện tử và tổ chức đối thoại định kỳ về đất đai.",
             "Tại Đồng Xoài và Bình Long, chính quyền cơ sở đã bố trí cán bộ trực đường dây nóng, tiếp nhận phản ánh về thái độ phục vụ của công chức.",
             "Mục tiêu đặt ra là đến cuối năm 2027, tỷ lệ người dân hài lòng với sự phục vụ của chính quyền cơ sở khu vực này đạt trên 90%.",
         ]},
    ]


def build() -> list[dict]:
    """The generated records, deterministic (fixed seeds)."""
    records = gold(random.Random(11)) + weather(random.Random(12)) + football(random.Random(13))
    records += local(random.Random(14)) + old_name_stories()
    return records


def main() -> None:
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(build())} records)")


if __name__ == "__main__":
    main()
