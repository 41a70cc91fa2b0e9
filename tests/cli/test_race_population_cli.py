"""`main.py run --race` and `run --population`: outputs equal separate single runs; bad input."""
import csv
from pathlib import Path

import pytest

from sim.walking.population import POPULATION_TABLE_COLUMNS
from sim.walking.race import RACE_COLUMNS
from sim.walking.walk import TRACE_COLUMNS
from clitools import cli, strict_json


def read_csv(path: Path) -> list[list[str]]:
    with path.open() as f:
        return list(csv.reader(f))


def test_race_json_equals_separate_runs():
    r = cli("run", "--race", "0.1,0.5,1.9", "--start", "-3,4", "--json")
    assert r.returncode == 0
    racers = strict_json(r.stdout)["racers"]
    assert [x["lr"] for x in racers] == [0.1, 0.5, 1.9]
    for racer in racers:
        single = strict_json(cli("run", "--lr", str(racer["lr"]), "--start", "-3,4", "--json").stdout)
        for key in ("outcome", "steps", "position", "loss", "distance", "gradient"):
            assert racer[key] == single[key], (racer["lr"], key)


def test_race_csv_equals_separate_trace_files(tmp_path):
    race_csv = tmp_path / "race.csv"
    assert cli("run", "--race", "0.3,1.6,2.2", "--out", str(race_csv)).returncode == 0
    rows = read_csv(race_csv)
    assert tuple(rows[0]) == RACE_COLUMNS
    for racer, lr in enumerate(("0.3", "1.6", "2.2"), 1):
        single_csv = tmp_path / f"single{racer}.csv"
        assert cli("run", "--lr", lr, "--out", str(single_csv)).returncode == 0
        single = read_csv(single_csv)
        mine = [row[4:] for row in rows[1:] if row[0] == str(racer)]
        assert all(row[1:4] == ["gd", "", lr] for row in rows[1:] if row[0] == str(racer))
        assert mine == [row[:len(TRACE_COLUMNS)] for row in single[1:]]
        assert all(row[len(TRACE_COLUMNS):] == ["gd", ""] for row in single[1:])


def test_race_summary_lists_every_racer():
    r = cli("run", "--race", "0.1,2.5")
    assert r.returncode == 0
    lines = [line.split() for line in r.stdout.splitlines()]
    assert ["1", "gd", "0.1", "hit", "32"] in [line[:5] for line in lines]
    assert ["2", "gd", "2.5", "diverged"] in [line[:4] for line in lines]


def test_population_outputs(tmp_path):
    out_csv, out_json = tmp_path / "p.csv", tmp_path / "p.json"
    r = cli("run", "--population", "50", "--seed", "3", "--json", "--out", str(out_csv))
    assert r.returncode == 0
    summary = strict_json(r.stdout)
    assert (summary["players"], summary["group_a"], summary["group_b"]) == (50, 40, 10)
    rows = read_csv(out_csv)
    assert tuple(rows[0]) == POPULATION_TABLE_COLUMNS
    assert [int(row[0]) for row in rows[1:]] == list(range(summary["steps"] + 1))
    assert {tuple(row[-2:]) for row in rows[1:]} == {("gd", "")}
    final = dict(zip(rows[0], rows[-1]))
    assert float(final["a_hit_rate"]) == summary["final"]["a_hit_rate"]
    assert cli("run", "--population", "50", "--seed", "3", "--out", str(out_json)).returncode == 0
    doc = strict_json(out_json.read_text())
    assert len(doc["rows"]) == len(rows) - 1 and doc["outcomes"] == summary["outcomes"]
    assert doc["rows"][0] == {k: (v if k in ("optimizer", "hyperparameters") else int(v) if k in ("step", "walking")
                                  else float(v)) for k, v in zip(rows[0], rows[1])}


def test_population_equals_separate_runs():
    """The summary matches separate single runs (`run --start X,Y`) of the same seeded starts."""
    from sim import Scenario
    from sim.walking.population import spread_starts

    scenario = Scenario(seed=9)
    xs, ys = spread_starts(scenario, 10)
    finals = []
    for x, y in zip(xs, ys):
        single = strict_json(cli("run", "--seed", "9", "--start", f"{float(x)!r},{float(y)!r}", "--json").stdout)
        finals.append(single)
    summary = strict_json(cli("run", "--population", "10", "--seed", "9", "--json").stdout)
    assert summary["outcomes"]["group_a"]["hit"] == sum(s["outcome"] == "hit" for s in finals[:8])
    assert summary["steps"] == max(s["steps"] for s in finals)
    assert summary["final"]["b_loss"] == pytest.approx(sum(s["loss"] for s in finals[8:]) / 2, rel=1e-12)


@pytest.mark.parametrize("args", [["--race", "0.1,0.5,1.9"], ["--population", "40"]])
def test_pngs_are_written(args, tmp_path):
    png = tmp_path / "chart.png"
    r = cli("run", *args, "--png", str(png))
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args, named", [
    (["--race", ""], "no step sizes"),
    (["--race", "0.1,,2"], "empty step size"),
    (["--race", "0.1,-2"], "-2"),
    (["--race", "x"], "'x'"),
    (["--race", "0.1:2:65"], "at most 64 racers"),
    (["--race", "0.1", "--lr", "0.2"], "--lr"),
    (["--race", "0.1", "--population", "5"], "not allowed"),
    (["--population", "0"], "--population"),
    (["--population", "1"], "--population"),
    (["--population", "-4"], "--population"),
    (["--population", "ten"], "'ten'"),
    (["--population", "3000000"], "1,000,000"),
    (["--population", "5", "--start", "1,1"], "--start"),
    (["--population", "5", "--out", "p.txt"], ".csv or .json"),
    (["--race", "0.1", "--png", "r.gif"], ".png"),
])
def test_bad_input_exits_2_with_one_line(args, named):
    r = cli("run", *args)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("main.py run: error:"), r.stderr
    assert named in lines[0]
