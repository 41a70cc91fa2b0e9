"""What a student or a teacher sees and does, checked by states and pixels: Space answers at
once, a step is never cut short or jumps, the step's sum and the probes' key are on the beach,
the friends' bubble keeps off the player, Up reaches lr = 1 and 2, the end says how to play
again, the heatmap's legend says what its colours mean, and a message keeps off what it is about."""
from __future__ import annotations

import math
import re

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, Walk

from game import choreography
from game import moves
from game import overlays
from game.modes import walk as walk_mode
from game import i18n
from game.app import FIXED_DT, App
from game.drawers import beach, friends, heatmap, mix, probes, unit, watermelon
from game.drawers.person import PLAYER
from game.drawers.player import player_view, sprite_rect
from game.panel import ACCENT
from game.scene import Scene, camera_for, layout, render_png
from game.modes.population import PopulationMode
from game.modes.race import RaceMode
from game.modes.walk import WalkMode, shouter_of
from frames import click, key, legend_in

SIZE = (1280, 720)

def app(name: str = "beach", size=SIZE, lang: str = "en", **kw) -> App:
    return App(SCENARIOS[name], lang=lang, size=size, sound=False, **kw)


def frame_of(state, size=SIZE, prompts: bool = True) -> np.ndarray:
    surf = pygame.Surface(size)
    Scene().draw(surf, state, prompts=prompts)
    return pygame.surfarray.array3d(surf)


def count(frame: np.ndarray, colour, area: pygame.Rect) -> int:
    """How many pixels inside ``area`` are exactly ``colour``."""
    r = area.clip(pygame.Rect(0, 0, *frame.shape[:2]))
    return int(np.all(frame[r.left:r.right, r.top:r.bottom] == np.array(colour, np.uint8), axis=-1).sum())


# -- time: Space, pauses and single steps ------------------------------------------------------
def test_space_takes_the_first_step_at_once_and_the_lone_walk_is_slow_enough_to_follow():
    a = app()
    assert a.state.speed == walk_mode.WALK_SPEED == 2.0
    a.handle(key(pygame.K_SPACE))
    a.tick(FIXED_DT)
    assert a.state.walk.steps == 1 and a.state.since_step < 2 * FIXED_DT   # feeling the first step now
    # Each step's feel (probes flash, friend shouts) lasts long enough to see: over 10 frames.
    assert a.state.step_seconds * choreography.FEEL_PART / FIXED_DT > 10


def test_pausing_mid_step_holds_the_player_where_it_is_and_resuming_lets_the_step_finish():
    a = app()
    a.handle(key(pygame.K_SPACE))
    a.tick(FIXED_DT)
    while a.state.progress < 0.6:
        a.tick(FIXED_DT)
    cam = camera_for(SIZE, a.state.scenario.bounds)
    before = player_view(a.state, cam)
    a.handle(key(pygame.K_SPACE))                    # pause
    during = player_view(a.state, cam)
    assert (during.x, during.y) == (before.x, before.y)
    a.handle(key(pygame.K_SPACE))                    # and resume at once
    steps, waited = a.state.walk.steps, 0.0
    while a.state.walk.steps == steps:
        a.tick(FIXED_DT)
        waited += FIXED_DT
    # The next step waited for this one's animation to end: no jump to its end.
    assert waited >= (1 - 0.6) * a.state.step_seconds - 2 * FIXED_DT
    # Changing the speed mid-step does not move the player either.
    while a.state.progress > 0.5:
        a.tick(FIXED_DT)
    here = player_view(a.state, cam)
    for _ in range(4):
        a.handle(key(pygame.K_PLUS))
    there = player_view(a.state, cam)
    assert (there.x, there.y) == (here.x, here.y)


def test_a_single_step_plays_its_whole_animation_whatever_the_speed():
    a = app()
    a.state.speed = 30.0
    a.handle(key(pygame.K_n))
    assert a.state.step_seconds == choreography.STEP_SECONDS
    a.handle(key(pygame.K_SPACE))
    while a.state.walk.steps < 4:
        a.tick(FIXED_DT)
    assert a.state.step_seconds == pytest.approx(1 / 30)


# -- the step's sum: lr x |grad| = how far it steps -----------------------------------------------
def test_the_step_sum_is_the_length_of_the_step_the_player_takes():
    walk = Walk(SCENARIOS["beach"])
    for _ in range(5):
        walk.step()
    lr = walk.scenario.lr
    for k, (a, b) in enumerate(zip(walk.trace, walk.trace[1:])):
        names, sums = probes.step_sum(moves.move_of(walk.trace, k, lr, None), "gd", "en")
        assert names == "lr × |grad|"
        m = re.fullmatch(r"(\S+) × (\S+) = (\S+) m", sums)
        assert m, sums
        shown_lr, slope, length = (float(v) for v in m.groups())
        assert shown_lr == lr
        assert slope == pytest.approx(a.grad_norm, rel=5e-3)
        assert length == pytest.approx(math.hypot(b.x - a.x, b.y - a.y), rel=5e-3)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_step_sum_card_sits_beyond_the_arrow_and_goes_with_it(lang):
    state = WalkMode(SCENARIOS["beach"], lang, SIZE)
    cam = camera_for(SIZE, state.scenario.bounds)
    row = state.walk.trace[0]
    frame = frame_of(state)
    card = np.argwhere(np.all(frame == np.array(probes.CARD, np.uint8), axis=-1))
    assert len(card) > 400
    (ax, ay), (ux, uy), length = probes.move_arrow(cam, state.move)
    assert (state.move.dx, state.move.dy) == (-state.scenario.lr * row.grad_x, -state.scenario.lr * row.grad_y)
    along = (card[:, 0] - ax) * ux + (card[:, 1] - ay) * uy
    assert along.min() > length                             # all of it past the arrow's tip
    # It keeps off the four probe markers.
    u = unit(cam)
    for px, py in probes.probe_pixels(cam, row.x, row.y):
        assert np.hypot(card[:, 0] - px, card[:, 1] - py).min() > 0.2 * u
    state.toggle("arrow")
    assert count(frame_of(state), probes.CARD, layout(SIZE).beach) == 0


def test_the_step_sum_card_keeps_off_the_watermelon_when_the_arrow_points_at_it():
    """At lr = 1 the arrow's tip is the watermelon itself: the card must not hide it."""
    state = WalkMode(SCENARIOS["one-step"], "en", SIZE)
    cam = camera_for(SIZE, state.scenario.bounds)
    melon = watermelon.rect(cam.to_screen(*state.scenario.target), unit(cam))
    frame = frame_of(state)
    card = np.argwhere(np.all(frame == np.array(probes.CARD, np.uint8), axis=-1))
    assert len(card) > 400
    inside = ((card[:, 0] >= melon.left) & (card[:, 0] < melon.right)
              & (card[:, 1] >= melon.top) & (card[:, 1] < melon.bottom))
    assert not inside.any()


def test_up_reaches_lr_one_and_two_where_the_squared_loss_hits_in_one_step_and_starts_to_swing():
    a = app()
    presses = 0
    while a.state.scenario.lr < 1.0:
        a.handle(key(pygame.K_UP))
        presses += 1
    assert a.state.scenario.lr == 1.0 and presses <= 12
    assert Walk(a.state.scenario).run().steps == 1          # lr = 1: straight onto the watermelon
    while a.state.scenario.lr < 2.0:
        a.handle(key(pygame.K_UP))
    assert a.state.scenario.lr == 2.0


# -- the probes' key and the friends' bubble ------------------------------------------------------
@pytest.mark.parametrize("name, shown, hidden", [
    ("beach", (probes.LOWER, probes.HIGHER), (probes.FLAT,)),
    ("flat", (probes.FLAT,), (probes.LOWER, probes.HIGHER)),
])
def test_the_probes_key_shows_the_colours_the_probes_show(name, shown, hidden):
    state = WalkMode(SCENARIOS[name], "en", SIZE)
    cam = camera_for(SIZE, state.scenario.bounds)
    view = player_view(state, cam)
    surf = pygame.Surface(SIZE)
    sand = beach.sand_rect(cam, state.scenario.bounds)
    box = probes.draw_probes(surf, cam, state.walk.trace[0], view.x, view.y, 0.0, state.scenario.h, "en", sand)
    assert sand.contains(box)
    frame = pygame.surfarray.array3d(surf)
    for colour in shown:
        assert count(frame, colour, box) > 4
    for colour in hidden:
        assert count(frame, colour, box) == 0
    assert probes.draw_probes(surf, cam, state.walk.trace[0], view.x, view.y, 0.0, state.scenario.h) is None


def test_the_probes_key_moves_to_the_left_at_the_right_edge_of_the_sand():
    scenario = SCENARIOS["beach"].replace(start=(11.5, 0.0))
    state = WalkMode(scenario, "en", SIZE)
    cam = camera_for(SIZE, scenario.bounds)
    sand = beach.sand_rect(cam, scenario.bounds)
    box = probes.draw_probes(pygame.Surface(SIZE), cam, state.walk.trace[0], 11.5, 0.0, 0.0, scenario.h, "en", sand)
    assert sand.contains(box) and box.right < cam.to_screen(11.5, 0.0)[0]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (800, 1000)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_probe_is_hidden_under_the_bubble_or_the_cards_on_the_first_frame(size, lang):
    state = WalkMode(SCENARIOS["beach"], lang, size)     # the player starts just above the friends
    cam = camera_for(size, state.scenario.bounds)
    row = state.walk.trace[0]
    frame = frame_of(state, size)
    for (px, py), colour in zip(probes.probe_pixels(cam, row.x, row.y), probes.probe_colours(row)):
        fill = np.array(mix((235, 225, 205), colour, 0.45 + 0.55 * 0.5), np.uint8)
        assert np.all(frame[int(px), int(py)] == fill), (px, py)


def test_the_bubble_keeps_off_the_player_by_sliding_or_passing_to_a_neighbour():
    cam = camera_for(SIZE, SCENARIOS["beach"].bounds)
    heads = friends.head_rects(cam, SCENARIOS["beach"].bounds)
    text = friends.shout(1.0, 1.0, 5.0, "en")
    who, free = friends.place_bubble(cam, heads, 0, text, True)
    assert who == 0 and free.centerx == heads[0].centerx and free.bottom < heads[0].top
    blocker = free.inflate(-free.w // 2, 0)                 # the player stands where it would go
    who, moved = friends.place_bubble(cam, heads, 0, text, True, [blocker])
    assert not moved.colliderect(blocker) and moved.size == free.size
    assert moved.left <= heads[who].centerx <= moved.right  # its tail still reaches the head
    wall = pygame.Rect(0, 0, SIZE[0], SIZE[1])              # nowhere is free: it covers least
    assert friends.place_bubble(cam, heads, 0, text, True, [wall])[1].size == free.size


@pytest.mark.parametrize("slope, who", [(10.0, 0), (friends.SHOUT_BIG, 0), (1.0, 1), (friends.SHOUT_SMALL, 1),
                                        (0.1, 2), (math.nan, 1)])
def test_the_loud_friend_shouts_steep_slopes_and_the_gentle_one_slight_ones(slope, who):
    row = Walk(SCENARIOS["beach"]).trace[0]
    g = row.grad_norm
    assert shouter_of(type(row)(0, 0.0, 0.0, 1.0, row.grad_x / g * slope, row.grad_y / g * slope)) == who


# -- the end: how to play again ------------------------------------------------------------------
def test_after_the_ending_the_window_says_space_plays_again_but_a_still_picture_does_not(tmp_path):
    a = app(autoplay=True)
    while a.state.ending_t < 1.0:
        a.tick(FIXED_DT)
    beach_area = layout(SIZE).beach
    early = frame_of(a.state)
    assert count(early, ACCENT, beach_area) == 0           # the banner first has the stage
    while a.state.ending_t < 3.0:
        a.tick(FIXED_DT)
    assert count(frame_of(a.state), ACCENT, beach_area) > 2000
    assert count(frame_of(a.state, prompts=False), ACCENT, beach_area) == 0
    render_png(a.state.walk, tmp_path / "end.png", lang="en")
    still = pygame.surfarray.array3d(pygame.image.load(str(tmp_path / "end.png")))
    assert count(still, ACCENT, beach_area) == 0
    a.handle(key(pygame.K_SPACE))                           # and Space does play again
    a.tick(FIXED_DT)
    assert a.state.outcome is None and a.state.walk.steps == 1


# -- the heatmap's legend ----------------------------------------------------------------------------
def patch_colour(frame: np.ndarray, centre: tuple[float, float], r: int = 4) -> np.ndarray:
    """The median colour of the (2r+1)-pixel square around ``centre`` (robust to a grain or a line)."""
    x, y = round(centre[0]), round(centre[1])
    return np.median(frame[x - r:x + r + 1, y - r:y + r + 1].reshape(-1, 3), axis=0)


@pytest.mark.parametrize("size", [(1280, 720), (640, 480), (800, 1000)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_legend_shows_with_the_heatmap_only_and_its_ends_are_the_heatmaps_colours(size, lang):
    state = WalkMode(SCENARIOS["beach"], lang, size)
    cam = camera_for(size, state.scenario.bounds)
    sand = beach.sand_rect(cam, state.scenario.bounds)
    scene = Scene()
    off = frame_of(state, size)
    assert legend_in(off, lang, cam) is None
    state.toggle("heatmap")
    surf = pygame.Surface(size)
    scene.draw(surf, state)
    on = pygame.surfarray.array3d(surf)
    place = legend_in(on, lang, cam)
    assert place is not None and sand.contains(place)
    bar = heatmap.build_legend(lang, heatmap.legend_px(unit(cam))).bar.move(place.topleft)
    low, high = on[bar.centerx, bar.bottom - 1], on[bar.centerx, bar.top]
    # The low end is the colour the heatmap shows round the watermelon, the high end that of a far
    # corner of the sand (seen on the beach without sprites: the cached layer under them).
    world = pygame.surfarray.array3d(scene.world_layer(size, cam, state))
    at_melon = patch_colour(world, cam.to_screen(*state.scenario.target))
    far = patch_colour(world, cam.to_screen(-11.0, -11.0))   # the farthest corner from (3, 2)
    assert np.abs(at_melon - low).max() <= 10, (at_melon, low)
    assert np.abs(far - high).max() <= 10, (far, high)
    assert np.abs(low.astype(int) - high).max() > 100       # far apart: blue and orange
    # Without the heatmap no pixel of the beach has the low end's colour.
    assert count(on, tuple(low), place) >= bar.w
    assert count(off, tuple(low), layout(size).beach) == 0


def test_the_legend_shows_in_a_race_and_a_population_too():
    for state in (RaceMode(SCENARIOS["beach"], "en", SIZE, lrs=(0.1, 0.5)),
                  PopulationMode(SCENARIOS["beach"], "en", SIZE, players=50)):
        cam = camera_for(SIZE, state.scenario.bounds)
        assert legend_in(frame_of(state, SIZE), "en", cam) is None
        state.toggle("heatmap")
        assert legend_in(frame_of(state, SIZE), "en", cam) is not None


@pytest.mark.parametrize("size", [(1280, 720), (640, 480)])
def test_the_legend_leaves_a_corner_where_the_player_or_the_watermelon_stands(size):
    """The top corners are taken (the player in one, the watermelon in the other): the legend
    goes to a bottom corner and hides neither; the player's pixels are the same with it as without."""
    scenario = SCENARIOS["beach"].replace(start=(-10.5, 7.0), target=(10.5, 7.0))
    state = WalkMode(scenario, "ja", size)
    cam = camera_for(size, scenario.bounds)
    sand = beach.sand_rect(cam, scenario.bounds)
    scene = Scene()
    plain = frame_of(state, size)
    state.toggle("heatmap")
    surf = pygame.Surface(size)
    scene.draw(surf, state)
    shown = pygame.surfarray.array3d(surf)
    place = legend_in(shown, "ja", cam)
    assert place.top > sand.centery                           # a bottom corner
    player = sprite_rect(cam, player_view(state, cam))
    melon = watermelon.rect(cam.to_screen(*scenario.target), unit(cam))
    assert place.collidelist([player, melon, *friends.body_rects(cam, scenario.bounds)]) < 0
    shirt = PLAYER.shirt
    assert count(shown, shirt, player) == count(plain, shirt, player) > 20


# -- the toast keeps off what was just moved -----------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (640, 480)])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("button", [3, 1])   # right click: the player; left click: the watermelon
def test_the_toast_keeps_off_a_player_or_watermelon_placed_at_the_top_of_the_sand(size, lang, button):
    a = app(size=size, lang=lang)
    beach_area = layout(size).beach
    cam = camera_for(size, a.state.scenario.bounds)
    u = unit(cam)
    message = i18n.tr("status.player_placed" if button == 3 else "status.target_placed", lang)
    _, usual = overlays.toast_rect(beach_area, message)
    a.handle(click((usual.centerx, round(usual.bottom + u * 0.4)), button))   # just under the toast's usual place
    state = a.state
    assert state.message == message
    if button == 3:
        moved = sprite_rect(cam, player_view(state, cam))
    else:
        moved = watermelon.rect(cam.to_screen(*state.scenario.target), unit(cam))
    assert usual.colliderect(moved)                           # where it would have covered it
    with_toast = frame_of(state, size)
    state.message_t = 0.0
    changed = np.argwhere(np.any(with_toast != frame_of(state, size), axis=-1))
    assert len(changed) > 200
    assert not any(moved.collidepoint(*p) for p in changed)
    # It stays on the beach, under the prompts.
    assert all(beach_area.collidepoint(*p) and p[1] >= overlays.prompt_room_bottom(beach_area) for p in changed)
