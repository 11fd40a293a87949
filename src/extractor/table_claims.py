"""Claims from PDF tables: each numeric cell with its row header as indicator, its column header as period
(or as part of the indicator when the column names a measure), and the table's unit note applied to it."""
from __future__ import annotations

from functools import lru_cache

import regex

from . import patterns
from .models import Claim, Document
from .numerals import parse_arabic
from .pdf import table_cells, table_period, unit_multiplier

# A unit written in a header: 营业收入（元）, 总资产（万元）.
_HEADER_UNIT = regex.compile(r"[（(]\s*(?P<unit>[^（）()/]{1,8})\s*[)）]\s*$")
_NUMBER = regex.compile(r"^(?P<neg>[-−–(（])?\s*(?P<num>[0-9][0-9,，]*(?:\.[0-9]+)?)\s*[)）]?\s*(?P<pct>[%％])?$")


@lru_cache(maxsize=1)
def _header_rules() -> dict:
    table = patterns.load("zh/tables.yaml")
    headers = table.get("column_roles", {})
    return {role: regex.compile("|".join(regex.escape(w) for w in words), regex.IGNORECASE)
            for role, words in headers.items()}


def _role(column_header: str, unit: str, row_header: str = "") -> str:
    rules = _header_rules()
    for role in ("cagr", "share", "growth_rate", "change"):
        if role in rules and (rules[role].search(column_header) or rules[role].search(row_header)):
            if role == "growth_rate" and unit != "%":
                return "change"
            return role
    return "level"


def _header_unit(header: str) -> tuple[float, str] | None:
    m = _HEADER_UNIT.search(header or "")
    if not m:
        return None
    factor, unit = unit_multiplier(m.group("unit"))
    return (factor, unit) if unit else None


def table_claims(doc: Document, doc_year: int | None, default_entity: str) -> list[Claim]:
    """One claim per numeric table cell that could be located in the document text."""
    claims: list[Claim] = []
    rules = _header_rules()
    for table in doc.tables:
        multiplier, note_unit = unit_multiplier(table.unit_note)
        measure_of_row: dict[int, str] = {}  # the row a growth row (同比, YoY) refers to: the last measure row
        last_measure = ""
        for cell in table_cells(table):
            row_header = cell["row_header"].strip()
            if cell["row"] not in measure_of_row:
                is_growth_row = any(rules[r].search(row_header) for r in ("growth_rate", "cagr") if r in rules)
                measure_of_row[cell["row"]] = last_measure if is_growth_row else ""
                if not is_growth_row:
                    last_measure = row_header
            if cell["start"] is None:
                continue  # a cell not found in the page text cannot honour text[start:end] == surface
            m = _NUMBER.match(cell["text"].strip())
            if not m:
                continue
            number = parse_arabic(m.group("num").replace("，", ","))
            if number is None:
                continue
            if m.group("neg"):
                number = -number
            header = cell["column_header"]
            is_percent = bool(m.group("pct")) or bool(regex.search(r"[%％]", header)) or note_unit == "%"
            unit_multiplier_, unit = multiplier, note_unit
            if not is_percent and not note_unit:
                unit_multiplier_, unit = _header_unit(cell["row_header"]) or _header_unit(header) or (1.0, "")
            unit = "%" if is_percent else unit
            value = number if is_percent else number * unit_multiplier_
            period = table_period(header, doc_year) or (str(doc_year) if doc_year else "")
            names_measure = not table_period(header, doc_year) and header
            indicator = row_header
            if measure_of_row[cell["row"]]:
                indicator = f"{measure_of_row[cell['row']]} {row_header}"
            if names_measure:
                indicator = f"{indicator}：{header}" if indicator else header
            start, end = cell["start"], cell["end"]
            row_text = " | ".join(c.strip() for c in table.rows[cell["row"]] if c and c.strip())
            claims.append(Claim(
                doc_id=doc.doc_id, lang="zh", claim_id=f"{doc.doc_id}:{start}", start=start, end=end,
                surface=doc.text[start:end], value=value, unit=unit,
                unit_surface=(cell["text"][-1] if is_percent and m.group("pct") else table.unit_note),
                value_low=value, value_high=value, qualifier="exact", role=_role(header, unit, row_header),
                indicator=indicator, indicator_en="", entity=default_entity, period=period,
                modality="estimate" if regex.search(r"(?:19|20)\d{2}\s*[EF]\b", header) else "actual",
                sentence=row_text, section="", page=cell["page"], block=cell["block"],
            ))
    return claims
