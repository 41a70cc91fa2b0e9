"""The whole frame: the beach with everything on it, the side panel with the charts, overlays.

``Scene.draw(surface, state)`` draws the state of any mode (a lone walk, a race, a population)
onto any surface (the window, a screenshot, a test's surface). The Scene holds only caches (the
background with the heatmap, the panel) and where it put the heatmap's legend last; the drawers it
calls read the state and never change it. Each mode's beach says what on it must stay in sight
(the players, the watermelon, the friends, the cards), and the legend and the messages keep off it.
``render_png``, ``render_race_png`` and ``render_population_png`` save the final scene headless.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pygame
from sim import Scenario, StepRecord, Walk
from sim.walking.population import Population
from sim.beach.beaches import beach_features
from sim.walking.race import Race
from sim.walking.swarm import HIT

from game import chart, i18n
from game import state as st
from game.camera import Camera
from game.png import save_png
from game.drawers import (beach, crowd, endings, friends, heatmap, optimizer, probes, racers, trail, training, unit,
                          watermelon)
from game.drawers.person import PLAYER, Look, head_rect, stick_tip
from game.drawers.player import PlayerView, Shown, draw_player, on_sand, player_view, sprite_rect
from game.hud import (chart_rects, chart_specs, draw_help, draw_panel, draw_start_prompt, draw_toast, panel_key,
                      prompt_room_bottom)
from game.state import PopulationState, RacerView, RaceState, Stage, ViewState

REACH_RING = (255, 255, 255)
GASP_SECONDS = 2.5    # the friends gasp this long after a racer runs off into the sea
AGAIN_AFTER = 1.5     # seconds after the ending's banner that the prompt to play again appears
ARROW_LONGEST = 1.5   # a step arrow may reach this many times the beach view's shorter side:
                      # an overshooting step's arrow shows where it will land, in the sea if so


@dataclass(frozen=True)
class Layout:
    """Where the parts of a window of ``size`` pixels go."""

    size: tuple[int, int]
    beach: pygame.Rect
    panel: pygame.Rect


def layout(size: tuple[int, int]) -> Layout:
    """Landscape windows get the panel on the right; tall ones get it along the bottom."""
    w, h = size
    if w >= h * 1.15:
        pw = max(240, min(520, round(w * 0.31)))
        return Layout((w, h), pygame.Rect(0, 0, w - pw, h), pygame.Rect(w - pw, 0, pw, h))
    ph = max(200, min(420, round(h * 0.36)))
    return Layout((w, h), pygame.Rect(0, 0, w, h - ph), pygame.Rect(0, h - ph, w, ph))


def camera_for(size: tuple[int, int], bounds: tuple[float, float, float, float]) -> Camera:
    """The camera of a window of ``size`` pixels showing the sand ``bounds`` (metres)."""
    return Camera.for_beach(bounds, layout(size).beach)


class Scene:
    """Draws view states; keeps the expensive layers cached until what they show changes."""

    def __init__(self) -> None:
        self._bg_key: tuple | None = None
        self._bg: pygame.Surface | None = None
        self._world_key: tuple | None = None
        self._world: pygame.Surface | None = None
        self._panel_key: tuple | None = None
        self._panel: pygame.Surface | None = None
        self._chart_rects: list[pygame.Rect] = []
        self._arrays = TraceArrays()
        self.legend_at: pygame.Rect | None = None   # where the heatmap's legend was drawn last (window pixels)
        self._target: pygame.Surface | None = None   # the surface being drawn on: cached layers take its format

    # -- cached layers ---------------------------------------------------------------------------
    def world_layer(self, size: tuple[int, int], cam: Camera, state: Stage) -> pygame.Surface:
        """Sea and sand (and, when toggled, the heatmap with contours), rebuilt only on change."""
        s = state.scenario
        bg_key = (size, s.bounds, cam.rect)
        if bg_key != self._bg_key:
            self._bg = _display_format(beach.build_background(size, cam, s.bounds), self._target)
            self._bg_key, self._world_key = bg_key, None
        key = (bg_key, s.loss, s.expr, s.reach, s.target) if state.toggles.heatmap else bg_key
        if key != self._world_key:
            if state.toggles.heatmap:
                world = heatmap.build_heatmap(self._bg, cam, s.bounds, s.loss_fn, s.target)
            else:
                world = self._bg.copy()
            beach.decorate(world, cam, s.bounds)
            self._world, self._world_key = _display_format(world, self._target), key
        return self._world

    def panel_layer(self, lay: Layout, state: Stage) -> tuple[pygame.Surface, list[pygame.Rect]]:
        """The side panel (HUD and charts) and the charts' rectangles in window pixels."""
        key = (lay.panel.size, panel_key(state))
        if key != self._panel_key:
            panel = pygame.Surface(lay.panel.size)
            area = draw_panel(panel, panel.get_rect(), state)
            specs, required = chart_specs(state)
            rects = chart_rects(area, len(specs), required)
            for spec, rect in zip(specs, rects):
                chart.draw_chart(panel, rect, spec)
            self._panel = _display_format(panel, self._target)
            self._chart_rects = [r.move(lay.panel.topleft) for r in rects]
            self._panel_key = key
        return self._panel, self._chart_rects

    def chart_rects(self, lay: Layout, state: Stage) -> list[pygame.Rect]:
        """Where the live charts are drawn (window pixels), in the order of hud.chart_specs."""
        return self.panel_layer(lay, state)[1]

    def chart_rect(self, lay: Layout, state: Stage) -> pygame.Rect:
        """Where the first live chart is drawn (window pixels; empty when there is no room)."""
        rects = self.chart_rects(lay, state)
        return rects[0] if rects else pygame.Rect(0, 0, 0, 0)

    # -- the frame ---------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, state: Stage, *, prompts: bool = True) -> None:
        """Draw the whole frame for ``state`` onto ``surf`` (sized like the window); ``prompts``:
        with the hints to press Space before the start and after the end (a still picture has none)."""
        self._target = surf
        size = surf.get_size()
        lay = layout(size)
        s = state.scenario
        cam = Camera.for_beach(s.bounds, lay.beach)
        surf.blit(self.world_layer(size, cam, state), lay.beach.topleft, lay.beach)
        clip = surf.get_clip()
        surf.set_clip(lay.beach.clip(clip))
        if isinstance(state, RaceState):
            keep, self.legend_at = _draw_race(surf, cam, state, self._arrays)
        elif isinstance(state, PopulationState):
            keep, self.legend_at = _draw_population(surf, cam, state)
        else:
            keep, self.legend_at = _draw_walk(surf, cam, state, self._arrays)
        surf.set_clip(clip)
        _draw_banner(surf, lay.beach, state)
        panel, _ = self.panel_layer(lay, state)
        surf.blit(panel, lay.panel)
        if prompts and not state.toggles.help:
            if state.paused and state.ticks == 0 and not state.done:
                draw_start_prompt(surf, lay.beach, state.lang, state.clock)
            elif _since_banner(state) >= AGAIN_AFTER:   # Space plays again: say so under the banner
                top = endings.banner_bottom(lay.beach)
                draw_start_prompt(surf, pygame.Rect(lay.beach.x, top, lay.beach.w, lay.beach.bottom - top),
                                  state.lang, state.clock, i18n.tr("hud.again_hint", state.lang))
        draw_toast(surf, lay.beach, state.message, state.message_t, keep)
        if state.toggles.help:
            draw_help(surf, state)


# -- the beach of each mode ------------------------------------------------------------------------
def _draw_walk(surf: pygame.Surface, cam: Camera, state: ViewState,
               arrays: TraceArrays) -> tuple[list[pygame.Rect], pygame.Rect | None]:
    """The lone player's walk: its trail, feelers, the friends' shout, the step arrow and its
    sum, the ending, and with the heatmap its legend. The step's sum, the legend and the shout's
    bubble are laid out first, in that order, so that each keeps off the player, its feelers and
    those before it. Returns what must stay in sight and where the legend is (window pixels)."""
    s, walk = state.scenario, state.walk
    beach.draw_waves(surf, cam, s.bounds, state.clock)
    path = _training_path(state)
    if path is not None:
        training.draw_training_path(surf, cam, path)
    shown = state.animating_from
    if state.toggles.trail:
        _trail(surf, cam, s, *arrays.xy(walk.trace, shown + 1), None)
    outcome = state.outcome
    view = player_view(state, cam)
    row = walk.trace[shown]
    key = _draw_feelers(surf, cam, state, view, state.lang) if state.toggles.probes else None
    melon = watermelon.rect(cam.to_screen(*s.target), unit(cam))
    move = state.move if state.toggles.arrow and not outcome else None
    lr = s.lr if move is None else move.lr
    sums = None if move is None else probes.step_sum(move, s.optimizer, state.lang)
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
    keep = [sprite_rect(cam, view), *near, *_fixtures(cam, s)]
    legend = _draw_legend(surf, cam, state, keep)
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
    split_t = state.ending_t - st.SPLIT_AT if outcome == "hit" else -1.0
    heads, (head,) = _draw_sprites(surf, cam, state, [(view, PLAYER)], split_t, shouter, mood)
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
    _draw_ending(surf, cam, state, view, head)
    if shout is not None and who is not None and place is not None:
        pop = min(1.0, state.since_step / 0.15) if outcome is None and len(walk.trace) > 1 else 1.0
        if s.noise and shout[1] is not None:   # the other friends make their own of the slope: they disagree
            keep += _draw_disagreement(surf, cam, state, row, [h for k, h in enumerate(heads) if k != who], place)
        keep.append(friends.draw_bubble(surf, cam, heads[who], place, shout[0], shout[1], pop))
    return keep, legend


def _draw_disagreement(surf: pygame.Surface, cam: Camera, state: ViewState, row: StepRecord,
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


def _draw_race(surf: pygame.Surface, cam: Camera, state: RaceState,
               arrays: TraceArrays) -> tuple[list[pygame.Rect], pygame.Rect | None]:
    """Every racer in its colour with its trail, step arrow, ending and name tag; the shared
    watermelon splits when the first racer hits it and stays split for the others; with the
    heatmap, its legend clear of them. Returns what must stay in sight and where the legend is
    (window pixels)."""
    s = state.scenario
    beach.draw_waves(surf, cam, s.bounds, state.clock)
    runners = state.runners()
    lanes = racers.lanes(cam, s.start, s.target, len(runners))
    if state.toggles.trail:
        for r, shift in zip(runners, lanes):
            _trail(surf, cam, s, *arrays.xy(r.walk.trace, r.animating_from + 1), racers.racer_colour(r.index), shift)
    views = [player_view(r, cam) for r in runners]
    if state.toggles.probes:
        for r, view in zip(runners, views):
            _draw_feelers(surf, cam, r, view)
    keep = [*(sprite_rect(cam, v) for v in views), *_fixtures(cam, s)]
    legend = _draw_legend(surf, cam, state, keep)
    winner = state.winner
    split_t = state.ending_ts[winner] - st.SPLIT_AT if winner is not None else -1.0
    splashing = any(r.outcome == "diverged" and r.ending_t < GASP_SECONDS for r in runners)
    mood = "cheer" if split_t >= 0 else ("gasp" if splashing else "watch")
    _, heads = _draw_sprites(surf, cam, state, [(v, racers.racer_look(r.index)) for r, v in zip(runners, views)],
                             split_t, None, mood)
    if state.toggles.arrow:   # the longest first, so that the shorter ones on the same line show
        for r in sorted(runners, key=lambda r: -_step_length(r)):
            if not r.outcome and r.move is not None:
                m = r.move
                probes.draw_arrow(surf, cam, m.x, m.y, m.dx, m.dy, racers.racer_colour(r.index), lanes[r.index],
                                  ARROW_LONGEST)
    for r, view, head in zip(runners, views, heads):
        _draw_ending(surf, cam, r, view, head)
    tags = [(head, r.name, racers.racer_colour(r.index))
            for r, head in zip(runners, heads)]
    keep += racers.draw_tags(surf, tags, unit(cam), pygame.Rect(cam.rect))
    return keep, legend


def _step_length(racer: RacerView) -> float:
    """How long the step the racer's arrow shows is (m): inf when it is not a finite number."""
    if racer.move is None:
        return 0.0
    length = math.hypot(racer.move.dx, racer.move.dy)
    return length if math.isfinite(length) else math.inf


def _draw_population(surf: pygame.Surface, cam: Camera,
                     state: PopulationState) -> tuple[list[pygame.Rect], pygame.Rect | None]:
    """The population's players as dots of their group's colour; those that hit round the
    watermelon; with the heatmap, its legend over them. Returns what must stay in sight (the
    watermelon, the friends, the legend) and where the legend is (window pixels)."""
    s = state.scenario
    beach.draw_waves(surf, cam, s.bounds, state.clock)
    u = unit(cam)
    wx, wy = cam.to_screen(*s.target)
    watermelon.draw_mat(surf, (wx, wy), u)
    _reach_ring(surf, cam, s.target, s.reach)
    crowd.draw_crowd(surf, cam, state, hits=False)
    split = state.heard[0] > 0
    mood = "cheer" if split and state.done else "watch"
    items = [(wy, lambda: _melon(surf, (wx, wy), u, 1.0 if split else -1.0)),
             *((c[1], lambda c=c: watermelon.draw_decoy(surf, c, u)) for c in _decoys(cam, s)),
             (_friends_y(cam, s), lambda: friends.draw_friends(surf, cam, s.bounds, None, mood, state.clock))]
    for _, draw in sorted(items, key=lambda p: p[0]):
        draw()
    crowd.draw_crowd(surf, cam, state, hits=True)
    keep = _fixtures(cam, s)
    return keep, _draw_legend(surf, cam, state, keep)


# -- pieces the modes share ----------------------------------------------------------------------
class TraceArrays:
    """The x and y (metres) of trace lists' rows as arrays, kept between frames: a trace only
    ever grows, so its arrays are rebuilt only when it has grown past them."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[list, np.ndarray, np.ndarray]] = {}

    def xy(self, trace: list, n: int) -> tuple[np.ndarray, np.ndarray]:
        """x and y of the first ``n`` rows of ``trace``."""
        hit = self._cache.get(id(trace))   # the cache holds the list, so its id is not reused
        if hit is None or hit[1].size < n:
            if len(self._cache) > 64:
                self._cache.clear()
            xs = np.fromiter((r.x for r in trace), float, len(trace))
            ys = np.fromiter((r.y for r in trace), float, len(trace))
            hit = self._cache[id(trace)] = (trace, xs, ys)
        return hit[1][:n], hit[2][:n]


def _trail(surf: pygame.Surface, cam: Camera, s: Scenario, xs: np.ndarray, ys: np.ndarray,
           colour: tuple[int, int, int] | None, shift: tuple[float, float] = (0.0, 0.0)) -> None:
    """Footprints through the rows at ``xs``, ``ys`` (metres) where they are on the sand."""
    xmin, xmax, ymin, ymax = s.bounds
    with np.errstate(invalid="ignore"):
        sand = (xs >= xmin) & (xs <= xmax) & (ys >= ymin) & (ys <= ymax)
    trail.draw_trail(surf, cam, xs, ys, sand, colour, shift)


def _draw_feelers(surf: pygame.Surface, cam: Camera, player: Shown, view: PlayerView,
                  lang: str | None = None) -> pygame.Rect | None:
    """The player's feelers on the sand around its feet (under it), flashing while it feels;
    with ``lang``, their key too (returns its rectangle)."""
    outcome, walk = player.outcome, player.walk
    flash = 0.0
    if not outcome and len(walk.trace) > 1:
        k = player.since_step / (player.step_seconds * st.FEEL_PART)
        flash = max(0.0, 1.0 - k) if k >= 0 else 0.0
    if outcome == "stuck" and player.ending_t < st.SWING_START["stuck"] + 0.1:
        flash = 1.0
    if outcome in (None, "stuck") and on_sand(walk, view.x, view.y):
        return probes.draw_probes(surf, cam, walk.trace[player.animating_from], view.x, view.y, flash,
                                  player.scenario.h, lang, beach.sand_rect(cam, player.scenario.bounds))
    return None


def _training_path(state: Stage) -> np.ndarray | None:
    """On the digits network's beach, with the trail shown: the real training's path, epoch by
    epoch, projected onto the plane (E+1, 2) metres; else None."""
    s = state.scenario
    if s.loss not in st.DIGITS_CYCLE or not state.toggles.trail:
        return None
    from sim.learning.landscape import digits_landscape
    return digits_landscape().footprints(*s.target)


def _fixtures(cam: Camera, s: Scenario) -> list[pygame.Rect]:
    """Where the watermelon with its mat, its decoys and the friends are (window pixels)."""
    u = unit(cam)
    return [watermelon.rect(cam.to_screen(*s.target), u), *friends.body_rects(cam, s.bounds),
            *(watermelon.decoy_rect(c, u) for c in _decoys(cam, s))]


def _decoys(cam: Camera, s: Scenario) -> list[tuple[float, float]]:
    """Where the beach's decoy watermelons are (window pixels)."""
    return [cam.to_screen(*f.at) for f in beach_features(s.loss, s.target, ("decoy",))]


def _draw_legend(surf: pygame.Surface, cam: Camera, state: Stage, keep: list[pygame.Rect]) -> pygame.Rect | None:
    """While the heatmap is shown, its legend in a corner of the sand clear of ``keep`` and of
    the prompts at the top of the beach; returns where it was drawn, and adds that to ``keep``
    (None: not shown)."""
    if not state.toggles.heatmap:
        return None
    u = unit(cam)
    legend = heatmap.build_legend(state.lang, heatmap.legend_px(u))
    place = heatmap.place_legend(legend.card.get_size(), beach.sand_rect(cam, state.scenario.bounds),
                                 prompt_room_bottom(pygame.Rect(cam.rect)), round(u * 0.3), keep)
    surf.blit(legend.card, place)
    keep.append(place)
    return place


def _friends_y(cam: Camera, s: Scenario) -> float:
    """The friends' feet's screen row (they are drawn in depth order with the rest)."""
    return cam.to_screen(*friends.positions(s.bounds)[0])[1]


def _melon(surf: pygame.Surface, centre: tuple[float, float], u: float, split_t: float) -> None:
    """The watermelon: whole, or split ``split_t`` (>= 0) seconds ago."""
    if split_t >= 0:
        watermelon.draw_split(surf, centre, u, split_t)
    else:
        watermelon.draw_whole(surf, centre, u)


def _draw_sprites(surf: pygame.Surface, cam: Camera, state: Stage, players: list[tuple[PlayerView, Look]],
                  split_t: float, shouter: int | None, mood: str) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
    """The watermelon on its mat with its reach, the friends and the players, drawn in depth
    order (by screen row of their feet). Returns the friends' and the players' head rectangles."""
    s = state.scenario
    u = unit(cam)
    wx, wy = cam.to_screen(*s.target)
    watermelon.draw_mat(surf, (wx, wy), u)
    _reach_ring(surf, cam, s.target, s.reach)
    friend_heads: list[pygame.Rect] = []
    heads: dict[int, pygame.Rect] = {}
    items = [(wy, -2, lambda: _melon(surf, (wx, wy), u, split_t)),
             *((c[1], -3, lambda c=c: watermelon.draw_decoy(surf, c, u)) for c in _decoys(cam, s)),
             (_friends_y(cam, s), -1,
              lambda: friend_heads.extend(friends.draw_friends(surf, cam, s.bounds, shouter, mood, state.clock)))]
    for k, (view, look) in enumerate(players):
        def draw(k: int = k, view: PlayerView = view, look: Look = look) -> None:
            heads[k] = draw_player(surf, cam, view, state.clock, look)
        items.append((cam.to_screen(view.x, view.y)[1], k, draw))
    for _, _, draw in sorted(items, key=lambda p: (p[0], p[1])):
        draw()
    return friend_heads, [heads[k] for k in range(len(players))]


def _draw_ending(surf: pygame.Surface, cam: Camera, player: Shown, view: PlayerView, head: pygame.Rect) -> None:
    """The effects of one player's ending: juice, dust and a '?', a splash, or sweat and 'zzz'."""
    outcome, t_end = player.outcome, player.ending_t
    u = unit(cam)
    feet = cam.to_screen(view.x, view.y)
    if outcome == "hit":
        endings.draw_juice(surf, cam, cam.to_screen(*player.scenario.target), t_end - st.SPLIT_AT)
    elif outcome == "stuck":
        tip = stick_tip(feet, u, view.pose)
        endings.draw_dust(surf, tip, u, t_end - st.SWING_START["stuck"] - st.SWING_SECONDS)
        endings.draw_question(surf, head, u, t_end - st.PUZZLED_AT)
    elif outcome == "diverged":
        endings.draw_splash(surf, feet, u, t_end - st.RUN_SECONDS)
    elif outcome == "max_steps":
        endings.draw_tired(surf, head, u, t_end - st.TIRE_AT)


def shouter_of(row: StepRecord) -> int:
    """Which friend shouts the hint for ``row``: the loud one (0) when the slope is steep, the
    gentle one (2) when it is slight, else the middle one; so the bubble stays put while the
    hints stay alike and moves when the slope's size changes its words."""
    return {"big": 0, "normal": 1, "small": 2}[friends.urgency(row.grad_norm)]


def _shout(state: ViewState, row: StepRecord) -> tuple[str, tuple[float, float, float] | None, int] | None:
    """What the friends shout about the row being felt, the hint arrow's (dx, dy, grad_norm)
    and which friend would rather shout it: Stop! on a hit, a puzzled one when stuck, nothing
    once the player ran into the sea or sat down tired."""
    outcome, lang = state.outcome, state.lang
    if outcome in ("diverged", "max_steps"):
        return None
    if outcome == "hit":
        return friends.shout(0, 0, 0, lang, hit=True), None, 1
    if outcome == "stuck":
        return friends.shout(0, 0, 0, lang), None, 1
    hint = optimizer.heard_hint(row)   # what the player heard: with noise, not quite the slope
    return friends.shout(*hint, lang), hint, shouter_of(row)


def _draw_banner(surf: pygame.Surface, area: pygame.Rect, state: Stage) -> None:
    """The big words at the top of the beach once something has ended: the lone player's
    outcome; the race's first racer to split the watermelon (or the outcome all racers share);
    the population's hit rate once everyone has stopped."""
    lang = state.lang
    if isinstance(state, RaceState):
        winner = state.winner
        if winner is not None:
            names = " = ".join(state.racer_name(i) for i in state.tied_winners)
            text = f"{i18n.tr('outcome.hit', lang)}  {names}"
            endings.draw_banner_text(surf, area, text, racers.racer_colour(winner),
                                     state.ending_ts[winner] - st.SPLIT_AT)
        elif state.done and len(set(state.race.outcomes)) == 1 and min(state.ending_ts) >= 0:
            outcome = state.race.outcomes[0]
            endings.draw_banner(surf, area, outcome, lang, min(state.ending_ts) - _banner_delay(outcome))
    elif isinstance(state, PopulationState):
        if state.ending_t >= 0:
            rate = float(np.mean(state.population.swarm.outcome == HIT))
            label = i18n.tr("hud.hit_rate", lang)
            text = f"{label[:1].upper()}{label[1:]} {rate:.0%}"
            endings.draw_banner_text(surf, area, text, endings.BANNER_COLOURS["hit"], state.ending_t)
    elif state.outcome:
        endings.draw_banner(surf, area, state.outcome, lang, state.ending_t - _banner_delay(state.outcome))


def _since_banner(state: Stage) -> float:
    """Seconds since the banner of the end of everything popped in; < 0 before (and while a
    race still has racers walking)."""
    if isinstance(state, RaceState):
        return min(state.ending_ts) - st.SPLIT_AT if state.done else -1.0
    if isinstance(state, PopulationState):
        return state.ending_t
    return state.ending_t - _banner_delay(state.outcome) if state.outcome else -1.0


def _reach_ring(surf: pygame.Surface, cam: Camera, target: tuple[float, float], reach: float) -> None:
    """A dotted ring around the watermelon: within it the stick reaches (a hit)."""
    r = cam.length(reach)
    if not (2 < r < 4 * max(cam.rect[2], cam.rect[3])):
        return
    cx, cy = cam.to_screen(*target)
    n = max(12, min(72, round(r * 0.6)))
    for k in range(0, n, 2):
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 1) / n
        pygame.draw.line(surf, REACH_RING, (cx + r * math.cos(a0), cy + r * math.sin(a0)),
                         (cx + r * math.cos(a1), cy + r * math.sin(a1)), 2)


def _banner_delay(outcome: str) -> float:
    """Seconds into the ending before the banner pops in."""
    delays = {"hit": st.SPLIT_AT, "stuck": st.PUZZLED_AT, "diverged": st.RUN_SECONDS, "max_steps": st.TIRE_AT + 0.1}
    return delays[outcome]


def _display_format(surface: pygame.Surface, target: pygame.Surface | None) -> pygame.Surface:
    """``surface`` converted to the pixel format of ``target`` (the surface a frame is drawn on,
    such as a window's) for fast blits; as is without one."""
    return surface if target is None else surface.convert(target)


ENDING_SHOWN_AT = 2.5  # seconds into the ending that a still picture shows


def render_png(walk: Walk, path: str | os.PathLike, *, lang: str, size: tuple[int, int] = (1280, 720)) -> None:
    """Save the final scene of ``walk`` (its ending shown, with its chart) as a PNG at ``path``,
    headless. The file appears complete or not at all (temp file + os.replace)."""
    _render(lambda wh: ViewState.showing(walk, lang=lang, size=wh, ending_t=ENDING_SHOWN_AT), path, size)


def render_race_png(race: Race, path: str | os.PathLike, *, lang: str, size: tuple[int, int] = (1280, 720)) -> None:
    """Save the final scene of ``race`` (every racer with its trail and ending, the charts of
    loss and offset against step, one line per racer) as a PNG at ``path``, headless."""
    _render(lambda wh: RaceState.showing(race, lang=lang, size=wh, ending_t=ENDING_SHOWN_AT), path, size)


def render_population_png(population: Population, path: str | os.PathLike, *, lang: str,
                          size: tuple[int, int] = (1280, 720)) -> None:
    """Save the final scene of ``population`` (every player where it stopped, the charts of mean
    loss and hit rate of both groups against step) as a PNG at ``path``, headless."""
    _render(lambda wh: PopulationState.showing(population, lang=lang, size=wh, ending_t=ENDING_SHOWN_AT), path,
            size)


def _render(view, path: str | os.PathLike, size: tuple[int, int]) -> None:
    """Draw ``view(size)`` (a state at rest) with the heatmap shown and save it as a PNG."""
    w, h = (int(v) for v in size)
    if w < st.MIN_SIZE[0] or h < st.MIN_SIZE[1]:
        raise ValueError(f"PNG size must be at least {st.MIN_SIZE[0]}x{st.MIN_SIZE[1]} pixels, got {size!r}")
    if not Path(path).parent.is_dir():  # before the drawing, not after
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(Path(path).parent)!r} does not exist")
    if not pygame.font.get_init():
        pygame.font.init()
    state = view((w, h))
    state.toggles.heatmap = True
    surf = pygame.Surface((w, h))
    Scene().draw(surf, state, prompts=False)
    save_png(surf, path)
