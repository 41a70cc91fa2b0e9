"""Readable text reports of headless runs."""
from __future__ import annotations

import math

from sim.walking.walk import StepRecord, WalkResult

GROUND_TEXT = {   # what a stuck player stands on (sim.walking.ground)
    "hollow": "a hollow, a local minimum: every way is uphill, though the watermelon is elsewhere",
    "saddle": "a saddle point: uphill two ways, downhill two others, and no slope to feel right here",
    "hilltop": "a hilltop: downhill every way, but no slope to feel right at the top",
    "flat": "flat ground: no slope and no curvature, nothing to follow (as with accuracy as a loss)",
    "slope": "the ground still slopes, but lr × |grad| fell below tol: the steps are too short to go on",
}


def ending_text(result: WalkResult) -> str:
    """What the ending means, true of this walk: how far from the watermelon it ended (m), and
    that with a reach of 0 no swing can hit."""
    d = f"{result.final.distance:.3g} m from the watermelon"
    out_of_reach = "; with reach 0 no swing can hit" if result.scenario.reach == 0 else ""
    return {
        "hit": "the friends shout stop, the player swings: the watermelon splits!",
        "stuck": f"the next step was shorter than tol, {d}: {GROUND_TEXT.get(result.ground, '')}; the player "
                 f"swings at nothing" + out_of_reach,
        "diverged": "the player ran off the beach into the sea" if math.isfinite(result.final.loss)
                    else "the numbers blew up (the loss is no longer finite); the player ran off into the sea",
        "max_steps": f"the player tired, {d}" + out_of_reach,
        "walking": "still walking",
    }[result.outcome]


def _row(r: StepRecord) -> str:
    return f"{r.step:>6}  {r.x:>10.4f} {r.y:>10.4f}  {r.loss:>12.5g}  {r.grad_norm:>10.4g}  {r.distance:>9.4g}"


SUMMARY_ROWS = 5   # rows shown at each end of a run's step table


def run_summary(result: WalkResult, head: int = SUMMARY_ROWS, tail: int = SUMMARY_ROWS) -> str:
    """The scenario, a short step table (first and last rows, "..." where rows are left out) and
    the outcome."""
    s = result.scenario
    lines = [
        f"scenario {s.name}: loss {s.loss_text}, lr {s.lr:g}, h {s.h:g}, tol {s.tol:g}, reach {s.reach:g} m, "
        f"max steps {s.max_steps}",
        f"start ({s.start[0]:g}, {s.start[1]:g}) m, watermelon ({s.target[0]:g}, {s.target[1]:g}) m",
        s.walker_text(),
        "",
        f"{'step':>6}  {'x (m)':>10} {'y (m)':>10}  {'loss':>12}  {'|grad|':>10}  {'dist (m)':>9}",
    ]
    rows = result.trace
    shown = rows if len(rows) <= head + tail else rows[:head] + rows[-tail:]
    for before, r in zip([None, *shown], shown):
        if before is not None and r.step > before.step + 1:   # rows left out (or never kept)
            lines.append("{:>6}".format("..."))
        lines.append(_row(r))
    last = result.final
    lines += ["", f"outcome: {result.outcome} after {result.steps} step{'' if result.steps == 1 else 's'} at ({last.x:.6g}, {last.y:.6g}), "
                  f"loss {last.loss:.6g}: {ending_text(result)}"]
    return "\n".join(lines)
