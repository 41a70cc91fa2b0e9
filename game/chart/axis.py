"""One axis of a chart: its range widened to round values, its ticks and labels, and where
values fall along it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.chart.ticks import EPS, PLAIN, expand_degenerate, format_tick, log_minor_ticks, nice_ticks_cached


@dataclass(frozen=True)
class Axis:
    lo: float
    hi: float
    log: bool
    ticks: tuple[float, ...]
    labels: tuple[str, ...]
    minor: tuple[float, ...]
    minor_labels: tuple[str, ...]


def unit(v: np.ndarray, lo: float, hi: float, log: bool) -> np.ndarray:
    """Where values fall between lo (0) and hi (1) on a linear or log axis."""
    with np.errstate(all="ignore"):
        if log:
            v = np.log10(v)
            lo, hi = math.log10(lo), math.log10(hi)
        # halves keep hi - lo finite for ranges like -1e308..1e308
        return (v * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5)


def valid(v: np.ndarray, log: bool) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isfinite(v) & (v > 0) if log else np.isfinite(v)


def _log_ticks_inside(lo: float, hi: float, max_ticks: int) -> tuple[tuple[float, ...], int]:
    """Powers of ten inside [lo, hi], every 1, 2, 5, 10, ... decades: at most ``max_ticks``."""
    k0, k1 = math.ceil(math.log10(lo) - EPS), math.floor(math.log10(hi) + EPS)
    if k1 < k0:
        return (), 1
    for step in (m * 10**k for k in range(4) for m in (1, 2, 5)):
        j0, j1 = -((-k0) // step), k1 // step
        if j1 - j0 + 1 <= max_ticks or step >= 1000:
            return tuple(float(f"1e{j * step}") for j in range(j0, j1 + 1)), step
    raise AssertionError("unreachable: a 1000-decade step fits any float range")


def make_axis(
    bounds: tuple[float, float] | None, fixed: tuple[float, float] | None, log: bool, max_ticks: int
) -> Axis:
    """An axis over ``fixed``, or over the data ``bounds`` widened to round values: linear axes
    end on ticks, log axes on whole decades."""
    if fixed is not None and not (0 if log else -math.inf) < fixed[0] < fixed[1] < math.inf:
        fixed = None  # set on the spec after it was checked; fall back to the data
    if log:
        lo, hi = expand_degenerate(*(fixed or bounds or (1.0, 10.0)), True)
        if fixed is None:
            e0 = min(max(math.floor(math.log10(lo) + EPS), -323), 307)
            e1 = max(min(math.ceil(math.log10(hi) - EPS), 308), e0 + 1)
            lo, hi = float(f"1e{e0}"), float(f"1e{e1}")
        ticks, step = _log_ticks_inside(lo, hi, max_ticks)
        minor = tuple(log_minor_ticks(lo, hi, step))
        label_minor = step == 1 and len(ticks) + len(minor) <= max_ticks + 1
        shown = ticks + minor if label_minor else ticks
        sci = any(not PLAIN[0] <= t < PLAIN[1] for t in shown)
        labels = tuple(format_tick(t, True, sci=sci) for t in ticks)
        minor_labels = tuple(format_tick(t, True, sci=sci) for t in minor) if label_minor else ()
        return Axis(lo, hi, True, ticks, labels, minor, minor_labels)
    if fixed is not None:
        lo, hi = expand_degenerate(*fixed, False)
        ticks, step = nice_ticks_cached(lo, hi, max_ticks, False)
        tol = (hi - lo) * 1e-9
        ticks = tuple(t for t in ticks if lo - tol <= t <= hi + tol)
    else:
        lo, hi = expand_degenerate(*(bounds or (0.0, 1.0)), False)
        ticks, step = nice_ticks_cached(lo, hi, max_ticks, False)
        if ticks:
            lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    labels = tuple(format_tick(t, False, step=step) for t in ticks)
    return Axis(lo, hi, False, ticks, labels, (), ())


def named_axis(
    bounds: tuple[float, float] | None, fixed: tuple[float, float] | None, log: bool,
    named: tuple[tuple[float, str], ...],
) -> Axis:
    """An axis whose ticks are the ``named`` (value, text) pairs inside its range: over ``fixed``,
    or over the data ``bounds`` and the named values, not widened to round values."""
    if fixed is not None and not (0 if log else -math.inf) < fixed[0] < fixed[1] < math.inf:
        fixed = None
    if fixed is None:
        ends = [v for v, _ in named] + list(bounds or ())
        fixed = expand_degenerate(min(ends), max(ends), log) if ends else ((1.0, 10.0) if log else (0.0, 1.0))
    lo, hi = fixed
    inside = [(v, s) for v, s in named if lo <= v <= hi]
    return Axis(lo, hi, log, tuple(v for v, _ in inside), tuple(s for _, s in inside), (), ())


def tick_px(t: float, axis: Axis, px_lo: int, px_hi: int) -> int:
    """The pixel of value ``t`` on an axis drawn from pixel ``px_lo`` (its low end) to ``px_hi``."""
    return round(px_lo + float(unit(np.array(t), axis.lo, axis.hi, axis.log)) * (px_hi - px_lo))
