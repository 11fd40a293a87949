"""Acceptance tests of the batch workflow: `extractor run` over a folder with bad files, the cache,
zh/en pairs and alignment, the review page, and `extractor diff` between runs."""
from __future__ import annotations

import json
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from conftest import EN_PAGE, ZH_REPORT
from test_review import browser  # noqa: F401  (a fixture: headless Chromium, skipped with its reason)
from extractor.cli import main
from extractor.runner import ALIGNMENT_COLUMNS, OUTPUT_FILES, doc_ids_for, pair_key, run_folder, write_run

SCRIPT_TEXT = "网站流量报告。<script>alert(1)</script>本月访问量同比增长12.5%。\n"
EDIT_OLD, EDIT_NEW = "18.2%", "19.7%"   # a figure stated once in the Chinese report
FACT_COLUMNS = ["value", "unit", "surface", "indicator"]


def _make_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "legacy").mkdir()
    (corpus / "bad").mkdir()
    shutil.copy(ZH_REPORT, corpus / "zh" / ZH_REPORT.name)
    shutil.copy(EN_PAGE, corpus / "en" / EN_PAGE.name)
    gb_bytes = ZH_REPORT.read_text(encoding="utf-8").encode("gb18030")
    (corpus / "legacy" / "china-smart-industry-2025-gb18030.txt").write_bytes(gb_bytes)
    (corpus / "bad" / "empty.txt").write_bytes(b"")
    (corpus / "bad" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 8)
    (corpus / "web.txt").write_text(SCRIPT_TEXT, encoding="utf-8")
    (corpus / "pairs.csv").write_text(f"zh,en\nzh/{ZH_REPORT.name},en/{EN_PAGE.name}\n", encoding="utf-8")
    return corpus


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A first and a second run of the same corpus into the same folder (the second from the cache)."""
    root = tmp_path_factory.mktemp("batch")
    corpus = _make_corpus(root)
    out = root / "out"
    code1 = main(["run", str(corpus), "-o", str(out), "--workers", "2"])
    first = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    code2 = main(["run", str(corpus), "-o", str(out), "--workers", "2"])
    return types.SimpleNamespace(root=root, corpus=corpus, out=out, code1=code1, code2=code2, first=first)


def _record(data: bytes) -> dict:
    return json.loads(data.decode("utf-8"))


def test_all_outputs_are_written(runs):
    record = _record(runs.first["run.json"])
    assert record["outputs"] == OUTPUT_FILES
    assert record["schema_version"]
    for name in OUTPUT_FILES:
        assert (runs.out / name).is_file(), name
    claims = pd.read_parquet(runs.out / "claims.parquet")
    assert str(claims["value"].dtype) == "float64" and str(claims["start"].dtype) == "int64"
    assert str(claims["page"].dtype) == "Int64"
    assert len(pd.read_csv(runs.out / "claims.csv", encoding="utf-8-sig")) == len(claims)
    header = (runs.out / "alignment.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[:5] == ALIGNMENT_COLUMNS
    assert not list(runs.out.glob(".*.tmp")), "a temporary file was left behind"


def test_gb18030_copy_gives_the_same_claims(runs):
    claims = pd.read_parquet(runs.out / "claims.parquet")
    original = claims[claims["doc_id"] == ZH_REPORT.stem]
    legacy = claims[claims["doc_id"] == "china-smart-industry-2025-gb18030"]
    assert len(original) > 100
    pd.testing.assert_frame_equal(original[FACT_COLUMNS].reset_index(drop=True),
                                  legacy[FACT_COLUMNS].reset_index(drop=True))
    inputs = {e["doc_id"]: e for e in _record(runs.first["run.json"])["inputs"]}
    assert inputs["china-smart-industry-2025-gb18030"]["encoding"] == "gb18030"


def test_bad_files_are_reported_failed_and_the_others_still_run(runs):
    assert runs.code1 == 1 and runs.code2 == 1
    record = _record(runs.first["run.json"])
    failed = {Path(f["path"]).name: f["error"] for f in record["failed"]}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert "empty" in failed["empty.txt"] and "binary" in failed["binary.txt"]
    statuses = {e["relpath"]: e["status"] for e in record["inputs"]}
    assert statuses["web.txt"] == statuses[f"zh/{ZH_REPORT.name}"] == "ok"
    assert record["counts"]["failed"] == 2 and record["counts"]["ok"] == 4


def test_review_page_carries_no_live_script(runs):
    page = (runs.out / "review.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 2          # the page's JSON data block and its own script
    assert "http://" not in page.replace("http://www.w3.org", "") and "src=\"http" not in page
    claims = pd.read_parquet(runs.out / "claims.parquet")
    web = claims[claims["doc_id"] == "web"]
    assert web["surface"].tolist() == ["12.5%"]


def test_second_run_hits_the_cache_and_gives_identical_claims(runs):
    first, second = _record(runs.first["run.json"]), _record((runs.out / "run.json").read_bytes())
    assert first["cache"]["hits"] == 0
    ok = [e for e in second["inputs"] if e["status"] == "ok"]
    assert len(ok) == 4 and all(e["cache"] == "hit" for e in ok)
    assert second["cache"]["hits"] == second["counts"]["cache_hits"] == 4
    assert (runs.out / "claims.jsonl").read_bytes() == runs.first["claims.jsonl"]
    assert (runs.out / "claims.csv").read_bytes() == runs.first["claims.csv"]
    assert (runs.out / "alignment.csv").read_bytes() == runs.first["alignment.csv"]
    assert (runs.out / "review.html").read_bytes() == runs.first["review.html"]


def test_no_cache_extracts_again(runs, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(runs.corpus), "-o", str(out), "--workers", "1", "--no-cache",
                 "--cache-dir", str(runs.out / ".cache")]) == 1
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["cache"]["hits"] == 0 and record["cache"]["read"] is False
    assert {e["cache"] for e in record["inputs"] if e["status"] == "ok"} == {"off"}
    assert (out / "claims.jsonl").read_bytes() == runs.first["claims.jsonl"]


def test_diff_of_a_run_against_itself_exits_0(runs, capsys):
    code, out, _ = _cli(capsys, "diff", str(runs.out), str(runs.out))
    assert code == 0
    assert out.startswith("0 added, 0 removed, 0 changed")


def test_diff_after_one_figure_is_edited_exits_1_and_names_both_values(runs, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(runs.corpus, corpus)
    report = corpus / "zh" / ZH_REPORT.name
    text = report.read_text(encoding="utf-8")
    assert text.count(EDIT_OLD) == 1
    report.write_text(text.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = _cli(capsys, "run", str(corpus), "-o", str(out), "--workers", "2",
                      "--cache-dir", str(runs.out / ".cache"))
    assert code == 1  # the bad files still fail
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    redone = [e["relpath"] for e in record["inputs"] if e.get("cache") == "miss"]
    assert redone == [f"zh/{ZH_REPORT.name}"]  # only the edited document is extracted again

    code, table, _ = _cli(capsys, "diff", str(runs.out), str(out))
    assert code == 1
    assert "1 changed" in table.splitlines()[0]
    changed = [line for line in table.splitlines() if line.startswith("changed")]
    assert len(changed) == 1 and "18.2" in changed[0] and "19.7" in changed[0]

    code, csv_text, _ = _cli(capsys, "diff", str(runs.out), str(out), "--format", "csv")
    assert code == 1
    rows = [line for line in csv_text.splitlines() if line.startswith("changed")]
    assert len(rows) == 1 and "18.2" in rows[0] and "19.7" in rows[0]


# --- pairs and alignment -------------------------------------------------------------------------

def _stub_align(calls: list):
    def align(zh_claims: pd.DataFrame, en_claims: pd.DataFrame) -> pd.DataFrame:
        calls.append((zh_claims, en_claims))
        rows = [{"en_claim_id": en_claims["claim_id"].iloc[0], "zh_claim_id": zh_claims["claim_id"].iloc[0],
                 "status": "value_mismatch", "score": 0.8, "note": "stub <b>note</b>"}]
        rows += [{"en_claim_id": "", "zh_claim_id": c, "status": "zh_only", "score": None, "note": ""}
                 for c in zh_claims["claim_id"].iloc[1:]]
        return pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)

    module = types.ModuleType("extractor.align")
    module.align = align
    return module


def _small_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    for lang, text in (("zh", "2025年，全省软件业务收入达2.5万亿元，同比增长12.4%。\n"),
                       ("en", "Software revenue reached 2.5 trillion yuan in 2025, up 12.4 percent.\n")):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "software.txt").write_text(text, encoding="utf-8")
    return corpus


def test_pairs_by_folder_mark_with_a_stub_align(tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setitem(sys.modules, "extractor.align", _stub_align(calls))
    corpus = _small_corpus(tmp_path)
    result = run_folder(corpus, workers=1)
    assert result.record["pairs"][0] | {} == {
        "zh": "zh/software.txt", "en": "en/software.txt", "source": "stems", "zh_doc_id": "zh/software",
        "en_doc_id": "en/software", "status": "ok", "alignment_rows": 2, "cache": "off"}
    zh, en = calls[0]
    assert set(zh["doc_id"]) == {"zh/software"} and set(en["doc_id"]) == {"en/software"}
    assert zh["claim_id"].str.startswith("zh/software:").all()
    write_run(result, tmp_path / "out")
    alignment = pd.read_csv(tmp_path / "out" / "alignment.csv", encoding="utf-8-sig", keep_default_na=False)
    assert alignment["status"].tolist() == ["value_mismatch", "zh_only"]
    lines = (tmp_path / "out" / "alignment.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["note"] == "stub <b>note</b>"
    page = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    assert 'class="pair" data-status="value_mismatch"' in page and "<b>note" not in page
    assert not result.failed


def test_alignment_is_cached_per_pair(tmp_path, monkeypatch):
    calls: list = []
    module = _stub_align(calls)
    source = tmp_path / "align_stub.py"
    source.write_text("# version 1\n", encoding="utf-8")
    module.__file__ = str(source)  # the cache key hashes the aligner's source file
    monkeypatch.setitem(sys.modules, "extractor.align", module)
    corpus, out = _small_corpus(tmp_path), tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--workers", "1"]) == 0
    first = (out / "alignment.csv").read_bytes()
    assert main(["run", str(corpus), "-o", str(out), "--workers", "1"]) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert len(calls) == 1 and record["alignment"]["cache_hits"] == 1 and record["pairs"][0]["cache"] == "hit"
    assert (out / "alignment.csv").read_bytes() == first
    source.write_text("# version 2\n", encoding="utf-8")  # a changed aligner aligns again
    assert main(["run", str(corpus), "-o", str(out), "--workers", "1"]) == 0
    assert len(calls) == 2


def test_without_align_the_run_still_completes_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "extractor.align", None)  # import fails as if the module were absent
    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--workers", "1"]) == 0
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["alignment"]["status"] == "skipped"
    assert "extractor.align is not available" in record["alignment"]["notes"][0]
    assert len(record["pairs"]) == 1
    assert (out / "alignment.csv").read_text(encoding="utf-8-sig").strip() == ",".join(ALIGNMENT_COLUMNS)
    assert (out / "alignment.jsonl").read_bytes() == b""


def test_a_failing_align_is_recorded_and_fails_the_run(tmp_path, monkeypatch):
    module = types.ModuleType("extractor.align")

    def align(zh_claims, en_claims):
        raise RuntimeError("boom")

    module.align = align
    monkeypatch.setitem(sys.modules, "extractor.align", module)
    out = tmp_path / "out"
    assert main(["run", str(_small_corpus(tmp_path)), "-o", str(out), "--workers", "1"]) == 1
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["alignment"]["failed"][0]["error"] == "RuntimeError: boom"
    assert (out / "claims.parquet").is_file() and (out / "review.html").is_file()


def test_pairs_csv_naming_a_missing_file_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "extractor.align", _stub_align([]))
    corpus = _small_corpus(tmp_path)
    (corpus / "pairs.csv").write_text("zh,en\nzh/software.txt,en/software.txt\nzh/software.txt,en/gone.txt\n",
                                      encoding="utf-8")
    result = run_folder(corpus, workers=1)
    assert [p["status"] for p in result.record["pairs"]] == ["ok", "failed"]
    assert "en/gone.txt" in result.record["alignment"]["failed"][0]["error"]
    assert result.failed


def test_with_the_real_align(runs):
    pytest.importorskip("extractor.align")
    record = _record(runs.first["run.json"])
    assert record["alignment"]["status"] == "ok" and record["pairs"][0]["source"] == "pairs.csv"
    alignment = pd.read_csv(runs.out / "alignment.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(alignment) > 0 and list(alignment.columns[:5]) == ALIGNMENT_COLUMNS


@pytest.mark.parametrize("relpath, expected", [
    ("zh/x.txt", ("x", "zh")), ("en/x.md", ("x", "en")), ("2024/zh/x.txt", ("2024/x", "zh")),
    ("x_zh.txt", ("x", "zh")), ("x-en.txt", ("x", "en")), ("a/x.en.pdf", ("a/x", "en")),
    ("gwr-2008/zh.txt", ("gwr-2008", "zh")), ("gwr-2008/EN.txt", ("gwr-2008", "en")),
    ("x.txt", None), ("zh.txt", None), ("zh/en/x.txt", None), ("kitchen.txt", None),
])
def test_pair_key(relpath, expected):
    assert pair_key(relpath) == expected


def test_repeated_stems_get_path_doc_ids(tmp_path):
    paths = [tmp_path / p for p in ("zh/x.txt", "en/x.txt", "y.txt", "a/z.txt", "a/z.md")]
    assert doc_ids_for(paths, tmp_path) == ["zh/x", "en/x", "y", "a/z.txt", "a/z.md"]


def test_progress_is_reported_per_document(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "extractor.align", None)
    seen: list[tuple[int, int]] = []
    run_folder(_small_corpus(tmp_path), workers=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2) and all(total == 2 for _, total in seen)


def test_review_page_of_the_run_in_headless_chromium(runs, tmp_path, browser):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get((runs.out / "review.html").as_uri())
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # alert(1) from the document text did not run
    assert browser.title == f"extractor review: {runs.corpus}"
    texts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "pre.doc-text")]
    assert any("<script>alert(1)</script>" in t for t in texts)  # shown as text
    rows = browser.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")
    assert len(rows) == len(pd.read_parquet(runs.out / "claims.parquet"))  # the page's own script ran
    assert browser.save_screenshot(str(tmp_path / "batch-review.png"))


def _dies_on_crash(path: str) -> dict:
    """A stand-in for the worker's job that kills its process for one file (run in the worker)."""
    import os

    if "crash" in path:
        os._exit(3)
    return {"path": path}


def test_a_worker_that_dies_fails_only_its_document(tmp_path):
    from extractor.runner import _extract_all

    paths = [tmp_path / name for name in ("a.txt", "crash.txt", "b.txt", "c.txt")]
    outcomes = dict(_extract_all(paths, [0, 1, 2, 3], workers=2, work=_dies_on_crash))
    assert set(outcomes) == {0, 1, 2, 3}
    assert "worker process died" in outcomes[1]["error"]
    assert all(outcomes[i] == {"path": str(paths[i])} for i in (0, 2, 3))


class _Terminal(__import__("io").StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, tty):
    monkeypatch.setitem(sys.modules, "extractor.align", None)
    stderr = _Terminal() if tty else __import__("io").StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["run", str(_small_corpus(tmp_path)), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    assert ("doc/s]" in stderr.getvalue()) == tty
    assert "2 documents" in stderr.getvalue()
