from __future__ import annotations

import math

import pandas as pd
import pytest

from claim_rows import claims_frame, make_claim  # noqa: F401  (claims_frame is a fixture)
from extractor.diff import DIFF_COLUMNS, diff_claims, format_table, load_claims
from extractor.models import CLAIM_COLUMNS, ExtractorError


def test_self_diff_is_empty(claims_frame):
    result = diff_claims(claims_frame, claims_frame.copy())
    assert result.is_empty
    assert result.unchanged == len(claims_frame)
    assert result.to_frame().empty
    assert list(result.to_frame().columns) == DIFF_COLUMNS
    assert format_table(result).splitlines()[0] == "0 added, 0 removed, 0 changed, 5 unchanged"


def test_float_noise_is_not_a_change(claims_frame):
    new = claims_frame.copy()
    new["value"] = new["value"] * (1 + 1e-12)
    assert diff_claims(claims_frame, new).is_empty


def test_edited_value_is_changed_with_old_and_new(claims_frame):
    new = claims_frame.copy()
    new.loc[1, ["value", "surface"]] = [30.1, "30.1%"]
    result = diff_claims(claims_frame, new)
    assert (len(result.added), len(result.removed), len(result.changed), result.unchanged) == (0, 0, 1, 4)
    row = result.to_frame().iloc[0]
    assert row["kind"] == "changed"
    assert (row["doc_id"], row["role"], row["unit"]) == ("report", "growth_rate", "%")
    assert (row["old_value"], row["new_value"]) == (28.5, 30.1)
    assert row["rel_change"] == pytest.approx((30.1 - 28.5) / 28.5)
    assert (row["old_surface"], row["new_surface"]) == ("28.5%", "30.1%")
    table = format_table(result)
    assert table.splitlines()[0] == "0 added, 0 removed, 1 changed, 4 unchanged"
    assert "28.5% → 30.1%" in table


def test_added_and_removed(claims_frame):
    new = claims_frame.drop(index=2)
    new = pd.concat([new, pd.DataFrame([make_claim("report", 200, "5000家", 5000, unit="count", indicator="企业数量")])],
                    ignore_index=True)
    result = diff_claims(claims_frame, new)
    assert result.summary() == "1 added, 1 removed, 0 changed, 4 unchanged"
    assert result.added["surface"].tolist() == ["5000家"]
    assert result.removed["indicator"].tolist() == ["机器学习产业规模"]
    frame = result.to_frame().set_index("kind")
    assert frame.loc["added", "new_value"] == 5000 and math.isnan(frame.loc["added", "old_value"])
    assert frame.loc["removed", "old_value"] == 3.8e11 and frame.loc["removed", "old_surface"] == "3800亿元"


def test_repeated_fact_pairs_in_start_order(claims_frame):
    # The fact at 10 and 120 shares its key; dropping the second mention removes exactly that one.
    result = diff_claims(claims_frame, claims_frame.drop(index=3))
    assert result.summary() == "0 added, 1 removed, 0 changed, 4 unchanged"
    assert result.removed["start"].tolist() == [120]
    # Changing the value of the later mention is a change of the second occurrence only.
    new = claims_frame.copy()
    new.loc[3, "value"] = 1.3e12
    changed = diff_claims(claims_frame, new).changed
    assert changed[["old_claim_id", "new_claim_id"]].values.tolist() == [["report:120", "report:120"]]


def test_row_order_of_input_does_not_matter(claims_frame):
    shuffled = claims_frame.sample(frac=1, random_state=3)
    assert diff_claims(claims_frame, shuffled).is_empty


def test_missing_key_cells_compare_as_empty(claims_frame):
    old = claims_frame.copy()
    old.loc[0, "entity"] = None
    new = claims_frame.copy()
    new.loc[0, "entity"] = ""
    assert diff_claims(old, new).is_empty


def test_table_lists_every_row(claims_frame):
    new = claims_frame.copy()
    new.loc[0, "value"] = 1.2e14
    new.loc[4, "value"] = 9.0
    lines = format_table(diff_claims(claims_frame, new)).splitlines()
    assert lines[0] == "0 added, 0 removed, 2 changed, 3 unchanged"
    assert lines[2].split()[:3] == ["kind", "doc_id", "indicator"]
    assert sum(line.startswith("changed") for line in lines) == 2
    assert any("+9900%" in line for line in lines)


def test_diff_refuses_a_table_without_the_key(claims_frame):
    with pytest.raises(ExtractorError, match="lack columns.*period"):
        diff_claims(claims_frame.drop(columns="period"), claims_frame)


@pytest.mark.parametrize("name", ["claims.parquet", "claims.jsonl", "claims.csv"])
def test_load_from_run_folder(tmp_path, claims_frame, name):
    _write(claims_frame, tmp_path / name)
    loaded = load_claims(tmp_path)
    assert len(loaded) == len(claims_frame)
    assert diff_claims(claims_frame, loaded).is_empty


@pytest.mark.parametrize("name", ["out.parquet", "out.jsonl", "out.csv"])
def test_load_from_file(tmp_path, claims_frame, name):
    _write(claims_frame, tmp_path / name)
    loaded = load_claims(tmp_path / name)
    assert set(CLAIM_COLUMNS) <= set(loaded.columns)
    assert loaded["value"].tolist() == claims_frame["value"].tolist()
    assert diff_claims(claims_frame, loaded).is_empty


def test_folder_prefers_parquet(tmp_path, claims_frame):
    _write(claims_frame, tmp_path / "claims.parquet")
    _write(claims_frame.head(2), tmp_path / "claims.jsonl")
    assert len(load_claims(tmp_path)) == len(claims_frame)


def test_load_errors_name_the_path(tmp_path, claims_frame):
    with pytest.raises(ExtractorError, match="nowhere"):
        load_claims(tmp_path / "nowhere")
    with pytest.raises(ExtractorError, match=f"{tmp_path}: no claims file"):
        load_claims(tmp_path)
    (tmp_path / "claims.txt").write_text("x")
    with pytest.raises(ExtractorError, match="claims.txt: not a claims file"):
        load_claims(tmp_path / "claims.txt")
    (tmp_path / "bad.jsonl").write_text('{"doc_id": "a"}\n{oops\n')
    with pytest.raises(ExtractorError, match="bad.jsonl: cannot read claims.*line 2"):
        load_claims(tmp_path / "bad.jsonl")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    with pytest.raises(ExtractorError, match="bad.parquet: cannot read claims"):
        load_claims(tmp_path / "bad.parquet")
    claims_frame.drop(columns=["unit"]).to_csv(tmp_path / "partial.csv", index=False)
    with pytest.raises(ExtractorError, match="partial.csv: not a claims table, missing columns unit"):
        load_claims(tmp_path / "partial.csv")


def _write(frame: pd.DataFrame, path) -> None:
    if path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_csv(path, index=False, encoding="utf-8")


def test_diff_against_an_empty_run(claims_frame):
    empty = claims_frame.iloc[0:0]
    assert diff_claims(empty, claims_frame).summary() == "5 added, 0 removed, 0 changed, 0 unchanged"
    assert diff_claims(claims_frame, empty).summary() == "0 added, 5 removed, 0 changed, 0 unchanged"
    assert diff_claims(empty, empty).is_empty


def test_missing_values_compare_equal_only_to_missing(claims_frame):
    old = claims_frame.copy()
    old.loc[0, "value"] = float("nan")
    assert diff_claims(old, old.copy()).is_empty
    changed = diff_claims(old, claims_frame).to_frame()
    assert changed["kind"].tolist() == ["changed"] and math.isnan(changed.loc[0, "rel_change"])
