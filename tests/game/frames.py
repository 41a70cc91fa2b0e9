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
