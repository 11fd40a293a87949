"""Stage 6: claims tables to files (JSONL, CSV for spreadsheets, typed Parquet) and the run record."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pandas as pd

from .atomic import write_bytes_atomic
from .models import ExtractorError

FORMATS = ("jsonl", "csv", "parquet")


def _jsonable(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def to_jsonl(frame: pd.DataFrame) -> str:
    """One JSON object per row, UTF-8 text kept readable (no \\u escapes), NaN as null."""
    lines = []
    for row in frame.to_dict("records"):
        lines.append(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def to_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """A claims (or alignment) table serialised in one of FORMATS."""
    if fmt == "jsonl":
        return to_jsonl(frame).encode("utf-8")
    if fmt == "csv":
        # UTF-8 with BOM: spreadsheet programs then show Chinese text correctly.
        return frame.to_csv(index=False).encode("utf-8-sig")
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise ExtractorError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_table(frame: pd.DataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write a table atomically; the format follows the file suffix unless given."""
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    write_bytes_atomic(path, to_bytes(frame, fmt))


def write_json(data: dict, path: str | Path) -> None:
    write_bytes_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
