"""Median frame time of the live game at 1280x720, headless, in each mode, advancing the play as
the game does, with the heatmap, the live charts and the HUD shown:

- a lone walk with a trail of about 200 steps;
- a race of 5 racers, each with its trail of about 200 steps;
- a lone Adam walk with noisy friends and a cosine schedule (the scale ellipse, the key, the
  friends' own arrows, the lr chart);
- a population of 500 players walking;
- every page of the lesson (game.lesson), the beach pages walking, each against the lone walk's
  median of the same run (the budget a lesson frame must stay within).

    uv run python benchmarks/bench_frame.py [--frames N] [--size 1280x720] [--race-only | --lesson-only]

Prints the median (and 90th percentile) milliseconds per frame of each against the 4 ms target
and the 16.7 ms budget of 60 frames per second; then the race's frame with its finished
footprints kept in a layer against drawing them all anew each frame (after and before, in turns).
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
WARM_STEPS = 200   # steps taken before timing, so that trails are long
# Slow walks that are all still going after 200 steps.
SLOW = Scenario(lr=0.012, max_steps=2000)
RACE_LRS = (0.004, 0.006, 0.008, 0.01, 0.012)
ADAM = SLOW.replace(optimizer="adam", lr=0.02, noise=0.3, schedule="cosine")
PLAYERS = 500


def time_frames(app: App, screen: pygame.Surface, frames: int, clock=time.perf_counter) -> list[float]:
    """Milliseconds of each of ``frames`` frames (tick, draw, flip) by ``clock``, sorted, after warming up."""
    app.state.toggles.heatmap = True
    while app.state.ticks < WARM_STEPS:
        app.state.step_once()
    app.state.paused = False
    app.state.speed = 4.0
    for _ in range(30):  # warm the caches (background, heatmap, text) as the first frames do
        app.tick(FIXED_DT)
        app.draw(screen)
    times = []
    for _ in range(frames):
        t0 = clock()
        app.tick(FIXED_DT)
        app.draw(screen)
        pygame.display.flip()
        times.append((clock() - t0) * 1000)
    return sorted(times)


def report(what: str, times: list[float], target: bool) -> None:
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9)]
    print(f"{what}:")
    print(f"  median {median:.2f} ms   90th percentile {p90:.2f} ms   slowest {times[-1]:.2f} ms")
    verdict = f"{'met' if median <= TARGET_MS else 'MISSED'} ({median / TARGET_MS:.2f} of it)" if target \
        else f"{median / TARGET_MS:.2f} of it (no target)"
    print(f"  target {TARGET_MS:.1f} ms: {verdict};  60 fps budget {BUDGET_MS:.1f} ms ({median / BUDGET_MS:.0%} of it)")


def kept_prints_ratio(screen: pygame.Surface, size: tuple[int, int], frames: int) -> None:
    """The race's frame with its footprints kept in a layer (game.drawers.trail.TrailLayer) against
    drawing every trail anew each frame (the code before, which TrailLayer(keep=False) does), in
    rounds taken in turn so that both see the same load; CPU time of this process, which a shared
    machine disturbs less. Also the mean, which counts the frames where a step lands."""
    apps = {name: App(SLOW, lang="ja", size=size, sound=False, race=RACE_LRS) for name in ("kept", "anew")}
    apps["anew"].scene._arrays.prints.keep = False
    times: dict[str, list[float]] = {name: [] for name in apps}
    rounds = 6
    for _ in range(rounds):
        for name, app in apps.items():
            times[name] += time_frames(app, screen, max(1, frames // rounds), time.process_time)
    (kept, anew), (kept_mean, anew_mean) = ([f(times[n]) for n in ("kept", "anew")]
                                            for f in (statistics.median, statistics.fmean))
    print(f"race of {len(RACE_LRS)}: footprints kept in a layer {kept:.2f} ms, drawn anew each frame {anew:.2f} ms "
          f"(CPU time, median of {len(times['kept'])} frames each, in turns): {anew / kept:.2f}x; "
          f"mean {kept_mean:.2f} against {anew_mean:.2f} ms: {anew_mean / kept_mean:.2f}x")
    print(f"  kept: target {TARGET_MS:.1f} ms {'met' if kept <= TARGET_MS else 'MISSED'} "
          f"({kept / TARGET_MS:.2f} of it); drawn anew: {anew / TARGET_MS:.2f} of it")


def lesson_ratios(size: tuple[int, int], frames: int) -> None:
    """CPU ms of a frame (tick, draw, flip) of each lesson page, the beach pages walking, against the
    lone walk's frame (TARGET_MS is its budget), in rounds taken in turn so that both see the same load."""
    from game.lesson.lesson import Lesson

    screen = pygame.display.get_surface()
    walk = App(SLOW, lang="ja", size=size, sound=False)
    time_frames(walk, screen, 1)     # warm: the trail of WARM_STEPS steps, the caches
    lesson = Lesson(lang="ja", size=size, sound=False, autoplay=True)

    def frames_of(view, n: int) -> list[float]:
        """CPU milliseconds of each of ``n`` frames (tick, draw, flip) of ``view``, in order."""
        times = []
        for _ in range(n):
            t0 = time.process_time()
            view.tick(FIXED_DT)
            view.draw(screen)
            pygame.display.flip()
            times.append((time.process_time() - t0) * 1000)
        return times

    print(f"lesson pages against the lone walk (CPU time, {frames} frames each, in turns):")
    worst = (0.0, "")
    for i, stop in enumerate(lesson.stops):
        lesson.go(i)
        frames_of(lesson, 30)         # warm the page's caches as its first frames do
        mine: list[float] = []
        walks: list[float] = []
        for _ in range(5):
            mine += frames_of(lesson, max(1, frames // 5))
            walks += frames_of(walk, max(1, frames // 5))
        page, ratio = f"{stop.chapter + 1}.{stop.page + 1}", statistics.median(mine) / statistics.median(walks)
        what = lesson.page.scenario if lesson.page.kind == "beach" else lesson.page.kind
        print(f"  page {page:>4} ({what}): median {statistics.median(mine):.2f} ms, lone walk "
              f"{statistics.median(walks):.2f} ms: {ratio:.2f}x")
        worst = max(worst, (ratio, page))
    print(f"  slowest page {worst[1]}: {worst[0]:.2f}x the lone walk's frame")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600, help="frames to time in each mode (default 600)")
    parser.add_argument("--size", default="1280x720", help="window size WxH (default 1280x720)")
    parser.add_argument("--lesson-only", action="store_true", help="time the lone walk and the lesson's pages only")
    parser.add_argument("--race-only", action="store_true",
                        help="time the race only, its footprints kept and drawn anew")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    print(f"frame time at {size[0]}x{size[1]} with the heatmap, charts and HUD, {args.frames} frames each")
    if args.race_only:
        kept_prints_ratio(screen, size, args.frames)
        return
    walk = App(SLOW, lang="ja", size=size, sound=False)
    report(f"lone walk, trail of {WARM_STEPS}+ steps", time_frames(walk, screen, args.frames), True)
    if args.lesson_only:
        lesson_ratios(size, max(20, args.frames // 5))
        return
    adam = App(ADAM, lang="ja", size=size, sound=False)
    report(f"Adam walk with noise and a cosine schedule, trail of {WARM_STEPS}+ steps",
           time_frames(adam, screen, args.frames), True)
    race = App(SLOW, lang="ja", size=size, sound=False, race=RACE_LRS)
    report(f"race of {len(RACE_LRS)} racers, trails of {WARM_STEPS}+ steps", time_frames(race, screen, args.frames),
           True)
    crowd = App(SLOW, lang="ja", size=size, sound=False, population=PLAYERS)
    report(f"population of {PLAYERS} players", time_frames(crowd, screen, args.frames), False)
    kept_prints_ratio(screen, size, args.frames)
    lesson_ratios(size, max(20, args.frames // 5))


if __name__ == "__main__":
    main()
