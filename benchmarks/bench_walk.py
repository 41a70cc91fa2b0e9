"""Benchmark: 10,000 players x 1,000 steps of the numerical-gradient walk on the squared loss.

Prints agent-steps per second of the vectorised Swarm (best and median of several runs: the
machine may be shared), and of a plain per-player loop in the textbook numerical_gradient style
measured in the same run (on a sample of players, since the loop would take minutes for all),
and their ratio. Target: at least 300 times the loop. Last, what sim/walking/heap.py's malloc tuning is
worth: the same walks in a fresh interpreter with SUIKAWARI_NO_HEAP_TUNING=1, for the squared
loss (which works in buffers kept from step to step) and for the same loss written as a custom
expression (the generic path, whose temporaries are made anew every step). And the same 10,000
players x 1,000 steps walked by Adam (sim.walking.optimizers), whose state is two more (2, m) arrays.
Run: uv run python benchmarks/bench_walk.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
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


def best_rates(runs: int) -> dict[str, float]:
    """Best agent-steps per second of the squared walk and of its generic-path twin."""
    return {"squared": max(swarm_rates(SCENARIO, runs)), "generic": max(swarm_rates(GENERIC, runs))}


def untuned_rates(runs: int) -> dict[str, float]:
    """best_rates in a fresh interpreter with the malloc tuning switched off."""
    env = dict(os.environ, SUIKAWARI_NO_HEAP_TUNING="1")
    ran = subprocess.run([sys.executable, __file__, "--rates", "--runs", str(runs)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(ran.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the swarm (best and median shown)")
    parser.add_argument("--rates", action="store_true", help="print only best_rates as JSON")
    args = parser.parse_args()
    if args.rates:
        print(json.dumps(best_rates(args.runs)))
        return

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

    runs = min(args.runs, 3)
    tuned, untuned = best_rates(runs), untuned_rates(runs)
    print(f"heap:     malloc tuning on / off (SUIKAWARI_NO_HEAP_TUNING=1), best of {runs}: "
          f"squared {tuned['squared'] / 1e6:.1f} / {untuned['squared'] / 1e6:.1f} M agent-steps/s, "
          f"custom expression {tuned['generic'] / 1e6:.1f} / {untuned['generic'] / 1e6:.1f}")


if __name__ == "__main__":
    main()
