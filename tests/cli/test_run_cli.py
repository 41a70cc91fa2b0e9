"""`main.py run`: the readable summary, the JSON contract, trace files and bad input."""
import csv
import json
import math

import pytest

from sim import Scenario, Walk


def test_summary_names_the_outcome(cli):
    res = cli("run")
    assert res.returncode == 0, res.stderr
    assert "outcome: hit after 32 steps" in res.stdout
    assert res.stdout.count("\n") < 30  # a short step table, not the whole trace


def test_json_contract(cli):
    res = cli("run", "--json", "--start", "-3,4", "--target=1,1", "--lr", "0.5")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    expected = Walk(Scenario(start=(-3, 4), target=(1, 1), lr=0.5)).run()
    assert doc["outcome"] == expected.outcome == "hit"
    assert doc["steps"] == expected.steps
    assert doc["position"] == [expected.final.x, expected.final.y]
    assert doc["loss"] == expected.final.loss


def test_both_option_spellings_for_negative_pairs(cli):
    a = json.loads(cli("run", "--json", "--start", "-3,-4").stdout)
    b = json.loads(cli("run", "--json", "--start=-3,-4").stdout)
    assert a == b and a["scenario"]["start"] == [-3.0, -4.0]


def test_json_is_strict_even_when_the_walk_blows_up(cli):
    res = cli("run", "--json", "--lr", "1e300", "--tol", "0")
    doc = json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"non-strict JSON {c}"))
    assert doc["outcome"] == "diverged"
    assert "NaN" not in res.stdout and "Infinity" not in res.stdout


def test_reach_zero_tol_zero_walks_exactly_the_steps(cli):
    doc = json.loads(cli("run", "--json", "--reach", "0", "--tol", "0", "--steps", "250").stdout)
    assert (doc["outcome"], doc["steps"]) == ("max_steps", 250)


def test_huge_steps_allocate_nothing_up_front(cli):
    doc = json.loads(cli("run", "--json", "--steps", "1000000000").stdout)
    assert (doc["outcome"], doc["steps"]) == ("hit", 32)


def test_csv_trace_has_every_step(cli, tmp_path):
    out = tmp_path / "trace.csv"
    res = cli("run", "--scenario", "overshoot", "--out", str(out))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(out.open()))
    expected = Walk(Scenario(lr=1.6)).run().trace
    assert {"step", "x", "y", "loss", "grad_x", "grad_y"} <= set(rows[0])
    assert len(rows) == len(expected)
    for row, rec in zip(rows, expected):
        assert int(row["step"]) == rec.step
        assert float(row["x"]) == rec.x and float(row["grad_y"]) == rec.grad_y  # exact digits


def test_json_trace_file(cli, tmp_path):
    out = tmp_path / "trace.json"
    assert cli("run", "--scenario", "flat", "--out", str(out)).returncode == 0
    doc = json.loads(out.read_text())
    assert doc["outcome"] == "stuck" and doc["steps"] == 0 and len(doc["rows"]) == 1
    assert doc["rows"][0]["loss"] == 1.0


def test_custom_expression(cli):
    doc = json.loads(cli("run", "--json", "--expr", "hypot(x-tx, y-ty)", "--lr", "0.4").stdout)
    assert doc["outcome"] == "hit" and doc["scenario"]["loss"] == "custom"
    assert math.isclose(doc["distance"], math.hypot(doc["position"][0] - 3, doc["position"][1] - 2))


def test_scenario_file(cli, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('base = "sea"\nseed = 4\n')
    doc = json.loads(cli("run", "--json", "--scenario", str(path)).stdout)
    assert doc["outcome"] == "diverged" and doc["scenario"]["name"] == "mine"


BAD = [
    (["--lr", "abc"], "--lr: expected a number, got 'abc'"),
    (["--lr", "-1"], "lr must be a positive number"),
    (["--lr", "nan"], "lr must be a finite number"),
    (["--start", "1"], "--start: expected X,Y"),
    (["--start", "1,2,3"], "--start: expected X,Y"),
    (["--start", "99,0"], "start (99, 0) must be on the beach"),
    (["--target", "a,b"], "--target: expected X,Y"),
    (["--steps", "1.5"], "--steps: expected a whole number"),
    (["--steps", "-3"], "max_steps must be a whole number"),
    (["--h", "0"], "h must be between"),
    (["--tol", "-1"], "tol must be >= 0"),
    (["--reach", "inf"], "reach must be a finite number"),
    (["--seed", "x"], "--seed: expected a whole number"),
    (["--loss", "cubic"], "invalid choice: 'cubic'"),
    (["--loss", "squared", "--expr", "x"], "either --loss or --expr"),
    (["--expr", "__import__('os').system('echo hacked')"], "expression"),
    (["--expr", "x.real"], "expression"),
    (["--expr", "(" * 5000 + "x" + ")" * 5000], "expression"),
    (["--expr", ""], "expression"),
    (["--scenario", "moon"], "unknown scenario 'moon'"),
    (["--scenario", "missing.toml"], "does not exist"),
    (["--out", "trace.txt"], "must end in .csv or .json"),
    (["--out", "/no/such/folder/t.csv"], "does not exist"),
    (["--png", "scene.jpg"], "must end in .png"),
    (["--bogus"], "unrecognized arguments: --bogus"),
]


@pytest.mark.parametrize("args,message", BAD)
def test_bad_input_exits_2_with_one_clear_line(cli, tmp_path, args, message):
    res = cli("run", *args, cwd=tmp_path)
    assert res.returncode == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], res.stderr
    assert "Traceback" not in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_scenario_file_exits_2(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("lr = [1, 2]\n")
    res = cli("run", "--scenario", str(path))
    assert res.returncode == 2 and "lr must be a number" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_failed_write_leaves_no_file(tmp_path, monkeypatch, capsys):
    """A write that fails at the last moment (disk full, say) leaves neither file nor temp file."""
    import main

    def fail(src, dst):
        raise OSError(28, "No space left on device", str(dst))
    monkeypatch.setattr("os.replace", fail)
    assert main.main(["run", "--out", str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0]
    assert list(tmp_path.iterdir()) == []


def test_beaches_run_by_scenario_or_by_loss_with_a_moved_watermelon(cli):
    res = cli("run", "--scenario", "saddle", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert (out["outcome"], out["scenario"]["loss"]) == ("stuck", "saddle")
    assert out["position"] == pytest.approx([-5.4, 2.0], abs=1e-5)   # the listed saddle point
    # the same beach with the watermelon and the start moved together: the same walk, moved
    res = cli("run", "--scenario", "saddle", "--target", "2,-1", "--start", "-12,-1", "--json")
    assert json.loads(res.stdout)["position"] == pytest.approx([-6.4, -1.0], abs=1e-5)
    res = cli("run", "--loss", "banana", "--lr", "0.25")
    assert res.returncode == 0 and "loss banana" in res.stdout
