"""One digit's output while the player walks the digits landscape (the digit panel of play --learn).

At beach point (x, y) the network has the weights ``DigitsLandscape.weights_at(x, y, ...)``; its
softmax output for one sample is a ``NetworkOutput`` (sim.learning.output_bars) against the
sample's one-hot target, with that sample's SSE and CEE. ``shown_samples`` picks the samples a
learner cycles through: training and validation ones, at least one that the trained network gets
wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.learning.landscape import DigitsLandscape
from sim.learning.output_bars import NetworkOutput

SPLITS = ("training", "validation")
PER_SPLIT = 3   # samples of each split the learner cycles through (one of them wrong if there is one)


@dataclass(frozen=True)
class Sample:
    """A sample of the landscape's data: its split ("training" or "validation") and row."""

    split: str
    index: int

    def arrays(self, land: DigitsLandscape) -> tuple[np.ndarray, int]:
        """Its image (64,) scaled as the network reads it, and its label."""
        data = land.result.data
        x, t = (data.x_train, data.t_train) if self.split == "training" else (data.x_val, data.t_val)
        if not 0 <= self.index < len(x):
            raise ValueError(f"{self.split} sample {self.index} out of range: 0 to {len(x) - 1}")
        return x[self.index], int(t[self.index].argmax())


def output_at(land: DigitsLandscape, sample: Sample, x: float, y: float, tx: float, ty: float) -> NetworkOutput:
    """The network's output for ``sample`` at beach point (x, y) (metres), watermelon at (tx, ty)."""
    image, label = sample.arrays(land)
    w = land.weights_at(x, y, tx, ty)
    with np.errstate(all="ignore"):
        probs = land.network.predict(w, image[None, :])[0]
    if not np.all(np.isfinite(probs)):
        raise ValueError(f"the network's output is not finite at ({x:g}, {y:g}) m")
    probs = np.clip(probs, 0.0, None)
    return NetworkOutput(tuple(probs / probs.sum()), label)


def shown_samples(land: DigitsLandscape) -> tuple[Sample, ...]:
    """PER_SPLIT samples of each split: the first ones, with the first that the trained weights get
    wrong (if any) in the last place of its split."""
    chosen: list[Sample] = []
    for split in SPLITS:
        data = land.result.data
        x, t = (data.x_train, data.t_train) if split == "training" else (data.x_val, data.t_val)
        wrong = np.flatnonzero(land.network.predict(land.result.final, x).argmax(axis=1) != t.argmax(axis=1))
        rows = list(range(PER_SPLIT))
        if wrong.size:
            rows = [r for r in rows if r != wrong[0]][:PER_SPLIT - 1] + [int(wrong[0])]
        chosen += [Sample(split, r) for r in rows]
    return tuple(chosen)
