"""The dev gold set: the issue's thresholds, measured with the project's own evaluation."""
from __future__ import annotations

from functools import lru_cache

import pytest

from conftest import DEV_GOLD, ZH_REPORT, shared_file
from extractor import extract_file
from extractor.evaluate import read_jsonl, restrict_to_gold_region, score


@lru_cache(maxsize=1)
def _scores():
    gold = read_jsonl(shared_file(DEV_GOLD))
    pred = extract_file(ZH_REPORT).to_dict("records")
    return score(gold, restrict_to_gold_region(pred, gold))


@pytest.mark.parametrize("name,threshold", [
    ("mention_f1", 0.97), ("value_unit_f1", 0.97), ("triple_f1", 0.90),
    ("qualifier_acc", 0.93), ("role_acc", 0.93),
])
def test_dev_gold_threshold(name, threshold):
    figures = _scores().figures
    assert figures[name] >= threshold, f"{name} = {figures[name]:.3f} < {threshold}"


def test_offsets_index_the_file_text():
    text = ZH_REPORT.read_text(encoding="utf-8")
    frame = extract_file(ZH_REPORT)
    assert len(frame) > 200
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.surface
        assert row.claim_id == f"{row.doc_id}:{row.start}"


@pytest.mark.parametrize("year", range(2008, 2016))
def test_government_work_reports_extract_cleanly(year):
    """The development years of the real bilingual reports: no error, exact offsets, both languages read."""
    from conftest import SHARED

    for lang in ("zh", "en"):
        path = shared_file(SHARED / "realdocs" / f"gwr_{year}_zh_en" / f"{lang}.txt")
        text = path.read_text(encoding="utf-8")
        frame = extract_file(path)
        assert len(frame) > 40
        assert (frame["lang"] == lang).mean() > 0.95
        for row in frame.itertuples():
            assert text[row.start:row.end] == row.surface
