"""A population in the window: the players are sim.Population's, each dot is drawn where the swarm
says in its group's colour, the two closing charts of the article draw the Population's rows; the
controls; the PNG and `main.py play --population` headless."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS
from sim.walking.population import Population
from sim.walking.swarm import HIT, WALKING

from game import choreography
from game.modes import population as population_mode
from game import chart, i18n
from game.app import FIXED_DT, App
from game.drawers import crowd, endings, unit
from game.drawers.watermelon import FLESH
from game.controls import HELP_ROWS, help_lines
from game.scene import Scene, camera_for, layout, render_png
from game.modes.population import PopulationMode
from frames import draw, pixels_of
from clitools import cli

SIZE = (1280, 720)
GROUP_A, GROUP_B = chart.PALETTE[0], chart.PALETTE[1]

def stepped(players: int, steps: int, scenario=SCENARIOS["beach"]) -> PopulationMode:
    state = PopulationMode(scenario, "en", SIZE, players=players)
    for _ in range(steps):
        state.step_once()
    state.advance(1.0)
    return state


def finished(players: int, scenario=SCENARIOS["beach"], at: float = 1.0) -> PopulationMode:
    state = PopulationMode(scenario, "en", SIZE, paused=False, players=players)
    while state.ending_t < at:
        state.advance(1 / 30)
    return state


def test_the_population_walks_exactly_as_sim_population():
    state = finished(60, SCENARIOS["beach"].replace(seed=4))
    expected = Population(SCENARIOS["beach"].replace(seed=4), 60)
    result = expected.run()
    assert state.population.rows == result.rows
    np.testing.assert_array_equal(state.population.swarm.x, expected.swarm.x)
    np.testing.assert_array_equal(state.population.swarm.outcome, expected.swarm.outcome)
    np.testing.assert_array_equal(state.population.in_a, expected.in_a)


def test_walking_dots_are_where_the_swarm_says_in_their_groups_colour():
    state = stepped(200, 3)
    frame = draw(state)
    cam = camera_for(SIZE, state.scenario.bounds)
    u = unit(cam)
    swarm = state.population.swarm
    px, py = cam.to_screen_many(swarm.x, swarm.y)
    r = crowd.dot_radius(cam, swarm.n)
    gap = np.hypot(px[:, None] - px[None, :], py[:, None] - py[None, :])
    np.fill_diagonal(gap, np.inf)
    wx, wy = cam.to_screen(*state.scenario.target)
    friends_top = cam.to_screen(0, state.scenario.bounds[2])[1] - 3 * u
    lone = (gap.min(1) > 2 * r + 4) & (np.hypot(px - wx, py - wy) > 3 * u) & (py < friends_top)
    assert (swarm.outcome[lone] == WALKING).all() and lone.sum() >= 20
    for i in np.flatnonzero(lone):
        colour = GROUP_A if state.population.in_a[i] else GROUP_B
        assert tuple(frame[round(px[i]), round(py[i])]) == colour, i
        # ... and the dot is a dot: the sand shows just beyond its rim.
        assert tuple(frame[round(px[i]) + r + 2, round(py[i])]) not in (GROUP_A, GROUP_B)


def test_dots_walk_from_their_last_place_to_their_next():
    state = stepped(40, 2)
    state.step_once()
    state.advance(state.step_seconds * (choreography.FEEL_PART + 1) / 2)    # halfway through the walk
    cam = camera_for(SIZE, state.scenario.bounds)
    px, py, ok = crowd.dot_pixels(state, cam)
    ax, ay = cam.to_screen_many(state.from_x, state.from_y)
    bx, by = cam.to_screen_many(state.population.swarm.x, state.population.swarm.y)
    walking = state.population.swarm.outcome == WALKING
    assert ok.all() and walking.sum() > 30
    k = (px[walking] - ax[walking]) / (bx[walking] - ax[walking])
    assert np.allclose(k, 0.5, atol=1e-6)          # eased: halfway in time is halfway in space
    np.testing.assert_allclose(py[walking], ay[walking] + (by[walking] - ay[walking]) * 0.5)


def test_players_that_hit_stand_within_reach_of_the_watermelon():
    """All of them swung within 0.5 m: a spiral drew them in a disc some 5 m wide round it."""
    state = finished(120)
    swarm = state.population.swarm
    assert (swarm.outcome == HIT).all()
    cam = camera_for(SIZE, state.scenario.bounds)
    frame = draw(state)
    px, py, ok = crowd.dot_pixels(state, cam)
    cx, cy = cam.to_screen(*state.scenario.target)
    assert ok.all() and np.hypot(px - cx, py - cy).max() <= cam.length(state.scenario.reach) + 1
    u = unit(cam)
    assert len(pixels_of(frame, FLESH, pygame.Rect(cx - 1.5 * u, cy - 1.5 * u, 3 * u, 3 * u))) > 0   # split
    banner = layout(SIZE).beach
    banner = pygame.Rect(banner.left, banner.top, banner.w, banner.h * 0.2)
    assert len(pixels_of(frame, endings.BANNER_COLOURS["hit"], banner)) > 200


def test_players_stuck_on_one_spot_huddle_round_it_one_dot_each():
    state = finished(300, SCENARIOS["pit"])
    swarm = state.population.swarm
    stuck = np.flatnonzero(swarm.outcome == 2)
    cam = camera_for(SIZE, state.scenario.bounds)
    at = np.column_stack(cam.to_screen_many(swarm.x[stuck], swarm.y[stuck]))
    assert stuck.size > 20 and np.ptp(at, axis=0).max() < 2      # all in the pit, on the same pixel or two
    px, py, ok = crowd.dot_pixels(state, cam)
    drawn = np.column_stack((px[stuck], py[stuck]))
    assert ok[stuck].all()
    r = crowd.dot_radius(cam, swarm.n)
    gaps = np.hypot(*(drawn[:, None] - drawn[None, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() > 1.5 * r                                  # one dot each, none hidden under another
    assert np.hypot(*(drawn.mean(0) - at.mean(0))) < 2 * r       # round the spot where they stopped
    frame = draw(state)
    faded = {crowd.dot_sprite(r, colour, 2).get_at((r + 1, r + 1))[:3] for colour in (GROUP_A, GROUP_B)}
    shown = sum(tuple(frame[round(x), round(y)]) in faded for x, y in drawn)
    assert shown > 0.8 * stuck.size


def test_the_two_charts_draw_the_populations_rows():
    scenario = SCENARIOS["beach"].replace(seed=5)
    state = finished(20, scenario)
    scene = Scene()
    frame = draw(state, scene=scene)
    specs, required = state.chart_specs()
    assert required == 2
    rects = scene.chart_rects(layout(SIZE), state)
    assert len(rects) == 2
    rows = Population(scenario, 20).run().rows
    loss, accuracy = specs
    assert (accuracy.y_range == (0.0, 1.0)) and [s.label for s in loss.series] == ["group A", "group B"]
    checked = 0
    for spec, rect, field in ((loss, rects[0], "loss"), (accuracy, rects[1], "hit_rate")):
        lay = chart.chart_layout(rect, spec)
        for row in rows[1:]:
            t = lay.to_pixel(row.step, getattr(row, f"a_{field}"))
            v = lay.to_pixel(row.step, getattr(row, f"b_{field}"))
            if abs(t[1] - v[1]) < 8:        # the lines cross or run together here
                continue
            for (px, py), colour in ((t, GROUP_A), (v, GROUP_B)):
                patch = frame[round(px) - 1: round(px) + 2, round(py) - 1: round(py) + 2].reshape(-1, 3)
                assert np.abs(patch.astype(int) - colour).sum(1).min() < 60, (field, row.step, colour)
                checked += 1
    assert checked >= 10


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_panel_gives_both_groups_numbers(lang):
    state = stepped(50, 6)
    state.lang = lang
    last = state.population.rows[-1]
    table = state.hud_table()
    assert table.header[1:] == (i18n.tr("legend.group_a", lang), i18n.tr("legend.group_b", lang))
    assert table.rows[0][1:] == (f"{last.a_loss:.4g}", f"{last.b_loss:.4g}")
    assert table.rows[1][1:] == (f"{last.a_hit_rate:.0%}", f"{last.b_hit_rate:.0%}")
    rows = dict(state.hud_rows())
    assert rows[i18n.tr("hud.players", lang)] == "50 (A 40 + B 10)"
    assert rows[i18n.tr("hud.step", lang)] == "6 / 200"


def test_right_click_draws_new_starts_and_up_changes_everyones_lr():
    app = App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, population=30)
    x0 = app.state.population.swarm.x.copy()
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(300, 300), button=3))
    assert app.state.scenario.seed == 1 and "seed = 1" in app.state.message
    assert not np.array_equal(app.state.population.swarm.x, x0)
    np.testing.assert_array_equal(app.state.population.swarm.x, Population(app.state.scenario, 30).swarm.x)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))
    assert app.state.scenario.lr == pytest.approx(0.125)
    np.testing.assert_array_equal(app.state.population.swarm.lr, 0.125)
    cam = camera_for(SIZE, app.state.scenario.bounds)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(400, 500), button=1))
    assert app.state.scenario.target == pytest.approx(cam.to_world(400, 500)) and app.state.ticks == 0


def test_hits_and_the_sea_are_heard():
    app = App(SCENARIOS["beach"].replace(lr=1.9), lang="en", size=SIZE, sound=False, autoplay=True, population=80)
    for _ in range(60 * 4):
        app.tick(FIXED_DT)
    assert {"step", "split", "splash"} <= set(app.sounds.played)


def test_help_leaves_out_what_a_population_does_not_show():
    state = PopulationMode(SCENARIOS["beach"], "en", SIZE, players=10)
    keys = [k for k, _ in state.help_rows()]
    assert len(keys) == len(HELP_ROWS) - 3
    for gone in ("arrow", "probes", "trail"):
        assert help_lines("en")[gone][0] not in keys
    assert dict(state.help_rows())["right click"] != i18n.tr("help.player", "en")


def test_a_population_in_the_window_has_bounds():
    for bad in (1, population_mode.MAX_PLAYERS_SHOWN + 1, 2.5, True):
        with pytest.raises(ValueError, match="players"):
            PopulationMode(SCENARIOS["beach"], "en", SIZE, players=bad)


@pytest.mark.parametrize("size", [(800, 600), (480, 320), (700, 1000)])
def test_both_charts_fit_small_and_tall_windows(size):
    state = finished(30)
    state.resize(size)
    scene = Scene()
    frame = draw(state, size, scene)
    assert frame.shape[:2] == size
    rects = scene.chart_rects(layout(size), state)
    assert len(rects) == 2 and all(layout(size).panel.contains(r) for r in rects)


def test_render_png_saves_the_final_scene(tmp_path: Path):
    population = Population(SCENARIOS["beach"], 300)
    population.run()
    out = tmp_path / "crowd.png"
    render_png(population, out, lang="ja", size=(960, 540))
    assert [p.name for p in tmp_path.iterdir()] == ["crowd.png"]
    frame = pygame.surfarray.array3d(pygame.image.load(str(out)))
    assert frame.shape[:2] == (960, 540)
    beach = layout((960, 540)).beach
    assert len(pixels_of(frame, GROUP_A, beach)) > 10 and len(pixels_of(frame, GROUP_B, beach)) > 10   # round the watermelon


def test_play_population_headless_saves_the_last_frame(tmp_path):
    shot = tmp_path / "crowd.png"
    done = cli("play", "--population", "200", "--autoplay", "--max-frames", "60", "--screenshot", str(shot),
                   "--size", "960x540", "--mute", "--lang", "ja")
    assert done.returncode == 0, done.stderr
    frame = pygame.surfarray.array3d(pygame.image.load(str(shot)))
    beach = layout((960, 540)).beach
    assert len(pixels_of(frame, GROUP_A, beach)) > 10 and len(pixels_of(frame, GROUP_B, beach)) > 10   # round the watermelon


@pytest.mark.parametrize("args, named", [
    (["--population", "1"], "--population"),
    (["--population", "ten"], "'ten'"),
    (["--population", "20000"], "at most 10,000 players in the window"),
    (["--population", "5", "--start", "1,1"], "--start"),
    (["--population", "5", "--race", "0.1"], "not allowed"),
])
def test_play_population_bad_input_exits_2_with_one_line(args, named):
    done = cli("play", *args, "--max-frames", "1")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and done.stdout == ""
    assert len(lines) == 1 and lines[0].startswith("main.py play: error:") and named in lines[0], done.stderr


def test_the_panel_counts_who_stopped_by_the_step_it_shows():
    """While a step is animated the panel still shows the step before it: the count of players that
    stopped must be of that step too, so that it agrees with the hit rates beside it."""
    state = PopulationMode(SCENARIOS["beach"], "en", SIZE, paused=False, players=300)
    checked = 0
    while not state.done:
        state.advance(1 / 30)
        row = state.population.rows[state.shown_rows - 1]
        n_a = int(np.count_nonzero(state.population.in_a))
        hits = round(row.a_hit_rate * n_a + row.b_hit_rate * (300 - n_a))
        shown = dict(state.hud_rows())[i18n.tr("hud.outcome", "en")]
        if state.progress < 1.0 and shown.endswith("stopped"):   # nobody stops but by a hit here
            assert shown == i18n.tr("hud.stopped", "en", stopped=hits, players=300), row.step
            checked += 1
    assert checked > 10
