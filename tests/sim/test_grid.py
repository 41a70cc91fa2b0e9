"""Hyperparameter maps: parsing and validation, agreement with theory's edges and with single
swarms, and the same bits on one process or two."""
import math

import numpy as np
import pytest

from sim import SCENARIOS, Scenario
from sim.walking.grid import (GRID_PARAMETERS, MEASURES, Axis, check_map, hyperparameter_map, map_table,
                              map_theory, parse_axis, parse_grid)
from sim.walking.jobs import run_parts
from sim.walking.swarm import fused_available
from sim.walking.population import spread_starts
from sim.walking.swarm import HIT, Swarm

MOMENTUM = Scenario(optimizer="momentum")


# ---------------------------------------------------------------- parsing

def test_lr_is_log_spaced_and_the_others_linear():
    lr = parse_axis("lr=0.01:1:3")
    assert lr.name == "lr" and lr.log and lr.values == pytest.approx((0.01, 0.1, 1.0), rel=1e-12)
    mu = parse_axis("momentum=0:0.9:10")
    assert not mu.log and mu.values == pytest.approx(tuple(0.1 * k for k in range(10)), abs=1e-12)
    assert parse_axis("noise=2:0:3").values == (0.0, 1.0, 2.0)   # a falling range is sorted
    assert parse_axis("warmup=0:50:6").values == (0.0, 10.0, 20.0, 30.0, 40.0, 50.0)


@pytest.mark.parametrize("text, named", [
    ("speed=0:1:3,lr=0.1:1:3", "unknown parameter 'speed'"),
    ("lr=0.1:1:3,lr=0.2:2:3", "lr is given twice"),
    ("lr=0.1:1:3", "does not name two parameters"),
    ("lr=0.1:1:3,momentum=0:0.9:10,noise=0:1:2", "does not name two parameters"),
    ("lr=0.1:1:3,", "does not name two parameters"),
    ("lr=0.1:1,momentum=0:0.9:10", "2 parts"),
    ("lr=0.1:1:3,momentum", "not NAME=START:STOP:COUNT"),
    ("lr=0.1:1:1,momentum=0:0.9:10", "COUNT '1'"),
    ("lr=0.1:1:x,momentum=0:0.9:10", "COUNT 'x'"),
    ("lr=0.1:1:10001,momentum=0:0.9:10", "COUNT '10001'"),
    ("lr=0:1:3,momentum=0:0.9:10", "must be positive"),
    ("lr=0.1:1:3,momentum=a:0.9:10", "'a'"),
    ("lr=0.1:1:3,momentum=nan:0.9:10", "finite"),
    ("lr=0.1:1:3,momentum=0.5:0.5:3", "START and STOP are both 0.5"),
    ("lr=0.1:1:3,warmup=0:50:4", "whole number of updates"),
])
def test_bad_grids_are_refused_by_name(text, named):
    with pytest.raises(ValueError, match=None) as err:
        parse_grid(text)
    assert named in str(err.value)


@pytest.mark.parametrize("scenario, text, named", [
    (MOMENTUM, "lr=0.1:1:3,momentum=0:1:3", "momentum 1 is out of range"),
    (Scenario(), "lr=0.1:1:3,momentum=0:0.9:3", "optimizer gd does not take momentum"),
    (Scenario(optimizer="adam"), "rho=0:0.9:3,lr=0.1:1:3", "optimizer adam does not take rho"),
    (Scenario(optimizer="rmsprop"), "beta1=0:0.9:3,lr=0.1:1:3", "does not take beta1"),
    (Scenario(), "lr=0.1:1:3,decay=0.1:1:3", "decay changes nothing under the constant schedule"),
    (Scenario(schedule="step"), "lr=0.1:1:3,decay=0:1:3", "decay 0 is out of range"),
    (Scenario(), "lr=0.1:1:3,noise=0:2e6:3", "noise 2e+06 is out of range"),
    (Scenario(max_steps=10), "lr=0.1:1:3,warmup=0:2e9:3", "warmup 2e+09 is out of range"),
])
def test_values_the_walker_does_not_take_are_refused(scenario, text, named):
    with pytest.raises(ValueError) as err:
        check_map(scenario, parse_grid(text), 1)
    assert named in str(err.value)


def test_the_work_is_bounded_like_a_sweep():
    axes = parse_grid("lr=0.1:1:100,noise=0:1:100")
    with pytest.raises(ValueError, match="10,000 cells x 101 starts = 1,010,000 players"):
        hyperparameter_map(Scenario(), axes, starts=101)
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        hyperparameter_map(Scenario(), parse_grid("lr=0.1:1:2,noise=0:1:2"), jobs=0)


# ---------------------------------------------------------------- theory

def _far_shore(scenario: Scenario) -> Scenario:
    """The scenario on a beach so wide that only a blow-up from its start reaches the sea: theory's infinite plane."""
    tx, ty = scenario.target
    return scenario.replace(bounds=(tx - 1e4, tx + 1e4, ty - 1e4, ty + 1e4), max_steps=1000)


def _check_agrees(result, c: float, momentum_axis: bool) -> None:
    """Cells more than 10% inside theory's edge lr = 2(1 + μ)/c never diverge; more than 10% outside, all do."""
    inside = outside = 0
    for cell in result.cells:
        lr, mu = (cell.a, cell.b) if result.axes[0].name == "lr" else (cell.b, cell.a)
        edge = 2 * (1 + (mu if momentum_axis else 0.0)) / c
        if lr < 0.9 * edge:
            inside += 1
            assert cell.outcomes["diverged"] == 0, (lr, mu)
        elif lr > 1.1 * edge:
            outside += 1
            assert cell.outcomes["diverged"] == cell.players, (lr, mu)
    assert inside >= 10 and outside >= 10


def test_heavy_ball_map_on_the_squared_loss_agrees_with_theory():
    scenario = _far_shore(MOMENTUM)
    result = hyperparameter_map(scenario, parse_grid("lr=0.1:8:16,momentum=0:0.9:6"))
    assert result.theory.curvature == 1
    _check_agrees(result, 1.0, momentum_axis=True)
    # the edge drawn is lr = 2(1 + μ) along the momentum axis
    assert result.theory.edge[0] == pytest.approx((2.0, 0.0)) and result.theory.edge[-1] == pytest.approx((3.8, 0.9))


def test_heavy_ball_map_on_the_valley_agrees_with_theory_at_its_steepest_curvature():
    scenario = _far_shore(SCENARIOS["valley"].replace(optimizer="momentum"))
    result = hyperparameter_map(scenario, parse_grid("momentum=0:0.9:6,lr=0.05:4:16"))
    assert result.theory.curvature == pytest.approx(2.0)   # the valley's across-curvature (along it: 0.1)
    _check_agrees(result, 2.0, momentum_axis=True)
    assert result.theory.edge[0] == pytest.approx((0.0, 1.0))   # momentum first: (μ, lr) points


@pytest.mark.parametrize("scenario, c", [(Scenario(), 1.0), (SCENARIOS["valley"], 2.0)], ids=["squared", "valley"])
def test_gd_map_agrees_with_theory_with_noise_too(scenario, c):
    result = hyperparameter_map(_far_shore(scenario.replace(reach=0.0)), parse_grid("lr=0.2:6:12,noise=0:0.5:3"))
    assert result.theory.curvature == pytest.approx(c)
    _check_agrees(result, c, momentum_axis=False)
    assert [p[0] for p in result.theory.edge] == pytest.approx([2 / c, 2 / c])


def test_theory_says_where_it_has_no_edge():
    assert "not adam" in map_theory(Scenario(optimizer="adam"), parse_grid("lr=0.1:1:2,beta1=0:0.9:2")).note
    assert not map_theory(Scenario(loss="distance"), parse_grid("lr=0.1:1:2,noise=0:1:2")).edge
    decaying = map_theory(Scenario(schedule="step"), parse_grid("lr=0.1:1:2,decay=0.5:1:2"))
    assert not decaying.edge and "decays" in decaying.note
    # a map of momentum at a fixed lr: the edge is μ = lr·c/2 − 1
    fixed = map_theory(Scenario(optimizer="momentum", lr=3.0), parse_grid("momentum=0:0.9:3,noise=0:1:2"))
    assert fixed.edge == ((0.5, 0.0), (0.5, 1.0))


# ---------------------------------------------------------------- agreement with single swarms

def test_each_cell_matches_a_swarm_of_its_own_settings():
    scenario = SCENARIOS["dunes"].replace(optimizer="momentum", max_steps=150)
    axes = parse_grid("lr=0.05:1:3,momentum=0:0.8:3")
    result = hyperparameter_map(scenario, axes, starts=30)
    x0, y0 = spread_starts(scenario, 30, scenario.rng())
    for cell in result.cells:
        swarm = Swarm(scenario.replace(lr=cell.a, momentum=cell.b), x0, y0)
        swarm.run()
        hits = swarm.outcome == HIT
        assert cell.outcomes["hit"] == hits.sum() and cell.players == 30
        assert cell.median_steps == (float(np.median(swarm.steps[hits])) if hits.any() else None)
        assert cell.median_final_loss == float(np.median(swarm.loss))
        assert sum(cell.grounds.values()) == cell.outcomes["stuck"]
        assert sum(cell.ended_at.values()) == 30
    grid = result.grid("hit_rate")
    assert grid.shape == (3, 3) and grid[2, 0] == result.cells[6].share("hit")   # row: momentum, column: lr


def test_one_process_or_two_and_either_engine_give_the_same_bits_with_noise():
    scenario = SCENARIOS["dunes"].replace(max_steps=80)
    axes = parse_grid("lr=0.05:0.5:3,noise=0:0.6:3")
    one = hyperparameter_map(scenario, axes, starts=8, jobs=1, engine="numpy")
    seen = []
    two = hyperparameter_map(scenario, axes, starts=8, jobs=2, on_cells=lambda done, total: seen.append((done, total)))
    fast = hyperparameter_map(scenario, axes, starts=8, engine="fused" if fused_available() else "numpy")
    assert one.rows() == two.rows() == fast.rows() and one.to_dict() == two.to_dict() == fast.to_dict()
    assert seen[-1] == (9, 9) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    # noise made a difference (each noisy cell heard its own draws)
    assert one.cells[0].median_final_loss != one.cells[6].median_final_loss


def test_workers_do_not_import_pygame():
    import pygame  # noqa: F401  (this process has it; the workers must not)
    assert run_parts(eval, ["'pygame' in __import__('sys').modules"] * 2, jobs=2) == [False, False]
    assert run_parts(eval, ["'sim.walking.grid' in __import__('sys').modules"], jobs=1) == [True]


# ---------------------------------------------------------------- reports

def test_table_and_documents_hold_every_cell():
    result = hyperparameter_map(Scenario(optimizer="momentum"), parse_grid("lr=0.1:1:2,momentum=0:0.5:2"), starts=2)
    assert result.columns()[:3] == ("lr", "momentum", "players")
    rows = result.rows()
    assert len(rows) == 4 and rows[1][:2] == (1.0, 0.0) and rows[2][:2] == (0.1, 0.5)
    doc = result.to_dict()
    assert [r["lr"] for r in doc["rows"]] == [0.1, 1.0, 0.1, 1.0] and doc["axes"][0]["spacing"] == "log"
    assert doc["optimizer"] == {"name": "momentum", "hyperparameters": {}}   # not the scenario's μ 0.9: an axis
    assert set(MEASURES) <= set(doc["rows"][0])
    text = map_table(result, "hit_rate")
    assert "map of lr x momentum" in text and "heavy-ball momentum converges iff" in text
    assert text.splitlines()[-1].split()[0] == "0.5"
    assert set(GRID_PARAMETERS) >= {a.name for a in result.axes} and isinstance(result.axes[0], Axis)
    assert math.isclose(result.cells[3].measure("hit_rate"), result.cells[3].share("hit"))
