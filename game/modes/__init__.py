"""The modes of the window, and the one place that chooses among them.

A mode (game.modes.base.Mode; its docstring is the contract) is what the window plays: the lone
walk, a race, a population, a hyperparameter map and the walks it counted, the blindfold game.
``MODES`` lists them by name; every other module reaches a mode through the functions below and
then calls only the Mode methods, never asks which it has.

To add a mode: write game/modes/NAME.py with a Mode subclass (see base.py), and add it to MODES.
"""
from __future__ import annotations

from typing import Any

from sim import Scenario

from game.modes.base import AGAIN_AFTER, Mode
from game.modes.blindfold import BlindfoldMode
from game.modes.map import MapMode
from game.modes.population import PopulationMode
from game.modes.race import RaceMode
from game.modes.walk import WalkMode

MODES: dict[str, type[Mode]] = {mode.name: mode for mode in (WalkMode, RaceMode, PopulationMode, MapMode, BlindfoldMode)}
"""Every mode by its name."""

__all__ = ["AGAIN_AFTER", "MODES", "Mode", "open_mode", "showing", "view_of"]


def open_mode(scenario: Scenario, *, lang: str, size: tuple[int, int] = (1280, 720), paused: bool = True,
              **options: Any) -> Mode:
    """A fresh mode playing ``scenario``: the one whose option is given (``race=[0.1, 0.5]``,
    ``population=300``, ``blindfold=SEED``, ...; options that are None count as not given), else the lone walk."""
    given = {k: v for k, v in options.items() if v is not None}
    by_option = {mode.option: mode for mode in MODES.values() if mode.option}
    unknown = sorted(set(given) - set(by_option))
    if unknown:
        raise TypeError(f"unknown mode option {unknown[0]!r}; accepted: {', '.join(sorted(by_option))}")
    if len(given) > 1:
        raise ValueError(f"give one mode at a time, got {' and '.join(sorted(given))}")
    for option, value in given.items():
        return by_option[option].from_option(scenario, value, lang=lang, size=size, paused=paused)
    return WalkMode.from_option(scenario, None, lang=lang, size=size, paused=paused)


def mode_of(play: Any) -> type[Mode]:
    """The mode that shows ``play`` (a sim.Play: a Walk, a Race, a Population, ...): of those whose
    play type it is, the one of the most specific type (a map's CellWalk is a Walk too)."""
    showing = [mode for mode in MODES.values() if mode.play_type is not None and isinstance(play, mode.play_type)]
    if showing:
        return min(showing, key=lambda mode: type(play).__mro__.index(mode.play_type))
    shown = ", ".join(m.play_type.__name__ for m in MODES.values() if m.play_type is not None)
    raise TypeError(f"no mode shows a {type(play).__name__}; accepted: {shown}")


def view_of(play: Any, *, lang: str, size: tuple[int, int]) -> Mode:
    """A fresh mode, at its start, that plays what ``play`` plays (its settings, not its progress)."""
    return mode_of(play).for_play(play, lang=lang, size=size)


def showing(play: Any, *, lang: str, size: tuple[int, int], ending_t: float) -> Mode:
    """A paused view of ``play`` as it is now (at rest), every ending ``ending_t`` seconds in."""
    return view_of(play, lang=lang, size=size).showing(play, ending_t)
