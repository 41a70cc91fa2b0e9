"""The beach: sea and textured sand (a cached background), decorations, and the animated waves."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pygame

from game.camera import Camera
from game.drawers import RGB, mix, unit

SAND: RGB = (243, 221, 172)
SAND_DARK: RGB = (222, 192, 138)
WET_SAND: RGB = (205, 176, 124)
SHALLOW: RGB = (104, 214, 214)
SEA: RGB = (36, 160, 200)
DEEP: RGB = (22, 92, 160)
FOAM: RGB = (250, 253, 255)


def sand_rect(cam: Camera, bounds: tuple[float, float, float, float]) -> pygame.Rect:
    """The sand's pixel rectangle."""
    return cam.world_rect(bounds)


LOW = 4      # smooth colour fields are computed at 1/LOW of the resolution, then smooth-scaled up
GRAIN = 96   # pixels: side of the tile of sand grain


def build_background(size: tuple[int, int], cam: Camera, bounds: tuple[float, float, float, float],
                     seed: int = 7) -> pygame.Surface:
    """Sea and sand with texture and shading, for a window of ``size`` pixels."""
    rng = np.random.default_rng(seed)
    sand = sand_rect(cam, bounds)
    u = unit(cam)
    surf = pygame.transform.smoothscale(_sea(size, sand, cam.rect[1], u), size)
    surf.blit(_sand(sand.size, u, rng), sand.topleft)
    return surf


def _sea(size: tuple[int, int], sand: pygame.Rect, top: int, u: float) -> pygame.Surface:
    """The water at low resolution: shallow turquoise by the sand, deeper blue out in the open sea."""
    wl, hl = size[0] // LOW + 2, size[1] // LOW + 2
    xs = np.arange(wl, dtype=np.float32)[:, None] * LOW
    ys = np.arange(hl, dtype=np.float32)[None, :] * LOW
    dx = np.maximum(np.maximum(sand.left - xs, xs - (sand.right - 1)), 0)
    dy = np.maximum(np.maximum(sand.top - ys, ys - (sand.bottom - 1)), 0)
    t_shallow = np.clip(np.hypot(dx, dy) / (1.6 * u), 0, 1)[..., None]
    t_deep = (np.clip((sand.top - ys) / max(1.0, sand.top - top + 1.0), 0, 1) ** 1.4)[..., None]
    rgb = np.float32(SHALLOW) + (np.float32(SEA) - np.float32(SHALLOW)) * t_shallow
    rgb = rgb + (np.float32(DEEP) - rgb) * t_deep
    ripple = np.sin(xs * 0.05 + ys * 0.21) * np.sin(xs * 0.013 - ys * 0.07)
    rgb += (ripple * 7)[..., None]
    return _surface(rgb)


def _sand(size: tuple[int, int], u: float, rng: np.random.Generator) -> pygame.Surface:
    """The sand: soft blotches, wet toward the sea and along the rims, and a fine grain."""
    w, h = max(1, size[0]), max(1, size[1])
    wl, hl = w // LOW + 2, h // LOW + 2
    xs = np.arange(wl, dtype=np.float32)[:, None] * LOW
    ys = np.arange(hl, dtype=np.float32)[None, :] * LOW
    cell = max(2, round(u * 1.2 / LOW))
    blot = _blotches(rng, wl, hl, cell)
    rgb = np.float32(SAND) + (np.float32(SAND_DARK) - np.float32(SAND)) * (np.clip(blot, 0, 1) * 0.55)[..., None]
    from_top = ys / max(1.0, u)
    from_rim = np.minimum(np.minimum(xs, w - 1 - xs), h - 1 - ys) / max(1.0, u)
    wet = np.clip(np.clip(1.0 - from_top / 1.4, 0, 1) ** 1.5 + np.clip(1.0 - from_rim / 0.5, 0, 1) * 0.45, 0, 1)
    rgb = rgb + (np.float32(WET_SAND) - rgb) * wet[..., None]
    surf = pygame.transform.smoothscale(_surface(rgb), (wl * LOW, hl * LOW)).subsurface((0, 0, w, h)).copy()
    plus, minus = _grain(int(rng.integers(1 << 30)))
    for x in range(0, w, GRAIN):
        for y in range(0, h, GRAIN):
            surf.blit(plus, (x, y), special_flags=pygame.BLEND_RGB_ADD)
            surf.blit(minus, (x, y), special_flags=pygame.BLEND_RGB_SUB)
    return surf


def _surface(rgb: np.ndarray) -> pygame.Surface:
    surf = pygame.Surface(rgb.shape[:2])
    pygame.surfarray.blit_array(surf, np.clip(rgb, 0, 255).astype(np.uint8))
    return surf


@lru_cache(maxsize=4)
def _grain(seed: int) -> tuple[pygame.Surface, pygame.Surface]:
    """A tile of fine sand grain as two grey surfaces: what to add and what to subtract."""
    g = np.random.default_rng(seed).normal(0, 5, (GRAIN, GRAIN))
    up = np.clip(g, 0, 255).astype(np.uint8)
    down = np.clip(-g, 0, 255).astype(np.uint8)
    return _surface(np.dstack([up] * 3)), _surface(np.dstack([down] * 3))


def _blotches(rng: np.random.Generator, w: int, h: int, cell: int) -> np.ndarray:
    """Soft low-frequency noise, shape (w, h), mostly within 0..1."""
    small = rng.random((w // cell + 2, h // cell + 2)).astype(np.float32)
    grey = (small * 255).astype(np.uint8)
    big = pygame.transform.smoothscale(_surface(np.dstack([grey] * 3)), (w + 2 * cell, h + 2 * cell))
    arr = pygame.surfarray.array_red(big)[cell // 2: cell // 2 + w, cell // 2: cell // 2 + h]
    return (arr.astype(np.float32) / 255 - 0.45) * 1.8


def decorate(surf: pygame.Surface, cam: Camera, bounds: tuple[float, float, float, float], seed: int = 7) -> None:
    """Shells, starfish, a towel and a parasol; placed from ``seed``, the same on every frame."""
    rng = np.random.default_rng(seed)
    xmin, xmax, ymin, ymax = bounds
    bw, bh = xmax - xmin, ymax - ymin
    u = unit(cam)
    for _ in range(14):
        x = xmin + bw * rng.uniform(0.04, 0.96)
        y = ymin + bh * rng.uniform(0.2, 0.94)
        px, py = cam.to_screen(x, y)
        if rng.random() < 0.3:
            _starfish(surf, (px, py), u * rng.uniform(0.22, 0.3), rng.uniform(0, 2 * math.pi))
        else:
            _shell(surf, (px, py), u * rng.uniform(0.12, 0.18), rng.uniform(0, 2 * math.pi))
    tx, ty = cam.to_screen(xmin + bw * 0.83, ymin + bh * 0.16)
    _towel(surf, (tx, ty), u)
    px, py = cam.to_screen(xmin + bw * 0.9, ymin + bh * 0.27)
    _parasol(surf, (px, py), u * 1.25)


def _shell(surf: pygame.Surface, c: tuple[float, float], r: float, angle: float) -> None:
    col = (250, 226, 214)
    pts = []
    for k in range(9):
        a = angle - 1.1 + 2.2 * k / 8
        pts.append((c[0] + math.cos(a) * r, c[1] + math.sin(a) * r))
    pts.append((c[0] - math.cos(angle) * r * 0.5, c[1] - math.sin(angle) * r * 0.5))
    pygame.draw.polygon(surf, col, pts)
    for k in range(1, 8, 2):
        a = angle - 1.1 + 2.2 * k / 8
        pygame.draw.line(surf, (222, 182, 170), pts[-1], (c[0] + math.cos(a) * r, c[1] + math.sin(a) * r))


def _starfish(surf: pygame.Surface, c: tuple[float, float], r: float, angle: float) -> None:
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.42
        a = angle + k * math.pi / 5
        pts.append((c[0] + math.cos(a) * rr, c[1] + math.sin(a) * rr))
    pygame.draw.polygon(surf, (236, 132, 92), pts)
    pygame.draw.polygon(surf, (200, 100, 70), pts, 1)


def _towel(surf: pygame.Surface, c: tuple[float, float], u: float) -> None:
    w, h = u * 1.1, u * 2.0
    rect = pygame.Rect(0, 0, w, h)
    rect.center = (round(c[0]), round(c[1]))
    pygame.draw.rect(surf, (200, 180, 140), rect.move(3, 3), border_radius=3)
    stripes = ((236, 90, 110), (255, 246, 236), (80, 170, 220))
    n = 7
    for k in range(n):
        r = pygame.Rect(rect.x, rect.y + k * rect.h / n, rect.w, math.ceil(rect.h / n))
        pygame.draw.rect(surf, stripes[k % 3], r)


def _parasol(surf: pygame.Surface, c: tuple[float, float], r: float) -> None:
    """A beach parasol seen from above: a shadow and red-white panels."""
    shadow = pygame.Surface((int(r * 2.6), int(r * 2.6)), pygame.SRCALPHA)
    pygame.draw.circle(shadow, (90, 70, 40, 70), (shadow.get_width() // 2, shadow.get_height() // 2), r)
    surf.blit(shadow, (c[0] - shadow.get_width() / 2 + r * 0.35, c[1] - shadow.get_height() / 2 + r * 0.3))
    n = 8
    for k in range(n):
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 1) / n
        pts = [c] + [(c[0] + math.cos(a) * r, c[1] + math.sin(a) * r) for a in np.linspace(a0, a1, 5)]
        pygame.draw.polygon(surf, (230, 64, 72) if k % 2 == 0 else (255, 248, 240), pts)
    pygame.draw.circle(surf, (160, 40, 50), c, r, 2)
    pygame.draw.circle(surf, (120, 80, 40), c, max(2, r * 0.08))


def draw_waves(surf: pygame.Surface, cam: Camera, bounds: tuple[float, float, float, float], t: float) -> None:
    """The moving sea: crests rolling in, and swash and foam along the shore, at time ``t`` seconds."""
    sand = sand_rect(cam, bounds)
    u = unit(cam)
    top = cam.rect[1]
    sea_h = sand.top - top
    # Crests rolling toward the shore in the open sea.
    if sea_h > 8:
        n = 14
        for i in range(n):
            phase = (t * 0.09 + i * 0.618) % 1.0
            y = top + sea_h * (0.08 + 0.86 * phase)
            x = sand.left + (i * 0.381 % 1.0) * sand.w + math.sin(t * 0.5 + i) * u * 0.4
            length = u * (1.2 + 1.5 * ((i * 0.7) % 1.0)) * (0.6 + 0.6 * phase)
            fade = math.sin(math.pi * phase)
            col = mix(mix(DEEP, SEA, phase), FOAM, 0.55 * fade)
            pts = [(x + length * k / 6, y + math.sin(k / 6 * math.pi) * -u * 0.12) for k in range(7)]
            pygame.draw.lines(surf, col, False, pts, max(1, round(u * 0.08)))
    # Swash and foam on the open-sea edge.
    step = max(10, int(u * 0.6))
    xs = list(range(sand.left, sand.right + step, step))
    surge = 0.5 + 0.5 * math.sin(t * 0.9)
    edge = []
    for x in xs:
        x = min(x, sand.right)
        s = u * (0.22 + 0.45 * surge + 0.16 * math.sin(x * 0.021 + t * 1.7) + 0.1 * math.sin(x * 0.057 - t * 1.1))
        edge.append((x, sand.top + s))
    pygame.draw.polygon(surf, SHALLOW, [(sand.left, sand.top - 2)] + edge + [(sand.right, sand.top - 2)])
    pygame.draw.lines(surf, FOAM, False, edge, max(2, round(u * 0.14)))
    back = [(x, y - u * (0.25 + 0.2 * surge)) for x, y in edge]
    pygame.draw.lines(surf, mix(SHALLOW, FOAM, 0.6), False, back, max(1, round(u * 0.07)))
    # Lapping foam along the other three edges.
    amp = u * 0.09
    lap = 0.5 + 0.5 * math.sin(t * 1.3 + 1.0)
    for side in ("left", "right", "bottom"):
        pts = []
        if side == "bottom":
            for x in xs:
                x = min(x, sand.right)
                pts.append((x, sand.bottom + amp * (math.sin(x * 0.04 + t * 1.5) - 1.5 * lap)))
        else:
            x0 = sand.left if side == "left" else sand.right
            sign = -1 if side == "left" else 1
            for y in range(sand.top, sand.bottom + step, step):
                y = min(y, sand.bottom)
                pts.append((x0 + sign * amp * (math.sin(y * 0.04 + t * 1.5) - 1.5 * lap), y))
        if len(pts) > 1:
            pygame.draw.lines(surf, FOAM, False, pts, max(1, round(u * 0.09)))


def wave_free(cam: Camera, bounds: tuple[float, float, float, float]) -> pygame.Rect:
    """The sand that draw_waves never draws on, at any time: inside the swash (up to 0.93 sprite
    units onto the sand at the top, with its foam line) and the lapping foam (0.225 units along
    the other edges, with its line)."""
    sand = sand_rect(cam, bounds)
    u = unit(cam)
    top = math.ceil(u * (0.22 + 0.45 + 0.16 + 0.1) + max(2, round(u * 0.14))) + 2
    side = math.ceil(u * 0.09 * 2.5 + max(1, round(u * 0.09))) + 2
    return pygame.Rect(sand.left + side, sand.top + top, max(0, sand.w - 2 * side), max(0, sand.h - top - side))
