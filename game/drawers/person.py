"""People drawn in code: a chibi figure seen from a little above, anchored at its feet.

The blindfolded player and the friends share this figure; ``Look`` says who it is and ``Pose``
what it is doing. Sizes are in sprite units (game.drawers.unit) so they read on any window.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.drawers import RGB

SKIN: RGB = (255, 214, 178)
OUTLINE: RGB = (70, 46, 36)
STICK: RGB = (150, 98, 52)
STICK_GRIP: RGB = (236, 222, 196)
BLUSH: RGB = (255, 160, 160)


@dataclass(frozen=True)
class Look:
    """Who: clothes and hair colours; the player wears a blindfold and carries a stick."""

    shirt: RGB
    shirt_stripe: RGB
    shorts: RGB
    hair: RGB
    blindfold: bool = False
    hair_style: str = "short"   # "short" | "bun" | "pony"


@dataclass(frozen=True)
class Pose:
    """What: facing (+1 right, -1 left), walking phase (radians) or None when still, the stick's
    angle in degrees above 'forward' (None: no stick), arms, mouth and sitting."""

    facing: int = 1
    walk: float | None = None
    stick: float | None = None
    arms: str = "hold"          # "hold" (the stick) | "up" (both raised) | "cup" (shouting) | "down"
    mouth: str = "smile"        # "smile" | "open" | "o" | "flat"
    sitting: bool = False
    lean: float = 0.0           # sprite units the head leans forward


PLAYER = Look(shirt=(235, 84, 84), shirt_stripe=(255, 244, 236), shorts=(52, 92, 170),
              hair=(52, 36, 30), blindfold=True)


def draw_person(surf: pygame.Surface, feet: tuple[float, float], u: float, look: Look, pose: Pose,
                scale: float = 1.0) -> pygame.Rect:
    """Draw one person with its feet at ``feet`` (pixels); returns the head's rectangle."""
    u = u * scale
    fx, fy = feet
    f = 1 if pose.facing >= 0 else -1
    _shadow(surf, fx, fy, u)
    bob = 0.0 if pose.walk is None else abs(math.sin(pose.walk)) * -0.07 * u
    sit = 0.38 * u if pose.sitting else 0.0
    top = fy + bob + sit

    def p(x: float, y: float) -> tuple[float, float]:
        return fx + f * x * u, top + y * u

    # Legs (or folded legs when sitting).
    leg_w = max(2, round(0.17 * u))
    if pose.sitting:
        for side in (-1, 1):
            pygame.draw.ellipse(surf, SKIN, _rect(p(side * 0.2 + 0.08, -0.12), 0.34 * u, 0.16 * u))
    else:
        for side in (-1, 1):
            lift = 0.0 if pose.walk is None else max(0.0, math.sin(pose.walk) * side) * 0.12
            x0, y0 = p(side * 0.13, -0.42)
            x1, y1 = p(side * 0.13, -0.04 - lift)
            pygame.draw.line(surf, SKIN, (x0, y0), (x1, y1), leg_w)
            pygame.draw.ellipse(surf, (250, 250, 250), _rect((x1 + f * 0.03 * u, y1), 0.22 * u, 0.12 * u))
    # Shorts and shirt.
    pygame.draw.rect(surf, look.shorts, _rect(p(0, -0.5), 0.5 * u, 0.22 * u), border_radius=max(1, round(0.06 * u)))
    body = _rect(p(0, -0.78), 0.58 * u, 0.46 * u)
    pygame.draw.rect(surf, look.shirt, body, border_radius=max(2, round(0.16 * u)))
    stripe = pygame.Rect(body.x, body.y + body.h * 0.45, body.w, max(1, body.h * 0.16))
    pygame.draw.rect(surf, look.shirt_stripe, stripe)
    pygame.draw.rect(surf, OUTLINE, body, 1, border_radius=max(2, round(0.16 * u)))
    # Stick behind the head when raised over the shoulder, else in front.
    hand = p(0.2 + pose.lean * 0.5, -0.78)
    stick_end = None
    if pose.stick is not None:
        a = math.radians(pose.stick)
        length = 1.05 * u
        stick_end = (hand[0] + f * math.cos(a) * length, hand[1] - math.sin(a) * length)
        if pose.stick > 95:
            _stick(surf, hand, stick_end, u)
    # Head.
    head = head_rect(feet, u, pose)
    head_c, r = head.center, head.w / 2
    _hair_back(surf, head_c, r, look, f)
    _hair_front(surf, head_c, r, look, f)
    if look.blindfold:
        _blindfold(surf, head_c, r, f, pose)
    else:
        for side in (-1, 1):
            pygame.draw.circle(surf, OUTLINE, (head_c[0] + (side * 0.36 + f * 0.12) * r, head_c[1] + 0.08 * r),
                               max(1.5, 0.09 * r * 1.4))
    for side in (-1, 1):
        pygame.draw.ellipse(surf, BLUSH, _rect((head_c[0] + (side * 0.55 + f * 0.1) * r, head_c[1] + 0.42 * r),
                                              0.28 * r, 0.14 * r))
    _mouth(surf, (head_c[0] + f * 0.12 * r, head_c[1] + 0.55 * r), r, pose.mouth)
    # Arms.
    shoulder_l, shoulder_r = p(-0.26, -0.92), p(0.26, -0.92)
    arm_w = max(2, round(0.13 * u))
    if pose.arms == "hold":
        for s in (shoulder_l, shoulder_r):
            pygame.draw.line(surf, SKIN, s, hand, arm_w)
        pygame.draw.circle(surf, SKIN, hand, arm_w * 0.75)
    elif pose.arms == "up":
        wave = 0.0 if pose.walk is None else math.sin(pose.walk * 2) * 0.12
        for side, s in ((-1, shoulder_l), (1, shoulder_r)):
            end = p(side * (0.45 + wave * side), -1.55 - wave)
            pygame.draw.line(surf, SKIN, s, end, arm_w)
            pygame.draw.circle(surf, SKIN, end, arm_w * 0.75)
    elif pose.arms == "cup":
        end = p(0.05, -1.0)
        pygame.draw.line(surf, SKIN, shoulder_r, (head_c[0] + f * r * 0.9, head_c[1] + r * 0.55), arm_w)
        pygame.draw.line(surf, SKIN, shoulder_l, end, arm_w)
    else:
        for side, s in ((-1, shoulder_l), (1, shoulder_r)):
            end = p(side * 0.33, -0.62)
            pygame.draw.line(surf, SKIN, s, end, arm_w)
    if stick_end is not None and pose.stick <= 95:
        _stick(surf, hand, stick_end, u)
    return pygame.Rect(head)


def head_rect(feet: tuple[float, float], u: float, pose: Pose, scale: float = 1.0) -> pygame.FRect:
    """Where the head of a person standing at ``feet`` (pixels) in ``pose`` is drawn, without
    drawing it (``u`` and ``scale`` as for draw_person)."""
    u = u * scale
    f = 1 if pose.facing >= 0 else -1
    bob = 0.0 if pose.walk is None else abs(math.sin(pose.walk)) * -0.07 * u
    top = feet[1] + bob + (0.38 * u if pose.sitting else 0.0)
    r = 0.42 * u
    return pygame.FRect(feet[0] + f * pose.lean * u - r, top - 1.22 * u - r, 2 * r, 2 * r)


def stick_tip(feet: tuple[float, float], u: float, pose: Pose) -> tuple[float, float]:
    """Pixel position of the stick's far end for ``pose`` (the same geometry as draw_person)."""
    f = 1 if pose.facing >= 0 else -1
    bob = 0.0 if pose.walk is None else abs(math.sin(pose.walk)) * -0.07 * u
    sit = 0.38 * u if pose.sitting else 0.0
    hx = feet[0] + f * (0.2 + pose.lean * 0.5) * u
    hy = feet[1] + bob + sit - 0.78 * u
    a = math.radians(pose.stick if pose.stick is not None else 0.0)
    return hx + f * math.cos(a) * 1.05 * u, hy - math.sin(a) * 1.05 * u


def _rect(c: tuple[float, float], w: float, h: float) -> pygame.Rect:
    r = pygame.Rect(0, 0, max(1, round(w)), max(1, round(h)))
    r.center = (round(c[0]), round(c[1]))
    return r


@lru_cache(maxsize=16)
def _shadow_sprite(w: int, h: int) -> pygame.Surface:
    s = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.ellipse(s, (60, 40, 20, 70), s.get_rect())
    return s


def _shadow(surf: pygame.Surface, fx: float, fy: float, u: float) -> None:
    s = _shadow_sprite(max(2, round(0.8 * u)), max(2, round(0.28 * u)))
    surf.blit(s, (fx - s.get_width() / 2, fy - s.get_height() / 2))


def _stick(surf: pygame.Surface, a: tuple[float, float], b: tuple[float, float], u: float) -> None:
    w = max(2, round(0.11 * u))
    pygame.draw.line(surf, OUTLINE, a, b, w + 2)
    pygame.draw.line(surf, STICK, a, b, w)
    gx, gy = a[0] + (b[0] - a[0]) * 0.22, a[1] + (b[1] - a[1]) * 0.22
    pygame.draw.line(surf, STICK_GRIP, a, (gx, gy), w)


def _hair_back(surf: pygame.Surface, c: tuple[float, float], r: float, look: Look, f: int) -> None:
    if look.hair_style == "bun":
        pygame.draw.circle(surf, look.hair, (c[0], c[1] - r * 0.95), r * 0.38)
    elif look.hair_style == "pony":
        pygame.draw.ellipse(surf, look.hair, _rect((c[0] - f * r * 0.95, c[1] + r * 0.1), r * 0.55, r * 1.0))


def _hair_front(surf: pygame.Surface, c: tuple[float, float], r: float, look: Look, f: int) -> None:
    """Hair covering the top of the head, with a fringe; the face shows below it."""
    pygame.draw.circle(surf, look.hair, (c[0], c[1] - r * 0.08), r * 1.02)
    face = pygame.Rect(0, 0, r * 1.72, r * 1.25)
    face.center = (round(c[0] + f * r * 0.06), round(c[1] + r * 0.3))
    pygame.draw.ellipse(surf, SKIN, face)
    for k in range(4):
        x = c[0] + f * r * (-0.55 + 0.36 * k)
        pygame.draw.polygon(surf, look.hair, [(x - r * 0.22, c[1] - r * 0.36), (x + r * 0.22, c[1] - r * 0.36),
                                              (x + f * r * 0.08, c[1] - r * 0.05)])
    pygame.draw.circle(surf, OUTLINE, (c[0], c[1] - r * 0.04), r * 1.04, max(1, round(r * 0.07)))


def _blindfold(surf: pygame.Surface, c: tuple[float, float], r: float, f: int, pose: Pose) -> None:
    """A white tenugui towel over the eyes, its knot and tails on the back of the head."""
    band = pygame.Rect(c[0] - r * 1.02, c[1] - r * 0.08, r * 2.04, r * 0.42)
    pygame.draw.rect(surf, (252, 252, 250), band, border_radius=max(1, round(r * 0.12)))
    pygame.draw.line(surf, (70, 120, 200), (band.left + 1, band.centery), (band.right - 2, band.centery),
                     max(1, round(r * 0.08)))
    pygame.draw.rect(surf, (150, 150, 160), band, 1, border_radius=max(1, round(r * 0.12)))
    knot = (c[0] - f * r * 0.98, band.centery)
    flutter = 0.0 if pose.walk is None else math.sin(pose.walk * 2) * r * 0.15
    for dy in (-0.25, 0.25):
        tail = [knot, (knot[0] - f * r * 0.7, knot[1] + dy * r + flutter),
                (knot[0] - f * r * 0.55, knot[1] + dy * r * 2.0 + flutter)]
        pygame.draw.polygon(surf, (252, 252, 250), tail)
        pygame.draw.polygon(surf, (150, 150, 160), tail, 1)
    pygame.draw.circle(surf, (240, 240, 240), knot, r * 0.18)


def _mouth(surf: pygame.Surface, c: tuple[float, float], r: float, mouth: str) -> None:
    w = max(1, round(r * 0.06))
    if mouth == "open":
        pygame.draw.ellipse(surf, (200, 60, 70), _rect(c, r * 0.36, r * 0.3))
    elif mouth == "o":
        pygame.draw.ellipse(surf, (120, 50, 50), _rect(c, r * 0.2, r * 0.22), max(1, w))
    elif mouth == "flat":
        pygame.draw.line(surf, OUTLINE, (c[0] - r * 0.15, c[1]), (c[0] + r * 0.15, c[1]), w)
    else:
        pygame.draw.arc(surf, OUTLINE, _rect((c[0], c[1] - r * 0.08), r * 0.36, r * 0.26), math.pi * 1.1,
                        math.pi * 1.9, max(1, w))
