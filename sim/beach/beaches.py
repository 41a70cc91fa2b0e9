"""Beaches with character: built-in losses with hollows, decoys, a saddle, a valley, a banana.

Each beach is a loss of whole arrays, ``loss(x, y, tx, ty)``, written in the player's offset from
the watermelon, u = x − tx and v = y − ty (metres), so that moving the watermelon moves the whole
beach with it. The real watermelon is always the global minimum, with loss exactly 0 at it.

Three beaches are a gentle bowl with features on it. The bowl is ``bowl(r)`` = W²(√(1 + r²/W²) − 1):
like the squared loss ½r² near the watermelon, rising only about W per metre far from it, so that
hollows and hills are not dwarfed by the bowl's corners.

- A hollow (or a decoy) at offset c with depth D and radius R (m) is
  −(D + ∇bowl(c)·(p − c))·K(|p − c|/R), K(ρ) = (1 − ρ²)³ for ρ < 1 and 0 beyond. Its linear term
  cancels the bowl's slope at c, so c is exactly a critical point, with loss bowl(c) − D and
  Hessian ∇²bowl(c) + 6D/R²·I (positive definite): a local minimum exactly where it is listed.
- A hill of radius R centred on the line through the watermelon has a saddle point behind it, on
  that line, where the bowl's pull and the hill's push balance; its height is chosen so that the
  saddle is exactly where it is listed. The line is the saddle's stable manifold: a start on it
  (the default start of ``saddle``) walks straight into the saddle and stalls there.

``valley`` is the textbook's ill-conditioned bowl u'²/20 + v'² turned by 30°, and ``banana`` is
Rosenbrock's function scaled so that its minimum is the watermelon, under a logarithm that tames
its quartic walls.

Each beach lists its points of interest (``Beach.features``: the watermelon, hollows, decoys, the
saddle) as offsets from the watermelon, so that tests check them, sweeps classify where players
ended, and the window draws them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

Array = np.ndarray
FEATURE_KINDS = ("watermelon", "hollow", "decoy", "saddle")
ENDED_NEAR = 0.5   # metres: a player that ended this near the watermelon or a saddle ended there
WIDTH = 3.0   # metres: the bowl is like ½r² within about WIDTH of the watermelon, then rises ~WIDTH per metre


@dataclass(frozen=True)
class Feature:
    """A point of interest of a beach: ``kind`` (one of FEATURE_KINDS) at offset ``at`` (m) from
    the watermelon; a player that ends within ``radius`` (m) of it ended there (in a hollow or a
    decoy's hollow: anywhere in it)."""

    kind: str
    at: tuple[float, float]
    radius: float = ENDED_NEAR


@dataclass(frozen=True)
class Beach:
    """A beach's loss over whole arrays, its exact gradient, and its listed features."""

    name: str
    label: str                       # a short English description for reports
    value: Callable[[Array, Array, float, float], Array]
    gradient: Callable[[Array, Array, float, float], tuple[Array, Array]]
    features: tuple[Feature, ...]
    parts: tuple[_Well | _Hill, ...] = ()   # the hollows, decoys and hills on the bowl (terrain beaches)

    def points(self, target: tuple[float, float], kinds: tuple[str, ...] = FEATURE_KINDS) -> list[Feature]:
        """The features of the given kinds at their beach positions (m) for a watermelon at ``target``."""
        tx, ty = target
        return [Feature(f.kind, (tx + f.at[0], ty + f.at[1]), f.radius) for f in self.features if f.kind in kinds]


# -- the bowl and its features ---------------------------------------------------------------------
def bowl(r2: Array) -> Array:
    """W²(√(1 + r²/W²) − 1) of the squared distance r² (m²) from the watermelon."""
    return WIDTH * WIDTH * (np.sqrt(1 + r2 / (WIDTH * WIDTH)) - 1)


def bowl_slope(r2: Array) -> Array:
    """dbowl/dr divided by r: the bowl's gradient at offset (u, v) is this times (u, v)."""
    return 1 / np.sqrt(1 + r2 / (WIDTH * WIDTH))


def _kernel(q2: Array, radius: float) -> tuple[Array, Array]:
    """K = (1 − ρ²)³ and dK/d(ρ²) of ρ² = q2 / radius² (zero beyond the radius)."""
    rest = 1 - np.minimum(q2 / (radius * radius), 1.0)
    square = rest * rest
    return square * rest, -3 * square


@dataclass(frozen=True)
class _Well:
    """A hollow (depth > 0) whose floor is exactly at ``at``: see the module's docstring."""

    at: tuple[float, float]
    depth: float    # how far (loss units) its floor lies below the bowl there
    radius: float   # metres

    def _shape(self, u: Array, v: Array):
        """The bowl's gradient (gu, gv) at the floor, the offsets (qu, qv) from it, K and dK/d(ρ²)
        there, and the lift D + ∇bowl(c)·(p − c)."""
        cu, cv = self.at
        slope = bowl_slope(cu * cu + cv * cv)
        gu, gv = slope * cu, slope * cv
        qu, qv = u - cu, v - cv
        k, dk = _kernel(qu * qu + qv * qv, self.radius)
        return gu, gv, qu, qv, k, dk, self.depth + gu * qu + gv * qv

    def value(self, u: Array, v: Array) -> Array:
        """The well's part of the loss at offsets (u, v) from the watermelon."""
        *_, k, _, lift = self._shape(u, v)
        return -lift * k

    def gradient(self, u: Array, v: Array) -> tuple[Array, Array]:
        """Its part of (dL/du, dL/dv)."""
        gu, gv, qu, qv, k, dk, lift = self._shape(u, v)
        scale = 2 * lift * dk / (self.radius * self.radius)
        return -(gu * k + scale * qu), -(gv * k + scale * qv)


@dataclass(frozen=True)
class _Hill:
    """A round hill of ``radius`` (m) centred ``behind`` metres from the watermelon along the unit
    vector ``towards``, as high as it takes for the saddle to lie exactly ``saddle`` metres out on
    that line. (An axis-aligned ``towards`` keeps the beach exactly mirror-symmetric about the line
    in floating point, so that a start on it stays on it.)"""

    behind: float
    saddle: float
    radius: float
    towards: tuple[float, float] = (-1.0, 0.0)

    @property
    def centre(self) -> tuple[float, float]:
        return self.behind * self.towards[0], self.behind * self.towards[1]

    @property
    def saddle_at(self) -> tuple[float, float]:
        return self.saddle * self.towards[0], self.saddle * self.towards[1]

    @property
    def height(self) -> float:
        """On the line, the bowl's pull bowl'(saddle) equals the hill's push −K'(ρ)·height/radius
        at ρ = (saddle − behind)/radius: solved for the height."""
        rho = (self.saddle - self.behind) / self.radius
        pull = self.saddle * bowl_slope(self.saddle ** 2)
        push = 6 * rho * (1 - rho * rho) ** 2 / self.radius   # −dK/dρ / radius per unit height
        return pull / push

    def value(self, u: Array, v: Array) -> Array:
        """The hill's part of the loss at offsets (u, v) from the watermelon."""
        cu, cv = self.centre
        return self.height * _kernel((u - cu) ** 2 + (v - cv) ** 2, self.radius)[0]

    def gradient(self, u: Array, v: Array) -> tuple[Array, Array]:
        """Its part of (dL/du, dL/dv)."""
        cu, cv = self.centre
        qu, qv = u - cu, v - cv
        scale = 2 * self.height * _kernel(qu * qu + qv * qv, self.radius)[1] / (self.radius * self.radius)
        return scale * qu, scale * qv


def _terrain(parts: tuple[_Well | _Hill, ...]):
    """The bowl with ``parts`` on it, as (value, gradient) functions of (x, y, tx, ty)."""
    def value(x, y, tx, ty):
        u, v = np.subtract(x, tx), np.subtract(y, ty)
        total = bowl(u * u + v * v)
        for part in parts:
            total += part.value(u, v)
        return total

    def gradient(x, y, tx, ty):
        u, v = np.subtract(x, tx), np.subtract(y, ty)
        slope = bowl_slope(u * u + v * v)
        gu, gv = slope * u, slope * v
        for part in parts:
            du, dv = part.gradient(u, v)
            gu, gv = gu + du, gv + dv
        return gu, gv
    return value, gradient


def _terrain_beach(name: str, label: str, parts: tuple[_Well | _Hill, ...], kind: str) -> Beach:
    features = [Feature("watermelon", (0.0, 0.0))]
    features += [Feature(kind, p.at, p.radius) if isinstance(p, _Well) else Feature("saddle", p.saddle_at)
                 for p in parts]
    return Beach(name, label, *_terrain(parts), tuple(features), parts)


# -- the valley and the banana ---------------------------------------------------------------------
VALLEY_ANGLE = math.radians(30)   # the valley's long axis, from the x axis
_C, _S = math.cos(VALLEY_ANGLE), math.sin(VALLEY_ANGLE)


def _valley(x, y, tx, ty):
    u, v = np.subtract(x, tx), np.subtract(y, ty)
    along, across = _C * u + _S * v, -_S * u + _C * v
    return along * along / 20 + across * across


def _valley_gradient(x, y, tx, ty):
    u, v = np.subtract(x, tx), np.subtract(y, ty)
    d_along, d_across = (_C * u + _S * v) / 10, 2 * (-_S * u + _C * v)
    return _C * d_along - _S * d_across, _S * d_along + _C * d_across


BANANA_SCALE = 4.0    # metres per unit of Rosenbrock's coordinates
BANANA_B = 10.0       # steepness of the banana's walls (Rosenbrock's 100, gentler)
BANANA_CAP = 10.0     # loss units: the logarithm tames the quartic walls above about this


def rosenbrock(x, y, tx, ty) -> tuple[Array, Array, Array]:
    """Rosenbrock's (1 − X)² + b(Y − X²)² with X = 1 + u/s, Y = 1 + v/s (its minimum (1, 1) is
    the watermelon, its valley floor Y = X² curves through it), with its parts a = u/s and
    wall = Y − X²."""
    a = np.subtract(x, tx) / BANANA_SCALE
    wall = np.subtract(y, ty) / BANANA_SCALE - 2 * a - a * a
    return a * a + BANANA_B * wall * wall, a, wall


# ln(1 + q) by +, −, ×, ÷ alone, so that the numpy engine and the fused kernel (sim.walking.fused)
# round it alike: fdlibm's log (its constants; within 1 ulp of the C library's log1p).
SQRT_HALF = 0.7071067811865476
LN2_HI, LN2_LO = 6.93147180369123816490e-01, 1.90821492927058770002e-10
LG1, LG2, LG3, LG4 = 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01
LG5, LG6, LG7 = 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01


def log_reduced(m, k, c):
    """ln(m·2^k) + c for m in [√½, √2) and a small correction c (numbers or arrays alike)."""
    f = m - 1.0
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6))
    hfsq = 0.5 * f * f
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f)


LOG_BLOCK = 8192   # numbers at a time: the ~30 passes of log1p_alike stay in cache (about 2x faster)


def log1p_alike(q):
    """ln(1 + q) for q ≥ 0 (an array or a number), LOG_BLOCK numbers at a time; within 1 ulp for
    −1 < q < 0 too, but not log1p's −inf and nan for q ≤ −1 (the banana's q, a sum of squares, is
    never below 0)."""
    q = np.asarray(q, float)
    if q.size <= LOG_BLOCK:
        return _log1p_block(q)[()]
    out = np.empty(q.shape)   # C order, so that into is a view of it whatever q's layout
    flat, into = q.reshape(-1), out.reshape(-1)
    for i in range(0, flat.size, LOG_BLOCK):
        into[i:i + LOG_BLOCK] = _log1p_block(flat[i:i + LOG_BLOCK])
    return out


def _log1p_block(q: np.ndarray) -> np.ndarray:
    """1 + q = w = m·2^k, and (q − (w − 1))/w corrects the rounding of w; q itself where w is 1 or
    not finite."""
    w = 1.0 + q
    m, k = np.frexp(w)
    low = m < SQRT_HALF
    m, k = np.where(low, m * 2.0, m), np.where(low, k - 1, k).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = log_reduced(m, k, (q - (w - 1.0)) / w)
    return np.where((w == 1.0) | ~np.isfinite(w), q, out)


def _banana(x, y, tx, ty):
    """cap·ln(1 + rosenbrock/cap): Rosenbrock's valley near its floor, its walls tamed far from it
    (a monotone change of the loss keeps its minima and valley where they were)."""
    f = rosenbrock(x, y, tx, ty)[0]
    return BANANA_CAP * log1p_alike(f / BANANA_CAP)


def _banana_gradient(x, y, tx, ty):
    f, a, wall = rosenbrock(x, y, tx, ty)
    k = 1 / ((1 + f / BANANA_CAP) * BANANA_SCALE)
    return k * (2 * a - 4 * BANANA_B * wall * (1 + a)), k * 2 * BANANA_B * wall


# -- the beaches -----------------------------------------------------------------------------------
BEACHES: dict[str, Beach] = {b.name: b for b in (
    _terrain_beach("dunes", "bowl with three hollows", (
        _Well((-5.0, -3.5), 7.0, 2.8), _Well((-3.0, 6.5), 9.0, 2.8), _Well((-10.0, 1.0), 12.0, 2.8),
        _Well((5.0, 6.0), 9.0, 2.8)), "hollow"),
    _terrain_beach("decoys", "bowl with three decoy watermelons", (
        _Well((-7.0, 4.0), 14.0, 3.0), _Well((-6.0, -6.0), 13.5, 3.0), _Well((5.5, 6.0), 14.0, 3.0)), "decoy"),
    _terrain_beach("saddle", "bowl with a hill and a saddle behind it", (_Hill(5.0, 8.4, 4.0),), "saddle"),
    Beach("valley", "u'²/20 + v'², turned 30°", _valley, _valley_gradient, (Feature("watermelon", (0.0, 0.0)),)),
    Beach("banana", "Rosenbrock's curved valley", _banana, _banana_gradient, (Feature("watermelon", (0.0, 0.0)),)),
)}
BEACH_NAMES = tuple(BEACHES)


def beach_features(loss: str, target: tuple[float, float], kinds: tuple[str, ...] = FEATURE_KINDS) -> list[Feature]:
    """The listed features of the given kinds of the beach whose loss is called ``loss``, at their
    beach positions (m) for a watermelon at ``target``; none for any other loss."""
    beach = BEACHES.get(loss)
    return [] if beach is None else beach.points(target, kinds)


def ending_places(loss: str) -> tuple[str, ...]:
    """Where a player on the beach of ``loss`` can end, for a beach with more than one listed point:
    the kinds it lists (in FEATURE_KINDS order), then "elsewhere"; () for any other loss."""
    beach = BEACHES.get(loss)
    if beach is None or len(beach.features) < 2:
        return ()
    kinds = {f.kind for f in beach.features}
    return tuple(k for k in FEATURE_KINDS if k in kinds) + ("elsewhere",)


def place_codes(loss: str, target: tuple[float, float], x: Array, y: Array, hit: Array) -> Array:
    """Each player's place (an index into ``ending_places(loss)``) from its final position x, y (m):
    the watermelon if it hit, else the kind of the listed point within whose radius it ended, else
    "elsewhere" (in the sea, or on open sand, walking or stopped)."""
    places = ending_places(loss)
    codes = np.full(np.shape(x), len(places) - 1, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        for f in beach_features(loss, target):
            codes[np.hypot(x - f.at[0], y - f.at[1]) < f.radius] = places.index(f.kind)
    codes[hit] = places.index("watermelon")
    return codes
