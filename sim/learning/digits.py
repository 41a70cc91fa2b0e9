"""The handwritten digits: 1,797 images of 8 x 8 pixels (UCI "Optical Recognition of Handwritten
Digits", CC BY 4.0), shipped in assets/data/digits.csv.gz (see assets/README.md).

Each CSV row is 64 pixel counts 0..16 (row by row) and the digit 0..9. The loader scales the
pixels to 0..1 and caches the arrays; ``split`` cuts a seeded training/validation split.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DIGITS_PATH: Path = Path(__file__).resolve().parents[2] / "assets" / "data" / "digits.csv.gz"
N_PIXELS, N_CLASSES = 64, 10


@lru_cache(maxsize=1)
def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """(images (1797, 64) scaled to 0..1, labels (1797,) ints 0..9), read once per process."""
    with gzip.open(DIGITS_PATH, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    images = table[:, :N_PIXELS] / 16.0
    labels = table[:, N_PIXELS]
    images.flags.writeable = labels.flags.writeable = False
    return images, labels


def one_hot(labels: np.ndarray) -> np.ndarray:
    """(N, 10) rows with a 1 at each label."""
    return np.eye(N_CLASSES)[labels]


@dataclass(frozen=True)
class Split:
    """Training and validation samples: images x (N, 64), one-hot targets t (N, 10), labels (N,)."""

    x_train: np.ndarray
    t_train: np.ndarray
    x_val: np.ndarray
    t_val: np.ndarray


def split(rng: np.random.Generator, val: float, limit: int | None = None) -> Split:
    """A shuffled split with a fraction ``val`` held out for validation; ``limit`` keeps only the
    first samples of the shuffle (for quick tests)."""
    images, labels = load_digits()
    order = rng.permutation(len(labels))[:limit]
    n_val = max(1, round(val * len(order)))
    val_idx, train_idx = order[:n_val], order[n_val:]
    targets = one_hot(labels)
    return Split(images[train_idx], targets[train_idx], images[val_idx], targets[val_idx])
