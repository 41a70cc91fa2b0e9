"""Where a chart's parts go: plot area, texts, legend and the data-to-pixel transform, cached;
and a grid of rects for several charts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pygame

from game.chart.axis import Axis, make_axis, named_axis, tick_px, unit, valid
from game.chart.cache import layouts
from game.chart.spec import DEFAULT_THEME, RGB, ChartSpec, ChartTheme, Series
from game.chart.text import fit_text, shrunk, text_size

SHADOW = 2  # pixels of shadow under the panel, inside the chart's rect


@dataclass(frozen=True)
class Text:
    """A label to blit: text, pixel size, colour, bold, top-left position, rotated 90 degrees."""

    s: str
    size: int
    color: RGB
    pos: tuple[int, int]
    bold: bool = False
    rotated: bool = False


@dataclass(frozen=True)
class ChartLayout:
    """Where a chart's parts go in pixels, and the data-to-pixel transform of its plot area.

    ``plot`` is the plot area: ``x_lo`` maps to its left column and ``x_hi`` to its right column
    (``plot.right - 1``), ``y_lo`` to its bottom row and ``y_hi`` to its top row. Log axes map
    log10 of the value linearly. ``x_labels`` are the texts under ``x_ticks`` as drawn (fitted).
    """

    rect: pygame.Rect
    plot: pygame.Rect
    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    x_log: bool
    y_log: bool
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]
    x_labels: tuple[str, ...]
    font_px: int
    _x: Axis = field(repr=False)
    _y: Axis = field(repr=False)
    _texts: tuple[Text, ...] = field(repr=False)
    _legend: tuple[tuple[Series, int, int, int], ...] = field(repr=False)  # series, x, mid y, width

    def to_pixels(
        self, xs: np.ndarray | Sequence[float], ys: np.ndarray | Sequence[float]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates (floats) of data points; points off the plot area map outside it."""
        with np.errstate(all="ignore"):
            u = unit(np.asarray(xs, dtype=float), self.x_lo, self.x_hi, self.x_log)
            v = unit(np.asarray(ys, dtype=float), self.y_lo, self.y_hi, self.y_log)
            px = self.plot.left + u * (self.plot.w - 1)
            py = self.plot.bottom - 1 - v * (self.plot.h - 1)
        return px, py

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Pixel coordinates (floats) of one data point."""
        px, py = self.to_pixels(np.array([x]), np.array([y]))
        return float(px[0]), float(py[0])

    def from_pixel(self, px: float, py: float) -> tuple[float, float]:
        """The data point drawn at pixel (px, py)."""

        def back(t: float, lo: float, hi: float, log: bool) -> float:
            if log:
                return 10.0 ** (math.log10(lo) + t * (math.log10(hi) - math.log10(lo)))
            return lo + t * (hi - lo)

        u = (px - self.plot.left) / max(self.plot.w - 1, 1)
        v = (self.plot.bottom - 1 - py) / max(self.plot.h - 1, 1)
        return back(u, self.x_lo, self.x_hi, self.x_log), back(v, self.y_lo, self.y_hi, self.y_log)


def _font_px(w: int, h: int) -> int:
    """Tick-label font size in pixels for a chart of w x h pixels."""
    s = min(h, w * 0.75)
    return int(max(8, min(22, round(7.5 + 0.016 * s))))


LOG_DECADES = 8   # a log y axis fitted to the data spans at most this many decades below its top


def series_mask(s: Series, x_log: bool, y_log: bool) -> np.ndarray:
    return valid(s.xs, x_log) & valid(s.ys, y_log)


def _data_bounds(
    spec: ChartSpec, masks: list[np.ndarray]
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """(min, max) of the drawable x and y values, or None for an axis with nothing to draw."""
    xl: list[float] = []
    yl: list[float] = []
    for s, m in zip(spec.series, masks):
        if m.all():
            xs, ys = s.xs, s.ys
        else:
            xs, ys = s.xs[m], s.ys[m]
        if xs.size:
            half = s.bar_width / 2 if s.style == "bars" else 0.0  # a bar's sides, and its foot at 0
            xl += [float(xs.min()) - half, float(xs.max()) + half]
            yl += [float(ys.min()), float(ys.max())] + ([0.0] if half and not spec.y_log else [])
    for mk in spec.markers:
        if valid(np.array([mk.x]), spec.x_log)[0]:
            xl.append(mk.x)
    yb = (min(yl), max(yl)) if yl else None
    if yb and spec.y_log:   # one line diving to 1e-22 must not press every other line flat
        yb = (max(yb[0], yb[1] * 10.0 ** -LOG_DECADES), yb[1])
    return ((min(xl), max(xl)) if xl else None, yb)


def _legend_entries(spec: ChartSpec) -> list[Series]:
    return [s for s in spec.series if s.label]


Bounds = tuple[float, float] | None


def _build_layout(w: int, h: int, spec: ChartSpec, theme: ChartTheme, xb: Bounds, yb: Bounds, show: int) -> ChartLayout:
    """Lay out a w x h chart at (0, 0); ``show`` 4 = everything, fewer drops the least needed parts:
    the x label, then the title and the legend, then the y label and the ticks. A legend of two or
    more lines says which is which and outlives the title (the y label still names what is
    plotted); a legend of one goes first."""
    f = _font_px(w, h)
    tf, lf = round(f * 1.3), round(f * 1.05)
    pad = max(2, round(f * 0.9))
    gap = max(2, round(f * 0.35))
    tick_len = max(2, round(f * 0.35))
    # the y label, on its side, costs width, not height: a short chart keeps it until its ticks go
    legend_first = len(_legend_entries(spec)) >= 2
    show_x_label, show_y_label, show_legend = show >= 4, show >= 1, show >= (2 if legend_first else 3) and spec.legend
    show_title, show_ticks = show >= (3 if legend_first else 2), show >= 1
    texts: list[Text] = []
    legend: list[tuple[Series, int, int, int]] = []

    top = pad
    title, ts = fit_text(spec.title, tf, w - 2 * pad, True, shrunk(tf)) if show_title else ("", tf)
    if title:
        tw, th = text_size(title, ts, True)
        texts.append(Text(title, ts, theme.title, (pad, top), bold=True))
        title_right, row_h = pad + tw, th
    else:
        title_right, row_h = pad, 0
    entries = _legend_entries(spec) if show_legend else []
    if entries:
        sw = round(f * 1.6)  # swatch width
        labels = [fit_text(s.label, f, w - 2 * pad - sw - gap)[0] for s in entries]  # "…" if too wide
        items = [(s, lab, sw + gap + text_size(lab, f)[0]) for s, lab in zip(entries, labels)]
        lh = text_size("Ag", f)[1]
        spacing = round(f * 1.1)
        total = sum(iw for _, _, iw in items) + spacing * (len(items) - 1)
        if total <= w - pad - title_right - 2 * f:  # all on the title row, right-aligned
            x, y0 = w - pad - total, top + max(0, (row_h - lh) // 2)
            rows = [(items, y0)]
            row_h = max(row_h, lh)
        else:  # wrapped rows under the title
            rows, cur, cw = [], [], 0
            for it in items:
                if cur and cw + spacing + it[2] > w - 2 * pad:
                    rows.append(cur)
                    cur, cw = [], 0
                cw += (spacing if cur else 0) + it[2]
                cur.append(it)
            rows.append(cur)
            y0 = top + (row_h + gap if row_h else 0)
            rows = [(r, y0 + i * (lh + gap // 2)) for i, r in enumerate(rows)]
            row_h = rows[-1][1] + lh - top
            x = pad
        for r, ry in rows:
            rx = x if len(rows) == 1 else pad
            for s, label, iw in r:
                legend.append((s, rx, ry + lh // 2, sw))
                texts.append(Text(label, f, theme.text, (rx + sw + gap, ry)))
                rx += iw + spacing
    if row_h:
        top += row_h + round(f * 0.9)
    tick_h = text_size("0123456789e-", f)[1]
    top += tick_h // 2 if show_ticks else gap

    bottom = h - pad
    x_label, xs = fit_text(spec.x_label, lf, w - 2 * pad, False, shrunk(lf)) if show_x_label else ("", lf)
    xl_w, xl_h = text_size(x_label, xs)
    if xl_h:
        bottom -= xl_h + gap
    if show_ticks:
        bottom -= tick_h + tick_len + gap // 2
    plot_h = max(0, bottom - top)
    y_axis = make_axis(yb, spec.y_range, spec.y_log, int(max(2, min(9, plot_h // (tick_h * 1.6) + 1))))

    left = pad
    # the y label is turned on its side: its length must fit the plot's height
    y_label, ys = fit_text(spec.y_label, lf, plot_h, False, shrunk(lf)) if show_y_label else ("", lf)
    yl_len, yl_w = text_size(y_label, ys)
    if yl_w:
        left += yl_w + gap
    if show_ticks:
        ylab_w = max([text_size(s, f)[0] for s in y_axis.labels + y_axis.minor_labels] or [0])
        left += ylab_w + gap + tick_len
    right = w - pad
    x_axis = make_axis(xb, spec.x_range, spec.x_log, 2)
    x_sizes: tuple[int, ...] = ()
    if spec.x_tick_labels is not None:
        x_axis = named_axis(xb, spec.x_range, spec.x_log, spec.x_tick_labels)
        if show_ticks:
            fitted = _fit_tick_labels(x_axis, f, right - left)
            if fitted:  # room for half of the end labels beyond the plot's edges
                left = max(left, text_size(fitted[0][0], fitted[0][1])[0] // 2 + pad // 2)
                right = min(right, w - text_size(fitted[-1][0], fitted[-1][1])[0] // 2 - pad // 2)
            fitted = _fit_tick_labels(x_axis, f, right - left)  # narrower: they only shrink
            x_axis = replace(x_axis, labels=tuple(t for t, _ in fitted))
            x_sizes = tuple(size for _, size in fitted)
    elif show_ticks:  # as many x ticks as fit, with room between labels
        for n in range(9, 1, -1):
            x_axis = make_axis(xb, spec.x_range, spec.x_log, n)
            widths = [text_size(s, f)[0] for s in x_axis.labels + x_axis.minor_labels]
            count = len(widths)
            if count <= 1 or (max(widths) + 2 * f) * (count - 1) <= right - left:
                break
        if x_axis.labels:  # room for half of the end labels beyond the plot's edges
            left = max(left, text_size(x_axis.labels[0], f)[0] // 2 + pad // 2)
            right = min(right, w - text_size(x_axis.labels[-1], f)[0] // 2 - pad // 2)
    plot = pygame.Rect(left, top, max(0, right - left), plot_h)

    if show_ticks:
        for vals, labs in ((y_axis.ticks, y_axis.labels), (y_axis.minor, y_axis.minor_labels)):
            for t, s in zip(vals, labs):
                tw, th = text_size(s, f)
                py = tick_px(t, y_axis, plot.bottom - 1, plot.top)
                texts.append(Text(s, f, theme.tick_text, (plot.left - tick_len - gap - tw, py - th // 2)))
        for vals, labs, sizes in ((x_axis.ticks, x_axis.labels, x_sizes or (f,) * len(x_axis.labels)),
                                  (x_axis.minor, x_axis.minor_labels, (f,) * len(x_axis.minor_labels))):
            for t, s, size in zip(vals, labs, sizes):
                tw, th = text_size(s, size)
                px = tick_px(t, x_axis, plot.left, plot.right - 1)
                y = plot.bottom + tick_len + gap // 2 + (tick_h - th) // 2  # a shrunk text centred
                texts.append(Text(s, size, theme.tick_text, (px - tw // 2, y)))
    if xl_h:  # under the plot's middle, kept inside the panel
        x = min(max(pad, plot.centerx - xl_w // 2), w - pad - xl_w)
        texts.append(Text(x_label, xs, theme.text, (x, h - pad - xl_h)))
    if yl_w:
        texts.append(Text(y_label, ys, theme.text, (pad, plot.centery - yl_len // 2), rotated=True))

    return ChartLayout(
        rect=pygame.Rect(0, 0, w, h), plot=plot,
        x_lo=x_axis.lo, x_hi=x_axis.hi, y_lo=y_axis.lo, y_hi=y_axis.hi,
        x_log=spec.x_log, y_log=spec.y_log, x_ticks=x_axis.ticks, y_ticks=y_axis.ticks,
        x_labels=x_axis.labels if show_ticks else (),
        font_px=f, _x=x_axis, _y=y_axis, _texts=tuple(texts), _legend=tuple(legend),
    )


def _fit_tick_labels(axis: Axis, f: int, plot_w: int) -> list[tuple[str, int]]:
    """Each named tick's text and pixel size, fitted to the room between it and its neighbours
    (``f`` pixels apart) on a plot ``plot_w`` pixels wide."""
    px = [tick_px(t, axis, 0, max(plot_w - 1, 1)) for t in axis.ticks]
    gaps = [b - a for a, b in zip(px, px[1:])]
    fitted = []
    for i, s in enumerate(axis.labels):
        near = gaps[max(i - 1, 0) : i + 1] or [plot_w]
        fitted.append(fit_text(s, f, max(min(near) - f, 0), False, shrunk(f)))
    return fitted


def static_key(spec: ChartSpec, theme: ChartTheme) -> tuple:
    return (
        spec.title, spec.x_label, spec.y_label, spec.x_log, spec.y_log, spec.x_range, spec.y_range,
        spec.legend, spec.empty_text, spec.x_tick_labels,
        tuple((s.label, s.color, s.style, s.width, s.bar_width) for s in spec.series),
        tuple(spec.markers), theme,
    )


def layout_at_origin(
    w: int, h: int, spec: ChartSpec, theme: ChartTheme, masks: list[np.ndarray]
) -> ChartLayout:
    xb, yb = _data_bounds(spec, masks)
    key = (w, h, static_key(spec, theme), xb, yb)
    lay = layouts.fetch(key)
    if lay is None:
        for show in range(4, -1, -1):  # drop parts until the plot area is big enough
            lay = _build_layout(w, h, spec, theme, xb, yb, show)
            if lay.plot.w >= max(24, 0.45 * w) and lay.plot.h >= max(16, 0.4 * h):
                break
        layouts.put(key, lay)
    return lay


def moved(lay: ChartLayout, rect: pygame.Rect) -> ChartLayout:
    """A copy of ``lay`` (laid out at the origin, cached) moved to ``rect``'s top-left corner."""
    return replace(lay, rect=pygame.Rect(rect.topleft, lay.rect.size), plot=lay.plot.move(rect.topleft))


def chart_layout(
    rect: pygame.Rect | Sequence[int], spec: ChartSpec, theme: ChartTheme = DEFAULT_THEME
) -> ChartLayout:
    """The layout ``draw_chart(surface, rect, spec, theme)`` uses: plot area and transform."""
    rect = pygame.Rect(rect)
    masks = [series_mask(s, spec.x_log, spec.y_log) for s in spec.series]
    return moved(layout_at_origin(max(rect.w, 0), max(rect.h - SHADOW, 0), spec, theme, masks), rect)


def chart_grid(
    rect: pygame.Rect | Sequence[int], n: int, cols: int = 2, gap: int | None = None
) -> list[pygame.Rect]:
    """Rects for ``n`` charts in rows of ``cols`` inside ``rect``, ``gap`` pixels apart."""
    rect = pygame.Rect(rect)
    if n < 1:
        return []
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols)
    g = gap if gap is not None else max(4, round(min(rect.w, rect.h) * 0.025))
    cw, ch = (rect.w - g * (cols - 1)) // cols, (rect.h - g * (rows - 1)) // rows
    return [
        pygame.Rect(rect.x + (i % cols) * (cw + g), rect.y + (i // cols) * (ch + g), cw, ch) for i in range(n)
    ]
