"""Learning the handwritten digits: minibatch gradient descent with backpropagation, and the
article's closing charts as numbers: loss and accuracy per epoch on training and validation data.

One seeded Generator per run cuts the split, draws the starting weights and shuffles every epoch,
so a run is the same bits from the same settings. The weights after every epoch are kept when
asked (``keep_weights``): the loss landscape (sim.learning.landscape) is a plane through them.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from sim.learning.digits import Split, split
from sim.walking.gradient import numerical_gradient_nd
from sim.learning.network import LOSS_KINDS, Network, accuracy
from sim import checks
from sim.reports.columns import Column, table
from sim.reports.say import Say, english
from sim.walking.optimizers import (DEFAULT_OPTIMIZER, HYPERPARAMETER_DEFAULTS, HYPERPARAMETERS, OPTIMIZER_NAMES,
                                    check_hyperparameter, describe, make_optimizer)

CURVE_COLUMNS = ("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy")
GRADCHECK_SAMPLES = 16   # samples in the batch the gradient check probes
MAX_HIDDEN = 1000        # units of the hidden layer accepted
MAX_EPOCHS = 100_000
OPTIMIZER_FIELDS = tuple(HYPERPARAMETER_DEFAULTS)   # LearnSettings' optimizer hyperparameters (ε last)


@dataclass(frozen=True)
class LearnSettings:
    """How to learn: the network, the split and the minibatch gradient descent."""

    hidden: int = 0          # units of the sigmoid hidden layer; 0 = softmax regression
    loss: str = Network.loss  # one of LOSS_KINDS (sim.learning.network): "cee" (cross-entropy error) or "sse"
    lr: float = 0.5          # step size: w <- w − lr · ∂E/∂w
    batch: int = 32          # samples per minibatch
    epochs: int = 30         # passes over the training data
    val: float = 0.2         # fraction of the samples held out for validation
    seed: int = 0            # seeds the run's Generator (split, starting weights, shuffles)
    h: float = 1e-4          # probe distance of the numerical derivative (gradient check)
    limit: int | None = None  # use only this many samples (quick tests); None = all 1,797
    optimizer: str = DEFAULT_OPTIMIZER   # one of OPTIMIZER_NAMES (sim.walking.optimizers), on the (P, 1) gradient
    momentum: float = HYPERPARAMETER_DEFAULTS["momentum"]   # μ of momentum and nesterov, in [0, 1)
    beta1: float = HYPERPARAMETER_DEFAULTS["beta1"]         # Adam's first-moment decay, in [0, 1)
    beta2: float = HYPERPARAMETER_DEFAULTS["beta2"]         # Adam's second-moment decay, in [0, 1)
    rho: float = HYPERPARAMETER_DEFAULTS["rho"]             # RMSProp's decay, in [0, 1)
    eps: float = HYPERPARAMETER_DEFAULTS["eps"]             # ε of adagrad, rmsprop, adam; > 0

    def __post_init__(self) -> None:
        checks.whole("hidden", self.hidden, 0, MAX_HIDDEN)
        checks.whole("batch", self.batch, 1, 10_000)
        checks.whole("epochs", self.epochs, 1, MAX_EPOCHS)
        checks.whole("seed", self.seed, 0, 2**63 - 1)
        if self.limit is not None:
            checks.whole("limit (None: every sample)", self.limit, 20, 10**9)
        checks.positive("lr", self.lr)
        for name, ok, accepted in (("loss", self.loss in LOSS_KINDS, " or ".join(LOSS_KINDS)),
                                   ("val", 0.01 <= checks.number("val", self.val) <= 0.9, "a fraction from 0.01 to 0.9"),
                                   ("h", 1e-12 <= checks.number("h", self.h) <= 1, "a number from 1e-12 to 1"),
                                   ("optimizer", self.optimizer in OPTIMIZER_NAMES,
                                    f"one of {', '.join(OPTIMIZER_NAMES)}")):
            if not ok:
                raise ValueError(f"{name} must be {accepted}, got {getattr(self, name)!r}")
        for name in OPTIMIZER_FIELDS:
            check_hyperparameter(name, getattr(self, name))

    @property
    def network(self) -> Network:
        return Network(self.hidden, self.loss)

    def make_optimizer(self):
        """A fresh optimizer with these hyperparameters (those it does not take are ignored)."""
        return make_optimizer(self.optimizer, **{name: getattr(self, name) for name in OPTIMIZER_FIELDS})

    def to_dict(self) -> dict[str, Any]:
        """The settings, with only the hyperparameters the optimizer takes."""
        taken = set(HYPERPARAMETERS[self.optimizer])
        return {k: v for k, v in dataclasses.asdict(self).items() if k not in OPTIMIZER_FIELDS or k in taken}


@dataclass(frozen=True)
class LearnResult:
    """Per epoch 0..E (0 = the starting weights): the curves (E+1, 4) in CURVE_COLUMNS order after
    "epoch"; the weights after each epoch (E+1, P) if learned with ``keep_weights``, else only
    the final ones (1, P)."""

    settings: LearnSettings
    data: Split
    curves: np.ndarray
    weights: np.ndarray

    @property
    def final(self) -> np.ndarray:
        """The trained weights w* (P,)."""
        return self.weights[-1]

    @property
    def overflowed(self) -> bool:
        """Whether the weights or the losses stopped being finite numbers."""
        return not (np.isfinite(self.final).all() and np.isfinite(self.curves).all())

    @property
    def diverged(self) -> bool:
        """Whether training blew up: the numbers overflowed, or the training loss ended higher
        than it began (a step size so large that the outputs saturate and the loss freezes high)."""
        return self.overflowed or bool(self.curves[-1, 0] > self.curves[0, 0])

    def rows(self) -> list[list[float]]:
        return [[epoch, *map(float, row)] for epoch, row in enumerate(self.curves)]

    def to_dict(self) -> dict[str, Any]:
        train_loss, train_acc, val_loss, val_acc = map(float, self.curves[-1])
        return {"settings": self.settings.to_dict(), "parameters": int(self.final.size), "diverged": self.diverged,
                "train_samples": len(self.data.x_train), "val_samples": len(self.data.x_val),
                "final": {"train_loss": train_loss, "train_accuracy": train_acc,
                          "val_loss": val_loss, "val_accuracy": val_acc},
                "epochs": [dict(zip(CURVE_COLUMNS, row)) for row in self.rows()]}


def scores(net: Network, w: np.ndarray, data: Split) -> np.ndarray:
    """(training loss, training accuracy, validation loss, validation accuracy) of weights w."""
    out = []
    for x, t in ((data.x_train, data.t_train), (data.x_val, data.t_val)):
        y = net.predict(w, x)
        out += [float(net.loss_of(y, t)), float(accuracy(y, t))]
    return np.array(out)


def learn(settings: LearnSettings, *, keep_weights: bool = False,
          on_epoch: Callable[[int], None] | None = None) -> LearnResult:
    """Train from the seed and record the curves, and the weights after every epoch if
    ``keep_weights`` (else only the final ones: memory does not grow with the epochs).
    ``on_epoch(epoch)`` is called after each epoch. A step size too large makes the weights
    overflow (see LearnResult.diverged); numpy stays quiet about it."""
    if not isinstance(settings, LearnSettings):
        raise TypeError(f"settings must be a LearnSettings, got {type(settings).__name__}")
    checks.callback("on_epoch", on_epoch)
    with np.errstate(all="ignore"):
        return _learn(settings, keep_weights, on_epoch)


def _learn(settings: LearnSettings, keep_weights: bool, on_epoch: Callable[[int], None] | None) -> LearnResult:
    rng = np.random.default_rng(settings.seed)
    data = split(rng, settings.val, settings.limit)
    net = settings.network
    w = net.init(rng)
    optimizer = settings.make_optimizer()
    curves = [scores(net, w, data)]
    weights = [w.copy()]
    n = len(data.x_train)
    for epoch in range(1, settings.epochs + 1):
        order = rng.permutation(n)
        for lo in range(0, n, settings.batch):
            idx = order[lo:lo + settings.batch]
            _, grad = net.gradient(w, data.x_train[idx], data.t_train[idx])
            w += optimizer.step(grad[:, None], settings.lr)[:, 0]   # (P, 1): P coordinates, one player
        curves.append(scores(net, w, data))
        if keep_weights:
            weights.append(w.copy())
        else:
            weights[0] = w.copy()
        if on_epoch is not None:
            on_epoch(epoch)
    return LearnResult(settings, data, np.array(curves), np.array(weights))


def gradcheck(settings: LearnSettings) -> float:
    """The largest relative difference |b − n| / (|b| + |n|) between backpropagation b and the
    central-difference gradient n (probe distance settings.h), over every weight, at the seeded
    starting weights on the first GRADCHECK_SAMPLES training samples."""
    rng = np.random.default_rng(settings.seed)
    data = split(rng, settings.val, settings.limit)
    net = settings.network
    w = net.init(rng)
    x, t = data.x_train[:GRADCHECK_SAMPLES], data.t_train[:GRADCHECK_SAMPLES]
    _, backprop = net.gradient(w, x, t)
    numeric = numerical_gradient_nd(lambda ws: net.loss_value(ws, x, t), w, settings.h)
    gap = np.abs(backprop - numeric)
    return float((gap / np.maximum(np.abs(backprop) + np.abs(numeric), 1e-12)).max())


LEARN_COLUMNS = (Column("epoch", 5, gap=0), Column("train loss", 10), Column("train acc", 9), Column("val loss", 9),
                 Column("val acc", 8))


def learn_table(result: LearnResult, say: Say = english) -> str:
    """The per-epoch report: losses and accuracies (%) for training and validation, in the
    language of ``say``."""
    lines = table(LEARN_COLUMNS, [(f"{epoch}", f"{tl:.4f}", f"{100 * ta:.2f}%", f"{vl:.4f}", f"{100 * va:.2f}%")
                                  for epoch, tl, ta, vl, va in result.rows()], say)
    s = result.settings
    model = say("one hidden layer of {n} sigmoid units", n=s.hidden) if s.hidden else say("softmax regression")
    lines.append(say("{model}, {weights} weights, loss {loss}, {optimizer}, lr {lr:g}, batch {batch}, "
                     "{train} training / {val} validation samples, seed {seed}",
                     model=model, weights=result.final.size, loss=s.loss, optimizer=describe(s.make_optimizer()),
                     lr=s.lr, batch=s.batch, train=len(result.data.x_train), val=len(result.data.x_val), seed=s.seed))
    if result.overflowed:
        lines.append(say("diverged: the weights overflowed (the losses mean nothing now); try a smaller --lr"))
    elif result.diverged:
        first, last = result.curves[0, 0], result.curves[-1, 0]
        lines.append(say("diverged: the training loss ended higher than it began ({first:.4g} -> {last:.4g}): "
                         "the steps overshoot; try a smaller --lr", first=first, last=last))
    return "\n".join(lines)
