"""The public Python API refuses bad arguments as the command line does: ValueError or TypeError
naming the parameter and what would be accepted, never AttributeError, IndexError or silence."""
from __future__ import annotations

import math

import numpy as np
import pytest

from sim import (CellWalk, LearnSettings, Race, Scenario, Swarm, Walk, get_scenario, hyperparameter_map, parse_grid,
                 parse_lrs, sweep)
from sim.learning.learn import learn
from sim.walking.gradient import numerical_gradient
from sim.walking.optimizers import make_optimizer

NAN = float("nan")


@pytest.mark.parametrize("call, error, says", [
    (lambda: Swarm(Scenario(), [0], [0], lr=NAN), ValueError, "lr must be step sizes >= 0 (not negative, not NaN)"),
    (lambda: Swarm(Scenario(), [0, 1], [0, 1], lr=[0.1, -1]), ValueError, "lr must be step sizes >= 0"),
    (lambda: Swarm(Scenario(), [0, 1], [0, 1], lr=[1, 2, 3]), ValueError, "lr must be one step size or one per player (2)"),
    (lambda: Swarm(Scenario(), [0], [0], lr="fast"), TypeError, "lr must be a number"),
    (lambda: Swarm("beach", [0], [0]), TypeError, "scenario must be a Scenario"),
    (lambda: Swarm(Scenario(), [0, 1], [0]), ValueError, "x0 and y0 must have the same length, got 2 and 1"),
    (lambda: make_optimizer("adam", beta1=1.0), ValueError, "beta1 must be in [0, 1), got 1"),
    (lambda: make_optimizer("momentum", momentum=NAN), ValueError, "momentum must be a finite number"),
    (lambda: make_optimizer("rmsprop", rho=-0.1), ValueError, "rho must be in [0, 1)"),
    (lambda: make_optimizer("adam", eps=0), ValueError, "eps must be a positive number"),
    (lambda: make_optimizer("adam", beta=0.9), TypeError, "unknown hyperparameter 'beta' (accepted: momentum, beta1"),
    (lambda: make_optimizer("adam", beta1="0.9"), TypeError, "beta1 must be a number"),
    (lambda: make_optimizer(None), ValueError, "unknown optimizer None (choose from gd,"),
    (lambda: numerical_gradient(Scenario().loss_fn, [1], [1], 0, 0, 0), ValueError, "h must be a positive number, got 0"),
    (lambda: numerical_gradient(Scenario().loss_fn, [1], [1], 0, 0, NAN), ValueError, "h must be a finite number"),
    (lambda: LearnSettings(lr=-0.5), ValueError, "lr must be a positive number"),
    (lambda: LearnSettings(beta2=1.0), ValueError, "beta2 must be in [0, 1)"),
    (lambda: LearnSettings(hidden=1.5), TypeError, "hidden must be a whole number, got float 1.5"),
    (lambda: LearnSettings(epochs=True), TypeError, "epochs must be a whole number, got bool"),
    (lambda: LearnSettings(val="0.2"), TypeError, "val must be a number"),
    (lambda: LearnSettings(batch=0), ValueError, "batch must be a whole number from 1 to 10,000"),
    (lambda: LearnSettings(epochs=3, bogus=1), TypeError, "unexpected keyword argument 'bogus'"),
    (lambda: Walk("beach"), TypeError, "scenario must be a Scenario"),
    (lambda: Walk(Scenario(), keep=0), ValueError, "keep (None: the whole trace) must be a whole number from 1"),
    (lambda: get_scenario(3), TypeError, "get_scenario takes a scenario's name or a .toml file's path, got int"),
    (lambda: get_scenario(None), TypeError, "got NoneType"),
    (lambda: Scenario().lr_per_step(-1), ValueError, "n must be a whole number from 0 to 10,000,000, got -1"),
    (lambda: Scenario().lr_per_step(2.5), TypeError, "n must be a whole number, got float"),
    (lambda: Scenario().lr_per_step(5, lr=NAN), ValueError, "lr must be a finite number"),
    (lambda: Scenario().lr_per_step(10**12), ValueError, "n must be a whole number from 0 to 10,000,000"),
    (lambda: parse_grid(5), TypeError, "a grid is a str like 'lr=0.01:3:20,momentum=0:0.9:10', got int"),
    (lambda: parse_grid(None), TypeError, "got NoneType"),
    (lambda: parse_lrs(0.1), TypeError, "step sizes are a str like '0.01,0.1,1.9' or '0.001:3:25', got float"),
    (lambda: hyperparameter_map(None, parse_grid("lr=0.1:1:2,noise=0:1:2")), TypeError, "scenario must be a Scenario"),
    (lambda: sweep("beach", [0.1]), TypeError, "scenario must be a Scenario"),
    (lambda: Race(None, [0.1]), TypeError, "scenario must be a Scenario"),
    (lambda: CellWalk("map.json", 0, 0), TypeError, "a CellWalk walks a cell of a HyperparameterMap"),
    # progress callbacks are checked before any walking
    (lambda: Swarm(Scenario(), [0], [0]).run(5), TypeError, "on_step must be a function or None, got int 5"),
    (lambda: sweep(Scenario(), [0.1], 3, on_players=5), TypeError, "on_players must be a function or None"),
    (lambda: hyperparameter_map(Scenario(), parse_grid("lr=0.1:1:2,noise=0:1:2"), on_cells="x"), TypeError,
     "on_cells must be a function or None, got str 'x'"),
    # a sweep's step sizes and optimizers are sequences: a str's letters are not its items
    (lambda: sweep(Scenario(), "0.001:3:25"), TypeError, "lrs must be a sequence like [0.01, 0.1, 1.9] "
     "(sim.parse_lrs reads '0.001:3:25'), got str '0.001:3:25'"),
    (lambda: sweep(Scenario(), 0.1), TypeError, "lrs must be a sequence like [0.01, 0.1, 1.9]"),
    (lambda: sweep(Scenario(), np.array(0.1)), TypeError, "lrs must be a sequence like [0.01, 0.1, 1.9]"),
    (lambda: sweep(Scenario(), [0.1], optimizers="adam"), TypeError,
     "optimizers must be a sequence like ['gd', 'adam'], got str 'adam'"),
    (lambda: Walk(Scenario(max_steps=3), on_row=5), TypeError, "on_row must be a function or None, got int 5"),
    (lambda: learn(LearnSettings(epochs=1, limit=100), on_epoch=[]), TypeError, "on_epoch must be a function or None"),
])
def test_bad_arguments_are_named_with_what_is_accepted(call, error, says):
    with pytest.raises(error) as caught:
        call()
    assert says in str(caught.value)


def test_lr_per_step_of_a_long_schedule_is_computed_at_once_with_the_walks_own_factors():
    s = Scenario(schedule="cosine", max_steps=10**6, floor=0.1, warmup=3)
    lrs = s.lr_per_step()                                    # a million step sizes, no Python loop
    assert lrs.shape == (10**6,) and lrs[0] == s.lr / 3 and lrs[-1] == pytest.approx(0.1 * s.lr)
    schedule = s.lr_schedule
    for t in (0, 2, 3, 499_999, 10**6 - 1):                 # the walk's factor(t), the same bits
        assert lrs[t] == s.lr * schedule.factor(t)
        want = 0.1 + 0.9 * (1 + math.cos(math.pi * min(t - 3, 10**6 - 3) / (10**6 - 3))) / 2 if t >= 3 else (t + 1) / 3
        assert schedule.factor(t) == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_animation_sizes_out_of_range_are_refused_before_drawing():
    from game.animation import MAX_SIZE
    from game.notebook import animation

    walk = Walk(Scenario(max_steps=2))
    for size, error in (((100, 100), ValueError), ((MAX_SIZE[0] + 1, 600), ValueError), ((640.0, 360), TypeError),
                        ("640x360", TypeError), ((640, 360, 3), TypeError)):
        with pytest.raises(error, match="size must"):
            animation(walk, size=size)


def test_a_swarm_refusing_a_bad_callback_keeps_what_it_walked():
    """on_step is checked before run touches the swarm: where each player stood after two
    updates (places) stays as the last run left it."""
    swarm = Swarm(Scenario(max_steps=6, reach=0.0, tol=0.0), [3.0, -4.0], [1.0, 2.0], lr=0.2)
    swarm.run(place_after=2)
    kept = swarm.places.copy()
    with pytest.raises(TypeError, match="on_step must be a function or None"):
        swarm.run("each step", place_after=6)
    assert np.array_equal(swarm.places, kept) and swarm.tick == 6
    # (3, 1) and (−4, 2) walk toward the watermelon by a factor 1 − lr each update
    assert np.allclose(kept, np.array([[3.0, -4.0], [1.0, 2.0]]) * 0.8**2 + np.array(Scenario().target)[:, None] * (1 - 0.8**2))
