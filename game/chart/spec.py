"""What a chart shows: series, markers, the chart spec and its colour theme, checked on creation."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pygame

RGB = tuple[int, int, int]
Style = Literal["line", "points", "steps", "bars"]
STYLES: tuple[str, ...] = ("line", "points", "steps", "bars")

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
    the next x, "bars" fills a rectangle ``bar_width`` x units wide, centred on each x, from the
    axis (y = 0, or the bottom of a log axis or of a range that does not hold 0) to each y; a NaN y
    has no bar. ``width`` is the line width (dot radius grows with it), in pixels.
    """

    label: str
    xs: Sequence[float] | np.ndarray
    ys: Sequence[float] | np.ndarray
    color: RGB
    style: Style = "line"
    width: int = 2
    bar_width: float = 0.8

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
        if isinstance(self.bar_width, bool) or not (
            isinstance(self.bar_width, (int, float)) and math.isfinite(self.bar_width) and self.bar_width > 0
        ):
            raise ValueError(
                f"series {self.label!r}: bar_width must be a positive number of x units, got {self.bar_width!r}"
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


TickLabels = tuple[tuple[float, str], ...]


def _check_tick_labels(labels: Sequence[tuple[float, str]] | None, log: bool, name: str) -> TickLabels | None:
    """``labels`` as (value, text) pairs sorted by value: finite, distinct, positive on a log axis."""
    if labels is None:
        return None
    pairs = []
    for pair in labels:
        try:
            value, text = pair
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be (value, text) pairs, got {pair!r:.80}") from None
        if not isinstance(text, str):
            raise ValueError(f"{name}: the label of {value:g} must be a text, got {text!r:.80}")
        if not math.isfinite(value) or (log and value <= 0):
            raise ValueError(f"{name}: values must be finite{' and positive on a log axis' if log else ''}, "
                             f"got {value!r}")
        pairs.append((value, text))
    pairs.sort()
    if any(a[0] == b[0] for a, b in zip(pairs, pairs[1:])):
        raise ValueError(f"{name}: each value may be named once, got {[v for v, _ in pairs]}")
    return tuple(pairs)


@dataclass(eq=False)
class ChartSpec:
    """What to draw: titles, series, axis scales and optional fixed ranges (data units).

    ``empty_text`` is shown in the plot area when no series has a drawable point (translate it).
    ``x_tick_labels``: (value, text) pairs that replace the numbered x ticks (e.g. the names of
    groups of bars); each text is drawn under its value, shrunk or cut short to its room.
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
    x_tick_labels: Sequence[tuple[float, str]] | None = None

    def __post_init__(self) -> None:
        for s in self.series:
            if not isinstance(s, Series):
                raise ValueError(f"chart {self.title!r}: series must be Series objects, got {s!r:.80}")
            if s.style == "bars" and self.x_log:
                raise ValueError(f"chart {self.title!r}: bars of series {s.label!r} need a linear x axis")
        for m in self.markers:
            if not isinstance(m, Marker):
                raise ValueError(f"chart {self.title!r}: markers must be Marker objects, got {m!r:.80}")
        self.x_range = _check_range(self.x_range, self.x_log, f"chart {self.title!r} x_range")
        self.y_range = _check_range(self.y_range, self.y_log, f"chart {self.title!r} y_range")
        self.x_tick_labels = _check_tick_labels(self.x_tick_labels, self.x_log, f"chart {self.title!r} x_tick_labels")


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
