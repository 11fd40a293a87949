"""Scoring of extractor.quantities against the peer suites in ../shared/peers/ (importable by tests).

Recognizers-Text (RT) specs: a predicted mention counts as a true positive when its span overlaps the
expected span (RT `end` is inclusive, ours exclusive) and its `number` or `value` equals the expected value:
- Number: the numeric value;
- Percent: the value without its `%` sign (our percents are in percent: 28.5, not 0.285);
- NumberRange: the bounds of "[low,high)" style strings; a one-sided bound "(20,)" is matched by a
  mention with qualifier `over` and value 20, "(,20]" by qualifier `under`; the brackets (open/closed)
  are not compared, because the claim contract has no notion of inclusive bounds;
- Currency: the value, and the unit must equal `isoCurrency` when the spec gives one.
Each expected mention takes at most one prediction (one-to-one matching).

Which predictions are scored (precision) depends on the suite's model, as RT's models each return one type:
Number: every mention with a number except dates, percents and percentage points (labels such as 'version two'
count: RT's Number model reads every number, as `quantities` does); Percent: mentions whose
unit is `%` or `pp` (RT reads 个百分点 as a percentage); NumberRange:
ranges and over/under-qualified mentions, and exact mentions stated as an equality (`equal to 20`, `等于1535`,
which RT's range model returns as [20,20]; our contract has no qualifier for it, the figure is simply exact);
Currency: mentions whose unit is a currency code.

Expected Currency and Percent mentions with no value (a bare 'dollar', 'rmb', '%') are not scored: there is no
amount to compare, and the contract reports amounts only.

Cases marked not_supported / not_supported_by_design on Python are scored too (RT ships no Python range
model at all, so skipping them would leave the range suites empty). Cases listed in
tests/peer_exclusions.tsv are left out, with the reason written there.

CQE sets (NewsQuant and the RT-derived dev sets) have no offsets. Each decision below mirrors the CQE
authors' published evaluation (github.com/satya77/CQE_Evaluation, evaluate_models.py: values_match,
calculate_metrics) or the annotation format visible in the four development files; none is taken from
NewsQuant's sentences:
- matching is on values per sentence with numpy.isclose(rtol=1e-5, atol=1e-8), CQE's own tolerance (this
  scorer used rel 1e-3 before; no figure changed with the stricter one);
- a gold range "a-b" needs a predicted range with both bounds, and a gold single value is not matched by a
  range (CQE's values_match compares a tuple with a tuple only); our `number` (the figure as written, before
  unit conversion) or `value` may match, because CQE's gold writes figures as written (59.2 for 59.2 %, 470
  for 470 pence, 3 for 3-inch);
- one-to-one: each gold value takes at most one prediction and each prediction at most one gold value. CQE's
  calculate_metrics can credit one prediction twice when its unit differs from the gold's; this scorer does
  not, so it is never more lenient than CQE's on that point;
- dates, years (also decades: the 1990s), times of day, ordinals and ranks (No. 1, the top 10) are not scored:
  CQE's gold has no such quantities in the dev sets, and they are not amounts; nor are labels (kind `label`:
  a number that names or labels, such as COVID-19, a list item's 2., a 3-1 score), which carry no value;
- multiplying verbs with no figure (doubled, tripled, to double) are not scored: CQE's quantity is a value with
  a unit, its extractor has no reading for these words (number_lookup maps none of them), and none occurs in the
  four development files. Written multiples (2.5 times, threefold) are scored;
- vague plurals of a scale word with no number ('dozens of homes', 'thousands of deals'): CQE's gold gives them
  the scale word's value (dev dimension and currency sets: dozens -> 12, thousands -> 1000). Our contract
  reports them with no value (kind vague, never guessed); the scorer reads such a mention the CQE way, from its
  surface, for single words only (dozens, scores, hundreds, thousands, millions, billions, trillions).
  Compound forms ('tens of thousands') have no documented CQE value and are not scored;
- a movement written 'from A to B' (rose from 3.9 percent to 4.0 percent) is one CQE value 'A-B' in the written
  order: the authors' own few-shot prompt writes 'dogecoin fell from 0.317 to 0.308' as 0.317-0.308
  (vivkaz/CQE, evaluation/gpt-3/gpt3-tag.py), and CQE's rule adp_num_cconj_num_2 ('from 5.7% to 3.4%') reads it
  as a range. Our contract gives the two ends as two figures (the level before and the level reached), so the
  scorer joins two scored predictions into one range when 'from' stands before the first and 'to' in a short
  gap between them, or when the pair stands alone in brackets ('Wales (1.46 to 1.39)', which CQE's adjacent
  'X to Y' rule reads as a range) (join_from_to). Our own sets were annotated the same way;
- a share written 'X in Y' (one in five adults) is scored as the two figures X and Y: CQE's rules read a share only
  from 'X out of Y' and 'X of Y', and our own annotators wrote two counts (split_in_ratio). 'X out of Y' stays one
  share on CQE's sets, as CQE's frac rule reads it, and is two counts on our own sets, as their annotators wrote it
  (benchmarks/data/README.md rule 8): each set is scored by the convention it was annotated with;
- two figures joined by 'or' (four or five players, 8 or 9 dollars), which the extractor reads as one range, are
  scored as two values on CQE's sets: CQE's rules never make a range across 'or' (its `remove_match` drops every
  match spanning 'or' or a comma, vivkaz/CQE CQE.py, the state at the paper's submission), so its two figures stand
  alone. Our own annotators wrote one range (benchmarks/data/README.md), and our sets are scored that way
  (split_or_pair);
- a fraction (one-third, 2/3) matches a gold value written with fewer decimals when our figure rounded to
  those decimals equals it: CQE's gold writes one-third as 0.33 (dev currency set). Only fractions get this
  rounding; every other figure must be close at rtol 1e-5.
"""
from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.numerals import parse_english
from extractor.quantities import quantities

PEERS = Path("/work/shared/peers")
RT_DIR = PEERS / "recognizers-text"
CQE_DIR = PEERS / "cqe"
ROOT = Path(__file__).resolve().parents[1]
EXCLUSIONS = ROOT / "tests" / "peer_exclusions.tsv"

RT_SUITES = {
    "zh Number": ("zh_Number_NumberModel.jsonl", "zh", "number"),
    "zh Percent": ("zh_Number_PercentModel.jsonl", "zh", "percent"),
    "zh NumberRange": ("zh_Number_NumberRangeModel.jsonl", "zh", "range"),
    "zh Currency": ("zh_NumberWithUnit_CurrencyModel.jsonl", "zh", "currency"),
    "en Number": ("en_Number_NumberModel.jsonl", "en", "number"),
    "en Percent": ("en_Number_PercentModel.jsonl", "en", "percent"),
    "en NumberRange": ("en_Number_NumberRangeModel.jsonl", "en", "range"),
    "en Currency": ("en_NumberWithUnit_CurrencyModel.jsonl", "en", "currency"),
}
# Our own development sets of English news sentences, annotated the CQE way (see benchmarks/data/README.md).
OWN_DATA = Path(__file__).resolve().parent / "data"
OWN_SETS = ("news_dev.jsonl",) + tuple(f"news_dev{i}.jsonl" for i in range(2, 12))
CQE_SETS = ["NewsQuant.jsonl", "currency-model.jsonl", "dimension-model.jsonl", "age-model.jsonl",
            "temperature-model.jsonl", *OWN_SETS]

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    errors: list = field(default_factory=list)
    tp_cqe_count: int = 0   # true positives counted the way CQE's calculate_metrics counts them (CQE sets only)

    @property
    def p(self) -> float:
        return _f1(self.tp, self.n_pred, self.n_gold)[0]

    @property
    def r(self) -> float:
        return _f1(self.tp, self.n_pred, self.n_gold)[1]

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.n_pred, self.n_gold)[2]

    @property
    def f1_cqe_count(self) -> float:
        return _f1(self.tp_cqe_count, self.n_pred, self.n_gold)[2]


def load_exclusions() -> set[tuple[str, str]]:
    out = set()
    if EXCLUSIONS.exists():
        with EXCLUSIONS.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if row and not row[0].startswith("#") and len(row) >= 2:
                    out.add((row[0], row[1]))
    return out


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def close(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def _num(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def parse_rt_range(s: str) -> tuple[float | None, float | None]:
    low, _, high = s.strip()[1:-1].partition(",")
    return _num(low), _num(high)


_EQUAL_BEFORE = re.compile(r"(?:\bequal(?:s|ing)?(?:\s+to)?|等于|(?<![<>=!])=)\s*$", re.I)


def is_scored(pred: dict, model: str, text: str = "") -> bool:
    kind = pred.get("kind")
    if model == "number":
        return pred.get("number") is not None and kind not in ("date", "percent", "pp", "doubling")
    if model == "percent":
        # Percentage points (unit pp in our contract) are percentages in RT's model: scored here.
        return pred.get("unit") in ("%", "pp") and pred.get("value") is not None
    if model == "range":
        if pred.get("number") is None or kind in ("date", "year", "label"):
            return False
        if pred.get("qualifier") in ("range", "over", "under"):
            return True
        return pred.get("qualifier") == "exact" and bool(_EQUAL_BEFORE.search(text[max(0, pred["start"] - 16):
                                                                                  pred["start"]]))
    if model == "currency":
        return bool(_CURRENCY_RE.match(pred.get("unit") or "")) and pred.get("value") is not None
    raise ValueError(model)


def pred_bounds(pred: dict) -> tuple[float | None, float | None]:
    q = pred.get("qualifier")
    if q == "range":
        return pred.get("value_low"), pred.get("value_high")
    if q == "over":
        return pred.get("value"), None
    if q == "under":
        return None, pred.get("value")
    return pred.get("value"), pred.get("value")


def _pred_bounds_number(pred: dict) -> tuple[float | None, float | None]:
    """Bounds in the written number (before unit conversion), for ranges of plain numbers."""
    low, high = pred_bounds(pred)
    if pred.get("value") and pred.get("number") is not None and pred.get("value") != pred.get("number"):
        f = pred["number"] / pred["value"]
        low = low * f if low is not None else None
        high = high * f if high is not None else None
    return low, high


def rt_match(pred: dict, exp: dict, model: str) -> bool:
    val = exp.get("value")
    if model == "range":
        lo, hi = parse_rt_range(str(val))
        for plo, phi in (pred_bounds(pred), _pred_bounds_number(pred)):
            ok_lo = (lo is None and plo is None) or close(lo, plo)
            ok_hi = (hi is None and phi is None) or close(hi, phi)
            if ok_lo and ok_hi:
                return True
        return False
    if model == "currency":
        iso = exp.get("isoCurrency")
        if iso and pred.get("unit") != iso:
            return False
        if val is None or str(val) in ("None", "null"):
            return True
    if val is None or str(val) in ("None", "null"):
        return False
    target = _num(str(val).rstrip("%"))
    return close(pred.get("number"), target) or close(pred.get("value"), target)


def matched_predictions(gold: list, preds: list, match) -> set[int]:
    """Pairs one-to-one, greedily in gold order: each gold item takes the first unused prediction it matches.
    Returns the indices of the predictions used."""
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(preds):
            if i not in used and match(p, g):
                used.add(i)
                break
    return used



def overlaps(pred: dict, exp: dict) -> bool:
    return pred["start"] < exp["end"] + 1 and exp["start"] < pred["end"]


def score_rt_suite(name: str, exclusions: set | None = None, keep_errors: bool = False) -> Score:
    fname, lang, model = RT_SUITES[name]
    exclusions = load_exclusions() if exclusions is None else exclusions
    score = Score()
    for case in load_cases(RT_DIR / fname):
        if (name, case["input"]) in exclusions:
            continue
        preds = [p for p in quantities(case["input"], lang) if is_scored(p, model, case["input"])]
        # A currency or percent word with no amount ('dollar', 'rmb', 'a percentage') has no value to compare:
        # our contract reports amounts only, so such an expected mention is not scored.
        gold = [e for e in case["expected"] if model not in ("currency", "percent")
                or str(e.get("value")) not in ("None", "null", "")]
        tp = len(matched_predictions(gold, preds, lambda p, exp: overlaps(p, exp) and rt_match(p, exp, model)))
        score.tp += tp
        score.n_pred += len(preds)
        score.n_gold += len(gold)
        if keep_errors and (tp < len(gold) or tp < len(preds)):
            score.errors.append((case["input"], [(e["text"], e["value"], e.get("isoCurrency")) for e in gold],
                                 [(p["surface"], p["number"], p["value"], p["unit"], p["qualifier"], p["kind"])
                                  for p in preds]))
    return score


def _cqe_gold(exp: dict) -> tuple[float | None, float | None]:
    """A gold value: a number ('1.99E-29' too) or a range 'a-b' ('3.0 - 4.0')."""
    v = str(exp["value"]).strip()
    x = _num(v)
    if x is not None:
        return x, x
    m = re.fullmatch(r"(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*-\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)", v)
    if m:
        return _num(m.group(1)), _num(m.group(2))
    return None, None


# CQE's reading of a plural scale word standing alone (see the module docstring).
CQE_VAGUE_VALUES = {"dozens": 12.0, "scores": 20.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
                    "billions": 1e9, "trillions": 1e12}
CQE_RTOL = 1e-5   # numpy.isclose(rtol=1e-05, atol=1e-08) in CQE's values_match


def _cqe_vague_value(pred: dict) -> float | None:
    if pred.get("kind") != "vague":
        return None
    return CQE_VAGUE_VALUES.get(str(pred.get("surface", "")).strip().lower())


def cqe_scored(pred: dict) -> bool:
    if pred.get("kind") == "vague":
        return _cqe_vague_value(pred) is not None
    if pred.get("kind") == "doubling":   # threefold is a written multiple; doubled, tripled carry no figure
        return str(pred.get("surface", "")).lower().endswith("fold")
    return pred.get("kind") not in ("date", "year", "ordinal", "label") and (
        pred.get("number") is not None or pred.get("value") is not None)


def _decimals(x: float) -> int:
    s = repr(float(x))
    return len(s.split(".")[1].rstrip("0")) if "." in s and "e" not in s else 0


def cqe_match(pred: dict, gold: tuple[float | None, float | None]) -> bool:
    lo, hi = gold
    vague = _cqe_vague_value(pred)
    cands = {vague} if vague is not None else {pred.get("number"), pred.get("value")}
    if lo == hi:
        if pred.get("qualifier") == "range":
            return False
        if any(close(c, lo, CQE_RTOL) for c in cands if c is not None):
            return True
        if pred.get("kind") == "fraction" and lo is not None:
            d = _decimals(lo)
            return any(d < 4 and c is not None and round(c, d) == lo for c in cands)
        return False
    if pred.get("qualifier") != "range":
        return False
    for plo, phi in (pred_bounds(pred), _pred_bounds_number(pred)):
        if close(plo, lo, CQE_RTOL) and close(phi, hi, CQE_RTOL):
            return True
    return False


def cqe_count(gold: list, preds: list, match) -> int:
    """True positives of one sentence as CQE's calculate_metrics counts them: every (gold, prediction) pair
    that matches counts, capped at the sentence's number of gold values. Unlike matched_predictions, one
    prediction may be credited for two equal gold values. Reported beside the one-to-one figure, because the
    published NewsQuant scores were computed this way."""
    left = len(gold)
    hits = 0
    for g in gold:
        for p in preds:
            if left and match(p, g):
                hits += 1
                left -= 1
    return hits


def _doubtful_spans(case: dict) -> list[tuple[int, int]]:
    """Where the annotator was unsure (the `doubtful` field of OWN_SETS): predictions there are not scored."""
    spans = []
    for d in case.get("doubtful") or []:
        at = case["input"].find(d["surface"])
        if at >= 0:
            spans.append((at, at + len(d["surface"])))
    return spans


# 'from (around) 10 percent battery to 80 percent', 'from 75 GW in 2014 to just over 240 GW', 'from 18 hours to
# fewer than 12', 'from 16.7 million
# tonnes in 1950 to a peak of 87.7 million tonnes': 'from' before the first figure, 'to' in a short gap with no
# clause break (CQE's between-rule spans at most ten tokens).
_BOUND_WORDS = (r"(?:(?:around|about|roughly|nearly|almost|approximately|some|just|only|over|under|above|below"
                r"|(?:more|less|fewer)\s+than|an?|estimated|average\s+of|the\s+(?:current|previous|present|existing)"
                r"|a\s+(?:(?:new|historic|all-time)\s+)?(?:record|peak|high|low)(?:\s+(?:high|low))?(?:\s+of)?)\s+)*")
_FROM_BEFORE = re.compile(rf"\bfrom\s+{_BOUND_WORDS}$", re.I)
# ('per cent. to 59 per cent': an abbreviation's dot may open the gap; 'from 125 yen and to 152 yen' is two movements)
# ('a four-month high close to 4.1%': 'close to' is a cue of the second figure, not the movement's 'to')
_TO_BETWEEN = re.compile(rf"\.?(?![^.;:!?]*\b(?:and|or)\s+to\b)[^.;:!?]{{0,32}}?(?<!\bclose\s)\bto\s+{_BOUND_WORDS}",
                         re.I)


# 'Wales (1.46 to 1.39)': a movement written alone in brackets, which CQE's adjacent 'X to Y' rule reads as a range.
_BRACKETED_PAIR = re.compile(r"\([^()]*\bto\b[^()]*\)")


def join_from_to(text: str, preds: list[dict]) -> list[dict]:
    """Two figures written 'from A to B' (or alone in brackets, '(A to B)') as one range A-B in the written order
    (CQE's convention, see above)."""
    out: list[dict] = []
    for p in preds:
        a = out[-1] if out else None
        if a is not None and a.get("qualifier") != "range" and p.get("qualifier") != "range" \
                and a.get("value") is not None and p.get("value") is not None \
                and _TO_BETWEEN.fullmatch(text, a["end"], p["start"]) \
                and "from" not in text[a["end"]:p["start"]].lower() \
                and (_FROM_BEFORE.search(text[max(0, a["start"] - 24):a["start"]])
                     or _BRACKETED_PAIR.fullmatch(text, max(0, a["start"] - 1), min(len(text), p["end"] + 1))):
            out[-1] = {**p, "start": a["start"], "surface": text[a["start"]:p["end"]], "qualifier": "range",
                       "value_low": a["value"], "value_high": p["value"]}
            continue
        out.append(p)
    return out


# 'one in five adults', '7 in 10 respondents': CQE's rules read a share only from 'X out of Y' and 'X of Y'
# (vivkaz/CQE, CQE.py: frac, frac_2), so 'X in Y' gives two figures there, and our own annotators wrote two counts
# (benchmarks/data/README.md, rule 8). The extractor keeps the share (the claim's reading); the scorer splits it.
_IN_RATIO = re.compile(r"(.+?)(\s+in\s+)(.+)", re.S)
_IN_OR_OUT_OF_RATIO = re.compile(r"(.+?)(\s+(?:in|out\s+of)\s+)(.+)", re.S)


def split_in_ratio(preds: list[dict], out_of: bool = False) -> list[dict]:
    """A share written 'X in Y' (and, with `out_of`, 'X out of Y') as the two counts X and Y."""
    ratio = _IN_OR_OUT_OF_RATIO if out_of else _IN_RATIO
    out: list[dict] = []
    for p in preds:
        m = ratio.fullmatch(p["surface"]) if p.get("kind") == "fraction" else None
        parts = [(m.group(1), 0), (m.group(3), m.start(3))] if m else []
        numbers = [parse_english(part) for part, _ in parts]
        if not m or None in numbers:
            out.append(p)
            continue
        for (part, offset), n in zip(parts, numbers):
            out.append({**p, "start": p["start"] + offset, "end": p["start"] + offset + len(part), "surface": part,
                        "number": n, "value": n, "value_low": n, "value_high": n, "unit": "", "kind": "number"})
    return out


_OR_PAIR = re.compile(r".+?\s+or\s+.+", re.S)


def split_or_pair(preds: list[dict]) -> list[dict]:
    """A range written 'X or Y' as the two figures X and Y (CQE's reading, see above)."""
    out: list[dict] = []
    for p in preds:
        if p.get("qualifier") != "range" or not _OR_PAIR.fullmatch(p["surface"]):
            out.append(p)
            continue
        for number, value in zip(_pred_bounds_number(p), pred_bounds(p)):
            out.append({**p, "number": number, "value": value, "value_low": value, "value_high": value,
                        "qualifier": "exact"})
    return out


def score_cqe(fname: str, keep_errors: bool = False) -> Score:
    """A set in CQE's format: a file of ../shared/peers/cqe/, or one of OWN_SETS (our English news development sets)."""
    score = Score()
    path = OWN_DATA / fname if fname in OWN_SETS else CQE_DIR / fname
    for case in load_cases(path):
        doubtful = _doubtful_spans(case)
        # Our own annotators wrote 'X out of Y' as two counts (benchmarks/data/README.md rule 8); CQE's sets keep
        # one share, as CQE's frac rule reads it. Each set is scored by the convention it was annotated with.
        own = fname in OWN_SETS
        preds = [p for p in quantities(case["input"], "en") if cqe_scored(p)]
        preds = join_from_to(case["input"], split_in_ratio(preds if own else split_or_pair(preds), out_of=own))
        gold = [_cqe_gold(e) for e in case["expected"]]
        used = matched_predictions(gold, preds, cqe_match)
        tp = len(used)
        # An unmatched prediction where the annotator was unsure is neither right nor wrong.
        unsure = [i for i, p in enumerate(preds) if i not in used
                  and any(s < p["end"] and p["start"] < e for s, e in doubtful)]
        preds = [p for i, p in enumerate(preds) if i not in unsure]
        score.tp += tp
        score.tp_cqe_count += cqe_count(gold, preds, cqe_match)
        score.n_pred += len(preds)
        score.n_gold += len(gold)
        if keep_errors and (tp < len(gold) or tp < len(preds)):
            score.errors.append((case["input"], [e["value"] for e in case["expected"]],
                                 [(p["surface"], p["number"], p["value"], p["unit"], p["qualifier"], p["kind"])
                                  for p in preds]))
    return score
