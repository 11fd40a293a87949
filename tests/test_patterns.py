"""The rule files: YAML read the way the word lists need it."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import patterns


@pytest.fixture
def rule_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("EXTRACTOR_PATTERNS", str(tmp_path))
    patterns.load.cache_clear()
    yield tmp_path
    patterns.load.cache_clear()


def test_words_like_on_and_no_stay_words(rule_dir):
    (rule_dir / "words.yaml").write_text("stop: [in, on, off, no, yes, On]\nflag: true\nother: False\n",
                                         encoding="utf-8")
    data = patterns.load("words.yaml")
    assert data == {"stop": ["in", "on", "off", "no", "yes", "On"], "flag": True, "other": False}


def test_every_word_list_in_patterns_holds_strings_only():
    patterns.load.cache_clear()
    root = patterns.patterns_dir()
    odd = []
    for path in sorted(root.rglob("*.yaml")):
        data = patterns.load(str(path.relative_to(root)))
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                odd.extend((path.name, x) for x in item if isinstance(x, bool) or x is None)
                stack.extend(x for x in item if isinstance(x, (list, dict)))
    assert not odd
