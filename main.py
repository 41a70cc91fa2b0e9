"""Suika-wari's command line: play (the window), run (one walk, a race or a population, headless),
sweep (step sizes), learn (a network on the handwritten digits, headless).

`python main.py` alone means `play`. Every bad argument ends with exit status 2 and one line on
stderr that names it; nothing is written unless the whole file can be.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from typing import Callable, Sequence

from sim.reports.files import OUTPUT_KINDS, OutputError, Outputs, check_output_path, json_text, table_bytes
from sim.walking.optimizers import OPTIMIZER_NAMES
from sim.beach.scenario import LOSS_CHOICES, SCENARIO_ABOUT, SCENARIOS, Scenario, ScenarioError, get_scenario
from sim.walking.grid import GRID_PARAMETERS
from sim.walking.schedules import SCHEDULE_NAMES

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130   # 128 + SIGINT, as a shell reports a Ctrl-C
DEFAULT_LRS = "0.001:3:25"
DEFAULT_STARTS = 100
PROGRESS_AFTER = 0.5   # seconds before a sweep shows a progress line (on a terminal only)
# Options whose value may start with '-' (a negative number, pair or expression): "--start -3,4".
_VALUE_OPTIONS = {"--start", "--target", "--lr", "--h", "--tol", "--reach", "--seed", "--steps",
                  "--lrs", "--expr", "--race", "--population", "--starts", "--fps", "--momentum", "--beta1", "--beta2",
                  "--rho", "--eps", "--noise", "--decay", "--every", "--warmup", "--floor", "--y", "--label"}


class UsageError(Exception):
    """Bad input from the command line; the message is the one line shown."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a problem in one line and exits with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _pair(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        return float(parts[0]), float(parts[1])
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected X,Y in metres like -3,4, got {text!r}") from None


def add_scenario_options(p: argparse.ArgumentParser) -> None:
    """The options every subcommand shares: which beach, and how the player walks."""
    g = p.add_argument_group("scenario")
    g.add_argument("--scenario", default="beach", metavar="NAME|FILE",
                   help=f"built-in scenario ({', '.join(SCENARIOS)}) or a .toml file")
    g.add_argument("--loss", choices=LOSS_CHOICES[:-1], help="loss (default: the scenario's)")
    g.add_argument("--expr", help="custom loss in x, y, tx, ty, e.g. 'hypot(x-tx, y-ty)**2'")
    g.add_argument("--start", type=_pair, metavar="X,Y", help="player's start (m)")
    g.add_argument("--target", type=_pair, metavar="X,Y", help="watermelon position (m)")
    g.add_argument("--lr", type=_number, help="step size (learning rate)")
    g.add_argument("--h", type=_number, help="probe distance of the numerical derivative (m)")
    g.add_argument("--steps", type=_whole, help="most updates (max steps)")
    g.add_argument("--tol", type=_number, help="a step shorter than this (m) means stuck")
    g.add_argument("--reach", type=_number, help="stick length (m): a hit within it")
    g.add_argument("--seed", type=_whole, help="seed of the run's random generator (starts, noise)")
    o = p.add_argument_group("optimizer, noise and step-size schedule",
                             "defaults are the scenario's: those below unless it sets its own (textbook: ε 1e-7)")
    several = " (sweep: several, comma-separated)" if p.prog.endswith("sweep") else ""
    o.add_argument("--optimizer", metavar="NAME", help=f"{' | '.join(OPTIMIZER_NAMES)} (default gd){several}")
    o.add_argument("--momentum", type=_number, metavar="μ", help="μ of momentum and nesterov, in [0, 1) (default 0.9)")
    o.add_argument("--beta1", type=_number, metavar="β1", help="Adam's β1, in [0, 1) (default 0.9)")
    o.add_argument("--beta2", type=_number, metavar="β2", help="Adam's β2, in [0, 1) (default 0.999)")
    o.add_argument("--rho", type=_number, metavar="ρ", help="RMSProp's decay ρ, in [0, 1) (default 0.99)")
    o.add_argument("--eps", type=_number, metavar="ε", help="ε of adagrad, rmsprop, adam, > 0 (default 1e-8)")
    o.add_argument("--noise", type=_number, metavar="S",
                   help="friends shout imprecisely: each update they judge from a spot off by N(0, S²) m "
                        "per axis, so on the squared loss the heard gradient is off by S·N(0, 1) (default 0)")
    o.add_argument("--schedule", metavar="NAME", help=f"lr per update: {' | '.join(SCHEDULE_NAMES)} (default constant)")
    o.add_argument("--decay", type=_number, metavar="D", help="step, exp: lr × D every --every updates, D in (0, 1] (default 0.5)")
    o.add_argument("--every", type=_whole, metavar="N", help="step, exp: updates per decay (default 50)")
    o.add_argument("--warmup", type=_whole, metavar="W", help="updates of linear warmup up to lr (default 0)")
    o.add_argument("--floor", type=_number, metavar="F", help="cosine: the last update's share of lr, in [0, 1] (default 0)")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The chosen scenario with the command line's changes, validated."""
    scenario = get_scenario(args.scenario)
    if args.loss and args.expr is not None:
        raise ScenarioError("give either --loss or --expr, not both")
    changes = {name: value for name, value in (
        ("start", args.start), ("target", args.target), ("lr", args.lr), ("h", args.h),
        ("max_steps", args.steps), ("tol", args.tol), ("reach", args.reach), ("seed", args.seed),
        ("loss", args.loss), ("expr", args.expr), ("optimizer", _optimizers(args)[0]),
        ("momentum", args.momentum), ("beta1", args.beta1), ("beta2", args.beta2), ("rho", args.rho),
        ("eps", args.eps), ("noise", args.noise), ("schedule", args.schedule), ("decay", args.decay),
        ("every", args.every), ("warmup", args.warmup), ("floor", args.floor)) if value is not None}
    return scenario.replace(**changes) if changes else scenario


def _optimizers(args: argparse.Namespace) -> list[str | None]:
    """The names given to --optimizer (a comma-separated list: several only for sweep), [None] if none."""
    if args.optimizer is None:
        return [None]
    names = [name.strip() for name in args.optimizer.split(",")]
    if len(names) > 1 and args.command != "sweep":
        raise UsageError(f"--optimizer takes one name for {args.command}, got {args.optimizer!r}: "
                         f"race several with --race gd:0.1,adam:0.3, or sweep them")
    return names


def add_crowd_options(p: argparse.ArgumentParser, note: str) -> None:
    """--race and --population (one or the other) of play and run; ``note`` ends --race's help."""
    crowd = p.add_mutually_exclusive_group()
    crowd.add_argument("--race", metavar="[OPTIMIZER:]LR,...",
                       help=f"race players from the same start, each with its step size and optionally its own "
                            f"optimizer, e.g. 0.1,0.5,1.9 or gd:0.95,momentum:0.1,adagrad:1.5,adam:0.3{note}; "
                            f"a scenario with a default race (textbook) races it unless --race, --population, "
                            f"--lr or --optimizer is given")
    crowd.add_argument("--population", type=_whole, metavar="M",
                       help="walk M players from seeded random starts, in groups A (80%%) and B (20%%)")


def _lang(value: str | None) -> str:
    if value is not None:
        return value
    from game.i18n import default_lang
    return default_lang()


def _scenarios_epilog() -> str:
    """The built-in scenarios, one line each."""
    width = max(map(len, SCENARIOS))
    return "built-in scenarios (--scenario NAME):\n" + "\n".join(
        f"  {name:<{width}}  {SCENARIO_ABOUT[name]['en']}" for name in SCENARIOS)


def build_parser() -> Parser:
    parser = Parser(prog="main.py", allow_abbrev=False, description="Suika-wari: gradient descent as the watermelon-splitting game.")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    play = sub.add_parser("play", allow_abbrev=False, epilog=_scenarios_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter, help="open the window and play (the default)")
    add_scenario_options(play)
    play.add_argument("--lang", choices=("en", "ja"), help="language (default: from the locale)")
    play.add_argument("--autoplay", action="store_true", help="start walking at once")
    play.add_argument("--max-frames", type=_whole, metavar="N", help="stop after N frames")
    play.add_argument("--screenshot", metavar="FILE.png", help="save the last frame as a PNG")
    play.add_argument("--size", default="1280x720", metavar="WxH", help="window size in pixels")
    play.add_argument("--mute", action="store_true", help="no sound")
    play.add_argument("--learn", action="store_true",
                      help="walk the digits network's loss landscape (the digits scenario): the real training's "
                           "path and its curves shown")
    add_crowd_options(play, " (each in its own colour)")

    run = sub.add_parser("run", allow_abbrev=False, epilog=_scenarios_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter, help="walk once, headless, and report")
    add_scenario_options(run)
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--out", metavar="FILE.csv|FILE.json", help="write the whole trace")
    run.add_argument("--png", metavar="FILE.png", help="save the final scene with its charts")
    run.add_argument("--gif", metavar="FILE.gif|FILE.png|FILE.webp",
                     help="save the walk as the window plays it, animated (one frame per step); "
                          ".png: animated PNG")
    run.add_argument("--fps", type=_number, metavar="N", help="--gif: frames per second of the window's time")
    run.add_argument("--size", metavar="WxH", help="pixels of --png (default 1280x720) and --gif (default 640x360)")
    run.add_argument("--lang", choices=("en", "ja"), help="language of the PNG and the GIF")
    add_crowd_options(run, "")

    sweep = sub.add_parser("sweep", allow_abbrev=False, epilog=_scenarios_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter, help="try many step sizes from many starts, headless")
    add_scenario_options(sweep)
    sweep.add_argument("--lrs", metavar="LR,LR,...|START:STOP:COUNT",
                       help=f"step sizes, listed or log-spaced (default {DEFAULT_LRS})")
    sweep.add_argument("--grid", metavar="A=START:STOP:COUNT,B=START:STOP:COUNT",
                       help=f"a map instead: every pair of values of two of {', '.join(GRID_PARAMETERS)} "
                            f"(log-spaced for lr, linear for the others), e.g. lr=0.01:3:20,momentum=0:0.9:10")
    sweep.add_argument("--jobs", type=_whole, metavar="N",
                       help="--grid: processes sharing the map (default: every core); any N gives the same output")
    sweep.add_argument("--starts", type=_whole, default=DEFAULT_STARTS, metavar="N",
                       help=f"start points per step size, seeded and spread over the beach; "
                            f"1 = the scenario's start (default {DEFAULT_STARTS})")
    sweep.add_argument("--json", action="store_true", help="print one JSON object")
    sweep.add_argument("--out", metavar="FILE.csv|FILE.json", help="write the table")
    sweep.add_argument("--png", metavar="FILE.png", help="save charts of the sweep against lr")
    sweep.add_argument("--lang", choices=("en", "ja"), help="language of the PNG")
    learn = sub.add_parser("learn", allow_abbrev=False,
                           help="train a small network on the handwritten digits, headless")
    add_learn_options(learn)
    learn.add_argument("--gradcheck", action="store_true",
                       help="only compare backpropagation with the numerical gradient and print the "
                            "largest relative difference")
    learn.add_argument("--json", action="store_true", help="print one JSON object")
    learn.add_argument("--out", metavar="FILE.csv|FILE.json", help="write the per-epoch curves")
    learn.add_argument("--png", metavar="FILE.png", help="save the loss and accuracy charts")
    learn.add_argument("--lang", choices=("en", "ja"), help="language of the PNG")
    add_losses_parser(sub)
    return parser


def add_learn_options(p: argparse.ArgumentParser) -> None:
    """How the network learns the digits (defaults: sim.learning.learn.LearnSettings)."""
    from sim.learning.learn import OPTIMIZER_FIELDS, LearnSettings
    d = LearnSettings()
    g = p.add_argument_group("learning")
    g.add_argument("--hidden", type=_whole, default=d.hidden, metavar="N",
                   help="one hidden layer of N sigmoid units (default 0: softmax regression)")
    g.add_argument("--loss", choices=("cee", "sse"), default=d.loss,
                   help=f"cross-entropy error or sum of squared error (default {d.loss})")
    g.add_argument("--lr", type=_number, default=d.lr, help=f"step size (default {d.lr:g})")
    g.add_argument("--batch", type=_whole, default=d.batch, metavar="N", help=f"minibatch size (default {d.batch})")
    g.add_argument("--epochs", type=_whole, default=d.epochs, metavar="N", help=f"passes over the data (default {d.epochs})")
    g.add_argument("--val", type=_number, default=d.val, metavar="FRACTION",
                   help=f"fraction held out for validation (default {d.val:g})")
    g.add_argument("--seed", type=_whole, default=d.seed, help=f"seed of the split, the start and the shuffles (default {d.seed})")
    g.add_argument("--h", type=_number, default=d.h, help=f"probe distance of the gradient check (default {d.h:g})")
    from sim.walking.optimizers import HYPERPARAMETERS, OPTIMIZER_NAMES
    g.add_argument("--optimizer", choices=OPTIMIZER_NAMES, default=d.optimizer,
                   help=f"how the gradient becomes a step (default {d.optimizer})")
    for name in OPTIMIZER_FIELDS:
        users = [o for o in OPTIMIZER_NAMES if name in HYPERPARAMETERS[o]]
        g.add_argument(f"--{name}", type=_number, help=f"of {', '.join(users)} (default {getattr(d, name):g})")


def learn_settings_from_args(args: argparse.Namespace):
    """The LearnSettings of the command line, validated (UsageError names the option)."""
    from sim.learning.learn import OPTIMIZER_FIELDS, LearnSettings
    from sim.walking.optimizers import HYPERPARAMETERS
    hyper = {name: getattr(args, name) for name in OPTIMIZER_FIELDS if getattr(args, name) is not None}
    for name in hyper:
        if name not in HYPERPARAMETERS[args.optimizer]:
            raise UsageError(f"--{name} does not apply to --optimizer {args.optimizer}")
    try:
        return LearnSettings(hidden=args.hidden, loss=args.loss, lr=args.lr, batch=args.batch, epochs=args.epochs,
                             val=args.val, seed=args.seed, h=args.h, optimizer=args.optimizer, **hyper)
    except ValueError as err:
        raise UsageError(f"--{err}") from None


def _join_negative_values(argv: Sequence[str], options: set[str]) -> list[str]:
    """Turn "--start -3,4" into "--start=-3,4", so that argparse does not take -3,4 (or -exp(x),
    or -inf) for an option; a value that is itself one of ``options`` is left alone."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        value = argv[i + 1] if i + 1 < len(argv) else ""
        if token in _VALUE_OPTIONS and value.startswith("-") and value.split("=")[0] not in options:
            out.append(f"{token}={value}")
            i += 2
        else:
            out.append(token)
            i += 1
    return out


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of the parser and its subcommands."""
    found = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)[xX](\d+)", text)
    if not match or not (320 <= int(match[1]) <= 7680 and 240 <= int(match[2]) <= 4320):
        raise UsageError(f"--size: expected WxH from 320x240 to 7680x4320, got {text!r}")
    return int(match[1]), int(match[2])


def _output_path(path: str | None, option: str, kinds: Sequence[str] = OUTPUT_KINDS) -> str | None:
    """``path`` if it is None or a writable file of one of ``kinds``; else UsageError naming ``option``."""
    if path is not None:
        try:
            check_output_path(path, kinds=kinds)
        except OutputError as err:
            raise UsageError(f"{option}: {err}") from None
    return path


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse bad --out, --png and --gif paths (and --fps, --size) before anything runs."""
    _output_path(args.out, "--out")
    _output_path(args.png, "--png", (".png",))
    if getattr(args, "gif", None) is not None:
        from game.animation import ANIMATION_KINDS
        _output_path(args.gif, "--gif", ANIMATION_KINDS)
        if args.png is not None and os.path.realpath(args.png) == os.path.realpath(args.gif):
            raise UsageError(f"--gif and --png name the same file {args.gif!r}")
    if getattr(args, "fps", None) is not None:
        from game.animation import FPS_RANGE
        if args.gif is None:
            raise UsageError("--fps needs --gif (it is the animation's frame rate)")
        if not FPS_RANGE[0] <= args.fps <= FPS_RANGE[1]:
            raise UsageError(f"--fps: expected {FPS_RANGE[0]} to {FPS_RANGE[1]} frames per second, got {args.fps:g}")
    if getattr(args, "size", None) is not None:
        if args.png is None and args.gif is None:
            raise UsageError("--size needs --png or --gif (it is their size in pixels)")
        args.size = _size(args.size)
        from game.state import MIN_SIZE
        if args.size[0] < MIN_SIZE[0] or args.size[1] < MIN_SIZE[1]:
            raise UsageError(f"--size: a picture needs at least {MIN_SIZE[0]}x{MIN_SIZE[1]} pixels, "
                             f"got {args.size[0]}x{args.size[1]}")


def _animator(args: argparse.Namespace, make_state: Callable, steps: int) -> Callable[[str], None] | None:
    """What saves --gif (None without it): ``make_state(size, lang)`` builds the view state to
    replay, the play took ``steps`` steps. Refuses an --fps that would make too many frames,
    before anything is written."""
    if args.gif is None:
        return None
    from game.animation import DEFAULT_SIZE, MAX_FRAMES, frames_needed, save_animation

    state = make_state(args.size or DEFAULT_SIZE, _lang(args.lang))
    needed = frames_needed(steps, state.speed, args.fps)
    if needed > MAX_FRAMES:
        raise UsageError(f"--fps {args.fps:g}: {steps} steps at {state.speed:g} steps/s would take {needed} frames "
                         f"(at most {MAX_FRAMES}); lower --fps")
    return lambda path: save_animation(state, path, fps=args.fps, expected_steps=steps)


def _deliver(args: argparse.Namespace, table: Callable[[], bytes], draw_png: Callable[[str], None],
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


def _png_size(args: argparse.Namespace) -> tuple[int, int]:
    return args.size or (1280, 720)


def _lrs(text: str, option: str) -> list[float]:
    from sim.walking.sweep import parse_lrs
    try:
        return parse_lrs(text)
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


def _refuse(args: argparse.Namespace, option: str, why: str) -> None:
    if getattr(args, option.lstrip("-").replace("-", "_")) is not None:
        raise UsageError(f"{option} {why}")


def _default_race(args: argparse.Namespace) -> None:
    """Fill --race from the scenario's default race (textbook) unless the user chose otherwise."""
    if args.race is None and args.population is None and args.lr is None and args.optimizer is None:
        args.race = get_scenario(args.scenario).race


def cmd_run(args: argparse.Namespace) -> int:
    _default_race(args)
    if args.race is not None:
        return _run_race(args)
    if args.population is not None:
        return _run_population(args)
    from sim.reports.text import run_summary
    from sim.walking.walk import RUN_COLUMNS, Walk, run_rows

    scenario = scenario_from_args(args)
    _check_outputs(args)
    walk = Walk(scenario)
    result = walk.run()

    def draw(path: str) -> None:
        from game.scene import render_png
        render_png(walk, path, lang=_lang(args.lang), size=_png_size(args))

    def replay(size: tuple[int, int], lang: str):
        from game.state import ViewState
        return ViewState(scenario, lang, size)
    return _deliver(args, lambda: table_bytes(args.out, RUN_COLUMNS, run_rows(result), result.to_dict()),
                    draw, json_text(result.to_dict()) if args.json else run_summary(result),
                    _animator(args, replay, result.steps))


def _racers(args: argparse.Namespace, most: int, where: str = ""):
    """The racers of --race (at most ``most``), refusing --lr beside them."""
    from sim.walking.racers import parse_racers

    _refuse(args, "--lr", "does not apply with --race: each racer takes its step size from --race")
    try:
        racers = parse_racers(args.race)
    except ValueError as err:
        raise UsageError(f"--race: {err}") from None
    if len(racers) > most:
        raise UsageError(f"--race: at most {most} racers{where}, got {len(racers)}")
    return racers


def _population_size(args: argparse.Namespace, most: int, where: str = "") -> int:
    """The number of players of --population (at most ``most``), refusing --start beside it."""
    from sim.walking.population import check_players

    _refuse(args, "--start", "does not apply with --population: the starts are random (set --seed)")
    try:
        check_players(args.population, "--population", 2)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if args.population > most:
        raise UsageError(f"--population: at most {most:,} players{where}, got {args.population:,}")
    return args.population


def _run_race(args: argparse.Namespace) -> int:
    from sim.walking.race import MAX_RACERS, RACE_COLUMNS, Race, race_rows, race_summary, race_table

    if args.gif is None:
        racers = _racers(args, MAX_RACERS)
    else:   # the animation shows every racer in its own colour
        from game.state import MAX_RACERS_SHOWN
        racers = _racers(args, MAX_RACERS_SHOWN, " in a --gif (one colour each)")
    scenario = scenario_from_args(args)
    _check_outputs(args)
    race = Race(scenario, racers)
    results = race.run()
    summary = race_summary(results)

    def draw(path: str) -> None:
        from game.scene import render_race_png
        render_race_png(race, path, lang=_lang(args.lang), size=_png_size(args))

    def replay(size: tuple[int, int], lang: str):
        from game.state import RaceState
        return RaceState(scenario, lang, size, lrs=tuple(r.lr for r in racers),
                         optimizers=tuple(r.optimizer for r in racers))
    return _deliver(args, lambda: table_bytes(args.out, RACE_COLUMNS, race_rows(results), summary),
                    draw, json_text(summary) if args.json else race_table(results),
                    _animator(args, replay, race.swarm.tick))


def _run_population(args: argparse.Namespace) -> int:
    from sim.walking.population import MAX_PLAYERS, POPULATION_TABLE_COLUMNS, Population, population_rows, population_table

    if args.gif is None:
        players = _population_size(args, MAX_PLAYERS)
    else:   # the animation draws every player
        from game.state import MAX_PLAYERS_SHOWN
        players = _population_size(args, MAX_PLAYERS_SHOWN, " in a --gif")
    scenario = scenario_from_args(args)
    _check_outputs(args)
    population = Population(scenario, players)
    result = population.run()

    def draw(path: str) -> None:
        from game.scene import render_population_png
        render_population_png(population, path, lang=_lang(args.lang), size=_png_size(args))

    def replay(size: tuple[int, int], lang: str):
        from game.state import PopulationState
        return PopulationState(scenario, lang, size, players=players)
    return _deliver(args, lambda: table_bytes(args.out, POPULATION_TABLE_COLUMNS, population_rows(result),
                                              result.to_dict()),
                    draw, json_text(result.to_dict()) if args.json else population_table(result),
                    _animator(args, replay, population.swarm.tick))


def _progress(players: int, max_steps: int):
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


def cmd_sweep(args: argparse.Namespace) -> int:
    from sim.walking.sweep import check_sweep_size, sweep, sweep_table

    if args.grid is not None:
        return _sweep_grid(args)
    _refuse(args, "--jobs", "applies to --grid maps (a sweep of step sizes walks in one process)")
    _refuse(args, "--lr", "does not apply to sweep: give the step sizes with --lrs")
    lrs = _lrs(args.lrs or DEFAULT_LRS, "--lrs")
    try:
        check_sweep_size(len(set(lrs)) * len(set(_optimizers(args))), args.starts, "--starts")
    except ValueError as err:
        raise UsageError(str(err)) from None
    if args.start is not None and args.starts != 1:
        raise UsageError(f"--start needs --starts 1 (got --starts {args.starts}): more starts are spread "
                         f"over the beach at random")
    scenario = scenario_from_args(args)
    _check_outputs(args)
    progress = _progress(len(set(lrs)) * len(set(_optimizers(args))) * args.starts, scenario.max_steps)
    try:
        result = sweep(scenario, lrs, args.starts, on_step=progress,
                       optimizers=[name or scenario.optimizer for name in _optimizers(args)])
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    def table() -> bytes:
        if args.out.lower().endswith(".json"):
            return (json_text(result.to_dict()) + "\n").encode()
        return table_bytes(args.out, result.columns(), [r.values() for r in result.rows])

    def draw(path: str) -> None:
        from game.experiment_charts import save_sweep_png
        save_sweep_png(result, path, lang=_lang(args.lang))
    return _deliver(args, table, draw, json_text(result.to_dict()) if args.json else sweep_table(result))


def _sweep_grid(args: argparse.Namespace) -> int:
    """sweep --grid: a hyperparameter map (sim.walking.grid), its table, CSV/JSON and PNG."""
    from sim.walking.grid import check_map, hyperparameter_map, map_table, parse_grid
    from sim.walking.jobs import check_jobs, default_jobs

    _refuse(args, "--lrs", "does not apply with --grid: give lr's range in --grid, like lr=0.01:3:20")
    try:
        axes = parse_grid(args.grid)
    except ValueError as err:
        raise UsageError(f"--grid: {err}") from None
    try:
        jobs = check_jobs(default_jobs() if args.jobs is None else args.jobs, "--jobs")
    except ValueError as err:
        raise UsageError(str(err)) from None
    for axis in axes:
        _refuse(args, f"--{axis.name}", f"does not apply with --grid {args.grid}: {axis.name} is one of the map's axes")
    if len(_optimizers(args)) > 1:
        raise UsageError("--optimizer takes one name with --grid (a map is of one optimizer)")
    if args.start is not None and args.starts != 1:
        raise UsageError(f"--start needs --starts 1 (got --starts {args.starts}): more starts are spread "
                         f"over the beach at random")
    scenario = scenario_from_args(args)
    try:
        check_map(scenario, axes, args.starts)
    except ValueError as err:
        raise UsageError(f"--grid: {err}") from None
    _check_outputs(args)
    progress = _cell_progress()
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
        save_map_png(result, path, lang=_lang(args.lang))
    return _deliver(args, table, draw, json_text(result.to_dict()) if args.json else map_table(result))


def _cell_progress():
    """An on_cells callback that keeps one progress line on stderr, or None when it is no terminal."""
    if not sys.stderr.isatty():
        return None
    began = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - began >= PROGRESS_AFTER:
            print(f"\rsweep --grid: {done:,} of {total:,} cells walked ", end="", file=sys.stderr, flush=True)
    return show


def _learn_scenario(args: argparse.Namespace) -> None:
    """play --learn: the digits scenario, on its loss or its accuracy, one walk."""
    if args.scenario not in ("beach", "digits"):
        raise UsageError(f"--learn plays the digits scenario, not --scenario {args.scenario}")
    if args.loss not in (None, "digits", "digits-accuracy") or args.expr is not None:
        raise UsageError("--learn walks the digits network: --loss digits or digits-accuracy")
    for option in ("--race", "--population"):
        _refuse(args, option, "does not apply with --learn: it plays one walk")
    args.scenario = "digits"


def cmd_play(args: argparse.Namespace) -> int:
    from game.state import MAX_PLAYERS_SHOWN, MAX_RACERS_SHOWN

    if args.learn:
        _learn_scenario(args)

    _default_race(args)
    race = None if args.race is None else _racers(args, MAX_RACERS_SHOWN, " in the window (one colour each)")
    players = None if args.population is None else _population_size(args, MAX_PLAYERS_SHOWN, " in the window")
    scenario = scenario_from_args(args)
    size = _size(args.size)
    screenshot = _output_path(args.screenshot, "--screenshot", (".png",))
    if args.max_frames is not None and args.max_frames < 1:
        raise UsageError(f"--max-frames: expected a whole number >= 1, got {args.max_frames}")
    from game.app import play
    return play(scenario, lang=_lang(args.lang), autoplay=args.autoplay, max_frames=args.max_frames,
                screenshot=screenshot, size=size, sound=not args.mute, race=race, population=players)


def add_losses_parser(sub) -> None:
    from sim.learning.output_bars import SUM_TOLERANCE
    from sim.learning.output_losses import DELTA

    losses = sub.add_parser("losses", allow_abbrev=False,
                            help="the article's two losses (SSE and CEE) of a network's output, headless",
                            description="Sum of squared error E = ½ Σ (y − t)² and cross-entropy error "
                                        f"E = −Σ t log(y + δ), δ = {DELTA:g}, of an output y against the one-hot "
                                        "target t. Without --y: the article's two outputs (its code was an image, "
                                        "so the vectors are reconstructed from the four numbers it prints) and the "
                                        "textbook's 10-class example (Deep Learning from Scratch ch. 4).")
    losses.add_argument("--y", metavar="P,P,...",
                        help=f"an output: at least two probabilities in [0, 1] summing to 1 (within {SUM_TOLERANCE:g})")
    losses.add_argument("--label", type=_whole, metavar="K", help="the correct class of --y, counted from 0")
    losses.add_argument("--json", action="store_true", help="print one JSON object")


def cmd_losses(args: argparse.Namespace) -> int:
    from sim.learning.output_bars import (ARTICLE_RIGHT, ARTICLE_WRONG, RECONSTRUCTED_NOTE, TEXTBOOK,
                                          NetworkOutput, losses_table)
    from sim.learning.output_losses import DELTA

    if (args.y is None) != (args.label is None):
        raise UsageError("--y and --label go together: an output and its correct class (from 0)")
    if args.y is None:
        rows = [("y1 (right)", ARTICLE_RIGHT), ("y2 (wrong)", ARTICLE_WRONG), ("textbook", TEXTBOOK)]
        note = (f"The article's y1 and y2 (five classes; {RECONSTRUCTED_NOTE}) and the textbook's "
                f"example (Deep Learning from Scratch ch. 4).")
    else:
        try:
            y = [float(v) for v in args.y.split(",")]
        except ValueError:
            raise UsageError(f"--y: expected probabilities separated by commas, like 0.1,0.7,0.2, got {args.y!r}") from None
        try:
            rows = [("y", NetworkOutput(tuple(y), args.label))]
        except (TypeError, ValueError) as err:
            raise UsageError(f"{'--label' if str(err).startswith('label') else '--y'}: {err}") from None
        note = ""
    if args.json:
        report = {"delta": DELTA, "outputs": [{"name": name, **out.to_dict()} for name, out in rows]}
        if note:
            report["note"] = note
        print(json_text(report))
    else:
        print("\n".join(filter(None, [note, f"SSE = ½ Σ (y − t)²; CEE = −Σ t log(y + δ), δ = {DELTA:g}; "
                                         "t is one-hot at the label (from 0)", losses_table(rows)])))
    return 0


def cmd_learn(args: argparse.Namespace) -> int:
    from sim.learning.learn import CURVE_COLUMNS, gradcheck, learn, learn_table

    settings = learn_settings_from_args(args)
    if args.gradcheck:
        for option in ("--out", "--png"):
            _refuse(args, option, "does not apply with --gradcheck")
        worst = gradcheck(settings)
        report = {"gradcheck": {"max_relative_difference": worst, "h": settings.h,
                                "parameters": settings.network.n_params}}
        print(json_text(report) if args.json else
              f"gradient check ({settings.network.n_params} weights, h = {settings.h:g}): largest relative "
              f"difference between backpropagation and the numerical gradient {worst:.3g}")
        return 0
    _check_outputs(args)
    result = learn(settings)

    def draw(path: str) -> None:
        from game.learn_charts import save_learn_png
        save_learn_png(result, path, lang=_lang(args.lang))
    return _deliver(args, lambda: table_bytes(args.out, CURVE_COLUMNS, result.rows(), result.to_dict()),
                    draw, json_text(result.to_dict()) if args.json else learn_table(result))


COMMANDS = {"play": cmd_play, "run": cmd_run, "sweep": cmd_sweep, "learn": cmd_learn, "losses": cmd_losses}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "play")
    parser = build_parser()
    try:
        args = parser.parse_args(_join_negative_values(argv, _option_strings(parser)))
        for name, value in vars(args).items():
            if isinstance(value, list):   # argparse reads a value "--" (as in --race=--) as an empty list
                raise UsageError(f"--{name.replace('_', '-')}: expected a value, got '--'")
        return COMMANDS[args.command](args)
    except (UsageError, ScenarioError) as err:
        command = argv[0] if argv and argv[0] in COMMANDS else ""
        print(f"main.py {command}: error: {err}".replace("  ", " "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:   # Ctrl-C: workers are stopped already (sim.walking.jobs); nothing half-written
        print("main.py: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader (head, say) stopped reading: not an error of ours
        sys.stdout = None
        return 0
    except OSError as err:
        print(f"main.py: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
