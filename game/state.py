"""The view state: the walk being played, its settings, the toggles and the animation clocks.

The app changes this state (from commands and from time); drawers only read it. Changing lr, h,
the loss, the watermelon or the start builds a new ``sim.Walk`` from ``scenario.replace(...)``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from sim import Scenario, ScenarioError, Walk

from game import i18n

SPEEDS: tuple[float, ...] = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 15.0, 30.0, 60.0, 120.0)  # steps per second
DEFAULT_SPEED = 4.0
LR_FACTOR = 1.25      # Up / Down multiply / divide lr by this
LR_MIN, LR_MAX = 1e-4, 10.0
H_FACTOR = 10.0       # [ / ] divide / multiply h by this
H_MAX = 10.0          # metres (the scenario validator's upper bound)
STEP_SECONDS = 0.5    # longest animation of one step (s); faster speeds shorten it
FEEL_PART = 0.35      # first part of a step's animation: the probes flash, the friend shouts
MAX_STEPS_PER_FRAME = 20  # at most this many walk steps from one frame's time
ACC_EPS = 1e-9            # steps: a sum of frame times that falls short of a step by rounding still takes it
MESSAGE_SECONDS = 2.5
MIN_SIZE = (480, 320)  # smallest window (pixels) the layout supports

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
class ViewState:
    """Everything the scene shows; the single thing the app mutates."""

    scenario: Scenario
    lang: str
    size: tuple[int, int] = (1280, 720)
    paused: bool = True
    speed: float = DEFAULT_SPEED          # steps per second
    toggles: Toggles = field(default_factory=Toggles)
    walk: Walk = field(init=False)
    original: Scenario = field(init=False)   # the scenario as given; R returns to it
    clock: float = 0.0                     # seconds of animation time (waves, flashes)
    since_step: float = 1e9                # seconds since the last walk step (its animation)
    ending_t: float = -1.0                 # seconds since the ending began; < 0 while walking
    acc: float = 0.0                       # walk steps owed by the time accumulator
    message: str = ""
    message_t: float = 0.0                 # seconds the message has left

    def __post_init__(self) -> None:
        i18n.tr("title", self.lang)  # raises for an unknown language
        self.size = clamp_size(self.size)
        self.original = self.scenario
        self.walk = Walk(self.scenario)

    @classmethod
    def showing(cls, walk: Walk, *, lang: str, size: tuple[int, int], ending_t: float) -> ViewState:
        """A paused view of an existing ``walk`` at rest, ``ending_t`` seconds into its ending
        (when it has ended)."""
        view = cls(walk.scenario, lang, size)
        view.walk = walk
        view.ending_t = ending_t if walk.done else -1.0
        view.clock = ending_t
        return view

    # -- derived views (read by the drawers) ---------------------------------------------------
    @property
    def step_seconds(self) -> float:
        """How long one step's animation lasts (s)."""
        return min(STEP_SECONDS, 1.0 / self.speed)

    @property
    def progress(self) -> float:
        """Progress of the latest step's animation, 0 (just stepped) to 1 (at rest)."""
        if len(self.walk.trace) < 2:
            return 1.0
        return min(1.0, self.since_step / self.step_seconds)

    @property
    def animating_from(self) -> int:
        """Trace row the player is shown walking from (== the last row when at rest)."""
        n = len(self.walk.trace)
        return n - 2 if n >= 2 and self.progress < 1.0 else n - 1

    @property
    def outcome(self) -> str | None:
        """The walk's outcome once its ending is shown, else None."""
        return self.walk.outcome if self.ending_t >= 0 else None

    # -- time ------------------------------------------------------------------------------------
    def advance(self, dt: float) -> list[str]:
        """Move the clocks on by ``dt`` seconds and take the walk steps that time owes.

        Returns the sound cues that fell due (names for game.sound)."""
        if not (dt >= 0 and math.isfinite(dt)):
            raise ValueError(f"dt must be a finite number of seconds >= 0, got {dt!r}")
        cues: list[str] = []
        self.clock += dt
        self.since_step += dt
        self.message_t = max(0.0, self.message_t - dt)
        if not self.paused and not self.walk.done:
            self.acc += dt * self.speed
            taken = moved = 0
            while self.acc >= 1.0 - ACC_EPS and not self.walk.done and taken < MAX_STEPS_PER_FRAME:
                self.acc -= 1.0
                taken += 1
                if self._take_step():
                    moved += 1
                    self.since_step = max(0.0, self.acc) / self.speed
            if moved:
                cues.append("step")
            if taken == MAX_STEPS_PER_FRAME:
                self.acc = min(self.acc, 1.0)
        cues += self._advance_ending(dt)
        return cues

    def _advance_ending(self, dt: float) -> list[str]:
        if not self.walk.done:
            return []
        if self.ending_t < 0:
            if self.walk.outcome != "diverged" and self.progress < 1.0:
                return []
            if self.walk.outcome == "diverged" and self.progress < FEEL_PART:
                return []
            before, self.ending_t = -1e-9, 0.0
        else:
            before = self.ending_t
            self.ending_t += dt
        return [name for t, name in ENDING_CUES[self.walk.outcome] if before < t <= self.ending_t]

    def _take_step(self) -> bool:
        """One walk step; True when the player moved (a stuck ending adds no row)."""
        n = len(self.walk.trace)
        self.walk.step()
        if len(self.walk.trace) > n:
            self.since_step = 0.0
            return True
        return False

    # -- commands (the app calls these from game.controls' actions) -----------------------------
    def toggle_pause(self) -> None:
        """Space: pause or resume; on a finished walk, walk it again from the start."""
        if self.walk.done:
            self.restart(self.scenario, "")
            self.paused = False
        else:
            self.paused = not self.paused
        self.acc = 0.0

    def step_once(self) -> None:
        """N / Right: exactly one walk step (pauses the automatic walk)."""
        self.paused = True
        self.acc = 0.0
        if not self.walk.done:
            self._take_step()

    def reset(self) -> None:
        """R: back to the scenario as it was given, walk from the start."""
        self.restart(self.original, i18n.tr("status.reset", self.lang))

    def change_lr(self, up: bool) -> None:
        """Up / Down: lr times or divided by LR_FACTOR, within [LR_MIN, LR_MAX]."""
        lr = self.scenario.lr * (LR_FACTOR if up else 1 / LR_FACTOR)
        lr = float(f"{min(LR_MAX, max(LR_MIN, lr)):.4g}")
        self._replace(i18n.tr("status.lr_changed", self.lang, lr=lr), lr=lr)

    def change_h(self, up: bool) -> None:
        """] / [: h times or divided by H_FACTOR, within what the scenario accepts."""
        h = self.scenario.h * (H_FACTOR if up else 1 / H_FACTOR)
        h = float(f"{min(H_MAX, max(self.scenario.min_h(), h)):.3g}")
        h = min(H_MAX, max(self.scenario.min_h(), h))
        self._replace(i18n.tr("status.h_changed", self.lang, h=h), h=h)

    def cycle_loss(self) -> None:
        """L: squared -> distance -> hit-or-miss (-> custom, when the scenario came with one) -> ..."""
        names = list(LOSS_CYCLE)
        if self.original.expr is not None:
            names.append("custom")
        i = names.index(self.scenario.loss) if self.scenario.loss in names else -1
        name = names[(i + 1) % len(names)]
        changes = {"loss": name, "expr": self.original.expr if name == "custom" else None}
        self._replace(i18n.tr("status.loss_changed", self.lang, name=i18n.tr(f"loss.{name}", self.lang)),
                      **changes)

    def place_target(self, x: float, y: float) -> None:
        """Left click: the watermelon to (x, y) metres (kept on the sand)."""
        self._replace(i18n.tr("status.target_placed", self.lang), target=self._on_sand(x, y))

    def place_start(self, x: float, y: float) -> None:
        """Right click: the player's start to (x, y) metres (kept on the sand)."""
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
        """A new walk on ``scenario`` from its start; the clocks of the old walk are dropped."""
        self.scenario = scenario
        self.walk = Walk(scenario)
        self.since_step, self.ending_t, self.acc = 1e9, -1.0, 0.0
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


LOSS_CYCLE: tuple[str, ...] = ("squared", "distance", "hit-or-miss")


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` (pixels) raised to at least MIN_SIZE."""
    w, h = (int(v) for v in size)
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)
