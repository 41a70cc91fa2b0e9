"""Scenarios: the beach, the watermelon, the player's start and the walk's settings.

A scenario is a frozen, validated value. Built-in ones live in ``SCENARIOS``; users write their
own as TOML files (see ``load_scenario``). Every number carries its unit in the field's comment.
"""
from __future__ import annotations

import dataclasses
import difflib
import math
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sim.beach.losses import LOSS_NAMES
from sim.reports.brief import brief
from sim.reports.say import Say, english
from sim.walking.optimizers import DEFAULT_OPTIMIZER, HYPERPARAMETER_DEFAULTS
from sim.walking.schedules import Schedule

LOSS_CHOICES = (*LOSS_NAMES, "custom")   # custom stays last
_HYPER_FLOATS = (*HYPERPARAMETER_DEFAULTS, "noise", "decay", "floor")
_SCHEDULE = Schedule()   # the schedule's defaults
MAX_NOISE = 1e6       # metres: the largest noise strength accepted
MAX_COORD = 1e6       # metres: the largest beach coordinate accepted
MAX_STEPS = 10**9     # the largest max_steps accepted
MAX_LR_STEPS = 10**7  # the most step sizes lr_per_step gives at once (80 MB)
MAX_SCENARIO_BYTES = 64 * 1024   # bytes: the largest scenario file read (a scenario is a few lines)


class ScenarioError(ValueError):
    """A bad scenario value; the message names the field, the value and what is accepted."""


@dataclass(frozen=True)
class Scenario:
    """One beach game: where everything is and how the blindfolded player walks."""

    name: str = "beach"
    bounds: tuple[float, float, float, float] = (-12.0, 12.0, -12.0, 12.0)  # xmin, xmax, ymin, ymax (m)
    target: tuple[float, float] = (3.0, 2.0)   # the watermelon (m)
    start: tuple[float, float] = (-8.0, -6.0)  # the player's first position (m)
    reach: float = 0.5      # stick length (m): a hit when the watermelon is nearer than this
    lr: float = 0.1         # step size: p <- p - lr * grad L(p)
    h: float = 1e-4         # probe distance of the central difference (m)
    tol: float = 1e-6       # a step shorter than this (m) means the player is stuck
    max_steps: int = 200    # most updates before the player tires
    seed: int = 0           # seeds the run's numpy Generator
    loss: str = "squared"   # one of LOSS_CHOICES
    expr: str | None = None  # the custom loss expression in x, y, tx, ty (loss == "custom")
    optimizer: str = DEFAULT_OPTIMIZER   # one of OPTIMIZER_NAMES (sim.walking.optimizers)
    momentum: float = HYPERPARAMETER_DEFAULTS["momentum"]   # μ of momentum and nesterov, in [0, 1)
    beta1: float = HYPERPARAMETER_DEFAULTS["beta1"]   # Adam's decay of its first moment, in [0, 1)
    beta2: float = HYPERPARAMETER_DEFAULTS["beta2"]   # Adam's decay of its second moment, in [0, 1)
    rho: float = HYPERPARAMETER_DEFAULTS["rho"]       # RMSProp's decay of its squared gradients, in [0, 1)
    eps: float = HYPERPARAMETER_DEFAULTS["eps"]       # ε of adagrad, rmsprop, adam: keeps lr·g/(√h + ε) finite; > 0
    noise: float = 0.0      # S (m): each update the friends judge from a spot jittered by N(0, S²) per axis
    schedule: str = _SCHEDULE.name   # one of SCHEDULE_NAMES (sim.walking.schedules): lr per update
    decay: float = _SCHEDULE.decay   # step, exp: lr is multiplied by decay every `every` updates, in (0, 1]
    every: int = _SCHEDULE.every     # step, exp: updates per decay
    warmup: int = _SCHEDULE.warmup   # updates of linear warmup before the schedule
    floor: float = _SCHEDULE.floor   # cosine: the last update's share of lr, in [0, 1]
    race: str | None = None  # a default race "OPTIMIZER:LR,..." for run and play (see sim.walking.racers)

    def __post_init__(self) -> None:
        _validate(self)
        for name in ("reach", "lr", "h", "tol", *_HYPER_FLOATS):
            object.__setattr__(self, name, float(getattr(self, name)))
        for name in ("bounds", "target", "start"):
            object.__setattr__(self, name, tuple(float(v) for v in getattr(self, name)))

    def replace(self, **changes: Any) -> Scenario:
        """A validated copy with some fields changed (``expr`` alone switches to the custom loss)."""
        if changes.get("expr") is not None and "loss" not in changes:
            changes["loss"] = "custom"
        if changes.get("loss") not in (None, "custom") and "expr" not in changes:
            changes["expr"] = None
        return dataclasses.replace(self, **_coerce(changes))

    @property
    def loss_text(self) -> str:
        """The loss's name for reports: "custom (EXPR)" for an expression."""
        return f"custom ({self.expr})" if self.loss == "custom" else self.loss

    @property
    def loss_fn(self):
        """The Loss object this scenario walks on."""
        from sim.beach.losses import make_loss
        return make_loss(self.loss, reach=self.reach, expr=self.expr)

    def rng(self) -> np.random.Generator:
        """A fresh Generator for one run, from this scenario's seed."""
        return np.random.default_rng(self.seed)

    def make_optimizer(self, name: str | None = None):
        """A fresh optimizer (sim.walking.optimizers) called ``name`` (default: the scenario's), with this
        scenario's hyperparameters."""
        from sim.walking.optimizers import make_optimizer
        return make_optimizer(name or self.optimizer, momentum=self.momentum, beta1=self.beta1,
                              beta2=self.beta2, rho=self.rho, eps=self.eps)

    def optimizer_info(self, name: str | None = None) -> dict[str, Any]:
        """{"name": ..., "hyperparameters": {...}}: the optimizer as JSON and CSV name it."""
        opt = self.make_optimizer(name)
        return {"name": opt.name, "hyperparameters": dict(opt.hyperparameters)}

    @property
    def optimizer_text(self) -> str:
        """The optimizer with its hyperparameters, like "momentum(momentum=0.9)"."""
        from sim.walking.optimizers import describe
        return describe(self.make_optimizer())

    def walker_text(self, optimizer: bool = True, say: Say = english) -> str:
        """How the player walks, for reports: "optimizer adam(...), schedule cosine(floor=0), noise 0.5 m"
        (the schedule and noise only when they change anything), in the language of ``say``."""
        parts = [say("optimizer {name}", name=self.optimizer_text)] if optimizer else []
        if not self.lr_schedule.constant:
            parts.append(say("schedule {schedule}", schedule=self.lr_schedule.describe()))
        if self.noise:
            parts.append(say("noise {noise:g} m", noise=self.noise))
        return say.join(parts)

    @property
    def lr_schedule(self):
        """The step-size schedule (sim.walking.schedules.Schedule); its length is max_steps."""
        from sim.walking.schedules import Schedule
        return Schedule(self.schedule, self.decay, self.every, self.warmup, self.floor, self.max_steps)

    def lr_per_step(self, n: int | None = None, lr: float | None = None) -> np.ndarray:
        """The step size of updates 1 .. n (default max_steps; at most MAX_LR_STEPS, an array of n
        floats) for a player with ``lr`` (default the scenario's, else a positive number): lr ·
        schedule factor."""
        from sim import checks
        n = checks.whole("n", self.max_steps if n is None else n, 0, MAX_LR_STEPS)
        return (self.lr if lr is None else checks.positive("lr", lr)) * self.lr_schedule.factors(n)

    def min_h(self) -> float:
        """The smallest h (m) that does not vanish against this beach's coordinates."""
        return 64 * float(np.spacing(max(abs(b) for b in self.bounds)))

    def contains(self, x: float, y: float) -> bool:
        """Whether (x, y) is on the sand."""
        xmin, xmax, ymin, ymax = self.bounds
        return xmin <= x <= xmax and ymin <= y <= ymax

    def to_dict(self) -> dict[str, Any]:
        """Plain fields for JSON and TOML."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def check_scenario(value: Any) -> Scenario:
    """``value`` if it is a Scenario; TypeError otherwise (the public API's one check of it)."""
    if not isinstance(value, Scenario):
        raise TypeError(f"scenario must be a Scenario (sim.Scenario or sim.SCENARIOS[name]), "
                        f"got {type(value).__name__}")
    return value


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(f"{name} must be a number, got {brief(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ScenarioError(f"{name} must be a finite number, got {brief(value)}")
    return number


def _point(name: str, value: Any) -> tuple[float, float]:
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ScenarioError(f"{name} must be a pair of numbers [x, y] in metres, got {brief(value)}")
    return (_finite(f"{name} x", value[0]), _finite(f"{name} y", value[1]))


def _coerce(fields: dict[str, Any]) -> dict[str, Any]:
    """Lists from TOML become tuples; ints become floats where a float is meant."""
    out = dict(fields)
    for key in ("target", "start", "bounds"):
        if isinstance(out.get(key), list):
            out[key] = tuple(out[key])
    return out


def _validate(s: Scenario) -> None:
    if not isinstance(s.name, str) or not s.name:
        raise ScenarioError(f"name must be a non-empty string, got {brief(s.name)}")
    if not isinstance(s.bounds, (tuple, list)) or len(s.bounds) != 4:
        raise ScenarioError(f"bounds must be [xmin, xmax, ymin, ymax] in metres, got {brief(s.bounds)}")
    xmin, xmax, ymin, ymax = (_finite("bounds", b) for b in s.bounds)
    if not (xmin < xmax and ymin < ymax):
        raise ScenarioError(f"bounds must have xmin < xmax and ymin < ymax, got {list(s.bounds)}")
    if max(abs(xmin), abs(xmax), abs(ymin), abs(ymax)) > MAX_COORD:
        raise ScenarioError(f"bounds must lie within ±{MAX_COORD:g} m, got {list(s.bounds)}")
    for name in ("target", "start"):
        x, y = _point(name, getattr(s, name))
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            raise ScenarioError(f"{name} ({x:g}, {y:g}) must be on the beach "
                                f"x in [{xmin:g}, {xmax:g}], y in [{ymin:g}, {ymax:g}]")
    if _finite("reach", s.reach) < 0:
        raise ScenarioError(f"reach must be >= 0 metres, got {brief(s.reach)}")
    if _finite("lr", s.lr) <= 0:
        raise ScenarioError(f"lr must be a positive number, got {brief(s.lr)}")
    h = _finite("h", s.h)
    if not (s.min_h() <= h <= 10):
        raise ScenarioError(f"h must be between {s.min_h():.2g} and 10 metres on this beach, got {brief(s.h)}")
    if _finite("tol", s.tol) < 0:
        raise ScenarioError(f"tol must be >= 0 metres, got {brief(s.tol)}")
    for name, top in (("max_steps", MAX_STEPS), ("seed", 2**63 - 1)):
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise ScenarioError(f"{name} must be a whole number from 0 to {top:,}, got {brief(value)}")
    if s.loss not in LOSS_CHOICES:
        raise ScenarioError(f"unknown loss {brief(s.loss)} (choose from {', '.join(LOSS_CHOICES)})")
    if (s.loss == "custom") != (s.expr is not None):
        raise ScenarioError("a custom loss needs an expression (expr), and an expression needs loss 'custom'")
    _validate_walker(s)
    if s.expr is not None:
        from sim.beach.expr import ExpressionError, compile_expression
        try:
            compile_expression(s.expr)
        except ExpressionError as err:
            raise ScenarioError(str(err)) from None


def _validate_walker(s: Scenario) -> None:
    """The optimizer, its hyperparameters, the noise and the schedule."""
    from sim.walking.optimizers import OPTIMIZER_NAMES
    from sim.walking.schedules import SCHEDULE_NAMES
    if s.optimizer not in OPTIMIZER_NAMES:
        raise ScenarioError(f"unknown optimizer {brief(s.optimizer)} (choose from {', '.join(OPTIMIZER_NAMES)})")
    from sim.walking.optimizers import check_hyperparameter
    for name in ("momentum", "beta1", "beta2", "rho", "eps"):
        try:
            check_hyperparameter(name, getattr(s, name))
        except (TypeError, ValueError) as err:
            raise ScenarioError(str(err)) from None
    if not 0 <= _finite("noise", s.noise) <= MAX_NOISE:
        raise ScenarioError(f"noise must be from 0 to {MAX_NOISE:g} metres, got {brief(s.noise)}")
    if s.schedule not in SCHEDULE_NAMES:
        raise ScenarioError(f"unknown schedule {brief(s.schedule)} (choose from {', '.join(SCHEDULE_NAMES)})")
    if not 0 < _finite("decay", s.decay) <= 1:
        raise ScenarioError(f"decay must be in (0, 1], got {brief(s.decay)}")
    if not 0 <= _finite("floor", s.floor) <= 1:
        raise ScenarioError(f"floor must be in [0, 1], got {brief(s.floor)}")
    for name, least in (("every", 1), ("warmup", 0)):
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= MAX_STEPS:
            raise ScenarioError(f"{name} must be a whole number from {least} to {MAX_STEPS:,}, got {brief(value)}")
    if s.race is not None:
        from sim.walking.racers import parse_racers
        if not isinstance(s.race, str):
            raise ScenarioError(f"race must be a string like 'gd:0.95,adam:0.3', got {brief(s.race)}")
        try:
            parse_racers(s.race)
        except ValueError as err:
            raise ScenarioError(f"race: {err}") from None


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(),
        Scenario(name="one-step", lr=1.0),
        Scenario(name="overshoot", lr=1.6),
        Scenario(name="sea", start=(0.5, 0.5), lr=2.3),
        Scenario(name="tiny-steps", lr=0.002, max_steps=300),
        Scenario(name="steady", loss="distance", lr=0.4),
        Scenario(name="flat", loss="hit-or-miss"),
        # The beach is the digits network's loss landscape (sim.learning.landscape): the watermelon is the
        # trained weights, the start is where training started.
        Scenario(name="digits", loss="digits", lr=10.0),
        Scenario(name="pit", start=(-9.0, -8.0), lr=0.05, tol=1e-4, max_steps=500, loss="custom",
                 expr="((x-tx)**2 + (y-ty)**2)/2 - 40*exp(-((x+5)**2 + (y+4)**2)/8)"),
        # Beaches with character (sim.beach.beaches): each default walk shows what its beach does.
        Scenario(name="dunes", loss="dunes", lr=0.1, max_steps=300),
        Scenario(name="decoys", loss="decoys", lr=0.1, max_steps=300),
        Scenario(name="saddle", loss="saddle", start=(-11.0, 2.0), lr=0.1, max_steps=300),
        Scenario(name="valley", loss="valley", start=(-9.0, -2.0), lr=0.9, max_steps=300),
        Scenario(name="banana", loss="banana", start=(-9.0, 8.0), lr=0.25, max_steps=600),
        # Deep Learning from Scratch ch. 6: f = x²/20 + y² from (−7, 2), 30 updates, its ε = 1e-7.
        Scenario(name="textbook", bounds=(-10.0, 10.0, -5.0, 5.0), target=(0.0, 0.0), start=(-7.0, 2.0),
                 reach=0.0, tol=0.0, lr=0.95, max_steps=30, eps=1e-7, loss="custom",
                 expr="(x-tx)**2/20 + (y-ty)**2", race="gd:0.95,momentum:0.1,adagrad:1.5,adam:0.3"),
    )
}


_TOML_KEYS = {f.name for f in dataclasses.fields(Scenario)} | {"base"}
_CLI_NAMES = {"steps": "max_steps"}   # the command line's name of a key, where it differs


def read_small_file(path: Path, kind: str = "scenario", limit: int = MAX_SCENARIO_BYTES,
                    size_note: str = "a scenario is a few lines") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ScenarioError for anything else,
    naming the file as a ``kind`` file (and ``size_note`` when it is too large).

    A FIFO, a device (/dev/zero), a folder or a socket is refused before it is read, and it is opened
    without blocking, so that nothing can hang or fill the memory.
    """
    where = f"{kind} file {brief(str(path), 80)}"
    not_regular = f"{where} is not a regular file (a folder, FIFO or device cannot be a {kind})"
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC) if regular else -1
    except FileNotFoundError:
        raise ScenarioError(f"{where} does not exist") from None
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path
        raise ScenarioError(f"{where} cannot be read: {getattr(err, 'strerror', None) or err}") from None
    if not regular:
        raise ScenarioError(not_regular)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):   # swapped between stat and open
            raise ScenarioError(not_regular)
        try:
            data = f.read(limit + 1)
        except OSError as err:
            raise ScenarioError(f"{where} cannot be read: {err.strerror or err}") from None
    if len(data) > limit:
        raise ScenarioError(f"{where} is larger than {limit // 1024:,} KiB; {size_note}")
    return data


MAX_KEY_PARTS = 8   # dotted parts of one TOML key accepted (a scenario's keys have one)
_RESETS = frozenset("=,[]{}\n")   # where one key (or number) ends and the next begins


def _check_toml_shape(text: str, where: str) -> None:
    """Refuse, in one linear pass, the shapes that the standard library's TOML parser reads in
    quadratic time: keys of many dotted parts (one 64 KiB key "a.a.a...=1" takes a minute).
    Dots inside strings and comments do not count; a number has at most one."""
    dots, i, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if c == '"' and text[i] == "\\" else 1
                if len(quote) == 1 and i < n and text[i] == "\n":
                    break   # an unclosed string: the parser will say so
            i += len(quote)
            continue
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                raise ScenarioError(f"{where} has a key of more than {MAX_KEY_PARTS} dotted parts; "
                                    f"a scenario's keys are single words like max_steps")
        elif c in _RESETS:
            dots = 0
        i += 1


def load_scenario(path: str | Path) -> Scenario:
    """Read a TOML scenario; ``base = "NAME"`` starts from a built-in one (default "beach").

    A file that sets lr or optimizer but no race drops the base's default race."""
    path = Path(path)
    raw = read_small_file(path)
    try:
        text = raw.decode("utf-8")
        _check_toml_shape(text, f"scenario file {brief(str(path), 80)}")
        data = tomllib.loads(text)
    except UnicodeDecodeError as err:
        raise ScenarioError(f"scenario file {brief(str(path), 80)} is not UTF-8 text: {err}") from None
    except RecursionError:
        raise ScenarioError(f"scenario file {brief(str(path), 80)} is nested too deeply to be a scenario") from None
    except (tomllib.TOMLDecodeError, ValueError) as err:  # ValueError: integers of over 4,300 digits
        raise ScenarioError(f"scenario file {brief(str(path), 80)} is not valid TOML: {err}") from None
    unknown = sorted(set(data) - _TOML_KEYS)
    if unknown:
        close = difflib.get_close_matches(unknown[0], [*_TOML_KEYS, *_CLI_NAMES], 1)
        hint = f"did you mean {_CLI_NAMES.get(close[0], close[0])}? " if close else ""
        raise ScenarioError(f"scenario file {brief(str(path), 80)}: unknown key {brief(unknown[0])} "
                            f"({hint}accepted: {', '.join(sorted(_TOML_KEYS))})")
    base_name = data.pop("base", "beach")
    if not isinstance(base_name, str) or base_name not in SCENARIOS:
        raise ScenarioError(f"scenario file {brief(str(path), 80)}: unknown base {brief(base_name)} "
                            f"(built-in: {', '.join(SCENARIOS)})")
    data.setdefault("name", path.stem)
    if ("lr" in data or "optimizer" in data) and "race" not in data:
        data["race"] = None   # as on the command line: a chosen lr or optimizer walks, not the base's race
    try:
        return SCENARIOS[base_name].replace(**data)
    except ScenarioError as err:
        raise ScenarioError(f"scenario file {brief(str(path), 80)}: {err}") from None
    except TypeError as err:
        raise ScenarioError(f"scenario file {brief(str(path), 80)}: {err}") from None


def get_scenario(name_or_path: str | os.PathLike) -> Scenario:
    """A built-in scenario by name, or a user's TOML file by path."""
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise TypeError(f"get_scenario takes a scenario's name or a .toml file's path, "
                        f"got {type(name_or_path).__name__} {brief(name_or_path)}")
    name_or_path = os.fspath(name_or_path)
    if name_or_path in SCENARIOS:
        return SCENARIOS[name_or_path]
    if name_or_path.endswith(".toml") or Path(name_or_path).exists():
        return load_scenario(name_or_path)
    raise ScenarioError(f"unknown scenario {brief(name_or_path)} "
                        f"(built-in: {', '.join(SCENARIOS)}; or a .toml file)")
