"""Event fuzz: hundreds of random keys, clicks, drags and resizes in a seeded order, in each mode
(a lone walk, a race, a population). Nothing raises, and the state stays consistent: every trace
follows its update rule, lr and h stay within bounds, and the camera round-trips."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, Walk

from game import animation, app as app_module, lr_steps, stage
from game.app import App
from game.controls import KEYS
from game.scene import camera_for, layout
from game.modes.population import PopulationMode
from game.modes.race import RaceMode

EVENTS = 300


def random_event(rng: np.random.Generator, size: tuple[int, int], switching: bool) -> pygame.event.Event:
    """A random key, click, drag or resize; Tab (the next scenario, which may change the mode) only
    when ``switching``."""
    w, h = size
    pos = (int(rng.integers(-20, w + 20)), int(rng.integers(-20, h + 20)))
    kind = rng.random()
    if kind < 0.55:
        keys = [k for k in KEYS if switching or k != pygame.K_TAB] + [pygame.K_q, pygame.K_1, pygame.K_LEFT]
        k = keys[int(rng.integers(len(keys)))]
        if k == pygame.K_ESCAPE:
            k = pygame.K_SPACE        # keep the game running; QUIT is tested on its own
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)
    if kind < 0.75:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=int(rng.integers(1, 6)))
    if kind < 0.9:
        buttons = tuple(int(b) for b in rng.integers(0, 2, 3))
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=buttons)
    size = (int(rng.integers(100, 1700)), int(rng.integers(100, 1000)))
    return pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)


def check_trace(trace, scenario, lr: float) -> None:
    """A trace starts at the scenario's start and every row is the last one stepped down its slope
    (with another optimizer than gd (O): the rows a walk of the scenario with lr makes)."""
    assert (trace[0].x, trace[0].y) == scenario.start
    if scenario.optimizer != "gd":
        walk = Walk(scenario.replace(lr=lr))
        while len(walk.trace) < len(trace) and not walk.done:
            walk.step()
        assert [(r.x, r.y) for r in walk.trace[:len(trace)]] == [(r.x, r.y) for r in trace]
        return
    for k, (a, b) in enumerate(zip(trace, trace[1:], strict=False)):
        assert b.step == k + 1
        assert b.x == a.x + -(a.grad_x * lr) and b.y == a.y + -(a.grad_y * lr)


def check(app: App, rng: np.random.Generator) -> None:
    s = app.state
    sc = s.scenario
    assert lr_steps.LR_MIN <= sc.lr <= lr_steps.LR_MAX
    assert sc.min_h() <= sc.h <= lr_steps.H_MAX
    assert s.speed in stage.SPEEDS
    assert s.size[0] >= stage.MIN_SIZE[0] and s.size[1] >= stage.MIN_SIZE[1]
    assert sc.contains(*sc.target) and sc.contains(*sc.start)
    assert 0.0 <= s.progress <= 1.0
    if isinstance(s, RaceMode):
        assert s.race.scenario is sc and all(lr_steps.LR_MIN <= lr <= lr_steps.LR_MAX for lr in s.lrs)
        for racer, trace, lr in zip(s.runners(), s.race.traces, s.lrs, strict=True):
            assert racer.scenario.lr == lr and racer.scenario.target == sc.target
            assert 0 <= racer.animating_from < len(trace)
            assert (racer.outcome is None) or s.race.outcomes[racer.index] == racer.outcome
            check_trace(trace, racer.scenario, lr)
        assert s.hit_order == sorted(set(s.hit_order), key=s.hit_order.index)
        assert all(s.race.outcomes[i] == "hit" for i in s.hit_order)
    elif isinstance(s, PopulationMode):
        pop = s.population
        assert pop.scenario is sc and pop.swarm.n == s.players
        assert [r.step for r in pop.rows] == list(range(pop.swarm.tick + 1))
        assert np.all(pop.swarm.steps[pop.swarm.outcome == 0] == pop.swarm.tick)   # the walking took every step
        assert 1 <= s.shown_rows <= len(pop.rows)
        assert s.ending_t < 0 or s.done
    else:
        walk = s.walk
        assert walk.scenario is sc
        assert (walk.outcome is None) == (not walk.done)
        assert s.ending_t < 0 or walk.done
        assert 0 <= s.animating_from < len(walk.trace)
        check_trace(walk.trace, sc, sc.lr)
    cam = camera_for(s.size, sc.bounds)
    beach = layout(s.size).beach
    for _ in range(3):
        px, py = float(rng.uniform(beach.left, beach.right)), float(rng.uniform(beach.top, beach.bottom))
        x, y = cam.to_world(px, py)
        assert cam.to_screen(x, y) == pytest.approx((px, py), abs=1e-6)


@pytest.fixture
def encoders_stood_in(monkeypatch) -> dict[str, int]:
    """C and S save through stand-ins for the GIF and PNG encoders, which test_animation and
    test_app check on their own: the recording is still replayed and every frame drawn, and each
    file still appears under its own name; only the compression (most of the time) is skipped."""
    saved = {".gif": 0, ".png": 0}

    def write_animation(state, file, kind: str, **play) -> int:
        assert kind == ".gif"
        made = 0
        for made, frame in enumerate(animation.frames(state, **play), 1):
            assert frame.size == state.size and frame.ms > 0
            assert len(frame.rgb) == 3 * frame.size[0] * frame.size[1]
        assert made
        saved[kind] += 1
        file.write(b"GIF89a")
        return made

    def save_png(surface: pygame.Surface, path) -> None:
        assert not Path(path).exists() and min(surface.get_size()) > 0
        Path(path).write_bytes(b"\x89PNG")
        saved[".png"] += 1

    monkeypatch.setattr(animation, "write_animation", write_animation)
    monkeypatch.setattr(app_module, "save_png", save_png)
    return saved


@pytest.mark.parametrize("seed, name, mode", [(1, "beach", {}), (2, "pit", {}), (3, "sea", {}),
                                              (4, "overshoot", {"race": (0.1, 0.5, 1.9, 2.2)}),
                                              (5, "beach", {"population": 40}), (6, "beach", "switching")],
                         ids=["walk-beach", "walk-pit", "walk-sea", "race", "population", "switching-scenarios"])
def test_random_events_keep_the_state_consistent(seed, name, mode, tmp_path, monkeypatch, encoders_stood_in):
    monkeypatch.chdir(tmp_path)       # S saves screenshots into the current directory
    pygame.font.init()
    rng = np.random.default_rng(seed)
    switching = mode == "switching"
    app = App(SCENARIOS[name], lang=("en", "ja")[seed % 2], size=(960, 600), sound=False, autoplay=True,
              **({} if switching else mode))
    surf = pygame.Surface(app.state.size)
    for i in range(EVENTS):
        app.handle(random_event(rng, app.state.size, switching))
        app.tick(float(rng.choice([0.0, 1 / 60, 1 / 7, 0.5])))
        if i % 40 == 0:
            if surf.get_size() != app.state.size:
                surf = pygame.Surface(app.state.size)
            app.draw(surf)
        if i % 25 == 0:
            check(app, rng)
    check(app, rng)
    assert app.running and math.isfinite(app.state.clock)
    assert encoders_stood_in[".gif"] > 0 and encoders_stood_in[".png"] > 0     # C and S saved files
    assert len(list(tmp_path.iterdir())) == sum(encoders_stood_in.values())
