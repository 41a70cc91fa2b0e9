"""sweep: many step sizes (and optimizers) from many starts, or a map of two settings (--grid), headless."""
from __future__ import annotations

import argparse

from game.cli import options, outputs
from sim.reports.files import json_text, table_bytes

def run(args: argparse.Namespace) -> int:
    """sweep: every step size (and optimizer) from every start; the exit status."""
    from sim.walking.sweep import check_sweep_size, sweep, sweep_table

    if args.grid is not None:
        return run_grid(args)
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
    jobs = _jobs(args)
    options.check_outputs(args)
    say = options.say(args)
    with outputs.progress("sweep") as show:
        result = sweep(scenario, lrs, args.starts,
                       optimizers=[name or scenario.optimizer for name in options.optimizers(args)], jobs=jobs,
                       on_players=lambda done, players: show(lambda: say(
                           "{done:,} of {players:,} players walked", done=done, players=players)))

    def table() -> bytes:
        if args.out.lower().endswith(".json"):
            return (json_text(result.to_dict()) + "\n").encode()
        return table_bytes(args.out, result.columns(), [r.values() for r in result.rows])

    def draw(path: str) -> None:
        from game.experiment_charts import save_sweep_png
        save_sweep_png(result, path, lang=options.language(args.lang))
    return outputs.deliver(args, table, draw, json_text(result.to_dict()) if args.json else sweep_table(result, say))


def run_grid(args: argparse.Namespace) -> int:
    """sweep --grid: a hyperparameter map (sim.walking.grid), its table, CSV/JSON and PNG; the exit status."""
    from sim.walking.grid import map_table

    options.refuse(args, "--lrs", "does not apply with --grid: give lr's range in --grid, like lr=0.01:3:20")
    scenario, axes, jobs = checked_grid(args)
    options.check_outputs(args)
    say = options.say(args)
    result = walk_grid(scenario, axes, args.starts, jobs, "sweep --grid", say)

    def table() -> bytes:
        if args.out.lower().endswith(".json"):
            return (json_text(result.to_dict()) + "\n").encode()
        return table_bytes(args.out, result.columns(), result.rows())

    def draw(path: str) -> None:
        from game.map_charts import save_map_png
        save_map_png(result, path, lang=options.language(args.lang))
    return outputs.deliver(args, table, draw, json_text(result.to_dict()) if args.json else map_table(result, say=say))


def checked_grid(args: argparse.Namespace):
    """--grid with the scenario's options, --starts and --jobs checked (UsageError names the problem):
    the scenario, the two axes and the number of jobs."""
    from sim.walking.grid import check_map, parse_grid

    try:
        axes = parse_grid(args.grid)
    except ValueError as err:
        raise options.UsageError(f"--grid: {err}") from None
    jobs = _jobs(args)
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
    return scenario, axes, jobs


def walk_grid(scenario, axes, starts: int, jobs: int | None, command: str, say):
    """The map of ``axes`` (sim.walking.grid.hyperparameter_map), with a progress line of ``command``
    in the words of ``say`` (options.say)."""
    from sim.walking.grid import hyperparameter_map

    with outputs.progress(command) as show:
        return hyperparameter_map(scenario, axes, starts, jobs=jobs, on_cells=lambda done, total: show(
            lambda: say("{done:,} of {total:,} cells walked", done=done, total=total)))


def _jobs(args: argparse.Namespace) -> int | None:
    """--jobs (None when not given: every core where the work pays, sim.walking.jobs.jobs_for); a
    usage error when it is not a whole number from 1 to MAX_JOBS."""
    from sim.walking.jobs import check_jobs
    if args.jobs is None:
        return None
    try:
        return check_jobs(args.jobs, "--jobs")
    except ValueError as err:
        raise options.UsageError(str(err)) from None
