"""sweep: many step sizes (and optimizers) from many starts, headless."""
from __future__ import annotations

import argparse
import sys
import time

from game.cli import options, outputs
from sim.reports.files import json_text, table_bytes

PROGRESS_AFTER = 0.5   # seconds before a sweep shows a progress line (on a terminal only)


def progress_line(players: int, max_steps: int):
    """An on_step callback that keeps one progress line on stderr, or None when it is no terminal."""
    if not sys.stderr.isatty():
        return None
    began = last = time.monotonic()

    def show(swarm) -> None:
        nonlocal last
        now = time.monotonic()
        if now - began >= PROGRESS_AFTER and now - last >= 0.1:
            last = now
            print(f"\rsweep: step {swarm.tick:,} of at most {max_steps:,}, "
                  f"{swarm.walking:,} of {players:,} players walking ", end="", file=sys.stderr, flush=True)
    return show


def run(args: argparse.Namespace) -> int:
    """sweep: every step size (and optimizer) from every start; the exit status."""
    from sim.walking.sweep import check_sweep_size, sweep, sweep_table

    options.refuse(args, "--lr", "does not apply to sweep: give the step sizes with --lrs")
    lrs = options.parse_lrs_option(args.lrs, "--lrs")
    try:
        check_sweep_size(len(set(lrs)) * len(set(options.optimizers(args))), args.starts, "--starts")
    except ValueError as err:
        raise options.UsageError(str(err)) from None
    if args.start is not None and args.starts != 1:
        raise options.UsageError(f"--start needs --starts 1 (got --starts {args.starts}): more starts are spread "
                                 f"over the beach at random")
    scenario = options.scenario_from_args(args)
    options.check_outputs(args)
    progress = progress_line(len(set(lrs)) * len(set(options.optimizers(args))) * args.starts, scenario.max_steps)
    try:
        result = sweep(scenario, lrs, args.starts, on_step=progress,
                       optimizers=[name or scenario.optimizer for name in options.optimizers(args)])
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def table() -> bytes:
        if args.out.lower().endswith(".json"):
            return (json_text(result.to_dict()) + "\n").encode()
        return table_bytes(args.out, result.columns(), [r.values() for r in result.rows])

    def draw(path: str) -> None:
        from game.experiment_charts import save_sweep_png
        save_sweep_png(result, path, lang=options.language(args.lang))
    return outputs.deliver(args, table, draw, json_text(result.to_dict()) if args.json else sweep_table(result))
