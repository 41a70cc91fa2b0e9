"""Many players walking at once: the vectorised engine behind every walk.

State is laid out for numpy as contiguous per-axis arrays: the positions of the players still
walking are one (2, m) array whose rows are x and y, and so are their gradients and offsets from
the watermelon. Finished players are dropped from these live arrays, so they cost nothing; the
public per-player arrays (x, y, loss, gx, gy, steps, ...) are brought up to date from them when
read. A step works in place, in buffers made anew only when the live set shrinks.

The optimizer (the scenario's by default, sim.walking.optimizers) turns the gradient into a step, with
each player's lr times the scenario's schedule factor for the update. With noise S > 0 the
optimizer is given the gradient the player heard: the numerical gradient at a spot jittered by
N(0, S²) metres per axis, drawn anew every update from the run's Generator (see Scenario.noise);
gx, gy stay the noiseless slope at the player and hx, hy are what it heard.

``run`` walks big swarms faster with the same bits: CHUNK players at a time (their arrays stay in
cache), or with the fused engine (sim.walking.fused, numba, the `fast` extra); see Swarm.run.
"""
from __future__ import annotations

import copy
import functools
import importlib.util
import math
import os
import sys
from typing import Callable

import numpy as np

from sim import checks
from sim.reports.brief import brief

from sim.walking.gradient import Probes
from sim.walking.gradient import numerical_gradient
from sim.walking.optimizers import GradientDescent, Optimizer, _Stateful
from sim.beach.scenario import Scenario, check_scenario

OUTCOMES = ("hit", "stuck", "diverged", "max_steps")
WALKING, HIT, STUCK, DIVERGED, MAX_STEPS = 0, 1, 2, 3, 4
OUTCOME_CODES = {"walking": WALKING, "hit": HIT, "stuck": STUCK, "diverged": DIVERGED, "max_steps": MAX_STEPS}
OUTCOME_NAMES = {code: name for name, code in OUTCOME_CODES.items()}
ENGINES = ("auto", "numpy", "fused")
CHUNK = 16_384   # players the numpy engine walks at a time in a big swarm (their arrays stay in L2 cache)
# About the most players of a part of a walk cut into swarms (a sweep's, a map's), by engine: numpy's
# passes want long arrays (CHUNK); the fused kernel walks blocks of 256 in L1 whatever the part, and
# smaller parts share out better among busy processes.
PART_PLAYERS = {"numpy": CHUNK, "fused": 4096}
FUSED_WORK = 2_000_000         # agent-steps from which run's "auto" engine walks fused, once loaded
FUSED_LOAD_WORK = 100_000_000  # ... and from which loading it pays (numba and the cached kernel: ~1.5 s)
# The longest walk the fused kernel takes: it keeps each step's lr factor and Adam's bias correction
# in arrays of max_steps (8 MB each here; a walk of 10⁹ steps would want over 20 GB before its first step).
FUSED_MAX_STEPS = 1_000_000
# What the fused kernel walks, with its codes for them (sim.walking.fused); known without importing numba.
FUSED_LOSS_KINDS = {"squared": 0, "distance": 1, "hit-or-miss": 2, "dunes": 3, "decoys": 3, "saddle": 3, "valley": 4,
                    "banana": 5}
FUSED_OPTIMIZER_KINDS = {"gd": 0, "momentum": 1, "nesterov": 2, "adagrad": 3, "rmsprop": 4, "adam": 5}

_ZERO = np.array(0.0)   # 0-d: cheaper in ufuncs than a float
ROUNDING = 16 * float(np.finfo(float).eps)   # relative rounding allowed in a loss value or a coordinate
# The live arrays, each with the players along its last axis.
_LIVE = ("_pos", "_grad", "_offset", "_loss", "_d2", "_lr", "_history")


def overshoot_slack(loss, lr, h: float, distance, target_size: float):
    """How far (m) a step may pass the watermelon by rounding alone.

    The numerical gradient's rounding error is about ε·|L|/h (each probe's loss value is rounded
    to ε of its size), which the step multiplies by lr; positions and offsets are rounded to ε of
    the coordinates' size, at most ``distance`` + ``target_size`` (m). ε here is ROUNDING.
    """
    return (np.abs(loss) * (ROUNDING / h)) * lr + ROUNDING * (distance + target_size)


def _sand_circle_r2(scenario: Scenario) -> float:
    """The squared radius (m²) of a circle round the watermelon that lies on the sand, with room
    to spare for the rounding of a computed |p − t|² (a relative 1e-9 is a million times it, and
    an edge beyond 1e-100 m keeps clear of underflow); -1 if there is none."""
    xmin, xmax, ymin, ymax = scenario.bounds
    tx, ty = scenario.target
    edge = min(tx - xmin, xmax - tx, ty - ymin, ymax - ty)
    return edge * edge * (1 - 1e-9) if edge > 1e-100 else -1.0


@functools.cache
def fused_available() -> bool:
    """Whether the fused engine can be used: numba is installed (the `fast` extra) and the
    environment variable SUIKAWARI_ENGINE is not "numpy". Checked without importing numba."""
    return importlib.util.find_spec("numba") is not None and os.environ.get("SUIKAWARI_ENGINE") != "numpy"


def choose_engine(scenario: Scenario, optimizer, work: int, engine: str = "auto", jobs: int = 1) -> str:
    """The engine for a walk of ``work`` agent-steps (at most) of ``scenario`` with ``optimizer``
    (an Optimizer or a name) without a per-step callback, such as a swarm's run or a sweep's
    parts shared by ``jobs`` processes: "auto" takes "fused" where it covers them and the work
    pays for loading it, once, before the processes share the work (FUSED_LOAD_WORK per process;
    FUSED_WORK once it is loaded in this process), else "numpy"; "numpy" and "fused" are taken as
    they are (ValueError for fused where it cannot walk them, or more than FUSED_MAX_STEPS steps)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    name = optimizer if isinstance(optimizer, str) else getattr(optimizer, "name", None)
    covered = fused_available() and scenario.loss in FUSED_LOSS_KINDS and name in FUSED_OPTIMIZER_KINDS
    if engine == "fused" and not covered:
        raise ValueError(f"the fused engine cannot walk {scenario.loss_text} with {name}"
                         f"{'' if fused_available() else ' (numba is not installed: the fast extra)'}")
    short = scenario.max_steps <= FUSED_MAX_STEPS
    if engine == "fused" and not short:
        raise ValueError(f"the fused engine walks at most {FUSED_MAX_STEPS:,} steps (it keeps each step's lr "
                         f"factor in an array), got max_steps {scenario.max_steps:,}")
    if engine != "auto":
        return engine
    loaded = "sim.walking.fused" in sys.modules
    return "fused" if covered and short and work >= (FUSED_WORK if loaded else FUSED_LOAD_WORK * jobs) else "numpy"


def _chunkable(optimizer) -> bool:
    """Whether an optimizer's state can be cut into chunks of players (the built-in ones)."""
    return isinstance(optimizer, (GradientDescent, _Stateful))


def _fused():
    """sim.walking.fused, imported (and numba with it) only when a swarm walks fused."""
    from sim.walking import fused
    return fused


class _PerPlayer:
    """A public per-player array (n,) of a Swarm, brought up to date from the live arrays when read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, swarm: Swarm | None, owner: type | None = None) -> np.ndarray:
        if swarm is None:   # read on the class (help(), tab completion)
            return self  # type: ignore[return-value]
        swarm._sync()
        return swarm._full[self.name]


class Swarm:
    """N players on one beach walking toward one watermelon, each with its own start and lr.

    Per player: x, y (m), loss, gx, gy (the numerical gradient there), hx, hy (the gradient
    the player heard: gx, gy without noise), steps (updates made), outcome (a code of
    OUTCOME_CODES), overshot (some step passed the watermelon) and receded (some step ended
    farther from it than it began); ``state`` holds the optimizer's state per player.
    ``rng`` draws the noise (default: a fresh scenario.rng(), made only when there is noise).
    """

    def __init__(self, scenario: Scenario, x0, y0, lr=None, optimizer: Optimizer | None = None,
                 rng: np.random.Generator | None = None):
        _check_swarm(scenario, x0, y0, lr)
        self.scenario = scenario
        self.loss_fn = scenario.loss_fn
        self.optimizer = scenario.make_optimizer() if optimizer is None else optimizer
        self.schedule = scenario.lr_schedule
        self.noise = scenario.noise
        self.rng = rng if rng is not None or not self.noise else scenario.rng()
        self.tx, self.ty = scenario.target
        x = np.array(x0, dtype=float).ravel()
        y = np.array(y0, dtype=float).ravel()
        n = x.size
        self.lr = np.broadcast_to(np.asarray(scenario.lr if lr is None else lr, float), (n,)).copy()
        self.tick = 0
        self.places: np.ndarray | None = None   # (2, n): see run's place_after
        self.outcome = np.zeros(n, dtype=np.int8)
        self._steps = np.zeros(n, dtype=np.int64)
        self._idx = np.arange(n)
        self._target = np.array([[self.tx], [self.ty]])   # (2, 1): broadcasts over the players
        self._target_size = max(abs(self.tx), abs(self.ty))   # m
        self._reach2, self._tol2 = scenario.reach * scenario.reach, scenario.tol * scenario.tol
        self._sand_r2 = _sand_circle_r2(scenario)
        # p − lr·g has the same bits as p + (−lr·g) but for the sign of a nan, which a finite lr
        # cannot make from the finite gradients of walking players.
        finite_lr = bool(np.isfinite(self.lr).all())
        self._descent = getattr(self.optimizer, "descent", None) if finite_lr else None
        self._live = _LIVE + (("_heard",) if self.noise else ())
        self._constant_lr = self.schedule.constant
        # Live state: position, gradient, offset from the watermelon (rows x, y), loss, |offset|², ...
        self._pos = np.stack([x, y])
        self._grad, self._offset = np.empty((2, n)), np.empty((2, n))
        self._loss, self._d2 = np.empty(n), np.empty(n)
        self._lr = self.lr.copy()
        self._history = np.zeros((2, n), bool)   # rows: overshot, receded
        self._make_buffers(n)
        self._full = {"x": x, "y": y, "loss": np.empty(n), "gx": np.empty(n), "gy": np.empty(n),
                      "overshot": np.zeros(n, bool), "receded": np.zeros(n, bool)}
        if self.noise:
            self._full["hx"], self._full["hy"] = np.full(n, np.nan), np.full(n, np.nan)
        else:
            self._full["hx"], self._full["hy"] = self._full["gx"], self._full["gy"]
        self._full_state: dict[str, np.ndarray] = {}
        self._synced = False
        with np.errstate(all="ignore"):   # overflow and nan end a walk as diverged: no warnings
            square = self._locate(self._offset, self._d2)
            self._probes.feel(self._pos, square, self._d2, self._loss, self._grad, self._next_offset)
            if self.noise:
                self._hear()
            self._finish(self._endings())

    def _hear(self) -> None:
        """The gradient heard (noise > 0): the numerical gradient at a spot jittered by
        N(0, noise²) metres per axis, the same spot for all four probes."""
        spot = self._pos + self.noise * self.rng.standard_normal(self._pos.shape)
        _, hx, hy = numerical_gradient(self.loss_fn, spot[0], spot[1], self.tx, self.ty, self.scenario.h)
        self._heard = np.stack([hx, hy])

    @property
    def state(self) -> dict[str, np.ndarray]:
        """The optimizer's state per player, (k, n) arrays by name (see sim.walking.optimizers): as it
        was when each player stopped; nan before the first update."""
        self._sync()
        return self._full_state

    x, y = _PerPlayer(), _PerPlayer()
    loss, gx, gy, hx, hy = _PerPlayer(), _PerPlayer(), _PerPlayer(), _PerPlayer(), _PerPlayer()
    overshot, receded = _PerPlayer(), _PerPlayer()

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

    def _make_buffers(self, m: int) -> None:
        """Scratch for m live players: next offsets and distances (swapped with the live ones
        every step), squares, flags and the probes' buffers."""
        self._probes = Probes(self.loss_fn, self.scenario.target, self.scenario.h, m)
        self._next_offset, self._next_d2 = np.empty((2, m)), np.empty(m)
        self._square, self._flags = np.empty((2, m)), np.empty((2, m), bool)

    def _locate(self, offset: np.ndarray, d2: np.ndarray) -> np.ndarray:
        """Fill offset = p − t (m) and d2 = |p − t|² (m²) at the live positions; returns (p − t)²."""
        np.subtract(self._pos, self._target, out=offset)
        square = np.multiply(offset, offset, out=self._square)
        np.add(square[0], square[1], out=d2)
        return square

    def _sync(self) -> None:
        """Copy the live players' state into the public arrays."""
        if not self._synced:
            idx, full = self._idx, self._full
            full["x"][idx], full["y"][idx] = self._pos
            full["gx"][idx], full["gy"][idx] = self._grad
            full["loss"][idx] = self._loss
            full["overshot"][idx], full["receded"][idx] = self._history
            if self.noise:
                full["hx"][idx], full["hy"][idx] = self._heard
            for key, value in self.optimizer.state.items():
                self._record_state(key, value, idx)
            self._steps[idx] = self.tick
            self._synced = True

    def _record_state(self, key: str, value: np.ndarray, players: np.ndarray) -> None:
        """Write the optimizer's state ``key`` of some players into the public state (nan elsewhere)."""
        if key not in self._full_state:
            self._full_state[key] = np.full(value.shape[:-1] + (self.n,), np.nan)
        self._full_state[key][..., players] = value

    def _drop_all(self) -> None:
        """Forget the live arrays of every player (they have all been recorded)."""
        self._synced = True
        keep = np.zeros(self._idx.size, bool)
        self._idx = self._idx[keep]
        for name in self._live:
            setattr(self, name, np.compress(keep, getattr(self, name), axis=-1))
        self._make_buffers(0)
        self.optimizer.keep(keep)

    def _endings(self) -> np.ndarray | None:
        """Outcome codes of the live players at their current positions, or None if all walk on."""
        maxed = self.tick >= self.scenario.max_steps
        if not maxed and self._all_walk_on():
            return None
        xmin, xmax, ymin, ymax = self.scenario.bounds
        x, y = self._pos
        with np.errstate(all="ignore"):
            hit = self._d2 < self._reach2
            # Off the sand also covers huge and non-finite positions, where h vanishes against x.
            ok = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
            ok &= np.isfinite(self._loss + self._grad[0] + self._grad[1])
        if not maxed and ok.all() and not hit.any():
            return None
        codes = np.full(x.size, MAX_STEPS if maxed else WALKING, dtype=np.int8)
        codes[hit] = HIT
        codes[~ok] = DIVERGED
        return codes

    def _all_walk_on(self) -> bool:
        """A quick test, exact when True, that no live player is hit, off the sand or non-finite.

        Reductions stand in for per-player masks (a nan makes each of them fail): the farthest
        distance against a circle round the watermelon that lies on the sand, else the min and
        max of each axis against the bounds; the nearest distance against the reach; and the sum
        of loss + gx + gy over the players, which is finite only if every player's is.
        """
        if self._d2.size == 0:
            return True
        if not np.maximum.reduce(self._d2) <= self._sand_r2:
            xmin, xmax, ymin, ymax = self.scenario.bounds
            (xlo, ylo), (xhi, yhi) = np.minimum.reduce(self._pos, axis=1), np.maximum.reduce(self._pos, axis=1)
            if not (xlo >= xmin and xhi <= xmax and ylo >= ymin and yhi <= ymax):
                return False
        if self._reach2 > 0 and not np.minimum.reduce(self._d2) >= self._reach2:
            return False
        total = np.add(self._loss, self._grad[0], out=self._next_d2)   # the old distances are spent
        return math.isfinite(np.add.reduce(np.add(total, self._grad[1], out=total)))

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
        for name in self._live:
            setattr(self, name, np.compress(keep, getattr(self, name), axis=-1))
        self._make_buffers(self._idx.size)
        self.optimizer.keep(keep)

    def step(self) -> None:
        """One update for every player still walking (a no-op once all have stopped)."""
        if not self.done:
            with np.errstate(all="ignore"):   # overflow and nan end a walk as diverged: no warnings
                self._step()

    def _step(self) -> None:
        if not self._move():
            return
        old_offset, old_d2 = self._offset, self._d2
        offset, d2 = self._next_offset, self._next_d2
        square = self._locate(offset, d2)
        # Overshot: old and new offsets point opposite ways (the step passed the watermelon).
        # Receded: the step ended farther from it than it began.
        product = np.multiply(old_offset, offset, out=old_offset)
        flags = self._flags
        dot = np.add(product[0], product[1], out=product[0])
        if np.less(dot, _ZERO, out=flags[0]).any():   # only a first overshoot needs a closer look
            fresh = np.greater(flags[0], self._history[0], out=flags[1])
            if fresh.any():
                self._ignore_rounding_overshoots(flags[0], fresh, dot, old_d2)
        np.greater(d2, old_d2, out=flags[1])
        np.logical_or(self._history, flags, out=self._history)
        self._probes.feel(self._pos, square, d2, self._loss, self._grad, old_offset)
        if self.noise:
            self._hear()
        self._offset, self._next_offset = offset, old_offset
        self._d2, self._next_d2 = d2, old_d2
        self.tick += 1
        self._synced = False
        self._finish(self._endings())

    def _ignore_rounding_overshoots(self, overshot: np.ndarray, fresh: np.ndarray, dot: np.ndarray,
                                    old_d2: np.ndarray) -> None:
        """Clear the fresh overshoot flags of steps that passed the watermelon by no more than rounding.

        A step passed it by −dot/|old offset| metres. Its rounding is ``overshoot_slack``; at
        lr = 1/c on a parabola a player lands on the watermelon up to that: no overshoot. Called
        with the old loss still in place, for the players whose step passed it for the first time.
        """
        idx = np.flatnonzero(fresh)
        old_d = np.sqrt(old_d2[idx])
        slack = overshoot_slack(self._loss[idx], self._lr[idx], self.scenario.h, old_d, self._target_size)
        overshot[idx] = dot[idx] < -slack * old_d

    def _move(self) -> bool:
        """Move the live players by one update, after stopping those whose step would be shorter
        than tol (stuck). False if no player is left walking."""
        grad = self._heard if self.noise else self._grad
        lr = self._lr if self._constant_lr else self._lr * self.schedule.factor(self.tick)
        if self._descent is not None:
            step, apply = self._descent(grad, lr, self._next_offset), np.subtract
        else:
            step, apply = self.optimizer.step(grad, lr), np.add
        self._synced = False   # the optimizer's state moved: a player stuck now leaves with it
        if self._tol2 > 0:
            square = np.multiply(step, step, out=self._square)
            stuck = np.less(np.add(square[0], square[1], out=self._next_d2), self._tol2, out=self._flags[0])
            if stuck.any():
                moving = ~stuck
                self._finish(np.where(stuck, np.int8(STUCK), np.int8(WALKING)))
                if self.done:
                    return False
                step = np.compress(moving, step, axis=1)
        apply(self._pos, step, out=self._pos)
        return True

    def run(self, on_step: Callable[[Swarm], None] | None = None, engine: str = "auto",
            place_after: int | None = None) -> Swarm:
        """Step until every player has stopped; ``on_step`` is called after each step.

        ``engine``: "numpy" (the reference), "fused" (sim.walking.fused: the same bits, compiled;
        ValueError where it cannot walk this swarm) or "auto": fused where it covers the swarm,
        the work is at least FUSED_WORK agent-steps (FUSED_LOAD_WORK before the kernel is loaded in
        this process) and it pays (without on_step, or with noise), else numpy.
        ``place_after``: also keep in ``places`` (x and y rows) where every player stood after that
        many updates (where it stopped, for one that stopped before), without a per-step callback.
        """
        checks.callback("on_step", on_step)
        if place_after is not None and not (isinstance(place_after, int) and place_after >= self.tick):
            raise ValueError(f"place_after must be a whole number of updates from the swarm's tick {self.tick}, "
                             f"got {place_after!r}")
        self.places = None
        self._keep_places(place_after)
        if self._fused_engine(engine, on_step is None or bool(self.noise)):
            self._run_fused(on_step, place_after)
        elif on_step is None and not self.noise and self.walking > 2 * CHUNK and _chunkable(self.optimizer):
            self._run_chunks(place_after)
        elif on_step is None:
            with np.errstate(all="ignore"):
                while not self.done:
                    self._step()
                    self._keep_places(place_after)
        else:
            while not self.done:
                self.step()
                self._keep_places(place_after)
                on_step(self)
        if place_after is not None and self.places is None:   # every player stopped before
            self.places = np.stack([self.x, self.y])
        return self

    def _keep_places(self, place_after: int | None) -> None:
        """Keep every player's place in ``places`` once the swarm has made ``place_after`` updates."""
        if self.tick == place_after and self.places is None:
            self.places = np.stack([self.x, self.y])

    def _run_chunks(self, place_after: int | None) -> None:
        """run by the numpy engine CHUNK players at a time (their arrays stay in cache): each chunk
        walks as a swarm of its own, with its own copy of the optimizer's state, and its players'
        ends are written back. The same bits: no player's walk depends on another's."""
        idx, opt = self._idx, self.optimizer
        arrays = {name: getattr(opt, name) for name in getattr(opt, "_arrays", ())}
        ticks = []
        for lo in range(0, idx.size, CHUNK):
            part = self._chunk(slice(lo, lo + CHUNK), arrays)
            part.run(engine="numpy", place_after=place_after)
            cols = idx[lo:lo + CHUNK]
            if place_after is not None:
                if self.places is None:
                    self.places = np.stack([self.x, self.y])
                self.places[:, cols] = part.places
            for name, values in part._full.items():
                self._full[name][cols] = values
            self._steps[cols], self.outcome[cols] = part._steps, part.outcome
            for key, value in part._full_state.items():
                self._record_state(key, value, cols)
            ticks.append((part.tick, getattr(part.optimizer, "t", None)))
        self.tick = max(t for t, _ in ticks)
        if hasattr(opt, "t"):
            opt.t = max(t for _, t in ticks)
        self._drop_all()

    def _chunk(self, cols: slice, arrays: dict[str, np.ndarray | None]) -> Swarm:
        """The live players ``cols`` as a swarm of their own, at this swarm's tick."""
        part = copy.copy(self)
        part.optimizer = opt = copy.copy(self.optimizer)
        for name, a in arrays.items():
            setattr(opt, name, None if a is None else a[:, cols].copy())
        if hasattr(opt, "_out"):
            opt._out = opt._tmp = None
        part._descent = None if self._descent is None else opt.descent
        for name in self._live:
            setattr(part, name, getattr(self, name)[..., cols].copy())
        m = part._pos.shape[1]
        part.lr = part._lr.copy()
        part.outcome, part._steps, part._idx = np.zeros(m, np.int8), np.zeros(m, np.int64), np.arange(m)
        part._full = {name: np.empty(m, a.dtype) for name, a in self._full.items() if name not in ("hx", "hy")}
        part._full["hx"], part._full["hy"] = part._full["gx"], part._full["gy"]
        part._full_state, part._synced = {}, False
        part._make_buffers(m)
        return part

    def _fused_engine(self, engine: str, pays: bool) -> bool:
        """Whether run walks with the fused kernel (see run)."""
        if engine == "numpy" or (self.done and engine in ENGINES):
            return False
        work = self.walking * (self.scenario.max_steps - self.tick)
        return choose_engine(self.scenario, self.optimizer, work, engine) == "fused" and (engine == "fused" or pays)

    def _run_fused(self, on_step: Callable[[Swarm], None] | None, place_after: int | None) -> None:
        """run with the fused kernel: each player to its end in one call, or (with noise, whose
        draws come step by step, or with on_step) one kernel pass per step."""
        kernel = _fused().Kernel(self)
        if on_step is not None or self.noise:
            while not self.done:
                self._step_fused(kernel)
                self._keep_places(place_after)
                if on_step is not None:
                    on_step(self)
            return
        idx = self._idx
        places = None if place_after is None or self.places is not None else np.empty((2, idx.size))
        codes, ends = kernel.walk(_fused().RUN, places=places, place_tick=-1 if place_after is None else place_after)
        self._finish_all(codes, ends, kernel)
        if places is not None:
            self.places = np.stack([self.x, self.y])
            made = ends >= place_after   # the others stopped before: where they stopped
            self.places[:, idx[made]] = places[:, made]

    def _step_fused(self, kernel) -> None:
        """One step (as _step) by the fused kernel: the update and what comes of it (with noise:
        the update, then hearing and the endings)."""
        fused = _fused()
        codes, ends = kernel.walk(fused.STEP)
        if self.optimizer.name == "adam":
            self.optimizer.t += 1
        self._synced = False
        stuck = codes == STUCK
        if stuck.any():   # they end before this step counts, the others after it
            self._finish(np.where(stuck, codes, np.int8(WALKING)))
            if self.done:
                return
            codes = codes[~stuck]
        self.tick += 1
        if self.noise:
            codes, _ = kernel.walk(fused.HEAR, self.rng.standard_normal((2, self.walking)))
        self._synced = False
        self._finish(codes)

    def _finish_all(self, codes: np.ndarray, ends: np.ndarray, kernel) -> None:
        """Record every live player as the fused kernel left it (code, end tick, state) and drop them all."""
        idx, full, opt = self._idx, self._full, self.optimizer
        full["x"][idx], full["y"][idx] = self._pos
        full["gx"][idx], full["gy"][idx] = self._grad
        full["loss"][idx] = self._loss
        full["overshot"][idx], full["receded"][idx] = self._history
        self._steps[idx], self.outcome[idx] = ends, codes
        # The optimizer's state as each player left it: Adam's after its own count of updates (a
        # stuck player made one more than its steps: the one too short to take).
        made = ends - self.tick + (codes == STUCK)
        t0 = getattr(opt, "t", 0)
        arrays = {name: getattr(opt, name) for name in kernel.names}
        for count in np.unique(made) if kernel.names else ():
            cols = np.flatnonzero(made == count)
            for name, a in arrays.items():
                setattr(opt, name, a[:, cols])
            if opt.name == "adam":
                opt.t = t0 + int(count)
            for key, value in opt.state.items():
                self._record_state(key, value, idx[cols])
        for name, a in arrays.items():
            setattr(opt, name, a)
        if opt.name == "adam" and made.size:
            opt.t = t0 + int(made.max())
        self.tick = int(max(self.tick, ends.max()))
        self._drop_all()

    def outcome_counts(self, mask: np.ndarray | None = None) -> dict[str, int]:
        """How many players (optionally of a subset) ended each way."""
        codes = self.outcome if mask is None else self.outcome[mask]
        return {name: int(np.count_nonzero(codes == OUTCOME_CODES[name])) for name in OUTCOMES}


def _check_swarm(scenario: Scenario, x0, y0, lr) -> None:
    """TypeError or ValueError naming a bad argument of Swarm. Starts may be anywhere (off the
    sand, even not finite: such a player has diverged); step sizes must not be negative or NaN
    (0 stands still, +inf diverges at once)."""
    check_scenario(scenario)
    arrays = {}
    for name, value in (("x0", x0), ("y0", y0), ("lr", lr)):
        if name == "lr" and value is None:
            continue
        try:
            arrays[name] = np.asarray(value, dtype=float).ravel()
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a number or an array of numbers, got {brief(value)}") from None
    if arrays["x0"].size != arrays["y0"].size:
        raise ValueError(f"x0 and y0 must have the same length, got {arrays['x0'].size} and {arrays['y0'].size}")
    if "lr" in arrays:
        if arrays["lr"].size not in (1, arrays["x0"].size):
            raise ValueError(f"lr must be one step size or one per player ({arrays['x0'].size}), "
                             f"got {arrays['lr'].size}")
        if not (arrays["lr"] >= 0).all():
            raise ValueError(f"lr must be step sizes >= 0 (not negative, not NaN), got {brief(lr)}")
