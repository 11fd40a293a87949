"""Read a PDF's text layer into a Document: page offsets, page furniture, tables with their unit notes.

The text of a PDF is the pages' text (pdfplumber `extract_text()`) joined by "\\n"; every offset of the
pipeline indexes that text as is. Nothing is removed from it: running headers, footers and page numbers are
recorded as spans in `Document.furniture`, and the line breaks that the page layout put inside a sentence or a
figure are reported by `broken_line_breaks()` for the sentence splitter to drop.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .models import Document, ExtractorError
from .patterns import load

# Above this many pages the pages are read by a pool of processes.
PARALLEL_MIN_PAGES = 40
# Pages per task handed to a worker (each task opens the PDF once).
PAGES_PER_TASK = 16
# A text layer is refused as garbled when this share of its visible characters is mojibake.
GARBLE_MAX_SHARE = 0.10
# A text layer with fewer visible characters than this per page (on average) is taken for a scan.
MIN_CHARS_PER_PAGE = 5


@dataclass
class TableData:
    """A table found on a page. `rows` are the cells as pdfplumber reads them (None for a merged-away cell)."""

    page: int                                   # 1-based page number
    index: int                                  # 1-based position of the table on its page (block `table:{page}:{index}`)
    rows: list[list[str | None]]
    unit_note: str = ""                         # the unit as written in the note: "万元", "人民币百万元", "%"; "" if none
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    header_rows: int = 0                        # how many leading rows of `rows` are column headers
    continued: bool = False                     # continues the last table of the previous page
    inherited_header: list[list[str | None]] = field(default_factory=list)  # headers taken from that table
    # Span in Document.text of each numeric cell found there: (row, col) -> (start, end).
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def block(self) -> str:
        return f"table:{self.page}:{self.index}"

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


# ---------------------------------------------------------------------------------------------- reading


def read_pdf(path: str | Path, data: bytes | None = None, *, tables: bool = True,
             workers: int | None = None) -> Document:
    """Read a PDF into a Document. Raise ExtractorError (one line, naming the file) when it cannot be used.

    `data` is the file's bytes when the caller has read them already. Pages are read by a process pool when the
    PDF has more than PARALLEL_MIN_PAGES pages (`workers`: pool size, default the CPUs available; 1 = no pool).
    """
    path = Path(path)
    name = str(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExtractorError(f"{name}: cannot read ({exc.strerror or exc})") from None
    n_pages = _count_pages(data, name)
    if n_pages == 0:
        raise ExtractorError(f"{name}: is not a readable PDF (it has no pages)")
    if workers is None:
        workers = _cpu_count()
    ranges = [(a, min(a + PAGES_PER_TASK, n_pages)) for a in range(0, n_pages, PAGES_PER_TASK)]
    if n_pages > PARALLEL_MIN_PAGES and workers > 1 and len(ranges) > 1:
        pages = _read_parallel(data, name, ranges, min(workers, len(ranges)), tables)
    else:
        pages = _read_page_range(data, name, 0, n_pages, tables)

    texts = [p["text"] for p in pages]
    page_starts: list[int] = []
    pos = 0
    for t in texts:
        page_starts.append(pos)
        pos += len(t) + 1
    text = "\n".join(texts)
    _check_text_layer(text, n_pages, name)

    doc = Document(doc_id=path.stem, text=text, path=name, encoding="pdf", page_starts=page_starts)
    doc.furniture = find_furniture(texts, page_starts)
    if tables:
        doc.tables = _assemble_tables(pages, page_starts, texts)
    return doc


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _open(data: bytes, name: str) -> Any:
    """pdfplumber.open with its errors turned into one-line ExtractorErrors."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractorError(f"{name}: is encrypted (password-protected); decrypt it first") from None
        raise ExtractorError(f"{name}: is not a readable PDF ({_reason(inner)})") from None


def _reason(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or exc.__class__.__name__
    return msg[:120]


def _count_pages(data: bytes, name: str) -> int:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ExtractorError(f"{name}: is not a readable PDF (no %PDF header)")
    pdf = _open(data, name)
    try:
        return len(pdf.pages)
    except ExtractorError:
        raise
    except Exception as exc:
        raise ExtractorError(f"{name}: is not a readable PDF ({_reason(exc)})") from None
    finally:
        pdf.close()


def _read_parallel(data: bytes, name: str, ranges: list[tuple[int, int]], workers: int,
                   tables: bool) -> list[dict]:
    # fork is cheap and does not re-import __main__; fall back to the platform default elsewhere.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [pool.submit(_read_page_range, data, name, a, b, tables) for a, b in ranges]
        pages: list[dict] = []
        for fut in futures:
            pages.extend(fut.result())
    return pages


def _read_page_range(data: bytes, name: str, first: int, last: int, tables: bool) -> list[dict]:
    """Read pages [first, last) (0-based): text, and raw tables with positions relative to the page text."""
    out: list[dict] = []
    pdf = _open(data, name)
    try:
        for i in range(first, last):
            page = pdf.pages[i]
            try:
                out.append(_read_page(page, tables))
            except ExtractorError:
                raise
            except Exception as exc:
                raise ExtractorError(f"{name}: is not a readable PDF (page {i + 1}: {_reason(exc)})") from None
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def _read_page(page: Any, tables: bool) -> dict:
    text = page.extract_text() or ""
    result: dict = {"text": text, "height": float(page.height), "tables": []}
    if not tables:
        return result
    try:
        found = page.find_tables()
        if not found:
            return result
        lines = page.extract_text_lines(return_chars=False)
        result["tables"] = _page_tables(found, lines)
    except ExtractorError:
        raise
    except Exception:  # a table that pdfplumber cannot read costs its cells, not the page's text
        result["tables"] = []
    return result


def _page_tables(found: list, lines: list[dict]) -> list[dict]:
    tables: list[dict] = []
    prev_bottom = 0.0
    for t in sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])):
        rows = [[_clean_cell(c) for c in row] for row in t.extract()]
        if not rows or not any(c for row in rows for c in row):
            continue
        x0, top, x1, bottom = (float(v) for v in t.bbox)
        # Lines above the table (never above the previous table), nearest first, then lines inside the table.
        above = [ln["text"] for ln in lines if prev_bottom - 1 <= ln["top"] and ln["bottom"] <= top + 2]
        inside = [ln["text"] for ln in lines if ln["top"] >= top - 1 and ln["bottom"] <= bottom + 1]
        unit = _find_unit_note(list(reversed(above)), inside)
        text_above = [ln for ln in lines if ln["bottom"] <= top + 2 and ln["text"].strip()]
        tables.append({
            "rows": rows, "bbox": (x0, top, x1, bottom), "unit_note": unit,
            "lines_above": len(text_above),
            "lines_below": sum(1 for ln in lines if ln["top"] >= bottom - 1 and ln["text"].strip()),
        })
        prev_bottom = bottom
    return tables


def _clean_cell(cell: str | None) -> str | None:
    """Join the lines of a wrapped cell: no space between CJK characters, one space between Latin words."""
    if cell is None:
        return None
    parts = [p.strip() for p in cell.split("\n")]
    out = ""
    for p in parts:
        if not p:
            continue
        if out and _is_ascii_word_char(out[-1]) and _is_ascii_word_char(p[0]) and not _NUMERIC_CHARS.match(p):
            out += " "
        out += p
    return out


_NUMERIC_CHARS = re.compile(r"^[\d.,%]+$")


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


# ---------------------------------------------------------------------------------------------- text layer checks

_CID = re.compile(r"\(cid:\d+\)")


def garble_share(text: str) -> float:
    """Share of the visible characters of `text` that are mojibake: runs of 2+ Latin-1 Supplement characters
    (what CJK or UTF-8 bytes become when a font's codes are read as Latin-1: `Í¼»ùÒò`, `Ã©`; a lone accented
    letter as in `Société` is fine), Private Use Area code points, U+FFFD, control characters, and glyphs
    without a Unicode mapping, which pdfminer writes as `(cid:NN)`."""
    n_cid = len(_CID.findall(text))
    rest = _CID.sub("", text)
    visible = 0
    bad = 0
    run = 0  # length of the current run of Latin-1 Supplement characters
    for ch in rest + " ":
        o = ord(ch)
        if 0xA1 <= o <= 0xFF:
            run += 1
            visible += 1
            continue
        if run >= 2:
            bad += run
        run = 0
        if ch.isspace():
            continue
        visible += 1
        if 0xE000 <= o <= 0xF8FF or o == 0xFFFD or o < 0x20:
            bad += 1
    total = visible + n_cid
    return (bad + n_cid) / total if total else 0.0


def _check_text_layer(text: str, n_pages: int, name: str) -> None:
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < max(20, MIN_CHARS_PER_PAGE * n_pages):
        raise ExtractorError(f"{name}: has no text layer (a scan?); OCR is not supported")
    if garble_share(text) > GARBLE_MAX_SHARE:
        raise ExtractorError(
            f"{name}: text layer does not decode to readable text (font without a Unicode map)")


# ---------------------------------------------------------------------------------------------- furniture

_PAGE_NUMBER = [
    re.compile(r"^[-—–~·\s]*(\d{1,4})[-—–~·\s]*$"),                       # 12, - 12 -, — 12 —
    re.compile(r"^第\s*(\d{1,4})\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$"),  # 第 3 页, 第3页 共22页
    re.compile(r"^共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*(\d{1,4})\s*页$"),
    re.compile(r"^(\d{1,4})\s*/\s*\d{1,4}$"),                              # 3 / 22
    re.compile(r"^(?:page|p\.)\s*(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I),  # Page 3 of 22
]
# How many lines at the top and at the bottom of a page may be furniture.
_EDGE_LINES = 2
_NUMBER_TOKEN = re.compile(r"\d[\d,.]*%?")


def _page_number(line: str) -> int | None:
    s = line.strip()
    for pat in _PAGE_NUMBER:
        m = pat.match(s)
        if m:
            return int(m.group(1))
    return None


def _furniture_key(line: str) -> str | None:
    """The line with its digits normalised, or None when it cannot be a running header or footer
    (it carries a figure: a number with a decimal point, thousands separator or %, a number of more than 6
    digits, or more than 2 numbers; a year or a stock code is fine)."""
    s = " ".join(line.split())
    if not s:
        return None
    numbers = _NUMBER_TOKEN.findall(s)
    if len(numbers) > 2 or any(re.search(r"[.,]\d|%", n) or len(n.rstrip(".,")) > 6 for n in numbers):
        return None
    key = re.sub(r"\d+", "#", s).replace(" ", "")
    # a page number printed in the same line ("2 / 4 请务必阅读…", "…年度报告 第#页") does not make it another line
    key = re.sub(r"^(?:#/#|第#页(?:共#页)?|[-—–]?#[-—–]?)(?=\D)|(?<=\D)(?:#/#|第#页(?:共#页)?|[-—–]?#[-—–]?)$", "", key)
    if len(re.sub(r"[#\W_]", "", key)) < 2:  # nothing but digits and punctuation: left to the page-number rules
        return None
    return key


def find_furniture(page_texts: list[str], page_starts: list[int]) -> list[tuple[int, int]]:
    """Spans (start, end) in the joined text of running headers/footers and page numbers.

    A line among the first or last `_EDGE_LINES` lines of a page is furniture when the same line (digits
    normalised) stands at that edge of several pages (at least 2, and at least 3 in a PDF of more than 4 pages)
    and seldom inside a page (a note repeated through the body, such as a unit note, is content), or when it is a page number (`12`, `- 12 -`, `第 3 页`, `3 / 22`, `Page 3`). A bare number is taken for a page
    number only as the first or last line of the page and when it is not larger than the page's position + 2.
    """
    n = len(page_texts)
    min_repeat = 2 if n <= 4 else 3
    # per page: (start, end, [(edge, rank)]) for the lines near an edge; rank 0 = the outermost line
    edges: list[list[tuple[int, int, list[tuple[str, int]]]]] = []
    counts: dict[tuple[str, str], int] = {}
    middle: dict[str, int] = {}  # how often a line stands inside pages: then it is content (a repeated note)
    for text in page_texts:
        nonblank = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
        m = len(nonblank)
        picked = []
        for j, (s, e) in enumerate(nonblank):
            where = ([("top", j)] if j < _EDGE_LINES else []) + ([("bottom", m - 1 - j)] if j >= m - _EDGE_LINES else [])
            if where:
                picked.append((s, e, where))
        edges.append(picked)
        edge_starts = {s for s, _, _ in picked}
        for s, e in nonblank:
            if s not in edge_starts:
                key = _furniture_key(text[s:e])
                if key is not None:
                    middle[key] = middle.get(key, 0) + 1
        seen: set[tuple[str, str]] = set()
        for s, e, where in picked:
            key = _furniture_key(text[s:e])
            for edge, _ in where:
                if key is not None and (edge, key) not in seen:
                    seen.add((edge, key))
                    counts[(edge, key)] = counts.get((edge, key), 0) + 1
    spans: list[tuple[int, int]] = []
    for p, picked in enumerate(edges):
        text = page_texts[p]
        for s, e, where in picked:
            line = text[s:e]
            key = _furniture_key(line)
            is_furniture = key is not None and any(
                (c := counts.get((edge, key), 0)) >= min_repeat and middle.get(key, 0) < max(2, 0.25 * c)
                for edge, _ in where)
            if not is_furniture:
                num = _page_number(line)
                if num is not None:
                    bare = _PAGE_NUMBER[0].match(line.strip()) is not None
                    outermost = any(rank == 0 for _, rank in where)
                    is_furniture = not bare or (outermost and 0 <= num <= p + 3)
            if is_furniture:
                # trim surrounding spaces so the span covers the visible text only
                ls = s + (len(line) - len(line.lstrip()))
                le = e - (len(line) - len(line.rstrip()))
                spans.append((page_starts[p] + ls, page_starts[p] + le))
    return sorted(set(spans))


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# ---------------------------------------------------------------------------------------------- broken lines

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
# Characters that may follow a number as its unit or scale, so a break between them splits the figure.
_UNIT_START = re.compile(r"^[%％‰万亿千百元倍个家台人股年月日美港欧英吨米亩]")
# A line that opens a heading or a list item: a line break before it is kept.
_HEADING_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+(?:\.\d+)*[、.．]\D|[①②③④⑤⑥⑦⑧⑨⑩]|[□√■●◆▪•\-–—*]|注\s*\d*\s*[:：])")
# Characters that end a sentence or an item: a line ending with them is not broken.
_FINAL = set("。！？!?；;：:…」』】）)”\"")
# Characters after which a line is unfinished (besides CJK ideographs).
_OPEN_END = set("，,、（(“《‘—")
_TABLE_NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?%?(?![\w.])")


def _width(s: str) -> int:
    """Display width: CJK and full-width characters count 2, others 1."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


_CJK_GAP = re.compile(f"[{_CJK}）)]\\s+[{_CJK}（(]")
# A line that starts a note rather than continuing a sentence: 单位：万元, 编制单位：, 资料来源：, 注：
_NOTE_START = re.compile(r"^\s*(?:(?:金额|编制|数量)?单位\s*[:：]|(?:资料|数据)来源\s*[:：]|注\s*\d*\s*[:：])")


def _is_table_row(line: str) -> bool:
    """Two or more whitespace-separated numbers, or two or more gaps between CJK words (Chinese prose has no
    spaces between CJK characters, table cells set side by side do)."""
    tokens = line.split()
    numbers = sum(1 for t in tokens if _TABLE_NUMBER.fullmatch(t.strip("()（）")))
    return numbers >= 2 or len(_CJK_GAP.findall(line)) >= 2


def broken_line_breaks(text: str, furniture: Iterable[tuple[int, int]] | None = None,
                       *, full_width: float = 0.8) -> list[int]:
    """Offsets of the "\\n" characters of `text` that the page layout put inside a sentence or a figure.

    Conservative: a break is reported only
      * inside a figure: a digit (or a decimal point / thousands separator) before it and a unit, scale word or
        digit continuing the figure after it (`15.6\\n%`, `7.6\\n万`, `4,755,\\n785`); or
      * inside a sentence: the line before ends with a CJK character or an unfinished-phrase mark (，、《…),
        is as wide as a full line of body text (`full_width` x the 90th-percentile width of the document's
        lines), is not a table row (2+ separate numbers, or cells of CJK text separated by spaces) and is not a
        heading; and the next line starts with a CJK character, an opening quote/bracket or a number, is not
        a lone number, and is neither a heading, a list item, a unit/source note nor a table row.
    Lines inside `furniture` spans are skipped: a sentence running from one page to the next reports every
    "\\n" between its two halves.
    """
    furn = sorted(furniture or [])
    spans = _line_spans(text)
    content: list[tuple[int, int]] = []
    fi = 0
    for s, e in spans:
        line = text[s:e]
        if not line.strip():
            continue
        while fi < len(furn) and furn[fi][1] < s:
            fi += 1
        if fi < len(furn) and furn[fi][0] <= s + (len(line) - len(line.lstrip())) and furn[fi][1] >= e - (
                len(line) - len(line.rstrip())):
            continue
        content.append((s, e))
    widths = [_width(text[s:e].strip()) for s, e in content]
    wide = sorted(w for w in widths if w >= 10)
    ref = wide[int(0.9 * (len(wide) - 1))] if wide else 0
    out: list[int] = []
    for k in range(len(content) - 1):
        s1, e1 = content[k]
        s2, e2 = content[k + 1]
        prev = text[s1:e1].rstrip()
        nxt = text[s2:e2].lstrip()
        between = text[e1:s2]
        if not prev or not nxt or between.count("\n") < 1:
            continue
        if _joins_figure(prev, nxt) or _joins_sentence(prev, nxt, widths[k], ref, full_width):
            out.extend(e1 + i for i, ch in enumerate(between) if ch == "\n")
    return out


def analysis_joins(doc: Document) -> list[int]:
    """The line breaks of a Document that its sentence splitter should drop: broken_line_breaks over its text,
    skipping its page furniture."""
    return broken_line_breaks(doc.text, doc.furniture)


def _joins_figure(prev: str, nxt: str) -> bool:
    a, b = prev[-1], nxt[0]
    # a lone number or a lone unit is a chart label or a table cell, not half of a figure in a sentence
    if _TABLE_NUMBER.fullmatch(prev.strip()) or len(nxt.strip()) < 2:
        return False
    if a.isdigit() and _UNIT_START.match(nxt):
        # "15.6\n%": the line must not be a table row ending in a number followed by a row starting with 年/月
        return not _is_table_row(prev) or b in "%％‰"
    if a in ".," and len(prev) >= 2 and prev[-2].isdigit() and b.isdigit():
        return True
    return False


def _joins_sentence(prev: str, nxt: str, width: int, ref: int, full_width: float) -> bool:
    a, b = prev[-1], nxt[0]
    if a in _FINAL or not (_IS_CJK.match(a) or a in _OPEN_END):
        return False
    if not (_IS_CJK.match(b) or b in "“《（(‘" or b.isdigit()):
        return False
    if _HEADING_START.match(nxt) or _NOTE_START.match(nxt) or _is_table_row(prev) or _is_table_row(nxt):
        return False
    if b.isdigit() and _TABLE_NUMBER.fullmatch(nxt.strip()):
        return False
    if width < 20 or width < full_width * ref:
        return False
    return True


# ---------------------------------------------------------------------------------------------- tables


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = load("zh/tables.yaml")
    import regex

    rules = dict(rules)
    rules["_unit_note"] = regex.compile(rules["unit_note"])
    rules["_currency_note"] = regex.compile(rules["currency_note"])
    rules["_year_header"] = regex.compile(rules["year_header"])
    words = []
    for kind, ws in rules["periods"].items():
        words.extend((w, kind) for w in ws)
    words.sort(key=lambda x: -len(x[0]))
    rules["_period_words"] = dict(words)
    rules["_period_re"] = regex.compile("|".join(regex.escape(w) for w, _ in words))
    return rules


def _find_unit_note(above_nearest_first: list[str], inside: list[str]) -> str:
    rules = _rules()
    limit = int(rules.get("unit_note_max_lines", 4))
    for line in above_nearest_first[:limit] + inside[:2]:
        m = rules["_unit_note"].search(line)
        if m:
            unit = re.sub(r"\s+", "", m.group("unit"))
            cur = rules["_currency_note"].search(line)
            if cur and unit.endswith("元") and not unit.startswith(("人民币", "美元", "港元", "港币", "欧元", "日元", "英镑")):
                currency = cur.group("currency")
                if currency not in ("人民币",):
                    unit = unit[:-1] + currency  # 千元 + 币种：美元 -> 千美元
            return unit
    return ""


_NUMERIC_CELL = re.compile(r"^[-+−]?[(（]?[-+−]?\d[\d,，]*(?:\.\d+)?\s*[%％‰]?[)）]?$")
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}\s*(?:年度?|年末|[AEFP])?$")


def is_numeric_cell(cell: str | None) -> bool:
    """A cell that holds one figure: `4,755,785.11`, `-16.55%`, `(1,234)`."""
    return bool(cell) and _NUMERIC_CELL.match(cell.strip()) is not None


def _is_header_row(row: list[str | None]) -> bool:
    cells = [c for c in row if c and c.strip()]
    return bool(cells) and not any(is_numeric_cell(c) and not _YEAR_CELL.match(c.strip()) for c in cells)


def _count_header_rows(rows: list[list[str | None]]) -> int:
    n = 0
    for row in rows:
        if not any(c and c.strip() for c in row):
            n += 1  # an empty row inside the header block (merged or spacer cells) does not end it
            continue
        if not _is_header_row(row):
            break
        n += 1
    # a table made only of text rows has its first row as header
    if n == len(rows):
        return min(1, len(rows))
    return n


def _assemble_tables(pages: list[dict], page_starts: list[int], texts: list[str],
                     numbers: list[int] | None = None) -> list[TableData]:
    """TableData for the raw tables of consecutive pages; `numbers`: their 1-based page numbers (default 1..n)."""
    out: list[TableData] = []
    prev_last: TableData | None = None
    prev_raw: dict | None = None
    for p, page in enumerate(pages):
        page_tables: list[TableData] = []
        for i, raw in enumerate(page["tables"]):
            t = TableData(page=numbers[p] if numbers else p + 1, index=i + 1, rows=raw["rows"], unit_note=raw["unit_note"],
                          bbox=raw["bbox"])
            t.header_rows = _count_header_rows(t.rows)
            if i == 0 and prev_last is not None and prev_raw is not None and _continues(prev_last, prev_raw, t, raw):
                t.continued = True
                if not _is_header_row(t.rows[0]):  # a header row repeated on the new page is kept as it is
                    t.header_rows = 0
                    t.inherited_header = _header_of(prev_last)
                if not t.unit_note:
                    t.unit_note = prev_last.unit_note
            page_tables.append(t)
        _locate_cells(page_tables, texts[p], page_starts[p])
        out.extend(page_tables)
        if page_tables:
            prev_last, prev_raw = page_tables[-1], page["tables"][-1]
        else:
            prev_last = prev_raw = None
    return out


def _header_of(t: TableData) -> list[list[str | None]]:
    return t.inherited_header + t.rows[:t.header_rows]


def _continues(prev: TableData, prev_raw: dict, t: TableData, raw: dict) -> bool:
    """The first table of a page continues the last table of the previous page when it stands at the top of
    its page (at most 2 lines of text above it: running header, page number), has the same number of columns,
    starts without a header row, and the previous table ran to the bottom of its page (at most 2 lines below)."""
    if raw["lines_above"] > 2 or prev_raw["lines_below"] > 2:
        return False
    if t.n_cols != prev.n_cols or not t.rows:
        return False
    return not _is_header_row(t.rows[0]) or _header_of(prev) == [t.rows[0]]


def _locate_cells(tables: list[TableData], page_text: str, offset: int) -> None:
    """Find each numeric cell in the page text, in reading order (row by row, left to right)."""
    cursor = 0
    for t in tables:
        for r, row in enumerate(t.rows):
            if r < t.header_rows:
                continue
            row_cursor = cursor
            for c, cell in enumerate(row):
                if not is_numeric_cell(cell):
                    continue
                needle = cell.strip()
                pos = _find_number(page_text, needle, row_cursor)
                if pos < 0:
                    continue
                t.spans[(r, c)] = (offset + pos, offset + pos + len(needle))
                row_cursor = pos + len(needle)
            cursor = max(cursor, row_cursor)


def _find_number(text: str, needle: str, start: int, window: int = 3000) -> int:
    pos = start
    limit = start + window
    while True:
        pos = text.find(needle, pos, limit + len(needle))
        if pos < 0:
            return -1
        before = text[pos - 1] if pos > 0 else " "
        after = text[pos + len(needle)] if pos + len(needle) < len(text) else " "
        if not (before.isdigit() or before in ".,") and not (after.isdigit() or after in ".,%％"):
            return pos
        pos += 1


def extract_tables(source: str | Path | Document | list, *, data: bytes | None = None) -> list[TableData]:
    """Tables of a PDF: from a path (or its bytes), a Document read by read_pdf, or a list of consecutive
    pdfplumber pages (cell spans then index the pages' own text joined by "\n", not a Document's)."""
    if isinstance(source, Document):
        return list(source.tables)
    if isinstance(source, list):
        pages = [_read_page(pg, True) for pg in source]
        texts = [p["text"] for p in pages]
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        return _assemble_tables(pages, starts, texts, [int(pg.page_number) for pg in source])
    return read_pdf(source, data).tables


def table_cells(table: TableData) -> list[dict]:
    """One dict per numeric cell below the header rows: page, table_index, row_header (the first non-empty
    non-numeric cell of the row), column_header (the header cells above it, joined with " / "), text, row, col,
    block, and start/end in Document.text when the cell was found there (else None)."""
    header = table.inherited_header + table.rows[:table.header_rows]
    filled = [_fill_merged(row, table.n_cols) for row in header]
    out: list[dict] = []
    for r, row in enumerate(table.rows):
        if r < table.header_rows:
            continue
        row_header = next((c for c in row if c and c.strip() and not is_numeric_cell(c)), "")
        for c, cell in enumerate(row):
            if not is_numeric_cell(cell):
                continue
            parts: list[str] = []
            for hrow in filled:
                h = hrow[c] if c < len(hrow) else None
                if h and h.strip() and (not parts or parts[-1] != h.strip()):
                    parts.append(h.strip())
            span = table.spans.get((r, c))
            out.append({
                "page": table.page, "table_index": table.index, "block": table.block,
                "row_header": row_header, "column_header": " / ".join(parts),
                "text": cell.strip(), "row": r, "col": c,
                "start": span[0] if span else None, "end": span[1] if span else None,
            })
    return out


def _fill_merged(row: list[str | None], n_cols: int) -> list[str | None]:
    """A header cell merged across columns is read once, followed by None: repeat it to the right."""
    out: list[str | None] = []
    last: str | None = None
    for c in range(n_cols):
        cell = row[c] if c < len(row) else None
        if cell is None:
            out.append(last)
        else:
            out.append(cell)
            last = cell if cell.strip() else None
    return out


def unit_multiplier(unit_note: str) -> tuple[float, str]:
    """The multiplier and canonical unit of a table's unit note: `万元` -> (1e4, "CNY"), `人民币百万元` ->
    (1e6, "CNY"), `千美元` -> (1e3, "USD"), `%` -> (1, "%"), `股` -> (1, "count"); "" -> (1, "")."""
    rules = _rules()
    s = re.sub(r"\s+", "", unit_note or "")
    if not s:
        return 1.0, ""
    if s in rules["percent_units"]:
        return 1.0, "%"
    if s in rules["permille_units"]:
        return 0.1, "%"
    currencies: dict[str, str] = rules["currencies"]
    scales: dict[str, float] = rules["scales"]
    prefix_currency = ""
    for word in sorted(currencies, key=len, reverse=True):
        if s.startswith(word) and len(s) > len(word):
            prefix_currency, s = currencies[word], s[len(word):]
            break
    mult = 1.0
    for word in sorted(scales, key=len, reverse=True):
        if s.startswith(word) and len(s) > len(word):
            mult, s = float(scales[word]), s[len(word):]
            break
    if s in currencies:
        code = currencies[s]
        # 人民币 + 元 is CNY; a currency prefix before a bare 元 decides it
        return mult, (prefix_currency if prefix_currency and s == "元" else code)
    if s in rules["count_units"]:
        return mult, "count"
    return mult, s.lower()


def table_period(column_header: str, doc_year: int | None, *, current: str | None = None) -> str:
    """The period of a table column from its header: an explicit year (`2021年` -> "2021", `2021年末` ->
    "2021-end", `2022E` -> "2022"), or a relative word resolved against the report's year: 本报告期/本期/本年
    -> "Y", 上年同期/上期 -> "Y-1", 本期末/期末 -> "Y-end", 上年末/期初 -> "(Y-1)-end". `current` overrides the
    current period (e.g. "2018-Q1" for a quarterly report). The leftmost match wins; "" when none applies."""
    rules = _rules()
    h = re.sub(r"\s+", "", column_header or "")
    if not h:
        return ""
    ym = rules["_year_header"].search(h)
    wm = rules["_period_re"].search(h)
    if ym and (not wm or ym.start() <= wm.start()):
        year = ym.group("year")
        return f"{year}-end" if ym.group("end") else year
    if not wm or doc_year is None:
        return ""
    kind = rules["_period_words"][wm.group(0)]
    if kind == "current":
        return current or str(doc_year)
    if kind == "previous":
        return str(doc_year - 1)
    if kind == "current_end":
        return f"{doc_year}-end"
    if kind == "previous_end":
        return f"{doc_year - 1}-end"
    return ""


__all__ = [
    "TableData", "read_pdf", "extract_tables", "table_cells", "table_period", "unit_multiplier",
    "broken_line_breaks", "analysis_joins", "find_furniture", "garble_share", "is_numeric_cell",
]
