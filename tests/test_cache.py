from __future__ import annotations

import pandas as pd
import pytest

from claim_rows import claims_frame  # noqa: F401  (a fixture)
from extractor.cache import ResultCache, cache_key
from extractor.models import CLAIM_COLUMNS, ExtractorError

SHA = "ab" * 32


def test_key_depends_on_every_input():
    key = cache_key(SHA, "p1", "0.1.0")
    assert len(key) == 64 and key == cache_key(SHA, "p1", "0.1.0")
    assert key != cache_key("cd" * 32, "p1", "0.1.0")
    assert key != cache_key(SHA, "p2", "0.1.0")
    assert key != cache_key(SHA, "p1", "0.1.1")


def test_key_needs_a_document_hash():
    with pytest.raises(ValueError, match="sha256"):
        cache_key("", "p1", "0.1.0")


def test_round_trip(tmp_path, claims_frame):
    cache = ResultCache(tmp_path / "cache")
    key = cache_key(SHA, "p1", "0.1.0")
    assert cache.get(key) is None
    cache.put(key, claims_frame)
    got = cache.get(key)
    pd.testing.assert_frame_equal(got, claims_frame.reset_index(drop=True))
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{key}.parquet"]  # no temp file left


def test_empty_result_round_trips(tmp_path):
    cache = ResultCache(tmp_path)
    key = cache_key(SHA, "p1", "0.1.0")
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in CLAIM_COLUMNS})
    cache.put(key, empty)
    got = cache.get(key)
    assert got is not None and got.empty and list(got.columns) == CLAIM_COLUMNS


def test_put_replaces(tmp_path, claims_frame):
    cache = ResultCache(tmp_path)
    key = cache_key(SHA, "p1", "0.1.0")
    cache.put(key, claims_frame)
    cache.put(key, claims_frame.head(1))
    assert len(cache.get(key)) == 1


@pytest.mark.parametrize("content", [b"", b"garbage", b"PAR1\x00\x00PAR1"])
def test_corrupt_entry_is_a_miss_and_is_replaced(tmp_path, claims_frame, content):
    cache = ResultCache(tmp_path)
    key = cache_key(SHA, "p1", "0.1.0")
    (tmp_path / f"{key}.parquet").write_bytes(content)
    assert cache.get(key) is None
    cache.put(key, claims_frame)
    assert len(cache.get(key)) == len(claims_frame)


def test_truncated_entry_is_a_miss(tmp_path, claims_frame):
    cache = ResultCache(tmp_path)
    key = cache_key(SHA, "p1", "0.1.0")
    cache.put(key, claims_frame)
    path = tmp_path / f"{key}.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert cache.get(key) is None


def test_rejects_keys_that_are_not_cache_keys(tmp_path, claims_frame):
    cache = ResultCache(tmp_path)
    for bad in ("../escape", "", "AB" * 32):
        with pytest.raises(ValueError, match="not a cache key"):
            cache.get(bad)
        with pytest.raises(ValueError, match="not a cache key"):
            cache.put(bad, claims_frame)


def test_unwritable_folder_is_an_extractor_error(tmp_path, claims_frame):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    with pytest.raises(ExtractorError, match="a_file.*cannot write"):
        ResultCache(blocker / "cache").put(cache_key(SHA, "p1", "0.1.0"), claims_frame)
