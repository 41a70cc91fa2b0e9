"""Animations of a play (game.animation): the frames as the window plays them, written frame by
frame as GIF, animated PNG or WebP and read back with Pillow."""
from __future__ import annotations

import io
import math
import tracemalloc

import numpy as np
import pygame
import pytest
from PIL import Image, ImageSequence
from PIL.GifImagePlugin import getdata

from game import animation
from game.animation import (ENDING_FPS, ENDING_SECONDS, HOLD_MS, UNCHANGED, Frame, frames, frames_needed,
                            save_animation, shared_palette, write_animation)
from game.app import App
from game.scene import camera_for
from game.choreography import STEP_SECONDS
from game.modes.population import PopulationMode
from game.modes.race import RaceMode
from game.modes.walk import WALK_SPEED, WalkMode
from sim import SCENARIOS, Walk

SIZE = (480, 320)
QUICK = SCENARIOS["beach"].replace(lr=0.5)   # a hit in a few steps
ENDING_FRAMES = math.ceil(ENDING_SECONDS * ENDING_FPS)


def decoded(path) -> tuple[Image.Image, list[np.ndarray], list[int]]:
    """The file, its frames as RGB arrays (as a viewer shows them) and their durations (ms)."""
    im = Image.open(path)
    frames, durations = [], []
    for frame in ImageSequence.Iterator(im):
        frames.append(np.asarray(frame.convert("RGB"), dtype=int))
        durations.append(frame.info["duration"])
    return im, frames, durations


def patch(frame: np.ndarray, centre: tuple[float, float], half: int) -> np.ndarray:
    x, y = round(centre[0]), round(centre[1])
    return frame[max(0, y - half): y + half, max(0, x - half): x + half]


@pytest.fixture(scope="module")
def walk_gif(tmp_path_factory):
    """The quick walk's GIF and how many frames save_animation said it made."""
    path = tmp_path_factory.mktemp("gif") / "walk.gif"
    return path, save_animation(WalkMode(QUICK, "en", SIZE), path)


def test_a_walk_gif_has_a_frame_per_step_its_ending_and_a_held_last_frame(walk_gif):
    steps = Walk(QUICK).run().steps
    path, made = walk_gif
    im, frames, durations = decoded(path)
    assert im.format == "GIF" and im.size == SIZE and im.info["loop"] == 0   # loops for ever
    assert len(frames) == made == 1 + steps + ENDING_FRAMES == frames_needed(steps, WALK_SPEED, None)
    assert durations[:1 + steps] == [round(1000 / WALK_SPEED)] * (1 + steps)   # the window's pace
    assert durations[1 + steps:-1] == [round(1000 / ENDING_FPS)] * (ENDING_FRAMES - 1)
    assert durations[-1] == HOLD_MS


def test_the_player_leaves_its_start_and_stands_where_it_stopped(walk_gif):
    walk = Walk(QUICK)
    walk.run()
    _, frames, _ = decoded(walk_gif[0])
    cam = camera_for(SIZE, QUICK.bounds)
    first, last = frames[0], frames[-1]
    start, end = cam.to_screen(*QUICK.start), cam.to_screen(walk.trace[-1].x, walk.trace[-1].y)
    half = round(cam.scale * 0.6)   # about the player's size around its feet
    above = lambda p: (p[0], p[1] - half)
    moved_from = np.abs(patch(first, above(start), half) - patch(last, above(start), half)).mean()
    moved_to = np.abs(patch(first, above(end), half) - patch(last, above(end), half)).mean()
    assert moved_from > 20 and moved_to > 20
    quiet = cam.to_screen(QUICK.bounds[0] + 2, 0.0)   # sand far from the walk: the same in both
    assert np.abs(patch(first, quiet, half) - patch(last, quiet, half)).mean() < 1


def test_fps_takes_the_windows_frames_at_that_rate(tmp_path):
    steps, fps = Walk(QUICK).run().steps, 4
    path = tmp_path / "walk.gif"
    made = save_animation(WalkMode(QUICK, "en", SIZE), path, fps=fps)
    _, frames, durations = decoded(path)
    walking = steps * fps / WALK_SPEED   # the window takes a step every 1/speed s
    assert made == len(frames) == 1 + walking + math.ceil(ENDING_SECONDS * fps)
    assert made <= frames_needed(steps, WALK_SPEED, fps)
    assert durations[:-1] == [250] * (made - 1) and durations[-1] == HOLD_MS


def test_a_race_and_a_population_record_too_and_webp_keeps_full_colour(tmp_path):
    race = RaceMode(QUICK, "ja", SIZE, lrs=(0.5, 1.0))
    save_animation(race, tmp_path / "race.webp")
    im, frames, _ = decoded(tmp_path / "race.webp")
    assert im.format == "WEBP" and im.size == SIZE and len(frames) == 1 + 5 + ENDING_FRAMES   # the slower racer's 5 steps
    crowd = PopulationMode(QUICK.replace(max_steps=3), "en", SIZE, players=20)
    assert save_animation(crowd, tmp_path / "crowd.gif") == 1 + 3 + ENDING_FRAMES
    assert Image.open(tmp_path / "crowd.gif").n_frames == 1 + 3 + ENDING_FRAMES


@pytest.fixture(scope="module")
def rendered():
    """The quick walk's frames as drawn, and each in the shared palette's nearest colours."""
    shown = list(frames(WalkMode(QUICK, "en", SIZE)))
    palette = shared_palette(WalkMode(QUICK, "en", SIZE), len(shown))
    nearest = [np.asarray(f.image().quantize(palette=palette, dither=Image.Dither.NONE).convert("RGB"), dtype=int)
               for f in shown]
    return shown, nearest


def test_gif_and_animated_png_show_each_drawn_frame_in_its_nearest_palette_colours(walk_gif, rendered, tmp_path):
    shown, nearest = rendered
    save_animation(WalkMode(QUICK, "en", SIZE), tmp_path / "walk.png")
    gif, apng = decoded(walk_gif[0]), decoded(tmp_path / "walk.png")
    assert apng[0].format == "PNG" and apng[0].info["loop"] == 0
    assert gif[2] == apng[2] == [f.ms for f in shown]                 # the same durations as drawn
    assert len(gif[1]) == len(apng[1]) == len(shown)
    for g, a, n, f in zip(gif[1], apng[1], nearest, shown):
        assert (g == n).all() and (a == n).all()                      # each pixel as the palette shows it
        assert np.abs(n - np.asarray(f.image(), dtype=int)).mean() < 3   # and that is close to what was drawn
    assert not (gif[1][0] == gif[1][-1]).all()


def test_a_webp_keeps_the_drawn_frames_full_colour(rendered):
    shown, _ = rendered
    buffer = io.BytesIO()
    assert write_animation(WalkMode(QUICK, "en", SIZE), buffer, ".webp") == len(shown)
    im, got, durations = decoded(buffer)
    assert im.format == "WEBP" and durations == [f.ms for f in shown]
    for g, f in zip(got, shown):   # lossy (quality 80): close, not equal
        assert np.abs(g - np.asarray(f.image(), dtype=int)).mean() < 4


def _frame(colours: list[tuple[int, int, int]], ms: int) -> Frame:
    return Frame(bytes(v for c in colours for v in c), (len(colours), 1), ms)


def test_a_frame_that_changes_nothing_adds_its_time_to_the_one_before():
    """Only the changed rectangle is stored, its unchanged pixels UNCHANGED (see-through)."""
    red, green, blue = (200, 0, 0), (0, 150, 0), (0, 0, 200)
    palette = Image.new("P", (1, 1))
    palette.putpalette([*red, *green, *blue])
    played = [_frame([red, red, red, red], 100), _frame([red, red, red, red], 100),
              _frame([red, green, red, blue], 50), _frame([red, green, red, blue], 2000)]
    changes = list(animation._changes(played, palette))
    assert [c.ms for c in changes] == [200, 2050]
    assert changes[0].at == (0, 0) and changes[0].indices.tolist() == [[0, 0, 0, 0]]
    assert changes[1].at == (1, 0) and changes[1].indices.tolist() == [[1, UNCHANGED, 2]]
    long = [_frame([red], animation.MAX_DELAY_MS - 10), _frame([red], 20)]   # too long for one delay
    assert [c.ms for c in animation._changes(long, palette)] == [animation.MAX_DELAY_MS - 10, 20]


def test_a_recordings_memory_does_not_grow_with_its_length(tmp_path):
    """A GIF of 4 times as many frames peaks at about the same memory (within one frame)."""
    def peak(fps: int) -> tuple[int, int]:
        tracemalloc.start()
        try:
            made = save_animation(WalkMode(QUICK, "en", SIZE), tmp_path / "walk.gif", fps=fps, steps=2)
            return made, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    save_animation(WalkMode(QUICK, "en", SIZE), tmp_path / "walk.gif", fps=2, steps=2)   # fonts and caches, untraced
    (few, small), (many, big) = peak(4), peak(16)
    assert (few, many) == (1 + 2 * 4 // 2, 1 + 2 * 16 // 2)   # two steps at 2 a second
    assert big - small < 3 * SIZE[0] * SIZE[1], (small, big)


def test_a_long_play_takes_several_steps_a_frame(tmp_path, monkeypatch):
    monkeypatch.setattr(animation, "MAX_STEP_FRAMES", 2)
    steps = Walk(QUICK).run().steps   # 5: three steps a frame, then two
    made = save_animation(WalkMode(QUICK, "en", SIZE), tmp_path / "walk.gif", expected_steps=steps)
    assert made == 1 + 2 + ENDING_FRAMES == frames_needed(steps, WALK_SPEED, None)


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_previous_file_and_no_other(tmp_path, monkeypatch, error):
    (tmp_path / "walk.gif").write_bytes(b"before")
    written = []

    def fails_on_the_third_frame(*args, **kwargs):
        written.append(1)
        if len(written) == 3:
            raise error
        return getdata(*args, **kwargs)
    monkeypatch.setattr(animation, "getdata", fails_on_the_third_frame)
    with pytest.raises(type(error)):   # 4 steps: 5 frames, so the third is mid-file
        save_animation(WalkMode(QUICK, "en", SIZE), tmp_path / "walk.gif", steps=4)
    assert [p.name for p in tmp_path.iterdir()] == ["walk.gif"] and (tmp_path / "walk.gif").read_bytes() == b"before"


def test_c_saves_the_play_since_the_reset_as_a_gif_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = App(QUICK, lang="en", size=(640, 360), sound=False)
    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_c, mod=0, unicode="c")
    a.handle(key)                                       # nothing played yet: nothing saved
    assert list(tmp_path.iterdir()) == [] and "Space" in a.state.message
    a.state.toggle_pause()
    while a.state.ticks < 2:
        a.tick(1 / 60)
    a.state.reset()                                     # a reset forgets what came before
    assert not a.state.paused and a.state.ticks == 0    # and walks on from the start
    while a.state.ticks < 3:
        a.tick(1 / 60)
    a.handle(key)
    (saved,) = tmp_path.iterdir()
    assert saved.name.startswith("suikawari-") and saved.suffix == ".gif" and saved.name in a.state.message
    im = Image.open(saved)
    assert im.size == (640, 360) and im.n_frames == 1 + 3   # the start and three steps; not ended: no ending


def test_a_recording_keeps_the_windows_shape_at_most_as_big_as_the_default():
    assert animation.recording_size((1280, 720)) == animation.DEFAULT_SIZE
    assert animation.recording_size((720, 1280)) == (480, 853)   # tall: as narrow as the layout allows
    assert animation.recording_size((480, 320)) == (480, 320)   # a small window as it is


def test_small_sprites_keep_their_own_colours_in_the_shared_palette(walk_gif):
    """The watermelon's rind and stripes and the probes' green and orange cover a few dozen pixels
    of a frame: a palette that gave every entry to large areas turned them navy or black."""
    from game.drawers import probes, watermelon
    _, frames, _ = decoded(walk_gif[0])
    shown = np.concatenate([f.reshape(-1, 3) for f in frames[1:3]])
    for colour in (watermelon.RIND, watermelon.STRIPE, probes.LOWER, probes.HIGHER):
        assert (np.abs(shown - colour).sum(axis=1) == 0).sum() >= 5, colour


def test_the_free_palette_index_stays_free_for_unchanged_pixels(walk_gif):
    """Index 255 means 'as the frame before' (transparent): no pixel of the first frame uses it."""
    first = Image.open(walk_gif[0])
    assert np.asarray(first).max() < animation.UNCHANGED
