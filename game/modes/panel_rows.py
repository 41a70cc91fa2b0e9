"""Pieces of the panel's rows that several modes show alike: the loss, how the player walks,
the waiting status, a crowd's count of stopped players, numbers, and the live charts' step axis."""
from __future__ import annotations

import math

import numpy as np
from sim import Scenario

from game import i18n
from game.stage import Stage


def loss_rows(s: Scenario, lang: str) -> list[tuple[str, str]]:
    """The loss function's name, and a custom loss's expression."""
    rows = [(i18n.tr("hud.loss_name", lang), i18n.tr(f"loss.{s.loss}", lang))]
    if s.expr is not None:
        rows.append((i18n.tr("hud.expr", lang), s.expr))
    return rows


def walker_rows(s: Scenario, lang: str, optimizer: bool = True) -> list[tuple[str, str]]:
    """The optimizer with its hyperparameters (when ``optimizer``), and the noise and the
    step-size schedule where there are any."""
    rows = []
    if optimizer:
        rows.append((i18n.tr("hud.optimizer", lang),
                     i18n.optimizer_text(s.optimizer, s.optimizer_info()["hyperparameters"], lang)))
    if s.noise:
        rows.append((i18n.tr("hud.noise", lang), f"{s.noise:g} m"))
    if not s.lr_schedule.constant:
        rows.append((i18n.tr("hud.schedule", lang), s.lr_schedule.describe()))
    return rows


def waiting_key(state: Stage) -> str:
    """The text key of a play that has not ended: ready before the first step, else paused or walking."""
    if state.paused:
        return "hud.ready" if state.ticks == 0 else "hud.paused"
    return "hud.running"


def crowd_status(state: Stage, outcome_codes: np.ndarray) -> str:
    """Ready or paused (before the end), else how many of the players have stopped."""
    if state.paused and not state.done:
        return i18n.tr(waiting_key(state), state.lang)
    stopped = int(np.count_nonzero(outcome_codes))
    return i18n.tr("hud.stopped", state.lang, stopped=stopped, players=outcome_codes.size)


def num(v: float) -> str:
    """A HUD number: 4 significant digits, or inf / nan as such."""
    if not math.isfinite(v):
        return str(v)
    return f"{v:.4g}"


def step_axis_end(n: float, max_steps: int) -> float:
    """Where a live chart's step axis ends: nice_ceiling(n), but no farther than the last step."""
    return min(nice_ceiling(n), float(max(max_steps, 1)))


def nice_ceiling(n: float) -> float:
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least ``n`` (so that the chart's
    axis, and its cached background, change only now and then as the walk goes on)."""
    decade = 1.0
    while True:
        for m in (10.0, 20.0, 50.0):
            if m * decade >= n:
                return m * decade
        decade *= 10.0

