"""Peak memory and time of recording an animation (game.animation.save_animation): this tree,
which writes frame by frame, against an earlier commit's code (by default the last one that
collected every frame before writing), each in a fresh Python of its own, in turns.

    uv run python benchmarks/bench_recording.py [--before REV] [--frames 201] [--size 1280x720]
                                                [--kind .gif] [--repeat 2]

A walk on a slow beach recorded at 10 frames a second, stopped after the steps that make about
``--frames`` frames. Prints, for each run, the frames, the file's size, the wall and CPU time and
the peak resident memory above what the process held before recording (ru_maxrss), then the
ratios of the medians (before / after).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "aaa0656"   # main before the recordings were streamed
FPS = 10

CHILD = r"""
import json, os, resource, sys, time
os.environ["SDL_VIDEODRIVER"] = "dummy"
from game.animation import save_animation
from game.modes.walk import WalkMode
from sim import Scenario
size, steps, path = (int(v) for v in sys.argv[1].split("x")), int(sys.argv[2]), sys.argv[3]
state = WalkMode(Scenario(lr=0.02, max_steps=5000), "en", tuple(size))
held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
wall, cpu = time.perf_counter(), time.process_time()
frames = save_animation(state, path, fps=%d, steps=steps)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"frames": frames, "bytes": os.path.getsize(path), "wall": wall, "cpu": cpu,
                  "peak_mb": (peak - held) / 1024, "held_mb": held / 1024}))
""" % FPS


def tree_of(rev: str, folder: Path) -> Path:
    """The packages game/ and sim/ and their assets/ as they were at ``rev``, unpacked into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "game", "sim", "assets"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run(tree: Path, size: str, steps: int, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", CHILD, size, str(steps), str(out)], cwd=tree, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the recording in {tree} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    parser.add_argument("--frames", type=int, default=201)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--kind", default=".gif", choices=(".gif", ".png", ".webp"))
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    steps = max(1, round((args.frames - 1) * 2 / FPS))   # the walk takes 2 steps a second
    with tempfile.TemporaryDirectory(prefix="bench-recording-") as folder:
        trees = {"before": tree_of(args.before, Path(folder) / "before"), "after": ROOT}
        results: dict[str, list[dict]] = {"before": [], "after": []}
        for k in range(args.repeat):
            for name in ("before", "after") if k % 2 == 0 else ("after", "before"):
                r = run(trees[name], args.size, steps, Path(folder) / f"{name}{args.kind}")
                results[name].append(r)
                print(f"{name:6} {r['frames']} frames of {args.size} {args.kind}: {r['bytes'] / 1e6:.2f} MB, "
                      f"{r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, peak +{r['peak_mb']:.0f} MB "
                      f"(over {r['held_mb']:.0f} MB held before)", flush=True)
    med = {name: {key: statistics.median(r[key] for r in rs) for key in ("wall", "cpu", "peak_mb", "bytes")}
           for name, rs in results.items()}
    print(f"before/after ({args.before} / this tree, medians of {args.repeat}): "
          f"peak memory {med['before']['peak_mb'] / med['after']['peak_mb']:.1f}x, "
          f"wall {med['before']['wall'] / med['after']['wall']:.2f}x, cpu {med['before']['cpu'] / med['after']['cpu']:.2f}x, "
          f"file size {med['before']['bytes'] / med['after']['bytes']:.2f}x")


if __name__ == "__main__":
    main()
