"""The parts of a beach that the modes draw alike: footprints, feelers, the watermelon with its
reach, its decoys and the friends in depth order with the players, the endings' effects, and the
heatmap's legend. Each reads the state and draws; none changes it."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pygame
from sim import Scenario
from sim.beach.beaches import beach_features

from game import choreography as ch
from game.camera import Camera
from game.drawers import beach, endings, friends, heatmap, probes, trail, unit, watermelon
from game.drawers.person import Look, stick_tip
from game.drawers.player import PlayerView, Shown, draw_player, on_sand
from game.overlays import prompt_room_bottom

if TYPE_CHECKING:
    from game.modes.base import Mode

REACH_RING = (255, 255, 255)
ARROW_LONGEST = 1.5   # a step arrow may reach this many times the beach view's shorter side:
                      # an overshooting step's arrow shows where it will land, in the sea if so


class TraceArrays:
    """What a mode's drawing keeps between frames: the x and y (metres) of trace lists' rows as
    arrays (a trace grows, or is thinned in place: its arrays are rebuilt when it has grown past
    them or no longer begins with their rows),
    and the footprints drawn into a layer (trail.TrailLayer) over the beach named ``under`` (set
    by whoever drew the beach; None: unknown, then the footprints are drawn anew)."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[list, np.ndarray, np.ndarray, object]] = {}
        self.prints = trail.TrailLayer()
        self.under: tuple | None = None

    def xy(self, trace: list, n: int) -> tuple[np.ndarray, np.ndarray]:
        """x and y of the first ``n`` rows of ``trace``."""
        hit = self._cache.get(id(trace))   # the cache holds the list, so its id is not reused
        if hit is None or hit[1].size < n or not _grew(trace, hit[1].size, hit[3]):
            if len(self._cache) > 64:
                self._cache.clear()
            xs = np.fromiter((r.x for r in trace), float, len(trace))
            ys = np.fromiter((r.y for r in trace), float, len(trace))
            hit = self._cache[id(trace)] = (trace, xs, ys, trace[-1] if trace else None)
        return hit[1][:n], hit[2][:n]


def _grew(trace: list, n: int, last: object) -> bool:
    """Whether ``trace`` still begins with the ``n`` rows it had when ``last`` was its last: rows
    are only added, or thinned out (sim Walk ``thin``), and a thinned trace has another row there."""
    return n == 0 or (len(trace) >= n and trace[n - 1] is last)


def footprints(s: Scenario, xs: np.ndarray, ys: np.ndarray, colour: tuple[int, int, int] | None,
               shift: tuple[float, float] = (0.0, 0.0)) -> trail.Trail:
    """The trail through the rows at ``xs``, ``ys`` (metres), with footprints where they are on the sand."""
    xmin, xmax, ymin, ymax = s.bounds
    with np.errstate(invalid="ignore"):
        sand = (xs >= xmin) & (xs <= xmax) & (ys >= ymin) & (ys <= ymax)
    return trail.Trail(xs, ys, sand, colour, shift)


def draw_footprints(surf: pygame.Surface, cam: Camera, s: Scenario, xs: np.ndarray, ys: np.ndarray,
                    colour: tuple[int, int, int] | None, shift: tuple[float, float] = (0.0, 0.0)) -> None:
    """Footprints through the rows at ``xs``, ``ys`` (metres) where they are on the sand."""
    footprints(s, xs, ys, colour, shift).draw(surf, cam)


def draw_feelers(surf: pygame.Surface, cam: Camera, player: Shown, view: PlayerView,
                 lang: str | None = None) -> pygame.Rect | None:
    """The player's feelers on the sand around its feet (under it), flashing while it feels;
    with ``lang``, their key too, clear of where the friends' shouts go (returns its rectangle)."""
    outcome, walk = player.outcome, player.walk
    flash = 0.0
    if not outcome and len(walk.trace) > 1:
        k = player.since_step / (player.step_seconds * ch.FEEL_PART)
        flash = max(0.0, 1.0 - k) if k >= 0 else 0.0
    if outcome == "stuck" and player.ending_t < ch.SWING_START["stuck"] + 0.1:
        flash = 1.0
    if outcome in (None, "stuck") and on_sand(walk, view.x, view.y):
        return probes.draw_probes(surf, cam, walk.trace[player.animating_from], view.x, view.y, flash,
                                  player.scenario.h, lang, beach.sand_rect(cam, player.scenario.bounds),
                                  [friends.bubble_zone(cam, player.scenario.bounds)])
    return None


def fixtures(cam: Camera, s: Scenario) -> list[pygame.Rect]:
    """Where the watermelon with its mat, its decoys and the friends are (window pixels)."""
    u = unit(cam)
    return [watermelon.rect(cam.to_screen(*s.target), u), *friends.body_rects(cam, s.bounds),
            *(watermelon.decoy_rect(c, u) for c in decoys(cam, s))]


def decoys(cam: Camera, s: Scenario) -> list[tuple[float, float]]:
    """Where the beach's decoy watermelons are (window pixels)."""
    return [cam.to_screen(*f.at) for f in beach_features(s.loss, s.target, ("decoy",))]


def draw_legend(surf: pygame.Surface, cam: Camera, state: Mode, keep: list[pygame.Rect]) -> pygame.Rect | None:
    """While the heatmap is shown, its legend in a corner of the sand clear of ``keep``, of the
    start (where the walks begin: the textbook race's start is in a corner) and of the prompts at
    the top of the beach; returns where it was drawn, and adds that to ``keep`` (None: not shown)."""
    if not state.heatmap_shown:
        return None
    u = unit(cam)
    legend = heatmap.build_legend(state.lang, heatmap.legend_px(u))
    sx, sy = cam.to_screen(*state.scenario.start)
    start = pygame.Rect(round(sx - u), round(sy - 2 * u), round(2 * u), round(3 * u))
    place = heatmap.place_legend(legend.card.get_size(), beach.sand_rect(cam, state.scenario.bounds),
                                 prompt_room_bottom(pygame.Rect(cam.rect)), round(u * 0.3), [*keep, start])
    surf.blit(legend.card, place)
    keep.append(place)
    return place


def friends_y(cam: Camera, s: Scenario) -> float:
    """The friends' feet's screen row (they are drawn in depth order with the rest)."""
    return cam.to_screen(*friends.positions(s.bounds)[0])[1]


def melon(surf: pygame.Surface, centre: tuple[float, float], u: float, split_t: float) -> None:
    """The watermelon: whole, or split ``split_t`` (>= 0) seconds ago."""
    if split_t >= 0:
        watermelon.draw_split(surf, centre, u, split_t)
    else:
        watermelon.draw_whole(surf, centre, u)


def draw_sprites(surf: pygame.Surface, cam: Camera, state: Mode, players: list[tuple[PlayerView, Look]],
                 split_t: float, shouter: int | None, mood: str) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
    """The watermelon on its mat with its reach, the friends and the players, drawn in depth
    order (by screen row of their feet). Returns the friends' and the players' head rectangles."""
    s = state.scenario
    u = unit(cam)
    wx, wy = cam.to_screen(*s.target)
    watermelon.draw_mat(surf, (wx, wy), u)
    reach_ring(surf, cam, s.target, s.reach)
    friend_heads: list[pygame.Rect] = []
    heads: dict[int, pygame.Rect] = {}
    items = [(wy, -2, lambda: melon(surf, (wx, wy), u, split_t)),
             *((c[1], -3, lambda c=c: watermelon.draw_decoy(surf, c, u)) for c in decoys(cam, s)),
             (friends_y(cam, s), -1,
              lambda: friend_heads.extend(friends.draw_friends(surf, cam, s.bounds, shouter, mood, state.clock)))]
    for k, (view, look) in enumerate(players):
        def draw(k: int = k, view: PlayerView = view, look: Look = look) -> None:
            heads[k] = draw_player(surf, cam, view, state.clock, look)
        items.append((cam.to_screen(view.x, view.y)[1], k, draw))
    for _, _, draw in sorted(items, key=lambda p: (p[0], p[1])):
        draw()
    if s.loss == "hit-or-miss" and state.heatmap_shown:   # its one feature, the disc of loss 0, on top
        zero_disc(surf, cam, s.target, s.reach)
    return friend_heads, [heads[k] for k in range(len(players))]


def draw_ending(surf: pygame.Surface, cam: Camera, player: Shown, view: PlayerView, head: pygame.Rect) -> None:
    """The effects of one player's ending: juice, dust and a '?', a splash, or sweat and 'zzz'."""
    outcome, t_end = player.outcome, player.ending_t
    u = unit(cam)
    feet = cam.to_screen(view.x, view.y)
    if outcome == "hit":
        endings.draw_juice(surf, cam, cam.to_screen(*player.scenario.target), t_end - ch.SPLIT_AT)
    elif outcome == "stuck":
        tip = stick_tip(feet, u, view.pose)
        endings.draw_dust(surf, tip, u, t_end - ch.SWING_START["stuck"] - ch.SWING_SECONDS)
        endings.draw_question(surf, head, u, t_end - ch.PUZZLED_AT)
    elif outcome == "diverged":
        endings.draw_splash(surf, feet, u, t_end - ch.RUN_SECONDS)
    elif outcome == "max_steps":
        endings.draw_tired(surf, head, u, t_end - ch.TIRE_AT)


def zero_disc(surf: pygame.Surface, cam: Camera, target: tuple[float, float], reach: float) -> None:
    """The hit-or-miss loss's disc of loss 0 (within reach), in the heatmap's lowest colour, ringed:
    drawn over the watermelon, which at the default zoom is wider than the disc and would hide it."""
    r = round(cam.length(reach))
    if not 2 < r < 4 * max(cam.rect[2], cam.rect[3]):
        return
    disc = pygame.Surface((2 * r + 2, 2 * r + 2), pygame.SRCALPHA)
    pygame.draw.circle(disc, (*heatmap.STOPS[0].astype(int), heatmap.ALPHA), (r + 1, r + 1), r)
    cx, cy = cam.to_screen(*target)
    surf.blit(disc, (round(cx) - r - 1, round(cy) - r - 1))
    reach_ring(surf, cam, target, reach)


def reach_ring(surf: pygame.Surface, cam: Camera, target: tuple[float, float], reach: float) -> None:
    """A dotted ring around the watermelon: within it the stick reaches (a hit)."""
    r = cam.length(reach)
    if not (2 < r < 4 * max(cam.rect[2], cam.rect[3])):
        return
    cx, cy = cam.to_screen(*target)
    n = max(12, min(72, round(r * 0.6)))
    for k in range(0, n, 2):
        a0, a1 = 2 * math.pi * k / n, 2 * math.pi * (k + 1) / n
        pygame.draw.line(surf, REACH_RING, (cx + r * math.cos(a0), cy + r * math.sin(a0)),
                         (cx + r * math.cos(a1), cy + r * math.sin(a1)), 2)


