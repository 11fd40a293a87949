"""Batch extraction over a folder: every document into one claims table, with a run record."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__
from .api import claims_frame, typed
from .claims import extract_claims
from .models import CLAIM_COLUMNS, SCHEMA_VERSION, Document, ExtractorError
from .outputs import write_json, write_table
from .patterns import patterns_hash
from .reader import PDF_SUFFIXES, TEXT_SUFFIXES, read_document

INPUT_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


@dataclass
class RunResult:
    claims: pd.DataFrame
    documents: list[Document]
    record: dict
    failures: list[dict] = field(default_factory=list)


def find_inputs(folder: str | Path) -> list[Path]:
    """Input documents below a folder, recursively, in a stable order (hidden files and folders skipped)."""
    root = Path(folder)
    if not root.is_dir():
        raise ExtractorError(f"{root}: not a folder")
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def run_folder(folder: str | Path) -> RunResult:
    """Extract every document below `folder`. A document that fails is recorded, never fatal to the others."""
    started = time.time()
    frames, documents, inputs, failures = [], [], [], []
    for path in find_inputs(folder):
        entry = {"path": str(path), "doc_id": path.stem}
        try:
            doc = read_document(path)
            frame = claims_frame(extract_claims(doc))
        except Exception as exc:  # one document's failure, expected or not, never stops the others
            message = str(exc) if isinstance(exc, ExtractorError) else f"{path}: {type(exc).__name__}: {exc}"
            entry.update(status="failed", error=message)
            failures.append(entry)
            inputs.append(entry)
            continue
        entry.update(status="ok", sha256=doc.sha256, encoding=doc.encoding, claims=len(frame),
                     pages=len(doc.page_starts) if doc.page_starts else None)
        inputs.append(entry)
        documents.append(doc)
        frames.append(frame)
    claims = typed(pd.concat(frames, ignore_index=True)) if frames else typed(pd.DataFrame(columns=CLAIM_COLUMNS))
    record = {
        "tool": "extractor",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "patterns_hash": patterns_hash(),
        "started": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.time() - started, 3),
        "inputs": inputs,
        "counts": {"documents": len(inputs), "failed": len(failures), "claims": int(len(claims)),
                   "by_lang": {k: int(v) for k, v in claims["lang"].value_counts().items()}},
    }
    return RunResult(claims=claims, documents=documents, record=record, failures=failures)


def write_run(result: RunResult, out_dir: str | Path) -> None:
    """claims.jsonl, claims.csv, claims.parquet and run.json in `out_dir`, each written atomically."""
    out = Path(out_dir)
    for fmt in ("jsonl", "csv", "parquet"):
        write_table(result.claims, out / f"claims.{fmt}", fmt)
    write_json(result.record, out / "run.json")
