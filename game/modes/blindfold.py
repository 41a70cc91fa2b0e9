"""The blindfold game (``play --blindfold``): the learner is the blindfolded player.

The mode drives exactly a sim.walking.blindfold.BlindfoldGame. While the blindfold is on, the
beach hides the watermelon, the heatmap and the contours: the learner sees the player, the sand,
their footprints, the marks their tastes left (each with its value) and the friends, who shout
when asked. At a hit, the third miss or a give-up the blindfold comes off: the heatmap and the
watermelon appear, with the learner's walk and tastes, gradient descent's walk from the same start
(and on a beach with character the best optimizer's), and in the panel the scoreboard and a chart
of the loss at every place each stood.

Its keys and mouse are game.controls.BLINDFOLD_KEYS (``keys = "blindfold"``): T taste, A ask, the
mouse aims the step (a left click takes it), ← → turn the aim, ↑ ↓ lengthen or shorten it, Enter
or N step, Space swing, G give up, R a new game (the next seed), L the next level; the window's own
(H help, M sound, S screenshot, Esc quit) are game.app.App's, as in every mode.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pygame
from sim import SCENARIOS, Scenario
from sim.beach.beaches import beach_features
from sim.walking.blindfold import LEVELS, MAX_MISSES, STRIDE, BlindfoldGame, IllegalMove, Rival, Taste

from game import assets, i18n
from game.camera import Camera
from game.chart import PALETTE, ChartSpec, Series
from game.controls import Action, Command, blindfold_help_lines
from game.drawers import beach, endings, friends, heatmap, probes, trail, unit, watermelon
from game.drawers.person import PLAYER, Look, Pose, draw_person, stick_tip
from game.drawers.player import SWING_REACH
from game.modes.base import AGAIN_AFTER, Mode
from game.modes.beach_parts import TraceArrays, draw_legend
from game.overlays import prompt_room_bottom
from game.panel import Table

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
OWN = frozenset({Action.TASTE, Action.ASK, Action.AIM, Action.WALK_TO, Action.TURN_LEFT, Action.TURN_RIGHT,
                 Action.LONGER, Action.SHORTER, Action.WALK, Action.SWING, Action.GIVE_UP, Action.NEW_GAME,
                 Action.NEXT_LEVEL})   # the game's own actions (game.controls.BLINDFOLD_KEYS, BLINDFOLD_BUTTONS)
END_COLOURS = {"hit": (200, 40, 60), "misses": (110, 80, 160), "gave_up": (20, 100, 180)}


@dataclass
class BlindfoldMode(Mode):
    """The blindfold game's view state: the learner's actions in, the beach, the panel and the
    banner out. ``scenario`` is the level with its hidden watermelon and the learner's start (the
    game's); ``level`` the level as given (a Scenario of LEVELS, or any). Unpaused (``play
    --autoplay``) a demonstration player acts by itself."""

    name: ClassVar[str] = "blindfold"
    option: ClassVar[str] = "blindfold"
    play_type: ClassVar[type] = BlindfoldGame
    keys: ClassVar[str] = "blindfold"
    seed: int = 0
    level: Scenario = field(init=False)
    aim_angle: float = math.pi / 2           # radians from +x: forward (up the screen) at first
    aim_length: float = 1.0                  # metres, at most STRIDE
    last: str | None = None                  # the latest action ("taste", "ask", "step", "swing")
    since_act: float = 1e9                   # seconds since it
    end_t: float = -1.0                      # seconds since the blindfold started coming off; < 0 before
    demo_rate: float = 1.0                   # the demonstration player's step per unit of slope (m per loss/m)
    _from: tuple[float, float] = field(default=(0.0, 0.0), init=False, repr=False)   # where the latest step began
    _cues: list[str] = field(default_factory=list, init=False, repr=False)   # sound cues of actions taken since the last advance

    def __post_init__(self) -> None:
        self.level = self.scenario
        super().__post_init__()

    @classmethod
    def from_option(cls, scenario: Scenario, value: Any, *, lang: str, size: tuple[int, int],
                    paused: bool = True) -> BlindfoldMode:
        """The game on the level ``scenario``, its watermelon hidden by the seed ``value``."""
        return cls(scenario, lang, size, paused=paused, seed=value)

    @classmethod
    def for_play(cls, play: BlindfoldGame, *, lang: str, size: tuple[int, int]) -> BlindfoldMode:
        return cls(play.level, lang, size, seed=play.seed)

    @property
    def game(self) -> BlindfoldGame:
        """The game played."""
        return self.play

    # -- the game ------------------------------------------------------------------------------
    def _begin(self) -> None:
        self.play = BlindfoldGame(self.level, self.seed)
        self.scenario = self.play.scenario
        self.last, self.since_act, self.end_t, self.demo_rate = None, 1e9, -1.0, 1.0
        self.aim_angle, self.aim_length = self._toward_middle(), 1.0

    def _show_ending(self, ending_t: float) -> None:
        self.level, self.seed, self.scenario = self.play.level, self.play.seed, self.play.scenario
        self.end_t = ending_t if self.play.over else -1.0

    def _toward_middle(self) -> float:
        """The first aim: toward the middle of the sand (the learner knows no better)."""
        xmin, xmax, ymin, ymax = self.scenario.bounds
        x, y = self.game.start
        return math.atan2((ymin + ymax) / 2 - y, (xmin + xmax) / 2 - x)

    @property
    def over(self) -> bool:
        """Whether the blindfold is off (or coming off)."""
        return self.game.over

    @property
    def revealed(self) -> bool:
        """Whether the blindfold is off (the watermelon, the heatmap and the rivals show)."""
        return self.end_t >= REVEAL_AT

    @property
    def heatmap_shown(self) -> bool:
        """The heatmap shows once the blindfold is off, never before (the learner cannot toggle it)."""
        return self.revealed

    def start_hint(self) -> str:
        return i18n.tr("blind.start", self.lang)

    @property
    def aim(self) -> tuple[float, float]:
        """The step the learner aims: (dx, dy) metres."""
        return self.aim_length * math.cos(self.aim_angle), self.aim_length * math.sin(self.aim_angle)

    def take(self, command: Command) -> bool:
        """The game's own commands (OWN: its pos in pixels of the frame); their sound cues come with
        the next ``advance``. The window's (quit, help, sound, screenshot, resize) are the app's."""
        if command.action not in OWN:
            return False
        world = None
        if command.pos is not None:
            from game.scene import camera_for, layout   # game.scene imports the modes

            if layout(self.size).beach.collidepoint(command.pos):
                world = camera_for(self.size, self.scenario.bounds).to_world(*command.pos)
        self._cues += self.act(command, world)
        return True

    def act(self, command: Command, world: tuple[float, float] | None = None) -> list[str]:
        """Carry out one command of OWN (``world``: the mouse's point in metres, None off the
        beach); the sound cues."""
        a = command.action
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
            self.game.stride(self.aim, self.aim_length)
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
        cues, self._cues = self._cues, []
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
        """Seconds since the banner popped in; < 0 before."""
        return self.end_t - BANNER_AT if self.end_t >= 0 else -1.0

    # -- the beach -------------------------------------------------------------------------------
    def draw_beach(self, surf: pygame.Surface, cam: Camera, arrays: TraceArrays) -> list[pygame.Rect]:
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
        aside = 0.0   # the friends' row, moved sideways once the watermelon shows where they stand
        if self.revealed or split >= 0:
            keep.append(watermelon.rect(cam.to_screen(*s.target), u))
            aside = friends.step_aside(cam, s.bounds, keep[-1:])
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
        heads = friends.draw_friends(surf, cam, s.bounds, self._shouter(), self._mood(), self.clock, aside)
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
            keep += friends.body_rects(cam, s.bounds, aside)
            draw_legend(surf, cam, self, keep)
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
        place = heatmap.place_legend(card.get_size(), sand, prompt_room_bottom(pygame.Rect(cam.rect)),
                                     round(u * 0.3), avoid)
        surf.blit(card, place)
        return place

    def _rival_name(self, rival: Rival) -> str:
        key = "blind.key.gd" if rival is self.rivals()[0] else "blind.key.best"
        return i18n.tr(key, self.lang, name=i18n.OPTIMIZER_SHORT[rival.optimizer], lr=rival.lr)

    def banner(self) -> endings.Banner | None:
        ending = self.game.ending
        if ending is None:
            return None
        return endings.Banner(i18n.tr(f"blind.end.{ending}", self.lang), END_COLOURS[ending], self.since_banner())

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
