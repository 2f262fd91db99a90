"""Classifier: the --jsonl contract, the reference bulletin's 12 stories, quality gate, bad input,
stored articles, retraining from editors' corrections, eval and explain."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.classify import classifier as classify
from digest.classify.classifier import classify_one, evaluate, load_model, read_jsonl
from digest.classify.features import FEATURES_VERSION
from digest.geo import gazetteer
from tests.support import baseline
from tests.support.classifier_reference import default_path, outlet_headline
from tests.support.classifier_reference import reference_stories as read_reference

REFERENCE = default_path()
# The quality gates: floors and corpus hashes in tests/quality_baseline.toml. REAL: the real
# test stream (real news from 2026-06-01 on, labelled by reading, never trained or tuned on):
# the product is judged there. HELDOUT: the bundled set written apart from the training set.
# BLIND: headlines and leads in real outlets' styles, never trained or tuned on (test support
# data, not shipped: it lives under tests/fixtures). HELDOUT and BLIND are written sets (one
# author, one style), kept as regression checks.
BLIND_FILE = Path(__file__).resolve().parent / "fixtures" / "classify" / "blind.jsonl"


# ----------------------------------------------------------------------------- contract
def test_jsonl_contract_order_nulls_and_error_lines(run_cli) -> None:  # type: ignore[no-untyped-def]
    lines = [
        json.dumps({"title": "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân, doanh nghiệp bằng văn bản"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "Giá vàng miếng tăng vọt, vượt 80 triệu đồng/lượng", "outlet": "VnExpress"}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"text": "no title"}),
        json.dumps({"title": "Hàn Quốc bổ sung luật buộc các nghị sỹ phải kê khai tài sản ảo", "url": "https://x"}, ensure_ascii=False),
        "",
        json.dumps({"title": 5}),
    ]
    result = run_cli("classify", "--jsonl", input="\n".join(lines) + "\n", ok=False)
    assert result.exit_code != 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0] == {"relevant": True, "section": "local", "province": "Đà Nẵng", "confidence": out[0]["confidence"]}
    assert list(out[0]) == ["relevant", "section", "province", "confidence"]
    assert 0.0 <= out[0]["confidence"] <= 1.0
    assert out[2]["relevant"] is False and out[2]["section"] is None and out[2]["province"] is None
    assert out[5]["section"] == "world" and out[5]["province"] is None
    for number in (2, 4, 5, 7, 8):
        assert out[number - 1]["line"] == number and out[number - 1]["error"]
        assert re.search(rf"line {number}\b", result.stderr)
    assert "line 1:" not in result.stderr


def test_jsonl_all_good_exits_zero_and_keeps_order(run_cli) -> None:  # type: ignore[no-untyped-def]
    titles = ["Thủ tướng yêu cầu cắt giảm thủ tục hành chính", "Đội tuyển Việt Nam thắng 3-0",
              "Bộ Nội vụ đề xuất quy định mới về kỷ luật công chức"] * 100  # crosses a batch boundary
    stdin = "".join(json.dumps({"title": t}, ensure_ascii=False) + "\n" for t in titles)
    result = run_cli("classify", "--jsonl", input=stdin)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 300
    assert [o["section"] for o in out[:3]] == ["policy", None, "management"]
    assert out[:3] * 100 == out


def test_prediction_contract_keys() -> None:
    pred = classify_one("Tp.HCM ra mắt ứng dụng công dân số, giải quyết thủ tục hành chính trực tuyến")
    assert pred.contract() == {"relevant": True, "section": "local", "province": "TP Hồ Chí Minh",
                               "confidence": pytest.approx(pred.confidence, abs=1e-4)}
    assert pred.model_version == load_model().version


# ----------------------------------------------------------------------------- reference
@pytest.fixture(scope="module")
def reference_stories() -> list[tuple[str, str, list[str]]]:
    if not REFERENCE.exists():
        pytest.skip(f"reference bulletin not found at {REFERENCE}; reference checks not run")
    stories = read_reference(REFERENCE)
    assert len(stories) == 12
    return stories


EXPECTED_PROVINCES = ["TP Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Quảng Trị", "Bình Phước", "Đắk Nông", "Hải Dương"]


# The real bulletin's 12 stories: all relevant with their lead; sections as measured with model
# 2s-lex-f5-20261201-df64b02b (relevance learnt from real news): 12/12 with the lead, 11/12 from
# the printed headline alone, 12/12 without diacritics (the variant trained on real news only,
# sections included, had 11, 9 and 12). Floors leave one story of slack.
def test_reference_bulletin_stories_land_in_their_sections(reference_stories) -> None:  # type: ignore[no-untyped-def]
    from digest.geo.gazetteer import place_prefix

    right = 0
    for section, printed, paras in reference_stories:
        # the outlet's own headline: the bulletin added "Place: " in front of local ones
        raw = outlet_headline(section, printed)
        pred = classify_one(raw, "\n\n".join(paras[:2]))
        assert pred.relevant, (printed, pred)
        right += pred.section == section
        if section == "local" and pred.section == "local":
            assert pred.province in EXPECTED_PROVINCES
            # and the bulletin's headline is rebuilt exactly, prefix or not
            assert place_prefix(raw, pred.province) == printed
        elif pred.section != "local":
            assert pred.province is None
    assert right >= 11


def test_reference_headlines_alone(reference_stories) -> None:  # type: ignore[no-untyped-def]
    right = sum(classify_one(printed).section == section for section, printed, _ in reference_stories)
    assert right >= 10


def test_reference_stories_written_without_diacritics(reference_stories) -> None:  # type: ignore[no-untyped-def]
    from scripts.classifier_corpus import strip_marks

    right = 0
    for section, printed, paras in reference_stories:
        raw = strip_marks(outlet_headline(section, printed))
        right += classify_one(raw, strip_marks("\n\n".join(paras[:2]))).section == section
    assert right >= 11


# ----------------------------------------------------------------------------- quality
def test_quality_gate_on_the_real_test_stream() -> None:
    rows = classify.real_rows("test")
    assert len(rows) >= 800 and min(r["published"] for r in rows) >= "2026-06-01"
    report = evaluate(rows)
    model, keywords = report["editor"]["model"], report["editor"]["baseline"]
    floors = baseline.gate("classify_real")
    for key in ("precision", "recall", "f1", "section_accuracy"):
        assert model[key] >= floors[key], (key, classify.format_report(report, 0))
    assert model["f1"] >= keywords["f1"] + floors["f1_over_keywords"]  # well clear of a keyword list
    # the P(relevant) the board and the left-out list show is a frequency, not a class-balanced score
    ceilings = baseline.ceilings("classify_real")
    assert report["calibration"]["brier"] <= ceilings["brier"], report["calibration"]
    assert report["calibration"]["ece"] <= ceilings["ece"], report["calibration"]


def test_quality_gate_on_the_older_real_stream() -> None:
    """News of other years (2018-2020) and outlets, read twice blind: ordinary news must mostly
    stay out, and the few reform stories still come in."""
    rows = classify.real_rows("older")
    assert len(rows) >= 300 and max(r["published"] for r in rows) < "2021-01-01"
    for row in rows:
        assert row["labeller"].startswith("judgement:") and row["definitions"].startswith("LABELLING.md@")
        assert row["provenance"] and row["round"] == 6
    report = evaluate(rows)
    model, keywords = report["editor"]["model"], report["editor"]["baseline"]
    floors = baseline.gate("classify_older")
    for key in ("precision", "recall", "f1"):
        assert model[key] >= floors[key], (key, classify.format_report(report, 0))
    assert model["f1"] >= keywords["f1"] + floors["f1_over_keywords"]


def test_platt_scaling_turns_an_overconfident_score_into_frequencies() -> None:
    """A score that says 0.5 where one story in ten is relevant (what class-balanced training
    does) comes out near 0.1 after calibration, and the order of stories is kept."""
    import numpy as np

    from digest.classify import relevance_model as rm

    rng = np.random.default_rng(0)
    true_p = rng.uniform(0.0, 0.3, 20000)
    gold = rng.uniform(size=true_p.size) < true_p
    inflated = 1 / (1 + np.exp(-(np.log(true_p / (1 - true_p)) + 2.0)))  # odds x e^2
    ab = rm.fit_platt(inflated, gold)
    calibrated = rm.platt(inflated, ab)
    assert abs(ab[0] - 1.0) < 0.1 and abs(ab[1] + 2.0) < 0.2, ab
    assert abs(calibrated.mean() - gold.mean()) < 0.01 < abs(inflated.mean() - gold.mean())
    order = np.argsort(inflated)
    assert np.all(np.diff(calibrated[order]) >= 0)


def test_the_bundled_model_says_what_its_confidence_is() -> None:
    meta = load_model(classify.BUNDLED_MODEL).meta
    assert meta["confidence"].startswith("P(relevant), Platt-calibrated")
    assert meta["calibration"]["brier_out_of_fold"]["calibrated"] < meta["calibration"]["brier_out_of_fold"]["raw"]
    assert 0 < meta["relevance_threshold"] < 1


def test_real_labelled_set_is_split_by_time_and_documented() -> None:
    train, test = classify.real_rows("train"), classify.real_rows("test")
    assert len(train) + len(test) >= 4000 and len(test) >= 800
    assert max(r["published"] for r in train) < "2026-06-01" <= min(r["published"] for r in test)
    assert not {r["url"] for r in train} & {r["url"] for r in test}
    for row in train + test:
        assert row["label"] in (*classify.SECTION_KEYS, "irrelevant")
        assert row["labeller"].startswith("judgement:") and row["definitions"].startswith("LABELLING.md@")
        assert row["provenance"] and row["url"].startswith("http")
        assert unicodedata.is_normalized("NFC", row["title"] + row["lead"])
    # the bundled model learnt relevance from the train split only: the test stream stays unseen
    assert load_model(classify.BUNDLED_MODEL).meta["real_train_sha256"] == classify._sha256(train)


def test_quality_gate_on_the_heldout_set() -> None:
    floors = baseline.gate("classify_heldout")
    report = evaluate(read_jsonl(classify.HELDOUT_FILE))
    assert report["n"] >= floors["min_n"]
    assert report["macro_f1"] >= floors["macro_f1"], classify.format_report(report)
    assert report["province_accuracy"] >= floors["province_accuracy"]


def test_quality_gate_on_the_blind_set() -> None:
    floors = baseline.gate("classify_blind")
    report = evaluate(read_jsonl(BLIND_FILE))
    assert report["n"] >= floors["min_n"]
    assert report["macro_f1"] >= floors["macro_f1"], classify.format_report(report)
    assert report["province_accuracy"] >= floors["province_accuracy"]


def test_blind_set_never_trained_on() -> None:
    train = {r["title"].casefold() for r in read_jsonl(classify.TRAIN_FILE)}
    blind = read_jsonl(BLIND_FILE)
    assert not train & {r["title"].casefold() for r in blind}
    # every section and ordinary news, each with leads as well as bare headlines
    for label in classify.LABELS:
        rows = [r for r in blind if classify.gold_label(r) == label]
        assert len(rows) >= 20 and any(r["text"] for r in rows) and any(not r["text"] for r in rows), label


def test_relevance_threshold_is_calibrated_and_can_be_fixed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from digest.config import load_settings, use_settings

    model = load_model()
    calibrated = model.meta["relevance_threshold"]
    assert 0.0 < calibrated < 1.0 and model.meta["cross_validation"]["recall"] >= classify.TARGET_RECALL
    assert classify.relevance_threshold(model) == calibrated
    title = "Thủ tướng yêu cầu cắt giảm thủ tục hành chính"
    assert classify_one(title).relevant
    config = tmp_path / "bantin.toml"
    config.write_text("[classify]\nrelevance_threshold = 1.0\n", encoding="utf-8")
    use_settings(load_settings(config))
    try:
        assert classify.relevance_threshold(model) == 1.0
        assert classify_one(title).relevant is False  # nothing is certain enough at 1.0
    finally:
        use_settings(load_settings())


def test_heldout_never_trained_on() -> None:
    train = {(r["title"], r.get("text", "")) for r in read_jsonl(classify.TRAIN_FILE)}
    held = {(r["title"], r.get("text", "")) for r in read_jsonl(classify.HELDOUT_FILE)}
    assert len(train) >= 800 and len(held) >= 200
    assert not train & held


def test_bundled_model_records_what_it_was_trained_on() -> None:
    from digest.classify import relevance_model

    model = load_model()
    real = classify.real_rows("train")
    written = read_jsonl(classify.TRAIN_FILE) if relevance_model.TEMPLATED_FOR else []
    assert model.source == classify.BUNDLED_MODEL
    assert model.meta["train_sha256"] == classify._sha256(real + written)
    assert model.meta["sizes"]["bundled"] == len(written) and model.meta["sizes"]["real"] == len(real)
    assert model.version.startswith(f"{relevance_model.NAME}-f{FEATURES_VERSION}-")
    assert model.meta["gazetteer_sha256"] == hashlib.sha256(gazetteer.DATA_FILE.read_bytes()).hexdigest()
    assert model.meta["features_version"] == FEATURES_VERSION


@pytest.mark.parametrize(("title", "relevant", "section"), [
    ("Khởi tố nguyên Chủ tịch UBND huyện về tội nhận hối lộ", False, None),
    ("Bầu cử tổng thống Mỹ: cử tri đi bỏ phiếu sớm", False, None),
    ("Hải Dương: Thu ngân sách 10 tháng đạt 95% dự toán", False, None),
    ("Giá xăng giảm nhẹ từ 15 giờ chiều nay", False, None),
    ("Kỷ luật cảnh cáo Chủ tịch UBND xã vì chậm giải quyết hồ sơ đất đai", True, "management"),
    ("Singapore cải cách chế độ đánh giá công chức", True, "world"),
    ("Thu tuong yeu cau day manh dich vu cong truc tuyen toan trinh", True, "policy"),
])
def test_hard_cases(title: str, relevant: bool, section: str | None) -> None:
    pred = classify_one(title)
    assert (pred.relevant, pred.section) == (relevant, section), title


def test_confidence_is_p_relevant_for_every_story() -> None:
    model = load_model()
    threshold = classify.relevance_threshold(model)
    for title in ("Giá vàng hôm nay tăng mạnh", "Thủ tướng yêu cầu cắt giảm thủ tục hành chính"):
        pred = classify_one(title)
        p_relevant = 1.0 - pred.probabilities["none"]
        assert pred.confidence == pytest.approx(p_relevant)
        assert pred.relevant == (p_relevant >= threshold)
        # P(section | relevant) for the section given; none for a story left out
        assert (pred.section_confidence is None) == (not pred.relevant)
    assert classify_one("Giá vàng hôm nay tăng mạnh").confidence < 0.1


def test_threshold_keeps_the_target_recall() -> None:
    gold = [True] * 20 + [False] * 5
    p = [i / 20 for i in range(20, 0, -1)] + [0.99, 0.5, 0.3, 0.2, 0.1]
    t = classify.threshold_for_recall(gold, p, 0.95)
    kept = sum(1 for g, x in zip(gold, p, strict=False) if g and x >= t)
    assert kept == 19 and t == pytest.approx(0.1)  # 19 of 20 = 0.95: the 20th (0.05) may go
    assert classify.threshold_for_recall([False, False], [0.2, 0.9]) == classify.DEFAULT_THRESHOLD


def test_a_national_round_up_naming_several_provinces_is_policy() -> None:
    title = "Hà Nội, Đà Nẵng, Quảng Ninh dẫn đầu Chỉ số cải cách hành chính năm 2025"
    assert classify.headline_units(title) == 3
    pred = classify_one(title)
    assert pred.relevant and pred.section == "policy" and pred.province is None
    one = classify_one("Đà Nẵng: Bộ phận một cửa trả kết quả hồ sơ tại nhà cho người dân")
    assert (one.section, one.province) == ("local", "Đà Nẵng")


def test_keyword_baseline() -> None:
    from digest.classify import keyword_baseline

    assert keyword_baseline.classify("Giá vàng hôm nay tăng") == "irrelevant"
    assert keyword_baseline.classify("Dich vu cong truc tuyen toan trinh tang manh") == "policy"
    assert keyword_baseline.classify("Đà Nẵng: Bộ phận một cửa trả kết quả tại nhà") == "local"
    assert keyword_baseline.classify("Tinh giản biên chế 20% công chức") == "management"


def test_a_foreign_country_before_the_colon_is_not_a_province() -> None:
    from digest.classify.features import story_features

    assert "G:t_colon_foreign" in story_features("Phần Lan: Công chức được làm việc từ xa hai ngày mỗi tuần")
    assert "G:t_colon_place" in story_features("Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân")
    pred = classify_one("Phần Lan: Công chức được làm việc từ xa hai ngày mỗi tuần")
    assert (pred.section, pred.province) == ("world", None)
    assert classify_one("Chile: Động đất mạnh, nhiều tòa nhà rung lắc").relevant is False


def test_lead_words_come_from_the_first_two_paragraphs_once() -> None:
    from digest.classify.features import extract_lead_words

    words = extract_lead_words(("Tiêu đề", "Thủ tục hành chính, thủ tục.\n\nĐoạn hai có 12 hồ sơ.\n\nĐoạn ba: bóng đá"))
    assert "w:thu_tuc" in words and "w:hai_co" in words and "w:0" in words
    assert "w:bong" not in words  # the third paragraph is left to the lexicon groups
    assert len(words) == len(set(words))
    assert extract_lead_words("a headline alone") == extract_lead_words(("a headline", "")) == []


# ----------------------------------------------------------------------------- bad input
def test_bad_input_gets_an_answer() -> None:
    big = ("Thủ tục hành chính được giải quyết trực tuyến. " * 5000)[:200_000]
    cases = [("", ""), ("", big), ("Đà Nẵng", ""), ("TPHCM: " + "x" * 5000, big),
             ("Ứng dụng 手続き электронный حكومة 🏛️ dịch vụ công", "mixed 混合 текст"),
             (unicodedata.normalize("NFD", "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân"), ""),
             ("\x00\u200b\ufeff", "\r\n\r\n")]
    for title, text in cases:
        pred = classify_one(title, text)
        assert isinstance(pred.relevant, bool) and 0.0 <= pred.confidence <= 1.0
    nfd = classify_one(unicodedata.normalize("NFD", "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân"))
    assert (nfd.section, nfd.province) == ("local", "Đà Nẵng")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=300), text=st.text(max_size=2000), outlet=st.none() | st.text(max_size=40))
def test_any_text_gets_an_answer(title: str, text: str, outlet: str | None) -> None:
    pred = classify_one(title, text, outlet)
    contract = pred.contract()
    assert set(contract) == {"relevant", "section", "province", "confidence"}
    assert contract["section"] in (None, "policy", "local", "management", "world")
    assert (contract["section"] is None) == (not contract["relevant"])


# ----------------------------------------------------------------------------- stored articles
def _article(url: str, title: str, text: str, source: str = "Baohaiduong.vn", province: str | None = "Hải Dương",
             hours: int = 0):  # type: ignore[no-untyped-def]
    from digest.store.models import Article

    return Article(url=url, url_key=hashlib.sha1(url.encode()).hexdigest(), fetched_url=url, source=source,
                   scope="provincial" if province else "central", source_province=province, title=title,
                   text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   published_at=datetime(2023, 5, 24, 1 + hours, tzinfo=UTC))


QR = ("Xã Quảng Nghiệp (Tứ Kỳ) vừa công khai niêm yết thủ tục hành chính bằng mã QR tại Bộ phận một cửa. "
      "Bộ mã QR được niêm yết gồm 139 mã tương ứng với 139 thủ tục hành chính ở 35 lĩnh vực, giúp người dân "
      "dễ dàng tiếp cận dịch vụ công trực tuyến, thuận lợi hơn so với tra cứu trên bảng niêm yết giấy.")


def test_classify_stored_articles_and_clusters(engine, run_cli) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session, select

    from digest.store.models import Classification

    with Session(engine) as session:
        session.add(_article("https://baohaiduong.vn/qr", "Xã đầu tiên ở Tứ Kỳ công khai niêm yết thủ tục hành chính bằng mã QR", QR))
        session.add(_article("https://tinhte.vn/qr-copy", "Quét mã QR tra 139 thủ tục hành chính ở Tứ Kỳ", QR,
                             source="Tinhte.vn", province=None, hours=3))
        session.add(_article("https://thethao.vn/1", "Đội tuyển Việt Nam thắng đậm Lào 4-0",
                             "Trận đấu diễn ra trên sân Mỹ Đình, các cầu thủ ghi bốn bàn thắng.", source="Thethao.vn", province=None))
        session.commit()
    result = run_cli("classify")
    assert "classified 3 article(s)" in result.stdout
    assert re.search(r"local\s+2", result.stdout) and re.search(r"none\s+1", result.stdout)
    with Session(engine) as session:
        rows = {r.article_id: r for r in session.exec(select(Classification)).all()}
    assert rows[1].section == "local" and rows[1].province == "Hải Dương" and rows[1].model_version
    assert rows[1].cluster_key == rows[2].cluster_key != rows[3].cluster_key
    assert rows[3].relevant is False and rows[3].section is None
    # re-running is safe: nothing new; --all redoes every article with the same answers
    assert "classified 0 article(s)" in run_cli("classify").stdout
    assert "classified 3 article(s)" in run_cli("classify", "--all").stdout
    with Session(engine) as session:
        again = {r.article_id: r for r in session.exec(select(Classification)).all()}
    assert {k: (v.section, v.cluster_key) for k, v in again.items()} == {k: (v.section, v.cluster_key) for k, v in rows.items()}


def test_explain_stored_article(engine, run_cli) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session

    with Session(engine) as session:
        session.add(_article("https://baohaiduong.vn/qr", "Xã đầu tiên ở Tứ Kỳ công khai niêm yết thủ tục hành chính bằng mã QR", QR))
        session.commit()
    out = run_cli("explain", "https://baohaiduong.vn/qr").stdout
    assert "section local, province Hải Dương" in out
    assert re.search(r"^\s+\+\d\.\d{3}\s+\S+", out, re.M)
    missing = run_cli("explain", "https://nowhere.vn/x", ok=False)
    assert missing.exit_code != 0 and "no stored article" in missing.output


def test_eval_command(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"title": "Thủ tướng yêu cầu đẩy mạnh dịch vụ công trực tuyến", "relevant": True, "section": "policy", "province": None},
        {"title": "Giá vàng hôm nay tăng mạnh", "relevant": False, "section": None, "province": None},
        {"title": "Giá vàng hôm nay giảm", "relevant": True, "section": "world", "province": None},  # a wrong gold label
    ]) + "\n", encoding="utf-8")
    out = run_cli("eval", str(gold)).stdout
    assert "macro-F1" in out and "confusion" in out
    assert "line 3: gold world, predicted none" in out
    report = json.loads(run_cli("eval", str(gold), "--json").stdout)
    assert report["per_class"]["policy"]["f1"] == 1.0 and report["n"] == 3
    older = json.loads(run_cli("eval", "--split", "older", "--json").stdout)
    assert older["file"] == "older real stream" and older["n"] == len(classify.real_rows("older"))
    assert older["calibration"]["brier"] is not None


def test_train_from_bundled_set_and_editor_corrections(engine, tmp_path: Path, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session

    from digest.config import settings
    from digest.store.models import Label

    # small slices of the bundled sets keep this test quick; the mechanism is the same
    rows = read_jsonl(classify.TRAIN_FILE)[:240]
    small = tmp_path / "train.jsonl"
    small.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setattr(classify, "TRAIN_FILE", small)
    real = read_jsonl(classify.REAL_FILE)
    real = real[::40] + [r for r in real if r["label"] == "world" and r["split"] == "train"][:2]  # every month and label, few rows
    small_real = tmp_path / "real.jsonl"
    small_real.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in real), encoding="utf-8")
    monkeypatch.setattr(classify, "REAL_FILE", small_real)
    with Session(engine) as session:
        for i in range(3):
            session.add(Label(title=f"Lễ hội ẩm thực đường phố lần thứ {i} khai mạc", relevant=True,
                              section="local", province="Hà Nội", origin="editor"))
        session.commit()
    out = run_cli("train").stdout
    from digest.classify import relevance_model

    n_real = sum(r["split"] == "train" for r in real)
    n_written = 240 if relevance_model.TEMPLATED_FOR else 0
    assert f"{n_real} real labelled, {n_written} bundled written, 3 editors' corrections" in out
    assert "out-of-fold on the real rows" in out
    user = settings().data_dir / classify.MODEL_FILENAME
    assert user.exists() and user.with_suffix(".json").exists()
    model = load_model()
    assert model.source == user and model.meta["sizes"]["corrections"] == 3
    # the corrections were learnt: a like headline now goes where the editors put theirs
    like = "Lễ hội ẩm thực đường phố lần thứ 9 khai mạc"
    assert classify_one(like, model=load_model(classify.BUNDLED_MODEL)).relevant is False
    assert classify_one(like).section == "local"
    assert "retrained" in run_cli("eval", str(small)).stderr
    other = tmp_path / "elsewhere" / "m.joblib"
    assert str(other) in run_cli("train", "--no-corrections", "--out", str(other)).stdout
    assert load_model(other).meta["sizes"]["corrections"] == 0


def test_classify_stored_on_sqlite_and_postgresql(any_engine) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session, select

    from digest.classify.classifier import classify_stored
    from digest.store.models import Classification

    with Session(any_engine) as session:
        session.add(_article("https://baohaiduong.vn/qr", "Xã đầu tiên ở Tứ Kỳ công khai niêm yết thủ tục hành chính bằng mã QR", QR))
        session.add(_article("https://b.vn/qr", "Tứ Kỳ niêm yết 139 thủ tục hành chính bằng mã QR", QR, source="B.vn", province=None, hours=2))
        session.commit()
    result = classify_stored(any_engine)
    assert result["classified"] == 2 and result["per_section"]["local"] == 2 and result["clusters"] == 1
    assert result["model_version"] == load_model().version
    with Session(any_engine) as session:
        keys = {r.cluster_key for r in session.exec(select(Classification)).all()}
    assert len(keys) == 1 and None not in keys
    assert classify_stored(any_engine)["classified"] == 0


def test_two_classify_runs_at_once_both_finish(any_engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Cron overlap: two runs choose the same unclassified articles, then both write. Both finish
    (the second writes the same answers again); nothing is doubled."""
    import threading

    from sqlmodel import Session, select

    import digest.classify.classifier as classifier
    from digest.store.models import Classification

    with Session(any_engine) as session:
        session.add(_article("https://baohaiduong.vn/qr", "Xã đầu tiên ở Tứ Kỳ công khai niêm yết thủ tục hành chính bằng mã QR", QR))
        session.add(_article("https://b.vn/qr", "Tứ Kỳ niêm yết 139 thủ tục hành chính bằng mã QR", QR, source="B.vn", province=None, hours=2))
        session.commit()
    real, both_chose = classifier.classify_many, threading.Barrier(2, timeout=30)

    def classify_then_wait(items, model):  # type: ignore[no-untyped-def]
        preds = real(list(items), model)
        both_chose.wait()  # neither run has written yet
        return preds

    monkeypatch.setattr(classifier, "classify_many", classify_then_wait)
    results: list[object] = []

    def run() -> None:
        try:
            results.append(classifier.classify_stored(any_engine)["classified"])
        except Exception as exc:  # noqa: BLE001 (the test reports what the run raised)
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [2, 2], results
    with Session(any_engine) as session:
        rows = session.exec(select(Classification)).all()
    assert len(rows) == 2 and all(r.section == "local" for r in rows)


@pytest.mark.parametrize(("outlet", "province"), [
    ("Baohaiduong.vn", "Hải Dương"), ("Baodaknong.vn", "Đắk Nông"), ("Baobinhphuoc.com.vn", "Bình Phước"),
    ("Hanoimoi.vn", "Hà Nội"), ("Baothuathienhue.vn", "Thừa Thiên Huế"), ("Baoquangnam.vn", "Quảng Nam"),
    ("VnExpress", None), ("TTXVN/VietnamPlus.vn", None), ("Nguoilaodong.vn", None), ("Thanhnien.vn", None),
])
def test_outlet_province_from_its_name(outlet: str, province: str | None) -> None:
    assert classify.outlet_province(outlet) == province


def test_outlet_province_from_the_url_when_no_outlet_is_given() -> None:
    headline = "Bộ phận một cửa cấp xã tiếp nhận hồ sơ cả ngày thứ Bảy"
    alone = classify_one(headline)
    assert (alone.section, alone.province) == ("local", None)
    from_url = classify_one(headline, url="https://baohaiduong.vn/mot-cua-123.html")
    assert (from_url.section, from_url.province) == ("local", "Hải Dương")
    assert classify_one(headline, url="not a url").province is None
    # the outlet is a prior for the place, never for the section
    national = "Công bố danh mục thủ tục hành chính mới thuộc thẩm quyền cấp xã"
    assert classify_one(national, url="https://baohaiduong.vn/x").section == classify_one(national).section


def test_bundled_model_matches_installed_scikit_learn() -> None:
    """The bundled model is a scikit-learn pickle: another minor version may not load it.
    pyproject pins the series it was trained with; moving the pin means `bantin train`."""
    import json

    import sklearn

    from digest.classify.classifier import BUNDLED_MODEL

    meta = json.loads(BUNDLED_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    trained = meta["sklearn"].split(".")[:2]
    assert sklearn.__version__.split(".")[:2] == trained, (
        f"model trained with scikit-learn {meta['sklearn']}, installed {sklearn.__version__}: "
        "retrain with `bantin train --out digest/classify/data/model.joblib`")
