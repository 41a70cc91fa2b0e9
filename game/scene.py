"""The whole frame, composed of layers: the beach, the mode's drawing on it, its banner, the
side panel with the charts, and the overlays (prompts, toast, help).

``Scene.draw(surface, mode)`` draws any mode (game.modes) onto any surface (the window, a
screenshot, a test's surface). The Scene holds only caches (the background with the heatmap, the
panel); the mode's drawing reads the state and never changes it. ``render_png`` saves the final
scene of any play headless.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game import chart, i18n
from game.camera import Camera
from game.choreography import ENDING_SHOWN_AT
from game.drawers import beach, endings, heatmap
from game.modes import AGAIN_AFTER, Mode, showing
from game.modes.beach_parts import TraceArrays
from game.overlays import again_area, draw_help, draw_start_prompt, draw_toast, ending_words_drop, prompt_rect
from game.panel import chart_rects, draw_panel
from game.png import save_png
from game.stage import MIN_SIZE


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
    """Draws modes; keeps the expensive layers cached until what they show changes."""

    def __init__(self) -> None:
        self._bg_key: tuple | None = None
        self._bg: pygame.Surface | None = None
        self._world_key: tuple | None = None
        self._world: pygame.Surface | None = None
        self._panel_key: tuple | None = None
        self._panel: pygame.Surface | None = None
        self._chart_rects: list[pygame.Rect] = []
        self._arrays = TraceArrays()
        self._target: pygame.Surface | None = None   # the surface being drawn on: cached layers take its format
        self.words: list[pygame.Rect] = []   # where the last frame's ending words (banner, pill) were (window pixels)

    # -- cached layers ---------------------------------------------------------------------------
    def world_layer(self, size: tuple[int, int], cam: Camera, state: Mode) -> pygame.Surface:
        """Sea and sand (and, when toggled, the heatmap with contours), rebuilt only on change."""
        s = state.scenario
        bg_key = (size, s.bounds, cam.rect)
        if bg_key != self._bg_key:
            self._bg = _display_format(beach.build_background(size, cam, s.bounds), self._target)
            self._bg_key, self._world_key = bg_key, None
        key = (bg_key, s.loss, s.expr, s.reach, s.target) if state.heatmap_shown else bg_key
        if key != self._world_key:
            if state.heatmap_shown:
                world = heatmap.build_heatmap(self._bg, cam, s.bounds, s.loss_fn, s.target)
            else:
                world = self._bg.copy()
            beach.decorate(world, cam, s.bounds)
            self._world, self._world_key = _display_format(world, self._target), key
        return self._world

    def panel_layer(self, lay: Layout, state: Mode) -> tuple[pygame.Surface, list[pygame.Rect]]:
        """The side panel (HUD and charts) and the charts' rectangles in window pixels."""
        key = (lay.panel.size, state.panel_key())
        if key != self._panel_key:
            panel = pygame.Surface(lay.panel.size)
            area = draw_panel(panel, panel.get_rect(), state)
            specs, required = state.chart_specs()
            rects = chart_rects(area, len(specs), required)
            for spec, rect in zip(specs, rects):
                chart.draw_chart(panel, rect, spec)
            self._panel = _display_format(panel, self._target)
            self._chart_rects = [r.move(lay.panel.topleft) for r in rects]
            self._panel_key = key
        return self._panel, self._chart_rects

    def chart_rects(self, lay: Layout, state: Mode) -> list[pygame.Rect]:
        """Where the live charts are drawn (window pixels), in the order of the mode's chart_specs."""
        return self.panel_layer(lay, state)[1]

    def chart_rect(self, lay: Layout, state: Mode) -> pygame.Rect:
        """Where the first live chart is drawn (window pixels; empty when there is no room)."""
        rects = self.chart_rects(lay, state)
        return rects[0] if rects else pygame.Rect(0, 0, 0, 0)

    # -- the frame ---------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, state: Mode, *, prompts: bool = True) -> None:
        """Draw the whole frame for ``state`` onto ``surf`` (sized like the window); ``prompts``:
        with the hints to press Space before the start and after the end (a still picture has none)."""
        self._target = surf
        size = surf.get_size()
        lay = layout(size)
        s = state.scenario
        cam = Camera.for_beach(s.bounds, lay.beach)
        surf.blit(self.world_layer(size, cam, state), lay.beach.topleft, lay.beach)
        self._arrays.under = self._world_key
        clip = surf.get_clip()
        surf.set_clip(lay.beach.clip(clip))
        keep = state.draw_beach(surf, cam, self._arrays)
        surf.set_clip(clip)
        self.words, drop = self._ending_words(lay.beach, state, prompts, keep)
        banner = state.banner()
        if banner is not None:
            endings.draw_banner_text(surf, lay.beach.move(0, drop), banner)
        panel, _ = self.panel_layer(lay, state)
        surf.blit(panel, lay.panel)
        if prompts and not state.toggles.help:
            if state.paused and state.ticks == 0 and not state.done:
                draw_start_prompt(surf, lay.beach, state.lang, state.clock, state.start_hint())
            elif state.since_banner() >= AGAIN_AFTER:   # Space plays again: say so under the banner
                draw_start_prompt(surf, again_area(lay.beach).move(0, drop), state.lang, state.clock,
                                  i18n.tr("hud.again_hint", state.lang))
        draw_toast(surf, lay.beach, state.message, state.message_t, keep + self.words)
        if state.toggles.help:
            draw_help(surf, state)


    @staticmethod
    def _ending_words(beach: pygame.Rect, state: Mode, prompts: bool,
                      keep: list[pygame.Rect]) -> tuple[list[pygame.Rect], int]:
        """Where the ending's words go: the banner and (with ``prompts``) the pill under it that
        says Space plays again, kept off ``keep`` (what the mode keeps in sight: the players, the
        watermelon); their rectangles (window pixels) and how far below the top of ``beach``."""
        banner = state.banner()
        words = [] if banner is None or banner.t < 0 else [endings.banner_rect(beach, banner.text)]
        if prompts and state.since_banner() >= 0:
            words.append(prompt_rect(again_area(beach), i18n.tr("hud.again_hint", state.lang), state.lang))
        drop = ending_words_drop(beach, words, keep)
        return [r.move(0, drop) for r in words], drop


def _display_format(surface: pygame.Surface, target: pygame.Surface | None) -> pygame.Surface:
    """``surface`` converted to the pixel format of ``target`` (the surface a frame is drawn on,
    such as a window's) for fast blits; as is without one."""
    return surface if target is None else surface.convert(target)


def render_png(play: Any, path: str | os.PathLike, *, lang: str, size: tuple[int, int] = (1280, 720)) -> None:
    """Save the scene of ``play`` (a Walk, Race, Population or any play a mode shows) as it is
    now, at rest, with its endings shown, the heatmap and the charts, as a PNG at ``path``,
    headless. The file appears complete or not at all (temp file + os.replace)."""
    w, h = (int(v) for v in size)
    if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
        raise ValueError(f"PNG size must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]} pixels, got {size!r}")
    if not Path(path).parent.is_dir():  # before the drawing, not after
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(Path(path).parent)!r} does not exist")
    if not pygame.font.get_init():
        pygame.font.init()
    state = showing(play, lang=lang, size=(w, h), ending_t=ENDING_SHOWN_AT)
    state.toggles.heatmap = True
    surf = pygame.Surface((w, h))
    Scene().draw(surf, state, prompts=False)
    save_png(surf, path)
