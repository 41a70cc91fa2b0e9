"""The contract every registered mode keeps, run over each one in game.modes.MODES (as Gymnasium
checks every registered environment): its play steps one update at a time and ends with one ending
per player, drawing never changes the state, and it gives a headless picture and an animation
(where the mode's clock plays it: a game the learner plays has none). A new mode adds its sample
below and is checked like the others."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pygame
import pytest
from sim import OUTCOMES, SCENARIOS
from sim.walking.blindfold import ENDINGS
from sim.walking.grid import hyperparameter_map, parse_grid
from sim.walking.play import Play

from game.animation import ENDING_FPS, ENDING_SECONDS, MAX_STEP_FRAMES, frames as animation_frames
from game.controls import Action, Command
from game.modes import MODES, Mode, open_mode, view_of
from game.scene import Scene, render_png

SIZE = (480, 320)   # the smallest window: the contract holds there too
TINY_MAP = hyperparameter_map(SCENARIOS["beach"].replace(optimizer="momentum", max_steps=60),
                              parse_grid("lr=0.01:0.3:3,momentum=0:0.6:3"), starts=2)


@dataclass(frozen=True)
class Sample:
    """How the contract plays a mode: its option's value, how many players (endings) that makes
    and the names those endings may have; ``learner``: the learner plays it with the mode's own
    keys (a stride along the aim, giving up), not the mode's clock (a step, the play run out)."""

    value: Any
    players: int
    endings: tuple[str, ...] = OUTCOMES
    learner: bool = False

    def step(self, mode: Mode) -> None:
        """One update: a step of the play, or the learner's stride (the Enter key's command)."""
        if self.learner:
            assert mode.take(Command(Action.WALK))
        else:
            mode.step_once()

    def finish(self, mode: Mode) -> None:
        """Play to the end: the play run out, or the learner gives up (the G key's command)."""
        if self.learner:
            assert mode.take(Command(Action.GIVE_UP))
        else:
            mode.play.run()


SAMPLES = {
    "walk": Sample(None, 1),
    "race": Sample([0.1, 0.5, 1.9], 3),
    "population": Sample(12, 12),
    "map": Sample(TINY_MAP, 1),   # one of its cells' walks
    "blindfold": Sample(3, 1, ENDINGS, learner=True),
}
ANIMATED = sorted(name for name, sample in SAMPLES.items() if not sample.learner)


def fresh(name: str) -> Mode:
    mode = MODES[name]
    value = SAMPLES[name].value
    return open_mode(SCENARIOS["beach"], lang="en", size=SIZE, **({mode.option: value} if mode.option else {}))


def play_for(mode: Mode, seconds: float) -> None:
    """The window's frames (1/60 s each) for ``seconds``."""
    for _ in range(round(seconds * 60)):
        mode.advance(1 / 60)


def snapshot(mode: Mode) -> dict:
    """Everything the mode holds: its public fields (the private ones are caches), its play's
    records, steps and endings (arrays copied, so a later change shows)."""
    fields = {f.name: getattr(mode, f.name) for f in dataclasses.fields(mode)
              if f.name != "play" and not f.name.startswith("_")}
    shown = {name: repr(value) for name, value in fields.items()}
    records = {name: column.copy() for name, column in mode.play.records().items()}
    return {"fields": shown, "records": records, "steps": mode.play.steps, "endings": mode.play.endings(),
            "done": mode.done}


def assert_same(a: dict, b: dict) -> None:
    assert a["fields"] == b["fields"] and (a["steps"], a["endings"], a["done"]) == (b["steps"], b["endings"], b["done"])
    assert a["records"].keys() == b["records"].keys()
    for name in a["records"]:
        np.testing.assert_array_equal(a["records"][name], b["records"][name], err_msg=name)


def test_every_registered_mode_has_a_sample():
    assert set(SAMPLES) == set(MODES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_registry_picks_the_mode_by_option_and_by_play(name):
    mode = fresh(name)
    assert type(mode) is MODES[name] and isinstance(mode.play, MODES[name].play_type)
    assert type(view_of(mode.play, lang="en", size=SIZE)) is MODES[name]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_steps_one_update_at_a_time_then_one_ending_per_player(name):
    mode, sample = fresh(name), SAMPLES[name]
    assert isinstance(mode.play, Play) != sample.learner   # a play the learner drives has no step() of its own
    assert mode.play.steps == mode.ticks == 0 and not mode.done
    assert mode.play.endings() == {} or sum(mode.play.endings().values()) == 0
    for k in range(1, 4):
        sample.step(mode)
        assert mode.play.steps == mode.ticks == k
        assert all(len(column) == k + 1 for column in mode.play.records().values())   # row k after k updates
    while not mode.done:
        if sample.learner:
            sample.finish(mode)
        else:
            mode.step_once()
    endings = mode.play.endings()
    assert set(endings) <= set(sample.endings) and sum(endings.values()) == sample.players
    steps = mode.play.steps
    sample.step(mode)                           # a stopped play takes no further step
    assert mode.play.steps == steps and mode.play.endings() == endings
    assert mode.since_banner() < 0
    play_for(mode, 3.0)                         # the endings play out: the banner pops in
    assert mode.since_banner() > 0


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_drawing_never_changes_the_state(name):
    mode, sample = fresh(name), SAMPLES[name]
    scene, surf = Scene(), pygame.Surface(SIZE)
    frames = []
    for moment in range(6):      # at the start, mid-step, at rest, over the endings, with the heatmap (help)
        if moment == 1:
            sample.step(mode)
            play_for(mode, 0.05)
        elif moment == 2:
            play_for(mode, 1.0)
        elif moment == 3:
            sample.finish(mode)
            play_for(mode, 0.5)
        elif moment == 4:
            play_for(mode, 2.0)
        elif moment == 5:        # the learner cannot toggle the heatmap: the help, then
            mode.toggle("help" if sample.learner else "heatmap")
        before = snapshot(mode)
        scene.draw(surf, mode)
        assert_same(before, snapshot(mode))
        frames.append(pygame.image.tobytes(surf, "RGB"))
        scene.draw(surf, mode)
        assert pygame.image.tobytes(surf, "RGB") == frames[-1]     # the same state, the same pixels
    assert len(set(frames)) == len(frames)                        # each moment shows something new


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_headless_picture_of_the_play_as_it_is(name, tmp_path):
    mode = fresh(name)
    SAMPLES[name].finish(mode)
    before = snapshot(mode)
    render_png(mode.play, tmp_path / "scene.png", lang="ja", size=SIZE)
    assert_same(before, snapshot(mode))
    picture = pygame.surfarray.array3d(pygame.image.load(str(tmp_path / "scene.png")))
    assert picture.shape == (*SIZE, 3)
    assert len(np.unique(picture.reshape(-1, 3), axis=0)) > 50    # a scene, not a blank


@pytest.mark.parametrize("name", ANIMATED)
def test_animation_of_the_play_from_its_start(name):
    mode = fresh(name)
    mode.play.run()
    before = snapshot(mode)
    steps = mode.play.steps
    frames = list(animation_frames(view_of(mode.play, lang="en", size=SIZE), expected_steps=steps))
    assert_same(before, snapshot(mode))          # a fresh play was animated, not this one
    stride = max(1, math.ceil(steps / MAX_STEP_FRAMES))
    assert len(frames) == 1 + math.ceil(steps / stride) + math.ceil(ENDING_SECONDS * ENDING_FPS)
    assert all(frame.size == SIZE for frame in frames)
    assert frames[0].rgb != frames[-1].rgb
