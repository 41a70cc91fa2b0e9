"""Test set-up: pygame runs headless (no window, no audio device) unless a test asks for Xvfb,
the shared helpers beside this file (clitools) are importable from every test folder, and the
digits beaches' heatmap grids are computed once per run."""
import os
import signal
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
# A shell without job control starts `cmd &` with SIGINT ignored, and a child inherits that: the
# commands the Ctrl-C tests interrupt would then never see it. Their Ctrl-C is Python's own again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session", autouse=True)
def _digits_heatmaps_once():
    """The digits beaches' heatmap grids computed once per run (over a second each; `run
    --scenario digits --png`, the lesson's pages in both languages, its digit panel, the fuzz's
    scenario switching and the scene tests draw the same ones): loss_grid is a pure function of
    the loss, the target and the bounds, and the digits losses are the one landscape trained per
    process (digits_landscape), so a repeated grid is the same numbers."""
    from game.drawers import heatmap

    computed = {}
    original = heatmap.loss_grid

    def loss_grid(loss, target, bounds, n=heatmap.GRID):
        if getattr(loss, "name", None) not in ("digits", "digits-accuracy"):
            return original(loss, target, bounds, n)
        key = (loss.name, tuple(target), tuple(bounds), n)
        if key not in computed:
            computed[key] = original(loss, target, bounds, n)
        return tuple(a.copy() for a in computed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(heatmap, "loss_grid", loss_grid)
        yield
