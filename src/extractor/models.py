"""Plain data passed between the pipeline stages: read -> sentences -> quantities -> claims -> outputs."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

# The claim contract (../shared/spec/claims.md): column order of every output format.
CLAIM_COLUMNS: list[str] = [
    "doc_id", "lang", "claim_id", "start", "end", "surface", "value", "unit", "unit_surface",
    "value_low", "value_high", "qualifier", "role", "indicator", "indicator_en", "entity", "period",
    "modality", "sentence", "section", "page", "block",
]

SCHEMA_VERSION = "1.0"


class ExtractorError(Exception):
    """An input the tool refuses, with a one-line reason meant for the user."""


@dataclass
class Document:
    """A file read into text. Offsets of every later stage index `text`."""

    doc_id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    sha256: str = ""
    # PDF only: offset in `text` where each page starts (page i+1 starts at page_starts[i]).
    page_starts: list[int] | None = None
    # PDF only: tables found on the pages, see extractor.pdf.
    tables: list = field(default_factory=list)
    # Spans of `text` that are page furniture (running headers, footers, page numbers): no claims there.
    furniture: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Sentence:
    """A sentence of a document, with its analysis text mapped back to document offsets."""

    start: int              # span of the sentence in Document.text
    end: int
    text: str               # analysis text: page-break artifacts and line breaks removed
    offsets: list[int]      # offsets[i] is the Document.text offset of text[i]
    lang: str               # "zh" or "en"
    section: str = ""       # heading path, "一、… > （一）…"
    paragraph: int = 0      # index of the paragraph the sentence belongs to

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` to a span of the document text."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Quantity:
    """A number mention: the figure as written, and its value in the contract's canonical unit."""

    start: int
    end: int
    surface: str
    number: float | None            # the figure with its scale word applied, before unit conversion
    value: float | None             # in the canonical unit
    unit: str                       # canonical unit ("" when none)
    unit_surface: str = ""
    value_low: float | None = None
    value_high: float | None = None
    qualifier: str = "exact"
    kind: str = "number"            # number | percent | pp | multiple | ordinal | year | date | fraction | vague
                                    # | label (a number that names or labels: COVID-19, list item 2., a 3-1 score)

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Claim:
    """One row of the claim table (see CLAIM_COLUMNS)."""

    doc_id: str
    lang: str
    claim_id: str
    start: int
    end: int
    surface: str
    value: float | None
    unit: str
    unit_surface: str
    value_low: float | None
    value_high: float | None
    qualifier: str
    role: str
    indicator: str
    indicator_en: str
    entity: str
    period: str
    modality: str
    sentence: str
    section: str
    page: int | None = None
    block: str = "text"

    def as_dict(self) -> dict:
        return {c: getattr(self, c) for c in CLAIM_COLUMNS}
