"""Benchmark: the fused engine (sim.walking.fused, numba) against the numpy engine, one core.

Every figure is a ratio measured in this run, the two engines alternating (the machine may be
shared; CPU time, best of --runs), on walks where every player walks every step (reach 0, tol 0):
- gd and Adam on the squared loss, 10,000 players x 1,000 steps (target: fused >= 4x numpy);
- a million players x 100 steps, gd and Adam, against the numpy engine walking them as one
  swarm, whose arrays no longer fit in cache (as before chunks): the numpy engine now walks
  CHUNK players at a time, and fused blocks of 256 (target for gd >= 1.8x);
each beside the machine's limit for that work, from throughputs measured here: the fused kernel
is compute-bound (its players stay in L1 cache), so its limit is its operations per agent-step
at this core's measured vector rates; the numpy engine is bound by the bytes its passes move.
Also the kernel's first-run compile and its load from the cache, in fresh interpreters.
Run: uv run python benchmarks/bench_engine.py [--runs N]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time

import numba
import numpy as np

from sim import Scenario, Swarm
from sim.walking import swarm as swarm_module

SMALL, STEPS = 10_000, 1_000
BIG, BIG_STEPS = 1_000_000, 100
SCENARIO = Scenario(reach=0.0, tol=0.0, lr=0.01, max_steps=STEPS)
# Operations per agent-step of the fused kernel's loops (adds, subtracts, multiplies and compares
# counted alike; divisions and square roots apart), counted from sim/walking/fused.py's _run.
OPS = {"gd": {"arith": 50, "div": 2, "sqrt": 1}, "adam": {"arith": 66, "div": 4, "sqrt": 3}}
NUMPY_BYTES = 760   # bytes the numpy engine's passes read and write per agent-step of gd on the squared loss


def cpu_rate(scenario: Scenario, n: int, engine: str) -> float:
    """Agent-steps per CPU second of one whole walk of n players."""
    rng = np.random.default_rng(1)
    x0, y0 = rng.uniform(-10, 10, n), rng.uniform(-10, 10, n)
    began = time.process_time()
    Swarm(scenario, x0, y0).run(engine=engine)
    return n * scenario.max_steps / (time.process_time() - began)


def best_rates(scenario: Scenario, n: int, runs: int, whole: bool = False) -> dict[str, float]:
    """Best CPU-time rates of the engines (and, with ``whole``, of numpy walking one unchunked swarm)."""
    best = {"numpy": 0.0, "fused": 0.0} | ({"whole": 0.0} if whole else {})
    for _ in range(runs):
        for engine in best:
            if engine == "whole":
                chunk, swarm_module.CHUNK = swarm_module.CHUNK, n
                best[engine] = max(best[engine], cpu_rate(scenario, n, "numpy"))
                swarm_module.CHUNK = chunk
            else:
                best[engine] = max(best[engine], cpu_rate(scenario, n, engine))
    return best


@numba.njit(fastmath=False, error_model="numpy")
def _throughput(a, b, out, what, repeats):
    for _ in range(repeats):
        if what == 0:   # eight multiplies and adds per element
            for i in range(a.size):
                x, y = a[i], b[i]
                r = x * y + x
                r = r * y + x
                r = r * y + x
                out[i] = r * y + x
        elif what == 1:
            for i in range(a.size):
                out[i] = a[i] / b[i]
        else:
            for i in range(a.size):
                out[i] = np.sqrt(a[i])


def machine_rates() -> dict[str, float]:
    """Operations per second of one core on arrays in L1 cache (vector instructions, independent
    elements), and bytes per second copying 400 MB (CPU time)."""
    a, b, out = np.random.rand(3, 1024) + 1.0
    rates = {}
    for what, name, ops in ((0, "arith", 8), (1, "div", 1), (2, "sqrt", 1)):
        _throughput(a, b, out, what, 10)
        began = time.process_time()
        _throughput(a, b, out, what, 100_000)
        rates[name] = ops * a.size * 100_000 / (time.process_time() - began)
    big = np.ones(50_000_000)
    copy = big.copy()   # touched: no page faults in the timing
    began = time.process_time()
    for _ in range(5):
        np.copyto(copy, big)
    rates["bytes"] = 5 * 2 * big.nbytes / (time.process_time() - began)
    return rates


def fused_bytes(steps: int = STEPS) -> float:
    """Bytes per agent-step the fused kernel moves to and from memory in a walk of ``steps`` steps:
    each player's state read once and written once (position, offset, gradient, loss, distance²,
    lr and the kernel's 4 rows of optimizer state: 13 doubles; 2 flags), its code and end written."""
    return (2 * (13 * 8 + 2) + 1 + 8) / steps


def fused_limit(name: str, rates: dict[str, float]) -> float:
    """Agent-steps per second of the busier unit at the measured rates: the adders and multipliers,
    or the divider (divisions and square roots share it); the two work side by side."""
    ops = OPS[name]
    return 1 / max(ops["arith"] / rates["arith"], ops["div"] / rates["div"] + ops["sqrt"] / rates["sqrt"])


def compile_seconds() -> tuple[float, float]:
    """CPU seconds of the first fused walk in a fresh interpreter: without the cache (compiling,
    in a scratch copy of the cache's place) and with it."""
    code = ("import time; from sim import Scenario, Swarm; t = time.process_time(); "
            "Swarm(Scenario(max_steps=3), [1.0], [2.0]).run(engine='fused'); print(time.process_time() - t)")
    env = {"NUMBA_CACHE_DIR": "/tmp/suikawari-bench-numba-cache"}
    import os
    import shutil
    shutil.rmtree(env["NUMBA_CACHE_DIR"], ignore_errors=True)
    times = []
    for _ in range(2):
        ran = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True,
                             text=True, check=True)
        times.append(float(ran.stdout))
    shutil.rmtree(env["NUMBA_CACHE_DIR"], ignore_errors=True)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each engine (the best counts)")
    runs = parser.parse_args().runs
    Swarm(SCENARIO, [1.0], [2.0]).run(engine="fused")   # load the kernel before timing
    rates = machine_rates()
    print(f"this core's peak, measured here: {rates['arith'] / 1e9:.1f} G adds+multiplies/s (a loop of dependent "
          f"multiply-adds over independent elements, vectorised, in L1), {rates['div'] / 1e9:.2f} G divisions/s, "
          f"{rates['sqrt'] / 1e9:.2f} G square roots/s; memory {rates['bytes'] / 1e9:.1f} GB/s (copying 400 MB, "
          f"bytes read and written)")
    for name, scenario in (("gd", SCENARIO), ("adam", SCENARIO.replace(optimizer="adam"))):
        best = best_rates(scenario, SMALL, runs)
        ratio = best["fused"] / best["numpy"]
        limit = fused_limit(name, rates)
        print(f"{name:>4} squared, {SMALL:,} x {STEPS:,}: numpy {best['numpy'] / 1e6:.0f}, fused "
              f"{best['fused'] / 1e6:.0f} M agent-steps/s: {ratio:.1f}x (target >= 4x: {'met' if ratio >= 4 else 'NOT met'})")
        flops = sum(OPS[name].values())
        print(f"      fused at {best['fused'] / limit:.0%} of this core's limit for its operations, "
              f"{limit / 1e6:.0f} M agent-steps/s ({', '.join(f'{c} {k}' for k, c in OPS[name].items())} "
              f"per agent-step: {flops} flops, {best['fused'] * flops / 1e9:.1f} GFLOP/s done; its players' state "
              f"stays in L1, so memory does not bound it: {fused_bytes():.2f} bytes per agent-step from memory, "
              f"{best['fused'] * fused_bytes() / rates['bytes']:.2%} of the bandwidth)")
    for name in ("gd", "adam"):
        big = best_rates(SCENARIO.replace(max_steps=BIG_STEPS, optimizer=name), BIG, max(1, runs - 1), whole=True)
        chunked, fast = big["numpy"] / big["whole"], big["fused"] / big["whole"]
        print(f"{name:>4} squared, {BIG:,} x {BIG_STEPS}: numpy as one swarm {big['whole'] / 1e6:.0f}, in chunks "
              f"{big['numpy'] / 1e6:.0f} ({chunked:.1f}x), fused {big['fused'] / 1e6:.0f} ({fast:.1f}x) M agent-steps/s "
              + (f" (target for gd >= 1.8x: {'met' if min(chunked, fast) >= 1.8 else 'NOT met'})" if name == "gd" else ""))
        if name == "gd":
            print(f"      numpy as one swarm moves ~{NUMPY_BYTES} bytes per agent-step: "
                  f"{big['whole'] * NUMPY_BYTES / rates['bytes']:.0%} of the memory bandwidth; fused at "
                  f"{big['fused'] / fused_limit('gd', rates):.0%} of its compute limit, moving "
                  f"{fused_bytes(BIG_STEPS):.1f} bytes per agent-step "
                  f"({big['fused'] * fused_bytes(BIG_STEPS) / rates['bytes']:.1%} of the bandwidth)")
    cold, warm = compile_seconds()
    print(f"first fused walk in a fresh interpreter: {cold:.1f} s CPU compiling, {warm:.1f} s from the cache")


if __name__ == "__main__":
    main()
