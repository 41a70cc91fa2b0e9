"""A walk kept for a picture (Walk ``thin``) holds a bounded trace: every row of a short walk, and of
a long one at most twice ``thin`` rows at any time (so its memory does not grow with its steps):
its ends whole and between them the rows where x, y and the loss are lowest and highest."""
from __future__ import annotations

import math

import numpy as np
import pytest

from sim import Race, Scenario, Walk
from sim.walking.walk import THIN_HEAD, THIN_TAIL, TRACE_COLUMNS, trace_rows

THIN = 1024
SPIRAL = Scenario(optimizer="momentum", lr=0.002, reach=0, tol=0)   # it circles in, moving every step


@pytest.fixture(scope="module")
def long_walk() -> tuple[Walk, int, dict[str, list[float]]]:
    """A thinned walk of 3 * THIN + 100 steps (thinned twice); its longest trace, and the lowest and
    highest x, y and loss over every row it made (noted as made)."""
    seen = {name: [math.inf, -math.inf] for name in ("x", "y", "loss")}

    def note(row) -> None:
        for name, span in seen.items():
            v = getattr(row, name)
            span[0], span[1] = min(span[0], v), max(span[1], v)

    walk = Walk(SPIRAL.replace(max_steps=3 * THIN + 100), thin=THIN, on_row=note)
    longest = 0
    while not walk.done:
        walk.step()
        longest = max(longest, len(walk.trace))
    return walk, longest, seen


def test_a_long_walk_never_holds_more_than_twice_thin_rows(long_walk):
    walk, longest, _ = long_walk
    assert walk.steps == 3 * THIN + 100 and longest == 2 * THIN and len(walk.trace) < 2 * THIN


def test_a_thinned_trace_keeps_its_ends_whole_and_its_extremes(long_walk):
    walk, _, seen = long_walk
    steps = [r.step for r in walk.trace]
    assert steps[:THIN_HEAD] == list(range(THIN_HEAD))
    assert steps[-THIN_TAIL:] == list(range(walk.steps - THIN_TAIL + 1, walk.steps + 1))
    assert all(a < b for a, b in zip(steps, steps[1:]))
    for name, (low, high) in seen.items():
        kept = [getattr(r, name) for r in walk.trace]
        assert (min(kept), max(kept)) == (low, high), name


def test_a_walk_shorter_than_twice_thin_keeps_every_row():
    scenario = SPIRAL.replace(max_steps=120)
    thin, whole = Walk(scenario, thin=THIN), Walk(scenario)
    thin.run(), whole.run()
    assert np.array_equal(np.array(trace_rows(thin.trace), float), np.array(trace_rows(whole.trace), float),
                          equal_nan=True) and len(TRACE_COLUMNS) == len(trace_rows(thin.trace)[0])


@pytest.mark.parametrize("kwargs, error, says", [({"thin": 100}, ValueError, r"thin \(None: the whole trace\) must be a whole number from 1,024"),
                                                 ({"thin": 2.5e3}, TypeError, "must be a whole number, got float"),
                                                 ({"thin": 2048, "keep": 5}, ValueError, "keep and thin")])
def test_thin_is_checked(kwargs, error, says):
    with pytest.raises(error, match=says):
        Walk(Scenario(), **kwargs)


def test_a_thinned_race_keeps_each_racer_as_a_thinned_walk_would():
    """Without noise a racer walks as a lone walk does, row for row: thinned alike, to the same rows."""
    scenario = SPIRAL.replace(max_steps=2 * THIN + 40)
    race = Race(scenario, [0.002, 0.003], thin=THIN)
    race.run()
    walk = Walk(scenario, thin=THIN)
    walk.run()
    assert [r.step for r in race.traces[0]] == [r.step for r in walk.trace] and len(walk.trace) < 2 * THIN
    assert [r.x for r in race.traces[0]] == [r.x for r in walk.trace]
    records = race.records()   # the rows kept, at the rows of their steps
    steps = [r.step for r in race.traces[1]]
    assert np.array_equal(records["x"][steps, 1], [r.x for r in race.traces[1]])
    assert np.isnan(records["x"][[k for k in range(race.steps + 1) if k not in set(steps)], 1]).all()


def test_a_thinned_population_keeps_its_ends_and_each_groups_extremes():
    from sim.walking.population import GROUP_EXTREMES, Population, population_table

    population = Population(SPIRAL.replace(max_steps=2 * THIN + 40, lr=0.01), 4, thin=THIN)
    seen = {name: [getattr(population.rows[0], name)] * 2 for name in GROUP_EXTREMES}   # the start's row
    longest = 0
    while not population.done:
        row = population.step()   # every step's row, as made
        for name, span in seen.items():
            span[0], span[1] = min(span[0], getattr(row, name)), max(span[1], getattr(row, name))
        longest = max(longest, len(population.rows))
    steps = [r.step for r in population.rows]
    assert longest == 2 * THIN and steps[-1] == 2 * THIN + 40 and len(steps) < 2 * THIN
    assert steps[:THIN_HEAD] == list(range(THIN_HEAD)) and steps[-THIN_TAIL:] == list(range(steps[-1] - THIN_TAIL + 1,
                                                                                          steps[-1] + 1))
    for name, (low, high) in seen.items():
        kept = [getattr(r, name) for r in population.rows]
        assert (min(kept), max(kept)) == (low, high), name
    shown = [int(line.split()[0]) for line in population_table(population.result()).splitlines()
             if line[:6].strip().isdigit()]
    assert shown[0] == 0 and shown[-1] == steps[-1] and len(shown) == 12   # about evenly spaced steps
