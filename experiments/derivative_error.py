"""The numerical derivative's error against the probe size h: truncation versus rounding.

The cook tastes after a pinch of salt: too big a pinch and the taste changes for other reasons
(truncation error, ~h² for the central difference on a curved loss: |f'''| h² / 6), too small a
pinch and the scales cannot tell the difference (rounding error, ~ε|f| / h with ε the machine
epsilon). The best h lies between, near (3ε|f| / |f'''|)^(1/3). The central difference is exact
on a quadratic, so on the squared loss only rounding remains; the forward difference
(f(x+h) − f(x)) / h has truncation error ~h and a best h near √ε.

The script measures |numerical − exact| dL/dx of the distance loss at one point for 71 values of
h from 1e-14 to 1 m, marks the best h found, and writes derivative_error.csv and .png; it also
prints the median best h over 200 seeded random players.
"""
from __future__ import annotations

import math

import numpy as np

from common import options
from sim import make_loss, numerical_gradient
from sim.reports.files import csv_text, write_atomic

X, Y = -1.0, 0.5          # the player (m)
TX, TY = 3.0, 2.0         # the watermelon (m)
HS = np.logspace(-14, 0, 71)
EPS = float(np.finfo(float).eps)
TEXTBOOK_H = 1e-4         # Deep Learning from Scratch's choice (the article gives no h)
POINTS = 200              # seeded random players over which the best h's median is taken


def errors(name: str, x: float = X, y: float = Y) -> tuple[np.ndarray, np.ndarray, float]:
    """(central error, forward error, exact dL/dx) of loss ``name`` at (x, y) for every h in HS."""
    loss = make_loss(name)
    exact = float(loss.gradient(np.array([x]), np.array([y]), TX, TY)[0][0])
    central = np.array([numerical_gradient(loss, np.array([x]), np.array([y]), TX, TY, h)[1][0] for h in HS])
    here = float(loss(np.array([x]), np.array([y]), TX, TY)[0])
    forward = np.array([(float(loss(np.array([x + h]), np.array([y]), TX, TY)[0]) - here) / h for h in HS])
    return np.abs(central - exact), np.abs(forward - exact), exact


def main() -> None:
    args = options(__doc__.splitlines()[0])
    from game.chart import PALETTE, ChartSpec, Marker, Series, format_tick, render_chart_png
    from game.i18n import tr

    lang = args.lang
    central, forward, exact = errors("distance")
    squared, _, _ = errors("squared")
    u, v = X - TX, Y - TY
    d = math.hypot(u, v)
    third = abs(-3 * u * v * v / d**5)                  # ∂³d/∂x³ of the distance loss
    truncation = third * HS**2 / 6
    rounding = EPS * d / HS
    best = float(HS[np.argmin(central)])
    theory_best = (3 * EPS * d / third) ** (1 / 3)
    write_atomic(args.out / "derivative_error.csv",
                 csv_text(("h", "central_error_distance", "forward_error_distance", "central_error_squared",
                           "truncation_estimate", "rounding_estimate"),
                          zip(*(a.tolist() for a in (HS, central, forward, squared, truncation, rounding)))).encode())

    tiny = 1e-18  # exact zeros cannot sit on a log axis; draw them at the floor
    chart = ChartSpec(
        tr("chart.derivative_error", lang), tr("axis.h", lang), tr("axis.derivative_error", lang),
        [Series(tr("legend.central", lang), HS, central, PALETTE[0], "line", 3),
         Series(tr("legend.forward", lang), HS, forward, PALETTE[4], "line", 2),
         Series(tr("legend.central_squared", lang), HS, np.maximum(squared, tiny), PALETTE[2], "points", 2),
         Series(tr("legend.truncation", lang), HS, truncation, PALETTE[6], "line", 1),
         Series(tr("legend.rounding", lang), HS, rounding, PALETTE[3], "line", 1)],
        x_log=True, y_log=True, y_range=(1e-18, 10),
        markers=[Marker(best, tr("legend.best_h", lang, h=format_tick(best, log=True)), PALETTE[0]),
                 Marker(TEXTBOOK_H, tr("legend.textbook_h", lang), PALETTE[6])])
    render_chart_png(chart, args.out / "derivative_error.png", size=(1280, 720))

    print(f"exact dL/dx = {exact:.15g} at ({X:g}, {Y:g}); best h = {best:.1e} with error {central.min():.1e} "
          f"(theory: h ≈ {theory_best:.1e}); at h = 1e-4 the error is "
          f"{central[np.argmin(abs(HS - TEXTBOOK_H))]:.1e}; forward difference at best {forward.min():.1e} "
          f"at h = {HS[np.argmin(forward)]:.1e}")
    rng = np.random.default_rng(0)
    bests = [HS[np.argmin(errors("distance", *rng.uniform(-10, 10, 2))[0])] for _ in range(POINTS)]
    print(f"over {POINTS} seeded random players on the sand the best h has median {np.median(bests):.1e}")
    print(f"wrote {args.out / 'derivative_error.csv'} and {args.out / 'derivative_error.png'}")


if __name__ == "__main__":
    main()
