"""Charts drawn with pygame alone: the live window's loss chart and the headless PNGs.

One renderer serves both. ``draw_chart`` draws a :class:`ChartSpec` into a rectangle of any
surface; ``render_chart_png`` / ``render_charts_png`` save charts headless. ``chart_layout``
exposes the plot area and the data-to-pixel transform, so tests can find where a point is drawn.

Everything that does not change from frame to frame (ticks, labels, the panel with its grid and
legend) is cached, so a live chart costs one blit plus its lines. Bad data (NaN, inf, zeros or
negatives on a log axis) is skipped; odd sizes draw what fits and never raise. ``fit_text``
shrinks, then cuts short with "…", a text that is too wide for its room.
"""

from __future__ import annotations

import math
import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

import numpy as np
import pygame

from game import assets
from game.png import save_png

RGB = tuple[int, int, int]
Style = Literal["line", "points", "steps"]
STYLES: tuple[str, ...] = ("line", "points", "steps")

# Okabe-Ito, ordered for a light background; its yellow (240, 228, 66) is darkened to mustard
# and its black softened so that every colour reads on sand and white.
PALETTE: tuple[RGB, ...] = (
    (0, 114, 178),  # blue
    (213, 94, 0),  # vermillion
    (0, 158, 115),  # bluish green
    (204, 121, 167),  # reddish purple
    (230, 159, 0),  # orange
    (86, 180, 233),  # sky blue
    (60, 60, 60),  # charcoal
    (181, 150, 0),  # mustard
)

_FLOAT_MAX = float(np.finfo(float).max)
_FLOAT_MIN = 5e-324  # the smallest positive double
_EPS = 1e-9


# ----------------------------------------------------------------------------- data classes


def _rgb(color: Sequence[int] | pygame.Color, what: str) -> RGB:
    try:
        c = pygame.Color(color)
    except (ValueError, TypeError):
        raise ValueError(f"{what}: colour must be an (r, g, b) tuple of 0..255, got {color!r}") from None
    return (c.r, c.g, c.b)


def _as_array(values: Sequence[float] | np.ndarray, what: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)
    except (ValueError, TypeError):
        raise ValueError(f"{what}: expected a sequence of numbers, got {values!r:.80}") from None
    if arr.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D sequence of numbers, got shape {arr.shape}")
    return arr


@dataclass(frozen=True, eq=False)
class Series:
    """One line (or set of points) on a chart; ``xs`` and ``ys`` become float arrays.

    ``style``: "line" joins the points, "points" draws a dot at each, "steps" holds each y until
    the next x. ``width`` is the line width (dot radius grows with it), in pixels.
    """

    label: str
    xs: Sequence[float] | np.ndarray
    ys: Sequence[float] | np.ndarray
    color: RGB
    style: Style = "line"
    width: int = 2

    def __post_init__(self) -> None:
        xs = _as_array(self.xs, f"series {self.label!r} xs")
        ys = _as_array(self.ys, f"series {self.label!r} ys")
        if xs.shape != ys.shape:
            raise ValueError(
                f"series {self.label!r}: xs and ys must have the same length, got {len(xs)} and {len(ys)}"
            )
        if self.style not in STYLES:
            raise ValueError(f"series {self.label!r}: style must be one of {STYLES}, got {self.style!r}")
        if not isinstance(self.width, int) or isinstance(self.width, bool) or not 1 <= self.width <= 20:
            raise ValueError(
                f"series {self.label!r}: width must be an integer 1..20 pixels, got {self.width!r}"
            )
        object.__setattr__(self, "xs", xs)
        object.__setattr__(self, "ys", ys)
        object.__setattr__(self, "color", _rgb(self.color, f"series {self.label!r}"))


@dataclass(frozen=True)
class Marker:
    """A labelled vertical reference line at data coordinate ``x`` (e.g. theory's lr = 1)."""

    x: float
    label: str
    color: RGB

    def __post_init__(self) -> None:
        object.__setattr__(self, "x", float(self.x))
        object.__setattr__(self, "color", _rgb(self.color, f"marker {self.label!r}"))


def _check_range(r: tuple[float, float] | None, log: bool, name: str) -> tuple[float, float] | None:
    if r is None:
        return None
    try:
        lo, hi = (float(v) for v in r)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a (low, high) pair of numbers or None, got {r!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"{name} must be finite with low < high, got {r!r}")
    if log and lo <= 0:
        raise ValueError(f"{name} on a log axis must be positive, got {r!r}")
    return (lo, hi)


@dataclass(eq=False)
class ChartSpec:
    """What to draw: titles, series, axis scales and optional fixed ranges (data units).

    ``empty_text`` is shown in the plot area when no series has a drawable point (translate it).
    """

    title: str
    x_label: str
    y_label: str
    series: list[Series]
    x_log: bool = False
    y_log: bool = False
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    markers: list[Marker] = field(default_factory=list)
    legend: bool = True
    empty_text: str = "no data"

    def __post_init__(self) -> None:
        for s in self.series:
            if not isinstance(s, Series):
                raise ValueError(f"chart {self.title!r}: series must be Series objects, got {s!r:.80}")
        for m in self.markers:
            if not isinstance(m, Marker):
                raise ValueError(f"chart {self.title!r}: markers must be Marker objects, got {m!r:.80}")
        self.x_range = _check_range(self.x_range, self.x_log, f"chart {self.title!r} x_range")
        self.y_range = _check_range(self.y_range, self.y_log, f"chart {self.title!r} y_range")


@dataclass(frozen=True)
class ChartTheme:
    """Colours of a chart; the default is a light beach theme (sand panel, deep-sea-blue axes)."""

    page: RGB = (246, 239, 222)  # behind the panel in PNGs
    panel: RGB = (252, 247, 235)
    panel_border: RGB = (224, 206, 170)
    shadow: RGB = (214, 199, 168)
    plot: RGB = (255, 254, 250)
    axis: RGB = (16, 58, 99)
    grid: RGB = (218, 228, 236)
    grid_minor: RGB = (236, 241, 245)
    zero_line: RGB = (170, 189, 206)
    title: RGB = (16, 58, 99)
    text: RGB = (38, 58, 82)
    tick_text: RGB = (74, 96, 120)
    note: RGB = (140, 150, 160)


DEFAULT_THEME = ChartTheme()


# ----------------------------------------------------------------------------- ticks


def _check_tick_args(lo: float, hi: float, max_ticks: int, log: bool) -> tuple[float, float]:
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"nice_ticks needs a finite range, got ({lo!r}, {hi!r})")
    if log and (lo <= 0 or hi <= 0):
        raise ValueError(f"nice_ticks on a log axis needs a positive range, got ({lo!r}, {hi!r})")
    if not isinstance(max_ticks, int) or max_ticks < 2:
        raise ValueError(f"max_ticks must be an integer >= 2, got {max_ticks!r}")
    return (lo, hi) if lo <= hi else (hi, lo)


def _expand_degenerate(lo: float, hi: float, log: bool) -> tuple[float, float]:
    """Widen an empty (or numerically empty) range around its value."""
    if log:
        if hi / lo > 1 + 1e-12:
            return lo, hi
        return max(lo / 3.1622776601683795, _FLOAT_MIN), min(hi * 3.1622776601683795, _FLOAT_MAX)
    mag = max(abs(lo), abs(hi))
    if hi - lo > max(mag * 1e-12, 1e-290):  # narrower than 1e-290 cannot be scaled to pixels
        return lo, hi
    d = max(mag * 0.1, 1e-290) if mag > 0 else 1.0
    return max(lo - d, -_FLOAT_MAX), min(hi + d, _FLOAT_MAX)


def _span(a: float, b: float, step: float) -> tuple[int, int]:
    """The first and last multiples of ``step`` that enclose [a, b], forgiving rounding errors
    of a billionth of the range (so 0.30000000000000004 does not add a tick past 0.3)."""
    tol = _EPS * (b - a) / step
    return math.floor(a / step + tol), math.ceil(b / step - tol)


@lru_cache(maxsize=512)
def _nice_ticks_cached(lo: float, hi: float, max_ticks: int, log: bool) -> tuple[tuple[float, ...], float]:
    lo, hi = _expand_degenerate(lo, hi, log)
    if log:
        ea, eb = math.log10(lo), math.log10(hi)
        fit = max(max_ticks, 3 if ea < 0 < eb else 2)
        for step in (m * 10**k for k in range(4) for m in (1, 2, 5)):
            k0, k1 = _span(ea, eb, step)
            if k1 - k0 + 1 <= fit or step >= 1000:
                break
        ticks = [float(f"1e{k * step}") for k in range(k0, k1 + 1)]
        return tuple(t for t in ticks if 0 < t < math.inf), float(step)
    p = math.floor(math.log10(max(abs(lo), abs(hi))))
    # a, b in [-10, 10] keep 1e-300..1e300 finite; scale in two steps where 10**p is subnormal
    if p > -300:
        a, b = lo / 10.0**p, hi / 10.0**p
    else:
        a, b = lo * 1e300 / 10.0 ** (p + 300), hi * 1e300 / 10.0 ** (p + 300)
    fit = max(max_ticks, 3 if a < 0 < b else 2)  # -step, 0, step at the least
    e = math.floor(math.log10((b - a) / max_ticks)) - 1
    while True:
        for m in (1, 2, 5):
            k0, k1 = _span(a, b, m * 10.0**e)
            if k1 - k0 + 1 <= fit:
                ticks = [float(f"{k * m}e{e + p}") for k in range(k0, k1 + 1)]
                return tuple(t for t in ticks if math.isfinite(t)), float(f"{m}e{e + p}")
        e += 1


def nice_ticks(lo: float, hi: float, max_ticks: int = 6, log: bool = False) -> list[float]:
    """At most ``max_ticks`` round tick values that enclose [lo, hi] (3 if the range has zero
    strictly inside and ``max_ticks`` is 2).

    Linear axes step by 1, 2 or 5 times a power of ten; log axes put ticks on powers of ten,
    every 1, 2, 5, 10, 20, ... decades. An empty range is widened around its value; ticks that
    would fall outside the range of floats are left out.
    """
    lo, hi = _check_tick_args(lo, hi, max_ticks, log)
    return list(_nice_ticks_cached(lo, hi, max_ticks, log)[0])


def _log_minor_ticks(lo: float, hi: float, decade_step: float) -> list[float]:
    """Minor ticks on a log axis: 2 and 5 in each decade, or the skipped decades."""
    e0, e1 = math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1
    if decade_step == 1:
        cands = [float(f"{m}e{e}") for e in range(e0, e1) for m in (2, 5)]
    elif decade_step in (2, 5):
        cands = [float(f"1e{e}") for e in range(e0, e1) if e % decade_step]
    else:
        return []
    return [t for t in cands if lo * (1 - _EPS) <= t <= hi * (1 + _EPS)]


def _strip_exp(s: str) -> str:
    """'2.50e-03' -> '2.5e-3'."""
    mant, _, exp = s.partition("e")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return f"{mant}e{int(exp)}"


def format_tick(v: float, log: bool = False, step: float | None = None, sci: bool | None = None) -> str:
    """A short label for tick value ``v``: '0.001', '250', '1.5e6', '1e-12'.

    Plain notation between 0.001 and 1e5 (1e4 on log axes), else mantissa and exponent.
    ``step`` (the tick spacing) sets how many digits are shown; ``sci`` forces the notation.
    """
    v = float(v)
    if not math.isfinite(v):
        return str(v)
    if v == 0:
        return "0"
    a = abs(v)
    sig = 6
    if step and step > 0 and math.isfinite(step):
        sig = min(15, max(1, math.floor(math.log10(a)) - math.floor(math.log10(step) + _EPS) + 1))
    if sci is None:
        sci = not (1e-3 <= a < (1e4 if log else 1e5))
    if sci:
        if log and v == 1:
            return "1"
        return _strip_exp(f"{v:.{sig - 1}e}")
    decimals = max(0, sig - 1 - math.floor(math.log10(a)))
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# ----------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Axis:
    lo: float
    hi: float
    log: bool
    ticks: tuple[float, ...]
    labels: tuple[str, ...]
    minor: tuple[float, ...]
    minor_labels: tuple[str, ...]


@dataclass(frozen=True)
class _Text:
    """A label to blit: text, pixel size, colour, bold, top-left position, rotated 90 degrees."""

    s: str
    size: int
    color: RGB
    pos: tuple[int, int]
    bold: bool = False
    rotated: bool = False


def _unit(v: np.ndarray, lo: float, hi: float, log: bool) -> np.ndarray:
    """Where values fall between lo (0) and hi (1) on a linear or log axis."""
    with np.errstate(all="ignore"):
        if log:
            v = np.log10(v)
            lo, hi = math.log10(lo), math.log10(hi)
        # halves keep hi - lo finite for ranges like -1e308..1e308
        return (v * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5)


@dataclass(frozen=True)
class ChartLayout:
    """Where a chart's parts go in pixels, and the data-to-pixel transform of its plot area.

    ``plot`` is the plot area: ``x_lo`` maps to its left column and ``x_hi`` to its right column
    (``plot.right - 1``), ``y_lo`` to its bottom row and ``y_hi`` to its top row. Log axes map
    log10 of the value linearly.
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
    font_px: int
    _x: _Axis = field(repr=False)
    _y: _Axis = field(repr=False)
    _texts: tuple[_Text, ...] = field(repr=False)
    _legend: tuple[tuple[Series, int, int, int], ...] = field(repr=False)  # series, x, mid y, width

    def to_pixels(
        self, xs: np.ndarray | Sequence[float], ys: np.ndarray | Sequence[float]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates (floats) of data points; points off the plot area map outside it."""
        with np.errstate(all="ignore"):
            u = _unit(np.asarray(xs, dtype=float), self.x_lo, self.x_hi, self.x_log)
            v = _unit(np.asarray(ys, dtype=float), self.y_lo, self.y_hi, self.y_log)
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


def _valid(v: np.ndarray, log: bool) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isfinite(v) & (v > 0) if log else np.isfinite(v)


def _series_mask(s: Series, x_log: bool, y_log: bool) -> np.ndarray:
    return _valid(s.xs, x_log) & _valid(s.ys, y_log)


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
            xl += [float(xs.min()), float(xs.max())]
            yl += [float(ys.min()), float(ys.max())]
    for mk in spec.markers:
        if _valid(np.array([mk.x]), spec.x_log)[0]:
            xl.append(mk.x)
    return ((min(xl), max(xl)) if xl else None, (min(yl), max(yl)) if yl else None)


def _log_ticks_inside(lo: float, hi: float, max_ticks: int) -> tuple[tuple[float, ...], int]:
    """Powers of ten inside [lo, hi], every 1, 2, 5, 10, ... decades: at most ``max_ticks``."""
    k0, k1 = math.ceil(math.log10(lo) - _EPS), math.floor(math.log10(hi) + _EPS)
    if k1 < k0:
        return (), 1
    for step in (m * 10**k for k in range(4) for m in (1, 2, 5)):
        j0, j1 = -((-k0) // step), k1 // step
        if j1 - j0 + 1 <= max_ticks or step >= 1000:
            return tuple(float(f"1e{j * step}") for j in range(j0, j1 + 1)), step
    raise AssertionError("unreachable: a 1000-decade step fits any float range")


def _make_axis(
    bounds: tuple[float, float] | None, fixed: tuple[float, float] | None, log: bool, max_ticks: int
) -> _Axis:
    """An axis over ``fixed``, or over the data ``bounds`` widened to round values: linear axes
    end on ticks, log axes on whole decades."""
    if fixed is not None and not (0 if log else -math.inf) < fixed[0] < fixed[1] < math.inf:
        fixed = None  # set on the spec after it was checked; fall back to the data
    if log:
        lo, hi = _expand_degenerate(*(fixed or bounds or (1.0, 10.0)), True)
        if fixed is None:
            e0 = min(max(math.floor(math.log10(lo) + _EPS), -323), 307)
            e1 = max(min(math.ceil(math.log10(hi) - _EPS), 308), e0 + 1)
            lo, hi = float(f"1e{e0}"), float(f"1e{e1}")
        ticks, step = _log_ticks_inside(lo, hi, max_ticks)
        minor = tuple(_log_minor_ticks(lo, hi, step))
        label_minor = step == 1 and len(ticks) + len(minor) <= max_ticks + 1
        shown = ticks + minor if label_minor else ticks
        sci = any(not 1e-3 <= t < 1e4 for t in shown)
        labels = tuple(format_tick(t, True, sci=sci) for t in ticks)
        minor_labels = tuple(format_tick(t, True, sci=sci) for t in minor) if label_minor else ()
        return _Axis(lo, hi, True, ticks, labels, minor, minor_labels)
    if fixed is not None:
        lo, hi = _expand_degenerate(*fixed, False)
        ticks, step = _nice_ticks_cached(lo, hi, max_ticks, False)
        tol = (hi - lo) * 1e-9
        ticks = tuple(t for t in ticks if lo - tol <= t <= hi + tol)
    else:
        lo, hi = _expand_degenerate(*(bounds or (0.0, 1.0)), False)
        ticks, step = _nice_ticks_cached(lo, hi, max_ticks, False)
        if ticks:
            lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    labels = tuple(format_tick(t, False, step=step) for t in ticks)
    return _Axis(lo, hi, False, ticks, labels, (), ())


def _text_size(s: str, size: int, bold: bool = False) -> tuple[int, int]:
    return assets.text(s, size, (0, 0, 0), bold).get_size() if s else (0, 0)


ELLIPSIS = "…"
_MIN_TEXT_PX = 8


def _shrunk(size: int) -> int:
    """The smallest size a title or label of ``size`` pixels shrinks to before it is cut short."""
    return max(_MIN_TEXT_PX, min(size, round(size * 0.75)))


@lru_cache(maxsize=1024)
def fit_text(s: str, size: int, max_w: int, bold: bool = False, min_size: int | None = None) -> tuple[str, int]:
    """``s`` and the largest pixel size from ``size`` down to ``min_size`` (default ``size``) at
    which it is at most ``max_w`` pixels wide; if it fits at none, ``s`` cut short with "…" at
    ``min_size``, or "" when not even "…" fits."""
    min_size = size if min_size is None else min(min_size, size)
    if not s:
        return "", size
    for px in range(size, min_size - 1, -1):
        if assets.font(px, bold).size(s)[0] <= max_w:
            return s, px
    fnt = assets.font(min_size, bold)
    lo, hi = 0, len(s) - 1  # the longest prefix that fits with "…" has lo characters
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fnt.size(s[:mid].rstrip() + ELLIPSIS)[0] <= max_w:
            lo = mid
        else:
            hi = mid - 1
    cut = s[:lo].rstrip() + ELLIPSIS
    return (cut if fnt.size(cut)[0] <= max_w else ""), min_size


def _legend_entries(spec: ChartSpec) -> list[Series]:
    return [s for s in spec.series if s.label]


def _tick_px(t: float, axis: _Axis, px_lo: int, px_hi: int) -> int:
    """The pixel of value ``t`` on an axis drawn from pixel ``px_lo`` (its low end) to ``px_hi``."""
    return round(px_lo + float(_unit(np.array(t), axis.lo, axis.hi, axis.log)) * (px_hi - px_lo))


Bounds = tuple[float, float] | None


def _build_layout(w: int, h: int, spec: ChartSpec, theme: ChartTheme, xb: Bounds, yb: Bounds, show: int) -> ChartLayout:
    """Lay out a w x h chart at (0, 0); ``show`` 4 = everything, fewer drops the least needed parts."""
    f = _font_px(w, h)
    tf, lf = round(f * 1.3), round(f * 1.05)
    pad = max(2, round(f * 0.9))
    gap = max(2, round(f * 0.35))
    tick_len = max(2, round(f * 0.35))
    show_axis_labels, show_legend = show >= 4, show >= 3 and spec.legend
    show_title, show_ticks = show >= 2, show >= 1
    texts: list[_Text] = []
    legend: list[tuple[Series, int, int, int]] = []

    top = pad
    title, ts = fit_text(spec.title, tf, w - 2 * pad, True, _shrunk(tf)) if show_title else ("", tf)
    if title:
        tw, th = _text_size(title, ts, True)
        texts.append(_Text(title, ts, theme.title, (pad, top), bold=True))
        title_right, row_h = pad + tw, th
    else:
        title_right, row_h = pad, 0
    entries = _legend_entries(spec) if show_legend else []
    if entries:
        sw = round(f * 1.6)  # swatch width
        labels = [fit_text(s.label, f, w - 2 * pad - sw - gap)[0] for s in entries]  # "…" if too wide
        items = [(s, lab, sw + gap + _text_size(lab, f)[0]) for s, lab in zip(entries, labels)]
        lh = _text_size("Ag", f)[1]
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
                texts.append(_Text(label, f, theme.text, (rx + sw + gap, ry)))
                rx += iw + spacing
    if row_h:
        top += row_h + round(f * 0.9)
    tick_h = _text_size("0123456789e-", f)[1]
    top += tick_h // 2 if show_ticks else gap

    bottom = h - pad
    x_label, xs = fit_text(spec.x_label, lf, w - 2 * pad, False, _shrunk(lf)) if show_axis_labels else ("", lf)
    xl_w, xl_h = _text_size(x_label, xs)
    if xl_h:
        bottom -= xl_h + gap
    if show_ticks:
        bottom -= tick_h + tick_len + gap // 2
    plot_h = max(0, bottom - top)
    y_axis = _make_axis(yb, spec.y_range, spec.y_log, int(max(2, min(9, plot_h // (tick_h * 1.6) + 1))))

    left = pad
    # the y label is turned on its side: its length must fit the plot's height
    y_label, ys = fit_text(spec.y_label, lf, plot_h, False, _shrunk(lf)) if show_axis_labels else ("", lf)
    yl_len, yl_w = _text_size(y_label, ys)
    if yl_w:
        left += yl_w + gap
    if show_ticks:
        ylab_w = max([_text_size(s, f)[0] for s in y_axis.labels + y_axis.minor_labels] or [0])
        left += ylab_w + gap + tick_len
    right = w - pad
    x_axis = _make_axis(xb, spec.x_range, spec.x_log, 2)
    if show_ticks:  # as many x ticks as fit, with room between labels
        for n in range(9, 1, -1):
            x_axis = _make_axis(xb, spec.x_range, spec.x_log, n)
            widths = [_text_size(s, f)[0] for s in x_axis.labels + x_axis.minor_labels]
            count = len(widths)
            if count <= 1 or (max(widths) + 2 * f) * (count - 1) <= right - left:
                break
        if x_axis.labels:  # room for half of the end labels beyond the plot's edges
            left = max(left, _text_size(x_axis.labels[0], f)[0] // 2 + pad // 2)
            right = min(right, w - _text_size(x_axis.labels[-1], f)[0] // 2 - pad // 2)
    plot = pygame.Rect(left, top, max(0, right - left), plot_h)

    if show_ticks:
        for vals, labs in ((y_axis.ticks, y_axis.labels), (y_axis.minor, y_axis.minor_labels)):
            for t, s in zip(vals, labs):
                tw, th = _text_size(s, f)
                py = _tick_px(t, y_axis, plot.bottom - 1, plot.top)
                texts.append(_Text(s, f, theme.tick_text, (plot.left - tick_len - gap - tw, py - th // 2)))
        for vals, labs in ((x_axis.ticks, x_axis.labels), (x_axis.minor, x_axis.minor_labels)):
            for t, s in zip(vals, labs):
                tw, _ = _text_size(s, f)
                px = _tick_px(t, x_axis, plot.left, plot.right - 1)
                texts.append(_Text(s, f, theme.tick_text, (px - tw // 2, plot.bottom + tick_len + gap // 2)))
    if xl_h:  # under the plot's middle, kept inside the panel
        x = min(max(pad, plot.centerx - xl_w // 2), w - pad - xl_w)
        texts.append(_Text(x_label, xs, theme.text, (x, h - pad - xl_h)))
    if yl_w:
        texts.append(_Text(y_label, ys, theme.text, (pad, plot.centery - yl_len // 2), rotated=True))

    return ChartLayout(
        rect=pygame.Rect(0, 0, w, h), plot=plot,
        x_lo=x_axis.lo, x_hi=x_axis.hi, y_lo=y_axis.lo, y_hi=y_axis.hi,
        x_log=spec.x_log, y_log=spec.y_log, x_ticks=x_axis.ticks, y_ticks=y_axis.ticks,
        font_px=f, _x=x_axis, _y=y_axis, _texts=tuple(texts), _legend=tuple(legend),
    )


def _static_key(spec: ChartSpec, theme: ChartTheme) -> tuple:
    return (
        spec.title, spec.x_label, spec.y_label, spec.x_log, spec.y_log, spec.x_range, spec.y_range,
        spec.legend, spec.empty_text, tuple((s.label, s.color, s.style, s.width) for s in spec.series),
        tuple(spec.markers), theme,
    )


class _LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)

    def fetch(self, key):
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value


_layouts = _LRU(64)
_backgrounds = _LRU(8)


def _layout_at_origin(
    w: int, h: int, spec: ChartSpec, theme: ChartTheme, masks: list[np.ndarray]
) -> ChartLayout:
    xb, yb = _data_bounds(spec, masks)
    key = (w, h, _static_key(spec, theme), xb, yb)
    lay = _layouts.fetch(key)
    if lay is None:
        for show in range(4, -1, -1):  # drop parts until the plot area is big enough
            lay = _build_layout(w, h, spec, theme, xb, yb, show)
            if lay.plot.w >= max(24, 0.45 * w) and lay.plot.h >= max(16, 0.4 * h):
                break
        _layouts.put(key, lay)
    return lay


def _moved(lay: ChartLayout, rect: pygame.Rect) -> ChartLayout:
    """A copy of ``lay`` (laid out at the origin, cached) moved to ``rect``'s top-left corner."""
    return replace(lay, rect=pygame.Rect(rect.topleft, lay.rect.size), plot=lay.plot.move(rect.topleft))


def chart_layout(
    rect: pygame.Rect | Sequence[int], spec: ChartSpec, theme: ChartTheme = DEFAULT_THEME
) -> ChartLayout:
    """The layout ``draw_chart(surface, rect, spec, theme)`` uses: plot area and transform."""
    rect = pygame.Rect(rect)
    masks = [_series_mask(s, spec.x_log, spec.y_log) for s in spec.series]
    return _moved(_layout_at_origin(max(rect.w, 0), max(rect.h - _SHADOW, 0), spec, theme, masks), rect)


# ----------------------------------------------------------------------------- drawing


@lru_cache(maxsize=128)
def _rotated(s: str, size: int, color: RGB, bold: bool) -> pygame.Surface:
    return pygame.transform.rotate(assets.text(s, size, color, bold), 90)


def _corner_radius(w: int, h: int) -> int:
    return max(0, min(14, round(min(w, h) * 0.04)))


def _dashed_vline(surface: pygame.Surface, color: RGB, x: int, y0: int, y1: int, dash: int, width: int) -> None:
    """A vertical dashed line in column x from row y0 to y1, ``dash`` pixels on and off."""
    for y in range(y0, y1, dash * 2):
        pygame.draw.line(surface, color, (x, y), (x, min(y + dash, y1)), width)


_SHADOW = 2  # pixels of shadow under the panel, inside the chart's rect
_COLORKEY = (254, 1, 253)  # the background's see-through colour, outside the rounded corners


def _draw_background(lay: ChartLayout, spec: ChartSpec, theme: ChartTheme, empty: bool) -> pygame.Surface:
    """Everything that does not depend on the series' data: panel and its shadow, grid, ticks,
    texts, legend; outside the rounded corners it is see-through (a colour key)."""
    w, h = lay.rect.size
    bg = pygame.Surface((max(w, 1), max(h + _SHADOW, 1)))
    bg.fill(_COLORKEY)
    radius = _corner_radius(w, h)
    pygame.draw.rect(bg, theme.shadow, (0, _SHADOW, w, h), border_radius=radius)
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
            px = _marker_x(lay, mk)
            if px is not None:
                _dashed_vline(bg, mk.color, px, plot.top, plot.bottom, max(3, f // 3), 2 if f >= 12 else 1)
        note_text = fit_text(spec.empty_text, f, plot.w - 4)[0] if empty else ""
        if note_text:
            note = assets.text(note_text, f, theme.note)
            bg.blit(note, note.get_rect(center=plot.center))
    for t in lay._texts:
        render = _rotated if t.rotated else assets.text
        bg.blit(render(t.s, t.size, t.color, t.bold), t.pos)
    for s, x, y, sw in lay._legend:
        lw = _line_width(s.width, f)
        if s.style == "points":
            pygame.draw.circle(bg, s.color, (x + sw // 2, y), lw + 1)
        else:
            pygame.draw.line(bg, s.color, (x, y), (x + sw, y), max(2, lw + 1))
    pygame.draw.rect(bg, theme.panel_border, (0, 0, w, h), 1, border_radius=radius)
    bg.set_colorkey(_COLORKEY, pygame.RLEACCEL)
    return bg


def _marker_x(lay: ChartLayout, mk: Marker) -> int | None:
    """The pixel column of a marker, or None when it is off the plot area or not drawable."""
    if not _valid(np.array([mk.x]), lay.x_log)[0]:
        return None
    px = lay.to_pixel(mk.x, lay.y_hi)[0]
    return round(px) if lay.plot.left <= px < lay.plot.right else None


def _draw_marker_labels(
    surface: pygame.Surface, lay: ChartLayout, spec: ChartSpec, theme: ChartTheme
) -> None:
    """Marker labels on a small box at the top of their lines, stacked where they would overlap;
    a label wider than the plot shrinks, then is cut short with "…"."""
    plot = lay.plot
    mf = max(_MIN_TEXT_PX, round(lay.font_px * 0.9))
    placed: list[pygame.Rect] = []
    for mk in spec.markers:
        px = _marker_x(lay, mk)
        if px is None:
            continue
        label, size = fit_text(mk.label, mf, plot.w - 14, True, _shrunk(mf))
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


def _draw_series(surface: pygame.Surface, lay: ChartLayout, s: Series, mask: np.ndarray) -> None:
    """One series; ``mask`` marks its drawable points, and a line breaks where they are not."""
    plot = lay.plot
    lw = _line_width(s.width, lay.font_px)
    pad = lw + 2
    box = (plot.left - pad, plot.top - pad, plot.right - 1 + pad, plot.bottom - 1 + pad)
    xs, ys = s.xs, s.ys
    if s.style == "steps" and xs.size > 1:  # (x0, y0) (x1, y0) (x1, y1) (x2, y1) ...
        xs, ys = np.repeat(xs, 2)[1:], np.repeat(ys, 2)[:-1]
        mask = np.repeat(mask, 2)[1:] & np.repeat(mask, 2)[:-1]
    px, py = lay.to_pixels(xs, ys)
    mask = mask & np.isfinite(px) & np.isfinite(py)  # far beyond a tiny fixed range: inf pixels
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


def _line_width(width: int, font_px: int) -> int:
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


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect | Sequence[int],
    spec: ChartSpec,
    theme: ChartTheme = DEFAULT_THEME,
) -> None:
    """Draw a whole chart (panel, title, axes, grid, series, markers, legend) into ``rect``.

    Never raises for odd data or sizes: unusable points are skipped, and parts that do not fit a
    small rect are left out (axis labels first, then legend, title, tick labels). A title, axis
    label or marker label too long for its room shrinks to 3/4 of its size (8 px at the least),
    then is cut short with "…"; the y label's room is the plot's height.
    """
    rect = pygame.Rect(rect)
    if rect.w < 4 or rect.h < 4:
        return
    if not pygame.font.get_init():
        pygame.font.init()
    masks = [_series_mask(s, spec.x_log, spec.y_log) for s in spec.series]
    base = _layout_at_origin(rect.w, rect.h - _SHADOW, spec, theme, masks)
    empty = not any(m.any() for m in masks)
    key = (rect.size, _static_key(spec, theme), base.plot.size, base._x, base._y, empty)
    bg = _backgrounds.fetch(key)
    if bg is None:
        bg = _draw_background(base, spec, theme, empty)
        _backgrounds.put(key, bg)

    surface.blit(bg, rect)

    lay = _moved(base, rect)
    if lay.plot.w < 2 or lay.plot.h < 2:
        return
    old_clip = surface.get_clip()
    bleed = max(_line_width(s.width, lay.font_px) for s in spec.series) // 2 if spec.series else 0
    surface.set_clip(lay.plot.inflate(2 * bleed, 2 * bleed).clip(rect).clip(old_clip))
    try:
        with np.errstate(all="ignore"):  # pixels may be 1e308 apart: inf lengths are fine here
            for s, m in zip(spec.series, masks):
                _draw_series(surface, lay, s, m)
        _draw_marker_labels(surface, lay, spec, theme)
    finally:
        surface.set_clip(old_clip)


# ----------------------------------------------------------------------------- PNGs


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
