"""The article's two loss functions, as it writes them (one-hot target t, network output y).

``*_errors`` give one error per sample (summed over the last axis, the labels k) so that a batch
of outputs (..., N, K) is scored at once; the scalar functions sum them. ``*_slope`` is dE/dy,
what backpropagation starts from.
"""
from __future__ import annotations

import numpy as np

DELTA = 1e-7  # keeps log(0) from ever happening


def sum_squared_errors(y, t) -> np.ndarray:
    """½ Σ_k (y_k − t_k)² over the last axis: one error per sample."""
    y, t = np.asarray(y, float), np.asarray(t, float)
    return 0.5 * np.sum((y - t) ** 2, axis=-1)


def sum_squared_slope(y: np.ndarray, t: np.ndarray) -> np.ndarray:
    """dE/dy_k of the sum of squared error: y_k − t_k."""
    return y - t


def cross_entropy_errors(y, t) -> np.ndarray:
    """−Σ_k t_k log(y_k + δ) over the last axis: one error per sample."""
    y, t = np.asarray(y, float), np.asarray(t, float)
    return -np.sum(t * np.log(y + DELTA), axis=-1)


def cross_entropy_slope(y: np.ndarray, t: np.ndarray) -> np.ndarray:
    """dE/dy_k of the cross-entropy error: −t_k / (y_k + δ)."""
    return -t / (y + DELTA)


def sum_squared_error(y, t) -> float:
    """E = ½ Σ_k (y_k − t_k)²."""
    return float(np.sum(sum_squared_errors(y, t)))


def cross_entropy_error(y, t) -> float:
    """E = −Σ_k t_k log(y_k + δ), with a tiny δ inside the log."""
    return float(np.sum(cross_entropy_errors(y, t)))
