"""Texts that fit their room: measured, shrunk, then cut short with "…"; turned on their side."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game import assets
from game.chart.spec import RGB


def text_size(s: str, size: int, bold: bool = False) -> tuple[int, int]:
    return assets.text(s, size, (0, 0, 0), bold).get_size() if s else (0, 0)


ELLIPSIS = "…"
MIN_TEXT_PX = 8


def shrunk(size: int) -> int:
    """The smallest size a title or label of ``size`` pixels shrinks to before it is cut short."""
    return max(MIN_TEXT_PX, min(size, round(size * 0.75)))


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


@lru_cache(maxsize=128)
def rotated_text(s: str, size: int, color: RGB, bold: bool) -> pygame.Surface:
    return pygame.transform.rotate(assets.text(s, size, color, bold), 90)
