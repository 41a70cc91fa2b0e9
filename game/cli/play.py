"""play: the window, after the command line is checked."""
from __future__ import annotations

import argparse

from game.cli import options


def _learn_scenario(args: argparse.Namespace) -> None:
    """play --learn: the digits scenario, on its loss or its accuracy, one walk."""
    if args.scenario not in ("beach", "digits"):
        raise options.UsageError(f"--learn plays the digits scenario, not --scenario {args.scenario}")
    if args.loss not in (None, "digits", "digits-accuracy") or args.expr is not None:
        raise options.UsageError("--learn walks the digits network: --loss digits or digits-accuracy")
    for option in ("--race", "--population"):
        options.refuse(args, option, "does not apply with --learn: it plays one walk")
    args.scenario = "digits"


def run(args: argparse.Namespace) -> int:
    """play: open the window on the checked scenario (or the lesson, with --lesson, or a map, with
    --grid or --map); its exit status."""
    from game.modes.population import MAX_PLAYERS_SHOWN
    from game.modes.race import MAX_RACERS_SHOWN

    if args.lesson and args.blindfold:
        raise options.UsageError("--blindfold does not apply with --lesson: choose one")
    if args.lesson:
        return _lesson(args)
    for option in ("--chapter", "--text-scale"):
        options.refuse(args, option, "needs --lesson (or the lesson command)")
    if args.fullscreen:
        raise options.UsageError("--fullscreen needs --lesson (or the lesson command)")

    if args.grid is not None or args.map is not None:
        return _map(args)
    for option in ("--starts", "--jobs"):
        options.refuse(args, option, "needs --grid (it is the map's)")
    if args.blindfold:
        return _blindfold(args)
    if args.learn:
        _learn_scenario(args)

    options.default_race(args)
    race = None if args.race is None else options.racers(args, MAX_RACERS_SHOWN, " in the window (one colour each)")
    players = None if args.population is None else options.population_size(args, MAX_PLAYERS_SHOWN, " in the window")
    scenario = options.scenario_from_args(args)
    window = _window(args)
    from game.app import play
    return play(scenario, autoplay=args.autoplay, race=race, population=players, **window)


def _window(args: argparse.Namespace) -> dict:
    """The window's own options, checked: language, size, frame limit, screenshot and sound."""
    size = options.parse_size(args.size)
    screenshot = options.output_path(args.screenshot, "--screenshot", (".png",))
    if args.max_frames is not None and args.max_frames < 1:
        raise options.UsageError(f"--max-frames: expected a whole number >= 1, got {args.max_frames}")
    return {"lang": options.language(args.lang), "size": size, "screenshot": screenshot,
            "max_frames": args.max_frames, "sound": not args.mute}


def _map(args: argparse.Namespace) -> int:
    """play --grid (compute a map, as sweep --grid does) or play --map FILE.json (read one): open it."""
    from game.cli.sweep import checked_grid, walk_grid

    if args.grid is not None and args.map is not None:
        raise options.UsageError("--grid and --map both give a map: choose one")
    given = "--grid" if args.grid is not None else "--map"
    for option in ("--race", "--population"):
        options.refuse(args, option, f"does not apply with {given}: a click on the map plays one cell's walk")
    for flag, on in (("--learn", args.learn), ("--blindfold", args.blindfold), ("--autoplay", args.autoplay)):
        if on:
            raise options.UsageError(f"{flag} does not apply with {given}: the map waits for a click on a cell")
    window = _window(args)
    if args.map is not None:
        result = options.map_file(args)
    else:
        if args.starts is None:
            args.starts = options.DEFAULT_STARTS
        scenario, axes, jobs = checked_grid(args)
        result = walk_grid(scenario, axes, args.starts, jobs, "play --grid", options.say(args))
    from game.app import play
    return play(result.scenario, map=result, **window)


def _blindfold(args: argparse.Namespace) -> int:
    """play --blindfold: the game on one of its levels; the seed hides the watermelon and the start."""
    from sim.walking.blindfold import LEVELS

    if args.scenario not in LEVELS:
        raise options.UsageError(f"--blindfold plays the levels {', '.join(LEVELS)}, not --scenario {args.scenario}")
    if args.learn:
        raise options.UsageError("--learn does not apply with --blindfold: the level and the seed set the beach")
    for option in ("--start", "--target", "--loss", "--expr", "--race", "--population"):
        options.refuse(args, option, "does not apply with --blindfold: the level and the seed set the beach")
    scenario = options.scenario_from_args(args)
    window = _window(args)
    from game.app import play
    return play(scenario, autoplay=args.autoplay, blindfold=scenario.seed, **window)


def _lesson(args: argparse.Namespace) -> int:
    """play --lesson: the lesson command, refusing what only a play means."""
    from game.cli import lesson

    if args.learn:
        raise options.UsageError("--learn does not apply with --lesson: chapter 8 walks the digits network")
    for option in ("--race", "--population", "--grid", "--map", "--starts", "--jobs", "--start", "--target", "--lr",
                   "--h", "--steps", "--tol", "--reach", "--seed", "--loss", "--expr", "--optimizer", "--noise",
                   "--schedule"):
        options.refuse(args, option, "does not apply with --lesson: each chapter plays its own scenario")
    if args.scenario != "beach":
        raise options.UsageError("--scenario does not apply with --lesson: each chapter plays its own scenario")
    return lesson.run(args)
