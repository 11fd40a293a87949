"""Throughput of extractor.quantities on one core, in MB/s of UTF-8 text.

    PYTHONPATH=src python benchmarks/bench_quantities.py [--repeat 100]

Chinese: corpus/zh/*.txt repeated `--repeat` times, and the realdocs gwr_20*/zh.txt texts joined.
English: corpus/en/*.txt repeated, and the realdocs gwr_20*/en.txt texts joined.
The grammar and unit tables (and pint, for physical units) are loaded once before timing: that is start-up,
not parsing. The text is passed paragraph by paragraph, as the pipeline does, and also as one string.
Throughput is given on CPU time of this process (one core: the figure the issue asks for, and stable on a
shared machine) and on wall-clock time (which also counts the time other processes held the core).
"""
from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path

from extractor.quantities import quantities

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = "/work/shared/realdocs"


def _read(paths) -> str:
    return "\n".join(Path(p).read_text(encoding="utf-8") for p in sorted(paths))


def measure(text: str, lang: str, by_paragraph: bool) -> tuple[float, float, int]:
    """(MB/s on CPU time, MB/s on wall time, mentions)."""
    size = len(text.encode("utf-8"))
    parts = text.split("\n") if by_paragraph else [text]
    c0, t0 = time.process_time(), time.perf_counter()
    n = 0
    for part in parts:
        n += len(quantities(part, lang))
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    return size / cpu / 1e6, size / wall / 1e6, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=100)
    args = ap.parse_args()
    # Start-up: compile the grammars, load pint for the physical units.
    quantities("约1.2万亿元，3.5 万余家，100公斤，20公里", "zh")
    quantities("about $2.17 trillion, 685 million metric tons, 20 miles", "en")
    sets = [
        ("zh", f"corpus/zh x{args.repeat}", _read(glob.glob(str(ROOT / "corpus/zh/*.txt"))) * args.repeat),
        ("zh", "realdocs gwr_20*/zh.txt", _read(glob.glob(f"{REALDOCS}/gwr_20*/zh.txt"))),
        ("en", f"corpus/en x{args.repeat}", _read(glob.glob(str(ROOT / "corpus/en/*.txt"))) * args.repeat),
        ("en", "realdocs gwr_20*/en.txt", _read(glob.glob(f"{REALDOCS}/gwr_20*/en.txt"))),
    ]
    print(f"{'lang':<5}{'text':<28}{'MB':>7}  {'MB/s paragraphs cpu/wall':>25}  {'MB/s one string cpu/wall':>25}"
          f"{'mentions':>10}")
    for lang, label, text in sets:
        if not text:
            continue
        mb = len(text.encode("utf-8")) / 1e6
        pc, pw, n = measure(text, lang, True)
        wc, ww, _ = measure(text, lang, False)
        print(f"{lang:<5}{label:<28}{mb:7.2f}  {pc:12.2f} /{pw:10.2f}  {wc:12.2f} /{ww:10.2f}{n:10d}")


if __name__ == "__main__":
    main()
