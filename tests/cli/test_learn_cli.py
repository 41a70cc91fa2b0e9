"""`main.py learn`: the per-epoch report, JSON, curves files, the PNG, the gradient check and
bad input."""
import csv

import pytest

from clitools import assert_one_line_error, strict_json
from sim.learning.learn import LearnSettings, learn


def test_report_has_a_row_per_epoch(cli, tmp_path):
    res = cli("learn", "--epochs", "3", cwd=tmp_path)   # the data is found from the package, not the cwd
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].split()[:3] == ["epoch", "train", "loss"]
    assert [line.split()[0] for line in lines[1:5]] == ["0", "1", "2", "3"]
    assert "softmax regression, 650 weights" in lines[-1]


def test_json_and_csv_are_the_runs_curves(cli, tmp_path):
    out = tmp_path / "curves.csv"
    res = cli("learn", "--epochs", "2", "--hidden", "4", "--loss", "sse", "--seed", "5", "--json", "--out", str(out))
    assert res.returncode == 0, res.stderr
    doc = strict_json(res.stdout)
    expected = learn(LearnSettings(epochs=2, hidden=4, loss="sse", seed=5))
    assert doc["parameters"] == 4 * 65 + 10 * 5
    assert doc["final"]["val_accuracy"] == expected.curves[-1, 3]
    rows = list(csv.DictReader(out.open()))
    assert [float(r["train_loss"]) for r in rows] == expected.curves[:, 0].tolist()


def test_png_is_written_in_both_languages(cli, tmp_path):
    for lang in ("en", "ja"):
        png = tmp_path / f"curves-{lang}.png"
        res = cli("learn", "--epochs", "2", "--png", str(png), "--lang", lang)
        assert res.returncode == 0, res.stderr
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_gradcheck_prints_the_largest_relative_difference(cli):
    res = cli("learn", "--gradcheck", "--json")
    assert res.returncode == 0, res.stderr
    check = strict_json(res.stdout)["gradcheck"]
    assert 0 < check["max_relative_difference"] < 1e-5 and check["parameters"] == 650


@pytest.mark.parametrize("args", [
    ("--lr", "0"), ("--lr", "nan"), ("--epochs", "0"), ("--batch", "x"), ("--val", "1"), ("--hidden", "-2"),
    ("--loss", "squared"), ("--seed", "-1"), ("--h", "0"), ("--out", "/nonexistent/c.csv"), ("--png", "c.jpg"),
    ("--gradcheck", "--out", "c.csv"), ("--optimizer", "sgdx"), ("--optimizer", "adam", "--momentum", "0.5"),
    ("--optimizer", "momentum", "--momentum", "1"), ("--optimizer", "rmsprop", "--rho", "-0.1")])
def test_bad_options_exit_2_with_one_line(cli, args, tmp_path):
    res = cli("learn", *args, cwd=tmp_path)
    assert_one_line_error(res.returncode, res.stdout, res.stderr)
    assert not any(tmp_path.iterdir())


def test_run_digits_draws_the_landscape(cli, tmp_path):
    png = tmp_path / "digits.png"
    res = cli("run", "--scenario", "digits", "--png", str(png), "--lang", "ja")
    assert res.returncode == 0, res.stderr
    assert "命中" in res.stdout.splitlines()[-1] and png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args", [
    ("--learn", "--scenario", "pit"), ("--learn", "--loss", "squared"), ("--learn", "--race", "1,2"),
    ("--learn", "--population", "10"), ("--learn", "--expr", "x*y")])
def test_play_learn_refuses_what_does_not_fit(cli, args):
    res = cli("play", *args, "--max-frames", "1")
    assert_one_line_error(res.returncode, res.stdout, res.stderr)
