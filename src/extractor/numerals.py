"""Number parsing: a numeral string as written (Arabic, Chinese, English words, mixed) to a float.

These functions parse one token that the mention finder (extractor.quantities) already delimited; they never
search text. They return None for a string that is not a definite number (数万, 十几, dozens).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from . import patterns


@lru_cache(maxsize=1)
def _zh() -> dict:
    table = patterns.load("zh/numerals.yaml")
    return {
        "digits": {k: float(v) for k, v in table["digits"].items()},
        "small": {k: float(v) for k, v in table["small_units"].items()},
        "scales": {k: float(v) for k, v in table["scales"].items()},
        "point": set(table["decimal_point"]),
        "negative": set(table["negative"]),
    }


@lru_cache(maxsize=1)
def _en() -> dict:
    return patterns.load("en/numerals.yaml")


_ARABIC = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII (１２３．５ -> 123.5); other characters unchanged."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


def parse_arabic(text: str) -> float | None:
    """'1,590' / '１２３' / '28.5' / '-3' -> float. Thousands separators and spaces are dropped."""
    s = normalize_digits(text).replace(",", "").replace(" ", "").replace("\u2212", "-")
    try:
        return float(s)
    except ValueError:
        return None


def parse_chinese(text: str) -> float | None:
    """Chinese or mixed numeral to float: 三千二百万, 两千零五, 壹佰贰拾, 負五, 一点五, 1.2万亿, 3千万, 二〇二五.

    Scale words (万, 亿) multiply what precedes them; a larger scale after a smaller one multiplies the whole
    (1.2万亿 = 1.2e12), a smaller one after a larger one adds (一亿三千万 = 1.3e8).
    """
    zh = _zh()
    s = normalize_digits(text).replace(",", "").replace(" ", "")
    if not s:
        return None
    sign = 1.0
    if s[0] in zh["negative"] or s[0] == "-":
        sign, s = -1.0, s[1:]
    # Decimal part written with 点: 一点五, 两百点两.
    for point in zh["point"]:
        if point in s:
            head, _, tail = s.partition(point)
            whole = parse_chinese(head) if head else 0.0
            digits = [zh["digits"].get(ch) for ch in tail]
            if whole is None or not digits or None in digits:
                return None
            return sign * (whole + float("0." + "".join(str(int(d)) for d in digits)))
    # A run of bare digits with no unit character is read digit by digit: 二〇二五 -> 2025.
    if all(ch in zh["digits"] for ch in s) and len(s) > 1:
        return sign * float("".join(str(int(zh["digits"][ch])) for ch in s))
    total = 0.0          # everything already multiplied by a scale word
    section = 0.0        # the part below the current scale (千百十 groups)
    number: float | None = None
    last_scale = 0.0
    last_unit = 0.0      # the unit the previous group used, for 三千五 = 3500
    after_zero = False
    i = 0
    while i < len(s):
        ch = s[i]
        m = _ARABIC.match(s, i)
        if m:
            number = float(m.group())
            i = m.end()
            continue
        if ch in zh["digits"]:
            if number is not None and number != 0 and zh["digits"][ch] != 0:
                return None  # two digits with no unit between them (十四五): not one numeral
            number = zh["digits"][ch]
            after_zero = after_zero or number == 0
        elif ch in zh["small"]:
            unit = zh["small"][ch]
            section += (number if number is not None else 1.0) * unit
            number, last_unit, after_zero = None, unit, False
        elif ch in zh["scales"]:
            scale = zh["scales"][ch]
            section += number or 0.0
            if section == 0 and total == 0:
                section = 1.0  # 万 alone, as in 万亿 handled below, or a bare 亿
            if scale > last_scale and last_scale:
                total = (total + section) * scale
            else:
                total += section * scale
            last_scale = max(last_scale, scale)
            section, number, last_unit, after_zero = 0.0, None, scale, False
        else:
            return None
        i += 1
    if number is not None:
        # 三千五 means 3500 and 一万五 15000: a last digit right after a unit fills the next place down.
        if last_unit >= 100 and not after_zero and number < 10 and number == int(number):
            number *= last_unit / 10
        section += number
    return sign * (total + section)


@lru_cache(maxsize=1)
def _en_word_values() -> dict[str, float]:
    en = _en()
    values = {k: float(v) for k, v in en["ones"].items()}
    values.update({k: float(v) for k, v in en["tens"].items()})
    return values


def parse_english(text: str) -> float | None:
    """English number words (optionally mixed with digits) to float.

    'twenty-five' -> 25, 'one hundred and five' -> 105, 'a dozen' -> 12, '1.2 trillion' -> 1.2e12,
    '5bn' -> 5e9, 'two thousand and twenty' -> 2020. Fractions are parse_english_fraction's job.
    """
    en = _en()
    words = _en_word_values()
    scales = {k: float(v) for k, v in en["scales"].items()}
    collectives = en["collectives"]
    s = normalize_digits(text).lower().replace(",", "")
    s = regex.sub(r"(?<=\d)(?=[a-z])", " ", s)  # 5bn -> 5 bn
    tokens = [t for t in regex.split(r"[\s\-]+", s) if t and t != "and"]
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    seen_value = False
    for tok in tokens:
        num = parse_arabic(tok) if tok[0].isdigit() or tok[0] == "." else None
        if num is not None:
            current = (current or 0.0) + num
            seen_value = True
        elif tok in words and not (tok in ("a", "an") and seen_value):
            current = (current or 0.0) + words[tok]
            seen_value = seen_value or tok not in ("a", "an")
        elif tok in en["hundred"]:
            current = (current if current is not None else 1.0) * 100
            seen_value = True
        elif tok in collectives:
            if collectives[tok] is None:
                return None
            current = (current if current is not None else 1.0) * float(collectives[tok])
            seen_value = True
        elif tok in scales:
            scale = scales[tok]
            if scale >= 1000:
                total += (current if current is not None else 1.0) * scale
                current = None
            else:
                current = (current if current is not None else 1.0) * scale
            seen_value = True
        else:
            return None
    if not seen_value:
        return None
    return total + (current or 0.0)


def parse_english_fraction(text: str) -> float | None:
    """'one third' -> 1/3, 'two-thirds' -> 2/3, 'half' / 'a half' -> 0.5, 'three quarters' -> 0.75."""
    en = _en()
    s = text.lower().replace("-", " ").split()
    if not s or s[-1] not in en["fractions"]:
        return None
    denominator = float(en["fractions"][s[-1]])
    numerator = parse_english(" ".join(s[:-1])) if s[:-1] else 1.0
    if numerator is None:
        return None
    return numerator / denominator


def parse_number(text: str, lang: str | None = None) -> float | None:
    """Parse any numeral token: Arabic first, then Chinese, then English words."""
    value = parse_arabic(text)
    if value is not None:
        return value
    if lang != "en":
        value = parse_chinese(text)
        if value is not None:
            return value
    if lang != "zh":
        return parse_english(text)
    return None
