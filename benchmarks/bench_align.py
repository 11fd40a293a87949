"""Alignment benchmark.

1. China's Government Work Report 2008-2022 (../shared/realdocs/gwr_<year>_zh_en, line-parallel): per year the
   English claims, the matched pairs (match or value_mismatch), precision = share of pairs whose claims stand
   on the same line index, and how many English claims found a same-line partner. Development years
   2008-2015 (target precision >= 0.97); acceptance years 2016-2022 are reported only.
2. Speed: aligning 1,000 x 1,000 synthetic claims (target < 2 s).
3. The corpus pair: every English claim with its status, partner and note.

Run: PYTHONPATH=src python benchmarks/bench_align.py [--years 2008-2015] [--skip-gwr]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pandas as pd

from extractor import extract_file
from extractor.align import align

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
DEV = range(2008, 2016)


def line_of(text: str, start: int) -> int:
    return text.count("\n", 0, start)


def gwr_year(year: int) -> dict:
    folder = REALDOCS / f"gwr_{year}_zh_en"
    zh_text = (folder / "zh.txt").read_text(encoding="utf-8")
    en_text = (folder / "en.txt").read_text(encoding="utf-8")
    zh, en = extract_file(folder / "zh.txt"), extract_file(folder / "en.txt")
    t0 = time.perf_counter()
    result = align(zh, en, zh_text=zh_text, en_text=en_text)
    seconds = time.perf_counter() - t0
    zh_line = {c: line_of(zh_text, s) for c, s in zip(zh["claim_id"], zh["start"])}
    en_line = {c: line_of(en_text, s) for c, s in zip(en["claim_id"], en["start"])}
    pairs = result[(result["en_claim_id"] != "") & (result["zh_claim_id"] != "")]
    same = sum(zh_line[z] == en_line[e] for e, z in zip(pairs["en_claim_id"], pairs["zh_claim_id"]))
    return {"year": year, "en_claims": int((result["en_claim_id"] != "").sum()), "pairs": len(pairs),
            "same_line": same, "precision": same / len(pairs) if len(pairs) else float("nan"),
            "mismatch": int((result["status"] == "value_mismatch").sum()), "seconds": seconds}


def synthetic(n: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n Chinese and n English claims over a shared pool of indicators, values and units."""
    rng = random.Random(seed)
    topics = [("粮食产量", "grain output", "kg"), ("财政收入", "fiscal revenue", "CNY"),
              ("城镇新增就业", "new urban jobs", "count"), ("居民消费价格", "consumer prices", "%"),
              ("固定资产投资", "fixed asset investment", "CNY"), ("外汇储备", "foreign exchange reserves", "USD"),
              ("工业机器人产量", "industrial robots output", "count"), ("出口额", "exports", "USD"),
              ("研发经费", "R&D spending", "CNY"), ("城镇化率", "urbanization rate", "%")]
    zh_rows, en_rows = [], []
    for i in range(n):
        zh_ind, en_ind, unit = topics[rng.randrange(len(topics))]
        value = round(rng.uniform(1, 999), 1) * (1 if unit == "%" else 1e8)
        year = str(rng.choice(range(2015, 2025)))
        base = dict(unit=unit, qualifier="exact", role="level", entity="中国", period=year, modality="actual",
                    value_low=value, value_high=value)
        zh_rows.append(dict(base, claim_id=f"zh:{i}", lang="zh", start=i * 50, surface=f"{value / 1e8:g}亿",
                            value=value, indicator=zh_ind, sentence=f"{zh_ind}达{value / 1e8:g}亿"))
        if rng.random() < 0.2:
            value = value * 1.37
        en_rows.append(dict(base, claim_id=f"en:{i}", lang="en", start=i * 80, entity="China",
                            surface=f"{value / 1e8:g} hundred million", value=value, indicator=en_ind,
                            sentence=f"{en_ind} reached {value / 1e8:g} hundred million"))
    return pd.DataFrame(zh_rows), pd.DataFrame(en_rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", default="2008-2022")
    ap.add_argument("--skip-gwr", action="store_true")
    args = ap.parse_args(argv)

    if not args.skip_gwr:
        if not REALDOCS.exists():
            print(f"no {REALDOCS}: GWR part skipped")
        else:
            first, last = (int(y) for y in args.years.split("-"))
            print("Government Work Report (line-parallel): precision = matched pairs on the same line index")
            print(f"{'year':<6}{'set':<12}{'en claims':>10}{'pairs':>7}{'same line':>10}{'precision':>10}"
                  f"{'mismatch':>9}{'align s':>9}")
            totals = {"dev": [0, 0, 0], "acceptance": [0, 0, 0]}
            for year in range(first, last + 1):
                r = gwr_year(year)
                kind = "dev" if year in DEV else "acceptance"
                t = totals[kind]
                t[0] += r["en_claims"]
                t[1] += r["pairs"]
                t[2] += r["same_line"]
                print(f"{year:<6}{kind:<12}{r['en_claims']:>10}{r['pairs']:>7}{r['same_line']:>10}"
                      f"{r['precision']:>10.3f}{r['mismatch']:>9}{r['seconds']:>9.2f}")
            for kind, (n_en, n_pairs, n_same) in totals.items():
                if n_pairs:
                    print(f"{'all':<6}{kind:<12}{n_en:>10}{n_pairs:>7}{n_same:>10}{n_same / n_pairs:>10.3f}")
            print()

    zh, en = synthetic(20)
    align(zh, en)  # loads jieba and CC-CEDICT once
    zh, en = synthetic(1000)
    t0 = time.perf_counter()
    result = align(zh, en)
    seconds = time.perf_counter() - t0
    print(f"synthetic 1000 x 1000: {seconds:.2f} s (target < 2 s); "
          f"{result['status'].value_counts().to_dict()}")
    print()

    zh_path = ROOT / "corpus/zh/china-smart-industry-2025.txt"
    en_path = ROOT / "corpus/en/sina-ai-core-industry-2026-01-22.txt"
    zh, en = extract_file(zh_path), extract_file(en_path)
    result = align(zh, en)
    surface = dict(zip(pd.concat([zh, en])["claim_id"], pd.concat([zh, en])["surface"]))
    print(f"corpus pair: {zh_path.name} vs {en_path.name}")
    for row in result[result["status"] != "zh_only"].itertuples():
        partner = surface.get(row.zh_claim_id, "") if row.zh_claim_id else "-"
        print(f"  {row.status:<15} {surface[row.en_claim_id]!s:<20} <- {partner!s:<14} {row.score:.2f}  {row.note}")
    print(f"  zh_only: {int((result['status'] == 'zh_only').sum())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
