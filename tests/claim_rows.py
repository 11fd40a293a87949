"""Synthetic claim rows that follow the contract (shared/spec/claims.md), for the library tests;
imported by the test modules (claims_frame is a fixture), so no conftest.py is needed."""
from __future__ import annotations

import pandas as pd
import pytest

from extractor.models import CLAIM_COLUMNS


def make_claim(doc_id: str, start: int, surface: str, value: float, *, unit: str = "CNY", role: str = "level",
               indicator: str = "人工智能核心产业规模", entity: str = "中国", period: str = "2025",
               lang: str = "zh", sentence: str = "") -> dict:
    """One claim row with every contract column."""
    row = dict.fromkeys(CLAIM_COLUMNS, "")
    row.update(
        doc_id=doc_id, lang=lang, claim_id=f"{doc_id}:{start}", start=start, end=start + len(surface),
        surface=surface, value=float(value), unit=unit, unit_surface="", value_low=float(value),
        value_high=float(value), qualifier="exact", role=role, indicator=indicator, indicator_en=indicator,
        entity=entity, period=period, modality="actual", sentence=sentence or surface, section="", page=None,
        block="text",
    )
    return row


@pytest.fixture
def claims_frame() -> pd.DataFrame:
    """Five claims in two documents, one fact stated twice."""
    rows = [
        make_claim("report", 10, "1.2万亿元", 1.2e12),
        make_claim("report", 40, "28.5%", 28.5, unit="%", role="growth_rate"),
        make_claim("report", 80, "3800亿元", 3.8e11, indicator="机器学习产业规模"),
        make_claim("report", 120, "1.2万亿元", 1.2e12),
        make_claim("news", 7, "1.2 trillion yuan", 1.2e12, indicator="AI industry size", entity="China", lang="en"),
    ]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
