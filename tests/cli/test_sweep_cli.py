"""`main.py sweep`: the table, the JSON and CSV contracts, the PNG, and bad input (exit 2, one line)."""
import csv

import pytest

from sim.walking.sweep import SWEEP_COLUMNS
from clitools import cli, strict_json


def test_table_names_the_theory_edges_and_every_step_size():
    r = cli("sweep", "--lrs", "0.001,0.5,1.5,2.5", "--starts", "20")
    assert r.returncode == 0 and r.stderr == ""     # no progress line when stderr is not a terminal
    assert "one-step hit at lr = 1/c = 1" in r.stdout and "divergence past lr = 2/c = 2" in r.stdout
    regimes = {line.split()[0]: line.split()[1] for line in r.stdout.splitlines()
               if line.split() and line.split()[0] in ("0.001", "0.5", "1.5", "2.5")}
    assert regimes == {"0.001": "too-small", "0.5": "monotone", "1.5": "oscillating", "2.5": "diverging"}


def test_json_contract():
    r = cli("sweep", "--lrs", "0.01:3:7", "--starts", "30", "--json", "--steps", "150")
    assert r.returncode == 0
    doc = strict_json(r.stdout)
    assert len(doc["rows"]) == 7 and doc["starts"] == 30 and doc["scenario"]["max_steps"] == 150
    assert doc["theory"]["one_step_lr"] == 1.0 and doc["theory"]["diverge_lr"] == 2.0
    for row in doc["rows"]:
        assert {"lr", "hit_rate", "median_steps", "outcomes", "regime"} <= set(row)
        assert set(row["outcomes"]) == {"hit", "stuck", "diverged", "max_steps"}
        assert sum(row["outcomes"].values()) == 30
        assert (row["median_steps"] is None) == (row["outcomes"]["hit"] == 0)
    assert doc["rows"][-1]["median_steps"] is None and doc["rows"][-1]["regime"] == "diverging"


def test_json_theory_note_says_what_the_table_says():
    """The edges hold for plain gd with a constant lr: the JSON's note says so, in the table's words."""
    argv = ("sweep", "--lrs", "0.5,1.5", "--starts", "3")
    note = strict_json(cli(*argv, "--json").stdout)["theory"]["note"]
    assert note.endswith("(for plain gd with a constant lr)") and "lr = 2/c = 2" in note
    assert note in cli(*argv).stdout.splitlines()


def test_theory_edges_for_a_loss_without_them_are_null():
    doc = strict_json(cli("sweep", "--loss", "distance", "--lrs", "0.1,1", "--starts", "5", "--json").stdout)
    assert doc["theory"]["curvature"] is None and doc["theory"]["diverge_lr"] is None
    assert "cusp" in doc["theory"]["note"]


def test_csv_and_json_files(tmp_path):
    out_csv, out_json = tmp_path / "s.csv", tmp_path / "s.json"
    r = cli("sweep", "--lrs", "0.0005,0.3,2.5", "--starts", "10", "--out", str(out_csv))
    assert r.returncode == 0
    with out_csv.open() as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == SWEEP_COLUMNS
    assert [row[:3] for row in rows[1:]] == [["gd", "", "0.0005"], ["gd", "", "0.3"], ["gd", "", "2.5"]]
    by_name = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert by_name[0]["median_steps"] == "" and by_name[2]["median_steps"] == ""
    assert by_name[1]["regime"] == "monotone" and int(by_name[1]["hit"]) == 10
    assert all(sum(int(row[o]) for o in ("hit", "stuck", "diverged", "max_steps")) == 10 for row in by_name)
    printed = cli("sweep", "--lrs", "0.0005,0.3,2.5", "--starts", "10", "--json", "--out", str(out_json))
    assert strict_json(out_json.read_text()) == strict_json(printed.stdout)


def test_png_is_written(tmp_path):
    png = tmp_path / "sweep.png"
    r = cli("sweep", "--lrs", "0.01:3:9", "--starts", "10", "--png", str(png), "--lang", "ja")
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args, named", [
    (["--lrs", "0.1,,2"], "'0.1,,2'"),
    (["--lrs", "a:b:c"], "'a'"),
    (["--lrs", "0.1:1:0"], "COUNT '0'"),
    (["--lrs", "-0.1,1"], "-0.1"),
    (["--lrs", "0,1"], "step size 0"),
    (["--lrs", "1:2"], "START:STOP:COUNT"),
    (["--starts", "0"], "--starts"),
    (["--starts", "-2"], "--starts"),
    (["--starts", "many"], "'many'"),
    (["--lrs", "0.1:1:5000", "--starts", "1000"], "5,000,000 players"),
    (["--lr", "0.3"], "--lrs"),
    (["--start", "1,1"], "--starts 1"),
    (["--steps", "-1"], "max_steps"),
    (["--out", "nowhere/s.csv"], "'nowhere'"),
    (["--out", "s.txt"], ".csv or .json"),
    (["--png", "s.jpg"], ".png"),
    (["--scenario", "moon"], "'moon'"),
])
def test_bad_input_exits_2_with_one_line(args, named, tmp_path):
    r = cli("sweep", *args)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("main.py sweep: error:"), r.stderr
    assert named in lines[0]


def test_nothing_is_written_when_the_input_is_bad(tmp_path):
    out, png = tmp_path / "s.csv", tmp_path / "s.png"
    r = cli("sweep", "--lrs", "0.1,x", "--out", str(out), "--png", str(png))
    assert r.returncode == 2 and not out.exists() and not png.exists()
    r = cli("sweep", "--out", str(out), "--png", str(tmp_path / "missing" / "s.png"))
    assert r.returncode == 2 and not out.exists()


class FakeTerminal:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_progress_shows_late_in_place_on_a_terminal_and_every_few_seconds_off_one(monkeypatch, tty):
    from game.cli import outputs

    clock = [100.0]
    term = FakeTerminal(tty)
    monkeypatch.setattr(outputs.sys, "stderr", term)
    monkeypatch.setattr(outputs.time, "monotonic", lambda: clock[0])
    with outputs.progress("sweep") as show:
        show(lambda: "step 10")
        assert term.text == ""                  # a short command shows nothing
        clock[0] += outputs.PROGRESS_AFTER + 0.01
        show(lambda: "step 400")
        if tty:                                 # one line, rewritten in place
            assert term.text == "\rsweep: step 400 "
        else:                                   # a log gets nothing yet, then a line every few seconds
            assert term.text == ""
            for second in range(1, 31):
                clock[0] += 0.5
                show(lambda: f"step {second}")
            lines = term.text.splitlines()
            assert len(lines) == 3              # at 5, 10 and 15 s of 15.5 s (PROGRESS_EVERY 5)
            assert lines[0].startswith("sweep: step ")
            assert term.text.endswith("\n")
    assert term.text.endswith("\r\033[K") == tty    # the terminal's line is wiped at the end


def test_a_beach_with_decoys_says_how_many_starts_ended_at_the_real_watermelon(tmp_path):
    out_csv, png = tmp_path / "d.csv", tmp_path / "d.png"
    r = cli("sweep", "--scenario", "decoys", "--lrs", "0.1,1", "--starts", "40", "--out", str(out_csv), "--png", str(png))
    assert r.returncode == 0, r.stderr
    assert "at watermelon" in r.stdout and "at decoy" in r.stdout
    with out_csv.open() as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == SWEEP_COLUMNS + ("at_watermelon", "at_decoy", "at_elsewhere")
    for row in rows:
        assert int(row["at_watermelon"]) == int(row["hit"])
        assert sum(int(row[f"at_{p}"]) for p in ("watermelon", "decoy", "elsewhere")) == 40
    assert int(rows[0]["at_decoy"]) > 0 and int(rows[1]["at_decoy"]) == 0   # big steps jump the decoys' hollows
    doc = strict_json(cli("sweep", "--scenario", "decoys", "--lrs", "0.1", "--starts", "40", "--json").stdout)
    assert doc["rows"][0]["ended_at"] == {p: int(rows[0][f"at_{p}"]) for p in ("watermelon", "decoy", "elsewhere")}
    assert doc["ended_at"]["places"] == ["watermelon", "decoy", "elsewhere"]
    import pygame
    assert pygame.image.load(str(png)).get_size() == (1600, 1000)   # four charts: where the starts ended is one
