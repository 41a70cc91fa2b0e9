"""What an optimizer carries from step to step, drawn at the player's feet, and a key that says it.

Momentum and Nesterov carry a velocity v (metres per update): a violet arrow from the player,
beside the orange arrow of the step. AdaGrad, RMSProp and Adam scale lr on each axis by what
they have seen of the slope there: a blue ellipse round the player, wide where x steps are
scaled up, tall where y steps are. Where the step is not the slope's own (another optimizer than
gd, or friends who shout imprecisely), a thin white arrow shows the slope alone, −lr·grad: with
noise the true, noiseless slope, round which the heard one jitters. The key names each of them.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pygame
from sim import StepRecord

from game import assets, i18n
from game.camera import Camera
from game.drawers import RGB, finite, mix, unit
from game.drawers.friends import HINT_ARROW
from game.drawers.probes import ARROW, ARROW_EDGE, draw_arrow

VELOCITY: RGB = (126, 64, 206)
VELOCITY_EDGE: RGB = (48, 20, 88)
SLOPE: RGB = (255, 255, 255)
SLOPE_EDGE: RGB = (120, 108, 92)
SCALE: RGB = (24, 98, 206)
SCALE_EDGE: RGB = (235, 244, 255)
CARD: RGB = (255, 252, 244)
INK: RGB = (40, 30, 20)
SCALE_RADIUS = 1.3   # sprite units: the ellipse's longer semi-axis
SCALE_LEAST = 0.12   # sprite units: its shorter semi-axis at the least


def velocity(row: StepRecord) -> tuple[float, float] | None:
    """Momentum's (or Nesterov's) velocity v at ``row`` (metres per update), None without one."""
    vx, vy = row.state_value("velocity", 0), row.state_value("velocity", 1)
    return None if vx is None or vy is None else (vx, vy)


def lr_per_axis(row: StepRecord, lr: float) -> tuple[float, float] | None:
    """lr times the adaptive optimizer's scale on each axis (x, y) at ``row``: how big a step one
    unit of slope makes along it; None without a scale."""
    sx, sy = row.state_value("scale", 0), row.state_value("scale", 1)
    if sx is None or sy is None or not finite(lr * sx, lr * sy) or max(sx, sy) <= 0:
        return None
    return lr * sx, lr * sy


def draw_velocity(surf: pygame.Surface, cam: Camera, row: StepRecord, longest: float) -> None:
    """The velocity v at ``row`` as a thin violet arrow from the player."""
    v = velocity(row)
    if v is not None:
        draw_arrow(surf, cam, row.x, row.y, v[0], v[1], VELOCITY, longest=longest, edge=VELOCITY_EDGE, thin=True)


def draw_slope(surf: pygame.Surface, cam: Camera, row: StepRecord, lr: float, longest: float) -> None:
    """The slope alone, −lr·grad (the true, noiseless gradient at ``row``), as a thin white arrow."""
    draw_arrow(surf, cam, row.x, row.y, -lr * row.grad_x, -lr * row.grad_y, SLOPE, longest=longest,
               edge=SLOPE_EDGE, thin=True)


def scale_ellipse(cam: Camera, x: float, y: float, axes: tuple[float, float]) -> pygame.Rect | None:
    """The ellipse of the per-axis step sizes ``axes`` (x, y) round (x, y) metres: its longer
    semi-axis SCALE_RADIUS sprite units, the other in proportion (SCALE_LEAST at the least)."""
    if not finite(x, y):
        return None
    u = unit(cam)
    big = max(axes)
    rx, ry = (max(SCALE_LEAST, SCALE_RADIUS * a / big) * u for a in axes)
    cx, cy = cam.to_screen(x, y)
    return pygame.Rect(round(cx - rx), round(cy - ry), round(2 * rx), round(2 * ry))


def draw_scale(surf: pygame.Surface, cam: Camera, x: float, y: float, axes: tuple[float, float]) -> None:
    """A blue ellipse round the player's feet, wide where the optimizer scales x steps up and tall
    where it scales y steps up, with its two axes drawn across it."""
    box = scale_ellipse(cam, x, y, axes)
    if box is None:
        return
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.ellipse(shade, (*SCALE, 48), shade.get_rect())
    surf.blit(shade, box)
    w = max(2, round(unit(cam) * 0.06))
    pygame.draw.line(surf, SCALE, box.midleft, box.midright, max(1, w - 1))
    pygame.draw.line(surf, SCALE, box.midtop, box.midbottom, max(1, w - 1))
    pygame.draw.ellipse(surf, SCALE_EDGE, box.inflate(2, 2), w + 2)   # a light rim: it reads on the heatmap too
    pygame.draw.ellipse(surf, SCALE, box, w)


def key_lines(row: StepRecord, lr: float, optimizer: str, noise: float, lang: str) -> list[tuple[str, str]]:
    """The key's lines as (icon, text): the icons "step", "velocity", "slope", "scale", "heard".
    Empty where the step is the slope's own (plain gd without noise): nothing needs a key."""
    if optimizer == "gd" and not noise:
        return []
    lines = [("step", i18n.tr("key.step", lang))]
    if velocity(row) is not None:
        lines.append(("velocity", i18n.tr("key.velocity", lang)))
    lines.append(("slope", i18n.tr("key.true_slope" if noise else "key.slope", lang)))
    axes = lr_per_axis(row, lr)
    if axes is not None:
        lines.append(("scale", i18n.tr("key.scale", lang, x=f"{axes[0]:.3g}", y=f"{axes[1]:.3g}")))
    if noise:
        lines.append(("heard", i18n.tr("key.heard", lang)))
    return lines


def key_px(u: float) -> int:
    """Font size (pixels) of the key for sprite unit ``u``."""
    return max(11, min(18, round(u * 0.4)))


def build_key(lines: Sequence[tuple[str, str]], px: int) -> pygame.Surface:
    """The key: on a light card, each line's icon (an arrow or an ellipse in its colour) and text."""
    texts = [assets.text(t, px, INK) for _, t in lines]
    line = max(t.get_height() for t in texts) + 2
    icon = round(px * 2.2)
    pad = max(4, round(px * 0.45))
    card = pygame.Surface((icon + pad * 3 + max(t.get_width() for t in texts), line * len(lines) + pad * 2),
                          pygame.SRCALPHA)
    pygame.draw.rect(card, (*CARD, 225), card.get_rect(), border_radius=pad * 2)
    for k, ((kind, _), text) in enumerate(zip(lines, texts)):
        y = pad + k * line + line // 2
        _icon(card, kind, pygame.Rect(pad, y - line // 2, icon, line))
        card.blit(text, (pad * 2 + icon, y - text.get_height() // 2))
    return card


def _icon(surf: pygame.Surface, kind: str, box: pygame.Rect) -> None:
    """A key line's icon in ``box``: a short arrow in the colour of what it stands for, or the ellipse."""
    if kind == "scale":
        r = box.inflate(-box.w // 6, -box.h // 3)
        pygame.draw.ellipse(surf, mix(CARD, SCALE, 0.2), r)
        pygame.draw.ellipse(surf, SCALE, r, 2)
        return
    colour, edge, w = {"step": (ARROW, ARROW_EDGE, 5), "velocity": (VELOCITY, VELOCITY_EDGE, 3),
                       "slope": (SLOPE, SLOPE_EDGE, 3), "heard": (HINT_ARROW, HINT_ARROW, 2)}[kind]
    y = box.centery
    head = max(5, box.h // 3)
    a, b = (box.left + 2, y), (box.right - 2, y)
    tri = [b, (b[0] - head, y - head * 0.6), (b[0] - head, y + head * 0.6)]
    pygame.draw.line(surf, edge, a, (b[0] - head, y), w + 2)
    pygame.draw.polygon(surf, edge, [(b[0] + 1, y), (tri[1][0] - 1, tri[1][1] - 1), (tri[2][0] - 1, tri[2][1] + 1)])
    pygame.draw.line(surf, colour, a, (b[0] - head, y), w)
    pygame.draw.polygon(surf, colour, tri)


def heard_hint(row: StepRecord) -> tuple[float, float, float]:
    """The hint the shouting friend gives: the way down the slope the player heard, (dx, dy, |grad|)."""
    return -row.heard_x, -row.heard_y, math.hypot(row.heard_x, row.heard_y)
