"""One blindfolded player's walk, step by step or to the end, with its trace.

``Walk.step()`` is what the front end calls once per tick; ``Walk.run()`` is the headless path.
Both go through the same Swarm engine (with one player), so they give the same trace.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from sim.walking.ground import ground_kind
from sim.walking.optimizers import Optimizer
from sim.walking.play import column_arrays
from sim.beach.scenario import Scenario, check_scenario
from sim.walking.swarm import OUTCOME_NAMES, OUTCOMES, WALKING, Swarm

__all__ = ["OUTCOMES", "StepRecord", "Walk", "WalkResult"]


@dataclass(frozen=True)
class StepRecord:
    """The player after ``step`` updates: where it stands and what it felt there."""

    step: int          # updates made before this row (row 0 is the start)
    x: float           # metres
    y: float           # metres
    loss: float
    grad_x: float      # numerical dL/dx at (x, y)
    grad_y: float      # numerical dL/dy at (x, y)
    distance: float = math.nan   # metres to the watermelon
    lr: float = math.nan         # the step size of the update that led here (schedule applied; nan on row 0)
    heard_x: float = math.nan    # the dL/dx the player heard at (x, y): grad_x but for noise
    heard_y: float = math.nan    # the dL/dy the player heard
    # The optimizer's state after that update, per name a value per axis (x, y), e.g.
    # {"velocity": (vx, vy)}; see sim.walking.optimizers. Empty on row 0 and for gd.
    state: Mapping[str, tuple[float, ...]] = field(default_factory=dict, repr=False)

    @property
    def grad_norm(self) -> float:
        """Length of the felt slope."""
        return math.hypot(self.grad_x, self.grad_y)

    def state_value(self, name: str, axis: int) -> float | None:
        """One axis of a state array (e.g. "velocity", 0 for x), None where the optimizer has none."""
        value = self.state.get(name)
        return None if value is None or not math.isfinite(value[axis]) else value[axis]


@dataclass(frozen=True)
class WalkResult:
    """How a walk ended, with its trace (whole, unless the walk kept only its ends, Walk ``keep``,
    or what a picture draws, Walk ``thin``)."""

    scenario: Scenario
    outcome: str
    steps: int
    trace: list[StepRecord]

    @property
    def final(self) -> StepRecord:
        """The last row of the trace."""
        return self.trace[-1]

    @property
    def ground(self) -> str | None:
        """For a stuck walk, the ground it stopped on (one of sim.walking.ground.GROUNDS); else None."""
        return ground_kind(self.scenario, self.final.x, self.final.y) if self.outcome == "stuck" else None

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-safe values (non-finite numbers become None)."""
        last = self.final
        return {
            "outcome": self.outcome,
            "steps": self.steps,
            "position": [_json_number(last.x), _json_number(last.y)],
            "loss": _json_number(last.loss),
            "distance": _json_number(last.distance),
            "gradient": [_json_number(last.grad_x), _json_number(last.grad_y)],
            **({"ground": self.ground} if self.outcome == "stuck" else {}),
            "optimizer": self.scenario.optimizer_info(),
            "scenario": self.scenario.to_dict(),
        }


def record_of(swarm: Swarm, i: int) -> StepRecord:
    """Player i of a swarm as a trace row."""
    x, y = float(swarm.x[i]), float(swarm.y[i])
    tx, ty = swarm.scenario.target
    step = int(swarm.steps[i])
    lr = float(swarm.lr[i]) * swarm.schedule.factor(step - 1) if step else math.nan
    state = {k: tuple(float(v) for v in a[:, i]) for k, a in swarm.state.items() if step}
    return StepRecord(step=step, x=x, y=y, loss=float(swarm.loss[i]),
                      grad_x=float(swarm.gx[i]), grad_y=float(swarm.gy[i]),
                      distance=float(np.hypot(x - tx, y - ty)),
                      lr=lr, heard_x=float(swarm.hx[i]), heard_y=float(swarm.hy[i]),
                      state={k: v for k, v in state.items() if not all(map(math.isnan, v))})


def _json_number(v: float) -> float | None:
    return v if math.isfinite(v) else None


class Walk:
    """A single player's walk on a scenario, driven one update at a time.

    ``keep`` None keeps the whole trace; a whole number n keeps only its first n rows in ``trace``
    and its last n besides (``result().trace`` has both), so a walk of millions of steps holds 2n
    rows. ``thin`` (a whole number n, for pictures) keeps every row up to 2n rows, then only what
    a picture draws (see ``thinned``): the trace never holds more than 2n rows. ``on_row`` is
    called with every row as it is made (to stream the whole trace to a file). ``rng`` draws the
    noise the player hears (default: a fresh ``scenario.rng()``; see Swarm)."""

    def __init__(self, scenario: Scenario, optimizer: Optimizer | None = None, *, keep: int | None = None,
                 thin: int | None = None, on_row: Callable[[StepRecord], None] | None = None,
                 rng: np.random.Generator | None = None):
        from sim import checks
        check_scenario(scenario)
        checks.callback("on_row", on_row)
        if keep is not None:
            checks.whole("keep (None: the whole trace)", keep, 1, 2**62)
        if thin is not None and keep is not None:
                raise ValueError("keep and thin cannot both be given: a trace keeps its ends or what a picture draws")
        self.scenario = scenario
        x0, y0 = scenario.start
        self._swarm = Swarm(scenario, [x0], [y0], optimizer=optimizer, rng=rng)
        self._keep, self._on_row = keep, on_row
        self._thinning = None if thin is None else Thinning(thin, scenario)
        self.trace: list[StepRecord] = []
        self._tail: deque[StepRecord] = deque(maxlen=keep or 1)
        self._add(record_of(self._swarm, 0))

    def _add(self, row: StepRecord) -> None:
        if self._on_row is not None:
            self._on_row(row)
        if self._thinning is not None:
            self._thinning.add(self.trace, row)
        elif self._keep is None or len(self.trace) < self._keep:
            self.trace.append(row)
        else:
            self._tail.append(row)
        self._current = row

    @property
    def swarm(self) -> Swarm:
        """The swarm of one that walks (read it; step the walk with ``step``)."""
        return self._swarm

    @property
    def current(self) -> StepRecord:
        """The player's state now (the last row of the trace)."""
        return self._current

    @property
    def steps(self) -> int:
        """Updates made so far."""
        return self.current.step

    @property
    def outcome(self) -> str | None:
        """None while walking, else one of OUTCOMES."""
        code = int(self._swarm.outcome[0])
        return None if code == WALKING else OUTCOME_NAMES[code]

    @property
    def done(self) -> bool:
        """Whether the walk has ended."""
        return self._swarm.done

    def step(self) -> StepRecord:
        """One update (or the ending); a stuck ending adds no row. Returns the current row."""
        if not self.done:
            before = self._swarm.tick
            self._swarm.step()
            if self._swarm.tick != before:
                self._add(record_of(self._swarm, 0))
        return self.current

    def run(self) -> WalkResult:
        """Walk to the end."""
        while not self.done:
            self.step()
        return self.result()

    def result(self) -> WalkResult:
        """The walk so far as a result (outcome "walking" if it has not ended); its trace is the
        rows kept (see ``keep``)."""
        return WalkResult(self.scenario, self.outcome or "walking", self.steps, [*self.trace, *self._tail])

    def endings(self) -> dict[str, int]:
        """1 for the way the walk ended (all 0 while it walks), by outcome name."""
        return self._swarm.outcome_counts()

    def records(self) -> dict[str, np.ndarray]:
        """The trace so far as arrays, one per TRACE_COLUMNS name (nan where a row has no value);
        a thinned walk's (``thin``) are the rows it kept, whose "step" says which."""
        return column_arrays(TRACE_COLUMNS, trace_rows(self.trace))


PICTURE_ROWS = 2000   # ``thin`` of a walk kept for a picture: every row up to 4,000 rows (game's trail
                      # draws its line through at most that many points), then about 2,000
THIN_HEAD = 16    # rows at the start a thinned trace keeps whole (the step table shows the first 5)
THIN_TAIL = 512   # rows at the end it keeps whole (a trail draws the latest 400 footprints)
THIN_MOVE = 4000  # a thinned trace's progress counts a step, and a move of 1/THIN_MOVE of the beach, as one
EXTREMES = ("x", "y", "loss")   # a thinned trace keeps the lowest and highest of these in each stretch


def thinned(trace: list, progress: list[float], rows: int,
            extremes: tuple[str, ...] = EXTREMES) -> list[int]:
    """Which of the rows of ``trace`` (longer than ``rows``) a picture needs, about ``rows`` of
    them in order: its first THIN_HEAD and last THIN_TAIL rows, and between them, per stretch of
    ``progress`` (steps plus distance walked: a stretch is short where the player moves far), the
    rows where the fields named ``extremes`` (x, y and the loss) are lowest and highest. A trail keeps its turns and reach, a loss
    chart its spikes. Stretches are whole multiples of a power of two, so that thinning a thinned
    trace again keeps the same rows' extremes."""
    middle = np.arange(THIN_HEAD, len(trace) - THIN_TAIL)
    at = np.asarray(progress)[middle]
    stretches = max(1, (rows - THIN_HEAD - THIN_TAIL) // (2 * len(extremes)) - 1)
    width = 2.0 ** math.ceil(math.log2(max(at[-1] - at[0], 1.0) / stretches))
    cut = np.floor(at / width)
    edges = [*np.flatnonzero(cut[1:] != cut[:-1]) + 1, len(middle)]
    picked: set[int] = set()
    for name in extremes:
        v = np.fromiter((getattr(trace[k], name) for k in middle), float, len(middle))
        low, high = np.where(np.isnan(v), np.inf, v), np.where(np.isnan(v), -np.inf, v)
        for a, b in zip([0, *edges[:-1]], edges):
            picked.update((a + int(np.argmin(low[a:b])), a + int(np.argmax(high[a:b]))))
    return [*range(THIN_HEAD), *(int(middle[k]) for k in sorted(picked)),
            *range(len(trace) - THIN_TAIL, len(trace))]


class Thinning:
    """Keeps one trace list to what a picture draws: every row up to 2 * ``rows`` rows, then,
    thinned in place (drawers know a trace by its list), about ``rows`` of them (see ``thinned``).
    Without a ``scenario`` its rows have no place (x, y): progress counts steps alone."""

    def __init__(self, rows: int, scenario: Scenario | None = None, extremes: tuple[str, ...] = EXTREMES):
        from sim import checks
        self.rows = checks.whole("thin (None: the whole trace)", rows, 1024, 2**62)
        self._extremes = extremes
        self._stride = None   # metres walked that count as a step
        if scenario is not None:
            xmin, xmax, ymin, ymax = scenario.bounds
            self._stride = max(xmax - xmin, ymax - ymin) / THIN_MOVE
        self._progress: list[float] = []   # per kept row: steps plus distance walked, in strides

    def add(self, trace: list, row: Any) -> None:
        """Append ``row`` to ``trace`` (the list this keeps), thinning it when it grows past 2 * rows."""
        if trace:   # a non-finite distance counts as none
            d = 0.0 if self._stride is None else math.hypot(row.x - trace[-1].x, row.y - trace[-1].y) / self._stride
            self._progress.append(self._progress[-1] + 1.0 + (d if math.isfinite(d) else 0.0))
        else:
            self._progress.append(0.0)
        trace.append(row)
        if len(trace) > 2 * self.rows:
            kept = thinned(trace, self._progress, self.rows, self._extremes)
            trace[:] = [trace[k] for k in kept]
            self._progress[:] = [self._progress[k] for k in kept]


STATE_COLUMNS = ("velocity_x", "velocity_y", "moment_x", "moment_y", "scale_x", "scale_y")
TRACE_COLUMNS = ("step", "x", "y", "loss", "grad_x", "grad_y", "distance", "step_lr", "heard_x", "heard_y",
                 *STATE_COLUMNS)
# A run's CSV and JSON rows: the trace, then the optimizer (name and "k=v k=v" hyperparameters).
RUN_COLUMNS = (*TRACE_COLUMNS, "optimizer", "hyperparameters")


def trace_rows(trace: list[StepRecord]) -> list[tuple]:
    """The trace as rows of TRACE_COLUMNS (None, a blank cell, where a row has no such value: step 0's
    step_lr, state columns of an optimizer without that state)."""
    return [(r.step, r.x, r.y, r.loss, r.grad_x, r.grad_y, r.distance, r.lr if r.step else None, r.heard_x, r.heard_y,
             *(r.state_value(c[:-2], 0 if c.endswith("_x") else 1) for c in STATE_COLUMNS)) for r in trace]


def optimizer_columns(scenario: Scenario) -> tuple[str, str]:
    """The optimizer's name and its hyperparameters as "k=v k=v", for table rows."""
    info = scenario.optimizer_info()
    return info["name"], " ".join(f"{k}={v:g}" for k, v in info["hyperparameters"].items())


def run_rows(result: WalkResult) -> list[tuple]:
    """A walk's trace as rows of RUN_COLUMNS."""
    named = optimizer_columns(result.scenario)
    return [(*row, *named) for row in trace_rows(result.trace)]
