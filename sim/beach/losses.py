"""Losses: how far off the player is from the watermelon ("スイカからのズレ").

Every loss is a function of whole arrays: ``loss(x, y, tx, ty)`` with x, y the player positions
(metres, any broadcastable shape) and tx, ty the watermelon's. Built-in losses also know their
analytic gradient, which the tests use to check the numerical one. A loss may also have a
``probed`` fast path for sim.walking.gradient.Probes: it fills the loss at every player's four probes
with the same bits as ``value`` on the probe stack, using values already at hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from sim.beach.beaches import BEACH_NAMES, BEACHES

LOSS_NAMES = ("squared", "distance", "hit-or-miss", *BEACH_NAMES, "digits", "digits-accuracy")

Array = np.ndarray
Gradient = Callable[[Array, Array, float, float], tuple[Array, Array]]
# probed(pos, h, target, square, dist2, plus, minus, loss): from pos (2, n) (rows x, y), h, target
# (2, 1), square (2, n) = (pos − target)² and dist2 (n,) = its sum over the axes, fill plus (2, n)
# with the loss at (x+h, y) and (x, y+h), minus (2, n) at (x−h, y) and (x, y−h), loss (n,) at (x, y).
ProbeFastPath = Callable[[Array, float, Array, Array, Array, Array, Array, Array], None]


@dataclass(frozen=True)
class Loss:
    """A named loss over whole arrays, with its analytic gradient where one exists and, for some,
    a fast path that gives its values at the probes (see ProbeFastPath)."""

    name: str
    label: str
    value: Callable[[Array, Array, float, float], Array]
    analytic: Gradient | None = None
    probed: ProbeFastPath | None = None

    def __call__(self, x, y, tx, ty) -> Array:
        return self.value(x, y, tx, ty)

    def gradient(self, x, y, tx, ty) -> tuple[Array, Array] | None:
        """The exact gradient (dL/dx, dL/dy), or None for a loss without a closed form."""
        return None if self.analytic is None else self.analytic(np.asarray(x, float), np.asarray(y, float), tx, ty)


def _squared(x, y, tx, ty):
    dx = np.subtract(x, tx)
    dy = np.subtract(y, ty)
    dx *= dx
    dy *= dy
    total = np.add(dx, dy)
    total *= 0.5
    return total


_HALF = np.array(0.5)


def _squared_probed(pos, h, target, square, dist2, plus, minus, loss):
    """_squared at the probes: the axis a probe does not move keeps the player's own square."""
    other = square[::-1]
    for out, probe in ((plus, np.add), (minus, np.subtract)):
        probe(pos, h, out=out)
        np.subtract(out, target, out=out)
        np.multiply(out, out, out=out)
        np.add(out, other, out=out)
        np.multiply(out, _HALF, out=out)
    np.multiply(dist2, _HALF, out=loss)


def _squared_grad(x, y, tx, ty):
    return x - tx, y - ty


def _distance(x, y, tx, ty):
    return np.hypot(np.subtract(x, tx), np.subtract(y, ty))


def _distance_grad(x, y, tx, ty):
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.hypot(x - tx, y - ty)
        return (x - tx) / d, (y - ty) / d


def _hit_or_miss(reach: float):
    def value(x, y, tx, ty):
        return (np.hypot(np.subtract(x, tx), np.subtract(y, ty)) >= reach).astype(float)

    def grad(x, y, tx, ty):
        zero = np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)))
        return zero, zero.copy()
    return value, grad


def make_loss(name: str, reach: float = 0.5, expr: str | None = None) -> Loss:
    """The loss called ``name``; "custom" compiles ``expr`` (see sim.beach.expr)."""
    if name == "squared":
        return Loss("squared", "E = ½ Σ (y_k − t_k)²", _squared, _squared_grad, _squared_probed)
    if name == "distance":
        return Loss("distance", "E = √Σ (y_k − t_k)²", _distance, _distance_grad)
    if name == "hit-or-miss":
        value, grad = _hit_or_miss(reach)
        return Loss("hit-or-miss", f"E = 0 within {reach:g} m, else 1", value, grad)
    if name in BEACHES:
        beach = BEACHES[name]
        return Loss(name, beach.label, beach.value, beach.gradient)
    if name in ("digits", "digits-accuracy"):
        from sim.learning.landscape import digits_landscape
        land = digits_landscape()
        if name == "digits":
            return Loss("digits", "E = training cross-entropy of the digits network at w* + (x−tx)·d1 + (y−ty)·d2",
                        land.loss)
        return Loss("digits-accuracy", "E = 1 − training accuracy of the digits network at w* + (x−tx)·d1 + (y−ty)·d2",
                    lambda x, y, tx, ty: 1.0 - land.accuracy(x, y, tx, ty))
    if name == "custom":
        if expr is None:
            raise ValueError("the custom loss needs an expression")
        from sim.beach.expr import compile_expression
        return Loss("custom", expr, compile_expression(expr))
    raise ValueError(f"unknown loss {name!r} (choose from {', '.join(LOSS_NAMES)}, custom)")
