"""Outputs appear together and whole, or not at all; JSON is strict; CSV floats are exact."""
import json
import os

import numpy as np
import pytest

from sim.reports.files import Outputs, csv_text, json_text, write_atomic


def test_outputs_appear_together(tmp_path):
    with Outputs() as out:
        out.write(tmp_path / "a.csv", b"a")
        write_atomic(tmp_path / "b.png", b"b")          # a save function inside the block joins it
        out.stream(tmp_path / "c.json").write(b"{}")   # a streamed file too
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == []
    assert (tmp_path / "a.csv").read_bytes() == b"a" and (tmp_path / "b.png").read_bytes() == b"b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.png", "c.json"]


def test_a_failure_leaves_nothing_and_keeps_old_files(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with Outputs() as out:
            out.write(tmp_path / "a.csv", b"new")
            out.write(tmp_path / "b.json", b"{}")
            raise RuntimeError("the PNG could not be drawn")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old"


def test_written_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "t.csv", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "t.csv").stat().st_mode & 0o777 == 0o644


def test_json_is_strict_and_nulls_non_finite_numbers():
    text = json_text({"a": float("nan"), "b": [np.float64("inf"), 1.5], "c": np.int64(3)})
    assert json.loads(text) == {"a": None, "b": [None, 1.5], "c": 3}


def test_csv_writes_floats_to_the_last_digit():
    x = 0.1 + 0.2
    text = csv_text(["v", "w"], [(x, np.float64(1 / 3))])
    row = text.splitlines()[1].split(",")
    assert float(row[0]) == x and float(row[1]) == 1 / 3 and "np." not in text
