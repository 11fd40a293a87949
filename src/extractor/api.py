"""The library's front door: text or file in, a claims DataFrame out."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .claims import extract_claims
from .models import CLAIM_COLUMNS, Claim, Document
from .reader import read_document


def claims_frame(claims: list[Claim]) -> pd.DataFrame:
    """Claims as a DataFrame with the contract's columns and dtypes."""
    frame = pd.DataFrame([c.as_dict() for c in claims], columns=CLAIM_COLUMNS)
    return typed(frame)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a claims frame to the contract's dtypes (value float64, offsets int64, page nullable Int64)."""
    frame = frame.reindex(columns=CLAIM_COLUMNS)
    for col in ("value", "value_low", "value_high"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in ("start", "end"):
        frame[col] = pd.to_numeric(frame[col]).astype("int64")
    frame["page"] = pd.to_numeric(frame["page"], errors="coerce").astype("Int64")
    for col in CLAIM_COLUMNS:
        if col not in ("value", "value_low", "value_high", "start", "end", "page"):
            frame[col] = frame[col].fillna("").astype(str)
    return frame


def extract_text(text: str, lang: str | None = None, doc_id: str = "text") -> pd.DataFrame:
    """Claims of a text. `lang` forces one language for every sentence ("zh" or "en"); None detects it."""
    doc = Document(doc_id=doc_id, text=text)
    claims = extract_claims(doc, lang=lang)
    return claims_frame(claims)


def extract_document(doc: Document) -> pd.DataFrame:
    """Claims of a Document already read."""
    return claims_frame(extract_claims(doc))


def extract_file(path: str | Path) -> pd.DataFrame:
    """Claims of a .txt/.md/.pdf file. Raises extractor.ExtractorError when the file cannot be used."""
    return extract_document(read_document(path))
