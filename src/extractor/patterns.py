"""Rules as data: load the YAML/TSV files of patterns/ once, by language."""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .models import ExtractorError


def patterns_dir() -> Path:
    """Where the rule files live: $EXTRACTOR_PATTERNS, the repo's patterns/, or the copy inside the wheel."""
    env = os.environ.get("EXTRACTOR_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "patterns", here / "patterns"):
        if candidate.is_dir():
            return candidate
    raise ExtractorError("patterns/ folder not found; set EXTRACTOR_PATTERNS to its path")


class _RuleLoader(yaml.SafeLoader):
    """YAML as version 1.2 reads booleans: only true/false. Word lists hold 'on', 'no', 'yes' and 'off' as words."""


_RuleLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_RuleLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load patterns/<name> (YAML, or TSV as a list of rows). Cached: each file is parsed once."""
    path = patterns_dir() / name
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractorError(f"{path}: cannot read pattern file ({exc.strerror or exc})") from None
    if path.suffix == ".tsv":
        rows = []
        for line in raw.splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t"))
        return rows
    try:
        return yaml.load(raw, Loader=_RuleLoader) or {}
    except yaml.YAMLError as exc:
        raise ExtractorError(f"{path}: invalid YAML ({exc.__class__.__name__})") from None


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 同比增长 wins over 增长)."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns_hash() -> str:
    """A hash of every rule file: a change to patterns/ invalidates cached results."""
    digest = hashlib.sha256()
    root = patterns_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
