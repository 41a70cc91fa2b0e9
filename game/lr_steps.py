"""How Up / Down and [ / ] step the learning rate and the probe distance h.

The lone walk climbs a ladder of round learning rates (``ladder_lr``); a race or a population
scales every lr by LR_FACTOR (``scaled_lr``); h moves by factors of H_FACTOR (``stepped_h``).
"""
from __future__ import annotations

LR_FACTOR = 1.25      # Up / Down multiply / divide a race's or a population's lr by this
LR_MIN, LR_MAX = 1e-4, 10.0
LR_LADDER: tuple[float, ...] = tuple(sorted(
    float(f"{m * 10.0 ** k:.4g}") for k in range(-4, 2) for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
    if LR_MIN <= m * 10.0 ** k <= LR_MAX))
"""The lone walk's learning rates on Up / Down: ten a decade (about x1.25 apart), with the round
values a lesson needs among them: 1 (one step to the watermelon on the squared loss), 2 (the
edge of diverging), 0.5, 1.5, 0.1, ..."""
H_FACTOR = 10.0       # [ / ] divide / multiply h by this
H_MAX = 10.0          # metres (the scenario validator's upper bound)


def ladder_lr(lr: float, up: bool) -> float:
    """The next learning rate of LR_LADDER above (``up``) or below ``lr``; LR_MAX or LR_MIN past its ends."""
    if up:
        return next((v for v in LR_LADDER if v > lr), LR_MAX)
    return next((v for v in reversed(LR_LADDER) if v < lr), LR_MIN)


def scaled_lr(lr: float, up: bool) -> float:
    """lr times or divided by LR_FACTOR, kept within [LR_MIN, LR_MAX] and to 4 digits."""
    lr = lr * (LR_FACTOR if up else 1 / LR_FACTOR)
    return float(f"{min(LR_MAX, max(LR_MIN, lr)):.4g}")


def stepped_h(h: float, up: bool, min_h: float) -> float:
    """h times or divided by H_FACTOR, to 3 digits, within [``min_h``, H_MAX] metres."""
    h = h * (H_FACTOR if up else 1 / H_FACTOR)
    h = float(f"{min(H_MAX, max(min_h, h)):.3g}")
    return min(H_MAX, max(min_h, h))
