"""A real window: play under an X server (Xvfb) with SDL's x11 driver, then check the screenshot."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pygame
import pytest
from sim import SCENARIOS

from game.drawers.person import PLAYER
from game.drawers.watermelon import RIND, STRIPE
from game.scene import camera_for, layout

ROOT = Path(__file__).resolve().parents[2]
SIZE = (960, 540)

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None,
                                reason="Xvfb is not on PATH (apt-get install xvfb; .ci/run installs it)")


@pytest.fixture
def display():
    """A fresh Xvfb on the first free display number from :99; yields its DISPLAY value."""
    n = 99
    while Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
        n += 1
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            if proc.poll() is not None:
                pytest.fail(f"Xvfb :{n} exited with status {proc.returncode}")
            time.sleep(0.05)
        else:
            pytest.fail(f"Xvfb :{n} did not start within 5 s")
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_play_opens_a_real_window_and_saves_what_it_showed(display, tmp_path):
    shot = tmp_path / "window.png"
    code = (
        "import sys, pygame\nfrom sim import SCENARIOS\nfrom game.app import play\n"
        "status = play(SCENARIOS['beach'], lang='ja', autoplay=True, max_frames=120, screenshot=sys.argv[1],"
        " size=(960, 540), sound=False)\n"
        "print('status', status)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env["DISPLAY"] = display
    # Report which video driver the window really used.
    probe = "import pygame\npygame.display.init()\nprint(pygame.display.get_driver())\npygame.quit()\n"
    driver = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert driver.stdout.strip().splitlines()[-1] == "x11", driver.stderr
    done = subprocess.run([sys.executable, "-c", code, str(shot)], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "status 0" in done.stdout, done.stderr
    frame = pygame.surfarray.array3d(pygame.image.load(str(shot)))
    assert frame.shape[:2] == SIZE
    scenario = SCENARIOS["beach"]
    cam = camera_for(SIZE, scenario.bounds)
    wx, wy = cam.to_screen(*scenario.target)
    assert tuple(frame[round(wx), round(wy)]) in (RIND, STRIPE)
    # After 120 frames (2 s at 4 steps/s) the player has walked from the start toward the melon.
    beach = layout(SIZE).beach
    shirt = np.argwhere(np.all(frame[: beach.right] == np.array(PLAYER.shirt, np.uint8), axis=-1))
    assert len(shirt) > 20
    sx = cam.to_screen(*scenario.start)[0]
    assert shirt.mean(0)[0] > sx + 20
