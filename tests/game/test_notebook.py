"""Pictures for notebooks (game.notebook), the example script and the example notebook, run without Jupyter."""
from __future__ import annotations

import ast
import base64
import io
import json
import math
import subprocess
import sys

import numpy as np
import pygame
import pytest
from clitools import ENV, ROOT
from PIL import Image

from game.animation import ENDING_FPS, ENDING_SECONDS
from game.notebook import Animation, Picture, animation, picture
from game.scene import camera_for
from sim import Race, Scenario, Walk
from sim.walking.racers import Racer
from sim.reports.files import OutputError

EXPERIMENTS = ROOT / "experiments"
SCENE = (960, 540)


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def assert_shows_the_end_of_the_walk(png: bytes, scenario: Scenario) -> None:
    """The beach with the sea around it, the panel beside it, the watermelon split at its place."""
    pixels = np.asarray(image(png).convert("RGB"), dtype=int)
    assert pixels.shape == (SCENE[1], SCENE[0], 3)
    r, g, b = pixels[5, 5]
    assert b > r + 60                                       # the sea in the top-left corner
    assert (pixels[-5, -5] > 200).all()                     # the panel's light paper, bottom right
    cam = camera_for(SCENE, scenario.bounds)
    x, y = (round(v) for v in cam.to_screen(*scenario.target))
    half = round(cam.scale)
    melon = pixels[y - half: y + half, x - half: x + half]
    red = (melon[..., 0] > 170) & (melon[..., 1] < 90) & (melon[..., 2] < 90)
    assert red.sum() > 20                                   # its red inside, split open


@pytest.fixture(scope="module")
def shown():
    sys.path.insert(0, str(EXPERIMENTS))
    try:
        import in_a_notebook
        return in_a_notebook.pictures("en")
    finally:
        sys.path.remove(str(EXPERIMENTS))


def test_the_script_shows_each_scene_as_png_bytes(shown):
    assert sorted(shown) == ["population.png", "race.png", "sweep.png", "walk.gif", "walk.png"]
    for name in ("walk.png", "race.png", "population.png"):
        assert isinstance(shown[name], Picture) and image(shown[name]._repr_png_()).size == SCENE
    assert image(shown["sweep.png"].data).size == (1920, 560)
    assert_shows_the_end_of_the_walk(shown["walk.png"].data, Scenario(lr=0.3))
    assert pygame.display.get_surface() is None             # no window was opened


def test_an_animation_shows_inline_as_a_gif(shown):
    gif = shown["walk.gif"]
    html = gif._repr_html_()
    assert html.startswith('<img src="data:image/gif;base64,')
    decoded = image(base64.b64decode(html.split("base64,")[1].split('"')[0]))
    assert decoded.format == "GIF" and decoded.size == (640, 360) and decoded.n_frames == gif.frames
    ending = math.ceil(ENDING_SECONDS * ENDING_FPS)
    assert gif.frames == 1 + Walk(Scenario(lr=0.3)).run().steps + ending   # a frame per step, and the ending


def test_the_notebook_has_no_outputs_and_runs_without_jupyter(monkeypatch):
    notebook = json.loads((EXPERIMENTS / "in_a_notebook.ipynb").read_text())
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in cells)
    monkeypatch.chdir(EXPERIMENTS)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace: dict = {}
    displayed = []
    for cell in cells:
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "cell", "exec"), namespace)
        if last is not None:
            displayed.append(eval(compile(ast.Expression(last.value), "cell", "eval"), namespace))
    assert [type(d) for d in displayed] == [Picture, Animation, Picture, Picture, Picture]
    assert_shows_the_end_of_the_walk(displayed[0]._repr_png_(), namespace["walk"].scenario)


def test_saving_is_whole_and_checks_the_path(tmp_path):
    walk = Walk(Scenario(lr=1.0))
    walk.run()
    shot = picture(walk, size=(480, 320))
    shot.save(tmp_path / "walk.png")
    assert (tmp_path / "walk.png").read_bytes() == shot.data and shot.size == (480, 320)
    with pytest.raises(OutputError):
        shot.save(tmp_path / "walk.gif")
    with pytest.raises(OutputError):
        animation(walk, size=(480, 320)).save(tmp_path / "no" / "walk.gif")
    with pytest.raises(TypeError):
        picture(Scenario())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["walk.png"]


def test_importing_it_chooses_the_off_screen_driver():
    env = {k: v for k, v in ENV.items() if k != "SDL_VIDEODRIVER"}
    done = subprocess.run([sys.executable, "-c", "import os, game.notebook; print(os.environ['SDL_VIDEODRIVER'])"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "dummy", done.stderr


def test_an_animated_race_keeps_each_racers_optimizer():
    race = Race(Scenario(), [Racer(0.1, "momentum")])   # 5 steps to the hit; plain gd at 0.1 takes 32
    race.run()
    ending = math.ceil(ENDING_SECONDS * ENDING_FPS)
    assert animation(race, size=(480, 320)).frames == 1 + race.swarm.tick + ending == 1 + 5 + ending
