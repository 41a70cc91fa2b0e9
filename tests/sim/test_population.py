"""Populations: seeded starts, the split into groups A and B, and per-step figures equal to single walks."""
import math

import numpy as np
import pytest

from sim import SCENARIOS, Scenario, Walk
from sim.walking.population import (MARGIN, POPULATION_COLUMNS, Population, population_table, spread_starts)


def test_starts_are_seeded_and_spread_over_the_sand_within_the_margin():
    s = Scenario(bounds=(-10.0, 30.0, -20.0, 20.0))
    x, y = spread_starts(s, 4000)
    assert x.min() >= -10 + MARGIN * 40 and x.max() <= 30 - MARGIN * 40
    assert y.min() >= -20 + MARGIN * 40 and y.max() <= 20 - MARGIN * 40
    assert x.mean() == pytest.approx(10, abs=0.6) and y.mean() == pytest.approx(0, abs=0.6)
    x2, y2 = spread_starts(s, 4000)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    x3, _ = spread_starts(s.replace(seed=5), 4000)
    assert not np.array_equal(x, x3)


@pytest.mark.parametrize("m, train, val", [(2, 1, 1), (3, 2, 1), (10, 8, 2), (1000, 800, 200)])
def test_split_into_groups_a_and_b(m, train, val):
    p = Population(Scenario(max_steps=0), m)
    assert (int(p.in_a.sum()), int((~p.in_a).sum())) == (train, val)
    assert p.in_a[:train].all()


def _single_walk_rows(scenario, m):
    """Per step: the same figures computed from separate single walks of the same players."""
    n_val = max(1, round(0.2 * m))
    walks = [Walk(scenario.replace(start=(x, y))).run() for x, y in zip(*spread_starts(scenario, m))]
    last = max(w.steps for w in walks)
    rows = []
    for k in range(last + 1):
        loss = np.array([w.trace[min(k, len(w.trace) - 1)].loss for w in walks])
        hit = np.array([w.outcome == "hit" and w.steps <= k for w in walks])
        tr, va = slice(0, m - n_val), slice(m - n_val, m)
        rows.append((k, loss[tr].mean(), hit[tr].mean(), loss[va].mean(), hit[va].mean()))
    return rows, walks


@pytest.mark.parametrize("scenario", [Scenario(seed=3), Scenario(lr=1.9, seed=4), SCENARIOS["pit"],
                                      Scenario(lr=0.01, max_steps=60)])
def test_rows_equal_separate_single_walks(scenario):
    m = 25
    result = Population(scenario, m).run()
    expected, walks = _single_walk_rows(scenario, m)
    assert len(result.rows) == len(expected)
    for row, (k, tl, ta, vl, va) in zip(result.rows, expected):
        assert row.step == k
        assert row.a_loss == pytest.approx(tl, rel=1e-12)
        assert row.b_loss == pytest.approx(vl, rel=1e-12)
        assert (row.a_hit_rate, row.b_hit_rate) == (ta, va)
    outcomes = [w.outcome for w in walks]
    assert result.outcomes["group_a"]["hit"] == outcomes[:20].count("hit")
    assert result.outcomes["group_b"] == {o: outcomes[20:].count(o) for o in result.outcomes["group_b"]}


def test_loss_falls_and_accuracy_rises_on_the_squared_loss():
    result = Population(Scenario(), 400).run()
    train_loss = [r.a_loss for r in result.rows]
    acc = [r.a_hit_rate for r in result.rows]
    assert all(b < a for a, b in zip(train_loss, train_loss[1:]))
    assert all(b >= a for a, b in zip(acc, acc[1:]))
    assert result.final.a_hit_rate == result.final.b_hit_rate == 1.0
    assert result.final.walking == 0


def test_summary_and_table():
    result = Population(Scenario(), 50).run()
    d = result.to_dict()
    assert (d["players"], d["group_a"], d["group_b"]) == (50, 40, 10)
    assert d["final"]["step"] == result.final.step and set(d["final"]) == set(POPULATION_COLUMNS)
    assert d["outcomes"]["group_a"]["hit"] == 40
    table = population_table(result)
    assert "40 in group A and 10 in group B" in table and "group A: 40 hit" in table


def test_hit_or_miss_population_never_learns():
    result = Population(SCENARIOS["flat"], 200).run()
    assert result.final.step == 0 and len(result.rows) == 1
    assert result.final.a_loss == pytest.approx(1.0, abs=0.02)


@pytest.mark.parametrize("m", [0, 1, True, 2.5, -3])
def test_bad_population_sizes(m):
    with pytest.raises(ValueError, match="population"):
        Population(Scenario(), m)


def test_bad_b_share():
    with pytest.raises(ValueError, match="b_share"):
        Population(Scenario(), 10, b_share=1.0)
    assert not math.isnan(Population(Scenario(max_steps=0), 10, b_share=0.5).rows[0].b_loss)
