"""PDF claims end to end: for each PDF of ../shared/realdocs, seconds, pages, claims, table claims, peak RSS,
and the share of claim surfaces found in pdfplumber's own text of the claim's page.

Run: python3 benchmarks/bench_pdf_claims.py   (each PDF in a fresh process, so RSS is per document)
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"


def measure(path: str) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import pdfplumber

    from extractor import ExtractorError
    from extractor.api import extract_document
    from extractor.reader import read_document

    started = time.perf_counter()
    try:
        doc = read_document(path)
        frame = extract_document(doc)
    except ExtractorError as exc:
        return {"file": Path(path).name, "refused": str(exc).split(": ", 1)[-1],
                "seconds": round(time.perf_counter() - started, 2)}
    seconds = time.perf_counter() - started
    found = 0
    with pdfplumber.open(path) as pdf:
        page_text = {}
        for row in frame.itertuples():
            if row.page not in page_text:
                page_text[row.page] = pdf.pages[row.page - 1].extract_text() or ""
                pdf.pages[row.page - 1].close()
            found += row.surface in page_text[row.page]
    return {
        "file": Path(path).name, "pages": len(doc.page_starts or []), "seconds": round(seconds, 2),
        "pages_per_s": round(len(doc.page_starts or []) / seconds, 1), "claims": len(frame),
        "table_claims": int((frame["block"] != "text").sum()),
        "surfaces_in_page_text": round(found / len(frame), 4) if len(frame) else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def main() -> None:
    if len(sys.argv) == 2:
        print(json.dumps(measure(sys.argv[1]), ensure_ascii=False))
        return
    for pdf in sorted(REALDOCS.glob("pdf_*/*.pdf")):
        out = subprocess.run([sys.executable, __file__, str(pdf)], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
