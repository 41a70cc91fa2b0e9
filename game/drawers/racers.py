"""What tells the racers of a race apart: each wears a shirt in its own colour (the colour of its
line in the chart), carries a name tag over its head ("lr 0.5", or "Adam 0.3" in a race of
optimizers: game.modes.race.RaceMode.racer_name), and leaves its footprints in
its own lane."""
from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game import assets
from game.chart import PALETTE
from game.camera import Camera
from game.drawers import RGB, mix, unit
from game.drawers.person import PLAYER, Look

TAG_TEXT: RGB = (255, 255, 255)
LANE = 0.12   # sprite units between neighbouring racers' trails


def racer_colour(i: int) -> RGB:
    """Racer ``i``'s colour: its line's colour in the chart."""
    return PALETTE[i % len(PALETTE)]


@lru_cache(maxsize=len(PALETTE))
def racer_look(i: int) -> Look:
    """The blindfolded player in racer ``i``'s shirt."""
    return Look(shirt=racer_colour(i), shirt_stripe=(255, 255, 255), shorts=PLAYER.shorts, hair=PLAYER.hair,
                blindfold=True)


def lanes(cam: Camera, start: tuple[float, float], target: tuple[float, float], n: int) -> list[tuple[float, float]]:
    """Pixel shifts that set ``n`` racers' trails side by side, LANE sprite units apart, across
    the line from the start to the watermelon (along which they all walk, or overshoot)."""
    (ax, ay), (bx, by) = cam.to_screen(*start), cam.to_screen(*target)
    dx, dy = bx - ax, by - ay
    norm = math.hypot(dx, dy)
    nx, ny = (-dy / norm, dx / norm) if norm > 0 else (1.0, 0.0)
    gap = LANE * unit(cam)
    return [(nx * gap * (i - (n - 1) / 2), ny * gap * (i - (n - 1) / 2)) for i in range(n)]


def tag_font_px(u: float) -> int:
    """Font size (pixels) of the name tags for sprite unit ``u``."""
    return max(11, min(20, round(u * 0.42)))


def _beside(box: pygame.Rect, head: pygame.Rect, placed: list[pygame.Rect], column: list[pygame.Rect],
            area: pygame.Rect, gap: int) -> pygame.Rect:
    """Where a tag that would cover another goes: under the last tag moved beside the crowd (at
    the first one's height, right of the crowd or left where the right has no room); where that
    leaves ``area``, above the column's top; where that leaves it too, a new column farther out.
    The first place that covers no tag, else the last tried."""
    if column:
        side = 1 if column[0].left > head.centerx else -1
        x = column[0].left if side > 0 else column[0].right - box.w
    else:
        crowd = head.unionall(placed)
        side = 1 if crowd.right + 3 * gap + box.w <= area.right else -1
        x = crowd.right + 3 * gap if side > 0 else crowd.left - 3 * gap - box.w
    tops = [c.top for c in column] or [placed[0].top]
    bottoms = [c.bottom + gap for c in column] or [placed[0].top]
    width = max([c.w for c in column] + [box.w])
    tries = []
    for shift in range(4):   # this column, then ones farther out
        left = x + side * shift * (width + 3 * gap)
        tries += [pygame.Rect(left, max(bottoms), box.w, box.h), pygame.Rect(left, min(tops) - gap - box.h, box.w, box.h)]
    for t in tries:
        if area.contains(t) and t.collidelist(placed) < 0:
            return t
    return tries[0].clamp(area)


def draw_tags(surf: pygame.Surface, tags: list[tuple[pygame.Rect, str, RGB]], u: float,
              area: pygame.Rect) -> list[pygame.Rect]:
    """Name tags (head rectangle, text, colour) centred over the heads, kept inside ``area``.

    A tag that would cover one already placed goes to a column beside the crowd instead (right
    of it, or left where the right has no room), one under another, with a leader line in its
    colour to its racer's head: racers standing on one spot (all round the watermelon at the
    end of a race) keep readable tags that do not pile up over them. Returns the tags' rectangles.
    """
    size = tag_font_px(u)
    gap = max(2, round(u * 0.12))
    placed: list[pygame.Rect] = []
    column: list[pygame.Rect] = []   # the tags moved beside the crowd
    for head, text, colour in tags:
        label = assets.text(text, size, TAG_TEXT, bold=True)
        box = label.get_rect().inflate(round(size * 0.8), round(size * 0.1))
        box.midbottom = (head.centerx, head.top - gap)
        box.clamp_ip(area)
        if box.collidelist(placed) >= 0:
            box = _beside(box, head, placed, column, area, gap)
            column.append(box)
            end = (box.left if box.centerx > head.centerx else box.right, box.centery)
            pygame.draw.line(surf, mix(colour, (0, 0, 0), 0.45), end, head.midtop, max(1, gap // 2))
        radius = box.h // 2
        pygame.draw.rect(surf, mix(colour, (0, 0, 0), 0.45), box.move(0, 2), border_radius=radius)
        pygame.draw.rect(surf, colour, box, border_radius=radius)
        surf.blit(label, label.get_rect(center=box.center))
        placed.append(box)
    return placed
