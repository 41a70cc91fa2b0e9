"""Optimizers: each one's first two updates against a hand computation of its rule (Deep Learning
from Scratch ch. 6), on f(x, y) = x²/20 + y² with its analytic gradient (x/10, 2y) from (−7, 2);
the (k, m) layout, keep(mask), and what the drawn state means."""
import math

import numpy as np
import pytest

from sim.walking.optimizers import HYPERPARAMETERS, OPTIMIZER_NAMES, Mixed, describe, make_optimizer


def grad(p):
    """The analytic gradient of x²/20 + y², as a (2, 1) column."""
    return np.array([[p[0] / 10], [2 * p[1]]])


def two_updates(name, lr, **hp):
    opt = make_optimizer(name, **hp)
    p = np.array([[-7.0], [2.0]])
    out = []
    for _ in range(2):
        p = p + opt.step(grad(p[:, 0]), lr)
        out.append(p[:, 0].copy())
    return out


# g0 = ∇f(−7, 2) = (−0.7, 4) in every case below.
def test_gd():
    # p1 = p0 − 0.95·g0 = (−7 + 0.665, 2 − 3.8); g1 = (−0.6335, −3.6); p2 = p1 − 0.95·g1.
    p1, p2 = two_updates("gd", 0.95)
    assert p1 == pytest.approx([-6.335, -1.8], abs=1e-12)
    assert p2 == pytest.approx([-6.335 + 0.601825, -1.8 + 3.42], abs=1e-12)


def test_momentum():
    # v1 = −0.1·g0 = (0.07, −0.4); p1 = (−6.93, 1.6); g1 = (−0.693, 3.2);
    # v2 = 0.9·v1 − 0.1·g1 = (0.063 + 0.0693, −0.36 − 0.32) = (0.1323, −0.68); p2 = p1 + v2.
    p1, p2 = two_updates("momentum", 0.1, momentum=0.9)
    assert p1 == pytest.approx([-6.93, 1.6], abs=1e-12)
    assert p2 == pytest.approx([-6.93 + 0.1323, 1.6 - 0.68], abs=1e-12)


def test_nesterov():
    # v1 = (0.07, −0.4); p1 = p0 + 0.81·v1 − 1.9·0.1·g0 = (−7 + 0.0567 + 0.133, 2 − 0.324 − 0.76)
    # = (−6.8103, 0.916); g1 = (−0.68103, 1.832); v2 = 0.9·v1 − 0.1·g1 = (0.131103, −0.5432);
    # p2 = p1 + 0.81·v2 − 0.19·g1 = (−6.8103 + 0.10619343 + 0.1293957, 0.916 − 0.439992 − 0.34808).
    p1, p2 = two_updates("nesterov", 0.1, momentum=0.9)
    assert p1 == pytest.approx([-6.8103, 0.916], abs=1e-12)
    assert p2 == pytest.approx([-6.57471087, 0.127928], abs=1e-12)


def test_adagrad():
    # h1 = g0² = (0.49, 16); p1 = p0 − 1.5·g0/(√h1 + ε) = (−7 + 1.05/(0.7 + ε), 2 − 6/(4 + ε)).
    eps = 1e-7
    p1, p2 = two_updates("adagrad", 1.5, eps=eps)
    x1, y1 = -7 + 1.05 / (0.7 + eps), 2 - 6 / (4 + eps)
    assert p1 == pytest.approx([x1, y1], abs=1e-12)
    assert (x1, y1) == pytest.approx((-5.5, 0.5), abs=1e-6)
    gx, gy = x1 / 10, 2 * y1                       # h2 = h1 + g1²
    x2 = x1 - 1.5 * gx / (math.sqrt(0.49 + gx * gx) + eps)
    y2 = y1 - 1.5 * gy / (math.sqrt(16 + gy * gy) + eps)
    assert p2 == pytest.approx([x2, y2], abs=1e-12)
    assert (x2, y2) == pytest.approx((-5.5 + 0.825 / math.sqrt(0.7925), 0.5 - 1.5 / math.sqrt(17)), abs=1e-6)


def test_rmsprop():
    # h1 = 0.01·g0² = (0.0049, 0.16); √h1 = (0.07, 0.4): p1 = p0 − 0.1·g0/(√h1 + ε) ≈ p0 − 0.1·(−10, 10).
    eps, rho = 1e-8, 0.99
    p1, p2 = two_updates("rmsprop", 0.1, rho=rho, eps=eps)
    x1, y1 = -7 + 0.07 / (0.07 + eps), 2 - 0.4 / (0.4 + eps)
    assert p1 == pytest.approx([x1, y1], abs=1e-12)
    assert (x1, y1) == pytest.approx((-6.0, 1.0), abs=1e-6)
    gx, gy = x1 / 10, 2 * y1                       # h2 = 0.99·h1 + 0.01·g1²
    x2 = x1 - 0.1 * gx / (math.sqrt(0.99 * 0.0049 + 0.01 * gx * gx) + eps)
    y2 = y1 - 0.1 * gy / (math.sqrt(0.99 * 0.16 + 0.01 * gy * gy) + eps)
    assert p2 == pytest.approx([x2, y2], abs=1e-12)


def test_adam():
    # t = 1: lr_1 = 0.3·√(1 − 0.999)/(1 − 0.9); m1 = 0.1·g0; v1 = 0.001·g0²; p1 = p0 − lr_1·m1/(√v1 + ε):
    # the bias-corrected first step is lr·g/|g| = 0.3 per axis: p1 ≈ (−6.7, 1.7).
    b1, b2, eps = 0.9, 0.999, 1e-7
    p1, p2 = two_updates("adam", 0.3, beta1=b1, beta2=b2, eps=eps)
    lr1 = 0.3 * math.sqrt(1 - b2) / (1 - b1)
    m1x, m1y, v1x, v1y = 0.1 * -0.7, 0.1 * 4, 0.001 * 0.49, 0.001 * 16
    x1, y1 = -7 - lr1 * m1x / (math.sqrt(v1x) + eps), 2 - lr1 * m1y / (math.sqrt(v1y) + eps)
    assert p1 == pytest.approx([x1, y1], abs=1e-12)
    assert (x1, y1) == pytest.approx((-6.7, 1.7), abs=1e-5)
    gx, gy = x1 / 10, 2 * y1                       # t = 2
    lr2 = 0.3 * math.sqrt(1 - b2 ** 2) / (1 - b1 ** 2)
    m2x, m2y = m1x + 0.1 * (gx - m1x), m1y + 0.1 * (gy - m1y)
    v2x, v2y = v1x + 0.001 * (gx * gx - v1x), v1y + 0.001 * (gy * gy - v1y)
    x2, y2 = x1 - lr2 * m2x / (math.sqrt(v2x) + eps), y1 - lr2 * m2y / (math.sqrt(v2y) + eps)
    assert p2 == pytest.approx([x2, y2], abs=1e-12)


@pytest.mark.parametrize("name", OPTIMIZER_NAMES)
def test_columns_are_independent_players_and_keep_drops_them(name):
    """(k, m) with k = 3 weights and m = 3 players: a player's path does not depend on the others,
    and after keep() the survivors go on exactly as they would alone."""
    rng = np.random.default_rng(1)
    targets = rng.normal(size=(3, 3))
    lrs = np.array([0.05, 0.1, 0.2])

    def g(p, t):
        return p - t

    together, alone = make_optimizer(name), [make_optimizer(name) for _ in range(3)]
    p = np.zeros((3, 3))
    q = [np.zeros((3, 1)) for _ in range(3)]
    for step in range(4):
        if step == 2:
            keep = np.array([True, False, True])
            together.keep(keep)
            p, targets, lrs, alone, q = p[:, keep], targets[:, keep], lrs[keep], [alone[0], alone[2]], [q[0], q[2]]
        p = p + together.step(g(p, targets), lrs)
        for j in range(len(alone)):
            q[j] = q[j] + alone[j].step(g(q[j], targets[:, [j]]), lrs[j])
    assert np.allclose(p, np.hstack(q), rtol=0, atol=1e-15)


def test_state_means_what_the_docstring_says():
    g0 = np.array([[-0.7], [4.0]])
    mom = make_optimizer("momentum")
    assert mom.state == {}
    step = mom.step(g0, 0.1)
    assert np.array_equal(mom.state["velocity"], step)            # velocity: the last step (m)
    for name in ("adagrad", "rmsprop"):
        opt = make_optimizer(name)
        opt.step(g0, 0.5)
        step = opt.step(2 * g0, 0.5)
        assert np.allclose(step, -0.5 * opt.state["scale"] * 2 * g0, rtol=1e-15)   # −lr·scale·g
    adam = make_optimizer("adam")
    adam.step(g0, 0.3)
    step = adam.step(g0 / 3, 0.3)
    assert np.allclose(step, -0.3 * adam.state["scale"] * adam.state["moment"], rtol=1e-15)  # −lr·scale·m
    with pytest.raises(ValueError):
        adam.state["scale"][0, 0] = 1.0                               # read-only


def test_names_hyperparameters_and_mixed():
    assert OPTIMIZER_NAMES == tuple(HYPERPARAMETERS)
    assert describe(make_optimizer("adam", beta1=0.8, momentum=0.5)) == "adam(beta1=0.8, beta2=0.999, eps=1e-08)"
    assert make_optimizer("momentum").hyperparameters == {"momentum": 0.9}
    assert make_optimizer("gd").hyperparameters == {}
    with pytest.raises(ValueError, match="unknown optimizer 'sgd'"):
        make_optimizer("sgd")
    # Mixed: each group as its own optimizer would do; state nan where a player's has none.
    g = np.array([[1.0, 1.0, 2.0], [3.0, 3.0, -1.0]])
    mixed = Mixed([make_optimizer("gd"), make_optimizer("momentum")], [1, 0, 1])
    out = mixed.step(g, np.array([0.1, 0.2, 0.3]))
    assert np.allclose(out, [[-0.1, -0.2, -0.6], [-0.3, -0.6, 0.3]])
    v = mixed.state["velocity"]
    assert np.isnan(v[:, 1]).all() and np.allclose(v[:, [0, 2]], out[:, [0, 2]])
    mixed.keep(np.array([False, True, True]))
    out = mixed.step(g[:, 1:], np.array([0.2, 0.3]))
    assert np.allclose(out, [[-0.2, 0.9 * -0.6 - 0.6], [-0.6, 0.9 * 0.3 + 0.3]])
