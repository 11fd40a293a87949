"""Stage 2: a document's text into paragraphs, headings and sentences, offsets kept into the original text.

Line breaks that cut a sentence (a page break in the middle of a word, `为产业\n\n发展`, or a PDF line that
ends inside a figure, `15.6\n%`) are dropped from the analysis text; every character of the analysis text
keeps the offset it has in the document, so spans map back exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import patterns
from .models import Document, Sentence
from .quantities import detect_lang


@dataclass
class _Line:
    start: int
    end: int          # exclusive, without the newline
    text: str


@lru_cache(maxsize=1)
def _rules() -> dict:
    table = patterns.load("zh/structure.yaml")
    return {
        "terminal": set(table["paragraph_end"]),
        "heading_levels": [regex.compile(p) for p in table["heading_levels"]],
        "heading_max_len": table["heading_max_len"],
        "zh_sentence_end": regex.compile(table["zh_sentence_end"]),
        "en_sentence_end": regex.compile(table["en_sentence_end"]),
        "en_bullet": regex.compile(table["en_bullet"]),
    }


def heading_level(line: str) -> int | None:
    """1, 2, 3 for numbered headings (一、 （一） 1.), 0 for another short title line, None for body text."""
    rules = _rules()
    stripped = line.strip()
    if not stripped:
        return None
    for level, pattern in enumerate(rules["heading_levels"], start=1):
        if pattern.match(stripped) and len(stripped) <= rules["heading_max_len"] * 2:
            return level
    # A title line is short and has no clause punctuation: 为产业 at the end of a cut sentence is not one.
    if len(stripped) <= rules["heading_max_len"] and not regex.search(r"[，。；,;]", stripped) \
            and stripped[-1] not in rules["terminal"]:
        return 0
    return None


def _lines(text: str, furniture: list[tuple[int, int]]) -> list[_Line]:
    lines = []
    pos = 0
    skip = sorted(furniture)
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if raw.strip() and not any(a <= start and end <= b for a, b in skip):
            lines.append(_Line(start, end, raw))
    return lines


def _continues(prev: _Line, nxt: _Line, joins: set[int] | None) -> bool:
    """Whether the break between two lines cuts a sentence (so the lines are one paragraph). For a PDF the
    reader's layout analysis decides (`joins`: the line breaks that cut a sentence or a figure)."""
    if joins is not None:
        return prev.end in joins
    rules = _rules()
    tail = prev.text.rstrip()
    if not tail or tail[-1] in rules["terminal"]:
        return False
    if heading_level(prev.text) is not None or heading_level(nxt.text) not in (None, 0):
        return False
    # A line break, even with blank lines (a page break in a .txt export), splits a paragraph only when the
    # text before it ended.
    return True


def _paragraphs(doc: Document) -> list[list[_Line]]:
    lines = _lines(doc.text, doc.furniture)
    joins = None
    if doc.page_starts is not None:
        from .pdf import analysis_joins

        joins = set(analysis_joins(doc))
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs:
            prev = paragraphs[-1][-1]
            if _continues(prev, line, joins):
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    return paragraphs


def _analysis_text(lines: list[_Line]) -> tuple[str, list[int]]:
    """Join a paragraph's lines; a space stands for the break between two Latin words."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, line in enumerate(lines):
        text = line.text.rstrip("\r") if i == len(lines) - 1 else line.text.rstrip("\r ")
        if i and chars and chars[-1].isascii() and chars[-1].isalpha() and text[:1].isascii() and text[:1].isalpha():
            chars.append(" ")
            offsets.append(lines[i - 1].end)
        lead = len(text) - len(text.lstrip()) if i else 0
        chars.extend(text[lead:])
        offsets.extend(range(line.start + lead, line.start + len(text)))
    return "".join(chars), offsets


def _split_points(text: str, lang: str) -> list[int]:
    """End offsets (exclusive) of the sentences of a paragraph's analysis text."""
    rules = _rules()
    ends = set()
    pattern = rules["zh_sentence_end"] if lang == "zh" else rules["en_sentence_end"]
    for m in pattern.finditer(text):
        ends.add(m.end())
    if lang == "en":
        for m in rules["en_bullet"].finditer(text):
            ends.add(m.start())
    ends.add(len(text))
    return sorted(e for e in ends if 0 < e <= len(text))


def split_sentences(doc: Document) -> list[Sentence]:
    """The sentences of a document, in order, each with its section path and paragraph index."""
    sentences: list[Sentence] = []
    section: list[str] = []
    for index, para in enumerate(_paragraphs(doc)):
        text, offsets = _analysis_text(para)
        if len(para) == 1:
            level = heading_level(text)
            if level:
                section = section[: level - 1] + [text.strip()]
        lang = detect_lang(text)
        begin = 0
        for end in _split_points(text, lang):
            piece = text[begin:end]
            # English bullets (` - `) leave their dash at the start of the next piece.
            lead = len(piece) - len(piece.lstrip(" \t-–" if lang == "en" else " \t"))
            trail = len(piece) - len(piece.rstrip())
            if piece.strip():
                s, e = begin + lead, end - trail
                sentence_text = text[s:e]
                sentences.append(Sentence(
                    start=offsets[s], end=offsets[e - 1] + 1, text=sentence_text, offsets=offsets[s:e],
                    lang=detect_lang(sentence_text), section=" > ".join(p for p in section if p),
                    paragraph=index,
                ))
            begin = end
    return sentences
