"""Peak memory and time of ``run --steps N --reach 0 --tol 0 --png``: the walk kept thinned to what
the picture draws (sim Walk ``thin``, as the command does), against the same command keeping the
whole trace (as it did before), each in a fresh Python of its own, in the same run.

    uv run python benchmarks/bench_long_run.py [--steps 100000 1000000]

Prints, per number of steps and way, the wall and CPU time and the peak resident memory above what
the process held before the run (ru_maxrss), then the ratios (whole / thinned).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time
os.environ["SDL_VIDEODRIVER"] = "dummy"
import main
import game.scene, sim.walking.walk   # the drawing first: its trail reads PICTURE_ROWS on import
steps, way, path = sys.argv[1], sys.argv[2], sys.argv[3]
if way == "whole":
    sim.walking.walk.PICTURE_ROWS = None   # Walk(thin=None): every row kept, as before
held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
wall, cpu = time.perf_counter(), time.process_time()
with open(os.devnull, "w") as quiet:
    sys.stdout = quiet
    status = main.main(["run", "--steps", steps, "--reach", "0", "--tol", "0", "--png", path])
    sys.stdout = sys.__stdout__
assert status == 0
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "peak_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - held) / 1024}))
"""


def measure(steps: int, way: str, folder: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(steps), way, f"{folder}/{way}.png"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for steps in args.steps:
            got = {way: measure(steps, way, folder) for way in ("thinned", "whole")}
            for way, m in got.items():
                print(f"{steps:>10,} steps {way:>8}: wall {m['wall']:7.1f} s  CPU {m['cpu']:7.1f} s  "
                      f"peak +{m['peak_mb']:8.1f} MB", flush=True)
            t, w = got["thinned"], got["whole"]
            print(f"{steps:>10,} steps   whole/thinned: peak {w['peak_mb'] / max(t['peak_mb'], 0.1):.1f}x, "
                  f"CPU {w['cpu'] / t['cpu']:.2f}x", flush=True)


if __name__ == "__main__":
    main()
