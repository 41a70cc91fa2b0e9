"""Step-size sweeps: every step size times every start, walked at once, summarised per step size.

The players of many step sizes walk together in a Swarm (one lr per player), the sweep cut into
such parts that processes may share (see sweep); only summaries are kept, never every step. Each player's walk falls into a regime (REGIMES), and each step size is labelled
with its players' most common regime; theory's edges (sim.walking.curvature) say where they should change.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import numpy as np

from sim.beach.beaches import ENDED_NEAR, ending_places, place_codes
from sim.reports.columns import Column, line, widths
from sim.reports.say import Say, english
from sim.walking.curvature import StepSizeEdges, step_size_edges
from sim.walking.population import MAX_PLAYERS, check_players, spread_starts, starts_text
from sim.walking.racers import LRS_HELP, MAX_COUNT, parse_lrs
from sim.beach.scenario import Scenario, check_scenario
from sim.walking.optimizers import Mixed
from sim.walking.ground import GROUNDS, ground_kinds
from sim import checks
from sim.walking.jobs import jobs_for, run_parts
from sim.walking.swarm import (DIVERGED, HIT, MAX_STEPS, OUTCOME_CODES, OUTCOMES, PART_PLAYERS, STUCK, Swarm,
                               choose_engine)

REGIMES = ("too-small", "monotone", "oscillating", "cycling", "diverging", "stuck")
TOO_SMALL, MONOTONE, OSCILLATING, CYCLING, DIVERGING, STUCK_SHORT = range(6)
REGIME_HELP = {
    "too-small": "ran out of steps, still walking straight in",
    "monotone": "walked straight in without overshooting",
    "oscillating": "overshot back and forth but closed in",
    "cycling": "swung back and forth between the same two places to the last step (a 2-cycle: "
               "neither closing in nor flying off, as theory says of lr = 2/c)",
    "diverging": "swung ever wider, or ran into the sea",
    "stuck": "stopped short of the watermelon (the step fell below tol): in a hollow, at a saddle, "
             "on flat ground or on a slope too gentle for lr (the grounds count which)",
}
CYCLE = 1e-9         # a last step pair that returns within this share of the distance closes a 2-cycle
ARRIVED = 1e-3       # ending within this share of the starting distance counts as arriving
SWEEP_COLUMNS = ("optimizer", "hyperparameters", "lr", "regime", "hit_rate", "median_steps", "median_final_loss", "median_final_distance",
                 *OUTCOMES, *(f"regime_{r}" for r in REGIMES), *(f"stuck_{g}" for g in GROUNDS))

ENDED_AT_TEMPLATE = ("at PLACE: players that hit the watermelon, or ended in a hollow or a decoy's hollow, or "
                     "within {near:g} m of the saddle or the watermelon without hitting; elsewhere: the rest "
                     "(in the sea, or on open sand, walking or stopped)")
ENDED_AT_HELP = ENDED_AT_TEMPLATE.removeprefix("at PLACE: ").format(near=ENDED_NEAR)


def check_sweep_size(n_lrs: int, starts: Any, what: str = "starts") -> int:
    """``starts`` if it is a whole number >= 1 and n_lrs x starts players fit; else ValueError."""
    n = check_players(starts, what, 1)
    if n_lrs * n > MAX_PLAYERS:
        raise ValueError(f"{n_lrs} step sizes x {n:,} starts = {n_lrs * n:,} players; "
                         f"at most {MAX_PLAYERS:,} fit in one sweep")
    return n


def player_regimes(outcome: np.ndarray, overshot: np.ndarray, receded: np.ndarray,
                   start_distance: np.ndarray, end_distance: np.ndarray,
                   cycled: np.ndarray | None = None) -> np.ndarray:
    """Each player's regime code (an index into REGIMES) from how its walk ended.

    diverging: ran into the sea or blew up with swings that grew, or ended farther than it
    started; cycling: overshot and still walking at the last step, back where it stood two steps
    before (``cycled``); oscillating: overshot (also into the sea, when every swing was shorter);
    monotone: hit, or came within ARRIVED of its start distance, without overshooting;
    stuck: stuck short of the watermelon; too-small: ran out of steps walking straight in.
    """
    hit = outcome == HIT
    with np.errstate(invalid="ignore"):
        farther = ~hit & ~(end_distance <= start_distance)   # NaN distances count as farther
        arrived = hit | (end_distance <= ARRIVED * start_distance)
    codes = np.full(outcome.shape, TOO_SMALL, dtype=np.int8)
    codes[outcome == STUCK] = STUCK_SHORT
    codes[arrived] = MONOTONE
    codes[overshot] = OSCILLATING
    codes[farther | ((outcome == DIVERGED) & (receded | ~overshot))] = DIVERGING
    if cycled is not None:   # a 2-cycle may end a rounding error farther than it began
        codes[overshot & cycled & (outcome == MAX_STEPS)] = CYCLING
    return codes


@dataclass(frozen=True)
class SweepRow:
    """One step size's summary over all its starts (of one optimizer)."""

    lr: float
    players: int
    hit_rate: float                  # share of starts that hit
    median_steps: float | None       # median updates to a hit, among hits (None without hits)
    median_final_loss: float         # over all starts (a blown-up loss counts as +inf)
    median_final_distance: float     # metres, over all starts
    outcomes: dict[str, int]         # players per outcome
    regime: str                      # the most common regime
    regimes: dict[str, int]          # players per regime
    grounds: dict[str, int] = field(default_factory=dict)   # stuck players per ground (sim.walking.ground)
    ended_at: dict[str, int] | None = None   # on a beach with several listed points: players per place
                                             # (sim.beach.beaches.ending_places), else None
    optimizer: str = "gd"
    hyperparameters: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields (non-finite numbers are left for json_safe to null)."""
        out = {"optimizer": self.optimizer, "hyperparameters": dict(self.hyperparameters),
               "lr": self.lr, "regime": self.regime, "hit_rate": self.hit_rate,
               "median_steps": self.median_steps, "median_final_loss": self.median_final_loss,
               "median_final_distance": self.median_final_distance, "players": self.players,
               "outcomes": dict(self.outcomes), "regimes": dict(self.regimes), "stuck_on": dict(self.grounds)}
        if self.ended_at is not None:
            out["ended_at"] = dict(self.ended_at)
        return out

    def values(self) -> tuple:
        """The row in the order of its result's ``columns()``."""
        hyper = " ".join(f"{k}={v:g}" for k, v in self.hyperparameters.items())
        return (self.optimizer, hyper, self.lr, self.regime, self.hit_rate, self.median_steps, self.median_final_loss,
                self.median_final_distance, *(self.outcomes[o] for o in OUTCOMES),
                *(self.regimes[r] for r in REGIMES), *(self.grounds[g] for g in GROUNDS), *(self.ended_at or {}).values())


@dataclass(frozen=True)
class SweepResult:
    """A whole sweep: the scenario, the starts, one row per step size and theory's edges."""

    scenario: Scenario
    starts: int
    rows: list[SweepRow]
    edges: StepSizeEdges

    @property
    def places(self) -> tuple[str, ...]:
        """Where the rows count their players' endings (sim.beach.beaches.ending_places); () on a plain beach."""
        return ending_places(self.scenario.loss)

    def columns(self) -> tuple[str, ...]:
        """The CSV columns: SWEEP_COLUMNS, then on a beach with several listed points one
        ``at_PLACE`` column per place."""
        return SWEEP_COLUMNS + tuple(f"at_{p}" for p in self.places)

    @property
    def optimizers(self) -> list[str]:
        """The optimizers swept, in the order of the rows."""
        return list(dict.fromkeys(r.optimizer for r in self.rows))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: rows, theory edges, and the settings that produced them."""
        out = {"rows": [r.to_dict() for r in self.rows], "theory": self.edges.to_dict(),
               "starts": self.starts, "lrs": sorted({r.lr for r in self.rows}), "optimizers": self.optimizers,
               "regimes": dict(REGIME_HELP), "scenario": self.scenario.to_dict()}
        if self.places:
            out["ended_at"] = {"places": list(self.places), "meaning": ENDED_AT_HELP}
        return out


def _median(values: np.ndarray) -> float:
    with np.errstate(invalid="ignore"):
        return float(np.median(np.where(np.isnan(values), np.inf, values)))




@dataclass(frozen=True)
class _Part:
    """Step sizes of one optimizer that walk together in one Swarm from the same starts, by
    ``engine``, keeping every player's place after ``place_after`` updates."""

    scenario: Scenario
    lrs: tuple[float, ...]
    x0: np.ndarray
    y0: np.ndarray
    engine: str
    place_after: int | None


@dataclass(frozen=True)
class _Walked:
    """What the rows are made of: per player where it ended, its flags, loss, steps and outcome,
    and where it stood two steps before the last (None when no player got that far)."""

    scenario: Scenario
    x: np.ndarray
    y: np.ndarray
    outcome: np.ndarray
    overshot: np.ndarray
    receded: np.ndarray
    loss: np.ndarray
    steps: np.ndarray
    before: np.ndarray | None

    @classmethod
    def of(cls, swarm: Swarm, before: np.ndarray | None) -> _Walked:
        return cls(swarm.scenario, swarm.x, swarm.y, swarm.outcome, swarm.overshot, swarm.receded, swarm.loss,
                   swarm.steps, before)


def _walk_part(part: _Part) -> _Walked:
    n = part.x0.size
    swarm = Swarm(part.scenario, np.tile(part.x0, len(part.lrs)), np.tile(part.y0, len(part.lrs)),
                  lr=np.repeat(np.array(part.lrs), n))
    swarm.run(engine=part.engine, place_after=part.place_after)
    return _Walked.of(swarm, swarm.places)


def sweep(scenario: Scenario, lrs: Sequence[float], starts: int = 1,
          on_players: Callable[[int, int], None] | None = None, optimizers: Sequence[str] | None = None,
          jobs: int | None = 1, engine: str = "auto") -> SweepResult:
    """Walk ``starts`` players for every optimizer and step size in ``lrs`` and summarise.

    starts == 1 uses the scenario's start; more are spread over the sand (``spread_starts``,
    seeded by the scenario); every optimizer and step size walks from the same starts. Step sizes
    are sorted, each kept once; ``optimizers`` (names, default the scenario's) in the order given,
    each once. Rows run over the step sizes of the first optimizer, then the next.

    Without noise the step sizes walk in parts (runs of step sizes of one optimizer, about
    PART_PLAYERS players each), shared by ``jobs`` processes (None: every core where the work
    pays for starting workers, sim.walking.jobs.jobs_for), each part
    by ``engine`` (sim.walking.swarm.choose_engine for the whole sweep's work: "auto" walks fused
    where it pays); players walk alone, so the result has the same bits for any jobs and engine.
    With noise, whose draws are shared by every player step by step, all walk in one Swarm in
    this process. ``on_players(stopped, players)`` is called as players stop (a progress line).
    """
    check_scenario(scenario)
    unique: set[float] = set()
    for v in checks.sequence("lrs", lrs, "[0.01, 0.1, 1.9] (sim.parse_lrs reads '0.001:3:25')"):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) \
                or not (math.isfinite(v) and v > 0):
            raise ValueError(f"step size {v!r} must be a positive finite number")
        unique.add(float(v))
    if not unique:
        raise ValueError(f"a sweep needs at least one step size; expected {LRS_HELP}")
    given = [] if optimizers is None else checks.sequence("optimizers", optimizers, "['gd', 'adam']")
    names = list(dict.fromkeys(given or [scenario.optimizer]))
    for name in names:
        scenario.replace(optimizer=name)   # validates the name
    checks.callback("on_players", on_players)
    values = sorted(unique)
    n = check_sweep_size(len(values) * len(names), starts)
    work = len(values) * len(names) * n * scenario.max_steps   # agent-steps at most
    jobs = jobs_for(jobs, work)
    rng = scenario.rng()
    if n == 1:
        x0, y0 = np.array([scenario.start[0]]), np.array([scenario.start[1]])
    else:
        x0, y0 = spread_starts(scenario, n, rng)
    per_optimizer = len(values) * n
    players = per_optimizer * len(names)
    # Where each player stood two steps before the last: a 2-cycle's test (_cycled).
    place_after = scenario.max_steps - 2 if scenario.max_steps > 2 else None
    if scenario.noise:
        walked = _walk_noisy(scenario, names, values, x0, y0, rng, place_after, on_players)
    else:
        engines = {name: choose_engine(scenario, name, work, engine, jobs) for name in names}
        parts = []
        for name in names:
            count = -(-len(values) * n // PART_PLAYERS[engines[name]])
            rows = -(-len(values) // count)   # parts alike in size
            parts += [_Part(scenario.replace(optimizer=name), tuple(values[i:i + rows]), x0, y0, engines[name],
                            place_after) for i in range(0, len(values), rows)]
        done = 0

        def answered(i: int) -> None:
            nonlocal done
            done += len(parts[i].lrs) * n
            if on_players is not None:
                on_players(done, players)
        preload = ("sim.walking.fused_loaded",) if "fused" in engines.values() else ()
        walked = _joined(scenario, run_parts(_walk_part, parts, jobs, answered, preload))
    cycled = _cycled(walked)
    rows = []
    for j, name in enumerate(names):
        part = slice(j * per_optimizer, (j + 1) * per_optimizer)
        rows += _rows(scenario.optimizer_info(name), values, n, x0, y0, walked, part, cycled)
    return SweepResult(scenario, n, rows, step_size_edges(scenario))


def _walk_noisy(scenario: Scenario, names: list[str], values: list[float], x0: np.ndarray, y0: np.ndarray,
                rng: np.random.Generator, place_after: int | None,
                on_players: Callable[[int, int], None] | None) -> _Walked:
    """Every optimizer and step size in one Swarm: the noise's draws run over all its players."""
    n = x0.size
    if len(names) == 1:
        optimizer = scenario.make_optimizer(names[0])
    else:
        optimizer = Mixed([scenario.make_optimizer(name) for name in names], np.repeat(np.arange(len(names)), len(values) * n))
    lr = np.tile(np.repeat(np.array(values), n), len(names))
    count = len(values) * len(names)
    swarm = Swarm(scenario, np.tile(x0, count), np.tile(y0, count), lr=lr, optimizer=optimizer, rng=rng)
    swarm.run(None if on_players is None else lambda s: on_players(s.n - s.walking, s.n), place_after=place_after)
    return _Walked.of(swarm, swarm.places)


def _joined(scenario: Scenario, parts: list[_Walked]) -> _Walked:
    """The parts' players one after another."""
    before = None if parts[0].before is None else np.concatenate([p.before for p in parts], axis=1)
    return _Walked(scenario, *(np.concatenate([getattr(p, name) for p in parts])
                               for name in ("x", "y", "outcome", "overshot", "receded", "loss", "steps")), before)


def _cycled(walked: _Walked) -> np.ndarray:
    """Which players stand, after the last step, where they stood two steps before (within
    CYCLE of their distance from the watermelon): a 2-cycle."""
    if walked.before is None:
        return np.zeros(walked.x.shape, bool)
    tx, ty = walked.scenario.target
    with np.errstate(all="ignore"):
        moved = np.hypot(walked.x - walked.before[0], walked.y - walked.before[1])
        return moved <= CYCLE * np.hypot(walked.x - tx, walked.y - ty)


def _rows(info: dict[str, Any], values: list[float], n: int, x0: np.ndarray, y0: np.ndarray,
          swarm: _Walked, part: slice, cycled: np.ndarray) -> list[SweepRow]:
    """One optimizer's rows, from its players ``part`` of the walk (n per step size)."""
    scenario = swarm.scenario

    tx, ty = scenario.target
    d0 = np.hypot(x0 - tx, y0 - ty)
    shape = (len(values), n)
    with np.errstate(all="ignore"):
        d_end = np.hypot(swarm.x[part] - tx, swarm.y[part] - ty).reshape(shape)
    outcome = swarm.outcome[part].reshape(shape)
    codes = player_regimes(outcome, swarm.overshot[part].reshape(shape),
                           swarm.receded[part].reshape(shape), d0, d_end, cycled[part].reshape(shape))
    stuck = outcome == STUCK
    grounds = np.full(shape, "", dtype=object)
    grounds[stuck] = ground_kinds(scenario, swarm.x[part].reshape(shape)[stuck], swarm.y[part].reshape(shape)[stuck])
    loss = swarm.loss[part].reshape(shape)
    steps = swarm.steps[part].reshape(shape)
    places = ending_places(scenario.loss)
    if places:
        codes_at = place_codes(scenario.loss, scenario.target, swarm.x[part], swarm.y[part],
                               swarm.outcome[part] == HIT).reshape(shape)
    rows = []
    for i, v in enumerate(values):
        hits = outcome[i] == HIT
        counts = np.bincount(codes[i], minlength=len(REGIMES))
        rows.append(SweepRow(
            lr=v, players=n, hit_rate=float(np.mean(hits)),
            median_steps=float(np.median(steps[i][hits])) if hits.any() else None,
            median_final_loss=_median(loss[i]), median_final_distance=_median(d_end[i]),
            outcomes={name: int(np.count_nonzero(outcome[i] == OUTCOME_CODES[name])) for name in OUTCOMES},
            regime=REGIMES[int(np.argmax(counts))],
            regimes={name: int(c) for name, c in zip(REGIMES, counts)},
            grounds={g: int(np.count_nonzero(grounds[i] == g)) for g in GROUNDS},
            ended_at=dict(zip(places, map(int, np.bincount(codes_at[i], minlength=len(places))))) if places else None,
            optimizer=info["name"], hyperparameters=info["hyperparameters"]))
    return rows


def _fmt(v: float | None, spec: str) -> str:
    return "-" if v is None or not math.isfinite(v) else format(v, spec)


SWEEP_TABLE = (Column("lr", 9, gap=0), Column("regime", 11, "<"), Column("hit rate", 8), Column("med steps", 9),
               Column("med loss", 10), Column("med dist", 9), *(Column(o, w, gap=1 if o != "hit" else 2)
                                                                for o, w in zip(OUTCOMES, (6, 6, 8, 9))))
"""The sweep table's columns (then one per place, PLACE_COLUMN)."""
PLACE_COLUMN = Column("", 13, gap=1)
EDGE_LABELS = {"one_step_lr": "---- theory: lr = {lr:g}, one-step hit ----",
               "diverge_lr": "---- theory: lr = {lr:g}, divergence edge ----"}


def _cells(r: SweepRow, say: Say) -> list[str]:
    o = r.outcomes
    return [f"{r.lr:.4g}", say.word("regime", r.regime), f"{r.hit_rate:.1%}", _fmt(r.median_steps, ".1f"),
            _fmt(r.median_final_loss, ".4g"), _fmt(r.median_final_distance, ".3g"), *(f"{o[name]}" for name in OUTCOMES),
            *(f"{n}" for n in (r.ended_at or {}).values())]


def _grounds_text(grounds: dict[str, int], say: Say) -> str:
    """Stuck players per ground, the ones with any: "stuck on: 12 hollow, 3 saddle"."""
    return say("stuck on: {grounds}", grounds=say.join(say("{n} {ground}", n=n, ground=say.word("ground", g))
                                                        for g, n in grounds.items() if n))


def sweep_table(result: SweepResult, say: Say = english) -> str:
    """A readable report: the settings, theory's edges, and per optimizer one line per step size,
    in the language of ``say``.

    Where theory (for plain gd with a constant lr) puts an edge between two step sizes, a line marks it.
    """
    s = result.scenario
    lines = [say("sweep on {name}: loss {loss}, {where}, h {h:g}, tol {tol:g}, reach {reach:g} m, "
                 "max steps {steps}, seed {seed}", name=s.name, loss=s.loss_text, where=starts_text(result.starts, say),
                 h=s.h, tol=s.tol, reach=s.reach, steps=s.max_steps, seed=s.seed),
             *filter(None, [s.walker_text(optimizer=False, say=say)]), result.edges.note_in(say)]
    edges = [(getattr(result.edges, name), label) for name, label in EDGE_LABELS.items()
             if getattr(result.edges, name) is not None and s.lr_schedule.constant and not s.noise]
    columns = [replace(c, heading=say(c.heading) if c.heading not in OUTCOMES else say.word("outcome_name", c.heading))
               for c in SWEEP_TABLE]
    columns += [replace(PLACE_COLUMN, heading=say.word("place", p) if p == "elsewhere"
                        else say("at {place}", place=say.word("place", p))) for p in result.places]
    for name in result.optimizers:
        rows = [r for r in result.rows if r.optimizer == name]
        cells = [_cells(r, say) for r in rows]
        width = widths(columns, cells)
        lines += ["", say("optimizer {name}", name=s.replace(optimizer=name).optimizer_text),
                  line([c.heading for c in columns], columns, width)]
        previous = -math.inf
        for r, row in zip([*rows, None], [*cells, None]):
            lr = math.inf if r is None else r.lr
            if name == "gd":
                lines += [" " * (width[0] + 2) + say(label, lr=e) for e, label in edges if previous < e <= lr]
            if r is not None:
                lines.append(line(row, columns, width)
                             + ("  " + _grounds_text(r.grounds, say) if r.outcomes["stuck"] else ""))
                previous = lr
    if result.places:
        lines += ["", say(ENDED_AT_TEMPLATE, near=ENDED_NEAR)]
    return "\n".join(lines)
