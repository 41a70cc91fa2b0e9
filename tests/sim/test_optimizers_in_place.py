"""The optimizers update in buffers they keep; their trajectories must have the same bits as the
rules written out as plain numpy expressions, in the same order of operations, with players
dropping out (keep) along the way."""
import numpy as np
import pytest

from sim.walking.optimizers import HYPERPARAMETERS, make_optimizer

STEPS, PLAYERS = 300, 9
HP = {"momentum": 0.85, "rho": 0.95, "beta1": 0.8, "beta2": 0.99, "eps": 1e-7}


def reference_step(name, state, g, lr, t):
    """The rule of sim/walking/optimizers.py's docstring, one plain expression at a time; updates state."""
    mu, rho, b1, b2, eps = (HP[k] for k in ("momentum", "rho", "beta1", "beta2", "eps"))
    if name == "gd":
        return -(g * lr)
    if name == "momentum":
        state["v"] = mu * state["v"] - lr * g
        return state["v"].copy()
    if name == "nesterov":
        lr_g = lr * g
        state["v"] = mu * state["v"] - lr_g
        return mu * mu * state["v"] - (1 + mu) * lr_g
    if name in ("adagrad", "rmsprop"):
        g2 = g * g
        state["h"] = state["h"] + g2 if name == "adagrad" else rho * state["h"] + (1 - rho) * g2
        return -(lr * g) / (np.sqrt(state["h"]) + eps)
    lr_t = lr * float(np.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t))
    state["m"] = state["m"] + (1 - b1) * (g - state["m"])
    state["v"] = state["v"] + (1 - b2) * (g * g - state["v"])
    return -lr_t * state["m"] / (np.sqrt(state["v"]) + eps)


def gradient(p, targets, rng):
    """A bumpy slope towards each player's target: (p − target)·(1 + 0.5·sin p) plus noise."""
    return (p - targets) * (1 + 0.5 * np.sin(p)) + rng.normal(0, 0.3, p.shape)


@pytest.mark.parametrize("name", list(HYPERPARAMETERS))
@pytest.mark.parametrize("per_player_lr", [False, True])
def test_in_place_updates_give_the_plain_formulas_bits(name, per_player_lr):
    rng = np.random.default_rng(7)
    p = rng.uniform(-10, 10, (2, PLAYERS))
    targets = rng.uniform(-3, 3, (2, PLAYERS))
    lr = rng.uniform(0.05, 0.5, PLAYERS) if per_player_lr else 0.3
    opt = make_optimizer(name, **HP)
    q, state = p.copy(), {k: np.zeros_like(p) for k in ("v", "h", "m")}
    drop_at = {60: 1, 150: 4, 240: 0}          # step -> the column that stops walking then
    for t in range(1, STEPS + 1):
        if t in drop_at:
            keep = np.arange(p.shape[1]) != drop_at[t]
            opt.keep(keep)
            p, q, targets = p[:, keep], q[:, keep], targets[:, keep]
            state = {k: a[:, keep] for k, a in state.items()}
            if per_player_lr:
                lr = lr[keep]
        g = gradient(p, targets, rng)
        p = p + opt.step(g, lr)
        q = q + reference_step(name, state, g, lr, t)
        assert p.tobytes() == q.tobytes(), f"{name}: bits differ at step {t}"
    assert p.shape == (2, PLAYERS - len(drop_at))
    for key, a in opt.state.items():   # the drawn state is the reference's state too
        if key in ("velocity", "moment"):
            assert a.tobytes() == state["v" if key == "velocity" else "m"].tobytes()


def test_the_returned_step_is_not_the_state():
    """Changing the step a caller got does not change the optimizer's velocity."""
    mom = make_optimizer("momentum")
    step = mom.step(np.array([[1.0], [2.0]]), 0.1)
    step[:] = 99.0
    assert np.array_equal(mom.state["velocity"], [[-0.1], [-0.2]])
