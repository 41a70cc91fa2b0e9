"""Step-size lists (for sweeps and races) and who races: entries "LR" or "OPTIMIZER:LR", like "gd:0.95,momentum:0.1,adagrad:1.5,adam:0.3".

A plain LR (or a whole list or START:STOP:COUNT range of them, as sweeps take) races with the
scenario's optimizer; OPTIMIZER:LR names its own.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from sim.walking.optimizers import OPTIMIZER_NAMES

MAX_COUNT = 10_000   # most step sizes of a START:STOP:COUNT range

_ENTRY = re.compile(r"\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*")
RACE_HELP = "entries LR or OPTIMIZER:LR like gd:0.95,adam:0.3"


LRS_HELP = "step sizes like 0.01,0.1,1.9 or START:STOP:COUNT like 0.01:2:20 (log-spaced)"


def _lr_value(text: str, whole: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text.strip()!r} in {whole!r} is not a number; expected {LRS_HELP}") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"step size {text.strip()} in {whole!r} must be a positive finite number")
    return value


def parse_lrs(text: str) -> list[float]:
    """Step sizes from "0.01,0.1,1.9" (as given) or "START:STOP:COUNT" (COUNT log-spaced values).

    START may exceed STOP (the values then fall). ValueError names the bad part; TypeError for
    anything but a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"step sizes are a str like '0.01,0.1,1.9' or '0.001:3:25', got {type(text).__name__}")
    text = text.strip()
    if not text:
        raise ValueError(f"no step sizes given; expected {LRS_HELP}")
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise ValueError(f"{text!r} has {len(parts)} parts; expected {LRS_HELP}")
        start, stop = _lr_value(parts[0], text), _lr_value(parts[1], text)
        if not re.fullmatch(r"\s*\d+\s*", parts[2]) or not 2 <= int(parts[2]) <= MAX_COUNT:
            raise ValueError(f"COUNT {parts[2].strip()!r} in {text!r} must be a whole number from 2 to {MAX_COUNT:,}")
        return [float(v) for v in np.geomspace(start, stop, int(parts[2]))]
    parts = text.split(",")
    if any(not p.strip() for p in parts):
        raise ValueError(f"empty step size in {text!r}; expected {LRS_HELP}")
    return [_lr_value(p, text) for p in parts]


@dataclass(frozen=True)
class Racer:
    """One racer: its step size and its optimizer (None: the scenario's)."""

    lr: float
    optimizer: str | None = None


def parse_racers(text: str) -> list[Racer]:
    """Racers from "0.1,0.5", "0.01:2:5" (log-spaced) or "gd:0.95,adam:0.3"; ValueError names the bad part."""
    if not text.strip():
        raise ValueError(f"no step sizes given; expected {RACE_HELP}")
    racers = []
    for part in text.split(","):
        if not part.strip():
            raise ValueError(f"empty step size in {text!r}; expected {RACE_HELP}")
        match = _ENTRY.fullmatch(part)
        if match is None:   # step sizes alone: a number or a START:STOP:COUNT range
            racers += [Racer(lr) for lr in parse_lrs(part)]
            continue
        name, lr_text = match.groups()
        if name not in OPTIMIZER_NAMES:
            raise ValueError(f"unknown optimizer {name!r} in {text!r} (choose from {', '.join(OPTIMIZER_NAMES)})")
        lrs = parse_lrs(lr_text)
        if len(lrs) != 1 or ":" in lr_text:
            raise ValueError(f"{part.strip()!r} in {text!r} must be OPTIMIZER:LR with one step size")
        racers.append(Racer(lrs[0], name))
    return racers
