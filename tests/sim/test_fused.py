"""The fused engine (sim.walking.fused, numba) walks the numpy engine's bits.

Every covered loss × optimizer × schedule, with and without noise, from starts and step sizes
that give hits, stuck, diverged and walked-out players: positions, losses, gradients, what was
heard, flags, step counts, outcomes and the optimizer's state must be the same bytes.
"""
import subprocess
import sys

import numpy as np
import pytest

from sim import Scenario, Swarm
from sim.walking.optimizers import OPTIMIZER_NAMES
from sim.walking.schedules import SCHEDULE_NAMES
from sim.walking.swarm import DIVERGED, FUSED_MAX_STEPS, HIT, MAX_STEPS, STUCK, choose_engine

pytest.importorskip("numba")
from sim.walking import fused  # noqa: E402

LOSSES = tuple(fused.LOSS_KINDS)
N = 160


def players(seed: int = 5):
    """Starts over and beyond a ±12 m beach (some in the sea already) and step sizes from timid
    to far past the edge of stability."""
    rng = np.random.default_rng(seed)
    x0, y0 = rng.uniform(-13, 13, N), rng.uniform(-13, 13, N)
    return x0, y0, rng.uniform(0.005, 2.6, N)


def snapshot(s: Swarm) -> dict[str, bytes]:
    arrays = dict(x=s.x, y=s.y, loss=s.loss, gx=s.gx, gy=s.gy, hx=s.hx, hy=s.hy, overshot=s.overshot,
                  receded=s.receded, steps=s.steps, outcome=s.outcome, tick=np.array(s.tick))
    arrays.update({f"state {k}": v for k, v in s.state.items()})
    return {k: np.asarray(v).tobytes() for k, v in arrays.items()}


def walk_both(scenario: Scenario, on_step=None) -> tuple[Swarm, Swarm]:
    x0, y0, lr = players()
    plain = Swarm(scenario, x0, y0, lr=lr).run(engine="numpy")
    fast = Swarm(scenario, x0, y0, lr=lr).run(on_step, engine="fused")
    return plain, fast


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("optimizer", OPTIMIZER_NAMES)
def test_every_loss_optimizer_and_schedule_walks_the_same_bits(loss, optimizer):
    codes = set()
    for i, schedule in enumerate(SCHEDULE_NAMES):
        for noise in (0.0, 0.4):
            scenario = Scenario(loss=loss, optimizer=optimizer, schedule=schedule, warmup=3 * (i % 2), every=7,
                                noise=noise, max_steps=30, tol=2e-3, reach=0.4)
            plain, fast = walk_both(scenario)
            assert snapshot(fast) == snapshot(plain), (schedule, noise)
            codes |= set(plain.outcome.tolist())
    # hits (none on the flat hit-or-miss loss), stuck (heavy-ball players seldom slow below tol in
    # 30 steps) and diverged players among them
    assert {DIVERGED, STUCK if loss == "hit-or-miss" else HIT} <= codes
    assert STUCK in codes or optimizer in ("momentum", "nesterov")


def test_the_players_end_every_way():
    plain, fast = walk_both(Scenario(max_steps=30, tol=0.05, reach=0.4))
    assert {HIT, STUCK, DIVERGED, MAX_STEPS} <= set(plain.outcome.tolist())
    assert snapshot(fast) == snapshot(plain)


def test_a_per_step_callback_sees_the_same_swarm_each_step():
    scenario = Scenario(loss="dunes", optimizer="adam", max_steps=40, tol=2e-3)
    seen = []
    plain, fast = walk_both(scenario, on_step=lambda s: seen.append((s.tick, s.walking, s.x.tobytes())))
    x0, y0, lr = players()
    expected = []
    Swarm(scenario, x0, y0, lr=lr).run(lambda s: expected.append((s.tick, s.walking, s.x.tobytes())),
                                       engine="numpy")
    assert seen == expected and snapshot(fast) == snapshot(plain)


def test_a_swarm_stepped_by_numpy_then_run_fused_matches():
    scenario = Scenario(loss="valley", optimizer="nesterov", schedule="cosine", max_steps=50, tol=1e-3)
    x0, y0, lr = players()
    plain = Swarm(scenario, x0, y0, lr=lr).run(engine="numpy")
    mixed = Swarm(scenario, x0, y0, lr=lr)
    for _ in range(7):
        mixed.step()
    assert snapshot(mixed.run(engine="fused")) == snapshot(plain)


@pytest.mark.parametrize("scenario", [Scenario(loss="digits", max_steps=3), Scenario(loss="custom", expr="x*x + y*y")])
def test_what_it_does_not_cover_is_refused_and_walked_by_numpy(scenario):
    with pytest.raises(ValueError, match="fused engine cannot walk"):
        Swarm(scenario, [1.0], [2.0]).run(engine="fused")
    assert Swarm(scenario, [1.0], [2.0]).run(engine="auto").done


def test_a_walk_longer_than_the_kernels_step_arrays_is_left_to_numpy():
    """The kernel keeps each step's lr factor (and Adam's correction) in arrays of max_steps, so a
    walk of up to 10⁹ steps would allocate gigabytes before its first step: "auto" walks one longer
    than FUSED_MAX_STEPS on numpy, and "fused" is refused by name."""
    longest = Scenario(max_steps=FUSED_MAX_STEPS)
    assert choose_engine(longest, "adam", 10**12) == "fused"
    assert choose_engine(longest.replace(max_steps=FUSED_MAX_STEPS + 1), "adam", 10**12) == "numpy"
    with pytest.raises(ValueError, match="the fused engine walks at most 1,000,000 steps"):
        Swarm(Scenario(max_steps=FUSED_MAX_STEPS + 1), [1.0], [2.0]).run(engine="fused")


def test_unknown_engine_is_a_value_error():
    with pytest.raises(ValueError, match="unknown engine 'fast'"):
        Swarm(Scenario(), [1.0], [2.0]).run(engine="fast")


def test_a_single_walk_never_loads_numba():
    code = ("import sys; from sim import Scenario, Walk; Walk(Scenario()).run(); "
            "print('numba' in sys.modules)")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_places_after_some_updates_are_where_a_per_step_callback_sees_the_players(monkeypatch, optimizer):
    """run(place_after=k) keeps where every player stood after k updates (where it stopped, for
    one that stopped before): the same bytes as a callback reading x and y at tick k, on the
    numpy engine, in chunks and fused."""
    from sim.walking import swarm as swarm_module
    scenario = Scenario(optimizer=optimizer, max_steps=30, tol=0.05, reach=0.4)
    x0, y0, lr = players()
    for k in (0, 1, 12, 29, 30):
        seen = []
        plain = Swarm(scenario, x0, y0, lr=lr).run(
            lambda s: seen.append(np.stack([s.x, s.y])) if s.tick == k and not seen else None, engine="numpy")
        expected = seen[0] if seen else np.stack([Swarm(scenario, x0, y0, lr=lr).x, Swarm(scenario, x0, y0, lr=lr).y])
        fast = Swarm(scenario, x0, y0, lr=lr).run(engine="fused", place_after=k)
        whole = Swarm(scenario, x0, y0, lr=lr).run(engine="numpy", place_after=k)
        monkeypatch.setattr(swarm_module, "CHUNK", 40)
        chunked = Swarm(scenario, x0, y0, lr=lr).run(engine="numpy", place_after=k)
        monkeypatch.undo()
        for swarm in (fast, whole, chunked):
            assert swarm.places.tobytes() == expected.tobytes(), k
            assert snapshot(swarm) == snapshot(plain)
        stopped = plain.steps < k
        assert stopped.any() or k <= 1   # some stopped before k: they stay where they stopped
        assert (fast.places[:, stopped] == np.stack([plain.x, plain.y])[:, stopped]).all()
    with pytest.raises(ValueError, match="place_after"):
        Swarm(scenario, x0, y0, lr=lr).run(place_after=-1)
