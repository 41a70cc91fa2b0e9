"""Readable text reports of headless runs."""
from __future__ import annotations

from sim.walk import StepRecord, WalkResult

_ENDINGS = {
    "hit": "the friends shout stop, the player swings: the watermelon splits!",
    "stuck": "the ground feels flat; the player swings at nothing",
    "diverged": "the steps blew up; the player ran off into the sea",
    "max_steps": "the player tired before reaching the watermelon",
    "walking": "still walking",
}


def _row(r: StepRecord) -> str:
    return f"{r.step:>6}  {r.x:>10.4f} {r.y:>10.4f}  {r.loss:>12.5g}  {r.grad_norm:>10.4g}  {r.distance:>9.4g}"


def run_summary(result: WalkResult, head: int = 5, tail: int = 5) -> str:
    """The scenario, a short step table (first and last rows) and the outcome."""
    s = result.scenario
    lines = [
        f"scenario {s.name}: loss {s.loss_text}, lr {s.lr:g}, h {s.h:g}, tol {s.tol:g}, reach {s.reach:g} m, "
        f"max steps {s.max_steps}",
        f"start ({s.start[0]:g}, {s.start[1]:g}) m, watermelon ({s.target[0]:g}, {s.target[1]:g}) m",
        "",
        f"{'step':>6}  {'x (m)':>10} {'y (m)':>10}  {'loss':>12}  {'|grad|':>10}  {'dist (m)':>9}",
    ]
    rows = result.trace
    shown = rows if len(rows) <= head + tail else rows[:head] + [None] + rows[-tail:]
    lines += ["{:>6}".format("...") if r is None else _row(r) for r in shown]
    last = result.final
    lines += ["", f"outcome: {result.outcome} after {result.steps} steps at ({last.x:.6g}, {last.y:.6g}), "
                  f"loss {last.loss:.6g}: {_ENDINGS[result.outcome]}"]
    return "\n".join(lines)
