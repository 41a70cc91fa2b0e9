"""The promises kept everywhere: Ctrl-C and SIGTERM end in one line with nothing left behind, a full
disk fails every output alike, memory follows what the output needs, any terminal can show the text."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.clitools import ENV, ROOT, assert_one_line_error, cli


def _wait_for_temp(folder: Path, proc: subprocess.Popen, within: float = 60) -> None:
    """Wait until the command has begun writing (its temporary file exists in ``folder``)."""
    end = time.monotonic() + within
    while not any(p.name.startswith(".suikawari-") for p in folder.iterdir()):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the command never started its output"
        time.sleep(0.05)


@pytest.mark.parametrize("signum, status, says", [(signal.SIGINT, 130, "interrupted"),
                                                  (signal.SIGTERM, 143, "terminated")])
def test_a_signal_ends_a_command_with_one_line_and_no_files(tmp_path, signum, status, says):
    (tmp_path / "trace.csv").write_text("old\n")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", "--steps", "100000000", "--reach", "0",
                             "--tol", "0", "--out", str(tmp_path / "trace.csv")],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_temp(tmp_path, proc)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:   # a failed wait or a timeout must not leave a 100-million-step run behind
        proc.kill()
        proc.communicate()   # reaped, and its pipes closed (no ResourceWarning in a later test)
    assert proc.returncode == status and out == ""
    assert err == f"main.py: {says}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trace.csv"]   # no temporary file left
    assert (tmp_path / "trace.csv").read_text() == "old\n"               # the previous file intact


@pytest.fixture
def full_disk(tmp_path):
    """A 64 KiB tmpfs: too small for a 1280x720 PNG (needs root; skipped where mounting is refused)."""
    folder = tmp_path / "small"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip() or done.returncode}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("option, name", [("--png", "scene.png"), ("--gif", "walk.webp"), ("--gif", "walk.gif"),
                                          ("--out", "trace.json")])
def test_a_full_disk_fails_every_output_alike_and_places_none(tmp_path, full_disk, capsys, option, name):
    import main

    (full_disk / name).write_bytes(b"previous")
    (tmp_path / "trace.csv").write_text("old\n")
    other = ["--out", str(tmp_path / "trace.csv")] if option != "--out" else ["--png", str(tmp_path / "scene.png")]
    steps = "3000" if option == "--out" else "5"   # a trace bigger than the disk (5 steps: a 190 KB GIF, a 320 KB WebP)
    status = main.main(["run", "--steps", steps, "--reach", "0", "--tol", "0", option, str(full_disk / name), *other])
    out, err = capsys.readouterr()
    assert_one_line_error(status, out, err)
    assert "No space left on device" in err and str(full_disk / name) in err and ".suikawari-" not in err
    assert sorted(p.name for p in full_disk.iterdir()) == [name] and (full_disk / name).read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small", "trace.csv"]   # the other output not placed
    assert (tmp_path / "trace.csv").read_text() == "old\n"


@pytest.mark.parametrize("option", ["--out", "--png"])
def test_a_path_ending_in_a_slash_is_refused(tmp_path, option):
    r = cli("run", option, f"{tmp_path}/t{'.csv' if option == '--out' else '.png'}/")
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert "ends in a slash" in r.stderr and list(tmp_path.iterdir()) == []


def _peak_bytes(*args: str) -> int:
    import main

    tracemalloc.start()
    try:
        assert main.main(list(args)) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_run_keeps_no_trace_it_will_not_write(tmp_path, capsys):
    """--json and --out of 2,500 steps peak within a tenth of what 2,000 more kept rows would cost
    above 500 steps' peak: no per-step rows are kept, so a run of any length peaks alike."""
    from sim import Scenario, Walk

    walk = Walk(Scenario(max_steps=500, reach=0, tol=0))
    tracemalloc.start()
    walk.run()
    row = tracemalloc.get_traced_memory()[0] / 500   # bytes a kept row costs (several hundred)
    tracemalloc.stop()
    for extra in ([], ["--out", str(tmp_path / "t.csv")]):
        short, long = (_peak_bytes("run", "--steps", n, "--reach", "0", "--tol", "0", "--json", *extra)
                       for n in ("500", "2500"))
        assert long - short < 2_000 * row / 10, (short, long, row, extra)
    capsys.readouterr()
    rows = (tmp_path / "t.csv").read_text().splitlines()
    assert len(rows) == 1 + 2501 and rows[-1].startswith("2500,")   # --out still has every row


def test_the_step_table_marks_the_rows_left_out():
    r = cli("run", "--steps", "50", "--reach", "0", "--tol", "0")
    assert r.returncode == 0, r.stderr
    table = [line.split()[0] for line in r.stdout.splitlines() if line[:6].strip().isdigit() or "..." in line[:6]]
    assert table == ["0", "1", "2", "3", "4", "...", "46", "47", "48", "49", "50"]


def test_a_terminal_that_cannot_show_japanese_gets_escapes_not_a_crash(tmp_path):
    (tmp_path / "スイカ.toml").write_text('base = "beach"\nmax_steps = 3\n', encoding="utf-8")
    for args in (("run", "--json"), ("--lang", "ja", "run")):
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--scenario", "スイカ.toml"], cwd=tmp_path,
                              env={**ENV, "PYTHONIOENCODING": "ascii"}, capture_output=True, timeout=120)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        text = done.stdout.decode("ascii")
        if args[0] == "run":   # the escapes of JSON text are JSON's own
            assert json.loads(text)["scenario"]["name"] == "スイカ"
        else:
            assert "\\u30b9\\u30a4\\u30ab" in text


def test_options_may_come_before_the_command_and_a_typo_names_the_program():
    assert cli("--lang", "ja", "run", "--steps", "2").returncode == 0
    r = cli("rn")
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("main.py: error: argument command: invalid choice: 'rn'")


@pytest.mark.parametrize("crowd, says", [(("--race", ",".join(["0.1"] * 9)), "--race: at most 8 racers in a --png"),
                                         (("--population", "10001"), "--population: at most 10,000 players in a --png")])
def test_a_crowd_too_big_for_a_picture_is_refused_for_png_too(tmp_path, crowd, says):
    r = cli("run", *crowd, "--png", str(tmp_path / "crowd.png"))
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert says in r.stderr and list(tmp_path.iterdir()) == []
