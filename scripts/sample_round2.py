"""Round 2 of the sample (issue 9): rare classes were thin in round 1 (about 8% relevant,
1-2 world items per 1,100), so draw candidates whose wording makes a reform, civil-service or
foreign-administration story likely. Labels still come from reading each item."""
import gzip
import hashlib
import json
import random
import re
import sys
import unicodedata

POOL, PREV, OUT = sys.argv[1:4]
rng = random.Random(20261202)
STRONG = r"thủ tục hành chính|dịch vụ công|bộ phận một cửa|một cửa liên thông|hành chính công|cải cách hành chính|chính quyền (hai|2) cấp|sắp xếp đơn vị hành chính|sắp xếp (tỉnh|xã|bộ máy)|tinh gọn bộ máy|sáp nhập (tỉnh|xã|phường)|hợp nhất (tỉnh|xã)|phân cấp|phân quyền|vneid|đề án 06|định danh điện tử|dữ liệu (quốc gia|dân cư)|chính phủ số|chính phủ điện tử|chính quyền số|chuyển đổi số (quốc gia|trong cơ quan)|par index|sipas|papi|cắt giảm.{0,20}(thủ tục|điều kiện kinh doanh)|giấy tờ|hồ sơ trực tuyến|cổng dịch vụ"
MGMT = r"cán bộ, công chức|công chức|viên chức|tinh giản biên chế|biên chế|nghị định 178|nghị định 154|chính sách 178|nghỉ hưu trước tuổi|thôi việc|kỷ luật (cán bộ|công chức|đảng viên)|đánh giá.{0,20}kpi|kpi|luân chuyển cán bộ|thu hút nhân tài|sợ sai|né tránh|đùn đẩy|nhũng nhiễu|gây phiền hà|quy tắc ứng xử|kỷ cương hành chính|bộ nội vụ|thanh tra công vụ"
WORLDW = r"công chức|nhân viên chính phủ|nhân viên liên bang|cắt giảm nhân sự|cải cách|bộ máy|chính phủ điện tử|chính phủ số|số hóa|thủ tục|hành chính|doge|tinh giản|sa thải|công vụ|quan liêu|bộ trưởng ai|trí tuệ nhân tạo|căn cước|định danh số|tham nhũng"
FOREIGN = r"\b(mỹ|trung quốc|nhật bản|hàn quốc|singapore|anh|pháp|đức|nga|ấn độ|indonesia|thái lan|malaysia|philippines|australia|úc|canada|estonia|liên minh châu âu|eu)\b"
def norm(s): return unicodedata.normalize("NFC", s or "")
prev = {json.loads(l)["url"] for l in open(PREV, encoding="utf-8")}
b = {}
with gzip.open(POOL, "rt", encoding="utf-8") as fh:
    for line in fh:
        d = json.loads(line)
        if d["url"] in prev: continue
        d["title"] = norm(d["title"]); d["summary"] = norm(d.get("summary"))
        t = (d["title"] + " " + d["summary"]).lower()
        p = "test" if d["published"] >= "2026-06-01" else "train"
        if d["category"] == "Thế giới" or re.search(FOREIGN, d["title"].lower()):
            k = "world2" if re.search(WORLDW, t) else None
        elif re.search(STRONG, t): k = "reform2"
        elif re.search(MGMT, t): k = "management2"
        else: k = None
        if k: b.setdefault((p, k), []).append(d)
quota = {("train","reform2"):800, ("train","management2"):450, ("train","world2"):450,
         ("test","reform2"):250, ("test","management2"):130, ("test","world2"):120}
chosen=[]
for k,n in quota.items():
    pool=b.get(k,[]); print(k,len(pool),"->",min(n,len(pool)),file=sys.stderr)
    chosen += [(k,d) for d in rng.sample(pool,min(n,len(pool)))]
rng.shuffle(chosen)
with open(OUT,"w",encoding="utf-8") as out:
    for k,d in chosen:
        rid=hashlib.sha1(d["url"].encode()).hexdigest()[:10]
        out.write(json.dumps({"id":rid,"split":k[0],"stratum":k[1],"title":d["title"],"lead":d["summary"],"url":d["url"],"outlet":d["outlet"],"category":d["category"],"published":d["published"],"source":"mnngoisaoxanh/tintuchangngay@"+d["commit"]+":"+d["path"]},ensure_ascii=False)+"\n")
