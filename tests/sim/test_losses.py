"""Losses against closed forms, evaluated for many players at once."""
import numpy as np
import pytest

from sim import make_loss, numerical_gradient
from sim.beach.losses import LOSS_NAMES

TX, TY = 3.0, -2.0


@pytest.fixture
def players():
    rng = np.random.default_rng(7)
    return rng.uniform(-10, 10, 1000), rng.uniform(-10, 10, 1000)


def test_squared_is_the_articles_sum_of_squared_error(players):
    x, y = players
    expected = 0.5 * ((x - TX) ** 2 + (y - TY) ** 2)
    np.testing.assert_allclose(make_loss("squared")(x, y, TX, TY), expected, rtol=1e-15)


def test_distance_is_euclidean(players):
    x, y = players
    expected = np.sqrt((x - TX) ** 2 + (y - TY) ** 2)
    np.testing.assert_allclose(make_loss("distance")(x, y, TX, TY), expected, rtol=1e-15)


def test_hit_or_miss_is_zero_within_reach_and_one_outside():
    loss = make_loss("hit-or-miss", reach=0.5)
    x = np.array([TX, TX + 0.49, TX + 0.5, TX + 3.0])
    np.testing.assert_array_equal(loss(x, np.full(4, TY), TX, TY), [0, 0, 1, 1])


def test_losses_broadcast_over_probe_stacks_and_grids():
    x = np.zeros((5, 4))
    xs, ys = np.linspace(-5, 5, 7), np.linspace(-3, 3, 4)
    for name in LOSS_NAMES:
        loss = make_loss(name)
        assert loss(x, x, TX, TY).shape == (5, 4)
        grid = loss(xs[None, :], ys[:, None], TX, TY)     # a heatmap's outer grid
        assert grid.shape == (4, 7)
        assert grid[2, 5] == loss(np.array([xs[5]]), np.array([ys[2]]), TX, TY)[0]


@pytest.mark.parametrize("name", ["squared", "distance"])
def test_numerical_gradient_matches_the_analytic_one(name, players):
    x, y = players
    loss = make_loss(name)
    value, gx, gy = numerical_gradient(loss, x, y, TX, TY, 1e-4)
    ax, ay = loss.gradient(x, y, TX, TY)
    np.testing.assert_allclose(value, loss(x, y, TX, TY), rtol=0)
    np.testing.assert_allclose(gx, ax, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gy, ay, rtol=1e-6, atol=1e-8)


def test_squared_gradient_is_the_offset(players):
    x, y = players
    gx, gy = make_loss("squared").gradient(x, y, TX, TY)
    np.testing.assert_array_equal(gx, x - TX)
    np.testing.assert_array_equal(gy, y - TY)


def test_hit_or_miss_slope_is_zero_almost_everywhere(players):
    """The article's point: accuracy cannot be a loss; a tiny move leaves it unchanged."""
    x, y = players
    _, gx, gy = numerical_gradient(make_loss("hit-or-miss", reach=0.5), x, y, TX, TY, 1e-4)
    rim = np.abs(np.hypot(x - TX, y - TY) - 0.5) < 1e-4
    assert not rim.any()
    assert not gx.any() and not gy.any()


def test_hit_or_miss_slope_is_huge_only_on_the_rim():
    loss = make_loss("hit-or-miss", reach=0.5)
    _, gx, _ = numerical_gradient(loss, np.array([TX + 0.5 - 5e-5]), np.array([TY]), TX, TY, 1e-4)
    assert gx[0] == pytest.approx(1 / 2e-4)


def test_custom_expression_loss_matches_its_formula(players):
    x, y = players
    loss = make_loss("custom", expr="hypot(x-tx, y-ty)**2/2")
    np.testing.assert_allclose(loss(x, y, TX, TY), make_loss("squared")(x, y, TX, TY), rtol=1e-13)
    assert loss.gradient(x, y, TX, TY) is None


def test_unknown_loss_is_rejected():
    with pytest.raises(ValueError, match="unknown loss 'cubic'"):
        make_loss("cubic")
