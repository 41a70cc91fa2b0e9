"""Many players from seeded random starts, in two groups, A and B.

``spread_starts`` scatters start points over the sand (sweeps use it too). ``Population`` walks
M players at once in one Swarm and records, per step, the mean loss and the hit rate of group A
(80% of the starts) and group B (the other 20%). Both groups walk the same beach from starts
drawn alike, so B is not validation data in the machine-learning sense (data the parameters never
learned from): the gap between the two curves is only the chance of which starts fell in which
group. ``main.py learn`` has real training and validation data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.reports.columns import Column, table
from sim.reports.say import Say, english
from sim.walking.optimizers import Optimizer
from sim.walking.play import column_arrays
from sim.beach.scenario import Scenario
from sim.walking.swarm import HIT, Swarm
from sim.walking.walk import Thinning, optimizer_columns

MARGIN = 0.05            # fraction of the beach's width and depth kept free at each edge
B_SHARE = 0.2   # the share of players in group B
MAX_PLAYERS = 1_000_000  # the most players one run may hold (about 400 MB)

POPULATION_COLUMNS = ("step", "a_loss", "a_hit_rate", "b_loss", "b_hit_rate", "walking")
# A population's CSV and JSON rows: the per-step row, then the optimizer (name and "k=v k=v" hyperparameters).
POPULATION_TABLE_COLUMNS = (*POPULATION_COLUMNS, "optimizer", "hyperparameters")


def spread_starts(scenario: Scenario, n: int, rng: np.random.Generator | None = None,
                  margin: float = MARGIN) -> tuple[np.ndarray, np.ndarray]:
    """n start points (x, y in metres) uniform over the sand, ``margin`` of each side kept free.

    Draws all x, then all y, from ``rng`` (default: a fresh ``scenario.rng()``).
    """
    check_players(n, "players", 1)
    rng = scenario.rng() if rng is None else rng
    xmin, xmax, ymin, ymax = scenario.bounds
    mx, my = margin * (xmax - xmin), margin * (ymax - ymin)
    x = rng.uniform(xmin + mx, xmax - mx, n)
    y = rng.uniform(ymin + my, ymax - my, n)
    return x, y


def starts_text(starts: int, say: Say = english) -> str:
    """Where a sweep's or a map's players start: the scenario's start, or ``starts`` spread over the sand."""
    return say("the scenario's start") if starts == 1 else say("{n:,} starts spread over the beach", n=starts)


def check_players(n: Any, what: str, least: int) -> int:
    """n if it is a whole number from ``least`` to MAX_PLAYERS, else ValueError naming ``what``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not least <= n <= MAX_PLAYERS:
        raise ValueError(f"{what} must be a whole number from {least} to {MAX_PLAYERS:,}, got {n!r}")
    return int(n)


GROUP_EXTREMES = ("a_loss", "a_hit_rate", "b_loss", "b_hit_rate")   # kept at their lowest and highest
                                                                   # in each stretch of a thinned population


@dataclass(frozen=True)
class PopulationRow:
    """Both groups after ``step`` updates: mean loss and hit rate (share of players that hit)."""

    step: int
    a_loss: float
    a_hit_rate: float
    b_loss: float
    b_hit_rate: float
    walking: int        # players of both groups still walking

    def values(self) -> tuple:
        """The row in POPULATION_COLUMNS order."""
        return (self.step, self.a_loss, self.a_hit_rate, self.b_loss, self.b_hit_rate, self.walking)


@dataclass(frozen=True)
class PopulationResult:
    """A whole population run: per-step rows and how each group's players ended."""

    scenario: Scenario
    group_a: int
    group_b: int
    rows: list[PopulationRow]
    outcomes: dict[str, dict[str, int]]   # {"group_a": counts, "group_b": counts}

    @property
    def final(self) -> PopulationRow:
        """The last row."""
        return self.rows[-1]

    def to_dict(self) -> dict[str, Any]:
        """The summary (final row and outcomes per group) as plain values."""
        return {"players": self.group_a + self.group_b, "group_a": self.group_a,
                "group_b": self.group_b, "steps": self.final.step,
                "final": dict(zip(POPULATION_COLUMNS, self.final.values())),
                "outcomes": self.outcomes, "optimizer": self.scenario.optimizer_info(),
                "scenario": self.scenario.to_dict()}


def population_rows(result: PopulationResult) -> list[tuple]:
    """A population's per-step rows as rows of POPULATION_TABLE_COLUMNS."""
    named = optimizer_columns(result.scenario)
    return [(*row.values(), *named) for row in result.rows]


class Population:
    """M players from seeded random starts, split into groups A and B, walking at once.

    The starts come from ``spread_starts`` with the scenario's Generator; the first players are
    group A, the last ``round(b_share * M)`` (at least one) group B. Step it (the window does one
    step per tick) or run it to the end. ``thin`` None keeps every step's row; a whole number n keeps
    what a picture draws, at most 2n rows: the ends whole and between them, per stretch of steps, the
    rows where each group's loss and hit rate are lowest and highest (as Walk ``thin``).
    """

    def __init__(self, scenario: Scenario, players: int, b_share: float = B_SHARE,
                 optimizer: Optimizer | None = None, *, thin: int | None = None):
        m = check_players(players, "the population", 2)
        if not 0 < b_share < 1:
            raise ValueError(f"b_share must be between 0 and 1, got {b_share!r}")
        self.scenario = scenario
        n_b = min(m - 1, max(1, round(b_share * m)))
        self.in_a = np.arange(m) < m - n_b   # True for group A, False for group B
        rng = scenario.rng()   # one Generator per run: the starts, then the friends' noise
        x0, y0 = spread_starts(scenario, m, rng)
        self.swarm = Swarm(scenario, x0, y0, optimizer=optimizer, rng=rng)
        self._thinning = None if thin is None else Thinning(thin, extremes=GROUP_EXTREMES)
        self.rows: list[PopulationRow] = []
        self._add(self._row())

    def _add(self, row: PopulationRow) -> None:
        if self._thinning is None:
            self.rows.append(row)
        else:
            self._thinning.add(self.rows, row)

    def _row(self) -> PopulationRow:
        s = self.swarm
        loss, hit = s.loss, s.outcome == HIT
        a, b = self.in_a, ~self.in_a
        with np.errstate(all="ignore"):
            return PopulationRow(s.tick, float(np.mean(loss[a])), float(np.mean(hit[a])),
                                 float(np.mean(loss[b])), float(np.mean(hit[b])), s.walking)

    @property
    def done(self) -> bool:
        """Whether every player has stopped."""
        return self.swarm.done

    @property
    def steps(self) -> int:
        """Updates made so far (by the players that walk longest)."""
        return self.swarm.tick

    def step(self) -> PopulationRow:
        """One update of every walking player; returns the new row (no new row once all stopped)."""
        if not self.done:
            self.swarm.step()
            row = self._row()
            if row.step == self.rows[-1].step:   # only stuck endings: nobody moved
                self.rows[-1] = row
            else:
                self._add(row)
        return self.rows[-1]

    def run(self) -> PopulationResult:
        """Walk until every player has stopped."""
        while not self.done:
            self.step()
        return self.result()

    def result(self) -> PopulationResult:
        """The run so far."""
        counts = {"group_a": self.swarm.outcome_counts(self.in_a),
                  "group_b": self.swarm.outcome_counts(~self.in_a)}
        n_a = int(np.count_nonzero(self.in_a))
        return PopulationResult(self.scenario, n_a, self.swarm.n - n_a, list(self.rows), counts)

    def endings(self) -> dict[str, int]:
        """How many players of both groups ended each way so far, by outcome name."""
        return self.swarm.outcome_counts()

    def records(self) -> dict[str, np.ndarray]:
        """The per-step rows so far as arrays, one per POPULATION_COLUMNS name (a thinned population's:
        the rows it kept, whose "step" says which)."""
        return column_arrays(POPULATION_COLUMNS, [row.values() for row in self.rows])


POPULATION_TABLE = (Column("step", 6, gap=0), Column("A loss", 11), Column("A hit rate", 10), Column("B loss", 11),
                    Column("B hit rate", 10), Column("walking", 8))


def population_table(result: PopulationResult, shown: int = 12, say: Say = english) -> str:
    """A readable report: the settings, about ``shown`` evenly spaced rows, and the endings, in the
    language of ``say``."""
    s = result.scenario
    steps = np.array([r.step for r in result.rows])   # 0, 1, 2, ... unless thinned (Population ``thin``)
    wanted = np.linspace(steps[0], steps[-1], min(shown, len(result.rows))).round()
    picks = sorted(set(np.searchsorted(steps, wanted).tolist()))
    rows = [(f"{r.step}", f"{r.a_loss:.5g}", f"{r.a_hit_rate:.1%}", f"{r.b_loss:.5g}", f"{r.b_hit_rate:.1%}",
             f"{r.walking:,}") for r in (result.rows[i] for i in picks)]
    return "\n".join([
        say("population on {name}: {players:,} players from random starts (seed {seed}), {a:,} in group A and "
            "{b:,} in group B (same beach, starts drawn alike)", name=s.name, players=result.group_a + result.group_b,
            seed=s.seed, a=result.group_a, b=result.group_b),
        say("loss {loss}, lr {lr:g}, h {h:g}, tol {tol:g}, reach {reach:g} m, max steps {steps}",
            loss=s.loss_text, lr=s.lr, h=s.h, tol=s.tol, reach=s.reach, steps=s.max_steps),
        s.walker_text(say=say), "",
        *table(POPULATION_TABLE, rows, say), "",
        *(say("group {group}: {counts}", group=group[-1].upper(),
              counts=say.join(say("{n:,} {outcome}", n=n, outcome=say.word("outcome_name", name))
                              for name, n in counts.items()))
          for group, counts in result.outcomes.items())])
