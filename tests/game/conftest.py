"""Fixtures shared by the front-end tests."""
import pygame
import pytest

from game.drawers import heatmap


@pytest.fixture(autouse=True)
def _fonts():
    """Text is drawn in every frame: make sure the font module is up (a test may have quit it)."""
    pygame.font.init()
    yield


@pytest.fixture(scope="session", autouse=True)
def _digits_heatmaps_once():
    """The digits beaches' heatmap grids computed once per run (over a second each; the lesson's
    pages in both languages, its digit panel, the fuzz's scenario switching and the scene tests
    draw the same ones): loss_grid is a pure function of the loss, the target and the bounds, and
    the digits losses are the one landscape trained per process (digits_landscape), so a repeated
    grid is the same numbers."""
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
