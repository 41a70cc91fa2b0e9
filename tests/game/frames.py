"""Helpers for front-end tests: synthetic input events and frames as pixel arrays."""
from __future__ import annotations

import numpy as np
import pygame

from game.scene import Scene

SIZE = (1280, 720)


def key(k: int) -> pygame.event.Event:
    """A key press as pygame would post it."""
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def click(pos, button: int = 1) -> pygame.event.Event:
    """A mouse button press at pixel ``pos``."""
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)


def draw(state, size=SIZE, scene: Scene | None = None) -> np.ndarray:
    """The frame of ``state`` as a (w, h, 3) array."""
    surf = pygame.Surface(size)
    (scene or Scene()).draw(surf, state)
    return pygame.surfarray.array3d(surf)


def pixels_of(frame: np.ndarray, colour, area: pygame.Rect | None = None) -> np.ndarray:
    """(k, 2) pixel positions whose colour is exactly ``colour``, optionally inside ``area``."""
    mask = np.all(frame == np.array(colour[:3], np.uint8), axis=-1)
    if area is not None:
        clip = np.zeros_like(mask)
        r = area.clip(pygame.Rect(0, 0, *mask.shape))
        clip[r.left:r.right, r.top:r.bottom] = True
        mask &= clip
    return np.argwhere(mask)


def legend_in(frame: np.ndarray, lang: str, cam) -> pygame.Rect | None:
    """Where the heatmap's legend card is in ``frame`` (pixels), found by its colour bar's exact
    column of colours; None where it is not shown."""
    from game.drawers import heatmap, unit
    legend = heatmap.build_legend(lang, heatmap.legend_px(unit(cam)))
    bar = pygame.surfarray.array3d(legend.card)[legend.bar.centerx, legend.bar.top:legend.bar.bottom]
    xs, ys = np.nonzero(np.all(frame == bar[0], axis=2))
    for x, y in zip(xs.tolist(), ys.tolist()):
        if np.array_equal(frame[x, y:y + len(bar)], bar):
            return legend.card.get_rect(topleft=(x - legend.bar.centerx, y - legend.bar.top))
    return None
