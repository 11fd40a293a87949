"""Stage 3: every number mention in a text, claim or not, with its value in the contract's canonical unit.

The patterns are built once per language from the unit and qualifier tables in patterns/; a mention is an
*atom* (currency sign, number, scale word, unit) and neighbouring atoms joined by a range separator become one
range mention. Parsing the numeral itself is extextractor.numerals' job.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import patterns
from .models import Quantity
from .numerals import normalize_digits, parse_arabic, parse_chinese, parse_english, parse_english_fraction
from .units import UnitInfo, unit_table

# The regex module's timeout guards against pathological inputs (a 1 MB line of digits and 万).
REGEX_TIMEOUT_S = 5.0
# Texts are scanned in windows so a huge line cannot make one match run away; windows overlap by this much.
_WINDOW = 200_000
_OVERLAP = 200

_SP = r"[ \t\u00a0\u3000]?"
_ARABIC_ZH = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
_ZH_DIGITS = "零〇○一二两三四五六七八九十百千万亿壹贰貳兩叁參肆伍陆陸柒捌玖拾佰仟萬億"
_ZH_NUM = rf"[负負]?[{_ZH_DIGITS}]+(?:[点點][零〇一二两三四五六七八九]+)?"
_SCALE_ZH = r"(?:[十百千仟佰拾]?(?:万亿|[万萬亿億兆])|[千仟](?![米克瓦分]))"
_VAGUE_ZH = r"(?:成千上万|成百上千|数以[万亿千百]计|上[千万亿]|[数几]十|[数几]百|[数几]千|[数几]万|[数几]亿|十几|几|数)[万亿]?"
_RANGE_SEP_ZH = r"[-—–~～至到]"

_ARABIC_EN = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_SCALE_EN = r"(?:\s?(?:thousand|million|billion|trillion|mln|lakh|crore)\b|(?:bn|mn|tn|k|m|b)\b)"


@dataclass(frozen=True)
class _Grammar:
    atom: regex.Pattern
    range_sep: regex.Pattern
    qualifier_before: list[tuple[str, str]]   # (cue, qualifier), longest cue first
    qualifier_after: list[tuple[str, str]]


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _qualifier_cues(table: dict, side: str) -> list[tuple[str, str]]:
    cues = [(cue, qualifier) for qualifier, words in table.get(side, {}).items() for cue in words]
    return sorted(cues, key=lambda c: len(c[0]), reverse=True)


@lru_cache(maxsize=None)
def grammar(lang: str) -> _Grammar:
    units = unit_table(lang)
    quals = patterns.load(f"{lang}/qualifiers.yaml")
    if lang == "zh":
        zh = patterns.load("zh/units.yaml")
        unit_alt = _alternation(units.keys())
        prefix_alt = _alternation(zh["currency_prefix"].keys())
        doubling_alt = _alternation(zh["doubling"].keys())
        tenths_not = "".join(zh["tenths_not_before"])
        inner = "".join(zh["inner_over"])
        atom = rf"""
            (?P<date>[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)
          | (?P<doubling>{doubling_alt})
          | (?P<pctpre>百分之){_SP}(?P<pnum>{_ARABIC_ZH}|{_ZH_NUM})
          | (?P<ordpre>第){_SP}(?P<onum>{_ARABIC_ZH}|{_ZH_NUM})
          | (?P<fden>{_ARABIC_ZH}|{_ZH_NUM})分之(?P<fnum>{_ARABIC_ZH}|{_ZH_NUM})
          | (?P<vague>{_VAGUE_ZH})(?P<vunit>{unit_alt})?
          | (?:(?P<cur>{prefix_alt}){_SP})?
            (?P<num>{_ARABIC_ZH}(?:/(?P<den>[0-9]+)(?![0-9]))?|{_ZH_NUM})
            (?P<inner1>{_SP}[{inner}](?![{inner}]))?{_SP}
            (?:(?P<scale>{_SCALE_ZH})(?P<inner2>[{inner}])?)?
            (?:
                (?P<tenths>成)(?P<tenthsdigit>[一二两三四五六七八九](?![{tenths_not}]))?(?![{tenths_not}])
              | {_SP}(?P<unit>{unit_alt})
              | (?P<datemark>年(?![均度])|月|日|号|季度|时)
            )?
        """
        sep = rf"{_SP}{_RANGE_SEP_ZH}{_SP}"
    else:
        en = patterns.load("en/units.yaml")
        unit_alt = _alternation(units.keys())
        prefix_alt = _alternation(en["currency_prefix"].keys())
        mult_alt = _alternation(en["multiplying_verbs"].keys())
        words = patterns.load("en/numerals.yaml")
        word_alt = _alternation(list(words["ones"]) + list(words["tens"]))
        big = r"hundred|thousand|million|billion|trillion|dozen"
        en_words = (rf"(?:(?:a|an)\s+(?:{big})|(?:{word_alt}))(?:(?:\s+and\s+|[\s-]+)(?:{word_alt}|{big}))*")
        frac_alt = _alternation(words["fractions"].keys())
        months = ("January|February|March|April|May|June|July|August|September|October|November|December|"
                  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
        atom = rf"""
            (?P<date>[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?
                |\b(?:{months})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+[0-9]{{4}})?
                |\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\b(?:,?\s+[0-9]{{4}})?)
          | (?P<doubling>\b(?:{mult_alt})\b)
          | (?P<fword>\b(?:(?:{word_alt}|a)[\s-]+)?(?:{frac_alt})\b)
          | (?P<ordnum>\b[0-9]+(?:st|nd|rd|th)\b)
          | (?:(?P<cur>{prefix_alt})\s?)?
            (?P<num>(?<![\w.])(?:{_ARABIC_EN})(?:/(?P<den>[0-9]+)(?![0-9]))?|\b{en_words}\b)
            (?P<scale>{_SCALE_EN})?
            (?:\s?(?P<unit>(?:{unit_alt})(?![a-z])))?
        """
        sep = r"\s?(?:-|–|—|to|and|~)\s?"
    flags = regex.VERBOSE | (regex.IGNORECASE if lang == "en" else 0)
    return _Grammar(
        atom=regex.compile(atom, flags),
        range_sep=regex.compile(sep, regex.IGNORECASE),
        qualifier_before=_qualifier_cues(quals, "before"),
        qualifier_after=_qualifier_cues(quals, "after"),
    )


def detect_lang(text: str) -> str:
    """'zh' when CJK characters outnumber a fifth of the Latin letters, else 'en'."""
    cjk = len(regex.findall(r"\p{Han}", text[:5000]))
    latin = len(regex.findall(r"[A-Za-z]", text[:5000]))
    return "zh" if cjk * 5 >= latin and cjk > 0 else "en"


def quantities(text: str, lang: str | None = None) -> list[dict]:
    """Every number mention in `text` (claim or not), as dicts: start, end (exclusive), surface, number,
    value, unit, unit_surface, value_low, value_high, qualifier, kind."""
    return [q.as_dict() for q in find_quantities(text, lang)]


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """The same as quantities(), as Quantity objects."""
    lang = lang or detect_lang(text)
    g = grammar(lang)
    found: list[Quantity] = []
    pos = 0
    while pos < len(text):
        window_end = min(len(text), pos + _WINDOW)
        chunk_end = window_end if window_end == len(text) else window_end - _OVERLAP
        try:
            matches = list(g.atom.finditer(text, pos, window_end, timeout=REGEX_TIMEOUT_S))
        except TimeoutError:
            matches = []
        for m in matches:
            if m.start() >= chunk_end:
                break
            if m.end() == m.start() or (found and m.start() < found[-1].end):
                continue
            q = _atom(m, text, lang)
            if q is not None:
                found.append(q)
        pos = chunk_end
    return _merge_ranges(found, text, g, lang)


def _atom(m: regex.Match, text: str, lang: str) -> Quantity | None:
    """One regex match to a Quantity (range merging and qualifiers come after)."""
    g = m.groupdict()
    start, end = m.span()
    surface = text[start:end]
    if g.get("date"):
        return Quantity(start, end, surface, None, None, "", kind="date")
    if g.get("doubling"):
        growth = _doubling_growth(g["doubling"], lang)
        return Quantity(start, end, surface, growth / 100 + 1, growth, "%", surface, growth, growth,
                        kind="doubling")
    if g.get("vague"):
        return Quantity(start, end, surface, None, None, "", kind="vague")
    if g.get("pctpre"):
        number = _parse(g["pnum"], lang)
        return _make(start, end, surface, number, "%", "%", "percent")
    if g.get("ordpre"):
        number = _parse(g["onum"], lang)
        return _make(start, end, surface, number, "", "", "ordinal")
    if g.get("ordnum"):
        return _make(start, end, surface, parse_arabic(regex.sub(r"[a-z]+$", "", surface)), "", "", "ordinal")
    if g.get("fden"):
        den, num = _parse(g["fden"], lang), _parse(g["fnum"], lang)
        if not den or num is None:
            return None
        return _make(start, end, surface, num / den, "%", "分之", "fraction", value=100 * num / den)
    if g.get("fword"):
        frac = parse_english_fraction(g["fword"])
        if frac is None:
            return None
        return _make(start, end, surface, frac, "%", g["fword"], "fraction", value=100 * frac)
    raw_num = g.get("num")
    if not raw_num:
        return None
    if g.get("den"):
        num, den = parse_arabic(raw_num.split("/")[0]), parse_arabic(g["den"])
        if num is None or not den:
            return None
        return _make(start, end, surface, num / den, "%", "/", "fraction", value=100 * num / den)
    number = _parse(raw_num, lang)
    if number is None:
        return None
    scale = g.get("scale")
    if scale:
        factor = _parse("1" + scale.strip(), lang) if lang == "zh" else parse_english("1 " + scale.strip())
        if factor:
            number *= factor
    qualifier = "over" if (g.get("inner1") or g.get("inner2")) else "exact"
    if g.get("tenths"):
        extra = _parse(g["tenthsdigit"], lang) / 10 if g.get("tenthsdigit") else 0.0
        return _make(start, end, surface, number + extra, "%", "成", "percent", value=(number + extra) * 10,
                     qualifier=qualifier)
    if g.get("datemark"):
        mark = g["datemark"]
        if mark == "年" and scale is None and 1000 <= number <= 2999 and number == int(number):
            return Quantity(start, end, surface, number, None, "", kind="year")
        if mark == "年":
            return _make(start, end, surface, number, "year", "年", "number", qualifier=qualifier)
        return Quantity(start, end, surface, number, None, "", kind="date")
    unit_surface = (g.get("unit") or "").strip()
    currency = g.get("cur")
    if unit_surface:
        info = unit_table(lang)[unit_surface.lower() if lang == "en" else unit_surface]
        value = number * info.factor if info.factor is not None else None
        kind = info.kind
        unit = info.unit
        if currency and info.unit in ("", "count"):
            unit = _currency_prefix(currency, lang)
    elif currency:
        unit, value, kind = _currency_prefix(currency, lang), number, "number"
        unit_surface = currency.strip()
    else:
        unit, value, kind = "", number, "number"
        if lang == "en" and scale is None and not currency and _looks_like_year(raw_num, text, end):
            kind = "year"
    return Quantity(start, end, surface, number, value, unit, unit_surface, value, value, qualifier, kind)


def _looks_like_year(raw: str, text: str, end: int) -> bool:
    return bool(regex.fullmatch(r"(?:1[89]|20)[0-9]{2}", raw)) and not text[end:end + 1].isalpha()


def _make(start, end, surface, number, unit, unit_surface, kind, value=None, qualifier="exact") -> Quantity | None:
    if number is None:
        return None
    value = number if value is None else value
    return Quantity(start, end, surface, number, value, unit, unit_surface, value, value, qualifier, kind)


def _parse(raw: str, lang: str) -> float | None:
    raw = raw.strip()
    if lang == "zh":
        return parse_arabic(raw) if regex.fullmatch(r"[0-9０-９,.．]+", raw) else parse_chinese(raw)
    value = parse_arabic(raw)
    return value if value is not None else parse_english(raw)


def _currency_prefix(surface: str, lang: str) -> str:
    table = patterns.load(f"{lang}/units.yaml")["currency_prefix"]
    key = surface.strip()
    return table.get(key) or table.get(key.lower()) or ""


def _doubling_growth(surface: str, lang: str) -> float:
    if lang == "zh":
        return float(patterns.load("zh/units.yaml")["doubling"][surface])
    times = float(patterns.load("en/units.yaml")["multiplying_verbs"][surface.lower()])
    return (times - 1) * 100


def _merge_ranges(found: list[Quantity], text: str, g: _Grammar, lang: str) -> list[Quantity]:
    """Join `A sep B` into one range mention (3至5万人, 5%-7%, 8 to 10 percent); then attach qualifiers."""
    merged: list[Quantity] = []
    i = 0
    while i < len(found):
        q = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _range_compatible(q, nxt) and g.range_sep.fullmatch(text, q.end, nxt.start) \
                and (text[q.end:nxt.start].strip().lower() != "and"
                     or text[max(0, q.start - 9):q.start].strip().lower().endswith("between")):
            merged.append(_range(q, nxt, text, lang))
            i += 2
            continue
        merged.append(q)
        i += 1
    for q in merged:
        if q.qualifier == "exact" and q.kind not in ("date", "year", "ordinal"):
            q.qualifier = _qualifier(text, q, g)
    return merged


def _range_compatible(a: Quantity, b: Quantity) -> bool:
    if a.number is None or b.number is None:
        return False
    if a.kind in ("date", "year") or b.kind in ("date", "year"):
        return a.kind == b.kind or (a.kind == "number" and not a.unit and b.kind in ("date", "year"))
    if a.kind not in ("number", "percent") or b.kind not in ("number", "percent"):
        return False
    return not a.unit or a.unit == b.unit


def _range(a: Quantity, b: Quantity, text: str, lang: str) -> Quantity:
    if b.kind in ("date", "year"):
        return Quantity(a.start, b.end, text[a.start:b.end], None, None, "", kind=b.kind)
    low_number = a.number
    # 3至5万人: the scale written on the upper bound applies to the lower one.
    if b.number and a.number and not a.unit and b.number / max(abs(a.number), 1e-12) >= 1000:
        low_number = a.number * _scale_of(b.surface, lang)
    factor = (b.value / b.number) if b.value is not None and b.number else 1.0
    low, high = low_number * factor, b.value
    if low is not None and high is not None and low > high:
        low, high = high, low
    mid = (low + high) / 2 if low is not None and high is not None else None
    return Quantity(a.start, b.end, text[a.start:b.end], (low_number + b.number) / 2, mid, b.unit,
                    b.unit_surface, low, high, "range", b.kind)


def _scale_of(surface: str, lang: str) -> float:
    if lang == "zh":
        m = regex.search(_SCALE_ZH, surface)
        return _parse("1" + m.group(), lang) or 1.0 if m else 1.0
    m = regex.search(_SCALE_EN, surface, regex.IGNORECASE)
    return (parse_english("1 " + m.group().strip()) or 1.0) if m else 1.0


def _qualifier(text: str, q: Quantity, g: _Grammar) -> str:
    before = text[max(0, q.start - 12):q.start].rstrip()
    after = text[q.end:q.end + 8].lstrip()
    for cue, qualifier in g.qualifier_before:
        if before.lower().endswith(cue) and _word_boundary_before(before, cue):
            return qualifier
    for cue, qualifier in g.qualifier_after:
        if after.lower().startswith(cue) and _word_boundary_after(after, cue):
            return qualifier
    return "exact"


def _word_boundary_before(before: str, cue: str) -> bool:
    if not cue.isascii():
        return True
    i = len(before) - len(cue)
    return i == 0 or not before[i - 1].isalpha()


def _word_boundary_after(after: str, cue: str) -> bool:
    if not cue.isascii():
        return True
    return len(after) == len(cue) or not after[len(cue)].isalpha()


__all__ = ["quantities", "find_quantities", "detect_lang", "UnitInfo", "normalize_digits"]
