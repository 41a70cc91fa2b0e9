"""The blindfold game, headless: its rules, its score and its comparison with the algorithms."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

import main
from sim import SCENARIOS
from sim.beach.beaches import BEACHES
from sim.walking.blindfold import (LEVELS, MAX_MISSES, START_DISTANCE, STRIDE, WATERMELON_MARGIN, BlindfoldGame,
                                   IllegalMove)


def walk_to(game: BlindfoldGame, distance: float) -> None:
    """Stride straight at the (peeked-at) watermelon until ``distance`` metres from it."""
    while game.distance > distance + 1e-9:
        (x, y), (tx, ty) = game.position, game.watermelon
        game.stride((tx - x, ty - y), min(STRIDE, game.distance - distance))


@pytest.mark.parametrize("level", LEVELS)
def test_a_taste_is_the_loss_at_the_four_probes(level):
    game = BlindfoldGame(level, seed=3)
    game.stride((1, 2), 1.5)
    taste = game.taste()
    (x, y), h, (tx, ty) = game.position, game.scenario.h, game.watermelon
    assert taste.points.tolist() == [[x + h, y], [x - h, y], [x, y + h], [x, y - h]]
    if level == "beach":   # the squared loss, in closed form
        expected = [0.5 * ((px - tx) ** 2 + (py - ty) ** 2) for px, py in taste.points]
    else:                  # the beach's own loss, one point at a time
        expected = [float(BEACHES[level].value(np.array(px), np.array(py), tx, ty)) for px, py in taste.points]
    np.testing.assert_allclose(taste.values, expected, rtol=1e-13)
    assert game.tastes == [taste]   # the mark stays, with its value
    assert taste.value == pytest.approx(float(game.scenario.loss_fn(x, y, tx, ty)), rel=1e-6)


def test_the_shout_is_the_slope_where_the_learner_stands():
    game = BlindfoldGame("beach", seed=5)
    shout = game.ask()
    (x, y), (tx, ty) = game.position, game.watermelon
    assert (shout.grad_x, shout.grad_y) == pytest.approx((x - tx, y - ty), rel=1e-7)   # ∇½r² = p − t
    assert shout.size == pytest.approx(game.distance, rel=1e-7)
    assert shout.downhill == pytest.approx(((tx - x) / game.distance, (ty - y) / game.distance), rel=1e-7)


def test_the_stride_is_limited():
    game = BlindfoldGame("beach", seed=1)
    x, y = game.position
    assert game.stride((3, 4), STRIDE) == pytest.approx((x + 0.6 * STRIDE, y + 0.8 * STRIDE), abs=1e-12)
    with pytest.raises(IllegalMove, match=f"too long: the longest is {STRIDE:g} m"):
        game.stride((1, 0), STRIDE * 1.01)
    assert game.counts["step"] == 1 and len(game.path) == 2   # the refused stride is not taken


def test_a_step_into_the_sea_is_refused():
    game = BlindfoldGame("beach", seed=2)
    xmin = game.scenario.bounds[0]
    while game.position[0] - STRIDE >= xmin:
        game.stride((-1, 0), STRIDE)
    before = game.position
    with pytest.raises(IllegalMove, match="leaves the sand"):
        game.stride((-1, 0), STRIDE)
    assert game.position == before


@pytest.mark.parametrize("bad, error, name", [
    (((0, 0), 1.0), ValueError, "direction"), (((1, math.nan), 1.0), ValueError, "direction"),
    ((("a", 1), 1.0), TypeError, "direction"), ((1.0, 1.0), TypeError, "direction"),
    (((1, 0), 0.0), ValueError, "length"), (((1, 0), -1.0), ValueError, "length"),
    (((1, 0), math.inf), ValueError, "length"), (((1, 0), "1"), TypeError, "length"),
    (((1, 0), True), TypeError, "length")])
def test_a_bad_stride_is_an_error_naming_the_parameter(bad, error, name):
    game = BlindfoldGame()
    with pytest.raises(error, match=f"^{name} must be"):
        game.stride(*bad)
    assert game.steps == 0 and game.path == [game.start]


def test_it_reports_like_a_play_steps_endings_and_records():
    game = BlindfoldGame("dunes", 4)
    assert (game.steps, game.done, game.endings()) == (0, False, {})
    game.stride((1, 0), 1.0)
    game.taste()
    game.stride((0, 1), 0.5)
    records = game.records()
    assert game.steps == 2 and all(len(column) == 3 for column in records.values())   # row k after k strides
    (x0, y0), (tx, ty) = game.start, game.watermelon
    np.testing.assert_allclose(records["x"], [x0, x0 + 1, x0 + 1])
    np.testing.assert_allclose(records["y"], [y0, y0, y0 + 0.5])
    want = game.scenario.loss_fn(np.array(records["x"]), np.array(records["y"]), tx, ty)
    np.testing.assert_allclose(records["loss"], want)
    game.give_up()
    assert game.done and game.endings() == {"gave_up": 1}


def test_a_swing_within_reach_hits_and_takes_the_blindfold_off():
    game = BlindfoldGame("dunes", seed=7)
    reach = game.scenario.reach
    walk_to(game, 0.9 * reach)
    swing = game.swing()
    assert swing.hit and swing.distance == pytest.approx(0.9 * reach)
    assert game.over and game.ending == "hit"


def test_a_swing_outside_reach_misses_and_enough_misses_end_the_game():
    game = BlindfoldGame("beach", seed=7)
    walk_to(game, 1.1 * game.scenario.reach)
    for i in range(MAX_MISSES):
        assert not game.over
        swing = game.swing()
        assert not swing.hit and swing.distance == pytest.approx(1.1 * game.scenario.reach)
    assert game.misses == MAX_MISSES and game.ending == "misses"


def test_acting_after_the_end_is_illegal():
    game = BlindfoldGame("valley", seed=4)
    game.give_up()
    assert game.ending == "gave_up"
    for act in (game.taste, game.ask, game.swing, game.give_up, lambda: game.stride((1, 0), 1)):
        with pytest.raises(IllegalMove, match="the game is over \\(gave up\\)"):
            act()
    assert game.counts == {"taste": 0, "ask": 0, "step": 0, "swing": 0, "give_up": 1}


def test_the_score_counts_every_action():
    game = BlindfoldGame("decoys", seed=9)
    for act in ("taste", "ask", "taste", "step", "ask", "step", "step", "taste", "swing"):
        game.stride((0.3, -1), 0.5) if act == "step" else getattr(game, act)()
    game.give_up()
    assert game.counts == {"taste": 3, "ask": 2, "step": 3, "swing": 1, "give_up": 1}
    tally = game.tally()
    assert (tally.steps, tally.tastes, tally.swings) == (3, 4 * (3 + 2), 1)
    assert tally.distance == pytest.approx(math.dist(game.position, game.watermelon))
    assert len(game.path) == 4 and len(game.tastes) == 3 and len(game.shouts) == 2


@pytest.mark.parametrize("level", LEVELS)
def test_the_same_seed_hides_the_same_watermelon_a_fair_distance_away(level):
    spots = [BlindfoldGame(level, seed) for seed in range(60)]
    again = [BlindfoldGame(level, seed) for seed in range(60)]
    assert [(g.watermelon, g.start) for g in spots] == [(g.watermelon, g.start) for g in again]
    assert len({g.watermelon for g in spots}) == 60
    xmin, xmax, ymin, ymax = SCENARIOS[level].bounds
    for g in spots:
        (tx, ty), (sx, sy) = g.watermelon, g.start
        assert START_DISTANCE[0] <= math.dist(g.start, g.watermelon) <= START_DISTANCE[1]
        assert xmin + WATERMELON_MARGIN <= tx <= xmax - WATERMELON_MARGIN
        assert ymin + WATERMELON_MARGIN <= ty <= ymax - WATERMELON_MARGIN
        assert g.scenario.contains(sx, sy)


def test_levels_hide_their_watermelons_apart():
    assert len({BlindfoldGame(level, seed=0).watermelon for level in LEVELS}) == len(LEVELS)


def run_json(capsys, scenario, optimizer: str, lr: float) -> dict:
    argv = ["run", "--scenario", scenario.name, "--json", "--optimizer", optimizer, "--lr", repr(lr),
            "--start", ",".join(map(repr, scenario.start)), "--target", ",".join(map(repr, scenario.target)),
            "--seed", str(scenario.seed)]
    capsys.readouterr()
    assert main.main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("level, seed", [("beach", 0), ("valley", 3), ("dunes", 1), ("decoys", 3)])
def test_the_comparison_walks_are_run_from_the_same_start(level, seed, capsys):
    game = BlindfoldGame(level, seed)
    rivals = game.rivals()
    assert [r.optimizer for r in rivals][:1] == ["gd"] and rivals[0].lr == SCENARIOS[level].lr
    assert len(rivals) == (1 if level == "beach" else 2)
    for rival in rivals:
        ran = run_json(capsys, game.scenario, rival.optimizer, rival.lr)
        r = rival.result
        assert (ran["outcome"], ran["steps"]) == (r.outcome, r.steps)
        assert ran["position"] == [r.final.x, r.final.y] and ran["loss"] == r.final.loss
        assert (r.trace[0].x, r.trace[0].y) == game.start
        tally = rival.tally()
        assert (tally.steps, tally.tastes) == (r.steps, 4 * (r.steps + 1))
        assert tally.swings == (1 if r.outcome in ("hit", "stuck") else 0)


def test_the_best_optimizer_is_the_quickest_to_a_hit():
    game = BlindfoldGame("dunes", seed=0)
    best = game.rivals()[1]
    others = [game._walk(name) for name in ("momentum", "nesterov", "adagrad", "rmsprop", "adam")]
    hits = [r.result.steps for r in [game.rivals()[0], *others] if r.result.outcome == "hit"]
    assert best.result.outcome == "hit" and best.result.steps == min(hits)


def test_a_learner_who_steps_where_the_friends_point_walks_gradient_descent():
    game = BlindfoldGame("beach", seed=0)
    lr = game.scenario.lr
    while True:
        shout = game.ask()
        if game.distance < game.scenario.reach:
            break
        game.stride(shout.downhill, lr * shout.size)
    gd = game.rivals()[0].result
    np.testing.assert_allclose(game.path, [(r.x, r.y) for r in gd.trace], atol=1e-12)
    assert game.swing().hit and game.tally().steps == gd.steps


@pytest.mark.parametrize("level, seed, error", [("pit", 0, "unknown blindfold level 'pit'"),
                                                ("beach", -1, "seed must be"), ("beach", 1.5, "seed must be"),
                                                ("beach", True, "seed must be")])
def test_a_bad_level_or_seed_is_a_value_error(level, seed, error):
    with pytest.raises(ValueError, match=error):
        BlindfoldGame(level, seed)


def test_a_beach_too_small_for_a_fair_start_is_a_value_error():
    with pytest.raises(ValueError, match="too small to hide a watermelon"):
        BlindfoldGame(SCENARIOS["beach"].replace(bounds=(-4, 4, -4, 4), target=(0, 0), start=(1, 1)))
