"""The article's two loss functions, as it writes them (one-hot target t, network output y)."""
from __future__ import annotations

import numpy as np

DELTA = 1e-7  # keeps log(0) from ever happening


def sum_squared_error(y, t) -> float:
    """E = ½ Σ_k (y_k − t_k)²."""
    y, t = np.asarray(y, float), np.asarray(t, float)
    return 0.5 * float(np.sum((y - t) ** 2))


def cross_entropy_error(y, t) -> float:
    """E = −Σ_k t_k log(y_k + δ), with a tiny δ inside the log."""
    y, t = np.asarray(y, float), np.asarray(t, float)
    return -float(np.sum(t * np.log(y + DELTA)))
