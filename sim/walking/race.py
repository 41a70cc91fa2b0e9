"""A race: several players on the same beach from the same start, each its own lr and optimizer.

All racers walk in one Swarm; each keeps a full trace (unless thinned for a picture: ``thin``), as a
single Walk does, so without noise
a racer's result equals a separate ``Walk(scenario.replace(lr=lr, optimizer=name)).run()`` row
for row. (With noise every racer hears its own noise, drawn from the race's one Generator.)
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from sim.reports.columns import Column, table
from sim.reports.say import Say, english
from sim.walking.optimizers import Mixed, Optimizer
from sim.walking.play import column_arrays
from sim.walking.racers import Racer
from sim.beach.scenario import Scenario, check_scenario
from sim.walking.swarm import OUTCOME_NAMES, WALKING, Swarm
from sim.walking.walk import (TRACE_COLUMNS, StepRecord, Thinning, WalkResult, optimizer_columns, record_of,
                              trace_rows)

RACE_COLUMNS = ("racer", "optimizer", "hyperparameters", "lr", *TRACE_COLUMNS)
MAX_RACERS = 64


class Race:
    """Racers (in that order), driven one update at a time or to the end.

    Each entry of ``racers`` is a step size (raced with the scenario's optimizer) or a Racer
    naming its own optimizer; ``optimizers`` lists each racer's optimizer name, ``lrs`` its lr.
    ``thin`` None keeps every racer's whole trace; a whole number n keeps each to what a picture
    draws, at most 2n rows (as Walk ``thin``).
    """

    def __init__(self, scenario: Scenario, racers: Sequence[float | Racer], optimizer: Optimizer | None = None,
                 *, thin: int | None = None):
        check_scenario(scenario)
        entries = [r if isinstance(r, Racer) else Racer(float(r)) for r in racers]
        if not 1 <= len(entries) <= MAX_RACERS:
            raise ValueError(f"a race needs 1 to {MAX_RACERS} racers, got {len(entries)}")
        # validates every lr
        self.scenarios = [scenario.replace(lr=float(r.lr), optimizer=r.optimizer or scenario.optimizer)
                          for r in entries]
        self.scenario = scenario
        self.lrs = np.array([s.lr for s in self.scenarios])
        self.optimizers = [s.optimizer for s in self.scenarios]
        if optimizer is None:
            names = list(dict.fromkeys(self.optimizers))
            optimizer = scenario.make_optimizer(names[0]) if len(names) == 1 else \
                Mixed([scenario.make_optimizer(n) for n in names], [names.index(n) for n in self.optimizers])
        x0, y0 = scenario.start
        k = len(entries)
        self.swarm = Swarm(scenario, np.full(k, x0), np.full(k, y0), lr=self.lrs, optimizer=optimizer)
        self.traces: list[list[StepRecord]] = [[] for _ in range(k)]
        self._thinnings = [None if thin is None else Thinning(thin, scenario) for _ in range(k)]
        for i in range(k):
            self._add(i)

    @property
    def done(self) -> bool:
        """Whether every racer has stopped."""
        return self.swarm.done

    @property
    def steps(self) -> int:
        """Updates made so far (by the racers that walk longest)."""
        return self.swarm.tick

    @property
    def outcomes(self) -> list[str | None]:
        """Each racer's outcome, None while it walks."""
        return [None if c == WALKING else OUTCOME_NAMES[int(c)] for c in self.swarm.outcome]

    def step(self) -> None:
        """One update of every racer still walking; a racer that moved gets a trace row."""
        if self.done:
            return
        before = self.swarm.steps.copy()
        self.swarm.step()
        for i in np.flatnonzero(self.swarm.steps > before):
            self._add(int(i))

    def _add(self, i: int) -> None:
        """Racer ``i``'s row now, onto its trace."""
        thinning = self._thinnings[i]
        if thinning is None:
            self.traces[i].append(record_of(self.swarm, i))
        else:
            thinning.add(self.traces[i], record_of(self.swarm, i))

    def run(self) -> list[WalkResult]:
        """Race to the end: every racer's result, in the order of ``lrs``."""
        while not self.done:
            self.step()
        return self.results()

    def results(self) -> list[WalkResult]:
        """Every racer's walk so far (outcome "walking" while it walks)."""
        return [WalkResult(s, outcome or "walking", trace[-1].step, list(trace))
                for s, outcome, trace in zip(self.scenarios, self.outcomes, self.traces)]

    def endings(self) -> dict[str, int]:
        """How many racers ended each way so far, by outcome name."""
        return self.swarm.outcome_counts()

    def records(self) -> dict[str, np.ndarray]:
        """Every racer's trace so far as arrays: "step" (rows,), and per TRACE_COLUMNS name a
        (rows, racers) array, row k after k updates (nan once that racer stopped, and at the rows a
        thinned race left out)."""
        out = {"step": np.arange(self.steps + 1, dtype=float)}
        per_racer = [column_arrays(TRACE_COLUMNS, trace_rows(t)) for t in self.traces]
        for name in TRACE_COLUMNS[1:]:
            out[name] = np.full((self.steps + 1, len(self.traces)), np.nan)
            for i, arrays in enumerate(per_racer):
                out[name][arrays["step"].astype(int), i] = arrays[name]
        return out


def race_rows(results: Sequence[WalkResult]) -> list[tuple]:
    """All racers' traces as rows of RACE_COLUMNS (racer numbered from 1)."""
    return [(i, *optimizer_columns(r.scenario), r.scenario.lr, *row)
            for i, r in enumerate(results, 1) for row in trace_rows(r.trace)]


def race_summary(results: Sequence[WalkResult]) -> dict[str, Any]:
    """Per racer its lr and the run summary (outcome, steps, position, loss, ...), JSON-ready."""
    scenario = results[0].scenario.to_dict()
    scenario.pop("lr")
    scenario.pop("optimizer")
    racers = []
    for i, r in enumerate(results, 1):
        d = r.to_dict()
        del d["scenario"]
        racers.append({"racer": i, "lr": r.scenario.lr, **d})
    return {"racers": racers, "scenario": scenario}


RACE_TABLE = (Column("racer", 5, gap=0), Column("optimizer", 9, "<"), Column("lr", 8), Column("outcome", 9, "<"),
              Column("steps", 6), Column("x (m)", 10), Column("y (m)", 10, gap=1), Column("loss", 11), Column("dist (m)", 9))


def race_table(results: Sequence[WalkResult], say: Say = english) -> str:
    """A readable report: the beach once, then one line per racer, in the language of ``say``."""
    s = results[0].scenario
    rows = [(f"{i}", r.scenario.optimizer, f"{r.scenario.lr:.4g}", say.word("outcome_name", r.outcome), f"{r.steps}",
             f"{r.final.x:.4f}", f"{r.final.y:.4f}", f"{r.final.loss:.5g}", f"{r.final.distance:.4g}")
            for i, r in enumerate(results, 1)]
    return "\n".join([
        say("race on {name}: loss {loss}, h {h:g}, tol {tol:g}, reach {reach:g} m, max steps {steps}",
            name=s.name, loss=s.loss_text, h=s.h, tol=s.tol, reach=s.reach, steps=s.max_steps),
        say("start ({sx:g}, {sy:g}) m, watermelon ({tx:g}, {ty:g}) m", sx=s.start[0], sy=s.start[1],
            tx=s.target[0], ty=s.target[1]),
        *filter(None, [s.walker_text(optimizer=False, say=say)]), "",
        *table(RACE_TABLE, rows, say)])
