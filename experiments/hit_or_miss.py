"""Why accuracy cannot be a loss: on the hit-or-miss loss the blindfolded player never moves.

The hit-or-miss loss is 0 within the stick's reach and 1 outside, like recognition accuracy: a
tiny step leaves it unchanged, so its numerical slope is exactly zero everywhere except within h
of the rim, where it spikes to ±1/(2h). The script samples both losses and their numerical slopes
along the line through the watermelon, and walks the same player on both: on the squared loss it
hits, on hit-or-miss it feels flat ground at its first step and stops.

Writes hit_or_miss.csv (the profile along the line) and hit_or_miss.png.
"""
from __future__ import annotations

import numpy as np

from common import options
from sim import Scenario, Walk, numerical_gradient
from sim.reports.files import csv_text, write_atomic

SQUARED = Scenario(start=(-6.0, 2.0))
HIT_OR_MISS = SQUARED.replace(loss="hit-or-miss")
SAMPLES = 801        # along x from the watermelon −4 m to +4 m
SLOPE_VIEW = 6.0     # the slope chart shows −6..6: the rim's spikes (±1/2h = ±5000) leave it


def profile(scenario: Scenario, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Loss and numerical dL/dx at (x, ty) for every x, as the player would feel them."""
    tx, ty = scenario.target
    loss, gx, _ = numerical_gradient(scenario.loss_fn, xs, np.full_like(xs, ty), tx, ty, scenario.h)
    return loss, gx


def main() -> None:
    args = options(__doc__.splitlines()[0])
    from game.chart import PALETTE, ChartSpec, Series, render_charts_png
    from game.i18n import tr

    lang = args.lang
    tx, reach, h = SQUARED.target[0], SQUARED.reach, SQUARED.h
    rim = [tx - reach - h / 2, tx - reach + h / 2, tx + reach - h / 2, tx + reach + h / 2]  # probes straddle it
    xs = np.unique(np.concatenate((np.linspace(tx - 4, tx + 4, SAMPLES), rim)))
    sq_loss, sq_slope = profile(SQUARED, xs)
    hm_loss, hm_slope = profile(HIT_OR_MISS, xs)
    write_atomic(args.out / "hit_or_miss.csv",
                 csv_text(("x", "loss_squared", "slope_squared", "loss_hit_or_miss", "slope_hit_or_miss"),
                          zip(*(a.tolist() for a in (xs, sq_loss, sq_slope, hm_loss, hm_slope)))).encode())

    walks = {"squared": Walk(SQUARED).run(), "hit-or-miss": Walk(HIT_OR_MISS).run()}
    sq_name, hm_name = tr("loss.squared", lang), tr("loss.hit-or-miss", lang)
    colors = {"squared": PALETTE[0], "hit-or-miss": PALETTE[1]}
    x_label = tr("axis.x", lang)
    charts = [
        ChartSpec(tr("chart.loss_profile", lang), x_label, tr("axis.loss", lang),
                  [Series(sq_name, xs, sq_loss, colors["squared"]),
                   Series(hm_name, xs, hm_loss, colors["hit-or-miss"], width=3)], y_range=(0, 8.5)),
        ChartSpec(tr("chart.slope", lang), x_label, "dL/dx",
                  [Series(sq_name, xs, sq_slope, colors["squared"]),
                   Series(hm_name, xs, hm_slope, colors["hit-or-miss"], width=3)],
                  y_range=(-SLOPE_VIEW, SLOPE_VIEW), legend=False),
        ChartSpec(tr("chart.loss_vs_step", lang), tr("axis.step", lang), tr("axis.loss", lang),
                  [Series(tr("legend.walk_outcome", lang, loss=tr(f"loss.{k}", lang),
                             outcome=tr(f"outcome_name.{w.outcome}", lang)),
                          [r.step for r in w.trace], [r.loss for r in w.trace], colors[k], "line", 3)
                   for k, w in walks.items()], x_range=(0, walks["squared"].steps)),
    ]
    render_charts_png(charts, args.out / "hit_or_miss.png", size=(1920, 560), cols=3)

    moving = xs[hm_slope != 0]
    print(f"hit-or-miss slope is exactly 0 at {np.count_nonzero(hm_slope == 0)} of {xs.size} points; "
          f"nonzero only at x = {', '.join(f'{x:.5f}' for x in moving)} (the rim at {tx - reach:g} and "
          f"{tx + reach:g} m), where it is ±{np.abs(hm_slope).max():g} = ±1/(2h)")
    for name, w in walks.items():
        print(f"{name}: {w.outcome} after {w.steps} steps at ({w.final.x:.3g}, {w.final.y:.3g})")
    print(f"wrote {args.out / 'hit_or_miss.csv'} and {args.out / 'hit_or_miss.png'}")


if __name__ == "__main__":
    main()
