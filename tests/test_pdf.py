"""Tests of extractor.pdf: synthetic PDFs made with reportlab, then the development PDFs of ../shared/realdocs."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
reportlab = pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from extractor.models import ExtractorError  # noqa: E402
from extractor.pdf import (  # noqa: E402
    TableData, broken_line_breaks, extract_tables, find_furniture, garble_share, read_pdf, table_cells,
    table_period, unit_multiplier,
)

REALDOCS = Path(__file__).parents[1].parent / "shared" / "realdocs"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = A4


def _grid(c: canvas.Canvas, x0: float, top: float, col_widths: list[float], cells: list[list[str]],
          row_h: float = 20) -> None:
    """Draw a ruled table whose top edge is `top` (PDF coordinates, from the bottom)."""
    xs = [x0]
    for w in col_widths:
        xs.append(xs[-1] + w)
    ys = [top - i * row_h for i in range(len(cells) + 1)]
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for r, row in enumerate(cells):
        for k, v in enumerate(row):
            c.drawString(xs[k] + 4, ys[r] - 15, v)


def _furniture(c: canvas.Canvas, n: int) -> None:
    c.setFont(FONT, 9)
    c.drawString(72, H - 40, "示例科技股份有限公司2021年年度报告")
    c.drawCentredString(W / 2, 30, f"- {n} -")
    c.setFont(FONT, 12)


def make_report_pdf() -> bytes:
    """2 pages: running header, page numbers, a sentence whose % is pushed to the next line, a table."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _furniture(c, 1)
    c.drawString(72, H - 100, "一、经营情况")
    c.drawString(72, H - 130, "报告期内，公司实现营业收入12.5亿元，同比增长15.6")
    c.drawString(72, H - 150, "%，净利润7.6万元。")
    c.drawString(72, H - 190, "单位：万元")
    _grid(c, 72, H - 200, [150, 110, 110],
          [["项目", "2021年", "2020年"], ["营业收入", "125,000.00", "108,100.50"], ["净利润", "7.60", "-3.20"]])
    c.showPage()
    _furniture(c, 2)
    c.drawString(72, H - 100, "二、其他事项")
    c.drawString(72, H - 130, "公司员工人数为1,234人。")
    c.showPage()
    c.save()
    return buf.getvalue()


EXPECTED_TEXT = (
    "示例科技股份有限公司2021年年度报告\n一、经营情况\n报告期内，公司实现营业收入12.5亿元，同比增长15.6\n"
    "%，净利润7.6万元。\n单位：万元\n项目 2021年 2020年\n营业收入 125,000.00 108,100.50\n净利润 7.60 -3.20\n- 1 -\n"
    "示例科技股份有限公司2021年年度报告\n二、其他事项\n公司员工人数为1,234人。\n- 2 -"
)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "sample_report.pdf"
    path.write_bytes(make_report_pdf())
    return path


@pytest.fixture(scope="module")
def report(report_pdf: Path):
    return read_pdf(report_pdf)


def test_text_and_page_starts(report) -> None:
    assert report.doc_id == "sample_report"
    assert report.text == EXPECTED_TEXT
    second = EXPECTED_TEXT.index("- 1 -\n") + len("- 1 -\n")
    assert report.page_starts == [0, second]
    for surface in ("12.5亿元", "15.6", "7.6万元", "1,234人"):
        start = report.text.index(surface)
        assert report.text[start:start + len(surface)] == surface
    assert report.text.index("1,234人") > report.page_starts[1]


def test_furniture_spans(report) -> None:
    t = report.text
    header = "示例科技股份有限公司2021年年度报告"
    expected = [
        (0, len(header)),
        (t.index("- 1 -"), t.index("- 1 -") + 5),
        (report.page_starts[1], report.page_starts[1] + len(header)),
        (t.index("- 2 -"), t.index("- 2 -") + 5),
    ]
    assert report.furniture == expected
    # furniture stays in the text: offsets index the raw joined pages
    assert [t[s:e] for s, e in report.furniture] == [header, "- 1 -", header, "- 2 -"]


def test_table_rows_unit_and_cells(report) -> None:
    assert len(report.tables) == 1
    table = report.tables[0]
    assert (table.page, table.index, table.block) == (1, 1, "table:1:1")
    assert table.rows == [["项目", "2021年", "2020年"], ["营业收入", "125,000.00", "108,100.50"],
                          ["净利润", "7.60", "-3.20"]]
    assert table.unit_note == "万元"
    assert unit_multiplier(table.unit_note) == (1e4, "CNY")
    cells = table_cells(table)
    assert [(c["row_header"], c["column_header"], c["text"]) for c in cells] == [
        ("营业收入", "2021年", "125,000.00"), ("营业收入", "2020年", "108,100.50"),
        ("净利润", "2021年", "7.60"), ("净利润", "2020年", "-3.20"),
    ]
    for c in cells:  # each numeric cell is located in the document text
        assert report.text[c["start"]:c["end"]] == c["text"]
        assert c["block"] == "table:1:1" and c["page"] == 1
    assert [table_period(c["column_header"], 2021) for c in cells] == ["2021", "2020", "2021", "2020"]


def test_broken_line_inside_figure(report) -> None:
    breaks = broken_line_breaks(report.text, report.furniture)
    assert breaks == [report.text.index("15.6\n%") + 4]


def test_extract_tables_from_path_and_pages(report_pdf: Path) -> None:
    import pdfplumber

    assert [t.unit_note for t in extract_tables(report_pdf)] == ["万元"]
    with pdfplumber.open(report_pdf) as pdf:
        tables = extract_tables(list(pdf.pages))
    assert [(t.page, t.index, t.rows[1][0]) for t in tables] == [(1, 1, "营业收入")]
    with pdfplumber.open(report_pdf) as pdf:
        assert extract_tables(pdf.pages[1:]) == []  # page 2 has no table


def test_parallel_read_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.pdf as pdfmod

    path = tmp_path / "many.pdf"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n in range(1, 7):
        _furniture(c, n)
        c.drawString(72, H - 100, f"第{n}页的正文，收入{n}.5亿元。")
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    serial = read_pdf(path, workers=1)
    monkeypatch.setattr(pdfmod, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(pdfmod, "PAGES_PER_TASK", 2)
    parallel = read_pdf(path, workers=2)
    assert parallel.text == serial.text
    assert parallel.page_starts == serial.page_starts and len(serial.page_starts) == 6
    assert parallel.furniture == serial.furniture and len(serial.furniture) == 12


def test_table_continued_on_next_page(tmp_path: Path) -> None:
    """A table that runs to the bottom of a page and goes on at the top of the next page, without a header row,
    inherits the header rows and the unit note."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _furniture(c, 1)
    c.drawString(72, H - 100, "单位：人民币百万元")
    rows = [["项目", "本期末", "上年末"]] + [[f"资产{i}", f"{i},100.00", f"{i},000.00"] for i in range(1, 35)]
    _grid(c, 72, H - 110, [150, 110, 110], rows)
    c.showPage()
    _furniture(c, 2)
    _grid(c, 72, H - 60, [150, 110, 110], [["负债1", "300.00", "200.00"], ["负债2", "30.00", "20.00"]])
    c.drawString(72, H - 200, "单位：%")
    _grid(c, 72, H - 210, [150, 110], [["指标", "本报告期"], ["毛利率", "35.3"]])
    c.showPage()
    c.save()
    path = tmp_path / "continued.pdf"
    path.write_bytes(buf.getvalue())
    doc = read_pdf(path)
    first, cont, other = doc.tables
    assert (first.page, first.unit_note, first.header_rows, first.continued) == (1, "人民币百万元", 1, False)
    assert (cont.page, cont.index, cont.continued, cont.unit_note) == (2, 1, True, "人民币百万元")
    cells = table_cells(cont)
    assert cells[0]["row_header"] == "负债1" and cells[0]["column_header"] == "本期末"
    assert [table_period(c["column_header"], 2021) for c in cells[:2]] == ["2021-end", "2020-end"]
    assert (other.continued, other.unit_note, table_cells(other)[0]["column_header"]) == (False, "%", "本报告期")
    assert unit_multiplier(first.unit_note) == (1e6, "CNY")


# ------------------------------------------------------------------------------------------ refusals


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "random.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(ExtractorError) as err:
        read_pdf(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: is not a readable PDF (") and "\n" not in msg


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(make_report_pdf()[:300])
    with pytest.raises(ExtractorError, match="is not a readable PDF") as err:
        read_pdf(path)
    assert "\n" not in str(err.value)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret", canPrint=0)
    c = canvas.Canvas(buf, pagesize=A4, encrypt=enc)
    c.setFont(FONT, 12)
    c.drawString(72, H - 100, "营业收入12.5亿元。")
    c.showPage()
    c.save()
    path = tmp_path / "locked.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ExtractorError) as err:
        read_pdf(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: is encrypted") and "\n" not in msg


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(2):
        c.rect(72, 72, 300, 500, fill=1)  # a "scanned" page: graphics, no text
        c.showPage()
    c.save()
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ExtractorError, match=r"has no text layer \(a scan\?\); OCR is not supported"):
        read_pdf(path)


def test_reader_dispatches_pdf(report_pdf: Path) -> None:
    from extractor.reader import read_document

    doc = read_document(report_pdf)
    assert doc.text == EXPECTED_TEXT and len(doc.sha256) == 64 and doc.tables


# ------------------------------------------------------------------------------------------ helpers


def test_garble_share() -> None:
    assert garble_share("营业收入12.5亿元，同比增长15.6%。") == 0.0
    assert garble_share("Í¼! !\"#$»ùÒòÍâÏÔ×Ó%¡&¢¡’¢¡(¢ºÍÎ¢ÎÀÐÇÔîµÄ") > 0.5
    assert garble_share("(cid:12)(cid:345)(cid:7) 收入") > 0.5
    assert garble_share("Société Générale reported € 1.2 billion in Zürich.") < 0.10


@pytest.mark.parametrize("text, expected", [
    ("增长15.6\n%，", ["15.6\n"]),
    ("达到7.6\n万元", ["7.6\n"]),
    ("金额为4,755,\n785.11元", ["4,755,\n"]),
    ("项目 2021年\n营业收入 1.5 2.5\n", []),               # table rows stay apart
    ("第一节 重要提示\n公司董事会保证", []),                  # a short heading line
    ("全年实现营业收入。\n公司董事会", []),                   # sentence-final
    ("收入 12\n3 项目", []),                                # digit then digit: ambiguous, kept
])
def test_broken_line_breaks_figures_and_kept_breaks(text: str, expected: list[str]) -> None:
    got = broken_line_breaks(text)
    assert [text[text.rfind("\n", 0, b + 1) - (len(e) - 1):b + 1] for b, e in zip(got, expected)] == expected
    assert len(got) == len(expected)


def test_broken_line_breaks_wrapped_paragraph() -> None:
    full = "公司董事会、监事会及董事、监事、高级管理人员保证季度报告内容的真"
    text = (f"第一节 重要提示\n{full}\n实、准确、完整，不存在虚假记载、误导性陈述或者重大遗漏，并承担个别和\n"
            "连带的法律责任。\n所有董事均已出席了审议本次季报的董事会会议。\n二、公司基本情况\n")
    got = broken_line_breaks(text)
    assert got == [text.index("真\n实") + 1, text.index("和\n连") + 1]


def test_broken_line_across_page_furniture() -> None:
    pages = ["报告全文\n" + "公司本年度持续推进技术改造，各项生产经营指标稳步提升，实现营业收入",
             "报告全文\n" + "12.5亿元，同比增长8.2%。"]
    starts = [0, len(pages[0]) + 1]
    text = "\n".join(pages)
    furniture = find_furniture(pages, starts)
    assert [text[s:e] for s, e in furniture] == ["报告全文", "报告全文"]
    got = broken_line_breaks(text, furniture)
    assert got == [len(pages[0]), starts[1] + len("报告全文")]


def test_find_furniture_page_numbers_and_guards() -> None:
    pages = ["第 1 页\n正文一", "正文二\n3 / 22", "正文三\n合计 1,234.50\n88", "正文四\n4"]
    starts, pos = [], 0
    for p in pages:
        starts.append(pos)
        pos += len(p) + 1
    text = "\n".join(pages)
    got = [text[s:e] for s, e in find_furniture(pages, starts)]
    # "88" on page 3 is larger than any page number there could be; the figure row is never furniture
    assert got == ["第 1 页", "3 / 22", "4"]


@pytest.mark.parametrize("note, expected", [
    ("万元", (1e4, "CNY")), ("人民币百万元", (1e6, "CNY")), ("元", (1.0, "CNY")), ("千元", (1e3, "CNY")),
    ("亿元", (1e8, "CNY")), ("%", (1.0, "%")), ("千美元", (1e3, "USD")), ("人民币元", (1.0, "CNY")),
    ("股", (1.0, "count")), ("万股", (1e4, "count")), ("", (1.0, "")),
])
def test_unit_multiplier(note: str, expected: tuple[float, str]) -> None:
    assert unit_multiplier(note) == expected


@pytest.mark.parametrize("header, year, expected", [
    ("2021年", None, "2021"), ("2021年度", 2022, "2021"), ("2022E", None, "2022"), ("2021年末", None, "2021-end"),
    ("2021年12月31日", None, "2021-end"), ("本报告期", 2018, "2018"), ("上年同期", 2018, "2017"),
    ("本期末", 2021, "2021-end"), ("上年末", 2021, "2020-end"), ("本报告期末比上年度末增减", 2018, "2018-end"),
    ("年初至报告期期末金额", 2018, "2018"), ("期初余额", 2019, "2018-end"), ("本报告期", None, ""),
    ("项目", 2021, ""), ("上年度末", 2021, "2020-end"),
])
def test_table_period(header: str, year: int | None, expected: str) -> None:
    assert table_period(header, year) == expected


def test_table_period_current_override() -> None:
    assert table_period("本报告期", 2018, current="2018-Q1") == "2018-Q1"


def test_table_cells_merged_header() -> None:
    t = TableData(page=3, index=2, rows=[
        ["项目", "本报告期末", None], [None, "金额", "比例"], ["总资产", "298,608,889.04", "12.5%"],
    ])
    t.header_rows = 2
    cells = table_cells(t)
    assert [(c["row_header"], c["column_header"], c["text"], c["row"], c["col"]) for c in cells] == [
        ("总资产", "本报告期末 / 金额", "298,608,889.04", 2, 1), ("总资产", "本报告期末 / 比例", "12.5%", 2, 2)]
    assert cells[0]["start"] is None and cells[0]["block"] == "table:3:2"


# ------------------------------------------------------------------------------------------ real documents


def _realdoc(folder: str) -> Path:
    if not REALDOCS.is_dir():
        pytest.skip(f"development PDFs not found at {REALDOCS}")
    found = sorted((REALDOCS / folder).glob("*.pdf"))
    if not found:
        pytest.skip(f"no PDF in {REALDOCS / folder}")
    return found[0]


def test_northeast_electric_quarterly_report() -> None:
    doc = read_pdf(_realdoc("pdf_northeast_electric_2018q1"))
    assert len(doc.page_starts) == 22
    assert all(doc.text[s - 1] == "\n" for s in doc.page_starts[1:])
    units = {t.unit_note for t in doc.tables}
    assert doc.tables and units & {"元", "人民币元", "万元"}
    furniture = {doc.text[s:e] for s, e in doc.furniture}
    assert "东北电气发展股份有限公司2018年第一季度报告全文" in furniture
    assert {str(n) for n in range(1, 23)} <= furniture  # every page number
    # each located table cell indexes the text exactly
    located = [c for t in doc.tables for c in table_cells(t) if c["start"] is not None]
    assert len(located) > 100
    assert all(doc.text[c["start"]:c["end"]] == c["text"] for c in located)
    # the wrapped lines of the first paragraph are joined
    breaks = broken_line_breaks(doc.text, doc.furniture)
    assert doc.text.index("真\n实") + 1 in breaks
    assert all(doc.text[b] == "\n" for b in breaks)


def test_tebon_research_note_reads() -> None:
    doc = read_pdf(_realdoc("pdf_tebon_research_note_688556"))
    assert len(doc.page_starts) == 4
    assert "6.66亿元" in doc.text
    assert doc.furniture  # footer with "2 / 4"


def test_garbled_text_layer_is_refused() -> None:
    path = _realdoc("pdf_hardcase_nonunicode_cjk")
    with pytest.raises(ExtractorError) as err:
        read_pdf(path)
    assert str(err.value) == (
        f"{path}: text layer does not decode to readable text (font without a Unicode map)")


@pytest.mark.parametrize("folder", ["pdf_anhui_landuse_standard_2020_p", "pdf_yancheng_bond_prospectus_p"])
def test_single_page_development_pdfs(folder: str) -> None:
    doc = read_pdf(_realdoc(folder))
    assert len(doc.page_starts) == 1 and doc.tables


def test_find_furniture_repeated_note_inside_pages_is_content() -> None:
    """A note that stands at the top of many pages but also inside pages (单位：元) is content, not furniture."""
    pages = []
    for n in range(1, 9):
        word = "甲乙丙丁戊己庚辛"[n - 1]
        body = "单位：元\n营业收入 1.00 2.00" if n % 2 else f"正文{word}段落。\n单位：元\n净利润 3.00 4.00"
        pages.append(f"某公司年度报告\n{body}\n其他内容{word}。\n{n}")
    starts, pos = [], 0
    for p in pages:
        starts.append(pos)
        pos += len(p) + 1
    text = "\n".join(pages)
    got = {text[s:e] for s, e in find_furniture(pages, starts)}
    assert got == {"某公司年度报告"} | {str(n) for n in range(1, 9)}


def test_broken_line_breaks_guards() -> None:
    line = "公司本年度持续推进技术改造和产品结构调整，各项生产经营指标稳步提升，主要产品"
    assert broken_line_breaks(f"{line}\n单位：万元\n") == []                      # a unit note follows
    assert broken_line_breaks(f"{line}\n项目 本期金额 上期金额\n") == []          # a table header row follows
    assert broken_line_breaks(f"{line}\n1,065,152.90\n") == []                    # a lone number follows
    assert broken_line_breaks("2\n20\n万\n提\n") == []                             # vertical chart labels
    assert broken_line_breaks(f"{line}\n产量创历史新高。\n") == [len(line)]



def test_analysis_joins(report) -> None:
    from extractor.pdf import analysis_joins

    assert analysis_joins(report) == broken_line_breaks(report.text, report.furniture)
