"""How the six optimizers fare on the five beaches with character, from the same seeded starts.

On each beach (dunes, decoys, saddle, valley, banana) every optimizer walks the same STARTS seeded
starts spread over the sand, with the beach's own settings. Step sizes: gd takes the beach's own lr
(the one its scenario shows off with); momentum and nesterov a tenth of it, which with μ = 0.9 is
the same top speed down a steady slope; adagrad 1.5, rmsprop 0.1 and adam 0.3 (PACE), whose steps
are about lr metres per axis whatever the slope (adagrad's shrink as 1/√t). Each row counts the starts
that ended at the real watermelon, trapped (in a hollow, at a decoy, on the saddle), or elsewhere
(in the sea, or still walking when the steps ran out), and the median steps of those that hit.

Writes optimizers_on_beaches.csv (one row per beach and optimizer) and optimizers_on_beaches.png
(two bar charts, a group of bars per beach named under it: each optimizer's share of starts at the
real watermelon, and its median steps to a hit).
"""
from __future__ import annotations

import math

from common import options
from sim import SCENARIOS, sweep
from sim.beach.beaches import BEACH_NAMES
from sim.walking.optimizers import OPTIMIZER_NAMES, comparable_lr
from sim.reports.files import csv_text, write_atomic

STARTS = 100
TRAPS = ("hollow", "decoy", "saddle")
SIZE = (1920, 620)   # pixels of the PNG: two charts side by side
BAR_STEP = 0.14   # beach-axis units from one optimizer's bar to the next within a beach's group
COLUMNS = ("beach", "optimizer", "lr", "starts", "share_at_watermelon", "share_trapped", "share_elsewhere",
           "hit", "stuck", "diverged", "max_steps", "median_steps")


def step_size(beach: str, optimizer: str) -> float:
    """The lr ``optimizer`` walks ``beach`` with (see the module's docstring)."""
    s = SCENARIOS[beach]
    return comparable_lr(optimizer, s.lr, s.momentum)


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


def charts(rows: list[tuple], lang: str) -> list:
    """The two bar charts (ChartSpec) of ``rows``: share at the watermelon, median steps to a hit."""
    from game.chart import PALETTE, ChartSpec, Series
    from game.i18n import tr

    names = [(i, tr(f"beach.{beach}", lang)) for i, beach in enumerate(BEACH_NAMES, 1)]
    specs = []
    for column, title, log, y_range in ((4, "axis.share_at_watermelon", False, (0, 1.05)),
                                        (11, "axis.median_steps_to_hit", True, (1, 1000))):
        series = []
        for j, name in enumerate(OPTIMIZER_NAMES):   # each optimizer's bar in every beach's group
            ys = [math.nan if row[column] is None else row[column]
                  for beach in BEACH_NAMES for row in rows if row[:2] == (beach, name)]
            xs = [i + (j - (len(OPTIMIZER_NAMES) - 1) / 2) * BAR_STEP for i in range(1, len(BEACH_NAMES) + 1)]
            series.append(Series(name, xs, ys, PALETTE[j % len(PALETTE)], "bars", bar_width=BAR_STEP * 0.85))
        label = tr(title, lang)
        specs.append(ChartSpec(label[:1].upper() + label[1:], tr("axis.beach", lang), label, series, y_log=log,
                               x_range=(0.5, len(BEACH_NAMES) + 0.5), y_range=y_range, legend=column == 4,
                               x_tick_labels=names))
    return specs


def main() -> None:
    args = options(__doc__.splitlines()[0])
    from game.chart import render_charts_png

    rows = compare()
    write_atomic(args.out / "optimizers_on_beaches.csv", csv_text(COLUMNS, rows).encode())
    render_charts_png(charts(rows, args.lang), args.out / "optimizers_on_beaches.png", size=SIZE, cols=2)

    for beach in BEACH_NAMES:
        print(f"{beach}: " + ", ".join(
            f"{name} {home:.0%}" + ("" if trapped == 0 else f" ({trapped:.0%} trapped)")
            + ("" if steps is None else f" in {steps:g}")
            for _, name, _, _, home, trapped, _, *_, steps in (r for r in rows if r[0] == beach)))
    print(f"wrote {args.out / 'optimizers_on_beaches.csv'} and {args.out / 'optimizers_on_beaches.png'}")


if __name__ == "__main__":
    main()
