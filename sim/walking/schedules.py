"""Step-size schedules: start bold, end careful.

A schedule is a multiplier of each player's lr per update: update number t + 1 (t = 0, 1, ...
updates made before it) uses lr·factor(t). With W = warmup updates and u = t − W:

    warmup    factor(t) = (t + 1) / W for t < W (a linear ramp up to the full lr), then
    constant  1
    step      decay^⌊u / every⌋                 (drops by the factor decay every `every` updates)
    exp       decay^(u / every)                 (the same decay, smoothly: decay per `every` updates)
    cosine    floor + (1 − floor)·(1 + cos(π·min(u, T)/T)) / 2,  T = max(1, max_steps − W)
              (from lr down to floor·lr at the last update)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SCHEDULE_NAMES = ("constant", "step", "exp", "cosine")


@dataclass(frozen=True)
class Schedule:
    """A validated schedule (see the module's docstring); ``steps`` is cosine's length (updates)."""

    name: str = "constant"
    decay: float = 0.5      # factor per `every` updates (step, exp), in (0, 1]
    every: int = 50         # updates per decay (step, exp)
    warmup: int = 0         # updates of linear warmup
    floor: float = 0.0      # cosine's last factor, in [0, 1]
    steps: int = 200        # cosine's length: the scenario's max_steps

    @property
    def constant(self) -> bool:
        """Whether every update uses the full lr."""
        return self.warmup == 0 and (self.name == "constant" or (self.name in ("step", "exp") and self.decay == 1))

    def factor(self, t: int) -> float:
        """The multiplier of lr for update t + 1 (t updates made before it)."""
        return float(self.factors_at(np.array([t]))[0])

    def factors(self, n: int) -> np.ndarray:
        """factor(t) for t = 0 .. n − 1: the multipliers of the first n updates."""
        return self.factors_at(np.arange(n))

    def factors_at(self, t: np.ndarray) -> np.ndarray:
        """factor(t) of every t (whole numbers >= 0), computed for all at once (the same bits as
        ``factor``: it is this)."""
        u = (t - self.warmup).astype(float)
        if self.name == "step":
            out = np.power(self.decay, np.floor_divide(u, self.every))
        elif self.name == "exp":
            out = np.power(self.decay, u / self.every)
        elif self.name == "cosine":
            length = max(1, self.steps - self.warmup)
            out = self.floor + (1 - self.floor) * (1 + np.cos(np.pi * np.minimum(u, length) / length)) / 2
        else:
            out = np.ones(u.shape)
        if self.warmup:
            out = np.where(t < self.warmup, (t + 1) / self.warmup, out)
        return out

    def describe(self) -> str:
        """The schedule with its parameters, like "step(decay=0.5, every=50)"."""
        parts = {"step": ("decay", "every"), "exp": ("decay", "every"), "cosine": ("floor",)}.get(self.name, ())
        text = ", ".join(f"{p}={getattr(self, p):g}" for p in parts + (("warmup",) if self.warmup else ()))
        return f"{self.name}({text})" if text else self.name
