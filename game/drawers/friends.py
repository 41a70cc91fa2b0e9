"""The friends at the near edge of the beach and the hints they shout: the words (which way, how
urgently: the slope's steepness decides), the speech bubble and the hint arrow."""
from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game import assets, i18n
from game.camera import Camera
from game.drawers import finite, place_clear, unit
from game.drawers.person import Look, Pose, draw_person, head_rect

FRIENDS: tuple[Look, ...] = (
    Look(shirt=(60, 170, 120), shirt_stripe=(250, 250, 250), shorts=(240, 196, 60), hair=(120, 70, 30),
         hair_style="pony"),
    Look(shirt=(250, 186, 50), shirt_stripe=(255, 255, 255), shorts=(80, 90, 160), hair=(30, 26, 30),
         hair_style="bun"),
    Look(shirt=(90, 150, 230), shirt_stripe=(255, 255, 255), shorts=(230, 90, 90), hair=(90, 50, 30)),
)
SCALE = 0.85          # friends are drawn a little smaller than the player
BUBBLE = (255, 255, 255)
BUBBLE_EDGE = (60, 50, 60)
TEXT = (40, 30, 40)
HINT_ARROW = (230, 70, 40)

# The eight directions, counter-clockwise from right, each covering 45 degrees.
_DIRECTIONS: tuple[str, ...] = (
    "right", "forward_right", "forward", "forward_left",
    "left", "back_left", "back", "back_right",
)

SHOUT_BIG: float = 3.0
"""Slopes at least this steep (loss units per metre) get the emphatic shout."""
SHOUT_SMALL: float = 0.5
"""Slopes below this get the gentle shout."""


def urgency(grad_norm: float) -> str:
    """How urgently the friends shout about a slope of ``grad_norm`` (loss units per metre):
    "big" from SHOUT_BIG up, "small" under SHOUT_SMALL, else (and for a non-finite one) "normal"."""
    if not math.isfinite(grad_norm) or SHOUT_SMALL <= grad_norm < SHOUT_BIG:
        return "normal"
    return "big" if grad_norm >= SHOUT_BIG else "small"


def direction(dx: float, dy: float) -> str:
    """The nearest of eight directions (``right``, ``forward_right``, ... ``back_right``) of (dx, dy).

    +x is right, +y is forward (toward the sea). Raises ValueError for a zero or non-finite vector.
    """
    if not (math.isfinite(dx) and math.isfinite(dy)) or (dx == 0 and dy == 0):
        raise ValueError(f"direction needs a finite non-zero vector, got ({dx!r}, {dy!r})")
    sector = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return _DIRECTIONS[sector]


def shout(dx: float, dy: float, grad_norm: float, lang: str, *, hit: bool = False, ground: str | None = None) -> str:
    """What the friends shout: the way the player should walk, and how urgently.

    ``(dx, dy)`` is the way to walk, the negative gradient (+x right, +y forward toward the
    sea); ``grad_norm`` is the slope's size in loss units per metre, its urgency: "Way more
    right!" 「もっと右!」 (big), "A bit right!" 「もうちょっと右!」 (small), else "Right!" 「右!」.
    ``hit`` gives "Stop!" 「ストップ!」; a flat or non-finite slope gives a puzzled "Hmm… it's flat here?".
    ``ground`` (sim.walking.ground, where a stuck player stands) says what the friends make of the
    spot: a hollow, a saddle, a hilltop, flat ground or a slope too gentle for the step size.
    """
    if hit:
        return i18n.tr("shout.stop", lang)
    if ground is not None:
        return i18n.tr(f"shout.{ground}", lang)
    if not finite(dx, dy, grad_norm) or (dx == 0 and dy == 0) or grad_norm <= 0:
        return i18n.tr("shout.flat", lang)
    return i18n.tr(f"shout.{urgency(grad_norm)}", lang, dir=i18n.tr(f"dir.{direction(dx, dy)}", lang))


ROW = (0.34, 0.46, 0.58)   # where the friends stand across the sand (fractions of its width)


def positions(bounds: tuple[float, float, float, float], aside: float = 0.0) -> list[tuple[float, float]]:
    """Where the friends stand (metres): along the near (back) edge of the sand, their row moved
    ``aside`` (a fraction of the sand's width; + is right) from its usual place."""
    xmin, xmax, ymin, ymax = bounds
    w, h = xmax - xmin, ymax - ymin
    return [(xmin + w * (f + aside), ymin + h * 0.035) for f in ROW]


def step_aside(cam: Camera, bounds: tuple[float, float, float, float], avoid: Sequence[pygame.Rect]) -> float:
    """How far (a fraction of the sand's width) the friends' row moves sideways so that none of
    them covers ``avoid`` (a watermelon split near the edge where they stand): 0 where none does
    already, else the least move either way that clears it, keeping the row on the sand."""
    moves = [0.0, *(side * k * 0.02 for k in range(1, 30) for side in (1, -1))]
    moves = [m for m in moves if ROW[0] + m >= 0.04 and ROW[-1] + m <= 0.96]
    arms = round(0.45 * unit(cam))   # a cheering friend's raised hands reach past its body's sides
    rows = [body[0].unionall(body[1:]).inflate(arms, arms // 2) for body in (body_rects(cam, bounds, m) for m in moves)]
    return moves[place_clear(rows, avoid)]


def draw_friends(surf: pygame.Surface, cam: Camera, bounds: tuple[float, float, float, float],
                 shouter: int | None, mood: str, clock: float, aside: float = 0.0) -> list[pygame.Rect]:
    """The friends (their row moved ``aside``: positions); ``shouter`` (an index) is shouting;
    ``mood`` is "watch", "cheer", "gasp" or "sigh". Returns each friend's head rectangle (for the bubble)."""
    u = unit(cam)
    heads = []
    for k, ((x, y), look) in enumerate(zip(positions(bounds, aside), FRIENDS, strict=True)):
        feet = cam.to_screen(x, y)
        if mood == "cheer":
            pose = Pose(walk=clock * 8 + k, arms="up", mouth="open")
        elif mood == "gasp":
            pose = Pose(arms="up", mouth="o")
        elif mood == "sigh":
            pose = Pose(arms="down", mouth="flat")
        elif k == shouter:
            pose = Pose(arms="cup", mouth="open", facing=1 if k < 2 else -1)
        else:
            pose = Pose(arms="down", mouth="smile", facing=1 if k < 1 else -1)
        heads.append(draw_person(surf, feet, u, look, pose, scale=SCALE))
    return heads


def head_rects(cam: Camera, bounds: tuple[float, float, float, float], aside: float = 0.0) -> list[pygame.Rect]:
    """Where the standing friends' heads are (pixels; their row moved ``aside``), without drawing them."""
    u = unit(cam)
    return [pygame.Rect(head_rect(cam.to_screen(x, y), u, Pose(), SCALE)) for x, y in positions(bounds, aside)]


def bubble_zone(cam: Camera, bounds: tuple[float, float, float, float]) -> pygame.Rect:
    """The band over the friends' heads where their shouts' bubbles go (pixels)."""
    heads = head_rects(cam, bounds)
    u = unit(cam)
    tall = round(bubble_font_px(cam) * 2.4)
    zone = heads[0].unionall(heads[1:])
    return pygame.Rect(zone.left - round(4 * u), zone.top - tall, zone.w + round(8 * u), tall)


def bubble_font_px(cam: Camera) -> int:
    """Font size (pixels) of the shouts."""
    return max(13, min(30, round(unit(cam) * 0.7)))


def _bubble_parts(cam: Camera, text: str, hint: bool) -> tuple[pygame.Surface, int, int, pygame.Rect]:
    """The shout's label, the hint icon's side, the padding (pixels) and the bubble's size as a Rect at 0, 0."""
    u = unit(cam)
    label = assets.text(text, bubble_font_px(cam), TEXT, bold=True)
    icon = round(label.get_height() * 1.1) if hint else 0
    pad = max(6, round(u * 0.28))
    w = label.get_width() + icon + pad * (3 if hint else 2)
    h = max(label.get_height(), icon) + pad * 2
    return label, icon, pad, pygame.Rect(0, 0, w, h)


def _radius(cam: Camera, bubble: pygame.Rect) -> int:
    return min(bubble.h // 2, round(unit(cam) * 0.5))


def place_bubble(cam: Camera, heads: Sequence[pygame.Rect], prefer: int, text: str, hint: bool,
                 avoid: Sequence[pygame.Rect] = ()) -> tuple[int, pygame.Rect]:
    """Which friend shouts ``text`` (with a hint arrow when ``hint``) and where its bubble goes
    (pixels): over the head of friend ``prefer``, centred or slid so that its tail sits near
    one end, or else over a neighbour's, whichever first keeps off the rectangles ``avoid`` (the
    player and its feelers); failing that, wherever it covers least of them."""
    u = unit(cam)
    bubble = _bubble_parts(cam, text, hint)[3]
    corner = _radius(cam, bubble) + u * 0.2
    area = pygame.Rect(cam.rect)
    tried: list[tuple[int, pygame.Rect]] = []
    for k in sorted(range(len(heads)), key=lambda k: (abs(k - prefer), k)):
        head = heads[k]
        bottom = round(head.top - u * 0.35)
        for x in (head.centerx - bubble.w / 2, head.centerx - corner, head.centerx + corner - bubble.w):
            r = bubble.copy()
            r.bottomleft = (round(x), bottom)
            tried.append((k, r.clamp(area)))
    return tried[place_clear([r for _, r in tried], avoid)]


def body_rects(cam: Camera, bounds: tuple[float, float, float, float], aside: float = 0.0) -> list[pygame.Rect]:
    """Where the standing friends are (pixels; their row moved ``aside``), each from the top of
    its head to its feet."""
    u = unit(cam)
    out = []
    for head, (x, y) in zip(head_rects(cam, bounds, aside), positions(bounds, aside), strict=True):
        fx, fy = cam.to_screen(x, y)
        body = pygame.Rect(round(fx - 0.4 * u), head.bottom, round(0.8 * u), round(fy - head.bottom + 0.15 * u))
        out.append(head.union(body))
    return out


def draw_bubble(surf: pygame.Surface, cam: Camera, head: pygame.Rect, place: pygame.Rect, text: str,
                hint: tuple[float, float, float] | None, pop: float) -> pygame.Rect:
    """A speech bubble at ``place`` (from place_bubble) with its tail to ``head``, saying
    ``text`` and, when ``hint`` = (dx, dy, grad_norm) is given, with an arrow showing which way
    (dx, dy: +y forward) and how strongly to walk. ``pop`` 0..1 animates it popping in.
    Returns the bubble's rectangle."""
    u = unit(cam)
    label, icon, pad, _ = _bubble_parts(cam, text, hint is not None)
    rect = place.move(0, round((1 - pop) * u * 0.4))
    radius = _radius(cam, rect)
    foot = min(max(head.centerx, rect.left + radius + u * 0.2), rect.right - radius - u * 0.2)
    tail = [(foot - u * 0.18, rect.bottom - 2), (foot + u * 0.18, rect.bottom - 2), (head.centerx, head.top - 2)]
    pygame.draw.rect(surf, (0, 0, 0), rect.move(2, 3), border_radius=radius)
    pygame.draw.polygon(surf, BUBBLE_EDGE, [(x + (1 if i < 2 else 0), y + 2) for i, (x, y) in enumerate(tail)])
    pygame.draw.rect(surf, BUBBLE, rect, border_radius=radius)
    pygame.draw.rect(surf, BUBBLE_EDGE, rect, max(1, round(u * 0.06)), border_radius=radius)
    pygame.draw.polygon(surf, BUBBLE, tail)
    x = rect.x + pad
    if hint:
        _hint_arrow(surf, pygame.Rect(x, rect.centery - icon // 2, icon, icon), *hint)
        x += icon + pad
    surf.blit(label, (x, rect.centery - label.get_height() // 2))
    return rect


def _hint_arrow(surf: pygame.Surface, box: pygame.Rect, dx: float, dy: float, grad_norm: float) -> None:
    """An arrow in ``box`` pointing along (dx, dy) (+y forward = up on screen); longer and
    thicker for a steeper slope."""
    if not finite(dx, dy, grad_norm) or (dx == 0 and dy == 0):
        return
    n = math.hypot(dx, dy)
    ux, uy = dx / n, -dy / n
    size = {"small": 0.55, "normal": 0.8, "big": 1.0}[urgency(grad_norm)]
    half = box.w * 0.48 * size
    cx, cy = box.center
    a, b = (cx - ux * half, cy - uy * half), (cx + ux * half, cy + uy * half)
    w = max(2, round(box.w * (0.1 + 0.06 * size)))
    head = box.w * 0.34 * size
    nx, ny = -uy, ux
    base = (b[0] - ux * head, b[1] - uy * head)
    pygame.draw.line(surf, HINT_ARROW, a, base, w)
    pygame.draw.polygon(surf, HINT_ARROW, [b, (base[0] + nx * head * 0.6, base[1] + ny * head * 0.6),
                                           (base[0] - nx * head * 0.6, base[1] - ny * head * 0.6)])


def hint_bubble_rect(cam: Camera, head: pygame.Rect) -> pygame.Rect:
    """Where a friend's small bubble with a hint arrow and no words goes: over its ``head``."""
    side = round(bubble_font_px(cam) * 1.9)
    box = pygame.Rect(0, 0, side, side)
    box.midbottom = (head.centerx, round(head.top - unit(cam) * 0.25))
    return box.clamp(pygame.Rect(cam.rect))


def draw_hint_bubble(surf: pygame.Surface, cam: Camera, head: pygame.Rect, hint: tuple[float, float, float]) -> pygame.Rect:
    """A round bubble over ``head`` with only a hint arrow (dx, dy, grad_norm): what one friend
    makes of the slope while another does the talking. Returns the bubble's rectangle."""
    box = hint_bubble_rect(cam, head)
    w = max(1, round(unit(cam) * 0.05))
    pygame.draw.circle(surf, (0, 0, 0), (box.centerx + 1, box.centery + 2), box.w // 2)
    pygame.draw.polygon(surf, BUBBLE_EDGE, [(box.centerx - 3, box.bottom - 3), (box.centerx + 3, box.bottom - 3),
                                            (head.centerx, head.top - 2)])
    pygame.draw.circle(surf, BUBBLE, box.center, box.w // 2)
    pygame.draw.circle(surf, BUBBLE_EDGE, box.center, box.w // 2, w)
    _hint_arrow(surf, box.inflate(-box.w // 4, -box.h // 4), *hint)
    return box
