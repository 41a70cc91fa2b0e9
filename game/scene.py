"""The whole frame: the beach with everything on it, the side panel with the chart, overlays.

``Scene.draw(surface, state)`` draws a ViewState onto any surface (the window, a screenshot, a
test's surface). The Scene holds only caches (the background with the heatmap, the panel); the
drawers it calls read the state and never change it. ``render_png`` saves a finished walk.
"""
from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pygame
from sim import Walk

from game import chart, i18n
from game import state as st
from game.camera import Camera
from game.drawers import beach, endings, friends, heatmap, probes, trail, unit, watermelon
from game.drawers.person import stick_tip
from game.drawers.player import draw_player, on_sand, player_view
from game.hud import chart_spec, draw_help, draw_panel, draw_start_prompt, draw_toast, hud_rows
from game.state import ViewState

REACH_RING = (255, 255, 255)


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
        self._chart_rect = pygame.Rect(0, 0, 0, 0)

    # -- cached layers ---------------------------------------------------------------------------
    def world_layer(self, size: tuple[int, int], cam: Camera, state: ViewState) -> pygame.Surface:
        """Sea and sand (and, when toggled, the heatmap with contours), rebuilt only on change."""
        s = state.scenario
        bg_key = (size, s.bounds, cam.rect)
        if bg_key != self._bg_key:
            self._bg = _display_format(beach.build_background(size, cam, s.bounds))
            self._bg_key, self._world_key = bg_key, None
        key = (bg_key, s.loss, s.expr, s.reach, s.target) if state.toggles.heatmap else bg_key
        if key != self._world_key:
            if state.toggles.heatmap:
                world = heatmap.build_heatmap(self._bg, cam, s.bounds, s.loss_fn, s.target)
            else:
                world = self._bg.copy()
            beach.decorate(world, cam, s.bounds)
            self._world, self._world_key = _display_format(world), key
        return self._world

    def panel_layer(self, lay: Layout, state: ViewState) -> tuple[pygame.Surface, pygame.Rect]:
        """The side panel (HUD and chart) and the chart's rectangle in window pixels."""
        key = (lay.panel.size, tuple(hud_rows(state)), len(state.walk.trace), state.animating_from,
               state.toggles.log_scale, state.lang, id(state.walk), state.outcome)
        if key != self._panel_key:
            panel = pygame.Surface(lay.panel.size)
            left = draw_panel(panel, panel.get_rect(), state)
            if left.h > 60 and left.w > 60:
                chart.draw_chart(panel, left, chart_spec(state))
            self._panel = _display_format(panel)
            self._chart_rect = left.move(lay.panel.topleft)
            self._panel_key = key
        return self._panel, self._chart_rect

    def chart_rect(self, lay: Layout, state: ViewState) -> pygame.Rect:
        """Where the live chart is drawn (window pixels)."""
        return self.panel_layer(lay, state)[1]

    # -- the frame ---------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, state: ViewState) -> None:
        """Draw the whole frame for ``state`` onto ``surf`` (sized like the window)."""
        size = surf.get_size()
        lay = layout(size)
        s = state.scenario
        cam = Camera.for_beach(s.bounds, lay.beach)
        surf.blit(self.world_layer(size, cam, state), lay.beach.topleft, lay.beach)
        clip = surf.get_clip()
        surf.set_clip(lay.beach.clip(clip))
        self._draw_world(surf, cam, state)
        surf.set_clip(clip)
        outcome = state.outcome
        if outcome:
            endings.draw_banner(surf, lay.beach, outcome, state.lang, state.ending_t - _banner_delay(outcome))
        panel, _ = self.panel_layer(lay, state)
        surf.blit(panel, lay.panel)
        if state.paused and state.walk.steps == 0 and not state.walk.done and not state.toggles.help:
            draw_start_prompt(surf, lay.beach, state.lang, state.clock)
        draw_toast(surf, lay.beach, state.message, state.message_t)
        if state.toggles.help:
            draw_help(surf, state.lang)

    def _draw_world(self, surf: pygame.Surface, cam: Camera, state: ViewState) -> None:
        s, walk = state.scenario, state.walk
        u = unit(cam)
        beach.draw_waves(surf, cam, s.bounds, state.clock)
        shown = state.animating_from
        if state.toggles.trail:
            rows = walk.trace[: shown + 1]
            xs = np.fromiter((r.x for r in rows), float, len(rows))
            ys = np.fromiter((r.y for r in rows), float, len(rows))
            xmin, xmax, ymin, ymax = s.bounds
            with np.errstate(invalid="ignore"):
                sand = (xs >= xmin) & (xs <= xmax) & (ys >= ymin) & (ys <= ymax)
            trail.draw_trail(surf, cam, xs, ys, sand)
        outcome = state.outcome
        t_end = state.ending_t
        # The watermelon, its reach and the friends, then the player, sorted by depth (screen y).
        wx, wy = cam.to_screen(*s.target)
        view = player_view(state, cam)
        feet = cam.to_screen(view.x, view.y)
        watermelon.draw_mat(surf, (wx, wy), u)
        _reach_ring(surf, cam, s.target, s.reach)
        row = walk.trace[shown]

        def melon() -> None:
            if outcome == "hit" and t_end >= st.SPLIT_AT:
                watermelon.draw_split(surf, (wx, wy), u, t_end - st.SPLIT_AT)
            else:
                watermelon.draw_whole(surf, (wx, wy), u)

        mood = {"hit": "cheer", "diverged": "gasp", "max_steps": "sigh"}.get(outcome or "", "watch")
        shouter = None if outcome else shown % len(friends.FRIENDS)
        heads: list[pygame.Rect] = []

        def crowd() -> None:
            heads.extend(friends.draw_friends(surf, cam, s.bounds, shouter, mood, state.clock))

        head_box: list[pygame.Rect] = []

        def player() -> None:
            head_box.append(draw_player(surf, cam, view, state.clock))

        # The feelers go on the sand around the feet, under the player.
        flash = 0.0
        if not outcome and len(walk.trace) > 1:
            k = state.since_step / (state.step_seconds * st.FEEL_PART)
            flash = max(0.0, 1.0 - k) if k >= 0 else 0.0
        if outcome == "stuck" and t_end < st.SWING_START["stuck"] + 0.1:
            flash = 1.0
        if state.toggles.probes and outcome in (None, "stuck") and on_sand(walk, view.x, view.y):
            probes.draw_probes(surf, cam, row, view.x, view.y, flash, s.h)
        fy = cam.to_screen(*friends.positions(s.bounds)[0])[1]
        for _, draw in sorted(((wy, melon), (fy, crowd), (feet[1], player)), key=lambda p: p[0]):
            draw()
        # What the audience sees on top: the step arrow, the ending's effects, the shout.
        if state.toggles.arrow and not outcome:
            probes.draw_arrow(surf, cam, row, s.lr)
        head = head_box[0]
        if outcome == "hit":
            endings.draw_juice(surf, cam, (wx, wy), t_end - st.SPLIT_AT)
        elif outcome == "stuck":
            tip = stick_tip(feet, u, view.pose)
            endings.draw_dust(surf, tip, u, t_end - st.SWING_START["stuck"] - st.SWING_SECONDS)
            endings.draw_question(surf, head, u, t_end - st.PUZZLED_AT)
        elif outcome == "diverged":
            endings.draw_splash(surf, feet, u, t_end - st.RUN_SECONDS)
        elif outcome == "max_steps":
            endings.draw_tired(surf, head, u, t_end - st.TIRE_AT)
        self._draw_shout(surf, cam, state, heads, row)

    def _draw_shout(self, surf: pygame.Surface, cam: Camera, state: ViewState, heads: list[pygame.Rect],
                    row) -> None:
        """The friend's hint for the row being felt (Stop! on a hit, a puzzled one when stuck)."""
        outcome, lang = state.outcome, state.lang
        if outcome in ("diverged", "max_steps") or not heads:
            return
        if outcome == "hit":
            text, hint, who = i18n.shout(0, 0, 0, lang, hit=True), None, 1
        elif outcome == "stuck":
            text, hint, who = i18n.shout(0, 0, 0, lang), None, 1
        else:
            text = i18n.shout(-row.grad_x, -row.grad_y, row.grad_norm, lang)
            hint, who = (-row.grad_x, -row.grad_y, row.grad_norm), state.animating_from % len(heads)
        pop = min(1.0, state.since_step / 0.15) if outcome is None and len(state.walk.trace) > 1 else 1.0
        friends.draw_bubble(surf, cam, heads[who], text, hint, pop)


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


def _display_format(surface: pygame.Surface) -> pygame.Surface:
    """``surface`` converted to the window's pixel format for fast blits (as is without a window)."""
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        return surface.convert()
    return surface


ENDING_SHOWN_AT = 2.5  # seconds into the ending that a still picture shows


def render_png(walk: Walk, path: str, *, lang: str, size: tuple[int, int] = (1280, 720)) -> None:
    """Save the final scene of ``walk`` (its ending shown, with its chart) as a PNG at ``path``,
    headless. The file appears complete or not at all (temp file + os.replace)."""
    w, h = (int(v) for v in size)
    if w < st.MIN_SIZE[0] or h < st.MIN_SIZE[1]:
        raise ValueError(f"PNG size must be at least {st.MIN_SIZE[0]}x{st.MIN_SIZE[1]} pixels, got {size!r}")
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(f"cannot save {str(target)!r}: folder {str(target.parent)!r} does not exist")
    if not pygame.font.get_init():
        pygame.font.init()
    state = ViewState.showing(walk, lang=lang, size=(w, h), ending_t=ENDING_SHOWN_AT)
    state.toggles.heatmap = True
    surf = pygame.Surface((w, h))
    Scene().draw(surf, state)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        pygame.image.save(surf, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

