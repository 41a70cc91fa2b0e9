"""What a headless command writes: --out, --png and --gif together (all or none), then its report;
and the progress line a long command shows on stderr."""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from typing import Callable, Iterator

from game.cli import options
from sim.reports.files import Outputs


def animator(args: argparse.Namespace, play) -> Callable[[str], None] | None:
    """What saves --gif (None without it): ``play`` (a sim.Play, run already) replayed from its
    start by its mode. Refuses an --fps that would make too many frames, before anything is written."""
    if args.gif is None:
        return None
    from game.animation import DEFAULT_SIZE, check_size, frame_limit, frames_needed, save_animation
    from game.modes import view_of

    try:
        size = check_size(args.size or DEFAULT_SIZE)
    except ValueError as err:
        raise options.UsageError(f"--size: a --gif's {err}") from None
    state = view_of(play, lang=options.language(args.lang), size=size)
    steps = play.steps
    needed, most = frames_needed(steps, state.speed, args.fps), frame_limit(size)
    if needed > most:
        rate = "" if args.fps is None else f" at --fps {args.fps:g}"
        raise options.UsageError(f"--gif: {steps} steps{rate} would take up to {needed} frames, and one of "
                                 f"{size[0]}x{size[1]} has at most {most}; lower --fps or --size")
    return lambda path: save_animation(state, path, fps=args.fps, expected_steps=steps)


def deliver(args: argparse.Namespace, table: Callable[[], bytes], draw_png: Callable[[str], None],
            report: str, animate: Callable[[str], None] | None = None) -> int:
    """Write --out, --png and --gif together (all or none), then print the report."""
    with Outputs() as outputs:
        if args.out is not None:
            outputs.write(args.out, table())
        save_pictures(args, draw_png, animate)
    print(report)
    return 0


def deliver_play(args: argparse.Namespace, play, table: Callable[[], bytes], report: str) -> int:
    """``deliver`` for a play (a sim.Play, run already): its --png is its final scene, its --gif its replay."""
    return deliver(args, table, _scene_drawer(args, play), report, animator(args, play))


def save_play_pictures(args: argparse.Namespace, play) -> None:
    """Save a play's --png (its final scene) and --gif (its replay), inside an open Outputs."""
    save_pictures(args, _scene_drawer(args, play), animator(args, play))


def _scene_drawer(args: argparse.Namespace, play) -> Callable[[str], None]:
    def draw(path: str) -> None:
        from game.scene import render_png
        render_png(play, path, lang=options.language(args.lang), size=png_size(args))
    return draw


def save_pictures(args: argparse.Namespace, draw_png: Callable[[str], None],
                  animate: Callable[[str], None] | None) -> None:
    """Save --png and --gif (inside an open Outputs, which places them with the rest)."""
    if args.png is not None:
        draw_png(args.png)
    if animate is not None:
        animate(args.gif)


def png_size(args: argparse.Namespace) -> tuple[int, int]:
    """--png's size in pixels."""
    return args.size or (1280, 720)


PROGRESS_AFTER = 0.5   # seconds before a long command shows its progress line on a terminal
PROGRESS_EVERY = 5.0   # seconds between progress lines off a terminal (a log, a pipe)


@contextlib.contextmanager
def progress(command: str) -> Iterator[Callable[[Callable[[], str]], None]]:
    """A function to call often with a callable that says how far the command is. On a terminal
    one line on stderr, redrawn in place after PROGRESS_AFTER s and wiped at the end; off one (a
    log, a pipe) a line every PROGRESS_EVERY s, so a long command is never silent and never floods."""
    tty = sys.stderr.isatty()
    began = last = time.monotonic()
    shown = False

    def show(text: Callable[[], str]) -> None:
        nonlocal last, shown
        now = time.monotonic()
        if tty and now - began >= PROGRESS_AFTER and (not shown or now - last >= 0.1):
            print(f"\r{command}: {text()} ", end="", file=sys.stderr, flush=True)
        elif not tty and now - last >= PROGRESS_EVERY:
            print(f"{command}: {text()}", file=sys.stderr, flush=True)
        else:
            return
        last, shown = now, True
    try:
        yield show
    finally:
        if tty and shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
