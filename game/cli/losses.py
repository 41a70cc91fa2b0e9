"""losses: the article's two losses of a network's output, headless."""
from __future__ import annotations

import argparse

from game.cli import options
from sim.reports.files import json_text
from sim.reports.say import Say, english


def run(args: argparse.Namespace) -> int:
    """losses: SSE and CEE of the given output, or of the article's and the textbook's; the exit status."""
    from sim.learning.output_bars import (ARTICLE_RIGHT, ARTICLE_WRONG, RECONSTRUCTED_NOTE, TEXTBOOK,
                                          NetworkOutput, losses_table)
    from sim.learning.output_losses import DELTA

    if (args.y is None) != (args.label is None):
        raise options.UsageError("--y and --label go together: an output and its correct class (from 0)")
    if args.y is None:
        rows = [("y1 (right)", ARTICLE_RIGHT), ("y2 (wrong)", ARTICLE_WRONG), ("textbook", TEXTBOOK)]
    else:
        try:
            y = [float(v) for v in args.y.split(",")]
        except ValueError:
            raise options.UsageError(f"--y: expected probabilities separated by commas, like 0.1,0.7,0.2, got {args.y!r}") from None
        try:
            rows = [("y", NetworkOutput(tuple(y), args.label))]
        except (TypeError, ValueError) as err:
            raise options.UsageError(f"{'--label' if str(err).startswith('label') else '--y'}: {err}") from None

    def note(say: Say) -> str:
        """What the presets are (nothing for --y)."""
        return "" if args.y is not None else say(
            "The article's y1 and y2 (five classes; {reconstructed}) and the textbook's example "
            "(Deep Learning from Scratch ch. 4).", reconstructed=say(RECONSTRUCTED_NOTE))
    if args.json:   # JSON is for programs: English, whatever --lang says
        report = {"delta": DELTA, "outputs": [{"name": name, **out.to_dict()} for name, out in rows]}
        if note(english):
            report["note"] = note(english)
        print(json_text(report))
    else:
        say = options.say(args)
        named = rows if args.y is not None else [(say(name), out) for name, out in rows]
        print("\n".join(filter(None, [note(say), say("SSE = ½ Σ (y − t)²; CEE = −Σ t log(y + δ), δ = {delta:g}; "
                                                    "t is one-hot at the label (from 0)", delta=DELTA),
                                      losses_table(named, say)])))
    return 0
