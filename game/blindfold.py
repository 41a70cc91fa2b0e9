"""The blindfold game in the window (``python main.py play --blindfold``): the learner is the player.

The window drives exactly a sim.walking.blindfold.BlindfoldGame. While the blindfold is on, the
beach hides the watermelon, the heatmap and the contours: the learner sees the player, the sand,
their footprints, the marks their tastes left (each with its value) and the friends, who shout
when asked. At a hit, the third miss or a give-up the blindfold comes off: the heatmap and the
watermelon appear, with the learner's walk and tastes, gradient descent's walk from the same start
(and on a beach with character the best optimizer's), and in the panel the scoreboard and a chart
of the loss at every place each stood.

Keys and mouse are game.controls.BLINDFOLD_KEYS: T taste, A ask, the mouse aims the step (a left
click takes it), ← → turn the aim, ↑ ↓ lengthen or shorten it, Enter or N step, Space swing,
G give up, R a new game (the next seed), L the next level, H help, M sound, S screenshot, Esc quit.

This module is whole in itself (the mode registry of issue 13 was not on main when it was
written): ``Blindfold`` is the game's view state and draws the whole frame, ``play_blindfold``
runs the window. To open it elsewhere (a chapter of the lesson, say), make a view and feed it:

    view = Blindfold.open("dunes", seed=3, lang="ja", size=(1280, 720))
    view.handle(event)                # a pygame event; returns the sound cues (game.sound names)
    view.advance(dt)                  # seconds; returns the sound cues
    view.draw(surface)                # the whole frame, sized like view.size
"""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pygame
from sim import SCENARIOS, Scenario
from sim.beach.beaches import beach_features
from sim.walking.blindfold import LEVELS, MAX_MISSES, STRIDE, BlindfoldGame, IllegalMove, Rival, Taste

from game import assets, chart, i18n
from game.camera import Camera
from game.chart import PALETTE, ChartSpec, Series
from game.controls import Action, Command, blindfold_help_lines, commands
from game.drawers import beach, endings, friends, heatmap, probes, trail, unit, watermelon
from game.drawers.person import PLAYER, Look, Pose, draw_person, stick_tip
from game.drawers.player import SWING_REACH
from game.modes.base import AGAIN_AFTER
from game.panel import ACCENT, INK, MUTED, PANEL, PANEL_EDGE, STRIPE
from game.png import save_png
from game.scene import layout
from game.sound import Sounds, quiet_stderr
from game.stage import MESSAGE_SECONDS, MIN_SIZE

AIM_TURN = math.radians(15)   # radians the aim turns per ← / →
AIM_STRETCH = 0.25            # metres the stride grows or shrinks per ↑ / ↓
STEP_SECONDS = 0.45           # a step's walk on screen (s)
SWING_SECONDS = 0.35          # the stick coming down (s)
SPLIT_AT = 0.3                # seconds after a hit's swing began that the watermelon splits
REVEAL_AT = 0.9               # seconds after the end that the blindfold is off and the beach shows
DRAW_WALKS = 1.5              # seconds the rivals' walks take to draw themselves after the reveal
BANNER_AT = 0.35              # seconds after the end that the banner pops in
SHOWN_AT = REVEAL_AT + DRAW_WALKS + 0.5   # seconds into the end that a still picture shows
DEMO_SECONDS = 0.6            # seconds between the demonstration player's actions
DEMO_STEPS = 30               # steps after which the demonstration player gives up
UNMASKED = Look(shirt=PLAYER.shirt, shirt_stripe=PLAYER.shirt_stripe, shorts=PLAYER.shorts, hair=PLAYER.hair)
YOU = PLAYER.shirt            # the learner's colour on the reveal and the scoreboard
RIVAL_COLOURS = (PALETTE[0], PALETTE[3])   # gradient descent, the best optimizer
MARK = (255, 252, 244)
MARK_INK = (60, 40, 30)
AIM = (255, 255, 255)
REACH_RING = (255, 255, 255)
# The panel's key table while blindfolded: help rows (game.controls) with short texts (blind.short.*).
KEY_TABLE = (("taste", "taste"), ("ask", "ask"), ("aim", "aim"), ("click", "step"), ("walk", "step"),
             ("swing", "swing"), ("give_up", "give_up"))
END_COLOURS = {"hit": (200, 40, 60), "misses": (110, 80, 160), "gave_up": (20, 100, 180)}


@dataclass(frozen=True)
class Table:
    """The panel's table: a header (with a colour swatch before each named cell) and rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    header_colours: tuple[tuple[int, int, int] | None, ...] = ()


@dataclass
class Blindfold:
    """The blindfold game's view state: the learner's actions in, the whole frame out. ``level``
    is the level as given (a Scenario of LEVELS, or any); ``paused=False`` lets the demonstration
    player act by itself (``play --autoplay``)."""

    level: Scenario
    lang: str
    size: tuple[int, int] = (1280, 720)
    seed: int = 0
    paused: bool = True
    sound: bool = True
    help: bool = False
    clock: float = 0.0                       # seconds of animation time (waves)
    message: str = ""
    message_t: float = 0.0                   # seconds the message has left
    wants: list[Action] = field(default_factory=list)   # quit and screenshot, for the window to carry out
    aim_angle: float = math.pi / 2           # radians from +x: forward (up the screen) at first
    aim_length: float = 1.0                  # metres, at most STRIDE
    last: str | None = None                  # the latest action ("taste", "ask", "step", "swing")
    since_act: float = 1e9                   # seconds since it
    end_t: float = -1.0                      # seconds since the blindfold started coming off; < 0 before
    demo_rate: float = 1.0                   # the demonstration player's step per unit of slope (m per loss/m)
    _from: tuple[float, float] = field(default=(0.0, 0.0), init=False, repr=False)   # where the latest step began
    _world: tuple[tuple, pygame.Surface] | None = field(default=None, init=False, repr=False)   # key, layer

    def __post_init__(self) -> None:
        i18n.tr("title", self.lang)   # raises for an unknown language
        self.size = (max(MIN_SIZE[0], int(self.size[0])), max(MIN_SIZE[1], int(self.size[1])))
        self._begin()

    @classmethod
    def open(cls, level: str = "beach", seed: int = 0, *, lang: str, size: tuple[int, int] = (1280, 720),
             paused: bool = True, sound: bool = True) -> Blindfold:
        """A fresh game on ``level`` (one of LEVELS) hidden by ``seed``."""
        if level not in LEVELS:
            raise ValueError(f"unknown blindfold level {level!r} (choose from {', '.join(LEVELS)})")
        return cls(SCENARIOS[level], lang, size, seed=seed, paused=paused, sound=sound)

    # -- the game ------------------------------------------------------------------------------
    def _begin(self) -> None:
        self.game = BlindfoldGame(self.level, self.seed)
        self.last, self.since_act, self.end_t, self.demo_rate = None, 1e9, -1.0, 1.0
        self.aim_angle, self.aim_length = self._toward_middle(), 1.0

    def _toward_middle(self) -> float:
        """The first aim: toward the middle of the sand (the learner knows no better)."""
        xmin, xmax, ymin, ymax = self.scenario.bounds
        x, y = self.game.start
        return math.atan2((ymin + ymax) / 2 - y, (xmin + xmax) / 2 - x)

    @property
    def scenario(self) -> Scenario:
        """The level with its hidden watermelon and the learner's start."""
        return self.game.scenario

    @property
    def over(self) -> bool:
        """Whether the blindfold is off (or coming off)."""
        return self.game.over

    @property
    def revealed(self) -> bool:
        """Whether the blindfold is off (the watermelon, the heatmap and the rivals show)."""
        return self.end_t >= REVEAL_AT

    @property
    def aim(self) -> tuple[float, float]:
        """The step the learner aims: (dx, dy) metres."""
        return self.aim_length * math.cos(self.aim_angle), self.aim_length * math.sin(self.aim_angle)

    def handle(self, event: pygame.event.Event) -> list[str]:
        """Carry out what one pygame event means; the sound cues (quit and screenshot are the
        window's: see ``wants``)."""
        cues: list[str] = []
        for command in commands(event, "blindfold"):
            world = None if command.pos is None else self.world_point(command.pos)
            cues += self.act(command, world) or []
        return cues

    def world_point(self, pos: tuple[int, int]) -> tuple[float, float] | None:
        """The point (metres) under the frame's pixel ``pos``; None off the beach."""
        lay = layout(self.size)
        if not lay.beach.collidepoint(pos):
            return None
        return Camera.for_beach(self.scenario.bounds, lay.beach).to_world(*pos)

    def act(self, command: Command, world: tuple[float, float] | None = None) -> list[str]:
        """Carry out one command of the blindfold's keys (``world``: the mouse's point in metres,
        None off the beach); the sound cues. Quit and screenshot are left in ``wants``."""
        a = command.action
        if a in (Action.QUIT, Action.SCREENSHOT):
            self.wants.append(a)
            return []
        if a is Action.HELP:
            self.help = not self.help
            return []
        if a is Action.MUTE:
            self.sound = not self.sound
            return []
        if a is Action.RESIZE:
            self.size = (max(MIN_SIZE[0], command.size[0]), max(MIN_SIZE[1], command.size[1]))
            return []
        if a is Action.AIM or a is Action.WALK_TO:
            if world is None:
                return []
            self.aim_at(*world)
            return self.walk() if a is Action.WALK_TO else []
        handlers = {Action.TASTE: self.taste, Action.ASK: self.ask, Action.WALK: self.walk,
                    Action.SWING: self.swing, Action.GIVE_UP: self.give_up, Action.NEW_GAME: self.new_game,
                    Action.NEXT_LEVEL: self.next_level,
                    Action.TURN_LEFT: lambda: self.turn(+1), Action.TURN_RIGHT: lambda: self.turn(-1),
                    Action.LONGER: lambda: self.stretch(+1), Action.SHORTER: lambda: self.stretch(-1)}
        handler = handlers.get(a)
        return [] if handler is None else handler()

    def say(self, text: str) -> None:
        """Show ``text`` for MESSAGE_SECONDS."""
        self.message, self.message_t = text, MESSAGE_SECONDS

    def _acted(self, what: str) -> None:
        self.last, self.since_act = what, 0.0

    def _over(self) -> bool:
        """True (and says so) once the blindfold is off: actions then only start a new game."""
        if self.game.over:
            self.say(i18n.tr("blind.over", self.lang))
        return self.game.over

    def taste(self) -> list[str]:
        """T: taste the ground round the feet (the four ±h probes)."""
        if self._over():
            return []
        self.game.taste()
        self._acted("taste")
        return []

    def ask(self) -> list[str]:
        """A: the friends shout the slope."""
        if self._over():
            return []
        self.game.ask()
        self._acted("ask")
        return ["shout"]

    def aim_at(self, x: float, y: float) -> None:
        """The mouse: aim at (x, y) metres, the stride clamped to STRIDE."""
        px, py = self.game.position
        dx, dy = x - px, y - py
        if math.hypot(dx, dy) > 1e-9 and not self.game.over:
            self.aim_angle = math.atan2(dy, dx)
            self.aim_length = min(STRIDE, math.hypot(dx, dy))

    def turn(self, sign: int) -> list[str]:
        """← / →: turn the aim AIM_TURN to the left (+1) or right (-1)."""
        self.aim_angle = (self.aim_angle + sign * AIM_TURN) % (2 * math.pi)
        return []

    def stretch(self, sign: int) -> list[str]:
        """↑ / ↓: a longer or shorter stride, between AIM_STRETCH and STRIDE metres."""
        self.aim_length = min(STRIDE, max(AIM_STRETCH, round((self.aim_length + sign * AIM_STRETCH) / AIM_STRETCH)
                                          * AIM_STRETCH))
        return []

    def walk(self) -> list[str]:
        """Enter / N / a click: step along the aim (not into the sea)."""
        if self._over():
            return []
        before = self.game.position
        try:
            self.game.step(self.aim, self.aim_length)
        except IllegalMove:
            self.say(i18n.tr("blind.sea", self.lang))
            return []
        self._from = before
        self._acted("step")
        return ["step"]

    def swing(self) -> list[str]:
        """Space: swing the stick; once the game is over, after its banner, play again."""
        if self.game.over:
            return self.new_game() if self.since_banner() >= AGAIN_AFTER else []
        swing = self.game.swing()
        self._acted("swing")
        if swing.hit:
            self.end_t = 0.0
            return ["swing"]
        if self.game.over:
            self.end_t = 0.0
        else:
            self.say(i18n.tr("blind.miss", self.lang, left=MAX_MISSES - self.game.misses))
        return ["swing"]

    def give_up(self) -> list[str]:
        """G: take the blindfold off."""
        if self._over():
            return []
        self.game.give_up()
        self.end_t = 0.0
        self._acted("give_up")
        return ["tired"]

    def new_game(self) -> list[str]:
        """R (and Space after the end): the next seed on the same level."""
        self.seed += 1
        self._begin()
        self.say(i18n.tr("blind.new_game", self.lang, seed=self.seed))
        return []

    def next_level(self) -> list[str]:
        """L: the next level of LEVELS, with the same seed."""
        name = LEVELS[(LEVELS.index(self.level.name) + 1) % len(LEVELS)] if self.level.name in LEVELS \
            else LEVELS[0]
        self.level = SCENARIOS[name]
        self._begin()
        self.say(i18n.tr("blind.level_changed", self.lang, level=i18n.tr(f"blind.level.{name}", self.lang)))
        return []

    # -- time ------------------------------------------------------------------------------------
    def advance(self, dt: float) -> list[str]:
        """Move the clocks on by ``dt`` seconds; the sound cues that fell due (the split at a hit)."""
        if not (dt >= 0 and math.isfinite(dt)):
            raise ValueError(f"dt must be a finite number of seconds >= 0, got {dt!r}")
        self.clock += dt
        self.since_act += dt
        self.message_t = max(0.0, self.message_t - dt)
        cues = []
        if not self.paused and not self.game.over and self.since_act >= DEMO_SECONDS:
            cues += self._demo()
        return cues + self._advance_endings(dt)

    def _demo(self) -> list[str]:
        """The demonstration player's next action (``paused=False``, as ``play --autoplay``): it
        tastes, asks, and steps where the friends point, min(STRIDE, rate·|slope|) metres, the rate
        starting at 1 and halved whenever a taste was higher than the one before; once its step
        would be shorter than half the stick's reach, it swings; after DEMO_STEPS steps it gives up."""
        game = self.game
        if self.last in (None, "step", "swing"):
            self.taste()
            if len(game.tastes) > 1 and game.tastes[-1].value > game.tastes[-2].value:
                self.demo_rate /= 2
            return []
        if self.last == "taste":
            return self.ask()
        shout = game.shouts[-1]
        length = min(STRIDE, self.demo_rate * shout.size)
        if length < self.scenario.reach / 2:
            return self.swing()
        if game.counts["step"] >= DEMO_STEPS:
            return self.give_up()
        self.aim_angle = math.atan2(shout.downhill[1], shout.downhill[0])
        self.aim_length = length
        return self.walk() or self.give_up()

    def _advance_endings(self, dt: float) -> list[str]:
        if self.end_t < 0:
            return []
        before, self.end_t = self.end_t, self.end_t + dt
        cues = []
        if self.game.ending == "hit" and before < SPLIT_AT <= self.end_t:
            cues.append("split")
        return cues

    def since_banner(self) -> float:
        return self.end_t - BANNER_AT if self.end_t >= 0 else -1.0

    # -- the beach -------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera) -> list[pygame.Rect]:
        """Blindfolded: the learner's footprints, tastes, the player with the aim, the friends.
        Revealed: also the watermelon, the decoys and the rivals' walks. Returns what must stay
        in sight."""
        s, game = self.scenario, self.game
        u = unit(cam)
        beach.draw_waves(surf, cam, s.bounds, self.clock)
        keep: list[pygame.Rect] = []
        if self.revealed:
            self._draw_rivals(surf, cam)
        path = np.array(game.path)
        trail.draw_trail(surf, cam, path[:, 0], path[:, 1], np.ones(len(path), bool),
                         colour=YOU if self.revealed else None)
        keep += self._draw_marks(surf, cam)
        x, y = self._shown_at(cam)
        feet = cam.to_screen(x, y)
        split = self.end_t - SPLIT_AT if game.ending == "hit" else -1.0
        if self.revealed or split >= 0:
            keep.append(watermelon.rect(cam.to_screen(*s.target), u))
            for f in beach_features(s.loss, s.target, ("decoy",)):
                watermelon.draw_decoy(surf, cam.to_screen(*f.at), u)
            centre = cam.to_screen(*s.target)
            watermelon.draw_mat(surf, centre, u)
            _dotted_ring(surf, centre, cam.length(s.reach), REACH_RING)
            if split >= 0:
                watermelon.draw_split(surf, centre, u, split)
                endings.draw_juice(surf, cam, centre, split)
            else:
                watermelon.draw_whole(surf, centre, u)
        heads = friends.draw_friends(surf, cam, s.bounds, self._shouter(), self._mood(), self.clock)
        pose = self._pose()
        head = pygame.Rect(draw_person(surf, feet, u, UNMASKED if self.revealed else PLAYER, pose))
        keep.append(head)
        if not game.over:
            self._draw_aim(surf, cam, x, y)
        if self.last == "swing" and not game.swings[-1].hit and self.since_act > SWING_SECONDS:
            endings.draw_dust(surf, stick_tip(feet, u, pose), u, self.since_act - SWING_SECONDS)
        if self.last == "taste" and not game.over:
            keep += self._draw_taste(surf, cam, game.tastes[-1])
        if self.last == "ask" and game.shouts:
            keep.append(self._draw_shout(surf, cam, heads, keep))
        if self.revealed:
            keep += friends.body_rects(cam, s.bounds)
            keep.append(self._draw_legend(surf, cam, keep))
            keep.append(self._draw_key(surf, cam, keep))
        return keep

    def _facing(self) -> int:
        """+1 facing right: the way it aims; at a hit, toward the watermelon."""
        if self.game.ending == "hit":
            return 1 if self.scenario.target[0] >= self.game.position[0] else -1
        return 1 if math.cos(self.aim_angle) >= 0 else -1

    def _shown_at(self, cam: Camera) -> tuple[float, float]:
        """Where the player is drawn (m): along its latest step while it walks; at a hit, beside
        the watermelon so that the stick comes down on it."""
        x, y = self.game.position
        if self.game.ending == "hit":
            tx, ty = self.scenario.target
            return tx - self._facing() * SWING_REACH * unit(cam) / cam.scale, ty
        if self.last == "step" and self.since_act < STEP_SECONDS:
            k = self.since_act / STEP_SECONDS
            (fx, fy) = self._from
            return fx + (x - fx) * k, fy + (y - fy) * k
        return x, y

    def _pose(self) -> Pose:
        facing = self._facing()
        ending = self.game.ending
        if self.last == "step" and self.since_act < STEP_SECONDS:
            return Pose(facing=facing, walk=self.since_act * 18, stick=70)
        if self.last == "swing":
            k = min(1.0, self.since_act / SWING_SECONDS)
            arms = "up" if ending == "hit" and self.since_act > 1.2 else "hold"
            if arms == "up":
                return Pose(facing=facing, arms="up", mouth="open")
            return Pose(facing=facing, stick=70 - 120 * k, lean=0.15 * k, mouth="open" if k < 1 else "smile")
        if ending == "gave_up":
            return Pose(facing=facing, arms="down", mouth="flat")
        if self.last == "taste" and self.since_act < 0.6:
            return Pose(facing=facing, stick=70 + 6 * math.sin(self.clock * 30), lean=0.12)
        if self.last == "ask" and self.since_act < 0.6:
            return Pose(facing=facing, stick=70, mouth="o")
        return Pose(facing=facing, stick=70)

    def _mood(self) -> str:
        ending = self.game.ending
        if ending == "hit" and self.end_t >= SPLIT_AT:
            return "cheer"
        return "sigh" if ending in ("misses", "gave_up") and self.revealed else "watch"

    def _shouter(self) -> int | None:
        return 1 if self.last == "ask" and not self.game.over else None

    def _draw_aim(self, surf: pygame.Surface, cam: Camera, x: float, y: float) -> None:
        """A dotted ring of the longest stride round the feet and the aimed step as an arrow."""
        _dotted_ring(surf, cam.to_screen(x, y), cam.length(STRIDE), AIM)
        dx, dy = self.aim
        probes.draw_arrow(surf, cam, x, y, dx, dy, colour=AIM, edge=(80, 70, 60), longest=0.5)
        tx, ty = cam.to_screen(x + dx, y + dy)
        pygame.draw.circle(surf, (80, 70, 60), (round(tx), round(ty)), max(4, round(unit(cam) * 0.14)), 2)

    def _draw_marks(self, surf: pygame.Surface, cam: Camera) -> list[pygame.Rect]:
        """A stake at every taste with its value on a flag: green where it was lower than the taste
        before, orange where higher (warmer, colder)."""
        u = unit(cam)
        px = max(11, round(u * 0.34))
        out = []
        before = math.nan
        for t in self.game.tastes:
            mx, my = (round(v) for v in cam.to_screen(t.x, t.y))
            ink = probes.LOWER if t.value < before else probes.HIGHER if t.value > before else MARK_INK
            before = t.value
            label = assets.text(_value_text(t.value), px, MARK_INK, bold=True)
            top = my - round(u * 0.7)
            flag = label.get_rect(topleft=(mx + 2, top)).inflate(px // 2, px // 6)
            flag.left = mx + 1
            pygame.draw.line(surf, MARK_INK, (mx, my), (mx, top - 2), 2)
            pygame.draw.circle(surf, MARK_INK, (mx, my), max(2, round(u * 0.07)))
            pygame.draw.rect(surf, ink, flag, border_radius=2)
            pygame.draw.rect(surf, MARK, flag.inflate(-4, -4), border_radius=2)
            surf.blit(label, label.get_rect(center=flag.center))
            out.append(flag)
        return out

    def _draw_taste(self, surf: pygame.Surface, cam: Camera, taste: Taste) -> list[pygame.Rect]:
        """The four probes of the latest taste, magnified round the feet, each with its value: green
        where the ground is lower than on the opposite side, orange where higher."""
        u = unit(cam)
        px = max(11, round(u * 0.4))
        digits = _digits(taste.values)
        out = []
        for k, (bx, by) in enumerate(probes.probe_pixels(cam, taste.x, taste.y)):
            other = taste.values[k ^ 1]
            colour = probes.LOWER if taste.values[k] < other else probes.HIGHER if taste.values[k] > other \
                else probes.FLAT
            pygame.draw.circle(surf, (40, 30, 20), (round(bx), round(by)), max(4, round(u * 0.2)))
            pygame.draw.circle(surf, colour, (round(bx), round(by)), max(3, round(u * 0.16)))
            label = assets.text(f"{taste.values[k]:.{digits}f}", px, (40, 30, 20), bold=True)
            out_dx, out_dy = ((1, 0), (-1, 0), (0, -1), (0, 1))[k]   # outward on the screen
            anchor = (round(bx + out_dx * u * 0.3), round(by + out_dy * u * 0.3))
            where = {(1, 0): "midleft", (-1, 0): "midright", (0, -1): "midbottom", (0, 1): "midtop"}[(out_dx, out_dy)]
            card = label.get_rect(**{where: anchor}).inflate(px // 2, px // 6)
            pygame.draw.rect(surf, colour, card, border_radius=px // 3)
            pygame.draw.rect(surf, MARK, card.inflate(-4, -4), border_radius=px // 3)
            surf.blit(label, label.get_rect(center=card.center))
            out.append(card)
        return out

    def _draw_shout(self, surf: pygame.Surface, cam: Camera, heads: list[pygame.Rect],
                    avoid: list[pygame.Rect]) -> pygame.Rect:
        """The friends' latest shout: which way and how far, in words and an arrow."""
        shout = self.game.shouts[-1]
        dx, dy = shout.downhill
        text = friends.shout(dx, dy, shout.size, self.lang)
        hint = (dx, dy, shout.size)
        who, place = friends.place_bubble(cam, heads, 1, text, True, avoid)
        return friends.draw_bubble(surf, cam, heads[who], place, text, hint, min(1.0, self.since_act / 0.15))

    # -- the reveal ------------------------------------------------------------------------------
    def rivals(self) -> list[Rival]:
        """The algorithms' walks from the learner's start (gd, and the best on a beach with character)."""
        return self.game.rivals()

    def _draw_rivals(self, surf: pygame.Surface, cam: Camera) -> None:
        """Each rival's walk as a line with a dot at every step, drawing itself over DRAW_WALKS."""
        k = min(1.0, (self.end_t - REVEAL_AT) / DRAW_WALKS)
        r = max(2, round(unit(cam) * 0.09))
        for rival, colour in zip(self.rivals(), RIVAL_COLOURS):
            trace = rival.result.trace
            n = max(1, math.ceil(len(trace) * k))
            xs = np.array([row.x for row in trace[:n]])
            ys = np.array([row.y for row in trace[:n]])
            px, py = cam.to_screen_many(xs, ys)
            ok = np.isfinite(px) & np.isfinite(py)
            pts = np.stack([px[ok], py[ok]], -1).tolist()
            if len(pts) >= 2:
                pygame.draw.lines(surf, (255, 255, 255), False, pts, 5)
                pygame.draw.lines(surf, colour, False, pts, 3)
            for p in pts:
                pygame.draw.circle(surf, colour, (round(p[0]), round(p[1])), r)

    def _draw_key(self, surf: pygame.Surface, cam: Camera, avoid: list[pygame.Rect]) -> pygame.Rect:
        """What the lines on the revealed beach are: the learner's walk and each rival's."""
        u = unit(cam)
        px = max(11, round(u * 0.42))
        entries = [(YOU, i18n.tr("blind.key.you", self.lang))] + [
            (colour, self._rival_name(r)) for r, colour in zip(self.rivals(), RIVAL_COLOURS)]
        labels = [(c, assets.text(t, px, (40, 30, 20))) for c, t in entries]
        line = round(px * 1.5)
        w = max(lab.get_width() for _, lab in labels) + px * 3
        card = pygame.Surface((w, line * len(labels) + px), pygame.SRCALPHA)
        card.fill((255, 252, 244, 225))
        for i, (colour, lab) in enumerate(labels):
            y = px // 2 + i * line + line // 2
            pygame.draw.line(card, colour, (px // 2, y), (px * 2, y), 4)
            card.blit(lab, lab.get_rect(midleft=(px * 5 // 2, y)))
        sand = beach.sand_rect(cam, self.scenario.bounds)
        place = heatmap.place_legend(card.get_size(), sand, _below_prompts(pygame.Rect(cam.rect)),
                                     round(u * 0.3), avoid)
        surf.blit(card, place)
        return place

    def _rival_name(self, rival: Rival) -> str:
        key = "blind.key.gd" if rival is self.rivals()[0] else "blind.key.best"
        return i18n.tr(key, self.lang, name=i18n.OPTIMIZER_SHORT[rival.optimizer], lr=rival.lr)

    def draw_banner(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        ending = self.game.ending
        if ending is not None:
            endings.draw_banner_text(surf, area, i18n.tr(f"blind.end.{ending}", self.lang), END_COLOURS[ending],
                                     self.since_banner())

    # -- the panel -------------------------------------------------------------------------------
    def hud_rows(self) -> list[tuple[str, str]]:
        """The level and seed, what the learner spent, and the latest taste or shout."""
        lang, game = self.lang, self.game
        c = game.counts
        rows = [(i18n.tr("blind.level", lang), i18n.tr(f"blind.level.{self.level.name}", lang)
                 if self.level.name in LEVELS else self.level.name),
                (i18n.tr("blind.seed", lang), str(self.seed)),
                (i18n.tr("blind.steps", lang), str(c["step"])),
                (i18n.tr("blind.tastes", lang), str(game.tally().tastes)),
                (i18n.tr("blind.asked", lang), str(c["ask"])),
                (i18n.tr("blind.swings", lang), i18n.tr("blind.swings_value", lang, n=c["swing"],
                                                          left=MAX_MISSES - game.misses))]
        if not game.over:
            rows.append((i18n.tr("blind.stride", lang), f"{self.aim_length:.2f} / {STRIDE:g} m"))
        if game.tastes and not game.over:
            rows.append((i18n.tr("blind.last_taste", lang), _value_text(game.tastes[-1].value)))
        if self.revealed:
            rows.append((i18n.tr("blind.result", lang), i18n.tr(f"blind.verdict.{self._verdict()}", lang)))
        return rows

    def _verdict(self) -> str:
        """How the learner did against gradient descent: both found it ("beat": with fewer tastes,
        else "lost"), only the learner ("gd_failed"), only gradient descent ("gd_found"), neither."""
        gd = self.rivals()[0]
        you_hit, gd_hit = self.game.ending == "hit", gd.result.outcome == "hit"
        if you_hit and gd_hit:
            return "beat" if self.game.tally().tastes < gd.tally().tastes else "lost"
        return "gd_failed" if you_hit else "gd_found" if gd_hit else "both_failed"

    def hud_table(self) -> Table | None:
        """While blindfolded, the keys; once revealed, the scoreboard: steps, tastes, swings and
        final distance of the learner and each rival."""
        lang = self.lang
        if not self.revealed:
            lines = blindfold_help_lines(lang)
            return Table((i18n.tr("blind.keys", lang), ""),
                         tuple((lines[row][0], i18n.tr(f"blind.short.{short}", lang)) for row, short in KEY_TABLE))
        board = self.game.scoreboard()
        header = ("", i18n.tr("blind.key.you_short", lang),
                  *(i18n.OPTIMIZER_SHORT[name] for name, _ in board[1:]))
        rows = []
        for key, cell in (("steps", lambda t: str(t.steps)), ("tastes", lambda t: str(t.tastes)),
                          ("swings", lambda t: str(t.swings)), ("distance", lambda t: _metres(t.distance))):
            rows.append((i18n.tr(f"blind.board.{key}", lang), *(cell(t) for _, t in board)))
        return Table(header, tuple(rows), header_colours=(None, YOU, *RIVAL_COLOURS[:len(board) - 1]))

    def panel_key(self) -> tuple:
        return (tuple(self.hud_rows()), self.lang, self.revealed, id(self.game), self.size)

    def chart_specs(self) -> tuple[list[ChartSpec], int]:
        """Once revealed: the loss at every place the learner and each rival stood, by step."""
        if not self.revealed:
            return [], 0
        lang, s = self.lang, self.scenario
        path = np.array(self.game.path)
        mine = np.asarray(s.loss_fn(path[:, 0], path[:, 1], *s.target), float)
        series = [Series(i18n.tr("blind.key.you_short", lang), np.arange(len(mine), dtype=float), mine, YOU, "line", 2)]
        for rival, colour in zip(self.rivals(), RIVAL_COLOURS):
            loss = np.array([row.loss for row in rival.result.trace])
            series.append(Series(i18n.OPTIMIZER_SHORT[rival.optimizer], np.arange(len(loss), dtype=float), loss,
                                 colour, "line", 2))
        finite = np.concatenate([sr.ys[np.isfinite(sr.ys)] for sr in series])
        log = finite.size > 0 and bool((finite > 0).all())
        return [ChartSpec(i18n.tr("blind.chart", lang), i18n.tr("axis.step", lang), i18n.tr("axis.loss", lang),
                          series, y_log=log)], 1

    def help_rows(self) -> list[tuple[str, str]]:
        """Every key of the game (game.controls.blindfold_help_lines)."""
        return list(blindfold_help_lines(self.lang).values())

    # -- the whole frame -------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        """The whole frame onto ``surf`` (sized like ``size``): the beach, the banner, the panel,
        the prompt, the message and the help. Reads the state and never changes it."""
        lay = layout(surf.get_size())
        cam = Camera.for_beach(self.scenario.bounds, lay.beach)
        surf.blit(self._world_layer(surf, lay.beach, cam), lay.beach.topleft, lay.beach)
        clip = surf.get_clip()
        surf.set_clip(lay.beach.clip(clip))
        keep = self.draw_beach(surf, cam)
        surf.set_clip(clip)
        self.draw_banner(surf, lay.beach)
        self._draw_panel(surf, lay.panel)
        if not self.help:
            if self.paused and self.game.counts["step"] == 0 and not self.over:
                self._draw_prompt(surf, lay.beach, i18n.tr("blind.start", self.lang), keep)
            elif self.since_banner() >= AGAIN_AFTER:
                top = endings.banner_bottom(lay.beach)
                self._draw_prompt(surf, pygame.Rect(lay.beach.x, top, lay.beach.w, lay.beach.h),
                                  i18n.tr("hud.again_hint", self.lang), keep)
        self._draw_toast(surf, lay.beach, keep)
        if self.help:
            self._draw_help(surf)

    def _world_layer(self, surf: pygame.Surface, area: pygame.Rect, cam: Camera) -> pygame.Surface:
        """Sea and sand, with the heatmap and contours once revealed; made again only on change."""
        s = self.scenario
        key = (surf.get_size(), area.size, s.bounds, s.loss, s.target, self.revealed)
        if self._world is None or self._world[0] != key:
            world = beach.build_background(surf.get_size(), cam, s.bounds)
            if self.revealed:
                world = heatmap.build_heatmap(world, cam, s.bounds, s.loss_fn, s.target)
            beach.decorate(world, cam, s.bounds)
            self._world = (key, world.convert() if pygame.display.get_surface() else world)
        return self._world[1]

    def _draw_legend(self, surf: pygame.Surface, cam: Camera, avoid: list[pygame.Rect]) -> pygame.Rect:
        """The heatmap's legend in a corner of the sand clear of ``avoid``."""
        u = unit(cam)
        legend = heatmap.build_legend(self.lang, heatmap.legend_px(u))
        place = heatmap.place_legend(legend.card.get_size(), beach.sand_rect(cam, self.scenario.bounds),
                                     _below_prompts(pygame.Rect(cam.rect)), round(u * 0.3), avoid)
        surf.blit(legend.card, place)
        return place

    def _draw_prompt(self, surf: pygame.Surface, area: pygame.Rect, text: str, avoid: list[pygame.Rect]) -> None:
        """A bobbing pill at the top of ``area`` saying ``text`` and how to get help."""
        px = _prompt_px(area)
        text = f"{text}   ·   {i18n.tr('hud.help_hint', self.lang)}"
        while px > 11 and assets.font(px, True).size(text)[0] > area.w - px * 2:
            px -= 1
        label = assets.text(text, px, (255, 255, 255), bold=True)
        box = label.get_rect().inflate(round(px * 1.6), round(px * 0.8))
        box.midtop = (area.centerx, area.top + round(px * 0.7) + round(math.sin(self.clock * 3) * 3))
        pygame.draw.rect(surf, (20, 40, 70), box.move(0, 3), border_radius=box.h // 2)
        pygame.draw.rect(surf, ACCENT, box, border_radius=box.h // 2)
        surf.blit(label, label.get_rect(center=box.center))

    def _draw_toast(self, surf: pygame.Surface, area: pygame.Rect, avoid: list[pygame.Rect]) -> None:
        """The message, near the bottom of the beach (or the top, off what must stay in sight),
        fading out over its last half second."""
        if not self.message or self.message_t <= 0:
            return
        px = max(12, min(22, round(area.h * 0.03)))
        while px > 11 and assets.font(px).size(self.message)[0] > area.w - px * 3:
            px -= 1
        label = assets.text(self.message, px, (255, 255, 255))
        box = label.get_rect().inflate(px * 2, px)
        box.midbottom = (area.centerx, area.bottom - px)
        if box.collidelist(avoid) >= 0:
            box.midtop = (area.centerx, endings.banner_bottom(area) + px * 4)
        fade = min(1.0, self.message_t / 0.5)
        card = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.rect(card, (30, 30, 50, round(200 * fade)), card.get_rect(), border_radius=box.h // 2)
        surf.blit(card, box)
        label.set_alpha(round(255 * fade))
        surf.blit(label, label.get_rect(center=box.center))
        label.set_alpha(None)

    def _draw_panel(self, surf: pygame.Surface, rect: pygame.Rect) -> None:
        """The title, the rows, the table (the keys, or the scoreboard) and, once revealed, the chart:
        the rows at the largest font size at which they and the table fit."""
        pygame.draw.rect(surf, PANEL, rect)
        pygame.draw.line(surf, PANEL_EDGE, rect.topleft, rect.bottomleft if rect.h > rect.w / 1.6 else rect.topright, 2)
        pad = max(6, round(min(rect.w, rect.h) * 0.03))
        inner = rect.inflate(-2 * pad, -2 * pad)
        rows, table = self.hud_rows(), self.hud_table()
        specs, _ = self.chart_specs()
        room = inner.h * (0.55 if specs else 1.0)
        lines = len(rows) + (len(table.rows) + 1.5 if table else 0) + 2
        px = max(11, min(24, int(room / lines / 1.35)))
        line = assets.font(px).get_height() + 2
        title = assets.text(i18n.tr("title", self.lang), _fit(i18n.tr("title", self.lang), inner.w, px + 2, True),
                            ACCENT, bold=True)
        surf.blit(title, inner.topleft)
        y = inner.top + title.get_height() + px // 2
        for k, (label, value) in enumerate(rows):
            if k % 2 == 0:
                pygame.draw.rect(surf, STRIPE, pygame.Rect(inner.left - 3, y, inner.w + 6, line))
            name = assets.text(label, _fit(label, inner.w // 2, px), MUTED)
            shown = assets.text(value, _fit(value, inner.w - name.get_width() - px, px, True), INK, bold=True)
            surf.blit(name, (inner.left, y + (line - name.get_height()) // 2))
            surf.blit(shown, shown.get_rect(midright=(inner.right, y + line // 2)))
            y += line
        if table is not None:
            y = self._draw_table(surf, pygame.Rect(inner.left, y + line // 3, inner.w, 0), table, px, line)
        if specs:
            area = pygame.Rect(inner.left, y + pad, inner.w, inner.bottom - y - pad)
            if area.h > 80:
                chart.draw_chart(surf, area, specs[0])
        hint = assets.text(i18n.tr("hud.help_hint", self.lang), max(11, px - 2), MUTED)
        if not specs:
            surf.blit(hint, hint.get_rect(bottomright=inner.bottomright))

    def _draw_table(self, surf: pygame.Surface, box: pygame.Rect, table: Table, px: int, line: int) -> int:
        """``table`` from the top of ``box``: the first column left-aligned, the others right-aligned
        in equal columns, a swatch before each coloured header cell; returns the row below it."""
        cols = len(table.header)
        first = max(assets.font(px, True).size(r[0])[0] for r in table.rows) + px // 2
        rest = (box.w - first) / max(1, cols - 1)
        rights = [round(box.left + first + rest * (c + 1)) for c in range(cols - 1)]
        y = box.top
        pygame.draw.line(surf, PANEL_EDGE, (box.left - 3, y + line - 1), (box.right + 3, y + line - 1))
        for c, cell in enumerate(table.header):
            colour = table.header_colours[c] if c < len(table.header_colours) else None
            width = (first if c == 0 else round(rest)) - (px if colour else 0) - 4
            label = assets.text(cell, _fit(cell, width, px, bool(colour)), INK if colour else MUTED, bold=bool(colour))
            x = box.left if c == 0 else rights[c - 1] - label.get_width()
            if colour:
                dot = pygame.Rect(0, 0, px * 2 // 3, px * 2 // 3)
                dot.midright = (x - 4, y + line // 2)
                pygame.draw.rect(surf, colour, dot, border_radius=dot.w // 2)
            surf.blit(label, (x, y + (line - label.get_height()) // 2))
        y += line
        for k, row in enumerate(table.rows):
            if k % 2 == 1:
                pygame.draw.rect(surf, STRIPE, pygame.Rect(box.left - 3, y, box.w + 6, line))
            for c, cell in enumerate(row):
                width = first if c == 0 else round(rest) - 4
                label = assets.text(cell, _fit(cell, width, px, c == 0), INK, bold=c == 0)
                surf.blit(label, ((box.left if c == 0 else rights[c - 1] - label.get_width()),
                                  y + (line - label.get_height()) // 2))
            y += line
        return y

    def _draw_help(self, surf: pygame.Surface) -> None:
        """Every key of the game on a card over the dimmed frame."""
        w, h = surf.get_size()
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((10, 20, 40, 170))
        surf.blit(shade, (0, 0))
        rows = self.help_rows()
        px = max(11, min(22, round(h / (len(rows) * 1.55 + 5))))
        line = round(px * 1.5)
        keys_w = max(assets.font(px, True).size(k)[0] for k, _ in rows)
        acts_w = max(assets.font(px).size(a)[0] for _, a in rows)
        title = assets.text(i18n.tr("help.title", self.lang), round(px * 1.4), ACCENT, bold=True)
        card = pygame.Rect(0, 0, min(w - 20, keys_w + acts_w + px * 4),
                           min(h - 20, line * len(rows) + title.get_height() + px * 3))
        card.center = (w // 2, h // 2)
        pygame.draw.rect(surf, PANEL, card, border_radius=px)
        pygame.draw.rect(surf, PANEL_EDGE, card, 2, border_radius=px)
        surf.blit(title, (card.centerx - title.get_width() // 2, card.top + px))
        y = card.top + px * 1.5 + title.get_height()
        x_keys, x_acts = card.left + px * 1.5, card.left + px * 2.5 + keys_w
        for keys, action in rows:
            surf.blit(assets.text(keys, px, ACCENT, bold=True), (x_keys, y))
            surf.blit(assets.text(action, _fit(action, card.right - x_acts - px, px), INK), (x_acts, y))
            y += line


def _digits(values: np.ndarray) -> int:
    """Decimals that tell the four probe values apart (2 to 8)."""
    spread = float(np.max(values) - np.min(values))
    if not math.isfinite(spread) or spread <= 0:
        return 2
    return max(2, min(8, math.ceil(-math.log10(spread)) + 1))


def _value_text(value: float) -> str:
    """A loss value as a mark on the sand shows it: three significant digits."""
    return f"{value:.3g}" if math.isfinite(value) else "—"


def _metres(d: float) -> str:
    return f"{d:.2f} m" if math.isfinite(d) else "—"


# -- the frame ---------------------------------------------------------------------------------------
def _dotted_ring(surf: pygame.Surface, centre: tuple[float, float], r: float, colour: tuple[int, int, int]) -> None:
    """A dotted circle of radius ``r`` pixels (the stride's, the stick's reach)."""
    if not 2 < r < 4 * max(surf.get_size()):
        return
    cx, cy = centre
    n = max(12, min(72, round(r * 0.6)))
    for k in range(0, n, 2):
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 1) / n
        pygame.draw.line(surf, colour, (cx + r * math.cos(a0), cy + r * math.sin(a0)),
                         (cx + r * math.cos(a1), cy + r * math.sin(a1)), 2)


def _prompt_px(area: pygame.Rect) -> int:
    """The prompt pill's font size (pixels) at the top of ``area``."""
    return max(13, min(26, round(area.h * 0.035)))


def _below_prompts(beach_area: pygame.Rect) -> int:
    """The first pixel row of the beach below the banner and the pill under it: the cards keep
    below it."""
    top = endings.banner_bottom(beach_area)
    px = _prompt_px(pygame.Rect(beach_area.x, top, beach_area.w, beach_area.bottom - top))
    return top + round(px * 0.7) + assets.font(px, True).get_height() + round(px * 0.8) + 6


def _fit(s: str, width: int, px: int, bold: bool = False) -> int:
    """The largest font size up to ``px`` (down to 10) at which ``s`` fits ``width`` pixels."""
    while px > 10 and assets.font(px, bold).size(s)[0] > width:
        px -= 1
    return px


def play_blindfold(level: Scenario, *, seed: int, lang: str, autoplay: bool = False, max_frames: int | None = None,
                   screenshot: str | None = None, size: tuple[int, int] = (1280, 720), sound: bool = True) -> int:
    """Open a resizable window on the blindfold game; returns the exit status (0, or 1 when there
    is no display and nothing would end it). ``autoplay``: the demonstration player acts;
    ``max_frames`` stops after that many frames of a fixed 1/60 s; ``screenshot`` saves the last
    frame there (headless with SDL_VIDEODRIVER=dummy); S saves one in the current folder."""
    from game.app import FIXED_DT, FPS, LETTERBOX, MAX_DT, fit_rect, no_display, open_window
    from game.app import _new_path as new_path   # suikawari-DATE-TIME.png, as the S key names it everywhere

    chosen = os.environ.get("SDL_VIDEODRIVER", "")
    if screenshot is not None and not Path(screenshot).resolve().parent.is_dir():
        raise ValueError(f"screenshot folder of {screenshot!r} does not exist")
    view = Blindfold(level, lang, size, seed=seed, paused=not autoplay, sound=sound)
    sounds = Sounds(enabled=sound)
    with quiet_stderr():
        pygame.display.init()
    pygame.font.init()
    try:
        problem = no_display(pygame.display.get_driver(), chosen, max_frames, lang=lang)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        window = open_window(i18n.tr("title", lang), view.size)
        clock = pygame.time.Clock()
        frame = pygame.Surface(view.size)
        frames = 0
        running = True
        while running:
            cues = []
            for event in pygame.event.get():
                cues += view.handle(event)
            cues += view.advance(FIXED_DT if max_frames is not None else min(clock.tick(FPS) / 1000.0, MAX_DT))
            sounds.enabled = view.sound
            for cue in cues:
                sounds.play(cue)
            screen = window.get_surface()
            view.size = (max(MIN_SIZE[0], screen.get_width()), max(MIN_SIZE[1], screen.get_height()))
            if frame.get_size() != view.size:
                frame = pygame.Surface(view.size)
            view.draw(frame)
            if frame.get_size() == screen.get_size():
                screen.blit(frame, (0, 0))
            else:   # a window below MIN_SIZE: the frame scaled down to fit
                at = fit_rect(frame.get_size(), screen.get_size())
                screen.fill(LETTERBOX)
                pygame.transform.smoothscale(frame, at.size, screen.subsurface(at))
            window.flip()
            for want in view.wants:
                if want is Action.QUIT:
                    running = False
                else:
                    path = new_path(None, ".png")
                    save_png(frame, path)
                    view.say(i18n.tr("status.screenshot_saved", lang, path=path.name))
            view.wants.clear()
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
        if screenshot is not None:
            save_png(frame, screenshot)
    finally:
        pygame.quit()
    return 0
