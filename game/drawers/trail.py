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
PRINT = (150, 108, 60, 170)


def draw_trail(surf: pygame.Surface, cam: Camera, xs: np.ndarray, ys: np.ndarray,
               on_sand: np.ndarray) -> None:
    """Footprints at the rows (xs, ys metres) that are on the sand, each turned along the step
    into it, and a thin line through them."""
    if len(xs) == 0:
        return
    px, py = cam.to_screen_many(xs, ys)
    ok = on_sand & np.isfinite(px) & np.isfinite(py)
    pts = np.stack([px[ok], py[ok]], -1)
    if len(pts) >= 2:
        if len(pts) > 4000:
            pts = pts[np.linspace(0, len(pts) - 1, 4000).astype(int)]
        pygame.draw.lines(surf, PATH, False, pts.tolist(), 1)
    u = unit(cam)
    size = max(5, round(u * 0.5))
    dx = np.diff(px, prepend=px[0])
    dy = np.diff(py, prepend=py[0])
    idx = np.flatnonzero(ok)[-MAX_PRINTS:]
    for i in idx:
        if dx[i] == 0 and dy[i] == 0:
            # The start: turn toward the first step if there is one.
            if i + 1 < len(px):
                ang = math.atan2(py[i + 1] - py[i], px[i + 1] - px[i])
            else:
                ang = -math.pi / 2
        else:
            ang = math.atan2(dy[i], dx[i])
        k = round(ang / (2 * math.pi) * ANGLES) % ANGLES
        sprite = _prints(size, k)
        surf.blit(sprite, (px[i] - sprite.get_width() / 2, py[i] - sprite.get_height() / 2))


@lru_cache(maxsize=ANGLES * 3)
def _prints(size: int, k: int) -> pygame.Surface:
    """A left and a right footprint side by side, heading along angle k * 360/ANGLES degrees."""
    s = pygame.Surface((size * 2, size * 2), pygame.SRCALPHA)
    c = size
    foot_w, foot_l = max(2, size * 0.32), max(3, size * 0.6)
    for side, shift in ((-1, -0.12), (1, 0.18)):
        r = pygame.Rect(0, 0, round(foot_l), round(foot_w))
        r.center = (round(c + shift * size), round(c + side * size * 0.28))
        pygame.draw.ellipse(s, PRINT, r)
        toe = pygame.Rect(0, 0, max(1, round(foot_w * 0.55)), max(1, round(foot_w * 0.7)))
        toe.center = (round(r.right + foot_w * 0.15), r.centery)
        pygame.draw.ellipse(s, PRINT, toe)
    return pygame.transform.rotate(s, -k * 360 / ANGLES)
