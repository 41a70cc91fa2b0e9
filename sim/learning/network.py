"""A small classifier of the digits: softmax regression, or one sigmoid hidden layer before it.

The parameters are one flat vector w (P,) (layer by layer: weights (n_in, n_out) row-major, then
biases (n_out,)). Every function that evaluates the network also takes a stack of parameter
vectors (..., P) and scores them all at once: the numerical gradient probes all 2P points in one
call, and the loss landscape evaluates a whole grid of points on the beach.

The losses are the article's (sim.learning.output_losses), averaged over the samples of a batch:
"cee" E = −(1/N) Σ_n Σ_k t_nk log(y_nk + δ), "sse" E = (1/N) Σ_n ½ Σ_k (y_nk − t_nk)², with y the
softmax of the last layer. ``gradient`` is backpropagation, exact for both (δ included).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.learning.output_losses import cross_entropy_errors, cross_entropy_slope, sum_squared_errors, sum_squared_slope
from sim.learning.digits import N_CLASSES, N_PIXELS

LOSS_KINDS = {"cee": (cross_entropy_errors, cross_entropy_slope),
              "sse": (sum_squared_errors, sum_squared_slope)}


def softmax(z: np.ndarray) -> np.ndarray:
    """exp(z_k) / Σ_j exp(z_j) over the last axis, shifted by the max so that exp never overflows."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(a: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(−a)), without overflow warnings for very negative a."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-a))


@dataclass(frozen=True)
class Network:
    """The layer sizes (64, [hidden,] 10) and the loss ("cee" or "sse")."""

    hidden: int = 0        # units of the sigmoid hidden layer; 0 = softmax regression
    loss: str = "cee"

    def __post_init__(self) -> None:
        if self.loss not in LOSS_KINDS:
            raise ValueError(f"unknown loss {self.loss!r} (choose from {', '.join(LOSS_KINDS)})")
        if self.hidden < 0:
            raise ValueError(f"hidden must be >= 0 units, got {self.hidden}")

    @property
    def sizes(self) -> tuple[int, ...]:
        return (N_PIXELS, self.hidden, N_CLASSES) if self.hidden else (N_PIXELS, N_CLASSES)

    @property
    def n_params(self) -> int:
        return sum((a + 1) * b for a, b in zip(self.sizes, self.sizes[1:]))

    def layers(self, w: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Views (W (..., n_in, n_out), b (..., 1, n_out)) of each layer in w (..., P)."""
        out, at = [], 0
        lead = w.shape[:-1]
        for a, b in zip(self.sizes, self.sizes[1:]):
            out.append((w[..., at:at + a * b].reshape(lead + (a, b)),
                        w[..., at + a * b:at + a * b + b].reshape(lead + (1, b))))
            at += (a + 1) * b
        return out

    def init(self, rng: np.random.Generator) -> np.ndarray:
        """Seeded starting weights: normal with std 1/√n_in (biases 0)."""
        w = np.zeros(self.n_params)
        for W, _ in self.layers(w):
            W[...] = rng.normal(0.0, 1.0 / np.sqrt(W.shape[0]), W.shape)
        return w

    def forward(self, w: np.ndarray, x: np.ndarray) -> list[np.ndarray]:
        """The activations of every layer for samples x (N, 64): [x, hidden..., y], y (..., N, 10)."""
        acts = [x]
        layers = self.layers(w)
        for i, (W, b) in enumerate(layers):
            z = acts[-1] @ W + b
            acts.append(softmax(z) if i == len(layers) - 1 else sigmoid(z))
        return acts

    def predict(self, w: np.ndarray, x: np.ndarray) -> np.ndarray:
        """The softmax outputs y (..., N, 10)."""
        return self.forward(w, x)[-1]

    def loss_of(self, y: np.ndarray, t: np.ndarray) -> np.ndarray:
        """The mean error over the samples of outputs y (..., N, 10) against targets t (N, 10)."""
        return LOSS_KINDS[self.loss][0](y, t).mean(axis=-1)

    def loss_value(self, w: np.ndarray, x: np.ndarray, t: np.ndarray) -> np.ndarray:
        """The loss at parameters w (..., P) on samples (x, t): shape (...)."""
        return self.loss_of(self.predict(w, x), t)

    def gradient(self, w: np.ndarray, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
        """(loss, dE/dw (P,)) at one parameter vector w (P,) by backpropagation."""
        acts = self.forward(w, x)
        y = acts[-1]
        dy = LOSS_KINDS[self.loss][1](y, t) / len(x)
        delta = y * (dy - (dy * y).sum(axis=-1, keepdims=True))   # back through the softmax
        grad = np.empty_like(w)
        grads = self.layers(grad)
        layers = self.layers(w)
        for i in range(len(layers) - 1, -1, -1):
            gW, gb = grads[i]
            gW[...] = acts[i].T @ delta
            gb[...] = delta.sum(axis=0)
            if i:
                h = acts[i]
                delta = (delta @ layers[i][0].T) * h * (1.0 - h)   # back through the sigmoid
        return float(self.loss_of(y, t)), grad


def accuracy(y: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The fraction of samples whose largest output is the right label: shape (...)."""
    return (y.argmax(axis=-1) == t.argmax(axis=-1)).mean(axis=-1)
