"""run: one walk, a race or a population, headless, with its report, table, picture and animation."""
from __future__ import annotations

import argparse

from game.cli import options, outputs
from sim.reports.files import Outputs, TableWriter, json_text, table_bytes


def run(args: argparse.Namespace) -> int:
    """run: the scenario's walk, or its race or population; the exit status."""
    options.default_race(args)
    if args.race is not None:
        return _run_race(args)
    if args.population is not None:
        return _run_population(args)
    from sim.reports.text import SUMMARY_ROWS, run_summary
    from sim.walking.walk import PICTURE_ROWS, RUN_COLUMNS, Walk, optimizer_columns, trace_rows

    scenario = options.scenario_from_args(args)
    options.check_outputs(args)
    pictures = args.png is not None or args.gif is not None
    named = optimizer_columns(scenario)
    # The trace streams to --out; a picture keeps what it draws, else only the trace's ends are kept.
    kept = {"thin": PICTURE_ROWS} if pictures else {"keep": SUMMARY_ROWS}
    with Outputs() as files:
        table = None if args.out is None else TableWriter(files.stream(args.out), args.out, RUN_COLUMNS)
        walk = Walk(scenario, **kept,
                    on_row=None if table is None else lambda r: table.row((*trace_rows([r])[0], *named)))
        say = options.say(args)
        with outputs.progress("run") as show:
            while not walk.done:
                walk.step()
                show(lambda: say("step {step:,} of at most {steps:,}", step=walk.steps, steps=scenario.max_steps))
        result = walk.result()
        if table is not None:
            table.close(result.to_dict())
        outputs.save_play_pictures(args, walk)
    print(json_text(result.to_dict()) if args.json else run_summary(result, say=say))
    return 0


def _run_race(args: argparse.Namespace) -> int:
    from sim.walking.race import MAX_RACERS, RACE_COLUMNS, Race, race_rows, race_summary, race_table
    from sim.walking.walk import PICTURE_ROWS

    if _pictured(args) is None:
        racers = options.racers(args, MAX_RACERS)
    else:   # the picture and the animation draw every racer in its own colour
        from game.modes.race import MAX_RACERS_SHOWN
        racers = options.racers(args, MAX_RACERS_SHOWN, f" in a {_pictured(args)} (one colour each)")
    scenario = options.scenario_from_args(args)
    options.check_outputs(args)
    race = Race(scenario, racers, thin=None if args.out else PICTURE_ROWS)   # --out writes every row
    results = race.run()
    summary = race_summary(results)
    return outputs.deliver_play(args, race, lambda: table_bytes(args.out, RACE_COLUMNS, race_rows(results), summary),
                                json_text(summary) if args.json else race_table(results, say=options.say(args)))


def _run_population(args: argparse.Namespace) -> int:
    from sim.walking.population import MAX_PLAYERS, POPULATION_TABLE_COLUMNS, Population, population_rows, population_table
    from sim.walking.walk import PICTURE_ROWS

    if _pictured(args) is None:
        players = options.population_size(args, MAX_PLAYERS)
    else:   # the picture and the animation draw every player
        from game.modes.population import MAX_PLAYERS_SHOWN
        players = options.population_size(args, MAX_PLAYERS_SHOWN, f" in a {_pictured(args)}")
    scenario = options.scenario_from_args(args)
    options.check_outputs(args)
    population = Population(scenario, players, thin=None if args.out else PICTURE_ROWS)   # --out: every row
    result = population.run()
    return outputs.deliver_play(args, population, lambda: table_bytes(args.out, POPULATION_TABLE_COLUMNS,
                                                                      population_rows(result), result.to_dict()),
                                json_text(result.to_dict()) if args.json else population_table(result, say=options.say(args)))


def _pictured(args: argparse.Namespace) -> str | None:
    """The option that draws the crowd (--gif, else --png), or None: a picture draws at most as many
    racers or players as the window."""
    return "--gif" if args.gif is not None else "--png" if args.png is not None else None
