"""draw_chart: a whole chart into a rectangle of any surface (cached background plus its lines)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pygame

from game.chart.background import draw_background
from game.chart.cache import backgrounds
from game.chart.layout import SHADOW, layout_at_origin, moved, series_mask, static_key
from game.chart.lines import draw_series, line_width
from game.chart.markers import draw_marker_labels
from game.chart.spec import DEFAULT_THEME, ChartSpec, ChartTheme


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect | Sequence[int],
    spec: ChartSpec,
    theme: ChartTheme = DEFAULT_THEME,
) -> None:
    """Draw a whole chart (panel, title, axes, grid, series, markers, legend) into ``rect``.

    Never raises for odd data or sizes: unusable points are skipped, and parts that do not fit a
    small rect are left out (the x label first, then legend, title, y label with tick labels). A title, axis
    label or marker label too long for its room shrinks to 3/4 of its size (8 px at the least),
    then is cut short with "…"; the y label's room is the plot's height.
    """
    rect = pygame.Rect(rect)
    if rect.w < 4 or rect.h < 4:
        return
    if not pygame.font.get_init():
        pygame.font.init()
    masks = [series_mask(s, spec.x_log, spec.y_log) for s in spec.series]
    base = layout_at_origin(rect.w, rect.h - SHADOW, spec, theme, masks)
    empty = not any(m.any() for m in masks)
    key = (rect.size, static_key(spec, theme), base.plot.size, base._x, base._y, empty)
    bg = backgrounds.fetch(key)
    if bg is None:
        bg = draw_background(base, spec, theme, empty)
        backgrounds.put(key, bg)

    surface.blit(bg, rect)

    lay = moved(base, rect)
    if lay.plot.w < 2 or lay.plot.h < 2:
        return
    old_clip = surface.get_clip()
    bleed = max(line_width(s.width, lay.font_px) for s in spec.series) // 2 if spec.series else 0
    surface.set_clip(lay.plot.inflate(2 * bleed, 2 * bleed).clip(rect).clip(old_clip))
    try:
        with np.errstate(all="ignore"):  # pixels may be 1e308 apart: inf lengths are fine here
            for s, m in zip(spec.series, masks):
                draw_series(surface, lay, s, m)
        draw_marker_labels(surface, lay, spec, theme)
    finally:
        surface.set_clip(old_clip)
