"""Median frame time of the live game at 1280x720, headless: the full scene with the heatmap,
the live chart, the HUD and a trail of about 200 steps, advancing the walk as the game does.

    uv run python benchmarks/bench_frame.py [--frames N] [--size 1280x720]

Prints the median (and 90th percentile) milliseconds per frame against the 4 ms target and the
16.7 ms budget of 60 frames per second.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
from sim import Scenario  # noqa: E402

from game.app import FIXED_DT, App  # noqa: E402

TARGET_MS = 4.0
BUDGET_MS = 1000.0 / 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600, help="frames to time (default 600)")
    parser.add_argument("--size", default="1280x720", help="window size WxH (default 1280x720)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    # A slow walk that is still going after 200 steps, so the trail has about 200 footprints.
    scenario = Scenario(lr=0.012, max_steps=2000)
    app = App(scenario, lang="ja", size=size, sound=False, autoplay=True)
    app.state.toggles.heatmap = True
    while app.state.walk.steps < 200:
        app.state.step_once()
    app.state.paused = False
    app.state.speed = 4.0
    for _ in range(30):  # warm the caches (background, heatmap, text) as the first frames do
        app.tick(FIXED_DT)
        app.draw(screen)
    times = []
    for _ in range(args.frames):
        t0 = time.perf_counter()
        app.tick(FIXED_DT)
        app.draw(screen)
        pygame.display.flip()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9)]
    print(f"frame time at {size[0]}x{size[1]} (heatmap, chart, HUD, trail of {len(app.state.walk.trace)} steps), "
          f"{args.frames} frames:")
    print(f"  median {median:.2f} ms   90th percentile {p90:.2f} ms   slowest {times[-1]:.2f} ms")
    print(f"  target {TARGET_MS:.1f} ms: {'met' if median <= TARGET_MS else 'MISSED'} "
          f"({median / TARGET_MS:.2f} of it);  60 fps budget {BUDGET_MS:.1f} ms ({median / BUDGET_MS:.0%} of it)")


if __name__ == "__main__":
    main()
