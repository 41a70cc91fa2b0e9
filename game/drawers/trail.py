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
               shift: tuple[float, float] = (0.0, 0.0), keep: bool = True) -> None:
    """Footprints at the rows (xs, ys metres) that are on the sand, each turned along the step
    into it, and a line through them: sandy brown, or ``colour`` (a racer's) with a wider line.
    ``shift`` (pixels) moves the whole trail aside, so that racers' trails along the same line
    run side by side like lanes. ``keep``: reuse the finished prints worked out in earlier frames
    (the same pixels as working them all out anew, which keep=False does)."""
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
    sprites = _print_set(size, colour or PRINT)
    if keep:
        blits = _finished_prints(px, py, ok, sprites, (colour, size))
    else:
        blits = _print_blits(px, py, np.flatnonzero(ok[:-1])[-MAX_PRINTS:], sprites)
    if ok[-1]:   # the last row's print turns with the step after it, which is yet to come
        blits = blits + _print_blits(px, py, np.array([px.size - 1]), sprites)
    surf.fblits(blits[-MAX_PRINTS:])


FinishedKey = tuple[tuple[int, int, int] | None, int]
_finished: dict[FinishedKey, tuple[np.ndarray, np.ndarray, np.ndarray, list]] = {}
KEPT_TRAILS = 16   # trails whose finished prints are kept (a race has at most a few)


def _finished_prints(px: np.ndarray, py: np.ndarray, ok: np.ndarray, sprites, key: FinishedKey) -> list:
    """The blits of the prints of every row but the last (those whose step into and out of them is
    known, so they never change), kept from frame to frame: only rows new since the last frame are
    worked out, as long as the earlier rows sit on the same pixels (the same trail, camera and lane)."""
    done = px.size - 1
    kept = _finished.get(key)
    if kept is not None:
        kx, ky, kok, blits = kept
        m = kx.size
        if m <= done and np.array_equal(ok[:m], kok) and np.array_equal(px[:m], kx, equal_nan=True) \
                and np.array_equal(py[:m], ky, equal_nan=True):
            if m == done:
                return blits
            blits = (blits + _print_blits(px, py, np.flatnonzero(ok[m:done]) + m, sprites))[-MAX_PRINTS:]
            _finished[key] = (px[:done].copy(), py[:done].copy(), ok[:done].copy(), blits)
            return blits
    if len(_finished) >= KEPT_TRAILS:
        _finished.clear()
    blits = _print_blits(px, py, np.flatnonzero(ok[:done])[-MAX_PRINTS:], sprites)
    _finished[key] = (px[:done].copy(), py[:done].copy(), ok[:done].copy(), blits)
    return blits


def _print_blits(px: np.ndarray, py: np.ndarray, idx: np.ndarray, sprites) -> list:
    """(sprite, top-left) of the prints of rows ``idx`` of the trail at pixels px, py.

    Each print turns along the step into its row; the start (no step into it) toward the first
    step, or up the screen when there is none."""
    if idx.size == 0:
        return []
    dx, dy = np.diff(px, prepend=px[0])[idx], np.diff(py, prepend=py[0])[idx]
    still = (dx == 0) & (dy == 0)
    ahead = np.minimum(idx + 1, px.size - 1)
    dx = np.where(still, px[ahead] - px[idx], dx)
    dy = np.where(still, py[ahead] - py[idx], dy)
    with np.errstate(invalid="ignore"):
        ang = np.arctan2(dy, dx)
    ang = np.where((still & (idx + 1 == px.size)) | ~np.isfinite(ang), -math.pi / 2, ang)
    ks = np.rint(ang / (2 * math.pi) * ANGLES).astype(int) % ANGLES
    images, half_w, half_h = sprites
    xs, ys = (px[idx] - half_w[ks]).tolist(), (py[idx] - half_h[ks]).tolist()
    return [(images[k], (x, y)) for k, x, y in zip(ks.tolist(), xs, ys)]


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
