"""Benchmark: 10,000 players x 1,000 steps of the numerical-gradient walk on the squared loss.

Prints agent-steps per second of the vectorised Swarm, and of a plain per-player loop in the
textbook numerical_gradient style measured in the same run (on a sample of players, since the
loop would take minutes for all), and their ratio. Target: at least 300 times the loop.
Run: uv run python benchmarks/bench_walk.py
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from sim import Scenario, Swarm

PLAYERS, STEPS = 10_000, 1_000
LOOP_PLAYERS, LOOP_STEPS = 50, 200
TARGET_RATIO = 300


def textbook_numerical_gradient(f, x: np.ndarray, h: float) -> np.ndarray:
    """The textbook's loop: nudge one coordinate at a time by ±h and taste f."""
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
    return grad


def textbook_walk(starts: np.ndarray, target: np.ndarray, lr: float, h: float, steps: int) -> np.ndarray:
    """Each player in turn, each step in turn: x -= lr * grad."""
    def f(p):
        return 0.5 * np.sum((p - target) ** 2)
    finals = np.empty_like(starts)
    for i, start in enumerate(starts):
        x = start.copy()
        for _ in range(steps):
            x -= lr * textbook_numerical_gradient(f, x, h)
        finals[i] = x
    return finals


def main() -> None:
    scenario = Scenario(reach=0.0, tol=0.0, lr=0.01, max_steps=STEPS)  # everyone walks every step
    rng = scenario.rng()
    x0, y0 = rng.uniform(-10, 10, PLAYERS), rng.uniform(-10, 10, PLAYERS)

    times = []
    for _ in range(3):
        t = time.perf_counter()
        swarm = Swarm(scenario, x0, y0).run()
        times.append(time.perf_counter() - t)
    swarm_time = min(times)
    swarm_rate = PLAYERS * STEPS / swarm_time

    starts = np.stack([x0[:LOOP_PLAYERS], y0[:LOOP_PLAYERS]], axis=1)
    t = time.perf_counter()
    finals = textbook_walk(starts, np.array(scenario.target), scenario.lr, scenario.h, LOOP_STEPS)
    loop_rate = LOOP_PLAYERS * LOOP_STEPS / (time.perf_counter() - t)

    check = Swarm(scenario.replace(max_steps=LOOP_STEPS), x0[:LOOP_PLAYERS], y0[:LOOP_PLAYERS]).run()
    same = np.array_equal(finals[:, 0], check.x) and np.array_equal(finals[:, 1], check.y)

    ratio = swarm_rate / loop_rate
    print(f"swarm:    {PLAYERS:,} players x {STEPS:,} steps in {swarm_time:.3f} s "
          f"(best of 3; median {statistics.median(times):.3f} s) = {swarm_rate / 1e6:.1f} M agent-steps/s")
    print(f"textbook: {LOOP_PLAYERS} players x {LOOP_STEPS} steps per-player loop = "
          f"{loop_rate / 1e3:.1f} k agent-steps/s")
    print(f"ratio:    {ratio:,.0f}x the textbook loop (target >= {TARGET_RATIO}x: "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    print(f"same final positions as the loop, bit for bit: {same}")


if __name__ == "__main__":
    main()
