"""The beach is the network: a plane through the trained digits weights w*, walked like any loss.

A point (x, y) of the beach (metres) stands for the weights
    w(x, y) = w* + (x − tx)·d1 + (y − ty)·d2
so the watermelon (tx, ty) is w* itself. d1, d2 span the plane of the two principal directions
of the training trajectory (PCA of w_epoch − w*, as Li et al. 2018 do), turned within that plane
so that the starting weights w0 project onto START_OFFSET from the watermelon, and scaled so that
1 m is |proj(w0 − w*)| / |START_OFFSET| of weight distance. The loss there is the network's real
training loss (mean cross-entropy error over the training samples); the accuracy surface on the
same plane shows the article's point: terraces, flat almost everywhere.

The network is softmax regression, whose logits are affine in the weights: z(x, y) = X·w* +
(x − tx)·X·d1 + (y − ty)·X·d2 with the three (N, 10) products computed once, so a point costs
O(N·10): 12,544 points of a heatmap take about half a second. The model is trained once per process (``digits_landscape``), deterministically.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from sim.learning.learn import LearnResult, LearnSettings, learn
from sim.learning.output_losses import cross_entropy_errors
from sim.learning.network import Network

START_OFFSET = (-11.0, -8.0)   # metres from the watermelon to where the training's start projects
CHUNK = 32                     # beach points scored together (memory: 10·CHUNK·N floats, ~4 MB)
ONE = np.ones(1)               # the one-hot target's entry at the label


class DigitsLandscape:
    """The trained network and the plane through it; loss and accuracy at any beach points."""

    def __init__(self, result: LearnResult):
        net = result.settings.network
        if net.hidden or net.loss != "cee":
            raise ValueError("the landscape needs softmax regression on cee: its logits are affine in the weights")
        if len(result.weights) != len(result.curves):
            raise ValueError("the landscape needs the weights after every epoch: learn(..., keep_weights=True)")
        self.result = result
        self.network: Network = net
        x, t = result.data.x_train, result.data.t_train
        self.labels = t.argmax(axis=1)
        self.d1, self.d2 = plane_directions(result.weights)
        self.path = project(result.weights - result.final, self.d1, self.d2)   # (E+1, 2) metres from w*
        # Logits class-first (10, N), so that the softmax over the classes runs over whole rows.
        self.base, self.slope1, self.slope2 = (self._logits(x, w) for w in (result.final, self.d1, self.d2))
        pick = (self.labels, np.arange(len(self.labels)))
        self.base_at_label, self.slope1_at_label, self.slope2_at_label = (
            a[pick] for a in (self.base, self.slope1, self.slope2))

    def _logits(self, x: np.ndarray, w: np.ndarray) -> np.ndarray:
        (W, b), = self.network.layers(w)
        return np.ascontiguousarray((x @ W + b).T)

    def weights_at(self, x, y, tx: float, ty: float) -> np.ndarray:
        """The weights (..., P) that beach points (x, y) stand for."""
        dx, dy = np.subtract(x, tx)[..., None], np.subtract(y, ty)[..., None]
        return self.result.final + dx * self.d1 + dy * self.d2

    def _per_point(self, x, y, tx: float, ty: float, score) -> np.ndarray:
        """score(biggest logit (M, N), Σ_k exp(z_k − biggest) (M, N), logit of the label (M, N))
        -> (M,) at every beach point (x, y), CHUNK points at a time; shape of x and y broadcast."""
        x, y = np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float))
        dx, dy = (x - tx).ravel(), (y - ty).ravel()
        out = np.empty(dx.size)
        with np.errstate(all="ignore"):   # far out at sea the logits overflow: nan is an outcome
            for lo in range(0, dx.size, CHUNK):
                a, b = dx[lo:lo + CHUNK, None], dy[lo:lo + CHUNK, None]
                z = a * self.slope1[:, None, :]
                z += self.base[:, None, :]
                z += b * self.slope2[:, None, :]                  # (10, M, N)
                top = z.max(axis=0)
                z -= top
                np.exp(z, out=z)
                label = self.base_at_label + a * self.slope1_at_label + b * self.slope2_at_label
                out[lo:lo + CHUNK] = score(top, z.sum(axis=0), label)
        return out.reshape(x.shape)

    def loss(self, x, y, tx: float, ty: float) -> np.ndarray:
        """The training loss (mean cross-entropy error) at beach points (x, y). With a one-hot
        target only the label's term of −Σ_k t_k log(y_k + δ) is not zero, so the article's
        function is applied to the softmax output at the label alone."""
        def score(top, total, label):
            y_label = np.exp(label - top) / total
            return cross_entropy_errors(y_label[..., None], ONE).mean(axis=-1)
        return self._per_point(x, y, tx, ty, score)

    def accuracy(self, x, y, tx: float, ty: float) -> np.ndarray:
        """The training accuracy (0..1) at beach points (x, y): the fraction of samples whose
        label has the biggest logit."""
        return self._per_point(x, y, tx, ty, lambda top, total, label: (label >= top).mean(axis=-1))

    def footprints(self, tx: float, ty: float) -> np.ndarray:
        """The training trajectory, epoch by epoch, projected onto the plane: (E+1, 2) metres."""
        return self.path + np.array([tx, ty])


def project(v: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """Coordinates (..., 2) of the nearest point of span(d1, d2) to each v (..., P), for
    orthogonal d1, d2 (as plane_directions gives them)."""
    return np.stack([v @ d1 / (d1 @ d1), v @ d2 / (d2 @ d2)], axis=-1)


def plane_directions(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """d1, d2 (P,) per metre: the two principal directions of weights − weights[-1], turned and
    scaled so that the first row (the start) projects onto START_OFFSET, and mirrored, if need be,
    so that the path bends to the right of the line from the start to the watermelon (the signs of
    principal directions are arbitrary)."""
    offsets = weights - weights[-1]
    # PCA through the small (E+1, E+1) Gram matrix: its top eigenvectors u give e = offsetsᵀu / |·|.
    _, u = np.linalg.eigh(offsets @ offsets.T)
    e1, e2 = (offsets.T @ u[:, k] for k in (-1, -2))
    e1, e2 = e1 / np.linalg.norm(e1), e2 / np.linalg.norm(e2)
    coords = offsets @ np.stack([e1, e2], axis=1)                 # the path in the orthonormal basis
    start = coords[0]
    if np.sum(start[0] * coords[:, 1] - start[1] * coords[:, 0]) < 0:
        e2 = -e2        # a mirror image otherwise: the path bends to the start's left on the beach
        start = start * [1, -1]
    want = np.array(START_OFFSET)
    scale = np.hypot(*start) / np.hypot(*want)                    # weight distance per metre
    turn = np.arctan2(start[1], start[0]) - np.arctan2(want[1], want[0])
    c, s = np.cos(turn), np.sin(turn)
    return scale * (c * e1 + s * e2), scale * (-s * e1 + c * e2)


@lru_cache(maxsize=1)
def digits_landscape() -> DigitsLandscape:
    """The landscape of ``learn``'s defaults, trained once per process."""
    return DigitsLandscape(learn(LearnSettings(), keep_weights=True))
