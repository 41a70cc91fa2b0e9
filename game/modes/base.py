"""``Mode``: what a mode of the window implements. The registry (game.modes) picks one, once.

A mode is a Stage (game.stage: the clock and the commands) playing one kind of sim play, plus
everything the window shows of it. The scene, the panel, the overlays, the animation, the
notebook and the command line call only the methods below, never ask which mode they have.

A new mode is one module in game/modes/ with a dataclass subclass of Mode, listed in
game/modes/__init__.py's MODES. It sets the class variables and implements:

* ``name`` (ClassVar): its registry key, e.g. "race".
* ``option`` (ClassVar): the keyword of game.app.App / game.modes.open_mode (and main.py's
  ``play --OPTION``) that chooses it, e.g. "race"; None for the default (the lone walk).
* ``play_type`` (ClassVar): the sim play class it shows (a sim.Play: step, run, steps, done,
  endings, records; a play that the learner drives, such as sim's BlindfoldGame, reports steps,
  done, endings and records only), so that game.modes.view_of(play) finds it; None if it shows none.
* ``from_option(scenario, value, *, lang, size, paused)``: a fresh mode for ``option=value``.
* ``for_play(play, *, lang, size)``: a fresh mode (at the start) playing what ``play`` plays.
* ``_begin()``: build ``self.play`` afresh from ``self.scenario``; reset the mode's view state.
* ``_show_ending(ending_t)``: ``self.play`` was set to a play that has run: show it at rest,
  every ending ``ending_t`` seconds in (a still picture, game.scene.render_png).
* ``_advance_endings(dt)``: move the endings' clocks on; return the sound cues that fell due.
* ``draw_beach(surf, cam, arrays)``: everything on the sand (waves, players, watermelon,
  friends, arrows, endings' effects, the heatmap's legend via game.modes.beach_parts); return the
  rectangles that must stay in sight (the toast keeps off them). Read the state, never change it.
* ``banner()`` and ``since_banner()``: the big words once something has ended (a
  game.drawers.endings.Banner, or None; the scene places and draws them), and the seconds since
  they popped in (< 0 before): from AGAIN_AFTER on, Space says play again.
* ``hud_rows()``: the panel's (label, value) rows; ``hud_table()``: a game.panel.Table or None;
  ``status_outcome``: the outcome whose ink the last row wears (None: plain).
* ``panel_key()``: a value that changes exactly when the panel must be redrawn.
* ``chart_specs()``: the live charts (game.chart.ChartSpec) and how many the panel must show.
* ``help_rows()``: the help card's (keys, action) rows (default: every control).

Optional: ``speed`` (steps per second) as a field default, ``change_lr``, ``cycle_optimizer``,
``place_start``, ``reset`` (the commands of game.stage.Stage) where the mode means them otherwise;
``take(command)`` for commands the mode carries out itself before the app does (a map's clicks,
the blindfold game's actions); ``start_hint()``, what the prompt before the start says; ``keys``
(ClassVar, or a property where it changes), the key table of game.controls.commands (a name of
game.controls.KEY_TABLES, or "blindfold" for a game the learner plays); ``heatmap_shown``, whether the heatmap and its legend show (default: as toggled);
``digit_point()``, where the digit panel shows the digits network's weights (default: None, no
digit panel).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pygame
from sim import Scenario
from sim.walking.swarm import Swarm

from game import controls, i18n
from game.camera import Camera
from game.chart import ChartSpec
from game.drawers.endings import Banner
from game.moves import ComingSteps
from game.panel import Table
from game.stage import Stage

AGAIN_AFTER = 1.5     # seconds after the ending's banner that the prompt to play again appears


@dataclass
class Mode(Stage):
    """A Stage that the window can show: see this module's docstring for the contract."""

    name: ClassVar[str]
    option: ClassVar[str | None] = None
    play_type: ClassVar[type | None] = None
    keys: ClassVar[str] = "play"
    _coming: ComingSteps = field(default_factory=ComingSteps, init=False, repr=False)

    @classmethod
    def from_option(cls, scenario: Scenario, value: Any, *, lang: str, size: tuple[int, int],
                    paused: bool = True) -> Mode:
        """A fresh mode chosen by ``option=value``."""
        raise NotImplementedError

    @classmethod
    def for_play(cls, play: Any, *, lang: str, size: tuple[int, int]) -> Mode:
        """A fresh mode, at its start, that plays what ``play`` plays."""
        raise NotImplementedError

    def _show_ending(self, ending_t: float) -> None:
        """Show ``self.play`` (run already) at rest, ``ending_t`` seconds into its endings."""
        raise NotImplementedError

    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: Any) -> list[pygame.Rect]:
        """Everything on the sand; returns what must stay in sight (window pixels)."""
        raise NotImplementedError

    def banner(self) -> Banner | None:
        """The big words once something has ended (None: none)."""
        raise NotImplementedError

    def since_banner(self) -> float:
        """Seconds since the banner of the end of everything popped in; < 0 before."""
        raise NotImplementedError

    def hud_rows(self) -> list[tuple[str, str]]:
        """The HUD's (label, value) rows."""
        raise NotImplementedError

    def hud_table(self) -> Table | None:
        """A small table under the rows, or None."""
        return None

    @property
    def status_outcome(self) -> str | None:
        """The outcome whose ink the HUD's last row wears (None: plain ink)."""
        return None

    def panel_key(self) -> tuple:
        """Everything the panel shows, as a value that changes exactly when it must be redrawn."""
        raise NotImplementedError

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """The live charts, and how many of them the panel must show (the rest where there is room)."""
        raise NotImplementedError

    def take(self, command: controls.Command) -> bool:
        """Carry out ``command`` (its pos in pixels of the frame) where this mode means it otherwise
        than the app does; True when taken (the app then does nothing more)."""
        return False

    def start_hint(self) -> str:
        """What the prompt before the start says (by default: Space starts walking)."""
        return i18n.tr("hud.start_hint", self.lang)

    @property
    def heatmap_shown(self) -> bool:
        """Whether the heatmap (and its legend) shows over the sand."""
        return self.toggles.heatmap

    def digit_point(self) -> tuple[float, float] | None:
        """Where the digit panel shows the digits network's weights (metres); None: no digit panel."""
        return None

    def help_rows(self) -> list[tuple[str, str]]:
        """The help card's (keys, action) rows for this mode."""
        return list(controls.help_lines(self.lang).values())

    # -- shared by the modes ---------------------------------------------------------------------
    def coming_steps(self, swarm: Swarm) -> np.ndarray:
        """game.moves.next_steps(swarm), worked out once per update of the swarm."""
        return self._coming.of(swarm)

    def showing(self, play: Any, ending_t: float) -> Mode:
        """This mode viewing ``play`` (run already) at rest, ``ending_t`` seconds into its endings."""
        self.play = play
        self._show_ending(ending_t)
        self.clock = ending_t
        return self
