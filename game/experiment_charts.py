"""Charts of the step-size experiments (sweep, race, population), in English or Japanese.

Each function turns a sim result into ChartSpecs for game.chart, which draws them in the window
or saves them headless; ``save_sweep_png`` writes the sweep's PNG. The race's and the
population's charts live in the window's panel, and their PNGs are the final scene
(game.scene.render_png).
"""
from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from game.chart import PALETTE, ChartSpec, Marker, Series, render_charts_png
from game.i18n import OPTIMIZER_SHORT, tr
from sim.walking.population import PopulationResult
from sim.walking.sweep import REGIMES, SweepResult
from sim.walking.walk import WalkResult

BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, CHARCOAL, _ = PALETTE
# The population's groups: legend key, colour, line width, field prefix of PopulationRow.
GROUPS = (("legend.group_a", BLUE, 3, "a"), ("legend.group_b", VERMILLION, 2, "b"))
REGIME_COLORS = {"too-small": SKY, "monotone": GREEN, "oscillating": ORANGE, "cycling": PURPLE,
                 "diverging": VERMILLION, "stuck": CHARCOAL}
PLACE_COLORS = {"watermelon": GREEN, "hollow": ORANGE, "decoy": VERMILLION, "saddle": SKY, "elsewhere": CHARCOAL}


def regime_label(regime: str, lang: str) -> str:
    """The regime's name in ``lang``."""
    return tr(f"regime.{regime}", lang)


EDGE_COLOR = CHARCOAL   # theory's edges among optimizers' lines: no optimizer's colour (PALETTE[:6])


def _edge_markers(result: SweepResult, lang: str) -> list[Marker]:
    """Theory's edges, which hold for plain gd with a constant lr and no noise.

    Alone, gd's edges take the colours of the regimes they bound; among several optimizers they are
    EDGE_COLOR (dashed, where the optimizers' lines are solid) and their labels say they are gd's.
    """
    e, s = result.edges, result.scenario
    marks: list[Marker] = []
    if "gd" not in result.optimizers or not s.lr_schedule.constant or s.noise:
        return marks
    several = len(result.optimizers) > 1
    key = "legend.gd_edge_" if several else "legend.edge_"
    if e.one_step_lr is not None:
        marks.append(Marker(e.one_step_lr, tr(key + "one_step", lang, lr=e.one_step_lr),
                            EDGE_COLOR if several else GREEN))
    if e.diverge_lr is not None:
        marks.append(Marker(e.diverge_lr, tr(key + "diverge", lang, lr=e.diverge_lr),
                            EDGE_COLOR if several else VERMILLION))
    return marks


RATE_RANGE = (0.0, 1.18)  # headroom above a hit rate of 1 for the edge labels


def _lr_range(result: SweepResult, marks: list[Marker]) -> tuple[float, float]:
    """Whole decades round every step size and edge: the same lr axis on every sweep chart."""
    span = np.concatenate(([r.lr for r in result.rows], [m.x for m in marks]))
    lo, hi = 10.0 ** np.floor(np.log10(span.min())), 10.0 ** np.ceil(np.log10(span.max()))
    return lo, hi if hi > lo else 10 * lo


def sweep_charts(result: SweepResult, lang: str = "en") -> list[ChartSpec]:
    """Hit rate, steps to hit and final loss against lr (log axes), coloured by regime, edges marked.

    Steps to hit are drawn only where at least half of the starts hit, so that a few lucky
    starts near the watermelon do not pass for a typical walk. A sweep of several optimizers
    draws one line per optimizer instead, in its own colour, named in the legend.
    """
    if len(result.optimizers) > 1:
        return _optimizer_sweep_charts(result, lang)
    rows = result.rows
    lrs = np.array([r.lr for r in rows])
    rate = np.array([r.hit_rate for r in rows])
    steps = np.array([np.nan if r.median_steps is None or r.hit_rate < 0.5 else r.median_steps for r in rows])
    loss = np.array([r.median_final_loss for r in rows])
    regimes = np.array([r.regime for r in rows])
    title = tr("chart.sweep", lang)
    marks = _edge_markers(result, lang)
    x_range = _lr_range(result, marks)
    specs = []
    for key, ys, log in (("axis.hit_rate", rate, False), ("axis.steps_to_hit", steps, True),
                         ("axis.final_loss", loss, True)):
        series = [Series("", lrs, ys, CHARCOAL, "line", 2)]
        series += [Series(regime_label(g, lang), lrs[regimes == g], ys[regimes == g], REGIME_COLORS[g], "points", 3)
                   for g in REGIMES if (regimes == g).any()]
        label = tr(key, lang)
        specs.append(ChartSpec(tr("chart.detail", lang, title=title, detail=label), tr("axis.lr", lang), label,
                               series, x_log=True, y_log=log, x_range=x_range,
                               y_range=None if log else RATE_RANGE, markers=marks, legend=key == "axis.hit_rate"))
    if result.places:   # a beach with several listed points: where its starts ended, per lr
        share = tr("axis.share_of_starts", lang)
        series = [Series(tr(f"place.{p}", lang), lrs, [r.ended_at[p] / r.players for r in rows], PLACE_COLORS[p],
                         "line", 3 if p == "watermelon" else 2) for p in result.places]
        specs.append(ChartSpec(tr("chart.detail", lang, title=title, detail=tr("chart.ended_at", lang)),
                               tr("axis.lr", lang), share, series, x_log=True, x_range=x_range, y_range=RATE_RANGE,
                               markers=marks))
    return specs


def save_sweep_png(result: SweepResult, path: str | os.PathLike, lang: str = "en") -> None:
    """The sweep charts in one PNG: three side by side, or two by two with where the starts ended."""
    specs = sweep_charts(result, lang)
    render_charts_png(specs, path, size=(1920, 560) if len(specs) == 3 else (1600, 1000), cols=3 if len(specs) == 3 else 2)


def race_charts(results: Sequence[WalkResult], lang: str = "en", *, log: bool = True,
                x_max: float | None = None) -> list[ChartSpec]:
    """Every racer's loss and signed offset from the watermelon against step, one colour each
    (the racer's number in PALETTE), a dot at each racer's latest row; each named by its lr, and
    in a race of optimizers (unless every racer is gd) by its optimizer too.

    The loss axis is logarithmic when ``log`` and every loss is positive. The offset is the
    distance to the watermelon, negative once the racer has passed it (measured along the line
    from the watermelon to the start), so overshooting shows as a zigzag; its chart's title and
    y axis say so. ``x_max`` fixes the step axis to 0..x_max (the live
    window's, which grows in round steps).
    """
    losses = [np.array([t.loss for t in r.trace], float) for r in results]
    finite = np.concatenate([v[np.isfinite(v)] for v in losses]) if losses else np.zeros(0)
    log = log and finite.size > 0 and bool((finite > 0).all())
    loss, offset = [], []
    named = {r.scenario.optimizer for r in results} != {"gd"}   # a race of optimizers names them
    for i, (r, ys) in enumerate(zip(results, losses)):
        color = PALETTE[i % len(PALETTE)]
        label = tr("legend.racer", lang, name=OPTIMIZER_SHORT[r.scenario.optimizer], lr=r.scenario.lr) if named \
            else tr("legend.lr", lang, lr=r.scenario.lr)
        steps = np.array([t.step for t in r.trace], float)
        off = signed_offsets(r)
        loss += [Series(label, steps, ys, color, "line", 2), Series("", steps[-1:], ys[-1:], color, "points", 2)]
        offset += [Series(label, steps, off, color, "line", 2), Series("", steps[-1:], off[-1:], color, "points", 2)]
    x_range = None if x_max is None else (0.0, float(x_max))
    scale = tr("chart.log_scale" if log else "chart.linear_scale", lang)
    title = tr("chart.race_optimizers" if named else "chart.race", lang)
    return [ChartSpec(f"{title} ({scale})", tr("axis.step", lang), tr("axis.loss", lang), loss,
                      y_log=log, x_range=x_range),
            ChartSpec(tr("chart.offset", lang), tr("axis.step", lang), tr("axis.offset_m", lang), offset,
                      x_range=x_range, legend=False)]


def signed_offsets(result: WalkResult) -> np.ndarray:
    """Per trace row: (p − t)·u in metres, u the unit vector from the watermelon to the start."""
    tx, ty = result.scenario.target
    x = np.array([t.x for t in result.trace]) - tx
    y = np.array([t.y for t in result.trace]) - ty
    norm = np.hypot(x[0], y[0])
    if norm == 0:  # started on the watermelon: no direction to measure along
        return np.hypot(x, y)
    return (x * x[0] + y * y[0]) / norm


def population_charts(result: PopulationResult, lang: str = "en", *, x_max: float | None = None) -> list[ChartSpec]:
    """Mean loss and hit rate against step, a line for group A and one for group B (the article's
    two closing charts in form; both groups walk the same beach). ``x_max`` fixes the step axis to
    0..x_max."""
    step = np.array([r.step for r in result.rows], float)
    x_range = None if x_max is None else (0.0, float(x_max))

    def chart(title: str, y_label: str, field: str, y_range=None) -> ChartSpec:
        series = [Series(tr(label, lang), step, [getattr(r, f"{prefix}_{field}") for r in result.rows], color,
                         "line", width) for label, color, width, prefix in GROUPS]
        return ChartSpec(tr(title, lang), tr("axis.step", lang), tr(y_label, lang), series, x_range=x_range,
                         y_range=y_range)

    return [chart("chart.population_loss", "axis.mean_loss", "loss"),
            chart("chart.population_accuracy", "axis.hit_rate", "hit_rate", (0.0, 1.0))]


def _optimizer_sweep_charts(result: SweepResult, lang: str) -> list[ChartSpec]:
    """sweep_charts for several optimizers: per optimizer a line of hit rate, steps to hit, final
    loss and (on a beach with traps: hollows, decoys, a saddle) the share that ended in them."""
    title = tr("chart.sweep", lang)
    marks = _edge_markers(result, lang)
    x_range = _lr_range(result, marks)
    charts = [("axis.hit_rate", lambda r: r.hit_rate, False),
              ("axis.steps_to_hit", lambda r: np.nan if r.median_steps is None or r.hit_rate < 0.5 else r.median_steps,
               True),
              ("axis.final_loss", lambda r: r.median_final_loss, True)]
    traps = [p for p in result.places if p not in ("watermelon", "elsewhere")]   # hit is the hit rate
    if traps:
        charts.append(("chart.ended_at", lambda r: sum(r.ended_at[p] for p in traps) / r.players, False))
    specs = []
    for key, value, log in charts:
        label = detail = tr(key, lang)
        if key == "chart.ended_at":   # the share of starts caught in the beach's traps
            where = ", ".join(tr(f"place.{p}", lang) for p in traps)
            detail, label = tr("chart.detail", lang, title=detail, detail=where), tr("axis.share_of_starts", lang)
        series = []
        for i, name in enumerate(result.optimizers):
            rows = [r for r in result.rows if r.optimizer == name]
            lrs, ys = [r.lr for r in rows], [value(r) for r in rows]
            color = PALETTE[i % len(PALETTE)]
            series += [Series(name, lrs, ys, color, "line", 2), Series("", lrs, ys, color, "points", 2)]
        specs.append(ChartSpec(tr("chart.detail", lang, title=title, detail=detail), tr("axis.lr", lang), label,
                               series, x_log=True, y_log=log, x_range=x_range,
                               y_range=None if log else RATE_RANGE, markers=marks, legend=key == "axis.hit_rate"))
    return specs
