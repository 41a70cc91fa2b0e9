"""One of the walks a hyperparameter map counted, walked again on its own: ``CellWalk``.

Cell (i, j) of a map (sim.walking.grid) walks its settings from each of the map's starts. A
CellWalk is the walk from one of those starts with that cell's settings and the map's seed, and
with noise it hears what that player heard in the map: the map's players of a cell draw their
noise together from the cell's generator, so the cell's whole swarm is walked once to keep the
draws of that one player, and the walk replays them. It ends as that player ended in the map.
"""
from __future__ import annotations

import numpy as np

from sim.beach.scenario import Scenario
from sim.walking.grid import HyperparameterMap, cell_rng, cell_setting, map_starts
from sim.walking.swarm import WALKING, Swarm
from sim.walking.walk import Walk


class _Overheard:
    """A Generator for a swarm's noise that keeps what player ``k`` hears at each draw."""

    def __init__(self, rng: np.random.Generator, k: int) -> None:
        self.rng, self.k = rng, k
        self.swarm: Swarm | None = None   # set once the swarm exists (at its first draw every player walks)
        self.heard: list[np.ndarray] = []

    def standard_normal(self, shape: tuple[int, int]) -> np.ndarray:
        draws = self.rng.standard_normal(shape)
        walking = np.ones(self.k + 1, bool) if self.swarm is None else self.swarm.outcome[: self.k + 1] == WALKING
        if walking[self.k]:   # the live players draw in the order of their numbers
            self.heard.append(draws[:, np.count_nonzero(walking[: self.k])].copy())
        return draws


class _Replay:
    """A Generator for one player's noise that gives back the draws it heard before, in order."""

    def __init__(self, heard: list[np.ndarray]) -> None:
        self._heard = iter(heard)

    def standard_normal(self, shape: tuple[int, int]) -> np.ndarray:
        return next(self._heard).reshape(shape)


class CellWalk(Walk):
    """The walk of a map's cell (``i`` along the first axis, ``j`` along the second) from its start
    number ``start`` (0-based), as the map walked it."""

    def __init__(self, result: HyperparameterMap, i: int, j: int, start: int = 0) -> None:
        if not isinstance(result, HyperparameterMap):
            raise TypeError(f"a CellWalk walks a cell of a HyperparameterMap (sim.hyperparameter_map or "
                            f"sim.load_map), got {type(result).__name__}")
        na, nb = (len(axis.values) for axis in result.axes)
        for name, value, top in (("i", i, na), ("j", j, nb), ("start", start, result.starts)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < top:
                raise ValueError(f"{name} must be a whole number from 0 to {top - 1}, got {value!r}")
        self.map, self.cell, self.start = result, (int(i), int(j)), int(start)
        x0, y0 = map_starts(result.scenario, result.starts)
        cell = result.cells[j * na + i]
        settings = result.scenario.replace(**cell_setting(result.axes, cell.a, cell.b))
        scenario = settings.replace(start=(float(x0[start]), float(y0[start])))
        rng = None
        if settings.noise:
            rng = _Replay(_heard(settings, x0, y0, j * na + i, start))
        super().__init__(scenario, rng=rng)  # type: ignore[arg-type]

    @property
    def index(self) -> int:
        """The cell's place in the map's ``cells``."""
        i, j = self.cell
        return j * len(self.map.axes[0].values) + i


def _heard(settings: Scenario, x0: np.ndarray, y0: np.ndarray, index: int, k: int) -> list[np.ndarray]:
    """What player ``k`` of cell ``index`` heard at each update of the map's walk of that cell."""
    overheard = _Overheard(cell_rng(settings, index), k)
    swarm = Swarm(settings, x0, y0, rng=overheard)  # type: ignore[arg-type]
    overheard.swarm = swarm
    while swarm.outcome[k] == WALKING:
        swarm.step()
    return overheard.heard
