"""The optimizers in the window, checked by states and pixels: O cycles them and restarts the walk
with the one chosen, the HUD and the toast name it; momentum's velocity arrow points the way the
velocity does; the adaptive optimizers' ellipse is wide where x steps are scaled up; the step's
arrow and card are the step the player makes; a race of optimizers names them; with noise the
friends disagree round the true slope; a schedule's lr per step is charted."""
from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, Walk
from sim.walking.optimizers import OPTIMIZER_NAMES

from game import i18n
from game.app import App
from game.controls import HELP_ROWS, KEYS, Action
from game.drawers import friends, optimizer, probes, unit
from game.scene import camera_for, layout
from game.modes.race import RaceMode
from game.modes.walk import WalkMode
from frames import SIZE, draw, key, pixels_of

TEXTBOOK = SCENARIOS["textbook"]


def walked(scenario, steps: int, lang: str = "en", size=SIZE) -> WalkMode:
    """A paused view of ``scenario`` after ``steps`` updates, at rest."""
    state = WalkMode(scenario, lang, size)
    for _ in range(steps):
        state.step_once()
    state.advance(1.0)
    return state


def around_feet(state: WalkMode) -> pygame.Rect:
    """The beach round the player's feet (pixels), three sprite units each way: off the key."""
    cam = camera_for(SIZE, state.scenario.bounds)
    row = state.walk.trace[-1]
    x, y = cam.to_screen(row.x, row.y)
    r = 3 * unit(cam)
    return pygame.Rect(round(x - r), round(y - r), round(2 * r), round(2 * r))


def direction_of(points: np.ndarray, origin: tuple[float, float]) -> np.ndarray:
    """The unit vector (screen pixels) from ``origin`` to the centroid of ``points``."""
    d = points.mean(axis=0) - np.asarray(origin)
    return d / np.linalg.norm(d)


# -- choosing the optimizer ------------------------------------------------------------------------
def test_o_cycles_the_optimizers_and_restarts_the_walk_with_each():
    assert KEYS[pygame.K_o] is Action.OPTIMIZER and HELP_ROWS["optimizer"] == (Action.OPTIMIZER,)
    a = App(SCENARIOS["beach"], lang="en", size=SIZE, sound=False)
    seen = []
    for _ in range(len(OPTIMIZER_NAMES)):
        a.state.step_once()
        a.state.step_once()
        assert a.state.walk.steps == 2
        a.handle(key(pygame.K_o))
        s = a.state.scenario
        seen.append(s.optimizer)
        assert a.state.walk.steps == 0 and a.state.walk.scenario is s     # a fresh walk with it
        name = i18n.optimizer_text(s.optimizer, s.optimizer_info()["hyperparameters"], "en")
        assert a.state.message == f"Optimizer: {name}"
        assert (i18n.tr("hud.optimizer", "en"), name) in a.state.hud_rows()
    assert seen == [*OPTIMIZER_NAMES[1:], "gd"]
    a.state.step_once()
    for _ in range(2):   # gd -> momentum -> nesterov
        a.handle(key(pygame.K_o))
    # The walk with Nesterov is the walk a scenario with Nesterov makes, row for row.
    for _ in range(4):
        a.state.step_once()
    expected = Walk(SCENARIOS["beach"].replace(optimizer="nesterov"))
    for _ in range(4):
        expected.step()
    assert [(r.x, r.y) for r in a.state.walk.trace] == [(r.x, r.y) for r in expected.trace]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_help_and_the_hud_name_the_optimizer_with_its_hyperparameters(lang):
    state = WalkMode(SCENARIOS["beach"].replace(optimizer="adam", beta1=0.8), lang, SIZE)
    rows = dict(state.hud_rows())
    assert rows[i18n.tr("hud.optimizer", lang)] == "Adam (β1 0.8 · β2 0.999 · ε 1e-08)"
    assert ("O", i18n.tr("help.optimizer", lang, optimizers="gd, momentum, nesterov, adagrad, rmsprop, adam")) \
        in state.help_rows()


def test_a_race_given_its_optimizers_keeps_them_when_o_is_pressed():
    state = RaceMode(TEXTBOOK, "en", SIZE, lrs=(0.95, 0.1), optimizers=("gd", "adam"))
    state.cycle_optimizer()
    assert state.race.optimizers == ["gd", "adam"]
    assert state.message == i18n.tr("status.own_optimizers", "en")
    plain = RaceMode(SCENARIOS["beach"], "en", SIZE, lrs=(0.1, 0.5))
    plain.cycle_optimizer()
    assert plain.race.optimizers == ["momentum", "momentum"]


# -- what each optimizer carries, on the beach -------------------------------------------------------
@pytest.mark.parametrize("name", ["momentum", "nesterov"])
def test_the_velocity_arrow_points_the_way_the_velocity_does(name):
    state = walked(TEXTBOOK.replace(optimizer=name, lr=0.1), 3)
    row = state.walk.trace[-1]
    vx, vy = optimizer.velocity(row)
    assert (vx, vy) != (0.0, 0.0)
    cam = camera_for(SIZE, state.scenario.bounds)
    arrow = pixels_of(draw(state), optimizer.VELOCITY, around_feet(state))
    assert len(arrow) > 30
    seen = direction_of(arrow, cam.to_screen(row.x, row.y))
    assert float(seen @ (np.array([vx, -vy]) / math.hypot(vx, vy))) > 0.95   # screen y grows down
    state.toggle("arrow")
    assert len(pixels_of(draw(state), optimizer.VELOCITY, layout(SIZE).beach)) == 0


def test_gd_has_no_velocity_arrow_and_no_key():
    state = walked(TEXTBOOK.replace(optimizer="gd"), 3)
    assert optimizer.velocity(state.walk.trace[-1]) is None
    frame = draw(state)
    assert len(pixels_of(frame, optimizer.VELOCITY, layout(SIZE).beach)) == 0
    assert optimizer.key_lines(state.walk.trace[-1], 0.95, "gd", 0.0, "en") == []


@pytest.mark.parametrize("name", ["adagrad", "rmsprop", "adam"])
def test_the_scale_ellipse_is_wide_where_the_optimizer_scales_x_steps_up(name):
    """On x²/20 + y² the slope is gentle along x: the adaptive optimizers scale x steps up."""
    state = walked(TEXTBOOK.replace(optimizer=name, lr=0.3), 3)
    row = state.walk.trace[-1]
    lx, ly = optimizer.lr_per_axis(row, state.move.lr)
    assert lx > 1.5 * ly
    cam = camera_for(SIZE, state.scenario.bounds)
    box = optimizer.scale_ellipse(cam, row.x, row.y, (lx, ly))
    u = unit(cam)
    assert box.w == pytest.approx(2 * optimizer.SCALE_RADIUS * u, abs=1)
    assert box.h == pytest.approx(2 * max(optimizer.SCALE_LEAST, optimizer.SCALE_RADIUS * ly / lx) * u, abs=1)
    outline = pixels_of(draw(state), optimizer.SCALE, around_feet(state))
    width = np.ptp(outline[:, 0])
    height = np.ptp(outline[:, 1])
    assert width > 1.5 * height                                   # it reads wide
    assert box.inflate(4, 4).collidepoint(*outline.min(axis=0)) and box.inflate(4, 4).collidepoint(*outline.max(axis=0))
    assert abs(height - box.h) <= 3


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_key_names_what_is_drawn_and_the_lr_per_axis(lang):
    state = walked(TEXTBOOK.replace(optimizer="adagrad", lr=1.5), 2, lang)
    row = state.walk.trace[-1]
    lines = optimizer.key_lines(row, state.move.lr, "adagrad", 0.0, lang)
    assert [kind for kind, _ in lines] == ["step", "slope", "scale"]
    lx, ly = optimizer.lr_per_axis(row, 1.5)
    assert lines[2][1] == i18n.tr("key.scale", lang, x=f"{lx:.3g}", y=f"{ly:.3g}")
    # AdaGrad's scale is 1 / (√Σg² + ε): after two updates from (−7, 2), by the book's rule.
    g = [(r.heard_x, r.heard_y) for r in state.walk.trace[:2]]
    hx = sum(a * a for a, _ in g)
    assert lx == pytest.approx(1.5 / (math.sqrt(hx) + TEXTBOOK.eps), rel=1e-9)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_the_step_arrow_and_its_card_are_the_step_the_player_makes(name):
    state = walked(TEXTBOOK.replace(optimizer=name, lr=0.2), 2)
    move = state.move
    state.step_once()
    before, after = state.walk.trace[-2], state.walk.trace[-1]
    assert (move.dx, move.dy) == pytest.approx((after.x - before.x, after.y - before.y), rel=1e-12, abs=1e-15)
    names, sums = probes.step_sum(move, name, "en")
    assert sums.endswith(f"{math.hypot(move.dx, move.dy):.3g} m")
    assert names == ("lr × |grad|" if name == "gd" else i18n.tr(f"rule.{name}", "en"))


# -- a race of optimizers ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_race_legend_tags_and_table_name_the_optimizers(lang):
    state = RaceMode(TEXTBOOK, lang, SIZE, lrs=(0.95, 0.1, 1.5, 0.3),
                      optimizers=("gd", "momentum", "adagrad", "adam"))
    specs, _ = state.chart_specs()
    labels = [s.label for s in specs[0].series if s.label]
    assert labels == [i18n.tr("legend.racer", lang, name=n, lr=lr)
                      for n, lr in (("GD", 0.95), ("Momentum", 0.1), ("AdaGrad", 1.5), ("Adam", 0.3))]
    assert specs[0].title.startswith(i18n.tr("chart.race_optimizers", lang))
    assert [r.name for r in state.runners()] == ["GD 0.95", "Momentum 0.1", "AdaGrad 1.5", "Adam 0.3"]
    assert [row[0] for row in state.hud_table().rows] == [r.name for r in state.runners()]
    plain = RaceMode(SCENARIOS["beach"], lang, SIZE, lrs=(0.1, 0.5))
    assert [r.name for r in plain.runners()] == [i18n.tr("hud.racer", lang, lr=lr) for lr in (0.1, 0.5)]


def test_each_racer_s_arrow_is_its_own_next_step():
    state = RaceMode(TEXTBOOK, "en", SIZE, lrs=(0.95, 0.1, 1.5, 0.3), optimizers=("gd", "momentum", "adagrad", "adam"))
    for _ in range(3):
        state.step_once()
    state.advance(1.0)
    moves = [(r.move.dx, r.move.dy) for r in state.runners()]
    state.step_once()
    for (dx, dy), trace in zip(moves, state.race.traces):
        assert (dx, dy) == pytest.approx((trace[-1].x - trace[-2].x, trace[-1].y - trace[-2].y), rel=1e-12)


# -- noisy friends ------------------------------------------------------------------------------------
def test_with_noise_the_friends_disagree_round_the_true_slope():
    """On the squared loss the slope at a spot off by N(0, S²) is the true slope off by S·N(0, 1)."""
    s = SCENARIOS["beach"].replace(noise=0.5)
    state = walked(s, 2)
    row = state.walk.trace[-1]
    heard = state.friends_heard(row, 4000)
    off = heard - np.array([[row.grad_x], [row.grad_y]])
    assert np.abs(off.mean(axis=1)).max() < 0.05
    assert off.std(axis=1) == pytest.approx([0.5, 0.5], rel=0.06)
    assert np.array_equal(state.friends_heard(row, 2), state.friends_heard(row, 2))   # the same picture each frame
    # The friend who talks shouts what the player heard; the other two each show their own arrow.
    cam = camera_for(SIZE, s.bounds)
    heads = friends.head_rects(cam, s.bounds)
    frame = draw(state)
    quiet = draw(walked(SCENARIOS["beach"], 2))
    louder = [len(pixels_of(frame, friends.HINT_ARROW, over)) > len(pixels_of(quiet, friends.HINT_ARROW, over))
              for over in (friends.hint_bubble_rect(cam, head) for head in heads)]
    assert sum(louder) >= 2            # over every friend but the one who talks (as without noise)


def test_the_shout_and_the_step_follow_what_the_player_heard():
    state = walked(SCENARIOS["beach"].replace(noise=2.0), 3)
    row = state.walk.trace[-1]
    assert (row.heard_x, row.heard_y) != (row.grad_x, row.grad_y)
    assert optimizer.heard_hint(row) == (-row.heard_x, -row.heard_y, math.hypot(row.heard_x, row.heard_y))
    move = state.move
    assert (move.dx, move.dy) == (-move.lr * row.heard_x, -move.lr * row.heard_y)
    kinds = [k for k, _ in optimizer.key_lines(row, move.lr, "gd", 2.0, "en")]
    assert kinds == ["step", "slope", "heard"]


# -- schedules -----------------------------------------------------------------------------------------
def test_a_schedule_charts_lr_per_step_with_a_dot_at_the_step_shown():
    s = SCENARIOS["beach"].replace(schedule="step", every=3, decay=0.5, lr=0.2)
    state = walked(s, 4)
    specs, required = state.chart_specs()
    assert required == 2 and len(specs) == 2
    line, dot = specs[1].series
    n = len(line.xs)
    assert list(line.xs) == list(range(1, n + 1))
    assert list(line.ys) == pytest.approx([0.2 * 0.5 ** ((t - 1) // 3) for t in range(1, n + 1)])
    assert list(dot.xs) == [5.0] and list(dot.ys) == pytest.approx([state.move.lr]) and state.move.lr == 0.1
    assert dict(state.hud_rows())[i18n.tr("hud.step_lr", "en")] == "0.1"
    assert len(walked(SCENARIOS["beach"], 4).chart_specs()[0]) == 1            # constant: no lr chart


@pytest.mark.parametrize("size", [(1280, 720), (640, 480)])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_stacked_lr_chart_says_its_y_axis_is_the_learning_rate(size, lang):
    """Two charts stacked in the panel leave no room for axis labels: the lr chart's title names it."""
    from game.chart.layout import chart_layout
    from game.scene import Scene
    state = walked(SCENARIOS["beach"].replace(schedule="cosine"), 3, lang, size)
    scene = Scene()
    draw(state, size, scene)
    specs, _ = state.chart_specs()
    rects = scene.chart_rects(layout(size), state)
    assert len(rects) == 2 and rects[1].h > 0
    shown = [t.s for t in chart_layout(rects[1], specs[1])._texts]
    assert any(i18n.tr("axis.lr", lang).lower() in t.lower() for t in shown), shown
