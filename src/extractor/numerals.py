"""Number parsing: a numeral string as written (Arabic, Chinese, English words, mixed) to a float.

These functions parse one token that the mention finder (extractor.quantities) already delimited; they never
search text. They return None for a string that is not a definite number (数万, 十几, dozens).
"""
from __future__ import annotations

import math
from functools import lru_cache

import regex

from . import patterns

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, one character for one, so offsets never move.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x2212: ord("-"), 0x3000: ord(" "), 0x00A0: ord(" ")})


@lru_cache(maxsize=1)
def fold_table() -> dict[int, int]:
    """str.translate table: full-width to ASCII and traditional numeral characters to simplified (1:1)."""
    table = dict(_FULLWIDTH)
    for src, dst in (patterns.load("zh/numerals.yaml").get("fold") or {}).items():
        table[ord(src)] = ord(dst)
    return table


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII (１２３．５ -> 123.5), traditional numerals to simplified.
    The result has the same length as `text`."""
    return text.translate(fold_table())


@lru_cache(maxsize=1)
def _zh() -> dict:
    table = patterns.load("zh/numerals.yaml")
    digits = {k: float(v) for k, v in table["digits"].items()}
    return {
        "digits": digits,
        "small": {k: float(v) for k, v in table["small_units"].items()},
        "scales": {k: float(v) for k, v in table["scales"].items()},
        "point": set(table["decimal_point"]),
        "negative": set(table["negative"]),
    }


@lru_cache(maxsize=1)
def _en() -> dict:
    return patterns.load("en/numerals.yaml")


_ARABIC = regex.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_SCI = regex.compile(r"(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:[eE]([-+]?[0-9]+)|\^([-+]{0,2})([0-9]+(?:\.[0-9]+)?))")
_MAX_EXP = 300
_TIMES_TEN = regex.compile(r"[x×*]10\^")
_PLAIN = regex.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_LONG = regex.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DIGIT_LETTER = regex.compile(r"(?<=\d)(?=[a-z])")


def parse_arabic(text: str) -> float | None:
    """'1,590' / '１２３' / '28.5' / '-3' / '2e5' / '2^5' -> float. Thousands separators and spaces are dropped."""
    s = normalize_digits(text).replace(",", "").replace(" ", "")
    if "10^" in s:
        s = _TIMES_TEN.sub("e", s)  # 1.3x10^6
    if not s or len(s) > 400:
        return _long_arabic(s)
    m = _SCI.fullmatch(s)
    if m:
        base = float(m.group(1))
        if m.group(2) is not None:
            exp = int(m.group(2))
            return None if abs(exp) > _MAX_EXP else base * 10.0 ** exp
        exp = float(m.group(4)) * (-1 if m.group(3).count("-") == 1 else 1)
        try:
            value = abs(base) ** exp
        except OverflowError:
            return None
        return math.copysign(value, base) if math.isfinite(value) else None
    if not _PLAIN.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _long_arabic(s: str) -> float | None:
    """A digit string too long for a plain float() call: its value, or None when it overflows."""
    if not s or not _LONG.fullmatch(s):
        return None
    try:
        value = float(s)
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def tidy(x: float | None) -> float | None:
    """A figure rounded to 15 significant digits: 66.6亿 is 6.66e9, not the float product 6659999999.999999."""
    return None if x is None else float(f"{x:.15g}")


def parse_chinese(text: str, digit_string: bool = False) -> float | None:
    """Chinese or mixed numeral to float (see _parse_chinese), rounded to the digits it was written with."""
    return tidy(_parse_chinese(text, digit_string))


def _parse_chinese(text: str, digit_string: bool = False) -> float | None:
    """Chinese or mixed numeral to float: 三千二百万, 两千零五, 壹佰贰拾, 負五, 一点五, 1.2万亿, 3千万, 二〇二五,
    5万4千6百, 四万万, 三分之二, 一又二分之一.

    Scale words (万, 亿) multiply what precedes them; a larger scale after a smaller one multiplies the whole
    (1.2万亿 = 1.2e12), a smaller one after a larger one adds (一亿三千万 = 1.3e8), a repeated one multiplies
    (四万万 = 4e8). `digit_string` reads a run of bare digits digit by digit (三八 -> 38) even without 〇.
    """
    zh = _zh()
    s = normalize_digits(text).replace(",", "").replace(" ", "")
    if not s or len(s) > 200:
        return None
    sign = 1.0
    if s[0] in zh["negative"] or s[0] == "-":
        sign, s = -1.0, s[1:]
        if not s:
            return None
    if "又" in s:
        whole, _, frac = s.partition("又")
        w, f = parse_chinese(whole), parse_chinese(frac)
        return None if w is None or f is None else sign * (w + f)
    if "分之" in s:
        den, _, num = s.partition("分之")
        if den and (den[0] in zh["scales"] or den[0] in zh["small"]):
            den = "一" + den  # 万分之三, 百分之五
        d, n = parse_chinese(den), parse_chinese(num)
        if not d or n is None:
            return None
        return sign * n / d
    for point in zh["point"]:
        if point in s:
            head, _, tail = s.partition(point)
            whole = parse_chinese(head) if head else 0.0
            scale = 1.0
            while tail and tail[-1] in zh["scales"]:
                scale *= zh["scales"][tail[-1]]
                tail = tail[:-1]
            digits = [zh["digits"].get(ch) if not ch.isdigit() else float(ch) for ch in tail]
            if whole is None or not digits or None in digits:
                return None
            return sign * (whole + float("0." + "".join(str(int(d)) for d in digits))) * scale
    if all(ch in zh["digits"] for ch in s) and len(s) > 1:
        if not (digit_string or any(zh["digits"][ch] == 0 for ch in s)):
            return None  # 两两, 九九: no numeral
        return sign * float("".join(str(int(zh["digits"][ch])) for ch in s))
    total = 0.0          # everything already multiplied by a scale word
    section = 0.0        # the part below the current scale (千百十 groups)
    number: float | None = None
    last_scale = 0.0
    last_unit = 0.0      # the unit the previous group used, for 三千五 = 3500
    small_in_section = 1e18
    after_zero = False
    since_scale = False  # a digit or small unit written since the last scale word
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch.isdigit() or ch == ".":
            m = _ARABIC.match(s, i)
            if not m or (number is not None and number != 0):
                return None
            number = float(m.group())
            since_scale = True
            i = m.end()
            continue
        if ch in zh["digits"]:
            if number is not None and number != 0 and zh["digits"][ch] != 0:
                return None  # two digits with no unit between them (十四五): not one numeral
            number = zh["digits"][ch]
            after_zero = after_zero or number == 0
            since_scale = True
        elif ch in zh["small"]:
            unit = zh["small"][ch]
            if unit >= small_in_section:
                return None  # 五十千: units must fall
            multiplier = number if number else 1.0  # 零十 / 十 = 10
            section += multiplier * unit
            small_in_section = unit
            number, last_unit, after_zero, since_scale = None, unit, False, True
        elif ch in zh["scales"]:
            scale = zh["scales"][ch]
            section += number or 0.0
            if not since_scale:
                if total == 0:
                    return None  # a scale word with no number: 万, 万万
                total *= scale   # 四万万, 1.2万亿
            elif scale > last_scale and last_scale:
                total = (total + section) * scale
            else:
                total += section * scale
            last_scale = max(last_scale, scale)
            section, number, last_unit, after_zero, since_scale = 0.0, None, scale, False, False
            small_in_section = 1e18
        else:
            return None
        i += 1
    if number is not None:
        # 三千五 means 3500 and 一万五 15000: a last digit right after a unit fills the next place down.
        if last_unit >= 100 and not after_zero and number < 10 and number == int(number):
            number *= last_unit / 10
        section += number
    value = sign * (total + section)
    return value if math.isfinite(value) else None


@lru_cache(maxsize=1)
def _en_tables() -> dict:
    en = _en()
    words = {k: float(v) for k, v in en["ones"].items()}
    words.update({k: float(v) for k, v in en["tens"].items()})
    ordinal_units = {k: float(v) for k, v in en["ordinal_units"].items()}
    denominators = {k: float(v) for k, v in en["denominators"].items()}
    for k, v in en["fractions"].items():
        denominators[k] = float(v)
    for k, v in list(denominators.items()) + list(ordinal_units.items()):
        if k not in ("first", "second", "half", "halves"):
            denominators.setdefault(k, v)
            denominators.setdefault(k + "s", v)
    for k, v in list(denominators.items()):
        if k.endswith("ths") or k.endswith("ds") or k.endswith("ves"):
            continue
    for k, v in list(denominators.items()):
        if k.endswith("th"):
            denominators.setdefault(k + "s", v)
    return {
        "words": words,
        "tens": {k: float(v) for k, v in en["tens"].items()},
        "ordinal_units": ordinal_units,
        "denominators": denominators,
        "scales": {k: float(v) for k, v in en["scales"].items()}
        | {k: float(en["scales"][v]) for k, v in en["misspelt_scales"].items()},
        "collectives": en["collectives"],
        "hundred": set(en["hundred"]),
    }


def _denominator(tok: str) -> float | None:
    """'thirds' -> 3, 'twenty-fifth' -> 25, 'hundredths' -> 100; None when not a denominator word."""
    t = _en_tables()
    if tok in t["denominators"]:
        return t["denominators"][tok]
    head, _, tail = tok.partition("-")
    if tail and head in t["tens"]:
        base = tail[:-1] if tail.endswith("s") else tail
        if base in t["ordinal_units"]:
            return t["tens"][head] + t["ordinal_units"][base]
    return None


def _en_integer(tokens: list[str]) -> float | None:
    """Cardinal words and digits: ['one', 'hundred', 'and', 'five'] -> 105; None when not a number."""
    t = _en_tables()
    words, scales, collectives = t["words"], t["scales"], t["collectives"]
    tokens = [tok for tok in tokens if tok != "and"]
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    run = 0.0           # ones and tens since the last 'hundred' or scale: what 'two dozens' multiplies
    last_scale = 0.0
    seen_value = False
    prev_word = False   # the previous token was a ones/tens word (two in a row: 'twenty five' is fine)
    last_word = 0.0
    for tok in tokens:
        num = parse_arabic(tok) if tok[0].isdigit() or tok[0] in ".-" else None
        if num is not None:
            if current is not None and seen_value:
                return None
            current = num
            run = num
            seen_value = True
            prev_word = False
        elif tok in words and tok not in ("a", "an"):
            v = words[tok]
            if prev_word and not (20 <= last_word < 100 and last_word % 10 == 0 and v < 10):
                return None  # 'five six', 'twenty ten': not one number
            if current is not None and not prev_word and current % 100 != 0 and current >= 100:
                return None
            current = (current or 0.0) + v
            run += v
            seen_value, prev_word, last_word = True, True, v
        elif tok in ("a", "an"):
            if seen_value:
                return None
            current = 1.0
        elif tok in t["hundred"]:
            current = (current if current is not None else 1.0) * 100
            run = 0.0
            seen_value, prev_word = True, False
        elif tok in collectives or (tok.endswith("s") and tok[:-1] in collectives):
            c = collectives.get(tok) or collectives.get(tok[:-1]) if tok.endswith("s") else collectives.get(tok)
            if c is None or (tok.endswith("s") and current is None):
                return None  # 'dozens': vague
            if current is not None and run and run != current:
                # 'three hundred and two dozens': the dozens multiply the two only (324).
                current = current - run + run * float(c)
            else:
                current = (current if current is not None else 1.0) * float(c)
            run = 0.0
            seen_value, prev_word = True, False
        elif tok in scales:
            scale = scales[tok]
            if scale >= 1000:
                if current is None and total and scale > last_scale:
                    total *= scale      # 'three lakh crore': scales multiply
                else:
                    total += (current if current is not None else 1.0) * scale
                current = None
                last_scale = scale
            else:
                current = (current if current is not None else 1.0) * scale
            seen_value, prev_word = True, False
        else:
            return None
    if not seen_value:
        return None
    return total + (current or 0.0)


def _tokens(text: str) -> list[str]:
    s = normalize_digits(text).lower().replace(",", "")
    s = _DIGIT_LETTER.sub(" ", s)  # 5bn -> 5 bn
    out: list[str] = []
    for tok in s.split():
        if not tok.strip("-"):
            continue  # a hyphen standing alone: 'one - third'
        if "-" in tok and not tok[0].isdigit() and not tok.startswith("-") and _denominator(tok) is None:
            out.extend(p for p in tok.split("-") if p)
        elif "-" in tok and tok[0].isdigit():
            out.extend(p for p in tok.split("-") if p)
        else:
            out.append(tok)
    return out


def parse_english(text: str) -> float | None:
    """English number words (optionally mixed with digits) to float.

    'twenty-five' -> 25, 'one hundred and five' -> 105, 'a dozen' -> 12, '1.2 trillion' -> 1.2e12,
    '5bn' -> 5e9, 'two hundred point zero three' -> 200.03, 'one and a half' -> 1.5, 'half a dozen' -> 6,
    'three quarters billion' -> 7.5e8, 'two thirds' -> 0.666, 'five and a half million' -> 5.5e6,
    'two million and a half' -> 2.5e6, 'one hundred and thirty fifths' -> 26, 'three twenty-firsts' -> 1/7.
    """
    tokens = _tokens(text)
    if not tokens or len(tokens) > 60:
        return None
    t = _en_tables()
    if "point" in tokens:
        i = tokens.index("point")
        whole = _en_integer(tokens[:i]) if i else 0.0
        digits = []
        rest = tokens[i + 1:]
        j = 0
        while j < len(rest):
            tok = rest[j]
            v = t["words"].get(tok)
            if v is None or tok in ("a", "an"):
                return None
            # 'point seventy-one' -> .71: a tens word takes the ones word after it.
            if tok in t["tens"] and j + 1 < len(rest) and rest[j + 1] in t["words"] \
                    and 0 < t["words"][rest[j + 1]] < 10 and rest[j + 1] not in ("a", "an"):
                v += t["words"][rest[j + 1]]
                j += 1
            digits.append(str(int(v)))
            j += 1
        if whole is None or not digits:
            return None
        return whole + float("0." + "".join(digits))
    for i, tok in enumerate(tokens):
        den = _denominator(tok)
        compound_unit = None
        if den is None:
            # 'twenty firsts': an ordinal unit as the end of a compound denominator.
            base = tok[:-1] if tok.endswith("s") else tok
            if i == len(tokens) - 1 and i > 0 and base in t["ordinal_units"]:
                compound_unit = t["ordinal_units"][base]
            else:
                continue
        return _en_fraction(tokens[:i], den, compound_unit, tokens[i], tokens[i + 1:])
    return _en_integer(tokens)


_BIG = 1000.0


def _en_fraction(head: list[str], den: float | None, unit: float | None, den_tok: str,
                 tail: list[str]) -> float | None:
    """The value of `head den_tok tail`, where den_tok is a fraction word ('fifths', 'half')."""
    t = _en_tables()
    ord_value = unit if unit is not None else t["ordinal_units"].get(
        den_tok[:-1] if den_tok.endswith("s") else den_tok)
    if tail:
        tail = [x for x in tail if x not in ("a", "an", "of")]
    multiplier = (_en_integer(tail) if tail else 1.0)
    if multiplier is None:
        return None
    if "and" in head:
        j = len(head) - 1 - head[::-1].index("and")
        before, after = head[:j], head[j + 1:]
        if not after and ord_value is not None and before:
            # 'one one hundred and fifth': 'hundred and fifth' is one compound denominator (105).
            return _split_fraction(before, ord_value, True)
        whole_v = _en_integer(before)
        if whole_v is None:
            return None
        numerator = _en_integer(after) if after and after not in (["a"], ["an"]) else 1.0
        if numerator is None or den is None:
            return None
        last = before[-1] if before else ""
        if last in t["hundred"] and ord_value is not None:
            # 'one hundred and thirty fifths': 'and' goes on the cardinal (130/5).
            total = _en_integer(before + after)
            return None if total is None else total / den * multiplier
        scale = t["scales"].get(last)
        if scale and scale >= _BIG:
            # 'two million and a half', 'nine million and five ninths': a fraction of the scale;
            # 'one billion and a half million': of the scale written after it.
            return whole_v + numerator / den * (multiplier if tail else scale)
        return (whole_v + numerator / den) * multiplier
    if den is None:
        return _split_fraction(head, unit, False)
    if head and head not in (["a"], ["an"]) and len(head) > 1 and ord_value is not None:
        v = _split_fraction(head, ord_value, False, den)
        if v is not None:
            return v * multiplier
    numerator = _en_integer(head) if head and head not in (["a"], ["an"]) else 1.0
    if numerator is None and len(head) > 1 and head[-1] in ("one", "a"):
        numerator = _en_integer(head[:-1])   # 'five one-hundredths': five times one hundredth
    if numerator is None:
        return None
    return numerator / den * multiplier


def _split_fraction(head: list[str], ord_value: float | None, glued: bool,
                    plain_den: float | None = None) -> float | None:
    """'one hundred thirty fifths' -> 100/35: the shortest numerator whose remainder, with the ordinal,
    is a compound denominator ('thirty fifth' = 35, 'one thousand fifth' = 1005)."""
    t = _en_tables()
    if ord_value is None:
        return None
    for k in range(1, len(head) + 1):
        num_tokens, rest = head[:k], head[k:]
        if rest and head[k - 1] in t["tens"] and 0 < t["words"].get(rest[0], 0) < 10 and rest[0] not in ("a", "an"):
            continue  # 'ninety five' is one number

        numerator = _en_integer(num_tokens) if num_tokens not in (["a"], ["an"]) else 1.0
        if numerator is None:
            continue
        if not rest:
            if glued or plain_den is None:
                continue
            return numerator / plain_den
        if rest[0] in t["hundred"] or rest[0] in t["scales"] or rest[0] == "and":
            continue
        base = _en_integer(rest)
        if base is None:
            continue
        if (ord_value < 10 and base % 10 == 0) or (ord_value < 100 and base % 100 == 0):
            return numerator / (base + ord_value)
    return None


def parse_english_fraction(text: str) -> float | None:
    """'one third' -> 1/3, 'two-thirds' -> 2/3, 'half' / 'a half' -> 0.5, 'three quarters' -> 0.75."""
    tokens = _tokens(text)
    if not tokens or not any(_denominator(tok) is not None for tok in tokens):
        return None
    return parse_english(text)


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
