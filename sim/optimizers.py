"""Optimizers: how the player turns the felt slope into a step.

An optimizer works on the walking players only; when some stop, ``keep`` drops their state so
that stateful optimizers (momentum, Adam, ...) can be added with the same interface.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np


class Optimizer(Protocol):
    """Turns gradients into displacements (metres) for the players still walking.

    An optimizer may also offer ``descent(grad, lr, out)``: what to subtract from the positions,
    written into out (2, m); the swarm then uses it instead of ``displacement`` when every lr is
    finite.
    """

    def displacement(self, gx: np.ndarray, gy: np.ndarray, lr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The step (dx, dy) of each walking player."""

    def keep(self, mask: np.ndarray) -> None:
        """Forget the players where mask is False (they stopped walking)."""


class GradientDescent:
    """Plain gradient descent: p <- p − lr · ∇L(p)."""

    name = "gd"

    def displacement(self, gx, gy, lr):
        with np.errstate(over="ignore"):  # a huge lr overflows to inf: the walk reports divergence
            dx = np.multiply(gx, lr)
            dy = np.multiply(gy, lr)
        return np.negative(dx, out=dx), np.negative(dy, out=dy)

    def descent(self, grad: np.ndarray, lr: np.ndarray, out: np.ndarray) -> np.ndarray:
        """lr · ∇L into out (2, m) for grad (2, m) (rows x, y). p − out is p + displacement bit for
        bit wherever lr · ∇L is not nan (a nan's sign bit may differ)."""
        return np.multiply(grad, lr, out=out)

    def keep(self, mask) -> None:
        """Gradient descent keeps no state."""
