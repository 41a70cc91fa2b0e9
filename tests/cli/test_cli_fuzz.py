"""Fuzzing the command line: whatever the arguments, `run`, `run --race`, `run --population` and
`sweep` end with exit status 0 or 2, never a traceback.

On 2: exactly one line on stderr, nothing on stdout, no file left behind. On 0: nothing on stderr
(no numpy warnings either), strict JSON with --json, and an --out file that is whole.
Most examples run in-process (clitools.cli); a few go through a real interpreter (cli_process).
"""
from __future__ import annotations

import re

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sim.beach.scenario import SCENARIOS
from clitools import Ran, assert_one_line_error, cli, cli_process, strict_json

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# ---- argument values: good ones (so that runs happen) and every kind of bad one -------------------

ODD_NUMBERS = ["0", "-0", "1", "-1", "0.5", "-0.5", ".5", "-.5", "1e-320", "5e-324", "1e308", "-1e308",
               "1e999", "-1e999", "nan", "-nan", "NaN", "inf", "-inf", "Infinity", "", " ", "1,", ",",
               "1e999,0", "0x10", "1_000", "½", "١", "1e", "e1", "-", "--", ".", "1.2.3", "9" * 400,
               "∞", "1 2", "-1e-9", "+3", "0" * 300 + "1"]
ODD_PAIRS = ["1,", ",", ",1", "1,2,3", "1e999,0", "0,1e999", "nan,0", "0,-inf", "-inf,0", "inf,inf",
             "1;2", "1 2", "(1,2)", "[1,2]", "", " , ", "-3,4", "-3,-4", "12,12", "-12,-12", "12.000001,0",
             "1e6,1e6", "0,0", "3,2", "é,1", "-0,-0", "1_0,2", "١,٢"]
LONG = st.sampled_from(["x" * 5000, "1" * 5000, "-" + "9" * 4000, "é" * 1000])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)

odd_number = st.one_of(st.sampled_from(ODD_NUMBERS), st.floats().map(repr),
                       st.integers(-10**30, 10**30).map(str), TEXT, LONG)
odd_pair = st.one_of(st.sampled_from(ODD_PAIRS), st.tuples(odd_number, odd_number).map(",".join), TEXT)


def mostly(good: st.SearchStrategy[str], bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A good value three times in four, so that whole runs happen too; a bad one otherwise."""
    return st.integers(0, 3).flatmap(lambda i: bad if i == 0 else good)


def number(lo: float, hi: float) -> st.SearchStrategy[str]:
    return mostly(st.one_of(st.floats(lo, hi).map(repr), st.floats(lo, hi).map(lambda v: f"{v:g}")), odd_number)


def whole(lo: int, hi: int, bad: list[str]) -> st.SearchStrategy[str]:
    return mostly(st.integers(lo, hi).map(str), st.one_of(st.sampled_from(bad), TEXT))


beach_pair = st.tuples(st.floats(-12, 12), st.floats(-12, 12)).map(lambda p: f"{p[0]!r},{p[1]!r}")
TOKENS = ["x", "y", "tx", "ty", "pi", "e", "1", "2.5", "0", "1e308", "1e999", "(", ")", "+", "-", "*", "/",
          "**", ",", "abs(", "sqrt(", "exp(", "log(", "sin(", "cos(", "tanh(", "hypot(", "__import__",
          "os", ".", "[", "]", "'", "^", "==", "lambda", "x.real", "é", "\t", "#"]
expression = st.one_of(
    st.sampled_from(["(x-tx)**2 + (y-ty)**2", "hypot(x-tx, y-ty)", "abs(x-tx) + abs(y-ty)", "-exp(-x)",
                     "x**x**x**x", "1/(x-tx)", "log(0*x)", "sqrt(-1+0*x)", "(" * 50 + "x" + ")" * 50,
                     "+".join(["x"] * 300), "9**9**9", "0**-1"]),
    st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=14).map("".join), TEXT, LONG)

scenario_value = mostly(st.sampled_from([*SCENARIOS, "good.toml"]),
                        st.sampled_from(["nope", "BEACH", "", "bad.toml", "missing.toml", "no/such/folder/x.toml",
                                         "folder", "folder.toml", "good.toml/", "x.json"]))
out_value = mostly(st.sampled_from(["t.csv", "t.json", "T.CSV", "t.JSON", "é.csv", "sub dir.json"]),
                   st.sampled_from(["t.txt", "t", "", ".csv", "no/such/folder/t.csv", "folder", "folder.csv",
                                    "good.toml", "t.csv/", "a" * 300 + ".csv", "a" * 250 + ".csv"]))
png_value = st.sampled_from(["x.jpg", "x", "", "no/such/folder/x.png", "folder.png", "PNG"])   # never renders
lrs_value = mostly(st.one_of(
    st.sampled_from(["0.1,0.5,1.9", "0.01:3:5", "3:0.01:4", "1:1:3", "0.1,0.1", "1e-320:1:3", "1e308",
                     " 0.1 , 0.2 "]),
    st.lists(st.floats(1e-3, 3).map(repr), min_size=1, max_size=6).map(",".join)), st.one_of(
    st.sampled_from(["", ",", "1,", ":", "1:2", "1:2:1", "1:2:0", "1:2:1.5", "1:2:-3", "0:1:3", "nan:1:3",
                     "1:inf:3", "1:2:10001", "1:2:3:4", "0", "-1", "1e999", "a,b"]), odd_number))

COMMON = {
    "--scenario": scenario_value,
    "--loss": mostly(st.sampled_from(["squared", "distance", "hit-or-miss"]),
                     st.sampled_from(["custom", "Squared", ""])),
    "--expr": expression,
    "--start": mostly(beach_pair, odd_pair),
    "--target": mostly(beach_pair, odd_pair),
    "--lr": number(1e-3, 2.5),
    "--h": number(1e-6, 1.0),
    # valid step counts stay small: a huge one with --reach 0 --tol 0 is a long (legal) walk
    "--steps": whole(0, 40, ["-1", "1e3", "1.5", "", "1000000001", "9" * 5000, "0x10", "-0"]),
    "--tol": number(0.0, 1e-2),
    "--reach": number(0.0, 3.0),
    "--seed": whole(0, 2**63 - 1, ["-1", str(2**63), "1.0", "", "9" * 30]),
    "--json": None,
    "--out": out_value,
    "--png": png_value,
    "--lang": mostly(st.sampled_from(["en", "ja"]), st.sampled_from(["xx", ""])),
    "--optimizer": mostly(st.sampled_from(["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]),
                          st.sampled_from(["sgd", "", "Adam", "gd,", "gd,adam", ",", "adam adam"])),
    "--momentum": number(0.0, 0.99),
    "--beta1": number(0.0, 0.99),
    "--beta2": number(0.0, 0.9999),
    "--rho": number(0.0, 0.999),
    "--eps": number(1e-12, 1.0),
    "--noise": number(0.0, 2.0),
    "--schedule": mostly(st.sampled_from(["constant", "step", "exp", "cosine"]), st.sampled_from(["", "Step", "lin"])),
    "--decay": number(1e-3, 1.0),
    "--every": whole(1, 50, ["0", "-1", "1.5", "", "1000000001"]),
    "--warmup": whole(0, 20, ["-1", "1.5", "", "1000000001"]),
    "--floor": number(0.0, 1.0),
}
RUN = {**COMMON,
       "--race": st.one_of(lrs_value, st.sampled_from(["0.1:2:64", "0.1:2:65", "gd:0.95,momentum:0.1,adagrad:1.5,adam:0.3",
                                                      "adam:", "sgd:0.1", "adam:0.1:1:3", "0.1,adam:1e-3", ":0.1"])),
       "--population": whole(2, 40, ["1", "0", "-3", "1e3", "1000001", "x", ""])}
SWEEP = {**COMMON, "--lrs": lrs_value, "--starts": whole(1, 20, ["0", "-1", "1000001", "1.5", ""])}


@st.composite
def arguments(draw, command: str, options: dict, must: tuple[str, ...] = ()) -> list[str]:
    """A command line: the command, some options (maybe repeated) with drawn values, maybe junk."""
    names = list(must) + draw(st.lists(st.sampled_from(sorted(options)), max_size=6))
    argv = [command]
    for name in names:
        value = options[name]
        if value is None:
            argv.append(name)
        elif draw(st.booleans()):
            argv += [name, draw(value)]
        else:
            argv.append(f"{name}={draw(value)}")
    if draw(st.integers(0, 19)) == 0:
        argv.insert(draw(st.integers(1, len(argv))), draw(st.sampled_from(["junk", "-x", "--nope", "run", "-"])))
    return argv


def prepare(folder: Path) -> Path:
    """A fresh working folder with a good and a bad scenario file and a sub-folder."""
    folder.mkdir()
    (folder / "good.toml").write_text('lr = 0.5\ntarget = [1, 1]\n')
    (folder / "bad.toml").write_text("lr = = 1\n")
    (folder / "folder").mkdir()
    (folder / "folder.toml").mkdir()
    (folder / "folder.csv").mkdir()
    (folder / "folder.png").mkdir()
    return folder


def check_contract(argv: list[str], ran: Ran, folder: Path, before: set[str]) -> None:
    assert ran.returncode in (0, 2), (argv, ran)
    assert "Traceback" not in ran.stderr, (argv, ran.stderr)
    if ran.returncode == 2:
        assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
        assert files_in(folder) == before, f"exit 2 but files were written: {argv}"
        return
    progress = re.compile(r"^(run|sweep|sweep --grid|learn): [^\n]*\n", re.M)   # a long command's progress lines
    assert progress.sub("", ran.stderr) == "", (argv, ran.stderr)   # nothing else: no numpy warnings either
    assert ran.stdout.strip(), argv
    if "--json" in argv:
        strict_json(ran.stdout)
    new = files_in(folder) - before
    assert not any(name.endswith(".tmp") for name in new), new
    for name in new:
        path = folder / name
        if name.lower().endswith(".json"):
            doc = strict_json(path.read_text())
            assert doc["rows"] if "rows" in doc else doc
        else:
            assert path.read_text().endswith("\n") and "," in path.read_text().splitlines()[0]


def fuzz_once(argv: list[str], tmp_path: Path) -> None:
    folder = prepare(tmp_path / f"case{len(list(tmp_path.iterdir()))}")
    before = files_in(folder)
    ran = cli(*argv, cwd=folder)
    event(f"exit {ran.returncode}")
    check_contract(argv, ran, folder, before)


@FUZZ
@given(argv=arguments("run", {k: v for k, v in RUN.items() if k not in ("--race", "--population")}))
def test_run_fuzz(argv, tmp_path):
    fuzz_once(argv, tmp_path)


@FUZZ
@given(argv=arguments("run", {k: v for k, v in RUN.items() if k != "--population"}, must=("--race",)))
def test_run_race_fuzz(argv, tmp_path):
    fuzz_once(argv, tmp_path)


@FUZZ
@given(argv=arguments("run", {k: v for k, v in RUN.items() if k != "--race"}, must=("--population",)))
def test_run_population_fuzz(argv, tmp_path):
    fuzz_once(argv, tmp_path)


@settings(FUZZ, max_examples=20)
@given(argv=arguments("sweep", SWEEP, must=("--starts",)))
def test_sweep_fuzz(argv, tmp_path):
    fuzz_once(argv, tmp_path)


@settings(FUZZ, max_examples=20)
@given(argv=arguments("run", RUN, must=("--json",)))
def test_run_fuzz_with_json_always(argv, tmp_path):
    fuzz_once(argv, tmp_path)


# ---- examples a fuzzer may not reach, as a user would type them -------------------------------------

@pytest.mark.parametrize("argv", [
    ["run", "--lr", "nan"], ["run", "--start", "1e999,0"], ["run", "--start", "1,"], ["run", "--start", ","],
    ["run", "--steps", "9" * 5000], ["run", "--seed", "-1"], ["run", "--expr", "__import__('os')"],
    ["run", "--expr", "x.real"], ["run", "--out", "no/such/folder/t.csv"], ["run", "--out", "t.txt"],
    ["run", "--race", "1:2:1000"], ["run", "--race", "0.1", "--lr", "0.2"],
    ["run", "--race", "0.1", "--population", "3"], ["run", "--population", "3", "--start", "1,1"],
    ["sweep", "--lr", "0.1"], ["sweep", "--starts", "2", "--start", "1,1"],
    ["sweep", "--lrs", "1:2:3", "--starts", "400000", "--steps", "1"], ["run", "--loss", "squared", "--expr", "x"],
    ["run", "--scenario", "folder"], ["run", "--scenario", "missing.toml"], ["nope"], ["run", "junk"],
])
def test_typical_bad_input_gives_one_line(argv, tmp_path):
    folder = prepare(tmp_path / "w")
    before = files_in(folder)
    ran = cli(*argv, cwd=folder)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert files_in(folder) == before


@pytest.mark.parametrize("args", [
    ("run", "--lr", "1e999,0"), ("run", "--start", "nan,0"), ("sweep", "--lrs", "0:1:3"),
    ("run", "--race", ","), ("run", "--population", "1"), ("run", "--expr", "x" * 5000),
    ("run", "--out", "/no/such/folder/t.csv"), ("run", "--scenario", "/no/such/x.toml"),
    ("run", "--out", "\udcff/t.csv"),      # a path that is not UTF-8, as a shell passes it
])
def test_more_bad_input_gives_one_line(args, tmp_path):
    res = cli(*args, cwd=tmp_path)
    assert_one_line_error(res.returncode, res.stdout, res.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [
    ("run", "--lr", "1e999,0"),
    ("run", "--out", "\udcff/t.csv"),      # the shell's bytes, printed back on a real stderr
])
def test_bad_input_in_a_real_interpreter(args, tmp_path):
    res = cli_process(*args, cwd=tmp_path)
    assert_one_line_error(res.returncode, res.stdout, res.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [("--size", "10x10"), ("--max-frames", "0"), ("--lang", "xx"),
                                  ("--size", "1280x"), ("--screenshot", "x.jpg"), ("--max-frames", "-1"),
                                  ("--race", ","), ("--race", "0.1", "--lr", "0.2"), ("--population", "1"),
                                  ("--race", "0.1", "--population", "3"), ("--lr", "nan")])
def test_play_with_bad_arguments_exits_2_without_a_window(args, tmp_path):
    bound = () if "--max-frames" in args else ("--max-frames", "1")   # if a check slipped, stop at once
    for argv in (("play", *args), args):        # `main.py --size 10x10` means play too
        res = cli(*argv, *bound, "--mute", cwd=tmp_path)
        assert_one_line_error(res.returncode, res.stdout, res.stderr)
        assert "play" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_exits_0(tmp_path):
    for argv in (("-h",), ("run", "--help"), ("sweep", "-h")):
        res = cli(*argv, cwd=tmp_path)
        assert res.returncode == 0 and "usage:" in res.stdout and res.stderr == ""


# ---- bugs this file found, now fixed: kept as regression tests ------------------------------------

def test_expression_starting_with_minus_is_accepted(tmp_path):
    ran = cli(*["run", "--expr", "-exp(-x)", "--json", "--steps", "1"], cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr     # `--expr=-exp(-x)` and "-exp(-x) " (with a space) both work


def test_negative_infinity_is_named_as_not_finite(tmp_path):
    for argv in (["run", "--start", "-inf,0"], ["run", "--lr", "-inf"]):
        ran = cli(*argv, cwd=tmp_path)
        assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
        assert "finite" in ran.stderr or "positive" in ran.stderr, ran.stderr


@pytest.mark.parametrize("args", [("run", "--lr", "1e308"), ("run", "--race", "1e308"),
                                  ("run", "--population", "3", "--lr", "1e308"),
                                  ("sweep", "--lrs", "1e308", "--starts", "1")])
def test_huge_step_size_prints_no_warning(args, tmp_path):
    res = cli(*args, "--json", cwd=tmp_path)
    assert res.returncode == 0
    strict_json(res.stdout)
    assert res.stderr == ""


@pytest.mark.parametrize("argv,renderer", [
    (["run"], "game.scene.render_png"),
    (["run", "--race", "0.1,0.5"], "game.scene.render_png"),
    (["run", "--population", "5"], "game.scene.render_png"),
    (["sweep", "--lrs", "0.1,1", "--starts", "2"], "game.experiment_charts.save_sweep_png")])
def test_failed_png_leaves_no_out_file(tmp_path, monkeypatch, argv, renderer):
    """The PNG fails after the trace is ready (a full disk, say): neither file may be left."""
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(renderer, fail)
    ran = cli(*[*argv, "--steps", "2", "--out", "t.csv", "--png", "p.png"], cwd=tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert list(tmp_path.iterdir()) == []


def test_long_but_valid_png_name_is_written(tmp_path):
    res = cli("run", "--steps", "2", "--out", "t.csv", "--png", "p" * 245 + ".png", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["t.csv", "p" * 245 + ".png"])


def test_long_but_valid_out_name_is_written(tmp_path):
    name = "a" * 246 + ".csv"
    (tmp_path / name).write_text("")       # the file system takes this name
    (tmp_path / name).unlink()
    ran = cli(*["run", "--steps", "2", "--out", name], cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / name).read_text().startswith("step,x,y,loss")
