"""The lesson: its chapters open their scenes and captions, navigation clamps, the outputs scene
draws and scores y as sim does, dragging keeps a distribution, and the digit panel shows the
network's own forward pass at the player's weights."""
from __future__ import annotations

import math

import numpy as np
import pygame
import pytest
from sim import SCENARIOS, cross_entropy_error, sum_squared_error
from sim.learning.landscape import digits_landscape

from game import assets, i18n
from game.app import App
from game.lesson.chapters import CHAPTERS
from game.lesson.lesson import TEXT_SCALES, CommandsScene, Lesson, stops
from game.modes.blindfold import BlindfoldMode
from game.lesson.outputs_scene import Y_BAR, Y_RIGHT_BAR, OutputsScene
from game.stage import MIN_SIZE
from frames import key

SIZE = (1280, 720)


def lesson(**kw) -> Lesson:
    return Lesson(lang=kw.pop("lang", "en"), size=kw.pop("size", SIZE), sound=False, **kw)


def press(l: Lesson, k: int, mod: int = 0) -> None:
    l.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


# -- chapters and navigation ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_page_opens_its_scene_with_its_caption(lang):
    l = lesson(lang=lang)
    for i, stop in enumerate(stops()):
        l.go(i)
        chapter = CHAPTERS[stop.chapter]
        page = chapter.pages[stop.page]
        title, point, try_now = l.card_texts()
        assert title.startswith(f"{chapter.number}. {i18n.tr(f'lesson.c{chapter.number}.title', lang)}")
        assert point == i18n.tr(f"lesson.c{chapter.number}.point", lang)
        assert try_now.endswith(i18n.tr(chapter.try_key(stop.page), lang))
        if page.kind == "beach":
            assert isinstance(l.scene, App) and l.scene.state.scenario == page.make_scenario()
            assert l.scene.state.ticks == 0
        elif page.kind == "outputs":
            assert isinstance(l.scene, OutputsScene) and l.scene.preset == page.preset
        elif page.kind == "blindfold":   # the learner is the blindfolded player, on the page's level
            assert isinstance(l.scene, App) and isinstance(l.scene.state, BlindfoldMode)
            assert l.scene.state.level == SCENARIOS[page.scenario] and not l.scene.state.revealed
        else:
            assert isinstance(l.scene, CommandsScene)


def test_the_issues_chapters_are_there_in_the_articles_order():
    assert len(CHAPTERS) >= 9
    assert CHAPTERS[1].pages[0].preset == "article-right" and CHAPTERS[2].pages[0].kind == "outputs"
    assert [p.scenario for p in CHAPTERS[5].pages[:4]] == ["tiny-steps", "one-step", "overshoot", "sea"]
    assert CHAPTERS[4].pages[0].scenario == "flat" and CHAPTERS[4].pages[1].make_scenario().loss == "digits-accuracy"
    assert CHAPTERS[7].pages[0].scenario == "digits"


def test_navigation_clamps_at_both_ends_and_jumps():
    l = lesson()
    assert l.at == 0
    press(l, pygame.K_PAGEUP)
    assert l.at == 0 and l.stop.chapter == 0
    for _ in range(len(l.stops) + 3):
        press(l, pygame.K_PAGEDOWN)
    assert l.at == len(l.stops) - 1 and l.stop.chapter == len(CHAPTERS) - 1
    press(l, pygame.K_F2)                       # the chapter list, then 3 jumps to chapter 3
    assert l.listing
    press(l, pygame.K_3)
    assert not l.listing and l.stop == stops()[l.at] and l.stop.chapter == 2 and l.stop.page == 0
    press(l, pygame.K_F2)
    press(l, pygame.K_DOWN)
    press(l, pygame.K_RETURN)
    assert l.stop.chapter == 3
    surf = pygame.Surface(l.size)
    l.draw(surf)
    dot = l.dot_rects()[6]
    l.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=dot.center, button=1))
    assert l.stop.chapter == 6


def test_starts_at_the_chapter_asked_for_and_refuses_others():
    assert lesson(chapter=6).stop.chapter == 5 and lesson(chapter=6).stop.page == 0
    with pytest.raises(ValueError, match="chapter"):
        lesson(chapter=len(CHAPTERS) + 1)
    with pytest.raises(ValueError, match="text scale"):
        lesson(text_scale=9.0)


def test_beach_keys_reach_the_scene_and_escape_quits():
    l = lesson(chapter=6)          # tiny-steps
    lr = l.scene.state.scenario.lr
    press(l, pygame.K_UP)
    assert l.scene.state.scenario.lr > lr
    press(l, pygame.K_n)
    assert l.scene.state.ticks == 1
    press(l, pygame.K_ESCAPE)
    assert not l.running


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("scale", [TEXT_SCALES[0], TEXT_SCALES[-1]])
def test_the_card_never_overlaps_itself_at_any_text_scale(lang, scale, monkeypatch):
    """At the smallest scale every page is drawn whole, scene and card; at the largest only the
    card is checked (it is laid out from the page's texts and the scale alone: the scene above it,
    the digits pages' heatmaps among them, took nine tenths of the time and shows nothing new)."""
    l = lesson(lang=lang, text_scale=scale)
    surf = pygame.Surface(SIZE)
    top = l.scene_size()[1]
    for i in range(len(l.stops)):
        l.go(i)
        if scale != TEXT_SCALES[0]:
            monkeypatch.setattr(l.scene, "draw", lambda surface: None)
        l.draw(surf)
        boxes = l.card_boxes
        for a in range(len(boxes)):
            assert boxes[a].top >= top and boxes[a].bottom <= SIZE[1] and boxes[a].right <= SIZE[0]
            for b in range(a + 1, len(boxes)):
                assert not boxes[a].colliderect(boxes[b]), (i, a, b)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_small_window_shows_every_caption_whole(lang, monkeypatch):
    """At 640x480 the card grows to show the article's point and what to try whole (it was cut short
    with "…"), and the scene keeps the smallest height a play's layout supports."""
    drawn: list[str] = []
    text = assets.text
    monkeypatch.setattr(assets, "text", lambda s, *a, **k: (drawn.append(s), text(s, *a, **k))[1])
    size = (640, 480)
    l = lesson(lang=lang, size=size)
    for i in range(len(l.stops)):
        l.go(i)
        drawn.clear()
        card = pygame.Surface((size[0], l.card_height()))
        l._draw_card(card, card.get_rect())      # the card alone (the scene's texts are not its)
        _, point, try_now = l.card_texts()
        shown = "".join(drawn)
        assert point.replace(" ", "") in shown.replace(" ", "") and not any(t.endswith("…") for t in drawn), i
        assert try_now.replace(" ", "") in shown.replace(" ", "")
        assert l.scene_size()[1] >= MIN_SIZE[1]


def test_ctrl_plus_and_minus_change_the_text_scale_within_its_range():
    l = lesson()
    for _ in range(len(TEXT_SCALES) + 1):
        press(l, pygame.K_EQUALS, pygame.KMOD_LCTRL)
    assert l.text_scale == TEXT_SCALES[-1] and l.card_height() > lesson().card_height()
    for _ in range(len(TEXT_SCALES) + 1):
        press(l, pygame.K_MINUS, pygame.KMOD_LCTRL)
    assert l.text_scale == TEXT_SCALES[0]


# -- the outputs scene ----------------------------------------------------------------------------

def _bar_heights(scene: OutputsScene) -> list[int]:
    surf = pygame.Surface(scene.size)
    scene.draw(surf)
    frame = pygame.surfarray.array3d(surf)
    heights = []
    for k in range(scene.output.classes):
        column = frame[scene.bar_rect(k).centerx]
        colour = Y_RIGHT_BAR if k == scene.output.label else Y_BAR
        heights.append(int(np.all(column == colour, axis=-1).sum()))
    return heights


@pytest.mark.parametrize("preset", ["article-right", "article-wrong", "textbook"])
def test_outputs_scene_bars_and_losses_match_sim(preset):
    scene = OutputsScene("en", (1280, 540), preset=preset)
    heights = _bar_heights(scene)
    full = scene.bar_rect(0).h
    y_seen = np.array(heights) / full
    assert np.abs(y_seen - np.array(scene.output.y)).max() <= 1.0 / full
    t = [1.0 if k == scene.output.label else 0.0 for k in range(scene.output.classes)]
    assert scene.output.sse == pytest.approx(sum_squared_error(scene.output.y, t), rel=1e-12)
    assert scene.output.cee == pytest.approx(cross_entropy_error(scene.output.y, t), rel=1e-12)
    assert sum_squared_error(y_seen, t) == pytest.approx(scene.output.sse, abs=0.02)


def test_article_presets_show_the_articles_numbers():
    right, wrong = OutputsScene("en", SIZE, preset="article-right"), OutputsScene("en", SIZE, preset="article-wrong")
    assert (round(right.output.sse, 4), round(right.output.cee, 4)) == (0.0625, 0.3567)
    assert (round(wrong.output.sse, 3), round(wrong.output.cee, 3)) == (0.570, 2.303)


def test_dragging_a_bar_keeps_a_distribution_and_moves_both_losses_the_right_way():
    scene = OutputsScene("en", (1280, 540), preset="article-wrong")
    _bar_heights(scene)                      # lays the scene out
    label_bar = scene.bar_rect(scene.output.label)
    before = scene.output
    at = (label_bar.centerx, label_bar.bottom - round(0.8 * label_bar.h))
    scene.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=at, button=1))
    scene.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=(at[0], at[1] - 20), rel=(0, -20), buttons=(1, 0, 0)))
    y = np.array(scene.output.y)
    assert y.sum() == pytest.approx(1.0, abs=1e-9) and y.min() >= 0
    assert y[scene.output.label] == pytest.approx((label_bar.bottom - (at[1] - 20)) / label_bar.h, abs=1e-9)
    assert scene.output.sse < before.sse and scene.output.cee < before.cee
    wrong_bar = scene.bar_rect(3)
    high = scene.output
    scene.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(wrong_bar.centerx, wrong_bar.top + 5), button=1))
    assert scene.chosen == 3 and math.isclose(sum(scene.output.y), 1.0, abs_tol=1e-9)
    assert scene.output.sse > high.sse and scene.output.cee > high.cee
    for _ in range(30):                      # keys: down to 0 at the most, never below
        scene.handle(key(pygame.K_DOWN))
    assert scene.output.y[3] == 0.0 and min(scene.output.y) >= 0
    scene.handle(key(pygame.K_2))
    assert scene.output == before


# -- the digit panel ------------------------------------------------------------------------------

def test_digit_panel_shows_the_forward_pass_at_the_players_weights():
    app = App(SCENARIOS["digits"], lang="en", size=SIZE, sound=False)
    surf = pygame.Surface(SIZE)
    app.draw(surf)
    panel = app.digit_panel
    land = digits_landscape()
    tx, ty = app.state.scenario.target
    for _ in range(3):
        app.state.step_once()
    for k in range(len(panel.samples)):
        row = app.state.walk.trace[app.state.animating_from]
        image, label = panel.sample.arrays(land)
        w = land.result.final + (row.x - tx) * land.d1 + (row.y - ty) * land.d2
        expected = land.network.predict(w, image[None, :])[0]
        np.testing.assert_allclose(panel.output(row.x, row.y, tx, ty).y, expected, rtol=1e-9, atol=1e-15)
        app.handle(key(pygame.K_d))
        assert panel.chosen == (k + 1) % len(panel.samples)


def test_digit_panel_samples_include_both_splits_and_one_the_network_gets_wrong():
    from sim.learning.sample_outputs import output_at, shown_samples

    land = digits_landscape()
    samples = shown_samples(land)
    assert {s.split for s in samples} == {"training", "validation"}
    tx, ty = SCENARIOS["digits"].target
    at_melon = [output_at(land, s, tx, ty, tx, ty) for s in samples]
    assert any(int(np.argmax(o.y)) != o.label for o in at_melon)
    start = SCENARIOS["digits"].start
    right = [s for s, o in zip(samples, at_melon) if int(np.argmax(o.y)) == o.label]
    for s in right:   # walking to the watermelon brings a sample it gets right toward its answer
        assert output_at(land, s, *start, tx, ty).cee > output_at(land, s, tx, ty, tx, ty).cee
