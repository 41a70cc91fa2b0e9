"""A hyperparameter map in the window, and the walks it counted, one at a time.

The map (sim.walking.grid) fills the beach: one measure at a time (Tab cycles them), its axes,
colour legend and theory's edge as ``sweep --grid`` draws them (game.map_charts). The cell under
the mouse, or the one the arrow keys moved to, is outlined and its values fill the panel. A click
on a cell, or Space or Enter on the pointed one, plays that cell's walk from one of its starts, as
the map walked it (sim.walking.cell_walk): the lone walk's view, with the start named in the
panel. B goes back to the map with that cell marked; playing it again plays its next start. On the
map only the keys of game.controls.MAP_KEYS act; watching a walk, the window's and B.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pygame
from sim import Scenario
from sim.walking.cell_walk import CellWalk
from sim.walking.grid import MEASURES, HyperparameterMap, MapCell

from game import i18n
from game.camera import Camera
from game.chart import PALETTE, ChartSpec, Series
from game.chart.spec import DEFAULT_THEME
from game.controls import (CELL_WALK_HELP_ROWS, CELL_WALK_KEYS, HELP_ROWS, MAP_HELP_ROWS, MAP_KEYS, Action,
                           Command, help_lines)
from game.drawers import endings
from game.map_charts import cell_at, cell_rect, draw_map_panel, plot_rect
from game.modes.beach_parts import TraceArrays
from game.modes.panel_rows import num
from game.modes.walk import WalkMode
from game.overlays import start_prompt_bottom

MAP_WALK_SPEED = 6.0   # steps per second of a cell's walk: a map's walks are often long
MARK = (255, 120, 40)  # the marked cell's outline: the one whose walk was watched (Space plays it)
POINTED = (255, 255, 255)
OUTLINE = (20, 20, 20)
# Walk commands that would change the cell's settings: refused (the walk is the map's).
_SETTINGS_KEPT = ("lr", "h", "loss", "optimizer", "scenario", "target", "player")
# The arrow keys' moves on the map: (di, dj), i along the first axis (right), j along the second (up).
_MOVES = {Action.CELL_LEFT: (-1, 0), Action.CELL_RIGHT: (1, 0), Action.CELL_UP: (0, 1), Action.CELL_DOWN: (0, -1)}


@dataclass
class MapMode(WalkMode):
    """A map to look at (``watching`` False) or the walk of its ``marked`` cell from start number
    ``start`` (0-based) to watch (``watching`` True)."""

    name: ClassVar[str] = "map"
    option: ClassVar[str] = "map"
    play_type: ClassVar[type] = CellWalk
    speed: float = MAP_WALK_SPEED
    result: HyperparameterMap | None = None
    measure: str = "hit_rate"                # one of MEASURES, shown on the map
    marked: tuple[int, int] = (0, 0)          # (i, j): i along the first axis, j along the second
    start: int = 0
    watching: bool = False
    watched: bool = False                     # the marked cell's walk from ``start`` has been opened
    pointed: tuple[int, int] | None = None    # the cell under the mouse, or moved to with the arrows
    _picture: tuple[tuple, pygame.Surface] | None = field(default=None, init=False, repr=False)   # a cache

    @classmethod
    def from_option(cls, scenario: Scenario, value: Any, *, lang: str, size: tuple[int, int],
                    paused: bool = True) -> MapMode:
        """The map ``value`` (a sim HyperparameterMap; it holds its scenario), its best cell marked."""
        if not isinstance(value, HyperparameterMap):
            raise TypeError(f"map must be a HyperparameterMap (sim.walking.grid.hyperparameter_map), "
                            f"got {type(value).__name__}")
        return cls(value.scenario, lang, size, result=value, marked=best_cell(value))

    @classmethod
    def for_play(cls, play: CellWalk, *, lang: str, size: tuple[int, int]) -> MapMode:
        return cls(play.map.scenario, lang, size, result=play.map, marked=play.cell, start=play.start,
                   watching=True, watched=True)

    def _begin(self) -> None:
        assert self.result is not None
        self.play = CellWalk(self.result, *self.marked, self.start)
        self.scenario = self.play.scenario
        self.ending_t = -1.0

    @property
    def keys(self) -> str:   # type: ignore[override]
        """The key table (game.controls.KEY_TABLES): the map's own on the map, a walk's and B watching."""
        return "cell_walk" if self.watching else "map"

    @property
    def chosen(self) -> tuple[int, int]:
        """The cell that Space, Enter or N plays and the panel shows: the pointed one, else the marked one."""
        return self.pointed or self.marked

    @property
    def cell(self) -> MapCell:
        """The marked cell's summary."""
        return self._cell(self.marked)

    def _cell(self, at: tuple[int, int]) -> MapCell:
        assert self.result is not None
        return self.result.cells[at[1] * len(self.result.axes[0].values) + at[0]]

    # -- commands ----------------------------------------------------------------------------------
    def take(self, command: Command) -> bool:
        """The mouse and the arrow keys point at cells, clicks play them; Tab cycles the measure; B
        goes back to the map."""
        a = command.action
        if a in _MOVES:
            if not self.watching:
                self.move_pointer(*_MOVES[a])
            return True
        if a is Action.POINT:
            self.pointed = None if self.watching or command.pos is None else self.cell_at(command.pos)
            return True
        if a in (Action.PLACE_TARGET, Action.PLACE_START):
            cell = None if self.watching or command.pos is None else self.cell_at(command.pos)
            if self.watching:
                self.say(i18n.tr("map.keeps_cell", self.lang))
            elif cell is not None:
                self.watch(cell)
            return True
        if a in (Action.SCENARIO_NEXT, Action.SCENARIO_BACK):
            names = list(MEASURES)
            by = 1 if a is Action.SCENARIO_NEXT else -1
            self.measure = names[(names.index(self.measure) + by) % len(names)]
            if self.watching:   # on the map its title says it
                self.say(i18n.tr(f"map.{self.measure}", self.lang))
            return True
        if a is Action.MAP:
            if self.watching:
                self.back_to_map()
            return True
        return False

    def move_pointer(self, di: int, dj: int) -> None:
        """Point at the cell (di, dj) from the chosen one, staying on the map at its edges."""
        assert self.result is not None
        (i, j), (a, b) = self.chosen, self.result.axes
        self.pointed = (min(max(i + di, 0), len(a.values) - 1), min(max(j + dj, 0), len(b.values) - 1))

    def next_start(self, cell: tuple[int, int]) -> int:
        """The start a click on ``cell`` plays: the next one after the walk just watched there, else the first."""
        assert self.result is not None
        return (self.start + 1) % self.result.starts if cell == self.marked and self.watched else 0

    def watch(self, cell: tuple[int, int]) -> None:
        """Play the walk of ``cell`` (i, j) from its next start (see next_start), walking at once."""
        self.start = self.next_start(cell)
        self.marked, self.watching, self.watched, self.pointed = cell, True, True, None
        self.restart(self.scenario, "")
        self.paused = False
        self.say(i18n.tr("map.watching", self.lang, cell=self.cell_text(cell), k=self.start + 1,
                         n=self.start_count))

    def back_to_map(self) -> None:
        """Back from the walk to the map, the cell marked (its walk ready again from its start)."""
        self.watching = False
        self.paused = True
        self.restart(self.scenario, "")

    def toggle_pause(self) -> None:
        """Space / Enter: on the map, play the chosen cell's walk; walking, as the lone walk does."""
        if self.watching:
            super().toggle_pause()
        else:
            self.watch(self.chosen)

    def step_once(self) -> None:
        """N: on the map, open the chosen cell's walk and take its first step."""
        if not self.watching:
            self.watch(self.chosen)
        super().step_once()

    def _replace(self, message: str, **changes: object) -> None:
        """Changing lr, h, the loss, the optimizer or a place would leave the map: say so instead."""
        self.say(i18n.tr("map.keeps_cell", self.lang))

    # -- geometry ----------------------------------------------------------------------------------
    def map_rect(self, beach: pygame.Rect) -> pygame.Rect:
        """Where the map panel goes on the beach ``beach`` (pixels): under the prompt to start."""
        pad = max(4, round(min(beach.w, beach.h) * 0.012))
        top = start_prompt_bottom(beach)
        return pygame.Rect(beach.x + pad, top, beach.w - 2 * pad, beach.bottom - pad - top)

    def cell_at(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """The cell (i, j) drawn at the frame's pixel ``pos`` on the map, or None."""
        from game.scene import layout   # game.scene imports the modes

        assert self.result is not None
        return cell_at(plot_rect(self.map_rect(layout(self.size).beach)), self.result.axes, pos)

    # -- the beach -----------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: TraceArrays) -> list[pygame.Rect]:
        """Walking: the lone walk's beach. On the map: the map, the marked cell and the one pointed at."""
        if self.watching:
            return super().draw_beach(surf, cam, arrays)
        assert self.result is not None
        beach = pygame.Rect(cam.rect)
        surf.fill(DEFAULT_THEME.page, beach)
        area = self.map_rect(beach)
        surf.blit(self._map_picture(area.size), area)
        plot = plot_rect(area)
        if plot.w < 20 or plot.h < 20:
            return [area]
        a, b = self.result.axes
        width = max(2, min(4, round(min(plot.w / len(a.values), plot.h / len(b.values)) * 0.08)))   # pixels
        for cell, colour in ((self.marked, MARK), (self.pointed, POINTED)):
            if cell is not None:
                box = cell_rect(plot, self.result.axes, *cell)
                pygame.draw.rect(surf, OUTLINE, box.inflate(2 * width + 2, 2 * width + 2), 1)
                pygame.draw.rect(surf, colour, box.inflate(2 * width, 2 * width), width)
        return [plot]

    def _map_picture(self, size: tuple[int, int]) -> pygame.Surface:
        """The map panel of the shown measure, ``size`` pixels, drawn once per measure, size and language."""
        key = (size, self.measure, self.lang)
        if self._picture is None or self._picture[0] != key:
            picture = pygame.Surface(size)
            draw_map_panel(picture, picture.get_rect(), self.result, self.measure, self.lang)
            self._picture = (key, picture)
        return self._picture[1]

    def digit_point(self) -> tuple[float, float] | None:
        """The digit panel only over a watched walk's sand (on the map it would cover the cells)."""
        return super().digit_point() if self.watching else None

    def banner(self) -> endings.Banner | None:
        return super().banner() if self.watching else None

    def since_banner(self) -> float:
        return super().since_banner() if self.watching else -1.0

    def start_hint(self) -> str:
        return super().start_hint() if self.watching else i18n.tr("map.start_hint", self.lang)

    # -- the panel -----------------------------------------------------------------------------------
    @property
    def start_count(self) -> int:
        """Starts per cell."""
        assert self.result is not None
        return self.result.starts

    def cell_text(self, cell: tuple[int, int]) -> str:
        """The cell's two settings: "lr 0.0669, μ 0.45"."""
        assert self.result is not None
        summary = self._cell(cell)
        return ", ".join(f"{_short(axis.name, self.lang)} {value:.3g}"
                         for axis, value in zip(self.result.axes, (summary.a, summary.b)))

    def hud_rows(self) -> list[tuple[str, str]]:
        """Walking: which start of which cell, the key back to the map, then the lone walk's rows.
        On the map: the chosen cell, its settings and measures, and what a click or Enter and Tab do."""
        lang = self.lang
        if self.watching:
            x, y = self.scenario.start
            return [(i18n.tr("map.hud.cell", lang), self.cell_text(self.marked)),
                    (i18n.tr("map.hud.start", lang),
                     i18n.tr("map.hud.start_value", lang, k=self.start + 1, n=self.start_count,
                             x=f"{x:.2f}", y=f"{y:.2f}")),
                    (i18n.tr("map.hud.back_key", lang), i18n.tr("map.hud.back", lang)),
                    *super().hud_rows()]
        assert self.result is not None
        at = self.chosen
        cell = self._cell(at)
        a, b = self.result.axes
        return [(i18n.tr("map.hud.cell", lang), i18n.tr("map.hud.pointed" if self.pointed else "map.hud.marked", lang)),
                (i18n.tr(f"map.param.{a.name}", lang), f"{cell.a:.3g}"),
                (i18n.tr(f"map.param.{b.name}", lang), f"{cell.b:.3g}"),
                *(self._measure_row(cell, m) for m in MEASURES),
                (i18n.tr("map.hud.click", lang),
                 i18n.tr("map.hud.watch", lang, k=self.next_start(at) + 1, n=self.start_count)),
                (i18n.tr("map.hud.tab", lang), i18n.tr("map.hud.next_measure", lang))]

    def _measure_row(self, cell: MapCell, measure: str) -> tuple[str, str]:
        """One measure of ``cell`` as a panel row; a share with its count, the stuck share with the
        ground most of them stopped on."""
        lang = self.lang
        label = i18n.tr(f"map.hud.{measure}", lang)
        if measure.endswith("_rate"):
            outcome = measure.removesuffix("_rate")
            text = i18n.tr("map.hud.share", lang, share=cell.share(outcome), count=cell.outcomes[outcome],
                           players=cell.players)
            if outcome == "stuck" and cell.outcomes["stuck"]:
                text += " · " + i18n.tr(f"map.ground.{max(cell.grounds, key=cell.grounds.get)}", lang)
            return label, text
        value = cell.measure(measure)
        if math.isnan(value):
            return label, i18n.tr("map.hud.none", lang)
        return label, i18n.tr("map.hud.median", lang, value=f"{value:g}" if measure == "median_steps" else num(value))

    @property
    def status_outcome(self) -> str | None:
        return super().status_outcome if self.watching else None

    def panel_key(self) -> tuple:
        if self.watching:
            return super().panel_key()
        return (tuple(self.hud_rows()), self.lang, self.measure)

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """Walking: the lone walk's charts. On the map: the measure along the first axis through the
        chosen cell, that cell a dot."""
        if self.watching:
            return super().chart_specs()
        assert self.result is not None
        lang, (i, j) = self.lang, self.chosen
        a, b = self.result.axes
        with np.errstate(invalid="ignore"):
            ys = np.where(np.isfinite(self.result.grid(self.measure)[j]), self.result.grid(self.measure)[j], np.nan)
        xs = np.array(a.values)
        share = self.measure.endswith("_rate")
        finite = ys[np.isfinite(ys)]
        log = self.measure == "median_final_loss" and finite.size > 0 and bool((finite > 0).all())
        label = i18n.tr(f"map.hud.{self.measure}", lang)
        series = [Series(label, xs, ys, PALETTE[0], "line", 2), Series("", xs[i:i + 1], ys[i:i + 1], MARK, "points", 4)]
        title = i18n.tr("map.slice", lang, measure=i18n.tr(f"map.{self.measure}", lang), b=_short(b.name, lang),
                        value=f"{self._cell((i, j)).b:.3g}")
        return [ChartSpec(title, i18n.tr(f"map.param.{a.name}", lang), label, series, x_log=a.log, y_log=log,
                          y_range=(0.0, 1.0) if share else None, legend=False,
                          empty_text=i18n.tr("map.hud.none", lang))], 1

    def help_rows(self) -> list[tuple[str, str]]:
        """On the map: its keys (MAP_KEYS) and clicks. Watching a walk: B and Tab, then the lone
        walk's keys that keep the cell's settings (D only where the digit panel shows)."""
        lang = self.lang
        if not self.watching:
            return list(help_lines(lang, MAP_HELP_ROWS, MAP_KEYS, own="map.help").values())
        kept = [row for row in HELP_ROWS if row not in _SETTINGS_KEPT
                and (row != "sample" or self.digit_point() is not None)]
        rows = {**CELL_WALK_HELP_ROWS, **{row: HELP_ROWS[row] for row in kept}}
        return list(help_lines(lang, rows, CELL_WALK_KEYS, own="map.help").values())


def best_cell(result: HyperparameterMap) -> tuple[int, int]:
    """The cell the map opens with marked: the most hits, then the fewest median steps to a hit."""
    na = len(result.axes[0].values)
    k = min(range(len(result.cells)), key=lambda k: (-result.cells[k].outcomes["hit"],
                                                      _or_inf(result.cells[k].median_steps), k))
    return k % na, k // na


def _or_inf(value: float | None) -> float:
    return math.inf if value is None else value


def _short(name: str, lang: str) -> str:
    """A parameter's short name: lr, μ, β1, β2, ρ, noise S, decay D, warmup."""
    return {"lr": "lr", "noise": "S", "decay": "D", "warmup": "W"}.get(name) or i18n.tr(f"param.{name}", lang)
