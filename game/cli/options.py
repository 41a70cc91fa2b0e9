"""The command line read and checked: the parser of every command, and the checks of what it read
that argparse cannot make. Every problem is a UsageError (or a ScenarioError) whose message is the
one line shown; nothing here imports pygame (only the texts' languages, game.i18n).
"""
from __future__ import annotations

import argparse
import functools
import os
import re
from typing import Sequence

from sim.walking.optimizers import OPTIMIZER_NAMES
from game.i18n import DEFAULT_LANG, LANGS, default_lang, terminal, tr
from sim.beach.scenario import LOSS_CHOICES, SCENARIOS, Scenario, ScenarioError, get_scenario
from sim.walking.grid import GRID_PARAMETERS
from sim.walking.jobs import SHARE_WORK
from sim.walking.schedules import SCHEDULE_NAMES
from sim.reports.files import OUTPUT_KINDS, OutputError, check_output_path

DEFAULT_LRS = "0.001:3:25"
DEFAULT_STARTS = 100
JOBS_DEFAULT = f"every core when players x steps reach {SHARE_WORK // 1_000_000} M, else one"


class UsageError(Exception):
    """Bad input from the command line; the message is the one line shown."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a problem in one line and exits with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _number(text: str) -> float:
    """An argparse type: a number."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def whole(text: str) -> int:
    """An argparse type: a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _pair(text: str) -> tuple[float, float]:
    """An argparse type: X,Y in metres."""
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
    g.add_argument("--steps", type=whole, help="most updates (max steps)")
    g.add_argument("--tol", type=_number, help="a step shorter than this (m) means stuck")
    g.add_argument("--reach", type=_number, help="stick length (m): a hit within it")
    g.add_argument("--seed", type=whole, help="seed of the run's random generator (starts, noise)")
    o = p.add_argument_group("optimizer, noise and step-size schedule")
    d = Scenario()
    several = " (sweep: several, comma-separated)" if p.prog.endswith("sweep") else ""
    o.add_argument("--optimizer", metavar="NAME",
                   help=f"{' | '.join(OPTIMIZER_NAMES)} (default {d.optimizer}){several}")
    for name, metavar, kind, text in (
            ("momentum", "μ", _number, "μ of momentum and nesterov, in [0, 1)"),
            ("beta1", "β1", _number, "Adam's β1, in [0, 1)"),
            ("beta2", "β2", _number, "Adam's β2, in [0, 1)"),
            ("rho", "ρ", _number, "RMSProp's decay ρ, in [0, 1)"),
            ("eps", "ε", _number, "ε of adagrad, rmsprop, adam, > 0"),
            ("noise", "S", _number, "friends shout imprecisely: each update they judge from a spot off by N(0, S²) m "
                                    "per axis, so on the squared loss the heard gradient is off by S·N(0, 1)"),
            ("schedule", "NAME", None, f"lr per update: {' | '.join(SCHEDULE_NAMES)}"),
            ("decay", "D", _number, "step, exp: lr × D every --every updates, D in (0, 1]"),
            ("every", "N", whole, "step, exp: updates per decay"),
            ("warmup", "W", whole, "updates of linear warmup up to lr"),
            ("floor", "F", _number, "cosine: the last update's share of lr, in [0, 1]")):
        o.add_argument(f"--{name}", type=kind, metavar=metavar, help=f"{text} (default {_shown(getattr(d, name))})")
    o.description = "defaults are the scenario's: those below unless it sets its own" + _own_settings(o, d)


def _shown(value: float | str) -> str:
    """A default as the help writes it: 0.9, 1e-8 (not 1e-08), constant."""
    return value if isinstance(value, str) else re.sub(r"e([+-])0+(\d)", r"e\1\2", f"{value:g}")


def _own_settings(group: argparse._ArgumentGroup, default: Scenario) -> str:
    """" (textbook: ε 1e-7)": the built-in scenarios that set their own values of ``group``'s options."""
    own = []
    for name, scenario in SCENARIOS.items():
        changed = [f"{a.metavar} {_shown(getattr(scenario, a.dest))}" for a in group._group_actions
                   if a.type is not None and getattr(scenario, a.dest) != getattr(default, a.dest)]
        if changed:
            own.append(f"{name}: {', '.join(changed)}")
    return f" ({'; '.join(own)})" if own else ""


FIELD_OF_OPTION = {"steps": "max_steps"}   # the scenario options whose Scenario field has another name


@functools.cache
def scenario_options() -> tuple[str, ...]:
    """The names (dests) of the options add_scenario_options defines, but --scenario itself."""
    parser = Parser(prog="options", add_help=False)
    add_scenario_options(parser)
    return tuple(action.dest for action in parser._actions if action.dest != "scenario")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The chosen scenario with the command line's changes (every scenario option given), validated."""
    scenario = get_scenario(args.scenario)
    if args.loss and args.expr is not None:
        raise ScenarioError("give either --loss or --expr, not both")
    given = {name: getattr(args, name) for name in scenario_options()}
    given["optimizer"] = optimizers(args)[0]
    changes = {FIELD_OF_OPTION.get(name, name): value for name, value in given.items() if value is not None}
    return scenario.replace(**changes) if changes else scenario


def optimizers(args: argparse.Namespace) -> list[str | None]:
    """The names given to --optimizer (a comma-separated list: several only for sweep), [None] if none."""
    if args.optimizer is None:
        return [None]
    names = [name.strip() for name in args.optimizer.split(",")]
    if len(names) > 1 and args.command != "sweep":
        raise UsageError(f"--optimizer takes one name for {args.command}, got {args.optimizer!r}: "
                         f"race several with --race gd:0.1,adam:0.3, or sweep them")
    return names


def add_window_options(p: argparse.ArgumentParser, autoplay: str) -> None:
    """The options of a command that opens the window: language, autoplay (``autoplay`` says what it
    does there), frame limit, screenshot, size and sound."""
    p.add_argument("--lang", choices=LANGS, help="language (default: from the locale)")
    p.add_argument("--autoplay", action="store_true", help=autoplay)
    p.add_argument("--max-frames", type=whole, metavar="N", help="stop after N frames")
    p.add_argument("--screenshot", metavar="FILE.png", help="save the last frame as a PNG")
    p.add_argument("--size", default="1280x720", metavar="WxH", help="window size in pixels")
    p.add_argument("--mute", action="store_true", help="no sound")


def add_crowd_options(p: argparse.ArgumentParser, note: str) -> None:
    """--race and --population (one or the other) of play and run; ``note`` ends --race's help."""
    crowd = p.add_mutually_exclusive_group()
    crowd.add_argument("--race", metavar="[OPTIMIZER:]LR,...",
                       help=f"race players from the same start, each with its step size and optionally its own "
                            f"optimizer, e.g. 0.1,0.5,1.9 or gd:0.95,momentum:0.1,adagrad:1.5,adam:0.3{note}; "
                            f"a scenario with a default race (textbook) races it unless --race, --population, "
                            f"--lr or --optimizer is given")
    crowd.add_argument("--population", type=whole, metavar="M",
                       help="walk M players from seeded random starts, in groups A (80%%) and B (20%%)")


def language(value: str | None) -> str:
    """The --lang given, else the locale's language."""
    return default_lang() if value is None else value


def say(args: argparse.Namespace | None):
    """The words of what a command prints (a sim.reports.say.Say) in the language of --lang, else the
    locale's (also when the command line is not read yet: ``args`` None)."""
    return terminal(language(getattr(args, "lang", None)))


def _scenarios_epilog() -> str:
    """The built-in scenarios, one line each."""
    width = max(map(len, SCENARIOS))
    return "built-in scenarios (--scenario NAME):\n" + "\n".join(
        f"  {name:<{width}}  {tr(f'about.{name}', DEFAULT_LANG)}" for name in SCENARIOS)


def build_parser(prog: str = "main.py") -> Parser:
    """The parser of main.py (or ``prog``) and its commands."""
    parser = Parser(prog=prog, allow_abbrev=False, description="Suika-wari: gradient descent as the watermelon-splitting game.")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    play = sub.add_parser("play", allow_abbrev=False, epilog=_scenarios_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter, help="open the window and play (the default)")
    add_scenario_options(play)
    add_window_options(play, "start walking at once")
    play.add_argument("--learn", action="store_true",
                      help="walk the digits network's loss landscape (the digits scenario): the real training's "
                           "path and its curves shown")
    play.add_argument("--lesson", action="store_true", help="the lesson instead: the same as the lesson command")
    play.add_argument("--blindfold", action="store_true",
                      help="be the blindfolded player: taste, ask, step and swing to find the hidden watermelon "
                           "(--scenario beach, valley, dunes or decoys; --seed hides it; --autoplay: a demonstration)")
    add_lesson_options(play)
    add_crowd_options(play, " (each in its own colour)")
    m = play.add_argument_group("a hyperparameter map in the window (click a cell to watch its walk)")
    m.add_argument("--grid", metavar="A=START:STOP:COUNT,B=START:STOP:COUNT",
                   help="compute the map as sweep --grid does (with the scenario's options, --starts, --seed, "
                        "--jobs) and open it, e.g. lr=1e-3:3:12,momentum=0:0.9:10 --optimizer momentum")
    m.add_argument("--starts", type=whole, metavar="N",
                   help=f"--grid: starts per cell, seeded and spread over the beach; 1 = the scenario's start "
                        f"(default {DEFAULT_STARTS})")
    m.add_argument("--jobs", type=whole, metavar="N", help=f"--grid: processes sharing the map (default: {JOBS_DEFAULT})")
    m.add_argument("--map", metavar="FILE.json", help="open a map that sweep --grid --json (or --out FILE.json) wrote")

    lesson = sub.add_parser("lesson", allow_abbrev=False,
                            help="the article chapter by chapter in the window, each chapter a live scene")
    add_window_options(lesson, "start walking at once on the beach pages")
    add_lesson_options(lesson)

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
    run.add_argument("--lang", choices=LANGS, help="language of the report, the PNG and the GIF (default: from the locale)")
    add_crowd_options(run, "")

    sweep = sub.add_parser("sweep", allow_abbrev=False, epilog=_scenarios_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter, help="try many step sizes from many starts, headless")
    add_scenario_options(sweep)
    sweep.add_argument("--lrs", metavar="LR,LR,...|START:STOP:COUNT",
                       help=f"step sizes, listed or log-spaced (default {DEFAULT_LRS})")
    sweep.add_argument("--grid", metavar="A=START:STOP:COUNT,B=START:STOP:COUNT",
                       help=f"a map instead: every pair of values of two of {', '.join(GRID_PARAMETERS)} "
                            f"(log-spaced for lr, linear for the others), e.g. lr=0.01:3:20,momentum=0:0.9:10")
    sweep.add_argument("--jobs", type=whole, metavar="N",
                       help=f"processes sharing the sweep or the map (default: {JOBS_DEFAULT}); any N gives the "
                            "same output (a sweep with noise walks in one)")
    sweep.add_argument("--starts", type=whole, default=DEFAULT_STARTS, metavar="N",
                       help=f"start points per step size (with --grid: per cell), seeded and spread over "
                            f"the beach; 1 = the scenario's start (default {DEFAULT_STARTS})")
    sweep.add_argument("--json", action="store_true", help="print one JSON object")
    sweep.add_argument("--out", metavar="FILE.csv|FILE.json", help="write the table")
    sweep.add_argument("--png", metavar="FILE.png", help="save charts of the sweep against lr (with --grid: a map per measure)")
    sweep.add_argument("--lang", choices=LANGS, help="language of the report and the PNG (default: from the locale)")
    learn = sub.add_parser("learn", allow_abbrev=False,
                           help="train a small network on the handwritten digits, headless")
    add_learn_options(learn)
    learn.add_argument("--gradcheck", action="store_true",
                       help="only compare backpropagation with the numerical gradient and print the "
                            "largest relative difference")
    learn.add_argument("--json", action="store_true", help="print one JSON object")
    learn.add_argument("--out", metavar="FILE.csv|FILE.json", help="write the per-epoch curves")
    learn.add_argument("--png", metavar="FILE.png", help="save the loss and accuracy charts")
    learn.add_argument("--lang", choices=LANGS, help="language of the report and the PNG (default: from the locale)")
    add_losses_parser(sub)
    return parser


def add_lesson_options(p: argparse.ArgumentParser) -> None:
    """--chapter, --text-scale and --fullscreen of lesson (and play --lesson); checked by game.cli.lesson
    (the chapters and the scales are game.lesson's, which a headless command never imports)."""
    g = p.add_argument_group("lesson")
    g.add_argument("--chapter", type=whole, metavar="N", help="start at chapter N (default 1)")
    g.add_argument("--text-scale", type=_number, metavar="S",
                   help="text size for projectors: 1, 1.25, 1.5 or 1.75 (default 1; Ctrl +/− in the window)")
    g.add_argument("--fullscreen", action="store_true", help="start fullscreen (F11 toggles)")


def add_learn_options(p: argparse.ArgumentParser) -> None:
    """How the network learns the digits (defaults: sim.learning.learn.LearnSettings)."""
    from sim.learning.learn import OPTIMIZER_FIELDS, LearnSettings
    from sim.learning.network import LOSS_KINDS
    d = LearnSettings()
    g = p.add_argument_group("learning")
    g.add_argument("--hidden", type=whole, default=d.hidden, metavar="N",
                   help="one hidden layer of N sigmoid units (default 0: softmax regression)")
    g.add_argument("--loss", choices=tuple(LOSS_KINDS), default=d.loss,
                   help=f"cross-entropy error or sum of squared error (default {d.loss})")
    g.add_argument("--lr", type=_number, default=d.lr, help=f"step size (default {d.lr:g})")
    g.add_argument("--batch", type=whole, default=d.batch, metavar="N", help=f"minibatch size (default {d.batch})")
    g.add_argument("--epochs", type=whole, default=d.epochs, metavar="N", help=f"passes over the data (default {d.epochs})")
    g.add_argument("--val", type=_number, default=d.val, metavar="FRACTION",
                   help=f"fraction held out for validation (default {d.val:g})")
    g.add_argument("--seed", type=whole, default=d.seed, help=f"seed of the split, the start and the shuffles (default {d.seed})")
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


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and its subcommands' parsers."""
    return [parser, *(sub for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                      for sub in action.choices.values())]


def _join_negative_values(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """Turn "--start -3,4" into "--start=-3,4" for every option that takes a value, so that argparse
    does not take -3,4 (or -exp(x), or -inf) for an option; a value that is itself an option is
    left alone."""
    actions = {option: action for p in _parsers(parser) for option, action in p._option_string_actions.items()}
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        value = argv[i + 1] if i + 1 < len(argv) else ""
        takes_value = token in actions and actions[token].nargs != 0
        if takes_value and value.startswith("-") and value.split("=")[0] not in actions:
            out.append(f"{token}={value}")
            i += 2
        else:
            out.append(token)
            i += 1
    return out


def with_command(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``argv`` with its command first: "--lang ja run" is "run --lang ja" (the options every
    command shares may come first); none (only options, or nothing) means play."""
    argv = list(argv)
    flags = {option for p in _parsers(build_parser()) for a in p._actions if a.nargs == 0 for option in a.option_strings}
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-h", "--help"):
        i += 1 if argv[i] in flags or "=" in argv[i] else 2
    if i < len(argv) and argv[i] in commands:
        return [argv[i], *argv[:i], *argv[i + 1:]]
    return argv if i == 0 and argv else ["play", *argv]


def command_names() -> tuple[str, ...]:
    """The commands the parser knows (play first): each runs in the game/cli module of its name."""
    return tuple(next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices)


def parse(argv: Sequence[str], prog: str = "main.py") -> argparse.Namespace:
    """The options of ``argv`` (its command first, see with_command); UsageError on bad input."""
    parser = build_parser(prog)
    args = parser.parse_args(_join_negative_values(argv, parser))
    for name, value in vars(args).items():
        if isinstance(value, list):   # argparse reads a value "--" (as in --race=--) as an empty list
            raise UsageError(f"--{name.replace('_', '-')}: expected a value, got '--'")
    return args


def parse_size(text: str) -> tuple[int, int]:
    """--size's WxH in pixels, from the smallest the scene can draw (game.stage.MIN_SIZE) to 8K (MAX_SIZE)."""
    from game.stage import MAX_SIZE, MIN_SIZE
    match = re.fullmatch(r"(\d+)[xX](\d+)", text)
    if not match or not (MIN_SIZE[0] <= int(match[1]) <= MAX_SIZE[0] and MIN_SIZE[1] <= int(match[2]) <= MAX_SIZE[1]):
        raise UsageError(f"--size: expected WxH from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]}, "
                         f"got {text!r}")
    return int(match[1]), int(match[2])


def output_path(path: str | None, option: str, kinds: Sequence[str] = OUTPUT_KINDS) -> str | None:
    """``path`` if it is None or a writable file of one of ``kinds``; else UsageError naming ``option``."""
    if path is not None:
        try:
            check_output_path(path, kinds=kinds)
        except OutputError as err:
            raise UsageError(f"{option}: {err}") from None
    return path


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse bad --out, --png and --gif paths (and --fps, --size) before anything runs."""
    output_path(args.out, "--out")
    output_path(args.png, "--png", (".png",))
    if getattr(args, "gif", None) is not None:
        from game.animation import ANIMATION_KINDS
        output_path(args.gif, "--gif", ANIMATION_KINDS)
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
        args.size = parse_size(args.size)


def parse_lrs_option(text: str, option: str) -> list[float]:
    """The step sizes of ``option`` (listed or START:STOP:COUNT)."""
    from sim.walking.sweep import parse_lrs
    try:
        return parse_lrs(text)
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


SCENARIO_OPTIONS = ("--start", "--target", "--lr", "--h", "--steps", "--tol", "--reach", "--seed", "--loss", "--expr",
                    "--optimizer", "--momentum", "--beta1", "--beta2", "--rho", "--eps", "--noise", "--schedule",
                    "--decay", "--every", "--warmup", "--floor")   # add_scenario_options', but --scenario


def map_file(args: argparse.Namespace):
    """The map of play --map FILE.json (sim.walking.map_file), refusing the options the file sets."""
    from sim.walking.map_file import load_map

    if args.scenario != "beach":
        raise UsageError("--scenario does not apply with --map: the map file holds its scenario")
    for option in (*SCENARIO_OPTIONS, "--starts", "--jobs"):
        refuse(args, option, "does not apply with --map: the map file holds its settings")
    try:
        return load_map(args.map)
    except ValueError as err:
        raise UsageError(f"--map: {err}") from None


def refuse(args: argparse.Namespace, option: str, why: str) -> None:
    """UsageError "``option`` ``why``" when ``option`` was given."""
    if getattr(args, option.lstrip("-").replace("-", "_")) is not None:
        raise UsageError(f"{option} {why}")


def default_race(args: argparse.Namespace) -> None:
    """Fill --race from the scenario's default race (textbook) unless the user chose otherwise."""
    if args.race is None and args.population is None and args.lr is None and args.optimizer is None:
        args.race = get_scenario(args.scenario).race


def racers(args: argparse.Namespace, most: int, where: str = ""):
    """The racers of --race (at most ``most``), refusing --lr beside them."""
    from sim.walking.racers import parse_racers

    refuse(args, "--lr", "does not apply with --race: each racer takes its step size from --race")
    try:
        racers = parse_racers(args.race)
    except ValueError as err:
        raise UsageError(f"--race: {err}") from None
    if len(racers) > most:
        raise UsageError(f"--race: at most {most} racers{where}, got {len(racers)}")
    return racers


def population_size(args: argparse.Namespace, most: int, where: str = "") -> int:
    """The number of players of --population (at most ``most``), refusing --start beside it."""
    from sim.walking.population import check_players

    refuse(args, "--start", "does not apply with --population: the starts are random (set --seed)")
    try:
        check_players(args.population, "--population", 2)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if args.population > most:
        raise UsageError(f"--population: at most {most:,} players{where}, got {args.population:,}")
    return args.population


def add_losses_parser(sub) -> None:
    """The losses command's options."""
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
    losses.add_argument("--label", type=whole, metavar="K", help="the correct class of --y, counted from 0")
    losses.add_argument("--json", action="store_true", help="print one JSON object")
    losses.add_argument("--lang", choices=LANGS, help="language of the report (default: from the locale)")
