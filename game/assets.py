"""Paths to the shipped assets, and cached fonts and rendered text.

Every path resolves from this file, never from the working directory.
"""

from __future__ import annotations

import operator
from functools import lru_cache
from pathlib import Path

import pygame

ASSETS_DIR: Path = Path(__file__).resolve().parent.parent / "assets"
FONT_REGULAR: Path = ASSETS_DIR / "fonts" / "NotoSansJP-Subset-Regular.otf"
FONT_BOLD: Path = ASSETS_DIR / "fonts" / "NotoSansJP-Subset-Bold.otf"


def asset_path(*parts: str) -> Path:
    """The path of an asset under the top-level assets/ folder."""
    return ASSETS_DIR.joinpath(*parts)


def font(size_px: int, bold: bool = False) -> pygame.font.Font:
    """The shipped Japanese-capable font at ``size_px`` pixels per em (cached per size and weight).

    A line of it is about 1.45 em high: ``font(20).get_linesize()`` is 29 pixels.
    """
    try:
        size = operator.index(size_px)
    except TypeError:
        size = 0
    if size < 1 or isinstance(size_px, bool):
        raise ValueError(f"font size must be a positive integer of pixels, got {size_px!r}")
    if not pygame.font.get_init():  # first use, or pygame was quit: old Font objects are dead
        _font.cache_clear()
        pygame.font.init()
    cached = _font(size, bool(bold))
    try:
        cached.get_height()
    except pygame.error:   # pygame was quit and its font module started again since this Font was made
        _font.cache_clear()
        cached = _font(size, bool(bold))
    return cached


@lru_cache(maxsize=64)
def _font(size_px: int, bold: bool) -> pygame.font.Font:
    return pygame.font.Font(FONT_BOLD if bold else FONT_REGULAR, size_px)


def text(
    s: str,
    size_px: int,
    color: tuple[int, ...] | pygame.Color | str,
    bold: bool = False,
) -> pygame.Surface:
    """``s`` rendered antialiased in the shipped font; cached, so never draw onto the result."""
    return _render(s, size_px, tuple(pygame.Color(color)), bool(bold))


@lru_cache(maxsize=2048)
def _render(s: str, size_px: int, rgba: tuple[int, int, int, int], bold: bool) -> pygame.Surface:
    return font(size_px, bold).render(s, True, rgba)
