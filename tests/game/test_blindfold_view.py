"""The blindfold game in the window: the keys and the mouse drive the sim game, the blindfold hides
the watermelon and the heatmap, and the reveal shows them with the rivals and the scoreboard."""
from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from sim import SCENARIOS
from sim.walking.blindfold import BlindfoldGame

from game import i18n
from game.app import App
from game.camera import Camera
from game.controls import BLINDFOLD_BUTTONS, BLINDFOLD_HELP_ROWS, BLINDFOLD_KEYS, Action, Command
from game.drawers import beach, watermelon
from game.modes import open_mode
from game.modes.blindfold import REVEAL_AT, SPLIT_AT, BlindfoldMode
from game.panel import panel_layout
from game.scene import Scene, layout
from sim.walking.blindfold import MAX_MISSES, STRIDE
from frames import click, key, pixels_of

SIZE = (1280, 720)


def app(level: str = "beach", seed: int = 0, lang: str = "en", size=SIZE) -> App:
    """The window's App playing the blindfold game: events in, time in, as the window drives it."""
    return App(SCENARIOS[level], lang=lang, size=size, sound=False, blindfold=seed)


def camera(a: App) -> Camera:
    return Camera.for_beach(a.state.scenario.bounds, layout(a.state.size).beach)


def pixel(a: App, x: float, y: float) -> tuple[int, int]:
    px, py = camera(a).to_screen(x, y)
    return round(px), round(py)


def draw(view: BlindfoldMode, size=SIZE) -> np.ndarray:
    surf = pygame.Surface(size)
    Scene().draw(surf, view)
    return pygame.surfarray.array3d(surf)


def walk_to(a: App, distance: float) -> None:
    """Click toward the watermelon (the test peeks) until ``distance`` metres from it."""
    game = a.state.game
    while game.distance > distance + 0.05:
        (x, y), (tx, ty) = game.position, game.watermelon
        k = min(STRIDE * 0.99, game.distance - distance) / game.distance
        a.state.aim_at(x + (tx - x) * k, y + (ty - y) * k)
        a.state.walk()


def test_the_registry_opens_the_game_on_the_level_with_the_seed():
    view = open_mode(SCENARIOS["dunes"], lang="en", blindfold=7)
    assert type(view) is BlindfoldMode and view.keys == "blindfold"
    assert view.game.watermelon == BlindfoldGame("dunes", 7).watermelon and not view.revealed
    assert not view.heatmap_shown
    with pytest.raises(ValueError, match="seed must be"):
        open_mode(SCENARIOS["dunes"], lang="en", blindfold=-1)


def test_the_blindfold_hides_the_watermelon_and_the_heatmap_until_it_comes_off():
    a = app("beach", seed=2)
    game = a.state.game
    spot = watermelon.rect(pixel(a, *game.watermelon), 30).inflate(-10, -10)
    sand = beach.build_background(SIZE, camera(a), game.scenario.bounds)
    beach.decorate(sand, camera(a), game.scenario.bounds)
    plain = pygame.surfarray.array3d(sand)
    before = draw(a.state)
    sl = (slice(spot.left, spot.right), slice(spot.top, spot.bottom))
    assert np.array_equal(before[sl], plain[sl])   # plain sand where the watermelon is
    assert len(pixels_of(before, watermelon.RIND)) == 0
    a.handle(key(pygame.K_g))
    a.tick(REVEAL_AT + 0.1)
    after = draw(a.state)
    assert a.state.revealed and not np.array_equal(after[sl], plain[sl])
    assert len(pixels_of(after, watermelon.RIND, spot.inflate(40, 40))) > 20


def test_t_tastes_the_four_probes_and_leaves_a_mark_with_its_value():
    a = app()
    a.handle(key(pygame.K_t))
    game = a.state.game
    assert game.counts["taste"] == 1 and len(game.tastes) == 1
    (x, y), (tx, ty) = game.position, game.watermelon
    h = game.scenario.h
    expected = [0.5 * ((px - tx) ** 2 + (py - ty) ** 2) for px, py in [(x + h, y), (x - h, y), (x, y + h), (x, y - h)]]
    np.testing.assert_allclose(game.tastes[0].values, expected, rtol=1e-13)
    assert dict(a.state.hud_rows())[i18n.tr("blind.tastes", "en")] == "4"   # four tastes a taste


def test_a_click_steps_there_and_a_far_click_steps_the_longest_stride_toward_it():
    a = app(seed=3)
    game = a.state.game
    x, y = game.position
    a.handle(click(pixel(a, x + 0.6, y + 0.8)))
    assert game.counts["step"] == 1
    assert math.dist(game.position, (x, y)) == pytest.approx(1.0, abs=0.06)   # a pixel is ~0.04 m
    x, y = game.position
    far = (x - 5, y) if x > 0 else (x + 5, y)   # toward the middle: on the sand
    a.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pixel(a, *far), buttons=(0, 0, 0), rel=(0, 0)))
    assert game.counts["step"] == 1 and a.state.aim_length == STRIDE   # aiming is no step
    a.handle(key(pygame.K_RETURN))
    assert game.counts["step"] == 2 and math.dist(game.position, (x, y)) == pytest.approx(STRIDE)


def test_the_arrow_keys_turn_and_stretch_the_aim_and_enter_steps_along_it():
    a = app(seed=4)
    mode, game = a.state, a.state.game
    mode.aim_angle, mode.aim_length = 0.0, 1.0
    for _ in range(6):
        a.handle(key(pygame.K_LEFT))       # 6 × 15° = a quarter turn to the left: forward
    a.handle(key(pygame.K_UP))
    a.handle(key(pygame.K_UP))
    x, y = game.position
    a.handle(key(pygame.K_RETURN))
    assert game.position == pytest.approx((x, y + 1.5), abs=1e-12)


def test_a_step_into_the_sea_is_refused_on_screen():
    a = app(seed=5)
    game = a.state.game
    xmin = game.scenario.bounds[0]
    a.state.aim_angle, a.state.aim_length = math.pi, STRIDE
    while game.position[0] - STRIDE >= xmin:
        a.handle(key(pygame.K_RETURN))
    steps = game.counts["step"]
    a.handle(key(pygame.K_RETURN))
    assert game.counts["step"] == steps and a.state.message == i18n.tr("blind.sea", "en")


def test_a_miss_says_how_many_are_left_and_the_third_takes_the_blindfold_off():
    a = app(seed=6)
    for k in range(1, MAX_MISSES + 1):
        a.handle(key(pygame.K_SPACE))
        assert a.state.game.misses == k
    assert a.state.game.ending == "misses" and a.state.end_t >= 0


def test_a_hit_splits_the_watermelon_with_its_sound_and_shows_the_scoreboard():
    a = app("valley", seed=1)
    walk_to(a, 0.3)
    cues = a.state.act(Command(Action.SWING))
    assert cues == ["swing"] and a.state.game.ending == "hit"
    assert a.state.advance(SPLIT_AT + 0.01) == ["split"]
    a.state.advance(REVEAL_AT)
    table = a.state.hud_table()
    board = a.state.game.scoreboard()
    assert [name for name, _ in board] == ["you", "gd", a.state.rivals()[1].optimizer]
    assert table.rows[0][1:] == tuple(str(t.steps) for _, t in board)
    assert table.rows[1][1:] == tuple(str(t.tastes) for _, t in board)


def test_after_the_end_actions_only_say_so_and_r_starts_the_next_seed():
    a = app(seed=8)
    a.handle(key(pygame.K_g))
    counts = dict(a.state.game.counts)
    a.handle(key(pygame.K_t))
    assert a.state.game.counts == counts and a.state.message == i18n.tr("blind.over", "en")
    a.handle(key(pygame.K_r))
    assert a.state.seed == 9 and not a.state.game.over and a.state.end_t < 0 and not a.state.revealed


def test_l_cycles_the_levels():
    a = app("beach")
    names = []
    for _ in range(4):
        a.handle(key(pygame.K_l))
        names.append(a.state.game.level.name)
    assert names == ["valley", "dunes", "decoys", "beach"]


def test_the_help_lists_every_key_of_the_game():
    described = {act for acts in BLINDFOLD_HELP_ROWS.values() for act in acts}
    assert set(BLINDFOLD_KEYS.values()) | set(BLINDFOLD_BUTTONS.values()) | {Action.AIM} == described
    for lang in i18n.LANGS:
        rows = dict(zip(BLINDFOLD_HELP_ROWS, app(lang=lang).state.help_rows()))
        assert rows["turn"][0] == "← / →" and rows["swing"][0] == i18n.tr("key_name.space", lang)
        assert rows["walk"][0] == i18n.tr("help.either", lang, first="Enter", second="N")
        assert all(k and v for k, v in rows.values())


@pytest.mark.parametrize("lang, size", [("en", SIZE), ("ja", SIZE), ("en", (640, 480)), ("ja", (480, 320))])
def test_drawing_reads_the_state_and_never_changes_it(lang, size):
    a = app("decoys", seed=3, lang=lang, size=size)
    for k in (pygame.K_t, pygame.K_a, pygame.K_RETURN, pygame.K_t, pygame.K_SPACE, pygame.K_g):
        a.handle(key(k))
        a.tick(0.2)
        before = (dict(a.state.game.counts), list(a.state.game.path), a.state.end_t)
        draw(a.state, size)
        assert (dict(a.state.game.counts), list(a.state.game.path), a.state.end_t) == before
    a.tick(REVEAL_AT + 2)
    frame = draw(a.state, size)
    assert len(pixels_of(frame, watermelon.RIND)) > 0



@pytest.mark.parametrize("size", [(640, 480), (480, 320)])
def test_the_panels_key_table_keeps_clear_of_the_help_hint_in_a_small_window(size):
    """The shared panel layout (game.panel) fits the rows and the key table above "H: help" (the
    blindfold's own panel drew the table over it at 640x480); where even its smallest text cannot
    hold the table (480x320), the table is left out: the help card (H) lists every key."""
    for lang in i18n.LANGS:
        mode = app(lang=lang, size=size).state
        panel = layout(size).panel
        lay = panel_layout(pygame.Rect((0, 0), panel.size), mode)
        bottom = lay.rows[-1].band.bottom
        if size == (640, 480):
            assert lay.table is not None and len(lay.table.rows) == 7
        if lay.table is not None:
            assert bottom <= lay.table_box.top
            bottom = lay.table_box.bottom
        assert bottom <= lay.hint.rect.top, lang


@pytest.mark.parametrize("lang, size", [("en", SIZE), ("ja", (640, 480))])
def test_the_friends_step_aside_from_a_watermelon_split_near_their_edge(lang, size, monkeypatch):
    """The default game (beach, seed 0) hides the watermelon near the friends' edge of the sand:
    split there, a friend stood over it. At the reveal their row moves sideways, clear of it."""
    from game.drawers import friends
    from game.drawers import unit
    a = app("beach", seed=0, lang=lang, size=size)
    cam, bounds = camera(a), a.state.scenario.bounds
    melon = watermelon.rect(cam.to_screen(*a.state.game.watermelon), unit(cam))
    assert melon.collidelist(friends.body_rects(cam, bounds)) >= 0   # where they usually stand
    walk_to(a, 0.3)
    a.state.act(Command(Action.SWING))
    a.state.advance(REVEAL_AT + 1.0)
    assert a.state.game.ending == "hit" and a.state.revealed
    drawn = []

    def spy(*args, **kwargs):
        drawn.append(friends.body_rects(cam, bounds, *args[6:], **kwargs))
        return draw_friends(*args, **kwargs)

    draw_friends = friends.draw_friends
    monkeypatch.setattr(friends, "draw_friends", spy)
    shown = draw(a.state, size)
    assert len(drawn) == 1 and drawn[0] != friends.body_rects(cam, bounds)
    assert melon.collidelist(drawn[0]) < 0 and all(pygame.Rect(cam.rect).contains(r) for r in drawn[0])
    # On the screen: the split watermelon looks as it does with no friends drawn at all.
    monkeypatch.setattr(friends, "draw_friends", lambda surf, cam, bounds, *rest: friends.head_rects(cam, bounds))
    alone = draw(a.state, size)
    sl = (slice(melon.left, melon.right), slice(melon.top, melon.bottom))
    assert np.array_equal(shown[sl], alone[sl])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_ending_words_keep_off_a_watermelon_split_at_the_top(lang):
    """Seed 18 hides the watermelon near the far (top) edge of the sand: the banner and the pill
    saying Space plays again go down to where they cover neither it nor the player."""
    from game.drawers import endings, unit
    from game.drawers.person import head_rect
    from game.overlays import again_area, prompt_rect
    size = (640, 480)
    a = app("beach", seed=18, lang=lang, size=size)
    walk_to(a, 0.3)
    a.state.act(Command(Action.SWING))
    a.state.advance(REVEAL_AT + 3.0)
    assert a.state.game.ending == "hit" and a.state.since_banner() > 0
    cam, beach = camera(a), layout(size).beach
    x, y = a.state.game.position
    melon = watermelon.rect(cam.to_screen(*a.state.game.watermelon), unit(cam))
    scene = Scene()
    scene.draw(pygame.Surface(size), a.state)
    head = pygame.Rect(head_rect(cam.to_screen(x, y), unit(cam), a.state._pose()))   # as draw_person draws it
    seen = [melon, head]
    at_top = [endings.banner_rect(beach, a.state.banner().text),
              prompt_rect(again_area(beach), i18n.tr("hud.again_hint", lang), lang)]
    assert any(r.collidelist(seen) >= 0 for r in at_top)
    assert len(scene.words) == 2 and all(r.collidelist(seen) < 0 and beach.contains(r) for r in scene.words)

