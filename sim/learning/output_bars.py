"""A network's output y over K classes and its one-hot target t, scored by the article's two losses.

The model behind the lesson's outputs scene and ``main.py losses``: y is a distribution (what a
softmax gives: every y_k >= 0, Σ y_k = 1 within ``SUM_TOLERANCE``), the target is one correct
label. Setting one bar rescales the others so that y stays a distribution (``set_bar``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from sim.learning.output_losses import DELTA, cross_entropy_errors, sum_squared_errors
from sim.reports.columns import Column, table
from sim.reports.say import Say, english

SUM_TOLERANCE = 1e-6   # |Σ y_k − 1| accepted for an output to count as a distribution
MAX_CLASSES = 1000     # the most classes accepted (the scene draws ten; the CLI takes more)


@dataclass(frozen=True)
class NetworkOutput:
    """One output y (a distribution over the classes) and the correct label (0-based)."""

    y: tuple[float, ...]
    label: int

    def __post_init__(self) -> None:
        y = check_output(self.y, self.label)
        object.__setattr__(self, "y", tuple(float(v) for v in y))

    @property
    def classes(self) -> int:
        return len(self.y)

    @property
    def t(self) -> np.ndarray:
        """The one-hot target: 1 at the correct label, 0 elsewhere."""
        t = np.zeros(self.classes)
        t[self.label] = 1.0
        return t

    @property
    def sse_terms(self) -> np.ndarray:
        """½ (y_k − t_k)² for each class k: the sum of squared error's terms."""
        return 0.5 * (np.asarray(self.y) - self.t) ** 2

    @property
    def cee_terms(self) -> np.ndarray:
        """−t_k log(y_k + δ) for each class k: zero except at the correct label."""
        return -self.t * np.log(np.asarray(self.y) + DELTA)

    @property
    def sse(self) -> float:
        """E = ½ Σ_k (y_k − t_k)² (sim.sum_squared_error)."""
        return float(sum_squared_errors(self.y, self.t))

    @property
    def cee(self) -> float:
        """E = −Σ_k t_k log(y_k + δ) (sim.cross_entropy_error)."""
        return float(cross_entropy_errors(self.y, self.t))

    def set_bar(self, k: int, value: float) -> NetworkOutput:
        """This output with y_k set to ``value`` (clamped to [0, 1]) and the other bars rescaled to
        share 1 − value in their old proportions. When the others were all 0 (y_k was 1), they share
        it equally; at value 1 they are all 0."""
        if not 0 <= k < self.classes:
            raise ValueError(f"class {k} out of range: expected 0 to {self.classes - 1}")
        if not math.isfinite(value):
            raise ValueError(f"bar value must be finite, got {value!r}")
        value = min(1.0, max(0.0, float(value)))
        y = np.asarray(self.y)
        others = np.ones(self.classes, bool)
        others[k] = False
        rest = float(y[others].sum())
        y = y.copy()
        y[others] = y[others] * ((1.0 - value) / rest) if rest > 0 else (1.0 - value) / (self.classes - 1)
        y[k] = value
        return NetworkOutput(tuple(y), self.label)

    def with_label(self, label: int) -> NetworkOutput:
        return NetworkOutput(self.y, label)

    def to_dict(self) -> dict:
        return {"y": list(self.y), "label": self.label, "t": self.t.tolist(), "sse": self.sse,
                "cee": self.cee, "sse_terms": self.sse_terms.tolist(), "cee_terms": self.cee_terms.tolist()}


def check_output(y: Sequence[float], label: int) -> np.ndarray:
    """``y`` as an array if it is a distribution over at least two classes and ``label`` one of
    them; ValueError (TypeError for a label that is no whole number) naming the problem."""
    try:
        arr = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"y must be a list of numbers, got {y!r:.60}") from None
    if arr.ndim != 1:
        raise ValueError(f"y must be one list of numbers, got shape {arr.shape}")
    if arr.size < 2:
        raise ValueError(f"y needs at least two classes, got {arr.size}")
    if arr.size > MAX_CLASSES:
        raise ValueError(f"y may have at most {MAX_CLASSES} classes, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        k = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"y must be finite numbers, got {float(arr[k])} at class {k}")
    if np.any(arr < 0) or np.any(arr > 1):
        k = int(np.flatnonzero((arr < 0) | (arr > 1))[0])
        raise ValueError(f"y must be probabilities in [0, 1], got {arr[k]:g} at class {k}")
    total = float(arr.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise ValueError(f"y must sum to 1 (within {SUM_TOLERANCE:g}) like a softmax output, got {total:.9g}")
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)):
        raise TypeError(f"label must be a whole number, got {label!r}")
    if not 0 <= label < arr.size:
        raise ValueError(f"label {label} out of range: expected 0 to {arr.size - 1} for {arr.size} classes")
    return arr


# The article's two outputs over five classes, correct label 2. The article's code was an image, so
# these vectors are reconstructed from its four printed numbers (SSE 0.0625 / 0.570, CEE 0.3567 / 2.303).
ARTICLE_RIGHT = NetworkOutput((0.15, 0.1, 0.7, 0.05, 0.0), 2)
ARTICLE_WRONG = NetworkOutput((0.0, 0.2, 0.1, 0.5, 0.2), 2)
# Deep Learning from Scratch ch. 4's ten-class example, correct label 2 (SSE 0.0975, CEE 0.5108).
TEXTBOOK = NetworkOutput((0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0), 2)

PRESETS: dict[str, NetworkOutput] = {"article-right": ARTICLE_RIGHT, "article-wrong": ARTICLE_WRONG,
                                     "textbook": TEXTBOOK}
RECONSTRUCTED_NOTE = ("the article's code was an image: its two vectors are reconstructed from the four "
                      "numbers it prints")


def minus_log(y: np.ndarray) -> np.ndarray:
    """−log(y + δ): the cross-entropy error of an output whose correct class has probability y."""
    return -np.log(np.asarray(y, float) + DELTA)


LOSSES_TABLE = (Column("output", align="<", gap=0), Column("label", 5), Column("SSE", 8), Column("CEE", 8),
                Column("y", align="<"))


def losses_table(rows: Sequence[tuple[str, NetworkOutput]], say: Say = english) -> str:
    """The outputs named in ``rows`` with their SSE and CEE, one line each, as plain text, the
    headings in the language of ``say``."""
    return "\n".join(table(LOSSES_TABLE, [(name, f"{out.label}", f"{out.sse:.4f}", f"{out.cee:.4f}",
                                           "[" + " ".join(f"{v:.4g}" for v in out.y) + "]") for name, out in rows], say))
