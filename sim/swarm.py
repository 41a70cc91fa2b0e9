"""Many players walking at once: the vectorised engine behind every walk.

State is laid out for numpy as contiguous per-axis arrays. The players still walking are kept
compacted in ``_live`` arrays, so finished players cost nothing and a step touches no index
arrays; the public per-player arrays (x, y, loss, gx, gy, steps, ...) are brought up to date
from them when read.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from sim.gradient import numerical_gradient
from sim.heap import keep_freed_memory
from sim.optimizers import GradientDescent, Optimizer
from sim.scenario import Scenario

OUTCOMES = ("hit", "stuck", "diverged", "max_steps")
WALKING, HIT, STUCK, DIVERGED, MAX_STEPS = 0, 1, 2, 3, 4
OUTCOME_CODES = {"walking": WALKING, "hit": HIT, "stuck": STUCK, "diverged": DIVERGED, "max_steps": MAX_STEPS}
OUTCOME_NAMES = {code: name for name, code in OUTCOME_CODES.items()}

_PER_PLAYER = ("x", "y", "loss", "gx", "gy", "overshot", "receded")


class Swarm:
    """N players on one beach walking toward one watermelon, each with its own start and lr.

    Per player: x, y (m), loss, gx, gy (the numerical gradient there), steps (updates made),
    outcome (a code of OUTCOME_CODES), overshot (some step passed the watermelon) and receded
    (some step ended farther from it than it began).
    """

    def __init__(self, scenario: Scenario, x0, y0, lr=None, optimizer: Optimizer | None = None):
        keep_freed_memory()
        self.scenario = scenario
        self.loss_fn = scenario.loss_fn
        self.optimizer = optimizer or GradientDescent()
        self.tx, self.ty = scenario.target
        x = np.array(x0, dtype=float).ravel()
        y = np.array(y0, dtype=float).ravel()
        if x.size != y.size:
            raise ValueError(f"x0 and y0 must have the same length, got {x.size} and {y.size}")
        n = x.size
        lr = np.broadcast_to(np.asarray(scenario.lr if lr is None else lr, float), (n,)).copy()
        loss, gx, gy = numerical_gradient(self.loss_fn, x, y, self.tx, self.ty, scenario.h)
        self.lr = lr
        self.tick = 0
        self.outcome = np.zeros(n, dtype=np.int8)
        self._steps = np.zeros(n, dtype=np.int64)
        self._full = {"x": x, "y": y, "loss": loss, "gx": gx, "gy": gy,
                      "overshot": np.zeros(n, bool), "receded": np.zeros(n, bool)}
        self._idx = np.arange(n)
        d2 = (x - self.tx) ** 2 + (y - self.ty) ** 2
        self._live = {k: v.copy() for k, v in self._full.items()} | {"lr": lr.copy(), "d2": d2}
        self._synced = True
        self._finish(self._endings(x, y, loss, gx, gy, d2))

    def __getattr__(self, name: str) -> np.ndarray:
        if name in _PER_PLAYER:
            self._sync()
            return self._full[name]
        raise AttributeError(name)

    @property
    def steps(self) -> np.ndarray:
        """Updates made by each player."""
        self._sync()
        return self._steps

    @property
    def n(self) -> int:
        """Number of players."""
        return self.outcome.size

    @property
    def done(self) -> bool:
        """Whether every player has stopped."""
        return self._idx.size == 0

    @property
    def walking(self) -> int:
        """Number of players still walking."""
        return self._idx.size

    def _sync(self) -> None:
        """Copy the live players' state into the public arrays."""
        if not self._synced:
            for key in _PER_PLAYER:
                self._full[key][self._idx] = self._live[key]
            self._steps[self._idx] = self.tick
            self._synced = True

    def _endings(self, x, y, loss, gx, gy, d2) -> np.ndarray | None:
        """Outcome codes of the live players at their current positions, or None if all walk on."""
        s = self.scenario
        xmin, xmax, ymin, ymax = s.bounds
        with np.errstate(all="ignore"):
            hit = d2 < s.reach * s.reach
            # Off the sand also covers huge and non-finite positions, where h vanishes against x.
            ok = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
            ok &= np.isfinite(loss + gx + gy)
        maxed = self.tick >= s.max_steps
        if not maxed and ok.all() and not hit.any():
            return None
        codes = np.full(x.size, MAX_STEPS if maxed else WALKING, dtype=np.int8)
        codes[hit] = HIT
        codes[~ok] = DIVERGED
        return codes

    def _finish(self, codes: np.ndarray | None) -> None:
        """Record the live players whose code is set and drop them from the live arrays."""
        if codes is None:
            return
        ended = codes != WALKING
        if not ended.any():
            return
        self._sync()
        self.outcome[self._idx[ended]] = codes[ended]
        keep = ~ended
        self._idx = self._idx[keep]
        self._live = {k: v[keep] for k, v in self._live.items()}
        self.optimizer.keep(keep)

    def step(self) -> None:
        """One update for every player still walking (a no-op once all have stopped)."""
        if self.done:
            return
        s = self.scenario
        live = self._live
        dx, dy = self.optimizer.displacement(live["gx"], live["gy"], live["lr"])
        if s.tol > 0:
            with np.errstate(over="ignore"):
                stuck = dx * dx + dy * dy < s.tol * s.tol
            if stuck.any():
                self._finish(np.where(stuck, np.int8(STUCK), np.int8(WALKING)))
                dx, dy, live = dx[~stuck], dy[~stuck], self._live
                if self.done:
                    return
        x, y = live["x"], live["y"]
        nx = np.add(x, dx, out=dx)
        ny = np.add(y, dy, out=dy)
        loss, gx, gy = numerical_gradient(self.loss_fn, nx, ny, self.tx, self.ty, s.h)
        with np.errstate(all="ignore"):
            qx, qy = nx - self.tx, ny - self.ty
            live["overshot"] |= qx * (x - self.tx) + qy * (y - self.ty) < 0
            qx *= qx
            qy *= qy
            d2 = np.add(qx, qy, out=qx)
            live["receded"] |= d2 > live["d2"]
        live.update(x=nx, y=ny, loss=loss, gx=gx, gy=gy, d2=d2)
        self.tick += 1
        self._synced = False
        self._finish(self._endings(nx, ny, loss, gx, gy, d2))

    def run(self, on_step: Callable[[Swarm], None] | None = None) -> Swarm:
        """Step until every player has stopped; ``on_step`` is called after each step."""
        while not self.done:
            self.step()
            if on_step is not None:
                on_step(self)
        return self

    def outcome_counts(self, mask: np.ndarray | None = None) -> dict[str, int]:
        """How many players (optionally of a subset) ended each way."""
        codes = self.outcome if mask is None else self.outcome[mask]
        return {name: int(np.count_nonzero(codes == OUTCOME_CODES[name])) for name in OUTCOMES}
