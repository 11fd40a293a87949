"""Imported by the batch runner's fork server before it forks the worker processes: loads the
dictionaries and rule files (about 3 s) once, so that every worker starts with them in memory."""
from __future__ import annotations


def warm_up() -> None:
    """Extract two short sentences, one per language: every lazy loader runs once."""
    from .api import extract_text

    extract_text("2024年，全省软件业务收入达2500亿元，同比增长12%。")
    extract_text("China's core AI industry reached 1.2 trillion yuan in 2025, up 28.5 percent.")


try:
    warm_up()
except Exception:  # noqa: BLE001 - a worker then loads what it needs itself, and reports any real error
    pass
