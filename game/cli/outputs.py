"""What a headless command writes: --out, --png and --gif together (all or none), then its report."""
from __future__ import annotations

import argparse
from typing import Callable

from game.cli import options
from sim.reports.files import Outputs


def animator(args: argparse.Namespace, make_state: Callable, steps: int) -> Callable[[str], None] | None:
    """What saves --gif (None without it): ``make_state(size, lang)`` builds the view state to
    replay, the play took ``steps`` steps. Refuses an --fps that would make too many frames,
    before anything is written."""
    if args.gif is None:
        return None
    from game.animation import DEFAULT_SIZE, MAX_FRAMES, frames_needed, save_animation

    state = make_state(args.size or DEFAULT_SIZE, options.language(args.lang))
    needed = frames_needed(steps, state.speed, args.fps)
    if needed > MAX_FRAMES:
        raise options.UsageError(f"--fps {args.fps:g}: {steps} steps at {state.speed:g} steps/s would take {needed} frames "
                                 f"(at most {MAX_FRAMES}); lower --fps")
    return lambda path: save_animation(state, path, fps=args.fps, expected_steps=steps)


def deliver(args: argparse.Namespace, table: Callable[[], bytes], draw_png: Callable[[str], None],
            report: str, animate: Callable[[str], None] | None = None) -> int:
    """Write --out, --png and --gif together (all or none), then print the report."""
    with Outputs() as outputs:
        if args.out is not None:
            outputs.write(args.out, table())
        if args.png is not None:
            draw_png(str(outputs.temp_for(args.png)))
        if animate is not None:
            animate(str(outputs.temp_for(args.gif)))
    print(report)
    return 0


def png_size(args: argparse.Namespace) -> tuple[int, int]:
    """--png's size in pixels."""
    return args.size or (1280, 720)
