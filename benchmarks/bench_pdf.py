"""Time extractor.pdf.read_pdf on the PDFs of ../shared/realdocs/pdf_*: pages, seconds, pages/s, tables, peak RSS.

Each PDF is read in a fresh child process so that its peak RSS is its own. Peak RSS is reported for the reading
process and, separately, for the largest of its page-reading workers (ru_maxrss of RUSAGE_CHILDREN).

    PYTHONPATH=src python benchmarks/bench_pdf.py [--workers N] [PDF ...]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"


def run_one(path: str, workers: int | None) -> dict:
    from extractor.models import ExtractorError
    from extractor.pdf import read_pdf

    t0 = time.perf_counter()
    try:
        doc = read_pdf(path, workers=workers)
        pages, tables, error = len(doc.page_starts or []), len(doc.tables), ""
        located = sum(len(t.spans) for t in doc.tables)
    except ExtractorError as exc:
        pages, tables, error, located = 0, 0, str(exc).split(": ", 1)[-1], 0
    seconds = time.perf_counter() - t0
    return {
        "pdf": Path(path).name, "pages": pages, "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1) if pages else 0.0, "tables": tables, "cells_located": located,
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "error": error,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.workers), ensure_ascii=False))
        return
    pdfs = args.pdfs or sorted(str(p) for p in REALDOCS.glob("pdf_*/*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs found under {REALDOCS}")
    header = f"{'pdf':48} {'pages':>5} {'seconds':>8} {'pages/s':>8} {'tables':>6} {'cells':>6} {'rss MB':>7} {'wkr MB':>7}  error"
    print(header)
    for pdf in pdfs:
        cmd = [sys.executable, __file__, "--one", pdf]
        if args.workers is not None:
            cmd += ["--workers", str(args.workers)]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{Path(pdf).name[:48]:48} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['pdf'][:48]:48} {r['pages']:>5} {r['seconds']:>8} {r['pages_per_s']:>8} {r['tables']:>6} "
              f"{r['cells_located']:>6} {r['rss_mb']:>7} {r['worker_rss_mb']:>7}  {r['error']}")


if __name__ == "__main__":
    main()
