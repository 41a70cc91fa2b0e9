"""Benchmark: a sweep of 50 step sizes x 1,000 starts x 1,000 steps, against the 2 s target, on
the numpy engine in one process against the fused engine on every core, in turns; then a map
(sweep --grid) on one process and on every core, in turns, with the speed-up.

Every player walks every step: the squared loss with reach 0 (nothing counts as a hit) and tol 0
(nobody is stuck), step sizes log-spaced from 0.001 to 1.5 so that no swing reaches the sea on
the default 24 m beach. That is 50 million agent-steps, summaries included; the runs must give
the same rows. Wall-clock seconds (the machine may be shared: medians of the runs), with the
fused engine's kernel loaded in this process and in the forkserver the workers come from
before timing, and that loading's cost measured apart in fresh interpreters.

The map is lr (25 values from 0.001 to 1) x momentum (0 to 0.3, 4 values) x 500 starts x 1,000
steps on the same beach, 50 million agent-steps again, every player walking every step; the runs
on every core must give the same result as on one.
Run: uv run python benchmarks/bench_sweep.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import numpy as np

from bench_engine import fused_limit, machine_rates
from sim import Scenario, hyperparameter_map, parse_grid
from sim.reports.files import json_text
from sim.walking.jobs import default_jobs
from sim.walking.swarm import FUSED_LOAD_WORK
from sim.walking.sweep import sweep

LRS, STARTS, STEPS = 50, 1_000, 1_000
TARGET_SECONDS = 2.0
TARGET_RATIO = 4.0
GRID, GRID_STARTS = "lr=0.001:1:25,momentum=0:0.3:4", 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (medians count)")
    runs = parser.parse_args().runs
    scenario = Scenario(reach=0.0, tol=0.0, max_steps=STEPS)
    lrs = np.geomspace(0.001, 1.5, LRS)
    agent_steps = LRS * STARTS * STEPS
    jobs = default_jobs()
    ways = {"numpy, 1 process": ("numpy", 1), f"fused, {jobs} processes": ("fused", jobs)}
    times: dict[str, list[float]] = {name: [] for name in ways}
    results = {}
    for name, (engine, n) in ways.items():   # warm: the kernel loaded here and in the forkserver (four parts)
        sweep(scenario.replace(max_steps=10), lrs, starts=STARTS, engine=engine, jobs=n)
    for i in range(runs):
        for name, (engine, n) in ways.items():
            began = time.perf_counter()
            results[name] = sweep(scenario, lrs, starts=STARTS, engine=engine, jobs=n)
            times[name].append(time.perf_counter() - began)
        print(f"run {i + 1}: " + ", ".join(f"{name} {times[name][-1]:.3f} s" for name in ways))
    first = next(iter(results.values()))
    assert all(json_text(r.to_dict()) == json_text(first.to_dict()) for r in results.values()), "the rows differ"
    walked_all = sum(r.outcomes["max_steps"] for r in first.rows)
    assert walked_all == LRS * STARTS, f"only {walked_all:,} players walked all {STEPS} steps"
    print(f"{LRS} step sizes x {STARTS:,} starts x {STEPS:,} steps = {agent_steps:,} agent-steps "
          f"(every player walked every step; the same rows both ways)")
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(f"  {name}: median {median:.3f} s, best {min(times[name]):.3f} s: "
              f"{agent_steps / median / 1e6:.1f} million agent-steps per second; target {TARGET_SECONDS:g} s: "
              f"{'met' if median <= TARGET_SECONDS else 'MISSED'}")
    plain, fast = medians.values()
    print(f"  fused on every core against numpy on one: {plain / fast:.2f}x "
          f"(target >= {TARGET_RATIO:g}x: {'met' if plain / fast >= TARGET_RATIO else 'NOT met'})")
    limit = fused_limit("gd", machine_rates())
    print(f"  the fused sweep's {agent_steps / fast / 1e6:.0f} M agent-steps/s are {agent_steps / fast / (jobs * limit):.0%} "
          f"of {jobs} cores' compute limit for gd on the squared loss ({limit / 1e6:.0f} M per core at this core's "
          f"measured rates: bench_engine.py)")
    pays = agent_steps >= FUSED_LOAD_WORK
    print(f"  'auto' (sweep's default) walks this sweep {'fused' if pays else 'on numpy'} in a fresh process: "
          f"{agent_steps / 1e6:.0f} M agent-steps {'>=' if pays else '<'} {FUSED_LOAD_WORK / 1e6:.0f} M, "
          f"from which loading the kernel pays")
    fresh(ways, max(1, runs // 2))
    map_speed_up(runs)


def fresh(ways: dict[str, tuple[str, int | None]], runs: int) -> None:
    """The same sweep end to end in fresh interpreters, each way in turn: the fused kernel loaded
    (once, by the forkserver the workers come from), the workers started, the sweep walked and
    summarised, and the default (jobs=None: sim.walking.jobs.jobs_for); and the CPU seconds of
    loading the kernel alone."""
    code = ("import sys, time; t = time.perf_counter(); import numpy as np; from sim import Scenario; "
            "from sim.walking.sweep import sweep; "
            f"sweep(Scenario(reach=0.0, tol=0.0, max_steps={STEPS}), np.geomspace(0.001, 1.5, {LRS}), {STARTS}, "
            "engine=sys.argv[1], jobs=eval(sys.argv[2])); print(time.perf_counter() - t)")
    ways = {**ways, f"auto, {default_jobs()} processes": ("auto", default_jobs()),
            "auto, default processes (the command line's)": ("auto", None)}
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(runs):
        for name, (engine, n) in ways.items():
            ran = subprocess.run([sys.executable, "-c", code, engine, str(n)], capture_output=True, text=True, check=True)
            times[name].append(float(ran.stdout))
    medians = {name: statistics.median(t) for name, t in times.items()}
    plain = next(iter(medians.values()))
    print(f"the same sweep in a fresh interpreter (imports, workers and the kernel's loading included; median of "
          f"{runs}): " + ", ".join(f"{name} {m:.2f} s ({plain / m:.2f}x)" for name, m in medians.items()))
    load = ("import time; import sim; from sim import Scenario, Swarm; t = time.process_time(); "
            "Swarm(Scenario(max_steps=3), [1.0], [2.0]).run(engine='fused'); print(time.process_time() - t)")
    seconds = statistics.median(float(subprocess.run([sys.executable, "-c", load], capture_output=True, text=True,
                                                     check=True).stdout) for _ in range(3))
    print(f"  loading the kernel: {seconds:.2f} s of CPU (importing numba and sim.walking.fused, and the first walk "
          f"loading the compiled kernel from its cache; median of 3)")


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
