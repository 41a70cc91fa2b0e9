"""The digits network's beach in the window: the landscape shown, the real training's path on it,
the learning curves in the panel, and L between its loss and its accuracy."""
import numpy as np
import pygame

from sim import SCENARIOS
from sim.learning.landscape import digits_landscape

from frames import SIZE, draw, key, pixels_of
from game.app import App
from game.drawers import training
from game.i18n import tr
from game.scene import camera_for


def digits_app(lang="en") -> App:
    return App(SCENARIOS["digits"], lang=lang, size=SIZE, sound=False)


def test_the_landscape_and_the_learning_curves_are_shown():
    a = digits_app("ja")
    assert a.state.toggles.heatmap
    specs, required = a.state.chart_specs()
    assert [s.title for s in specs[:2]] == [tr("chart.learn_loss", "ja", loss="交差エントロピー誤差"), tr("chart.learn_accuracy", "ja")]
    assert required == 2
    curves = digits_landscape().result.curves
    assert specs[0].series[0].ys.tolist() == curves[:, 0].tolist()      # training loss per epoch
    assert specs[1].series[1].ys.tolist() == curves[:, 3].tolist()      # validation accuracy


def test_the_training_path_is_drawn_through_its_epochs():
    a = digits_app()
    a.state.toggle("heatmap")        # the path is drawn either way; the sand alone draws faster
    frame = draw(a.state)
    cam = camera_for(SIZE, a.state.scenario.bounds)
    white = pixels_of(frame, training.PATH)
    points = digits_landscape().footprints(*a.state.scenario.target)
    px, py = cam.to_screen_many(points[:, 0], points[:, 1])
    for x, y in zip(px[8:24], py[8:24]):      # epochs clear of the player, its cards and the melon
        assert np.hypot(white[:, 0] - x, white[:, 1] - y).min() <= 1.5
    a.state.toggle("trail")
    assert len(pixels_of(draw(a.state), training.PATH)) < len(white)


def test_l_switches_between_the_networks_loss_and_its_accuracy():
    a = digits_app()
    seen = [a.state.scenario.loss]
    for _ in range(2):
        a.handle(key(pygame.K_l))
        seen.append(a.state.scenario.loss)
    assert seen == ["digits", "digits-accuracy", "digits"]
