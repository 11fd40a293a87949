"""A single self-contained HTML page for a person to check a run: the documents with their claims
highlighted in place, a sortable and filterable table of every claim, and the English/Chinese pairs
of the alignment, worst first.

Nothing in the page is fetched: CSS and JS are inline, and a Content-Security-Policy allows no
network and no script but the page's own. Every piece of document text is HTML-escaped, and the
data the script reads sits in a JSON block with `<`, `>` and `&` written as \\u escapes.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
from collections import Counter, defaultdict
from itertools import pairwise

import pandas as pd

from .atomic import write_bytes_atomic
from .formatting import format_value
from .models import ExtractorError

# Alignment statuses, in the order a reviewer should look at them.
STATUS_ORDER: list[str] = ["value_mismatch", "unsupported", "zh_only", "match"]
NOT_ALIGNED = "not aligned"
ALIGNMENT_COLUMNS: list[str] = ["en_claim_id", "zh_claim_id", "status", "score", "note"]
REVIEW_CLAIM_COLUMNS: list[str] = [
    "doc_id", "lang", "claim_id", "start", "end", "surface", "value", "unit", "qualifier", "role",
    "indicator", "entity", "period", "modality", "sentence",
]
# The claims table: (sort key, key shown, header). The table filters on FILTER_COLUMNS.
TABLE_COLUMNS: list[tuple[str, str, str]] = [
    ("doc_id", "doc_id", "document"), ("start", "start", "offset"), ("lang", "lang", "lang"),
    ("surface", "surface", "surface"), ("value", "value_text", "value"), ("unit", "unit", "unit"),
    ("role", "role", "role"), ("qualifier", "qualifier", "qualifier"), ("indicator", "indicator", "indicator"),
    ("entity", "entity", "entity"), ("period", "period", "period"), ("modality", "modality", "modality"),
    ("status", "status", "status"),
]
FILTER_COLUMNS: list[tuple[str, str]] = [("doc_id", "document"), ("unit", "unit"), ("role", "role"), ("status", "status")]


def render_review(claims: pd.DataFrame, texts: dict[str, str], alignment: pd.DataFrame | None = None,
                  title: str = "extractor review") -> str:
    """The review page as one HTML string. `texts[doc_id]` is the document text that the claims'
    start/end offsets index; `alignment` has the alignment record columns (ALIGNMENT_COLUMNS)."""
    missing = [c for c in REVIEW_CLAIM_COLUMNS if c not in claims.columns]
    if missing:
        raise ExtractorError(f"claims lack columns {', '.join(missing)}")
    pairs = _alignment_records(alignment)
    records = _claim_records(claims, pairs)
    by_id = {r["claim_id"]: r for r in records if r["claim_id"]}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_doc[record["doc_id"]].append(record)
    doc_ids = list(dict.fromkeys([*texts, *by_doc]))
    script = _SCRIPT
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    body = [
        f"<header><h1>{_esc(title)}</h1>{_summary_html(doc_ids, records, pairs)}</header>",
        '<nav><a href="#alignment">Alignment</a> <a href="#claims">Claims</a> <a href="#documents">Documents</a></nav>',
        _alignment_html(pairs, by_id, alignment is not None),
        _claims_table_html(records),
        '<section id="documents"><h2>Documents</h2>',
        *(_document_html(doc_id, texts.get(doc_id), by_doc.get(doc_id, [])) for doc_id in doc_ids),
        "</section>",
    ]
    data = {"claims": [{k: r[k] for k in _SCRIPT_FIELDS} for r in records]}
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head><body>",
        *body,
        f'<script type="application/json" id="review-data">{_json_for_script(data)}</script>',
        f"<script>{script}</script>",
        "</body></html>",
        "",
    ])


def write_review(path: str | os.PathLike[str], html_text: str) -> None:
    """Write the page to `path` atomically (a temp file in the same folder, then os.replace)."""
    write_bytes_atomic(path, html_text.encode("utf-8"))


# Fields of a claim record that the page's script reads.
_SCRIPT_FIELDS = ["anchor", "doc_id", "start", "lang", "surface", "value", "value_text", "unit", "role",
                  "qualifier", "indicator", "entity", "period", "modality", "status", "sentence"]


def _claim_records(claims: pd.DataFrame, pairs: list[dict]) -> list[dict]:
    """The claims as plain dicts in document order: text cells as str, numbers as float/int or None,
    the claim's worst alignment status, and the id of its anchor in the page."""
    statuses: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        for side in ("en_claim_id", "zh_claim_id"):
            if pair[side]:
                statuses[pair[side]].append(pair["status"])
    records = []
    for row in claims[REVIEW_CLAIM_COLUMNS].to_dict("records"):
        record = {c: _text(row[c]) for c in REVIEW_CLAIM_COLUMNS}
        record["start"], record["end"] = _offset(row["start"]), _offset(row["end"])
        record["value"] = _number(row["value"])
        record["value_text"] = format_value(record["value"])
        found = statuses.get(record["claim_id"])
        record["status"] = min(found, key=_status_rank) if found else NOT_ALIGNED
        records.append(record)
    doc_order = {d: i for i, d in enumerate(dict.fromkeys(r["doc_id"] for r in records))}
    records.sort(key=lambda r: (doc_order[r["doc_id"]], r["start"] is None, r["start"] or 0))
    for number, record in enumerate(records):
        record["anchor"] = f"claim-{number}"
    return records


def _alignment_records(alignment: pd.DataFrame | None) -> list[dict]:
    """Alignment rows as dicts, value_mismatch first, then unsupported, zh_only, match; surest first within one."""
    if alignment is None:
        return []
    missing = [c for c in ("en_claim_id", "zh_claim_id", "status") if c not in alignment.columns]
    if missing:
        raise ExtractorError(f"alignment lacks columns {', '.join(missing)}")
    pairs = []
    for row in alignment.to_dict("records"):
        pairs.append({
            "en_claim_id": _text(row["en_claim_id"]), "zh_claim_id": _text(row["zh_claim_id"]),
            "status": _text(row["status"]), "score": _number(row.get("score")), "note": _text(row.get("note")),
        })
    pairs.sort(key=lambda p: (_status_rank(p["status"]), -(p["score"] or 0.0)))
    return pairs


def _summary_html(doc_ids: list[str], records: list[dict], pairs: list[dict]) -> str:
    parts = [f"{len(doc_ids)} documents", f"{len(records)} claims"]
    counts = Counter(p["status"] for p in pairs)
    badges = "".join(
        f'<span class="badge" data-status="{_esc(status)}">{_esc(status)} {counts[status]}</span>'
        for status in sorted(counts, key=_status_rank)
    )
    return f'<p class="summary">{" · ".join(parts)}{" · alignment: " + badges if pairs else ""}</p>'


def _alignment_html(pairs: list[dict], by_id: dict[str, dict], given: bool) -> str:
    head = '<section id="alignment"><h2>Alignment</h2>'
    if not given:
        return head + '<p class="empty">No alignment in this run.</p></section>'
    if not pairs:
        return head + '<p class="empty">The alignment has no rows.</p></section>'
    rows = []
    for pair in pairs:
        score = "" if pair["score"] is None else f"{pair['score']:.2f}"
        rows.append(
            f'<tr class="pair" data-status="{_esc(pair["status"])}">'
            f'<td class="status">{_esc(pair["status"])}</td><td class="num">{score}</td>'
            f'<td lang="zh">{_pair_side_html(pair["zh_claim_id"], by_id)}</td>'
            f'<td lang="en">{_pair_side_html(pair["en_claim_id"], by_id)}</td>'
            f'<td class="note">{_esc(pair["note"])}</td></tr>'
        )
    return (head + '<table class="pairs"><thead><tr><th>status</th><th>score</th><th>Chinese</th>'
            f'<th>English</th><th>note</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _pair_side_html(claim_id: str, by_id: dict[str, dict]) -> str:
    """One side of a pair: the sentence with the mention marked, and the fact it states."""
    if not claim_id:
        return '<span class="empty">—</span>'
    claim = by_id.get(claim_id)
    if claim is None:
        return f'<span class="empty">claim {_esc(claim_id)} is not in the claims table</span>'
    sentence, surface = claim["sentence"], claim["surface"]
    at = sentence.find(surface) if surface else -1
    if at >= 0:
        sentence_html = (f"{_esc(sentence[:at])}<mark>{_esc(surface)}</mark>"
                         f"{_esc(sentence[at + len(surface):])}")
    else:
        sentence_html = f"{_esc(sentence)} <mark>{_esc(surface)}</mark>"
    fact = " · ".join(x for x in (f"{claim['value_text']} {claim['unit']}".strip(), claim["role"],
                                  claim["indicator"], claim["entity"], claim["period"]) if x)
    return (f'<div class="sentence">{sentence_html}</div>'
            f'<div class="fact"><a href="#{claim["anchor"]}">{_esc(claim["doc_id"])}</a> {_esc(fact)}</div>')


def _claims_table_html(records: list[dict]) -> str:
    selects = []
    for key, label in FILTER_COLUMNS:
        values = sorted({r[key] for r in records}, key=_status_rank if key == "status" else None)
        options = "".join(f'<option value="{_esc(v)}">{_esc(v) or "(none)"}</option>' for v in values)
        selects.append(f'<label>{label} <select data-filter="{key}"><option value="">all</option>{options}</select></label>')
    headers = "".join(f'<th><button type="button" data-key="{key}" data-show="{show}">{label}</button></th>'
                      for key, show, label in TABLE_COLUMNS)
    return (
        '<section id="claims"><h2>Claims</h2>'
        f'<div class="filters">{"".join(selects)} <span id="claims-count">{len(records)} claims</span></div>'
        '<noscript><p class="empty">The claims table needs JavaScript.</p></noscript>'
        f'<table id="claims-table"><thead><tr>{headers}</tr></thead><tbody></tbody></table></section>'
    )


def _document_html(doc_id: str, text: str | None, records: list[dict]) -> str:
    """A document's text, escaped, with each claim's [start, end) wrapped in a span.
    Overlapping claims split the text at every boundary; a piece covered by several claims lists them all."""
    langs = Counter(r["lang"] for r in records if r["lang"])
    lang = f' lang="{_esc(langs.most_common(1)[0][0])}"' if langs else ""
    head = f'<details open class="document"><summary><h3>{_esc(doc_id)}</h3> {len(records)} claims</summary>'
    if text is None:
        return head + '<p class="empty">The text of this document was not given.</p></details>'
    placed = [r for r in records if _fits(r, text)]
    misplaced = [r for r in records if not _fits(r, text)]
    starts_at, ends_at = defaultdict(list), defaultdict(list)
    for record in placed:
        starts_at[record["start"]].append(record)
        ends_at[record["end"]].append(record)
    boundaries = sorted({0, len(text), *starts_at, *ends_at})
    active: dict[str, dict] = {}
    pieces = []
    for begin, finish in pairwise(boundaries):
        for record in ends_at.get(begin, ()):
            del active[record["anchor"]]
        for record in starts_at.get(begin, ()):
            active[record["anchor"]] = record
            pieces.append(f'<a class="anchor" id="{record["anchor"]}"></a>')
        piece = _esc(text[begin:finish])
        if active:
            covering = list(active.values())
            tip = "\n".join(_claim_tip(r) for r in covering)
            status = min((r["status"] for r in covering), key=_status_rank)
            piece = f'<span class="claim" data-status="{_esc(status)}" title="{_esc(tip)}">{piece}</span>'
        pieces.append(piece)
    warning = ""
    if misplaced:
        items = "".join(f"<li>{_esc(r['claim_id'])}: {_esc(r['surface'])} (start {r['start']}, end {r['end']})</li>"
                        for r in misplaced)
        warning = (f'<div class="warning">{len(misplaced)} claims whose offsets do not match this text '
                   f"(text[start:end] != surface):<ul>{items}</ul></div>")
    return f'{head}{warning}<pre class="doc-text"{lang}>{"".join(pieces)}</pre></details>'


def _fits(record: dict, text: str) -> bool:
    start, end = record["start"], record["end"]
    return (start is not None and end is not None and 0 <= start < end <= len(text)
            and (not record["surface"] or text[start:end] == record["surface"]))


def _claim_tip(record: dict) -> str:
    fields = [
        ("value", f"{record['value_text']} {record['unit']}".strip()), ("role", record["role"]),
        ("indicator", record["indicator"]), ("entity", record["entity"]), ("period", record["period"]),
        ("qualifier", record["qualifier"]), ("status", record["status"]),
    ]
    return f"{record['surface']}: " + "; ".join(f"{name} {value}" for name, value in fields if value)


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _json_for_script(data: object) -> str:
    """JSON that can sit inside <script>: no '<', '>' or '&' that could end the block or start markup."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return ""
    return str(cell)


def _number(cell: object) -> float | None:
    try:
        number = float(cell)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _offset(cell: object) -> int | None:
    number = _number(cell)
    return None if number is None else int(number)


_CSS = """
:root { --mismatch: #f8d0d0; --unsupported: #fde2b8; --zh_only: #dde6f3; --match: #d6efd6; --line: #d0d0d0; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 3rem; color: #1d1d1d; }
h1 { margin: 1rem 0 0; } h2 { border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #f4f4f4; }
th button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer; padding: 0; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.filters { margin: .5rem 0; display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
#claims-count { color: #555; }
.badge { border-radius: 3px; padding: 0 .4rem; margin-right: .3rem; background: #eee; }
[data-status="value_mismatch"].badge, tr[data-status="value_mismatch"] { background: var(--mismatch); }
[data-status="unsupported"].badge, tr[data-status="unsupported"] { background: var(--unsupported); }
[data-status="zh_only"].badge, tr[data-status="zh_only"] { background: var(--zh_only); }
[data-status="match"].badge, tr[data-status="match"] { background: var(--match); }
tr.pair td.status { font-weight: 600; white-space: nowrap; }
.pairs td { width: 33%; } .pairs td.status, .pairs td.num { width: auto; } .pairs td.note { width: 20%; }
.fact { color: #444; font-size: 12px; margin-top: .2rem; }
mark { background: #ffe97a; }
.empty { color: #777; font-style: italic; }
.warning { background: #fff3cd; border: 1px solid #e0c36b; padding: .3rem .6rem; margin: .4rem 0; }
details.document { margin: 1rem 0; } details.document summary h3 { display: inline; }
pre.doc-text { white-space: pre-wrap; word-break: break-word; font: inherit; background: #fafafa;
               border: 1px solid var(--line); padding: .8rem; max-height: 70vh; overflow: auto; }
span.claim { background: #fff0a8; border-bottom: 2px solid #c9a400; cursor: help; }
span.claim[data-status="value_mismatch"] { background: var(--mismatch); border-color: #c0392b; }
span.claim[data-status="unsupported"] { background: var(--unsupported); border-color: #d68910; }
span.claim[data-status="zh_only"] { background: var(--zh_only); border-color: #4a6fa5; }
span.claim[data-status="match"] { background: var(--match); border-color: #2e8b57; }
a.anchor:target + span.claim { outline: 3px solid #1f6feb; }
"""

_SCRIPT = """
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const table = document.getElementById("claims-table");
  const body = table.tBodies[0];
  const count = document.getElementById("claims-count");
  const filters = Array.from(document.querySelectorAll("select[data-filter]"));
  const buttons = Array.from(table.tHead.querySelectorAll("button[data-key]"));
  let sortKey = null;
  let sortDir = 1;
  const blank = (x) => x === null || x === undefined || x === "";
  function compare(a, b) {
    const x = a[sortKey], y = b[sortKey];
    if (blank(x) || blank(y)) return blank(x) - blank(y);
    const order = typeof x === "number" && typeof y === "number"
      ? x - y : String(x).localeCompare(String(y), undefined, {numeric: true});
    return sortDir * order;
  }
  function render() {
    const wanted = filters.filter((s) => s.value !== "").map((s) => [s.dataset.filter, s.value]);
    const rows = data.claims.filter((c) => wanted.every(([key, value]) => c[key] === value));
    if (sortKey !== null) rows.sort(compare);
    const fragment = document.createDocumentFragment();
    for (const claim of rows) {
      const tr = document.createElement("tr");
      tr.dataset.status = claim.status;
      tr.title = claim.sentence;
      for (const button of buttons) {
        const td = tr.insertCell();
        const value = claim[button.dataset.show];
        if (button.dataset.key === "surface") {
          const link = document.createElement("a");
          link.href = "#" + claim.anchor;
          link.textContent = value;
          td.append(link);
        } else {
          td.textContent = blank(value) ? "" : String(value);
        }
        if (button.dataset.key === "value" || button.dataset.key === "start") td.className = "num";
      }
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    count.textContent = rows.length + " of " + data.claims.length + " claims";
  }
  for (const button of buttons) {
    button.addEventListener("click", () => {
      sortDir = sortKey === button.dataset.key ? -sortDir : 1;
      sortKey = button.dataset.key;
      for (const other of buttons) other.parentElement.removeAttribute("aria-sort");
      button.parentElement.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    });
  }
  for (const select of filters) select.addEventListener("change", render);
  render();
})();
"""
