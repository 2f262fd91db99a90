"""The word pools the label rounds were SAMPLED by (never labelled by): items whose headline
or lead contains one of these words go to that stratum, so that rare classes and false friends
are well covered. scripts/sample_news_pool.py (round 1) and scripts/sample_older.py (round 6)."""

REFORM = r"thủ tục hành chính|dịch vụ công|một cửa|hành chính công|cải cách hành chính|chính phủ số|chính quyền số|chính phủ điện tử|chuyển đổi số|vneid|định danh|dữ liệu dân cư|phân cấp|phân quyền|tinh gọn|bộ máy|sắp xếp|sáp nhập|hợp nhất|chính quyền hai cấp|chính quyền 2 cấp|cấp xã|phường|đặc khu|par index|sipas|papi|môi trường kinh doanh|giấy phép|cắt giảm|thủ tục"
MANAGEMENT = r"cán bộ|công chức|viên chức|biên chế|tinh giản|nghỉ hưu|thôi việc|lương|phụ cấp|kỷ luật|luân chuyển|bổ nhiệm|tuyển dụng|thanh tra|sách nhiễu|né tránh|đùn đẩy|trách nhiệm người đứng đầu|quy tắc ứng xử|đánh giá, xếp loại|chế độ, chính sách"
WORLD = r"chính phủ|bộ trưởng|công chức|cắt giảm|cải cách|bộ máy|nhân viên liên bang|doge|hành chính|số hóa|điện tử|ai |trí tuệ nhân tạo|quan chức|sa thải"
FALSE = r"sáp nhập|hợp nhất|một cửa|cán bộ|chuyển đổi số|giả danh|lừa đảo|trụ sở|công an|ngân hàng|bệnh viện|trường|doanh nghiệp"
