"""Time `extractor run` twice over the same folder: the first run extracts every document, the second
finds every result in the cache (OUT/.cache). Target: the second run under a fifth of the first.

The folder holds about 20 documents: the repository's corpus (zh + en) and the Chinese and English
Government Work Reports 2008-2015 of ../shared/realdocs, copied under distinct names (gwr_2008_zh.txt,
gwr_2008_en.txt, ...: they pair by the stem rule), a GB18030 copy of the Chinese report and a .md copy of
the English page. Each run is the command line in a fresh process, as
a user sees it (start-up, reading, extraction or cache, alignment when available, every output file).

    PYTHONPATH=src python benchmarks/bench_batch.py [--workers N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
YEARS = range(2008, 2016)


def build_corpus(corpus: Path) -> int:
    """Copy the documents into `corpus`; return how many."""
    for lang in ("zh", "en"):
        (corpus / lang).mkdir(parents=True, exist_ok=True)
        for path in (ROOT / "corpus" / lang).glob("*.txt"):
            shutil.copy(path, corpus / lang / path.name)
    gwr = corpus / "gwr"
    gwr.mkdir(exist_ok=True)
    for year in YEARS:
        for lang in ("zh", "en"):
            source = REALDOCS / f"gwr_{year}_zh_en" / f"{lang}.txt"
            if source.is_file():
                shutil.copy(source, gwr / f"gwr_{year}_{lang}.txt")
    extra = corpus / "extra"   # the Chinese report in GB18030 and the English page as Markdown
    extra.mkdir(exist_ok=True)
    report = ROOT / "corpus" / "zh" / "china-smart-industry-2025.txt"
    (extra / "china-smart-industry-2025-gb18030.txt").write_bytes(report.read_text(encoding="utf-8").encode("gb18030"))
    for path in (ROOT / "corpus" / "en").glob("*.txt"):
        shutil.copy(path, extra / f"{path.stem}-copy.md")
    return len(_documents(corpus))


def _documents(corpus: Path) -> list[Path]:
    return [p for p in corpus.rglob("*") if p.suffix in (".txt", ".md")]


def timed_run(corpus: Path, out: Path, workers: int | None) -> tuple[float, int, dict]:
    command = [sys.executable, "-m", "extractor.cli", "run", str(corpus), "-o", str(out)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    began = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=out.parent, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):
        sys.exit(f"bench_batch: the run failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.returncode, json.loads((out / "run.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="passed to extractor run (default: its own)")
    parser.add_argument("--keep", metavar="DIR", help="build the folder and outputs here and keep them")
    args = parser.parse_args()
    if not REALDOCS.is_dir():
        sys.exit(f"bench_batch: {REALDOCS} is not here (../shared beside the repository)")
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_batch."))
    try:
        corpus, out = base / "corpus", base / "out"
        shutil.rmtree(out, ignore_errors=True)
        documents = build_corpus(corpus)
        size_mb = sum(p.stat().st_size for p in _documents(corpus)) / 1e6
        first, code1, record1 = timed_run(corpus, out, args.workers)
        second, code2, record2 = timed_run(corpus, out, args.workers)
        same = (out / "claims.jsonl").read_bytes()  # the second run's claims
        print(f"documents: {documents} ({size_mb:.2f} MB), workers: {record1['workers']}, "
              f"claims: {record1['counts']['claims']}, pairs: {record1['counts']['pairs']}, "
              f"alignment: {record1['alignment']['status']}, exit codes: {code1}, {code2}")
        print(f"first run:  {first:6.2f} s  (cache hits {record1['cache']['hits']}/{documents})")
        print(f"second run: {second:6.2f} s  (cache hits {record2['cache']['hits']}/{documents})")
        ratio = second / first
        print(f"ratio: {ratio:.3f}  (target < 0.2: {'met' if ratio < 0.2 else 'NOT met'})")
        if record2["counts"]["claims"] != record1["counts"]["claims"] or not same:
            print("warning: the second run's claims differ from the first's")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
