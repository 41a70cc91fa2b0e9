"""The one camera: beach metres <-> window pixels.

Nothing else in game/ knows the pixel scale. World +x is right and +y is forward (toward the sea,
up on the screen); pixel y grows downward.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

# How much sea the camera shows around the sand, as fractions of the sand's size.
SEA_TOP = 0.16      # the open sea beyond the forward (top) edge
SEA_SIDES = 0.065   # the shallows along the other three edges
PIXEL_LIMIT = 30_000.0  # screen coordinates are clamped to ±this so pygame never sees huge ints


@dataclass(frozen=True)
class Camera:
    """Maps the world rectangle ``world`` (xmin, xmax, ymin, ymax in metres) into ``rect`` (pixels),
    keeping metres square and centring the world in the rectangle."""

    world: tuple[float, float, float, float]
    rect: tuple[int, int, int, int]  # x, y, width, height in pixels

    def __post_init__(self) -> None:
        xmin, xmax, ymin, ymax = self.world
        if not (math.isfinite(xmax - xmin) and math.isfinite(ymax - ymin) and xmin < xmax and ymin < ymax):
            raise ValueError(f"camera world must be finite with xmin < xmax and ymin < ymax, got {self.world}")
        if self.rect[2] < 1 or self.rect[3] < 1:
            raise ValueError(f"camera rect must be at least 1x1 pixels, got {self.rect}")
        scale = min(self.rect[2] / (xmax - xmin), self.rect[3] / (ymax - ymin))
        object.__setattr__(self, "_scale", scale)
        object.__setattr__(self, "_origin", (self.rect[0] + self.rect[2] / 2, self.rect[1] + self.rect[3] / 2))
        object.__setattr__(self, "_centre", ((xmin + xmax) / 2, (ymin + ymax) / 2))

    @classmethod
    def for_beach(cls, bounds: tuple[float, float, float, float], rect: pygame.Rect | tuple) -> Camera:
        """A camera that shows the sand ``bounds`` (metres) with the sea around it, inside ``rect``."""
        xmin, xmax, ymin, ymax = bounds
        w, h = xmax - xmin, ymax - ymin
        side = SEA_SIDES * max(w, h)
        world = (xmin - side, xmax + side, ymin - side, ymax + SEA_TOP * max(w, h))
        return cls(world, tuple(pygame.Rect(rect)))

    @property
    def scale(self) -> float:
        """Pixels per metre."""
        return self._scale

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Pixel position of the point (x, y) metres (clamped to ±PIXEL_LIMIT; NaN stays NaN)."""
        s = self._scale
        (ox, oy), (cx, cy) = self._origin, self._centre
        px = ox + (x - cx) * s
        py = oy - (y - cy) * s
        return _clamp(px), _clamp(py)

    def to_screen_many(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised ``to_screen`` for arrays of metres."""
        s = self._scale
        (ox, oy), (cx, cy) = self._origin, self._centre
        with np.errstate(all="ignore"):
            px = np.clip(ox + (np.asarray(xs, float) - cx) * s, -PIXEL_LIMIT, PIXEL_LIMIT)
            py = np.clip(oy - (np.asarray(ys, float) - cy) * s, -PIXEL_LIMIT, PIXEL_LIMIT)
        return px, py

    def to_world(self, px: float, py: float) -> tuple[float, float]:
        """The point in metres under the pixel (px, py)."""
        s = self._scale
        (ox, oy), (cx, cy) = self._origin, self._centre
        return cx + (px - ox) / s, cy - (py - oy) / s

    def length(self, metres: float) -> float:
        """A length in pixels."""
        return metres * self.scale

    def world_rect(self, bounds: tuple[float, float, float, float]) -> pygame.Rect:
        """The pixel rectangle covering ``bounds`` (xmin, xmax, ymin, ymax in metres)."""
        x0, y0 = self.to_screen(bounds[0], bounds[3])
        x1, y1 = self.to_screen(bounds[1], bounds[2])
        return pygame.Rect(round(x0), round(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0)))


def _clamp(v: float) -> float:
    if v != v:  # NaN
        return v
    return max(-PIXEL_LIMIT, min(PIXEL_LIMIT, v))
