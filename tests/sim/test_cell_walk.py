"""A map's cell walked again on its own (sim.walking.cell_walk.CellWalk) is one of the walks the map
counted: walked from each of the cell's starts, the walks end as the map says the cell's players
ended (counts per outcome, median steps to a hit, median final loss), noise included."""
from __future__ import annotations

import math

import numpy as np
import pytest
from sim import OUTCOMES, SCENARIOS
from sim.walking.cell_walk import CellWalk
from sim.walking.grid import hyperparameter_map, parse_grid
from sim.walking import swarm as swarm_module
from sim.walking.swarm import fused_available
from sim.walking.walk import Walk

STARTS = 4


@pytest.fixture(scope="module")
def noisy_map():
    """A 3x3 map of lr and noise on the dunes: hits, stuck players and walks out of steps among its cells."""
    return hyperparameter_map(SCENARIOS["dunes"].replace(max_steps=80), parse_grid("lr=0.01:3:3,noise=0:1:3"), STARTS)


@pytest.fixture(scope="module")
def momentum_map():
    return hyperparameter_map(SCENARIOS["valley"].replace(optimizer="momentum", max_steps=60),
                              parse_grid("lr=0.01:3:3,momentum=0:0.9:3"), STARTS)


def _summary(walks: list[Walk]) -> tuple[dict[str, int], float | None, float]:
    """Counts per outcome, median steps to a hit (None without one), median final loss (nan as inf)."""
    results = [w.run() for w in walks]
    counts = {o: sum(r.outcome == o for r in results) for o in OUTCOMES}
    hits = [r.steps for r in results if r.outcome == "hit"]
    final = float(np.median([math.inf if math.isnan(r.final.loss) else r.final.loss for r in results]))
    return counts, (float(np.median(hits)) if hits else None), final


@pytest.mark.parametrize("which", ["noisy_map", "momentum_map"])
def test_every_cells_walks_end_as_the_map_counted_them(which, request):
    result = request.getfixturevalue(which)
    na, nb = (len(axis.values) for axis in result.axes)
    for j in range(nb):
        for i in range(na):
            cell = result.cells[j * na + i]
            counts, median_steps, final = _summary([CellWalk(result, i, j, k) for k in range(STARTS)])
            assert counts == cell.outcomes, (i, j)
            assert median_steps == cell.median_steps, (i, j)
            assert final == cell.median_final_loss, (i, j)
    kinds = {o for cell in result.cells for o in OUTCOMES if cell.outcomes[o]}
    assert len(kinds) >= 2   # the check saw more than one kind of ending


def test_a_cell_walk_has_the_cells_settings_and_start(momentum_map):
    walk = CellWalk(momentum_map, 2, 1, 3)
    s = walk.scenario
    assert (s.lr, s.momentum, s.optimizer) == (momentum_map.axes[0].values[2], momentum_map.axes[1].values[1],
                                               "momentum")
    rng = SCENARIOS["valley"].rng()   # the map's starts: spread over the sand from the scenario's seed
    xmin, xmax, ymin, ymax = s.bounds
    xs = rng.uniform(xmin + 0.05 * (xmax - xmin), xmax - 0.05 * (xmax - xmin), STARTS)
    ys = rng.uniform(ymin + 0.05 * (ymax - ymin), ymax - 0.05 * (ymax - ymin), STARTS)
    assert s.start == (xs[3], ys[3]) and walk.trace[0].x == xs[3]
    assert (walk.cell, walk.start, walk.index) == ((2, 1), 3, 5)


def test_the_noise_heard_is_the_maps_not_a_fresh_draw(noisy_map):
    """With noise, a plain walk from the same start and settings hears other noise: the replay matters."""
    differ = 0
    for k in range(STARTS):
        cell = CellWalk(noisy_map, 1, 2, k)
        plain = Walk(cell.scenario).run()
        cell.run()
        differ += (cell.trace[-1].x, cell.steps) != (plain.final.x, plain.steps)
    assert differ > 0


@pytest.mark.parametrize("args", [(3, 0, 0), (0, -1, 0), (0, 0, STARTS), (True, 0, 0), (0.5, 0, 0)])
def test_a_cell_or_start_off_the_map_is_refused(momentum_map, args):
    with pytest.raises(ValueError, match="must be a whole number from 0 to"):
        CellWalk(momentum_map, *args)


@pytest.mark.skipif(not fused_available(), reason="the fused engine needs the 'fast' extra (numba)")
def test_the_walks_match_a_map_walked_by_the_fused_engine(monkeypatch):
    """Big maps walk on the fused kernel; the walk watched (numpy, one player) still ends as it counted."""
    monkeypatch.setattr(swarm_module, "FUSED_WORK", 0)
    monkeypatch.setattr(swarm_module, "FUSED_LOAD_WORK", 0)
    walked = []
    fused_run = swarm_module.Swarm._run_fused
    monkeypatch.setattr(swarm_module.Swarm, "_run_fused", lambda self, *a: walked.append(1) or fused_run(self, *a))
    result = hyperparameter_map(SCENARIOS["dunes"].replace(max_steps=80), parse_grid("lr=0.03:3:3,noise=0:1:2"), STARTS)
    assert walked   # the map was walked fused
    na = len(result.axes[0].values)
    for k, cell in enumerate(result.cells):
        counts, median_steps, final = _summary([CellWalk(result, k % na, k // na, s) for s in range(STARTS)])
        assert (counts, median_steps, final) == (cell.outcomes, cell.median_steps, cell.median_final_loss), k
