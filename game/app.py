"""The live game: a resizable window, the event loop and ``play``.

Each frame the loop handles events (game.controls turns them into commands), advances the walk
(or the race, or the population) by whole steps from a time accumulator (the speed does not
depend on the frame rate), draws the scene and flips. With ``max_frames`` every frame advances a
fixed 1/60 s, so runs are deterministic (tests, screenshots).
"""
from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import Any

import pygame
from sim import Scenario
from sim.beach.scenario import SCENARIOS
from sim.walking.racers import parse_racers

from game import i18n
from game.controls import Action, Command, commands
from game.drawers import watermelon
from game.lesson.digit_panel import DigitPanel
from game.png import save_png
from game.modes import Mode, open_mode
from game.scene import Scene, camera_for, layout
from game.sound import Sounds, quiet_stderr
from game.stage import MIN_SIZE, clamp_size

FPS = 60
FIXED_DT = 1.0 / FPS   # seconds per frame in deterministic runs
MAX_DT = 0.1           # a stalled frame never advances the walk by more than this (s)
HEADLESS_DRIVERS = ("offscreen", "dummy")   # SDL video drivers that show no window
LETTERBOX = (12, 32, 52)   # round a frame scaled into a window below the minimum size: deep sea

_TOGGLES = {Action.HEATMAP: "heatmap", Action.ARROW: "arrow", Action.PROBES: "probes", Action.TRAIL: "trail",
            Action.LOG_SCALE: "log_scale", Action.HELP: "help"}


class App:
    """The game without its window: commands in, time in, frames out (the loop is in ``play``)."""

    def __init__(self, scenario: Scenario, *, lang: str, size: tuple[int, int] = (1280, 720),
                 sound: bool = True, autoplay: bool = False, **mode: Any) -> None:
        """Play ``scenario`` in the mode that ``mode`` names (game.modes.open_mode: ``race=[0.1,
        0.5]`` races those step sizes, ``population=300`` walks that many players, ``blindfold=SEED``
        plays the blindfold game, none: one walk)."""
        self.state = _stage(scenario, lang, size, not autoplay, **mode)
        self.state.toggles.sound = sound
        self.digit_panel: DigitPanel | None = None   # made when the digits network's beach is first drawn
        self.sounds = Sounds(enabled=sound)
        self.scene = Scene()
        self.running = True
        self.frame: pygame.Surface | None = None   # the last frame drawn (for S)
        self._canvas: pygame.Surface | None = None  # the frame, when the window is smaller than MIN_SIZE
        self.shown_at: pygame.Rect | None = None    # where that frame is shown scaled in the window

    def handle(self, event: pygame.event.Event) -> None:
        """Carry out what one pygame event means."""
        for command in commands(event, self.state.keys):
            self.apply(command)

    def apply(self, command: Command) -> None:
        """Carry out one command."""
        s, a = self.state, command.action
        if command.pos is not None:
            command = dataclasses.replace(command, pos=self.frame_point(command.pos))
        if s.take(command):
            return
        if a is Action.QUIT:
            self.running = False
        elif a is Action.PAUSE:
            s.toggle_pause()
        elif a is Action.STEP:
            s.step_once()
        elif a is Action.RESTART:
            s.restart(s.scenario, i18n.tr("status.restart", s.lang))
        elif a is Action.RESET:
            s.reset()
        elif a in (Action.LR_UP, Action.LR_DOWN):
            s.change_lr(up=a is Action.LR_UP)
        elif a in (Action.H_UP, Action.H_DOWN):
            s.change_h(up=a is Action.H_UP)
        elif a is Action.LOSS:
            s.cycle_loss()
        elif a is Action.OPTIMIZER:
            s.cycle_optimizer()
        elif a in (Action.SPEED_UP, Action.SPEED_DOWN):
            s.change_speed(faster=a is Action.SPEED_UP)
        elif a in _TOGGLES:
            s.toggle(_TOGGLES[a])
        elif a is Action.MUTE:
            s.toggle("sound")
            self.sounds.enabled = s.toggles.sound
        elif a is Action.SCREENSHOT:
            self.save_screenshot()
        elif a is Action.RECORD:
            self.save_recording()
        elif a is Action.RESIZE:
            s.resize(command.size)
        elif a in (Action.PLACE_TARGET, Action.PLACE_START):
            self._place(a, command.pos)
        elif a is Action.NEXT_SAMPLE:
            if self.digit_panel is not None and s.digit_point() is not None:
                self.digit_panel.next_sample()
        elif a in (Action.SCENARIO_NEXT, Action.SCENARIO_BACK):
            self.switch_scenario(1 if a is Action.SCENARIO_NEXT else -1)

    def switch_scenario(self, by: int) -> None:
        """Tab / Shift+Tab: play the built-in scenario ``by`` places on in SCENARIOS (the first one
        when a scenario file is played) as it comes (its own race, if it has one), and say what it
        shows. The language, window, speed and sound stay."""
        old = self.state
        names = list(SCENARIOS)
        here = names.index(old.original.name) if SCENARIOS.get(old.original.name) == old.original else -by
        name = names[(here + by) % len(names)]
        scenario = SCENARIOS[name]
        race = parse_racers(scenario.race) if scenario.race else None
        self.state = _stage(scenario, old.lang, old.size, old.paused, race=race)
        self.state.toggles.sound, self.state.speed = old.toggles.sound, old.speed
        self.state.say(f"{name}: {i18n.tr(f'about.{name}', old.lang)}")

    def _place(self, action: Action, pos: tuple[int, int]) -> None:
        """A click on the beach (``pos`` in pixels of the frame) places the watermelon or the player
        there (clicks elsewhere do nothing)."""
        if not layout(self.state.size).beach.collidepoint(pos):
            return
        x, y = camera_for(self.state.size, self.state.scenario.bounds).to_world(*pos)
        if action is Action.PLACE_TARGET:
            self.state.place_target(x, y)
        else:
            self.state.place_start(x, y)

    def tick(self, dt: float) -> None:
        """Advance time by ``dt`` seconds, playing the sounds that fall due."""
        for cue in self.state.advance(dt):
            self.sounds.play(cue)

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the current frame onto ``surface``."""
        self.scene.draw(surface, self.state)
        point = self.state.digit_point()
        if point is not None:
            self._draw_digit_panel(surface, point)
        self.frame = surface

    def _draw_digit_panel(self, surface: pygame.Surface, point: tuple[float, float]) -> None:
        """The digit panel at the top right of the beach, for the weights at ``point`` (where the player stands)."""
        if self.digit_panel is None:
            self.digit_panel = DigitPanel()
        s = self.state
        beach = layout(s.size).beach
        px = max(11, min(16, round(min(beach.w, beach.h) * 0.022)))
        w, h = self.digit_panel.size_for(px)
        cam = camera_for(s.size, s.scenario.bounds)
        keep_clear = [pygame.Rect(0, 0, 4 * px, 4 * px) for _ in range(2)]   # the watermelon and the player
        keep_clear[0].center = cam.to_screen(*s.scenario.target)
        keep_clear[1].center = cam.to_screen(*point)
        rect = pygame.Rect(0, 0, min(w, beach.w // 2), min(h, beach.h - 2 * px))
        for corner in ("topright", "bottomright", "topleft", "bottomleft"):   # the first that hides neither
            setattr(rect, corner, getattr(beach.inflate(-2 * px, -2 * px), corner))
            if rect.collidelist(keep_clear) < 0:
                break
        self.digit_panel.draw(surface, rect, (*point, *s.scenario.target), s.lang, px)

    def present(self, screen: pygame.Surface) -> None:
        """Draw the frame into the window's surface as pygame gives it.

        The layout follows the surface's size. A surface smaller than MIN_SIZE (a window manager
        that ignores the window's minimum size) gets the frame drawn at the smallest size the
        layout supports and scaled down to fit, centred, keeping its shape.
        """
        size = screen.get_size()
        if clamp_size(size) != self.state.size:
            self.state.resize(size)
        if size == self.state.size:
            self.shown_at = None
            self.draw(screen)
            return
        if self._canvas is None or self._canvas.get_size() != self.state.size:
            self._canvas = pygame.Surface(self.state.size)
        self.draw(self._canvas)
        self.shown_at = fit_rect(self.state.size, size)
        screen.fill(LETTERBOX)
        pygame.transform.smoothscale(self._canvas, self.shown_at.size, screen.subsurface(self.shown_at))

    def frame_point(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window pixel as a pixel of the drawn frame (they differ when the frame is scaled)."""
        if self.shown_at is None:
            return pos
        r, (w, h) = self.shown_at, self.state.size
        return (int((pos[0] - r.x) * w / r.w), int((pos[1] - r.y) * h / r.h))

    def save_screenshot(self, folder: str | os.PathLike | None = None) -> Path | None:
        """Save the last frame as suikawari-YYYYmmdd-HHMMSS.png in ``folder`` (default: the current
        directory) and say so on screen; returns the path (None when there is no frame yet or
        saving failed, which is reported on screen too)."""
        if self.frame is None:
            return None
        path = _new_path(folder, ".png")
        try:
            save_png(self.frame, path)
        except (OSError, pygame.error) as err:
            self.state.say(f"{path}: {err}")
            return None
        self.state.say(i18n.tr("status.screenshot_saved", self.state.lang, path=path.name))
        return path

    def save_recording(self, folder: str | os.PathLike | None = None) -> Path | None:
        """Save the play since the last reset (or the last change that restarted it) as an
        animated GIF, replayed off-screen one frame per step with its ending when it has ended
        (game.animation), named like the screenshots; says where on screen. Returns the path
        (None when nothing has been played yet or saving failed, which is said on screen too)."""
        from game.animation import recording_size, replay_of, save_animation   # Pillow only when asked

        s = self.state
        if s.ticks == 0 and not s.done:
            s.say(i18n.tr("status.nothing_to_record", s.lang))
            return None
        path = _new_path(folder, ".gif")
        try:
            save_animation(replay_of(s, recording_size(s.size)), path, steps=s.ticks, expected_steps=s.ticks)
        except (OSError, ValueError, pygame.error) as err:
            s.say(f"{path}: {err}")
            return None
        s.say(i18n.tr("status.screenshot_saved", s.lang, path=path.name))
        return path


def _stage(scenario: Scenario, lang: str, size: tuple[int, int], paused: bool, **mode: Any) -> Mode:
    """The mode that plays ``scenario`` (game.modes.open_mode's options: race=, population=, none:
    one walk); the heatmap is on where the beach's shape is the point: everywhere but the round
    bowls, whose shape the footprints and the chart already show."""
    state = open_mode(scenario, lang=lang, size=size, paused=paused, **mode)
    state.toggles.heatmap = scenario.loss not in ROUND_BOWLS
    return state


ROUND_BOWLS = ("squared", "distance")   # losses the window opens without the heatmap


def _new_path(folder: str | os.PathLike | None, suffix: str) -> Path:
    """suikawari-YYYYmmdd-HHMMSS<suffix> in ``folder`` (default: the current directory), with
    -1, -2, ... added when that file exists."""
    folder = Path.cwd() if folder is None else Path(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"suikawari-{stamp}{suffix}"
    n = 1
    while path.exists():
        path = folder / f"suikawari-{stamp}-{n}{suffix}"
        n += 1
    return path


def play(scenario: Scenario, *, lang: str, autoplay: bool = False, max_frames: int | None = None,
         screenshot: str | None = None, size: tuple[int, int] = (1280, 720), sound: bool = True,
         **mode: Any) -> int:
    """Open a resizable window and play ``scenario``; returns the exit status: 0, or 1 when
    there is no display (see no_display) and nothing would end the play.

    ``mode`` chooses what is played (game.modes.open_mode): ``race`` (step sizes, or Racers
    naming their optimizers) plays a race instead of one walk, ``population`` (a number of
    players) a population, ``blindfold`` (a seed) the blindfold game on the level ``scenario``.
    ``autoplay`` starts walking at once (otherwise Space starts; in the blindfold game, a
    demonstration player acts). ``max_frames`` stops after that many frames of a fixed 1/60 s each;
    ``screenshot`` saves the last frame there as a PNG. Works with SDL_VIDEODRIVER=dummy."""
    chosen = os.environ.get("SDL_VIDEODRIVER", "")
    if max_frames is not None and (isinstance(max_frames, bool) or not isinstance(max_frames, int)
                                   or max_frames < 1):
        raise ValueError(f"max_frames must be a whole number of frames >= 1, got {max_frames!r}")
    if screenshot is not None and not Path(screenshot).resolve().parent.is_dir():
        raise ValueError(f"screenshot folder of {screenshot!r} does not exist")
    app = App(scenario, lang=lang, size=size, sound=sound, autoplay=autoplay, **mode)
    with quiet_stderr():   # a display library's complaint on the way to SDL's fallback driver
        pygame.display.init()
    pygame.font.init()
    try:
        problem = no_display(pygame.display.get_driver(), chosen, max_frames, lang=lang)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        window = open_window(i18n.tr("title", lang), app.state.size)
        clock = pygame.time.Clock()
        frames = 0
        while app.running:
            for event in pygame.event.get():
                app.handle(event)
            if not app.running:
                break
            dt = FIXED_DT if max_frames is not None else min(clock.tick(FPS) / 1000.0, MAX_DT)
            app.tick(dt)
            app.present(window.get_surface())
            window.flip()
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
        if screenshot is not None and app.frame is not None:
            save_png(app.frame, screenshot)
    finally:
        pygame.quit()
    return 0


def open_window(title: str, size: tuple[int, int]) -> pygame.Window:
    """A resizable window that the window manager keeps at least MIN_SIZE (pixels). It lives for
    the whole play: a resize changes its surface (``get_surface``), never the window itself.

    The surface is SDL's plain framebuffer, as set_mode's is: an accelerated one would make SDL
    recreate the window (a new X window id) the first time the surface is asked for."""
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    window = pygame.Window(title, size, resizable=True)
    window.minimum_size = MIN_SIZE
    window.set_icon(watermelon.icon())
    return window


def fit_rect(size: tuple[int, int], into: tuple[int, int]) -> pygame.Rect:
    """The largest rectangle of ``size``'s shape that fits in ``into``, centred (pixels)."""
    scale = min(into[0] / size[0], into[1] / size[1])
    w, h = max(1, round(size[0] * scale)), max(1, round(size[1] * scale))
    return pygame.Rect((into[0] - w) // 2, (into[1] - h) // 2, w, h)


def no_display(driver: str, chosen: str, max_frames: int | None, command: str = "play",
               lang: str = i18n.DEFAULT_LANG) -> str | None:
    """Why ``command`` (play, lesson) cannot go on, in ``lang``, or None: SDL fell back to the
    video ``driver`` that shows no window although the user ``chosen`` none (SDL_VIDEODRIVER unset
    or empty), and no ``max_frames`` would end the play, so it would run invisibly for ever."""
    if max_frames is not None or chosen or driver not in HEADLESS_DRIVERS:
        return None
    return i18n.terminal(lang)("main.py {command}: no display found (SDL chose the {driver!r} driver); run it on "
                               "a desktop or under Xvfb, or use --max-frames N --screenshot FILE",
                               command=command, driver=driver)
