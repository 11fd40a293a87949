"""Batch extraction over a folder: every document into one claims table, with a run record.

`run_folder` reads every .txt/.md/.pdf below a folder (in worker processes), reuses cached results of
unchanged documents, pairs Chinese and English documents and aligns their claims; `write_run` writes
the outputs atomically. Neither prints: progress goes to an optional callback.

Chinese/English pairs come from `CORPUS/pairs.csv` when it exists (columns `zh,en`, paths relative to
the corpus folder). Without it, two documents pair when their *pair keys* are equal, one carrying the
mark `zh` and the other `en`. The pair key is the path relative to the corpus folder, without suffix,
with the language mark taken out; the mark is, in this order:
  - a folder named `zh` or `en` anywhere in the path:   zh/x.txt          and en/x.txt          -> x
  - a stem ending in `.zh`, `_zh` or `-zh` (or en):     x_zh.txt          and x-en.md           -> x
  - a stem that is just `zh` or `en`:                   report-2024/zh.txt and report-2024/en.txt -> report-2024
A key with more than one document of a language pairs nothing and is noted in run.json.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import inspect
import multiprocessing
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import pandas as pd

from . import __version__
from .api import claims_frame, typed
from .atomic import write_bytes_atomic
from .cache import ResultCache, cache_key
from .claims import extract_claims
from .models import CLAIM_COLUMNS, SCHEMA_VERSION, ExtractorError
from .outputs import write_json, write_table
from .patterns import patterns_hash
from .reader import PDF_SUFFIXES, TEXT_SUFFIXES, read_document

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
PAIRS_FILE = "pairs.csv"
CACHE_DIR_NAME = ".cache"
ALIGNMENT_COLUMNS: list[str] = ["en_claim_id", "zh_claim_id", "status", "score", "note"]
LANGS = ("zh", "en")
# Output files of a run folder, in the order they are written; run.json comes last, so a run.json
# whose `outputs` lists them means the run completed.
OUTPUT_FILES: list[str] = ["claims.jsonl", "claims.csv", "claims.parquet", "alignment.csv", "alignment.jsonl",
                           "review.html", "run.json"]

_STEM_MARK = re.compile(r"^(?P<key>.+?)[._-](?P<lang>zh|en)$", re.IGNORECASE)

Progress = Callable[[int, int], None]   # progress(done, total), called once per finished document


@dataclass
class RunResult:
    claims: pd.DataFrame
    record: dict
    failures: list[dict] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    alignment: pd.DataFrame | None = None   # None when alignment is not available in this build

    @property
    def failed(self) -> bool:
        """True when a document, a pair or the alignment failed."""
        return bool(self.failures or self.record.get("alignment", {}).get("failed"))


def find_inputs(folder: str | Path) -> list[Path]:
    """Input documents below a folder, recursively, in a stable order (hidden files and folders skipped)."""
    root = Path(folder)
    if not root.is_dir():
        raise ExtractorError(f"{root}: not a folder")
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def doc_ids_for(paths: list[Path], root: Path) -> list[str]:
    """doc_id of each input: the file's stem (the claim contract), unless two inputs share a stem; those
    take their path relative to `root` without the suffix (zh/x, en/x), or with it when that still repeats."""
    rel = [PurePosixPath(p.relative_to(root).as_posix()) for p in paths]
    ids = [r.stem for r in rel]
    stem_counts = _counts(ids)
    ids = [str(r.with_suffix("")) if stem_counts[i] > 1 else i for r, i in zip(rel, ids)]
    id_counts = _counts(ids)
    return [str(r) if id_counts[i] > 1 else i for r, i in zip(rel, ids)]


def run_folder(folder: str | Path, *, workers: int | None = 1, cache_dir: str | Path | None = None,
               use_cache: bool = True, progress: Progress | None = None) -> RunResult:
    """Extract every document below `folder`. A document that fails is recorded, never fatal to the others.

    workers: processes for extraction (None: the number of cores; 1: in this process).
    cache_dir: where per-document results are kept (None: no cache). use_cache=False recomputes every
    document but still stores the fresh results. progress(done, total) is called as documents finish.
    """
    started = time.time()
    root = Path(folder)
    paths = find_inputs(root)
    doc_ids = doc_ids_for(paths, root)
    cache = ResultCache(cache_dir) if cache_dir is not None else None
    rules, total = patterns_hash(), len(paths)
    entries: list[dict] = []
    results: dict[int, dict] = {}
    todo: list[int] = []
    warnings: list[str] = []
    for i, (path, doc_id) in enumerate(zip(paths, doc_ids)):
        entry = {"path": str(path), "relpath": path.relative_to(root).as_posix(), "doc_id": doc_id}
        entries.append(entry)
        try:
            entry["sha256"] = _file_sha256(path)
        except OSError as exc:
            entry.update(status="failed", error=f"{path}: cannot read ({exc.strerror or exc})")
            continue
        if cache is not None and use_cache:
            found = _cache_get(cache, cache_key(entry["sha256"], rules, __version__))
            if found is not None:
                results[i] = {**found, "cache": "hit"}
                continue
        todo.append(i)
    done = total - len(todo)
    if progress and total:
        progress(done, total)
    for i, outcome in _extract_all([paths[i] for i in todo], todo, workers):
        if "error" in outcome:
            entries[i].update(status="failed", error=outcome["error"])
        else:
            results[i] = {**outcome, "cache": "miss" if cache is not None and use_cache else "off"}
            if cache is not None:
                try:
                    _cache_put(cache, cache_key(outcome["sha256"], rules, __version__), outcome)
                except ExtractorError as exc:
                    warnings.append(f"cache not written: {exc}")
        done += 1
        if progress:
            progress(done, total)

    frames, texts = [], {}
    for i, entry in enumerate(entries):
        if i not in results:
            entry.setdefault("status", "failed")
            continue
        found = results[i]
        frame = _with_doc_id(found["frame"], entry["doc_id"])
        texts[entry["doc_id"]] = found["text"]
        frames.append(frame)
        entry.update(status="ok", sha256=found["sha256"], encoding=found["encoding"], claims=len(frame),
                     pages=found["pages"], cache=found["cache"], seconds=found.get("seconds"))
    claims = typed(pd.concat(frames, ignore_index=True)) if frames else typed(pd.DataFrame(columns=CLAIM_COLUMNS))
    failures = [e for e in entries if e["status"] == "failed"]

    pairs, pair_notes = find_pairs(root, entries)
    doc_keys = {e["relpath"]: cache_key(e["sha256"], rules, __version__) for e in entries if e["status"] == "ok"}
    alignment, align_record = align_pairs(pairs, claims, texts, cache=cache, use_cache=use_cache, doc_keys=doc_keys)
    align_record["notes"] = pair_notes + align_record["notes"]
    hits = sum(1 for e in entries if e.get("cache") == "hit")
    record = {
        "tool": "extractor",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "patterns_hash": rules,
        "started": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.time() - started, 3),
        "corpus": str(root),
        "workers": _worker_count(workers),
        "cache": {"dir": str(cache_dir) if cache is not None else None, "read": bool(cache is not None and use_cache),
                  "hits": hits, "misses": sum(1 for e in entries if e.get("cache") == "miss")},
        "inputs": entries,
        "failed": [{"path": e["path"], "doc_id": e["doc_id"], "error": e.get("error", "")} for e in failures],
        "pairs": pairs,
        "alignment": align_record,
        "counts": {"documents": len(entries), "ok": len(entries) - len(failures), "failed": len(failures),
                   "cache_hits": hits, "claims": int(len(claims)), "pairs": len(pairs),
                   "alignment_rows": 0 if alignment is None else int(len(alignment)),
                   "by_lang": {k: int(v) for k, v in claims["lang"].value_counts().items()}},
        "warnings": warnings,
    }
    return RunResult(claims=claims, record=record, failures=failures, texts=texts, alignment=alignment)


def write_run(result: RunResult, out_dir: str | Path, title: str | None = None) -> None:
    """The run's outputs in `out_dir` (OUTPUT_FILES), each written atomically; run.json last."""
    from .outputs import to_bytes
    from .review import render_review

    out = Path(out_dir)
    for fmt in ("jsonl", "csv", "parquet"):
        write_table(result.claims, out / f"claims.{fmt}", fmt)
    alignment = result.alignment if result.alignment is not None else pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    for fmt in ("csv", "jsonl"):
        if fmt == "jsonl" and alignment.empty:
            write_bytes_atomic(out / "alignment.jsonl", b"")  # JSONL has no header: an empty file
        else:
            write_bytes_atomic(out / f"alignment.{fmt}", to_bytes(alignment, fmt))
    page = render_review(result.claims, result.texts, result.alignment,
                         title=title or f"extractor review: {result.record.get('corpus', '')}")
    write_bytes_atomic(out / "review.html", page.encode("utf-8"))
    record = {**result.record, "outputs": OUTPUT_FILES}
    write_json(record, out / "run.json")


# --- pairs and alignment -------------------------------------------------------------------------

def find_pairs(root: Path, entries: list[dict]) -> tuple[list[dict], list[str]]:
    """Chinese/English document pairs (see the module docstring) and notes on what could not be paired."""
    by_rel = {e["relpath"]: e for e in entries}
    pairs_csv = root / PAIRS_FILE
    notes: list[str] = []
    if pairs_csv.is_file():
        rows, notes = _read_pairs_csv(pairs_csv)
        source = PAIRS_FILE
    else:
        rows = _pairs_by_key(list(by_rel), notes)
        source = "stems"
    pairs = []
    for zh, en in rows:
        pair = {"zh": zh, "en": en, "source": source}
        missing = [p for p in (zh, en) if p not in by_rel]
        if missing:
            pair.update(status="failed", error=f"{PAIRS_FILE}: not an input document: {', '.join(missing)}")
        elif any(by_rel[p]["status"] != "ok" for p in (zh, en)):
            bad = [p for p in (zh, en) if by_rel[p]["status"] != "ok"]
            pair.update(zh_doc_id=by_rel[zh]["doc_id"], en_doc_id=by_rel[en]["doc_id"], status="skipped",
                        error=f"document failed: {', '.join(bad)}")
        else:
            pair.update(zh_doc_id=by_rel[zh]["doc_id"], en_doc_id=by_rel[en]["doc_id"], status="ok")
        pairs.append(pair)
    return pairs, notes


def pair_key(relpath: str) -> tuple[str, str] | None:
    """(key, lang) of a corpus-relative path under the stem rule, or None when it carries no language mark."""
    path = PurePosixPath(relpath)
    folders = [p.lower() for p in path.parts[:-1]]
    marked = [f for f in folders if f in LANGS]
    stem = path.stem
    if len(marked) == 1:
        rest = [p for p in path.parts[:-1] if p.lower() not in LANGS]
        return str(PurePosixPath(*rest, stem)), marked[0]
    if marked:
        return None
    match = _STEM_MARK.match(stem)
    if match:
        return str(PurePosixPath(*path.parts[:-1], match["key"])), match["lang"].lower()
    if stem.lower() in LANGS and path.parts[:-1]:
        return str(PurePosixPath(*path.parts[:-1])), stem.lower()
    return None


def align_pairs(pairs: list[dict], claims: pd.DataFrame, texts: dict[str, str], *,
                cache: ResultCache | None = None, use_cache: bool = True,
                doc_keys: dict[str, str] | None = None) -> tuple[pd.DataFrame | None, dict]:
    """Alignment rows of every usable pair (extractor.align), and the run record's `alignment` section.
    Without extractor.align in this build, (None, a record saying alignment was skipped).

    With a cache, a pair's rows are kept under a key made of both documents' cache keys (`doc_keys`,
    by corpus-relative path), their doc_ids and a hash of extractor/align.py, so a rerun over unchanged
    documents does not even import the aligner."""
    record: dict = {"status": "ok", "pairs_aligned": 0, "cache_hits": 0, "failed": [], "notes": []}
    available, fingerprint, why = _align_module()
    if not available:
        record.update(status="skipped", notes=[f"alignment skipped: extractor.align is not available ({why})"])
        return None, record
    if not pairs:
        record["status"] = "no pairs"
    doc_keys = doc_keys or {}
    by_doc = {doc_id: frame for doc_id, frame in claims.groupby("doc_id", sort=False)}
    empty = claims.iloc[0:0]
    align, frames = None, []
    for pair in pairs:
        if pair["status"] == "failed":  # pairs.csv names a file that is not an input
            record["failed"].append({"zh": pair["zh"], "en": pair["en"], "error": pair["error"]})
        if pair["status"] != "ok":
            continue
        zh_id, en_id = pair["zh_doc_id"], pair["en_doc_id"]
        key = None
        if cache is not None and fingerprint and pair["zh"] in doc_keys and pair["en"] in doc_keys:
            key = _pair_key(doc_keys[pair["zh"]], doc_keys[pair["en"]], zh_id, en_id, fingerprint)
            rows = cache.get(key) if use_cache else None
            if rows is not None:
                pair.update(alignment_rows=int(len(rows)), cache="hit")
                record["pairs_aligned"] += 1
                record["cache_hits"] += 1
                frames.append(rows)
                continue
        try:
            if align is None:
                from .align import align  # written on another branch; the batch works with or without it
            kwargs = {}
            accepts = inspect.signature(align).parameters
            if "zh_text" in accepts and "en_text" in accepts:  # a newer align also reads the texts
                kwargs = {"zh_text": texts.get(zh_id), "en_text": texts.get(en_id)}
            rows = align(by_doc.get(zh_id, empty).reset_index(drop=True),
                         by_doc.get(en_id, empty).reset_index(drop=True), **kwargs)
            rows = _alignment_table(rows)
        except Exception as exc:  # one pair's failure never stops the others
            message = str(exc) if isinstance(exc, ExtractorError) else f"{type(exc).__name__}: {exc}"
            pair.update(status="failed", error=f"alignment failed: {message}")
            record["failed"].append({"zh": pair["zh"], "en": pair["en"], "error": message})
            continue
        pair.update(alignment_rows=int(len(rows)), cache="miss" if key else "off")
        if key:
            try:
                cache.put(key, rows)
                stored = cache.get(key)
                if stored is not None:
                    rows = stored  # the cached form, so that a rerun writes the same bytes
            except (ExtractorError, ValueError, TypeError) as exc:
                record["notes"].append(f"alignment of {pair['zh']} / {pair['en']} not cached: {exc}")
        record["pairs_aligned"] += 1
        frames.append(rows)
    alignment = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    return _alignment_table(alignment), record


def _alignment_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The alignment record's columns first (any others the aligner adds after them)."""
    if not isinstance(rows, pd.DataFrame):
        raise ExtractorError(f"align returned {type(rows).__name__}, not a DataFrame")
    extra = [c for c in rows.columns if c not in ALIGNMENT_COLUMNS]
    return rows.reindex(columns=[*ALIGNMENT_COLUMNS, *extra]).reset_index(drop=True)


def _align_module() -> tuple[bool, str | None, str]:
    """(available, fingerprint for the cache or None, why not available), without importing the aligner:
    the fingerprint is a hash of its source file (None for a module without one, e.g. a test stub)."""
    name = "extractor.align"
    if name in sys.modules:
        module = sys.modules[name]
        if module is None:
            return False, None, f"No module named {name!r}"
        origin = getattr(module, "__file__", None)
    else:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError) as exc:
            return False, None, str(exc)
        if spec is None:
            return False, None, f"No module named {name!r}"
        origin = spec.origin
    if not origin or not Path(origin).is_file():
        return True, None, ""
    return True, hashlib.sha256(Path(origin).read_bytes()).hexdigest(), ""


def _pair_key(zh_key: str, en_key: str, zh_id: str, en_id: str, fingerprint: str) -> str:
    parts = ("align", zh_key, en_key, zh_id, en_id, fingerprint)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _read_pairs_csv(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"zh", "en"} <= {f.strip() for f in reader.fieldnames}:
                raise ExtractorError(f"{path}: needs a header with columns zh,en")
            rows = []
            for row in reader:
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
                if row.get("zh") or row.get("en"):
                    rows.append((_norm_rel(row.get("zh", "")), _norm_rel(row.get("en", ""))))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractorError(f"{path}: cannot read ({exc})") from None
    return rows, []


def _pairs_by_key(relpaths: list[str], notes: list[str]) -> list[tuple[str, str]]:
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"zh": [], "en": []})
    for rel in relpaths:
        found = pair_key(rel)
        if found:
            groups[found[0]][found[1]].append(rel)
    rows = []
    for key in sorted(groups):
        zh, en = groups[key]["zh"], groups[key]["en"]
        if len(zh) == 1 and len(en) == 1:
            rows.append((zh[0], en[0]))
        elif len(zh) > 1 or len(en) > 1:
            notes.append(f"not paired (more than one document of a language for {key!r}): {', '.join(zh + en)}")
    return rows


def _norm_rel(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./")


# --- extraction ----------------------------------------------------------------------------------

def _extract_path(path: str) -> dict:
    """One document's result (run in a worker process). Never raises: a failure is {"error": message}."""
    started = time.perf_counter()
    try:
        doc = read_document(path)
        frame = claims_frame(extract_claims(doc))
    except ExtractorError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # an unexpected error is still this document's failure only
        return {"error": f"{path}: {type(exc).__name__}: {exc}"}
    return {"frame": frame, "text": doc.text, "encoding": doc.encoding, "sha256": doc.sha256,
            "pages": len(doc.page_starts) if doc.page_starts else None,
            "seconds": round(time.perf_counter() - started, 3)}


def _extract_all(paths: list[Path], indices: list[int], workers: int | None, work=_extract_path):
    """Yield (index, work(path)) for each path, in completion order (`work` is replaced in tests)."""
    count = min(_worker_count(workers), len(paths))
    if count <= 1:
        for i, path in zip(indices, paths):
            yield i, work(str(path))
        return
    pending = dict(zip(indices, paths))
    crashed: list[int] = []
    with _pool(count) as pool:
        futures = {pool.submit(work, str(path)): i for i, path in pending.items()}
        for future in as_completed(futures):
            i = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                crashed.append(i)
                continue
            yield i, outcome
    # A worker that died (a crash, the OOM killer) breaks the whole pool: rerun what it took with it,
    # each document alone, so only the one that kills its process is reported failed.
    for i in sorted(crashed):
        with _pool(1) as pool:
            try:
                yield i, pool.submit(work, str(pending[i])).result()
            except BrokenProcessPool:
                yield i, {"error": f"{pending[i]}: the worker process died while reading this document"}


def _pool(count: int) -> ProcessPoolExecutor:
    """Workers started by a fork server: not forked from this process, which may hold threads (pyarrow's)
    whose locks a forked child would inherit held. The server loads the extraction modules and the
    dictionaries once (extractor._preload), and every worker is forked from it warm."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: spawned workers warm up each
        return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.runner", "extractor._preload"])
    return ProcessPoolExecutor(max_workers=count, mp_context=context)


def _worker_count(workers: int | None) -> int:
    return max(1, workers if workers is not None else (os.cpu_count() or 1))


def _cache_get(cache: ResultCache, key: str) -> dict | None:
    meta = cache.get_meta(key)
    if meta is None or not isinstance(meta.get("text"), str):
        return None
    frame = cache.get(key)
    if frame is None:
        return None
    try:
        frame = typed(frame)
    except (ValueError, TypeError):
        return None
    return {"frame": frame, "text": meta["text"], "encoding": meta.get("encoding", ""),
            "sha256": meta.get("sha256", ""), "pages": meta.get("pages")}


def _cache_put(cache: ResultCache, key: str, outcome: dict) -> None:
    cache.put(key, outcome["frame"])
    cache.put_meta(key, {"text": outcome["text"], "encoding": outcome["encoding"], "sha256": outcome["sha256"],
                         "pages": outcome["pages"]})


def _with_doc_id(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The frame with this run's doc_id (a cached result may come from a copy under another name)."""
    frame = frame.copy()
    frame["doc_id"] = doc_id
    frame["claim_id"] = [f"{doc_id}:{start}" for start in frame["start"]]
    return frame


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _counts(items: list[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts
