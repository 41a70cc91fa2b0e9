"""Benchmark: 10,000 players x 1,000 steps of the numerical-gradient walk on the squared loss.

Prints agent-steps per second of the vectorised Swarm (best and median of several runs: the
machine may be shared), and of a plain per-player loop in the textbook numerical_gradient style
measured in the same run (on a sample of players, since the loop would take minutes for all),
and their ratio. Target: at least 300 times the loop. Then the same 10,000 players x 1,000 steps
walked by Adam (sim.walking.optimizers), whose state is two more (2, m) arrays, and 300 steps of the
squared loss written as a custom expression (the generic path: the expression evaluated on the
probe stack, in scratch arrays it keeps from call to call).
Run: uv run python benchmarks/bench_walk.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from sim import Scenario, Swarm

PLAYERS, STEPS = 10_000, 1_000
LOOP_PLAYERS, LOOP_STEPS = 50, 200
TARGET_RATIO = 300
SCENARIO = Scenario(reach=0.0, tol=0.0, lr=0.01, max_steps=STEPS)   # everyone walks every step
GENERIC = SCENARIO.replace(expr="((x - tx)**2 + (y - ty)**2) / 2", max_steps=300)
ADAM = SCENARIO.replace(optimizer="adam")


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


def starts() -> tuple[np.ndarray, np.ndarray]:
    """The players' starts (m), from the scenario's seed."""
    rng = SCENARIO.rng()
    return rng.uniform(-10, 10, PLAYERS), rng.uniform(-10, 10, PLAYERS)


def swarm_rates(scenario: Scenario, runs: int) -> list[float]:
    """Agent-steps per second of each of ``runs`` whole walks of every player."""
    x0, y0 = starts()
    rates = []
    for _ in range(runs):
        began = time.perf_counter()
        Swarm(scenario, x0, y0).run()
        rates.append(PLAYERS * scenario.max_steps / (time.perf_counter() - began))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the swarm (best and median shown)")
    args = parser.parse_args()

    rates = swarm_rates(SCENARIO, args.runs)
    best, median = max(rates), statistics.median(rates)

    x0, y0 = starts()
    sample = np.stack([x0[:LOOP_PLAYERS], y0[:LOOP_PLAYERS]], axis=1)
    began = time.perf_counter()
    finals = textbook_walk(sample, np.array(SCENARIO.target), SCENARIO.lr, SCENARIO.h, LOOP_STEPS)
    loop_rate = LOOP_PLAYERS * LOOP_STEPS / (time.perf_counter() - began)

    check = Swarm(SCENARIO.replace(max_steps=LOOP_STEPS), x0[:LOOP_PLAYERS], y0[:LOOP_PLAYERS]).run()
    same = np.array_equal(finals[:, 0], check.x) and np.array_equal(finals[:, 1], check.y)

    ratio = best / loop_rate
    print(f"swarm:    {PLAYERS:,} players x {STEPS:,} steps: best {best / 1e6:.1f}, median {median / 1e6:.1f} "
          f"M agent-steps/s ({args.runs} runs)")
    print(f"textbook: {LOOP_PLAYERS} players x {LOOP_STEPS} steps per-player loop = "
          f"{loop_rate / 1e3:.1f} k agent-steps/s")
    print(f"ratio:    {ratio:,.0f}x the textbook loop (target >= {TARGET_RATIO}x: "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    print(f"same final positions as the loop, bit for bit: {same}")

    adam = swarm_rates(ADAM, min(args.runs, 3))
    print(f"adam:     {PLAYERS:,} players x {STEPS:,} steps: best {max(adam) / 1e6:.1f} M agent-steps/s "
          f"({PLAYERS * STEPS / max(adam):.2f} s), {max(adam) / best:.0%} of gd's")

    generic = swarm_rates(GENERIC, min(args.runs, 3))
    print(f"expr:     the squared loss as a custom expression, {PLAYERS:,} players x {GENERIC.max_steps} steps: "
          f"best {max(generic) / 1e6:.1f} M agent-steps/s, {max(generic) / best:.0%} of the built-in loss's")


if __name__ == "__main__":
    main()
