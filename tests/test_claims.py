"""Claim rules on sentences written for the tests (not taken from the corpus)."""
from __future__ import annotations

import pytest

from extractor import extract_text


def _rows(text, lang=None):
    return extract_text(text, lang=lang).to_dict("records")


def _one(text, surface, lang=None):
    rows = [r for r in _rows(text, lang) if r["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} not found once in {[r['surface'] for r in _rows(text, lang)]}"
    return rows[0]


def test_level_growth_share_and_pp_change():
    text = "2024年，某省软件业务收入达2.5万亿元，同比增长12.4%，占全国软件业务收入的比重达18.1%，较2023年提高0.6个百分点。"
    level = _one(text, "2.5万亿元")
    assert (level["value"], level["unit"], level["role"], level["period"]) == (2.5e12, "CNY", "level", "2024")
    assert "软件业务收入" in level["indicator"]
    growth = _one(text, "12.4%")
    assert (growth["role"], growth["value"]) == ("growth_rate", 12.4)
    assert "软件业务收入" in growth["indicator"]
    share = _one(text, "18.1%")
    assert share["role"] == "share"
    change = _one(text, "0.6个百分点")
    assert (change["role"], change["unit"], change["period"]) == ("change", "pp", "2024")


def test_decrease_is_signed():
    text = "2024年，单位产值能耗下降4.2%，库存减少35万吨。"
    assert _one(text, "4.2%")["value"] == -4.2
    row = _one(text, "35万吨")
    assert (row["role"], row["value"], row["unit"]) == ("change", -3.5e8, "kg")


def test_respectively_gives_one_indicator_per_value():
    text = "2024年，光伏、风电、储能三大新兴产业产值分别达1.1万亿元、8000亿元、3500亿元。"
    rows = _rows(text)
    assert [r["value"] for r in rows] == [1.1e12, 8e11, 3.5e11]
    for item, row in zip(["光伏", "风电", "储能"], rows):
        assert item in row["indicator"] and "产值" in row["indicator"]


def test_non_claims_are_left_out():
    text = ("根据国发〔2024〕7号文件[3]，“十四五”时期要建设5G-A网络和6G试验网，推进十大工程，"
            "营业收入超过50亿元的企业达37家，第二阶段试验于2024年1—6月完成。")
    surfaces = [r["surface"] for r in _rows(text)]
    assert surfaces == ["37家"]


def test_qualifiers():
    text = "截至2024年底，全省充电桩超过12万个，约3.6万个为快充，接近八成位于城区，累计投入80亿元以上。"
    assert _one(text, "12万个")["qualifier"] == "over"
    assert _one(text, "3.6万个")["qualifier"] == "about"
    assert _one(text, "八成")["qualifier"] == "nearly"
    assert _one(text, "八成")["value"] == 80
    assert _one(text, "80亿元")["qualifier"] == "over"
    assert _one(text, "12万个")["period"] == "2024-end"


def test_rank_and_duration():
    rows = _rows("2024年，某国光伏组件产量连续9年位居全球第一。")
    assert [(r["surface"], r["unit"], r["role"], r["value"]) for r in rows] == [
        ("9年", "year", "level", 9), ("第一", "count", "rank", 1)]


def test_cagr_period_spans_from_the_base_year():
    row = _one("2024年，数字经济规模较2019年增长1.6倍，年均复合增长率达21.0%。", "21.0%")
    assert (row["role"], row["period"]) == ("cagr", "2019..2024")
    assert _one("2024年，数字经济规模较2019年增长1.6倍。", "1.6倍")["role"] == "multiple"


def test_estimate_modality_and_world_entity():
    text = "2024年全省算力规模预计达到320 EFLOPS，高于全球平均增速（18.5%）。"
    assert _one(text, "320 EFLOPS")["modality"] == "estimate"
    assert _one(text, "320 EFLOPS")["value"] == pytest.approx(3.2e20)
    assert _one(text, "18.5%")["entity"] == "全球"


def test_place_subject_sets_entity():
    row = _one("2024年，浙江省数字经济核心产业增加值达9867亿元。", "9867亿元")
    assert row["entity"] == "浙江省"


def test_english_claims():
    text = ("Revenue of the sector exceeded 2.3 trillion yuan in 2024, up 8.1 percent year-on-year, "
            "and more than 4,500 companies were registered [3][7].")
    rows = _rows(text)
    by_surface = {r["surface"]: r for r in rows}
    assert set(by_surface) == {"2.3 trillion yuan", "8.1 percent", "4,500"}
    assert by_surface["2.3 trillion yuan"]["qualifier"] == "over"
    assert by_surface["8.1 percent"]["role"] == "growth_rate"
    assert by_surface["4,500"]["unit"] == "count" and by_surface["4,500"]["unit_surface"] == "companies"
    assert all(r["lang"] == "en" and r["period"] == "2024" for r in rows)


def test_chinese_headline_in_english_page_is_zh():
    text = "“某某” 2024年度回顾:产业规模突破3万亿元\nSummary - The industry grew 12% in 2024 [1]"
    langs = {r["surface"]: r["lang"] for r in _rows(text)}
    assert langs == {"3万亿元": "zh", "12%": "en"}


def test_spacy_component_sets_doc_claims():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claims")
    doc = nlp("Exports rose 7.5 percent to 654.5 billion yuan in 2024.")
    surfaces = [c["surface"] for c in doc._.claims]
    assert surfaces == ["7.5 percent", "654.5 billion yuan"]
    assert doc._.claims[1]["value"] == 6.545e11


@pytest.mark.parametrize("text", [
    "1家" * 3000,                      # thousands of figures in one sentence without punctuation
    "增长5%，" * 2000,
    "grew 5% and " * 2000,
    "9" * 10000 + "亿元",               # a 10,000-digit number
    "万" * 10000,
    "\x01\x02\x03" * 1000 + "达到5%",    # control characters
    "Ω漢字ﾃｽﾄ١٢٣" * 2000,               # mixed scripts
], ids=["figures", "clauses", "english", "digits", "wan", "control", "scripts"])
def test_absurd_inputs_give_rows_not_exceptions(text):
    from extractor.claims import SENTENCE_QUOTE_MAX

    frame = extract_text(text)
    assert (frame["sentence"].str.len() <= SENTENCE_QUOTE_MAX + 2).all()
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.surface


def test_counted_noun_after_a_relative_clause():
    # N个[verb ... 的]noun: the clause describes the counted noun, which names the indicator.
    row = _one("截至2024年底，某市已建成56个服务全市12个区县的社区养老中心。", "56个")
    assert "社区养老中心" in row["indicator"], row["indicator"]
