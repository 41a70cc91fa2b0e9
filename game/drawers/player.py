"""Where the blindfolded player is shown and in what pose, and drawing it.

Within one step's animation the player first stands and feels (the probes flash, the friend
shouts), then walks to the next row of the trace. Endings take over once the walk is done.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import pygame
from sim import Scenario, Walk, WalkResult

from game import choreography as ch
from game.camera import SEA_SIDES, Camera
from game.drawers import ease, finite, unit
from game.drawers.beach import FOAM, SHALLOW
from game.drawers.person import PLAYER, Look, Pose, draw_person, head_rect, stick_tip


class Shown(Protocol):
    """A blindfolded player as the drawers see it: the lone walker (game.modes.walk) or a racer
    (game.modes.race.RacerView)."""

    @property
    def walk(self) -> Walk | WalkResult: ...          # its scenario and its trace so far
    @property
    def scenario(self) -> Scenario: ...
    @property
    def outcome(self) -> str | None: ...              # once its ending is shown, else None
    @property
    def ending_t(self) -> float: ...                  # seconds into its ending; < 0 before
    @property
    def animating_from(self) -> int: ...              # trace row it is shown walking from
    @property
    def progress(self) -> float: ...                  # its latest step's animation, 0..1 (1 at rest)
    @property
    def since_step(self) -> float: ...                # seconds since its latest step
    @property
    def step_seconds(self) -> float: ...
    @property
    def clock(self) -> float: ...
    @property
    def swing_facing(self) -> int: ...                # +1: it swings from the watermelon's left, facing right
    @property
    def swing_rank(self) -> int: ...                  # places forward (+) or back (-) where it swings


SWING_REACH = 1.1   # sprite units from the feet to where the swung stick's tip lands
RANK_SHIFT = 1.15   # sprite units forward between the places of racers that swing at the same watermelon
RANK_OUT = 0.3      # sprite units a place forward or back stands farther out


@dataclass(frozen=True)
class PlayerView:
    """The player as shown: position (metres), pose, and whether it is swimming in the sea."""

    x: float
    y: float
    pose: Pose
    swimming: bool = False


def on_sand(walk: Walk, x: float, y: float) -> bool:
    """Whether (x, y) is a finite point on the sand."""
    return finite(x, y) and walk.scenario.contains(x, y)


def runoff(walk: Walk) -> tuple[tuple[float, float], tuple[float, float]]:
    """For a diverged walk: from the last point on the sand to where the player splashes into the
    sea (metres), along the last step (or downhill, or straight to the open sea)."""
    trace = walk.trace
    i = len(trace) - 1
    while i > 0 and not on_sand(walk, trace[i].x, trace[i].y):
        i -= 1
    a = trace[i]
    ax, ay = (a.x, a.y) if on_sand(walk, a.x, a.y) else walk.scenario.start
    dx = dy = 0.0
    if i + 1 < len(trace) and finite(trace[i + 1].x, trace[i + 1].y):
        dx, dy = trace[i + 1].x - ax, trace[i + 1].y - ay
    if not (finite(dx, dy) and (dx or dy)) and finite(a.grad_x, a.grad_y):
        dx, dy = -a.grad_x, -a.grad_y
    norm = math.hypot(dx, dy) if finite(dx, dy) else 0.0
    if norm == 0.0 or not math.isfinite(norm):
        dx, dy, norm = 0.0, 1.0, 1.0
    dx, dy = dx / norm, dy / norm
    xmin, xmax, ymin, ymax = walk.scenario.bounds
    # Distance along (dx, dy) to the sand's edge, then a little way into the water.
    ts = []
    if dx > 0:
        ts.append((xmax - ax) / dx)
    if dx < 0:
        ts.append((xmin - ax) / dx)
    if dy > 0:
        ts.append((ymax - ay) / dy)
    if dy < 0:
        ts.append((ymin - ay) / dy)
    t_edge = max(0.0, min(ts))
    into = 0.7 * SEA_SIDES * max(xmax - xmin, ymax - ymin)   # metres into the water, still in view
    return (ax, ay), (ax + dx * (t_edge + into), ay + dy * (t_edge + into))


def facing(state: Shown) -> int:
    """+1 when the player faces right, -1 left: the sign of the latest sideways move, else toward
    the watermelon."""
    trace = state.walk.trace
    upto = min(len(trace) - 1, state.animating_from + 1)
    for i in range(upto, max(0, upto - 6), -1):
        dx = trace[i].x - trace[i - 1].x
        if finite(dx) and abs(dx) > 1e-12:
            return 1 if dx > 0 else -1
    tx = state.scenario.target[0]
    return 1 if tx >= trace[0].x else -1


def player_view(state: Shown, cam: Camera) -> PlayerView:
    """Where and how the player is shown now (the camera sizes the sprite in metres)."""
    u_m = unit(cam) / cam.scale   # metres per sprite unit
    walk = state.walk
    trace = walk.trace
    f = facing(state)
    outcome = state.outcome
    if outcome == "diverged":
        (ax, ay), (bx, by) = runoff(walk)
        k = min(1.0, state.ending_t / ch.RUN_SECONDS)
        f = 1 if bx >= ax else -1
        if k < 1.0:
            x, y = ax + (bx - ax) * k, ay + (by - ay) * k
            return PlayerView(x, y, Pose(facing=f, walk=state.clock * 22, stick=80 + 25 * math.sin(state.clock * 20),
                                         arms="hold", mouth="open", lean=0.12))
        return PlayerView(bx, by, Pose(facing=f, walk=state.clock * 6, arms="up", mouth="open"), swimming=True)
    i = state.animating_from
    row = trace[i]
    x, y = row.x, row.y
    p = state.progress
    walking = None
    if i + 1 < len(trace) and p < 1.0:
        nxt = trace[i + 1]
        k = ease((p - ch.FEEL_PART) / (1 - ch.FEEL_PART))
        if p > ch.FEEL_PART and on_sand(walk, nxt.x, nxt.y):
            x, y = row.x + (nxt.x - row.x) * k, row.y + (nxt.y - row.y) * k
            walking = k * math.pi * 4
    if not on_sand(walk, x, y):
        x, y = runoff(walk)[0]
    if outcome == "hit":
        # Step beside the watermelon so that the swing lands on it (racers that hit it later
        # on the other side, or a little to the front or back).
        tx, ty = state.scenario.target
        f = state.swing_facing
        k = ease(state.ending_t / ch.SWING_START["hit"])
        rank = state.swing_rank
        bx = tx - f * (SWING_REACH + RANK_OUT * abs(rank)) * u_m
        by = ty + (-0.05 + RANK_SHIFT * rank) * u_m
        x, y = x + (bx - x) * k, y + (by - y) * k
    if outcome in ("hit", "stuck"):
        t = state.ending_t - ch.SWING_START[outcome]
        k = ease(t / ch.SWING_SECONDS)
        stick = 70 + 30 * ease(t / 0.12) * (1 - k) - 120 * k if t > 0 else 70
        mouth = "open" if 0 < t < 0.6 else ("smile" if outcome == "hit" else "flat")
        return PlayerView(x, y, Pose(facing=f, stick=stick, lean=0.15 * k, mouth=mouth))
    if outcome == "max_steps":
        return PlayerView(x, y, Pose(facing=f, sitting=state.ending_t > ch.TIRE_AT, arms="down", mouth="o"))
    feeling = state.since_step < state.step_seconds * ch.FEEL_PART and len(trace) > 1
    stick = 70 + (6 * math.sin(state.clock * 30) if feeling else 0)
    return PlayerView(x, y, Pose(facing=f, walk=walking, stick=stick))


def draw_player(surf: pygame.Surface, cam: Camera, view: PlayerView, clock: float, look: Look = PLAYER) -> pygame.Rect:
    """The player as ``view`` shows it, dressed as ``look`` (after running into the sea: its head
    and waving arms above the water); ``clock`` is the animation time (s). Returns the head's
    rectangle."""
    feet = cam.to_screen(view.x, view.y)
    u = unit(cam)
    if view.swimming:
        return draw_swimmer(surf, feet, u, view.pose, clock, look)
    return draw_person(surf, feet, u, look, view.pose)


def sprite_rect(cam: Camera, view: PlayerView) -> pygame.Rect:
    """Where the player of ``view`` is drawn (pixels): from the top of its head to its feet with
    its stick; in the sea, its head and the ring of water round it. Empty when off the map."""
    fx, fy = cam.to_screen(view.x, view.y)
    if not finite(fx, fy):
        return pygame.Rect(0, 0, 0, 0)
    u = unit(cam)
    if view.swimming:
        head = pygame.Rect(head_rect((fx, fy + 0.35 * u), u, view.pose))
        return head.union(pygame.Rect(round(fx - 0.7 * u), head.bottom, round(1.4 * u), round(fy - head.bottom)))
    head = pygame.Rect(head_rect((fx, fy), u, view.pose))
    rect = head.union(pygame.Rect(round(fx - 0.45 * u), head.top, round(0.9 * u), round(fy + 0.15 * u - head.top)))
    if view.pose.stick is not None:
        tx, ty = stick_tip((fx, fy), u, view.pose)
        rect.union_ip(pygame.Rect(round(tx - 0.1 * u), round(ty - 0.1 * u), round(0.2 * u) + 1, round(0.2 * u) + 1))
    return rect


def draw_swimmer(surf: pygame.Surface, feet: tuple[float, float], u: float, pose: Pose, t: float,
                 look: Look = PLAYER) -> pygame.Rect:
    """Only the head and waving arms stick out of the water; returns the head's rectangle."""
    bob = math.sin(t * 4) * 0.05 * u
    lifted = (feet[0], feet[1] + 0.35 * u + bob)
    clip = surf.get_clip()
    cut = pygame.Rect(feet[0] - 2 * u, feet[1] - 3 * u, 4 * u, 2.55 * u + bob)
    surf.set_clip(cut.clip(clip))
    head = draw_person(surf, lifted, u, look, pose)
    surf.set_clip(clip)
    ring = pygame.Rect(0, 0, 1.3 * u, 0.42 * u)
    ring.center = (round(feet[0]), round(feet[1] - 0.45 * u + bob))
    pygame.draw.ellipse(surf, SHALLOW, ring)
    pygame.draw.ellipse(surf, FOAM, ring, max(1, round(u * 0.08)))
    return head
