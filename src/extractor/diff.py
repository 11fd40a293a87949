"""Compare two claim tables (two runs, or a run against a reviewed copy): which facts appeared, went, or changed value.

A fact is identified by KEY_COLUMNS. When one document states the same fact more than once, the
mentions of each side are paired in the order of their `start` offset.
"""
from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .formatting import format_rel_change, format_value
from .models import ExtractorError

KEY_COLUMNS: list[str] = ["doc_id", "indicator", "entity", "period", "role", "unit"]
DIFF_COLUMNS: list[str] = [
    "kind", *KEY_COLUMNS, "old_value", "new_value", "rel_change",
    "old_surface", "new_surface", "old_claim_id", "new_claim_id",
]
REQUIRED_COLUMNS: list[str] = [*KEY_COLUMNS, "start", "value", "surface"]
VALUE_REL_TOLERANCE = 1e-9

# Inside a run output folder, the claim file read first.
CLAIM_FILE_NAMES = ("claims.parquet", "claims.jsonl", "claims.csv")
NUMERIC_COLUMNS = ("start", "end", "value", "value_low", "value_high", "page")


@dataclass
class DiffResult:
    """What differs between an old and a new claim table.

    `added` and `removed` are rows of the new and old table; `changed` has one row per fact whose
    value moved (DIFF_COLUMNS less `kind`); `unchanged` counts the facts present on both sides with
    the same value.
    """

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    unchanged: int

    @property
    def is_empty(self) -> bool:
        """True when nothing was added, removed or changed."""
        return self.added.empty and self.removed.empty and self.changed.empty

    def summary(self) -> str:
        """One line: '3 added, 1 removed, 2 changed, 180 unchanged'."""
        return (f"{len(self.added)} added, {len(self.removed)} removed, "
                f"{len(self.changed)} changed, {self.unchanged} unchanged")

    def to_frame(self) -> pd.DataFrame:
        """One row per changed, added or removed fact, with the columns DIFF_COLUMNS; grouped by
        document, changed before added before removed within one."""
        changed = self.changed.assign(kind="changed")
        added = pd.DataFrame({
            "kind": "added", **{c: self.added[c] for c in KEY_COLUMNS},
            "new_value": self.added["value"], "new_surface": self.added["surface"],
            "new_claim_id": _claim_ids(self.added),
        })
        removed = pd.DataFrame({
            "kind": "removed", **{c: self.removed[c] for c in KEY_COLUMNS},
            "old_value": self.removed["value"], "old_surface": self.removed["surface"],
            "old_claim_id": _claim_ids(self.removed),
        })
        parts = [part for part in (changed, added, removed) if not part.empty]
        if not parts:
            return pd.DataFrame({c: pd.Series(dtype=_diff_dtype(c)) for c in DIFF_COLUMNS})
        frame = pd.concat(parts, ignore_index=True).reindex(columns=DIFF_COLUMNS)
        for column in ("old_value", "new_value", "rel_change"):
            frame[column] = frame[column].astype(float)
        for column in ("old_surface", "new_surface", "old_claim_id", "new_claim_id"):
            frame[column] = frame[column].fillna("")
        return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)


def load_claims(path: str | Path) -> pd.DataFrame:
    """Read a claim table: a run output folder (claims.parquet, claims.jsonl or claims.csv inside),
    or a .parquet, .jsonl or .csv file. Raises ExtractorError naming the path when it can't."""
    path = Path(path)
    if path.is_dir():
        found = [path / name for name in CLAIM_FILE_NAMES if (path / name).is_file()]
        if not found:
            raise ExtractorError(f"{path}: no claims file in this folder (looked for {', '.join(CLAIM_FILE_NAMES)})")
        path = found[0]
    elif not path.exists():
        raise ExtractorError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix == ".jsonl":
            frame = _read_jsonl(path)
        elif suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            for column in NUMERIC_COLUMNS:
                if column in frame.columns:
                    frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
        else:
            raise ExtractorError(f"{path}: not a claims file (expected .parquet, .jsonl or .csv, or a run output folder)")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ExtractorError(f"{path}: cannot read claims ({exc.__class__.__name__}: {_first_line(exc)})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ExtractorError(f"{path}: not a claims table, missing columns {', '.join(missing)}")
    return frame


def diff_claims(old: pd.DataFrame, new: pd.DataFrame) -> DiffResult:
    """Pair the facts of `old` and `new` by KEY_COLUMNS (repeats in `start` order) and compare values."""
    for side, frame in (("old", old), ("new", new)):
        missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
        if missing:
            raise ExtractorError(f"{side} claims lack columns {', '.join(missing)}")
    old_keyed, new_keyed = _keyed(old), _keyed(new)
    pair_columns = [*KEY_COLUMNS, "occurrence"]
    merged = old_keyed.merge(new_keyed, on=pair_columns, how="outer", suffixes=("_old", "_new"), indicator=True)
    added_rows = merged.loc[merged["_merge"] == "right_only", "row_new"].astype(int)
    removed_rows = merged.loc[merged["_merge"] == "left_only", "row_old"].astype(int)
    both = merged[merged["_merge"] == "both"]
    moved = pd.Series([not _same_value(a, b) for a, b in zip(both["value_old"], both["value_new"])],
                      index=both.index, dtype=bool)
    changed_pairs = both[moved]
    changed = pd.DataFrame({
        **{c: changed_pairs[c] for c in KEY_COLUMNS},
        "old_value": changed_pairs["value_old"].astype(float),
        "new_value": changed_pairs["value_new"].astype(float),
        "rel_change": [_rel_change(a, b) for a, b in zip(changed_pairs["value_old"], changed_pairs["value_new"])],
        "old_surface": changed_pairs["surface_old"],
        "new_surface": changed_pairs["surface_new"],
        "old_claim_id": changed_pairs["claim_id_old"],
        "new_claim_id": changed_pairs["claim_id_new"],
    }).reset_index(drop=True)
    return DiffResult(
        added=new.iloc[sorted(added_rows)].reset_index(drop=True),
        removed=old.iloc[sorted(removed_rows)].reset_index(drop=True),
        changed=changed,
        unchanged=len(both) - len(changed_pairs),
    )


def format_table(result: DiffResult, max_width: int = 40) -> str:
    """A terminal table: the summary line, then one line per changed, added or removed fact.
    Text cells longer than `max_width` display columns are cut with '…'."""
    lines = [result.summary()]
    frame = result.to_frame()
    if frame.empty:
        return lines[0] + "\n"
    headers = ["kind", *KEY_COLUMNS, "old", "new", "change", "surface"]
    rows = []
    for record in frame.to_dict("records"):
        surfaces = [s for s in (record["old_surface"], record["new_surface"]) if s]
        rows.append([
            record["kind"], *(str(record[c]) for c in KEY_COLUMNS),
            format_value(record["old_value"]), format_value(record["new_value"]),
            format_rel_change(record["rel_change"]), " → ".join(dict.fromkeys(surfaces)),
        ])
    rows = [[_truncate(cell, max_width) for cell in row] for row in rows]
    widths = [max(_display_width(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    right_aligned = {headers.index("old"), headers.index("new"), headers.index("change")}
    lines.append("")
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = [_pad(cell, width, right=i in right_aligned) for i, (cell, width) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the diff needs, key cells as strings (missing → ''), and each row's occurrence
    number within its key in `start` order; `row` points back into `frame`."""
    keyed = pd.DataFrame({c: frame[c].map(_key_text) for c in KEY_COLUMNS})
    keyed["start"] = pd.to_numeric(frame["start"], errors="coerce").to_numpy()
    keyed["value"] = pd.to_numeric(frame["value"], errors="coerce").to_numpy()
    keyed["surface"] = frame["surface"].fillna("").astype(str).to_numpy()
    keyed["claim_id"] = _claim_ids(frame).to_numpy()
    keyed["row"] = range(len(frame))
    keyed = keyed.sort_values([*KEY_COLUMNS, "start", "row"], kind="stable", na_position="last")
    keyed["occurrence"] = keyed.groupby(KEY_COLUMNS, sort=False).cumcount()
    return keyed.drop(columns="start")


def _claim_ids(frame: pd.DataFrame) -> pd.Series:
    if "claim_id" in frame.columns:
        return frame["claim_id"].fillna("").astype(str)
    return pd.Series("", index=frame.index, dtype=object)


def _key_text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    return str(cell)


def _same_value(old: float, new: float) -> bool:
    if math.isnan(old) or math.isnan(new):
        return math.isnan(old) and math.isnan(new)
    return math.isclose(old, new, rel_tol=VALUE_REL_TOLERANCE)


def _rel_change(old: float, new: float) -> float:
    """(new - old) / |old|; NaN when old is 0 or either side has no value."""
    if math.isnan(old) or math.isnan(new) or old == 0:
        return math.nan
    return (new - old) / abs(old)


def _diff_dtype(column: str) -> str:
    return "float64" if column in ("old_value", "new_value", "rel_change") else "object"


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {number}: {exc.msg}") from None
    return pd.DataFrame.from_records(records)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0]


def _display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _truncate(text: str, max_width: int) -> str:
    if _display_width(text) <= max_width:
        return text
    kept, width = [], 0
    for ch in text:
        ch_width = _display_width(ch)
        if width + ch_width > max_width - 1:
            break
        kept.append(ch)
        width += ch_width
    return "".join(kept) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    padding = " " * (width - _display_width(text))
    return padding + text if right else text + padding
