"""When things happen on screen: a step's animation and the endings' choreography (seconds).

A step first feels (the probes flash, the friend shouts: FEEL_PART of it), then walks. An ending
runs on its own clock from 0: the swing, the split, the run into the sea, sitting down tired;
ENDING_CUES says which sound falls when, and the banner pops in once the ending has shown.
"""
from __future__ import annotations

STEP_SECONDS = 0.5    # animation of one step (s): of a single step (N), and while walking slower than
                      # 2 steps/s; faster speeds shorten it to 1/speed
FEEL_PART = 0.35      # first part of a step's animation: the probes flash, the friend shouts

# Ending animations, in seconds after the ending began.
SWING_START = {"hit": 0.25, "stuck": 0.1}   # when the stick starts coming down
SWING_SECONDS = 0.3    # how long the swing takes
SPLIT_AT = 0.55        # when a hit's watermelon splits
RUN_SECONDS = 0.9      # how long the diverging player runs before the splash
TIRE_AT = 0.2          # when the tired player sits down
PUZZLED_AT = 0.5       # when the '?' of a stuck player appears
ENDING_CUES: dict[str, tuple[tuple[float, str], ...]] = {   # (when, sound name)
    "hit": ((0.0, "shout"), (SWING_START["hit"], "swing"), (SPLIT_AT, "split")),
    "stuck": ((SWING_START["stuck"], "swing"),),
    "diverged": ((0.0, "shout"), (RUN_SECONDS, "splash")),
    "max_steps": ((TIRE_AT, "tired"),),
}
BANNER_DELAY = {"hit": SPLIT_AT, "stuck": PUZZLED_AT, "diverged": RUN_SECONDS, "max_steps": TIRE_AT + 0.1}
"""Seconds into an ending before its banner pops in."""
ENDING_SHOWN_AT = 2.5  # seconds into the ending that a still picture shows


def ending_due(outcome: str, moving: bool, progress: float) -> bool:
    """Whether a player that ended with ``outcome`` starts its ending now: once the animation of
    its last step is over (a diverging player runs on as soon as it has felt the slope)."""
    if not moving:
        return True
    return progress >= (FEEL_PART if outcome == "diverged" else 1.0)


def cues(outcome: str, before: float, after: float) -> list[str]:
    """The sound cues of ``outcome``'s ending that fall in (before, after] seconds."""
    return [name for t, name in ENDING_CUES[outcome] if before < t <= after]


def swing_place(slot: int) -> tuple[int, int]:
    """Where the racer that split the watermelon ``slot``-th (from 0) swings: (side, rank). Side
    +1 is the side of the first, -1 the other; rank 0, +1, -1, +2, ... places forward. Slots 0
    and 1 face each other across the watermelon, 2 and 3 a place forward, 4 and 5 back, ..."""
    row = slot // 2
    return (1 if slot % 2 == 0 else -1), (row + 1) // 2 * (1 if row % 2 else -1)
