"""The numerical derivative: add a pinch (±h) along each axis and taste the loss.

All players are probed at once: the five points (x+h, y), (x−h, y), (x, y+h), (x, y−h) and
(x, y) of every player are stacked into one (5, N) array per axis and the loss is evaluated in
a single call, so there is no per-player Python loop.
"""
from __future__ import annotations

import numpy as np

# Row order of the probe stack; the last row is the player's own position.
PROBE_OFFSETS = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])


def probe_stack(x: np.ndarray, y: np.ndarray, h: float) -> tuple[np.ndarray, np.ndarray]:
    """The (5, N) x and y coordinates of every player's four probes and its own position."""
    px = np.empty((5,) + np.shape(x))
    py = np.empty_like(px)
    np.add(x, h, out=px[0])
    np.subtract(x, h, out=px[1])
    px[2:] = x
    py[:2] = y
    np.add(y, h, out=py[2])
    np.subtract(y, h, out=py[3])
    py[4] = y
    return px, py


def numerical_gradient(loss, x, y, tx, ty, h: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(loss, dL/dx, dL/dy) at every player by central differences (L(p+h) − L(p−h)) / 2h."""
    px, py = probe_stack(np.asarray(x, float), np.asarray(y, float), h)
    with np.errstate(all="ignore"):
        values = np.asarray(loss(px, py, tx, ty), float)
        gx = np.subtract(values[0], values[1])
        gx /= 2 * h
        gy = np.subtract(values[2], values[3])
        gy /= 2 * h
    return values[4], gx, gy


def probe_points(x: float, y: float, h: float) -> np.ndarray:
    """The four probe points around one player, shape (4, 2): (x+h,y), (x−h,y), (x,y+h), (x,y−h)."""
    return np.array([x, y]) + h * PROBE_OFFSETS
