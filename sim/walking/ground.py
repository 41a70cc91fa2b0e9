"""What the ground is like where a player stopped: the article's distinction made measurable.

A player is stuck when its step became shorter than tol. That happens in a hollow (a local
minimum: both curvatures positive), at a saddle point (curvatures of mixed signs), on a hilltop
(both negative), on flat ground (slope and curvature zero: the hit-or-miss loss, accuracy's
terraces) — or still on a slope, when lr·|grad| fell below tol although the ground tilts.
The slope and curvatures are measured by central and second differences over the scenario's own
probe distance h, the pinch the player itself feels with.
"""
from __future__ import annotations

import numpy as np

from sim.beach.scenario import Scenario

GROUNDS = ("hollow", "saddle", "hilltop", "flat", "slope")
CURVED = 1e-6       # a curvature (loss per m², per unit of loss) above this is not flat
TILTED = 1e-9       # a slope (loss per m, per unit of loss) above this is not flat
NEAR = 1e-2         # metres: a stationary point farther than this (a Newton step) leaves the player on a slope

# The 9-point stencil (centre, ±x, ±y, four diagonals), in units of h.
_OX = np.array([0, 1, -1, 0, 0, 1, 1, -1, -1], float)
_OY = np.array([0, 0, 0, 1, -1, 1, -1, 1, -1], float)


def ground_kinds(scenario: Scenario, x, y) -> np.ndarray:
    """The ground (one of GROUNDS) at each point (x, y) (metres, arrays of one shape)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    h = scenario.h
    tx, ty = scenario.target
    with np.errstate(all="ignore"):
        v = np.asarray(scenario.loss_fn(x[..., None] + h * _OX, y[..., None] + h * _OY, tx, ty), float)
        c, xp, xm, yp, ym, pp, pm, mp, mm = np.moveaxis(v, -1, 0)
        gx, gy = (xp - xm) / (2 * h), (yp - ym) / (2 * h)
        lxx, lyy = (xp - 2 * c + xm) / (h * h), (yp - 2 * c + ym) / (h * h)
        lxy = (pp - pm - mp + mm) / (4 * h * h)
        mean, half = (lxx + lyy) / 2, np.hypot((lxx - lyy) / 2, lxy)
        curved = CURVED * np.maximum(1.0, np.abs(c))
        up, down = mean - half > curved, mean + half < -curved        # both curvatures up / both down
        some_up, some_down = mean + half > curved, mean - half < -curved
        newton = np.hypot(lyy * gx - lxy * gy, lxx * gy - lxy * gx) / np.abs(lxx * lyy - lxy * lxy)   # |H⁻¹ g|
        tilted = np.hypot(gx, gy) > TILTED * np.maximum(1.0, np.abs(c))
    shaped = np.where(some_up & some_down, "saddle", np.where(some_up, "hollow", "hilltop"))
    still_sloping = tilted & ~((up | down | (some_up & some_down)) & (newton <= NEAR))
    kind = np.where(some_up | some_down, shaped, "flat")
    return np.where(still_sloping, "slope", kind).astype(object)

def ground_kind(scenario: Scenario, x: float, y: float) -> str:
    """The ground (one of GROUNDS) at one point (x, y) (metres)."""
    return str(ground_kinds(scenario, np.array([x]), np.array([y]))[0])
