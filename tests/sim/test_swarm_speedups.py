"""The swarm's fast paths give the same bits as the plain rules.

Probes (buffers kept between steps, the squared loss's fast path) against numerical_gradient;
GradientDescent.descent against step; and whole swarms against a reference walk that
applies DESIGN.md's rules in the plainest numpy: every mask every step, nothing fused or skipped.
"""
import numpy as np
import pytest

from sim import Scenario, Swarm, make_loss, numerical_gradient
from sim.walking.gradient import Probes, probe_stack
from sim.walking.optimizers import GradientDescent
from sim.walking.swarm import DIVERGED, HIT, MAX_STEPS, STUCK, WALKING, overshoot_slack

TARGET = (3.0, 2.0)
H = 1e-4


def same_bits(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def awkward_points(n=400, seed=3):
    """Random players on and off a ±12 m beach, and the awkward ones: on the watermelon, one probe
    away from it, a hair off it, on and just past the edges, huge, infinite and nan."""
    rng = np.random.default_rng(seed)
    tx, ty = TARGET
    out, edge = np.nextafter(12.0, np.inf), 12.0
    x = [tx, tx + H, tx - H, tx + 1e-160, np.nextafter(tx, 9), edge, out, -out, 1e300, np.inf, np.nan, tx]
    y = [ty, ty, ty, ty - 1e-170, ty, ty, ty, ty, 5.0, 0.0, 0.0, -np.inf]
    return np.concatenate([x, rng.uniform(-13, 13, n)]), np.concatenate([y, rng.uniform(-13, 13, n)])


LOSSES = [make_loss("squared"), make_loss("distance"), make_loss("hit-or-miss", reach=0.5),
          make_loss("custom", expr="abs(x - tx) + (y - ty)**2"), make_loss("custom", expr="log(x - 1) * 1e300")]


@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.name + ":" + loss.label)
def test_probes_feel_what_numerical_gradient_feels_bit_for_bit(loss):
    x, y = awkward_points()
    expected = numerical_gradient(loss, x, y, *TARGET, H)
    pos = np.stack([x, y])
    with np.errstate(all="ignore"):
        square = (pos - np.array([[TARGET[0]], [TARGET[1]]])) ** 2
        dist2 = square[0] + square[1]
        value, grad = np.empty(x.size), np.empty((2, x.size))
        Probes(loss, TARGET, H, x.size).feel(pos, square, dist2, value, grad, np.empty((2, x.size)))
    assert same_bits(value, expected[0])
    assert same_bits(grad[0], expected[1]) and same_bits(grad[1], expected[2])


def test_squared_fast_path_gives_the_loss_at_each_probe_bit_for_bit():
    loss = make_loss("squared")
    x, y = awkward_points()
    px, py = probe_stack(x, y, H)
    with np.errstate(all="ignore"):
        stack = loss(px, py, *TARGET)
        pos = np.stack([x, y])
        square = (pos - np.array([[TARGET[0]], [TARGET[1]]])) ** 2
        plus, minus, centre = np.empty((2, x.size)), np.empty((2, x.size)), np.empty(x.size)
        loss.probed(pos, H, np.array([[TARGET[0]], [TARGET[1]]]), square, square[0] + square[1],
                    plus, minus, centre)
    # Stack rows: (x+h, y), (x−h, y), (x, y+h), (x, y−h), (x, y).
    assert same_bits(plus, stack[[0, 2]]) and same_bits(minus, stack[[1, 3]])
    assert same_bits(centre, stack[4])


def test_descent_subtracted_is_the_displacement_added_bit_for_bit():
    """For the finite gradients and step sizes the swarm uses it with; huge ones overflow alike."""
    rng = np.random.default_rng(5)
    grad = np.concatenate([rng.normal(size=(2, 200)) * 10.0 ** rng.integers(-300, 300, (2, 200)),
                           [[0.0, -0.0, 0.0, -0.0, 1e300], [-0.0, 0.0, 5e-324, 0.0, -1e300]]], axis=1)
    pos = np.concatenate([rng.uniform(-12, 12, (2, 200)), [[0.0, -0.0, -0.0, 0.0, 3.0]] * 2], axis=1)
    lr = np.concatenate([10.0 ** rng.uniform(-4, 2, 200), [0.5, 1.0, 0.0, 0.0, 1e300]])
    gd = GradientDescent()
    with np.errstate(all="ignore"):
        step = gd.step(grad, lr)
        moved = pos - gd.descent(grad, lr, np.empty_like(grad))
    assert same_bits(moved, pos + step)


def reference_walk(scenario: Scenario, x0, y0, lr) -> dict[str, np.ndarray]:
    """The walk's rules, plainly: all players are probed every step, the finished ones kept as they were."""
    s, (tx, ty) = scenario, scenario.target
    x, y = np.array(x0, float), np.array(y0, float)
    n = x.size
    lr = np.broadcast_to(np.asarray(lr, float), (n,))
    outcome, steps = np.zeros(n, np.int8), np.zeros(n, np.int64)
    overshot, receded = np.zeros(n, bool), np.zeros(n, bool)
    xmin, xmax, ymin, ymax = s.bounds
    with np.errstate(all="ignore"):
        loss, gx, gy = numerical_gradient(s.loss_fn, x, y, tx, ty, s.h)
        tick = 0
        while True:
            d2 = (x - tx) ** 2 + (y - ty) ** 2
            ok = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax) & np.isfinite(loss + gx + gy)
            code = np.full(n, MAX_STEPS if tick >= s.max_steps else WALKING, np.int8)
            code[d2 < s.reach * s.reach] = HIT
            code[~ok] = DIVERGED
            outcome = np.where(outcome == WALKING, code, outcome)
            live = outcome == WALKING
            dx, dy = -(gx * lr), -(gy * lr)
            stuck = live & (dx * dx + dy * dy < s.tol * s.tol) if s.tol > 0 else np.zeros(n, bool)
            outcome[stuck] = STUCK
            live &= ~stuck
            if not live.any():
                return {"x": x, "y": y, "loss": loss, "gx": gx, "gy": gy, "steps": steps,
                        "outcome": outcome, "overshot": overshot, "receded": receded}
            nx, ny = np.where(live, x + dx, x), np.where(live, y + dy, y)
            nloss, ngx, ngy = numerical_gradient(s.loss_fn, nx, ny, tx, ty, s.h)
            d = np.sqrt(d2)   # a pass within rounding is no overshoot
            slack = overshoot_slack(loss, lr, s.h, d, max(abs(tx), abs(ty)))
            overshot |= live & ((nx - tx) * (x - tx) + (ny - ty) * (y - ty) < -slack * d)
            receded |= live & ((nx - tx) ** 2 + (ny - ty) ** 2 > d2)
            x, y = nx, ny
            loss, gx, gy = (np.where(live, new, old) for new, old in ((nloss, loss), (ngx, gx), (ngy, gy)))
            tick += 1
            steps[live] = tick


def swarm_state(swarm: Swarm) -> dict[str, np.ndarray]:
    return {name: getattr(swarm, name) for name in
            ("x", "y", "loss", "gx", "gy", "steps", "outcome", "overshot", "receded")}


def assert_same_state(got: dict, expected: dict) -> None:
    for name, value in expected.items():
        assert same_bits(got[name], value), name


SCENARIOS = {
    "default beach": Scenario(max_steps=80),
    "stuck on a coarse tol": Scenario(tol=0.05, reach=0.0, max_steps=80),
    "no reach, no tol": Scenario(reach=0.0, tol=0.0, max_steps=40),
    "distance": Scenario(loss="distance", reach=0.2, max_steps=60),
    "hit-or-miss": Scenario(loss="hit-or-miss", max_steps=20),
    "loss + gx overflows": Scenario(loss="custom", expr="1.7e307 * x", max_steps=20),
    "nan left of x = 1": Scenario(loss="custom", expr="log(x - 1) + (y - ty)**2", max_steps=40),
    "off-centre watermelon": Scenario(target=(11.5, -11.9), reach=0.3, h=1e-6, max_steps=80),
}


@pytest.mark.parametrize("wild", [1e300, np.inf], ids=["finite lr", "inf lr"])   # NaN is refused (test_api_validation)
@pytest.mark.parametrize("name", SCENARIOS)
def test_swarm_ends_every_player_as_the_plain_rules_do(name, wild):
    scenario = SCENARIOS[name]
    x0, y0 = awkward_points(300)
    rng = np.random.default_rng(11)
    # Step sizes from timid to wild: some overshoot, some swing off the beach, the wildest blow up.
    lr = np.concatenate([[0.1, 1.0, 1.9, 2.5, wild, 0.0], 10.0 ** rng.uniform(-3, 0.5, x0.size - 6)])
    assert_same_state(swarm_state(Swarm(scenario, x0, y0, lr=lr).run()), reference_walk(scenario, x0, y0, lr))


def test_edges_of_the_quick_ending_test_at_the_start():
    """Just past an edge is off the sand; just inside the reach is a hit; loss + gx overflowing
    is a divergence though each is finite and the sums over all players are too."""
    tx, ty = TARGET
    past = np.nextafter(12.0, np.inf)   # 9 m from the watermelon, past its nearest edge
    beach = Scenario(reach=0.5)
    assert Swarm(beach, [tx, past], [ty + 0.6, ty]).outcome.tolist() == [WALKING, DIVERGED]
    x0 = np.array([12.0, past, np.nextafter(tx + 0.5, 0), tx + 0.5, tx, tx])
    y0 = np.array([ty, ty, ty, ty, ty + 0.6, np.nextafter(-12.0, -np.inf)])
    assert Swarm(beach, x0, y0).outcome.tolist() == [WALKING, DIVERGED, HIT, WALKING, WALKING, DIVERGED]
    overflow = Scenario(loss="custom", expr="1.7e307 * x", reach=0.0)   # loss 1.7e308, gx 1.7e307 at x = 10
    assert Swarm(overflow, [10.0, -10.0, 1.0], [0.0, 0.0, 0.0]).outcome.tolist() == [DIVERGED, WALKING, WALKING]


def test_step_by_step_equals_the_plain_rules_at_every_step():
    scenario = Scenario(tol=1e-3, max_steps=60)
    x0, y0 = awkward_points(60, seed=8)
    lr = np.random.default_rng(2).uniform(0.05, 2.2, x0.size)
    swarm = Swarm(scenario, x0, y0, lr=lr)
    for k in range(scenario.max_steps + 1):
        expected = reference_walk(scenario.replace(max_steps=k), x0, y0, lr)
        if k < scenario.max_steps:   # those the reference stops for tiredness walk on in the swarm
            expected["outcome"][expected["outcome"] == MAX_STEPS] = WALKING
        assert_same_state(swarm_state(swarm), expected)
        swarm.step()


class StepOnly:
    """Gradient descent through the Optimizer protocol alone (no ``descent`` fast path)."""

    name, hyperparameters, state = "gd", {}, {}

    def step(self, grad, lr):
        return GradientDescent().step(grad, lr)

    def keep(self, mask) -> None:
        """No state."""


def test_an_optimizer_without_descent_walks_the_same_bits():
    scenario = Scenario(reach=0.01, tol=0.01, max_steps=100)
    x0, y0 = awkward_points(200)
    lr = np.random.default_rng(4).uniform(0.01, 2.2, x0.size)
    fast = Swarm(scenario, x0, y0, lr=lr).run()
    plain = Swarm(scenario, x0, y0, lr=lr, optimizer=StepOnly()).run()
    assert_same_state(swarm_state(plain), swarm_state(fast))
    assert np.count_nonzero(fast.outcome == STUCK) > 0 and np.count_nonzero(fast.outcome == HIT) > 0


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("loss", ["squared", "banana"])
def test_a_big_swarm_walked_in_chunks_walks_the_same_bits(monkeypatch, optimizer, loss):
    """Swarm.run walks more than 2 × CHUNK players CHUNK at a time, each chunk with its own copy
    of the optimizer's state, from wherever the swarm stands: the same bits as one swarm."""
    from sim.walking import swarm as swarm_module
    scenario = Scenario(loss=loss, optimizer=optimizer, schedule="cosine", max_steps=50, tol=0.01, reach=0.4)
    x0, y0 = awkward_points(700)
    lr = np.random.default_rng(9).uniform(0.005, 2.6, x0.size)
    whole, chunked = Swarm(scenario, x0, y0, lr=lr), Swarm(scenario, x0, y0, lr=lr)
    for s in (whole, chunked):
        s.step()
        s.step()
    whole.run(engine="numpy")
    monkeypatch.setattr(swarm_module, "CHUNK", 150)
    chunked.run(engine="numpy")
    assert_same_state(swarm_state(chunked), swarm_state(whole))
    assert whole.tick == chunked.tick and getattr(whole.optimizer, "t", 0) == getattr(chunked.optimizer, "t", 0)
    assert whole.state.keys() == chunked.state.keys()
    for key, value in whole.state.items():
        assert same_bits(chunked.state[key], value), key
    assert len(set(whole.outcome.tolist())) >= 3
