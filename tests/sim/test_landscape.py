"""The beach is the network: a plane through the trained digits weights, walked like any loss."""
import numpy as np
import pytest

from sim import SCENARIOS, Walk, make_loss, numerical_gradient
from sim.learning.landscape import START_OFFSET, digits_landscape
from sim.learning.network import accuracy

T = (3.0, 2.0)


@pytest.fixture(scope="module")
def land():
    return digits_landscape()


@pytest.mark.parametrize("target", [T, (-1.5, 6.0)])
def test_the_watermelon_is_the_trained_network(land, target):
    """Loss and accuracy at the watermelon are the trained weights' own, computed independently
    by the network's forward pass over the training data."""
    net, w, data = land.network, land.result.final, land.result.data
    loss = float(net.loss_value(w, data.x_train, data.t_train))
    assert land.loss(*target, *target) == pytest.approx(loss, rel=1e-13)
    assert land.loss(*target, *target) == pytest.approx(land.result.curves[-1, 0], rel=1e-13)
    assert land.accuracy(*target, *target) == accuracy(net.predict(w, data.x_train), data.t_train)


def test_any_point_is_the_network_at_the_weights_it_stands_for(land):
    rng = np.random.default_rng(4)
    x, y = rng.uniform(-12, 12, 6), rng.uniform(-12, 12, 6)
    ws = land.weights_at(x, y, *T)                              # (6, 650)
    data = land.result.data
    np.testing.assert_allclose(land.loss(x, y, *T), land.network.loss_value(ws, data.x_train, data.t_train),
                               rtol=1e-12)
    np.testing.assert_array_equal(land.accuracy(x, y, *T),
                                  accuracy(land.network.predict(ws, data.x_train), data.t_train))


def test_the_training_path_starts_at_the_start_and_ends_at_the_watermelon(land):
    path = land.footprints(*T)
    assert path[0] == pytest.approx(np.add(T, START_OFFSET), abs=1e-9)
    assert path[-1] == pytest.approx(T, abs=1e-12)
    assert path.shape == (land.result.settings.epochs + 1, 2)
    assert land.d1 @ land.d2 == pytest.approx(0, abs=1e-9 * (land.d1 @ land.d1))
    assert land.d1 @ land.d1 == pytest.approx(land.d2 @ land.d2, rel=1e-12)   # one metre each way
    # the plane holds the trajectory: the two directions carry most of how far the weights moved
    offsets = land.result.weights - land.result.final
    on_plane = path - np.array(T)
    norm = np.sqrt(land.d1 @ land.d1)
    assert np.linalg.norm(on_plane * norm) ** 2 > 0.9 * np.linalg.norm(offsets) ** 2


def test_loss_slopes_everywhere_but_accuracy_is_flat_almost_everywhere(land):
    xs = np.linspace(-11, 11, 9)
    gx, gy = (a.ravel() for a in np.meshgrid(xs, xs))
    _, lx, ly = numerical_gradient(make_loss("digits"), gx, gy, *T, 1e-4)
    _, ax, ay = numerical_gradient(make_loss("digits-accuracy"), gx, gy, *T, 1e-4)
    assert (np.hypot(lx, ly) > 1e-4).all()
    assert np.mean((ax == 0) & (ay == 0)) > 0.9       # terraces: nothing to follow


def test_the_digits_scenario_walks_down_to_the_trained_weights():
    a, b = Walk(SCENARIOS["digits"]).run(), Walk(SCENARIOS["digits"]).run()
    assert a.outcome == "hit" and a.steps < 60
    assert a.to_dict() == b.to_dict()
    assert a.trace[-1].loss < 0.2 < 2.0 < a.trace[0].loss
    flat = Walk(SCENARIOS["digits"].replace(loss="digits-accuracy")).run()
    assert flat.outcome == "stuck" and flat.steps == 0


def test_trained_once_per_process(land):
    assert digits_landscape() is land
