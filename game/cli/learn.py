"""learn: a small network trained on the handwritten digits, headless."""
from __future__ import annotations

import argparse

from game.cli import options, outputs
from sim.reports.files import json_text, table_bytes


def run(args: argparse.Namespace) -> int:
    """learn: train (or only check the gradient); the exit status."""
    from sim.learning.learn import CURVE_COLUMNS, gradcheck, learn, learn_table

    settings = options.learn_settings_from_args(args)
    say = options.say(args)
    if args.gradcheck:
        for option in ("--out", "--png"):
            options.refuse(args, option, "does not apply with --gradcheck")
        worst = gradcheck(settings)
        report = {"gradcheck": {"max_relative_difference": worst, "h": settings.h,
                                "parameters": settings.network.n_params}}
        print(json_text(report) if args.json else
              say("gradient check ({weights} weights, h = {h:g}): largest relative difference between "
                  "backpropagation and the numerical gradient {worst:.3g}",
                  weights=settings.network.n_params, h=settings.h, worst=worst))
        return 0
    options.check_outputs(args)
    with outputs.progress("learn") as show:
        result = learn(settings, on_epoch=lambda epoch: show(
            lambda: say("epoch {epoch:,} of {epochs:,}", epoch=epoch, epochs=settings.epochs)))

    def draw(path: str) -> None:
        from game.learn_charts import save_learn_png
        save_learn_png(result, path, lang=options.language(args.lang))
    return outputs.deliver(args, lambda: table_bytes(args.out, CURVE_COLUMNS, result.rows(), result.to_dict()),
                           draw, json_text(result.to_dict()) if args.json else learn_table(result, say=say))
