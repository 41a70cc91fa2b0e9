"""Beaches with character: their minima and saddle are where the definitions list them, checked by
computations that do not use the listing's construction (central differences of the loss, a grid
search), and their default walks do what each beach is for."""
import numpy as np
import pytest

from sim import SCENARIOS, Walk, make_loss, numerical_gradient
from sim.beach.beaches import BEACH_NAMES, BEACHES, beach_features

TARGET = (3.0, 2.0)
BOUNDS = SCENARIOS["beach"].bounds


def loss_at(name, x, y, target=TARGET):
    return np.asarray(make_loss(name)(np.asarray(x, float), np.asarray(y, float), *target), float)


def hessian(name, x, y, h=1e-3):
    """The Hessian of the loss at (x, y) by central differences of the loss itself."""
    f = lambda dx, dy: float(loss_at(name, x + dx, y + dy))
    fxx = (f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / h**2
    fyy = (f(0, h) - 2 * f(0, 0) + f(0, -h)) / h**2
    fxy = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h**2)
    return np.array([[fxx, fxy], [fxy, fyy]])


def points(name, kinds):
    return [(f.kind, f.at) for f in beach_features(name, TARGET, kinds)]


MINIMA = [(name, kind, at) for name in BEACH_NAMES for kind, at in points(name, ("watermelon", "hollow", "decoy"))]


@pytest.mark.parametrize("name", BEACH_NAMES)
def test_analytic_gradient_matches_central_differences(name):
    rng = np.random.default_rng(3)
    x, y = rng.uniform(-12, 12, 2000), rng.uniform(-12, 12, 2000)
    loss = make_loss(name)
    _, gx, gy = numerical_gradient(loss, x, y, *TARGET, 1e-5)
    ax, ay = loss.gradient(x, y, *TARGET)
    scale = 1 + np.hypot(ax, ay)
    assert np.max(np.abs(gx - ax) / scale) < 1e-6
    assert np.max(np.abs(gy - ay) / scale) < 1e-6


@pytest.mark.parametrize("name, kind, at", MINIMA, ids=[f"{n}-{k}-{a}" for n, k, a in MINIMA])
def test_every_listed_minimum_is_a_minimum_where_it_is_listed(name, kind, at):
    x, y = at
    _, gx, gy = numerical_gradient(make_loss(name), np.array([x]), np.array([y]), *TARGET, 1e-5)
    assert np.hypot(gx[0], gy[0]) < 1e-8
    assert np.all(np.linalg.eigvalsh(hessian(name, x, y)) > 0.01)
    # a grid search round it (1 mm apart, 5 cm either way) finds its lowest point at the listed one
    offsets = np.linspace(-0.05, 0.05, 101)
    gx_, gy_ = np.meshgrid(x + offsets, y + offsets)
    values = loss_at(name, gx_, gy_)
    j, i = np.unravel_index(np.argmin(values), values.shape)
    assert (offsets[i], offsets[j]) == pytest.approx((0, 0), abs=1e-12)


def test_the_saddle_is_a_saddle_where_it_is_listed():
    ((kind, (x, y)),) = points("saddle", ("saddle",))
    _, gx, gy = numerical_gradient(make_loss("saddle"), np.array([x]), np.array([y]), *TARGET, 1e-5)
    assert np.hypot(gx[0], gy[0]) < 1e-8
    low, high = np.linalg.eigvalsh(hessian("saddle", x, y))
    assert low < -0.1 and high > 0.1
    # along the line through the watermelon it is a minimum, across it a maximum
    assert loss_at("saddle", [x - 0.1, x + 0.1], [y, y]).min() > loss_at("saddle", x, y)
    assert loss_at("saddle", [x, x], [y - 0.1, y + 0.1]).max() < loss_at("saddle", x, y)


@pytest.mark.parametrize("name", BEACH_NAMES)
def test_the_real_watermelon_is_the_only_global_minimum_on_the_sand(name):
    xs = np.linspace(BOUNDS[0], BOUNDS[1], 481)   # 5 cm apart, through the watermelon
    gx, gy = np.meshgrid(xs, np.linspace(BOUNDS[2], BOUNDS[3], 481))
    values = loss_at(name, gx, gy)
    at = np.isclose(gx, TARGET[0], atol=1e-9) & np.isclose(gy, TARGET[1], atol=1e-9)
    assert values[at] == [0.0]
    assert values[~at].min() > 0
    others = [loss_at(name, *f.at) for f in beach_features(name, TARGET) if f.kind != "watermelon"]
    assert all(v > 0.5 for v in others)


@pytest.mark.parametrize("name", BEACH_NAMES)
def test_moving_the_watermelon_moves_the_whole_beach(name):
    rng = np.random.default_rng(5)
    x, y = rng.uniform(-12, 12, 500), rng.uniform(-12, 12, 500)
    moved = (TARGET[0] - 4.25, TARGET[1] + 1.5)
    np.testing.assert_allclose(loss_at(name, x - 4.25, y + 1.5, moved), loss_at(name, x, y), rtol=1e-9, atol=1e-9)
    before, after = beach_features(name, TARGET), beach_features(name, moved)
    assert [f.kind for f in after] == [f.kind for f in before]
    np.testing.assert_allclose([f.at for f in after], [(x - 4.25, y + 1.5) for x, y in (f.at for f in before)])


def test_beaches_with_several_minima_list_them():
    kinds = {name: [f.kind for f in BEACHES[name].features] for name in BEACH_NAMES}
    assert kinds["dunes"].count("hollow") >= 3 and kinds["decoys"].count("decoy") >= 3
    assert kinds["saddle"] == ["watermelon", "saddle"]
    assert kinds["valley"] == kinds["banana"] == ["watermelon"]
    assert beach_features("squared", TARGET) == []


def test_the_valley_is_the_textbooks_ill_conditioned_bowl_turned():
    ((_, (x, y)),) = points("valley", ("watermelon",))
    assert sorted(np.linalg.eigvalsh(hessian("valley", x, y))) == pytest.approx([0.1, 2.0], rel=1e-5)


# -- the default walks show each beach's character -------------------------------------------------
def final(name):
    result = Walk(SCENARIOS[name]).run()
    return result, np.array([result.final.x, result.final.y])


@pytest.mark.parametrize("name, kind", [("dunes", "hollow"), ("decoys", "decoy"), ("saddle", "saddle")])
def test_default_walk_stalls_short_of_the_watermelon(name, kind):
    result, at = final(name)
    assert result.outcome == "stuck"
    nearest = min(beach_features(name, SCENARIOS[name].target), key=lambda f: np.hypot(*(at - f.at)))
    assert nearest.kind == kind and np.hypot(*(at - nearest.at)) < 1e-4


def test_default_saddle_walk_never_leaves_the_stable_manifold():
    result, _ = final("saddle")
    assert {r.y for r in result.trace} == {SCENARIOS["saddle"].target[1]}


def test_default_valley_walk_zigzags_across_the_valley_and_hits():
    s = SCENARIOS["valley"]
    result = Walk(s).run()
    angle = np.radians(30)
    across = [-(r.x - s.target[0]) * np.sin(angle) + (r.y - s.target[1]) * np.cos(angle) for r in result.trace]
    assert result.outcome == "hit"
    assert all(a * b < 0 for a, b in zip(across[:10], across[1:11]))   # it crosses the floor every step


def test_default_banana_walk_crawls_along_the_curved_floor():
    s = SCENARIOS["banana"]
    result = Walk(s).run()
    assert result.outcome == "hit" and result.steps > 300
    u = np.array([r.x for r in result.trace]) - s.target[0]
    v = np.array([r.y for r in result.trace]) - s.target[1]
    a = u / 4
    off_floor = np.abs(v / 4 - 2 * a - a * a)      # |Y − X²|: 0 on the valley's floor
    assert off_floor[0] > 1 and np.all(off_floor[50:] < 0.1)   # once on the floor, it keeps to the curve
    assert np.ptp(u[50:]) > 6                      # ...and walks a long way along it


def test_the_bananas_logarithm_is_the_c_librarys_within_one_ulp():
    """log1p_alike (+, −, ×, ÷ alone, so that both engines round it alike) against math.log1p
    over 60 decades and the banana's own range; q itself at 0, ∞ and nan; a number for a number."""
    import math
    from sim.beach.beaches import log1p_alike
    rng = np.random.default_rng(7)
    q = np.concatenate([10 ** rng.uniform(-20, 40, 20_000), rng.uniform(0, 20, 20_000), [1e-300, 5e-324, 1e308]])
    exact = np.array([math.log1p(v) for v in q])
    ours = log1p_alike(q)
    assert np.max(np.abs(ours - exact) / np.spacing(exact)) <= 1.0
    assert np.mean(ours == exact) > 0.99
    assert log1p_alike(0.0) == 0.0 and log1p_alike(math.inf) == math.inf and math.isnan(log1p_alike(math.nan))
    assert isinstance(log1p_alike(0.5), float) and log1p_alike(0.5) == math.log1p(0.5)


def test_the_bananas_loss_is_the_same_whatever_the_arrays_layout():
    """More numbers than LOG_BLOCK, transposed or in Fortran order (as a view of a grid may come):
    the same values as in C order, each Rosenbrock's under the C library's log1p within 1 ulp
    (the blocked log wrote its blocks into a copy of a Fortran-ordered result, leaving garbage)."""
    import math
    from sim.beach.beaches import BANANA_CAP, LOG_BLOCK, rosenbrock
    gx, gy = np.meshgrid(np.linspace(-12, 12, 120), np.linspace(-9, 15, 110))
    assert gx.size > LOG_BLOCK
    value = BEACHES["banana"].value
    flat = value(gx, gy, *TARGET)
    exact = np.array([BANANA_CAP * math.log1p(f / BANANA_CAP) for f in rosenbrock(gx, gy, *TARGET)[0].ravel()])
    assert np.max(np.abs(flat.ravel() - exact) / np.spacing(exact)) <= 2.0
    assert np.array_equal(value(gx.T, gy.T, *TARGET), flat.T)
    assert np.array_equal(value(np.asfortranarray(gx), np.asfortranarray(gy), *TARGET), flat)
    assert np.array_equal(value(gx[:, ::2], gy[:, ::2], *TARGET), flat[:, ::2])
