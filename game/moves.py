"""The step a player's arrow shows: the one being walked, or at rest the coming one (``Move``).

``next_steps`` works out every player's coming update without changing the walk (the
optimizer runs on a copy), so the beach can draw where each player will land.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from sim.walking.swarm import WALKING, Swarm
from sim.walking.walk import StepRecord


@dataclass(frozen=True)
class Move:
    """One update as the beach shows it: from (x, y) by (dx, dy) metres, made with the step size
    ``lr`` (the schedule's, for that update) from the slope (hx, hy) the player heard there."""

    x: float
    y: float
    dx: float
    dy: float
    lr: float
    hx: float
    hy: float


def next_steps(swarm: Swarm) -> np.ndarray:
    """The displacement (2, n) in metres that each player's next update will make (nan for the
    players that stopped): the swarm's optimizer, on a copy so that the walk is not changed, fed
    the slope each walking player heard, with the step size the schedule gives that update."""
    out = np.full((2, swarm.n), np.nan)
    walking = np.flatnonzero(swarm.outcome == WALKING)
    if walking.size:
        heard = np.stack([swarm.hx[walking], swarm.hy[walking]])
        with np.errstate(all="ignore"):
            out[:, walking] = copy.deepcopy(swarm.optimizer).step(heard, swarm.lr[walking] * next_factor(swarm))
    return out


def next_factor(swarm: Swarm) -> float:
    """The schedule's multiplier of lr for the swarm's next update."""
    return swarm.schedule.factor(swarm.tick)


def move_of(trace: list[StepRecord], shown: int, lr: float, step: np.ndarray | None) -> Move | None:
    """The update from row ``shown`` of ``trace``: the one being walked (to the next row), or at
    rest the coming one, ``step`` (dx, dy) with step size ``lr`` (None: none is coming)."""
    row = trace[shown]
    if shown + 1 < len(trace):
        after = trace[shown + 1]
        return Move(row.x, row.y, after.x - row.x, after.y - row.y, after.lr, row.heard_x, row.heard_y)
    if step is None:
        return None
    return Move(row.x, row.y, float(step[0]), float(step[1]), lr, row.heard_x, row.heard_y)


class ComingSteps:
    """next_steps(swarm), worked out once per update of the swarm (drawers ask every frame)."""

    def __init__(self) -> None:
        self._last: tuple[Swarm, int, np.ndarray] | None = None

    def of(self, swarm: Swarm) -> np.ndarray:
        """The coming displacement (2, n) of ``swarm``'s players (see next_steps)."""
        c = self._last
        if c is None or c[0] is not swarm or c[1] != swarm.tick:
            c = self._last = (swarm, swarm.tick, next_steps(swarm))
        return c[2]
