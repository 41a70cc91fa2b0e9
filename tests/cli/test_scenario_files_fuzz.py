"""Fuzzing scenario files: `run --scenario FILE` with random TOML documents, broken bytes and odd
files ends with exit status 0 or 2, never a traceback.

On 2: one line on stderr naming the file. On 0: strict JSON whose scenario carries the file's values.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from clitools import ENV, ROOT, assert_one_line_error, cli, cli_process, strict_json
from sim.beach.scenario import MAX_SCENARIO_BYTES, SCENARIOS

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KEYS = ("name", "bounds", "target", "start", "reach", "lr", "h", "tol", "max_steps", "seed", "loss", "expr", "base")
MAX_LINE = 1000   # characters: a longer error line is not "one clear line"


# ---- a small TOML writer (the standard library only reads TOML) ------------------------------------

def toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{toml_string(k)} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def toml_document(data: dict) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in data.items())


# ---- random documents: real keys with plausible or wild values, and unknown keys --------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
# Integers stay below 1e300: larger ones are bug test_huge_integer_is_rejected_in_one_line.
scalar = st.one_of(st.booleans(), st.integers(-10**300, 10**300), st.floats(), TEXT, st.dates(),
                   st.datetimes().map(lambda t: t.replace(fold=0)), st.times().map(lambda t: t.replace(fold=0)))
wild = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                    st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)
coord = st.floats(-12, 12)
plausible = {
    "name": st.one_of(TEXT, st.just("cove")),
    "bounds": st.one_of(st.just([-15, 15, -12, 12]),
                        st.tuples(st.floats(-1e6, 0), st.floats(0, 1e6), st.floats(-1e6, 0), st.floats(0, 1e6))
                        .map(list)),
    "target": st.lists(coord, min_size=2, max_size=2),
    "start": st.lists(st.one_of(coord, st.integers(-12, 12)), min_size=2, max_size=2),
    "reach": st.floats(0, 3), "lr": st.floats(1e-3, 2.5), "h": st.floats(1e-6, 1), "tol": st.floats(0, 1e-2),
    "max_steps": st.integers(0, 10**9), "seed": st.integers(0, 2**63 - 1),
    "loss": st.sampled_from(["squared", "distance", "hit-or-miss", "custom", "Squared"]),
    "expr": st.sampled_from(["hypot(x-tx, y-ty)", "abs(x-tx) + abs(y-ty)", "x.real", "", "(x", "1/0*x"]),
    "base": st.sampled_from([*SCENARIOS, "nope", ""]),
}


@st.composite
def documents(draw) -> dict:
    data = {}
    for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=6)):
        data[key] = draw(plausible[key]) if draw(st.integers(0, 3)) else draw(wild)
    if draw(st.integers(0, 9)) == 0:
        data[draw(TEXT)] = draw(wild)
    # A list or table as base is bug test_base_that_is_a_list_or_table_is_rejected_in_one_line.
    assume(not isinstance(data.get("base"), (list, dict)))
    return data


def expected_fields(data: dict) -> dict:
    """The fields a successful run must echo in its JSON "scenario" exactly as the file gave them."""
    fields = {}
    for key in ("name", "reach", "lr", "h", "tol", "seed"):
        if key in data:
            fields[key] = data[key]
    for key in ("bounds", "target", "start"):
        if key in data:
            fields[key] = [float(v) for v in data[key]]
    if "expr" in data:
        fields.update(expr=data["expr"], loss="custom")
    elif "loss" in data:
        fields["loss"] = data["loss"]
    return fields


def run_file(path: Path, cwd: Path):
    return cli("run", "--scenario", str(path), "--json", "--steps", "20", cwd=cwd)


def check(path: Path, ran) -> None:
    assert ran.returncode in (0, 2), ran
    assert "Traceback" not in ran.stderr
    if ran.returncode == 2:
        assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
        assert repr(str(path)) in ran.stderr or str(path) in ran.stderr, ran.stderr
    else:
        assert ran.stderr == ""     # no warnings either
        strict_json(ran.stdout)


@FUZZ
@given(data=documents())
def test_random_valid_toml(data, tmp_path):
    text = toml_document(data)
    assert repr(tomllib.loads(text)) == repr(data)        # the writer itself is right (repr: NaN == NaN)
    folder = Path(os.path.realpath(tmp_path))
    path = folder / f"s{len(list(folder.iterdir()))}.toml"
    path.write_text(text, encoding="utf-8")
    ran = run_file(path, folder)
    event(f"exit {ran.returncode}")
    check(path, ran)
    if ran.returncode == 0:
        scenario = strict_json(ran.stdout)["scenario"]
        for key, value in expected_fields(data).items():
            assert scenario[key] == value, (key, data)
        assert scenario["max_steps"] == 20                # the command line wins over the file
        if "name" not in data:
            assert scenario["name"] == path.stem
    else:
        assert len(ran.stderr) <= MAX_LINE or any(isinstance(v, str) and len(v) > 300 for v in data.values())


@FUZZ
@given(raw=st.one_of(st.binary(max_size=200), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                     st.sampled_from([b"", b"\xff\xfe", b"\xef\xbb\xbflr = 0.5\n", "lr = 0.5\n".encode("utf-16"),
                                      "name = 'caf\xe9'\n".encode("latin-1"), b"lr = 0.5\x00\n", b"[[a]]\n[a]\n",
                                      b"lr = 0.5\nlr = 0.6\n", b"a.b.c = 1\n", b"lr = 0x10\n", b"lr = 1_0.5\n"])))
def test_random_bytes(raw, tmp_path):
    folder = Path(os.path.realpath(tmp_path))
    path = folder / f"b{len(list(folder.iterdir()))}.toml"
    path.write_bytes(raw)
    ran = run_file(path, folder)
    event(f"exit {ran.returncode}")
    check(path, ran)


@pytest.mark.parametrize("name, content, code", [
    ("empty.toml", b"", 0),
    ("comment.toml", b"# nothing but a comment\n", 0),
    ("bom.toml", b"\xef\xbb\xbflr = 0.5\n", 2),
    ("utf16.toml", "lr = 0.5\n".encode("utf-16"), 2),
    ("latin1.toml", "name = 'café'\n".encode("latin-1"), 2),
    ("no-suffix", b"lr = 0.5\n", 0),                    # an existing file needs no .toml
    ("wrong.csv", b"step,x,y\n0,1,2\n", 2),
    ("table.toml", b"[scenario]\nlr = 0.5\n", 2),
    ("dup.toml", b"lr = 0.5\nlr = 0.6\n", 2),
])
def test_odd_files(name, content, code, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    ran = run_file(path, tmp_path)
    check(path, ran)
    assert ran.returncode == code, ran.stderr
    if code == 0:
        doc = strict_json(ran.stdout)
        assert doc["scenario"]["name"] == path.stem
        assert doc["scenario"]["lr"] == (0.5 if b"lr" in content else SCENARIOS["beach"].lr)


@pytest.mark.parametrize("name", ["folder.toml", "folder"])
def test_a_folder_instead_of_a_file(name, tmp_path):
    (tmp_path / name).mkdir()
    ran = run_file(tmp_path / name, tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert str(tmp_path / name) in ran.stderr


def test_a_symlink_loop(tmp_path):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    ran = run_file(loop, tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)


def test_huge_files(tmp_path):
    """A scenario is a few lines: anything over MAX_SCENARIO_BYTES is refused before it is parsed."""
    comments = tmp_path / "comments.toml"
    comments.write_text("# sand\n" * 9_000 + "lr = 0.5\n")             # about 63 KiB: still read
    assert comments.stat().st_size <= MAX_SCENARIO_BYTES
    ran = run_file(comments, tmp_path)
    assert ran.returncode == 0 and strict_json(ran.stdout)["scenario"]["lr"] == 0.5
    comments.write_text("# sand\n" * 300_000 + "lr = 0.5\n")           # about 2 MB
    ran = run_file(comments, tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert "larger than 64 KiB" in ran.stderr
    array = tmp_path / "array.toml"
    array.write_text("start = [" + ", ".join(["1.0"] * 10_000) + "]\n")
    ran = run_file(array, tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert "start" in ran.stderr


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(path: Path, to: str) -> Path:
    path.symlink_to(to)
    return path


HOSTILE = {   # name: makes the file in a folder; each must end at once with exit 2 and one line
    "fifo": lambda d: _fifo(d / "pipe.toml"),
    "fifo-symlink": lambda d: _link(d / "pipe-link.toml", str(_fifo(d / "pipe"))),
    "dev-zero": lambda d: Path("/dev/zero"),
    "dev-urandom": lambda d: Path("/dev/urandom"),
    "zero-symlink": lambda d: _link(d / "zero.toml", "/dev/zero"),
    "urandom-symlink": lambda d: _link(d / "random.toml", "/dev/urandom"),
    "100-MB": lambda d: _sparse(d / "big.toml", 100 * 2**20),
    "nested-arrays": lambda d: _write(d / "deep.toml", "a = " + "[" * 20_000 + "]" * 20_000 + "\n"),
    "nested-tables": lambda d: _write(d / "tables.toml", "a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n"),
    "nested-lr": lambda d: _write(d / "lr.toml", "lr = " + "[" * 500 + "]" * 500 + "\n"),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


RUN_EACH = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from clitools import cli
done = {}
for kind, path in json.loads(sys.argv[2]).items():
    began = time.monotonic()
    ran = cli("run", "--scenario", path, cwd=sys.argv[3])
    done[kind] = (path, ran.returncode, ran.stdout, ran.stderr, time.monotonic() - began)
print(json.dumps(done))
"""


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory) -> dict[str, list]:
    """`run --scenario` on each hostile file, one after another in one fresh interpreter (a hang,
    a crash or a RecursionError that escapes would end it: so none may run in the test's own):
    kind -> (path, exit status, stdout, stderr, seconds)."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = {kind: str(make(folder)) for kind, make in HOSTILE.items()}
    done = subprocess.run([sys.executable, "-c", RUN_EACH, str(ROOT / "tests"), json.dumps(paths), str(folder)],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_files_end_at_once_in_one_line(kind, hostile_runs):
    """Special files and bombs are refused quickly: no hang on a FIFO, no reading /dev/zero forever,
    no 100 MB in memory, no RecursionError."""
    path, code, out, err, seconds = hostile_runs[kind]
    assert seconds < 10
    assert_one_line_error(code, out, err)
    assert path in err and err.count("scenario file") == 1
    assert any(why in err for why in ("not a regular file", "larger than 64 KiB", "nested too deeply"))


def test_scenario_file_in_a_real_interpreter(tmp_path):
    (tmp_path / "cove.toml").write_text('base = "overshoot"\ntarget = [4, 3]\nstart = [-10, -8]\n')
    res = cli_process("run", "--scenario", "cove.toml", "--json", cwd=tmp_path)
    assert res.returncode == 0 and res.stderr == ""
    doc = strict_json(res.stdout)
    assert doc["scenario"]["name"] == "cove" and doc["scenario"]["lr"] == SCENARIOS["overshoot"].lr
    (tmp_path / "bad.toml").write_bytes(b"lr = \xff\n")
    res = cli_process("run", "--scenario", "bad.toml", cwd=tmp_path)
    assert_one_line_error(res.returncode, res.stdout, res.stderr)


# ---- bugs this file found, now fixed: kept as regression tests ------------------------------------

@pytest.mark.parametrize("text", ["base = []\n", "base = {a = 1}\n"])
def test_base_that_is_a_list_or_table_is_rejected_in_one_line(text, tmp_path):
    (tmp_path / "s.toml").write_text(text)
    ran = run_file(tmp_path / "s.toml", tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)


@pytest.mark.parametrize("text", ["lr = 1" + "0" * 400 + "\n", "start = [1" + "0" * 400 + ", 0]\n",
                                  "bounds = [-1" + "0" * 400 + ", 1, -1, 1]\n", "seed = 1" + "0" * 5000 + "\n"])
def test_huge_integer_is_rejected_in_one_line(text, tmp_path):
    (tmp_path / "s.toml").write_text(text)
    res = cli("run", "--scenario", "s.toml", cwd=tmp_path)    # an escaped traceback would be on stderr
    assert_one_line_error(res.returncode, res.stdout, res.stderr)


@pytest.mark.parametrize("text", ['lr = "' + "x" * 100_000 + '"\n', "x" * 100_000 + " = 1\n",
                                  'base = "' + "x" * 100_000 + '"\n'])
def test_error_line_stays_short_for_a_huge_value(text, tmp_path):
    (tmp_path / "s.toml").write_text(text)
    ran = run_file(tmp_path / "s.toml", tmp_path)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert len(ran.stderr) <= MAX_LINE
