"""Optimizers: how the player turns the felt slope into a step.

Every optimizer works on gradient arrays of shape (k, m): k coordinates (2 on the beach: rows x,
y; the number of weights for a neural network), m players along the LAST axis. ``step(grad, lr)``
returns the displacement (k, m) to ADD to the parameters (in a buffer the optimizer keeps and
overwrites at its next step: no (k, m) temporaries per update); lr is a number or one per player (m,).
Per-player state has the same (k, m) shape and is dropped with ``keep(mask)`` when players stop.

The update rules are those of Deep Learning from Scratch (斎藤康毅, ch. 6, its common/optimizer.py),
written per element, with ε a hyperparameter instead of its fixed 1e-7:

    gd        p ← p − lr·g
    momentum  v ← μ·v − lr·g;  p ← p + v
    nesterov  v ← μ·v − lr·g;  p ← p + μ²·v − (1 + μ)·lr·g         (the book's code)
    adagrad   h ← h + g²;  p ← p − lr·g / (√h + ε)
    rmsprop   h ← ρ·h + (1 − ρ)·g²;  p ← p − lr·g / (√h + ε)
    adam      t ← t + 1;  m ← m + (1 − β1)(g − m);  v ← v + (1 − β2)(g² − v);
              p ← p − lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε)          (bias correction folded into lr)

``state`` is a read-only snapshot for drawing, empty before the first update:

    "velocity" (momentum, nesterov): v, metres per update: momentum's last step, the arrow.
    "moment"   (adam): m, the running mean of the gradient (units of the gradient).
    "scale"    (adagrad, rmsprop, adam): the per-axis multiplier of lr used by the last update:
               the step on axis i was −lr·scale_i·g_i (adagrad, rmsprop; scale_i = 1/(√h_i + ε))
               or −lr·scale_i·m_i (adam; scale_i = √(1 − β2ᵗ)/(1 − β1ᵗ) / (√v_i + ε)).
"""
from __future__ import annotations

from typing import Any, ClassVar, Protocol, Sequence

import numpy as np

DEFAULT_OPTIMIZER = "gd"
HYPERPARAMETER_DEFAULTS: dict[str, float] = {"momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "rho": 0.99, "eps": 1e-8}
"""Every hyperparameter's default: μ of momentum and nesterov, Adam's β1 and β2, RMSProp's ρ, and the
ε of adagrad, rmsprop and adam (ε last: the others lie in [0, 1), ε is > 0)."""
# The hyperparameters each optimizer takes, with their defaults.
HYPERPARAMETERS: dict[str, dict[str, float]] = {
    name: {k: HYPERPARAMETER_DEFAULTS[k] for k in taken} for name, taken in (
        ("gd", ()), ("momentum", ("momentum",)), ("nesterov", ("momentum",)), ("adagrad", ("eps",)),
        ("rmsprop", ("rho", "eps")), ("adam", ("beta1", "beta2", "eps")))}
OPTIMIZER_NAMES = tuple(HYPERPARAMETERS)


class Optimizer(Protocol):
    """Turns gradients (k, m) into displacements (k, m) for the players still walking.

    An optimizer may also offer ``descent(grad, lr, out)``: what to subtract from the positions,
    written into out; the swarm then uses it instead of ``step`` when every lr is finite.
    """

    name: str
    hyperparameters: dict[str, float]

    def step(self, grad: np.ndarray, lr: Any) -> np.ndarray:
        """The displacement (k, m) to add to the parameters; grad is left unchanged. It may be
        the optimizer's own buffer, overwritten by its next step."""

    def keep(self, mask: np.ndarray) -> None:
        """Forget the players (columns) where mask is False (they stopped walking)."""

    @property
    def state(self) -> dict[str, np.ndarray]:
        """Read-only (k, m) arrays for drawing (see the module's docstring)."""


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _zeros_like(grad: np.ndarray) -> np.ndarray:
    return np.zeros(np.shape(grad))


class _Stateful:
    """Shared plumbing: state arrays named in ``_arrays``, made at the first update, cut by keep.

    Updates work in place: the state arrays, the step returned (``_out``) and one scratch array
    (``_tmp``) are (k, m) buffers kept from update to update and made anew only when ``keep``
    drops players. The step returned is the optimizer's own buffer: valid until its next update.
    """

    name: ClassVar[str]
    _arrays: ClassVar[tuple[str, ...]]

    def __init__(self, **hyperparameters: float):
        self.hyperparameters = {k: float(v) for k, v in hyperparameters.items()}
        for k in self._arrays:
            setattr(self, k, None)
        self._out = self._tmp = None

    def keep(self, mask: np.ndarray) -> None:
        for k in self._arrays:
            a = getattr(self, k)
            if a is not None:
                setattr(self, k, np.compress(mask, a, axis=-1))
        self._out = self._tmp = None

    def _start(self, grad: np.ndarray) -> None:
        for k in self._arrays:
            if getattr(self, k) is None:
                setattr(self, k, _zeros_like(grad))
        if self._out is None or self._out.shape != np.shape(grad):
            self._out, self._tmp = _zeros_like(grad), _zeros_like(grad)

    def __repr__(self) -> str:
        return describe(self)


class GradientDescent:
    """Plain gradient descent (DLfS's SGD): p ← p − lr·∇L(p)."""

    name = "gd"

    def __init__(self) -> None:
        self.hyperparameters: dict[str, float] = {}

    def step(self, grad: np.ndarray, lr: Any) -> np.ndarray:
        with np.errstate(over="ignore"):  # a huge lr overflows to inf: the walk reports divergence
            d = np.multiply(grad, lr)
        return np.negative(d, out=d)

    def descent(self, grad: np.ndarray, lr: Any, out: np.ndarray) -> np.ndarray:
        """lr · ∇L into out (k, m). p − out is p + step bit for bit wherever lr · ∇L is not nan
        (a nan's sign bit may differ)."""
        return np.multiply(grad, lr, out=out)

    def keep(self, mask) -> None:
        """Gradient descent keeps no state."""

    @property
    def state(self) -> dict[str, np.ndarray]:
        return {}

    def __repr__(self) -> str:
        return describe(self)


class Momentum(_Stateful):
    """DLfS's Momentum: v ← μ·v − lr·g; p ← p + v (v starts at 0)."""

    name = "momentum"
    _arrays = ("v",)

    def step(self, grad, lr):
        self._start(grad)
        mu, v, lr_g = self.hyperparameters["momentum"], self.v, self._tmp
        with np.errstate(over="ignore", invalid="ignore"):
            np.multiply(grad, lr, out=lr_g)                     # lr·g
            np.subtract(np.multiply(v, mu, out=v), lr_g, out=v)  # v ← μ·v − lr·g
        np.copyto(self._out, v)   # a copy: a caller changing the step leaves v alone
        return self._out

    @property
    def state(self):
        return {} if self.v is None else {"velocity": _frozen(self.v.copy())}


class Nesterov(Momentum):
    """DLfS's Nesterov (its code): v ← μ·v − lr·g; p ← p + μ²·v − (1 + μ)·lr·g."""

    name = "nesterov"

    def step(self, grad, lr):
        self._start(grad)
        mu, v, lr_g, out = self.hyperparameters["momentum"], self.v, self._tmp, self._out
        with np.errstate(over="ignore", invalid="ignore"):
            np.multiply(grad, lr, out=lr_g)                          # lr·g
            np.subtract(np.multiply(v, mu, out=v), lr_g, out=v)       # v ← μ·v − lr·g
            np.multiply(v, mu * mu, out=out)                          # μ²·v
            return np.subtract(out, np.multiply(lr_g, 1 + mu, out=lr_g), out=out)   # − (1 + μ)·lr·g


class AdaGrad(_Stateful):
    """DLfS's AdaGrad: h ← h + g²; p ← p − lr·g / (√h + ε) (h starts at 0)."""

    name = "adagrad"
    _arrays = ("h",)

    def _accumulate(self, g2):
        """h ← h + g², given g² in a scratch buffer."""
        np.add(self.h, g2, out=self.h)

    def step(self, grad, lr):
        self._start(grad)
        tmp, out = self._tmp, self._out
        with np.errstate(over="ignore", invalid="ignore"):
            self._accumulate(np.multiply(grad, grad, out=tmp))
            np.negative(np.multiply(grad, lr, out=out), out=out)                      # −lr·g
            np.add(np.sqrt(self.h, out=tmp), self.hyperparameters["eps"], out=tmp)    # √h + ε
            return np.divide(out, tmp, out=out)

    @property
    def state(self):
        if self.h is None:
            return {}
        with np.errstate(over="ignore", divide="ignore"):
            return {"scale": _frozen(1.0 / (np.sqrt(self.h) + self.hyperparameters["eps"]))}


class RMSProp(AdaGrad):
    """DLfS's RMSprop: h ← ρ·h + (1 − ρ)·g²; p ← p − lr·g / (√h + ε) (h starts at 0)."""

    name = "rmsprop"

    def _accumulate(self, g2):
        """h ← ρ·h + (1 − ρ)·g², given g² in a scratch buffer (which it overwrites)."""
        rho, h = self.hyperparameters["rho"], self.h
        np.add(np.multiply(h, rho, out=h), np.multiply(g2, 1 - rho, out=g2), out=h)


class Adam(_Stateful):
    """DLfS's Adam: t ← t + 1; lr_t = lr·√(1 − β2ᵗ)/(1 − β1ᵗ); m ← m + (1 − β1)(g − m);
    v ← v + (1 − β2)(g² − v); p ← p − lr_t·m / (√v + ε) (m, v start at 0)."""

    name = "adam"
    _arrays = ("m", "v")

    def __init__(self, **hyperparameters: float):
        super().__init__(**hyperparameters)
        self.t = 0

    def correction(self, t: int | None = None) -> float:
        """√(1 − β2ᵗ)/(1 − β1ᵗ): the bias correction after t updates (default: those made), folded
        into lr as in the book."""
        hp, t = self.hyperparameters, self.t if t is None else t
        return float(np.sqrt(1.0 - hp["beta2"] ** t) / (1.0 - hp["beta1"] ** t))

    def step(self, grad, lr):
        self._start(grad)
        hp, m, v, tmp, out = self.hyperparameters, self.m, self.v, self._tmp, self._out
        self.t += 1
        with np.errstate(over="ignore", invalid="ignore"):
            lr_t = np.multiply(lr, self.correction())
            # m ← m + (1 − β1)·(g − m)
            np.add(m, np.multiply(np.subtract(grad, m, out=tmp), 1 - hp["beta1"], out=tmp), out=m)
            # v ← v + (1 − β2)·(g² − v)
            np.multiply(grad, grad, out=tmp)
            np.add(v, np.multiply(np.subtract(tmp, v, out=tmp), 1 - hp["beta2"], out=tmp), out=v)
            # step = (−lr_t)·m / (√v + ε)
            np.multiply(m, np.negative(lr_t), out=out)
            np.add(np.sqrt(v, out=tmp), hp["eps"], out=tmp)
            return np.divide(out, tmp, out=out)

    @property
    def state(self):
        if self.m is None:
            return {}
        with np.errstate(over="ignore", divide="ignore"):
            scale = self.correction() / (np.sqrt(self.v) + self.hyperparameters["eps"])
        return {"moment": _frozen(self.m.copy()), "scale": _frozen(scale)}


_CLASSES = {c.name: c for c in (GradientDescent, Momentum, Nesterov, AdaGrad, RMSProp, Adam)}


def check_hyperparameter(name: str, value: Any) -> float:
    """``value`` if it is in the range of hyperparameter ``name``: the decays μ, β1, β2 and ρ in
    [0, 1), ε > 0; else ValueError (TypeError for no number) naming it."""
    from sim import checks
    if name == "eps":
        return checks.positive(name, value)
    if name not in _DECAYS:
        raise TypeError(f"unknown hyperparameter {name!r} (accepted: {', '.join((*_DECAYS, 'eps'))})")
    if not 0 <= checks.number(name, value) < 1:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


_DECAYS = ("momentum", "beta1", "beta2", "rho")


def make_optimizer(name: str, **hyperparameters: float) -> Optimizer:
    """A fresh optimizer called ``name``. Any of the hyperparameters momentum, beta1, beta2, rho and
    eps may be given and is checked (check_hyperparameter); those ``name`` does not take are
    ignored, missing ones get their defaults (HYPERPARAMETERS)."""
    if not isinstance(name, str) or name not in _CLASSES:
        raise ValueError(f"unknown optimizer {name!r} (choose from {', '.join(OPTIMIZER_NAMES)})")
    given = {k: check_hyperparameter(k, v) for k, v in hyperparameters.items()}
    chosen = {k: given.get(k, default) for k, default in HYPERPARAMETERS[name].items()}
    return _CLASSES[name](**chosen)


# lr of the optimizers whose steps are about lr metres per axis whatever the slope
PACE = {"adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3}


def comparable_lr(name: str, lr: float, momentum: float) -> float:
    """The lr at which optimizer ``name`` walks beside gd at ``lr`` on a beach: momentum and nesterov
    lr·(1 − μ), the same top speed down a steady slope; adagrad, rmsprop and adam their PACE, whose
    steps are about that many metres per axis (adagrad's shrink as 1/√t); gd ``lr`` itself."""
    if name in ("momentum", "nesterov"):
        return lr * (1 - momentum)
    return PACE.get(name, lr)


def describe(optimizer: Optimizer) -> str:
    """The optimizer with its hyperparameters, like "adam(beta1=0.9, beta2=0.999, eps=1e-08)"."""
    hp = ", ".join(f"{k}={v:g}" for k, v in optimizer.hyperparameters.items())
    return f"{optimizer.name}({hp})" if hp else optimizer.name


class Mixed:
    """Several optimizers side by side, one per group of players (a race of optimizers).

    ``groups`` (m,) gives each player's index into ``optimizers``; each optimizer sees only its
    own players' columns. ``state`` has every key any of them has, nan where a player's own
    optimizer has no such state.
    """

    name = "mixed"

    def __init__(self, optimizers: Sequence[Optimizer], groups: Sequence[int]):
        self.optimizers = list(optimizers)
        self.groups = np.asarray(groups, dtype=np.intp)
        self.hyperparameters: dict[str, float] = {}
        self._split()

    def _split(self) -> None:
        self._columns = [np.flatnonzero(self.groups == g) for g in range(len(self.optimizers))]

    def step(self, grad: np.ndarray, lr: Any) -> np.ndarray:
        out = np.empty(np.shape(grad))
        lr = np.broadcast_to(np.asarray(lr, float), (np.shape(grad)[-1],))
        for opt, cols in zip(self.optimizers, self._columns):
            if cols.size:
                out[..., cols] = opt.step(grad[..., cols], lr[cols])
        return out

    def keep(self, mask: np.ndarray) -> None:
        for opt, cols in zip(self.optimizers, self._columns):
            opt.keep(mask[cols])
        self.groups = self.groups[mask]
        self._split()

    @property
    def state(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        m = self.groups.size
        for opt, cols in zip(self.optimizers, self._columns):
            for key, a in opt.state.items():
                if key not in out:
                    out[key] = np.full(a.shape[:-1] + (m,), np.nan)
                out[key][..., cols] = a
        return {k: _frozen(a) for k, a in out.items()}
