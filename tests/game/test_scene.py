"""The drawn frame, checked by its pixels: things are drawn where the state says they are."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, Scenario, Walk

from game import choreography
from game.modes import showing
from game import chart, i18n
from game.camera import Camera
from game.drawers import endings, heatmap, unit
from game.drawers.person import PLAYER
from game.drawers.player import runoff
from game.drawers.watermelon import FLESH, RIND, STRIPE
from game.scene import Scene, camera_for, layout, render_png
from game.modes.walk import WalkMode
from frames import draw, pixels_of

SIZE = (1280, 720)

def plain(state: WalkMode) -> WalkMode:
    """Switch off the audience overlays that could cover the sprites."""
    state.toggles.trail = state.toggles.probes = state.toggles.arrow = False
    return state

def ended(scenario: Scenario, at: float, size=SIZE) -> WalkMode:
    walk = Walk(scenario)
    walk.run()
    return showing(walk, lang="en", size=size, ending_t=at)


# -- the camera ---------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (480, 320), (700, 1000), (1920, 1080)])
def test_camera_round_trips_and_shows_the_whole_sand(size):
    bounds = (-12.0, 12.0, -12.0, 12.0)
    cam = camera_for(size, bounds)
    for x, y in [(-12, -12), (12, 12), (3.25, -7.5), (0, 0)]:
        px, py = cam.to_screen(x, y)
        assert cam.to_world(px, py) == pytest.approx((x, y), abs=1e-9)
    beach = layout(size).beach
    sand = cam.world_rect(bounds)
    assert beach.contains(sand)
    # Forward (+y) is up on the screen, right (+x) is right; metres are square.
    assert cam.to_screen(0, 1)[1] < cam.to_screen(0, 0)[1]
    assert cam.to_screen(1, 0)[0] > cam.to_screen(0, 0)[0]
    assert cam.to_screen(1, 0)[0] - cam.to_screen(0, 0)[0] == pytest.approx(cam.scale)
    assert cam.to_screen(0, 0)[1] - cam.to_screen(0, 1)[1] == pytest.approx(cam.scale)


def test_camera_clamps_huge_and_keeps_nan():
    cam = Camera.for_beach((-12, 12, -12, 12), (0, 0, 800, 600))
    assert cam.to_screen(1e300, -1e300) == (30_000.0, 30_000.0)
    assert all(math.isnan(v) for v in cam.to_screen(math.nan, math.nan))
    with pytest.raises(ValueError, match="xmin < xmax"):
        Camera((1, 0, 0, 1), (0, 0, 10, 10))


# -- sprites where the state says ------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1280, 720), (640, 480), (720, 1000)])
def test_watermelon_and_player_are_drawn_at_their_positions(size):
    scenario = SCENARIOS["beach"].replace(target=(5.0, -3.0), start=(-6.0, 7.0))
    state = plain(WalkMode(scenario, "en", size))
    frame = draw(state, size)
    cam = camera_for(size, scenario.bounds)
    u = unit(cam)
    wx, wy = cam.to_screen(*scenario.target)
    assert tuple(frame[round(wx), round(wy)]) in (RIND, STRIPE)
    melon = np.concatenate([pixels_of(frame, RIND), pixels_of(frame, STRIPE)])
    assert np.hypot(*(melon.mean(0) - (wx, wy))) < 0.15 * u
    # The player's shirt is just above its feet, and nowhere else.
    fx, fy = cam.to_screen(*scenario.start)
    shirt = pixels_of(frame, PLAYER.shirt, layout(size).beach)
    assert len(shirt) > 20
    cx, cy = shirt.mean(0)
    assert abs(cx - fx) < 0.2 * u and -0.9 * u < cy - fy < -0.5 * u


def test_player_walks_to_the_next_row():
    state = plain(WalkMode(SCENARIOS["beach"], "en", SIZE))
    state.step_once()
    state.advance(choreography.STEP_SECONDS)          # the step's animation is over
    cam = camera_for(SIZE, state.scenario.bounds)
    row = state.walk.trace[1]
    fx, fy = cam.to_screen(row.x, row.y)
    shirt = pixels_of(draw(state), PLAYER.shirt, layout(SIZE).beach)
    assert abs(shirt.mean(0)[0] - fx) < 0.2 * unit(cam)
    # Halfway through the move the player is between the rows.
    state.step_once()
    state.advance(state.step_seconds * (choreography.FEEL_PART + 1) / 2)
    a, b = state.walk.trace[1], state.walk.trace[2]
    ax, bx = cam.to_screen(a.x, a.y)[0], cam.to_screen(b.x, b.y)[0]
    x = pixels_of(draw(state), PLAYER.shirt, layout(SIZE).beach).mean(0)[0]
    assert min(ax, bx) + 2 < x < max(ax, bx) - 2


def test_chart_line_is_where_chart_layout_says():
    state = WalkMode(SCENARIOS["beach"], "en", SIZE)
    for _ in range(12):
        state.step_once()
    state.advance(1.0)
    surf = pygame.Surface(SIZE)
    scene = Scene()
    scene.draw(surf, state)
    frame = pygame.surfarray.array3d(surf)
    spec = state.chart_spec()
    assert spec.y_log and [s.ys.size for s in spec.series] == [13, 1]
    lay = chart.chart_layout(scene.chart_rect(layout(SIZE), state), spec)
    blue = np.array(chart.PALETTE[0])
    for row in state.walk.trace[2:11:3]:
        px, py = lay.to_pixel(row.step, row.loss)
        patch = frame[round(px) - 1: round(px) + 2, round(py) - 1: round(py) + 2].reshape(-1, 3)
        assert np.abs(patch.astype(int) - blue).sum(1).min() < 60, (row.step, patch)
    # A pixel well off the line (same step, ten times the loss) is not the line.
    px, py = lay.to_pixel(state.walk.trace[5].step, state.walk.trace[5].loss * 10)
    assert np.abs(frame[round(px), round(py)].astype(int) - blue).sum() > 150


def test_log_scale_toggle_changes_the_chart():
    state = WalkMode(SCENARIOS["beach"], "en", SIZE)
    state.step_once()
    assert state.chart_spec().y_log
    state.toggle("log_scale")
    assert not state.chart_spec().y_log
    state.toggle("log_scale")
    # A loss below zero cannot go on a log axis: the chart stays linear and says so.
    below = WalkMode(Scenario(loss="custom", expr="(x-tx)**2 + (y-ty)**2 - 200"), "en", SIZE)
    assert below.walk.trace[0].loss < 0 and below.toggles.log_scale
    spec = below.chart_spec()
    assert not spec.y_log and i18n.tr("chart.linear_scale", "en") in spec.title


# -- the heatmap --------------------------------------------------------------------------------------
def test_heatmap_is_dark_near_the_watermelon_and_warm_far_away():
    state = plain(WalkMode(SCENARIOS["beach"].replace(target=(0.0, 0.0)), "en", SIZE))
    cam = camera_for(SIZE, state.scenario.bounds)
    off = draw(state)
    state.toggle("heatmap")
    on = draw(state)
    near = cam.to_screen(1.2, 1.2)
    far = cam.to_screen(-11.0, 11.0)
    r, g, b = (int(v) for v in on[round(near[0]), round(near[1])])
    assert b > r + 20                     # low loss: blue-violet
    r, g, b = (int(v) for v in on[round(far[0]), round(far[1])])
    assert r > b + 40                     # high loss: warm
    assert not np.array_equal(on[round(near[0]), round(near[1])], off[round(near[0]), round(near[1])])


def test_contours_lie_on_their_levels():
    loss = Scenario().loss_fn
    xs, ys, values = heatmap.loss_grid(loss, (3.0, 2.0), (-12, 12, -12, 12))
    assert values[0, 0] == pytest.approx(loss(xs[0], ys[0], 3.0, 2.0))
    levels = heatmap.contour_levels(values)
    assert 5 <= len(levels) <= heatmap.MAX_LEVELS
    steps = np.diff(heatmap.colour_scale(values).t(np.array(levels)))
    assert np.allclose(steps, steps[0])   # evenly spaced on the colour scale
    for level in levels[:4]:
        segs = heatmap.contour_segments(xs, ys, values, level)
        assert len(segs) > 10
        pts = segs.reshape(-1, 2)
        assert np.abs(loss(pts[:, 0], pts[:, 1], 3.0, 2.0) - level).max() < 0.01


def test_the_textbook_valley_floor_shows_its_slope_in_colour():
    # x²/20 + y²: along the floor (y = 0) the loss rises from 0.45 at x = 3 to 3.2 at x = 8, a tenth
    # of the walls' height; the colours still tell the two apart at a glance.
    scenario = SCENARIOS["textbook"]
    state = plain(WalkMode(scenario, "en", SIZE))
    cam = camera_for(SIZE, scenario.bounds)
    off = draw(state)
    state.toggle("heatmap")
    on = draw(state)
    (ax, bx), (ay, by) = (np.round(v).astype(int) for v in cam.to_screen_many(np.array([3.0, 8.0]), np.zeros(2)))
    for x, y in ((ax, ay), (bx, by)):
        assert not np.array_equal(on[x, y], off[x, y])          # the heatmap shows there
    near, far = on[ax, ay].astype(int), on[bx, by].astype(int)
    assert np.abs(far - near).sum() > 60
    assert far[1] > near[1] + 30                                # higher on the floor is greener


def grid_of(name: str):
    scenario = SCENARIOS[name]
    return scenario, *heatmap.loss_grid(scenario.loss_fn, scenario.target, scenario.bounds)


@pytest.mark.parametrize("name", ["beach", "textbook", "valley", "banana", "dunes", "pit", "flat"])
def test_the_watermelons_cell_has_the_lowest_colour(name):
    # (Not on the digits beach: there the watermelon is the weights after training, not the lowest loss.)
    scenario, xs, ys, values = grid_of(name)
    rgb = heatmap.colourise(values).astype(int)
    i, j = np.abs(xs - scenario.target[0]).argmin(), np.abs(ys - scenario.target[1]).argmin()
    lowest = np.round(heatmap.ramp(np.zeros(1))[0]).astype(int)
    assert np.abs(rgb[j, i] - lowest).sum() <= 12                 # the deepest blue at the watermelon
    assert np.abs(rgb - lowest).sum(-1).max() > 300                # and the walls far from it


@pytest.mark.parametrize("name", ["beach", "textbook", "valley", "banana", "digits", "dunes", "decoys", "saddle",
                                  "pit", "flat", "steady"])
def test_contour_levels_rise_strictly_inside_the_range(name):
    _, _, _, values = grid_of(name)
    levels = np.array(heatmap.contour_levels(values))
    assert len(levels) >= 1 and np.all(np.diff(levels) > 0)
    assert np.nanmin(values) < levels[0] and levels[-1] < np.nanmax(values)


def test_the_legend_says_its_scale_is_logarithmic():
    for lang in ("en", "ja"):
        legend = heatmap.build_legend(lang, 16)
        below = pygame.surfarray.array3d(legend.card)[:, legend.bar.bottom + 2:]
        ink = (np.abs(below.astype(int) - heatmap.LEGEND_INK).sum(-1) < 60).sum()
        assert ink > 20                    # "log scale" / 対数目盛 written under the bar


def test_hit_or_miss_has_one_contour_round_the_reach():
    loss = SCENARIOS["flat"].loss_fn
    xs, ys, values = heatmap.loss_grid(loss, (0.0, 0.0), (-12, 12, -12, 12), n=240)
    assert heatmap.contour_levels(values) == [0.5]
    pts = heatmap.contour_segments(xs, ys, values, 0.5).reshape(-1, 2)
    assert np.abs(np.hypot(pts[:, 0], pts[:, 1]) - 0.5).max() < 0.11


# -- every ending reached and visible ---------------------------------------------------------------
def banner_pixels(frame: np.ndarray, outcome: str) -> int:
    return len(pixels_of(frame, endings.BANNER_COLOURS[outcome], layout(SIZE).beach))


def test_hit_splits_the_watermelon():
    scenario = SCENARIOS["beach"]
    state = ended(scenario, at=choreography.SPLIT_AT + 0.6)
    assert state.walk.outcome == "hit"
    frame = draw(state)
    cam = camera_for(SIZE, scenario.bounds)
    wx, wy = cam.to_screen(*scenario.target)
    u = unit(cam)
    flesh = pixels_of(frame, FLESH, pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u))
    assert len(flesh) > 0.25 * u * u
    assert banner_pixels(frame, "hit") > 200
    before = draw(ended(scenario, at=choreography.SPLIT_AT - 0.1))
    assert len(pixels_of(before, FLESH, pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u))) == 0


def test_stuck_swings_at_nothing_and_wonders():
    state = ended(SCENARIOS["flat"], at=1.2)
    assert state.walk.outcome == "stuck"
    frame = draw(state)
    cam = camera_for(SIZE, state.scenario.bounds)
    fx, fy = cam.to_screen(*state.scenario.start)
    u = unit(cam)
    question = pixels_of(frame, (120, 90, 170), pygame.Rect(fx - 1.5 * u, fy - 4 * u, 3 * u, 2.6 * u))
    assert len(question) > 15
    assert banner_pixels(frame, "stuck") > 200
    assert state.walk.steps == 0 and tuple(frame[round(fx), round(fy)]) != (0, 0, 0)


def test_diverged_runs_into_the_sea_with_a_splash():
    scenario = SCENARIOS["sea"]
    walk = Walk(scenario)
    walk.run()
    assert walk.outcome == "diverged"
    (ax, ay), (bx, by) = runoff(walk)
    assert scenario.contains(ax, ay) and not scenario.contains(bx, by)
    cam = camera_for(SIZE, scenario.bounds)
    u = unit(cam)
    px, py = cam.to_screen(bx, by)
    area = pygame.Rect(px - 2 * u, py - 2.5 * u, 4 * u, 3 * u)

    def white(t):
        frame = draw(showing(walk, lang="en", size=SIZE, ending_t=t))
        return frame, len(pixels_of(frame, (250, 253, 255), area))

    _, before = white(choreography.RUN_SECONDS - 0.4)
    frame, splash = white(choreography.RUN_SECONDS + 0.25)
    assert splash > before + 40
    assert banner_pixels(frame, "diverged") > 200


def test_max_steps_tires_the_player():
    scenario = SCENARIOS["beach"].replace(max_steps=4)
    state = ended(scenario, at=2.0)
    assert state.walk.outcome == "max_steps"
    frame = draw(state)
    cam = camera_for(SIZE, scenario.bounds)
    last = state.walk.trace[-1]
    fx, fy = cam.to_screen(last.x, last.y)
    u = unit(cam)
    near_head = pygame.Rect(fx - 1.5 * u, fy - 3.5 * u, 3.5 * u, 3 * u)
    assert len(pixels_of(frame, (120, 200, 250), near_head)) > 10   # sweat drops
    assert len(pixels_of(frame, (90, 110, 180), near_head)) > 10    # zzz
    assert banner_pixels(frame, "max_steps") > 200


# -- language, sizes and the PNG ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_overlay_lists_every_control(lang):
    state = WalkMode(SCENARIOS["beach"], lang, SIZE)
    without = draw(state)
    state.toggle("help")
    with_help = draw(state)
    assert (with_help != without).any(axis=-1).mean() > 0.5   # the overlay dims the whole window


@pytest.mark.parametrize("size", [(480, 320), (800, 1100), (1600, 900)])
def test_every_part_fits_any_window(size):
    state = WalkMode(SCENARIOS["overshoot"], "ja", size, paused=False)
    state.toggle("heatmap")
    for _ in range(120):
        state.advance(1 / 30)
    frame = draw(state, size)
    lay = layout(size)
    assert lay.beach.union(lay.panel) == pygame.Rect(0, 0, *size)
    assert not lay.beach.colliderect(lay.panel)
    assert frame.shape[:2] == size


def test_render_png_saves_the_final_scene(tmp_path: Path):
    walk = Walk(SCENARIOS["beach"])
    walk.run()
    out = tmp_path / "final.png"
    render_png(walk, str(out), lang="ja", size=(960, 540))
    assert [p.name for p in tmp_path.iterdir()] == ["final.png"]
    img = pygame.image.load(str(out))
    assert img.get_size() == (960, 540)
    frame = pygame.surfarray.array3d(img)
    cam = camera_for((960, 540), walk.scenario.bounds)
    wx, wy = cam.to_screen(*walk.scenario.target)
    u = unit(cam)
    assert len(pixels_of(frame, FLESH, pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u))) > 20
    with pytest.raises(FileNotFoundError, match="does not exist"):
        render_png(walk, str(tmp_path / "no" / "x.png"), lang="en")
    with pytest.raises(ValueError, match="at least"):
        render_png(walk, str(out), lang="en", size=(10, 10))


def _snapshot(state: WalkMode) -> tuple:
    t = state.toggles
    return (state.scenario, len(state.walk.trace), state.walk.outcome, state.clock, state.since_step,
            state.ending_t, state.acc, state.paused, state.speed, state.size, state.message, state.message_t,
            (t.heatmap, t.arrow, t.probes, t.trail, t.log_scale, t.help, t.sound))


@pytest.mark.parametrize("name, at", [("beach", -1.0), ("beach", 0.8), ("flat", 1.0), ("sea", 1.5), ("pit", 2.0)])
def test_drawing_never_changes_the_state(name, at):
    if at < 0:
        state = WalkMode(SCENARIOS[name], "ja", SIZE, paused=False)
        state.toggle("heatmap")
        state.advance(1.1)
    else:
        state = ended(SCENARIOS[name], at)
    before = _snapshot(state)
    scene = Scene()
    for _ in range(2):
        scene.draw(pygame.Surface(SIZE), state)
    assert _snapshot(state) == before


@pytest.mark.parametrize("mode", ["walk", "population"])
def test_decoys_are_drawn_as_pale_watermelons_where_the_beach_lists_them(mode):
    from sim.beach.beaches import beach_features
    from game.modes.population import PopulationMode

    def frame(scenario):
        state = WalkMode(scenario, "en", SIZE) if mode == "walk" else PopulationMode(scenario, "en", SIZE, players=2)
        return draw(plain(state) if mode == "walk" else state).astype(int)

    decoys = SCENARIOS["decoys"]
    with_decoys, without = frame(decoys), frame(decoys.replace(loss="squared"))
    cam = camera_for(SIZE, decoys.bounds)
    r = round(0.4 * unit(cam))
    spots = beach_features("decoys", decoys.target, ("decoy",))
    assert len(spots) == 3
    for f in spots:
        x, y = (round(v) for v in cam.to_screen(*f.at))
        patch, bare = with_decoys[x - r:x + r, y - r:y + r], without[x - r:x + r, y - r:y + r]
        assert np.abs(patch - bare).sum(-1).mean() > 60                   # something is drawn there...
        assert (patch[..., 1] > patch[..., 0] + 20).mean() > 0.5           # ...and it is green, like a rind
    if mode == "population":   # (the lone walk's shout differs with the loss) nothing else on the beach changed
        beach = layout(SIZE).beach
        xs, ys = np.nonzero(np.abs(with_decoys - without).sum(-1)[beach.left:beach.right, beach.top:beach.bottom])
        near = [min(np.hypot(px - cx, py - cy) for cx, cy in (cam.to_screen(*f.at) for f in spots))
                for px, py in zip(xs + beach.left, ys + beach.top)]
        assert len(near) > 100 and max(near) < unit(cam)


@pytest.fixture(scope="module")
def plays_ending_at_the_top():
    """A walk, a race and a population that end at a watermelon on the far (top) edge of the sand."""
    from sim import Race
    from sim.walking.population import Population
    from sim.walking.racers import parse_racers
    top = Scenario(target=(0.0, 10.0), start=(0.0, -6.0), lr=0.3)
    walk, race, population = Walk(top), Race(top, parse_racers("0.1,0.3,0.5")), Population(top, 12)
    for play in (walk, race, population):
        play.run()
    assert walk.outcome == "hit" and walk.trace[-1].y > 9 and set(race.outcomes) == {"hit"}
    return {"walk": walk, "race": race, "population": population}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("kind, size", [("walk", (1280, 720)), ("walk", (640, 480)), ("race", (640, 480)),
                                        ("population", (640, 480))])
def test_the_ending_words_keep_off_the_players_and_the_watermelon_at_the_top(plays_ending_at_the_top, kind,
                                                                             size, lang):
    """A hit at the top edge of the sand: the banner and the pill saying Space plays again sat over
    the player's head and the watermelon. They go down to where they cover neither."""
    from game.drawers import watermelon
    from game.drawers.player import player_view, sprite_rect
    from game.overlays import again_area, prompt_rect
    state = showing(plays_ending_at_the_top[kind], lang=lang, size=size, ending_t=10.0)
    cam = camera_for(size, state.scenario.bounds)
    runners = state.runners() if kind == "race" else [state] if kind == "walk" else []
    seen = [sprite_rect(cam, player_view(r, cam)) for r in runners]
    seen.append(watermelon.rect(cam.to_screen(*state.scenario.target), unit(cam)))
    scene, surf = Scene(), pygame.Surface(size)
    scene.draw(surf, state)
    beach, banner = layout(size).beach, state.banner()
    at_top = [endings.banner_rect(beach, banner.text),
              prompt_rect(again_area(beach), i18n.tr("hud.again_hint", lang), lang)]
    assert any(r.collidelist(seen) >= 0 for r in at_top)        # at the top they would cover them
    assert len(scene.words) == 2 and all(beach.contains(r) for r in scene.words)
    assert all(r.collidelist(seen) < 0 for r in scene.words)
    # On the screen: the players and the watermelon look as they do with no words at all.
    state.banner = lambda: None
    bare = pygame.Surface(size)
    Scene().draw(bare, state, prompts=False)
    shown, without = pygame.surfarray.array3d(surf), pygame.surfarray.array3d(bare)
    for r in seen:
        r = r.clip(beach)
        assert np.array_equal(shown[r.left:r.right, r.top:r.bottom], without[r.left:r.right, r.top:r.bottom])
    # The words were drawn where their rectangles say: every changed pixel is in one of them.
    changed = np.argwhere(np.any(shown != without, axis=-1)[beach.left:beach.right, beach.top:beach.bottom])
    assert len(changed) > 500
    assert all(any(r.collidepoint(x + beach.left, y + beach.top) for r in scene.words) for x, y in changed[::7])


def test_the_ending_words_stay_at_the_top_where_they_cover_nothing():
    """The default beach's hit is far from the top: the banner and the pill sit at the top as ever."""
    from game.overlays import again_area, prompt_rect
    state = ended(SCENARIOS["beach"], 10.0, size=(640, 480))
    scene = Scene()
    scene.draw(pygame.Surface((640, 480)), state)
    beach = layout((640, 480)).beach
    assert scene.words == [endings.banner_rect(beach, state.banner().text),
                           prompt_rect(again_area(beach), i18n.tr("hud.again_hint", "en"), "en")]


def test_the_probe_key_keeps_out_of_the_friends_shouting_band():
    """Near the friends the key went below the probes, where the friend's bubble then cut it off."""
    from game.drawers import friends
    from game.modes.beach_parts import draw_feelers
    from game.drawers.player import player_view
    walk = Walk(Scenario(start=(-3.0, -8.5), lr=0.05, max_steps=3))
    walk.run()
    for size in ((1280, 720), (960, 540)):
        state = showing(walk, lang="en", size=size, ending_t=-1.0)
        state.ending_t = -1.0
        cam = camera_for(size, state.scenario.bounds)
        key = draw_feelers(pygame.Surface(size), cam, state, player_view(state, cam), "en")
        assert key is not None and not key.colliderect(friends.bubble_zone(cam, state.scenario.bounds))
