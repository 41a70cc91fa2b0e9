"""Step-size schedules (lr per update against their formulas, and the walk using them) and noisy
friends (reproducible, --noise 0 is the noiseless walk bit for bit, S is the heard gradient's spread)."""
import math

import numpy as np
import pytest

from sim.beach.scenario import Scenario, ScenarioError
from sim.walking.swarm import Swarm
from sim.walking.walk import Walk, trace_rows

BASE = Scenario(lr=0.4, reach=0.0, tol=0.0, max_steps=40)


@pytest.mark.parametrize("fields, expected", [
    ({}, lambda t: 0.4),
    ({"schedule": "step", "decay": 0.5, "every": 10}, lambda t: 0.4 * 0.5 ** (t // 10)),
    ({"schedule": "exp", "decay": 0.5, "every": 10}, lambda t: 0.4 * 0.5 ** (t / 10)),
    ({"schedule": "cosine", "floor": 0.1}, lambda t: 0.4 * (0.1 + 0.9 * (1 + math.cos(math.pi * t / 40)) / 2)),
    ({"warmup": 4}, lambda t: 0.4 * min(1, (t + 1) / 4)),
    ({"schedule": "cosine", "warmup": 8},
     lambda t: 0.4 * ((t + 1) / 8 if t < 8 else (1 + math.cos(math.pi * (t - 8) / 32)) / 2)),
    ({"schedule": "step", "decay": 0.1, "every": 3, "warmup": 2},
     lambda t: 0.4 * ((t + 1) / 2 if t < 2 else 0.1 ** ((t - 2) // 3))),
])
def test_lr_per_step_follows_the_formula_and_the_walk_uses_it(fields, expected):
    s = BASE.replace(**fields)
    want = [expected(t) for t in range(40)]
    assert s.lr_per_step() == pytest.approx(want, rel=1e-12)
    trace = Walk(s).run().trace
    assert math.isnan(trace[0].lr)
    assert [r.lr for r in trace[1:]] == pytest.approx(want, rel=1e-12)
    for a, b, lr in zip(trace, trace[1:], s.lr_per_step()):   # gd: p ← p − lr_t·g, exactly
        assert (b.x, b.y) == (a.x - lr * a.grad_x, a.y - lr * a.grad_y)


def test_cosine_ends_at_its_floor_and_constant_schedules_take_the_fast_path():
    s = BASE.replace(schedule="cosine", floor=0.25)
    assert s.lr_per_step(41)[-1] == pytest.approx(0.1) and s.lr_per_step(1)[0] == 0.4
    assert BASE.lr_schedule.constant and BASE.replace(schedule="step", decay=1.0).lr_schedule.constant
    assert not BASE.replace(warmup=1).lr_schedule.constant


def rows(scenario):
    return [tuple(np.nan_to_num(r, nan=-1e300)) for r in
            (row[:10] for row in trace_rows(Walk(scenario).run().trace))]


def test_noise_zero_is_the_noiseless_walk_bit_for_bit():
    s = Scenario(lr=0.3)
    quiet, zero = Walk(s).run(), Walk(s.replace(noise=0.0, seed=7)).run()
    assert [(r.x, r.y, r.loss, r.grad_x, r.grad_y) for r in quiet.trace] == \
        [(r.x, r.y, r.loss, r.grad_x, r.grad_y) for r in zero.trace]
    assert all(r.heard_x == r.grad_x and r.heard_y == r.grad_y for r in zero.trace)
    # and the same holds for a swarm on the gd fast path: every bit of every player
    x0, y0 = np.linspace(-9, 9, 50), np.linspace(9, -9, 50)
    a, b = Swarm(s, x0, y0).run(), Swarm(s.replace(noise=0.0), x0, y0).run()
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y) and np.array_equal(a.steps, b.steps)


def test_noise_is_seeded():
    s = Scenario(lr=0.3, noise=0.5, seed=3)
    assert rows(s) == rows(s)
    assert rows(s) != rows(s.replace(seed=4))
    walk = Walk(s).run()
    assert any(r.heard_x != r.grad_x for r in walk.trace)


def test_noise_s_is_the_spread_of_the_heard_gradient():
    """On the squared loss the friends judge from a spot off by N(0, S²) per axis: the heard
    gradient is the true one plus S·N(0, 1) per axis, independent between axes."""
    s = Scenario(noise=0.3, seed=1, reach=0.0, tol=0.0)
    n = 20_000
    rng = np.random.default_rng(9)
    swarm = Swarm(s, rng.uniform(-5, 5, n), rng.uniform(-5, 5, n))
    dx, dy = swarm.hx - swarm.gx, swarm.hy - swarm.gy
    for d in (dx, dy):
        assert abs(d.mean()) < 4 * 0.3 / math.sqrt(n)
        assert d.std() == pytest.approx(0.3, rel=0.03)
    assert abs(np.corrcoef(dx, dy)[0, 1]) < 0.03


@pytest.mark.parametrize("fields, named", [
    ({"momentum": -0.1}, "momentum must be in [0, 1), got -0.1"),
    ({"beta1": 1.0}, "beta1 must be in [0, 1)"),
    ({"beta2": -1e-9}, "beta2"),
    ({"rho": 1.5}, "rho"),
    ({"eps": 0.0}, "eps must be a positive number"),
    ({"optimizer": "sgd"}, "unknown optimizer 'sgd' (choose from gd, momentum"),
    ({"schedule": "linear"}, "unknown schedule 'linear' (choose from constant, step, exp, cosine)"),
    ({"noise": -1.0}, "noise must be from 0"),
    ({"noise": math.inf}, "noise must be a finite number"),
    ({"decay": 0.0}, "decay must be in (0, 1]"),
    ({"every": 0}, "every must be a whole number from 1"),
    ({"warmup": 1.5}, "warmup must be a whole number"),
    ({"floor": 2.0}, "floor must be in [0, 1]"),
    ({"race": "gd:0.1,sgd:2"}, "race: unknown optimizer 'sgd'"),
])
def test_bad_values_name_the_value_and_the_range(fields, named):
    with pytest.raises(ScenarioError) as err:
        Scenario(**fields)
    assert named in str(err.value)
