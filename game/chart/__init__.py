"""Charts drawn with pygame alone: the live window's loss chart and the headless PNGs.

One renderer serves both. A series is a line, points, steps or bars; a chart may name its x ticks
with texts (``ChartSpec.x_tick_labels``, e.g. the groups of bars), fitted to their room. ``draw_chart`` draws a :class:`ChartSpec` into a rectangle of any
surface; ``render_chart_png`` / ``render_charts_png`` save charts headless. ``chart_layout``
exposes the plot area and the data-to-pixel transform, so tests can find where a point is drawn.

Everything that does not change from frame to frame (ticks, labels, the panel with its grid and
legend) is cached, so a live chart costs one blit plus its lines. Bad data (NaN, inf, zeros or
negatives on a log axis) is skipped; odd sizes draw what fits and never raise. ``fit_text``
shrinks, then cuts short with "…", a text that is too wide for its room.

The package's modules: spec (series, markers, spec, theme), ticks (round values and labels),
axis (range, ticks and the value-to-unit map of one axis), text (fitting texts), layout (where
the parts go; the grid of several charts), cache, background, markers, lines (series), draw
(draw_chart) and png (saving charts).
"""

from game.chart.draw import draw_chart
from game.chart.layout import ChartLayout, chart_grid, chart_layout
from game.chart.png import render_chart_png, render_charts_png
from game.chart.spec import DEFAULT_THEME, PALETTE, RGB, STYLES, ChartSpec, ChartTheme, Marker, Series, Style
from game.chart.text import ELLIPSIS, fit_text
from game.chart.ticks import format_tick, nice_ticks

__all__ = [
    "DEFAULT_THEME", "ELLIPSIS", "PALETTE", "RGB", "STYLES", "ChartLayout", "ChartSpec", "ChartTheme", "Marker",
    "Series", "Style", "chart_grid", "chart_layout", "draw_chart", "fit_text", "format_tick", "nice_ticks",
    "render_chart_png", "render_charts_png",
]
