"""Learning the digits: the shipped data, backpropagation against the numerical gradient and a
closed form, the curves of a real run, and determinism from the seed."""
import numpy as np
import pytest

from sim.learning.output_losses import cross_entropy_error, cross_entropy_errors, sum_squared_error, sum_squared_errors
from sim.learning.digits import load_digits, split
from sim.walking.gradient import numerical_gradient_nd
from sim.learning.learn import LearnSettings, gradcheck, learn
from sim.learning.network import Network, accuracy, softmax


def test_the_shipped_digits_are_the_uci_test_set():
    images, labels = load_digits()
    assert images.shape == (1797, 64) and labels.shape == (1797,)
    assert images.min() == 0.0 and images.max() == 1.0
    assert np.bincount(labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert labels[:10].tolist() == list(range(10))   # the file starts 0, 1, ..., 9


def test_the_split_is_disjoint_seeded_and_complete():
    a = split(np.random.default_rng(3), 0.2)
    b = split(np.random.default_rng(3), 0.2)
    assert len(a.x_val) == 359 and len(a.x_train) == 1438
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.t_val, b.t_val)
    rows = np.concatenate((a.x_train, a.x_val))
    assert len(np.unique(rows, axis=0)) == len(np.unique(load_digits()[0], axis=0))


def test_batch_errors_are_the_articles_errors_per_sample():
    rng = np.random.default_rng(0)
    y = softmax(rng.normal(size=(5, 10)))
    t = np.eye(10)[rng.integers(0, 10, 5)]
    assert cross_entropy_errors(y, t) == pytest.approx([cross_entropy_error(yi, ti) for yi, ti in zip(y, t)])
    assert sum_squared_errors(y, t) == pytest.approx([sum_squared_error(yi, ti) for yi, ti in zip(y, t)])


@pytest.mark.parametrize("hidden", [0, 7])
@pytest.mark.parametrize("loss", ["cee", "sse"])
def test_backpropagation_matches_the_numerical_gradient(hidden, loss):
    rng = np.random.default_rng(1)
    data = split(rng, 0.2, limit=40)
    net = Network(hidden, loss)
    w = net.init(rng)
    x, t = data.x_train[:8], data.t_train[:8]
    value, backprop = net.gradient(w, x, t)
    numeric = numerical_gradient_nd(lambda ws: net.loss_value(ws, x, t), w, 1e-4)
    assert value == pytest.approx(float(net.loss_value(w, x, t)), rel=1e-12)
    assert np.abs(backprop - numeric).max() < 1e-8 * np.abs(backprop).max() + 1e-12
    assert np.abs(backprop).max() > 1e-3   # a real gradient, not zeros matching zeros


def test_softmax_regression_gradient_is_the_closed_form():
    """For cross entropy on a softmax, ∂E/∂z = (y − t)/N (up to the tiny δ inside the log)."""
    rng = np.random.default_rng(2)
    data = split(rng, 0.2, limit=60)
    net = Network(0, "cee")
    w = net.init(rng)
    x, t = data.x_train, data.t_train
    _, grad = net.gradient(w, x, t)
    (gW, gb), = net.layers(grad)
    dz = (net.predict(w, x) - t) / len(x)
    assert gW == pytest.approx(x.T @ dz, abs=1e-6) and gb[0] == pytest.approx(dz.sum(0), abs=1e-6)


def test_gradcheck_reports_a_tiny_difference():
    assert gradcheck(LearnSettings(limit=100)) < 1e-5
    assert gradcheck(LearnSettings(limit=100, hidden=5, loss="sse")) < 1e-4


@pytest.mark.parametrize("hidden", [0, 16])
def test_loss_falls_and_accuracy_rises_on_the_real_digits(hidden):
    result = learn(LearnSettings(hidden=hidden, epochs=6))
    train_loss, train_acc, val_loss, val_acc = result.curves.T
    assert train_loss[-1] < 0.5 * train_loss[0] and val_loss[-1] < 0.5 * val_loss[0]
    assert train_acc[0] < 0.3 and val_acc[0] < 0.3          # chance is 0.1
    assert train_acc[-1] > 0.85 and val_acc[-1] > 0.85
    # the curves are the final weights' own scores
    y = result.settings.network.predict(result.final, result.data.x_val)
    assert val_acc[-1] == accuracy(y, result.data.t_val)


def test_default_softmax_regression_reaches_about_96_percent():
    result = learn(LearnSettings())
    assert result.curves[-1, 3] > 0.95 and result.curves[-1, 1] > 0.97


def test_a_huge_step_diverges_quietly():
    with np.errstate(all="raise"):    # nothing may warn: divergence is an outcome
        result = learn(LearnSettings(lr=1e308, epochs=2, hidden=5, optimizer="momentum", limit=200))
    assert result.diverged and not learn(LearnSettings(epochs=1, limit=100)).diverged


def test_same_seed_same_bits_other_seed_other_run():
    a, b = learn(LearnSettings(epochs=2)), learn(LearnSettings(epochs=2))
    c = learn(LearnSettings(epochs=2, seed=1))
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.curves, b.curves)
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_the_optimizer_and_its_hyperparameters_reach_the_training():
    """Momentum with μ = 0 is gradient descent bit for bit; Adam learns too, along another path."""
    gd = learn(LearnSettings(epochs=2))
    still = learn(LearnSettings(epochs=2, optimizer="momentum", momentum=0.0))
    assert np.array_equal(gd.weights, still.weights)
    moving = learn(LearnSettings(epochs=2, optimizer="momentum", momentum=0.5))
    assert not np.array_equal(gd.weights[-1], moving.weights[-1])
    adam = learn(LearnSettings(epochs=4, optimizer="adam", lr=0.01))
    assert adam.curves[-1, 3] > 0.9 and not np.array_equal(adam.weights[-1], gd.weights[-1])
    assert adam.to_dict()["settings"]["beta2"] == 0.999 and "momentum" not in adam.to_dict()["settings"]


@pytest.mark.parametrize("change, message", [
    ({"lr": 0.0}, "lr must be a positive number"), ({"batch": 0}, "batch must be"),
    ({"val": 1.0}, "val must be a fraction"), ({"hidden": -1}, "hidden must be"),
    ({"epochs": 0}, "epochs must be"), ({"h": float("nan")}, "h must be"),
    ({"optimizer": "sgdx"}, "optimizer must be one of"), ({"momentum": 1.0}, "momentum must be in"),
    ({"eps": 0.0}, "eps must be a positive")])
def test_bad_settings_name_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        LearnSettings(**change)


def test_a_step_size_that_blows_the_loss_up_is_a_divergence_and_says_so():
    """At lr 100 softmax regression saturates: the loss freezes far above where it began, at about
    chance accuracy, while every number stays finite. That is a divergence, and the report says it."""
    from sim.learning.learn import learn_table
    result = learn(LearnSettings(lr=100, epochs=3, limit=300))
    assert np.isfinite(result.curves).all() and not result.overflowed
    assert result.curves[-1, 0] > result.curves[0, 0]
    assert result.diverged and result.to_dict()["diverged"] is True
    assert "ended higher than it began" in learn_table(result)
    calm = learn(LearnSettings(epochs=3, limit=300))
    assert not calm.diverged and "diverged" not in learn_table(calm)
