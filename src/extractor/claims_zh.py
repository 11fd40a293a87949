"""Reading Chinese claims: filters, role, indicator, period, modality and entity from a sentence's words.

The indicator is the noun phrase a figure measures. It ends on jieba word boundaries: either the subject
before the figure (全省新能源汽车产量预计突破80万辆) or the counted thing after it (建成 12 个超算中心).
A list of figures with 分别 takes one indicator per figure from an enumeration (机器学习、计算机视觉…分别达…)
or from the claims just made (较上年分别增加 120 家、35 家…).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import lexicon, patterns
from .patterns import alternation as _alt
from .claims import Draft, DocContext, looks_like_identifier, section_year
from .models import Quantity, Sentence

DEFAULT_ENTITY: str = patterns.load("zh/cues.yaml")["default_entity"]

_CLAUSE_DELIMS = "，；。：！？,;:!?"
# How far around a figure its context is read. Bounded so that a pathological sentence (a megabyte without
# punctuation) costs linear time, not quadratic.
_BEFORE = 160
_AFTER = 60
_CHINESE_NUMERAL_ONLY = regex.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸]")
_LIST_JOIN = regex.compile(r"\s*(?:、|和|与|及|以及)\s*")


@dataclass(frozen=True)
class _Rules:
    growth_cue: regex.Pattern
    down: frozenset
    cagr: regex.Pattern
    share: regex.Pattern
    share_verb: str
    pp_level: regex.Pattern
    rank_before: regex.Pattern
    rank_not_after: regex.Pattern
    period_patterns: list
    period_base: list
    period_now: regex.Pattern
    estimate: regex.Pattern
    target: regex.Pattern
    world_average: list
    country: regex.Pattern
    world: regex.Pattern
    enumeration_after: regex.Pattern
    class_before: regex.Pattern
    class_after: regex.Pattern
    brackets: list
    lead_strip: regex.Pattern
    tail_strip: regex.Pattern
    stop_words: frozenset
    enumeration_label: regex.Pattern
    total_cue: regex.Pattern
    clause_verbs: frozenset
    section_place: regex.Pattern
    growth_noun_after: regex.Pattern
    cagr_noun_after: regex.Pattern
    qualified_share: list
    duration_before: regex.Pattern
    duration_after: regex.Pattern


@lru_cache(maxsize=1)
def rules() -> _Rules:
    cues = patterns.load("zh/cues.yaml")
    filters = patterns.load("zh/filters.yaml")
    words = patterns.load("zh/indicator.yaml")
    growth_words = cues["growth_up"] + cues["growth_down"]
    filler = _alt(cues["growth_filler"])
    period_patterns = []
    for kind in ("period_end", "period_quarters", "period_months", "period_span", "period_target", "period_year"):
        period_patterns.extend((kind, regex.compile(p)) for p in cues[kind])
    return _Rules(
        # cue word, then only filler words up to the figure; `to` captures 至/到 (a new level, not a change).
        growth_cue=regex.compile(
            rf"(?P<cue>{_alt(growth_words)})(?:\s*(?:{filler}))*\s*(?P<to>{_alt(cues['to_level'])})?\s*$"),
        down=frozenset(cues["growth_down"]),
        cagr=regex.compile(_alt(cues["cagr"])),
        share=regex.compile(_alt(cues["share"])),
        share_verb=cues["share_verb"],
        pp_level=regex.compile(_alt(cues["pp_level"])),
        rank_before=regex.compile(_alt(cues["rank_before"])),
        rank_not_after=regex.compile(rf"^\s*(?:{_alt(cues['rank_not_after'])})"),
        period_patterns=period_patterns,
        period_base=[regex.compile(p) for p in cues["period_base"]],
        period_now=regex.compile(_alt(cues["period_now"])),
        estimate=regex.compile(_alt(cues["modality_estimate"])),
        target=regex.compile(_alt(cues["modality_target"])),
        world_average=[regex.compile(p) for p in cues["world_average"]],
        country=regex.compile(rf"^(?:{_alt(cues['country_words'])})"),
        world=regex.compile(rf"^(?:{_alt(cues['world_words'])})"),
        enumeration_after=regex.compile(rf"^\s*(?:{'|'.join(filters['enumeration_after'])})"),
        class_before=regex.compile(rf"(?:{_alt(filters['class_threshold_before'])})\s*$"),
        class_after=regex.compile(filters["class_threshold_after"]),
        brackets=[tuple(pair) for pair in filters["bracketed"]],
        lead_strip=regex.compile(rf"^(?:{'|'.join(words['lead_strip'])})"),
        tail_strip=regex.compile(rf"(?:{'|'.join(words['tail_strip'])})$"),
        stop_words=frozenset(words["stop_after"]),
        enumeration_label=regex.compile(words["enumeration_label"]),
        total_cue=regex.compile(_alt(words["total_cues"])),
        clause_verbs=frozenset(words["clause_verbs"]),
        section_place=regex.compile(rf"^(?:{_alt(cues['section_place_words'])})"),
        growth_noun_after=regex.compile(rf"^\s*的\s*(?:{_alt(cues['growth_nouns'])})"),
        cagr_noun_after=regex.compile(rf"^\s*的\s*(?:{_alt(cues['cagr_nouns'])})"),
        qualified_share=[(regex.compile(_alt(words_)), qualifier)
                         for qualifier, words_ in cues["qualified_share"].items()],
        duration_before=regex.compile(rf"(?:{_alt(cues['duration_before'])})\s*$"),
        duration_after=regex.compile(rf"^\s*(?:{_alt(cues['duration_after'])})"),
    )


# ---------------------------------------------------------------- filters

def is_claim(q: Quantity, text: str) -> bool:
    """Whether a quantity of a Chinese sentence states a fact (see the spec's "Not claims")."""
    r = rules()
    if q.kind in ("date", "year", "vague") or q.value is None:
        return False
    before, after = text[max(0, q.start - _BEFORE):q.start], text[q.end:q.end + _AFTER]
    if q.kind == "ordinal":
        return _is_rank(q, text)
    if (before[-1:].isascii() and before[-1:].isalpha()) or (not q.unit and after[:1].isascii() and after[:1].isalpha()):
        return False  # 5G, 5G-A, A100: a figure glued to Latin letters names a technology or product
    if before.rstrip()[-1:] == "-" and before.rstrip()[-2:-1].isalpha():
        return False
    for left, right in r.brackets:
        if before.rstrip().endswith(left) and after.lstrip().startswith(right):
            return False  # citation markers [2], document numbers 〔2025〕
    if not q.unit or looks_like_identifier(q):
        return False  # a bare number in Chinese text (三 of 三位一体, 一是) carries no measure
    if q.unit == "year" and not (r.duration_before.search(before) or r.duration_after.match(after)):
        return False  # 22年业绩: an abbreviated calendar year, not a duration
    if q.kind == "number" and _CHINESE_NUMERAL_ONLY.fullmatch(q.surface.strip()[:1]):
        # Counts written in Chinese numerals here are idioms or names: 一批, 关键一年, 三位一体;
        # a numeral that starts with its magnitude (千亿, 百亿亿次, 万卡) names a class, not an amount.
        return False
    if q.unit not in ("%", "pp") and r.class_before.search(before) and r.class_after.match(after):
        return False  # 产值超过5亿元的企业: a threshold that names a class
    return True


def _is_rank(q: Quantity, text: str) -> bool:
    r = rules()
    clause = _clause_before(text, q.start)
    return bool(r.rank_before.search(clause)) and not r.rank_not_after.match(text[q.end:q.end + _AFTER]) \
        and not text[max(0, q.start - _BEFORE):q.start].rstrip().endswith("的")


def _is_enumeration_label(q: Quantity, text: str) -> bool:
    return q.kind != "ordinal" and not q.unit and bool(rules().enumeration_after.match(text[q.end:q.end + _AFTER]))


# ---------------------------------------------------------------- helpers

def _clause_start(text: str, pos: int) -> int:
    depth = 0
    for i in range(pos - 1, max(-1, pos - 1 - _BEFORE), -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                continue
            depth -= 1
        elif ch in _CLAUSE_DELIMS and depth == 0:
            return i + 1
    return max(0, pos - _BEFORE)


def _clause_before(text: str, pos: int) -> str:
    return text[_clause_start(text, pos):pos]


def _clean(np: str) -> str:
    """Strip connectives, time and place words in front, cue words behind, until nothing changes."""
    r = rules()
    np = regex.sub(r"\s+", "", np).strip("（(“”\"'、 ")
    previous = None
    while previous != np:
        previous = np
        np = r.lead_strip.sub("", np)
        np = r.tail_strip.sub("", np)
        np = np.strip("（(“”\"'、，, ")
    if np.count("（") > np.count("）"):
        np = np[: np.rfind("（")]
    return np


_AFTER_QUALIFIER = regex.compile(r"^\s*(?:以上|以下|左右|之多)?\s*的?")
_WORD_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
_RELATIVE_CLAUSE = regex.compile(r"[^，。；、,;：:（）()]{2,20}?的")


def _noun_after(text: str, pos: int) -> str:
    """The counted thing right after a figure: 12 个[超算中心], 60%的[县城]. Ends before a verb."""
    r = rules()
    rest = _AFTER_QUALIFIER.sub("", text[pos:pos + 30])
    relative = _RELATIVE_CLAUSE.match(rest)
    if relative and lexicon.words(rest[:relative.end()])[0] in r.stop_words:
        # 122个[覆盖制造业31个大类的]垂直专用大模型: a clause that starts with a verb and ends in 的 describes
        # the counted noun after it.
        rest = rest[relative.end():]
    out = []
    for token in lexicon.words(rest):
        if token in r.stop_words or not _WORD_CHAR.match(token) or len("".join(out)) >= 14:
            break
        out.append(token)
    return "".join(out).strip()


def _ends_with_verb(np: str) -> bool:
    tokens = lexicon.words(np)
    return bool(tokens) and tokens[-1] in rules().stop_words


# ---------------------------------------------------------------- period, modality, entity

def _period_events(text: str, ctx: DocContext) -> list[tuple[int, str, str]]:
    """(position, period, kind) for each time expression of a sentence, in order."""
    r = rules()
    events = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in r.period_patterns:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            events.append((m.end(), _format_period(kind, m, text), kind))
    for m in r.period_now.finditer(text):
        if ctx.doc_year and not any(a <= m.start() < b for a, b in taken):
            events.append((m.end(), str(ctx.doc_year), "now"))
    return sorted(events)


_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _format_period(kind: str, m: regex.Match, text: str) -> str:
    g = m.groupdict()
    if kind == "period_end":
        return f"{g['y']}-end"
    if kind == "period_quarters":
        if g.get("n"):
            return f"{g['y']}-Q1..Q{_QUARTER[g['n']]}"
        if g.get("q"):
            return f"{g['y']}-Q{_QUARTER[g['q']]}"
        return f"{g['y']}-Q1..Q2" if "上半年" in m.group() else f"{g['y']}-Q3..Q4"
    if kind == "period_months":
        if g.get("m2"):
            return f"{g['y']}-{int(g['m1']):02d}..{int(g['m2']):02d}"
        return f"{g['y']}-{int(g['m1']):02d}"
    if kind == "period_span":
        return f"{g['y1']}..{g['y2']}"
    return g["y"]


def _base_year(text: str, before: int) -> str | None:
    found = None
    for pattern in rules().period_base:
        for m in pattern.finditer(text, max(0, before - _BEFORE), before):
            if found is None or m.start() > found[0]:
                found = (m.start(), m.group("y"))
    return found[1] if found else None


def _entity(clause: str, section_entity: str | None) -> str:
    r = rules()
    subject = _clean_subject_start(clause)
    if any(p.search(clause) for p in r.world_average) or r.world.match(subject):
        return "全球"
    if r.section_place.match(subject):
        return section_entity or DEFAULT_ENTITY
    place = lexicon.place_at_start(subject)
    if place:
        return place
    return section_entity or DEFAULT_ENTITY


def _clean_subject_start(clause: str) -> str:
    r = rules()
    s = regex.sub(r"\s+", "", clause)
    previous = None
    while previous != s:
        previous = s
        s = r.lead_strip.sub("", s) if not r.country.match(s) else s
        s = regex.sub(r"^\d{4}年(?:底|末)?", "", s)
    return s


# ---------------------------------------------------------------- the sentence reader

@dataclass
class _Group:
    members: list[int]          # indexes into the sentence's claim quantities
    subject: str                # the noun phrase before the first member, uncleaned
    items: list[str] | None     # an enumeration of as many items as members, if the subject has one
    tail: str = ""


def observe_sentence(sentence: Sentence, ctx: DocContext) -> None:
    """A sentence without figures still moves the paragraph's period (截至 2025 年底，…)."""
    events = _period_events(sentence.text, ctx)
    if events:
        ctx.paragraph_period[sentence.paragraph] = events[-1][1]


def read_sentence(sentence: Sentence, found: list[Quantity], ctx: DocContext) -> list[Draft]:
    text = sentence.text
    r = rules()
    quantities = [q for q in found if is_claim(q, text) and not _is_enumeration_label(q, text)]
    events = _period_events(text, ctx)
    if sentence.paragraph not in ctx.paragraph_period:
        ctx.paragraph_period.clear()
        default_year = section_year(sentence.section) or ctx.doc_year
        ctx.paragraph_period[sentence.paragraph] = str(default_year) if default_year else ""
    current = ctx.paragraph_period[sentence.paragraph]
    section_entity = lexicon.place_in(sentence.section)
    estimate_cues = [m.start() for m in r.estimate.finditer(text)]
    target_cues = [m.start() for m in r.target.finditer(text)]
    drafts: list[Draft] = []
    groups = _groups(quantities, text)
    last_enumeration: _Group | None = None
    last_list: _Group | None = None
    for group in groups:
        first = quantities[group.members[0]]
        role, sign = _role(first, text)
        period = current
        for pos, value, kind in events:
            if pos <= first.start:
                period = value
        modality = _modality(first.start, estimate_cues, target_cues, events)
        if role == "cagr":
            base = _base_year(text, first.start)
            end_year = period.split("-")[0].split("..")[-1]
            if base and end_year and base != end_year and ".." not in period:
                period = f"{base}..{end_year}"
        indicators = _indicators(group, quantities, text, drafts, last_enumeration, last_list, role)
        if group.items:
            last_enumeration = group
        if len(group.members) > 1:
            last_list = group
        entity = _entity(_clause_before(text, first.start), section_entity)
        continues = drafts and (indicators[0] == drafts[-1].indicator
                                or _clean(group.subject).startswith(r.share_verb))
        if continues and entity == (section_entity or DEFAULT_ENTITY):
            entity = drafts[-1].entity  # a clause that continues the last claim's subject keeps its entity
        for member, indicator in zip(group.members, indicators):
            q = quantities[member]
            if q.qualifier == "exact" and first.qualifier not in ("exact", "range") and member != group.members[0]:
                # 约12%、9%: a qualifier before a list applies to every figure of it.
                q = Quantity(**{**q.as_dict(), "qualifier": first.qualifier})
            member_role = role
            qualifier = _qualifier(q, text)
            if qualifier != q.qualifier:
                q = Quantity(**{**q.as_dict(), "qualifier": qualifier})
            if q.kind == "ordinal":
                member_role = "rank"
            draft = Draft(quantity=_as_rank(q) if q.kind == "ordinal" else q, role=member_role,
                          indicator=indicator, entity=entity, period=period, modality=modality,
                          value_sign=sign if member_role in ("growth_rate", "change") else 1.0)
            drafts.append(draft)
    for d in drafts:
        d.indicator_en = lexicon.translate(d.indicator)
    if events:
        ctx.paragraph_period[sentence.paragraph] = events[-1][1]
    return drafts


def _modality(pos: int, estimate_cues: list[int], target_cues: list[int], events) -> str:
    """The nearest modality cue before a figure decides (据 IDC 预测…将达到 is an estimate)."""
    targets = target_cues + [p for p, _, kind in events if kind == "period_target"]
    last_estimate = max((p for p in estimate_cues if p < pos), default=-1)
    last_target = max((p for p in targets if p <= pos), default=-1)
    if last_estimate < 0 and last_target < 0:
        return "actual"
    return "estimate" if last_estimate > last_target else "target"


def _qualifier(q: Quantity, text: str) -> str:
    if q.qualifier != "exact":
        return q.qualifier
    clause = _clause_before(text, q.start)
    for pattern, qualifier in rules().qualified_share:
        if pattern.search(clause):
            return qualifier
    return q.qualifier


def _as_rank(q: Quantity) -> Quantity:
    return Quantity(q.start, q.end, q.surface, q.number, q.number, "count", q.surface, q.number, q.number,
                    "exact", "ordinal")


def _groups(quantities: list[Quantity], text: str) -> list[_Group]:
    """Consecutive figures joined only by 、/和 form one list (分别达 500亿元、300亿元)."""
    groups: list[_Group] = []
    for i, q in enumerate(quantities):
        if groups:
            prev = quantities[groups[-1].members[-1]]
            between = text[prev.end:q.start]
            if _LIST_JOIN.fullmatch(between) and prev.unit == q.unit:
                groups[-1].members.append(i)
                continue
        start = max(_clause_start(text, q.start), quantities[i - 1].end if i else 0)
        if i and start == quantities[i - 1].end:
            # 集中了60%的企业和70%的产值: what follows the conjunction is this figure's own.
            join = list(regex.finditer(r"和|及|与|、|以及", text[start:q.start]))
            if join:
                start += join[-1].end()
        groups.append(_Group([i], text[start:q.start], None))
    for group in groups:
        if len(group.members) > 1:
            group.items, group.tail = _enumeration(group.subject, len(group.members))
    return groups


def _enumeration(subject: str, k: int) -> tuple[list[str] | None, str]:
    """Split 光伏、风电、储能三大产业产值分别达 into k items and their shared tail."""
    r = rules()
    np = _clean(regex.sub(r"分别.*$", "", subject))
    pieces = [p for p in regex.split(r"、|和|与|及|以及", np) if p]
    if len(pieces) != k:
        return None, ""
    last = pieces[-1]
    label = r.enumeration_label.search(last)
    if label:
        item, tail = last[: label.start()], last[label.end():]
    else:
        tokens = lexicon.words(last)
        n = max(1, len(lexicon.words(pieces[0])))
        item, tail = "".join(tokens[:n]), "".join(tokens[n:])
    return pieces[:-1] + [item], tail


def _role(q: Quantity, text: str) -> tuple[str, float]:
    """Role of a figure from its unit and the words right before it; and the sign of a change."""
    r = rules()
    if q.kind == "ordinal":
        return "rank", 1.0
    clause = _clause_before(text, q.start).rstrip("（( ")
    cue = r.growth_cue.search(clause)
    sign = -1.0 if cue and cue.group("cue") in r.down else 1.0
    if q.kind == "doubling":
        return "growth_rate", 1.0
    if q.unit == "x":
        return "multiple", 1.0
    if q.unit == "pp":
        if r.pp_level.search(clause):
            return "level", 1.0
        return ("change", sign) if cue and not cue.group("to") else ("level", 1.0)
    if q.unit == "%":
        after = text[q.end:q.end + _AFTER]
        if r.cagr.search(clause) or r.cagr_noun_after.match(after):
            return "cagr", 1.0
        if r.growth_noun_after.match(after):
            return "growth_rate", 1.0
        if cue and not cue.group("to") and not r.share.search(clause[: cue.start()][-4:]):
            return "growth_rate", sign
        if r.share.search(clause) or r.share_verb in clause or q.kind == "fraction" \
                or regex.match(r"\s*(?:以上|以下)?\s*的", after):
            return "share", 1.0
        return "level", 1.0
    if cue and not cue.group("to") and cue.group("cue") not in ("多", "少"):
        return ("level", 1.0) if r.pp_level.search(clause[: cue.start()]) else ("change", sign)
    return "level", 1.0


def _indicators(group: _Group, quantities: list[Quantity], text: str, drafts: list[Draft],
                last_enumeration: _Group | None, last_list: _Group | None, role: str) -> list[str]:
    """One indicator per member of a group."""
    r = rules()
    k = len(group.members)
    first = quantities[group.members[0]]
    own = _clean(regex.sub(r"分别", "", group.subject))
    own = r.cagr.sub("", own) if role == "cagr" else own
    growth = r.growth_cue.search(own)
    if growth is not None and role in ("growth_rate", "change", "multiple"):
        own = _clean(own[: growth.start()])
    if r.total_cue.search(group.subject) and last_list is not None:
        # 合计占…: the total of the list just read.
        return [_clean(regex.sub(r"分别.*$", "", last_list.subject)) + _clean(group.subject)]
    if k > 1:
        if group.items:
            return [_clean(item + group.tail) for item in group.items]
        previous = _distinct_indicators(drafts)
        if own and last_enumeration is not None and len(last_enumeration.items or []) == k:
            return [_clean(item + own) for item in last_enumeration.items]
        if len(previous) >= k and not own:
            return previous[-k:]
        if last_enumeration is not None and len(last_enumeration.items or []) == k:
            return [_clean(item + (own or last_enumeration.tail)) for item in last_enumeration.items]
        if len(previous) >= k:
            return [p if own in p else p + own for p in previous[-k:]]
    indicators = []
    inherited = drafts[-1].indicator if drafts else ""
    for member in group.members:
        q = quantities[member]
        indicators.append(_single_indicator(q, own, text, inherited, drafts, role))
    return indicators


def _distinct_indicators(drafts: list[Draft]) -> list[str]:
    out: list[str] = []
    for d in drafts[-12:]:
        if d.role in ("level",) and d.indicator and d.indicator not in out:
            out.append(d.indicator)
    return out


def _single_indicator(q: Quantity, own: str, text: str, inherited: str, drafts: list[Draft], role: str) -> str:
    r = rules()
    after = _noun_after(text, q.end)
    subject = own
    share_at = subject.find(r.share_verb)
    if role == "share" and share_at == 0:
        base = next((d.indicator for d in reversed(drafts) if d.role != "share" and d.indicator), inherited)
        denominator = subject[1:]
        return _clean(f"{base}占{denominator}") + ("" if r.share.search(denominator) else "比重")
    growth = r.growth_cue.search(subject)
    if growth is not None:
        subject = _clean(subject[: growth.start()])
    subject = _strip_world(subject)
    if after and (not subject or _ends_with_verb(subject)):
        subject = _strip_verbs(subject)
        return _clean(subject + after) if subject and not _ends_with_verb(subject) else _clean(after)
    if after:
        return _clean(subject + after)
    if not subject:
        return inherited
    if inherited and _starts_with_verb(subject):
        # 企业达 50 家，推出产品 80 款: a clause that starts with its verb shares the subject before it.
        subject = _clean(inherited + subject)
    if q.unit == "count" and len(q.unit_surface) >= 2 and q.unit_surface not in subject:
        return _clean(subject + q.unit_surface.lstrip("万亿"))
    return subject


def _strip_world(np: str) -> str:
    """高于全球平均增速 -> the figure is the world's; what remains names no measure of its own."""
    stripped = regex.sub(r"^(?:远超|超过|高于|低于|略高于|略低于)?(?:全球|世界)平均(?:水平)?", "", np)
    return stripped


def _starts_with_verb(np: str) -> bool:
    tokens = lexicon.words(np)
    return bool(tokens) and tokens[0] in rules().clause_verbs


def _strip_verbs(np: str) -> str:
    tokens = lexicon.words(np)
    while tokens and tokens[-1] in rules().stop_words:
        tokens.pop()
    return "".join(tokens)
