"""Step-size sweeps: parsing, regimes and theory's edges, and agreement with single walks."""
import json
import math

import numpy as np
import pytest

from sim import SCENARIOS, Scenario, Walk
from sim.walking.curvature import step_size_edges
from sim.reports.files import json_text
from sim.walking.population import spread_starts
from sim.walking.sweep import (REGIMES, SWEEP_COLUMNS, check_sweep_size, parse_lrs, player_regimes, sweep,
                       sweep_table)
from sim.walking.swarm import DIVERGED, HIT, MAX_STEPS, STUCK, fused_available

BEACH = Scenario()


# ---------------------------------------------------------------- parsing step sizes

def test_lists_are_taken_as_written():
    assert parse_lrs("0.01,0.1,1.9") == [0.01, 0.1, 1.9]
    assert parse_lrs(" 2 , 0.5 ") == [2.0, 0.5]


def test_ranges_are_log_spaced_and_may_fall():
    assert parse_lrs("0.01:1:3") == pytest.approx([0.01, 0.1, 1.0], rel=1e-12)
    values = parse_lrs("0.001:3:25")
    ratios = np.diff(np.log(values))
    assert len(values) == 25 and values[0] == pytest.approx(0.001) and values[-1] == pytest.approx(3)
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)
    assert parse_lrs("1:0.1:2") == pytest.approx([1.0, 0.1])


@pytest.mark.parametrize("text, named", [
    ("0.1,,2", "empty step size"), ("", "no step sizes"), ("a:b:c", "'a'"), ("0.1:1:0", "COUNT '0'"),
    ("0.1:1:1", "COUNT '1'"), ("0.1:1:2.5", "COUNT '2.5'"), ("0.1:1:10001", "COUNT"), ("-0.1,1", "-0.1"),
    ("0,1", "step size 0"), ("nan", "nan"), ("inf", "inf"), ("1:2", "2 parts"), ("1:2:3:4", "4 parts"),
    ("0.1,x", "'x'"), ("1:-1:3", "-1"),
])
def test_bad_step_sizes_are_named(text, named):
    with pytest.raises(ValueError) as err:
        parse_lrs(text)
    assert named in str(err.value)


def test_bad_sweep_arguments():
    with pytest.raises(ValueError, match="starts"):
        sweep(BEACH, [0.1], starts=0)
    with pytest.raises(ValueError, match="starts"):
        sweep(BEACH, [0.1], starts=2.5)
    with pytest.raises(ValueError, match="at least one"):
        sweep(BEACH, [])
    with pytest.raises(ValueError, match="-1"):
        sweep(BEACH, [0.1, -1.0])
    with pytest.raises(ValueError, match="3,000,000 players"):
        check_sweep_size(3, 1_000_000)


# ---------------------------------------------------------------- theory's edges

def test_squared_loss_has_its_edges_at_one_and_two():
    edges = step_size_edges(BEACH)
    assert (edges.curvature, edges.one_step_lr, edges.diverge_lr) == (1.0, 1.0, 2.0)
    assert "lr = 1/c = 1" in edges.note and "2/c = 2" in edges.note


def test_edges_scale_with_the_curvature():
    steep = BEACH.replace(expr="3*((x-tx)**2 + (y-ty)**2)/2")   # c = 3
    edges = step_size_edges(steep)
    assert edges.curvature == pytest.approx(3.0)
    assert edges.one_step_lr == pytest.approx(1 / 3) and edges.diverge_lr == pytest.approx(2 / 3)
    result = sweep(steep, [0.2, 0.5, 0.8], starts=1)
    assert [r.regime for r in result.rows] == ["monotone", "oscillating", "diverging"]


def test_anisotropic_losses_use_the_larger_curvature():
    edges = step_size_edges(BEACH.replace(expr="2*(x-tx)**2 + (y-ty)**2/2"))
    assert edges.curvature == pytest.approx(4.0) and edges.diverge_lr == pytest.approx(0.5)
    assert "differ by direction" in edges.note


@pytest.mark.parametrize("scenario, why", [
    (SCENARIOS["steady"], "cusp"),                                   # distance: slope 1 everywhere
    (SCENARIOS["flat"], "flat"),                                     # hit-or-miss: slope 0
    (BEACH.replace(reach=0.0, loss="hit-or-miss"), "flat"),
    (BEACH.replace(expr="((x-tx)**2 + (y-ty)**2)**2"), "vanishes"),  # quartic: no curvature
    (BEACH.replace(expr="x + y"), "not at a minimum"),
    (BEACH.replace(expr="log(x - tx)"), "not finite"),
])
def test_losses_without_edges_say_why(scenario, why):
    edges = step_size_edges(scenario)
    assert (edges.curvature, edges.one_step_lr, edges.diverge_lr) == (None, None, None)
    assert why in edges.note


# ---------------------------------------------------------------- regimes against theory

def test_squared_regimes_follow_theory_from_many_starts():
    lrs = [0.0005, 0.05, 0.3, 0.9, 1.1, 1.5, 1.8, 2.2, 3.0]
    result = sweep(BEACH, lrs, starts=60)
    regimes = {r.lr: r.regime for r in result.rows}
    assert regimes[0.0005] == "too-small"
    assert all(regimes[lr] == "monotone" for lr in (0.05, 0.3, 0.9))
    assert all(regimes[lr] == "oscillating" for lr in (1.1, 1.5, 1.8))
    assert all(regimes[lr] == "diverging" for lr in (2.2, 3.0))
    too_small = result.rows[0]
    assert too_small.outcomes["max_steps"] + too_small.outcomes["hit"] == 60
    for r in result.rows[1:4]:   # below 1/c no player overshoots
        assert r.regimes["oscillating"] == 0 and r.regimes["diverging"] == 0
    for r in result.rows[-2:]:   # past 2/c nobody ends nearer than it began, unless it began within reach
        assert r.regimes["diverging"] + r.outcomes["hit"] == 60


def test_every_lr_of_a_fine_grid_falls_on_the_side_of_the_edges_theory_says():
    lrs = [lr for lr in np.geomspace(0.05, 3.5, 60) if abs(lr - 1) > 1e-9 and abs(lr - 2) > 1e-9]
    for row in sweep(BEACH.replace(bounds=(-60, 60, -60, 60)), lrs, starts=1).rows:
        expected = "monotone" if row.lr < 1 else "oscillating" if row.lr < 2 else "diverging"
        assert row.regime == expected, row.lr


def test_lr_one_hits_in_one_step_from_everywhere():
    row = sweep(BEACH, [1.0], starts=200).rows[0]
    assert row.hit_rate == 1.0 and row.median_steps == 1.0
    assert row.regime == "monotone"


def _parabola(c: float) -> Scenario:
    """E = c·½|p − t|², whose offset each step multiplies by 1 − lr·c (built-in for c = 1)."""
    return BEACH if c == 1 else BEACH.replace(expr=f"{c!r} * ((x-tx)**2 + (y-ty)**2) / 2")


def _theory_regime(lr: float, c: float) -> str:
    """The regime of gradient descent on c·½|p − t|², from the multiplier 1 − lr·c alone."""
    m = 1 - lr * c
    return "monotone" if 0 <= m < 1 else "oscillating" if -1 < m < 0 else "diverging"


@pytest.mark.parametrize("c", [1.0, 4.0, 3.0, 0.5])
def test_every_player_matches_theory_at_its_edges(c):
    """At lr = 1/c every player lands on the watermelon in one step: a pass by rounding (1e-10 m)
    is no overshoot. Just below 2/c every swing is shorter; just above it every swing is longer."""
    scenario = _parabola(c)
    edges = step_size_edges(scenario)
    assert edges.one_step_lr == pytest.approx(1 / c) and edges.diverge_lr == pytest.approx(2 / c)
    lrs = [1 / c, (1 - 1e-6) / c, (1 + 1e-6) / c, 1.999 / c, 2.001 / c]
    result = sweep(scenario, lrs, starts=150)
    starts = np.stack(spread_starts(scenario, 150))
    within_reach = int(np.count_nonzero(np.hypot(*(starts - np.array(scenario.target)[:, None])) < scenario.reach))
    for row in result.rows:
        expected = _theory_regime(row.lr, c)
        assert row.regimes[expected] + (within_reach if expected == "diverging" else 0) == 150, (row.lr, row.regimes)
    one_step = result.rows[[r.lr for r in result.rows].index(1 / c)]
    assert one_step.hit_rate == 1.0 and one_step.median_steps == 1.0


@pytest.mark.parametrize("c", [1.0, 4.0, 0.5])
def test_exactly_at_two_over_c_every_walker_swings_in_a_two_cycle(c):
    """lr = 2/c multiplies the offset by exactly −1: the player swings between two places of the
    same size to the last step. That is no 'oscillating' (closing in) and no 'diverging'."""
    scenario = _parabola(c).replace(bounds=(-60, 60, -60, 60))
    row = sweep(scenario, [2 / c], starts=40).rows[0]
    walking = row.outcomes["max_steps"]
    assert walking == 40 - row.outcomes["hit"] and row.regimes["cycling"] == walking and row.regime == "cycling"
    assert sweep(scenario, [1.99 / c], starts=40).rows[0].regimes["cycling"] == 0   # closing in


def test_stuck_players_are_counted_by_the_ground_they_stopped_on():
    """dunes' hollows, saddle's saddle point and the hit-or-miss beach's flat sand, each counted."""
    from sim.walking.ground import ground_kinds
    for name, ground in (("dunes", "hollow"), ("saddle", "saddle"), ("flat", "flat")):
        scenario = SCENARIOS[name]
        row = sweep(scenario, [scenario.lr], starts=1).rows[0]
        assert row.outcomes["stuck"] == 1 and row.grounds[ground] == 1 and sum(row.grounds.values()) == 1
        assert row.regime == "stuck" and row.to_dict()["stuck_on"][ground] == 1
    result = sweep(SCENARIOS["dunes"], [0.1], starts=60)
    row = result.rows[0]
    assert sum(row.grounds.values()) == row.outcomes["stuck"] > 0
    columns = dict(zip(result.columns(), row.values()))
    assert columns["stuck_hollow"] == row.grounds["hollow"] == row.outcomes["stuck"]


def test_a_real_overshoot_of_a_millionth_still_counts():
    """The rounding allowance is tiny: lr = 1.000001 passes the watermelon by 1e-6 of the offset
    (about 1e-5 m from 10 m), and every step of it is flagged."""
    from sim.walking.swarm import Swarm
    x0, y0 = spread_starts(BEACH, 100)
    swarm = Swarm(BEACH.replace(reach=0, tol=0, max_steps=1), x0, y0, lr=1.000001).run()
    passed = np.hypot(x0 - 3, y0 - 2) * 1e-6
    assert (passed > 1e-7).all() and swarm.overshot.all()
    exact = Swarm(BEACH.replace(reach=0, tol=0, max_steps=20), x0, y0, lr=1.0).run()
    assert not exact.overshot.any()
    assert np.hypot(exact.x - 3, exact.y - 2).max() < 1e-9


def test_median_steps_match_the_closed_form_for_one_start():
    """|p_k − t| = |1 − lr|^k |p_0 − t|: the first k below the reach."""
    d0 = math.dist(BEACH.start, BEACH.target)
    lrs = [0.05, 0.2, 0.6, 1.3, 1.7]
    for row in sweep(BEACH.replace(bounds=(-40, 40, -40, 40)), lrs, starts=1).rows:
        k = math.ceil(math.log(BEACH.reach / d0) / math.log(abs(1 - row.lr)))
        assert row.median_steps == k, row.lr


def test_hit_or_miss_leaves_every_step_size_stuck_on_flat_ground():
    result = sweep(SCENARIOS["flat"], [0.01, 1.0, 100.0], starts=50)
    for row in result.rows:
        assert row.regime == "stuck" and row.outcomes["stuck"] + row.outcomes["hit"] == 50
        assert row.grounds["flat"] == row.outcomes["stuck"]


def test_player_regimes_rules():
    # hit straight in; hit after overshooting; ran out walking in; ran out swinging; stuck short;
    # stuck at the watermelon; into the sea with shrinking swings; into the sea with growing swings;
    # blew up (NaN); ran out within 0.1% of the start distance; ran out farther than it began.
    out = np.array([HIT, HIT, MAX_STEPS, MAX_STEPS, STUCK, STUCK, DIVERGED, DIVERGED, DIVERGED, MAX_STEPS, MAX_STEPS])
    over = np.array([0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1], bool)
    rec = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1], bool)
    d0 = np.full(out.size, 10.0)
    d1 = np.array([0.4, 0.4, 5.0, 5.0, 5.0, 1e-5, 8.0, 20.0, np.nan, 1e-3, 11.0])
    names = [REGIMES[c] for c in player_regimes(out, over, rec, d0, d1)]
    assert names == ["monotone", "oscillating", "too-small", "oscillating", "stuck", "monotone",
                     "oscillating", "diverging", "diverging", "monotone", "diverging"]


# ---------------------------------------------------------------- agreement with single walks

def test_sweep_summaries_equal_separate_single_walks():
    scenario = BEACH.replace(seed=7, max_steps=120)
    lrs, n = [0.01, 0.4, 1.6, 2.1], 12
    result = sweep(scenario, lrs, starts=n)
    xs, ys = spread_starts(scenario, n)
    for row in result.rows:
        walks = [Walk(scenario.replace(lr=row.lr, start=(x, y))).run() for x, y in zip(xs, ys)]
        hits = [w.steps for w in walks if w.outcome == "hit"]
        assert row.hit_rate == len(hits) / n
        assert row.median_steps == (float(np.median(hits)) if hits else None)
        assert row.outcomes == {o: sum(w.outcome == o for w in walks) for o in row.outcomes}
        finals = [w.final.loss if math.isfinite(w.final.loss) else math.inf for w in walks]
        assert row.median_final_loss == float(np.median(finals))


def test_parts_processes_and_engines_give_the_rows_of_one_swarm(monkeypatch):
    """A sweep walks in parts (runs of step sizes of one optimizer) shared by processes, fused
    where it is installed: the same rows, bit for bit, as every optimizer and step size walking
    in one Swarm with a mixed optimizer (the sweep's way with noise), with 2-cycles among them."""
    from sim.walking import swarm as swarm_module, sweep as sweep_module
    scenario = BEACH.replace(seed=3, max_steps=60, tol=1e-3, reach=0.3)
    lrs, names = [0.05, 0.9, 1.5, 2.0, 2.3], ["gd", "momentum", "adam"]
    one = sweep_module._walk_noisy(scenario, names, lrs, *spread_starts(scenario, 40), None,
                                   scenario.max_steps - 2, None)
    for engine in ("numpy", "fused"):   # two step sizes a part: 9 parts
        monkeypatch.setitem(swarm_module.PART_PLAYERS, engine, 80)
    fast = "fused" if fused_available() else "numpy"   # CI installs numba (the dev group)
    results = [sweep(scenario, lrs, 40, optimizers=names, jobs=jobs, engine=engine).to_dict()
               for jobs, engine in ((1, "numpy"), (2, fast), (1, fast))]
    assert json_text(results[0]) == json_text(results[1]) == json_text(results[2])
    cycled = sweep_module._cycled(one)
    for j, name in enumerate(names):
        part = slice(j * 200, (j + 1) * 200)
        rows = sweep_module._rows(scenario.optimizer_info(name), lrs, 40, *spread_starts(scenario, 40), one, part, cycled)
        assert [r.to_dict() for r in rows] == [r for r in results[0]["rows"] if r["optimizer"] == name]
    regimes = {r["regime"] for r in results[0]["rows"]}
    assert {"cycling", "diverging", "monotone"} <= regimes


def test_by_default_workers_start_only_for_work_that_pays_for_them(monkeypatch):
    """jobs=None (the command line's default) walks in this process below SHARE_WORK agent-steps
    (players x steps, the most a walk can take) and on every core from there; a given number is kept."""
    from sim.walking import jobs as jobs_module, sweep as sweep_module
    from sim.walking.grid import hyperparameter_map, parse_grid
    monkeypatch.setattr(jobs_module, "default_jobs", lambda: 3)
    assert [jobs_module.jobs_for(None, w) for w in (1, jobs_module.SHARE_WORK - 1, jobs_module.SHARE_WORK)] == [1, 1, 3]
    assert jobs_module.jobs_for(2, 1) == 2
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        jobs_module.jobs_for(0, jobs_module.SHARE_WORK)
    asked = []
    monkeypatch.setattr(sweep_module, "run_parts", lambda work, parts, jobs, *rest: asked.append(jobs) or [work(p) for p in parts])
    scenario = BEACH.replace(max_steps=10)
    monkeypatch.setattr(jobs_module, "SHARE_WORK", 4 * 10 * 3)   # 4 step sizes x 3 starts x 10 steps
    sweep(scenario, [0.1, 0.2, 0.3], 3, jobs=None)
    sweep(scenario, [0.1, 0.2, 0.3, 0.4], 3, jobs=None)
    sweep(scenario, [0.1, 0.2, 0.3], 3, jobs=2)
    assert asked == [1, 3, 2]
    from sim.walking import grid as grid_module
    monkeypatch.setattr(grid_module, "run_parts", lambda work, parts, jobs, *rest: asked.append(jobs) or [work(p) for p in parts])
    hyperparameter_map(scenario, parse_grid("lr=0.1:1:2,noise=0:1:2"), 3, jobs=None)   # 4 cells x 3 starts x 10 steps
    hyperparameter_map(scenario.replace(max_steps=9), parse_grid("lr=0.1:1:2,noise=0:1:2"), 3, jobs=None)
    assert asked[3:] == [3, 1]


def test_one_start_means_the_scenarios_start():
    row = sweep(BEACH, [0.5], starts=1).rows[0]
    single = Walk(BEACH.replace(lr=0.5)).run()
    assert (row.median_steps, row.median_final_loss) == (single.steps, single.final.loss)


def test_sweeps_are_deterministic_and_seeded():
    a = sweep(BEACH, [0.02, 1.5], starts=30).to_dict()
    assert json_text(a) == json_text(sweep(BEACH, [0.02, 1.5], starts=30).to_dict())
    assert json_text(a) != json_text(sweep(BEACH.replace(seed=1), [0.02, 1.5], starts=30).to_dict())


def test_step_sizes_are_sorted_and_kept_once():
    assert [r.lr for r in sweep(BEACH, [1.5, 0.1, 1.5], starts=1).rows] == [0.1, 1.5]


# ---------------------------------------------------------------- outputs

def test_json_document_is_strict_and_complete():
    doc = json.loads(json_text(sweep(BEACH, [0.0005, 0.5, 2.5], starts=20).to_dict()),
                     parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))
    assert doc["theory"] == {"curvature": 1.0, "one_step_lr": 1.0, "diverge_lr": 2.0,
                             "note": step_size_edges(BEACH).note}
    assert [r["lr"] for r in doc["rows"]] == [0.0005, 0.5, 2.5]
    for row in doc["rows"]:
        assert {"lr", "hit_rate", "median_steps", "outcomes", "regime", "regimes"} <= set(row)
        assert sum(row["outcomes"].values()) == sum(row["regimes"].values()) == 20
    assert doc["rows"][0]["median_steps"] is None and doc["rows"][2]["median_steps"] is None


def test_table_rows_follow_the_columns_and_mark_the_edges():
    result = sweep(BEACH, [0.5, 1.5, 2.5], starts=5)
    for row in result.rows:
        assert dict(zip(SWEEP_COLUMNS, row.values()))["regime"] == row.regime
    table = sweep_table(result)
    lines = table.splitlines()
    one = next(i for i, line in enumerate(lines) if "lr = 1, one-step hit" in line)
    two = next(i for i, line in enumerate(lines) if "lr = 2, divergence edge" in line)
    assert lines[one - 1].split()[0] == "0.5" and lines[one + 1].split()[0] == "1.5"
    assert lines[two + 1].split()[0] == "2.5"


# ---------------------------------------------------------------- beaches with several minima

@pytest.mark.parametrize("name, place", [("dunes", "hollow"), ("decoys", "decoy"), ("saddle", "saddle")])
def test_a_beachs_default_start_is_counted_where_it_stalls(name, place):
    (row,) = sweep(SCENARIOS[name], [SCENARIOS[name].lr], 1).rows
    assert row.ended_at == {"watermelon": 0, place: 1, "elsewhere": 0}


def test_sweeps_count_the_starts_that_end_at_the_real_watermelon_and_in_each_hollow():
    from sim import Swarm
    from sim.beach.beaches import beach_features

    s = SCENARIOS["dunes"]
    result = sweep(s, [0.1, 2.5], 120)
    assert result.places == ("watermelon", "hollow", "elsewhere")
    assert result.columns() == SWEEP_COLUMNS + ("at_watermelon", "at_hollow", "at_elsewhere")
    for row in result.rows:
        assert sum(row.ended_at.values()) == 120 and row.ended_at["watermelon"] == row.outcomes["hit"]
        assert row.values()[-3:] == tuple(row.ended_at.values())
    # independently: walk the same starts at lr 0.1; the stuck ones stop on a hollow's floor, the rest hit
    swarm = Swarm(s, *spread_starts(s, 120)).run()
    floors = np.array([f.at for f in beach_features("dunes", s.target, ("hollow",))])
    stuck = swarm.outcome == STUCK
    to_floor = np.hypot(swarm.x[stuck, None] - floors[:, 0], swarm.y[stuck, None] - floors[:, 1]).min(axis=1)
    assert np.all(to_floor < 1e-4) and np.all(swarm.outcome[~stuck] == HIT)
    assert result.rows[0].ended_at == {"watermelon": int(np.sum(~stuck)), "hollow": int(np.sum(stuck)), "elsewhere": 0}
    assert 0 < result.rows[0].ended_at["hollow"] < 120
    # lr 2.5 overshoots the hollows' floors as well as the watermelon: most end in the sea
    assert result.rows[1].ended_at["elsewhere"] > 60
    assert "at hollow" in sweep_table(result) and "ended_at" in result.to_dict()
    assert json.loads(json_text(result.to_dict()))["rows"][0]["ended_at"] == result.rows[0].ended_at


@pytest.mark.parametrize("name", ["beach", "valley", "banana", "pit"])
def test_plain_beaches_and_one_minimum_beaches_keep_the_plain_sweep_output(name):
    result = sweep(SCENARIOS[name], [0.1], 5)
    assert result.places == () and result.columns() == SWEEP_COLUMNS
    assert result.rows[0].ended_at is None and "ended_at" not in result.rows[0].to_dict()
    assert "ended_at" not in result.to_dict() and "at " not in sweep_table(result).splitlines()[3]
