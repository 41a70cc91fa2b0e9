"""Footprints behind the player and a faint line through the steps (the trace so far)."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pygame

from game.camera import Camera
from game.drawers import unit

ANGLES = 24           # footprint sprites are pre-rotated to this many directions
MAX_PRINTS = 400      # only the latest footprints are drawn
PATH = (150, 112, 70)
PRINT = (150, 108, 60)
PRINT_ALPHA = 170


def draw_trail(surf: pygame.Surface, cam: Camera, xs: np.ndarray, ys: np.ndarray,
               on_sand: np.ndarray, colour: tuple[int, int, int] | None = None,
               shift: tuple[float, float] = (0.0, 0.0)) -> None:
    """Footprints at the rows (xs, ys metres) that are on the sand, each turned along the step
    into it, and a line through them: sandy brown, or ``colour`` (a racer's) with a wider line.
    ``shift`` (pixels) moves the whole trail aside, so that racers' trails along the same line
    run side by side like lanes."""
    if len(xs) == 0:
        return
    px, py = cam.to_screen_many(xs, ys)
    px, py = px + shift[0], py + shift[1]
    ok = on_sand & np.isfinite(px) & np.isfinite(py)
    pts = np.stack([px[ok], py[ok]], -1)
    if len(pts) >= 2:
        if len(pts) > 4000:
            pts = pts[np.linspace(0, len(pts) - 1, 4000).astype(int)]
        pygame.draw.lines(surf, colour or PATH, False, pts.tolist(), 1 if colour is None else 2)
    u = unit(cam)
    size = max(5, round(u * 0.5))
    idx = np.flatnonzero(ok)[-MAX_PRINTS:]
    if idx.size == 0:
        return
    # Each print turns along the step into its row; the start (no step into it) toward the
    # first step, or up the screen when there is none.
    dx, dy = np.diff(px, prepend=px[0])[idx], np.diff(py, prepend=py[0])[idx]
    still = (dx == 0) & (dy == 0)
    ahead = np.minimum(idx + 1, px.size - 1)
    dx = np.where(still, px[ahead] - px[idx], dx)
    dy = np.where(still, py[ahead] - py[idx], dy)
    with np.errstate(invalid="ignore"):
        ang = np.arctan2(dy, dx)
    ang = np.where((still & (idx + 1 == px.size)) | ~np.isfinite(ang), -math.pi / 2, ang)
    ks = np.rint(ang / (2 * math.pi) * ANGLES).astype(int) % ANGLES
    sprites, half_w, half_h = _print_set(size, colour or PRINT)
    xs, ys = (px[idx] - half_w[ks]).tolist(), (py[idx] - half_h[ks]).tolist()
    surf.fblits([(sprites[k], (x, y)) for k, x, y in zip(ks.tolist(), xs, ys)])


@lru_cache(maxsize=12)
def _print_set(size: int, colour: tuple[int, int, int]) -> tuple[list[pygame.Surface], np.ndarray, np.ndarray]:
    """The footprints turned to each of the ANGLES directions, with their half widths and heights."""
    sprites = [_prints(size, k, colour) for k in range(ANGLES)]
    return (sprites, np.array([sp.get_width() / 2 for sp in sprites]),
            np.array([sp.get_height() / 2 for sp in sprites]))


def _prints(size: int, k: int, colour: tuple[int, int, int]) -> pygame.Surface:
    """A left and a right footprint in ``colour`` side by side, heading along angle
    k * 360/ANGLES degrees."""
    s = pygame.Surface((size * 2, size * 2), pygame.SRCALPHA)
    c = size
    foot_w, foot_l = max(2, size * 0.32), max(3, size * 0.6)
    for side, shift in ((-1, -0.12), (1, 0.18)):
        r = pygame.Rect(0, 0, round(foot_l), round(foot_w))
        r.center = (round(c + shift * size), round(c + side * size * 0.28))
        pygame.draw.ellipse(s, (*colour, PRINT_ALPHA), r)
        toe = pygame.Rect(0, 0, max(1, round(foot_w * 0.55)), max(1, round(foot_w * 0.7)))
        toe.center = (round(r.right + foot_w * 0.15), r.centery)
        pygame.draw.ellipse(s, (*colour, PRINT_ALPHA), toe)
    return pygame.transform.rotate(s, -k * 360 / ANGLES)
