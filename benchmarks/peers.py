"""Print P/R/F1 of extractor.quantities on the peer suites (Recognizers-Text specs, CQE sets).

    PYTHONPATH=src python benchmarks/peers.py            # figures
    PYTHONPATH=src python benchmarks/peers.py --errors "zh Number"   # the misses of one suite
    PYTHONPATH=src python benchmarks/peers.py --dev      # development sets only (NewsQuant is left out)

NewsQuant is an acceptance set: score it when a change is done, never tune on its figure or print its errors.
CQE sets get a second F1 counted the way CQE's published evaluation counts (see peer_scoring.cqe_count); the
first, one-to-one figure is the project's own and the stricter of the two.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer_scoring import CQE_SETS, OWN_SETS, RT_SUITES, score_cqe, score_rt_suite  # noqa: E402

ACCEPTANCE = "NewsQuant.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", help="print the misses of one suite (an RT suite name or a CQE file name)")
    ap.add_argument("--dev", action="store_true", help="leave out the acceptance set (NewsQuant)")
    args = ap.parse_args()
    if args.errors == ACCEPTANCE:
        ap.error(f"{ACCEPTANCE} is an acceptance set: its errors are not printed")
    if args.errors and args.errors not in RT_SUITES and args.errors not in CQE_SETS:
        names = ", ".join([*RT_SUITES, *(f for f in CQE_SETS if f != ACCEPTANCE)])
        ap.error(f"unknown suite {args.errors!r}; choose one of: {names}")
    if args.errors:
        s = score_rt_suite(args.errors, keep_errors=True) if args.errors in RT_SUITES else \
            score_cqe(args.errors, keep_errors=True)
        for inp, gold, pred in s.errors:
            print(repr(inp)); print("   gold:", gold); print("   pred:", pred)
        print(f"P {s.p:.3f} R {s.r:.3f} F1 {s.f1:.3f}")
        return
    print(f"{'suite':<28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'F1 counted as CQE does':>24}")
    for name in RT_SUITES:
        s = score_rt_suite(name)
        print(f"{'RT ' + name:<28}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.n_gold:7d}{s.n_pred:7d}")
    for fname in CQE_SETS:
        if args.dev and fname == ACCEPTANCE:
            continue
        s = score_cqe(fname)
        label = "CQE " + fname.replace(".jsonl", "") + (" (acceptance)" if fname == ACCEPTANCE else " (dev)")
        label = fname.replace(".jsonl", "") + " (own, dev)" if fname in OWN_SETS else label
        print(f"{label:<28}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.n_gold:7d}{s.n_pred:7d}{s.f1_cqe_count:24.3f}")


if __name__ == "__main__":
    main()
