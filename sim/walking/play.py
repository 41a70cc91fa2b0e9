"""What every kind of play offers: ``Play``, the one interface of Walk, Race and Population.

A play is players walking one beach (a ``Scenario``). The front end (game/) and the command line
drive any play through this interface alone, so a new kind of play (a new mode) implements it
and is then stepped, run, reported, drawn and animated like the others.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from sim.beach.scenario import Scenario


@runtime_checkable
class Play(Protocol):
    """Players walking a beach, driven one update at a time (``step``) or to the end (``run``).

    ``steps``: updates made so far (0 at the start). ``done``: every player has stopped.
    ``endings()``: how many players ended each way so far, by outcome name (sim.OUTCOMES).
    ``records()``: the per-step records so far as arrays, one per column name, row k after k
    updates; per-player columns have one column per player (nan after that player stopped).
    """

    scenario: Scenario

    @property
    def steps(self) -> int: ...

    @property
    def done(self) -> bool: ...

    def step(self) -> object: ...

    def run(self) -> object: ...

    def endings(self) -> dict[str, int]: ...

    def records(self) -> dict[str, np.ndarray]: ...


def column_arrays(columns: tuple[str, ...], rows: list[tuple]) -> dict[str, np.ndarray]:
    """Rows of values (None for a missing one) as one float array per column (nan where missing)."""
    table = np.array([[np.nan if v is None else v for v in row] for row in rows], float).reshape(-1, len(columns))
    return {name: table[:, k] for k, name in enumerate(columns)}
