"""Ending effects: juice for a hit, a puzzled '?' when stuck, a splash in the sea, sweat and
'zzz' when too tired, and the outcome's banner. All driven by the ending's clock (seconds)."""
from __future__ import annotations

import math
from typing import NamedTuple

import pygame
from sim import Scenario

from game import assets, i18n
from game.camera import Camera
from game.drawers import ease, mix, unit
from game.drawers.beach import FOAM, SHALLOW
from game.drawers.watermelon import FLESH, SEED, radius_px

BANNER_COLOURS = {
    "hit": (230, 50, 70),
    "stuck": (120, 90, 170),
    "diverged": (20, 110, 190),
    "max_steps": (200, 120, 40),
}


def draw_juice(surf: pygame.Surface, cam: Camera, centre: tuple[float, float], t: float) -> None:
    """Red juice and seeds bursting from the split, ``t`` seconds after it."""
    if t < 0 or t > 1.4:
        return
    u = unit(cam)
    r = radius_px(u)
    for k in range(14):
        a = 2 * math.pi * k / 14 + 0.4 * math.sin(k * 7.1)
        speed = r * (2.2 + 1.4 * ((k * 0.37) % 1))
        x = centre[0] + math.cos(a) * speed * t
        y = centre[1] + math.sin(a) * speed * t * 0.7 - r * 3.0 * t + r * 4.5 * t * t
        size = max(1.5, r * (0.22 if k % 3 else 0.13) * (1 - t / 1.4))
        pygame.draw.circle(surf, SEED if k % 5 == 0 else FLESH, (x, y), size)


def draw_question(surf: pygame.Surface, head: pygame.Rect, u: float, t: float) -> None:
    """A bobbing '?' over the player's head (from ``t`` = 0)."""
    if t < 0:
        return
    size = max(16, round(u * (0.9 + 0.25 * ease(t / 0.25))))
    y = head.top - u * 0.4 + math.sin(t * 5) * u * 0.08
    _outlined(surf, "?", size, (120, 90, 170), (head.centerx + u * 0.45, y), anchor="midbottom")


def draw_dust(surf: pygame.Surface, tip: tuple[float, float], u: float, t: float) -> None:
    """A puff of sand where the stick hit the ground (``t`` seconds after)."""
    if not 0 <= t <= 0.6:
        return
    for k in range(6):
        a = math.pi * (1.1 + 0.8 * k / 5)
        d = u * (0.2 + 0.8 * t)
        pygame.draw.circle(surf, mix((230, 210, 170), (250, 240, 220), t), (tip[0] + math.cos(a) * d,
                           tip[1] + math.sin(a) * d * 0.5), max(1.0, u * 0.16 * (1 - t / 0.6)))


def draw_splash(surf: pygame.Surface, centre: tuple[float, float], u: float, t: float) -> None:
    """Water flying up and rings spreading where the player fell in (``t`` seconds after)."""
    if t < 0:
        return
    for k in range(3):
        tk = t - k * 0.35
        if tk < 0:
            continue
        grow = (tk % 2.1)
        rect = pygame.Rect(0, 0, u * (0.8 + 2.2 * grow), u * (0.3 + 0.8 * grow))
        rect.center = (round(centre[0]), round(centre[1] - 0.45 * u))
        pygame.draw.ellipse(surf, mix(FOAM, SHALLOW, min(1.0, grow / 2.1)), rect, max(1, round(u * 0.1)))
    if t < 1.0:
        for k in range(12):
            a = math.pi * (1.05 + 0.9 * k / 11)
            v = u * (2.5 + (k * 0.53 % 1) * 2.0)
            x = centre[0] + math.cos(a) * v * t * 0.8
            y = centre[1] - 0.5 * u + math.sin(a) * v * t * 1.6 + u * 6 * t * t
            pygame.draw.circle(surf, FOAM, (x, y), max(1.5, u * 0.14 * (1 - t)))
            pygame.draw.circle(surf, (150, 220, 240), (x, y), max(1.0, u * 0.08 * (1 - t)))


def draw_tired(surf: pygame.Surface, head: pygame.Rect, u: float, t: float) -> None:
    """Sweat drops, then a floating 'zzz', for a player too tired to go on."""
    if t < 0:
        return
    for k in range(3):
        tk = (t * 1.2 + k * 0.33) % 1.0
        x = head.centerx + (-1) ** k * (head.w * 0.6 + u * 0.1 * tk)
        y = head.top + head.h * 0.2 + u * 0.5 * tk
        r = max(2.0, u * 0.1)
        pygame.draw.polygon(surf, (120, 200, 250), [(x, y - r * 1.8), (x - r, y), (x + r, y)])
        pygame.draw.circle(surf, (120, 200, 250), (x, y), r)
    if t > 1.0:
        for k in range(3):
            tk = ((t - 1.0) * 0.5 + k / 3) % 1.0
            size = max(12, round(u * (0.4 + 0.35 * k)))
            x = head.right + u * (0.2 + 0.5 * tk + 0.2 * k)
            y = head.top - u * (0.2 + 1.2 * tk)
            _outlined(surf, "z", size, (90, 110, 180), (x, y), anchor="center")


class Banner(NamedTuple):
    """An ending's big words: ``text`` in ``colour``, ``t`` seconds after they popped in (< 0: not yet)."""

    text: str
    colour: tuple[int, int, int]
    t: float


def outcome_banner(outcome: str, lang: str, t: float, scenario: Scenario | None = None) -> Banner:
    """The outcome's big words in its colour, ``t`` seconds after they popped in."""
    return Banner(banner_text(outcome, lang, scenario), BANNER_COLOURS[outcome], t)


def banner_text(outcome: str, lang: str, scenario: Scenario | None = None) -> str:
    """The outcome's big words. A walk with reach 0 can never hit: running out of updates is
    what it was asked to do (the textbook's 30 updates), so it says so, not "Too tired…"."""
    if outcome == "max_steps" and scenario is not None and scenario.reach == 0:
        return i18n.tr("outcome.updates_done", lang, steps=scenario.max_steps)
    return i18n.tr(f"outcome.{outcome}", lang)


def _banner_px(area: pygame.Rect) -> int:
    """The banner's largest font size (pixels) in ``area``."""
    return max(16, round(min(area.w * 0.075, area.h * 0.1)))


def _banner_fit(area: pygame.Rect, text: str) -> int:
    """The font size (pixels) of ``text`` as a banner in ``area``: at most 0.6 of its width."""
    size = _banner_px(area)
    while size > 16 and assets.font(size, True).size(text)[0] > area.w * 0.6:
        size -= 2
    return size


def banner_bottom(area: pygame.Rect) -> int:
    """The lowest pixel row a banner at the top of ``area`` can reach."""
    size = _banner_px(area)
    return round(area.top + area.h * 0.04 + assets.font(size, True).get_height() + max(2, size // 12))


def banner_rect(area: pygame.Rect, text: str) -> pygame.Rect:
    """Every pixel that the banner ``text`` at the top of ``area`` covers, outline included, from
    where it pops in to where it rests."""
    size = _banner_fit(area, text)
    border = max(2, size // 12)
    rest = assets.font(size, True).size(text)
    rect = pygame.Rect(0, 0, *rest).inflate(2 * border, 2 * border)
    rect.midtop = (area.centerx, round(area.top + area.h * 0.04) - border)
    return rect.union(rect.move(0, -size))


def draw_banner_text(surf: pygame.Surface, area: pygame.Rect, banner: Banner) -> None:
    """``banner``'s text in big letters at the top of ``area``, popping in over 0.3 s."""
    if banner.t < 0:
        return
    size = _banner_fit(area, banner.text)
    pop = ease(banner.t / 0.3)
    y = area.top + area.h * 0.04 + (1 - pop) * -size
    _outlined(surf, banner.text, size, banner.colour, (area.centerx, y), anchor="midtop", border=max(2, size // 12))


def _outlined(surf: pygame.Surface, s: str, size: int, colour: tuple[int, int, int], pos: tuple[float, float],
              anchor: str, border: int = 2) -> None:
    """Bold text with a white outline."""
    fg = assets.text(s, size, colour, bold=True)
    bg = assets.text(s, size, (255, 255, 255), bold=True)
    rect = fg.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    for dx in (-border, 0, border):
        for dy in (-border, 0, border):
            if dx or dy:
                surf.blit(bg, rect.move(dx, dy))
    surf.blit(fg, rect)

