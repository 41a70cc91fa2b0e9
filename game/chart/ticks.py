"""Round tick values for linear and log axes, and short tick labels."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

FLOAT_MAX = float(np.finfo(float).max)
PLAIN = (1e-3, 1e5)   # tick values written plainly (else mantissa and exponent), on every axis alike
FLOAT_MIN = 5e-324  # the smallest positive double
EPS = 1e-9


def _check_tick_args(lo: float, hi: float, max_ticks: int, log: bool) -> tuple[float, float]:
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"nice_ticks needs a finite range, got ({lo!r}, {hi!r})")
    if log and (lo <= 0 or hi <= 0):
        raise ValueError(f"nice_ticks on a log axis needs a positive range, got ({lo!r}, {hi!r})")
    if not isinstance(max_ticks, int) or max_ticks < 2:
        raise ValueError(f"max_ticks must be an integer >= 2, got {max_ticks!r}")
    return (lo, hi) if lo <= hi else (hi, lo)


def expand_degenerate(lo: float, hi: float, log: bool) -> tuple[float, float]:
    """Widen an empty (or numerically empty) range around its value."""
    if log:
        if hi / lo > 1 + 1e-12:
            return lo, hi
        return max(lo / 3.1622776601683795, FLOAT_MIN), min(hi * 3.1622776601683795, FLOAT_MAX)
    mag = max(abs(lo), abs(hi))
    if hi - lo > max(mag * 1e-12, 1e-290):  # narrower than 1e-290 cannot be scaled to pixels
        return lo, hi
    d = max(mag * 0.1, 1e-290) if mag > 0 else 1.0
    return max(lo - d, -FLOAT_MAX), min(hi + d, FLOAT_MAX)


def _span(a: float, b: float, step: float) -> tuple[int, int]:
    """The first and last multiples of ``step`` that enclose [a, b], forgiving rounding errors
    of a billionth of the range (so 0.30000000000000004 does not add a tick past 0.3)."""
    tol = EPS * (b - a) / step
    return math.floor(a / step + tol), math.ceil(b / step - tol)


@lru_cache(maxsize=512)
def nice_ticks_cached(lo: float, hi: float, max_ticks: int, log: bool) -> tuple[tuple[float, ...], float]:
    lo, hi = expand_degenerate(lo, hi, log)
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
    return list(nice_ticks_cached(lo, hi, max_ticks, log)[0])


def log_minor_ticks(lo: float, hi: float, decade_step: float) -> list[float]:
    """Minor ticks on a log axis: 2 and 5 in each decade, or the skipped decades."""
    e0, e1 = math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1
    if decade_step == 1:
        cands = [float(f"{m}e{e}") for e in range(e0, e1) for m in (2, 5)]
    elif decade_step in (2, 5):
        cands = [float(f"1e{e}") for e in range(e0, e1) if e % decade_step]
    else:
        return []
    return [t for t in cands if lo * (1 - EPS) <= t <= hi * (1 + EPS)]


def _strip_exp(s: str) -> str:
    """'2.50e-03' -> '2.5e-3'."""
    mant, _, exp = s.partition("e")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return f"{mant}e{int(exp)}"


def format_tick(v: float, log: bool = False, step: float | None = None, sci: bool | None = None) -> str:
    """A short label for tick value ``v``: '0.001', '250', '1.5e6', '1e-12'.

    Plain notation from PLAIN[0] up to PLAIN[1] on every axis (so that no picture says '1e3' beside
    '1000'), else mantissa and exponent.
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
        sig = min(15, max(1, math.floor(math.log10(a)) - math.floor(math.log10(step) + EPS) + 1))
    if sci is None:
        sci = not (PLAIN[0] <= a < PLAIN[1])
    if sci:
        if log and v == 1:
            return "1"
        return _strip_exp(f"{v:.{sig - 1}e}")
    decimals = max(0, sig - 1 - math.floor(math.log10(a)))
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s
