"""The numerical derivative: add a pinch (±h) along each axis and taste the loss.

All players are probed at once: the five points (x+h, y), (x−h, y), (x, y+h), (x, y−h) and
(x, y) of every player are stacked into one (5, N) array per axis and the loss is evaluated in
a single call, so there is no per-player Python loop. ``Probes`` does the same step after step
in buffers it keeps, and lets a built-in loss fill in its probe values from what is at hand.
"""
from __future__ import annotations

import numpy as np

# Row order of the probe stack; the last row is the player's own position.
PROBE_OFFSETS = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])


def probe_stack(x: np.ndarray, y: np.ndarray, h: float,
                out: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The (5, N) x and y coordinates of every player's four probes and its own position.

    ``out`` is an optional pair of (5, N) arrays to fill instead of new ones.
    """
    if out is None:
        px = np.empty((5,) + np.shape(x))
        py = np.empty_like(px)
    else:
        px, py = out
    np.add(x, h, out=px[0])
    np.subtract(x, h, out=px[1])
    px[2:] = x
    py[:2] = y
    np.add(y, h, out=py[2])
    np.subtract(y, h, out=py[3])
    py[4] = y
    return px, py


def numerical_gradient(loss, x, y, tx, ty, h: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(loss, dL/dx, dL/dy) at every player by central differences (L(p+h) − L(p−h)) / 2h, for a
    probe distance h > 0 (m)."""
    from sim import checks
    checks.positive("h", h)
    px, py = probe_stack(np.asarray(x, float), np.asarray(y, float), h)
    with np.errstate(all="ignore"):
        values = np.asarray(loss(px, py, tx, ty), float)
        gx = np.subtract(values[0], values[1])
        gx /= 2 * h
        gy = np.subtract(values[2], values[3])
        gy /= 2 * h
    return values[4], gx, gy


class Probes:
    """The numerical gradient of n players step after step, in buffers made once.

    ``feel`` gives, bit for bit, what ``numerical_gradient`` gives: the same central difference of
    the same loss values. A loss with a ``probed`` fast path (see sim.beach.losses) computes the values
    at the four probes itself, from the squared offsets the caller has at hand; any other loss is
    evaluated on the (5, n) probe stack in one call.
    """

    def __init__(self, loss, target: tuple[float, float], h: float, n: int):
        self.loss_fn = loss
        self.tx, self.ty = target
        self.h = h
        self._target = np.array([[self.tx], [self.ty]])   # (2, 1): broadcasts over the players
        self._h, self._two_h = np.array(h), np.array(2 * h)   # 0-d arrays: cheaper in ufuncs than floats
        self._probed = getattr(loss, "probed", None)
        if self._probed is None:
            self._stack = (np.empty((5, n)), np.empty((5, n)))

    def feel(self, pos: np.ndarray, square: np.ndarray, dist2: np.ndarray,
             loss: np.ndarray, grad: np.ndarray, scratch: np.ndarray) -> None:
        """Fill loss (n,) and grad (2, n) = (dL/dx, dL/dy) at the players pos (2, n) (rows x, y, m).

        square (2, n) = (pos − target)² per axis and dist2 (n,) = its sum over the axes (m²) are
        what the caller has at hand; scratch (2, n) may be overwritten. Call it inside
        ``np.errstate(all="ignore")``: overflow and nan are outcomes of a walk, not errors.
        """
        if self._probed is not None:
            self._probed(pos, self._h, self._target, square, dist2, grad, scratch, loss)
            np.subtract(grad, scratch, out=grad)
        else:
            px, py = probe_stack(pos[0], pos[1], self.h, out=self._stack)
            values = np.asarray(self.loss_fn(px, py, self.tx, self.ty), float)
            loss[...] = values[4]
            np.subtract(values[0], values[1], out=grad[0])
            np.subtract(values[2], values[3], out=grad[1])
        np.divide(grad, self._two_h, out=grad)


def probe_points(x: float, y: float, h: float) -> np.ndarray:
    """The four probe points around one player, shape (4, 2): (x+h,y), (x−h,y), (x,y+h), (x,y−h)."""
    return np.array([x, y]) + h * PROBE_OFFSETS


def numerical_gradient_nd(f, w: np.ndarray, h: float, chunk: int = 256) -> np.ndarray:
    """dF/dw (P,) at w (P,) by central differences (F(w + h·e_i) − F(w − h·e_i)) / 2h.

    ``f`` scores a stack of parameter vectors (M, P) -> (M,) in one call; the probes go to it
    ``chunk`` coordinates at a time (2·chunk vectors), so memory stays small for any P.
    """
    w = np.asarray(w, float)
    grad = np.empty_like(w)
    for lo in range(0, w.size, chunk):
        idx = np.arange(lo, min(lo + chunk, w.size))
        probes = np.repeat(w[None, :], 2 * len(idx), axis=0)
        rows = np.arange(len(idx))
        probes[rows, idx] += h
        probes[len(idx) + rows, idx] -= h
        values = np.asarray(f(probes), float)
        grad[idx] = (values[:len(idx)] - values[len(idx):]) / (2 * h)
    return grad
