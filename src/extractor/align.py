"""Cross-language alignment: pair each English claim with the Chinese claim it reports.

The alignment record (../shared/spec/claims.md): one row per English claim (`match`, `value_mismatch`,
`unsupported`) and one per Chinese claim nothing matched (`zh_only`), with a score 0..1 and a note.

How a pair is scored (every signal is a matrix over English x Chinese claims, blocked by unit family):
- indicator agreement: the Chinese indicator's jieba words are rendered into English through the glossary
  and CC-CEDICT; the share of (IDF-weighted) Chinese words whose renderings occur among the English claim's
  indicator and nearby words, and the share of English indicator words found among the renderings;
- value: equal within what the qualifiers and the written precision allow, or different in a way that
  has a known cause (a power-of-ten scale slip, percent against percentage points, a growth rate against
  a level, rounding beyond tolerance);
- period, role, entity, modality and qualifier agreement;
- for a full translation only (claims of both sides in the same order over the document), closeness of
  the relative position in the document, as a weak signal.
A value alone never makes a pair: a pair needs the indicator to agree. Pairs are assigned globally one to
one (scipy's linear_sum_assignment) on the combined score.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import regex
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from . import lexicon

ALIGNMENT_COLUMNS: list[str] = ["en_claim_id", "zh_claim_id", "status", "score", "note"]
STATUSES = ("match", "value_mismatch", "unsupported", "zh_only")

# Units that may stand against one another (a pair across them is a discrepancy: % against pp).
_UNIT_FAMILY = {"%": "ratio", "pp": "ratio"}

# Value relation codes.
AGREE, SLIP, PCT_PP, GROWTH_LEVEL, ROUNDING, FAR = range(6)
_VALUE_SCORE = {AGREE: 1.0, SLIP: 0.55, PCT_PP: 0.6, GROWTH_LEVEL: 0.5, ROUNDING: 0.35, FAR: 0.0}

# Thresholds (tuned on the development years of the Government Work Report and the corpus pair).
MIN_INDICATOR = 0.3        # a pair with agreeing values needs at least this indicator agreement
MIN_INDICATOR_MISMATCH = 0.5  # a pair whose values disagree needs a clearly agreeing indicator
MIN_SCORE = 0.45
MIN_SCORE_FULL = 0.55      # a full translation: a pair far from its place in the document needs more
QUALIFIER_SLACK = 0.05     # over/nearly/under against a plain figure: this far in the direction allowed
FAR_HIT = 0.6              # a Chinese word found only in the wider English clause counts this much
ROUNDING_REL = 0.12        # relative gap still called "rounding beyond tolerance"

_ZH_SCALES = [("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6),
              ("万", 1e4), ("千", 1e3)]
_EN_SCALES = [("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3), ("bn", 1e9),
              ("mln", 1e6)]

_STOP = frozenset("""a an the of and or in on at to for from by with as into its their his her our this that these
those be is are was were been being has have had it which who whom whose than then so such some any each
other over more less about around nearly almost approximately under exceed exceeded exceeding reach reached
reaching up down per cent percent percentage point points total year years yuan rmb also well while after
before during when where there here not no one's sb sth etc e.g. i.e. used abbr lit fig also kind of
expected projected estimated target first second third new one two three four five six seven eight nine ten
hundred thousand million billion trillion half quarter quarters month months week day annual annually""".split())

# Words of change near a figure: a claim read as a level beside them may well be a growth rate.
_EN_GROWTH = regex.compile(r"\b(?:increas\w*|ris\w*|rose|gr[eo]w\w*|up|fell|fall\w*|down|declin\w*|drop\w*|"
                           r"decreas\w*|reduc\w*|rais\w*|higher|lower|annual|average|inflation|cut\w*)\b",
                           regex.IGNORECASE)
_ZH_GROWTH = regex.compile(r"增长|增加|提高|提升|上涨|涨幅|下降|降低|减少|年均|增速|增幅")
_EN_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}&'\-]*")
_NUMBER = regex.compile(r"\d[\d,，]*(?:\.\d+)?")


# ---------------------------------------------------------------- words

@lru_cache(maxsize=200000)
def _stem(word: str) -> str:
    """A light normaliser: lower case, plural and verb endings stripped, cut to five letters."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ied", "y"), ("ed", ""), ("es", ""),
                         ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith(("ss", "us", "is")):
            w = w[: len(w) - len(suffix)] + repl
            break
    return w[:5]


@lru_cache(maxsize=200000)
def en_terms(text: str) -> tuple[str, ...]:
    """Content-word stems of an English text (stop words and numbers dropped)."""
    out = []
    for m in _EN_WORD.finditer(text):
        word = m.group().lower()
        for part in word.split("-"):
            if len(part) > 1 and part not in _STOP:
                out.append(_stem(part))
    return tuple(out)


@lru_cache(maxsize=100000)
def _word_glosses(word: str) -> frozenset[str]:
    """English stems of every rendering of a Chinese word (glossary and CC-CEDICT); the word itself
    when it is not Chinese (AI, GDP, 5G)."""
    if not regex.search(r"\p{Han}", word):
        return frozenset(en_terms(word)) or frozenset([word.lower()])
    stems: set[str] = set()
    for gloss in lexicon.english_glosses(word):
        stems.update(en_terms(gloss))
    if not stems and len(word) > 1:  # an unknown word: its dictionary sub-words, else its characters
        for part in _sub_words(word):
            glosses = lexicon.english_glosses(part)
            for gloss in (glosses if len(part) > 1 else glosses[:3]):
                stems.update(en_terms(gloss))
    return frozenset(stems)


def _sub_words(word: str) -> list[str]:
    """A word the dictionaries lack, cut into the longest pieces they know (中央财政 -> 中央, 财政)."""
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            piece = word[i:j]
            if j - i == 1 or (piece != word and (piece in lexicon.glossary() or piece in lexicon.cedict())):
                out.append(piece)
                i = j
                break
    return out


_ZH_SKIP = frozenset("的 了 和 与 及 等 其中 占 达 为 是 在 中 比 较 年 全 总 各 该 已 将 对 个 项 家 万 亿 元".split())


@lru_cache(maxsize=100000)
def zh_words(text: str) -> tuple[str, ...]:
    """Content words of a Chinese indicator: jieba words, punctuation, digits and function words dropped."""
    out = []
    for w in lexicon.words(text):
        if w in _ZH_SKIP or not regex.search(r"[\p{Han}\p{L}]", w) or regex.fullmatch(r"\d+", w):
            continue
        out.append(w)
    return tuple(out)


def _clause_window(sentence: str, surface: str, before: int, after: int, zh: bool,
                   wide: bool = False) -> tuple[str, str]:
    """The text of the clause around the mention: up to `before`/`after` characters, cut at clause
    punctuation and at the neighbouring numbers."""
    pos = sentence.find(surface) if surface else -1
    if pos < 0:
        return "", ""
    left = sentence[max(0, pos - before):pos]
    right = sentence[pos + len(surface):pos + len(surface) + after]
    stops = r"[，；;：:。（）()\[\]！？!?]" if zh else r"[;:()\[\]!?]|,\s|\s-\s|\s–\s"
    if wide:
        stops = r"[;:()\[\]!?]|\s-\s|\s–\s"
    left = regex.split(stops, left)[-1]
    right = regex.split(stops, right)[0]
    if wide:
        return left, right
    left = regex.split(r"\d[\d,.]*", left)[-1] if not zh else regex.split(r"\d[\d,.]*\s*\S?", left)[-1]
    right = regex.split(r"\d", right)[0]
    return left, right


# ---------------------------------------------------------------- values

def _ulp(surface: str, value: float) -> float:
    """Half the last written digit of a mention, in base units (1.2万亿 -> 0.05e12; 6,000 -> 500)."""
    m = _NUMBER.search(surface or "")
    if not m or not value or not math.isfinite(value):
        return abs(value) * 0.005 if value and math.isfinite(value) else 0.0
    digits = m.group().replace(",", "").replace("，", "")
    try:
        number = float(digits)
    except ValueError:
        return abs(value) * 0.005
    if number == 0:
        return 0.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        stripped = digits.rstrip("0")
        step = 10.0 ** min(len(digits) - len(stripped), 3) if stripped else 1.0
        # trailing zeros may be rounding (6,000 for 6,012) but not by more than a few percent
        step = min(step, 0.05 * abs(number))
    return 0.5 * step * abs(value / number)


def _written_number(surface: str) -> float:
    """The number as written in a mention, before any scale word (178 万副 -> 178); NaN for words."""
    m = _NUMBER.search(surface or "")
    if not m:
        return math.nan
    try:
        return float(m.group().replace(",", "").replace("，", ""))
    except ValueError:
        return math.nan


def _scale_word(surface: str, zh: bool) -> tuple[str, float]:
    text = surface or ""
    for word, factor in (_ZH_SCALES if zh else _EN_SCALES):
        if (word in text) if zh else regex.search(rf"\b{word}\b", text, regex.IGNORECASE):
            return word, factor
    return "", 1.0


_QUAL = {"exact": 0, "over": 1, "about": 2, "nearly": 3, "under": 4, "range": 5}


def _value_relation(en: pd.DataFrame, zh: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(code matrix, log10 ratio matrix) of English x Chinese values; codes AGREE..FAR."""
    ve = en["value"].to_numpy(float)[:, None]
    vz = zh["value"].to_numpy(float)[None, :]
    le, he = en["value_low"].to_numpy(float)[:, None], en["value_high"].to_numpy(float)[:, None]
    lz, hz = zh["value_low"].to_numpy(float)[None, :], zh["value_high"].to_numpy(float)[None, :]
    le, he = np.where(np.isnan(le), ve, le), np.where(np.isnan(he), ve, he)
    lz, hz = np.where(np.isnan(lz), vz, lz), np.where(np.isnan(hz), vz, hz)
    ue = en["_ulp"].to_numpy(float)[:, None]
    uz = zh["_ulp"].to_numpy(float)[None, :]
    qe = en["_q"].to_numpy(int)[:, None]
    qz = zh["_q"].to_numpy(int)[None, :]
    tol = np.maximum(ue, uz) * 1.0001 + 1e-9 * np.maximum(np.abs(ve), np.abs(vz))
    diff = ve - vz
    agree = np.abs(diff) <= tol
    # ranges overlap
    agree |= (le - tol <= hz) & (lz - tol <= he) & ((qe == 5) | (qz == 5))
    rel = np.abs(diff) / np.maximum(np.maximum(np.abs(ve), np.abs(vz)), 1e-12)
    # qualifier slack: about +-5 %; over/nearly/under: the direction the qualifier allows, up to 10 %
    about = (qe == 2) | (qz == 2)
    agree |= about & (rel <= 0.05)
    # en "over X" against zh exact Y >= X (and vice versa); "nearly X" against Y <= X; "under" likewise
    slack = QUALIFIER_SLACK
    agree |= (qe == 1) & (qz != 1) & (vz >= ve - tol) & (rel <= slack)
    agree |= (qz == 1) & (qe != 1) & (ve >= vz - tol) & (rel <= slack)
    agree |= ((qe == 3) | (qe == 4)) & (qz != qe) & (vz <= ve + tol) & (rel <= slack)
    agree |= ((qz == 3) | (qz == 4)) & (qe != qz) & (ve <= vz + tol) & (rel <= slack)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log10(np.abs(ve) / np.abs(vz))
    ratio = np.where(np.isfinite(ratio), ratio, 0.0)
    k = np.rint(ratio)
    # a scale slip: off by a power of ten (1..4) while the written numbers agree within rounding
    scaled_tol = tol / np.maximum(np.abs(vz), 1e-12) + 1e-9
    slip = (np.abs(k) >= 1) & (np.abs(k) <= 4) & \
        (np.abs(np.abs(ve) / np.maximum(np.abs(vz), 1e-300) / 10.0 ** k - 1) <= np.maximum(scaled_tol, 0.002))
    # ... and only when the written digits are the same (178 万 / 178 million; not 1000 万 / 100 million)
    ne = en["_num"].to_numpy(float)[:, None]
    nz = zh["_num"].to_numpy(float)[None, :]
    slip &= np.abs(ne - nz) <= 0.005 * np.maximum(np.abs(ne), np.abs(nz)) + 1e-12
    same_sign = np.sign(ve) == np.sign(vz)
    code = np.full(diff.shape, FAR, dtype=np.int8)
    code[(rel <= ROUNDING_REL) & same_sign] = ROUNDING
    code[slip & same_sign] = SLIP
    code[agree] = AGREE
    return code, ratio


# ---------------------------------------------------------------- small categorical signals

def _years(period: str) -> frozenset[str]:
    found = regex.findall(r"(?:19|20)\d\d", period or "")
    if ".." in (period or "") and len(found) == 2 and "-" not in period.split("..")[0][4:]:
        a, b = int(found[0]), int(found[1])
        if 0 <= b - a <= 30:
            return frozenset(str(y) for y in range(a, b + 1))
    return frozenset(found)


@lru_cache(maxsize=65536)
def _period_agreement(a: str, b: str) -> float:
    if not a or not b:
        return 0.5
    if a == b:
        return 1.0
    ya, yb = _years(a), _years(b)
    if not ya or not yb:
        return 0.5
    if ya == yb:
        return 0.8
    if ya & yb:
        return 0.4
    return 0.0


_ROLE_NEAR = {frozenset(["level", "change"]): 0.3, frozenset(["growth_rate", "cagr"]): 0.5,
              frozenset(["growth_rate", "change"]): 0.3, frozenset(["level", "share"]): 0.5}


def _role_agreement(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return _ROLE_NEAR.get(frozenset([a, b]), 0.0)


_ENTITY_EN = {"中国": "china", "我国": "china", "全国": "china", "国内": "china", "全球": "world",
              "世界": "world", "国际": "world"}


@lru_cache(maxsize=4096)
def _entity_key(entity: str, zh: bool) -> str:
    e = (entity or "").strip()
    if not e:
        return ""
    if zh:
        if e in _ENTITY_EN:
            return _ENTITY_EN[e]
        renderings = lexicon.english_glosses(e)
        return en_terms(renderings[0])[0] if renderings and en_terms(renderings[0]) else e
    low = e.lower()
    if low in ("global", "world", "worldwide", "the world"):
        return "world"
    terms = en_terms(low)
    return terms[0] if terms else low


def _pair_table(values_a: list[str], values_b: list[str], func) -> np.ndarray:
    """A matrix func(a_i, b_j) computed once per distinct pair of values."""
    ua, ia = np.unique(np.asarray(values_a, dtype=object).astype(str), return_inverse=True)
    ub, ib = np.unique(np.asarray(values_b, dtype=object).astype(str), return_inverse=True)
    table = np.array([[func(a, b) for b in ub] for a in ua], dtype=float).reshape(len(ua), len(ub))
    return table[np.ix_(ia.ravel(), ib.ravel())]


# ---------------------------------------------------------------- preparation

@dataclass
class _Side:
    frame: pd.DataFrame
    ind: list[tuple[str, ...]]       # indicator words (zh) or stems (en)
    ctx: list[tuple[str, ...]]       # words or stems of the clause around the mention
    far: list[tuple[str, ...]]       # English: stems of the wider clause (numbers and commas not cut)
    pos: np.ndarray                  # relative position in the document, 0..1


def _prepare(frame: pd.DataFrame, zh: bool, text: str | None) -> _Side:
    frame = frame.reset_index(drop=True).copy()
    for col in ("surface", "unit", "role", "period", "entity", "modality", "qualifier", "indicator",
                "sentence", "claim_id"):
        if col not in frame.columns:
            frame[col] = ""
        frame[col] = frame[col].fillna("").astype(str)
    for col in ("value", "value_low", "value_high"):
        if col not in frame.columns:
            frame[col] = np.nan
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    if "start" not in frame.columns:
        frame["start"] = np.arange(len(frame))
    frame["_ulp"] = [_ulp(s, v) for s, v in zip(frame["surface"], frame["value"])]
    frame["_q"] = [_QUAL.get(q, 0) for q in frame["qualifier"]]
    frame["_num"] = [_written_number(s) for s in frame["surface"]]
    frame["_family"] = [_UNIT_FAMILY.get(u, u) for u in frame["unit"]]
    ind, ctx, far = [], [], []
    for indicator, sentence, surface in zip(frame["indicator"], frame["sentence"], frame["surface"]):
        if zh:
            left, right = _clause_window(sentence, surface, 14, 6, zh=True)
            ind.append(zh_words(indicator))
            ctx.append(zh_words(left + " " + right))
            far.append(())
        else:
            left, right = _clause_window(sentence, surface, 70, 40, zh=False)
            far_left, far_right = _clause_window(sentence, surface, 160, 60, zh=False, wide=True)
            ind.append(en_terms(indicator))
            ctx.append(en_terms(left + " " + right))
            far.append(en_terms(far_left + " " + far_right))
    cues = _ZH_GROWTH if zh else _EN_GROWTH
    frame["_cue"] = [bool(cues.search(sentence_window)) for sentence_window in
                     (" ".join(_clause_window(se, su, 24 if zh else 90, 12 if zh else 40, zh=zh))
                      for se, su in zip(frame["sentence"], frame["surface"]))]
    starts = pd.to_numeric(frame["start"], errors="coerce").fillna(0).to_numpy(float)
    if text:
        newlines = np.array([i for i, ch in enumerate(text) if ch == "\n"], dtype=float)
        lines = max(len(newlines), 1)
        pos = np.searchsorted(newlines, starts) / lines
    else:
        pos = starts / max(float(starts.max()) if len(starts) else 1.0, 1.0)
    return _Side(frame, ind, ctx, far, pos)


def _idf(bags: list[tuple[str, ...]]) -> dict[str, float]:
    df: dict[str, int] = {}
    for bag in bags:
        for t in set(bag):
            df[t] = df.get(t, 0) + 1
    n = max(len(bags), 1)
    return {t: max(0.25, math.log((n + 1) / (c + 0.5))) for t, c in df.items()}


def _indicator_agreement(en: _Side, zh: _Side, en_rows: np.ndarray, zh_rows: np.ndarray,
                         en_idf: dict[str, float], zh_idf: dict[str, float]) -> np.ndarray:
    """Indicator agreement of English rows x Chinese rows, 0..1 (see module docstring)."""
    stems: dict[str, int] = {}
    words: dict[str, int] = {}

    def sid(t: str) -> int:
        return stems.setdefault(t, len(stems))

    def wid(w: str) -> int:
        return words.setdefault(w, len(words))

    # English: bag (indicator + clause) as 0/1, and indicator weights (clause words count half)
    eb_r, eb_c, eb_v, ew_r, ew_c, ew_v = [], [], [], [], [], []
    for r, i in enumerate(en_rows):
        weights: dict[str, float] = {}
        for t in en.ctx[i]:
            weights[t] = max(weights.get(t, 0.0), 0.5 * en_idf.get(t, 1.0))
        for t in en.ind[i]:
            weights[t] = en_idf.get(t, 1.0)
        total = sum(weights.values()) or 1.0
        bag = {t: FAR_HIT for t in en.far[i]}
        bag.update({t: 1.0 for t in weights})
        for t, w in weights.items():
            ew_r.append(r)
            ew_c.append(sid(t))
            ew_v.append(w / total)
        for t, v in bag.items():
            eb_r.append(r)
            eb_c.append(sid(t))
            eb_v.append(v)
    # Chinese: indicator words with weights (recall side); bag of renderings of indicator + clause words
    zw_r, zw_c, zw_v = [], [], []
    zb_words: list[set[int]] = []
    for r, j in enumerate(zh_rows):
        weights = {w: zh_idf.get(w, 1.0) for w in zh.ind[j]}
        if not weights:
            weights = {w: 0.5 * zh_idf.get(w, 1.0) for w in zh.ctx[j]}
        total = sum(weights.values()) or 1.0
        for w, v in weights.items():
            zw_r.append(r)
            zw_c.append(wid(w))
            zw_v.append(v / total)
        zb_words.append({wid(w) for w in zh.ind[j]} | {wid(w) for w in zh.ctx[j]})
    g_r, g_c = [], []
    for w, k in list(words.items()):
        for t in _word_glosses(w):
            g_r.append(k)
            g_c.append(sid(t))
    n_e, n_z, n_w, n_s = len(en_rows), len(zh_rows), max(len(words), 1), max(len(stems), 1)
    E = sparse.csr_matrix((eb_v, (eb_r, eb_c)), shape=(n_e, n_s))
    Ew = sparse.csr_matrix((ew_v, (ew_r, ew_c)), shape=(n_e, n_s))
    G = sparse.csr_matrix((np.ones(len(g_r)), (g_r, g_c)), shape=(n_w, n_s))
    G.data[:] = 1.0
    Zw = sparse.csr_matrix((zw_v, (zw_r, zw_c)), shape=(n_z, n_w))
    zb_r = [r for r, ws in enumerate(zb_words) for _ in ws]
    zb_c = [k for ws in zb_words for k in ws]
    Zwords = sparse.csr_matrix((np.ones(len(zb_r)), (zb_r, zb_c)), shape=(n_z, n_w))
    hits = (E @ G.T).tocsr()               # en x words: a rendering of the word is in the English bag
    hits.data = np.minimum(hits.data, 1.0)
    recall = (hits @ Zw.T).toarray()       # en x zh
    zbag = Zwords @ G                      # zh x stems
    zbag.data[:] = 1.0
    precision = (Ew @ zbag.T).toarray()    # en x zh
    return np.clip(0.6 * recall + 0.4 * precision, 0.0, 1.0)


# ---------------------------------------------------------------- notes

def _fmt(value: float) -> str:
    if value is None or not math.isfinite(value):
        return "?"
    if abs(value) >= 1e4 or (value and abs(value) < 1e-2):
        return f"{value:.4g}"
    return f"{value:g}"


def _sci(x: float) -> str:
    return f"1e{int(round(math.log10(x)))}"


def _slip_note(en_row: pd.Series, zh_row: pd.Series, k: int) -> str:
    factor = f"×{10 ** k:g}" if k > 0 else f"×1/{10 ** -k:g}"
    zw, zf = _scale_word(zh_row["surface"], zh=True)
    ew, ef = _scale_word(en_row["surface"], zh=False)
    if zw and ew and round(math.log10(ef / zf)) == k:
        return f"{factor}: {zw} ({_sci(zf)}) rendered as {ew} ({_sci(ef)})"
    if zw and not ew:
        return f"{factor}: {zw} ({_sci(zf)}) dropped or misread in English"
    if ew and not zw:
        return f"{factor}: {ew} ({_sci(ef)}) added in English where Chinese has no such scale"
    return f"{factor}: values differ by a power of ten (scale slip)"


def _pair_note(status: str, kind: int, en_row: pd.Series, zh_row: pd.Series, k: int, shared: str) -> str:
    both = f"zh {zh_row['surface']} ({_fmt(zh_row['value'])} {zh_row['unit']}) / en {en_row['surface']} " \
           f"({_fmt(en_row['value'])} {en_row['unit']})"
    about = f"; indicator: {zh_row['indicator']} ~ {en_row['indicator'] or '(none)'}"
    if shared:
        about += f" [{shared}]"
    if status == "match":
        extra = ""
        if en_row["period"] and zh_row["period"] and _period_agreement(en_row["period"], zh_row["period"]) < 0.8:
            extra = f"; period differs: zh {zh_row['period']} / en {en_row['period']}, check"
        return f"same value: {both}{about}{extra}"
    if kind == SLIP:
        return f"{_slip_note(en_row, zh_row, k)}; {both}{about}"
    if kind == PCT_PP:
        return f"percent against percentage points: {both}{about}"
    if kind == GROWTH_LEVEL:
        return f"growth rate against level: zh gives a {zh_row['role']}, en a {en_row['role']}; {both}{about}"
    if kind == ROUNDING:
        gap = abs(en_row["value"] - zh_row["value"]) / max(abs(zh_row["value"]), 1e-12) * 100
        return f"rounding beyond tolerance ({gap:.1f}% apart, more than the qualifiers and written " \
               f"precision allow): {both}{about}"
    return f"value differs: {both}{about}"


# ---------------------------------------------------------------- alignment

def _is_full_translation(en: _Side, zh: _Side, texts_given: bool, parallel: bool | None) -> bool:
    if parallel is not None:
        return parallel
    n_e, n_z = len(en.frame), len(zh.frame)
    return texts_given and n_e >= 20 and n_z >= 20 and 0.4 <= n_e / n_z <= 2.5


def _lines(text: str | None) -> int:
    return text.count("\n") if text else 0


def align(zh_claims: pd.DataFrame, en_claims: pd.DataFrame, *, zh_text: str | None = None,
          en_text: str | None = None, parallel: bool | None = None) -> pd.DataFrame:
    """Align the claims of a Chinese document with those of an English one.

    Returns the alignment record (ALIGNMENT_COLUMNS): one row per English claim and one per Chinese claim
    that no English claim matched, mismatches and unsupported claims first. Claims whose `lang` is not the
    side's language (a Chinese headline quoted in an English page) are left out. `zh_text`/`en_text` (the
    documents' texts) allow the relative-position signal of a full translation; `parallel` forces that
    mode on or off (default: on when both texts are given and the claim counts are comparable).
    """
    if "lang" in en_claims.columns:
        en_claims = en_claims[en_claims["lang"].fillna("en") == "en"]
    if "lang" in zh_claims.columns:
        zh_claims = zh_claims[zh_claims["lang"].fillna("zh") == "zh"]
    en_claims = en_claims[pd.to_numeric(en_claims.get("value"), errors="coerce").notna()] \
        if len(en_claims) else en_claims
    zh_claims = zh_claims[pd.to_numeric(zh_claims.get("value"), errors="coerce").notna()] \
        if len(zh_claims) else zh_claims
    line_parallel = bool(zh_text and en_text and _lines(zh_text) == _lines(en_text))
    en = _prepare(en_claims, zh=False, text=en_text if line_parallel else None)
    zh = _prepare(zh_claims, zh=True, text=zh_text if line_parallel else None)
    full = _is_full_translation(en, zh, bool(zh_text and en_text), parallel)
    # the width of "near" in relative position: a couple of lines for line-parallel texts
    width = 1.5 / max(_lines(zh_text), 1) if line_parallel else 0.01
    min_score = MIN_SCORE_FULL if full else MIN_SCORE
    en_idf = _idf([a + b for a, b in zip(en.ind, en.ctx)])
    zh_idf = _idf(zh.ind)

    n_e, n_z = len(en.frame), len(zh.frame)
    best_partner = np.full(n_e, -1)       # for notes on unsupported claims
    best_partner_ind = np.zeros(n_e)
    pairs: list[tuple[int, int, float, int, int]] = []   # en, zh, score, kind, k

    fam_e = en.frame["_family"].to_numpy(object)
    fam_z = zh.frame["_family"].to_numpy(object)
    for family in sorted(set(fam_e) & set(fam_z)):
        er = np.flatnonzero(fam_e == family)
        zr = np.flatnonzero(fam_z == family)
        ef, zf = en.frame.iloc[er], zh.frame.iloc[zr]
        ind = _indicator_agreement(en, zh, er, zr, en_idf, zh_idf)
        code, ratio = _value_relation(ef, zf)
        same_unit = ef["unit"].to_numpy(object)[:, None] == zf["unit"].to_numpy(object)[None, :]
        kind = code.copy()
        # percent against percentage points: same number, the other unit
        kind[(~same_unit) & (code == AGREE)] = PCT_PP
        kind[(~same_unit) & (code != AGREE)] = FAR
        # a growth rate against a level (or share): same number and unit, other role
        role_e = ef["role"].to_numpy(object)[:, None]
        role_z = zf["role"].to_numpy(object)[None, :]
        growth_e = np.isin(role_e, ["growth_rate", "cagr"])
        growth_z = np.isin(role_z, ["growth_rate", "cagr"])
        # a "level" whose clause speaks of change (rise, 增长) is not evidence of a level: roles are fragile
        static_e = np.isin(role_e, ["level", "share"]) & ~ef["_cue"].to_numpy(bool)[:, None]
        static_z = np.isin(role_z, ["level", "share"]) & ~zf["_cue"].to_numpy(bool)[None, :]
        gl = (kind == AGREE) & same_unit & ((growth_e & static_z) | (static_e & growth_z)) & (ef["unit"].to_numpy(
            object)[:, None] == "%")
        kind[gl] = GROWTH_LEVEL
        period = _pair_table(list(ef["period"]), list(zf["period"]), _period_agreement)
        role = _pair_table(list(ef["role"]), list(zf["role"]), _role_agreement)
        ent = _pair_table([_entity_key(e, False) for e in ef["entity"]],
                          [_entity_key(e, True) for e in zf["entity"]],
                          lambda a, b: 0.5 if not a or not b else float(a == b))
        modal = _pair_table(list(ef["modality"]), list(zf["modality"]), lambda a, b: 1.0 if a == b else 0.5)
        qual = (ef["_q"].to_numpy()[:, None] == zf["_q"].to_numpy()[None, :]).astype(float)
        value_score = np.vectorize(_VALUE_SCORE.get, otypes=[float])(kind)
        score = 0.5 * ind + 0.25 * value_score + 0.1 * period + 0.05 * role + 0.04 * ent + 0.03 * modal \
            + 0.03 * qual
        if full:
            gap = np.abs(en.pos[er][:, None] - zh.pos[zr][None, :])
            score = 0.85 * score + 0.15 * np.exp(-((gap / width) ** 2))
        mismatch_ok = (ind >= MIN_INDICATOR_MISMATCH) & (period >= 0.4) & (ent > 0)
        # figures of different years need a clearly agreeing indicator even when the values agree
        agree_ok = (ind >= MIN_INDICATOR) & ((period > 0) | (ind >= MIN_INDICATOR_MISMATCH))
        allowed = ((kind == AGREE) & agree_ok) | \
            ((kind == SLIP) & mismatch_ok & (role > 0)) | \
            (np.isin(kind, [PCT_PP, GROWTH_LEVEL]) & mismatch_ok) | \
            ((kind == ROUNDING) & mismatch_ok & (ind >= MIN_INDICATOR_MISMATCH + 0.15) & (period >= 0.8)
             & (role == 1.0))
        allowed &= score >= min_score
        if full:  # in a full translation a pair far from its place needs a clearly agreeing indicator
            allowed &= (gap <= 10 * width) | (ind >= MIN_INDICATOR_MISMATCH)
        # remember each English claim's most similar Chinese claim (for the note of an unsupported claim)
        if ind.size:
            top = ind.argmax(axis=1)
            better = ind[np.arange(len(er)), top] > best_partner_ind[er]
            best_partner[er[better]] = zr[top[better]]
            best_partner_ind[er[better]] = ind[np.arange(len(er)), top][better]
        if not allowed.any():
            continue
        rows_any = np.flatnonzero(allowed.any(axis=1))
        cols_any = np.flatnonzero(allowed.any(axis=0))
        sub = np.where(allowed[np.ix_(rows_any, cols_any)], score[np.ix_(rows_any, cols_any)], 0.0)
        ri, ci = linear_sum_assignment(-sub)
        for a, b in zip(ri, ci):
            if sub[a, b] <= 0:
                continue
            i, j = rows_any[a], cols_any[b]
            pairs.append((er[i], zr[j], float(score[i, j]), int(kind[i, j]), int(np.rint(ratio[i, j]))))

    rows = []
    matched_en, matched_zh = {}, set()
    for i, j, s, kind, k in pairs:
        matched_en[i] = (j, s, kind, k)
        matched_zh.add(j)
    for i in range(n_e):
        e = en.frame.iloc[i]
        if i in matched_en:
            j, s, kind, k = matched_en[i]
            z = zh.frame.iloc[j]
            status = "match" if kind == AGREE else "value_mismatch"
            shared = _shared_words(en, zh, i, j)
            rows.append((e["claim_id"], z["claim_id"], status, round(min(max(s, 0.0), 1.0), 3),
                         _pair_note(status, kind, e, z, k, shared), e["start"]))
        else:
            note = f"no Chinese claim states this: en {e['surface']} ({_fmt(e['value'])} {e['unit']}, " \
                   f"{e['indicator'] or 'no indicator'})"
            j = best_partner[i]
            if j >= 0 and best_partner_ind[i] >= MIN_INDICATOR:
                z = zh.frame.iloc[j]
                note += f"; closest by indicator: zh {z['surface']} {z['indicator']} (value or unit differs)"
            else:
                note += "; no Chinese claim with a similar indicator and unit"
            rows.append((e["claim_id"], "", "unsupported", 0.0, note, e["start"]))
    for j in range(n_z):
        if j not in matched_zh:
            z = zh.frame.iloc[j]
            rows.append(("", z["claim_id"], "zh_only", 0.0,
                         f"not reported in the English text: zh {z['surface']} {z['indicator']}",
                         10 ** 12 + int(z["start"])))
    out = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS + ["_order"])
    priority = {"value_mismatch": 0, "unsupported": 1, "match": 2, "zh_only": 3}
    out["_p"] = out["status"].map(priority)
    out = out.sort_values(["_p", "_order"], kind="stable").drop(columns=["_p", "_order"])
    out["score"] = out["score"].astype(float)
    return out.reset_index(drop=True)


def _shared_words(en: _Side, zh: _Side, i: int, j: int) -> str:
    bag = set(en.ind[i]) | set(en.ctx[i])
    shared = [w for w in zh.ind[j] if _word_glosses(w) & bag]
    return ", ".join(shared[:6])
