"""The side panel's HUD, the messages and the prompts, checked by their layout and their pixels at
640x480, 1280x720 and 1920x1080 in both languages: rows that scale with the panel and stay
readable, a custom loss's expression, "ready" before the first step, h shown exactly but briefly
in the rows, the probes' key and the messages, a toast that hides neither the friends nor the
player (and moves aside from what it would cover), and the pill that says Space plays again."""
from __future__ import annotations

import itertools

import numpy as np
import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as hs
from sim import SCENARIOS

from game import choreography
from game import overlays
from game import panel as side_panel
from game import assets, i18n
from game.app import FIXED_DT, App
from game.chart import ELLIPSIS
from game.drawers import endings, friends, unit
from game.drawers.person import head_rect
from game.drawers.player import player_view
from game.scene import AGAIN_AFTER, Scene, camera_for, layout
from game.modes.population import PopulationMode
from game.modes.race import RaceMode
from game.modes.walk import WalkMode
from frames import key

SIZES = [(640, 480), (1280, 720), (1920, 1080)]
LANGS = ["en", "ja"]

def panel_of(state, size) -> tuple[side_panel.PanelLayout, np.ndarray]:
    """The panel's layout and its pixels, drawn on its own surface as the scene does."""
    rect = pygame.Rect((0, 0), layout(size).panel.size)
    surf = pygame.Surface(rect.size)
    side_panel.draw_panel(surf, rect, state)
    return side_panel.panel_layout(rect, state), pygame.surfarray.array3d(surf)


def texts(lay: side_panel.PanelLayout) -> list[side_panel.Placed]:
    return [*lay.title, *(t for row in lay.rows for t in (row.label, row.value)), lay.hint]


def ink(frame: np.ndarray, area: pygame.Rect) -> np.ndarray:
    """(x, y) of the pixels in ``area`` that are not the panel's paper, its stripes or its edge."""
    sub = frame[area.left:area.right, area.top:area.bottom]
    paper = np.zeros(sub.shape[:2], bool)
    for colour in (side_panel.PANEL, side_panel.STRIPE, side_panel.PANEL_EDGE):
        paper |= np.all(sub == np.array(colour, np.uint8), axis=-1)
    return np.argwhere(~paper) + np.array(area.topleft)


# -- the rows ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["beach", "pit"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_every_row_is_inside_the_panel_readable_and_apart_from_the_others(size, lang, name):
    state = WalkMode(SCENARIOS[name], lang, size)
    lay, frame = panel_of(state, size)
    panel = pygame.Rect((0, 0), frame.shape[:2])
    placed = texts(lay)
    assert len(lay.rows) == len(state.hud_rows())
    for t in placed:
        assert panel.contains(t.rect), (t.text, t.rect)
        assert t.px >= side_panel.MIN_TEXT_PX and t.text, t
    for a, b in itertools.combinations(placed, 2):
        assert not a.rect.colliderect(b.rect), (a.text, b.text)
    for a, b in itertools.pairwise(lay.rows):
        assert a.band.bottom <= b.band.top
    for row, (label, value) in zip(lay.rows, state.hud_rows()):
        assert row.band.contains(row.label.rect) and row.band.contains(row.value.rect)
        assert row.label.text == label
        if label != i18n.tr("hud.expr", lang):
            assert row.value.text == value                  # whole, never cut short or shrunk away
        assert row.value.rect.right == lay.rows[0].value.rect.right   # right-aligned
        if row.band.h == lay.line:                          # beside its label: on the same middle line
            assert row.value.rect.centery == row.label.rect.centery
        else:                                               # or on a line of its own under it
            assert row.value.rect.top >= row.label.rect.bottom
    # What is drawn is where the layout says: every pixel of text is in one of the texts' boxes,
    # and every value's ink is as tall as an 11-pixel font's.
    boxes = [t.rect for t in placed]
    hud_area = pygame.Rect(0, 0, panel.w, lay.charts.top)
    strays = [tuple(p) for p in ink(frame, hud_area) if not any(r.collidepoint(*p) for r in boxes)]
    assert not strays, strays[:5]
    for row in lay.rows:
        ys = ink(frame, row.value.rect)[:, 1]
        assert ys.max() - ys.min() + 1 >= 8, row.value.text


@pytest.mark.parametrize("lang", LANGS)
def test_rows_grow_with_the_panel_and_stop_at_a_sensible_size(lang):
    px = [panel_of(WalkMode(SCENARIOS["beach"], lang, size), size)[0].row_px for size in SIZES]
    assert px[0] < px[1] < px[2] <= side_panel.MAX_ROW_PX
    assert px[0] >= 14                                      # at 640x480, not crushed to the minimum
    huge = panel_of(WalkMode(SCENARIOS["beach"], lang, (3840, 2160)), (3840, 2160))[0]
    assert huge.row_px == side_panel.MAX_ROW_PX
    for size in SIZES:                                      # the chart keeps its room
        assert panel_of(WalkMode(SCENARIOS["beach"], lang, size), size)[0].charts.h >= side_panel.MIN_CHART_PX


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_a_custom_loss_shows_its_expression_cut_short_only_where_it_must(size, lang):
    state = WalkMode(SCENARIOS["pit"], lang, size)
    expr = state.scenario.expr
    lay, frame = panel_of(state, size)
    names = {row.label.text: row for row in lay.rows}
    assert names[i18n.tr("hud.loss_name", lang)].value.text == i18n.tr("loss.custom", lang)
    shown = names[i18n.tr("hud.expr", lang)].value
    if shown.text != expr:
        assert shown.text.endswith(ELLIPSIS) and expr.startswith(shown.text[:-1].rstrip())
        assert len(shown.text) >= 20
        assert shown.px == side_panel.MIN_TEXT_PX                  # shrunk as far as it may before the cut
    assert len(ink(frame, shown.rect)) > 50
    if size == (1920, 1080):
        assert shown.text == expr
    plain = panel_of(WalkMode(SCENARIOS["beach"], lang, size), size)[0]
    assert i18n.tr("hud.expr", lang) not in {row.label.text for row in plain.rows}


def outcome_value(state) -> str:
    return state.hud_rows()[-1][1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_outcome_reads_ready_before_the_first_step_then_walking_or_paused(lang):
    a = App(SCENARIOS["beach"], lang=lang, sound=False)
    assert outcome_value(a.state) == i18n.tr("hud.ready", lang)
    a.handle(key(pygame.K_SPACE))
    a.tick(FIXED_DT)
    assert outcome_value(a.state) == i18n.tr("hud.running", lang)
    a.handle(key(pygame.K_SPACE))
    assert outcome_value(a.state) == i18n.tr("hud.paused", lang)
    a.handle(key(pygame.K_r))                               # reset: ready again
    assert outcome_value(a.state) == i18n.tr("hud.ready", lang)
    assert i18n.tr("hud.ready", lang) != i18n.tr("hud.paused", lang)
    race = RaceMode(SCENARIOS["beach"], lang, lrs=(0.1, 0.5))
    crowd = PopulationMode(SCENARIOS["beach"], lang, players=20)
    assert outcome_value(race) == outcome_value(crowd) == i18n.tr("hud.ready", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_h_message_says_h_as_the_hud_does(lang):
    a = App(SCENARIOS["beach"], lang=lang, sound=False)
    a.handle(key(pygame.K_RIGHTBRACKET))
    h_row = dict(a.state.hud_rows())[i18n.tr("hud.h", lang)]
    assert h_row == "1e-03 m"
    assert a.state.message == f"h = {h_row}"


@pytest.mark.parametrize("h, shown", [(1e-4, "1e-04 m"), (2.5e-4, "2.5e-04 m"), (1.25e-7, "1.25e-07 m"),
                                      (1.2345e-4, "1.23e-04 m"), (0.01, "1e-02 m"), (10.0, "1e+01 m")])
def test_h_is_shown_exactly_but_briefly(h, shown):
    assert i18n.h_text(h) == shown


@given(hs.integers(100, 999), hs.integers(-13, 0))
def test_every_h_of_up_to_three_digits_reads_back_exactly_in_its_fewest_digits(digits, power):
    h = float(f"{digits}e{power - 2}")                      # 250, -4 -> 2.5e-4
    text = i18n.h_text(h)
    mantissa, _, exponent = text.removesuffix(" m").partition("e")
    assert float(text.removesuffix(" m")) == h
    assert mantissa == f"{digits / 100:g}" and int(exponent) == power


@pytest.mark.parametrize("lang", LANGS)
def test_an_h_of_2_5e_4_reads_the_same_in_the_hud_the_probes_key_and_the_message(lang, monkeypatch):
    state = WalkMode(SCENARIOS["beach"].replace(h=2.5e-4), lang, (1280, 720))
    assert dict(state.hud_rows())[i18n.tr("hud.h", lang)] == "2.5e-04 m"
    drawn: list[str] = []
    text = assets.text

    def spy(s: str, *args, **kw) -> pygame.Surface:
        drawn.append(s)
        return text(s, *args, **kw)

    monkeypatch.setattr(assets, "text", spy)
    Scene().draw(pygame.Surface((1280, 720)), state)
    assert i18n.tr("probe.h", lang, h=2.5e-4) in drawn and "2.5e-04 m" in drawn   # the probes' key, the HUD's row
    assert i18n.tr("probe.h", lang, h=2.5e-4).startswith("±h = 2.5e-04 m")
    state.change_h(up=True)
    assert state.message == "h = 2.5e-03 m" == f"h = {dict(state.hud_rows())[i18n.tr('hud.h', lang)]}"
    drawn.clear()
    Scene().draw(pygame.Surface((1280, 720)), state)
    assert state.message in drawn                           # the toast


# -- the toast ------------------------------------------------------------------------------------
def frame_of(state, size, prompts: bool = True) -> np.ndarray:
    surf = pygame.Surface(size)
    Scene().draw(surf, state, prompts=prompts)
    return pygame.surfarray.array3d(surf)


def prompt_boxes(beach: pygame.Rect, lang: str) -> list[pygame.Rect]:
    """Where the prompts to start and to play again may be, bobbing, and the banner's room."""
    top = endings.banner_bottom(beach)
    again = pygame.Rect(beach.x, top, beach.w, beach.bottom - top)
    boxes = [pygame.Rect(beach.x, beach.y, beach.w, top - beach.y)]
    for area, text in ((beach, None), (again, i18n.tr("hud.again_hint", lang))):
        for clock in np.linspace(0, 2.1, 15):
            boxes.append(overlays.draw_start_prompt(pygame.Surface((1, 1)), area, lang, float(clock), text))
    return boxes


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_the_toast_hides_neither_the_friends_nor_the_player_nor_the_prompts(size, lang):
    beach = layout(size).beach
    state = WalkMode(SCENARIOS["beach"], lang, size)
    state.change_h(up=True)                                 # says "h = 1e-03 m"
    label, box = overlays.toast_rect(beach, state.message)
    assert label.text == state.message and box.contains(label.rect) and beach.contains(box)
    # Its pixels are all in its box.
    quiet = WalkMode(state.scenario, lang, size)
    changed = np.argwhere(np.any(frame_of(state, size) != frame_of(quiet, size), axis=-1))
    assert len(changed) > 200
    assert all(box.collidepoint(*p) for p in changed[:: max(1, len(changed) // 500)])
    assert box.collidelist(prompt_boxes(beach, lang)) < 0
    for name, scenario in SCENARIOS.items():                # wherever a scenario puts the player
        cam = camera_for(size, scenario.bounds)
        u = unit(cam)
        for head, spot in zip(friends.head_rects(cam, scenario.bounds), friends.positions(scenario.bounds)):
            feet = cam.to_screen(*spot)                     # a friend from the head to the feet
            assert not box.colliderect(head.union(pygame.Rect(feet[0] - 1, feet[1], 2, round(u * 0.2)))), name
        view = player_view(WalkMode(scenario, lang, size), cam)
        feet = cam.to_screen(view.x, view.y)
        player = pygame.Rect(head_rect(feet, u, view.pose)).union(pygame.Rect(feet[0] - u, feet[1] - u, 2 * u, u))
        assert not box.colliderect(player), name
        wx, wy = cam.to_screen(*scenario.target)
        assert not box.colliderect(pygame.Rect(wx - u, wy - u, 2 * u, 2 * u)), name


@pytest.mark.parametrize("size", SIZES)
def test_the_toast_moves_beside_what_it_would_cover_or_else_below_it(size):
    beach = layout(size).beach
    label, usual = overlays.toast_rect(beach, "Player moved")
    assert overlays.toast_rect(beach, "Player moved", [pygame.Rect(0, 0, 5, 5)])[1] == usual   # nothing in the way
    player = pygame.Rect(usual.centerx - 10, usual.top - 30, 20, 60)
    _, beside = overlays.toast_rect(beach, "Player moved", [player])
    assert beside.top == usual.top and not beside.colliderect(player) and beach.contains(beside)
    row = pygame.Rect(beach.left, usual.top - 5, beach.w, usual.h + 10)   # the whole row is taken
    moved_label, below = overlays.toast_rect(beach, "Player moved", [row])
    assert below.top >= row.bottom and beach.contains(below)
    assert below.top < beach.centery and moved_label.rect.center == below.center
    _, anywhere = overlays.toast_rect(beach, "Player moved", [beach])   # nowhere free: still on the beach
    assert beach.contains(anywhere) and anywhere.size == usual.size


def test_a_long_message_is_cut_short_inside_the_beach():
    beach = layout((640, 480)).beach
    label, box = overlays.toast_rect(beach, "x" * 300)
    assert label.text.endswith(ELLIPSIS) and beach.contains(box) and label.px >= side_panel.MIN_TEXT_PX


# -- the prompts ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_after_an_ending_the_pill_says_space_plays_again(size, lang):
    a = App(SCENARIOS["beach"], lang=lang, size=size, sound=False, autoplay=True)
    while a.state.ending_t < choreography.SPLIT_AT + AGAIN_AFTER + 0.2:
        a.tick(FIXED_DT)
    beach = layout(size).beach
    top = endings.banner_bottom(beach)
    area = pygame.Rect(beach.x, top, beach.w, beach.bottom - top)
    shown = frame_of(a.state, size)

    def with_pill(text: str | None) -> np.ndarray:
        surf = pygame.Surface(size)
        Scene().draw(surf, a.state, prompts=False)
        overlays.draw_start_prompt(surf, area, lang, a.state.clock, text)
        return pygame.surfarray.array3d(surf)

    assert np.array_equal(shown, with_pill(i18n.tr("hud.again_hint", lang)))
    assert not np.array_equal(shown, with_pill(None))       # not "Space: start walking"
    # Before the first step, the pill at the top of the beach says Space starts.
    ready = WalkMode(SCENARIOS["beach"], lang, size)
    surf = pygame.Surface(size)
    Scene().draw(surf, ready, prompts=False)
    overlays.draw_start_prompt(surf, beach, lang, ready.clock)
    assert np.array_equal(frame_of(ready, size), pygame.surfarray.array3d(surf))
