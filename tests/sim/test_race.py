"""Races: each racer equals a separate single walk with its step size, row for row."""
import numpy as np
import pytest

from sim import SCENARIOS, Scenario, ScenarioError, Walk
from sim.walking.race import MAX_RACERS, RACE_COLUMNS, Race, race_rows, race_summary, race_table

LRS = [0.1, 0.5, 1.0, 1.5, 1.9, 2.3]


def _rows(result):
    return [(r.step, r.x, r.y, r.loss, r.grad_x, r.grad_y, r.distance) for r in result.trace]


@pytest.mark.parametrize("name", ["beach", "steady", "flat", "pit", "sea", "tiny-steps"])
def test_racers_equal_separate_single_walks(name):
    scenario = SCENARIOS[name]
    results = Race(scenario, LRS).run()
    assert [r.scenario.lr for r in results] == LRS
    for lr, raced in zip(LRS, results):
        single = Walk(scenario.replace(lr=lr)).run()
        assert (raced.outcome, raced.steps, raced.scenario) == (single.outcome, single.steps, single.scenario)
        assert _rows(raced) == _rows(single)


def test_a_custom_expression_race_equals_single_walks():
    scenario = Scenario(loss="custom", expr="sin(x-tx)**2 + exp((y-ty)/8)*(y-ty)**2/2", max_steps=80,
                        reach=0.0, tol=0.0)
    lrs = [0.05, 0.4, 0.9]
    for lr, raced in zip(lrs, Race(scenario, lrs).run()):
        assert _rows(raced) == _rows(Walk(scenario.replace(lr=lr)).run())


def test_stepping_a_race_shows_who_is_still_walking():
    race = Race(Scenario(), [0.5, 0.1])
    assert race.outcomes == [None, None]
    for _ in range(5):
        race.step()
    assert race.outcomes == ["hit", None]          # 0.5 hits at step 5, 0.1 needs 32
    assert [r.outcome for r in race.results()] == ["hit", "walking"]
    assert [len(t) for t in race.traces] == [6, 6]
    race.run()
    assert race.done and [len(t) for t in race.traces] == [6, 33]
    race.step()                                    # a no-op once all have stopped
    assert [len(t) for t in race.traces] == [6, 33]


def test_rows_and_summary():
    results = Race(Scenario(), [0.5, 2.3]).run()
    rows = race_rows(results)
    assert len(rows) == len(results[0].trace) + len(results[1].trace)
    first = dict(zip(RACE_COLUMNS, rows[0]))
    assert (first["racer"], first["lr"], first["step"], first["x"], first["y"]) == (1, 0.5, 0, -8.0, -6.0)
    summary = race_summary(results)
    assert [(r["racer"], r["lr"], r["outcome"]) for r in summary["racers"]] == [(1, 0.5, "hit"), (2, 2.3, "diverged")]
    assert "lr" not in summary["scenario"]
    table = race_table(results)
    assert "diverged" in table and "hit" in table


def test_bad_races():
    with pytest.raises(ValueError, match="1 to"):
        Race(Scenario(), [])
    with pytest.raises(ValueError, match=f"1 to {MAX_RACERS}"):
        Race(Scenario(), np.full(MAX_RACERS + 1, 0.1))
    with pytest.raises(ScenarioError, match="lr must be a positive number, got -0.5"):
        Race(Scenario(), [0.1, -0.5])
