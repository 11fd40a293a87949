"""Reading files and the command line: encodings, bad input, one-line errors, exit codes, atomic output."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EN_PAGE, ZH_REPORT
from extractor import ExtractorError
from extractor.reader import read_document
from extractor.sentences import split_sentences


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_gb18030_file_reads_like_utf8(tmp_path):
    copy = tmp_path / "report.txt"
    copy.write_bytes(ZH_REPORT.read_text(encoding="utf-8").encode("gb18030"))
    doc = read_document(copy)
    assert doc.encoding == "gb18030"
    assert doc.text == ZH_REPORT.read_text(encoding="utf-8")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
])
def test_bad_text_files_are_refused_with_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractorError) as info:
        read_document(path)
    message = str(info.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_page_break_inside_a_sentence_is_joined_with_offsets_kept():
    text = "2024年，全省数字经济规模持续扩张，数字基础设施加速升级，为产业\n\n发展提供了支撑，规模达1.2万亿元。\n\n二、下一节\n"
    from extractor.models import Document

    doc = Document(doc_id="t", text=text)
    sentences = split_sentences(doc)
    first = sentences[0]
    assert "为产业发展提供了支撑" in first.text
    i = first.text.index("1.2万亿元")
    start, end = first.doc_span(i, i + len("1.2万亿元"))
    assert text[start:end] == "1.2万亿元"
    assert sentences[-1].text == "二、下一节"


def test_english_bullets_are_sentences():
    doc = read_document(EN_PAGE)
    sentences = [s for s in split_sentences(doc) if s.lang == "en"]
    assert len(sentences) >= 12
    assert not any(" - " in s.text for s in sentences)


def test_cli_extract_jsonl_on_stdout():
    result = _cli("extract", EN_PAGE)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {"claim_id", "surface", "value", "unit", "indicator"} <= set(rows[0])


def test_cli_bad_input_is_one_line_and_nonzero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    result = _cli("extract", bad, tmp_path / "missing.txt")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("extractor: ") for line in lines)
    assert "Traceback" not in result.stderr


def test_cli_failed_extract_leaves_existing_output_untouched(tmp_path):
    out = tmp_path / "claims.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert _cli("extract", bad, "-o", out).returncode == 1
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_cli_run_writes_all_outputs(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "zh" / ZH_REPORT.name).write_bytes(ZH_REPORT.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\x00\x00")
    out = tmp_path / "out"
    result = _cli("run", corpus, "-o", out)
    assert result.returncode == 1  # one document failed
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["failed"] == 1 and record["schema_version"]
    assert (out / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_parquet(out / "claims.parquet")
    assert str(frame["value"].dtype) == "float64" and str(frame["page"].dtype) == "Int64"
    assert len(frame) == record["counts"]["claims"] > 200


def test_cli_help_explains_commands():
    result = _cli("--help")
    assert result.returncode == 0
    for command in ("extract", "run", "eval", "diff"):
        assert command in result.stdout


def test_cli_eval_prints_figures(tmp_path):
    from conftest import DEV_GOLD, shared_file

    gold = shared_file(DEV_GOLD)
    pred = tmp_path / "pred.jsonl"
    assert _cli("extract", ZH_REPORT, "-o", pred).returncode == 0
    result = _cli("eval", "--gold", gold, "--pred", pred)
    assert result.returncode == 0
    assert "mention" in result.stdout and "triple" in result.stdout


def test_huge_file_is_refused(tmp_path, monkeypatch):
    import extractor.reader as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("数" * 2000, encoding="utf-8")
    with pytest.raises(ExtractorError, match="too large"):
        read_document(path)
