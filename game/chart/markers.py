"""Marker lines (labelled vertical references such as theory's lr = 1) and their labels."""

from __future__ import annotations

import numpy as np
import pygame

from game import assets
from game.chart.axis import valid
from game.chart.layout import ChartLayout
from game.chart.spec import RGB, ChartSpec, ChartTheme, Marker
from game.chart.text import MIN_TEXT_PX, fit_text, shrunk


def dashed_vline(surface: pygame.Surface, color: RGB, x: int, y0: int, y1: int, dash: int, width: int) -> None:
    """A vertical dashed line in column x from row y0 to y1, ``dash`` pixels on and off."""
    for y in range(y0, y1, dash * 2):
        pygame.draw.line(surface, color, (x, y), (x, min(y + dash, y1)), width)


def marker_x(lay: ChartLayout, mk: Marker) -> int | None:
    """The pixel column of a marker, or None when it is off the plot area or not drawable."""
    if not valid(np.array([mk.x]), lay.x_log)[0]:
        return None
    px = lay.to_pixel(mk.x, lay.y_hi)[0]
    return round(px) if lay.plot.left <= px < lay.plot.right else None


def draw_marker_labels(
    surface: pygame.Surface, lay: ChartLayout, spec: ChartSpec, theme: ChartTheme
) -> None:
    """Marker labels on a small box at the top of their lines, stacked where they would overlap;
    a label wider than the plot shrinks, then is cut short with "…"."""
    plot = lay.plot
    mf = max(MIN_TEXT_PX, round(lay.font_px * 0.9))
    placed: list[pygame.Rect] = []
    for mk in spec.markers:
        px = marker_x(lay, mk)
        if px is None:
            continue
        label, size = fit_text(mk.label, mf, plot.w - 14, True, shrunk(mf))
        if not label:
            continue
        surf = assets.text(label, size, mk.color, True)
        r = surf.get_rect(topleft=(px + 5, plot.top + 4))
        if r.right > plot.right - 5:  # left of its line, or as far left as the plot allows
            r.right = px - 5
            r.left = max(r.left, plot.left + 5)
        while r.inflate(8, 2).collidelist(placed) >= 0 and r.bottom < plot.bottom:
            r.y += r.h + 3
        box = r.inflate(8, 2)
        placed.append(box)
        pygame.draw.rect(surface, theme.plot, box, border_radius=4)
        pygame.draw.rect(surface, mk.color, box, 1, border_radius=4)
        surface.blit(surf, r)
