"""Benchmark: a sweep of 50 step sizes x 1,000 starts x 1,000 steps, against the 2 s target; then a
map (sweep --grid) on one process and on every core, in turns, with the speed-up.

Every player walks every step: the squared loss with reach 0 (nothing counts as a hit) and tol 0
(nobody is stuck), step sizes log-spaced from 0.001 to 1.5 so that no swing reaches the sea on
the default 24 m beach. That is 50 million agent-steps in one Swarm, summaries included.
Prints every run, the best (the machine may be shared), and agent-steps per second.

The map is lr (25 values from 0.001 to 1) x momentum (0 to 0.3, 4 values) x 500 starts x 1,000
steps on the same beach, 50 million agent-steps again, every player walking every step; the runs
on every core must give the same result as on one.
Run: uv run python benchmarks/bench_sweep.py [--runs N]
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from sim import Scenario, hyperparameter_map, parse_grid
from sim.walking.jobs import default_jobs
from sim.walking.sweep import sweep

LRS, STARTS, STEPS = 50, 1_000, 1_000
TARGET_SECONDS = 2.0
GRID, GRID_STARTS = "lr=0.001:1:25,momentum=0:0.3:4", 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (the best counts)")
    runs = parser.parse_args().runs
    scenario = Scenario(reach=0.0, tol=0.0, max_steps=STEPS)
    lrs = np.geomspace(0.001, 1.5, LRS)
    agent_steps = LRS * STARTS * STEPS
    times = []
    for i in range(runs):
        began = time.perf_counter()
        result = sweep(scenario, lrs, starts=STARTS)
        times.append(time.perf_counter() - began)
        walked_all = sum(r.outcomes["max_steps"] for r in result.rows)
        assert walked_all == LRS * STARTS, f"only {walked_all:,} players walked all {STEPS} steps"
        print(f"run {i + 1}: {times[-1]:.3f} s")
    best = min(times)
    print(f"{LRS} step sizes x {STARTS:,} starts x {STEPS:,} steps = {agent_steps:,} agent-steps "
          f"(every player walked every step)")
    print(f"best {best:.3f} s, median {float(np.median(times)):.3f} s: "
          f"{agent_steps / best / 1e6:.1f} million agent-steps per second")
    print(f"target {TARGET_SECONDS:g} s: {'met' if best <= TARGET_SECONDS else 'MISSED'} "
          f"({TARGET_SECONDS / best:.2f}x headroom)")
    map_speed_up(runs)


def map_speed_up(runs: int) -> None:
    """The map on one process and on every core, in turns; the best of each and their ratio."""
    scenario = Scenario(reach=0.0, tol=0.0, max_steps=STEPS, optimizer="momentum")
    axes = parse_grid(GRID)
    jobs = default_jobs()
    times: dict[int, list[float]] = {1: [], jobs: []}
    results = {}
    for i in range(runs):
        for n in times:
            began = time.perf_counter()
            results[n] = hyperparameter_map(scenario, axes, GRID_STARTS, jobs=n)
            times[n].append(time.perf_counter() - began)
        print(f"map run {i + 1}: {times[1][-1]:.3f} s on 1 process, {times[jobs][-1]:.3f} s on {jobs}")
    assert results[1] == results[jobs], "the map differs between one process and several"
    walked_all = sum(c.outcomes["max_steps"] for c in results[1].cells)
    cells = len(results[1].cells)
    assert walked_all == cells * GRID_STARTS, f"only {walked_all:,} players walked all {STEPS} steps"
    one, many = min(times[1]), min(times[jobs])
    print(f"map {GRID} x {GRID_STARTS} starts x {STEPS:,} steps = {cells * GRID_STARTS * STEPS:,} agent-steps: "
          f"best {one:.3f} s on 1 process, {many:.3f} s on {jobs} (every core): {one / many:.2f}x")


if __name__ == "__main__":
    main()
