"""Drawing a series: thinning to the pixel columns, clipping to the plot, antialiased lines."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pygame

from game.chart.layout import ChartLayout
from game.chart.spec import RGB, Series


def _decimate(px: np.ndarray, py: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Thin a line sorted by x to one point per pixel column, or its low and high (in drawing
    order) where the line spans a pixel or more within the column; the last point is kept."""
    if px.size <= max_points or np.any(px[1:] < px[:-1]):
        return px, py
    cols = np.floor(px)
    starts = np.concatenate(([0], np.flatnonzero(cols[1:] != cols[:-1]) + 1))
    ends = np.concatenate((starts[1:], [px.size])) - 1
    lo, hi = np.minimum.reduceat(py, starts), np.maximum.reduceat(py, starts)
    rising = py[starts] <= py[ends]
    out_x = np.empty(2 * starts.size + 1)
    out_y = np.empty(2 * starts.size + 1)
    out_x[0:-1:2], out_x[1:-1:2], out_x[-1] = px[starts], px[ends], px[-1]
    out_y[0:-1:2] = np.where(rising, lo, hi)
    out_y[1:-1:2] = np.where(rising, hi, lo)
    out_y[-1] = py[-1]
    keep = np.ones(out_x.size, dtype=bool)
    keep[1:-1:2] = hi - lo >= 1.0  # a flat column needs one point
    return out_x[keep], out_y[keep]


def _clip_polyline(
    px: np.ndarray, py: np.ndarray, box: tuple[float, float, float, float]
) -> list[np.ndarray]:
    """Cut a polyline to the box (x0, y0, x1, y1): a list of (n, 2) float arrays, Liang-Barsky."""
    x0, y0, x1, y1 = box
    inside = (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
    if inside.all():
        return [np.column_stack((px, py))]
    ax, ay, bx, by = px[:-1], py[:-1], px[1:], py[1:]
    dx, dy = bx - ax, by - ay
    t0, t1 = np.zeros(ax.size), np.ones(ax.size)
    side0, side1 = np.full(ax.size, -1), np.full(ax.size, -1)  # the box side where t0, t1 cut
    ok = np.ones(ax.size, dtype=bool)
    with np.errstate(all="ignore"):
        for side, (p, q) in enumerate(((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay))):
            r = q / p
            ok &= ~((p == 0) & (q < 0))
            enter, leave = (p < 0) & (r > t0), (p > 0) & (r < t1)
            t0, side0 = np.where(enter, r, t0), np.where(enter, side, side0)
            t1, side1 = np.where(leave, r, t1), np.where(leave, side, side1)
        ok &= t0 <= t1

        def at(t: np.ndarray, side: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            # the cut lies exactly on its side of the box; interpolating the other coordinate
            # from the nearer end keeps digits when the far end is 1e300 pixels away
            near_a = t <= 0.5
            x = np.where(near_a, ax + t * dx, bx - (1 - t) * dx)
            y = np.where(near_a, ay + t * dy, by - (1 - t) * dy)
            x = np.select([side == 0, side == 1], [x0, x1], x)
            y = np.select([side == 2, side == 3], [y0, y1], y)
            return np.clip(x, x0, x1), np.clip(y, y0, y1)

        (sx, sy), (ex, ey) = at(t0, side0), at(t1, side1)
    ok &= np.isfinite(sx) & np.isfinite(sy) & np.isfinite(ex) & np.isfinite(ey)
    joined = ok[:-1] & ok[1:] & (t1[:-1] >= 1) & (t0[1:] <= 0)
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return []
    new_run = np.ones(idx.size, dtype=bool)
    new_run[1:] = ~((idx[1:] == idx[:-1] + 1) & joined[idx[:-1]])
    runs = np.split(idx, np.flatnonzero(new_run)[1:])
    return [
        np.column_stack((np.append(sx[r], ex[r[-1]]), np.append(sy[r], ey[r[-1]]))) for r in runs
    ]


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True in mask."""
    if mask.all():
        return [(0, mask.size)] if mask.size else []
    d = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def draw_series(surface: pygame.Surface, lay: ChartLayout, s: Series, mask: np.ndarray) -> None:
    """One series; ``mask`` marks its drawable points, and a line breaks where they are not."""
    if s.style == "bars":
        _bars(surface, lay, s, mask)
        return
    plot = lay.plot
    lw = line_width(s.width, lay.font_px)
    pad = lw + 2
    box = (plot.left - pad, plot.top - pad, plot.right - 1 + pad, plot.bottom - 1 + pad)
    xs, ys = s.xs, s.ys
    if s.style == "steps" and xs.size > 1:  # (x0, y0) (x1, y0) (x1, y1) (x2, y1) ...
        xs, ys = np.repeat(xs, 2)[1:], np.repeat(ys, 2)[:-1]
        mask = np.repeat(mask, 2)[1:] & np.repeat(mask, 2)[:-1]
    below = mask & (ys < lay.y_lo) if lay.y_log else np.zeros(ys.shape, bool)
    if below.any():   # under a log axis's floor: drawn along the bottom, marked where it goes under
        ys = np.where(below, lay.y_lo, ys)
    px, py = lay.to_pixels(xs, ys)
    mask = mask & np.isfinite(px) & np.isfinite(py)  # far beyond a tiny fixed range: inf pixels
    if below.any():
        _below_marks(surface, lay, s.color, px[below & ~np.concatenate(([False], below[:-1]))], lw)
    if s.style == "points":
        keep = mask & (px >= box[0]) & (px <= box[2]) & (py >= box[1]) & (py <= box[3])
        pts = np.unique(np.rint(np.column_stack((px[keep], py[keep]))).astype(int), axis=0)
        for x, y in pts.tolist():
            pygame.draw.circle(surface, s.color, (x, y), lw + 1)
        return
    for a, b in _runs(mask):
        if b - a == 1:
            if box[0] <= px[a] <= box[2] and box[1] <= py[a] <= box[3]:
                pygame.draw.circle(surface, s.color, (round(px[a]), round(py[a])), lw + 2)
            continue
        rx, ry = _decimate(px[a:b], py[a:b], 2 * max(plot.w, 1))
        for line in _clip_polyline(rx, ry, box):
            length = float(np.hypot(*np.diff(line, axis=0).T).sum())
            _polyline(surface, s.color, line, lw, smooth=length <= 2.5 * (plot.w + plot.h))


def _below_marks(surface: pygame.Surface, lay: ChartLayout, color: RGB, xs: np.ndarray, lw: int) -> None:
    """A small triangle pointing down on the plot's bottom edge at each x where a line goes
    under a log axis's floor (its values there are below the lowest tick)."""
    r = max(4, 2 * lw + 2)
    bottom = lay.plot.bottom - 1
    for x in xs[np.isfinite(xs)].tolist():
        tip = (round(x), bottom)
        pygame.draw.polygon(surface, color, [(tip[0] - r, bottom - r - 2), (tip[0] + r, bottom - r - 2), tip])


def _bars(surface: pygame.Surface, lay: ChartLayout, s: Series, mask: np.ndarray) -> None:
    """Filled bars from the axis (y = 0 held inside the plot; the bottom of a log axis) to each y:
    a bar covers the pixel rows from its foot's to its value's and the columns between its sides'."""
    foot = lay.plot.bottom - 1 if lay.y_log else lay.to_pixel(0.0, min(max(0.0, lay.y_lo), lay.y_hi))[1]
    half = s.bar_width / 2
    left, _ = lay.to_pixels(s.xs[mask] - half, s.ys[mask])
    right, top = lay.to_pixels(s.xs[mask] + half, s.ys[mask])
    ok = np.isfinite(left) & np.isfinite(right) & np.isfinite(top)
    # far beyond the plot, pixels are clamped first so that they convert to int
    lim = 4 * (lay.plot.w + lay.plot.h) + abs(lay.plot.left) + abs(lay.plot.top)
    x0, x1, y = (np.rint(np.clip(a[ok], -lim, lim)).astype(int) for a in (left, right, top))
    y_foot = round(foot)
    for a, b, v in zip(x0.tolist(), x1.tolist(), y.tolist()):
        bar = pygame.Rect(a, min(v, y_foot), max(b - a, 1), abs(v - y_foot) + 1).clip(lay.plot)
        if bar.w and bar.h:
            surface.fill(s.color, bar)


def line_width(width: int, font_px: int) -> int:
    """A series' width in pixels, grown with the chart so big PNGs do not look spindly."""
    return max(1, round(width * max(1.0, font_px / 13)))


@lru_cache(maxsize=16)
def _pen(width: int) -> tuple[tuple[float, float], ...]:
    """Sub-pixel offsets at which 1-pixel antialiased lines add up to a ``width``-pixel line."""
    k, r = (3, 0.58) if width == 2 else (6, (width - 1) / 2)
    return tuple((r * math.sin(2 * math.pi * i / k), -r * math.cos(2 * math.pi * i / k)) for i in range(k))


def _polyline(surface: pygame.Surface, color: RGB, pts: np.ndarray, width: int, smooth: bool) -> None:
    """A polyline through float pixel points, ``width`` pixels wide; antialiased if ``smooth``
    (a long, jagged path, such as a noisy line, is drawn plain: its edges hardly show and the
    antialiased pen costs three passes per pixel)."""
    if not smooth:
        pygame.draw.lines(surface, color, False, np.rint(pts).astype(int).tolist(), width)
        return
    if width <= 1:
        pygame.draw.aalines(surface, color, False, pts.tolist())
        return
    if width >= 3:  # a solid core; the antialiased ring below smooths its edges
        pygame.draw.lines(surface, color, False, np.rint(pts).astype(int).tolist(), width - 1)
    for offset in _pen(width):
        pygame.draw.aalines(surface, color, False, (pts + offset).tolist())
