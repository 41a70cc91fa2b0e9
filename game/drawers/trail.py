"""Footprints behind the player and a faint line through the steps (the trace so far), drawn
anew (draw_trail) or kept in a layer from frame to frame (TrailLayer)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Iterable

import numpy as np
import pygame

from game.camera import Camera
from game.drawers import unit
from sim.walking.walk import PICTURE_ROWS

ANGLES = 24           # footprint sprites are pre-rotated to this many directions
MAX_PRINTS = 400      # only the latest footprints are drawn
MAX_LINE_POINTS = 2 * PICTURE_ROWS   # the line through a longer trail goes through this many of its points
                                     # (a trace kept for a picture, sim Walk ``thin``, is never longer)
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
    px, py, ok = _pixels(cam, xs, ys, on_sand, shift)
    pts = np.stack([px[ok], py[ok]], -1)
    if len(pts) >= 2:
        if len(pts) > MAX_LINE_POINTS:
            pts = pts[np.linspace(0, len(pts) - 1, MAX_LINE_POINTS).astype(int)]
        pygame.draw.lines(surf, colour or PATH, False, pts.tolist(), 1 if colour is None else 2)
    size = _print_size(cam)
    sprites = _print_set(size, colour or PRINT)
    if keep:
        blits = _finished_prints(px, py, ok, sprites, (colour, size))
    else:
        blits = _print_blits(px, py, np.flatnonzero(ok[:-1])[-MAX_PRINTS:], sprites)
    if ok[-1]:   # the last row's print turns with the step after it, which is yet to come
        blits = blits + _print_blits(px, py, np.array([px.size - 1]), sprites)
    surf.fblits(blits[-MAX_PRINTS:])


def _pixels(cam: Camera, xs: np.ndarray, ys: np.ndarray, on_sand: np.ndarray,
            shift: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A trail's rows in window pixels (moved aside by ``shift``) and which of them are drawn."""
    px, py = cam.to_screen_many(xs, ys)
    px, py = px + shift[0], py + shift[1]
    return px, py, on_sand & np.isfinite(px) & np.isfinite(py)


@dataclass(frozen=True)
class Trail:
    """One trail as draw_trail takes it: rows at ``xs``, ``ys`` (metres), which of them are on
    the sand, its colour (None: sandy brown) and its lane's shift (pixels)."""

    xs: np.ndarray
    ys: np.ndarray
    on_sand: np.ndarray
    colour: tuple[int, int, int] | None = None
    shift: tuple[float, float] = (0.0, 0.0)

    def draw(self, surf: pygame.Surface, cam: Camera) -> None:
        draw_trail(surf, cam, self.xs, self.ys, self.on_sand, self.colour, self.shift)


class TrailLayer:
    """Trails drawn once onto a copy of the beach under them and kept from frame to frame: a
    frame blits the layer, and only a trail's newest rows are drawn into it (within the rectangle
    they can change: the new steps, the print before them, the prints that fall out of the latest
    MAX_PRINTS). The same pixels as drawing every trail anew in order, which ``keep=False`` does.

    A frame calls ``update`` on the beach as it is under the trails (before the waves), then the
    waves are drawn, then ``draw``: the layer is blitted where the waves never reach and the trails
    drawn anew, clipped, where they do. A new camera, window, beach (``under``: None when unknown,
    then nothing is kept), lanes or colours, or a trail that is not the last one grown, starts the
    layer afresh."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._trails: list[Trail] = []
        self._cam: Camera | None = None
        self._key: Hashable = None
        self._layer: pygame.Surface | None = None
        self._rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._area = pygame.Rect(0, 0, 0, 0)   # where the layer holds trails (window pixels)

    def update(self, surf: pygame.Surface, cam: Camera, trails: list[Trail], under: Hashable) -> None:
        """Take this frame's ``trails``; ``surf`` shows the beach named ``under`` where they go."""
        self._trails, self._cam = trails, cam
        if not self.keep or under is None:
            self._key = None
            return
        clip = surf.get_clip()
        key = (under, surf.get_size(), surf.get_bitsize(), surf.get_masks(), tuple(clip), cam,
               tuple((t.colour, t.shift) for t in trails))
        rows = [_pixels(cam, t.xs, t.ys, t.on_sand, t.shift) for t in trails]
        pad = _print_pad(cam)
        grown = [_grown(old, new, pad) for old, new in zip(self._rows, rows)] if key == self._key else [None]
        if key != self._key or self._layer is None:   # a surface in the format of this one
            self._layer = pygame.Surface(surf.get_size(), 0, surf)
        self._rows, self._key = rows, key
        if any(g is None for g in grown):   # afresh: the beach, and every trail where it lies
            self._layer.blit(surf, clip, clip)
            self._area = pygame.Rect(0, 0, 0, 0)
            grown = [_rows_rect(px, py, np.flatnonzero(ok), pad) for px, py, ok in rows]
        dirty = _union(g.clip(clip) for g in grown)
        if dirty.w and dirty.h:
            self._layer.blit(surf, dirty, dirty)
            self._layer.set_clip(dirty)
            for t in trails:
                t.draw(self._layer, cam)
            self._layer.set_clip(None)
            self._area = _union((self._area, dirty))

    def draw(self, surf: pygame.Surface, free: pygame.Rect) -> None:
        """Draw the trails onto ``surf``: from the layer within ``free`` (where nothing was drawn
        since ``update``), anew clipped to the rest."""
        if self._key is None:
            for t in self._trails:
                t.draw(surf, self._cam)
            return
        clip = surf.get_clip()
        inside = self._area.clip(free).clip(clip)
        if inside.w and inside.h:
            surf.blit(self._layer, inside, inside)
        far = 1 << 20
        outside = (pygame.Rect(-far, -far, 2 * far, free.top + far), pygame.Rect(-far, free.bottom, 2 * far, far),
                   pygame.Rect(-far, free.top, free.left + far, free.h), pygame.Rect(free.right, free.top, far, free.h))
        for part in outside:
            part = part.clip(self._area).clip(clip)
            if part.w and part.h:
                surf.set_clip(part)
                for t in self._trails:
                    t.draw(surf, self._cam)
        surf.set_clip(clip)


def _union(rects: Iterable[pygame.Rect]) -> pygame.Rect:
    """The smallest rectangle holding every non-empty one of ``rects`` (empty when none is)."""
    full = [r for r in rects if r.w and r.h]
    return full[0].unionall(full[1:]) if full else pygame.Rect(0, 0, 0, 0)


def _print_pad(cam: Camera) -> int:
    """Pixels around a row that its print and the line through it may cover."""
    _, half_w, half_h = _print_set(_print_size(cam), PRINT)
    return math.ceil(max(half_w.max(), half_h.max())) + 4


def _rows_rect(px: np.ndarray, py: np.ndarray, rows: np.ndarray, pad: int) -> pygame.Rect:
    """The rectangle around the pixels of ``rows`` (indices), ``pad`` wider on every side."""
    if rows.size == 0:
        return pygame.Rect(0, 0, 0, 0)
    x0, x1, y0, y1 = px[rows].min(), px[rows].max(), py[rows].min(), py[rows].max()
    return pygame.Rect(math.floor(x0) - pad, math.floor(y0) - pad, math.ceil(x1 - x0) + 2 * pad + 2,
                       math.ceil(y1 - y0) + 2 * pad + 2)


def _grown(old: tuple[np.ndarray, np.ndarray, np.ndarray], new: tuple[np.ndarray, np.ndarray, np.ndarray],
           pad: int) -> pygame.Rect | None:
    """Where a trail drawn at ``new`` (pixels and drawn rows) differs from it drawn at ``old``, when
    new only adds rows to old: around the line's new segments (from the last drawn row before),
    the prints of the rows after old's last (and that one's, which turns with the step after it),
    and the prints that fall out of the latest MAX_PRINTS. None when new is not old grown, or the
    line is thinned (MAX_LINE_POINTS)."""
    (ox, oy, ook), (px, py, ok) = old, new
    m = ox.size
    if px.size < m or not (np.array_equal(ok[:m], ook) and np.array_equal(px[:m], ox, equal_nan=True)
                           and np.array_equal(py[:m], oy, equal_nan=True)):
        return None
    drawn = np.flatnonzero(ok)
    before, now = int(np.count_nonzero(ook)), drawn.size
    if now > MAX_LINE_POINTS:
        return None
    changed = np.concatenate([drawn[max(0, before - 1):],
                              drawn[max(0, before - MAX_PRINTS):max(0, now - MAX_PRINTS)]])
    return _rows_rect(px, py, changed, pad) if now > before or px.size > m else pygame.Rect(0, 0, 0, 0)


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


def _print_size(cam: Camera) -> int:
    """Pixels across a pair of footprints (before turning)."""
    return max(5, round(unit(cam) * 0.5))


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
