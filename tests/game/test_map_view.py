"""A hyperparameter map in the window (game.modes.map): what is under the mouse is the cell a click
plays, the walk opened is that cell's from one of its starts and ends as the map counted it, B goes
back with the cell marked, and the pixels show the pointed and marked cells and the colour legend."""
from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from sim import SCENARIOS
from sim.walking.grid import hyperparameter_map, parse_grid

from game.app import App
from game import i18n
from game.controls import (BUTTON_NAMES, CELL_WALK_KEYS, KEYS, MAP_KEYS, MOUSE_BUTTONS, SHIFTED, Action, Command,
                           key_label)
from game.map_charts import colours
from game.modes.map import MARK, POINTED, MapMode
from game.panel import panel_layout
from game.scene import layout

SCENARIO = SCENARIOS["beach"].replace(optimizer="momentum", max_steps=60)


@pytest.fixture(scope="module")
def one_start():
    """3 x 3 cells, each walked from the scenario's own start: a cell's measures are its one walk's."""
    return hyperparameter_map(SCENARIO, parse_grid("lr=0.03:2.5:3,momentum=0:0.8:3"), starts=1)


@pytest.fixture(scope="module")
def three_starts():
    return hyperparameter_map(SCENARIO, parse_grid("lr=0.03:2.5:3,momentum=0:0.8:3"), starts=3)


def app_of(result, size=(640, 480), lang="en") -> App:
    return App(result.scenario, lang=lang, size=size, sound=False, map=result)


def frame(app: App) -> pygame.Surface:
    surf = pygame.Surface(app.state.size)
    app.draw(surf)
    return surf


def cells_area(app: App) -> pygame.Rect:
    """The map's cells as drawn: the bounding box of the pixels inside the map panel that wear the
    colour of some cell's value (found on the picture, not from the layout code)."""
    state = app.state
    surf = frame(app)
    grid = state.result.grid("median_final_loss")
    lo, hi = np.log10(grid).min(), np.log10(grid).max()
    wanted = colours((np.log10(grid) - lo) / (hi - lo)).reshape(-1, 3)
    pixels = pygame.surfarray.array3d(surf)   # (w, h, 3)
    match = np.zeros(pixels.shape[:2], bool)
    for rgb in wanted:
        match |= (np.abs(pixels.astype(int) - rgb).max(axis=2) <= 1)
    columns = np.flatnonzero(match.any(axis=1))
    first_run = columns[: np.argmax(np.diff(columns) > 1) + 1] if (np.diff(columns) > 1).any() else columns
    match[first_run[-1] + 1:, :] = False   # right of the cells: the colour bar, the panel's chart
    xs, ys = np.nonzero(match)
    return pygame.Rect(xs.min(), ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1)


@pytest.mark.parametrize("size", [(640, 480), (1280, 720)])
def test_a_click_plays_the_cell_drawn_under_it(one_start, size):
    """Click the middle of each of the nine cells, found on the picture: the walk that opens has that
    cell's lr (left to right, rising) and μ (bottom to top, rising)."""
    app = app_of(one_start, size)
    app.state.measure = "median_final_loss"   # every cell its own colour
    area = cells_area(app)
    (lrs, mus), n = (a.values for a in one_start.axes), 3
    for j in range(n):
        for i in range(n):
            app.apply(Command(Action.MAP))
            pos = (round(area.x + (i + 0.5) * area.w / n), round(area.bottom - (j + 0.5) * area.h / n))
            app.apply(Command(Action.PLACE_TARGET, pos=pos))
            s = app.state
            assert s.watching and (s.scenario.lr, s.scenario.momentum) == (lrs[i], mus[j]), (i, j)
    app.apply(Command(Action.MAP))
    for outside in ((area.x - 3, area.centery), (area.centerx, area.bottom + 3)):   # beside the cells: nothing
        app.apply(Command(Action.PLACE_TARGET, pos=outside))
        assert not app.state.watching


def test_the_walk_opened_ends_as_the_map_recorded_it(one_start):
    """With one start per cell, a cell's measures are its walk's: the same ending, steps and loss."""
    app = app_of(one_start)
    na = len(one_start.axes[0].values)
    for k, cell in enumerate(one_start.cells):
        app.state.back_to_map()
        app.state.watch((k % na, k // na))
        walk = app.state.play
        assert walk.scenario.start == SCENARIO.start and (walk.scenario.lr, walk.scenario.momentum) == (cell.a, cell.b)
        result = walk.run()
        assert cell.outcomes[result.outcome] == 1
        assert cell.median_steps == (result.steps if result.outcome == "hit" else None)
        assert cell.median_final_loss == (math.inf if math.isnan(result.final.loss) else result.final.loss)


def test_clicking_the_marked_cell_again_plays_its_next_start_and_the_panel_says_which(three_starts):
    app = app_of(three_starts)
    state = app.state
    state.watch((1, 2))
    first = state.scenario.start
    assert state.hud_rows()[1][1] == f"1 of 3 at ({first[0]:.2f}, {first[1]:.2f})"
    app.apply(Command(Action.MAP))
    assert not state.watching and state.marked == (1, 2) and state.ticks == 0
    state.watch((1, 2))
    assert state.start == 1 and state.scenario.start != first and state.hud_rows()[1][1].startswith("2 of 3")
    app.apply(Command(Action.LR_UP))                  # the walk keeps its cell's settings
    assert state.scenario.lr == three_starts.axes[0].values[1] and "B goes back" in state.message
    app.apply(Command(Action.MAP))
    state.watch((0, 0))                               # another cell: its first start
    assert state.start == 0


def test_tab_cycles_the_measure_and_keeps_the_map(one_start):
    app = app_of(one_start)
    before = pygame.image.tobytes(frame(app), "RGB")
    app.apply(Command(Action.SCENARIO_NEXT))
    assert isinstance(app.state, MapMode) and app.state.measure == "median_steps"
    assert pygame.image.tobytes(frame(app), "RGB") != before
    app.apply(Command(Action.SCENARIO_BACK))
    assert app.state.measure == "hit_rate"


def _ring(surf: pygame.Surface, box: pygame.Rect, width: int) -> np.ndarray:
    """The pixels of a ring ``width`` wide just outside ``box``."""
    pixels = pygame.surfarray.array3d(surf)
    outer = box.inflate(2 * width, 2 * width)
    ring = np.zeros(pixels.shape[:2], bool)
    ring[outer.left:outer.right, outer.top:outer.bottom] = True
    ring[box.left:box.right, box.top:box.bottom] = False
    return pixels[ring]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_pointed_and_marked_cells_and_the_legend_show(one_start, lang):
    app = app_of(one_start, lang=lang)
    state = app.state
    state.measure = "median_final_loss"
    area = cells_area(app)
    n = 3
    cell = lambda i, j: pygame.Rect(round(area.x + i * area.w / n), round(area.bottom - (j + 1) * area.h / n),  # noqa: E731
                                    round(area.w / n), round(area.h / n))
    pointed = (2, 2) if state.marked != (2, 2) else (0, 2)
    app.apply(Command(Action.POINT, pos=cell(*pointed).center))
    assert state.pointed == pointed
    surf = frame(app)
    white = (np.abs(_ring(surf, cell(*pointed), 2).astype(int) - POINTED).max(axis=1) == 0).mean()
    orange = (np.abs(_ring(surf, cell(*state.marked), 2).astype(int) - MARK).max(axis=1) == 0).mean()
    assert white > 0.5 and orange > 0.5
    # the panel names the pointed cell's values, legibly at 640x480
    rows = dict(state.hud_rows())
    lr_label = "learning rate lr" if lang == "en" else "学習率 lr"
    assert rows[lr_label] == f"{one_start.axes[0].values[pointed[0]]:.3g}"
    lay = panel_layout(pygame.Rect((0, 0), layout(state.size).panel.size), state)
    assert not any(r.value.text.endswith("…") or r.label.text.endswith("…") for r in lay.rows)
    # the colour legend: a bar right of the cells, yellow (top of the scale) above, purple below
    pixels = pygame.surfarray.array3d(surf).astype(int)
    row = pixels[area.right + 1:layout(state.size).beach.right, area.centery]
    x = area.right + 1 + int(np.argmax((np.abs(row - colours(np.array(0.5))).max(axis=1) <= 6)))
    top, bottom = pixels[x + 3, area.top + 4], pixels[x + 3, area.bottom - 4]
    assert np.abs(top - colours(np.array(1.0))).max() <= 12 and np.abs(bottom - colours(np.array(0.0))).max() <= 12


@pytest.fixture(scope="module")
def digits_map():
    return hyperparameter_map(SCENARIOS["digits"].replace(max_steps=3), parse_grid("lr=0.1:1:2,noise=0:0.1:2"), 1)


def test_the_digit_panel_keeps_off_a_map_of_the_digits_network_until_a_walk_is_watched(digits_map):
    """On the digits network's beach the window adds the digit panel over the sand: not over a map."""
    app = app_of(digits_map)
    app.state.watch((0, 0))
    app.apply(Command(Action.MAP))
    before = pygame.image.tobytes(frame(app), "RGB")
    assert app.state.digit_point() is None and app.digit_panel is None
    app.state.watch((0, 0))                      # its one start again
    assert app.state.digit_point() is not None
    frame(app)
    assert app.digit_panel is not None           # drawn on the sand of the walk
    app.apply(Command(Action.MAP))
    assert pygame.image.tobytes(frame(app), "RGB") == before


def press(app: App, key: int, mod: int = 0) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod))


def test_the_arrow_keys_move_the_pointed_cell_and_stop_at_the_edges(one_start):
    """From the marked cell, each arrow points at the next cell that way; the panel gives its values
    and its outline shows; at an edge the pointer stays."""
    app = app_of(one_start)
    state = app.state
    (lrs, mus), n = (a.values for a in one_start.axes), 3
    rows = lambda: dict(state.hud_rows())   # noqa: E731
    for _ in range(n + 1):                  # one more than the map is wide: stays at the edge
        press(app, pygame.K_LEFT)
        press(app, pygame.K_DOWN)
    assert state.pointed == (0, 0) and not state.watching
    seen = []
    for key, want in ((pygame.K_RIGHT, (1, 0)), (pygame.K_RIGHT, (2, 0)), (pygame.K_RIGHT, (2, 0)),
                      (pygame.K_UP, (2, 1)), (pygame.K_UP, (2, 2)), (pygame.K_UP, (2, 2)), (pygame.K_LEFT, (1, 2))):
        press(app, key)
        assert state.pointed == want
        assert (rows()["learning rate lr"], rows()["momentum μ"]) == (f"{lrs[want[0]]:.3g}", f"{mus[want[1]]:.3g}")
        seen.append(pygame.image.tobytes(frame(app), "RGB"))
    assert seen[0] != seen[1] == seen[2] != seen[3]   # the outline moved, and stayed at the edge


def test_enter_plays_the_pointed_cell_as_a_click_does(one_start):
    app, clicked = app_of(one_start), app_of(one_start)
    app.state.marked = clicked.state.marked = (0, 0)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)
    state = app.state
    clicked.apply(Command(Action.PLACE_TARGET, pos=cells_area(clicked).center))   # the middle cell: (1, 1)
    assert state.watching and state.marked == clicked.state.marked == (1, 1) and state.start == 0
    assert state.scenario == clicked.state.scenario and state.play.scenario.lr == one_start.axes[0].values[1]
    press(app, pygame.K_b)
    press(app, pygame.K_SPACE)                            # Space, again on the marked cell: its next start
    assert app.state.watching and app.state.marked == (1, 1)


def _listed(rows: list[tuple[str, str]], lang: str = "en") -> set[str]:
    """The single keys and buttons a help card names: "Tab / Shift+Tab" is Tab and Shift+Tab."""
    both, either = (i18n.tr(k, lang, first="\0", second="\0").split("\0")[1] for k in ("help.both", "help.either"))
    return {part for keys, _ in rows for alternative in keys.split(both) for part in alternative.split(either)}


def _names(table: dict[int, Action], lang: str = "en") -> set[str]:
    """The help's names of every key of ``table``, with Shift the ones that shift, and the mouse buttons."""
    names = {key_label(k, lang) for k in table}
    names |= {i18n.tr("key_name.shifted", lang, name=key_label(k, lang)) for k, a in table.items() if a in SHIFTED}
    return names | {i18n.tr(f"key_name.{BUTTON_NAMES[b]}", lang) for b in MOUSE_BUTTONS}


def _seen(app: App) -> tuple:
    """What a key can change that a user notices: the frame, the window open, the sound."""
    return pygame.image.tobytes(frame(app), "RGB"), app.running, app.state.toggles.sound


def test_the_map_help_card_lists_exactly_the_keys_that_act_there(one_start, tmp_path, monkeypatch):
    """On the map, every key the card names does something seen (or heard); every other key of the
    window (G, A, B, R, ...) does nothing there, and the card does not name it."""
    monkeypatch.chdir(tmp_path)   # S saves a screenshot here
    for lang in ("en", "ja"):
        assert _listed(app_of(one_start, (480, 320), lang).state.help_rows(), lang) == _names(MAP_KEYS, lang)
    for key in {**KEYS, **CELL_WALK_KEYS, **MAP_KEYS}:
        app = app_of(one_start, (480, 320))
        app.state.marked = (1, 1)                         # the arrows can move every way
        before = _seen(app)
        press(app, key)
        assert (_seen(app) != before) == (key in MAP_KEYS), pygame.key.name(key)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_cell_walk_help_card_names_b_and_d_only_where_they_act(one_start, digits_map, lang):
    """Watching a cell's walk: B back to the map; D (the next digit sample) on the digits network's
    walk, where it changes the digit panel, and not on a beach without one."""
    digits, beach = app_of(digits_map, lang=lang), app_of(one_start, lang=lang)
    for app in (digits, beach):
        app.state.watch((0, 0))
        listed = _listed(app.state.help_rows(), lang)
        assert "B" in listed and listed <= _names(CELL_WALK_KEYS, lang)
        assert not {"↑", "↓", "[", "]", "L", "O"} & listed   # they would change the cell's settings
    assert "D" in _listed(digits.state.help_rows(), lang) and "D" not in _listed(beach.state.help_rows(), lang)
    before = pygame.image.tobytes(frame(digits), "RGB")
    assert pygame.image.tobytes(frame(digits), "RGB") == before   # no clock has moved between frames
    press(digits, pygame.K_d)
    assert pygame.image.tobytes(frame(digits), "RGB") != before

