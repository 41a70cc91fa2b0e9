"""A race of step sizes in the window: the racers are sim.Race's, each is drawn in its colour where
its trace says, has its own line in the live chart and its own ending; the controls; the PNG and
`main.py play --race` headless."""
from __future__ import annotations

import math

from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, Walk
from sim.walking.race import Race

from game import choreography
from game import lr_steps
from game import chart, i18n
from game.app import FIXED_DT, App
from game.drawers import unit
from game.drawers.watermelon import FLESH
from game.controls import HELP_ROWS
from game.scene import Scene, camera_for, layout, render_png
from game.modes.race import RaceMode
from frames import draw, pixels_of
from clitools import cli

SIZE = (1280, 720)

def stepped(lrs, steps: int, scenario=SCENARIOS["beach"]) -> RaceMode:
    """A race after ``steps`` single steps, every animation over."""
    state = RaceMode(scenario, "en", SIZE, lrs=lrs)
    for _ in range(steps):
        state.step_once()
    state.advance(1.0)
    return state


def finished(lrs, at: float, scenario=SCENARIOS["beach"]) -> RaceMode:
    """A race played to the end in the window's own time, ``at`` seconds into the last ending."""
    state = RaceMode(scenario, "en", SIZE, paused=False, lrs=lrs)
    frames = 0
    while not (state.done and min(state.ending_ts) >= at) and frames < 60 * 200:
        state.advance(FIXED_DT)
        frames += 1
    return state


def test_racers_walk_exactly_as_sim_race_and_as_separate_walks():
    lrs = (0.1, 0.5, 1.6, 2.3)
    state = finished(lrs, at=0.0)
    expected = Race(SCENARIOS["beach"], lrs).run()
    assert [r.outcome for r in state.runners()] == [e.outcome for e in expected]
    for racer, want, lr in zip(state.runners(), expected, lrs):
        assert racer.scenario.lr == lr
        got = [(t.step, t.x, t.y, t.loss) for t in racer.walk.trace]
        assert got == [(t.step, t.x, t.y, t.loss) for t in want.trace]
        alone = Walk(SCENARIOS["beach"].replace(lr=lr)).run()
        assert got == [(t.step, t.x, t.y, t.loss) for t in alone.trace]
    assert state.ticks == max(e.steps for e in expected)


def test_each_racer_wears_its_colour_where_its_trace_says():
    lrs = (0.1, 0.3, 0.6)
    state = stepped(lrs, 2)
    state.toggles.trail = state.toggles.arrow = False
    frame = draw(state)
    cam = camera_for(SIZE, state.scenario.bounds)
    u = unit(cam)
    for i, racer in enumerate(state.runners()):
        row = racer.walk.trace[-1]
        assert row.step == 2
        fx, fy = cam.to_screen(row.x, row.y)
        colour = chart.PALETTE[i]
        # The shirt: just above the feet, centred on them.
        shirt = pixels_of(frame, colour, pygame.Rect(fx - 0.6 * u, fy - 1.1 * u, 1.2 * u, 0.7 * u))
        assert len(shirt) > 20, (lrs[i], len(shirt))
        assert abs(shirt.mean(0)[0] - fx) < 0.2 * u
        # The name tag: above the head.
        tag = pixels_of(frame, colour, pygame.Rect(fx - 1.5 * u, fy - 3.2 * u, 3 * u, 1.4 * u))
        assert len(tag) > 60, (lrs[i], len(tag))
        # Nobody else wears this colour near here.
        for j, other in enumerate(state.runners()):
            if j != i:
                ox, oy = cam.to_screen(other.walk.trace[-1].x, other.walk.trace[-1].y)
                assert len(pixels_of(frame, colour, pygame.Rect(ox - 0.6 * u, oy - 1.1 * u, 1.2 * u, 0.7 * u))) == 0


def test_each_racer_has_its_own_trail_in_its_colour():
    state = stepped((0.1, 0.3), 3)
    state.toggles.arrow = False
    with_trails = draw(state)
    state.toggle("trail")
    without = draw(state)
    cam = camera_for(SIZE, state.scenario.bounds)
    lane = 0.25 * unit(cam)   # the trails run side by side, a few pixels apart, like lanes
    for i, racer in enumerate(state.runners()):
        a, b = racer.walk.trace[1], racer.walk.trace[2]
        # Halfway along the step between rows 1 and 2 the line of footsteps is the racer's colour.
        mx, my = cam.to_screen((a.x + b.x) / 2, (a.y + b.y) / 2)
        near = pygame.Rect(mx - lane, my - lane, 2 * lane + 1, 2 * lane + 1)
        assert len(pixels_of(with_trails, chart.PALETTE[i], near)) >= 3, i
        assert len(pixels_of(without, chart.PALETTE[i], near)) == 0


def test_each_racers_line_in_the_chart_is_where_chart_layout_says():
    state = stepped((0.1, 0.3, 0.6), 5)
    scene = Scene()
    frame = draw(state, scene=scene)
    specs, required = state.chart_specs()
    assert required == 1 and len(specs) == 2
    rects = scene.chart_rects(layout(SIZE), state)
    assert len(rects) == 2                      # the loss and the offset charts both fit at 1280x720
    loss = specs[0]
    assert loss.y_log and [s.label for s in loss.series if s.label] == ["lr = 0.1", "lr = 0.3", "lr = 0.6"]
    lay = chart.chart_layout(rects[0], loss)
    for i, racer in enumerate(state.runners()):
        colour = np.array(chart.PALETTE[i])
        for row in racer.walk.trace[2:6]:
            px, py = lay.to_pixel(row.step, row.loss)
            patch = frame[round(px) - 1: round(px) + 2, round(py) - 1: round(py) + 2].reshape(-1, 3)
            assert np.abs(patch.astype(int) - colour).sum(1).min() < 60, (i, row.step, patch)
        px, py = lay.to_pixel(racer.walk.trace[3].step, racer.walk.trace[3].loss * 30)
        assert np.abs(frame[round(px), round(py)].astype(int) - colour).sum() > 150


def test_the_first_to_hit_splits_the_shared_watermelon_and_the_others_walk_on():
    state = RaceMode(SCENARIOS["beach"], "en", SIZE, paused=False, lrs=(0.5, 0.1))
    while state.winner is None or state.ending_ts[0] < choreography.SPLIT_AT + 0.6:
        state.advance(FIXED_DT)
    assert state.race.outcomes == ["hit", None] and state.winner == 0
    frame = draw(state)
    cam = camera_for(SIZE, state.scenario.bounds)
    u = unit(cam)
    wx, wy = cam.to_screen(*state.scenario.target)
    melon = pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u)
    assert len(pixels_of(frame, FLESH, melon)) > 0.25 * u * u             # split
    assert len(pixels_of(frame, chart.PALETTE[0], layout(SIZE).beach.inflate(0, -layout(SIZE).beach.h * 0.8)
                         .move(0, -layout(SIZE).beach.h * 0.4))) > 200    # the winner's banner, in its colour
    before = state.race.traces[1][-1]
    while state.race.traces[1][-1].step < before.step + 3:
        state.advance(FIXED_DT)
    assert state.race.outcomes[1] is None                   # the slow racer walks on toward it
    assert len(pixels_of(draw(state), FLESH, melon)) > 0.25 * u * u         # and it stays split
    state = finished((0.5, 0.1), at=choreography.SPLIT_AT + 0.6)
    assert state.race.outcomes == ["hit", "hit"] and state.hit_order == [0, 1]
    # The two stand on either side of it to swing.
    sides = [r.swing_facing for r in state.runners()]
    assert sides[0] == -sides[1]


def test_racers_that_split_it_on_the_same_step_share_the_banner():
    """lr 0.5 and 1.5 multiply the offset by ±0.5: the same distances, both hit on step 5. The
    banner must not name one of them the winner."""
    state = finished((0.05, 0.5, 1.5), at=0.0, scenario=SCENARIOS["beach"].replace(max_steps=20))
    d0 = math.dist(SCENARIOS["beach"].start, SCENARIOS["beach"].target)
    k = math.ceil(math.log(0.5 / d0) / math.log(0.5))
    assert [len(t) - 1 for t in state.race.traces[1:]] == [k, k]
    assert state.tied_winners == [1, 2]
    assert finished((0.5, 0.1), at=0.0).tied_winners == [0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_racer_gets_its_own_ending(lang):
    scenario = SCENARIOS["beach"].replace(max_steps=8)
    state = finished((0.5, 0.01, 2.5), at=2.0, scenario=scenario)
    state.lang = lang
    assert state.race.outcomes == ["hit", "max_steps", "diverged"]
    frame = draw(state)
    cam = camera_for(SIZE, scenario.bounds)
    u = unit(cam)
    wx, wy = cam.to_screen(*scenario.target)
    assert len(pixels_of(frame, FLESH, pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u))) > 20
    tired = state.race.traces[1][-1]
    fx, fy = cam.to_screen(tired.x, tired.y)
    near_head = pygame.Rect(fx - 1.5 * u, fy - 3.5 * u, 3.5 * u, 3 * u)
    assert len(pixels_of(frame, (90, 110, 180), near_head)) > 10            # zzz
    sea = [r for r in state.runners() if r.outcome == "diverged"][0]
    from game.drawers.player import player_view
    view = player_view(sea, cam)
    assert view.swimming and not scenario.contains(view.x, view.y)
    sx, sy = cam.to_screen(view.x, view.y)
    assert len(pixels_of(frame, (250, 253, 255), pygame.Rect(sx - 2 * u, sy - 2.5 * u, 4 * u, 3 * u))) > 20
    table = state.hud_table()
    outcomes = [i18n.tr(f"outcome_name.{o}", lang) for o in ("hit", "max_steps", "diverged")]
    assert [row[3] for row in table.rows] == outcomes
    assert [row[1] for row in table.rows] == [str(t[-1].step) for t in state.race.traces]


def test_every_ending_plays_its_sounds():
    app = App(SCENARIOS["beach"].replace(max_steps=8), lang="en", size=SIZE, sound=False, autoplay=True,
              race=(0.5, 0.01, 2.5, 1.0))
    for _ in range(60 * 8):
        app.tick(FIXED_DT)
    played = app.sounds.played
    for name in ("step", "swing", "split", "splash", "tired"):
        assert name in played
    assert played.count("split") == 2                    # two racers split it, at different times


def test_up_and_down_scale_every_lr_together_r_keeps_them_and_shift_r_restores_them():
    app = App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, race=(0.1, 0.5, 1.9))
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))
    assert app.state.lrs == pytest.approx((0.125, 0.625, 2.375))
    assert [s.lr for s in app.state.race.scenarios] == list(app.state.lrs)
    assert i18n.tr("status.race_lr", "en") in app.state.message and "2.375" in app.state.message
    for _ in range(40):
        app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))
    assert max(app.state.lrs) == lr_steps.LR_MAX
    scaled = app.state.lrs
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0, unicode="", scancode=0))
    assert app.state.lrs == scaled and app.state.ticks == 0
    assert [s.lr for s in app.state.race.scenarios] == list(scaled)
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0))
    assert app.state.lrs == (0.1, 0.5, 1.9) and app.state.ticks == 0


def test_clicks_move_the_watermelon_and_the_start_and_restart_the_race():
    app = App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False, autoplay=True, race=(0.1, 0.5))
    for _ in range(60):
        app.tick(FIXED_DT)
    assert app.state.ticks > 0
    cam = camera_for(SIZE, app.state.scenario.bounds)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(300, 400), button=1))
    assert app.state.scenario.target == pytest.approx(cam.to_world(300, 400))
    assert app.state.ticks == 0 and all(s.target == app.state.scenario.target for s in app.state.race.scenarios)
    app.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(200, 200), button=3))
    start = cam.to_world(200, 200)
    assert all((t[0].x, t[0].y) == pytest.approx(start) for t in app.state.race.traces)


def test_space_on_a_finished_race_races_again():
    state = finished((0.5, 1.0), at=0.5)
    state.toggle_pause()
    assert state.ticks == 0 and not state.paused and state.ending_ts == [-1.0, -1.0]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_says_that_lr_changes_every_racer(lang):
    state = RaceMode(SCENARIOS["beach"], lang, SIZE, lrs=(0.1, 0.5))
    rows = dict(state.help_rows())
    assert i18n.tr("status.race_lr", lang) in rows["↑ / ↓"]
    assert len(rows) == len(HELP_ROWS)
    without = draw(state)
    state.toggle("help")
    assert (draw(state) != without).any(axis=-1).mean() > 0.5


def test_a_race_has_at_most_one_colour_per_racer():
    with pytest.raises(ValueError, match="1 to 8 step sizes"):
        RaceMode(SCENARIOS["beach"], "en", SIZE, lrs=tuple(0.1 * k for k in range(1, 10)))
    with pytest.raises(ValueError, match="1 to 8"):
        RaceMode(SCENARIOS["beach"], "en", SIZE, lrs=())


@pytest.mark.parametrize("size", [(800, 600), (480, 320), (700, 1000)])
def test_the_race_fits_small_and_tall_windows(size):
    state = finished((0.1, 0.5, 1.9), at=1.0)
    state.resize(size)
    scene = Scene()
    frame = draw(state, size, scene)
    assert frame.shape[:2] == size
    rects = scene.chart_rects(layout(size), state)
    assert rects and all(layout(size).panel.contains(r) for r in rects)


def test_render_png_saves_the_final_scene(tmp_path: Path):
    race = Race(SCENARIOS["beach"], (0.1, 0.5, 1.9))
    race.run()
    out = tmp_path / "race.png"
    render_png(race, out, lang="ja", size=(960, 540))
    assert [p.name for p in tmp_path.iterdir()] == ["race.png"]
    frame = pygame.surfarray.array3d(pygame.image.load(str(out)))
    assert frame.shape[:2] == (960, 540)
    cam = camera_for((960, 540), race.scenario.bounds)
    u = unit(cam)
    wx, wy = cam.to_screen(*race.scenario.target)
    assert len(pixels_of(frame, FLESH, pygame.Rect(wx - 1.5 * u, wy - 1.5 * u, 3 * u, 3 * u))) > 20
    beach = layout((960, 540)).beach
    for colour in chart.PALETTE[:3]:
        assert len(pixels_of(frame, colour, beach)) > 50            # every racer is on the beach


def test_play_race_headless_saves_the_last_frame(tmp_path):
    shot = tmp_path / "race.png"
    done = cli("play", "--race", "0.1,0.5,1.9", "--autoplay", "--max-frames", "90", "--screenshot", str(shot),
                   "--size", "960x540", "--mute", "--lang", "en")
    assert done.returncode == 0, done.stderr
    frame = pygame.surfarray.array3d(pygame.image.load(str(shot)))
    assert frame.shape[:2] == (960, 540)
    beach = layout((960, 540)).beach
    for colour in chart.PALETTE[:3]:
        assert len(pixels_of(frame, colour, beach)) > 50


@pytest.mark.parametrize("args, named", [
    (["--race", "0.1,x"], "'x'"),
    (["--race", ""], "no step sizes"),
    (["--race", "0.1,-1"], "-1"),
    (["--race", "0.01:2:9"], "at most 8 racers in the window"),
    (["--race", "0.1", "--lr", "0.2"], "--lr"),
    (["--race", "0.1", "--population", "5"], "not allowed"),
])
def test_play_race_bad_input_exits_2_with_one_line(args, named):
    done = cli("play", *args, "--max-frames", "1")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and done.stdout == ""
    assert len(lines) == 1 and lines[0].startswith("main.py play: error:") and named in lines[0], done.stderr


def test_tags_of_racers_on_one_spot_go_beside_them_one_under_another():
    """At the end of a race the racers crowd round the watermelon: their tags must not cover each
    other or the heads; the first stays over its head, the rest stand in a column beside it."""
    from game.drawers.racers import draw_tags
    surf = pygame.Surface((400, 300))
    head = pygame.Rect(190, 150, 20, 20)
    names = ["GD 0.95", "Momentum 0.1", "AdaGrad 1.5", "Adam 0.3"]
    boxes = draw_tags(surf, [(head, n, c) for n, c in zip(names, chart.PALETTE)], 30.0, surf.get_rect())
    assert len(boxes) == 4 and boxes[0].centerx == head.centerx and boxes[0].bottom <= head.top
    assert all(a.collidelist([b for b in boxes if b is not a]) < 0 for a in boxes)
    assert all(not b.colliderect(head) and b.left > boxes[0].right for b in boxes[1:])
    assert [b.top for b in boxes[1:]] == sorted(b.top for b in boxes[1:]) and len({b.left for b in boxes[1:]}) == 1
    apart = [(pygame.Rect(40 + 120 * i, 150, 20, 20), n, chart.PALETTE[i]) for i, n in enumerate(names[:3])]
    assert [b.centerx for b in draw_tags(surf, apart, 30.0, surf.get_rect())] == [50, 170, 290]


def test_the_heatmap_legend_keeps_off_the_textbook_races_start():
    """The textbook race starts at (−7, 2), near the sand's left edge, where the legend sat."""
    from game.modes import showing
    from game.modes.beach_parts import draw_legend
    from game.scene import camera_for
    from sim import SCENARIOS, Race
    from sim.walking.racers import parse_racers
    scenario = SCENARIOS["textbook"]
    race = Race(scenario, parse_racers(scenario.race))
    for size in ((1280, 720), (640, 480)):
        mode = showing(race, lang="en", size=size, ending_t=0.0)
        mode.toggles.heatmap = True
        cam = camera_for(size, scenario.bounds)
        place = draw_legend(pygame.Surface(size), cam, mode, [])
        assert place is not None and not place.collidepoint(cam.to_screen(*scenario.start))


@pytest.mark.parametrize("head_at", [(150, 160), (280, 300), (20, 30), (150, 300)])
def test_eight_name_tags_never_cover_one_another_even_at_the_sands_edge(head_at):
    """Eight racers on one spot near the bottom of a small beach: the column of tags beside them
    ran off the bottom, was pushed back up and piled onto itself."""
    import itertools

    from game.drawers import racers
    area = pygame.Rect(0, 0, 300, 320)
    for u in (8, 12, 20):
        head = pygame.Rect(head_at[0] - 5, head_at[1] - 5, 10, 10)
        rects = racers.draw_tags(pygame.Surface((480, 320)), [(head, f"momentum 0.{k}", (200, 100, 50)) for k in range(8)],
                                 u, area)
        assert all(area.contains(r) for r in rects)
        assert not [(a, b) for a, b in itertools.combinations(rects, 2) if a.colliderect(b)]


def test_the_table_names_a_divergence_once_the_racer_splashes_not_while_it_runs():
    """A race's GIF said 'diverged' in the table while that racer was still drawn on the sand."""
    from game import choreography as ch
    from game.modes import showing
    race = Race(SCENARIOS["beach"], [0.1, 2.5])
    race.run()
    assert race.outcomes[1] == "diverged"
    running = showing(race, lang="en", size=SIZE, ending_t=ch.RUN_SECONDS / 2)
    assert running.hud_table().rows[1][-1] == i18n.tr("hud.running", "en")
    splashed = showing(race, lang="en", size=SIZE, ending_t=ch.RUN_SECONDS + 0.1)
    assert splashed.hud_table().rows[1][-1] == i18n.tr("outcome_name.diverged", "en")
