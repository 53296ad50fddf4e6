"""SharedFileCache remembers small values it read while their file is unchanged: a value
written by another process (another cache object on the same directory) is seen at once."""

import time

from newsroom.cache_backends import SharedFileCache


def cache_in(directory):
    return SharedFileCache(str(directory), {"TIMEOUT": 300})


def test_a_value_another_process_wrote_is_seen_at_once(tmp_path):
    worker, other = cache_in(tmp_path), cache_in(tmp_path)
    worker.set("v:*", "1000", None)
    assert worker.get("v:*") == "1000"
    assert worker.get("v:*") == "1000"  # remembered
    other.set("v:*", "2000", None)  # same size, another file
    assert worker.get("v:*") == "2000"
    other.delete("v:*")
    assert worker.get("v:*") is None
    assert worker.get("v:*", "default") == "default"


def test_a_remembered_value_still_expires(tmp_path, monkeypatch):
    worker = cache_in(tmp_path)
    worker.set("next-change", 12.5, 10)
    assert worker.get("next-change") == 12.5
    later = time.time() + 11
    monkeypatch.setattr(time, "time", lambda: later)
    assert worker.get("next-change") is None


def test_mutable_values_are_read_fresh_each_time(tmp_path):
    worker = cache_in(tmp_path)
    worker.set("data:x", ["a"], None)
    first = worker.get("data:x")
    first.append("changed by the caller")
    assert worker.get("data:x") == ["a"]
