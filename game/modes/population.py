"""A population: many players from seeded random starts walking at once, in groups A and B, as
dots of their group's colour; those that hit gather round the watermelon."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pygame
from sim import Scenario
from sim.walking.population import Population
from sim.walking.swarm import DIVERGED, HIT
from sim.walking.walk import PICTURE_ROWS

from game import controls, i18n
from game.camera import Camera
from game.chart import ChartSpec
from game.drawers import beach, crowd, endings, friends, unit, watermelon
from game.experiment_charts import GROUPS, population_charts
from game.modes.base import Mode
from game.modes.beach_parts import TraceArrays, decoys, draw_legend, fixtures, friends_y, melon, reach_ring
from game.modes.panel_rows import crowd_status, loss_rows, num, step_axis_end, walker_rows
from game.panel import Table

MAX_PLAYERS_SHOWN = 10_000        # a population in the window: players drawn at once


@dataclass
class PopulationMode(Mode):
    """A population: ``players`` players from seeded random starts walking at once, in groups A
    and B; one step of every player per tick."""

    name: ClassVar[str] = "population"
    option: ClassVar[str] = "population"
    play_type: ClassVar[type] = Population
    players: int = 200
    from_x: np.ndarray = field(init=False)   # positions (m) at the start of the latest step
    from_y: np.ndarray = field(init=False)
    ending_t: float = -1.0                   # seconds since every player stopped; < 0 before
    heard: tuple[int, int] = (0, 0)          # hits and runs into the sea the sounds have announced

    def __post_init__(self) -> None:
        if isinstance(self.players, bool) or not isinstance(self.players, int) or \
                not 2 <= self.players <= MAX_PLAYERS_SHOWN:
            raise ValueError(f"a population in the window needs 2 to {MAX_PLAYERS_SHOWN:,} players, "
                             f"got {self.players!r}")
        super().__post_init__()

    @classmethod
    def from_option(cls, scenario: Scenario, value: int, *, lang: str, size: tuple[int, int],
                    paused: bool = True) -> PopulationMode:
        """A population of ``value`` players."""
        return cls(scenario, lang, size, paused=paused, players=value)

    @classmethod
    def for_play(cls, play: Population, *, lang: str, size: tuple[int, int]) -> PopulationMode:
        return cls(play.scenario, lang, size, players=play.swarm.n)

    def _begin(self) -> None:
        self.play = Population(self.scenario, self.players, thin=PICTURE_ROWS)
        swarm = self.population.swarm
        self.from_x, self.from_y = swarm.x.copy(), swarm.y.copy()
        self.ending_t = -1.0
        self.heard = self._counts()

    def _show_ending(self, ending_t: float) -> None:
        swarm = self.population.swarm
        self.from_x, self.from_y = swarm.x.copy(), swarm.y.copy()
        self.ending_t = ending_t if self.population.done else -1.0
        self.heard = self._counts()

    @property
    def population(self) -> Population:
        """The population played."""
        return self.play

    @property
    def shown_rows(self) -> int:
        """How many of the population's per-step rows the charts show: the latest appears once
        its step's animation is over."""
        rows = len(self.population.rows)
        return rows - 1 if rows > 1 and self.progress < 1.0 else rows

    def _counts(self) -> tuple[int, int]:
        codes = self.population.swarm.outcome
        return int(np.count_nonzero(codes == HIT)), int(np.count_nonzero(codes == DIVERGED))

    def _step_play(self) -> bool:
        swarm = self.population.swarm
        self.from_x, self.from_y = swarm.x.copy(), swarm.y.copy()
        return super()._step_play()

    def _advance_endings(self, dt: float) -> list[str]:
        cues = []
        hits, splashes = self._counts()   # a split for new hits, a splash for new runs into the sea
        if hits > self.heard[0]:
            cues.append("split")
        if splashes > self.heard[1]:
            cues.append("splash")
        self.heard = (hits, splashes)
        if self.done:
            if self.ending_t < 0 and self.progress >= 1.0:
                self.ending_t = 0.0
            elif self.ending_t >= 0:
                self.ending_t += dt
        return cues

    def place_start(self, x: float, y: float) -> None:
        """Right click: the starts are random, so draw new ones (from the next seed; says so)."""
        seed = (self.scenario.seed + 1) % 2**63
        self._replace(f"seed = {seed}", seed=seed)

    # -- the beach -------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: TraceArrays) -> list[pygame.Rect]:
        """The players as dots of their group's colour; those that hit round the watermelon; with
        the heatmap, its legend over them. Returns what must stay in sight (the watermelon, the
        friends, the legend)."""
        state = self
        s = state.scenario
        beach.draw_waves(surf, cam, s.bounds, state.clock)
        u = unit(cam)
        wx, wy = cam.to_screen(*s.target)
        watermelon.draw_mat(surf, (wx, wy), u)
        reach_ring(surf, cam, s.target, s.reach)
        crowd.draw_crowd(surf, cam, state, hits=False)
        split = state.heard[0] > 0
        mood = "cheer" if split and state.done else "watch"
        items = [(wy, lambda: melon(surf, (wx, wy), u, 1.0 if split else -1.0)),
                 *((c[1], lambda c=c: watermelon.draw_decoy(surf, c, u)) for c in decoys(cam, s)),
                 (friends_y(cam, s), lambda: friends.draw_friends(surf, cam, s.bounds, None, mood, state.clock))]
        for _, draw in sorted(items, key=lambda p: p[0]):
            draw()
        crowd.draw_crowd(surf, cam, state, hits=True)
        keep = fixtures(cam, s)
        draw_legend(surf, cam, state, keep)
        return keep

    def banner(self) -> endings.Banner | None:
        """The hit rate, once every player has stopped."""
        if self.ending_t < 0:
            return None
        rate = float(np.mean(self.population.swarm.outcome == HIT))
        label = i18n.tr("hud.hit_rate", self.lang)
        return endings.Banner(f"{label[:1].upper()}{label[1:]} {rate:.0%}", endings.BANNER_COLOURS["hit"],
                              self.ending_t)

    def since_banner(self) -> float:
        return self.ending_t

    # -- the panel -------------------------------------------------------------------------------
    def hud_rows(self) -> list[tuple[str, str]]:
        """The step shown, lr, the players of each group, the loss, how they walk, the speed and
        how many had stopped by the step shown."""
        lang, s = self.lang, self.scenario
        pop = self.population
        n, in_a = pop.swarm.n, int(np.count_nonzero(pop.in_a))
        step = pop.rows[self.shown_rows - 1].step   # the step the panel shows: count who stopped by then
        stopped_by_then = np.where(pop.swarm.steps <= step, pop.swarm.outcome, 0)
        return [(i18n.tr("hud.step", lang), f"{step} / {s.max_steps}"),
                (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
                (i18n.tr("hud.players", lang), f"{n:,} (A {in_a:,} + B {n - in_a:,})"),
                *loss_rows(s, lang),
                *walker_rows(s, lang),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=self.speed)),
                (i18n.tr("hud.outcome", lang), crowd_status(self, stopped_by_then))]

    def hud_table(self) -> Table:
        """Mean loss and hit rate of groups A and B at the step shown."""
        lang = self.lang
        last = self.population.rows[self.shown_rows - 1]
        return Table(("",) + tuple(i18n.tr(key, lang) for key, _, _, _ in GROUPS),
                     ((i18n.tr("hud.mean_loss", lang), num(last.a_loss), num(last.b_loss)),
                      (i18n.tr("hud.hit_rate", lang), f"{last.a_hit_rate:.0%}", f"{last.b_hit_rate:.0%}")),
                     header_colours=(None,) + tuple(colour for _, colour, _, _ in GROUPS))

    def panel_key(self) -> tuple:
        return (tuple(self.hud_rows()), self.hud_table(), self.toggles.log_scale, self.lang,
                id(self.population), self.shown_rows)

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """Mean loss and hit rate of both groups against step, of the rows shown so far."""
        result = self.population.result()
        result = dataclasses.replace(result, rows=result.rows[: self.shown_rows])
        return population_charts(result, self.lang,
                                 x_max=step_axis_end(result.final.step, self.scenario.max_steps)), 2

    def help_rows(self) -> list[tuple[str, str]]:
        """Every control but the trail, arrow and feelers (a population shows none); a right click
        draws new random starts."""
        rows = controls.help_lines(self.lang)
        for name in ("arrow", "probes", "trail"):
            del rows[name]
        rows["player"] = (rows["player"][0], i18n.tr("help.player_population", self.lang))
        return list(rows.values())
