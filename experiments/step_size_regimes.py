"""Step-size regimes on the squared loss: too small, monotone, oscillating, diverging.

On E = ½|p − t|² gradient descent multiplies the offset from the watermelon by (1 − lr) each
step, so a walk needs k = ⌈log(reach / d₀) / log|1 − lr|⌉ steps to come within reach. The script
races six step sizes (their signed offsets show the four regimes), sweeps 48 step sizes from the
scenario's start, and draws the simulated steps to hit on top of that formula, with theory's
edges lr = 1 (one-step hit) and lr = 2 (divergence) marked.

Writes step_size_regimes.csv (one row per lr) and step_size_regimes.png.
"""
from __future__ import annotations

import math

import numpy as np

from common import options
from sim import Scenario
from sim.reports.files import csv_text, write_atomic
from sim.walking.race import Race
from sim.walking.sweep import SWEEP_COLUMNS, sweep

RACERS = (0.05, 0.5, 1.0, 1.5, 2.1)
SCENARIO = Scenario(bounds=(-40.0, 40.0, -40.0, 40.0), max_steps=120)  # room to swing before the sea


def theory_steps(lr: float, d0: float, reach: float, max_steps: int) -> float:
    """Steps to come within reach on the squared loss, or NaN where that takes over max_steps."""
    ratio = abs(1 - lr)
    if d0 < reach:
        return 0.0
    if ratio == 0:
        return 1.0
    if ratio >= 1:
        return math.nan
    k = math.ceil(math.log(reach / d0) / math.log(ratio))
    return float(k) if k <= max_steps else math.nan


def main() -> None:
    args = options(__doc__.splitlines()[0])
    from game.chart import PALETTE, ChartSpec, Marker, Series, render_charts_png
    from game.i18n import tr

    lang = args.lang
    lrs = np.geomspace(0.01, 3.0, 48)
    result = sweep(SCENARIO, lrs, starts=1)
    d0 = math.dist(SCENARIO.start, SCENARIO.target)
    theory = np.array([theory_steps(r.lr, d0, SCENARIO.reach, SCENARIO.max_steps) for r in result.rows])
    simulated = np.array([math.nan if r.median_steps is None else r.median_steps for r in result.rows])
    rows = [(*r.values(), None if math.isnan(t) else float(t)) for r, t in zip(result.rows, theory)]
    write_atomic(args.out / "step_size_regimes.csv", csv_text((*SWEEP_COLUMNS, "theory_steps"), rows).encode())

    racers = Race(SCENARIO, RACERS).run()
    tx, ty = SCENARIO.target
    ux, uy = (SCENARIO.start[0] - tx) / d0, (SCENARIO.start[1] - ty) / d0
    offsets = [Series(tr("legend.lr", lang, lr=r.scenario.lr), [t.step for t in r.trace],
                      [(t.x - tx) * ux + (t.y - ty) * uy for t in r.trace], PALETTE[i], "line", 3)
               for i, r in enumerate(racers)]
    walk_chart = ChartSpec(tr("chart.race", lang), tr("axis.step", lang), tr("axis.offset", lang), offsets,
                           x_range=(0, 20), y_range=(-25, 25))
    edges = [Marker(result.edges.one_step_lr, tr("legend.edge_one_step", lang, lr=result.edges.one_step_lr),
                    PALETTE[2]),
             Marker(result.edges.diverge_lr, tr("legend.edge_diverge", lang, lr=result.edges.diverge_lr),
                    PALETTE[1])]
    steps_chart = ChartSpec(tr("chart.detail", lang, title=tr("chart.sweep", lang),
                                       detail=tr("axis.steps_to_hit", lang)), tr("axis.lr", lang),
                            tr("axis.steps_to_hit", lang),
                            [Series(tr("legend.theory", lang), lrs, theory, PALETTE[6], "line", 2),
                             Series(tr("legend.simulated", lang), lrs, simulated, PALETTE[0], "points", 3)],
                            x_log=True, y_log=True, x_range=(0.01, 10), markers=edges)
    render_charts_png([walk_chart, steps_chart], args.out / "step_size_regimes.png", size=(1440, 560))

    agree = int(np.sum((theory == simulated) | (np.isnan(theory) & np.isnan(simulated))))
    print(f"{agree} of {len(lrs)} step sizes hit after exactly the steps theory predicts; "
          f"regimes: " + ", ".join(f"{r.lr:.3g} {r.regime}" for r in result.rows[::8]))
    print(f"wrote {args.out / 'step_size_regimes.csv'} and {args.out / 'step_size_regimes.png'}")


if __name__ == "__main__":
    main()
