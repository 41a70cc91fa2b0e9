"""The feelers (the ±h probes of the numerical derivative) and the gradient arrow.

h is far smaller than a pixel, so the probes are drawn magnified: four markers around the
player's feet, each coloured by whether the loss there is lower (green) or higher (orange) than
on the opposite side, as the central difference tasted it. They flash while the player feels.
"""
from __future__ import annotations

import math

import pygame
from sim import StepRecord

from game import assets
from game.camera import Camera
from game.drawers import finite, mix, unit

LOWER = (40, 190, 90)
HIGHER = (245, 120, 40)
FLAT = (150, 150, 150)
PROBE_DISTANCE = 1.85   # sprite units from the feet to each magnified probe: clear of the body
ARROW = (255, 92, 40)
ARROW_EDGE = (90, 20, 10)


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
                h: float) -> None:
    """The four markers around (x, y) metres; ``flash`` 0..1 is how bright the feeling flash is."""
    if not finite(x, y):
        return
    u = unit(cam)
    centre = cam.to_screen(x, y)
    pts = probe_pixels(cam, x, y)
    r = u * (0.13 + 0.07 * flash)
    for (qx, qy), col in zip(pts, probe_colours(row), strict=True):
        if flash > 0:
            pygame.draw.line(surf, mix((255, 255, 255), col, 0.4), centre, (qx, qy), max(1, round(u * 0.06)))
            pygame.draw.circle(surf, (255, 255, 255), (qx, qy), r + u * 0.12 * flash, max(1, round(u * 0.05)))
        pygame.draw.circle(surf, (40, 30, 20), (qx, qy), r + 1)
        pygame.draw.circle(surf, mix((235, 225, 205), col, 0.45 + 0.55 * max(flash, 0.5)), (qx, qy), r)
    if flash > 0.2:
        label = assets.text(f"±h = {h:.0e} m", max(10, round(u * 0.42)), (40, 30, 20))
        surf.blit(label, (pts[0][0] + r + 3, pts[0][1] - label.get_height() - 2))


def draw_arrow(surf: pygame.Surface, cam: Camera, row: StepRecord, lr: float,
               colour: tuple[int, int, int] = ARROW, shift: tuple[float, float] = (0.0, 0.0),
               longest: float = 0.5) -> None:
    """The next step, -lr * grad, as an arrow in ``colour`` from the row's position (its tip is
    where the player will stand), kept between a readable minimum and ``longest`` times the
    beach view's shorter side; ``shift`` (pixels) moves it aside into its racer's lane."""
    gx, gy = row.grad_x, row.grad_y
    if not (finite(gx, gy, row.x, row.y, lr)) or (gx == 0 and gy == 0):
        return
    sx, sy = -lr * gx, -lr * gy
    length_m = math.hypot(sx, sy)
    if not finite(length_m) or length_m == 0:
        return
    u = unit(cam)
    length = min(max(cam.length(length_m), u * 0.6), min(cam.rect[2], cam.rect[3]) * longest)
    ux, uy = sx / length_m, -sy / length_m  # screen direction
    ax, ay = cam.to_screen(row.x, row.y)
    ax, ay = ax + shift[0], ay + shift[1]
    bx, by = ax + ux * length, ay + uy * length
    w = max(3, round(u * 0.16))
    head = min(length * 0.5, u * 0.55)
    nx, ny = -uy, ux
    base = (bx - ux * head, by - uy * head)
    wing = head * 0.55
    tri = [(bx, by), (base[0] + nx * wing, base[1] + ny * wing), (base[0] - nx * wing, base[1] - ny * wing)]
    pygame.draw.line(surf, ARROW_EDGE, (ax, ay), base, w + 2)
    pygame.draw.polygon(surf, ARROW_EDGE, tri)
    pygame.draw.line(surf, colour, (ax, ay), base, w)
    inner = [(bx - ux * 2, by - uy * 2), (base[0] + nx * (wing - 2), base[1] + ny * (wing - 2)),
             (base[0] - nx * (wing - 2), base[1] - ny * (wing - 2))]
    pygame.draw.polygon(surf, colour, inner)
