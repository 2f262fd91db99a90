"""Draw the older real news (2018-2020) to label as a second held-out stream (issue 9).

    python scripts/sample_older.py ITEMS.jsonl OUT.jsonl [N]

ITEMS.jsonl: real headlines and leads from public crawler outputs committed to GitHub (each line
with its repository, path and commit; see REAL-LABELS.md). Sampling, not labelling, uses the
word pools of scripts/sample_news_pool.py so that reform, management and false-friend items are
well covered; a third of the draw is plain news matching none of them. Seeded.
"""
import json
import random
import re
import sys
import unicodedata

REFORM = (r"thủ tục hành chính|dịch vụ công|một cửa|hành chính công|cải cách hành chính|chính phủ số|"
          r"chính quyền số|chính phủ điện tử|chuyển đổi số|vneid|định danh|dữ liệu dân cư|phân cấp|"
          r"phân quyền|tinh gọn|bộ máy|sắp xếp|sáp nhập|hợp nhất|cấp xã|phường|đặc khu|par index|"
          r"sipas|papi|môi trường kinh doanh|giấy phép|cắt giảm|thủ tục")
MANAGEMENT = (r"cán bộ|công chức|viên chức|biên chế|tinh giản|nghỉ hưu|thôi việc|lương|phụ cấp|kỷ luật|"
              r"luân chuyển|bổ nhiệm|tuyển dụng|thanh tra|sách nhiễu|né tránh|đùn đẩy|"
              r"trách nhiệm người đứng đầu|quy tắc ứng xử|đánh giá, xếp loại|chế độ, chính sách")
FALSE = (r"sáp nhập|hợp nhất|một cửa|cán bộ|chuyển đổi số|giả danh|lừa đảo|trụ sở|công an|ngân hàng|"
         r"bệnh viện|trường|doanh nghiệp")
QUOTAS = {"reform": 240, "management": 120, "false-friend": 40, "random": 200}


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    scale = int(sys.argv[3]) / sum(QUOTAS.values()) if len(sys.argv) > 3 else 1.0
    rng = random.Random(20261201)
    buckets: dict[str, list[dict]] = {k: [] for k in QUOTAS}
    for line in open(src, encoding="utf-8"):
        d = json.loads(line)
        text = unicodedata.normalize("NFC", f"{d['title']} {d.get('lead') or ''}").lower()
        kind = ("reform" if re.search(REFORM, text) else "management" if re.search(MANAGEMENT, text)
                else "false-friend" if re.search(FALSE, text) else "random")
        buckets[kind].append(d)
    drawn = []
    for kind, quota in QUOTAS.items():
        pool = sorted(buckets[kind], key=lambda d: (d["published"], d["title"]))
        for d in rng.sample(pool, min(len(pool), round(quota * scale))):
            drawn.append({**d, "sampled_as": f"older-{kind}"})
    rng.shuffle(drawn)
    with open(out, "w", encoding="utf-8") as fh:
        for i, d in enumerate(drawn):
            fh.write(json.dumps({"id": f"o{i:04d}", **d}, ensure_ascii=False) + "\n")
    print({k: len(v) for k, v in buckets.items()}, "drawn", len(drawn))


if __name__ == "__main__":
    main()
