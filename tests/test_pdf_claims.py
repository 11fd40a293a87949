"""Claims from PDFs: pages, offsets into the joined page text, table units, furniture left out."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED
from extractor import ExtractorError, extract_file
from test_pdf import make_report_pdf


@pytest.fixture(scope="module")
def claims(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdfclaims") / "sample_report.pdf"
    path.write_bytes(make_report_pdf())
    from extractor.reader import read_document

    return read_document(path), extract_file(path)


def test_text_claims_have_pages_and_exact_offsets(claims):
    doc, frame = claims
    for row in frame.itertuples():
        assert doc.text[row.start:row.end] == row.surface
    rows = {r["surface"]: r for r in frame.to_dict("records")}
    assert rows["12.5亿元"]["value"] == 1.25e9 and rows["12.5亿元"]["page"] == 1
    # 15.6 and its % stand on two lines: one claim, its surface keeps the line break
    assert rows["15.6\n%"]["value"] == 15.6 and rows["15.6\n%"]["role"] == "growth_rate"
    assert rows["1,234人"]["page"] == 2 and rows["1,234人"]["unit"] == "count"


def test_table_claims_carry_the_unit_note(claims):
    _, frame = claims
    table = frame[frame["block"] == "table:1:1"].to_dict("records")
    by_surface = {r["surface"]: r for r in table}
    assert by_surface["125,000.00"]["value"] == 1.25e9          # 万元 x 10,000
    assert by_surface["125,000.00"]["unit"] == "CNY"
    assert by_surface["125,000.00"]["period"] == "2021"
    assert by_surface["108,100.50"]["period"] == "2020"
    assert by_surface["-3.20"]["value"] == -32000.0
    assert "营业收入" in by_surface["125,000.00"]["indicator"]
    assert all(r["page"] == 1 for r in table)


def test_running_header_and_page_numbers_are_not_claims(claims):
    doc, frame = claims
    for start, end in doc.furniture:
        assert not ((frame["start"] < end) & (frame["end"] > start)).any()


def _realdoc(folder: str) -> Path:
    base = SHARED / "realdocs" / folder
    if not base.is_dir():
        pytest.skip(f"{base} not here")
    return next(base.glob("*.pdf"))


def test_quarterly_report_claims_have_pages_and_table_units():
    frame = extract_file(_realdoc("pdf_northeast_electric_2018q1"))
    assert len(frame) > 100
    assert frame["page"].notna().all()
    tables = frame[frame["block"].str.startswith("table:")]
    assert len(tables) > 50 and set(tables["unit"]) >= {"CNY", "%"}


def test_garbled_pdf_is_refused_not_read():
    with pytest.raises(ExtractorError, match="does not decode"):
        extract_file(_realdoc("pdf_hardcase_nonunicode_cjk"))


def test_wan_yuan_table_values_are_scaled():
    from extractor.numerals import parse_arabic
    from extractor.reader import read_document

    path = _realdoc("pdf_yancheng_bond_prospectus_p")
    doc = read_document(path)
    wan = [t for t in doc.tables if t.unit_note == "万元"]
    assert wan, "the prospectus page has a 万元 table"
    frame = extract_file(path)
    rows = frame[frame["block"] == wan[0].block]
    assert len(rows) > 5
    for row in rows.itertuples():
        if row.unit == "CNY":
            written = parse_arabic(row.surface.strip("()（）").replace("-", ""))
            assert abs(abs(row.value) - written * 1e4) < 1e-6 * max(1.0, abs(row.value))


def test_page_header_of_a_real_report_is_not_a_claim():
    from extractor.reader import read_document

    path = _realdoc("pdf_northeast_electric_2018q1")
    doc = read_document(path)
    assert len(doc.furniture) >= 20  # a running header and page numbers on its 22 pages
    frame = extract_file(path)
    for start, end in doc.furniture:
        assert not ((frame["start"] < end) & (frame["end"] > start)).any()


@pytest.mark.parametrize("folder", [
    "pdf_northeast_electric_2018q1", "pdf_tebon_research_note_688556",
    "pdf_anhui_landuse_standard_2020_p", "pdf_yancheng_bond_prospectus_p",
])
def test_every_development_pdf_gives_claims_with_pages(folder):
    from extractor.reader import read_document

    path = _realdoc(folder)
    doc = read_document(path)
    frame = extract_file(path)
    assert len(frame) > 10
    assert frame["page"].between(1, len(doc.page_starts)).all()
    for row in frame.itertuples():
        assert doc.text[row.start:row.end] == row.surface
