"""Benchmark: `learn` with its defaults, and the digits landscape's heatmap.

Run: uv run python benchmarks/bench_learn.py
Prints the median of REPEATS runs of: training with learn's defaults (softmax regression, 30
epochs of minibatch gradient descent on 1,438 samples), the landscape's one-off set-up (training
plus the plane), the loss and the accuracy heatmaps (the window's 112 x 112 grid), and, in the
same run, the heatmap scored by the network's generic forward pass at each point's weights: the
ratio is what precomputing X·w*, X·d1 and X·d2 buys.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from sim.learning.landscape import DigitsLandscape
from sim.learning.learn import LearnSettings, learn

REPEATS = 5
GRID = 112          # game/drawers/heatmap.GRID: the window's heatmap resolution
GENERIC_POINTS = 256   # the generic forward pass is timed on this many points and scaled up


def median_s(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    settings = LearnSettings()
    result = learn(settings)
    steps = settings.epochs * -(-len(result.data.x_train) // settings.batch)
    t_learn = median_s(lambda: learn(settings))
    print(f"{f'learn defaults ({steps:,} steps, {settings.epochs} epochs):':52}{t_learn:.3f} s median, "
          f"validation accuracy {100 * result.curves[-1, 3]:.1f}%")
    t_setup = median_s(lambda: DigitsLandscape(learn(settings, keep_weights=True)))
    print(f"landscape set-up (training + plane):                {t_setup:.3f} s median")

    land = DigitsLandscape(result)
    xs = np.linspace(-12, 12, GRID)
    gx, gy = np.meshgrid(xs, xs)
    t_loss = median_s(lambda: land.loss(gx, gy, 3.0, 2.0))
    t_acc = median_s(lambda: land.accuracy(gx, gy, 3.0, 2.0))
    points = gx.size
    print(f"{f'loss heatmap, {GRID}x{GRID} = {points:,} points:':52}{t_loss:.3f} s median "
          f"({points / t_loss / 1e3:.1f} k points/s)")
    print(f"accuracy heatmap, same grid:                        {t_acc:.3f} s median")

    px, py = gx.ravel()[:GENERIC_POINTS], gy.ravel()[:GENERIC_POINTS]
    data = result.data

    def generic() -> None:
        for lo in range(0, GENERIC_POINTS, 32):
            ws = land.weights_at(px[lo:lo + 32], py[lo:lo + 32], 3.0, 2.0)
            land.network.loss_value(ws, data.x_train, data.t_train)
    t_generic = median_s(generic, 3) * points / GENERIC_POINTS
    same = np.allclose(land.loss(px[:32], py[:32], 3.0, 2.0),
                       land.network.loss_value(land.weights_at(px[:32], py[:32], 3.0, 2.0), data.x_train, data.t_train),
                       rtol=1e-12)
    print(f"the same heatmap by the generic forward pass:       {t_generic:.3f} s (scaled from {GENERIC_POINTS:,} "
          f"points); affine slice {t_generic / t_loss:.1f}x faster, same losses: {same}")


if __name__ == "__main__":
    main()
