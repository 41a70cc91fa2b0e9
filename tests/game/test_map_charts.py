"""Map pictures: cells coloured by their measure, theory's edge where it is, every panel and language."""
import math

import numpy as np
import pygame
import pytest

from game.map_charts import (EDGE_COLOR, MAP_SIZE, NO_VALUE, cell_rect, colours, draw_map_panel, map_surface,
                             plot_rect)
from game import map_charts
from game.i18n import tr
from game.notebook import picture
from sim import Scenario, Walk
from sim.walking.grid import hyperparameter_map, parse_grid

FAR = Scenario(bounds=(-1e4, 1e4, -1e4, 1e4), target=(0.0, 0.0), start=(-8.0, -6.0), max_steps=400)


@pytest.fixture(scope="module")
def gd_map():
    """gd on the squared loss (c = 1) on a beach too wide for any sea: lr < 2 converges, lr > 2 blows up."""
    return hyperparameter_map(FAR, parse_grid("lr=0.1:10:9,noise=0:0.2:3"))


def _pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).transpose(1, 0, 2)   # (rows, columns, rgb)


def test_diverged_cells_are_the_top_colour_right_of_the_edge_and_the_bottom_colour_left_of_it(gd_map):
    surface = pygame.Surface((600, 400))
    draw_map_panel(surface, surface.get_rect(), gd_map, "diverged_rate")
    px = _pixels(surface)
    top, bottom = colours(np.array([1.0, 0.0]))
    none_in = np.all(px == bottom, axis=-1)
    all_out = np.all(px == top, axis=-1)
    edge = np.all(px == EDGE_COLOR, axis=-1)
    rows = np.flatnonzero(none_in.any(axis=1) & all_out.any(axis=1) & edge.any(axis=1))
    assert rows.size > 50
    for r in rows[::10]:   # along a row: converged cells, theory's edge (in the last of them), diverged cells
        inside, outside = np.flatnonzero(none_in[r]), np.flatnonzero(all_out[r])
        assert inside.min() < np.flatnonzero(edge[r]).mean() < outside.min() and inside.max() < outside.min()
    # lr = 2 lies 5.2 cells from the first cell's centre (cells of lr 0.1 · 10^(k/4), k = 0..8)
    cells = np.flatnonzero(none_in[rows[0]] | all_out[rows[0]] | edge[rows[0]])
    share = (np.flatnonzero(edge[rows[0]]).mean() - cells.min()) / (cells.max() - cells.min())
    expected = (np.log(2 / 0.1) / np.log(100) * 8 + 0.5) / 9
    assert share == pytest.approx(expected, abs=0.02)


@pytest.mark.parametrize("lang, size", [("en", MAP_SIZE), ("ja", (640, 480))])
def test_every_panel_is_drawn_in_both_languages(gd_map, lang, size):
    px = _pixels(map_surface(gd_map, size, lang))
    assert px.shape[:2] == (size[1], size[0])
    assert np.all(px == colours(np.array([1.0]))[0], axis=-1).sum() > 100   # the hit share's converged cells
    assert np.all(px == EDGE_COLOR, axis=-1).sum() > 50


def test_a_median_loss_that_overflowed_is_a_grey_cell_as_the_legend_says():
    result = hyperparameter_map(Scenario(max_steps=30), parse_grid("lr=0.1:1e300:2,noise=0:1:2"))
    overflowed = [c.median_final_loss == math.inf for c in result.cells]
    assert overflowed == [False, True, False, True] and result.cells[1].share("hit") == 0
    surface = pygame.Surface((400, 300))
    draw_map_panel(surface, surface.get_rect(), result, "median_final_loss")
    plot = plot_rect(surface.get_rect())
    for k, grey in enumerate(overflowed):
        centre = cell_rect(plot, result.axes, k % 2, k // 2).center
        assert (tuple(surface.get_at(centre))[:3] == NO_VALUE) == grey, k


def test_the_japanese_notes_never_start_a_line_with_punctuation():
    """The notes panel wraps as the lesson's cards do: no line of its settings starts with 、 or ), at any width."""
    text = tr("map.settings", "ja", loss="squared", starts=5, cells=12, steps=200, seed=0)
    for width in range(80, 520, 3):
        lines = map_charts.wrap(text, 18, width)   # the notes panel's wrapping
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[:1] in "、。)）" for line in lines), (width, lines)


def test_a_notebook_shows_a_map_at_the_size_asked():
    result = hyperparameter_map(Scenario(optimizer="momentum"), parse_grid("lr=0.1:1:2,momentum=0:0.5:2"))
    shown = picture(result)
    assert shown.size == MAP_SIZE and shown.data.startswith(b"\x89PNG")
    assert picture(result, size=(640, 480)).size == (640, 480)   # it was MAP_SIZE whatever was asked
    with pytest.raises(ValueError, match="size must be from 480x320 to 7680x4320 pixels, got 100000x100000"):
        picture(Walk(Scenario()), size=(100000, 100000))   # it was pygame.error: Out of memory
    with pytest.raises(TypeError, match="size must be a pair of whole numbers"):
        picture(result, size=(640,))
