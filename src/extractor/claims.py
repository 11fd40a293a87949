"""Stage 4: quantities to claims. Language-independent parts; the reading of context is in claims_zh/claims_en.

A *claim* is a quantity that states a fact, with what it measures (indicator), whose (entity), when
(period), how (role, qualifier) and how sure (modality). See ../shared/spec/claims.md.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from .models import Claim, Document, Quantity, Sentence
from .quantities import find_quantities
from .sentences import split_sentences


@dataclass
class Draft:
    """A claim being built: its quantity (offsets into the sentence text) and the fields read so far."""

    quantity: Quantity
    role: str = "level"
    indicator: str = ""
    indicator_en: str = ""
    entity: str = ""
    period: str = ""
    modality: str = "actual"
    value_sign: float = 1.0
    extra: dict = field(default_factory=dict)


@dataclass
class DocContext:
    """What a language reader may know of the whole document while reading one sentence."""

    doc_year: int | None
    default_entity: str
    paragraph_period: dict[int, str] = field(default_factory=dict)


_YEAR = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def section_year(section: str) -> int | None:
    """The year a section is about, when its heading names one (一、2013年工作回顾 / I. Review of Work in 2013):
    the default period of its figures. The innermost heading with a year wins."""
    for heading in reversed(section.split(" > ")):
        years = _YEAR.findall(heading)
        if len(years) == 1:
            return int(years[0])
    return None


_LONG_DIGITS = regex.compile(r"[0-9]{16,}")


def looks_like_identifier(q: Quantity) -> bool:
    """A run of 16 or more digits without separators is a code or a chart's axis read as one line, not a figure."""
    return bool(_LONG_DIGITS.search(q.surface))


def document_year(text: str) -> int | None:
    """The year a report is about: the most frequent year among its first few thousand characters."""
    years = Counter(int(y) for y in _YEAR.findall(text[:8000]))
    if not years:
        return None
    top = years.most_common()
    best = max(count for _, count in top)
    # Among equally frequent years, a report about year Y usually names Y more than the years before it.
    return max(year for year, count in top if count == best)


def extract_claims(doc: Document, lang: str | None = None) -> list[Claim]:
    """All claims of a document, in text order. `lang` forces the language of every sentence."""
    from . import claims_en, claims_zh

    sentences = split_sentences(doc)
    if lang:
        for sentence in sentences:
            sentence.lang = lang
    year = document_year(doc.text)
    readers = {"zh": claims_zh, "en": claims_en}
    contexts = {code: DocContext(year, reader.DEFAULT_ENTITY) for code, reader in readers.items()}
    claims: list[Claim] = []
    table_spans: list[tuple[int, int]] = []
    if doc.tables:
        from .lexicon import translate
        from .table_claims import table_claims

        for claim in table_claims(doc, year, claims_zh.DEFAULT_ENTITY):
            claim.indicator_en = translate(claim.indicator)
            claims.append(claim)
            table_spans.append((claim.start, claim.end))
    for sentence in sentences:
        if _in_furniture(sentence, doc.furniture):
            continue
        reader, context = readers[sentence.lang], contexts[sentence.lang]
        quantities = find_quantities(sentence.text, sentence.lang)
        if not quantities:
            reader.observe_sentence(sentence, context)
            continue
        drafts = reader.read_sentence(sentence, quantities, context)
        cleaned = _WHITESPACE.sub(" ", sentence.text).strip() if drafts else ""
        for draft in drafts:
            claim = _to_claim(doc, sentence, draft, cleaned)
            if not _overlaps(claim, table_spans):  # a table's figure is read once, from the table
                claims.append(claim)
    claims.sort(key=lambda c: c.start)
    return claims


def _overlaps(claim: Claim, spans: list[tuple[int, int]]) -> bool:
    return any(a < claim.end and claim.start < b for a, b in spans)


def _in_furniture(sentence: Sentence, furniture: list[tuple[int, int]]) -> bool:
    return any(a <= sentence.start and sentence.end <= b for a, b in furniture)


def page_of(doc: Document, offset: int) -> int | None:
    """1-based page of a document offset (None for a text file)."""
    if not doc.page_starts:
        return None
    page = 0
    for i, start in enumerate(doc.page_starts):
        if start <= offset:
            page = i
        else:
            break
    return page + 1


_WHITESPACE = regex.compile(r"\s+")
# A claim quotes its sentence; a pathological "sentence" (a megabyte without punctuation) is quoted around the
# figure only, so the table stays linear in the input's size.
SENTENCE_QUOTE_MAX = 2000


def _quote(cleaned: str, sentence: Sentence, q: Quantity) -> str:
    if len(cleaned) <= SENTENCE_QUOTE_MAX:
        return cleaned
    room = SENTENCE_QUOTE_MAX - 2  # two ellipses
    left = max(0, q.start - max(0, room - (q.end - q.start)) // 2)
    right = min(len(sentence.text), left + room)
    return "…" + _WHITESPACE.sub(" ", sentence.text[left:right]).strip() + "…"


def _to_claim(doc: Document, sentence: Sentence, draft: Draft, cleaned: str) -> Claim:
    q = draft.quantity
    start, end = sentence.doc_span(q.start, q.end)
    sign = draft.value_sign
    value = None if q.value is None else sign * q.value
    low = None if q.value_low is None else sign * q.value_low
    high = None if q.value_high is None else sign * q.value_high
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Claim(
        doc_id=doc.doc_id, lang=sentence.lang, claim_id=f"{doc.doc_id}:{start}", start=start, end=end,
        surface=doc.text[start:end], value=value, unit=q.unit, unit_surface=q.unit_surface,
        value_low=low, value_high=high, qualifier=q.qualifier, role=draft.role,
        indicator=draft.indicator, indicator_en=draft.indicator_en, entity=draft.entity, period=draft.period,
        modality=draft.modality, sentence=_quote(cleaned, sentence, q), section=sentence.section,
        page=page_of(doc, start), block="text",
    )
