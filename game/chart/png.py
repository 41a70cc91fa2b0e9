"""Charts saved headless as PNG files, one or several side by side."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence

import pygame

from game.chart.draw import draw_chart
from game.chart.layout import chart_grid
from game.chart.spec import DEFAULT_THEME, ChartSpec, ChartTheme
from game.png import save_png


def _check_size(size: Sequence[int]) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"PNG size must be (width, height) in pixels, got {size!r}") from None
    if not (1 <= w <= 16384 and 1 <= h <= 16384):
        raise ValueError(f"PNG size must be 1..16384 pixels each way, got {size!r}")
    return w, h


def render_charts_png(
    specs: Sequence[ChartSpec],
    path: str | os.PathLike,
    size: Sequence[int] | None = None,
    cols: int = 2,
    theme: ChartTheme = DEFAULT_THEME,
) -> None:
    """Save several charts side by side (``cols`` per row) as one PNG of ``size`` pixels.

    The default size gives each chart 640 x 440 pixels.
    """
    if not specs:
        raise ValueError("render_charts_png needs at least one ChartSpec, got none")
    if not isinstance(cols, int) or cols < 1:
        raise ValueError(f"cols must be a positive integer, got {cols!r}")
    n_cols = min(cols, len(specs))
    if size is None:
        size = (640 * n_cols, 440 * math.ceil(len(specs) / n_cols))
    w, h = _check_size(size)
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface((w, h))
    surface.fill(theme.page)
    margin = max(2, round(min(w, h) * 0.02))
    inner = pygame.Rect(0, 0, w, h).inflate(-2 * margin, -2 * margin)
    for spec, r in zip(specs, chart_grid(inner, len(specs), cols)):
        draw_chart(surface, r, spec, theme)
    save_png(surface, path)


def render_chart_png(
    spec: ChartSpec,
    path: str | os.PathLike,
    size: Sequence[int] = (960, 600),
    theme: ChartTheme = DEFAULT_THEME,
) -> None:
    """Save one chart as a PNG of ``size`` pixels; never leaves a half-written file."""
    render_charts_png([spec], path, size, 1, theme)
