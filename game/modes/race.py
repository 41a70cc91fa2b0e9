"""A race: racers with their own step sizes (and optimizers) from the same start, one step each
per tick, each with its own ending; the watermelon is shared, and the first to split it wins."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar, Sequence

import pygame
from sim import Scenario, WalkResult
from sim.walking.race import Race
from sim.walking.walk import PICTURE_ROWS
from sim.walking.racers import Racer

from game import choreography as ch
from game import controls, i18n
from game.camera import Camera
from game.chart import PALETTE, ChartSpec
from game.drawers import beach, endings, probes, racers, unit
from game.drawers.player import player_view, sprite_rect
from game.experiment_charts import race_charts
from game.lr_steps import scaled_lr
from game.modes.base import Mode
from game.modes.beach_parts import (ARROW_LONGEST, TraceArrays, draw_ending, draw_feelers, footprints,
                                    draw_legend, draw_sprites, fixtures)
from game.modes.panel_rows import crowd_status, loss_rows, num, step_axis_end, walker_rows
from game.moves import Move, move_of, next_factor
from game.panel import Table

MAX_RACERS_SHOWN = len(PALETTE)   # a race in the window: one colour of the chart palette per racer
GASP_SECONDS = 2.5    # the friends gasp this long after a racer runs off into the sea


@dataclass(frozen=True)
class RacerView:
    """One racer as the drawers see it: the same fields a single walk's WalkMode offers, plus
    its place in the race."""

    index: int               # the racer's number from 0, in the order of the step sizes
    walk: WalkResult         # its walk so far: its scenario (with its lr) and its trace
    outcome: str | None      # once its ending is shown, else None
    ending_t: float          # seconds into its ending; < 0 before
    animating_from: int      # trace row it is shown walking from
    progress: float          # its latest step's animation, 0..1 (1 at rest)
    since_step: float        # seconds since its latest step
    step_seconds: float
    clock: float
    swing_facing: int        # +1: it swings at the watermelon from its left, facing right; -1 from its right
    swing_rank: int          # places forward (+) or back (-) of the watermelon where it swings
    move: Move | None        # the step its arrow shows (None once it has stopped)
    name: str                # its name tag: its step size, and its optimizer in a race of optimizers

    @property
    def scenario(self) -> Scenario:
        """The racer's scenario (the race's, with the racer's lr)."""
        return self.walk.scenario


@dataclass
class RaceMode(Mode):
    """A race of step sizes: racers with the step sizes ``lrs`` from the same start, one step
    each per tick, each with its own ending; the watermelon is shared."""

    name: ClassVar[str] = "race"
    option: ClassVar[str] = "race"
    play_type: ClassVar[type] = Race
    lrs: tuple[float, ...] = ()
    optimizers: tuple[str | None, ...] = ()   # per racer its optimizer (None or missing: the scenario's)
    original_lrs: tuple[float, ...] = field(init=False)   # R returns to these
    ending_ts: list[float] = field(init=False)            # per racer, as WalkMode.ending_t
    hit_order: list[int] = field(init=False)              # racers in the order they split it
    _names: tuple[Race, list[str]] | None = field(default=None, init=False, repr=False)   # racer_name's, per race

    def __post_init__(self) -> None:
        self.lrs = tuple(float(v) for v in self.lrs)
        if not 1 <= len(self.lrs) <= MAX_RACERS_SHOWN:
            raise ValueError(f"a race in the window needs 1 to {MAX_RACERS_SHOWN} step sizes, got {len(self.lrs)}")
        self.original_lrs = self.lrs
        self.toggles.probes = False   # several racers' feelers would crowd the start; P shows them
        super().__post_init__()

    @classmethod
    def from_option(cls, scenario: Scenario, value: Sequence[float | Racer], *, lang: str,
                    size: tuple[int, int], paused: bool = True) -> RaceMode:
        """A race of ``value``: step sizes, or Racers naming their optimizers."""
        entries = [r if isinstance(r, Racer) else Racer(float(r)) for r in value]
        return cls(scenario, lang, size, paused=paused, lrs=tuple(r.lr for r in entries),
                   optimizers=tuple(r.optimizer for r in entries))

    @classmethod
    def for_play(cls, play: Race, *, lang: str, size: tuple[int, int]) -> RaceMode:
        return cls(play.scenario, lang, size, lrs=tuple(float(v) for v in play.lrs),
                   optimizers=tuple(play.optimizers))

    def _begin(self) -> None:
        names = self.optimizers + (None,) * (len(self.lrs) - len(self.optimizers))
        self.play = Race(self.scenario, [Racer(lr, name) for lr, name in zip(self.lrs, names)], thin=PICTURE_ROWS)
        self.ending_ts = [-1.0] * len(self.lrs)
        self.hit_order = []

    def _show_ending(self, ending_t: float) -> None:
        race = self.race
        outcomes = race.outcomes
        self.ending_ts = [-1.0 if o is None else ending_t for o in outcomes]
        hits = [i for i, o in enumerate(outcomes) if o == "hit"]
        self.hit_order = sorted(hits, key=lambda i: race.traces[i][-1].step)

    @property
    def race(self) -> Race:
        """The race played."""
        return self.play

    def moving(self, i: int) -> bool:
        """Whether racer ``i`` moved in the latest tick (its step may still be animating)."""
        trace = self.race.traces[i]
        return len(trace) > 1 and trace[-1].step == self.ticks

    def outcome(self, i: int) -> str | None:
        """Racer ``i``'s outcome once its ending is shown, else None."""
        return self.race.outcomes[i] if self.ending_ts[i] >= 0 else None

    @property
    def winner(self) -> int | None:
        """The racer that split the watermelon first, once its ending is shown."""
        return self.hit_order[0] if self.hit_order else None

    @property
    def tied_winners(self) -> list[int]:
        """The racers whose ending is shown that split the watermelon on the same step as the winner."""
        if not self.hit_order:
            return []
        first = self.race.traces[self.hit_order[0]][-1].step
        return [i for i in self.hit_order if self.race.traces[i][-1].step == first]

    def runners(self) -> list[RacerView]:
        """Every racer as the drawers see it, in the order of ``lrs``."""
        progress = self.progress
        tx = self.scenario.target[0]
        first = 1 if not self.hit_order or tx >= self.race.traces[self.hit_order[0]][-1].x else -1
        views = []
        swarm = self.race.swarm
        coming = None if self.done else self.coming_steps(swarm)
        factor = next_factor(swarm)
        for i, (scenario, trace) in enumerate(zip(self.race.scenarios, self.race.traces)):
            moving = self.moving(i)
            n = len(trace)
            outcome = self.outcome(i)
            side, rank = ch.swing_place(self.hit_order.index(i) if i in self.hit_order else 0)
            views.append(RacerView(
                index=i, walk=WalkResult(scenario, self.race.outcomes[i] or "walking", trace[-1].step, trace),
                outcome=outcome, ending_t=self.ending_ts[i],
                animating_from=n - 2 if moving and progress < 1.0 else n - 1,
                progress=progress if moving else 1.0, since_step=self.since_step if moving else 1e9,
                step_seconds=self.step_seconds, clock=self.clock, swing_facing=first * side, swing_rank=rank,
                move=move_of(trace, n - 2 if moving and progress < 1.0 else n - 1, scenario.lr * factor,
                             None if coming is None or self.race.outcomes[i] else coming[:, i]),
                name=self.racer_name(i)))
        return views

    @property
    def named(self) -> bool:
        """Whether the racers are named by their optimizers too: unless all are plain gd."""
        return set(self.race.optimizers) != {"gd"}

    def racer_name(self, i: int) -> str:
        """Racer ``i``'s name tag: "lr 0.5" in a race of step sizes, "Adam 0.3" in a race of optimizers."""
        if self._names is None or self._names[0] is not self.race:
            named, lrs = self.named, [float(lr) for lr in self.race.lrs]
            self._names = (self.race, [
                i18n.tr("hud.racer_named", self.lang, name=i18n.OPTIMIZER_SHORT[opt], lr=lr) if named
                else i18n.tr("hud.racer", self.lang, lr=lr) for opt, lr in zip(self.race.optimizers, lrs)])
        return self._names[1][i]

    def _advance_endings(self, dt: float) -> list[str]:
        cues: list[str] = []
        progress = self.progress
        for i, outcome in enumerate(self.race.outcomes):
            if outcome is None:
                continue
            if self.ending_ts[i] < 0:
                if not ch.ending_due(outcome, self.moving(i), progress):
                    continue
                before, self.ending_ts[i] = -1e-9, 0.0
                if outcome == "hit":
                    self.hit_order.append(i)
            else:
                before = self.ending_ts[i]
                self.ending_ts[i] += dt
            cues += ch.cues(outcome, before, self.ending_ts[i])
        return list(dict.fromkeys(cues))   # each sound once per frame

    # -- commands --------------------------------------------------------------------------------
    def change_lr(self, up: bool) -> None:
        """Up / Down: every racer's lr times or divided by LR_FACTOR together (each kept within
        [LR_MIN, LR_MAX]); the race starts again."""
        self.lrs = tuple(scaled_lr(lr, up) for lr in self.lrs)
        lrs = " · ".join(f"{lr:g}" for lr in self.lrs)
        colon = "：" if self.lang == "ja" else ": "
        self.restart(self.scenario, f"{i18n.tr('status.race_lr', self.lang)}{colon}{lrs}")

    def cycle_optimizer(self) -> None:
        """O: the next optimizer for the racers that race with the scenario's (all, unless each
        was given its own)."""
        if len(self.optimizers) == len(self.lrs) and all(self.optimizers):
            self.say(i18n.tr("status.own_optimizers", self.lang))
            return
        super().cycle_optimizer()

    def reset(self) -> None:
        """Shift+R: back to the scenario and the step sizes as launched."""
        self.lrs = self.original_lrs
        super().reset()

    # -- the beach -------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: TraceArrays) -> list[pygame.Rect]:
        """Every racer in its colour with its trail, step arrow, ending and name tag; the shared
        watermelon splits when the first racer hits it and stays split for the others; with the
        heatmap, its legend clear of them. Returns what must stay in sight (window pixels)."""
        state = self
        s = state.scenario
        runners = state.runners()
        lanes = racers.lanes(cam, s.start, s.target, len(runners))
        trails = [footprints(s, *arrays.xy(r.walk.trace, r.animating_from + 1), racers.racer_colour(r.index), shift)
                  for r, shift in zip(runners, lanes)] if state.toggles.trail else []
        arrays.prints.update(surf, cam, trails, arrays.under)   # on the beach as it is under them
        beach.draw_waves(surf, cam, s.bounds, state.clock)
        arrays.prints.draw(surf, beach.wave_free(cam, s.bounds))
        views = [player_view(r, cam) for r in runners]
        if state.toggles.probes:
            for r, view in zip(runners, views):
                draw_feelers(surf, cam, r, view)
        keep = [*(sprite_rect(cam, v) for v in views), *fixtures(cam, s)]
        draw_legend(surf, cam, state, keep)
        winner = state.winner
        split_t = state.ending_ts[winner] - ch.SPLIT_AT if winner is not None else -1.0
        splashing = any(r.outcome == "diverged" and r.ending_t < GASP_SECONDS for r in runners)
        mood = "cheer" if split_t >= 0 else ("gasp" if splashing else "watch")
        _, heads = draw_sprites(surf, cam, state, [(v, racers.racer_look(r.index)) for r, v in zip(runners, views)],
                                split_t, None, mood)
        if state.toggles.arrow:   # the longest first, so that the shorter ones on the same line show
            for r in sorted(runners, key=lambda r: -_step_length(r)):
                if not r.outcome and r.move is not None:
                    m = r.move
                    probes.draw_arrow(surf, cam, m.x, m.y, m.dx, m.dy, racers.racer_colour(r.index), lanes[r.index],
                                      ARROW_LONGEST)
        for r, view, head in zip(runners, views, heads):
            draw_ending(surf, cam, r, view, head)
        tags = [(head, r.name, racers.racer_colour(r.index))
                for r, head in zip(runners, heads)]
        keep += racers.draw_tags(surf, tags, unit(cam), pygame.Rect(cam.rect))
        return keep

    def banner(self) -> endings.Banner | None:
        """The first racer to split the watermelon (with those tied with it), or the outcome all
        racers share."""
        winner = self.winner
        if winner is not None:
            names = " = ".join(self.racer_name(i) for i in self.tied_winners)
            return endings.Banner(f"{i18n.tr('outcome.hit', self.lang)}  {names}", racers.racer_colour(winner),
                                  self.ending_ts[winner] - ch.SPLIT_AT)
        if self.done and len(set(self.race.outcomes)) == 1 and min(self.ending_ts) >= 0:
            outcome = self.race.outcomes[0]
            return endings.outcome_banner(outcome, self.lang, min(self.ending_ts) - ch.BANNER_DELAY[outcome],
                                          self.scenario)
        return None

    def since_banner(self) -> float:
        return min(self.ending_ts) - ch.SPLIT_AT if self.done else -1.0

    # -- the panel -------------------------------------------------------------------------------
    def hud_rows(self) -> list[tuple[str, str]]:
        """The step of the racers that walk longest, the loss, how they walk, the speed and how
        many have stopped."""
        return self._hud_rows(self.runners())

    def _hud_rows(self, runners: list[RacerView]) -> list[tuple[str, str]]:
        lang, s = self.lang, self.scenario
        step = max(r.walk.trace[r.animating_from].step for r in runners)
        return [(i18n.tr("hud.step", lang), f"{step} / {s.max_steps}"),
                *loss_rows(s, lang),
                *walker_rows(s, lang, optimizer=not self.named),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=self.speed)),
                (i18n.tr("hud.outcome", lang), crowd_status(self, self.race.swarm.outcome))]

    def hud_table(self) -> Table:
        """The racers: lr (or name), step, loss and outcome, in their colours. An outcome is named
        once the racer's ending has landed (the split, the splash, ...), not while it still runs
        to the sea over the sand."""
        return self._hud_table(self.runners())

    def _hud_table(self, runners: list[RacerView]) -> Table:
        lang = self.lang
        rows = []
        for r in runners:
            row = r.walk.trace[r.animating_from]
            landed = r.outcome is not None and r.ending_t >= ch.BANNER_DELAY[r.outcome]
            status = i18n.tr(f"outcome_name.{r.outcome}" if landed else "hud.running", lang)
            if self.named:   # the optimizer's name takes the room of the step, which the HUD shows
                rows.append((r.name, num(row.loss), status))
            else:
                rows.append((f"{r.scenario.lr:g}", f"{row.step}", num(row.loss), status))
        keys = ("hud.loss", "hud.outcome") if self.named else ("hud.step", "hud.loss", "hud.outcome")
        first = f"{i18n.tr('hud.optimizer', lang)} · {i18n.tr('hud.lr', lang)}" if self.named \
            else i18n.tr("hud.lr", lang)
        header = (first, *(i18n.tr(k, lang) for k in keys))
        return Table(header, tuple(rows), tuple(racers.racer_colour(i) for i in range(len(rows))))

    def panel_key(self) -> tuple:
        runners = self.runners()   # once: the frame's costliest part after the drawing
        return (tuple(self._hud_rows(runners)), self._hud_table(runners), self.toggles.log_scale, self.lang,
                id(self.race), tuple((len(r.walk.trace), r.animating_from) for r in runners))

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """The loss and the offset against step, one line per racer, of the rows shown so far."""
        shown = [WalkResult(r.scenario, r.walk.outcome, r.walk.steps, r.walk.trace[: r.animating_from + 1])
                 for r in self.runners()]
        last = max(w.trace[-1].step for w in shown)
        return race_charts(shown, self.lang, log=self.toggles.log_scale,
                           x_max=step_axis_end(last, self.scenario.max_steps)), 1

    def help_rows(self) -> list[tuple[str, str]]:
        """Every control; ↑/↓ change every racer's lr together."""
        rows = controls.help_lines(self.lang)
        keys, action = rows["lr"]
        rows["lr"] = (keys, f"{action} ({i18n.tr('status.race_lr', self.lang)})")
        return list(rows.values())


def _step_length(racer: RacerView) -> float:
    """How long the step the racer's arrow shows is (m): inf when it is not a finite number."""
    if racer.move is None:
        return 0.0
    length = math.hypot(racer.move.dx, racer.move.dy)
    return length if math.isfinite(length) else math.inf
