"""The walk: the closed-form trajectory, every outcome, step-by-step equals run, determinism."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import OUTCOMES, Scenario, Swarm, Walk, probe_points


def test_squared_loss_follows_the_closed_form_trajectory():
    """On E = ½|p − t|², gradient descent gives p_k − t = (1 − lr)^k (p_0 − t)."""
    s = Scenario(start=(-8.0, -6.0), target=(3.0, 2.0), lr=0.3, reach=0.0, tol=0.0, max_steps=60)
    trace = Walk(s).run().trace
    p0 = np.array(s.start) - np.array(s.target)
    for row in trace:
        expected = (1 - s.lr) ** row.step * p0
        assert row.x - s.target[0] == pytest.approx(expected[0], rel=1e-7, abs=1e-12)
        assert row.y - s.target[1] == pytest.approx(expected[1], rel=1e-7, abs=1e-12)
        assert row.loss == pytest.approx(0.5 * float(expected @ expected), rel=1e-6, abs=1e-20)


@settings(max_examples=60, deadline=None)
@given(lr=st.floats(0.01, 1.95), sx=st.floats(-10, 10), sy=st.floats(-10, 10),
       k=st.integers(1, 40))
def test_closed_form_holds_for_any_stable_lr(lr, sx, sy, k):
    s = Scenario(start=(sx, sy), target=(1.0, -1.0), lr=lr, reach=0.0, tol=0.0, max_steps=k)
    result = Walk(s).run()
    assert result.outcome == "max_steps" and result.steps == k
    factor = (1 - lr) ** k
    assert result.final.x - 1.0 == pytest.approx(factor * (sx - 1.0), rel=1e-6, abs=1e-9)
    assert result.final.y + 1.0 == pytest.approx(factor * (sy + 1.0), rel=1e-6, abs=1e-9)


def test_each_row_follows_from_the_previous_by_one_update():
    s = Scenario(lr=0.25)
    trace = Walk(s).run().trace
    for before, after in zip(trace, trace[1:]):
        assert after.step == before.step + 1
        assert after.x == before.x - s.lr * before.grad_x
        assert after.y == before.y - s.lr * before.grad_y


def test_probe_points_surround_the_player_at_distance_h():
    row = Walk(Scenario(h=1e-3)).current
    np.testing.assert_allclose(probe_points(row.x, row.y, 1e-3), [[row.x + 1e-3, row.y], [row.x - 1e-3, row.y],
                                                                 [row.x, row.y + 1e-3], [row.x, row.y - 1e-3]])


def test_hit_when_the_watermelon_comes_within_reach():
    result = Walk(Scenario()).run()
    assert result.outcome == "hit"
    assert result.final.distance < 0.5
    assert all(r.distance >= 0.5 for r in result.trace[:-1])
    # 0.9^k * |p0 - t| < 0.5 first at k = 32 for the default beach.
    k = math.ceil(math.log(0.5 / math.hypot(11, 8)) / math.log(0.9))
    assert result.steps == k == 32


def test_one_step_hit_at_lr_one():
    result = Walk(Scenario(lr=1.0)).run()
    assert (result.outcome, result.steps) == ("hit", 1)
    assert result.final.distance < 1e-9


def test_hit_at_the_start_takes_no_step():
    result = Walk(Scenario(start=(3.1, 2.0))).run()
    assert (result.outcome, result.steps, len(result.trace)) == ("hit", 0, 1)


def test_stuck_on_the_hit_or_miss_loss_the_player_never_moves():
    result = Walk(Scenario(loss="hit-or-miss")).run()
    assert (result.outcome, result.steps) == ("stuck", 0)
    assert (result.final.x, result.final.y) == (-8.0, -6.0)


def test_stuck_in_a_local_minimum():
    s = Scenario(start=(-9.0, -8.0), lr=0.05, tol=1e-4, max_steps=500, loss="custom",
                 expr="((x-tx)**2 + (y-ty)**2)/2 - 40*exp(-((x+5)**2 + (y+4)**2)/8)")
    result = Walk(s).run()
    assert result.outcome == "stuck"
    assert result.final.distance > 5          # far from the watermelon, in the pit
    assert s.lr * result.final.grad_norm < s.tol


def test_diverged_when_the_steps_grow_off_the_beach():
    result = Walk(Scenario(start=(0.5, 0.5), lr=2.3)).run()
    assert result.outcome == "diverged"
    last = result.final
    assert not (-12 <= last.x <= 12 and -12 <= last.y <= 12)
    assert all(-12 <= r.x <= 12 and -12 <= r.y <= 12 for r in result.trace[:-1])


def test_diverged_even_where_the_numerical_gradient_collapses_to_zero():
    """At 1e30 m, x ± h == x: the felt slope is exactly 0, yet the walk blew up, not settled."""
    s = Scenario(start=(11.0, 0.0), target=(0.0, 0.0), lr=1e29, reach=0.0, tol=1e-3)
    walk = Walk(s)
    walk.step()
    row = walk.current
    assert abs(row.x) > 1e29 and row.x + s.h == row.x
    assert walk.outcome == "diverged"


def test_diverged_when_the_loss_stops_being_finite():
    s = Scenario(loss="custom", expr="exp(exp(exp(hypot(x-tx, y-ty))))", lr=0.01)
    result = Walk(s).run()
    assert result.outcome == "diverged" and result.steps == 0


def test_max_steps_when_the_player_tires():
    result = Walk(Scenario(lr=0.001, max_steps=50)).run()
    assert (result.outcome, result.steps, len(result.trace)) == ("max_steps", 50, 51)


def test_zero_max_steps_walks_no_step():
    assert Walk(Scenario(max_steps=0)).run().outcome == "max_steps"


def test_reach_zero_tol_zero_takes_exactly_the_steps():
    """Even at lr = 1, where one step lands on the watermelon itself."""
    for lr in (0.1, 1.0, 1.5):
        result = Walk(Scenario(lr=lr, reach=0.0, tol=0.0, max_steps=137)).run()
        assert (result.outcome, result.steps) == ("max_steps", 137)


def test_every_outcome_is_reachable():
    seen = {Walk(s).run().outcome for s in (
        Scenario(), Scenario(loss="hit-or-miss"), Scenario(start=(0.5, 0.5), lr=2.3),
        Scenario(lr=1e-3, max_steps=5))}
    assert seen == set(OUTCOMES)


def test_stepping_one_at_a_time_gives_the_same_trace_as_running():
    s = Scenario(lr=0.37, loss="distance")
    walk = Walk(s)
    while not walk.done:
        walk.step()
    stepped, ran = walk.trace, Walk(s).run().trace
    assert [(r.step, r.x, r.y, r.loss, r.grad_x, r.grad_y) for r in stepped] == \
           [(r.step, r.x, r.y, r.loss, r.grad_x, r.grad_y) for r in ran]
    walk.step()  # a no-op once done
    assert len(walk.trace) == len(stepped)


def test_a_swarm_of_players_walks_like_the_single_walks():
    s = Scenario(lr=0.3, reach=0.3)
    rng = np.random.default_rng(3)
    x0, y0 = rng.uniform(-10, 10, 50), rng.uniform(-10, 10, 50)
    lrs = rng.uniform(0.05, 2.2, 50)
    swarm = Swarm(s, x0, y0, lr=lrs).run()
    for i in range(50):
        single = Walk(s.replace(start=(x0[i], y0[i]), lr=lrs[i])).run()
        assert swarm.outcome_counts(np.arange(50) == i)[single.outcome] == 1
        assert (swarm.steps[i], swarm.x[i], swarm.y[i]) == (single.steps, single.final.x, single.final.y)


def test_overshoot_and_recede_flags():
    s = Scenario(reach=0.0, tol=0.0, max_steps=20)
    swarm = Swarm(s, [-8.0] * 3, [-6.0] * 3, lr=[0.5, 1.5, 2.05]).run()
    assert list(swarm.overshot) == [False, True, True]
    assert list(swarm.receded) == [False, False, True]


def test_same_inputs_give_identical_results():
    s = Scenario(lr=0.77, loss="custom", expr="sin(x-tx)**2 + (y-ty)**2")
    a, b = Walk(s).run(), Walk(s).run()
    assert a.to_dict() == b.to_dict()
    assert [(r.x, r.y) for r in a.trace] == [(r.x, r.y) for r in b.trace]
