"""Many players from seeded random starts: the article's training and validation curves.

``spread_starts`` scatters start points over the sand (sweeps use it too). ``Population`` walks
M players at once in one Swarm and records, per step, the mean loss and the hit rate
("accuracy") of a training group and of a held-out validation group of starts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.optimizers import Optimizer
from sim.scenario import Scenario
from sim.swarm import HIT, Swarm

MARGIN = 0.05            # fraction of the beach's width and depth kept free at each edge
VALIDATION_SHARE = 0.2   # the share of players held out for validation
MAX_PLAYERS = 1_000_000  # the most players one run may hold (about 400 MB)

POPULATION_COLUMNS = ("step", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "walking")


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


def check_players(n: Any, what: str, least: int) -> int:
    """n if it is a whole number from ``least`` to MAX_PLAYERS, else ValueError naming ``what``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not least <= n <= MAX_PLAYERS:
        raise ValueError(f"{what} must be a whole number from {least} to {MAX_PLAYERS:,}, got {n!r}")
    return int(n)


@dataclass(frozen=True)
class PopulationRow:
    """Both groups after ``step`` updates: mean loss and hit rate (share of players that hit)."""

    step: int
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    walking: int        # players of both groups still walking

    def values(self) -> tuple:
        """The row in POPULATION_COLUMNS order."""
        return (self.step, self.train_loss, self.train_accuracy, self.val_loss, self.val_accuracy,
                self.walking)


@dataclass(frozen=True)
class PopulationResult:
    """A whole population run: per-step rows and how each group's players ended."""

    scenario: Scenario
    training: int
    validation: int
    rows: list[PopulationRow]
    outcomes: dict[str, dict[str, int]]   # {"training": counts, "validation": counts}

    @property
    def final(self) -> PopulationRow:
        """The last row."""
        return self.rows[-1]

    def to_dict(self) -> dict[str, Any]:
        """The summary (final row and outcomes per group) as plain values."""
        return {"players": self.training + self.validation, "training": self.training,
                "validation": self.validation, "steps": self.final.step,
                "final": dict(zip(POPULATION_COLUMNS, self.final.values())),
                "outcomes": self.outcomes, "scenario": self.scenario.to_dict()}


class Population:
    """M players from seeded random starts, split into training and validation, walking at once.

    The starts come from ``spread_starts`` with the scenario's Generator; the first players are
    the training group, the last ``round(validation_share * M)`` (at least one) the validation
    group. Step it (the window does one step per tick) or run it to the end.
    """

    def __init__(self, scenario: Scenario, players: int, validation_share: float = VALIDATION_SHARE,
                 optimizer: Optimizer | None = None):
        m = check_players(players, "the population", 2)
        if not 0 < validation_share < 1:
            raise ValueError(f"validation_share must be between 0 and 1, got {validation_share!r}")
        self.scenario = scenario
        n_val = min(m - 1, max(1, round(validation_share * m)))
        self.training = np.arange(m) < m - n_val   # True for the training group
        x0, y0 = spread_starts(scenario, m)
        self.swarm = Swarm(scenario, x0, y0, optimizer=optimizer)
        self.rows: list[PopulationRow] = [self._row()]

    def _row(self) -> PopulationRow:
        s = self.swarm
        loss, hit = s.loss, s.outcome == HIT
        train, val = self.training, ~self.training
        with np.errstate(all="ignore"):
            return PopulationRow(s.tick, float(np.mean(loss[train])), float(np.mean(hit[train])),
                                 float(np.mean(loss[val])), float(np.mean(hit[val])), s.walking)

    @property
    def done(self) -> bool:
        """Whether every player has stopped."""
        return self.swarm.done

    def step(self) -> PopulationRow:
        """One update of every walking player; returns the new row (no new row once all stopped)."""
        if not self.done:
            self.swarm.step()
            row = self._row()
            if row.step == self.rows[-1].step:   # only stuck endings: nobody moved
                self.rows[-1] = row
            else:
                self.rows.append(row)
        return self.rows[-1]

    def run(self) -> PopulationResult:
        """Walk until every player has stopped."""
        while not self.done:
            self.step()
        return self.result()

    def result(self) -> PopulationResult:
        """The run so far."""
        counts = {"training": self.swarm.outcome_counts(self.training),
                  "validation": self.swarm.outcome_counts(~self.training)}
        n_train = int(np.count_nonzero(self.training))
        return PopulationResult(self.scenario, n_train, self.swarm.n - n_train, list(self.rows), counts)


def population_table(result: PopulationResult, shown: int = 12) -> str:
    """A readable report: the settings, about ``shown`` evenly spaced rows, and the endings."""
    s = result.scenario
    lines = [f"population on {s.name}: {result.training + result.validation:,} players from random starts "
             f"(seed {s.seed}), {result.training:,} training and {result.validation:,} validation",
             f"loss {s.loss_text}, lr {s.lr:g}, h {s.h:g}, tol {s.tol:g}, reach {s.reach:g} m, max steps {s.max_steps}",
             "",
             f"{'step':>6}  {'train loss':>11}  {'train acc':>9}  {'val loss':>11}  {'val acc':>9}  {'walking':>8}"]
    picks = sorted(set(np.linspace(0, len(result.rows) - 1, min(shown, len(result.rows))).round().astype(int)))
    for i in picks:
        r = result.rows[i]
        lines.append(f"{r.step:>6}  {r.train_loss:>11.5g}  {r.train_accuracy:>9.1%}  {r.val_loss:>11.5g}  "
                     f"{r.val_accuracy:>9.1%}  {r.walking:>8,}")
    lines.append("")
    for group, counts in result.outcomes.items():
        lines.append(f"{group}: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    return "\n".join(lines)
