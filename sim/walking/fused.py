"""The fused engine: the swarm's walk compiled with numba, blocks of players in L1 cache.

The numpy engine (sim.walking.swarm) passes over all live players some thirty times per step;
this kernel takes BLOCK players at a time, copies their whole state (position, gradient,
optimizer state, flags) into short arrays that stay in L1 cache, and walks them step after step
to their ends in simple loops across the block that compile to vector instructions; memory is
touched once per player per run, not per step. It is an optional extra (the `fast` extra:
numba); without numba, or for what it does not cover, the numpy engine walks, and it stays the
reference.

Bit for bit the numpy engine: every expression below is the numpy engine's, operation by
operation in the same order, on IEEE doubles (no fast-math: LLVM neither reassociates nor
contracts a·b + c into a fused multiply-add; only +, −, ×, ÷, √, |·| and hypot, which both
engines round alike). Two kernels, _run (the walk) and _hear (noise), compiled once per
machine (``cache=True``), choose the loss and the optimizer at run time.

Covered: the losses squared, distance, hit-or-miss and every beach (dunes, decoys, saddle, valley,
banana: its logarithm is sim.beach.beaches.log1p_alike, by +, −, ×, ÷ alone); every optimizer but a
Mixed one (a race); every schedule; noise. Not covered (the numpy engine walks): the digits
landscapes and custom expressions.
"""
from __future__ import annotations

import math

import numba
import numpy as np
from numba.cpython.unsafe.tuple import tuple_setitem

from sim.beach.beaches import BANANA_CAP, BEACHES, SQRT_HALF, WIDTH, _C, _S, _Hill, _Well, log_reduced, rosenbrock
from sim.walking.swarm import FUSED_LOSS_KINDS as LOSS_KINDS, FUSED_OPTIMIZER_KINDS as OPTIMIZER_KINDS

STATE_ARRAYS = {"gd": (), "momentum": ("v",), "nesterov": ("v",), "adagrad": ("h",), "rmsprop": ("h",),
                "adam": ("m", "v")}
RUN, STEP, HEAR = 0, 1, 2   # phases: walk to the end; one update; hear and the endings (noise)
WALKING, HIT, STUCK, DIVERGED, MAX_STEPS = 0, 1, 2, 3, 4   # as in sim.walking.swarm
ROUNDING = 16 * float(np.finfo(float).eps)   # as in sim.walking.swarm
BLOCK = 256   # players walked side by side: 256 × COLUMNS doubles (34 KB) stay in L1 cache
COLUMNS = 17  # x, y, offset, gradient, loss, distance², lr, 4 of optimizer state, the step, the heard gradient
PARTS = 4     # the most parts (hollows, hills) a terrain beach has


def terrain_parts(loss_name: str) -> tuple[float, ...]:
    """The bowl's parts of a terrain beach, PARTS × (kind 0 well / 1 hill / −1 none, cu, cv, gu,
    gv, depth, radius², height), each number computed as the numpy engine computes it."""
    rows = []
    for part in BEACHES[loss_name].parts if loss_name in BEACHES else ():
        if isinstance(part, _Well):
            gu, gv, *_ = part._shape(np.float64(0.0), np.float64(0.0))
            rows.append([0, *part.at, gu, gv, part.depth, part.radius * part.radius, 0])
        elif isinstance(part, _Hill):
            rows.append([1, *part.centre, 0, 0, 0, part.radius * part.radius, part.height])
    if len(rows) > PARTS:
        raise ValueError(f"the fused kernel takes at most {PARTS} parts, {loss_name} has {len(rows)}")
    rows += [[-1] + [0] * 7] * (PARTS - len(rows))
    return tuple(float(v) for row in rows for v in row)


def _jit(function):
    return numba.njit(cache=True, fastmath=False, nogil=True, error_model="numpy")(function)


def _inline(function):
    """Compiled into each caller (the loss: so that LLVM sees the whole step, and fuses it)."""
    return numba.njit(inline="always", fastmath=False, error_model="numpy")(function)


# The helpers take numbers and tuples only (an array argument costs two atomic reference counts
# per call); the loss and _feel are compiled into their callers.
@_jit
def _kernel_k(q2, r2):
    """K = (1 − ρ²)³ of ρ² = q2 / radius² (numpy's minimum: a nan stays nan)."""
    rho2 = q2 / r2
    rest = 1 - (rho2 if not rho2 > 1.0 else 1.0)
    square = rest * rest
    return square * rest


_log_reduced = _inline(log_reduced)
_rosenbrock = _inline(rosenbrock)   # the numpy engine's own code, compiled for one player


@_inline
def _log1p_alike(q):
    """sim.beach.beaches.log1p_alike of one number."""
    w = 1.0 + q
    if w == 1.0 or not math.isfinite(w):
        return q
    m, k = math.frexp(w)
    if m < SQRT_HALF:
        m = m * 2.0
        k = k - 1
    return _log_reduced(m, float(k), (q - (w - 1.0)) / w)


@_inline
def _loss(kind, x, y, tx, ty, reach, parts):
    """The loss at (x, y), as its numpy function computes it; ``parts`` is terrain_parts flattened
    into PARTS × 8 numbers (a part of kind −1 ends the list)."""
    if kind == 0:
        dx = x - tx
        dy = y - ty
        return (dx * dx + dy * dy) * 0.5
    if kind == 1:
        return math.hypot(x - tx, y - ty)
    if kind == 2:
        return 1.0 if math.hypot(x - tx, y - ty) >= reach else 0.0
    u = x - tx
    v = y - ty
    if kind == 4:
        along = _C * u + _S * v
        across = -_S * u + _C * v
        return along * along / 20 + across * across
    if kind == 5:
        return BANANA_CAP * _log1p_alike(_rosenbrock(x, y, tx, ty)[0] / BANANA_CAP)
    total = WIDTH * WIDTH * (math.sqrt(1 + (u * u + v * v) / (WIDTH * WIDTH)) - 1)
    for p in range(0, 8 * PARTS, 8):
        if parts[p] < 0:
            break
        qu = u - parts[p + 1]
        qv = v - parts[p + 2]
        k = _kernel_k(qu * qu + qv * qv, parts[p + 6])
        if parts[p] == 0:
            lift = parts[p + 5] + parts[p + 3] * qu + parts[p + 4] * qv
            total = total + (-lift) * k
        else:
            total = total + parts[p + 7] * k
    return total


@_inline
def _feel(kind, x, y, tx, ty, h, reach, parts):
    """numerical_gradient at (x, y): (the loss there, dL/dx, dL/dy), central differences of the
    loss at the probes (x + h, y), (x − h, y), (x, y + h), (x, y − h)."""
    values = (0.0, 0.0, 0.0, 0.0, 0.0)
    for p in range(5):   # one copy of the loss's code, five points
        px = x + h if p == 0 else (x - h if p == 1 else x)
        py = y + h if p == 2 else (y - h if p == 3 else y)
        values = tuple_setitem(values, p, _loss(kind, px, py, tx, ty, reach, parts))
    two_h = 2 * h
    return values[4], (values[0] - values[1]) / two_h, (values[2] - values[3]) / two_h


@_jit
def _ending(x, y, loss, gx, gy, d2, maxed, reach2, bounds):
    """The numpy engine's _endings for one player; bounds (xmin, xmax, ymin, ymax)."""
    ok = bounds[0] <= x <= bounds[1] and bounds[2] <= y <= bounds[3] and math.isfinite(loss + gx + gy)
    if not ok:
        return DIVERGED
    if d2 < reach2:
        return HIT
    return MAX_STEPS if maxed else WALKING


@_jit
def _hear(ints, floats, parts, normals, pos, grad, heard, loss, d2, codes, ends):
    """After ints[1] updates: the gradient each live player hears (the numerical gradient at its
    spot jittered by noise × ``normals``), then its ending (as the numpy engine's _endings)."""
    tick, max_steps, kind = ints[1], ints[2], ints[3]
    tx, ty, h, reach, reach2, noise = floats[0], floats[1], floats[2], floats[3], floats[4], floats[6]
    bounds = (floats[8], floats[9], floats[10], floats[11])
    for j in range(pos.shape[1]):
        sx = pos[0, j] + noise * normals[0, j]
        sy = pos[1, j] + noise * normals[1, j]
        _, heard[0, j], heard[1, j] = _feel(kind, sx, sy, tx, ty, h, reach, parts)
        codes[j] = _ending(pos[0, j], pos[1, j], loss[j], grad[0, j], grad[1, j], d2[j],
                           tick >= max_steps, reach2, bounds)
        ends[j] = tick


@_jit
def _run(ints, floats, parts, hyper, factors, corrections,
         pos, heard, grad, offset, loss, d2, lr, history, state, codes, ends, places):
    """Walk every live player (column) from tick ints[1] to its end or to tick ints[7], BLOCK
    players at a time: their state copied into short arrays that stay in L1 cache, stepped
    together by simple loops across the block that the compiler turns into vector instructions
    (the loss's loop for the squared loss and each optimizer's), players leaving the block as
    they end. Without endings (ints[8] == 0, for noise: the player hears before they are judged)
    only a stuck player ends. Players still walking at tick ints[7] get code WALKING. Each player
    that makes update ints[9] writes where it lands into ``places``."""
    tick0, max_steps, kind, opt, noisy, descent = ints[1], ints[2], ints[3], ints[4], ints[5], ints[6]
    last, judge, place_tick = ints[7], ints[8], ints[9]
    tx, ty, h, reach, reach2, tol2, target_size = (floats[0], floats[1], floats[2], floats[3], floats[4],
                                                   floats[5], floats[7])
    xmin, xmax, ymin, ymax = floats[8], floats[9], floats[10], floats[11]
    mu, beta1, beta2, rho, eps = hyper
    two_h = 2 * h
    n_all = pos.shape[1]
    idx = np.empty(BLOCK, np.int64)
    block = np.empty((COLUMNS, BLOCK))
    over, recede = np.empty(BLOCK, np.bool_), np.empty(BLOCK, np.bool_)
    code = np.empty(BLOCK, np.int8)
    X, Y, OX, OY, GX, GY, L, D2, LR = (block[0], block[1], block[2], block[3], block[4], block[5], block[6],
                                       block[7], block[8])
    A0, A1, A2, A3, SX, SY = block[9], block[10], block[11], block[12], block[13], block[14]
    FX, FY = (block[15], block[16]) if noisy else (GX, GY)   # the gradient followed: heard or felt
    for lo in range(0, n_all, BLOCK):
        n = min(BLOCK, n_all - lo)
        for k in range(n):
            j = lo + k
            idx[k] = j
            code[k] = WALKING
            X[k], Y[k], OX[k], OY[k] = pos[0, j], pos[1, j], offset[0, j], offset[1, j]
            GX[k], GY[k], L[k], D2[k], LR[k] = grad[0, j], grad[1, j], loss[j], d2[j], lr[j]
            A0[k], A1[k], A2[k], A3[k] = state[0, j], state[1, j], state[2, j], state[3, j]
            block[15, k], block[16, k] = heard[0, j], heard[1, j]
            over[k], recede[k] = history[0, j], history[1, j]
        t = tick0
        while n:
            factor, correction = factors[t], corrections[t]
            # The update: each optimizer's rule as sim.walking.optimizers writes it.
            if descent:
                for k in range(n):
                    lre = LR[k] * factor
                    SX[k], SY[k] = FX[k] * lre, FY[k] * lre
            elif opt == 0:
                for k in range(n):
                    lre = LR[k] * factor
                    SX[k], SY[k] = -(FX[k] * lre), -(FY[k] * lre)
            elif opt == 1 or opt == 2:
                for k in range(n):
                    lre = LR[k] * factor
                    lx, ly = FX[k] * lre, FY[k] * lre
                    vx, vy = A0[k] * mu - lx, A1[k] * mu - ly
                    A0[k], A1[k] = vx, vy
                    if opt == 1:
                        SX[k], SY[k] = vx, vy
                    else:
                        SX[k], SY[k] = vx * (mu * mu) - lx * (1 + mu), vy * (mu * mu) - ly * (1 + mu)
            elif opt == 3 or opt == 4:
                for k in range(n):
                    lre = LR[k] * factor
                    gx, gy = FX[k], FY[k]
                    if opt == 3:
                        hx, hy = A0[k] + gx * gx, A1[k] + gy * gy
                    else:
                        hx, hy = A0[k] * rho + (gx * gx) * (1 - rho), A1[k] * rho + (gy * gy) * (1 - rho)
                    A0[k], A1[k] = hx, hy
                    SX[k] = -(gx * lre) / (math.sqrt(hx) + eps)
                    SY[k] = -(gy * lre) / (math.sqrt(hy) + eps)
            else:
                for k in range(n):
                    lr_t = (LR[k] * factor) * correction
                    gx, gy = FX[k], FY[k]
                    mx, my = A0[k] + (gx - A0[k]) * (1 - beta1), A1[k] + (gy - A1[k]) * (1 - beta1)
                    vx, vy = A2[k] + (gx * gx - A2[k]) * (1 - beta2), A3[k] + (gy * gy - A3[k]) * (1 - beta2)
                    A0[k], A1[k], A2[k], A3[k] = mx, my, vx, vy
                    SX[k] = mx * (-lr_t) / (math.sqrt(vx) + eps)
                    SY[k] = my * (-lr_t) / (math.sqrt(vy) + eps)
            # Stuck: a step shorter than tol is not taken.
            stuck = 0
            if tol2 > 0:
                for k in range(n):
                    short = SX[k] * SX[k] + SY[k] * SY[k] < tol2
                    code[k] = STUCK if short else WALKING
                    stuck += short
            if stuck:
                n = _leave(n, t, idx, block, over, recede, code, pos, grad, offset, loss, d2, state, history,
                           codes, ends, False)
            # The move, the overshoot and recede flags, the new offset and distance.
            for k in range(n):
                x = X[k] - SX[k] if descent else X[k] + SX[k]
                y = Y[k] - SY[k] if descent else Y[k] + SY[k]
                nx, ny = x - tx, y - ty
                nd2 = nx * nx + ny * ny
                dot = OX[k] * nx + OY[k] * ny
                old_d = math.sqrt(D2[k])
                slack = (abs(L[k]) * (ROUNDING / h)) * LR[k] + ROUNDING * (old_d + target_size)
                over[k] = over[k] | ((dot < 0) & (dot < -slack * old_d))
                recede[k] = recede[k] | (nd2 > D2[k])
                X[k], Y[k], OX[k], OY[k], D2[k] = x, y, nx, ny, nd2
            if t + 1 == place_tick:
                for k in range(n):
                    places[0, idx[k]], places[1, idx[k]] = X[k], Y[k]
            # What the player feels there.
            if kind == 0:   # the squared loss's probed fast path (sim.beach.losses), element by element
                for k in range(n):
                    sqx, sqy = OX[k] * OX[k], OY[k] * OY[k]
                    px, mx = X[k] + h - tx, X[k] - h - tx
                    py, my = Y[k] + h - ty, Y[k] - h - ty
                    GX[k] = ((px * px + sqy) * 0.5 - (mx * mx + sqy) * 0.5) / two_h
                    GY[k] = ((py * py + sqx) * 0.5 - (my * my + sqx) * 0.5) / two_h
                    L[k] = D2[k] * 0.5
            else:
                for k in range(n):
                    L[k], GX[k], GY[k] = _feel(kind, X[k], Y[k], tx, ty, h, reach, parts)
            # The endings after t + 1 updates.
            maxed = t + 1 >= max_steps
            ended = 0
            for k in range(n if judge else 0):
                total = L[k] + GX[k] + GY[k]
                ok = (X[k] >= xmin) & (X[k] <= xmax) & (Y[k] >= ymin) & (Y[k] <= ymax) & (total - total == 0)
                c = DIVERGED if not ok else (HIT if D2[k] < reach2 else (MAX_STEPS if maxed else WALKING))
                code[k] = c
                ended += c != WALKING
            if ended:
                n = _leave(n, t + 1, idx, block, over, recede, code, pos, grad, offset, loss, d2, state, history,
                           codes, ends, False)
            t += 1
            if t >= last and n:
                code[:n] = WALKING
                n = _leave(n, t, idx, block, over, recede, code, pos, grad, offset, loss, d2, state, history,
                           codes, ends, True)


@_jit
def _leave(n, t, idx, block, over, recede, code, pos, grad, offset, loss, d2, state, history, codes, ends,
           everyone):
    """Write the players of the block whose code is set (or everyone) back to the live arrays,
    at tick t, and close the block up over them; the players left in it."""
    kept = 0
    for k in range(n):
        j = idx[k]
        if everyone or code[k] != WALKING:
            pos[0, j], pos[1, j], offset[0, j], offset[1, j] = block[0, k], block[1, k], block[2, k], block[3, k]
            grad[0, j], grad[1, j], loss[j], d2[j] = block[4, k], block[5, k], block[6, k], block[7, k]
            state[0, j], state[1, j], state[2, j], state[3, j] = block[9, k], block[10, k], block[11, k], block[12, k]
            history[0, j], history[1, j] = over[k], recede[k]
            codes[j], ends[j] = code[k], t
        else:
            if kept != k:
                idx[kept], over[kept], recede[kept] = j, over[k], recede[k]
                for c in range(COLUMNS):
                    block[c, kept] = block[c, k]
            kept += 1
    return kept


def _hyper(optimizer) -> tuple[float, ...]:
    """The kernel's hyperparameters (μ, β1, β2, ρ, ε); 0 for those the optimizer does not take."""
    hp = optimizer.hyperparameters
    return tuple(float(hp.get(k, 0.0)) for k in ("momentum", "beta1", "beta2", "rho", "eps"))


def _corrections(optimizer, tick0: int, max_steps: int) -> np.ndarray:
    """Adam's bias correction of the update at each tick from tick0 (ones for the others)."""
    out = np.ones(max(max_steps, 1))
    if optimizer.name == "adam":
        t0 = optimizer.t
        for tick in range(tick0, max_steps):
            out[tick] = optimizer.correction(t0 + tick - tick0 + 1)
    return out


class Kernel:
    """The fused kernel bound to one swarm's settings: ``walk(phase, ...)`` on its live arrays."""

    def __init__(self, swarm) -> None:
        s = swarm.scenario
        opt = swarm.optimizer
        self.swarm = swarm
        self.names = STATE_ARRAYS[opt.name]
        self.descent = opt.name == "gd" and bool(np.isfinite(swarm.lr).all())
        self.ints = np.array([0, 0, s.max_steps, LOSS_KINDS[s.loss], OPTIMIZER_KINDS[opt.name],
                              int(bool(swarm.noise)), int(self.descent), 0, 0, -1], dtype=np.int64)
        self.floats = np.array([swarm.tx, swarm.ty, s.h, s.reach, swarm._reach2, swarm._tol2, swarm.noise,
                                swarm._target_size, *s.bounds], dtype=float)
        self.parts = terrain_parts(s.loss)
        self.hyper = _hyper(opt)
        self.factors = swarm.schedule.factors(max(s.max_steps, 1))
        self._corrections: np.ndarray | None = None

    def walk(self, phase: int, normals: np.ndarray | None = None,
             places: np.ndarray | None = None, place_tick: int = -1) -> tuple[np.ndarray, np.ndarray]:
        """Run ``phase`` on the swarm's live players from its tick: RUN (to their ends), STEP (one
        update; with noise only stuck players end) or HEAR (noise: hear ``normals``, then the
        endings). The codes and end ticks per live player; with ``places`` (2, live players),
        where each lands after update ``place_tick``, if it makes it."""
        w, opt = self.swarm, self.swarm.optimizer
        m = w._idx.size
        codes, ends = np.empty(m, np.int8), np.empty(m, np.int64)
        self.ints[1] = w.tick
        if phase == HEAR:
            _hear(self.ints, self.floats, self.parts, normals, w._pos, w._grad, w._heard, w._loss, w._d2, codes, ends)
            return codes, ends
        if self._corrections is None or phase == RUN:
            self._corrections = _corrections(opt, w.tick, w.scenario.max_steps)
        self.ints[7] = w.scenario.max_steps if phase == RUN else w.tick + 1
        self.ints[8] = int(phase == RUN or not w.noise)
        self.ints[9] = place_tick if places is not None else -1
        state = np.zeros((4, m))
        for i, name in enumerate(self.names):
            if getattr(opt, name) is not None:
                state[2 * i:2 * i + 2] = getattr(opt, name)
        heard = w._heard if w.noise else w._grad
        _run(self.ints, self.floats, self.parts, self.hyper, self.factors, self._corrections, w._pos, heard,
             w._grad, w._offset, w._loss, w._d2, w._lr, w._history, state, codes, ends,
             np.empty((2, 0)) if places is None else places)
        for i, name in enumerate(self.names):
            setattr(opt, name, state[2 * i:2 * i + 2].copy())
        return codes, ends
