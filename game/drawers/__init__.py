"""Read-only drawers: each reads the view state (or plain values) and draws; none changes state.

Shared helpers: the sprite size unit, small colour and easing functions, and where to put a
label so that it keeps off what must stay in sight.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.camera import Camera

RGB = tuple[int, int, int]


def unit(cam: Camera) -> float:
    """Pixels per 'sprite metre': sprites are drawn a third larger than life so that they read,
    at least 1/22 of the beach view on small windows, and between 10 and 72 pixels."""
    return max(10.0, min(72.0, max(cam.scale * 1.35, min(24.0, min(cam.rect[2], cam.rect[3]) / 22))))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour a fraction ``t`` (0..1) of the way from ``a`` to ``b``."""
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def ease(t: float) -> float:
    """Smoothstep of ``t`` clamped to 0..1."""
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


def finite(*values: float) -> bool:
    """Whether every value is a finite number."""
    return all(math.isfinite(v) for v in values)


def place_clear(candidates: Sequence[pygame.Rect], avoid: Sequence[pygame.Rect]) -> int:
    """Which of ``candidates`` (places for a label, pixels, in order of preference) to use: the
    first that covers none of ``avoid``, else the one that covers the fewest pixels of them."""
    if not candidates:
        raise ValueError("place_clear needs at least one candidate place")
    covered = []
    for k, r in enumerate(candidates):
        if r.collidelist(avoid) < 0:
            return k
        covered.append((sum(r.clip(a).w * r.clip(a).h for a in avoid), k))
    return min(covered)[1]
