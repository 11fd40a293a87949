from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ZH_REPORT = ROOT / "corpus" / "zh" / "china-smart-industry-2025.txt"
EN_PAGE = ROOT / "corpus" / "en" / "sina-ai-core-industry-2026-01-22.txt"
DEV_GOLD = SHARED / "gold" / "china-smart-industry-2025.dev.jsonl"


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is beside the repository in CI)")
    return path
