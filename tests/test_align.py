"""Cross-language alignment: the corpus pair end to end, one Government Work Report development year, and
synthetic pairs for each kind of discrepancy."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from extractor import extract_file
from extractor.align import ALIGNMENT_COLUMNS, align
from extractor.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).parents[1].parent / "shared"
ZH_REPORT = ROOT / "corpus" / "zh" / "china-smart-industry-2025.txt"
EN_PAGE = ROOT / "corpus" / "en" / "sina-ai-core-industry-2026-01-22.txt"


def claim(lang: str, n: int, surface: str, value: float, unit: str, indicator: str, *, role: str = "level",
          qualifier: str = "exact", period: str = "2025", entity: str | None = None, sentence: str = "",
          modality: str = "actual") -> dict:
    return dict(doc_id=lang, lang=lang, claim_id=f"{lang}:{n}", start=n, end=n + len(surface), surface=surface,
                value=value, unit=unit, unit_surface="", value_low=value, value_high=value, qualifier=qualifier,
                role=role, indicator=indicator, indicator_en=indicator, entity=entity or
                ("中国" if lang == "zh" else "China"), period=period, modality=modality,
                sentence=sentence or f"{indicator} {surface}", section="", page=None, block="text")


def pair(zh: dict, en: dict) -> pd.Series:
    result = align(pd.DataFrame([zh]), pd.DataFrame([en]))
    assert list(result.columns) == ALIGNMENT_COLUMNS
    return result[result["en_claim_id"] == en["claim_id"]].iloc[0]


@lru_cache(maxsize=1)
def corpus_alignment() -> tuple[pd.DataFrame, dict]:
    zh, en = extract_file(ZH_REPORT), extract_file(EN_PAGE)
    claims = pd.concat([zh, en]).set_index("claim_id")
    return align(zh, en), claims.to_dict("index")


# ---------------------------------------------------------------- corpus pair

def test_corpus_scale_slip_found():
    result, claims = corpus_alignment()
    slips = result[result["status"] == "value_mismatch"]
    row = next(r for r in slips.itertuples() if "178" in claims[r.en_claim_id]["surface"])
    assert "万" in claims[row.zh_claim_id]["surface"]
    assert "×100" in row.note and "万" in row.note and "million" in row.note


def test_corpus_core_industry_matches_core_industry_not_factory_funding():
    result, claims = corpus_alignment()
    row = next(r for r in result.itertuples()
               if r.en_claim_id and claims[r.en_claim_id]["surface"] == "1.2 trillion yuan")
    assert row.status == "match"
    partner = claims[row.zh_claim_id]
    assert "核心产业" in partner["indicator"] and "工厂" not in partner["indicator"]


def test_corpus_every_english_claim_once_and_figures_the_report_lacks_unsupported():
    result, claims = corpus_alignment()
    english = [c for c, v in claims.items() if v["lang"] == "en" and v["doc_id"].startswith("sina")]
    assert sorted(result.loc[result["en_claim_id"] != "", "en_claim_id"]) == sorted(english)
    row = next(r for r in result.itertuples()
               if r.en_claim_id and claims[r.en_claim_id]["surface"] == "100 billion yuan")
    assert row.status == "unsupported"
    # the two 6,000 figures go to different Chinese claims (AI companies, vertical models)
    six = result[[bool(e) and claims[e]["surface"] == "6,000" for e in result["en_claim_id"]]]
    assert set(six["status"]) == {"match"} and six["zh_claim_id"].nunique() == 2
    assert result["score"].between(0, 1).all()
    assert set(result["status"]) <= {"match", "value_mismatch", "unsupported", "zh_only"}


def test_cli_align_writes_jsonl(tmp_path):
    out = tmp_path / "align.jsonl"
    assert main(["align", str(ZH_REPORT), str(EN_PAGE), "-o", str(out)]) == 0
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns) == ALIGNMENT_COLUMNS
    assert (frame["status"] == "value_mismatch").any()


# ---------------------------------------------------------------- Government Work Report, development year

def test_gwr_development_year_precision():
    folder = SHARED / "realdocs" / "gwr_2010_zh_en"
    if not folder.exists():
        pytest.skip(f"{folder} is not here (../shared is beside the repository in CI)")
    zh_text = (folder / "zh.txt").read_text(encoding="utf-8")
    en_text = (folder / "en.txt").read_text(encoding="utf-8")
    zh, en = extract_file(folder / "zh.txt"), extract_file(folder / "en.txt")
    result = align(zh, en, zh_text=zh_text, en_text=en_text)
    zh_line = {c: zh_text.count("\n", 0, s) for c, s in zip(zh["claim_id"], zh["start"])}
    en_line = {c: en_text.count("\n", 0, s) for c, s in zip(en["claim_id"], en["start"])}
    pairs = result[(result["en_claim_id"] != "") & (result["zh_claim_id"] != "")]
    assert len(pairs) >= 40
    same = sum(zh_line[z] == en_line[e] for e, z in zip(pairs["en_claim_id"], pairs["zh_claim_id"]))
    assert same / len(pairs) >= 0.95


# ---------------------------------------------------------------- synthetic discrepancies

def test_wan_rendered_as_million():
    row = pair(claim("zh", 1, "32 万台", 3.2e5, "count", "AI眼镜出货量", qualifier="over"),
               claim("en", 1, "32 million", 3.2e7, "count", "AI glasses shipped", qualifier="over"))
    assert row["status"] == "value_mismatch"
    assert row["note"].startswith("×100: 万 (1e4) rendered as million (1e6)")


def test_yi_rendered_as_million_and_wanyi_as_billion():
    row = pair(claim("zh", 1, "3.2亿部", 3.2e8, "count", "手机出货量"),
               claim("en", 1, "3.2 million", 3.2e6, "count", "phone shipments"))
    assert row["status"] == "value_mismatch" and "×1/100" in row["note"] and "亿 (1e8) rendered as million" in row["note"]
    row = pair(claim("zh", 1, "1.2万亿元", 1.2e12, "CNY", "财政收入"),
               claim("en", 1, "1.2 billion yuan", 1.2e9, "CNY", "fiscal revenue"))
    assert row["status"] == "value_mismatch" and "×1/1000" in row["note"] and "万亿 (1e12) rendered as billion" in row["note"]


def test_percent_against_percentage_points():
    row = pair(claim("zh", 1, "0.9 个百分点", 0.9, "pp", "城镇化率", role="change"),
               claim("en", 1, "0.9%", 0.9, "%", "urbanization rate", role="change"))
    assert row["status"] == "value_mismatch" and "percentage points" in row["note"]


def test_growth_rate_against_level():
    row = pair(claim("zh", 1, "28.5%", 28.5, "%", "出口额", role="growth_rate"),
               claim("en", 1, "28.5%", 28.5, "%", "share of exports", role="share"))
    assert row["status"] == "value_mismatch" and "growth rate against level" in row["note"]


def test_rounding_beyond_tolerance_and_within():
    row = pair(claim("zh", 1, "33.5万亿元", 3.35e13, "CNY", "国内生产总值"),
               claim("en", 1, "35.1 trillion yuan", 3.51e13, "CNY", "gross domestic product"))
    assert row["status"] == "value_mismatch" and "rounding beyond tolerance" in row["note"]
    row = pair(claim("zh", 1, "33.54万亿元", 3.354e13, "CNY", "国内生产总值"),
               claim("en", 1, "33.5 trillion yuan", 3.35e13, "CNY", "GDP"))
    assert row["status"] == "match"
    row = pair(claim("zh", 1, "1.2万亿元", 1.2e12, "CNY", "人工智能核心产业规模", qualifier="over"),
               claim("en", 1, "1.2 trillion yuan", 1.2e12, "CNY", "AI core industry", qualifier="over"))
    assert row["status"] == "match"


def test_unit_conversion_pairs():
    row = pair(claim("zh", 1, "1.37万亿斤", 6.85e11, "kg", "粮食产量"),
               claim("en", 1, "685 million metric tons", 6.85e11, "kg", "grain output"))
    assert row["status"] == "match"


def test_value_alone_never_pairs():
    row = pair(claim("zh", 1, "1.2 万亿元", 1.2e12, "CNY", "投入智能工厂建设资金"),
               claim("en", 1, "1.2 trillion yuan", 1.2e12, "CNY", "AI core industry scale"))
    assert row["status"] == "unsupported" and row["zh_claim_id"] == ""


def test_one_to_one():
    zh = pd.DataFrame([claim("zh", 1, "15 家", 15, "count", "领航级智能工厂")])
    en = pd.DataFrame([claim("en", 1, "15", 15, "count", "leading smart factories"),
                       claim("en", 2, "15", 15, "count", "leading smart factories", sentence="another 15")])
    result = align(zh, en)
    assert (result["status"] == "match").sum() == 1
    assert (result["status"] == "unsupported").sum() == 1
    assert result["zh_claim_id"].replace("", pd.NA).dropna().is_unique
    zh2 = pd.concat([zh, pd.DataFrame([claim("zh", 2, "15 家", 15, "count", "领航级智能工厂")])])
    result = align(zh2, en)
    assert (result["status"] == "match").sum() == 2
    assert result.loc[result["status"] == "match", "zh_claim_id"].is_unique


def test_empty_inputs():
    empty = pd.DataFrame(columns=["claim_id", "lang", "value"])
    assert align(empty, empty).empty
    en = pd.DataFrame([claim("en", 1, "15", 15, "count", "factories")])
    assert align(empty, en)["status"].tolist() == ["unsupported"]
