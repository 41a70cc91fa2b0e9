"""The blindfold game: the learner is the blindfolded player, then meets gradient descent.

A seed hides the watermelon on a level (``LEVELS``) and puts the learner a fair distance from it
(``START_DISTANCE``), both on the sand. Blindfolded, the learner knows only what they have felt:

- ``taste()``: the loss at the four ±h probes round the feet, as the numerical derivative tastes it;
- ``ask()``: the friends' shout, the slope (the numerical gradient) where the learner stands;
- ``stride(direction, length)``: a stride of at most ``STRIDE`` metres that stays on the sand;
- ``swing()``: a hit if the watermelon is within the stick's reach, else a miss;
- ``give_up()``.

The blindfold comes off (``over``) at a hit, after ``MAX_MISSES`` misses, or at a give-up; any action
after that raises ``IllegalMove``, as does a stride too long or one into the sea. ``counts`` holds
every action. Like every play (sim.walking.play.Play) it reports ``steps`` (the strides taken),
``done``, ``endings()`` and ``records()``; it has no ``step()`` or ``run()`` of its own, since the
learner moves, not an algorithm. ``rivals()`` are the algorithms' walks from the learner's start, computed with the
project's own ``Walk`` (so each equals ``run --scenario LEVEL --start X,Y --target X,Y --seed S``):
gradient descent with the level's lr and, on a beach with character, the best of the optimizers
(each at its ``comparable_lr``). ``scoreboard()`` compares steps, tastes (a numerical gradient, the
friends' shout included, costs four), swings and final distance.

The whole game is deterministic from the seed; the window (game/modes/blindfold.py) drives exactly
this object.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np

from sim.beach.beaches import BEACH_NAMES
from sim.beach.scenario import SCENARIOS, Scenario
from sim.walking.gradient import numerical_gradient, probe_points
from sim.walking.optimizers import OPTIMIZER_NAMES, comparable_lr
from sim.walking.walk import Walk, WalkResult

LEVELS = ("beach", "valley", "dunes", "decoys")
STRIDE = 2.0                   # metres: the longest step the learner may take
MAX_MISSES = 3                 # misses that take the blindfold off
START_DISTANCE = (6.0, 12.0)   # metres: the start's distance from the watermelon is drawn from this range
WATERMELON_MARGIN = 3.0        # metres: the watermelon lies at least this far inside the sand's edge (clear of the friends)
START_MARGIN = 1.0             # metres: and so does the start
PROBES_PER_GRADIENT = 4        # tastes a numerical gradient costs
ACTIONS = ("taste", "ask", "step", "swing", "give_up")
ENDINGS = ("hit", "misses", "gave_up")   # why the blindfold came off
_PLACEMENT_TRIES = 1000


class IllegalMove(ValueError):
    """A move the rules do not allow: a stride too long, a step into the sea, acting after the end."""


@dataclass(frozen=True)
class Taste:
    """The loss at the four probes (+x, −x, +y, −y) round (x, y) metres, h metres away."""

    x: float
    y: float
    points: np.ndarray = field(repr=False)   # (4, 2) metres
    values: np.ndarray = field(repr=False)   # (4,) the loss at each point

    @property
    def value(self) -> float:
        """The mean of the four values: the loss where the learner stood, to within O(h²)."""
        return float(np.mean(self.values))

    @property
    def slope(self) -> tuple[float, float]:
        """The central differences (dL/dx, dL/dy) the four values give."""
        h = float(self.points[0, 0] - self.x)
        return (float(self.values[0] - self.values[1]) / (2 * h), float(self.values[2] - self.values[3]) / (2 * h))


@dataclass(frozen=True)
class Shout:
    """What the friends shouted where the learner stood (x, y): the slope, uphill (dL/dx, dL/dy)."""

    x: float
    y: float
    grad_x: float
    grad_y: float

    @property
    def size(self) -> float:
        """The slope's steepness |grad L| (loss per metre)."""
        return math.hypot(self.grad_x, self.grad_y)

    @property
    def downhill(self) -> tuple[float, float]:
        """The unit direction of steepest descent, −grad/|grad| ((0, 0) on flat ground)."""
        size = self.size
        return (-self.grad_x / size, -self.grad_y / size) if size > 0 else (0.0, 0.0)


@dataclass(frozen=True)
class Swing:
    """A swing of the stick from (x, y): hit or miss, and how far the watermelon was (m)."""

    x: float
    y: float
    hit: bool
    distance: float


@dataclass(frozen=True)
class Tally:
    """One line of the scoreboard: what a player spent and how near it ended (m)."""

    steps: int
    tastes: int      # probe points: four per numerical gradient
    swings: int
    distance: float


@dataclass(frozen=True)
class Rival:
    """An algorithm's walk from the learner's start: ``optimizer`` at step size ``lr``."""

    optimizer: str
    lr: float
    result: WalkResult

    def tally(self) -> Tally:
        """Steps; four tastes for the slope felt at every place it stood; a swing at a hit or when
        stuck (at nothing); its final distance."""
        swings = int(self.result.outcome in ("hit", "stuck"))
        return Tally(self.result.steps, PROBES_PER_GRADIENT * len(self.result.trace), swings,
                     self.result.final.distance)


def hide_watermelon(level: Scenario, seed: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(watermelon, start) in metres, drawn from ``seed`` and the level's name: the watermelon at least WATERMELON_MARGIN
    inside the sand, the start START_DISTANCE from it and at least START_MARGIN inside the sand."""
    rng = np.random.default_rng([seed, zlib.crc32(level.name.encode())])   # each level hides its own
    xmin, xmax, ymin, ymax = level.bounds
    lo, hi = START_DISTANCE
    for _ in range(_PLACEMENT_TRIES):
        tx, ty = rng.uniform((xmin + WATERMELON_MARGIN, ymin + WATERMELON_MARGIN),
                             (xmax - WATERMELON_MARGIN, ymax - WATERMELON_MARGIN))
        angle, distance = rng.uniform(0, 2 * math.pi), rng.uniform(lo, hi)
        sx, sy = tx + distance * math.cos(angle), ty + distance * math.sin(angle)
        if xmin + START_MARGIN <= sx <= xmax - START_MARGIN and ymin + START_MARGIN <= sy <= ymax - START_MARGIN:
            return (float(tx), float(ty)), (float(sx), float(sy))
    raise ValueError(f"the beach {list(level.bounds)} is too small to hide a watermelon "
                     f"{lo:g} to {hi:g} m from a start on the sand")


def _level(level: str | Scenario) -> Scenario:
    if isinstance(level, Scenario):
        return level
    if level not in LEVELS:
        raise ValueError(f"unknown blindfold level {level!r} (choose from {', '.join(LEVELS)})")
    return SCENARIOS[level]


class BlindfoldGame:
    """One blindfold game on ``level`` (a name of LEVELS, or any Scenario), hidden by ``seed``."""

    def __init__(self, level: str | Scenario = "beach", seed: int = 0):
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**63:
            raise ValueError(f"seed must be a whole number from 0 to 2**63 - 1, got {seed!r}")
        base = _level(level)
        watermelon, start = hide_watermelon(base, int(seed))
        self.level = base   # the level as given (its watermelon and start not yet hidden)
        self.seed = int(seed)
        self.scenario = base.replace(target=watermelon, start=start, seed=self.seed)
        self.path: list[tuple[float, float]] = [start]   # every place the learner stood (m)
        self.tastes: list[Taste] = []
        self.shouts: list[Shout] = []
        self.swings: list[Swing] = []
        self.counts = dict.fromkeys(ACTIONS, 0)
        self.ending: str | None = None   # one of ENDINGS once the blindfold is off
        self._rivals: list[Rival] | None = None

    # -- what the learner may know -------------------------------------------------------------
    @property
    def position(self) -> tuple[float, float]:
        """Where the learner stands (m)."""
        return self.path[-1]

    @property
    def start(self) -> tuple[float, float]:
        """Where the learner began (m)."""
        return self.path[0]

    @property
    def over(self) -> bool:
        """Whether the blindfold is off."""
        return self.ending is not None

    @property
    def steps(self) -> int:
        """Strides taken so far."""
        return self.counts["step"]

    @property
    def done(self) -> bool:
        """Whether the blindfold is off (as a play's ``done``)."""
        return self.over

    def endings(self) -> dict[str, int]:
        """{why the blindfold came off (one of ENDINGS): 1} once it is off, else {}."""
        return {} if self.ending is None else {self.ending: 1}

    def records(self) -> dict[str, np.ndarray]:
        """Every place the learner stood as arrays: "x", "y" (m) and "loss" there, row k after k strides."""
        path = np.array(self.path, float)
        tx, ty = self.watermelon
        with np.errstate(all="ignore"):
            loss = np.asarray(self.scenario.loss_fn(path[:, 0], path[:, 1], tx, ty), float)
        return {"x": path[:, 0], "y": path[:, 1], "loss": loss}

    @property
    def misses(self) -> int:
        """Swings that missed."""
        return sum(not s.hit for s in self.swings)

    # -- what is hidden until the end ----------------------------------------------------------
    @property
    def watermelon(self) -> tuple[float, float]:
        """The hidden watermelon (m)."""
        return self.scenario.target

    @property
    def distance(self) -> float:
        """Metres from the learner to the watermelon."""
        (x, y), (tx, ty) = self.position, self.watermelon
        return math.hypot(x - tx, y - ty)

    # -- actions -------------------------------------------------------------------------------
    def _playing(self, action: str) -> None:
        """IllegalMove once the blindfold is off."""
        if self.ending is not None:
            raise IllegalMove(f"the game is over ({self.ending.replace('_', ' ')}): "
                              f"no more {action.replace('_', ' ')}; start a new game")

    def _act(self, action: str) -> None:
        self._playing(action)
        self.counts[action] += 1

    def taste(self) -> Taste:
        """Probe the loss at (x ± h, y) and (x, y ± h) round the learner; the taste stays as a mark."""
        self._act("taste")
        x, y = self.position
        points = probe_points(x, y, self.scenario.h)
        tx, ty = self.watermelon
        with np.errstate(all="ignore"):
            values = np.asarray(self.scenario.loss_fn(points[:, 0], points[:, 1], tx, ty), float)
        taste = Taste(x, y, points, values)
        self.tastes.append(taste)
        return taste

    def ask(self) -> Shout:
        """The friends' shout: the numerical gradient where the learner stands."""
        self._act("ask")
        x, y = self.position
        tx, ty = self.watermelon
        _, (gx,), (gy,) = numerical_gradient(self.scenario.loss_fn, [x], [y], tx, ty, self.scenario.h)
        shout = Shout(x, y, float(gx), float(gy))
        self.shouts.append(shout)
        return shout

    def stride(self, direction: tuple[float, float], length: float) -> tuple[float, float]:
        """Step ``length`` metres (0 < length <= STRIDE) along ``direction`` (any non-zero (dx, dy));
        returns the new position. The step must end on the sand."""
        self._playing("step")
        try:
            dx, dy = direction
        except (TypeError, ValueError):
            raise TypeError(f"direction must be a pair (dx, dy) of numbers, got {direction!r}") from None
        if not all(_is_number(v) for v in (dx, dy)):
            raise TypeError(f"direction must be a pair (dx, dy) of numbers, got {direction!r}")
        dx, dy = float(dx), float(dy)
        norm = math.hypot(dx, dy)
        if not (math.isfinite(norm) and norm > 0):
            raise ValueError(f"direction must be a finite non-zero (dx, dy), got {direction!r}")
        if not _is_number(length):
            raise TypeError(f"length must be a number of metres, got {length!r}")
        if not (math.isfinite(length) and length > 0):
            raise ValueError(f"length must be a positive number of metres, got {length!r}")
        if length > STRIDE:
            raise IllegalMove(f"a stride of {length:g} m is too long: the longest is {STRIDE:g} m")
        x, y = self.position
        nx, ny = x + dx / norm * length, y + dy / norm * length
        if not self.scenario.contains(nx, ny):
            xmin, xmax, ymin, ymax = self.scenario.bounds
            raise IllegalMove(f"a step to ({nx:.2f}, {ny:.2f}) leaves the sand "
                              f"(x in [{xmin:g}, {xmax:g}], y in [{ymin:g}, {ymax:g}]): the sea is there")
        self.counts["step"] += 1
        self.path.append((nx, ny))
        return (nx, ny)

    def swing(self) -> Swing:
        """Swing the stick: a hit if the watermelon is nearer than the reach (the blindfold comes off);
        the MAX_MISSES-th miss also ends the game."""
        self._act("swing")
        x, y = self.position
        distance = self.distance
        swing = Swing(x, y, distance < self.scenario.reach, distance)
        self.swings.append(swing)
        if swing.hit:
            self.ending = "hit"
        elif self.misses >= MAX_MISSES:
            self.ending = "misses"
        return swing

    def give_up(self) -> None:
        """Take the blindfold off."""
        self._act("give_up")
        self.ending = "gave_up"

    # -- the comparison ------------------------------------------------------------------------
    def rivals(self) -> list[Rival]:
        """Gradient descent from the learner's start with the level's lr, and on a beach with
        character also the best optimizer (the fewest steps to a hit, else the nearest at the end;
        gd itself may be the best)."""
        if self._rivals is None:
            gd = Rival("gd", self.scenario.lr, Walk(self.scenario.replace(optimizer="gd")).run())
            self._rivals = [gd]
            if self.scenario.loss in BEACH_NAMES:
                walks = [gd] + [self._walk(name) for name in OPTIMIZER_NAMES if name != "gd"]
                self._rivals.append(min(walks, key=_rank))
        return list(self._rivals)

    def _walk(self, name: str) -> Rival:
        lr = comparable_lr(name, self.scenario.lr, self.scenario.momentum)
        return Rival(name, lr, Walk(self.scenario.replace(optimizer=name, lr=lr)).run())

    def tally(self) -> Tally:
        """The learner's line of the scoreboard (a taste and a shout each cost four tastes)."""
        gradients = self.counts["taste"] + self.counts["ask"]
        return Tally(self.counts["step"], PROBES_PER_GRADIENT * gradients, self.counts["swing"], self.distance)

    def scoreboard(self) -> list[tuple[str, Tally]]:
        """("you", the learner's tally), then each rival's (named by its optimizer)."""
        return [("you", self.tally())] + [(r.optimizer, r.tally()) for r in self.rivals()]


def _is_number(v: object) -> bool:
    """A real number (not a bool)."""
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _rank(rival: Rival) -> tuple[int, float, int]:
    """Hits first, by fewest steps; then the nearest at the end (to the centimetre), by fewest steps."""
    r = rival.result
    if r.outcome == "hit":
        return (0, 0.0, r.steps)
    distance = r.final.distance if math.isfinite(r.final.distance) else math.inf
    return (1, round(distance, 2), r.steps)
