"""Per-document result cache for batch runs: a document whose bytes, rules and tool version are
unchanged is not extracted again. One parquet file per entry, named by its key, and beside it a small
JSON file with what else a run needs of the document (its text for the review page, encoding, pages)."""
from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pandas as pd

from .atomic import write_bytes_atomic
from .models import SCHEMA_VERSION

_KEY_PATTERN = re.compile(r"[0-9a-f]{64}")


def cache_key(sha256: str, patterns_hash: str, version: str) -> str:
    """The key of a document's result: a hash of the document's sha256, the rules' hash
    (patterns.patterns_hash()), the tool version and the claim SCHEMA_VERSION."""
    if not sha256:
        raise ValueError("cache_key needs the document's sha256")
    parts = (sha256, patterns_hash, version, SCHEMA_VERSION)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class ResultCache:
    """Cached result tables in `folder` (created on the first put)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def get(self, key: str) -> pd.DataFrame | None:
        """The table stored under `key`, or None when there is none or it can't be read."""
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):  # a corrupt or truncated entry is a miss; put() replaces it
            return None

    def put(self, key: str, frame: pd.DataFrame) -> None:
        """Store `frame` under `key`, atomically. Raises ExtractorError when the folder is not writable."""
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        write_bytes_atomic(self._path(key), buffer.getvalue())

    def get_meta(self, key: str) -> dict | None:
        """The JSON object stored under `key` by put_meta, or None when there is none or it can't be read."""
        path = self._path(key, ".json")
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put_meta(self, key: str, data: dict) -> None:
        """Store a JSON object under `key`, atomically. Raises ExtractorError when the folder is not writable."""
        write_bytes_atomic(self._path(key, ".json"), json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def _path(self, key: str, suffix: str = ".parquet") -> Path:
        if not _KEY_PATTERN.fullmatch(key):
            raise ValueError(f"not a cache key (expected 64 hex digits from cache_key): {key!r}")
        return self.folder / f"{key}{suffix}"
