"""How the six optimizers fare on the five beaches with character, from the same seeded starts.

On each beach (dunes, decoys, saddle, valley, banana) every optimizer walks the same STARTS seeded
starts spread over the sand, with the beach's own settings. Step sizes: gd takes the beach's own lr
(the one its scenario shows off with); momentum and nesterov a tenth of it, which with μ = 0.9 is
the same top speed down a steady slope; adagrad 1, rmsprop 0.05 and adam 0.1, whose steps are
about lr metres per axis whatever the slope (adagrad's shrink as 1/√t). Each row counts the starts
that ended at the real watermelon, trapped (in a hollow, at a decoy, on the saddle), or elsewhere
(in the sea, or still walking when the steps ran out), and the median steps of those that hit.

Writes optimizers_on_beaches.csv (one row per beach and optimizer) and optimizers_on_beaches.png
(per beach: each optimizer's share of starts at the real watermelon against its median steps).
"""
from __future__ import annotations

import math

from common import options
from sim import SCENARIOS, sweep
from sim.beaches import BEACH_NAMES
from sim.optimizers import OPTIMIZER_NAMES
from sim.output import csv_text, write_atomic

STARTS = 100
PACE = {"adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3}   # lr of the optimizers whose steps are ~lr metres
TRAPS = ("hollow", "decoy", "saddle")
BAR_GAP = 0.14   # beach-axis units between the bars of one beach
COLUMNS = ("beach", "optimizer", "lr", "starts", "share_at_watermelon", "share_trapped", "share_elsewhere",
           "hit", "stuck", "diverged", "max_steps", "median_steps")


def step_size(beach: str, optimizer: str) -> float:
    """The lr ``optimizer`` walks ``beach`` with (see the module's docstring)."""
    s = SCENARIOS[beach]
    if optimizer in ("momentum", "nesterov"):
        return s.lr * (1 - s.momentum)
    return PACE.get(optimizer, s.lr)


def compare() -> list[tuple]:
    """One row of COLUMNS per beach and optimizer."""
    rows = []
    for beach in BEACH_NAMES:
        for name in OPTIMIZER_NAMES:
            lr = step_size(beach, name)
            (row,) = sweep(SCENARIOS[beach].replace(optimizer=name), [lr], STARTS).rows
            at = row.ended_at or {"watermelon": row.outcomes["hit"]}
            home = at["watermelon"]
            trapped = sum(at.get(t, 0) for t in TRAPS)
            o = row.outcomes
            rows.append((beach, name, lr, STARTS, home / STARTS, trapped / STARTS, 1 - (home + trapped) / STARTS,
                         o["hit"], o["stuck"], o["diverged"], o["max_steps"], row.median_steps))
    return rows


def main() -> None:
    args = options(__doc__.splitlines()[0])
    from game.chart import PALETTE, ChartSpec, Series, render_charts_png
    from game.i18n import tr

    lang = args.lang
    rows = compare()
    write_atomic(args.out / "optimizers_on_beaches.csv", csv_text(COLUMNS, rows).encode())
    beaches = " · ".join(f"{i} {b}" for i, b in enumerate(BEACH_NAMES, 1))
    x_label, x_range = tr("axis.beach_numbered", lang, name=beaches), (0.5, len(BEACH_NAMES) + 0.5)
    charts = []
    for column, title, log, y_range in ((4, "axis.share_at_watermelon", False, (0, 1.05)),
                                        (11, "axis.median_steps_to_hit", True, (1, 1000))):
        series = []
        for j, name in enumerate(OPTIMIZER_NAMES):   # each optimizer's bars: thick segments from the axis up
            xs, ys = [], []
            for i, beach in enumerate(BEACH_NAMES, 1):
                (row,) = (r for r in rows if r[:2] == (beach, name))
                x = i + (j - (len(OPTIMIZER_NAMES) - 1) / 2) * BAR_GAP
                xs += [x, x, math.nan]
                ys += [y_range[0], math.nan if row[column] is None else row[column], math.nan]
            series.append(Series(name, xs, ys, PALETTE[j % len(PALETTE)], "line", 16))
        label = tr(title, lang)
        charts.append(ChartSpec(label[:1].upper() + label[1:], x_label, label, series, y_log=log,
                                x_range=x_range, y_range=y_range, legend=column == 4))
    render_charts_png(charts, args.out / "optimizers_on_beaches.png", size=(1920, 620), cols=2)

    for beach in BEACH_NAMES:
        print(f"{beach}: " + ", ".join(
            f"{name} {home:.0%}" + ("" if trapped == 0 else f" ({trapped:.0%} trapped)")
            + ("" if steps is None else f" in {steps:g}")
            for _, name, _, _, home, trapped, _, *_, steps in (r for r in rows if r[0] == beach)))
    print(f"wrote {args.out / 'optimizers_on_beaches.csv'} and {args.out / 'optimizers_on_beaches.png'}")


if __name__ == "__main__":
    main()
