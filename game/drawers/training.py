"""The digits network's real training on its beach: where the weights were after each epoch,
projected onto the plane of the landscape (sim.learning.landscape), as a path of dots with a tag."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pygame

from game import assets, i18n
from game.camera import Camera
from game.drawers import place_clear, unit

PATH = (255, 255, 255)
EDGE = (120, 30, 110)
TAG_CARD = (255, 252, 244, 225)
TAG_INK = (120, 30, 110)


def draw_training_path(surf: pygame.Surface, cam: Camera, points: np.ndarray) -> None:
    """The path through ``points`` (E+1, 2) metres (epoch 0 first): a line and a dot per epoch."""
    pts = _pixels(cam, points)
    u = unit(cam)
    width = max(2, round(u * 0.08))
    pygame.draw.lines(surf, EDGE, False, pts, width + 2)
    pygame.draw.lines(surf, PATH, False, pts, width)
    r = max(2, round(u * 0.11))
    for x, y in pts:
        pygame.draw.circle(surf, EDGE, (x, y), r + 1)
        pygame.draw.circle(surf, PATH, (x, y), r)


def _pixels(cam: Camera, points: np.ndarray) -> list[list[float]]:
    px, py = cam.to_screen_many(points[:, 0], points[:, 1])
    return np.stack([px, py], -1).tolist()


def draw_training_tag(surf: pygame.Surface, cam: Camera, points: np.ndarray, lang: str,
                      avoid: Sequence[pygame.Rect]) -> pygame.Rect:
    """The tag that names the path through ``points``, beside its early epochs and clear of
    ``avoid`` (pixels) and of the path's dots if it can be; returns where it was drawn."""
    pts = _pixels(cam, points)
    u = unit(cam)
    label = assets.text(i18n.tr("legend.training_path", lang, epochs=len(points) - 1), max(11, round(u * 0.4)),
                        TAG_INK, bold=True)
    pad = max(2, round(u * 0.1))
    tag = pygame.Rect(0, 0, label.get_width() + 2 * pad, label.get_height() + 2 * pad)
    gap = round(u * 0.35)
    places = []
    for at in (pts[min(k, len(pts) - 1)] for k in (2, 5)):   # beside the early epochs, far from the watermelon
        places += [tag.move(at[0] + gap, at[1] + gap), tag.move(at[0] - tag.w // 2, at[1] + gap),
                   tag.move(at[0] + gap, at[1] - gap - tag.h), tag.move(at[0] - tag.w - gap, at[1] - gap - tag.h)]
    bounds = pygame.Rect(cam.rect)
    dots = [pygame.Rect(round(x) - gap // 2, round(y) - gap // 2, gap, gap) for x, y in pts]
    place = places[place_clear([p.clamp(bounds) for p in places], [*avoid, *dots])].clamp(bounds)
    card = pygame.Surface(place.size, pygame.SRCALPHA)
    pygame.draw.rect(card, TAG_CARD, card.get_rect(), border_radius=pad * 2)
    card.blit(label, (pad, pad))
    surf.blit(card, place)
    return place
