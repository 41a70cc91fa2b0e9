"""The example experiments: each writes a CSV and a PNG whose numbers say what the script claims."""
import ast
import csv
import math
import runpy
import sys
from pathlib import Path

import pytest
from clitools import ROOT

EXPERIMENTS = ROOT / "experiments"
SCRIPTS = ("step_size_regimes", "hit_or_miss", "derivative_error", "optimizers_on_beaches")


def run_script(name: str, folder: Path) -> None:
    """`python experiments/NAME.py --out FOLDER`, run in this interpreter."""
    argv, path = sys.argv, sys.path[:]
    try:
        sys.path.insert(0, str(EXPERIMENTS))        # as python puts the script's folder first
        sys.argv = [str(EXPERIMENTS / f"{name}.py"), "--out", str(folder)]
        runpy.run_path(sys.argv[0], run_name="__main__")
    finally:
        sys.argv, sys.path[:] = argv, path


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("experiments")
    for name in SCRIPTS:
        run_script(name, folder)
    return folder


def rows(path: Path) -> list[dict[str, str]]:
    with path.open() as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_script_writes_a_png(out, name):
    assert (out / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", SCRIPTS + ("grid_maps",))
def test_scripts_use_only_public_names(name):
    tree = ast.parse((EXPERIMENTS / f"{name}.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.module.split(".")[0] in ("sim", "game", "common", "numpy", "__future__", "math")
            assert node.module.split(".")[0] != "game" or node.module in ("game.chart", "game.i18n",
                                                                           "game.experiment_charts", "game.map_charts")
            assert not any(alias.name.startswith("_") for alias in node.names)


def test_step_sizes_hit_when_theory_says(out):
    table = rows(out / "step_size_regimes.csv")
    assert len(table) == 48
    for row in table:
        assert row["median_steps"] == row["theory_steps"], row["lr"]
    regimes = [row["regime"] for row in table]
    order = ["too-small", "monotone", "oscillating", "diverging"]
    assert regimes == sorted(regimes, key=order.index) and set(regimes) == set(order)
    for row in table:
        lr = float(row["lr"])
        assert (row["regime"] == "oscillating") == (1 < lr < 2)
        assert (row["regime"] == "diverging") == (lr > 2)


def test_hit_or_miss_slope_is_zero_except_at_the_rim(out):
    table = rows(out / "hit_or_miss.csv")
    h, rims = 1e-4, (2.5, 3.5)
    for row in table:
        x, slope = float(row["x"]), float(row["slope_hit_or_miss"])
        near_rim = any(abs(x - r) < h for r in rims)
        assert (slope != 0) == near_rim, x
        if near_rim:
            assert abs(slope) == pytest.approx(1 / (2 * h))
        assert float(row["loss_hit_or_miss"]) == (0.0 if abs(x - 3.0) < 0.5 else 1.0)
        assert float(row["slope_squared"]) == pytest.approx(x - 3.0, abs=1e-9)


def test_derivative_error_has_a_truncation_and_a_rounding_side(out):
    table = [{k: float(v) for k, v in row.items()} for row in rows(out / "derivative_error.csv")]
    by_h = {round(math.log10(r["h"]), 1): r for r in table}
    best = min(table, key=lambda r: r["central_error_distance"])
    assert 1e-7 <= best["h"] <= 1e-3
    # truncation side: the central error falls as h² (100x per decade of h)
    ratio = by_h[-2.0]["central_error_distance"] / by_h[-3.0]["central_error_distance"]
    assert ratio == pytest.approx(100, rel=0.05)
    assert by_h[-2.0]["central_error_distance"] == pytest.approx(by_h[-2.0]["truncation_estimate"], rel=0.05)
    # forward difference: truncation error falls as h (10x per decade)
    ratio = by_h[-2.0]["forward_error_distance"] / by_h[-3.0]["forward_error_distance"]
    assert ratio == pytest.approx(10, rel=0.1)
    # rounding side: far below the best h the error grows again, about as eps / h
    assert by_h[-12.0]["central_error_distance"] > 1e3 * best["central_error_distance"]
    # the central difference is exact on the squared loss: only rounding error remains
    assert all(r["central_error_squared"] < 1e-9 for r in table if r["h"] >= 1e-5)
    assert by_h[-1.0]["central_error_distance"] > 1e6 * by_h[-1.0]["central_error_squared"]


def test_optimizers_on_beaches_counts_every_start_once(out):
    from sim import SCENARIOS, Walk
    from sim.walking.population import spread_starts

    table = rows(out / "optimizers_on_beaches.csv")
    beaches, optimizers = ("dunes", "decoys", "saddle", "valley", "banana"), \
        ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
    assert [(r["beach"], r["optimizer"]) for r in table] == [(b, o) for b in beaches for o in optimizers]
    by = {(r["beach"], r["optimizer"]): r for r in table}
    for row in table:
        n = int(row["starts"])
        shares = [float(row[f"share_{p}"]) for p in ("at_watermelon", "trapped", "elsewhere")]
        assert sum(shares) == pytest.approx(1) and min(shares) >= 0
        assert shares[0] == int(row["hit"]) / n
        assert sum(int(row[o]) for o in ("hit", "stuck", "diverged", "max_steps")) == n
        beach = SCENARIOS[row["beach"]]
        expected_lr = {"gd": beach.lr, "momentum": beach.lr / 10, "nesterov": beach.lr / 10,
                       "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3}[row["optimizer"]]
        assert float(row["lr"]) == pytest.approx(expected_lr)
        if row["beach"] in ("valley", "banana"):   # nothing to be trapped in
            assert float(row["share_trapped"]) == 0
    # the gd rows, walked again one start at a time: the same hits, and the rest stuck in hollows
    for beach in ("dunes", "decoys"):
        s = SCENARIOS[beach]
        x0, y0 = spread_starts(s, int(by[beach, "gd"]["starts"]))
        outcomes = [Walk(s.replace(start=(float(x), float(y)))).run().outcome for x, y in zip(x0, y0)]
        assert outcomes.count("hit") == int(by[beach, "gd"]["hit"])
        assert outcomes.count("stuck") == int(by[beach, "gd"]["stuck"]) > 20


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_optimizers_on_beaches_draws_bars_named_by_beach(out, lang):
    """Each optimizer's bar per beach has the CSV's value, and the beaches' names fit whole under
    their groups in the PNG's size, in both languages."""
    import pygame
    from game.chart import chart_grid, chart_layout
    from game.i18n import tr

    sys.path.insert(0, str(EXPERIMENTS))
    try:
        import optimizers_on_beaches as script
    finally:
        sys.path.remove(str(EXPERIMENTS))
    table = [tuple(r.values()) for r in rows(out / "optimizers_on_beaches.csv")]
    table = [(b, o, *(None if v == "" else float(v) for v in rest)) for b, o, *rest in table]
    specs = script.charts(table, lang)
    names = tuple(tr(f"beach.{b}", lang) for b in script.BEACH_NAMES)
    for spec, column in zip(specs, ("share_at_watermelon", "median_steps")):
        assert spec.x_label == tr("axis.beach", lang) and not any(c.isdigit() for c in spec.x_label)
        for series in spec.series:
            assert series.style == "bars"
            expected = [r[column] for r in rows(out / "optimizers_on_beaches.csv") if r["optimizer"] == series.label]
            assert [("" if math.isnan(y) else y) for y in series.ys] == \
                [("" if v == "" else float(v)) for v in expected]
            assert [round(x) for x in series.xs] == [1, 2, 3, 4, 5]  # inside its beach's group
    for spec, rect in zip(specs, chart_grid(pygame.Rect((0, 0), script.SIZE), 2)):
        lay = chart_layout(rect, spec)
        assert lay.x_ticks == (1, 2, 3, 4, 5) and lay.x_labels == names


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> Path:
    """The maps walked in this process: the same bytes as on every core (test_grid and
    test_sweep_grid_cli check that), at half the CPU of starting the workers."""
    folder = tmp_path_factory.mktemp("grid_maps")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sim.walking.jobs.default_jobs", lambda: 1)
        run_script("grid_maps", folder)
    return folder


@pytest.mark.parametrize("name, curvature", [("squared", 1.0), ("valley", 2.0)])
def test_momentum_maps_never_settle_beyond_theorys_edge(maps, name, curvature):
    assert (maps / f"grid_maps_{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = rows(maps / f"grid_maps_{name}.csv")
    assert len(table) == 240
    beyond = [r for r in table if float(r["lr"]) * curvature > 1.1 * 2 * (1 + float(r["momentum"]))]
    well_inside = [r for r in table if float(r["lr"]) * curvature < 0.5 * 2 * (1 + float(r["momentum"]))]
    assert len(beyond) >= 20 and len(well_inside) >= 100
    for r in beyond:   # every start blows up or runs into the sea (bar one already in reach at its start)
        assert int(r["diverged"]) >= int(r["players"]) - 1 and r["max_steps"] == r["stuck"] == "0", r
    assert sum(int(r["diverged"]) for r in well_inside) < 0.05 * sum(int(r["players"]) for r in well_inside)


def test_noise_shakes_small_steps_out_of_the_dunes_hollows(maps):
    table = rows(maps / "grid_maps_dunes.csv")
    by = {(float(r["lr"]), float(r["noise"])): r for r in table}
    lrs = sorted({lr for lr, _ in by if lr < 2})
    calm = [float(by[(lr, 0.0)]["hit_rate"]) for lr in lrs]
    noisy = [float(by[(lr, 1.0)]["hit_rate"]) for lr in lrs]
    assert all(n >= c for n, c in zip(noisy, calm)) and sum(noisy) > sum(calm) + 1
    assert int(by[(lrs[0], 0.0)]["stuck_hollow"]) > 0 and by[(lrs[0], 1.0)]["stuck"] == "0"
