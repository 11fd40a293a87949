"""Scoring predicted claims against hand-checked gold claims.

Gold and predicted rows are paired one-to-one by span overlap within a document (largest overlap first).
Mention P/R/F1 counts pairs; value+unit F1 counts pairs whose value (relative tolerance 1e-6) and unit agree;
triple F1 also needs the indicator to contain every string of the gold row's `indicator_key`. Qualifier,
role and period are scored as accuracy over the paired rows.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .models import ExtractorError


@dataclass
class Scores:
    gold: int
    pred: int
    pairs: int
    figures: dict[str, float]
    misses: list[dict] = field(default_factory=list)        # gold rows with no prediction
    spurious: list[dict] = field(default_factory=list)      # predictions with no gold row
    wrong: list[tuple[dict, dict, list[str]]] = field(default_factory=list)  # (gold, pred, wrong fields)


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSONL file; an ExtractorError names the file and line of a bad row."""
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ExtractorError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    except OSError as exc:
        raise ExtractorError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return rows


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _same_value(a, b) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _indicator_ok(gold: dict, pred: dict) -> bool:
    keys = gold.get("indicator_key") or [gold.get("indicator", "")]
    indicator = str(pred.get("indicator") or "")
    return all(k in indicator for k in keys)


def restrict_to_gold_region(pred: list[dict], gold: list[dict]) -> list[dict]:
    """Predictions of the gold's documents, up to the end of the last gold row of each (a dev set that covers
    the first sections of a report must not count claims of the later sections as spurious)."""
    last = {}
    for g in gold:
        last[g["doc_id"]] = max(last.get(g["doc_id"], 0), int(g["end"]))
    return [p for p in pred if p.get("doc_id") in last and int(p["start"]) < last[p["doc_id"]]]


def score(gold: list[dict], pred: list[dict]) -> Scores:
    """Pair gold and predicted rows and compute the figures."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.get("doc_id") != g.get("doc_id"):
                continue
            overlap = min(int(g["end"]), int(p["end"])) - max(int(g["start"]), int(p["start"]))
            if overlap > 0:
                candidates.append((overlap, -abs(int(g["start"]) - int(p["start"])), gi, pi))
    candidates.sort(reverse=True)
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _, _, gi, pi in candidates:
        if gi not in gold_used and pi not in pred_used:
            gold_used[gi] = pi
            pred_used.add(pi)
    value_tp = triple_tp = 0
    agree = {"qualifier": 0, "role": 0, "period": 0}
    wrong = []
    for gi, pi in gold_used.items():
        g, p = gold[gi], pred[pi]
        bad = []
        value_ok = _same_value(g.get("value"), p.get("value")) and g.get("unit") == p.get("unit")
        if not value_ok:
            bad.append("value/unit")
        value_tp += value_ok
        indicator_ok = _indicator_ok(g, p)
        if not indicator_ok:
            bad.append("indicator")
        triple_tp += value_ok and indicator_ok
        for fieldname in agree:
            if str(g.get(fieldname)) == str(p.get(fieldname)):
                agree[fieldname] += 1
            else:
                bad.append(fieldname)
        if bad:
            wrong.append((g, p, bad))
    n_gold, n_pred, n_pairs = len(gold), len(pred), len(gold_used)
    figures = {}
    for name, tp in (("mention", n_pairs), ("value_unit", value_tp), ("triple", triple_tp)):
        p, r, f = _f1(tp, n_pred, n_gold)
        figures.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
    for fieldname, count in agree.items():
        figures[f"{fieldname}_acc"] = count / n_pairs if n_pairs else 0.0
    return Scores(
        gold=n_gold, pred=n_pred, pairs=n_pairs, figures=figures,
        misses=[gold[i] for i in range(n_gold) if i not in gold_used],
        spurious=[pred[i] for i in range(n_pred) if i not in pred_used],
        wrong=wrong,
    )


def evaluate_files(gold_path: str | Path, pred_path: str | Path, whole_documents: bool = False) -> Scores:
    gold = read_jsonl(gold_path)
    pred = read_jsonl(pred_path) if str(pred_path).endswith(".jsonl") else _read_table(pred_path)
    if not whole_documents:
        pred = restrict_to_gold_region(pred, gold)
    return score(gold, pred)


def _read_table(path: str | Path) -> list[dict]:
    from .diff import load_claims

    return load_claims(path).to_dict("records")


def report(scores: Scores, max_rows: int = 60) -> str:
    """A plain-text report: the figures, then the misses, the spurious rows and the wrong fields."""
    f = scores.figures
    lines = [
        f"gold {scores.gold}  predicted {scores.pred}  paired {scores.pairs}",
        f"mention     P {f['mention_p']:.3f}  R {f['mention_r']:.3f}  F1 {f['mention_f1']:.3f}",
        f"value+unit  P {f['value_unit_p']:.3f}  R {f['value_unit_r']:.3f}  F1 {f['value_unit_f1']:.3f}",
        f"triple      P {f['triple_p']:.3f}  R {f['triple_r']:.3f}  F1 {f['triple_f1']:.3f}",
        f"accuracy    qualifier {f['qualifier_acc']:.3f}  role {f['role_acc']:.3f}  period {f['period_acc']:.3f}",
    ]
    if scores.misses:
        lines.append(f"\nmissed ({len(scores.misses)}):")
        lines += [f"  {g['start']:>6} {g['surface']!r:14} {g.get('indicator', '')}" for g in scores.misses[:max_rows]]
    if scores.spurious:
        lines.append(f"\nspurious ({len(scores.spurious)}):")
        lines += [f"  {p['start']:>6} {p['surface']!r:14} {p.get('indicator', '')}" for p in scores.spurious[:max_rows]]
    if scores.wrong:
        lines.append(f"\nwrong fields ({len(scores.wrong)}):")
        for g, p, bad in scores.wrong[:max_rows]:
            diffs = []
            for name in bad:
                if name == "value/unit":
                    diffs.append(f"value {g.get('value')} {g.get('unit')} -> {p.get('value')} {p.get('unit')}")
                elif name == "indicator":
                    diffs.append(f"indicator needs {g.get('indicator_key')} in {p.get('indicator')!r}")
                else:
                    diffs.append(f"{name} {g.get(name)} -> {p.get(name)}")
            lines.append(f"  {g['start']:>6} {g['surface']!r:14} " + "; ".join(diffs))
    return "\n".join(lines) + "\n"
