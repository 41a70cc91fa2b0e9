"""The clock and the commands that every mode shares (``Stage``), and the window's toggles.

The app changes a Stage from commands (game.controls' actions) and from time (``advance``, which
takes the steps that time owes at the chosen speed); drawers only read it. Changing lr, h, the
loss, the optimizer, the watermelon or the start plays a new ``scenario.replace(...)`` afresh.
A mode (game.modes) says how to build its play and how its endings advance; see game.modes.base.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from sim import Scenario, ScenarioError
from sim.walking.optimizers import OPTIMIZER_NAMES
from sim.walking.play import Play

from game import i18n
from game.choreography import STEP_SECONDS
from game.lr_steps import scaled_lr, stepped_h

SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 15.0, 30.0, 60.0, 120.0)  # steps per second
DEFAULT_SPEED = 4.0   # steps per second of a race or a population
MAX_STEPS_PER_FRAME = 20  # at most this many walk steps from one frame's time
ACC_EPS = 1e-9            # steps: a sum of frame times that falls short of a step by rounding still takes it
MESSAGE_SECONDS = 2.5
MIN_SIZE = (480, 320)  # smallest window (pixels) the layout supports
MAX_SIZE = (7680, 4320)  # largest window or picture (pixels): 8K
LOSS_CYCLE: tuple[str, ...] = ("squared", "distance", "hit-or-miss")
DIGITS_CYCLE: tuple[str, ...] = ("digits", "digits-accuracy")


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

    A mode builds its ``play`` (a sim.Play) in ``_begin`` and says how its endings advance
    (``_advance_endings``); steps, ``done`` and ``ticks`` come from the play."""

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
    play: Play = field(init=False)         # what is played; built afresh by _begin

    def __post_init__(self) -> None:
        i18n.tr("title", self.lang)  # raises for an unknown language
        self.size = clamp_size(self.size)
        self.original = self.scenario
        self._begin()

    # -- what a mode provides --------------------------------------------------------------------
    def _begin(self) -> None:
        """Build ``self.play`` afresh from ``self.scenario`` (its endings not begun)."""
        raise NotImplementedError

    def _advance_endings(self, dt: float) -> list[str]:
        """Move the endings' clocks on by ``dt`` seconds; the sound cues that fell due."""
        raise NotImplementedError

    def _step_play(self) -> bool:
        """One step of the play; True when some player moved."""
        before = self.play.steps
        self.play.step()
        return self.play.steps > before

    # -- derived views (read by the drawers) ---------------------------------------------------
    @property
    def done(self) -> bool:
        """Whether every player has stopped."""
        return self.play.done

    @property
    def ticks(self) -> int:
        """Steps made so far."""
        return self.play.steps

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

    def _take_step(self) -> bool:
        """One step; True (and the step's animation restarted) when some player moved."""
        if self._step_play():
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
        """Shift+R: back to the scenario as it was launched (lr, h, loss, optimizer, places), from the start."""
        self.restart(self.original, i18n.tr("status.reset", self.lang))

    def change_lr(self, up: bool) -> None:
        """Up / Down: lr times or divided by LR_FACTOR, within [LR_MIN, LR_MAX]."""
        lr = scaled_lr(self.scenario.lr, up)
        self._replace(i18n.tr("status.lr_changed", self.lang, lr=lr), lr=lr)

    def change_h(self, up: bool) -> None:
        """] / [: h times or divided by H_FACTOR, within what the scenario accepts."""
        h = stepped_h(self.scenario.h, up, self.scenario.min_h())
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


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` (pixels) raised to at least MIN_SIZE."""
    w, h = (int(v) for v in size)
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)
