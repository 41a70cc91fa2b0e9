"""Where theory puts the step-size edges: the loss's curvature at the watermelon.

Near a minimum a smooth loss looks like E ≈ ½ c |p − t|², and gradient descent multiplies the
offset by (1 − lr·c) each step. So a step size of 1/c hits in one step, 0 < lr < 1/c walks
straight in (monotone), 1/c < lr < 2/c overshoots back and forth but converges, and lr > 2/c
diverges. For the squared loss c = 1. For other losses c is estimated here by second differences
at the watermelon; losses without a curvature there (a cusp, or flat ground) have no such edges.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.beach.scenario import Scenario
from sim.reports.say import Say, english

PROBE = 1e-3        # metres: the second difference's step (also tried at twice this)
AGREEMENT = 1e-3    # relative agreement of the two estimates that counts as smooth
FLAT = 1e-9         # curvatures (loss per m²) below this count as flat
DIGITS = 6          # significant digits kept of an estimate


NO_EDGES = {   # why a loss has no theory edges, by code
    "not-finite": "the loss is not finite at the watermelon",
    "not-minimum": "the watermelon is not at a minimum of this loss",
    "flat": "the loss is flat around the watermelon (no slope to follow, at any step size)",
    "vanishing": "the loss's curvature vanishes at the watermelon (flatter than a parabola there)",
    "cusp": "the loss has a cusp at the watermelon (its curvature grows without bound there)",
}
THEORY_SCOPE = "for plain gd with a constant lr"   # the walks theory's edges describe


@dataclass(frozen=True)
class StepSizeEdges:
    """Theory's step-size edges for one scenario's loss, or why it has none.

    ``curvature`` c is the largest curvature of the loss at the watermelon (loss units per m²);
    ``one_step_lr`` = 1/c and ``diverge_lr`` = 2/c; ``least_curvature`` the smallest, when it
    differs by direction. Without edges all are None and ``missing`` (a key of NO_EDGES) says why.
    """

    curvature: float | None
    one_step_lr: float | None
    diverge_lr: float | None
    least_curvature: float | None = None
    missing: str | None = None

    def note_in(self, say: Say = english) -> str:
        """What theory says, or why it says nothing, and for which walks, in the language of ``say``."""
        scope = say(THEORY_SCOPE)
        if self.curvature is None:
            return say("no theory edges: {why} ({scope})", why=say(NO_EDGES[self.missing or "not-finite"]), scope=scope)
        note = say("theory: curvature c = {c:g} at the watermelon: one-step hit at lr = 1/c = {one:g}, "
                   "divergence past lr = 2/c = {two:g}", c=self.curvature, one=self.one_step_lr, two=self.diverge_lr)
        if self.least_curvature is not None:
            note += say(" (curvatures differ by direction, {low:g} and {c:g}: the edges use the larger)",
                        low=self.least_curvature, c=self.curvature)
        return f"{note} ({scope})"

    @property
    def note(self) -> str:
        """``note_in`` English: what JSON writes."""
        return self.note_in()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields."""
        return {"curvature": self.curvature, "one_step_lr": self.one_step_lr,
                "diverge_lr": self.diverge_lr, "note": self.note}


def _round(v: float) -> float:
    return float(f"{v:.{DIGITS}g}")


def _hessian(scenario: Scenario, d: float) -> tuple[np.ndarray, float, np.ndarray]:
    """(2x2 Hessian, loss at the watermelon, loss at the 8 neighbours) by second differences."""
    tx, ty = scenario.target
    ox = np.array([0, d, -d, 0, 0, d, d, -d, -d])
    oy = np.array([0, 0, 0, d, -d, d, -d, d, -d])
    with np.errstate(all="ignore"):
        v = np.asarray(scenario.loss_fn(tx + ox, ty + oy, tx, ty), float)
        c, xp, xm, yp, ym, pp, pm, mp, mm = v
        lxx = (xp - 2 * c + xm) / (d * d)
        lyy = (yp - 2 * c + ym) / (d * d)
        lxy = (pp - pm - mp + mm) / (4 * d * d)
    return np.array([[lxx, lxy], [lxy, lyy]]), float(c), v[1:]


def step_size_edges(scenario: Scenario) -> StepSizeEdges:
    """Theory's edges (lr = 1/c: one-step hit, lr = 2/c: divergence) for this scenario's loss."""
    h1, centre, around = _hessian(scenario, PROBE)
    h2, _, around2 = _hessian(scenario, 2 * PROBE)
    if not (np.isfinite(h1).all() and np.isfinite(h2).all()):
        return StepSizeEdges(None, None, None, missing="not-finite")
    if (around < centre).any() or (around2 < centre).any():
        return StepSizeEdges(None, None, None, missing="not-minimum")
    e1 = np.linalg.eigvalsh(h1)
    e2 = np.linalg.eigvalsh(h2)
    top = float(e1[-1])
    if abs(top) < FLAT and abs(float(e2[-1])) < FLAT:
        return StepSizeEdges(None, None, None, missing="flat")
    if not np.allclose(e1, e2, rtol=AGREEMENT, atol=FLAT):
        return StepSizeEdges(None, None, None, missing="vanishing" if top < float(e2[-1]) else "cusp")
    c = _round(top)
    low = float(e1[0])
    differs = not math.isclose(low, top, rel_tol=AGREEMENT, abs_tol=FLAT)
    return StepSizeEdges(c, _round(1 / c), _round(2 / c), _round(low) if differs else None)
