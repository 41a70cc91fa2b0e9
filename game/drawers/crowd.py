"""A population on the beach: every player a tiny blindfolded head seen from above, in its
group's colour (group A or B, the colours of the charts' lines).

The players still walking are drawn where they are. The players that hit stand within the
stick's reach of the watermelon, under its sprite, so they are drawn gathered round it instead: in
the order they hit, on a sunflower spiral that grows out from the watermelon, so that the crowd
round it grows with the hit rate. Players that stopped elsewhere on one spot (stuck in a pit, or
at the edge of the picture after running into the sea) huddle round it the same way, one dot each.

Positions come from numpy arrays through the camera's ``to_screen_many`` and the dots are
stamped with one ``Surface.fblits`` call per kind of dot, so a crowd of hundreds costs about as
much as one sprite.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pygame
from sim.walking.swarm import DIVERGED, HIT, MAX_STEPS, STUCK, WALKING

from game import choreography as ch
from game.camera import Camera
from game.drawers import RGB, ease, mix, unit
from game.drawers.beach import FOAM, SAND
from game.experiment_charts import GROUPS

if TYPE_CHECKING:
    from game.modes.population import PopulationMode

GROUP_A, GROUP_B = (colour for _, colour, _, _ in GROUPS)
OUTLINE: RGB = (40, 30, 30)
BLINDFOLD: RGB = (255, 255, 255)
HIT_RING: RGB = (255, 214, 64)
CROWDED = 1000   # players: beyond this many the dots shrink so the sand stays visible


def dot_radius(cam: Camera, players: int) -> int:
    """Radius (pixels) of one player's dot."""
    r = unit(cam) * 0.16 * min(1.0, math.sqrt(CROWDED / max(players, 1)))
    return max(2, round(r))


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))   # radians between neighbours on the sunflower spiral


def dot_pixels(state: PopulationMode, cam: Camera) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the dots are drawn now (pixel x, y arrays) and which are drawable: each player
    walks from where its latest step began to where it ended (the first part of a step's
    animation it stands and feels, as the lone player does). A player that hit stays where it
    swung, within reach of the watermelon (a spiral round it once drew them metres away);
    players that stopped on the same spot (in a pit, or at the edge of the picture after running
    into the sea) huddle round it (``clump_pixels``), so that a crowd stuck in one place shows
    as a crowd."""
    swarm = state.population.swarm
    r = dot_radius(cam, swarm.n)
    ax, ay = cam.to_screen_many(state.from_x, state.from_y)
    bx, by = cam.to_screen_many(swarm.x, swarm.y)
    x0, y0, w, h = cam.rect
    with np.errstate(invalid="ignore"):   # players off in the sea stay in view at its edge
        ax, bx = (np.clip(v, x0 + r, x0 + w - 1 - r) for v in (ax, bx))
        ay, by = (np.clip(v, y0 + r, y0 + h - 1 - r) for v in (ay, by))
    bx, by = np.where(np.isfinite(bx), bx, ax), np.where(np.isfinite(by), by, ay)
    codes, steps = swarm.outcome, swarm.steps
    stopped = np.flatnonzero((codes != WALKING) & (codes != HIT) & np.isfinite(bx) & np.isfinite(by))
    if stopped.size > 1:
        bx[stopped], by[stopped] = clump_pixels(bx[stopped], by[stopped], steps[stopped], r)
    settled = (codes != WALKING) & (steps < swarm.tick)   # at their place since before the latest step
    ax, ay = np.where(settled, bx, ax), np.where(settled, by, ay)
    k = ease((state.progress - ch.FEEL_PART) / (1 - ch.FEEL_PART))
    px, py = ax + (bx - ax) * k, ay + (by - ay) * k
    return px, py, np.isfinite(px) & np.isfinite(py)


def _sunflower(k: np.ndarray, inner: float, r: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (pixels) of the k-th (from 0) dots of radius ``r`` on a sunflower spiral packed
    outward from ``inner`` pixels."""
    area = (2 * r + 1.5) ** 2           # pixels of spiral per dot
    radius = np.sqrt(inner * inner + k * area / math.pi)
    angle = k * GOLDEN_ANGLE
    return radius * np.cos(angle), radius * np.sin(angle)


def clump_pixels(px: np.ndarray, py: np.ndarray, steps: np.ndarray, r: int) -> tuple[np.ndarray, np.ndarray]:
    """Dots of radius ``r`` at pixels (px, py) that fall on the same dot-sized cell, spread on a
    sunflower round their cell's mean, in the order they stopped (``steps``); a lone dot stays
    where it is."""
    cells = np.rint(np.column_stack((px, py)) / (2 * r)).astype(np.int64)
    _, group, counts = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    group = group.ravel()
    order = np.lexsort((np.arange(px.size), steps, group))
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.empty(px.size)
    rank[order] = np.arange(px.size) - first[group[order]]
    dx, dy = _sunflower(rank - 1, 2 * r + 1.5, r)   # the first stays put, the others round it
    dx[rank == 0] = dy[rank == 0] = 0.0
    cx = np.bincount(group, weights=px) / counts
    cy = np.bincount(group, weights=py) / counts
    return cx[group] + dx, cy[group] + dy


def draw_crowd(surf: pygame.Surface, cam: Camera, state: PopulationMode, hits: bool) -> None:
    """The population's dots of its group's colour: with ``hits`` False the players that have
    not hit (faded: stuck or tired; a ring of foam: in the sea), with ``hits`` True those that
    hit (a golden ring), gathered round the watermelon."""
    pop = state.population
    r = dot_radius(cam, pop.swarm.n)
    px, py, ok = dot_pixels(state, cam)
    left = np.rint(px - r - 1).astype(np.int64, copy=False)
    top = np.rint(py - r - 1).astype(np.int64, copy=False)
    codes, steps = pop.swarm.outcome, pop.swarm.steps
    for code in (HIT,) if hits else (WALKING, STUCK, MAX_STEPS, DIVERGED):
        pick = np.flatnonzero(ok & (codes == code))
        pick = pick[np.lexsort((pick, steps[pick]))]   # both groups mixed, the latest to stop on top
        if pick.size:
            sprites = {True: dot_sprite(r, GROUP_A, code), False: dot_sprite(r, GROUP_B, code)}
            surf.fblits([(sprites[a], pos) for a, pos in zip(pop.in_a[pick].tolist(),
                                                              zip(left[pick].tolist(), top[pick].tolist()))])


SUPER = 4   # dots are drawn this many times larger, then smooth-scaled down (antialiased edges)


@lru_cache(maxsize=64)
def dot_sprite(r: int, colour: RGB, code: int) -> pygame.Surface:
    """One player's dot of radius ``r``, centred in a (2r + 3)-pixel square: the group colour
    at its centre, a white blindfold across its top, and the mark of its ending."""
    size = 2 * r + 3
    big = pygame.Surface((size * SUPER, size * SUPER), pygame.SRCALPHA)
    c, R = big.get_width() / 2, r * SUPER
    body = mix(colour, SAND, 0.55) if code in (STUCK, MAX_STEPS) else colour
    if code == DIVERGED:
        pygame.draw.circle(big, FOAM, (c, c), R + SUPER, max(SUPER, R // 2))
        pygame.draw.circle(big, body, (c, c), R * 0.55)
    else:
        pygame.draw.circle(big, HIT_RING if code == HIT else OUTLINE, (c, c), R + SUPER * (1.4 if code == HIT else 1))
        pygame.draw.circle(big, body, (c, c), R)
        band = pygame.Surface(big.get_size(), pygame.SRCALPHA)
        pygame.draw.rect(band, (*BLINDFOLD, 255), pygame.Rect(0, c - R * 0.62, size * SUPER, R * 0.38))
        mask = pygame.Surface(big.get_size(), pygame.SRCALPHA)
        pygame.draw.circle(mask, (255, 255, 255, 255), (c, c), R - SUPER * 0.5)
        band.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        big.blit(band, (0, 0))
    return pygame.transform.smoothscale(big, (size, size))
