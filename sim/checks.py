"""Checks of arguments given to the public API: TypeError for the wrong kind of value, ValueError
for a value out of range, each naming the parameter and what would be accepted."""
from __future__ import annotations

import math
import numbers
from typing import Any

from sim.reports.brief import brief


def number(name: str, value: Any) -> float:
    """``value`` as a finite float (a real number, not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {brief(value)}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {brief(value)}")
    return float(value)


def positive(name: str, value: Any) -> float:
    """``value`` as a float > 0 (a step size, a probe distance)."""
    if number(name, value) <= 0:
        raise ValueError(f"{name} must be a positive number, got {brief(value)}")
    return float(value)


def callback(name: str, value: Any) -> Any:
    """``value`` if it is None or callable (a progress callback), checked before any work starts."""
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be a function or None, got {type(value).__name__} {brief(value)}")
    return value


def sequence(name: str, value: Any, example: str) -> list:
    """``value`` as a list: any iterable but a str (whose letters are not its items)."""
    if not isinstance(value, (str, bytes)):
        try:
            return list(value)
        except TypeError:
            pass
    raise TypeError(f"{name} must be a sequence like {example}, got {type(value).__name__} {brief(value)}")


def whole(name: str, value: Any, least: int, most: int) -> int:
    """``value`` as an int from ``least`` to ``most`` (an int, not a bool or a float)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {brief(value)}")
    if not least <= value <= most:
        raise ValueError(f"{name} must be a whole number from {least:,} to {most:,}, got {brief(value)}")
    return int(value)
