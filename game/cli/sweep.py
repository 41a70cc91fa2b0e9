"""sweep: many step sizes (and optimizers) from many starts, or a map of two settings (--grid), headless."""
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

    if args.grid is not None:
        return run_grid(args)
    options.refuse(args, "--jobs", "applies to --grid maps (a sweep of step sizes walks in one process)")
    options.refuse(args, "--lr", "does not apply to sweep: give the step sizes with --lrs")
    lrs = options.parse_lrs_option(args.lrs or options.DEFAULT_LRS, "--lrs")
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


def run_grid(args: argparse.Namespace) -> int:
    """sweep --grid: a hyperparameter map (sim.walking.grid), its table, CSV/JSON and PNG; the exit status."""
    from sim.walking.grid import check_map, hyperparameter_map, map_table, parse_grid
    from sim.walking.jobs import check_jobs, default_jobs

    options.refuse(args, "--lrs", "does not apply with --grid: give lr's range in --grid, like lr=0.01:3:20")
    try:
        axes = parse_grid(args.grid)
    except ValueError as err:
        raise options.UsageError(f"--grid: {err}") from None
    try:
        jobs = check_jobs(default_jobs() if args.jobs is None else args.jobs, "--jobs")
    except ValueError as err:
        raise options.UsageError(str(err)) from None
    for axis in axes:
        options.refuse(args, f"--{axis.name}",
                       f"does not apply with --grid {args.grid}: {axis.name} is one of the map's axes")
    if len(options.optimizers(args)) > 1:
        raise options.UsageError("--optimizer takes one name with --grid (a map is of one optimizer)")
    if args.start is not None and args.starts != 1:
        raise options.UsageError(f"--start needs --starts 1 (got --starts {args.starts}): more starts are spread "
                                 f"over the beach at random")
    scenario = options.scenario_from_args(args)
    try:
        check_map(scenario, axes, args.starts)
    except ValueError as err:
        raise options.UsageError(f"--grid: {err}") from None
    options.check_outputs(args)
    progress = cell_progress_line()
    try:
        result = hyperparameter_map(scenario, axes, args.starts, jobs=jobs, on_cells=progress)
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def table() -> bytes:
        if args.out.lower().endswith(".json"):
            return (json_text(result.to_dict()) + "\n").encode()
        return table_bytes(args.out, result.columns(), result.rows())

    def draw(path: str) -> None:
        from game.map_charts import save_map_png
        save_map_png(result, path, lang=options.language(args.lang))
    return outputs.deliver(args, table, draw, json_text(result.to_dict()) if args.json else map_table(result))


def cell_progress_line():
    """An on_cells callback that keeps one progress line on stderr, or None when it is no terminal."""
    if not sys.stderr.isatty():
        return None
    began = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - began >= PROGRESS_AFTER:
            print(f"\rsweep --grid: {done:,} of {total:,} cells walked ", end="", file=sys.stderr, flush=True)
    return show
