"""The article's closing charts for the digits: loss and accuracy against epoch, a line for the
training data and one for the validation data, in English or Japanese."""
from __future__ import annotations

import os

import numpy as np

from game.chart import PALETTE, ChartSpec, Series, render_charts_png
from game.i18n import tr
from sim.learning.learn import LearnResult

TRAIN_COLOR, VAL_COLOR = PALETTE[0], PALETTE[1]
LOSS_TEXT = {"cee": "loss.cross-entropy", "sse": "loss.squared"}   # learn's losses, as the texts name them


def learn_charts(result: LearnResult, lang: str = "en", upto: int | None = None) -> list[ChartSpec]:
    """[loss vs epoch, accuracy vs epoch] for epochs 0..upto (default: all); the epoch axis
    always spans the whole run, so that a growing curve does not rescale."""
    curves = result.curves[: None if upto is None else upto + 1]
    epochs = np.arange(len(curves), dtype=float)
    x_range = (0.0, float(max(1, len(result.curves) - 1)))
    loss_name = tr(LOSS_TEXT[result.settings.loss], lang)

    def chart(title: str, y_label: str, train: int, val: int, y_range=None) -> ChartSpec:
        series = [Series(tr("legend.train_data", lang), epochs, curves[:, train], TRAIN_COLOR, "line", 3),
                  Series(tr("legend.val_data", lang), epochs, curves[:, val], VAL_COLOR, "line", 2)]
        return ChartSpec(tr(title, lang, loss=loss_name), tr("axis.epoch", lang), tr(y_label, lang), series,
                         x_range=x_range, y_range=y_range, empty_text=tr("chart.no_data", lang))
    loss_top = float(np.nanmax(result.curves[:, [0, 2]])) * 1.05
    return [chart("chart.learn_loss", "axis.loss", 0, 2, (0.0, loss_top)),
            chart("chart.learn_accuracy", "axis.accuracy", 1, 3, (0.0, 1.0))]


def save_learn_png(result: LearnResult, path: str | os.PathLike, lang: str = "en") -> None:
    """The two charts side by side in one PNG."""
    render_charts_png(learn_charts(result, lang), path, size=(1400, 520), cols=2)
