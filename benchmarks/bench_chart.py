"""Benchmark: the median time to draw a live chart (a 2,000-point loss line in 460 x 300 px).

Run: uv run python benchmarks/bench_chart.py
Prints the median draw time in ms for a chart redrawn unchanged every frame, for one that gains a
point every frame (the live window while the walk runs), and for a log-scale race of 4 lines.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from game.chart import PALETTE, ChartSpec, Series, draw_chart  # noqa: E402

N, FRAMES = 2000, 600
RECT = pygame.Rect(800, 20, 460, 300)


def loss_curve(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A noisy decaying loss over n steps (10 % noise: a jagged line, the costly case)."""
    rng = np.random.default_rng(seed)
    steps = np.arange(n, dtype=float)
    return steps, 12.5 * np.exp(-steps / 300) * (1 + 0.1 * rng.standard_normal(n)) + 0.01


def median_ms(make_spec, frames: int = FRAMES) -> float:
    surface = pygame.Surface((1280, 720))
    times = []
    for i in range(frames):
        spec = make_spec(i)
        t0 = time.perf_counter()
        draw_chart(surface, RECT, spec)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def main() -> None:
    pygame.font.init()
    xs, ys = loss_curve(N)
    static = ChartSpec("Loss", "step", "loss", [Series("lr = 0.1", xs, ys, PALETTE[0])])
    print(f"static noisy 2,000-point line, 460x300: {median_ms(lambda i: static):.3f} ms median")
    smooth = ChartSpec("Loss", "step", "loss", [Series("lr = 0.1", xs, 12.5 * np.exp(-xs / 300), PALETTE[0])])
    print(f"static smooth 2,000-point line:         {median_ms(lambda i: smooth):.3f} ms median")

    def growing(i: int) -> ChartSpec:
        n = N - FRAMES + i + 1
        return ChartSpec("Loss", "step", "loss", [Series("lr = 0.1", xs[:n], ys[:n], PALETTE[0])])

    print(f"growing line (new point every frame):   {median_ms(growing):.3f} ms median")

    race = ChartSpec(
        "Loss", "step", "loss",
        [Series(f"lr = {lr}", *loss_curve(N, k), PALETTE[k]) for k, lr in enumerate((0.05, 0.5, 1.2, 1.9))],
        y_log=True,
    )
    print(f"race, 4 x 2,000 points, log y:           {median_ms(lambda i: race):.3f} ms median")


if __name__ == "__main__":
    main()
