"""Pictures of hyperparameter maps (sim.walking.grid): one coloured grid of cells per measure.

Each panel colours every cell of the map by one measure (a colour bar beside it says the scale),
the first parameter across (lr on a log axis), the second up; theory's edge is a dashed line where
it is known. The stuck panel writes in each cell with stuck players the first letter of the
ground most of them stopped on. ``save_map_png`` writes all five panels and a notes panel as one PNG.
"""
from __future__ import annotations

import math
import os
from typing import Callable, Sequence

import numpy as np
import pygame

from game import assets
from game.chart.spec import DEFAULT_THEME
from game.chart.text import fit_text, rotated_text
from game.chart.ticks import format_tick, nice_ticks
from game.i18n import terminal, tr
from game.lesson.text import wrap
from game.png import save_png
from sim.walking.grid import MEASURES, Axis, HyperparameterMap, walker_text

MAP_SIZE = (1800, 1000)   # pixels of a map PNG unless a size is given
# A colour-blind-safe sequential scale (viridis, from dark purple to yellow), as stops from 0 to 1.
_STOPS = np.array([(68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
                   (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37)], float)
NO_VALUE = (200, 200, 200)    # a cell without a value (a median of no hits, an overflowed loss)
EDGE_COLOR = (255, 255, 255)  # theory's edge, drawn over a dark outline so that it shows on every colour
EDGE_OUTLINE = (20, 20, 20)
GROUND_LETTERS = {"hollow": "h", "saddle": "s", "hilltop": "t", "flat": "f", "slope": "l"}


def colours(t: np.ndarray) -> np.ndarray:
    """RGB (…, 3) uint8 of values t in [0, 1] on the sequential scale (nan: the bottom's colour)."""
    t = np.nan_to_num(np.clip(np.asarray(t, float), 0, 1), nan=0.0) * (len(_STOPS) - 1)
    i = np.minimum(t.astype(int), len(_STOPS) - 2)
    f = (t - i)[..., None]
    return np.round(_STOPS[i] * (1 - f) + _STOPS[i + 1] * f).astype(np.uint8)


def _scale(measure: str, grid: np.ndarray) -> tuple[float, float, bool]:
    """(low, high, log) of a measure's colour scale: shares 0 to 1, steps linear, loss on a log scale."""
    if measure.endswith("_rate"):
        return 0.0, 1.0, False
    finite = grid[np.isfinite(grid)]
    log = measure == "median_final_loss"
    if log:
        finite = finite[finite > 0]
    if finite.size == 0:
        return (1.0, 10.0, True) if log else (0.0, 1.0, False)
    lo, hi = float(finite.min()), float(finite.max())
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if hi <= lo:
        hi = lo + 1
    return lo, hi, log


def _axis_label(axis: Axis, lang: str) -> str:
    return tr(f"map.param.{axis.name}", lang)


def _position(axis: Axis, value: float) -> float:
    """Where ``value`` lies on the axis, in cells from the first cell's centre (0) to the last's (n − 1)."""
    v0, v1 = axis.values[0], axis.values[-1]
    if axis.log:
        t = (math.log(value) - math.log(v0)) / (math.log(v1) - math.log(v0))
    else:
        t = (value - v0) / (v1 - v0)
    return t * (len(axis.values) - 1)


def _ticks(axis: Axis, finer: bool = True) -> list[float]:
    """Round values within the axis's range to label: on a log axis 1, 2 and 5 times the powers of
    ten when that makes at most 7 (and ``finer``), else the powers of ten alone."""
    lo, hi = axis.values[0], axis.values[-1]
    inside = lambda vs: [v for v in vs if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9) + 1e-12]  # noqa: E731
    if axis.log:
        decades = range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
        ones = inside([float(f"{m}e{k}") for k in decades for m in (1, 2, 5)])
        return ones if finer and len(ones) <= 7 else inside([10.0 ** k for k in decades])
    return inside(nice_ticks(lo, hi, 6 if finer else 3, False))


def _tick_labels(axis: Axis, at: Callable[[float], int], size: int, across: bool) -> list[tuple[int, pygame.Surface]]:
    """The axis's tick labels at pixel ``at(value)`` (along x when ``across``, else y), the finer
    ticks where their labels keep apart, else the coarser ones, and any that would touch the one
    before left out."""
    for finer in (True, False):
        labels = [(at(v), assets.text(format_tick(v, axis.log), size, DEFAULT_THEME.tick_text))
                  for v in _ticks(axis, finer)]
        extent = [(p, (s.get_width() if across else s.get_height()) + 6) for p, s in labels]
        if all(abs(p1 - p0) >= (e0 + e1) / 2 for (p0, e0), (p1, e1) in zip(extent, extent[1:])):
            return labels
    kept: list[tuple[int, pygame.Surface]] = []
    for p, label in labels:
        room = (label.get_width() if across else label.get_height()) + 6
        if not kept or abs(p - kept[-1][0]) >= room:
            kept.append((p, label))
    return kept


def _text_px(rect: pygame.Rect) -> int:
    """The font size (pixels) of a map panel's labels."""
    return max(11, min(20, rect.height // 26))


def _bar_width(rect: pygame.Rect) -> int:
    """The colour bar's width (pixels) in a map panel."""
    return max(12, rect.width // 30)


def plot_rect(rect: pygame.Rect) -> pygame.Rect:
    """Where a map panel drawn in ``rect`` puts its cells (pixels): room is left for the title, the
    axes' ticks and names, and the colour bar with its labels."""
    size = _text_px(rect)
    line = assets.font(size).get_linesize()
    plot = pygame.Rect(rect.x + 2 * line + 8 + size * 3, rect.y + 10 + 2 * line, 0, rect.height - 20 - 4 * line)
    plot.width = rect.right - plot.x - _bar_width(rect) - size * 4 - 20
    return plot


def cell_rect(plot: pygame.Rect, axes: tuple[Axis, Axis], i: int, j: int) -> pygame.Rect:
    """The pixels of cell (i, j) (i along the first axis, left to right; j along the second, bottom
    to top) in the cells' area ``plot``: the rectangle draw_map_panel fills."""
    cw, ch = plot.width / len(axes[0].values), plot.height / len(axes[1].values)
    x0, x1 = plot.x + round(i * cw), plot.x + round((i + 1) * cw)
    y0, y1 = plot.bottom - round((j + 1) * ch), plot.bottom - round(j * ch)
    return pygame.Rect(x0, y0, x1 - x0, y1 - y0)


def cell_at(plot: pygame.Rect, axes: tuple[Axis, Axis], pos: tuple[int, int]) -> tuple[int, int] | None:
    """The cell (i, j) whose rectangle (cell_rect) holds the pixel ``pos``, or None off the cells."""
    if not plot.collidepoint(pos):
        return None
    na, nb = len(axes[0].values), len(axes[1].values)
    i = min(na - 1, int((pos[0] - plot.x) * na / plot.width))
    j = min(nb - 1, int((plot.bottom - 1 - pos[1]) * nb / plot.height))
    for di in (-1, 0, 1):   # the rectangles are rounded to pixels: take the one that holds pos
        for dj in (-1, 0, 1):
            if 0 <= i + di < na and 0 <= j + dj < nb and cell_rect(plot, axes, i + di, j + dj).collidepoint(pos):
                return i + di, j + dj
    return None


def draw_map_panel(surface: pygame.Surface, rect: pygame.Rect, result: HyperparameterMap, measure: str,
                   lang: str = "en") -> None:
    """One measure of the map as coloured cells in ``rect``, with axes, a colour bar and theory's edge."""
    theme = DEFAULT_THEME
    pygame.draw.rect(surface, theme.panel, rect)
    pygame.draw.rect(surface, theme.panel_border, rect, 1)
    grid = result.grid(measure)
    lo, hi, log = _scale(measure, grid)
    ax, ay = result.axes
    size = _text_px(rect)
    title, tsize = fit_text(tr(f"map.{measure}", lang) + (f" ({tr('chart.log_scale', lang)})" if log else ""),
                            size + 2, rect.width - 16, True, 10)
    surface.blit(assets.text(title, tsize, theme.title, True), (rect.x + 8, rect.y + 6))
    line = assets.font(size).get_linesize()
    bar_w = _bar_width(rect)
    plot = plot_rect(rect)
    if plot.width < 20 or plot.height < 20:
        return
    na, nb = len(ax.values), len(ay.values)
    cw, ch = plot.width / na, plot.height / nb
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.log10(grid) if log else grid
        rgb = colours((values - lo) / (hi - lo))
    for j in range(nb):
        for i in range(na):
            colour = tuple(rgb[j, i]) if np.isfinite(values[j, i]) else NO_VALUE
            surface.fill(colour, cell_rect(plot, result.axes, i, j))
    if measure == "stuck_rate":
        _ground_letters(surface, plot, result, cw, ch, size)
    pygame.draw.rect(surface, theme.axis, plot, 1)
    _edge(surface, plot, result, cw, ch)
    # axes: ticks at round values, labels, names
    small = max(10, size - 2)
    for x, label in _tick_labels(ax, lambda v: plot.x + round((_position(ax, v) + 0.5) * cw), small, True):
        pygame.draw.line(surface, theme.axis, (x, plot.bottom), (x, plot.bottom + 4))
        surface.blit(label, (x - label.get_width() // 2, plot.bottom + 5))
    for y, label in _tick_labels(ay, lambda v: plot.bottom - round((_position(ay, v) + 0.5) * ch), small, False):
        pygame.draw.line(surface, theme.axis, (plot.x - 4, y), (plot.x, y))
        surface.blit(label, (plot.x - 6 - label.get_width(), y - label.get_height() // 2))
    xname, xs = fit_text(_axis_label(ax, lang) + (f" ({tr('chart.log_scale', lang)})" if ax.log else ""),
                         size, plot.width, False, 9)
    name = assets.text(xname, xs, theme.text)
    surface.blit(name, (plot.centerx - name.get_width() // 2, plot.bottom + 6 + line))
    yname = rotated_text(fit_text(_axis_label(ay, lang) + (f" ({tr('chart.log_scale', lang)})" if ay.log else ""),
                                  size, plot.height, False, 9)[0], size, theme.text, False)
    surface.blit(yname, (rect.x + 6, plot.centery - yname.get_height() // 2))
    _colour_bar(surface, pygame.Rect(plot.right + 12, plot.y, bar_w, plot.height), lo, hi, log, measure, small)


def _ground_letters(surface: pygame.Surface, plot: pygame.Rect, result: HyperparameterMap,
                    cw: float, ch: float, size: int) -> None:
    """In each cell with stuck players, the first letter of the ground most of them stopped on."""
    px = int(min(cw, ch) * 0.7)
    if px < 9:
        return
    na = len(result.axes[0].values)
    for k, cell in enumerate(result.cells):
        if not cell.outcomes["stuck"]:
            continue
        ground = max(cell.grounds, key=cell.grounds.get)
        i, j = k % na, k // na
        letter = assets.text(GROUND_LETTERS[ground], min(px, size), (255, 255, 255) if cell.share("stuck") < 0.6
                             else (20, 20, 20), True)
        cx, cy = plot.x + (i + 0.5) * cw, plot.bottom - (j + 0.5) * ch
        surface.blit(letter, (round(cx - letter.get_width() / 2), round(cy - letter.get_height() / 2)))


def _edge(surface: pygame.Surface, plot: pygame.Rect, result: HyperparameterMap, cw: float, ch: float) -> None:
    """Theory's edge as a dashed white line with a dark outline, clipped to the plot."""
    ax, ay = result.axes
    points = []
    for a, b in result.theory.edge:
        if (ax.log and a <= 0) or (ay.log and b <= 0):
            continue
        points.append((plot.x + (_position(ax, a) + 0.5) * cw, plot.bottom - (_position(ay, b) + 0.5) * ch))
    if len(points) < 2:
        return
    clip = surface.get_clip()
    surface.set_clip(plot)
    dashes = _dashes(points, 10, 6)
    for width, colour in ((6, EDGE_OUTLINE), (3, EDGE_COLOR)):
        for p, q in dashes:
            pygame.draw.line(surface, colour, p, q, width)
    surface.set_clip(clip)


def _dashes(points: Sequence[tuple[float, float]], on: float, off: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The polyline through ``points`` cut into dashes ``on`` pixels long with gaps of ``off``."""
    out, phase = [], 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        s = 0.0
        while s < length:
            period = phase % (on + off)
            step = min(length - s, (on - period) if period < on else (on + off - period))
            if period < on:
                a, b = s / length, (s + step) / length
                out.append(((x0 + a * (x1 - x0), y0 + a * (y1 - y0)), (x0 + b * (x1 - x0), y0 + b * (y1 - y0))))
            s += step
            phase += step
    return out


def _colour_bar(surface: pygame.Surface, rect: pygame.Rect, lo: float, hi: float, log: bool, measure: str,
                size: int) -> None:
    """The colour scale, low at the bottom, with its ends and middle labelled."""
    theme = DEFAULT_THEME
    t = 1 - (np.arange(rect.height) + 0.5) / rect.height
    rgb = colours(t)
    for k in range(rect.height):
        surface.fill(tuple(rgb[k]), (rect.x, rect.y + k, rect.width, 1))
    pygame.draw.rect(surface, theme.axis, rect, 1)
    for f in (0.0, 0.5, 1.0):
        v = lo + f * (hi - lo)
        if measure.endswith("_rate"):
            text = f"{v:.0%}"
        elif log:
            text = f"{10 ** v:.2g}"
        else:
            text = f"{v:.3g}"
        label = assets.text(text, size, theme.tick_text)
        y = rect.bottom - round(f * rect.height)
        surface.blit(label, (rect.right + 4, min(rect.bottom - label.get_height(), max(rect.y, y - label.get_height() // 2))))


def _notes(surface: pygame.Surface, rect: pygame.Rect, result: HyperparameterMap, lang: str) -> None:
    """The settings, theory's rule and the keys of the picture, in lines that fit."""
    theme = DEFAULT_THEME
    s = result.scenario
    size = max(11, min(20, rect.height // 22))
    lines = [(tr("map.title", lang, a=_axis_label(result.axes[0], lang), b=_axis_label(result.axes[1], lang),
                 scenario=s.name), True),
             (tr("map.settings", lang, loss=s.loss_text, starts=result.starts, cells=len(result.cells),
                 steps=s.max_steps, seed=s.seed), False),
             (walker_text(result, terminal(lang)), False)]
    if result.theory.edge:
        lines.append((tr(f"map.edge_{result.theory.optimizer}", lang, c=result.theory.curvature), False))
    else:
        lines.append((tr("map.no_edge", lang), False))
    lines += [(tr("map.no_value", lang), False), (tr("map.grounds", lang), False)]
    y = rect.y + 8
    for text, bold in lines:
        for part in wrap(text, size, rect.width - 16, bold):
            fitted, px = fit_text(part, size, rect.width - 16, bold, 9)
            surface.blit(assets.text(fitted, px, theme.title if bold else theme.text, bold), (rect.x + 8, y))
            y += assets.font(px, bold).get_linesize()
        y += 4


def map_surface(result: HyperparameterMap, size: tuple[int, int] = MAP_SIZE, lang: str = "en") -> pygame.Surface:
    """All five measures of the map as panels (three across, two down) and a notes panel."""
    w, h = size
    surface = pygame.Surface((w, h))
    surface.fill(DEFAULT_THEME.page)
    gap = max(4, round(min(w, h) * 0.012))
    cols, rows = 3, 2
    pw, ph = (w - gap * (cols + 1)) // cols, (h - gap * (rows + 1)) // rows
    rects = [pygame.Rect(gap + c * (pw + gap), gap + r * (ph + gap), pw, ph) for r in range(rows) for c in range(cols)]
    for measure, rect in zip(MEASURES, rects):
        draw_map_panel(surface, rect, result, measure, lang)
    pygame.draw.rect(surface, DEFAULT_THEME.panel, rects[-1])
    pygame.draw.rect(surface, DEFAULT_THEME.panel_border, rects[-1], 1)
    _notes(surface, rects[-1], result, lang)
    return surface


def save_map_png(result: HyperparameterMap, path: str | os.PathLike, size: tuple[int, int] = MAP_SIZE,
                 lang: str = "en") -> None:
    """The map's five panels and its notes as one PNG (written whole or not at all)."""
    save_png(map_surface(result, size, lang), path)
