"""The headless commands' numbers, checked independently to the last digit where theory allows.

Every figure here is recomputed from first principles (closed forms, the update rule, the
documented seeded start points), never by calling the code that produced it.
"""
from __future__ import annotations

import csv
import json
import math
import statistics
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import main
from sim.walking.gradient import numerical_gradient
from sim.beach.losses import make_loss

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BEACH = 12.0   # the default beach is [-12, 12] x [-12, 12] metres
coord = st.floats(-11.5, 11.5)


def run_main(capsys, *argv: str) -> str:
    """stdout of main.main(argv), which must succeed with nothing on stderr."""
    capsys.readouterr()
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    return out


def run_json(capsys, *argv: str) -> dict:
    return json.loads(run_main(capsys, *argv, "--json"),
                      parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))


def pair(x: float, y: float) -> str:
    return f"{x!r},{y!r}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


# ---- steps to a hit on the squared loss: d_k = |1 - lr|^k d_0 -------------------------------------

@SETTINGS
@given(start=st.tuples(coord, coord), target=st.tuples(coord, coord), lr=st.floats(0.02, 1.95),
       reach=st.floats(0.05, 2.0))
def test_steps_to_hit_equal_the_closed_form(start, target, lr, reach, capsys):
    d0 = math.dist(start, target)
    assume(d0 > 1.001 * reach and abs(lr - 1) > 1e-3)
    q = math.log(reach / d0) / math.log(abs(1 - lr))        # the hit is the first k with d_k < reach
    assume(abs(q - round(q)) > 1e-6)                        # not on the edge, where rounding decides
    k = math.ceil(q)
    offsets = [(1 - lr) ** j for j in range(k + 1)]
    path = [(target[0] + f * (start[0] - target[0]), target[1] + f * (start[1] - target[1])) for f in offsets]
    assume(all(abs(x) <= BEACH and abs(y) <= BEACH for x, y in path))   # overshoots stay on the sand
    doc = run_json(capsys, "run", "--start", pair(*start), "--target", pair(*target), "--lr", repr(lr),
                   "--reach", repr(reach), "--tol", "0", "--steps", "100000")
    assert (doc["outcome"], doc["steps"]) == ("hit", k)
    # p_k - t = (1 - lr)^k (p_0 - t), up to the central difference's rounding
    assert doc["position"] == pytest.approx(list(path[-1]), abs=1e-9 * d0)
    assert doc["distance"] == pytest.approx(abs(offsets[-1]) * d0, abs=1e-9 * d0)


def test_steps_to_hit_for_the_default_beach(capsys):
    doc = run_json(capsys, "run")   # from (-8, -6) to (3, 2), lr 0.1, reach 0.5
    d0 = math.hypot(11, 8)
    assert doc["steps"] == math.ceil(math.log(0.5 / d0) / math.log(0.9)) == 32


def test_start_within_reach_hits_at_once(capsys):
    doc = run_json(capsys, "run", "--start", "3.1,2.1", "--target", "3,2", "--reach", "0.5")
    assert (doc["outcome"], doc["steps"]) == ("hit", 0)


# ---- the trace file reproduces the update rule bit for bit ----------------------------------------

LOSSES = [("--loss", "squared"), ("--loss", "distance"), ("--expr", "abs(x-tx) + (y-ty)**2/4"),
          ("--expr", "hypot(x-tx, 2*(y-ty))**2 + sin(x)")]


@SETTINGS
@given(loss=st.sampled_from(LOSSES), start=st.tuples(coord, coord), target=st.tuples(coord, coord),
       lr=st.floats(0.01, 1.5), h=st.sampled_from(["1e-4", "1e-3", "0.01", "1e-5"]), steps=st.integers(1, 40))
def test_csv_trace_follows_the_update_exactly(loss, start, target, lr, h, steps, capsys, tmp_path):
    out = tmp_path / "trace.csv"
    out.unlink(missing_ok=True)
    doc = run_json(capsys, "run", *loss, "--start", pair(*start), "--target", pair(*target), "--lr", repr(lr),
                   "--h", h, "--reach", "0", "--tol", "0", "--steps", str(steps), "--out", str(out))
    rows = read_csv(out)
    assert {(r["optimizer"], r["hyperparameters"]) for r in rows} == {("gd", "")}
    num = [{k: float(v) for k, v in r.items() if v and k not in ("optimizer", "hyperparameters")} for r in rows]
    assert all(r["step_lr"] == lr for r in num[1:]) and rows[0]["step_lr"] == ""   # step 0 took no step: blank
    assert [r["step"] for r in rows] == [str(i) for i in range(len(rows))]
    assert len(rows) == doc["steps"] + 1
    assert doc["steps"] == steps or doc["outcome"] == "diverged"
    for a, b in zip(num, num[1:]):
        assert b["x"] == a["x"] - lr * a["grad_x"]       # exactly, in floating point
        assert b["y"] == a["y"] - lr * a["grad_y"]
    tx, ty = target
    for r in num:
        assert r["distance"] == pytest.approx(math.hypot(r["x"] - tx, r["y"] - ty), rel=1e-15)
        if loss == ("--loss", "squared"):
            dx, dy = r["x"] - tx, r["y"] - ty
            assert r["loss"] == 0.5 * (dx * dx + dy * dy)  # the article's E = ½ Σ (y_k − t_k)², exactly
    last = num[-1]
    assert doc["position"] == [last["x"], last["y"]] and doc["loss"] == last["loss"]
    assert doc["gradient"] == [last["grad_x"], last["grad_y"]]


@SETTINGS
@given(start=st.tuples(coord, coord), target=st.tuples(coord, coord), lr=st.floats(0.01, 0.99))
def test_csv_gradient_is_the_analytic_one_on_the_squared_loss(start, target, lr, capsys, tmp_path):
    """Relative error 1e-9; close to the watermelon an absolute floor of a few ulps of the coordinates
    takes over (the probes x ± h are rounded there, whatever h is)."""
    out = tmp_path / "trace.csv"
    out.unlink(missing_ok=True)
    run_main(capsys, "run", "--start", pair(*start), "--target", pair(*target), "--lr", repr(lr),
             "--reach", "0", "--tol", "0", "--steps", "25", "--out", str(out))
    tx, ty = target
    for r in read_csv(out):
        x, y, gx, gy = (float(r[k]) for k in ("x", "y", "grad_x", "grad_y"))
        tol = 1e-9 * math.hypot(x - tx, y - ty) + 4 * math.ulp(max(abs(x), abs(y), abs(tx), abs(ty)) + 1e-4)
        assert abs(gx - (x - tx)) <= tol and abs(gy - (y - ty)) <= tol


@pytest.mark.parametrize("h", [1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0])
def test_central_difference_equals_the_analytic_gradient(h):
    """On E = ½|p − t|² the central difference has no truncation error: only rounding is left."""
    rng = np.random.default_rng(7)
    x, y = rng.uniform(-12, 12, 20_000), rng.uniform(-12, 12, 20_000)
    tx, ty = 3.25, -1.5
    loss, gx, gy = numerical_gradient(make_loss("squared"), x, y, tx, ty, h)
    norm = np.hypot(x - tx, y - ty)
    assert np.all(np.abs(gx - (x - tx)) <= 1e-9 * norm)
    assert np.all(np.abs(gy - (y - ty)) <= 1e-9 * norm)
    assert np.array_equal(loss, 0.5 * ((x - tx) ** 2 + (y - ty) ** 2))


# ---- sweep rows equal separate runs ------------------------------------------------------------------

def spread(bounds: tuple[float, float, float, float], n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The documented seeded starts (sim/walking/population.py spread_starts): uniform over the sand with 5%
    of each side kept free, all x then all y from numpy.random.default_rng(seed)."""
    xmin, xmax, ymin, ymax = bounds
    rng = np.random.default_rng(seed)
    mx, my = 0.05 * (xmax - xmin), 0.05 * (ymax - ymin)
    return rng.uniform(xmin + mx, xmax - mx, n), rng.uniform(ymin + my, ymax - my, n)


@pytest.mark.parametrize("extra", [(), ("--start", "-9.5,7.25", "--target", "1,-2"), ("--loss", "distance"),
                                   ("--scenario", "pit"), ("--reach", "0", "--tol", "0", "--steps", "60")])
def test_sweep_with_one_start_equals_separate_runs(extra, capsys):
    lrs = ["0.05", "0.3", "1", "1.5", "1.99", "2.5"]
    sweep = run_json(capsys, "sweep", "--lrs", ",".join(lrs), "--starts", "1", *extra)
    assert [r["lr"] for r in sweep["rows"]] == [float(v) for v in lrs]
    for row, lr in zip(sweep["rows"], lrs):
        single = run_json(capsys, "run", "--lr", lr, *extra)
        hit = single["outcome"] == "hit"
        assert row["hit_rate"] == (1.0 if hit else 0.0)
        assert row["median_steps"] == (single["steps"] if hit else None)
        assert row["outcomes"] == {o: int(o == single["outcome"]) for o in ("hit", "stuck", "diverged", "max_steps")}
        assert row["median_final_loss"] == single["loss"]
        # the sweep takes numpy's hypot, a walk math.hypot: they may differ in the last bit
        assert row["median_final_distance"] == pytest.approx(single["distance"], rel=3e-16)


@pytest.mark.parametrize("seed", [0, 11])
def test_sweep_with_many_starts_equals_separate_runs_from_the_seeded_starts(seed, capsys):
    n, lrs = 7, ["0.2", "1.3", "2.2"]
    sweep = run_json(capsys, "sweep", "--lrs", ",".join(lrs), "--starts", str(n), "--seed", str(seed))
    xs, ys = spread((-12.0, 12.0, -12.0, 12.0), n, seed)
    for row, lr in zip(sweep["rows"], lrs):
        singles = [run_json(capsys, "run", "--lr", lr, "--seed", str(seed), "--start", pair(float(x), float(y)))
                   for x, y in zip(xs, ys)]
        hits = [s["steps"] for s in singles if s["outcome"] == "hit"]
        assert row["hit_rate"] == len(hits) / n
        assert row["median_steps"] == (statistics.median(hits) if hits else None)
        for outcome, count in row["outcomes"].items():
            assert count == sum(s["outcome"] == outcome for s in singles)
        distances = sorted(math.inf if s["distance"] is None else s["distance"] for s in singles)
        median = distances[n // 2]
        if math.isfinite(median):
            assert row["median_final_distance"] == pytest.approx(median, rel=3e-16)
        else:
            assert row["median_final_distance"] is None


# ---- a population's first row: the mean of ½ d² over the seeded starts ----------------------------

COVE = "bounds = [-20, 5, -3, 30]\ntarget = [-1, 4]\nstart = [0, 0]\n"


@pytest.mark.parametrize("players, seed, scenario", [(2, 0, None), (10, 3, None), (57, 12345, None), (40, 1, COVE)])
def test_population_first_row_is_the_mean_half_square_distance(players, seed, scenario, capsys, tmp_path):
    bounds, (tx, ty), reach = (-12.0, 12.0, -12.0, 12.0), (3.0, 2.0), 0.5
    extra = ()
    if scenario:
        (tmp_path / "s.toml").write_text(scenario)
        bounds, (tx, ty), extra = (-20.0, 5.0, -3.0, 30.0), (-1.0, 4.0), ("--scenario", str(tmp_path / "s.toml"))
    out = tmp_path / "pop.csv"
    run_main(capsys, "run", "--population", str(players), "--seed", str(seed), "--steps", "3", "--out", str(out),
             *extra)
    first = {k: float(v) for k, v in read_csv(out)[0].items() if k not in ("optimizer", "hyperparameters")}
    xs, ys = spread(bounds, players, seed)
    n_val = min(players - 1, max(1, round(0.2 * players)))   # the last 20% (at least one): group B
    half_sq = [0.5 * ((x - tx) ** 2 + (y - ty) ** 2) for x, y in zip(xs.tolist(), ys.tolist())]
    within = [math.hypot(x - tx, y - ty) < reach for x, y in zip(xs.tolist(), ys.tolist())]
    train, val = slice(0, players - n_val), slice(players - n_val, players)
    assert first["step"] == 0
    assert first["a_loss"] == pytest.approx(math.fsum(half_sq[train]) / (players - n_val), rel=1e-12)
    assert first["b_loss"] == pytest.approx(math.fsum(half_sq[val]) / n_val, rel=1e-12)
    assert first["a_hit_rate"] == sum(within[train]) / (players - n_val)
    assert first["b_hit_rate"] == sum(within[val]) / n_val
    assert first["walking"] == players - sum(within)
