"""The lone walk: one blindfolded player feels the slope, hears a friend shout, steps, and ends.

On the digits network's beach (the digits landscape) the walk also shows the real training's
path through the plane and, in the panel, that training's learning curves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pygame
from sim import Scenario, StepRecord, Walk
from sim.walking.gradient import numerical_gradient
from sim.walking.ground import ground_kind
from sim.walking.walk import PICTURE_ROWS

from game import choreography as ch
from game import i18n
from game.camera import Camera
from game.chart import PALETTE, ChartSpec, Series
from game.drawers import beach, endings, friends, heatmap, optimizer, probes, training, unit, watermelon
from game.drawers.person import PLAYER, head_rect
from game.drawers.player import player_view, sprite_rect
from game.learn_charts import learn_charts
from game.lr_steps import ladder_lr
from game.modes.base import Mode
from game.modes.beach_parts import (ARROW_LONGEST, TraceArrays, draw_ending, draw_feelers, draw_footprints,
                                    draw_legend, draw_sprites, fixtures)
from game.modes.panel_rows import loss_rows, num, step_axis_end, waiting_key, walker_rows
from game.moves import Move, move_of, next_factor
from game.overlays import prompt_room_bottom
from game.stage import DIGITS_CYCLE

WALK_SPEED = 2.0      # steps per second of the lone walk: slow enough to follow each step felt,
                      # shouted and walked


@dataclass
class WalkMode(Mode):
    """One blindfolded player's walk: everything the scene shows of it."""

    name: ClassVar[str] = "walk"
    play_type: ClassVar[type] = Walk
    speed: float = WALK_SPEED              # steps per second
    ending_t: float = -1.0                 # seconds since the ending began; < 0 while walking
    _heard: tuple[tuple, np.ndarray] | None = field(default=None, init=False, repr=False)   # friends_heard's last
    _ground: tuple[tuple, str] | None = field(default=None, init=False, repr=False)        # ground's last

    @classmethod
    def from_option(cls, scenario: Scenario, value: Any = None, *, lang: str, size: tuple[int, int],
                    paused: bool = True) -> WalkMode:
        return cls(scenario, lang, size, paused=paused)

    @classmethod
    def for_play(cls, play: Walk, *, lang: str, size: tuple[int, int]) -> WalkMode:
        return cls(play.scenario, lang, size)

    def _begin(self) -> None:
        self.play = Walk(self.scenario, thin=PICTURE_ROWS)
        self.ending_t = -1.0

    def _show_ending(self, ending_t: float) -> None:
        self.ending_t = ending_t if self.walk.done else -1.0

    @property
    def walk(self) -> Walk:
        """The walk played."""
        return self.play

    @property
    def animating_from(self) -> int:
        """Trace row the player is shown walking from (== the last row when at rest)."""
        n = len(self.walk.trace)
        return n - 2 if n >= 2 and self.progress < 1.0 else n - 1

    @property
    def outcome(self) -> str | None:
        """The walk's outcome once its ending is shown, else None."""
        return self.walk.outcome if self.ending_t >= 0 else None

    @property
    def move(self) -> Move | None:
        """The step the arrow shows: the one being walked, or at rest the coming one (None once
        the walk has ended)."""
        swarm = self.walk.swarm
        coming = None if self.walk.done else self.coming_steps(swarm)[:, 0]
        return move_of(self.walk.trace, self.animating_from, self.scenario.lr * next_factor(swarm), coming)

    @property
    def ground(self) -> str | None:
        """What the player stands on once its walk ended stuck (sim.walking.ground), else None."""
        if self.walk.outcome != "stuck":
            return None
        if self._ground is None or self._ground[0] != (self.scenario, self.walk.steps):
            last = self.walk.trace[-1]
            self._ground = ((self.scenario, self.walk.steps), ground_kind(self.scenario, last.x, last.y))
        return self._ground[1]

    @property
    def swing_facing(self) -> int:
        """+1 when the player swings at the watermelon from its left (facing right), else -1: from
        the side it came from."""
        return 1 if self.scenario.target[0] >= self.walk.trace[-1].x else -1

    @property
    def swing_rank(self) -> int:
        """Places forward of the watermelon where the player swings: the lone player, none."""
        return 0

    def friends_heard(self, row: StepRecord, n: int) -> np.ndarray:
        """What ``n`` friends make of the slope at ``row`` when they shout imprecisely (noise S):
        each the numerical gradient at its own spot off by N(0, S²) metres per axis, (2, n) rows x,
        y. Drawn for the picture only, from a Generator seeded by the scenario's seed and the
        step, so that the walk's own draws (what the player heard) are left alone."""
        s = self.scenario
        if self._heard is not None and self._heard[0] == (s, row.step, n):
            return self._heard[1]
        rng = np.random.default_rng([s.seed, row.step, 1])
        spots = np.array([[row.x], [row.y]]) + s.noise * rng.standard_normal((2, n))
        _, gx, gy = numerical_gradient(s.loss_fn, spots[0], spots[1], *s.target, s.h)
        self._heard = ((s, row.step, n), np.stack([gx, gy]))
        return self._heard[1]

    def _advance_endings(self, dt: float) -> list[str]:
        outcome = self.walk.outcome
        if outcome is None:
            return []
        if self.ending_t < 0:
            if not ch.ending_due(outcome, True, self.progress):
                return []
            before, self.ending_t = -1e-9, 0.0
        else:
            before = self.ending_t
            self.ending_t += dt
        return ch.cues(outcome, before, self.ending_t)

    def digit_point(self) -> tuple[float, float] | None:
        """On the digits network's beach, where the player is shown: the weights the digit panel
        draws the network for."""
        if self.scenario.loss not in DIGITS_CYCLE:
            return None
        row = self.walk.trace[self.animating_from]
        return row.x, row.y

    def change_lr(self, up: bool) -> None:
        """Up / Down: the next learning rate of LR_LADDER, so that 1 and 2 are a few presses away."""
        lr = ladder_lr(self.scenario.lr, up)
        self._replace(i18n.tr("status.lr_changed", self.lang, lr=lr), lr=lr)

    # -- the beach -------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: TraceArrays) -> list[pygame.Rect]:
        """The lone player's walk: its trail, feelers, the friends' shout, the step arrow and its
        sum, the ending, and with the heatmap its legend. The step's sum, the legend and the shout's
        bubble are laid out first, in that order, so that each keeps off the player, its feelers and
        those before it. Returns what must stay in sight (window pixels)."""
        state = self
        s, walk = state.scenario, state.walk
        beach.draw_waves(surf, cam, s.bounds, state.clock)
        path = _training_path(state)
        if path is not None:
            training.draw_training_path(surf, cam, path)
        shown = state.animating_from
        if state.toggles.trail:
            draw_footprints(surf, cam, s, *arrays.xy(walk.trace, shown + 1), None)
        outcome = state.outcome
        view = player_view(state, cam)
        row = walk.trace[shown]
        key = draw_feelers(surf, cam, state, view, state.lang) if state.toggles.probes else None
        melon = watermelon.rect(cam.to_screen(*s.target), unit(cam))
        move = state.move if state.toggles.arrow and not outcome else None
        lr = s.lr if move is None else move.lr
        sums = None if move is None else probes.step_sum(move, s.optimizer, state.lang, heard=bool(s.noise))
        card = None if move is None else \
            probes.place_step_sum(cam, move, sums, [r for r in (key, melon) if r is not None], ARROW_LONGEST)
        axes = optimizer.lr_per_axis(row, lr) if move is not None else None
        if axes is not None:
            optimizer.draw_scale(surf, cam, row.x, row.y, axes)
        u = unit(cam)
        feet = cam.to_screen(view.x, view.y)
        reach = u * (probes.PROBE_DISTANCE + 0.35)
        near = [pygame.Rect(head_rect(feet, u, view.pose)),   # the player's head, feelers and cards
                pygame.Rect(feet[0] - reach, feet[1] - reach, 2 * reach, 2 * reach),
                *(r for r in (key, card) if r is not None)]
        keep = [sprite_rect(cam, view), *near, *fixtures(cam, s)]
        legend = draw_legend(surf, cam, state, keep)
        near += [] if legend is None else [legend]   # the bubble keeps off it too
        if path is not None:
            near.append(training.draw_training_tag(surf, cam, path, state.lang, keep))
            keep.append(near[-1])
        lines = optimizer.key_lines(row, lr, s.optimizer, s.noise, state.lang) if move is not None else []
        key_card = optimizer.build_key(lines, optimizer.key_px(u)) if lines else None
        key_place = None
        if key_card is not None:
            key_place = heatmap.place_legend(key_card.get_size(), beach.sand_rect(cam, s.bounds),
                                             prompt_room_bottom(pygame.Rect(cam.rect)), round(u * 0.3), keep)
            keep.append(key_place)
            near.append(key_place)
        shout = _shout(state, row)
        who, place = None, None
        heads_at = friends.head_rects(cam, s.bounds)
        if shout is not None:
            text, hint, prefer = shout
            who, place = friends.place_bubble(cam, heads_at, prefer, text, hint is not None, near)
        mood = {"hit": "cheer", "diverged": "gasp", "max_steps": "sigh"}.get(outcome or "", "watch")
        shouter = None if outcome else who
        split_t = state.ending_t - ch.SPLIT_AT if outcome == "hit" else -1.0
        heads, (head,) = draw_sprites(surf, cam, state, [(view, PLAYER)], split_t, shouter, mood)
        # What the audience sees on top: the step arrow with its sum, the ending's effects, the shout.
        if move is not None:   # the step, and on it the thin arrows of the velocity and the slope alone
            probes.draw_arrow(surf, cam, move.x, move.y, move.dx, move.dy, longest=ARROW_LONGEST)
            optimizer.draw_velocity(surf, cam, row, ARROW_LONGEST)
            if lines:
                optimizer.draw_slope(surf, cam, row, lr, ARROW_LONGEST)
        if card is not None and sums is not None:
            probes.draw_step_sum(surf, cam, sums, card)
        if key_card is not None and key_place is not None:
            surf.blit(key_card, key_place)
        draw_ending(surf, cam, state, view, head)
        if shout is not None and who is not None and place is not None:
            pop = min(1.0, state.since_step / 0.15) if outcome is None and len(walk.trace) > 1 else 1.0
            if s.noise and shout[1] is not None:   # the other friends make their own of the slope: they disagree
                keep += _draw_disagreement(surf, cam, state, row, [h for k, h in enumerate(heads) if k != who],
                                           place)
            keep.append(friends.draw_bubble(surf, cam, heads[who], place, shout[0], shout[1], pop))
        return keep

    def banner(self) -> endings.Banner | None:
        """The walk's outcome, once its ending has shown."""
        if not self.outcome:
            return None
        return endings.outcome_banner(self.outcome, self.lang, self.ending_t - ch.BANNER_DELAY[self.outcome],
                                      self.scenario)

    def since_banner(self) -> float:
        return self.ending_t - ch.BANNER_DELAY[self.outcome] if self.outcome else -1.0

    # -- the panel -------------------------------------------------------------------------------
    def hud_rows(self) -> list[tuple[str, str]]:
        """Step, loss, lr (and the step's lr under a schedule), h, |grad|, the loss's name, how
        the player walks, the speed and the outcome (or ready, paused, walking)."""
        lang, s = self.lang, self.scenario
        row = self.walk.trace[self.animating_from]
        outcome = self.outcome
        status = i18n.tr(f"outcome_name.{outcome}", lang) if outcome else i18n.tr(waiting_key(self), lang)
        return [
            (i18n.tr("hud.step", lang), f"{row.step} / {s.max_steps}"),
            (i18n.tr("hud.loss", lang), num(row.loss)),
            (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
            *self._step_lr_rows(),
            (i18n.tr("hud.h", lang), i18n.h_text(s.h)),
            *self._grad_rows(row),
            *loss_rows(s, lang),
            *walker_rows(s, lang),
            (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=self.speed)),
            (i18n.tr("hud.outcome", lang), status),
        ]

    def _grad_rows(self, row: StepRecord) -> list[tuple[str, str]]:
        """The slope's size; with noisy friends both the true one and the one the player heard
        (which made the step)."""
        if not self.scenario.noise:
            return [(i18n.tr("hud.grad", self.lang), num(row.grad_norm))]
        return [(i18n.tr("hud.true_grad", self.lang), num(row.grad_norm)),
                (i18n.tr("hud.heard_grad", self.lang), num(float(np.hypot(row.heard_x, row.heard_y))))]

    def _step_lr_rows(self) -> list[tuple[str, str]]:
        """Under a schedule that is not constant: the step size of the step shown."""
        if self.scenario.lr_schedule.constant:
            return []
        move = self.move
        if move is None:
            return []
        return [(i18n.tr("hud.step_lr", self.lang), f"{move.lr:.3g}")]

    @property
    def status_outcome(self) -> str | None:
        return self.outcome

    def panel_key(self) -> tuple:
        return (tuple(self.hud_rows()), self.toggles.log_scale, self.lang,
                id(self.walk), len(self.walk.trace), self.animating_from, self.outcome)

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """The loss against step; on the digits beach the training's learning curves above it, under
        a schedule the lr of every update below it."""
        loss = self.chart_spec()
        if self.scenario.loss in DIGITS_CYCLE:
            from sim.learning.landscape import digits_landscape
            return [*learn_charts(digits_landscape().result, self.lang), loss], 2
        if self.scenario.lr_schedule.constant:
            return [loss], 1
        return [loss, self.lr_chart_spec(loss.x_range)], 2

    def chart_spec(self) -> ChartSpec:
        """The live loss-vs-step chart of the rows shown so far (log scale unless a loss is <= 0)."""
        lang = self.lang
        rows = self.walk.trace[: self.animating_from + 1]
        steps = np.array([r.step for r in rows], float)
        losses = np.array([r.loss for r in rows], float)
        finite = losses[np.isfinite(losses)]
        log = self.toggles.log_scale and finite.size > 0 and bool((finite > 0).all())
        scale = i18n.tr("chart.log_scale" if log else "chart.linear_scale", lang)
        colour = PALETTE[0]
        series = [Series(i18n.tr(f"loss.{self.scenario.loss}", lang), steps, losses, colour, "line", 2),
                  Series("", steps[-1:], losses[-1:], PALETTE[1], "points", 3)]
        return ChartSpec(f"{i18n.tr('chart.loss_vs_step', lang)} ({scale})", i18n.tr("axis.step", lang),
                         i18n.tr("axis.loss", lang), series, y_log=log,
                         x_range=(0.0, step_axis_end(steps[-1] if steps.size else 0, self.scenario.max_steps)),
                         legend=False)

    def lr_chart_spec(self, x_range: tuple[float, float] | None) -> ChartSpec:
        """The step size of every update under the schedule (update 1, 2, ... on ``x_range``), with a
        dot at the update the step arrow shows: the schedule's plan and where the walk is in it."""
        lang, s = self.lang, self.scenario
        last = int(min(s.max_steps, x_range[1] if x_range else s.max_steps))
        steps = np.arange(1, last + 1, dtype=float)
        lrs = s.lr_per_step(last)
        coming = self.walk.trace[self.animating_from].step   # the update the step arrow shows, from 0
        series = [Series(i18n.tr("hud.lr", lang), steps, lrs, PALETTE[2], "steps", 2),
                  Series("", steps[coming:coming + 1], lrs[coming:coming + 1], PALETTE[1], "points", 3)]
        top = float(lrs.max()) if lrs.size else s.lr
        title = i18n.tr("chart.detail", lang, title=i18n.tr("chart.lr_per_step", lang),
                        detail=s.lr_schedule.describe())
        return ChartSpec(title, i18n.tr("axis.step", lang),
                         i18n.tr("axis.lr", lang), series, x_range=x_range, y_range=(0.0, top * 1.05), legend=False)


def _training_path(state: WalkMode) -> np.ndarray | None:
    """On the digits network's beach, with the trail shown: the real training's path, epoch by
    epoch, projected onto the plane (E+1, 2) metres; else None."""
    s = state.scenario
    if s.loss not in DIGITS_CYCLE or not state.toggles.trail:
        return None
    from sim.learning.landscape import digits_landscape
    return digits_landscape().footprints(*s.target)


def _draw_disagreement(surf: pygame.Surface, cam: Camera, state: WalkMode, row: StepRecord,
                       heads: list[pygame.Rect], bubble: pygame.Rect) -> list[pygame.Rect]:
    """Over each friend's head in ``heads`` a small bubble with the way that friend makes of the
    slope from its own noisy spot (kept off the talking friend's ``bubble``); returns their rectangles."""
    heard = state.friends_heard(row, len(heads))
    out = []
    for head, (gx, gy) in zip(heads, heard.T):
        hint = (-float(gx), -float(gy), float(np.hypot(gx, gy)))
        rect = friends.hint_bubble_rect(cam, head)
        if rect.colliderect(bubble):
            head = head.move(0, bubble.top - rect.bottom - 4)
        out.append(friends.draw_hint_bubble(surf, cam, head, hint))
    return out


def shouter_of(row: StepRecord) -> int:
    """Which friend shouts the hint for ``row``: the loud one (0) when the slope is steep, the
    gentle one (2) when it is slight, else the middle one; so the bubble stays put while the
    hints stay alike and moves when the slope's size changes its words."""
    return {"big": 0, "normal": 1, "small": 2}[friends.urgency(row.grad_norm)]


def _shout(state: WalkMode, row: StepRecord) -> tuple[str, tuple[float, float, float] | None, int] | None:
    """What the friends shout about the row being felt, the hint arrow's (dx, dy, grad_norm)
    and which friend would rather shout it: Stop! on a hit, a puzzled one when stuck, nothing
    once the player ran into the sea or sat down tired."""
    outcome, lang = state.outcome, state.lang
    if outcome in ("diverged", "max_steps"):
        return None
    if outcome == "hit":
        return friends.shout(0, 0, 0, lang, hit=True), None, 1
    if outcome == "stuck":
        return friends.shout(0, 0, 0, lang, ground=state.ground), None, 1
    hint = optimizer.heard_hint(row)   # what the player heard: with noise, not quite the slope
    return friends.shout(*hint, lang), hint, shouter_of(row)
