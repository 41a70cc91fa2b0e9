"""The feelers (the ±h probes of the numerical derivative) and the gradient arrow.

h is far smaller than a pixel, so the probes are drawn magnified: four markers around the
player's feet, each coloured by whether the loss there is lower (green) or higher (orange) than
on the opposite side, as the central difference tasted it. They flash while the player feels.
The lone player's probes carry a key (h, and what the colours mean) and its step arrow the sum
that makes the step: lr × |grad| = the step's length (another optimizer: its update rule).
"""
from __future__ import annotations

import math

from collections.abc import Sequence

import pygame
from sim import StepRecord

from game import assets, i18n
from game.camera import Camera
from game.drawers import finite, mix, unit
from game.moves import Move

LOWER = (40, 190, 90)
HIGHER = (245, 120, 40)
FLAT = (150, 150, 150)
PROBE_DISTANCE = 1.85   # sprite units from the feet to each magnified probe: clear of the body
ARROW = (255, 92, 40)
ARROW_EDGE = (90, 20, 10)
INK = (40, 30, 20)
CARD = (255, 252, 244)
MUTED = (110, 96, 80)


def probe_colours(row: StepRecord) -> list[tuple[int, int, int]]:
    """Colours of the probes (+x, -x, +y, -y): LOWER for the downhill side, HIGHER for uphill,
    FLAT for both sides of a zero (or undefined) slope component."""
    out = []
    for g in (row.grad_x, row.grad_y):
        if not finite(g) or g == 0:
            out += [FLAT, FLAT]
        else:
            out += [HIGHER, LOWER] if g > 0 else [LOWER, HIGHER]
    return out


def probe_pixels(cam: Camera, x: float, y: float) -> list[tuple[float, float]]:
    """The magnified probe markers' pixel positions (+x, -x, +y, -y) around (x, y) metres."""
    px, py = cam.to_screen(x, y)
    d = unit(cam) * PROBE_DISTANCE
    return [(px + d, py), (px - d, py), (px, py - d), (px, py + d)]


def draw_probes(surf: pygame.Surface, cam: Camera, row: StepRecord, x: float, y: float, flash: float,
                h: float, lang: str | None = None, area: pygame.Rect | None = None,
                avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect | None:
    """The four markers around (x, y) metres; ``flash`` 0..1 is how bright the feeling flash is.
    With ``lang``, a key beside them (inside ``area`` where it fits, the camera's view by default,
    and clear of ``avoid``, such as where the friends' shouts go, where it can be) says h and what
    their colours mean; returns the key's rectangle."""
    if not finite(x, y):
        return None
    u = unit(cam)
    centre = cam.to_screen(x, y)
    pts = probe_pixels(cam, x, y)
    r = u * (0.13 + 0.07 * flash)
    colours = probe_colours(row)
    for (qx, qy), col in zip(pts, colours, strict=True):
        if flash > 0:
            pygame.draw.line(surf, mix((255, 255, 255), col, 0.4), centre, (qx, qy), max(1, round(u * 0.06)))
            pygame.draw.circle(surf, (255, 255, 255), (qx, qy), r + u * 0.12 * flash, max(1, round(u * 0.05)))
        pygame.draw.circle(surf, INK, (qx, qy), r + 1)
        pygame.draw.circle(surf, mix((235, 225, 205), col, 0.45 + 0.55 * max(flash, 0.5)), (qx, qy), r)
    if lang is None:
        return None
    # The key goes below the right-hand probe, or the left-hand one where it does not fit (it
    # stays on its side step after step, however the slope turns); above them where below would
    # be in the way of the friends' shouts.
    area = pygame.Rect(cam.rect) if area is None else area
    top, labels, pad = _key_parts(u, h, colours, lang)
    size = (max(top.get_width(), _key_width(labels)) + 2 * pad, top.get_height() * 2 + pad)
    places = []
    for below in (True, False):
        for side, (px, py) in ((1, pts[0]), (-1, pts[1])):
            box = pygame.Rect((0, 0), size)
            x_at = round(px + side * (u * 0.35 + 3))
            if below:
                box.top = round(py + u * 0.3)
            else:
                box.bottom = round(py - u * 0.3)
            if side > 0:
                box.left = x_at
            else:
                box.right = x_at
            places.append(box)
    inside = [b for b in places if area.contains(b)] or places[1:2]
    box = next((b for b in inside if b.collidelist(list(avoid)) < 0), inside[0]).clamp(area)
    _draw_key(surf, box, top, labels, pad, flash)
    return box


def _key_parts(u: float, h: float, colours: list[tuple[int, int, int]],
               lang: str) -> tuple[pygame.Surface, list[tuple[tuple[int, int, int], pygame.Surface]], int]:
    """The probes' key's first line ("±h = 1e-04 m, magnified": h is far below a pixel), a label for each colour the probes show
    (with its colour) and the key's padding (pixels)."""
    size = max(10, round(u * 0.4))
    top = assets.text(i18n.tr("probe.h", lang, h=h), size, INK)
    labels = [(col, assets.text(i18n.tr(key, lang), size, INK))
              for col, key in ((LOWER, "probe.lower"), (HIGHER, "probe.higher"), (FLAT, "probe.flat"))
              if col in colours]
    return top, labels, max(3, round(size * 0.3))


def _swatch_px(label: pygame.Surface) -> int:
    """Radius (pixels) of the colour swatch before a key label."""
    return max(3, round(label.get_height() * 0.22))


def _key_width(labels: list[tuple[tuple[int, int, int], pygame.Surface]]) -> int:
    """Width (pixels) of the key's line of swatches and labels."""
    return sum(_swatch_px(lab) * 2 + 4 + lab.get_width() + (lab.get_height() // 2 if k else 0)
               for k, (_, lab) in enumerate(labels))


def _draw_key(surf: pygame.Surface, box: pygame.Rect, top: pygame.Surface,
              labels: list[tuple[tuple[int, int, int], pygame.Surface]], pad: int, flash: float) -> None:
    """The probes' key in ``box`` on a light card, brighter while the probes flash."""
    card = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(card, (*CARD, round(150 + 80 * flash)), card.get_rect(), border_radius=pad * 2)
    surf.blit(card, box)
    surf.blit(top, (box.x + pad, box.y + pad // 2))
    x, y = box.x + pad, box.y + pad // 2 + top.get_height()
    for k, (col, lab) in enumerate(labels):
        x += lab.get_height() // 2 if k else 0
        dot = _swatch_px(lab)
        pygame.draw.circle(surf, INK, (x + dot, y + lab.get_height() / 2), dot + 1)
        pygame.draw.circle(surf, col, (x + dot, y + lab.get_height() / 2), dot)
        x += dot * 2 + 4
        surf.blit(lab, (x, y))
        x += lab.get_width()


def draw_arrow(surf: pygame.Surface, cam: Camera, x: float, y: float, sx: float, sy: float,
               colour: tuple[int, int, int] = ARROW, shift: tuple[float, float] = (0.0, 0.0),
               longest: float = 0.5, edge: tuple[int, int, int] = ARROW_EDGE, thin: bool = False) -> None:
    """The vector (sx, sy) metres as an arrow in ``colour`` from (x, y) metres (for a step, its tip
    is where the player will stand), kept between a readable minimum and ``longest`` times the
    beach view's shorter side; ``shift`` (pixels) moves it aside into its racer's lane; ``thin``
    draws it half as wide (a second arrow beside the step's)."""
    shape = arrow_shape(cam, x, y, sx, sy, longest)
    if shape is None:
        return
    (ax, ay), (ux, uy), length = shape
    u = unit(cam)
    ax, ay = ax + shift[0], ay + shift[1]
    bx, by = ax + ux * length, ay + uy * length
    w = max(2, round(u * 0.08)) if thin else max(3, round(u * 0.16))
    head = min(length * 0.5, u * (0.4 if thin else 0.55))
    nx, ny = -uy, ux
    base = (bx - ux * head, by - uy * head)
    wing = head * 0.55
    tri = [(bx, by), (base[0] + nx * wing, base[1] + ny * wing), (base[0] - nx * wing, base[1] - ny * wing)]
    pygame.draw.line(surf, edge, (ax, ay), base, w + 2)
    pygame.draw.polygon(surf, edge, tri)
    pygame.draw.line(surf, colour, (ax, ay), base, w)
    inner = [(bx - ux * 2, by - uy * 2), (base[0] + nx * (wing - 2), base[1] + ny * (wing - 2)),
             (base[0] - nx * (wing - 2), base[1] - ny * (wing - 2))]
    pygame.draw.polygon(surf, colour, inner)


def arrow_shape(cam: Camera, x: float, y: float, sx: float, sy: float,
                longest: float = 0.5) -> tuple[tuple[float, float], tuple[float, float], float] | None:
    """The arrow of the vector (sx, sy) metres from (x, y) metres on the screen: its start
    (pixels), unit direction and length (pixels, kept between a readable minimum and ``longest``
    times the view's shorter side); None when there is no finite, non-zero vector to show."""
    if not finite(sx, sy, x, y) or (sx == 0 and sy == 0):
        return None
    length_m = math.hypot(sx, sy)
    if not finite(length_m) or length_m == 0:
        return None
    u = unit(cam)
    length = min(max(cam.length(length_m), u * 0.6), min(cam.rect[2], cam.rect[3]) * longest)
    return cam.to_screen(x, y), (sx / length_m, -sy / length_m), length


def move_arrow(cam: Camera, move: Move, longest: float = 0.5):
    """arrow_shape of a step."""
    return arrow_shape(cam, move.x, move.y, move.dx, move.dy, longest)


def step_sum(move: Move, optimizer: str, lang: str, heard: bool = False) -> tuple[str, str]:
    """The step's card: what makes the step, and the sum with this step's numbers. Plain gradient
    descent: "lr × |grad|" over "0.1 × 13.6 = 1.36 m" (the step's length is the learning rate
    times the slope heard, named "|grad| heard" when the friends shout imprecisely); another
    optimizer: its update rule over "= 1.36 m"."""
    length = math.hypot(move.dx, move.dy)
    if optimizer == "gd":
        names = f"{i18n.tr('hud.lr', lang)} × {i18n.tr('hud.heard_grad' if heard else 'hud.grad', lang)}"
        return names, f"{move.lr:.4g} × {math.hypot(move.hx, move.hy):.3g} = {length:.3g} m"
    return i18n.tr(f"rule.{optimizer}", lang), f"= {length:.3g} m"


def _step_sum_parts(cam: Camera, texts: tuple[str, str]) -> tuple[pygame.Surface, pygame.Surface, int]:
    """The step sum card's two lines and its padding (pixels)."""
    size = max(11, min(22, round(unit(cam) * 0.46)))
    names = assets.text(texts[0], size, MUTED)
    sums = assets.text(texts[1], size, INK, bold=True)
    return names, sums, max(3, round(size * 0.35))


def place_step_sum(cam: Camera, move: Move, texts: tuple[str, str], avoid: Sequence[pygame.Rect] = (),
                   longest: float = 0.5) -> pygame.Rect | None:
    """Where the step sum card (``texts``, from step_sum) of ``move`` goes (pixels): its side or
    corner nearest the step arrow (drawn with ``longest``, as for draw_arrow) just beyond the
    arrow's tip, farther out while it would cover a probe, the player or ``avoid`` (the probes'
    key, the watermelon); inside the view.
    None when there is no step to show."""
    shape = move_arrow(cam, move, longest)
    if shape is None:
        return None
    (ax, ay), (ux, uy), length = shape
    u = unit(cam)
    names, sums, pad = _step_sum_parts(cam, texts)
    box = pygame.Rect(0, 0, max(names.get_width(), sums.get_width()) + 2 * pad,
                      names.get_height() + sums.get_height() + pad)
    blocks = [pygame.Rect(px - u * 0.3, py - u * 0.3, u * 0.6, u * 0.6) for px, py in probe_pixels(cam, move.x, move.y)]
    blocks.append(pygame.Rect(ax - u * 0.6, ay - u * 1.95, u * 1.2, u * 2.1))
    blocks += avoid
    area = pygame.Rect(cam.rect)
    reach = length + u * 0.2
    for _ in range(16):
        tip = (ax + ux * reach, ay + uy * reach)
        box.center = (round(tip[0] + _lean(ux) * box.w / 2), round(tip[1] + _lean(uy) * box.h / 2))
        box.clamp_ip(area)
        if box.collidelist(blocks) < 0:
            break
        reach += u * 0.25
    return box


def draw_step_sum(surf: pygame.Surface, cam: Camera, texts: tuple[str, str], place: pygame.Rect) -> None:
    """The step sum card at ``place`` (from place_step_sum): the names over the sum, so that the
    step's length reads as what the optimizer made of the slope."""
    names, sums, pad = _step_sum_parts(cam, texts)
    u = unit(cam)
    pygame.draw.rect(surf, ARROW_EDGE, place.move(0, 2), border_radius=pad * 2)
    pygame.draw.rect(surf, CARD, place, border_radius=pad * 2)
    pygame.draw.rect(surf, ARROW, place, max(1, round(u * 0.05)), border_radius=pad * 2)
    surf.blit(names, (place.centerx - names.get_width() // 2, place.y + pad // 2))
    surf.blit(sums, (place.centerx - sums.get_width() // 2, place.y + pad // 2 + names.get_height()))


def _lean(d: float) -> int:
    """Which way (-1, 0, +1) a label beyond an arrow's tip leans along one screen axis, where
    ``d`` is the arrow's unit direction along it: away from the arrow, centred when across it."""
    return 0 if abs(d) < 0.38 else (1 if d > 0 else -1)
