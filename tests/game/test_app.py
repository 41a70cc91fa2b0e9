"""The app: synthetic input events change the state as the issue says; the loop and ``play``."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS

from game import i18n, lr_steps, stage
from game.modes import walk as walk_mode
from game.app import FIXED_DT, HEADLESS_DRIVERS, LETTERBOX, App, no_display, play
from game.drawers.person import PLAYER
from game.scene import camera_for, layout
from frames import click, key
from game.controls import Action, Command

SIZE = (1280, 720)

def app(name="beach", **kw) -> App:
    return App(SCENARIOS[name], lang=kw.pop("lang", "en"), size=SIZE, sound=False, **kw)


def test_left_click_moves_the_watermelon_and_right_click_the_player():
    a = app()
    cam = camera_for(SIZE, a.state.scenario.bounds)
    pos = (300, 420)
    a.handle(click(pos))
    assert a.state.scenario.target == pytest.approx(cam.to_world(*pos))
    assert a.state.walk.scenario.target == a.state.scenario.target and a.state.walk.steps == 0
    a.handle(click((350, 200), button=3))
    assert a.state.scenario.start == pytest.approx(cam.to_world(350, 200))
    assert (a.state.walk.trace[0].x, a.state.walk.trace[0].y) == pytest.approx(cam.to_world(350, 200))
    # A click in the sea puts it at the water's edge; a click on the panel does nothing.
    a.handle(click((2, 2)))
    xmin, _, _, ymax = a.state.scenario.bounds
    assert a.state.scenario.target == (xmin, ymax)
    before = a.state.scenario
    a.handle(click((layout(SIZE).panel.centerx, 300)))
    assert a.state.scenario is before


def test_drag_keeps_moving_the_watermelon():
    a = app()
    cam = camera_for(SIZE, a.state.scenario.bounds)
    for x in range(300, 400, 20):
        a.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, 300), rel=(20, 0), buttons=(1, 0, 0)))
    assert a.state.scenario.target == pytest.approx(cam.to_world(380, 300))


def test_up_and_down_step_lr_along_the_ladder_within_bounds():
    a = app()
    assert a.state.scenario.lr == 0.1
    a.handle(key(pygame.K_UP))
    assert a.state.scenario.lr == 0.12 and a.state.walk.scenario.lr == 0.12
    a.handle(key(pygame.K_DOWN))
    a.handle(key(pygame.K_DOWN))
    assert a.state.scenario.lr == 0.08
    ladder = np.array(lr_steps.LR_LADDER)
    assert ladder[0] == lr_steps.LR_MIN and ladder[-1] == lr_steps.LR_MAX and np.all(np.diff(ladder) > 0)
    assert np.all(ladder[1:] / ladder[:-1] <= 1.34)          # small steps all the way
    for _ in range(80):
        a.handle(key(pygame.K_UP))
    assert a.state.scenario.lr == lr_steps.LR_MAX
    for _ in range(200):
        a.handle(key(pygame.K_DOWN))
    assert a.state.scenario.lr == lr_steps.LR_MIN
    assert "lr" in a.state.message


def test_brackets_change_h_tenfold_within_what_the_scenario_accepts():
    a = app()
    a.handle(key(pygame.K_RIGHTBRACKET))
    assert a.state.scenario.h == pytest.approx(1e-3)
    a.handle(key(pygame.K_LEFTBRACKET))
    a.handle(key(pygame.K_LEFTBRACKET))
    assert a.state.scenario.h == pytest.approx(1e-5)
    for _ in range(30):
        a.handle(key(pygame.K_LEFTBRACKET))
    assert a.state.scenario.h == pytest.approx(a.state.scenario.min_h())
    for _ in range(30):
        a.handle(key(pygame.K_RIGHTBRACKET))
    assert a.state.scenario.h == lr_steps.H_MAX


def test_space_toggles_pause_and_n_steps_exactly_one():
    a = app()
    assert a.state.paused                       # without autoplay the walk waits for Space
    a.tick(1.0)
    assert a.state.walk.steps == 0
    a.handle(key(pygame.K_SPACE))
    assert not a.state.paused
    a.tick(0.0)
    assert a.state.walk.steps == 1              # Space answers at once: the first step
    a.tick(1.0)
    walked = 1 + round(walk_mode.WALK_SPEED)           # ... and then WALK_SPEED steps per second
    assert a.state.walk.steps == walked
    a.handle(key(pygame.K_SPACE))
    assert a.state.paused
    a.tick(5.0)
    assert a.state.walk.steps == walked
    row = a.state.walk.current
    lr = a.state.scenario.lr
    a.handle(key(pygame.K_n))
    assert a.state.walk.steps == walked + 1
    new = a.state.walk.current
    assert (new.x, new.y) == pytest.approx((row.x - lr * row.grad_x, row.y - lr * row.grad_y), rel=1e-12)
    a.handle(key(pygame.K_RIGHT))
    assert a.state.walk.steps == walked + 2 and a.state.paused


def test_walk_speed_does_not_depend_on_the_frame_rate():
    fast, slow = app(autoplay=True), app(autoplay=True)
    for _ in range(120):
        fast.tick(1 / 120)
    for _ in range(20):
        slow.tick(1 / 20)
    assert fast.state.walk.steps == slow.state.walk.steps == round(walk_mode.WALK_SPEED)
    fast.handle(key(pygame.K_PLUS))
    assert fast.state.speed == stage.SPEEDS[stage.SPEEDS.index(walk_mode.WALK_SPEED) + 1]
    for _ in range(10):
        fast.handle(key(pygame.K_MINUS))
    assert fast.state.speed == stage.SPEEDS[0]


def test_l_cycles_the_losses_and_includes_custom_when_given():
    a = app()
    seen = [a.state.scenario.loss]
    for _ in range(3):
        a.handle(key(pygame.K_l))
        seen.append(a.state.scenario.loss)
    assert seen == ["squared", "distance", "hit-or-miss", "squared"]
    pit = app("pit")
    seen = [pit.state.scenario.loss]
    for _ in range(4):
        pit.handle(key(pygame.K_l))
        seen.append(pit.state.scenario.loss)
    assert seen == ["custom", "squared", "distance", "hit-or-miss", "custom"]
    assert pit.state.scenario.expr == SCENARIOS["pit"].expr


def test_r_starts_the_walk_again_with_the_settings_and_shift_r_goes_back_to_the_launched_scenario():
    a = app()
    a.handle(key(pygame.K_UP))
    a.handle(click((300, 300)))
    a.handle(key(pygame.K_n))
    changed = a.state.scenario
    assert changed != SCENARIOS["beach"] and a.state.walk.steps == 1
    a.handle(key(pygame.K_r))
    assert a.state.scenario == changed and a.state.walk.steps == 0     # lr and the watermelon kept
    a.handle(key(pygame.K_n))
    a.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0))
    assert a.state.scenario == SCENARIOS["beach"] and a.state.walk.steps == 0


def test_toggles_help_and_quit():
    a = app()
    for k, name in [(pygame.K_g, "heatmap"), (pygame.K_a, "arrow"), (pygame.K_p, "probes"), (pygame.K_t, "trail"),
                    (pygame.K_y, "log_scale"), (pygame.K_h, "help"), (pygame.K_F1, "help")]:
        before = getattr(a.state.toggles, name)
        a.handle(key(k))
        assert getattr(a.state.toggles, name) is (not before)
    a.handle(key(pygame.K_m))
    assert a.sounds.enabled is a.state.toggles.sound is True   # app(sound=False) then M: on
    a.handle(key(pygame.K_ESCAPE))
    assert not a.running
    b = app()
    b.handle(pygame.event.Event(pygame.QUIT))
    assert not b.running


def test_resize_redraws_at_the_new_size():
    a = app()
    a.handle(pygame.event.Event(pygame.VIDEORESIZE, w=700, h=900, size=(700, 900)))
    assert a.state.size == (700, 900)
    surf = pygame.Surface(a.state.size)
    a.draw(surf)
    cam = camera_for(a.state.size, a.state.scenario.bounds)
    assert layout(a.state.size).beach.contains(cam.world_rect(a.state.scenario.bounds))
    a.handle(pygame.event.Event(pygame.VIDEORESIZE, w=10, h=10, size=(10, 10)))
    assert a.state.size == stage.MIN_SIZE


def test_a_window_below_the_minimum_shows_the_whole_frame_scaled_and_clicks_still_land():
    """A window manager may ignore the minimum size: the frame is drawn at MIN_SIZE and scaled
    into the window's surface, centred, and a click lands where it was shown."""
    a = app()
    screen = pygame.Surface((300, 260))
    a.present(screen)
    assert a.state.size == stage.MIN_SIZE and a.frame.get_size() == stage.MIN_SIZE
    shown = a.shown_at
    assert shown == pygame.Rect(0, 30, 300, 200)              # 480x320 scaled by 0.625, centred
    assert screen.get_at((150, 5))[:3] == LETTERBOX and screen.get_at((150, 255))[:3] == LETTERBOX
    small = pygame.transform.smoothscale(a.frame, shown.size)
    shown_pixels = pygame.surfarray.array3d(screen.subsurface(shown)).astype(int)
    assert np.abs(shown_pixels - pygame.surfarray.array3d(small)).max() == 0
    cam = camera_for(stage.MIN_SIZE, a.state.scenario.bounds)
    on_frame = cam.to_screen(-4.0, 5.0)
    a.handle(click((round(on_frame[0] * 0.625), round(30 + on_frame[1] * 0.625))))
    assert a.state.scenario.target == pytest.approx((-4.0, 5.0), abs=0.2)
    a.present(pygame.Surface((800, 500)))                     # back above the minimum: drawn as is
    assert a.state.size == (800, 500) and a.shown_at is None and a.frame.get_size() == (800, 500)


def test_s_saves_a_timestamped_screenshot_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = app()
    surf = pygame.Surface(SIZE)
    a.draw(surf)
    a.handle(key(pygame.K_s))
    first = {p.name for p in tmp_path.iterdir()}
    a.handle(key(pygame.K_s))                    # a second one in the same second gets its own name
    files = {p.name for p in tmp_path.iterdir()}
    assert len(first) == 1 and len(files) == 2
    assert all(f.startswith("suikawari-") and f.endswith(".png") for f in files)
    (second,) = files - first
    assert pygame.image.load(str(tmp_path / second)).get_size() == SIZE
    assert second in a.state.message


@pytest.mark.parametrize("scenario, outcome, sounds", [
    (SCENARIOS["beach"], "hit", ["swing", "split"]),
    (SCENARIOS["flat"], "stuck", ["swing"]),
    (SCENARIOS["sea"], "diverged", ["splash"]),
    (SCENARIOS["beach"].replace(max_steps=5), "max_steps", ["tired"]),
])
def test_live_walks_reach_each_ending_with_its_sounds(scenario, outcome, sounds):
    a = App(scenario, lang="en", size=SIZE, sound=False, autoplay=True)
    frames = 0
    while a.state.ending_t < 2.0 and frames < 60 * 120:
        a.tick(FIXED_DT)
        frames += 1
    assert a.state.walk.outcome == a.state.outcome == outcome
    played = [p for p in a.sounds.played if p != "step"]
    assert [p for p in played if p in sounds] == sounds     # in this order, once each
    assert ("step" in a.sounds.played) == (a.state.walk.steps > 0)


def test_frames_are_deterministic():
    frames = []
    for _ in range(2):
        a = app(autoplay=True)
        surf = pygame.Surface(SIZE)
        for _ in range(90):
            a.tick(FIXED_DT)
        a.draw(surf)
        frames.append(pygame.image.tobytes(surf, "RGB"))
    assert frames[0] == frames[1]


def shirt_centre(path: Path) -> np.ndarray:
    frame = pygame.surfarray.array3d(pygame.image.load(str(path)))
    beach = layout(frame.shape[:2]).beach
    mask = np.all(frame[: beach.right] == np.array(PLAYER.shirt, np.uint8), axis=-1)
    return np.argwhere(mask).mean(0)


def test_play_headless_saves_the_last_frame(tmp_path):
    for flag in ("0", "1"):
        done = play(SCENARIOS["beach"], lang="ja", autoplay=flag == "1", max_frames=90,
                    screenshot=str(tmp_path / f"p{flag}.png"), size=(960, 540), sound=False)
        assert done == 0
        assert pygame.image.load(str(tmp_path / f"p{flag}.png")).get_size() == (960, 540)
    cam = camera_for((960, 540), SCENARIOS["beach"].bounds)
    start = np.array(cam.to_screen(*SCENARIOS["beach"].start))
    assert abs(shirt_centre(tmp_path / "p0.png")[0] - start[0]) < 5        # waited for Space
    assert shirt_centre(tmp_path / "p1.png")[0] - start[0] > 20             # walked toward the melon


def test_play_without_a_display_says_so_instead_of_running_invisibly_for_ever(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    probe = "import pygame\npygame.display.init()\nprint(pygame.display.get_driver())\n"
    driver = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    driver = driver.stdout.strip().splitlines()[-1]
    if driver not in HEADLESS_DRIVERS:
        pytest.skip(f"SDL found a display without DISPLAY: the {driver!r} driver")
    done = subprocess.run([sys.executable, "main.py"], env=env, cwd=root, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"main.py play: no display found (SDL chose the {driver!r} driver); run it on a desktop or under Xvfb, "
        "or use --max-frames N --screenshot FILE"]
    # With --max-frames the play ends by itself, so it runs without a display and saves its frame.
    shot = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "main.py", "play", "--max-frames", "5", "--screenshot", str(shot),
                           "--mute"], env=env, cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert pygame.image.load(str(shot)).get_size() == SIZE


@pytest.mark.parametrize("driver, chosen, max_frames, stops", [
    ("offscreen", "", None, True), ("dummy", "", None, True),
    ("dummy", "dummy", None, False),       # the user asked for no window
    ("offscreen", "", 5, False),           # the play ends by itself
    ("x11", "", None, False), ("wayland", "", None, False),
])
def test_play_stops_only_when_sdl_fell_back_to_no_window_and_nothing_would_end_it(driver, chosen, max_frames,
                                                                                   stops):
    problem = no_display(driver, chosen, max_frames)
    assert (problem is not None) == stops
    if stops:
        assert f"'{driver}'" in problem and "Xvfb" in problem and "--max-frames" in problem
        assert problem.startswith("main.py play: no display")
        in_japanese = no_display(driver, chosen, max_frames, "lesson", "ja")
        assert in_japanese.startswith("main.py lesson: 画面が見つからない") and f"'{driver}'" in in_japanese


def test_play_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="max_frames"):
        play(SCENARIOS["beach"], lang="en", max_frames=0)
    with pytest.raises(ValueError, match="folder"):
        play(SCENARIOS["beach"], lang="en", max_frames=1, screenshot=str(tmp_path / "no" / "x.png"))
    with pytest.raises(ValueError, match="language"):
        play(SCENARIOS["beach"], lang="fr", max_frames=1)


def test_app_plays_one_mode_at_a_time():
    with pytest.raises(ValueError, match="one mode at a time, got population and race"):
        App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, race=(0.1, 0.5), population=10)
    with pytest.raises(TypeError, match="unknown mode option 'crowd'; accepted: blindfold, map, population, race"):
        App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, crowd=10)
    assert type(App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, race=[0.1]).state).__name__ == "RaceMode"
    assert type(App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, population=10).state).__name__ == \
        "PopulationMode"


def test_beaches_with_character_open_with_their_heatmap_and_l_comes_back_to_their_loss():
    a = app("dunes")
    assert a.state.toggles.heatmap and not app("beach").state.toggles.heatmap
    seen = []
    for _ in range(4):
        a.handle(key(pygame.K_l))
        seen.append(a.state.scenario.loss)
    assert seen == ["squared", "distance", "hit-or-miss", "dunes"]


def test_tab_switches_to_the_next_built_in_scenario_and_says_what_it_shows():
    a = app("beach", lang="ja")
    names = list(SCENARIOS)
    a.apply(Command(Action.SCENARIO_NEXT))
    assert a.state.scenario == SCENARIOS[names[1]] and a.state.ticks == 0
    assert i18n.tr(f"about.{names[1]}", "ja") in a.state.message
    a.apply(Command(Action.SCENARIO_BACK))
    a.apply(Command(Action.SCENARIO_BACK))
    assert a.state.scenario == SCENARIOS[names[-1]]
    assert type(a.state).__name__ == "RaceMode"   # the textbook scenario comes with its race
    a.apply(Command(Action.SCENARIO_NEXT))
    assert a.state.scenario == SCENARIOS["beach"] and type(a.state).__name__ == "WalkMode"


def test_the_window_opens_every_beach_with_a_shape_with_its_heatmap():
    """The pit (a custom loss) opened without the heatmap, so its pit was invisible; only the round
    bowls, whose shape the footprints show, open without it."""
    for name in SCENARIOS:
        a = App(SCENARIOS[name], lang="en", size=(640, 480), sound=False)
        assert a.state.toggles.heatmap is (SCENARIOS[name].loss not in ("squared", "distance")), name
    assert App(SCENARIOS["pit"], lang="en", size=(640, 480), sound=False).state.toggles.heatmap


def test_the_hit_or_miss_disc_of_loss_zero_shows_over_the_watermelon():
    """Within reach the hit-or-miss loss is 0: with the heatmap on, that disc is drawn in the
    heatmap's lowest colour over the watermelon (which is wider than the disc)."""
    from game.drawers import heatmap
    from game.scene import camera_for
    a = App(SCENARIOS["flat"], lang="en", size=(1280, 720), sound=False)
    surf = pygame.Surface((1280, 720))
    a.draw(surf)
    cx, cy = camera_for((1280, 720), SCENARIOS["flat"].bounds).to_screen(*SCENARIOS["flat"].target)
    r, g, b = tuple(surf.get_at((round(cx), round(cy) + 2)))[:3]
    low = heatmap.STOPS[0]
    assert b > r and b > g and abs(b - low[2]) < 80
    a.handle(key(pygame.K_g))                       # heatmap off: the watermelon's own green
    a.draw(surf)
    r, g, b = tuple(surf.get_at((round(cx), round(cy) + 2)))[:3]
    assert g > b
