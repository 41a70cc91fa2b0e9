"""The watermelon on its straw mat: whole, or split in two with red flesh and black seeds."""
from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game.drawers import ease

RIND: tuple[int, int, int] = (46, 140, 58)
STRIPE: tuple[int, int, int] = (18, 74, 34)
FLESH: tuple[int, int, int] = (236, 52, 66)
RIND_WHITE: tuple[int, int, int] = (214, 240, 190)
SEED: tuple[int, int, int] = (24, 16, 16)
MAT: tuple[int, int, int] = (214, 190, 120)
MAT_LINE: tuple[int, int, int] = (182, 154, 88)


def radius_px(u: float) -> int:
    """The watermelon's radius in pixels for sprite unit ``u``."""
    return max(7, round(0.55 * u))


def draw_mat(surf: pygame.Surface, c: tuple[float, float], u: float) -> None:
    """The straw mat (goza) the watermelon sits on."""
    surf.blit(_mat(radius_px(u)), (c[0] - radius_px(u) * 1.7, c[1] - radius_px(u) * 1.35))


def rect(c: tuple[float, float], u: float) -> pygame.Rect:
    """Where the watermelon at ``c`` (pixels) and its mat are drawn, whole or split (pixels)."""
    r = radius_px(u)
    box = pygame.Rect(round(c[0] - r * 1.7), round(c[1] - r * 1.35), round(r * 3.4), round(r * 2.7))
    return box.union(pygame.Rect(round(c[0] - r * 1.1), round(c[1] - r * 2.1), round(r * 2.2), round(r * 4.2)))


def draw_whole(surf: pygame.Surface, c: tuple[float, float], u: float, wobble: float = 0.0) -> None:
    """The whole watermelon centred at ``c`` (pixels); ``wobble`` shakes it sideways (pixels)."""
    sprite = _whole(radius_px(u))
    surf.blit(sprite, (c[0] - sprite.get_width() / 2 + wobble, c[1] - sprite.get_height() / 2))


def draw_split(surf: pygame.Surface, c: tuple[float, float], u: float, t: float) -> None:
    """The two halves ``t`` seconds after the split: they fall apart forward and back (away from
    the player beside them) and settle, flesh up."""
    r = radius_px(u)
    k = ease(t / 0.35)
    gap = r * (0.1 + 0.75 * k)
    tilt = 18 * k
    half = _half(r)
    for side in (-1, 1):
        img = pygame.transform.rotate(half, side * tilt)
        hop = -math.sin(min(1.0, t / 0.35) * math.pi) * r * 0.4
        surf.blit(img, (c[0] - img.get_width() / 2, c[1] + side * gap + hop - img.get_height() / 2))


def draw_decoy(surf: pygame.Surface, c: tuple[float, float], u: float) -> None:
    """A decoy at ``c`` (pixels): a watermelon-like ball, a little smaller and paler than the real
    one and without its mat, where a beach has a false minimum."""
    sprite = _decoy(radius_px(u))
    surf.blit(sprite, (c[0] - sprite.get_width() / 2, c[1] - sprite.get_height() / 2))


def decoy_rect(c: tuple[float, float], u: float) -> pygame.Rect:
    """Where a decoy at ``c`` (pixels) is drawn."""
    size = _decoy(radius_px(u)).get_size()
    return pygame.Rect(round(c[0] - size[0] / 2), round(c[1] - size[1] / 2), *size)


def icon() -> pygame.Surface:
    """A small whole watermelon for the window's icon."""
    return _whole(14)


@lru_cache(maxsize=8)
def _mat(r: int) -> pygame.Surface:
    w, h = round(r * 3.4), round(r * 2.7)
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(s, (110, 90, 60, 70), pygame.Rect(3, 3, w - 3, h - 3), border_radius=3)
    pygame.draw.rect(s, MAT, pygame.Rect(0, 0, w - 3, h - 3), border_radius=3)
    for y in range(3, h - 4, max(3, r // 4)):
        pygame.draw.line(s, MAT_LINE, (2, y), (w - 6, y))
    pygame.draw.rect(s, (60, 110, 70), pygame.Rect(0, 0, w - 3, h - 3), max(2, r // 6), border_radius=3)
    return s


@lru_cache(maxsize=8)
def _whole(r: int) -> pygame.Surface:
    """Striped green ball with a shine and a curly stem, on a soft shadow."""
    size = 2 * r + 8
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    pygame.draw.ellipse(s, (60, 50, 20, 80), pygame.Rect(c - r + 2, c - r * 0.2 + 3, 2 * r, r * 1.4))
    ball = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(ball, RIND, (c, c), r)
    for k in range(-3, 4):
        x0 = c + k * r * 0.32
        pts = [(x0 + math.sin(j * 1.7) * r * 0.09 + (x0 - c) * 0.25 * math.sin(math.pi * j / 10),
                c - r + j * r / 5) for j in range(11)]
        pygame.draw.lines(ball, STRIPE, False, pts, max(2, round(r * 0.16)))
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (c, c), r)
    ball.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    s.blit(ball, (0, 0))
    pygame.draw.circle(s, (14, 60, 26), (c, c), r, max(1, r // 10))
    pygame.draw.ellipse(s, (255, 255, 255, 120), pygame.Rect(c - r * 0.6, c - r * 0.7, r * 0.55, r * 0.35))
    pygame.draw.arc(s, (120, 80, 40), pygame.Rect(c - r * 0.1, c - r * 1.15, r * 0.35, r * 0.35), 0, 4.5,
                    max(1, r // 8))
    return s


@lru_cache(maxsize=8)
def _decoy(r: int) -> pygame.Surface:
    """The whole watermelon at 85% of its size, washed pale and see-through."""
    s = _whole(max(5, round(r * 0.85))).copy()
    s.fill((255, 255, 255, 150), special_flags=pygame.BLEND_RGBA_MULT)
    wash = pygame.Surface(s.get_size(), pygame.SRCALPHA)
    wash.fill((70, 60, 40, 0))
    s.blit(wash, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return s


@lru_cache(maxsize=8)
def _half(r: int) -> pygame.Surface:
    """One half seen from above, cut face up: rind, a white rim, red flesh and seeds."""
    w, h = round(2.1 * r), round(1.6 * r)
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    full = pygame.Rect(0, 0, w, h)
    pygame.draw.ellipse(s, STRIPE, full)
    pygame.draw.ellipse(s, RIND, full.inflate(-max(2, r * 0.12), -max(2, r * 0.12)))
    pygame.draw.ellipse(s, RIND_WHITE, full.inflate(-r * 0.3, -r * 0.3))
    flesh = full.inflate(-r * 0.46, -r * 0.46)
    pygame.draw.ellipse(s, FLESH, flesh)
    pygame.draw.ellipse(s, (255, 120, 120), flesh.inflate(-flesh.w * 0.55, -flesh.h * 0.6).move(-r * 0.15, -r * 0.2))
    cx, cy = w / 2, h / 2
    for k in range(7):
        a = 2 * math.pi * k / 7 + 0.3
        x, y = cx + math.cos(a) * flesh.w * 0.28, cy + math.sin(a) * flesh.h * 0.28
        seed = pygame.Rect(0, 0, max(2, r * 0.14), max(3, r * 0.22))
        seed.center = (round(x), round(y))
        pygame.draw.ellipse(s, SEED, seed)
    return s
