"""Readable text reports of headless runs."""
from __future__ import annotations

import math

from sim.reports.columns import Column, table
from sim.reports.say import Say, english
from sim.walking.walk import StepRecord, WalkResult


GROUND_TEXT = {   # what a stuck player stands on (sim.walking.ground)
    "hollow": "a hollow, a local minimum: every way is uphill, though the watermelon is elsewhere",
    "saddle": "a saddle point: uphill two ways, downhill two others, and no slope to feel right here",
    "hilltop": "a hilltop: downhill every way, but no slope to feel right at the top",
    "flat": "flat ground: no slope and no curvature, nothing to follow (as with accuracy as a loss)",
    "slope": "the ground still slopes, but lr × |grad| fell below tol: the steps are too short to go on",
}


def ending_text(result: WalkResult, say: Say = english) -> str:
    """What the ending means, true of this walk: how far from the watermelon it ended (m), and
    that with a reach of 0 no swing can hit."""
    d = say("{d:.3g} m from the watermelon", d=result.final.distance)
    out_of_reach = say("; with reach 0 no swing can hit") if result.scenario.reach == 0 else ""
    if result.outcome == "stuck":
        ground = say(GROUND_TEXT[result.ground]) if result.ground in GROUND_TEXT else ""
        return say("the next step was shorter than tol, {d}: {ground}; the player swings at nothing",
                   d=d, ground=ground) + out_of_reach
    if result.outcome == "max_steps":
        return say("the player tired, {d}", d=d) + out_of_reach
    return say({
        "hit": "the friends shout stop, the player swings: the watermelon splits!",
        "diverged": "the player ran off the beach into the sea" if math.isfinite(result.final.loss)
                    else "the numbers blew up (the loss is no longer finite); the player ran off into the sea",
        "walking": "still walking",
    }[result.outcome])


SUMMARY_ROWS = 5   # rows shown at each end of a run's step table
STEP_COLUMNS = (Column("step", 6, gap=0), Column("x (m)", 10), Column("y (m)", 10, gap=1), Column("loss", 12),
                Column("|grad|", 10), Column("dist (m)", 9))


def _cells(r: StepRecord) -> tuple[str, ...]:
    return (f"{r.step}", f"{r.x:.4f}", f"{r.y:.4f}", f"{r.loss:.5g}", f"{r.grad_norm:.4g}", f"{r.distance:.4g}")


def run_summary(result: WalkResult, head: int = SUMMARY_ROWS, tail: int = SUMMARY_ROWS, say: Say = english) -> str:
    """The scenario, a short step table (first and last rows, "..." where rows are left out) and
    the outcome, in the language of ``say``."""
    s = result.scenario
    rows = result.trace
    shown = rows if len(rows) <= head + tail else rows[:head] + rows[-tail:]
    cells: list[tuple[str, ...]] = []
    for before, r in zip([None, *shown], shown):
        if before is not None and r.step > before.step + 1:   # rows left out (or never kept)
            cells.append(("...",))
        cells.append(_cells(r))
    last = result.final
    return "\n".join([
        say("scenario {name}: loss {loss}, lr {lr:g}, h {h:g}, tol {tol:g}, reach {reach:g} m, max steps {steps}",
            name=s.name, loss=s.loss_text, lr=s.lr, h=s.h, tol=s.tol, reach=s.reach, steps=s.max_steps),
        say("start ({sx:g}, {sy:g}) m, watermelon ({tx:g}, {ty:g}) m", sx=s.start[0], sy=s.start[1],
            tx=s.target[0], ty=s.target[1]),
        s.walker_text(say=say),
        "",
        *table(STEP_COLUMNS, cells, say),
        "",
        say("outcome: {outcome} after {steps} step{s} at ({x:.6g}, {y:.6g}), loss {loss:.6g}: {ending}",
            outcome=say.word("outcome_name", result.outcome), steps=result.steps, s="" if result.steps == 1 else "s",
            x=last.x, y=last.y, loss=last.loss, ending=ending_text(result, say))])
