"""Numeral parsing: unit tests of the written forms, and round-trip property tests with hypothesis."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.numerals import normalize_digits, parse_arabic, parse_chinese, parse_english, parse_english_fraction


def close(a, b):
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("text,value", [
    ("1,590", 1590), ("１２３", 123), ("28.5", 28.5), ("-3", -3), ("2e5", 2e5), ("2^5", 32), (".5", 0.5),
    ("１，２３４．５", 1234.5),
])
def test_arabic(text, value):
    assert close(parse_arabic(text), value)


@pytest.mark.parametrize("text,value", [
    ("三千二百万", 3.2e7), ("两千零五", 2005), ("十二", 12), ("壹佰贰拾", 120), ("負五", -5), ("负五", -5),
    ("一点五", 1.5), ("〇", 0), ("二〇二五", 2025), ("1.2万亿", 1.2e12), ("3千万", 3e7), ("三千五", 3500),
    ("一万五", 15000), ("一亿三千万", 1.3e8), ("四万万", 4e8), ("四萬萬", 4e8), ("5万4千6百", 54600),
    ("一万零十二", 10012), ("零十", 10), ("三分之二", 2 / 3), ("一又二分之一", 1.5), ("一点五万", 15000),
    ("肆佰陸拾", 460), ("兩千", 2000), ("五兆六十二亿四万五千二", 5006200045200), ("万分之三", 0.0003),
])
def test_chinese(text, value):
    assert close(parse_chinese(text), value)


@pytest.mark.parametrize("text", ["十四五", "万", "万万", "两两", "数万", "十几万", "", "五十千"])
def test_chinese_not_a_number(text):
    assert parse_chinese(text) is None


@pytest.mark.parametrize("text,value", [
    ("six", 6), ("twenty-five", 25), ("one hundred and five", 105), ("a dozen", 12), ("1.2 trillion", 1.2e12),
    ("13.1 million", 1.31e7), ("5bn", 5e9), ("300k", 3e5), ("two hundred point zero three", 200.03),
    ("one and a half", 1.5), ("half a dozen", 6), ("three quarters billion", 7.5e8),
    ("two thousand and twenty", 2020), ("a hundred thousand", 1e5),
])
def test_english(text, value):
    assert close(parse_english(text), value)


@pytest.mark.parametrize("text", ["dozens", "five six", "twenty ten", "hello"])
def test_english_not_a_number(text):
    assert parse_english(text) is None


@pytest.mark.parametrize("text,value", [
    ("one third", 1 / 3), ("two-thirds", 2 / 3), ("half", 0.5), ("a half", 0.5), ("three quarters", 0.75),
    ("a hundredth", 0.01), ("three twenty-firsts", 3 / 21),
])
def test_english_fraction(text, value):
    assert close(parse_english_fraction(text), value)


def test_normalize_keeps_length():
    s = "１２３，４５６．７８％ 萬億兩"
    assert len(normalize_digits(s)) == len(s)
    assert normalize_digits(s).startswith("123,456.78%")


# --- renderers written for the property tests -----------------------------------------------------------------

_ZH_DIGITS = "零一二三四五六七八九"


def _zh_below_10000(n: int, leading: bool) -> str:
    """0 < n < 10000 in Chinese: 3205 -> 三千二百零五; `leading` allows 十 for 10-19."""
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == "十" and d == 1 and leading and not out):
            out.append(_ZH_DIGITS[d])
        out.append(unit)
    return "".join(out)


def render_chinese(n: int) -> str:
    """A non-negative integer as a Chinese numeral with 万 and 亿: 120034 -> 十二万零三十四."""
    if n == 0:
        return "零"
    groups = [(n // 10**8) % 10**4, (n // 10**4) % 10**4, n % 10**4]
    scales = ["亿", "万", ""]
    out: list[str] = []
    pending_zero = False
    for g, s in zip(groups, scales):
        if g == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out.append("零")
        out.append(_zh_below_10000(g, leading=not out) + s)
        pending_zero = False
    return "".join(out)


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en_below_1000(n: int) -> str:
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(_TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def render_english(n: int) -> str:
    if n == 0:
        return "zero"
    parts = []
    for value, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk = n // value % 1000
        if chunk:
            parts.append(_en_below_1000(chunk) + (" " + name if name else ""))
    return " ".join(parts)


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_roundtrip(n):
    assert parse_chinese(render_chinese(n)) == n


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿", "万亿"]))
def test_chinese_scale_word_roundtrip(n, scale):
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12}[scale]
    assert close(parse_chinese(render_chinese(n) + scale), n * factor)
    assert close(parse_chinese(f"{n}{scale}"), n * factor)


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万", "亿"]))
def test_decimal_with_scale_roundtrip(d, scale):
    factor = {"万": 1e4, "亿": 1e8}[scale]
    assert close(parse_chinese(f"{d}{scale}"), float(d) * factor)


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_english_roundtrip(n):
    assert parse_english(render_english(n)) == n


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_arabic_roundtrip(d):
    assert close(parse_arabic(f"{d:,}"), float(d))


@pytest.mark.parametrize("text,value", [("66.6亿", 6.66e9), ("1.1万", 11000.0), ("八点三一万亿", 8.31e12)])
def test_scaled_figures_carry_no_float_noise(text, value):
    assert parse_chinese(text) == value   # exact: 66.6 * 1e8 in floats is 6659999999.999999


def test_english_scaled_figures_carry_no_float_noise():
    from extractor.quantities import quantities
    assert [q["number"] for q in quantities("8.31 trillion yuan and 66.6 billion", "en")] == [8.31e12, 6.66e10]
