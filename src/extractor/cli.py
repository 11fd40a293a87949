"""The command line: parses arguments and calls the library. Errors are one line on stderr, never a traceback."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .models import ExtractorError

EPILOG = """examples:
  extractor run corpus/ -o outputs/            every document of a folder into outputs/claims.{jsonl,csv,parquet}
  extractor extract report.txt --format csv -o claims.csv
  extractor eval --gold gold.jsonl --pred outputs/claims.jsonl
  extractor diff last-week/ outputs/           what changed in the facts (exit 1 when something did)
  extractor align report_zh.txt news_en.txt    each English claim against the Chinese claim it reports
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Quantitative claims from Chinese reports and the English news that covers them: every "
                    "figure with its unit, indicator, role, period, entity and exact place in the source.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = sub.add_parser("extract", help="claims of one or more files (JSONL on stdout by default)",
                             description="Extract the claims of .txt, .md or .pdf files.")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="input files")
    extract.add_argument("--format", choices=["jsonl", "csv", "parquet"], default=None,
                         help="output format (default: from the -o suffix, else jsonl)")
    extract.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    extract.add_argument("--lang", choices=["zh", "en"], help="force the language (default: per sentence)")

    run = sub.add_parser(
        "run", help="every document of a folder into an output folder",
        description="Extract every .txt, .md and .pdf below CORPUS_DIR (recursively) into OUTPUT_DIR: "
                    "claims.jsonl, claims.csv (UTF-8 with BOM), claims.parquet, alignment.csv, alignment.jsonl, "
                    "review.html and run.json. A document that fails is listed in run.json and the exit code is 1; "
                    "the others still run. Chinese/English pairs come from CORPUS_DIR/pairs.csv (columns zh,en: "
                    "paths relative to CORPUS_DIR), else from paths equal apart from a zh/en mark "
                    "(zh/x.txt + en/x.txt, x_zh.txt + x_en.txt, x/zh.txt + x/en.txt).")
    run.add_argument("corpus", metavar="CORPUS_DIR")
    run.add_argument("-o", "--output", metavar="OUTPUT_DIR", required=True)
    run.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                     help="worker processes (default: the number of cores)")
    run.add_argument("--cache-dir", metavar="DIR", default=None,
                     help="per-document result cache, keyed by the file's sha256, the patterns' hash and the "
                          "package version (default: OUTPUT_DIR/.cache; share one DIR between weekly runs that "
                          "write to different OUTPUT_DIRs)")
    run.add_argument("--no-cache", action="store_true",
                     help="extract every document again, ignoring cached results (fresh results are still stored)")

    ev = sub.add_parser("eval", help="score predicted claims against gold claims",
                        description="Pair gold and predicted claims by span overlap; print mention, value+unit "
                                    "and triple P/R/F1, qualifier/role/period accuracy, then misses and wrong rows.")
    ev.add_argument("--gold", required=True, metavar="GOLD.jsonl")
    ev.add_argument("--pred", required=True, metavar="PRED", help="claims .jsonl/.csv/.parquet or a run folder")
    ev.add_argument("--whole-documents", action="store_true",
                    help="score predictions of the whole documents, not only up to the last gold row")
    ev.add_argument("--max-rows", type=int, default=60, help="rows listed per section of the report")

    diff = sub.add_parser("diff", help="added, removed and changed facts between two runs",
                          description="Compare two runs (output folders or claims files). Exit 0 when nothing "
                                      "changed, 1 when something did, 2 on error.")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")

    al = sub.add_parser("align", help="pair English claims with the Chinese claims they report",
                        description="Extract the claims of a Chinese and an English document and align them: one "
                                    "row per English claim (match, value_mismatch, unsupported) and one per "
                                    "Chinese claim nothing matched (zh_only), mismatches first.")
    al.add_argument("zh_path", metavar="ZH_PATH", help="the Chinese document")
    al.add_argument("en_path", metavar="EN_PATH", help="the English document")
    al.add_argument("--format", choices=["jsonl", "csv"], default=None,
                    help="output format (default: from the -o suffix, else jsonl)")
    al.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    return parser


def _extract(args) -> int:
    import pandas as pd

    from .api import claims_frame, extract_document, typed
    from .claims import extract_claims
    from .outputs import to_bytes, write_table
    from .reader import read_document

    frames, failed = [], 0
    for path in args.paths:
        try:
            doc = read_document(path)
            if args.lang:
                frames.append(claims_frame(extract_claims(doc, lang=args.lang)))
            else:
                frames.append(extract_document(doc))
        except ExtractorError as exc:
            print(f"extractor: {exc}", file=sys.stderr)
            failed += 1
    if failed and not frames:
        return 1  # nothing was read: leave any existing output file as it was
    frame = typed(pd.concat(frames, ignore_index=True)) if frames else typed(pd.DataFrame())
    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "jsonl")
    if args.output:
        write_table(frame, args.output, fmt)
    elif fmt == "parquet":
        raise ExtractorError("parquet is binary: give -o FILE")
    else:
        sys.stdout.buffer.write(to_bytes(frame, fmt))
    return 1 if failed else 0


def _run(args) -> int:
    from .runner import CACHE_DIR_NAME, run_folder, write_run

    cache_dir = args.cache_dir or str(Path(args.output) / CACHE_DIR_NAME)
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = run_folder(args.corpus, workers=args.workers, cache_dir=cache_dir, use_cache=not args.no_cache,
                            progress=bar)
    finally:
        if bar:
            bar.close()
    write_run(result, args.output)
    counts = result.record["counts"]
    print(f"extractor: {counts['documents']} documents ({counts['cache_hits']} from the cache), "
          f"{counts['claims']} claims, {counts['pairs']} pairs, {counts['failed']} failed -> {args.output}",
          file=sys.stderr)
    for failure in result.failures:
        print(f"extractor: failed: {failure['error']}", file=sys.stderr)
    for failure in result.record["alignment"]["failed"]:
        print(f"extractor: pair {failure['zh']} / {failure['en']}: {failure['error']}", file=sys.stderr)
    notes = result.record["alignment"]["notes"] if counts["pairs"] else []  # "no aligner" matters with pairs
    for note in notes + result.record["warnings"]:
        print(f"extractor: note: {note}", file=sys.stderr)
    return 1 if result.failed else 0


class _ProgressBar:
    """A tqdm bar on stderr, created when the run knows how many documents it has."""

    def __init__(self) -> None:
        self._bar = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _eval(args) -> int:
    from .evaluate import evaluate_files, report

    scores = evaluate_files(args.gold, args.pred, whole_documents=args.whole_documents)
    sys.stdout.write(report(scores, max_rows=args.max_rows))
    return 0


def _diff(args) -> int:
    from .diff import diff_claims, format_table, load_claims
    from .outputs import to_jsonl

    result = diff_claims(load_claims(args.old), load_claims(args.new))
    if args.format == "table":
        sys.stdout.write(format_table(result))
    elif args.format == "csv":
        sys.stdout.write(result.to_frame().to_csv(index=False))
    else:
        sys.stdout.write(to_jsonl(result.to_frame()))
    return 0 if result.is_empty else 1


def _align(args) -> int:
    from .align import align
    from .api import extract_document
    from .outputs import to_bytes, write_table
    from .reader import read_document

    zh_doc, en_doc = read_document(args.zh_path), read_document(args.en_path)
    result = align(extract_document(zh_doc), extract_document(en_doc), zh_text=zh_doc.text, en_text=en_doc.text)
    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "jsonl")
    if fmt not in ("jsonl", "csv"):
        raise ExtractorError(f"unknown format {fmt!r}; choose jsonl or csv")
    if args.output:
        write_table(result, args.output, fmt)
    else:
        sys.stdout.buffer.write(to_bytes(result, fmt))
    return 0


COMMANDS = {"extract": _extract, "run": _run, "eval": _eval, "diff": _diff, "align": _align}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except ExtractorError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line, with what a bug report needs
        print(f"extractor: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
