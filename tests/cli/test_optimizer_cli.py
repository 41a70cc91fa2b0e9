"""--optimizer and its hyperparameters, races of optimizers, --noise and --schedule on the command
line: outputs name the optimizer, bad values exit 2 with one line."""
import csv

import pytest

from clitools import assert_one_line_error, cli, strict_json
from sim.walking.race import RACE_COLUMNS
from sim.walking.sweep import SWEEP_COLUMNS
from sim.walking.walk import RUN_COLUMNS


def test_run_json_and_csv_name_the_optimizer(tmp_path):
    out = tmp_path / "t.csv"
    r = cli("run", "--optimizer", "adam", "--lr", "0.5", "--beta1", "0.8", "--eps", "1e-7", "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    doc = strict_json(r.stdout)
    assert doc["optimizer"] == {"name": "adam", "hyperparameters": {"beta1": 0.8, "beta2": 0.999, "eps": 1e-7}}
    assert doc["scenario"]["optimizer"] == "adam" and doc["scenario"]["beta1"] == 0.8
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == RUN_COLUMNS
    assert {(r["optimizer"], r["hyperparameters"]) for r in rows} == {("adam", "beta1=0.8 beta2=0.999 eps=1e-07")}
    assert rows[0]["scale_x"] == "" and float(rows[1]["scale_x"]) > 0 and rows[1]["velocity_x"] == ""
    # Adam's step is −lr·scale·m per axis
    for a, b in zip(rows[1:], rows[2:]):
        step = float(b["x"]) - float(a["x"])
        assert step == pytest.approx(-0.5 * float(b["scale_x"]) * float(b["moment_x"]), rel=1e-9)


def test_population_csv_names_the_optimizer(tmp_path):
    out = tmp_path / "pop.csv"
    r = cli("run", "--population", "20", "--optimizer", "momentum", "--momentum", "0.5", "--seed", "2",
            "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert strict_json(r.stdout)["optimizer"] == {"name": "momentum", "hyperparameters": {"momentum": 0.5}}
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert rows and {(r["optimizer"], r["hyperparameters"]) for r in rows} == {("momentum", "momentum=0.5")}


def test_race_of_optimizers_names_each_racer(tmp_path):
    out = tmp_path / "race.csv"
    r = cli("run", "--race", "gd:0.95,momentum:0.1,0.3", "--optimizer", "rmsprop", "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    racers = strict_json(r.stdout)["racers"]
    assert [(x["optimizer"]["name"], x["lr"]) for x in racers] == [("gd", 0.95), ("momentum", 0.1), ("rmsprop", 0.3)]
    with out.open() as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == RACE_COLUMNS
    assert {tuple(row[:4]) for row in rows[1:]} == {("1", "gd", "", "0.95"), ("2", "momentum", "momentum=0.9", "0.1"),
                                                     ("3", "rmsprop", "rho=0.99 eps=1e-08", "0.3")}


def test_textbook_races_by_default_and_walks_when_told():
    raced = cli("run", "--scenario", "textbook")
    assert raced.returncode == 0
    names = [line.split()[1] for line in raced.stdout.splitlines() if line.split()[:1] in (["1"], ["2"], ["3"], ["4"])]
    assert names == ["gd", "momentum", "adagrad", "adam"]
    single = strict_json(cli("run", "--scenario", "textbook", "--optimizer", "adagrad", "--lr", "1.5", "--json").stdout)
    assert single["steps"] == 30 and single["optimizer"]["name"] == "adagrad"


def test_sweep_over_several_optimizers(tmp_path):
    out = tmp_path / "s.csv"
    r = cli("sweep", "--optimizer", "gd,adam", "--lrs", "0.1,0.5", "--starts", "5", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "optimizer gd" in r.stdout and "optimizer adam(beta1=0.9, beta2=0.999, eps=1e-08)" in r.stdout
    with out.open() as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == SWEEP_COLUMNS
    assert [tuple(row[:3]) for row in rows[1:]] == [("gd", "", "0.1"), ("gd", "", "0.5"),
                                                     ("adam", "beta1=0.9 beta2=0.999 eps=1e-08", "0.1"),
                                                     ("adam", "beta1=0.9 beta2=0.999 eps=1e-08", "0.5")]
    one = strict_json(cli("sweep", "--optimizer", "adam", "--lrs", "0.1,0.5", "--starts", "5", "--json").stdout)
    assert one["optimizers"] == ["adam"] and [row["optimizer"] for row in one["rows"]] == ["adam", "adam"]
    # adam's rows are the same whether it is swept alone or beside gd (same starts, own state per player)
    both = strict_json(cli("sweep", "--optimizer", "gd,adam", "--lrs", "0.1,0.5", "--starts", "5", "--json").stdout)
    assert both["rows"][2:] == one["rows"]


def test_noise_and_schedule_reach_the_walk():
    a = strict_json(cli("run", "--noise", "0.5", "--seed", "2", "--json").stdout)
    b = strict_json(cli("run", "--noise", "0.5", "--seed", "2", "--json").stdout)
    c = strict_json(cli("run", "--noise", "0.5", "--seed", "3", "--json").stdout)
    assert a == b and a["position"] != c["position"] and a["scenario"]["noise"] == 0.5
    s = strict_json(cli("run", "--schedule", "step", "--decay", "0.5", "--every", "5", "--warmup", "2", "--json").stdout)
    assert (s["scenario"]["schedule"], s["scenario"]["every"], s["scenario"]["warmup"]) == ("step", 5, 2)


@pytest.mark.parametrize("args, named", [
    (["--momentum", "-0.5"], "momentum must be in [0, 1), got -0.5"),
    (["--beta1", "1"], "beta1 must be in [0, 1)"),
    (["--beta2", "-0.1"], "beta2 must be in [0, 1)"),
    (["--rho", "2"], "rho must be in [0, 1)"),
    (["--eps", "0"], "eps must be a positive number"),
    (["--eps", "nan"], "eps must be a finite number"),
    (["--optimizer", "sgd"], "unknown optimizer 'sgd'"),
    (["--optimizer", "gd,adam"], "--optimizer takes one name for run"),
    (["--schedule", "linear"], "unknown schedule 'linear'"),
    (["--noise", "-1"], "noise must be from 0"),
    (["--decay", "1.5"], "decay must be in (0, 1]"),
    (["--every", "0"], "every must be a whole number from 1"),
    (["--warmup", "-3"], "warmup must be a whole number from 0"),
    (["--floor", "-0.5"], "floor must be in [0, 1]"),
    (["--race", "sgd:0.1"], "unknown optimizer 'sgd'"),
    (["--race", "adam:"], "no step sizes"),
    (["--race", "adam:0.1:1:3"], "one step size"),
    (["--scenario", "textbook", "--race", "adam:-1"], "-1"),
])
def test_bad_values_exit_2_with_one_line(args, named):
    r = cli("run", *args)
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert named in r.stderr, r.stderr


def test_sweep_bad_optimizer_in_a_list():
    r = cli("sweep", "--optimizer", "gd,adamw", "--lrs", "0.1", "--starts", "2")
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert "unknown optimizer 'adamw'" in r.stderr


def test_scenario_files_take_the_same_fields(tmp_path):
    good = tmp_path / "cove.toml"
    good.write_text('base = "textbook"\noptimizer = "nesterov"\nmomentum = 0.5\nnoise = 0.05\n'
                    'schedule = "step"\ndecay = 0.9\nevery = 3\nwarmup = 1\nseed = 4\n')
    doc = strict_json(cli("run", "--scenario", str(good), "--json").stdout)
    assert doc["optimizer"] == {"name": "nesterov", "hyperparameters": {"momentum": 0.5}}   # walks: no race
    assert {k: doc["scenario"][k] for k in ("noise", "schedule", "decay", "every", "warmup", "eps", "race")} == \
        {"noise": 0.05, "schedule": "step", "decay": 0.9, "every": 3, "warmup": 1, "eps": 1e-7, "race": None}
    raced = tmp_path / "raced.toml"
    raced.write_text('base = "textbook"\nrace = "adam:0.3,rmsprop:0.1"\n')
    racers = strict_json(cli("run", "--scenario", str(raced), "--json").stdout)["racers"]
    assert [r["optimizer"]["name"] for r in racers] == ["adam", "rmsprop"]
    for text, named in (('beta2 = 1.0', "beta2 must be in [0, 1)"), ('optimizer = "lion"', "unknown optimizer"),
                        ('race = "adam:x"', "race:"), ('every = "10"', "every must be a whole number")):
        bad = tmp_path / "bad.toml"
        bad.write_text(text + "\n")
        r = cli("run", "--scenario", str(bad))
        assert_one_line_error(r.returncode, r.stdout, r.stderr)
        assert named in r.stderr and "bad.toml" in r.stderr


def test_a_noisy_population_is_reproducible():
    args = ("run", "--population", "30", "--noise", "0.3", "--optimizer", "momentum", "--lr", "0.05", "--json")
    a, b = strict_json(cli(*args).stdout), strict_json(cli(*args).stdout)
    assert a == b and a["optimizer"]["name"] == "momentum"
    quiet = strict_json(cli(*args[:3], *args[5:]).stdout)
    assert quiet["final"] != a["final"]


@pytest.mark.parametrize("option", ["--race", "--expr", "--optimizer", "--schedule"])
def test_a_double_dash_value_is_one_line(option):
    """argparse reads "--race=--" as an empty list; it is bad input, not a traceback."""
    r = cli("run", f"{option}=--")
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert f"{option}: expected a value, got '--'" in r.stderr
