"""Round 3 of the sample (issue 9): world stories were still rare (2 in the test months), so
draw foreign-news items whose wording touches government, civil service or public services."""
import gzip
import hashlib
import json
import random
import re
import sys
import unicodedata

POOL, PREV, OUT = sys.argv[1:4]
rng = random.Random(20261203)
FOREIGN = r"\b(mỹ|trung quốc|nhật|hàn quốc|singapore|anh|pháp|đức|nga|ấn độ|indonesia|thái lan|malaysia|philippines|australia|úc|canada|estonia|eu|châu âu|lào|campuchia|brazil|argentina|new zealand|ukraine|israel|iran|triều tiên|đài loan|hong kong|thụy điển|phần lan|đan mạch|na uy|hà lan|italy|tây ban nha|ba lan|mexico|nigeria|kenya|ai cập|ả rập|uae|dubai|washington|tokyo|seoul|bắc kinh|london|paris|berlin|trump|musk)\b"
ADMIN = r"chính phủ|công chức|nhân viên|quan chức|bộ trưởng|bộ |cơ quan|hành chính|thủ tục|dịch vụ công|số hóa|điện tử|kỹ thuật số|căn cước|định danh|cắt giảm|cải cách|tinh giản|sa thải|lương|tuyển dụng|thi công chức|quan liêu|tham nhũng|ai|trí tuệ nhân tạo|doge|liên bang|bộ máy|sáp nhập|chính quyền"
def norm(s): return unicodedata.normalize("NFC", s or "")
prev = set()
for f in PREV.split(","):
    prev |= {json.loads(l)["url"] for l in open(f, encoding="utf-8")}
b = {}
with gzip.open(POOL, "rt", encoding="utf-8") as fh:
    for line in fh:
        d = json.loads(line)
        if d["url"] in prev: continue
        d["title"] = norm(d["title"]); d["summary"] = norm(d.get("summary"))
        t = (d["title"] + " " + d["summary"]).lower()
        if not (d["category"] == "Thế giới" or re.search(FOREIGN, d["title"].lower())): continue
        if not re.search(ADMIN, t): continue
        p = "test" if d["published"] >= "2026-06-01" else "train"
        b.setdefault(p, []).append(d)
quota = {"test": 700, "train": 500}
chosen = []
for p, n in quota.items():
    pool = b.get(p, []); print(p, len(pool), "->", min(n, len(pool)), file=sys.stderr)
    chosen += [(p, d) for d in rng.sample(pool, min(n, len(pool)))]
rng.shuffle(chosen)
with open(OUT, "w", encoding="utf-8") as out:
    for p, d in chosen:
        rid = hashlib.sha1(d["url"].encode()).hexdigest()[:10]
        out.write(json.dumps({"id": rid, "split": p, "stratum": "world3", "title": d["title"], "lead": d["summary"], "url": d["url"], "outlet": d["outlet"], "category": d["category"], "published": d["published"], "source": "mnngoisaoxanh/tintuchangngay@" + d["commit"] + ":" + d["path"]}, ensure_ascii=False) + "\n")
