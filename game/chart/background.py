"""A chart's background: panel, shadow, grid, ticks, texts and legend, all that does not
change with the series' data (drawn once, then cached and blitted)."""

from __future__ import annotations

import numpy as np
import pygame

from game import assets
from game.chart.layout import SHADOW, ChartLayout
from game.chart.lines import line_width
from game.chart.markers import dashed_vline, marker_x
from game.chart.spec import ChartSpec, ChartTheme
from game.chart.text import fit_text, rotated_text


def _corner_radius(w: int, h: int) -> int:
    return max(0, min(14, round(min(w, h) * 0.04)))


_COLORKEY = (254, 1, 253)  # the background's see-through colour, outside the rounded corners


def draw_background(lay: ChartLayout, spec: ChartSpec, theme: ChartTheme, empty: bool) -> pygame.Surface:
    """Everything that does not depend on the series' data: panel and its shadow, grid, ticks,
    texts, legend; outside the rounded corners it is see-through (a colour key)."""
    w, h = lay.rect.size
    bg = pygame.Surface((max(w, 1), max(h + SHADOW, 1)))
    bg.fill(_COLORKEY)
    radius = _corner_radius(w, h)
    pygame.draw.rect(bg, theme.shadow, (0, SHADOW, w, h), border_radius=radius)
    pygame.draw.rect(bg, theme.panel, (0, 0, w, h), border_radius=radius)
    plot, f = lay.plot, lay.font_px
    if plot.w >= 2 and plot.h >= 2:
        pygame.draw.rect(bg, theme.plot, plot)
        xs_major = lay.to_pixels(np.array(lay._x.ticks), np.zeros(len(lay._x.ticks)))[0]
        xs_minor = lay.to_pixels(np.array(lay._x.minor), np.zeros(len(lay._x.minor)))[0]
        ys_major = lay.to_pixels(np.zeros(len(lay._y.ticks)), np.array(lay._y.ticks))[1]
        ys_minor = lay.to_pixels(np.zeros(len(lay._y.minor)), np.array(lay._y.minor))[1]
        for px in np.rint(xs_minor).astype(int):
            pygame.draw.line(bg, theme.grid_minor, (px, plot.top), (px, plot.bottom - 1))
        for py in np.rint(ys_minor).astype(int):
            pygame.draw.line(bg, theme.grid_minor, (plot.left, py), (plot.right - 1, py))
        for px in np.rint(xs_major).astype(int):
            if px > plot.left:
                pygame.draw.line(bg, theme.grid, (px, plot.top), (px, plot.bottom - 1))
        for t, py in zip(lay._y.ticks, np.rint(ys_major).astype(int)):
            if py < plot.bottom - 1:
                color = theme.zero_line if (t == 0 and not lay.y_log) else theme.grid
                pygame.draw.line(bg, color, (plot.left, py), (plot.right - 1, py))
        tick_len = max(2, round(f * 0.35))
        if lay._y.labels:  # tick marks only where there are labels
            for py in np.rint(ys_major).astype(int):
                pygame.draw.line(bg, theme.axis, (plot.left - tick_len, py), (plot.left - 1, py))
            for py in np.rint(ys_minor).astype(int):
                pygame.draw.line(bg, theme.axis, (plot.left - tick_len // 2, py), (plot.left - 1, py))
        if lay._x.labels:
            for px in np.rint(xs_major).astype(int):
                pygame.draw.line(bg, theme.axis, (px, plot.bottom), (px, plot.bottom + tick_len - 1))
            for px in np.rint(xs_minor).astype(int):
                pygame.draw.line(bg, theme.axis, (px, plot.bottom), (px, plot.bottom + tick_len // 2 - 1))
        aw = 2 if f >= 12 else 1
        pygame.draw.rect(bg, theme.axis, (plot.left - aw, plot.top, aw, plot.h + aw))
        pygame.draw.rect(bg, theme.axis, (plot.left - aw, plot.bottom, plot.w + aw, aw))
        for mk in spec.markers:
            px = marker_x(lay, mk)
            if px is not None:
                dashed_vline(bg, mk.color, px, plot.top, plot.bottom, max(3, f // 3), 2 if f >= 12 else 1)
        note_text = fit_text(spec.empty_text, f, plot.w - 4)[0] if empty else ""
        if note_text:
            note = assets.text(note_text, f, theme.note)
            bg.blit(note, note.get_rect(center=plot.center))
    for t in lay._texts:
        render = rotated_text if t.rotated else assets.text
        bg.blit(render(t.s, t.size, t.color, t.bold), t.pos)
    for s, x, y, sw in lay._legend:
        lw = line_width(s.width, f)
        if s.style == "points":
            pygame.draw.circle(bg, s.color, (x + sw // 2, y), lw + 1)
        elif s.style == "bars":
            bh = max(3, round(f * 0.8))
            pygame.draw.rect(bg, s.color, (x, y - bh // 2, sw, bh))
        else:
            pygame.draw.line(bg, s.color, (x, y), (x + sw, y), max(2, lw + 1))
    pygame.draw.rect(bg, theme.panel_border, (0, 0, w, h), 1, border_radius=radius)
    bg.set_colorkey(_COLORKEY, pygame.RLEACCEL)
    return bg
