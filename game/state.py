"""The view state: what is being played, its settings, the toggles and the animation clocks.

Three modes share one base, ``Stage`` (time, speed, messages and the commands): ``ViewState``
plays one blindfolded walk, ``RaceState`` several racers with their own step sizes on the same
beach (``sim.Race``), ``PopulationState`` many players from seeded random starts with a training
and a validation group (``sim.Population``). The app changes the state (from commands and from
time); drawers only read it. Changing lr, h, the loss, the watermelon or the start builds a new
simulation from ``scenario.replace(...)``.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import numpy as np
from sim import Scenario, ScenarioError, Walk, WalkResult
from sim.walking.population import Population
from sim.walking.race import Race
from sim.walking.racers import Racer
from sim.walking.gradient import numerical_gradient
from sim.walking.optimizers import OPTIMIZER_NAMES
from sim.walking.swarm import DIVERGED, HIT, WALKING, Swarm
from sim.walking.walk import StepRecord

from game import i18n
from game.chart import PALETTE

SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 15.0, 30.0, 60.0, 120.0)  # steps per second
DEFAULT_SPEED = 4.0   # steps per second of a race or a population
WALK_SPEED = 2.0      # steps per second of the lone walk: slow enough to follow each step felt,
                      # shouted and walked
LR_FACTOR = 1.25      # Up / Down multiply / divide a race's or a population's lr by this
LR_MIN, LR_MAX = 1e-4, 10.0
LR_LADDER: tuple[float, ...] = tuple(sorted(
    float(f"{m * 10.0 ** k:.4g}") for k in range(-4, 2) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
    if LR_MIN <= m * 10.0 ** k <= LR_MAX))
"""The lone walk's learning rates on Up / Down: ten a decade (about x1.25 apart), with the round
values a lesson needs among them: 1 (one step to the watermelon on the squared loss), 2 (the
edge of diverging), 0.5, 1.5, 0.1, ..."""
H_FACTOR = 10.0       # [ / ] divide / multiply h by this
H_MAX = 10.0          # metres (the scenario validator's upper bound)
STEP_SECONDS = 0.5    # animation of one step (s): of a single step (N), and while walking slower than
                      # 2 steps/s; faster speeds shorten it to 1/speed
FEEL_PART = 0.35      # first part of a step's animation: the probes flash, the friend shouts
MAX_STEPS_PER_FRAME = 20  # at most this many walk steps from one frame's time
ACC_EPS = 1e-9            # steps: a sum of frame times that falls short of a step by rounding still takes it
MESSAGE_SECONDS = 2.5
MIN_SIZE = (480, 320)  # smallest window (pixels) the layout supports
MAX_RACERS_SHOWN = len(PALETTE)   # a race in the window: one colour of the chart palette per racer
MAX_PLAYERS_SHOWN = 10_000        # a population in the window: players drawn at once

# Ending animations, in seconds after the ending began.
SWING_START = {"hit": 0.25, "stuck": 0.1}   # when the stick starts coming down
SWING_SECONDS = 0.3    # how long the swing takes
SPLIT_AT = 0.55        # when a hit's watermelon splits
RUN_SECONDS = 0.9      # how long the diverging player runs before the splash
TIRE_AT = 0.2          # when the tired player sits down
PUZZLED_AT = 0.5       # when the '?' of a stuck player appears
ENDING_CUES: dict[str, tuple[tuple[float, str], ...]] = {   # (when, sound name)
    "hit": ((0.0, "shout"), (SWING_START["hit"], "swing"), (SPLIT_AT, "split")),
    "stuck": ((SWING_START["stuck"], "swing"),),
    "diverged": ((0.0, "shout"), (RUN_SECONDS, "splash")),
    "max_steps": ((TIRE_AT, "tired"),),
}


@dataclass
class Toggles:
    """What the audience sees that the player does not (all on by default except the heatmap)."""

    heatmap: bool = False
    arrow: bool = True
    probes: bool = True
    trail: bool = True
    log_scale: bool = True
    help: bool = False
    sound: bool = True


@dataclass
class Stage:
    """What every mode shares: the scenario, the window, the clocks and the commands.

    A mode says how to (re)build its simulation (``_begin``), take one step of it (``_step_sim``),
    whether it is ``done``, how many ``ticks`` it has made, and how its endings advance."""

    scenario: Scenario
    lang: str
    size: tuple[int, int] = (1280, 720)
    paused: bool = True
    speed: float = DEFAULT_SPEED          # steps per second
    toggles: Toggles = field(default_factory=Toggles)
    original: Scenario = field(init=False)   # the scenario as given; R returns to it
    clock: float = 0.0                     # seconds of animation time (waves, flashes)
    since_step: float = 1e9                # seconds since the last step (its animation)
    anim_seconds: float = STEP_SECONDS     # how long the latest step's animation lasts (s)
    acc: float = 0.0                       # steps owed by the time accumulator
    message: str = ""
    message_t: float = 0.0                 # seconds the message has left
    _coming: tuple[Swarm, int, np.ndarray] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        i18n.tr("title", self.lang)  # raises for an unknown language
        self.size = clamp_size(self.size)
        self.original = self.scenario
        self._begin()

    # -- what a mode provides --------------------------------------------------------------------
    def _begin(self) -> None:
        """Build the simulation afresh from ``self.scenario`` (its endings not begun)."""
        raise NotImplementedError

    def _step_sim(self) -> bool:
        """One step of the simulation; True when some player moved."""
        raise NotImplementedError

    def _advance_endings(self, dt: float) -> list[str]:
        """Move the endings' clocks on by ``dt`` seconds; the sound cues that fell due."""
        raise NotImplementedError

    @property
    def done(self) -> bool:
        """Whether every player has stopped."""
        raise NotImplementedError

    @property
    def ticks(self) -> int:
        """Steps made so far."""
        raise NotImplementedError

    # -- derived views (read by the drawers) ---------------------------------------------------
    @property
    def step_seconds(self) -> float:
        """How long the latest step's animation lasts (s): fixed when the step is taken, so that
        pausing or changing the speed never makes the player jump along its step."""
        return self.anim_seconds

    @property
    def progress(self) -> float:
        """Progress of the latest step's animation, 0 (just stepped) to 1 (at rest)."""
        if self.ticks == 0:
            return 1.0
        return min(1.0, self.since_step / self.step_seconds)

    # -- time ------------------------------------------------------------------------------------
    def advance(self, dt: float) -> list[str]:
        """Move the clocks on by ``dt`` seconds and take the steps that time owes.

        Returns the sound cues that fell due (names for game.sound)."""
        if not (dt >= 0 and math.isfinite(dt)):
            raise ValueError(f"dt must be a finite number of seconds >= 0, got {dt!r}")
        cues: list[str] = []
        self.clock += dt
        self.since_step += dt
        self.message_t = max(0.0, self.message_t - dt)
        if not self.paused and not self.done:
            self.acc += dt * self.speed
            taken = moved = 0
            while self.acc >= 1.0 - ACC_EPS and not self.done and taken < MAX_STEPS_PER_FRAME:
                self.acc -= 1.0
                taken += 1
                if self._take_step():
                    moved += 1
                    self.since_step = max(0.0, self.acc) / self.speed
            if moved:
                cues.append("step")
            if taken == MAX_STEPS_PER_FRAME:
                self.acc = min(self.acc, 1.0)
        cues += self._advance_endings(dt)
        return cues

    def coming_steps(self, swarm: Swarm) -> np.ndarray:
        """next_steps(swarm), worked out once per update of the swarm (drawers ask every frame)."""
        c = self._coming
        if c is None or c[0] is not swarm or c[1] != swarm.tick:
            c = self._coming = (swarm, swarm.tick, next_steps(swarm))
        return c[2]

    def _take_step(self) -> bool:
        """One step; True (and the step's animation restarted) when some player moved."""
        if self._step_sim():
            self.since_step = 0.0
            self.anim_seconds = STEP_SECONDS if self.paused else min(STEP_SECONDS, 1.0 / self.speed)
            return True
        return False

    # -- commands (the app calls these from game.controls' actions) -----------------------------
    def toggle_pause(self) -> None:
        """Space: pause or resume; once every player has stopped, play again from the start.
        Resuming takes the next step as soon as the latest step's animation is over (at once
        when at rest), so that Space answers without a wait."""
        if self.done:
            self.restart(self.scenario, "")
            self.paused = False
        else:
            self.paused = not self.paused
        left = max(0.0, self.step_seconds - self.since_step)   # seconds of the animation still to play
        self.acc = 0.0 if self.paused else 1.0 - left * self.speed

    def step_once(self) -> None:
        """N / Right: exactly one step (pauses the automatic walk)."""
        self.paused = True
        self.acc = 0.0
        if not self.done:
            self._take_step()

    def reset(self) -> None:
        """R: back to the scenario as it was given, from the start."""
        self.restart(self.original, i18n.tr("status.reset", self.lang))

    def change_lr(self, up: bool) -> None:
        """Up / Down: lr times or divided by LR_FACTOR, within [LR_MIN, LR_MAX]."""
        lr = _scaled_lr(self.scenario.lr, up)
        self._replace(i18n.tr("status.lr_changed", self.lang, lr=lr), lr=lr)

    def change_h(self, up: bool) -> None:
        """] / [: h times or divided by H_FACTOR, within what the scenario accepts."""
        h = self.scenario.h * (H_FACTOR if up else 1 / H_FACTOR)
        h = float(f"{min(H_MAX, max(self.scenario.min_h(), h)):.3g}")
        h = min(H_MAX, max(self.scenario.min_h(), h))
        self._replace(i18n.tr("status.h_changed", self.lang, h=h), h=h)

    def cycle_loss(self) -> None:
        """L: squared -> distance -> hit-or-miss (-> the beach's own loss, or custom, when the
        scenario came with one) -> ...; on the digits network's beach: its loss <-> its accuracy
        (1 − accuracy), on the same plane."""
        if self.scenario.loss in DIGITS_CYCLE:
            names = list(DIGITS_CYCLE)
        else:
            names = list(LOSS_CYCLE)
            if self.original.loss not in names:
                names.append(self.original.loss)
        i = names.index(self.scenario.loss) if self.scenario.loss in names else -1
        name = names[(i + 1) % len(names)]
        changes = {"loss": name, "expr": self.original.expr if name == "custom" else None}
        self._replace(i18n.tr("status.loss_changed", self.lang, name=i18n.tr(f"loss.{name}", self.lang)),
                      **changes)

    def cycle_optimizer(self) -> None:
        """O: the next optimizer of OPTIMIZER_NAMES (gd -> momentum -> ... -> adam -> gd), with the
        scenario's hyperparameters; the play starts again with it."""
        name = OPTIMIZER_NAMES[(OPTIMIZER_NAMES.index(self.scenario.optimizer) + 1) % len(OPTIMIZER_NAMES)]
        text = i18n.optimizer_text(name, self.scenario.optimizer_info(name)["hyperparameters"], self.lang)
        self._replace(i18n.tr("status.optimizer_changed", self.lang, name=text), optimizer=name)

    def place_target(self, x: float, y: float) -> None:
        """Left click: the watermelon to (x, y) metres (kept on the sand)."""
        self._replace(i18n.tr("status.target_placed", self.lang), target=self._on_sand(x, y))

    def place_start(self, x: float, y: float) -> None:
        """Right click: the start to (x, y) metres (kept on the sand)."""
        self._replace(i18n.tr("status.player_placed", self.lang), start=self._on_sand(x, y))

    def change_speed(self, faster: bool) -> None:
        """+ / -: the next walking speed in SPEEDS."""
        i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - self.speed))
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, i + (1 if faster else -1)))]
        self.say(i18n.tr("status.speed_changed", self.lang, steps_per_s=self.speed))

    def toggle(self, name: str) -> None:
        """Flip one of the Toggles by its field name."""
        if not hasattr(self.toggles, name):
            raise ValueError(f"unknown toggle {name!r}; accepted: {', '.join(vars(self.toggles))}")
        setattr(self.toggles, name, not getattr(self.toggles, name))

    def resize(self, size: tuple[int, int]) -> None:
        """The window's new size in pixels (at least MIN_SIZE)."""
        self.size = clamp_size(size)

    def say(self, text: str) -> None:
        """Show a short message on screen for MESSAGE_SECONDS."""
        self.message, self.message_t = text, MESSAGE_SECONDS

    def restart(self, scenario: Scenario, message: str) -> None:
        """Play ``scenario`` afresh from the start; the clocks of the old play are dropped."""
        self.scenario = scenario
        self._begin()
        self.since_step, self.acc = 1e9, 0.0
        if message:
            self.say(message)

    # -- helpers ---------------------------------------------------------------------------------
    def _replace(self, message: str, **changes: object) -> None:
        try:
            scenario = self.scenario.replace(**changes)
        except ScenarioError as err:
            self.say(str(err))
            return
        self.restart(scenario, message)

    def _on_sand(self, x: float, y: float) -> tuple[float, float]:
        xmin, xmax, ymin, ymax = self.scenario.bounds
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(f"a position must be finite metres, got ({x!r}, {y!r})")
        return min(xmax, max(xmin, x)), min(ymax, max(ymin, y))


@dataclass(frozen=True)
class Move:
    """One update as the beach shows it: from (x, y) by (dx, dy) metres, made with the step size
    ``lr`` (the schedule's, for that update) from the slope (hx, hy) the player heard there."""

    x: float
    y: float
    dx: float
    dy: float
    lr: float
    hx: float
    hy: float


def next_steps(swarm: Swarm) -> np.ndarray:
    """The displacement (2, n) in metres that each player's next update will make (nan for the
    players that stopped): the swarm's optimizer, on a copy so that the walk is not changed, fed
    the slope each walking player heard, with the step size the schedule gives that update."""
    out = np.full((2, swarm.n), np.nan)
    walking = np.flatnonzero(swarm.outcome == WALKING)
    if walking.size:
        heard = np.stack([swarm.hx[walking], swarm.hy[walking]])
        with np.errstate(all="ignore"):
            out[:, walking] = copy.deepcopy(swarm.optimizer).step(heard, swarm.lr[walking] * next_factor(swarm))
    return out


def next_factor(swarm: Swarm) -> float:
    """The schedule's multiplier of lr for the swarm's next update."""
    return swarm.schedule.factor(swarm.tick)


def move_of(trace: list[StepRecord], shown: int, lr: float, step: np.ndarray | None) -> Move | None:
    """The update from row ``shown`` of ``trace``: the one being walked (to the next row), or at
    rest the coming one, ``step`` (dx, dy) with step size ``lr`` (None: none is coming)."""
    row = trace[shown]
    if shown + 1 < len(trace):
        after = trace[shown + 1]
        return Move(row.x, row.y, after.x - row.x, after.y - row.y, after.lr, row.heard_x, row.heard_y)
    if step is None:
        return None
    return Move(row.x, row.y, float(step[0]), float(step[1]), lr, row.heard_x, row.heard_y)


def _ending_due(outcome: str, moving: bool, progress: float) -> bool:
    """Whether a player that ended with ``outcome`` starts its ending now: once the animation of
    its last step is over (a diverging player runs on as soon as it has felt the slope)."""
    if not moving:
        return True
    return progress >= (FEEL_PART if outcome == "diverged" else 1.0)


def _cues(outcome: str, before: float, after: float) -> list[str]:
    """The sound cues of ``outcome``'s ending that fall in (before, after] seconds."""
    return [name for t, name in ENDING_CUES[outcome] if before < t <= after]


def swing_place(slot: int) -> tuple[int, int]:
    """Where the racer that split the watermelon ``slot``-th (from 0) swings: (side, rank). Side
    +1 is the side of the first, -1 the other; rank 0, +1, -1, +2, ... places forward. Slots 0
    and 1 face each other across the watermelon, 2 and 3 a place forward, 4 and 5 back, ..."""
    row = slot // 2
    return (1 if slot % 2 == 0 else -1), (row + 1) // 2 * (1 if row % 2 else -1)


def _ladder_lr(lr: float, up: bool) -> float:
    """The next learning rate of LR_LADDER above (``up``) or below ``lr``; LR_MAX or LR_MIN past its ends."""
    if up:
        return next((v for v in LR_LADDER if v > lr), LR_MAX)
    return next((v for v in reversed(LR_LADDER) if v < lr), LR_MIN)


def _scaled_lr(lr: float, up: bool) -> float:
    """lr times or divided by LR_FACTOR, kept within [LR_MIN, LR_MAX] and to 4 digits."""
    lr = lr * (LR_FACTOR if up else 1 / LR_FACTOR)
    return float(f"{min(LR_MAX, max(LR_MIN, lr)):.4g}")


@dataclass
class ViewState(Stage):
    """One blindfolded player's walk: everything the scene shows of it."""

    speed: float = WALK_SPEED              # steps per second
    walk: Walk = field(init=False)
    ending_t: float = -1.0                 # seconds since the ending began; < 0 while walking
    _heard: tuple[tuple, np.ndarray] | None = field(default=None, init=False, repr=False)   # friends_heard's last

    def _begin(self) -> None:
        self.walk = Walk(self.scenario)
        self.ending_t = -1.0

    @classmethod
    def showing(cls, walk: Walk, *, lang: str, size: tuple[int, int], ending_t: float) -> ViewState:
        """A paused view of an existing ``walk`` at rest, ``ending_t`` seconds into its ending
        (when it has ended)."""
        view = cls(walk.scenario, lang, size)
        view.walk = walk
        view.ending_t = ending_t if walk.done else -1.0
        view.clock = ending_t
        return view

    @property
    def done(self) -> bool:
        return self.walk.done

    @property
    def ticks(self) -> int:
        return self.walk.steps

    @property
    def animating_from(self) -> int:
        """Trace row the player is shown walking from (== the last row when at rest)."""
        n = len(self.walk.trace)
        return n - 2 if n >= 2 and self.progress < 1.0 else n - 1

    @property
    def outcome(self) -> str | None:
        """The walk's outcome once its ending is shown, else None."""
        return self.walk.outcome if self.ending_t >= 0 else None

    @property
    def move(self) -> Move | None:
        """The step the arrow shows: the one being walked, or at rest the coming one (None once
        the walk has ended)."""
        swarm = self.walk.swarm
        coming = None if self.walk.done else self.coming_steps(swarm)[:, 0]
        return move_of(self.walk.trace, self.animating_from, self.scenario.lr * next_factor(swarm), coming)

    @property
    def swing_facing(self) -> int:
        """+1 when the player swings at the watermelon from its left (facing right), else -1: from
        the side it came from."""
        return 1 if self.scenario.target[0] >= self.walk.trace[-1].x else -1

    @property
    def swing_rank(self) -> int:
        """Places forward of the watermelon where the player swings: the lone player, none."""
        return 0

    def friends_heard(self, row: StepRecord, n: int) -> np.ndarray:
        """What ``n`` friends make of the slope at ``row`` when they shout imprecisely (noise S):
        each the numerical gradient at its own spot off by N(0, S²) metres per axis, (2, n) rows x,
        y. Drawn for the picture only, from a Generator seeded by the scenario's seed and the
        step, so that the walk's own draws (what the player heard) are left alone."""
        s = self.scenario
        if self._heard is not None and self._heard[0] == (s, row.step, n):
            return self._heard[1]
        rng = np.random.default_rng([s.seed, row.step, 1])
        spots = np.array([[row.x], [row.y]]) + s.noise * rng.standard_normal((2, n))
        _, gx, gy = numerical_gradient(s.loss_fn, spots[0], spots[1], *s.target, s.h)
        self._heard = ((s, row.step, n), np.stack([gx, gy]))
        return self._heard[1]

    def _advance_endings(self, dt: float) -> list[str]:
        outcome = self.walk.outcome
        if outcome is None:
            return []
        if self.ending_t < 0:
            if not _ending_due(outcome, True, self.progress):
                return []
            before, self.ending_t = -1e-9, 0.0
        else:
            before = self.ending_t
            self.ending_t += dt
        return _cues(outcome, before, self.ending_t)

    def change_lr(self, up: bool) -> None:
        """Up / Down: the next learning rate of LR_LADDER, so that 1 and 2 are a few presses away."""
        lr = _ladder_lr(self.scenario.lr, up)
        self._replace(i18n.tr("status.lr_changed", self.lang, lr=lr), lr=lr)

    def _step_sim(self) -> bool:
        n = len(self.walk.trace)
        self.walk.step()
        return len(self.walk.trace) > n   # a stuck ending adds no row


@dataclass(frozen=True)
class RacerView:
    """One racer as the drawers see it: the same fields a single walk's ViewState offers, plus
    its place in the race."""

    index: int               # the racer's number from 0, in the order of the step sizes
    walk: WalkResult         # its walk so far: its scenario (with its lr) and its trace
    outcome: str | None      # once its ending is shown, else None
    ending_t: float          # seconds into its ending; < 0 before
    animating_from: int      # trace row it is shown walking from
    progress: float          # its latest step's animation, 0..1 (1 at rest)
    since_step: float        # seconds since its latest step
    step_seconds: float
    clock: float
    swing_facing: int        # +1: it swings at the watermelon from its left, facing right; -1 from its right
    swing_rank: int          # places forward (+) or back (-) of the watermelon where it swings
    move: Move | None        # the step its arrow shows (None once it has stopped)
    name: str                # its name tag: its step size, and its optimizer in a race of optimizers

    @property
    def scenario(self) -> Scenario:
        """The racer's scenario (the race's, with the racer's lr)."""
        return self.walk.scenario


@dataclass
class RaceState(Stage):
    """A race of step sizes: racers with the step sizes ``lrs`` from the same start, one step
    each per tick, each with its own ending; the watermelon is shared."""

    lrs: tuple[float, ...] = ()
    optimizers: tuple[str | None, ...] = ()   # per racer its optimizer (None or missing: the scenario's)
    race: Race = field(init=False)
    original_lrs: tuple[float, ...] = field(init=False)   # R returns to these
    ending_ts: list[float] = field(init=False)            # per racer, as ViewState.ending_t
    hit_order: list[int] = field(init=False)              # racers in the order they split it
    _names: tuple[Race, list[str]] | None = field(default=None, init=False, repr=False)   # racer_name's, per race

    def __post_init__(self) -> None:
        self.lrs = tuple(float(v) for v in self.lrs)
        if not 1 <= len(self.lrs) <= MAX_RACERS_SHOWN:
            raise ValueError(f"a race in the window needs 1 to {MAX_RACERS_SHOWN} step sizes, got {len(self.lrs)}")
        self.original_lrs = self.lrs
        self.toggles.probes = False   # several racers' feelers would crowd the start; P shows them
        super().__post_init__()

    def _begin(self) -> None:
        names = self.optimizers + (None,) * (len(self.lrs) - len(self.optimizers))
        self.race = Race(self.scenario, [Racer(lr, name) for lr, name in zip(self.lrs, names)])
        self.ending_ts = [-1.0] * len(self.lrs)
        self.hit_order = []

    @classmethod
    def showing(cls, race: Race, *, lang: str, size: tuple[int, int], ending_t: float) -> RaceState:
        """A paused view of an existing ``race`` at rest, every finished racer ``ending_t``
        seconds into its ending."""
        view = cls(race.scenario, lang, size, lrs=tuple(float(v) for v in race.lrs),
                   optimizers=tuple(race.optimizers))
        view.race = race
        outcomes = race.outcomes
        view.ending_ts = [-1.0 if o is None else ending_t for o in outcomes]
        hits = [i for i, o in enumerate(outcomes) if o == "hit"]
        view.hit_order = sorted(hits, key=lambda i: race.traces[i][-1].step)
        view.clock = ending_t
        return view

    @property
    def done(self) -> bool:
        return self.race.done

    @property
    def ticks(self) -> int:
        return self.race.swarm.tick

    def moving(self, i: int) -> bool:
        """Whether racer ``i`` moved in the latest tick (its step may still be animating)."""
        trace = self.race.traces[i]
        return len(trace) > 1 and trace[-1].step == self.ticks

    def outcome(self, i: int) -> str | None:
        """Racer ``i``'s outcome once its ending is shown, else None."""
        return self.race.outcomes[i] if self.ending_ts[i] >= 0 else None

    @property
    def winner(self) -> int | None:
        """The racer that split the watermelon first, once its ending is shown."""
        return self.hit_order[0] if self.hit_order else None

    @property
    def tied_winners(self) -> list[int]:
        """The racers whose ending is shown that split the watermelon on the same step as the winner."""
        if not self.hit_order:
            return []
        first = self.race.traces[self.hit_order[0]][-1].step
        return [i for i in self.hit_order if self.race.traces[i][-1].step == first]

    def runners(self) -> list[RacerView]:
        """Every racer as the drawers see it, in the order of ``lrs``."""
        progress = self.progress
        tx = self.scenario.target[0]
        first = 1 if not self.hit_order or tx >= self.race.traces[self.hit_order[0]][-1].x else -1
        views = []
        swarm = self.race.swarm
        coming = None if self.done else self.coming_steps(swarm)
        factor = next_factor(swarm)
        for i, (scenario, trace) in enumerate(zip(self.race.scenarios, self.race.traces)):
            moving = self.moving(i)
            n = len(trace)
            outcome = self.outcome(i)
            side, rank = swing_place(self.hit_order.index(i) if i in self.hit_order else 0)
            views.append(RacerView(
                index=i, walk=WalkResult(scenario, self.race.outcomes[i] or "walking", trace[-1].step, trace),
                outcome=outcome, ending_t=self.ending_ts[i],
                animating_from=n - 2 if moving and progress < 1.0 else n - 1,
                progress=progress if moving else 1.0, since_step=self.since_step if moving else 1e9,
                step_seconds=self.step_seconds, clock=self.clock, swing_facing=first * side, swing_rank=rank,
                move=move_of(trace, n - 2 if moving and progress < 1.0 else n - 1, scenario.lr * factor,
                             None if coming is None or self.race.outcomes[i] else coming[:, i]),
                name=self.racer_name(i)))
        return views

    @property
    def named(self) -> bool:
        """Whether the racers are named by their optimizers too: unless all are plain gd."""
        return set(self.race.optimizers) != {"gd"}

    def racer_name(self, i: int) -> str:
        """Racer ``i``'s name tag: "lr 0.5" in a race of step sizes, "Adam 0.3" in a race of optimizers."""
        if self._names is None or self._names[0] is not self.race:
            named, lrs = self.named, [float(lr) for lr in self.race.lrs]
            self._names = (self.race, [
                i18n.tr("hud.racer_named", self.lang, name=i18n.OPTIMIZER_SHORT[opt], lr=lr) if named
                else i18n.tr("hud.racer", self.lang, lr=lr) for opt, lr in zip(self.race.optimizers, lrs)])
        return self._names[1][i]

    def _step_sim(self) -> bool:
        before = self.ticks
        self.race.step()
        return self.ticks > before

    def _advance_endings(self, dt: float) -> list[str]:
        cues: list[str] = []
        progress = self.progress
        for i, outcome in enumerate(self.race.outcomes):
            if outcome is None:
                continue
            if self.ending_ts[i] < 0:
                if not _ending_due(outcome, self.moving(i), progress):
                    continue
                before, self.ending_ts[i] = -1e-9, 0.0
                if outcome == "hit":
                    self.hit_order.append(i)
            else:
                before = self.ending_ts[i]
                self.ending_ts[i] += dt
            cues += _cues(outcome, before, self.ending_ts[i])
        return list(dict.fromkeys(cues))   # each sound once per frame

    def change_lr(self, up: bool) -> None:
        """Up / Down: every racer's lr times or divided by LR_FACTOR together (each kept within
        [LR_MIN, LR_MAX]); the race starts again."""
        self.lrs = tuple(_scaled_lr(lr, up) for lr in self.lrs)
        lrs = " · ".join(f"{lr:g}" for lr in self.lrs)
        colon = "：" if self.lang == "ja" else ": "
        self.restart(self.scenario, f"{i18n.tr('status.race_lr', self.lang)}{colon}{lrs}")

    def cycle_optimizer(self) -> None:
        """O: the next optimizer for the racers that race with the scenario's (all, unless each
        was given its own)."""
        if len(self.optimizers) == len(self.lrs) and all(self.optimizers):
            self.say(i18n.tr("status.own_optimizers", self.lang))
            return
        super().cycle_optimizer()

    def reset(self) -> None:
        """R: back to the scenario and the step sizes as given."""
        self.lrs = self.original_lrs
        super().reset()


@dataclass
class PopulationState(Stage):
    """A population: ``players`` players from seeded random starts walking at once, a training
    and a validation group; one step of every player per tick."""

    players: int = 200
    population: Population = field(init=False)
    from_x: np.ndarray = field(init=False)   # positions (m) at the start of the latest step
    from_y: np.ndarray = field(init=False)
    ending_t: float = -1.0                   # seconds since every player stopped; < 0 before
    heard: tuple[int, int] = (0, 0)          # hits and runs into the sea the sounds have announced

    def __post_init__(self) -> None:
        if isinstance(self.players, bool) or not isinstance(self.players, int) or \
                not 2 <= self.players <= MAX_PLAYERS_SHOWN:
            raise ValueError(f"a population in the window needs 2 to {MAX_PLAYERS_SHOWN:,} players, "
                             f"got {self.players!r}")
        super().__post_init__()

    def _begin(self) -> None:
        self.population = Population(self.scenario, self.players)
        swarm = self.population.swarm
        self.from_x, self.from_y = swarm.x.copy(), swarm.y.copy()
        self.ending_t = -1.0
        self.heard = self._counts()

    @classmethod
    def showing(cls, population: Population, *, lang: str, size: tuple[int, int],
                ending_t: float) -> PopulationState:
        """A paused view of an existing ``population`` at rest, ``ending_t`` seconds after every
        player stopped (when they have)."""
        view = cls(population.scenario, lang, size, players=population.swarm.n)
        view.population = population
        view.from_x, view.from_y = population.swarm.x.copy(), population.swarm.y.copy()
        view.ending_t = ending_t if population.done else -1.0
        view.heard = view._counts()
        view.clock = ending_t
        return view

    @property
    def done(self) -> bool:
        return self.population.done

    @property
    def ticks(self) -> int:
        return self.population.swarm.tick

    @property
    def shown_rows(self) -> int:
        """How many of the population's per-step rows the charts show: the latest appears once
        its step's animation is over."""
        rows = len(self.population.rows)
        return rows - 1 if rows > 1 and self.progress < 1.0 else rows

    def _counts(self) -> tuple[int, int]:
        codes = self.population.swarm.outcome
        return int(np.count_nonzero(codes == HIT)), int(np.count_nonzero(codes == DIVERGED))

    def _step_sim(self) -> bool:
        swarm = self.population.swarm
        self.from_x, self.from_y = swarm.x.copy(), swarm.y.copy()
        before = swarm.tick
        self.population.step()
        return swarm.tick > before

    def _advance_endings(self, dt: float) -> list[str]:
        cues = []
        hits, splashes = self._counts()   # a split for new hits, a splash for new runs into the sea
        if hits > self.heard[0]:
            cues.append("split")
        if splashes > self.heard[1]:
            cues.append("splash")
        self.heard = (hits, splashes)
        if self.done:
            if self.ending_t < 0 and self.progress >= 1.0:
                self.ending_t = 0.0
            elif self.ending_t >= 0:
                self.ending_t += dt
        return cues

    def place_start(self, x: float, y: float) -> None:
        """Right click: the starts are random, so draw new ones (from the next seed; says so)."""
        seed = (self.scenario.seed + 1) % 2**63
        self._replace(f"seed = {seed}", seed=seed)


LOSS_CYCLE: tuple[str, ...] = ("squared", "distance", "hit-or-miss")
DIGITS_CYCLE: tuple[str, ...] = ("digits", "digits-accuracy")


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` (pixels) raised to at least MIN_SIZE."""
    w, h = (int(v) for v in size)
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)
