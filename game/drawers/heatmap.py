"""The loss as a heatmap with contour lines over the sand (what the blindfolded player cannot see).

The loss is evaluated on a coarse grid with numpy, coloured on a logarithmic scale (Scale: the log
of the loss above the grid's lowest, plus a floor), smooth-scaled to the sand's pixels and drawn
with contour lines at levels evenly spaced on that scale. The log spends colours on the valley
floor, where the player walks, not only on the high walls round it; crowded lines are still
steep, wide gaps gentle, no lines flat. A small legend, a colour bar from "low loss" to "high
loss" marked "log scale", says what the colours mean.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pygame

from game import assets, i18n
from game.camera import Camera
from game.drawers import place_clear
from game.drawers.beach import SAND

GRID = 112          # grid points along the longer side of the sand
ALPHA = 180         # opacity of the colours over the sand (0..255)
MAX_LEVELS = 9      # most contour lines
FLOOR_PERCENTILE = 10   # the colour scale's floor: the loss (above the lowest) of this share of the grid, in %
MAX_DECADES = 3         # ... but at least a 10**-MAX_DECADES part of the range the colours span
# Low loss is a deep blue valley, high loss warm orange hills.
STOPS = np.array([[22, 52, 150], [36, 128, 200], [70, 196, 170], [236, 222, 100], [238, 130, 60]], float)
CONTOUR = (40, 24, 60)
LEGEND_CARD = (255, 252, 244, 220)
LEGEND_INK = (40, 30, 20)


def loss_grid(loss, target: tuple[float, float], bounds: tuple[float, float, float, float],
              n: int = GRID) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xs, ys, values): the loss at grid points over ``bounds`` (metres); values[j, i] is at
    (xs[i], ys[j]) with ys increasing (forward). Non-finite values stay NaN."""
    xmin, xmax, ymin, ymax = bounds
    w, h = xmax - xmin, ymax - ymin
    nx = max(2, round(n * w / max(w, h)))
    ny = max(2, round(n * h / max(w, h)))
    xs = np.linspace(xmin, xmax, nx)
    ys = np.linspace(ymin, ymax, ny)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        values = np.asarray(loss(gx, gy, target[0], target[1]), float)
    values = np.broadcast_to(values, (ny, nx)).astype(float)
    values[~np.isfinite(values)] = np.nan
    return xs, ys, values


@dataclass(frozen=True)
class Scale:
    """How losses map to colours: ``t = log(1 + (loss - lo)/floor) / log(1 + (hi - lo)/floor)``,
    0 (the lowest colour) at ``lo`` to 1 at ``hi`` and above. ``floor`` (loss units, > 0) is
    where the scale turns from about linear (below it) to logarithmic (above it)."""

    lo: float
    hi: float
    floor: float

    @property
    def _top(self) -> float:
        return math.log1p((self.hi - self.lo) / self.floor) or 1.0

    def t(self, loss: np.ndarray) -> np.ndarray:
        """Where ``loss`` sits on the scale, clipped to 0..1 (NaN stays NaN)."""
        with np.errstate(all="ignore"):
            return np.clip(np.log1p(np.maximum(loss - self.lo, 0) / self.floor) / self._top, 0, 1)

    def loss_at(self, t: np.ndarray) -> np.ndarray:
        """The loss at ``t`` (0..1) on the scale: the inverse of ``t()``."""
        return self.lo + self.floor * np.expm1(np.asarray(t, float) * self._top)


def colour_scale(values: np.ndarray) -> Scale | None:
    """The scale of the grid's colours, or None when nothing is finite. It spans the lowest loss
    to the 98th percentile (higher walls share the top colour). Its floor is the lowest tenth of
    the grid, so that the colours spread by area on a bowl and still reach into a deep, narrow
    valley floor, while a loss spanning many orders of magnitude shows the lower ones."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    lo, hi = float(finite.min()), float(np.percentile(finite, 98))
    if not hi > lo:
        hi = float(finite.max())
    span = hi - lo
    floor = max(float(np.percentile(finite, FLOOR_PERCENTILE)) - lo, span * 10.0 ** -MAX_DECADES)
    return Scale(lo, hi, floor if floor > 0 else 1.0)


def contour_levels(values: np.ndarray) -> list[float]:
    """Loss levels evenly spaced on the colour scale, strictly between the grid's lowest loss and
    the top of the scale; for a loss with few distinct values (hit-or-miss), the midpoints
    between them."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return []
    uniq = np.unique(finite)
    if uniq.size < 2:
        return []
    if uniq.size <= MAX_LEVELS:
        return [float(v) for v in (uniq[:-1] + uniq[1:]) / 2]
    scale = colour_scale(values)
    assert scale is not None
    levels = scale.loss_at(np.arange(1, MAX_LEVELS + 1) / (MAX_LEVELS + 1))
    return [float(v) for v in levels if scale.lo < v < scale.hi]


def colourise(values: np.ndarray) -> np.ndarray:
    """RGB uint8 colours, shape values.shape + (3,); NaN (undefined loss) is grey."""
    scale = colour_scale(values)
    out = np.full(values.shape + (3,), 128, np.uint8)
    if scale is None:
        return out
    rgb = ramp(scale.t(values))
    ok = np.isfinite(values)
    out[ok] = np.round(rgb[ok]).astype(np.uint8)
    return out


def ramp(t: np.ndarray) -> np.ndarray:
    """The colours (float RGB, shape t.shape + (3,)) of ``t`` from 0 (the lowest loss shown) to 1
    (the highest) along STOPS; NaN gives the lowest."""
    pos = np.nan_to_num(np.asarray(t, float)) * (len(STOPS) - 1)
    i = np.minimum(pos.astype(int), len(STOPS) - 2)
    f = (pos - i)[..., None]
    return STOPS[i] * (1 - f) + STOPS[i + 1] * f


def contour_segments(xs: np.ndarray, ys: np.ndarray, values: np.ndarray, level: float) -> np.ndarray:
    """Marching squares: the segments (k, 2, 2) of the ``level`` line, in metres."""
    v = values
    a, b, c, d = v[:-1, :-1], v[:-1, 1:], v[1:, 1:], v[1:, :-1]  # corners: (i,j) (i+1,j) (i+1,j+1) (i,j+1)
    x0, x1 = xs[None, :-1], xs[None, 1:]
    y0, y1 = ys[:-1, None], ys[1:, None]
    shape = a.shape
    with np.errstate(all="ignore"):
        def cross(p, q):
            m = (p > level) != (q > level)
            m &= np.isfinite(p) & np.isfinite(q)
            return m, (level - p) / (q - p)
        m0, t0 = cross(a, b)   # bottom edge y0, x from x0 to x1
        m1, t1 = cross(b, c)   # right edge x1, y from y0 to y1
        m2, t2 = cross(d, c)   # top edge y1, x from x0 to x1
        m3, t3 = cross(a, d)   # left edge x0, y from y0 to y1
    px = np.stack([np.broadcast_to(x0 + t0 * (x1 - x0), shape), np.broadcast_to(x1, shape),
                   np.broadcast_to(x0 + t2 * (x1 - x0), shape), np.broadcast_to(x0, shape)], -1)
    py = np.stack([np.broadcast_to(y0, shape), np.broadcast_to(y0 + t1 * (y1 - y0), shape),
                   np.broadcast_to(y1, shape), np.broadcast_to(y0 + t3 * (y1 - y0), shape)], -1)
    m = np.stack([m0, m1, m2, m3], -1)
    count = m.sum(-1)
    pts = np.stack([px, py], -1)                       # (ny-1, nx-1, 4, 2)
    two = count == 2
    seg2 = pts[two][m[two]].reshape(-1, 2, 2)
    four = count == 4
    p4 = pts[four]                                     # (k, 4, 2): pair the edges around the saddle
    seg4 = np.concatenate([p4[:, [0, 1]], p4[:, [2, 3]]]) if p4.size else np.empty((0, 2, 2))
    return np.concatenate([seg2, seg4])


def build_heatmap(base: pygame.Surface, cam: Camera, bounds: tuple[float, float, float, float], loss,
                  target: tuple[float, float]) -> pygame.Surface:
    """A copy of ``base`` with the loss coloured over the sand and its contour lines."""
    out = base.copy()
    rect = cam.world_rect(bounds)
    xs, ys, values = loss_grid(loss, target, bounds)
    rgb = colourise(values)[::-1].swapaxes(0, 1)       # to (x, y) pixel order, y down
    small = pygame.surfarray.make_surface(np.ascontiguousarray(rgb))
    heat = pygame.transform.smoothscale(small, rect.size)
    heat.set_alpha(ALPHA)
    out.blit(heat, rect.topleft)
    clip = out.get_clip()
    out.set_clip(rect)
    for level in contour_levels(values):
        segs = contour_segments(xs, ys, values, level)
        if not len(segs):
            continue
        sx, sy = cam.to_screen_many(segs[..., 0], segs[..., 1])
        for (ax, bx), (ay, by) in zip(sx, sy, strict=True):
            pygame.draw.aaline(out, CONTOUR, (ax, ay), (bx, by))
    out.set_clip(clip)
    return out


@dataclass(frozen=True)
class Legend:
    """The heatmap's legend, drawn: a card with a colour bar, high loss at its top and low loss
    at its bottom, each end labelled, and under it "log scale"; ``bar`` is the bar's rectangle
    in the card (pixels)."""

    card: pygame.Surface
    bar: pygame.Rect


def legend_px(u: float) -> int:
    """Font size (pixels) of the legend's labels for sprite unit ``u``."""
    return max(11, min(22, round(u * 0.46)))


@lru_cache(maxsize=8)
def build_legend(lang: str, px: int) -> Legend:
    """The legend in ``lang`` with labels ``px`` pixels high. The bar shows the colours as the
    heatmap shows them over the sand (its colours at ALPHA over SAND), so that they match."""
    high = assets.text(i18n.tr("heat.high", lang), px, LEGEND_INK)
    low = assets.text(i18n.tr("heat.low", lang), px, LEGEND_INK)
    note = assets.text(i18n.tr("chart.log_scale", lang), max(10, round(px * 0.8)), LEGEND_INK)
    pad = max(3, round(px * 0.4))
    bar = pygame.Rect(pad, pad, max(8, round(px * 0.8)), high.get_height() + low.get_height() + round(px * 0.9))
    note_at = (pad, bar.bottom + round(pad * 0.5))
    size = (max(bar.right + pad + max(high.get_width(), low.get_width()), pad + note.get_width()) + pad,
            note_at[1] + note.get_height() + round(pad * 0.5))
    card = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(card, LEGEND_CARD, card.get_rect(), border_radius=pad * 2)
    t = 1 - np.arange(bar.h) / (bar.h - 1)                    # 1 (high) at the top, 0 (low) at the bottom
    a = ALPHA / 255
    rgb = np.round(np.asarray(SAND, float) * (1 - a) + ramp(t) * a).astype(np.uint8)
    column = np.ascontiguousarray(np.broadcast_to(rgb[None, :, :], (bar.w, bar.h, 3)))
    card.blit(pygame.surfarray.make_surface(column), bar)
    pygame.draw.rect(card, LEGEND_INK, bar.inflate(2, 2), 1)
    card.blit(high, (bar.right + pad, bar.top - round(px * 0.1)))
    card.blit(low, (bar.right + pad, bar.bottom - low.get_height() + round(px * 0.1)))
    card.blit(note, note_at)
    return Legend(card, bar)


def place_legend(size: tuple[int, int], sand: pygame.Rect, top: int, inset: int,
                 avoid: Sequence[pygame.Rect]) -> pygame.Rect:
    """Where a legend of ``size`` pixels goes: in a corner of the ``sand`` (pixels), ``inset``
    pixels in: the top left or right (no higher than row ``top``, under the prompts; away from
    the friends and their shouts at the bottom), else the bottom left or right; the first that
    covers none of ``avoid``, else the one that covers least."""
    box = pygame.Rect((0, 0), size)
    inner = sand.inflate(-2 * inset, -2 * inset)
    upper = max(inner.top, top)
    places = [box.move(inner.left, upper), box.move(inner.right - box.w, upper),
              box.move(inner.left, inner.bottom - box.h), box.move(inner.right - box.w, inner.bottom - box.h)]
    return places[place_clear([p.clamp(sand) for p in places], avoid)].clamp(sand)
