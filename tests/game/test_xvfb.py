"""A real window: play under an X server (Xvfb) with SDL's x11 driver, then check the screenshot."""
from __future__ import annotations

import json
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

from game.app import LETTERBOX
from game.drawers.person import PLAYER
from game.drawers.watermelon import RIND, STRIPE
from game.scene import camera_for, layout
from game.stage import MIN_SIZE

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


RESIZE_BELOW_MINIMUM = r'''
import ctypes, json, sys, time, pygame
from sim import SCENARIOS
from game.app import App, open_window

x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
dpy = ctypes.c_void_p(x11.XOpenDisplay(None))
pygame.display.init()
pygame.font.init()
app = App(SCENARIOS["beach"], lang="en", size=(960, 540), sound=False, autoplay=True)
window = open_window("Suika-wari", app.state.size)

def frames_until(size):
    """Play frames until the window's surface has ``size`` (at most 3 s); the surface's size."""
    end = time.monotonic() + 3
    while True:
        for event in pygame.event.get():
            app.handle(event)
        app.tick(1 / 60)
        app.present(window.get_surface())
        window.flip()
        if window.get_surface().get_size() == size or time.monotonic() > end:
            return list(window.get_surface().get_size())

def resize(w, h):   # as a user dragging the corner would, with no window manager to stop it
    x11.XResizeWindow(dpy, ctypes.c_ulong(window.handle), w, h)
    x11.XSync(dpy, 0)

seen = {"handle": [window.handle], "id": [window.id], "minimum": list(window.minimum_size)}
seen["surface"] = [frames_until((960, 540))]
resize(300, 260)
seen["surface"].append(frames_until((300, 260)))
seen["state"] = list(app.state.size)
pygame.image.save(window.get_surface(), sys.argv[1])
seen["handle"].append(window.handle); seen["id"].append(window.id)
resize(800, 500)
seen["surface"].append(frames_until((800, 500)))
seen["handle"].append(window.handle); seen["id"].append(window.id)
print(json.dumps(seen))
pygame.quit()
'''


def test_a_resize_below_the_minimum_keeps_the_same_window(display, tmp_path):
    """The X window (its id) stays the same through a resize below the minimum size and back: the
    frame is scaled into the smaller surface instead of set_mode making a new window. The window
    itself carries the minimum size, so a window manager keeps it at least that big."""
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
    env["DISPLAY"] = display
    shot = tmp_path / "small.png"
    done = subprocess.run([sys.executable, "-c", RESIZE_BELOW_MINIMUM, str(shot)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["surface"] == [[960, 540], [300, 260], [800, 500]]
    assert len(set(seen["handle"])) == 1 and len(set(seen["id"])) == 1, seen
    assert seen["minimum"] == list(MIN_SIZE) and seen["state"] == list(MIN_SIZE)
    frame = pygame.surfarray.array3d(pygame.image.load(str(shot)))
    assert frame.shape[:2] == (300, 260)
    assert tuple(frame[150, 5]) == LETTERBOX                       # the band above the scaled frame
    assert len(np.unique(frame[:, 40:220].reshape(-1, 3), axis=0)) > 100   # the beach, scaled in
