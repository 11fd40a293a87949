"""Reading English claims: filters, role, indicator, period, modality and entity.

English is tokenized with spaCy (a blank pipeline: no trained model is needed). The indicator is the counted
thing after a figure (6,000 AI companies) or the subject before the verb that introduces it (the smart
computing power reached 1,590 EFLOPS).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import patterns
from .patterns import alternation as _alt
from .claims import Draft, DocContext, looks_like_identifier, section_year
from .models import Quantity, Sentence

DEFAULT_ENTITY: str = patterns.load("en/cues.yaml")["default_entity"]


@dataclass(frozen=True)
class _Rules:
    growth_cue: regex.Pattern
    down: frozenset
    cagr: regex.Pattern
    share: regex.Pattern
    rank: regex.Pattern
    period_patterns: list
    estimate: regex.Pattern
    target: regex.Pattern
    world: regex.Pattern
    stop_after: frozenset
    verbs_before: frozenset
    subject_boundaries: frozenset
    enumeration_adjectives: frozenset
    determiners: frozenset
    change_after: regex.Pattern
    change_after_down: frozenset
    share_after: regex.Pattern


@lru_cache(maxsize=1)
def rules() -> _Rules:
    cues = patterns.load("en/cues.yaml")
    words = patterns.load("en/indicator.yaml")
    filler = _alt(cues["growth_filler"])
    period_patterns = []
    for kind in ("period_end", "period_quarters", "period_span", "period_target", "period_year"):
        period_patterns.extend((kind, regex.compile(p, regex.IGNORECASE)) for p in cues[kind])
    return _Rules(
        growth_cue=regex.compile(
            rf"\b(?P<cue>{_alt(cues['growth_up'] + cues['growth_down'])})\b(?:\s+(?:{filler})\b)*\s*"
            rf"(?P<to>\bto\b)?\s*$", regex.IGNORECASE),
        down=frozenset(cues["growth_down"]),
        cagr=regex.compile(rf"\b(?:{_alt(cues['cagr'])})\b", regex.IGNORECASE),
        share=regex.compile(rf"(?:{_alt(cues['share'])})", regex.IGNORECASE),
        rank=regex.compile(rf"\b(?:{_alt(cues['rank_words'])})\b", regex.IGNORECASE),
        period_patterns=period_patterns,
        estimate=regex.compile(rf"\b(?:{_alt(cues['modality_estimate'])})\b", regex.IGNORECASE),
        target=regex.compile(rf"\b(?:{_alt(cues['modality_target'])})\b", regex.IGNORECASE),
        world=regex.compile(rf"\b(?:{_alt(cues['world_words'])})\b", regex.IGNORECASE),
        stop_after=frozenset(words["stop_after"]),
        verbs_before=frozenset(words["verbs_before"]),
        subject_boundaries=frozenset(words["subject_boundaries"]),
        enumeration_adjectives=frozenset(words["enumeration_adjectives"]),
        determiners=frozenset(words["determiners"]),
        change_after=regex.compile(cues["change_after"], regex.IGNORECASE),
        change_after_down=frozenset(cues["change_after_down"]),
        share_after=regex.compile(cues["share_after"], regex.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.blank("en")


def tokens(text: str) -> list[str]:
    """spaCy tokens of an English text."""
    return [t.text for t in _nlp().make_doc(text)]


def is_claim(q: Quantity, text: str) -> bool:
    if q.kind in ("date", "year", "vague") or q.value is None:
        return False
    before, after = text[max(0, q.start - 160):q.start], text[q.end:q.end + 80]
    if q.kind == "ordinal":
        return bool(rules().rank.search(text[max(0, q.start - 20):q.end + 25]))
    if before.rstrip().endswith("[") and after.lstrip().startswith("]"):
        return False  # citation markers [2][10]
    if not q.unit and regex.match(r"-[A-Za-z]", after):
        return False  # a number glued to a word by a hyphen names something (COVID-19, G-20 style)
    if q.kind == "fraction" and len(q.surface.split()) == 1 and "-" not in q.surface \
            and q.surface.lower() not in ("half",) and not regex.search(r"[0-9]", q.surface):
        return False  # `Third Session`, `the sixth year`: an ordinal word, not a fraction
    if not regex.search(r"[0-9]", q.surface) and q.kind == "number" and q.unit in ("", "count") \
            and q.value is not None and abs(q.value) < 10:
        return False  # `one of`, `two sides`, `three tasks`: small counts spelled out are wording, not statistics
    nxt = tokens(after.strip())[:2]
    if (not q.unit and q.surface.strip().isalpha() and nxt
            and nxt[0].lower() in rules().enumeration_adjectives):
        return False  # six key sectors: a label of an enumerated list
    return True


def _time_expressions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, period, kind) of each time expression of a sentence, read once per sentence."""
    found: list[tuple[int, int, str, str]] = []
    for kind, pattern in rules().period_patterns:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), _format(kind, m), kind))
    return found


def _period(text: str, pos: int, times: list[tuple[int, int, str, str]], ctx: DocContext,
            default_year: int | None) -> tuple[str, bool]:
    """The time expression nearest the figure, preferring one in the same clause (no comma between)."""
    best: tuple[tuple[bool, int], str, str] | None = None
    for start, end, value, kind in times:
        if kind == "period_target" and ctx.doc_year and int(value) <= ctx.doc_year:
            kind = "period_year"  # `By 2025, … reached` looks back, not forward
        between = text[min(end, pos):max(start, pos)]
        rank = (bool(regex.search(r"[,;]", between)), abs(start - pos))
        if best is None or rank < best[0]:
            best = (rank, value, kind)
    if best is None:
        return (str(default_year) if default_year else ""), False
    return best[1], best[2] == "period_target"


_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _format(kind: str, m: regex.Match) -> str:
    g = m.groupdict()
    if kind == "period_end":
        return f"{g['y']}-end"
    if kind == "period_quarters":
        text = m.group().lower()
        if "three quarters" in text:
            return f"{g['y']}-Q1..Q3"
        if "half" in text:
            return f"{g['y']}-Q1..Q2"
        return f"{g['y']}-Q{_Q[g['q'].lower()]}"
    if kind == "period_span":
        return f"{g['y1']}..{g['y2']}"
    return g["y"]


def observe_sentence(sentence: Sentence, ctx: DocContext) -> None:
    """English periods are read per sentence; nothing carries over."""


def read_sentence(sentence: Sentence, found: list[Quantity], ctx: DocContext) -> list[Draft]:
    text = sentence.text
    r = rules()
    drafts: list[Draft] = []
    previous: Quantity | None = None
    list_start = 0
    times = _time_expressions(text)
    for q in found:
        if not is_claim(q, text) or _in_time_expression(q, times) or looks_like_identifier(q):
            continue
        q = _with_count_unit(q, text)
        if q.kind == "number" and not q.unit:
            continue  # a figure that neither has a unit nor counts a noun states nothing checkable
        in_list = previous is not None and previous.unit == q.unit and bool(
            regex.fullmatch(r"\s*(?:,|and|, and|or)\s*", text[previous.end:q.start]))
        list_start = list_start if in_list else len(drafts)
        previous = q
        if in_list:
            first = drafts[list_start]
            role, sign = first.role, first.value_sign
            position = len(drafts) - list_start
            indicator = _list_indicator(drafts, list_start, position)
            drafts.append(Draft(quantity=q, role=role, indicator=indicator, indicator_en=indicator,
                                entity=first.entity, period=first.period, modality=first.modality,
                                value_sign=sign))
            continue
        role, sign = _role(q, text, drafts[-1].quantity.end if drafts else 0)
        period, is_target = _period(text, q.start, times, ctx, section_year(sentence.section) or ctx.doc_year)
        modality = "actual"
        clause_start, clause_end = _clause(text, q)
        clause = text[clause_start:clause_end]
        if r.estimate.search(text[clause_start:q.start]):
            modality = "estimate"  # `expected to reach 100 billion yuan by 2030`: the forecast word decides
        elif is_target or r.target.search(clause):
            modality = "target"
        elif r.estimate.search(clause):
            modality = "estimate"
        indicator = _indicator(q, text, drafts)
        entity = "global" if r.world.search(clause[-30:]) and role != "share" else DEFAULT_ENTITY
        if q.kind == "ordinal":
            q = Quantity(q.start, q.end, q.surface, q.number, q.number, "count", q.surface, q.number, q.number,
                         "exact", "ordinal")
            role = "rank"
        drafts.append(Draft(quantity=q, role=role, indicator=indicator, indicator_en=indicator, entity=entity,
                            period=period, modality=modality,
                            value_sign=sign if role in ("growth_rate", "change") else 1.0))
    return drafts


def _list_indicator(drafts: list[Draft], list_start: int, position: int) -> str:
    """`17,175 yuan and 5,153 yuan, up 9.8% and 8.5%`: when a list inherited its subject from the claims
    before it, its n-th figure belongs to the n-th of the last run of same-unit level claims; otherwise all
    figures of a list share the first one's indicator."""
    first = drafts[list_start]
    earlier = [d for d in drafts[:list_start] if d.role == "level"]
    if not earlier or first.indicator != earlier[-1].indicator:
        return first.indicator
    start = len(earlier) - 1
    while start > 0 and earlier[start - 1].quantity.unit == earlier[-1].quantity.unit:
        start -= 1
    run = earlier[start:]
    if len(run) < 2 or len(run) <= position:
        return first.indicator
    first.indicator = first.indicator_en = run[0].indicator
    return run[position].indicator


def _clause(text: str, q: Quantity) -> tuple[int, int]:
    """The span of the clause a figure stands in: from the comma or semicolon before it to the one after it."""
    lo, hi = max(0, q.start - 160), min(len(text), q.end + 160)  # bounded: linear time on huge sentences
    start = max(text.rfind(",", lo, q.start), text.rfind(";", lo, q.start), lo - 1) + 1
    ends = [i for i in (text.find(",", q.end, hi), text.find(";", q.end, hi)) if i >= 0]
    return start, (min(ends) if ends else hi)


def _in_time_expression(q: Quantity, times: list[tuple[int, int, str, str]]) -> bool:
    """`the first three quarters of 2025`: a figure inside a period expression is part of the date."""
    return any(start < q.end and q.start < end and kind in ("period_quarters", "period_end", "period_span")
               for start, end, _, kind in times)


def _with_count_unit(q: Quantity, text: str) -> Quantity:
    """A bare figure before a noun counts that noun: 6,000 AI companies -> count, unit_surface 'companies'."""
    if q.unit or q.kind != "number":
        return q
    noun = _noun_after(text, q.end)
    if not noun:
        return q
    head = noun.split()[-1]
    return Quantity(q.start, q.end, q.surface, q.number, q.value, "count", head, q.value_low, q.value_high,
                    q.qualifier, q.kind)


def _noun_after(text: str, pos: int) -> str:
    out: list[str] = []
    for tok in tokens(text[pos:pos + 80].strip()):
        low = tok.lower()
        if not out and low in rules().determiners:
            continue
        if low in rules().stop_after or not regex.match(r"[A-Za-z]", tok) or len(out) >= 5:
            break
        if low.endswith("ing") and out and out[-1].lower().endswith("s"):
            break  # 140 companies producing humanoid robots
        out.append(tok)
    return " ".join(out)


def _subject_before(text: str, pos: int) -> str:
    """The subject phrase before the verb that introduces a figure; "" when the figure's clause has none."""
    toks = tokens(text[max(0, pos - 120):pos])
    while toks and (toks[-1].lower() in rules().verbs_before or not regex.match(r"[A-Za-z]", toks[-1])):
        if toks[-1] in (",", ";", "(", "-", "–"):
            return ""  # `GDP reached 33.5 trillion yuan, an increase of 8.7%`: the subject is the last claim's
        toks.pop()
    out: list[str] = []
    for tok in reversed(toks):
        low = tok.lower()
        if low in rules().subject_boundaries and out:
            break
        if low in rules().verbs_before and low not in rules().determiners and low != "of":
            break  # `of` joins a noun phrase inside a subject: income of urban residents
        out.append(tok)
        if len(out) >= 6:
            break
    words = list(reversed(out))
    while words and words[0].lower() in rules().determiners:
        words.pop(0)
    return " ".join(words).strip(" ,;-")


def _role(q: Quantity, text: str, previous_end: int = 0) -> tuple[str, float]:
    """Role and sign from the words between the previous figure (or 60 characters back) and this one."""
    r = rules()
    before = text[max(0, previous_end, q.start - 60):q.start]
    after = text[q.end:q.end + 30]
    cue = r.growth_cue.search(before)
    sign = -1.0 if cue and cue.group("cue").lower() in r.down else 1.0
    if q.kind == "doubling":
        return "growth_rate", 1.0
    if q.unit == "x":
        return "multiple", 1.0
    if q.unit == "pp":
        return ("change", sign) if cue and not cue.group("to") else ("level", 1.0)
    if q.unit == "%":
        if r.cagr.search(before) or r.cagr.search(after):
            return "cagr", 1.0
        if cue and not cue.group("to"):
            return "growth_rate", sign
        if r.share.search(before[-30:]) or r.share_after.match(after):
            return "share", 1.0
        return "level", 1.0
    later = r.change_after.match(after)
    if later:
        return "change", -1.0 if later.group("dir").lower() in r.change_after_down else 1.0
    if cue and not cue.group("to"):
        return "change", sign
    return "level", 1.0


_TO_GAP = regex.compile(r"\s+to\s+")


def _indicator(q: Quantity, text: str, drafts: list[Draft]) -> str:
    return _with_topic(_own_indicator(q, text, drafts), text)


def _own_indicator(q: Quantity, text: str, drafts: list[Draft]) -> str:
    if drafts and _TO_GAP.fullmatch(text, drafts[-1].quantity.end, q.start):
        return drafts[-1].indicator   # 'rose from 1.2% to 1.5%': where the same measure ended
    after = _noun_after(text, q.end)
    if q.unit == "count" and after:
        return after
    share_after = rules().share_after.match(text[q.end:q.end + 80])
    if q.unit == "%" and share_after:
        noun = _noun_after(text, q.end + share_after.end())
        if noun:
            return noun
    subject = _subject_before(text, q.start)
    if subject:
        return subject
    return drafts[-1].indicator if drafts else ""


def _with_topic(indicator: str, text: str) -> str:
    """`The humanoid robot sector is growing, with a market expected to reach …`: a bare head noun (market,
    companies) is qualified by the sentence's opening noun phrase, the topic it belongs to."""
    if not indicator or " " in indicator:
        return indicator
    topic = _opening_noun_phrase(text)
    if not topic or indicator.lower() in topic.lower().split():
        return indicator
    return f"{topic} {indicator}"


def _opening_noun_phrase(text: str) -> str:
    words: list[str] = []
    for tok in tokens(text[:120]):
        low = tok.lower()
        if not words and low in rules().determiners:
            continue
        if low in rules().stop_after or low in rules().verbs_before or not regex.match(r"[A-Za-z]", tok):
            break
        words.append(tok)
        if len(words) > 4:
            return ""  # not a short noun phrase: no topic to borrow
    return " ".join(words)
