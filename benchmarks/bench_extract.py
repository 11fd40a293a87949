"""Extraction speed and memory: the corpus and the Government Work Reports through extract_file.

Run: python3 benchmarks/bench_extract.py   (prints seconds, characters per second, claims, peak RSS)
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extractor import extract_file  # noqa: E402


def main() -> None:
    files = sorted((ROOT / "corpus").rglob("*.txt"))
    files += sorted((ROOT.parent / "shared" / "realdocs").glob("gwr_20*/*.txt"))
    extract_file(files[0])  # load jieba, pint and the rule files once, outside the timing
    total_chars = total_claims = 0
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        frame = extract_file(path)
        chars = len(path.read_text(encoding="utf-8"))
        total_chars += chars
        total_claims += len(frame)
        print(f"{path.parent.name}/{path.name:40} {chars:>8} chars {len(frame):>5} claims {time.perf_counter() - t0:6.2f} s")
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{len(files)} files, {total_chars} chars, {total_claims} claims in {seconds:.1f} s: "
          f"{total_chars / seconds / 1000:.0f} k chars/s; peak RSS {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
