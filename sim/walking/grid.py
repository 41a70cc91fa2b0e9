"""Hyperparameter maps: every pair of values of two settings, walked from the same starts, summarised per cell.

A map varies two of GRID_PARAMETERS (say lr and momentum) over a grid of cells; every cell walks
the same ``starts`` players (the scenario's start, or seeded starts spread over the sand, as a
sweep does) and is summarised by MEASURES: the share that hit, the median steps to a hit, the share
stuck, the share diverged, the median final loss.

Cells are cut into parts, fixed by the grid alone: runs of cells that differ only in lr and draw
no noise walk together in one Swarm (lr per player); a cell with noise walks alone, hearing its
noise from its own Generator, seeded by the scenario's seed and the cell's index in the map
(numpy's SeedSequence spawn key). So a map has the same bits on one process or many
(sim.walking.jobs): which process walks a part never changes what it computes.

Theory's edges, where known (map_theory): plain gd on a loss of curvature c converges iff
0 < lr·c < 2; heavy-ball momentum iff 0 ≤ μ < 1 and 0 < lr·c < 2(1 + μ).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from sim.beach.beaches import ending_places, place_codes
from sim.beach.scenario import Scenario, ScenarioError, check_scenario
from sim.reports.say import Say, english
from sim.walking.curvature import NO_EDGES, step_size_edges
from sim.walking.ground import GROUNDS, ground_kinds
from sim import checks
from sim.walking.jobs import jobs_for, run_parts
from sim.walking.optimizers import HYPERPARAMETER_DEFAULTS, HYPERPARAMETERS
from sim.walking.population import MAX_PLAYERS, check_players, spread_starts, starts_text
from sim.walking.racers import MAX_COUNT
from sim.walking.swarm import HIT, OUTCOME_CODES, OUTCOMES, PART_PLAYERS, Swarm, choose_engine

GRID_PARAMETERS = ("lr", "momentum", "beta1", "beta2", "rho", "noise", "decay", "warmup")
GRID_HELP = ("A=START:STOP:COUNT,B=START:STOP:COUNT over two of " + ", ".join(GRID_PARAMETERS)
             + " (COUNT values from START to STOP: log-spaced for lr, linear for the others), "
               "e.g. lr=0.01:3:20,momentum=0:0.9:10")
# What each cell is measured by: name -> what it means (the pictures' titles say it too).
MEASURES = {
    "hit_rate": "share of starts that hit",
    "median_steps": "median steps to a hit, among hits",
    "stuck_rate": "share of starts stuck (a step below tol: in a hollow, at a saddle, on flat ground...)",
    "diverged_rate": "share of starts diverged (blew up or ran into the sea)",
    "median_final_loss": "median final loss",
}


@dataclass(frozen=True)
class Axis:
    """One setting a map varies: its name (one of GRID_PARAMETERS) and its values, rising."""

    name: str
    values: tuple[float, ...]

    @property
    def log(self) -> bool:
        """Whether the values are log-spaced (lr)."""
        return self.name == "lr"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "values": list(self.values), "spacing": "log" if self.log else "linear"}


def _number(text: str, part: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text.strip()!r} in {part!r} is not a number; expected {GRID_HELP}") from None
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} in {part!r} must be a finite number")
    return value


def parse_axis(text: str) -> Axis:
    """One axis from "NAME=START:STOP:COUNT"; ValueError names the bad part."""
    _check_text(text)
    name, eq, rng = text.partition("=")
    name = name.strip()
    if not eq:
        raise ValueError(f"{text.strip()!r} is not NAME=START:STOP:COUNT; expected {GRID_HELP}")
    if name not in GRID_PARAMETERS:
        raise ValueError(f"unknown parameter {name!r} in {text.strip()!r} (choose from {', '.join(GRID_PARAMETERS)})")
    parts = rng.split(":")
    if len(parts) != 3:
        raise ValueError(f"{text.strip()!r} has a range of {len(parts)} parts; expected START:STOP:COUNT "
                         f"like {name}={'0.01:3:20' if name == 'lr' else '0:0.9:10'}")
    start, stop = _number(parts[0], text.strip()), _number(parts[1], text.strip())
    if not re.fullmatch(r"\s*\d+\s*", parts[2]) or not 2 <= int(parts[2]) <= MAX_COUNT:
        raise ValueError(f"COUNT {parts[2].strip()!r} in {text.strip()!r} must be a whole number from 2 to {MAX_COUNT:,}")
    if start == stop:
        raise ValueError(f"START and STOP are both {start:g} in {text.strip()!r}: a map needs two different values")
    count = int(parts[2])
    if name == "lr":
        if start <= 0 or stop <= 0:
            raise ValueError(f"lr range {text.strip()!r} must be positive (it is log-spaced)")
        values = np.geomspace(min(start, stop), max(start, stop), count)
    else:
        values = np.linspace(min(start, stop), max(start, stop), count)
    if name == "warmup":
        if not np.allclose(values, np.round(values), rtol=0, atol=1e-9):
            raise ValueError(f"warmup is a whole number of updates, but {text.strip()!r} gives "
                             f"{', '.join(f'{v:g}' for v in values[:4])}...: choose COUNT so the steps are whole")
        values = np.round(values)
    if np.unique(values).size != count:
        raise ValueError(f"{text.strip()!r} gives repeated values; choose a wider range or fewer values")
    return Axis(name, tuple(float(v) for v in values))


def _check_text(text: Any) -> None:
    """TypeError unless ``text`` is a str (a grid is written as on the command line)."""
    if not isinstance(text, str):
        raise TypeError(f"a grid is a str like 'lr=0.01:3:20,momentum=0:0.9:10', got {type(text).__name__}")


def parse_grid(text: str) -> tuple[Axis, Axis]:
    """The two axes of "A=START:STOP:COUNT,B=START:STOP:COUNT"; ValueError names the bad part."""
    _check_text(text)
    pieces = [p for p in text.split(",")]
    if len(pieces) != 2 or not all(p.strip() for p in pieces):
        raise ValueError(f"{text.strip()!r} does not name two parameters; expected {GRID_HELP}")
    a, b = (parse_axis(p) for p in pieces)
    if a.name == b.name:
        raise ValueError(f"{a.name} is given twice in {text.strip()!r}; a map varies two different parameters")
    return a, b


def _setting(name: str, value: float) -> dict[str, Any]:
    return {name: int(value) if name == "warmup" else value}


def check_map(scenario: Scenario, axes: tuple[Axis, Axis], starts: Any) -> int:
    """ValueError unless the scenario's walker uses both parameters and takes every value of them,
    and cells × starts players fit; returns the number of starts. TypeError for a scenario that is
    not a Scenario."""
    check_scenario(scenario)
    if len(axes) != 2 or not all(isinstance(a, Axis) for a in axes) or axes[0].name == axes[1].name:
        raise ValueError(f"a map needs two Axis of different parameters; expected {GRID_HELP}")
    for axis in axes:
        if axis.name not in GRID_PARAMETERS or len(axis.values) < 2:
            raise ValueError(f"axis {axis.name!r} must be one of {', '.join(GRID_PARAMETERS)} with two or more values")
        if axis.name in HYPERPARAMETER_DEFAULTS and axis.name not in HYPERPARAMETERS[scenario.optimizer]:
            users = [o for o, hp in HYPERPARAMETERS.items() if axis.name in hp]
            raise ValueError(f"optimizer {scenario.optimizer} does not take {axis.name} "
                             f"(it is a hyperparameter of {', '.join(users)})")
        if axis.name == "decay" and scenario.schedule not in ("step", "exp"):
            raise ValueError(f"decay changes nothing under the {scenario.schedule} schedule "
                             f"(it is the step and exp schedules' factor)")
        for v in (axis.values[0], axis.values[-1]):
            try:
                scenario.replace(**_setting(axis.name, v))
            except ScenarioError as err:
                raise ValueError(f"{axis.name} {v:g} is out of range: {err}") from None
    n = check_players(starts, "starts", 1)
    cells = len(axes[0].values) * len(axes[1].values)
    if cells * n > MAX_PLAYERS:
        raise ValueError(f"{cells:,} cells x {n:,} starts = {cells * n:,} players; at most {MAX_PLAYERS:,} fit in one map")
    return n


@dataclass(frozen=True)
class MapCell:
    """One cell's summary over all its starts."""

    a: float                         # the first axis's value
    b: float                         # the second axis's value
    players: int
    outcomes: dict[str, int]         # players per outcome (OUTCOMES)
    median_steps: float | None       # median updates to a hit, among hits (None without hits)
    median_final_loss: float         # over all starts (a blown-up loss counts as +inf)
    grounds: dict[str, int]          # stuck players per ground they stopped on (sim.walking.ground.GROUNDS)
    ended_at: dict[str, int] | None  # on a beach with several listed points: players per place, else None

    def share(self, outcome: str) -> float:
        """The share of the cell's players that ended with ``outcome``."""
        return self.outcomes[outcome] / self.players

    def measure(self, name: str) -> float:
        """The value of one of MEASURES (nan for a median of nothing)."""
        if name == "median_steps":
            return math.nan if self.median_steps is None else self.median_steps
        if name == "median_final_loss":
            return self.median_final_loss
        return self.share(name[:-len("_rate")])


NO_MAP_EDGE = {   # why a map has no theory edge, by code (besides the loss's own reasons, NO_EDGES)
    "optimizer": "it is known for gd and heavy-ball momentum, not {optimizer}",
    "decays": "the step size decays (the edges are for a constant lr)",
    "axes": "it is drawn on maps of lr or momentum",
}
EDGE_RULES = {"gd": "gd converges iff 0 < lr·c < 2",
              "momentum": "heavy-ball momentum converges iff 0 ≤ μ < 1 and 0 < lr·c < 2(1 + μ)"}


@dataclass(frozen=True)
class MapTheory:
    """Where theory puts the edge of convergence on a map, or why it has none.

    ``edge`` lists (a, b) points of the edge in the map's two parameters (a line to draw: empty
    when there is none, and ``missing``, a key of NO_MAP_EDGE or NO_EDGES, says why);
    ``converges(lr, momentum)`` is theory's verdict where there is an edge.
    """

    curvature: float | None
    optimizer: str
    edge: tuple[tuple[float, float], ...]
    missing: str | None = None

    def converges(self, lr: float, momentum: float = 0.0) -> bool | None:
        """Whether theory says a walk with this lr (and μ, for momentum) converges; None without theory."""
        if not self.edge or self.curvature is None:
            return None
        mu = momentum if self.optimizer == "momentum" else 0.0
        return 0 <= mu < 1 and 0 < lr * self.curvature < 2 * (1 + mu)

    def note_in(self, say: Say = english) -> str:
        """Theory's rule on this map, or why it has none, in the language of ``say``."""
        if self.missing is not None:
            why = NO_MAP_EDGE.get(self.missing) or NO_EDGES[self.missing]
            return say("no theory edge: {why}", why=say(why, optimizer=self.optimizer))
        return say("theory: curvature c = {c:g} at the watermelon; {rule}", c=self.curvature,
                   rule=say(EDGE_RULES[self.optimizer]))

    @property
    def note(self) -> str:
        """``note_in`` English: what JSON writes."""
        return self.note_in()

    def to_dict(self) -> dict[str, Any]:
        return {"curvature": self.curvature, "optimizer": self.optimizer,
                "edge": [list(p) for p in self.edge], "note": self.note}


EDGE_POINTS = 101   # points along a curved edge


def map_theory(scenario: Scenario, axes: tuple[Axis, Axis]) -> MapTheory:
    """Theory's edge on a map of ``axes``: for plain gd and heavy-ball momentum, with a constant lr
    (after any warmup), on a loss with a curvature at the watermelon (sim.walking.curvature)."""
    edges = step_size_edges(scenario)
    c = edges.curvature
    names = [a.name for a in axes]
    if c is None:
        missing = edges.missing
    elif scenario.optimizer not in EDGE_RULES:
        missing = "optimizer"
    elif "decay" in names or scenario.schedule not in ("constant",) and not (
            scenario.schedule in ("step", "exp") and scenario.decay == 1):
        missing = "decays"
    elif "lr" not in names and "momentum" not in names:
        missing = "axes"
    else:
        missing = None
    if missing is not None:
        return MapTheory(c, scenario.optimizer, (), missing)
    varied = "lr" if "lr" in names else "momentum"   # the edge is a value of it along the other axis
    other = axes[1 - names.index(varied)]
    ys = np.linspace(other.values[0], other.values[-1], EDGE_POINTS if other.name == "momentum" else 2)
    mu = scenario.momentum if scenario.optimizer == "momentum" else 0.0
    if varied == "lr":
        points = [(2 * (1 + (y if other.name == "momentum" else mu)) / c, float(y)) for y in ys]
    else:
        points = [(scenario.lr * c / 2 - 1, float(y)) for y in ys]
    if names.index(varied) == 1:
        points = [(y, x) for x, y in points]
    return MapTheory(c, scenario.optimizer, tuple(points))


def _blank_nan(v: float) -> float | None:
    return None if math.isnan(v) else v


@dataclass(frozen=True)
class HyperparameterMap:
    """A whole map: the scenario, the two axes, the starts, one cell per pair of values and theory's edge.

    ``cells`` run over the first axis fastest: cell (i, j) (i along a, j along b) is cells[j·len(a) + i].
    """

    scenario: Scenario
    axes: tuple[Axis, Axis]
    starts: int
    cells: list[MapCell]
    theory: MapTheory

    @property
    def places(self) -> tuple[str, ...]:
        """Where cells count their players' endings (sim.beach.beaches.ending_places); () on a plain beach."""
        return ending_places(self.scenario.loss)

    def grid(self, measure: str) -> np.ndarray:
        """One of MEASURES as a (len(b), len(a)) array: row j is the second axis's j-th value."""
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r} (choose from {', '.join(MEASURES)})")
        a, b = (len(axis.values) for axis in self.axes)
        return np.array([cell.measure(measure) for cell in self.cells], dtype=float).reshape(b, a)

    def columns(self) -> tuple[str, ...]:
        """The CSV columns: the two parameters, the measures, players per outcome, stuck players per
        ground, then players per place."""
        return (self.axes[0].name, self.axes[1].name, "players", *MEASURES, *OUTCOMES,
                *(f"stuck_{g}" for g in GROUNDS), *(f"at_{p}" for p in self.places))

    def rows(self) -> list[tuple]:
        """One row per cell, in the order of ``columns()``."""
        return [(c.a, c.b, c.players, *(_blank_nan(c.measure(m)) for m in MEASURES),
                 *(c.outcomes[o] for o in OUTCOMES), *(c.grounds[g] for g in GROUNDS), *(c.ended_at or {}).values())
                for c in self.cells]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: the axes, one row per cell, theory's edge, the measures and the settings
        (the optimizer's hyperparameters but those the axes vary, as walker_text names them)."""
        optimizer = self.scenario.optimizer_info()
        optimizer["hyperparameters"] = {k: v for k, v in optimizer["hyperparameters"].items()
                                        if k not in {a.name for a in self.axes}}
        out = {"axes": [a.to_dict() for a in self.axes], "starts": self.starts,
               "rows": [dict(zip(self.columns(), row)) for row in self.rows()],
               "measures": dict(MEASURES), "theory": self.theory.to_dict(),
               "optimizer": optimizer, "scenario": self.scenario.to_dict()}
        if self.places:
            out["places"] = list(self.places)
        return out


@dataclass(frozen=True)
class _Part:
    """Cells that walk together: the scenario they share (every setting but lr), and per cell its
    index and lr; the starts."""

    scenario: Scenario
    cells: tuple[tuple[int, float], ...]
    x0: np.ndarray
    y0: np.ndarray
    engine: str


def _parts(scenario: Scenario, axes: tuple[Axis, Axis], x0: np.ndarray, y0: np.ndarray,
           engine: str) -> list[_Part]:
    """The map's cells cut into parts (by the grid alone, never by the number of jobs): runs of
    cells that differ only in lr, at most about PART_PLAYERS[engine] players each; a cell with noise
    alone (its noise comes from its own seed). Each walks by ``engine``."""
    per_part = max(1, PART_PLAYERS[engine] // x0.size)
    parts: list[_Part] = []
    index = 0
    for b in axes[1].values:
        for a in axes[0].values:
            setting = cell_setting(axes, a, b)
            lr = setting.pop("lr", scenario.lr)
            shared = scenario.replace(**setting) if setting else scenario
            if not parts or shared.noise or parts[-1].scenario != shared or len(parts[-1].cells) >= per_part:
                parts.append(_Part(shared, (), x0, y0, engine))
            parts[-1] = _Part(shared, parts[-1].cells + ((index, lr),), x0, y0, engine)
            index += 1
    return parts


def cell_rng(scenario: Scenario, index: int) -> np.random.Generator | None:
    """The noise of cell ``index`` of a map (None without noise): seeded by the scenario's seed
    and the cell's index, whichever process walks it."""
    return np.random.default_rng(np.random.SeedSequence(scenario.seed, spawn_key=(index,))) if scenario.noise else None


def _walk_part(part: _Part) -> list[tuple]:
    """Walk one part's cells; per cell (outcome counts, median steps, median final loss, stuck players
    per ground, place counts)."""
    s, cells, n = part.scenario, part.cells, part.x0.size
    rng = cell_rng(s, cells[0][0])
    swarm = Swarm(s, np.tile(part.x0, len(cells)), np.tile(part.y0, len(cells)),
                  lr=np.repeat([lr for _, lr in cells], n), rng=rng)
    swarm.run(engine=part.engine)
    shape = (len(cells), n)
    outcome, steps, loss = (a.reshape(shape) for a in (swarm.outcome, swarm.steps, swarm.loss))
    stuck = outcome == OUTCOME_CODES["stuck"]
    grounds = np.full(shape, "", dtype=object)
    grounds[stuck] = ground_kinds(s, swarm.x.reshape(shape)[stuck], swarm.y.reshape(shape)[stuck])
    places = ending_places(s.loss)
    if places:
        at = place_codes(s.loss, s.target, swarm.x, swarm.y, swarm.outcome == HIT).reshape(shape)
    out = []
    for k in range(len(cells)):
        hits = outcome[k] == HIT
        with np.errstate(invalid="ignore"):
            final = float(np.median(np.where(np.isnan(loss[k]), np.inf, loss[k])))
        out.append(({name: int(np.count_nonzero(outcome[k] == OUTCOME_CODES[name])) for name in OUTCOMES},
                    float(np.median(steps[k][hits])) if hits.any() else None, final,
                    {g: int(np.count_nonzero(grounds[k] == g)) for g in GROUNDS},
                    dict(zip(places, map(int, np.bincount(at[k], minlength=len(places))))) if places else None))
    return out


def map_starts(scenario: Scenario, starts: int) -> tuple[np.ndarray, np.ndarray]:
    """Where every cell's players start (x, y in metres): the scenario's start for one, else
    ``starts`` spread over the sand, seeded by the scenario."""
    if starts == 1:
        return np.array([scenario.start[0]]), np.array([scenario.start[1]])
    return spread_starts(scenario, starts, scenario.rng())


def cell_setting(axes: tuple[Axis, Axis], a: float, b: float) -> dict[str, Any]:
    """The scenario's changes that make a cell: its two values by name (warmup a whole number)."""
    return {**_setting(axes[0].name, a), **_setting(axes[1].name, b)}


def hyperparameter_map(scenario: Scenario, axes: tuple[Axis, Axis], starts: int = 1, jobs: int | None = 1,
                       on_cells: Callable[[int, int], None] | None = None, engine: str = "auto") -> HyperparameterMap:
    """Walk ``starts`` players in every cell of the map of ``axes`` (see parse_grid) and summarise.

    starts == 1 uses the scenario's start; more are spread over the sand (seeded by the scenario),
    the same in every cell. ``jobs`` processes share the work (None: every core where it pays for
    starting workers, sim.walking.jobs.jobs_for), each part by
    ``engine`` (sim.walking.swarm.choose_engine for the whole map's work: "auto" walks fused where
    it pays); the result has the same bits for any jobs and engine. ``on_cells(done, total)`` is
    called as cells finish (a progress line).
    """
    n = check_map(scenario, axes, starts)
    total = len(axes[0].values) * len(axes[1].values)
    work = total * n * scenario.max_steps   # agent-steps at most
    jobs = jobs_for(jobs, work)
    checks.callback("on_cells", on_cells)
    x0, y0 = map_starts(scenario, n)
    chosen = choose_engine(scenario, scenario.optimizer, work, engine, jobs)
    parts = _parts(scenario, axes, x0, y0, chosen)
    done = 0

    def answered(i: int) -> None:
        nonlocal done
        done += len(parts[i].cells)
        if on_cells is not None:
            on_cells(done, total)
    preload = ("sim.walking.fused_loaded",) if chosen == "fused" else ()
    answers = [cell for part in run_parts(_walk_part, parts, jobs, answered, preload) for cell in part]
    values = [(a, b) for b in axes[1].values for a in axes[0].values]
    cells = [MapCell(a, b, n, *answer) for (a, b), answer in zip(values, answers)]
    return HyperparameterMap(scenario, axes, n, cells, map_theory(scenario, axes))


def walker_text(result: HyperparameterMap, say: Say = english) -> str:
    """How the map's players walk, leaving out what its axes vary: "optimizer momentum, schedule step",
    in the language of ``say``."""
    s, varied = result.scenario, {a.name for a in result.axes}
    hyper = ", ".join(f"{k}={v:g}" for k, v in s.optimizer_info()["hyperparameters"].items() if k not in varied)
    parts = [say("optimizer {name}", name=s.optimizer + (f"({hyper})" if hyper else ""))]
    schedule = s.lr_schedule
    if varied & {"decay", "warmup"}:
        parts.append(say("schedule {schedule}", schedule=schedule.name))
    elif not schedule.constant:
        parts.append(say("schedule {schedule}", schedule=schedule.describe()))
    if s.noise and "noise" not in varied:
        parts.append(say("noise {noise:g} m", noise=s.noise))
    return say.join(parts)


def map_table(result: HyperparameterMap, measure: str = "hit_rate", say: Say = english) -> str:
    """A readable report: the settings, theory's note, and one measure as a table (rows: the second
    axis), in the language of ``say``."""
    s = result.scenario
    a, b = result.axes
    lines = [say("map of {a} x {b} on {name}: loss {loss}, {where}, {cells:,} cells, max steps {steps}, seed {seed}",
                 a=a.name, b=b.name, name=s.name, loss=s.loss_text, where=starts_text(result.starts, say),
                 cells=len(result.cells), steps=s.max_steps, seed=s.seed),
             walker_text(result, say), result.theory.note_in(say),
             "", say("{measure} ({b} down, {a} across):", measure=say(MEASURES[measure]), a=a.name, b=b.name),
             f"{b.name:>9} " + "".join(f"{v:>8.3g}" for v in a.values)]
    grid = result.grid(measure)
    spec = ".0%" if measure.endswith("_rate") else ".3g"
    for j, v in enumerate(b.values):
        lines.append(f"{v:>9.3g} " + "".join(f"{'-' if math.isnan(x) else format(x, spec):>8}" for x in grid[j]))
    return "\n".join(lines)
