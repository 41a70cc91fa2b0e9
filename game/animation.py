"""Animations of a walk, a race or a population as the window plays them: GIF, APNG or WebP.

``record`` drives a fresh mode (game.modes) through time the way the window does and draws
every frame off-screen with game.scene's Scene (no window opens); ``encode`` turns the frames into
the bytes of one file with Pillow: one shared palette built from a few frames, and frames that
store only the rectangle that changed. ``save_animation`` does both and writes the file whole or
not at all (sim.reports.files.write_atomic).

By default there is one frame per step, the players at rest where that step took them, each
shown as long as the window takes for a step; with ``fps`` the window's own frames are taken at
that rate. The ending (the watermelon splitting, the splash) follows at ENDING_FPS, and the last
frame is held HOLD_MS so that a slide shows how it ended before the loop starts again.
"""
from __future__ import annotations

import io
import math
import numbers
import os
import zlib
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import numpy as np
import pygame
from PIL import Image

from sim.reports.brief import brief
from sim.reports.files import write_atomic
from game.scene import Scene
from game.choreography import STEP_SECONDS
from game.modes import Mode
from game.stage import MIN_SIZE

ANIMATION_KINDS = (".gif", ".png", ".webp")   # GIF and animated PNG (a shared palette), WebP (full colour)
DEFAULT_SIZE = (640, 360)   # pixels of a frame unless a size is given
ENDING_SECONDS = 2.5        # the ending shown after the last step (s of the window's time)
ENDING_FPS = 10.0           # frames per second of the ending
HOLD_MS = 2000              # the last frame stays this long (ms) before the loop starts again
FPS_RANGE = (1, 50)         # --fps accepted (GIF delays are whole hundredths of a second)
MAX_FRAMES = 1000           # most frames of one animation (memory and file size)
MAX_SIZE = (1920, 1080)     # largest frame (pixels)
MAX_PIXEL_FRAMES = 240_000_000   # most pixels × frames (1,000 frames of 640×360): encoding holds up to 3 bytes of each
MAX_STEP_FRAMES = 400       # one frame per step up to this many steps; longer plays take several steps a frame
PALETTE_SAMPLES = 6         # frames the shared palette is built from
KEPT_COLOURS = 64           # palette entries kept for small areas' colours that a median cut would merge
KEPT_MIN_PIXELS = 12        # pixels a colour must cover in the sample frames to be kept so
KEPT_SAMPLES = 48           # frames those colours are counted in
UNCHANGED = 255             # palette index of the pixels a frame leaves as the frame before


class AnimationError(ValueError):
    """An animation that cannot be made as asked (too many frames); the message says why."""


@dataclass(frozen=True)
class Frame:
    """One frame: its pixels (RGB, zlib-compressed to keep long plays small in memory) and how
    long it is shown (ms)."""

    rgb: bytes
    size: tuple[int, int]
    ms: int

    def image(self) -> Image.Image:
        """The frame as a Pillow RGB image."""
        return Image.frombytes("RGB", self.size, zlib.decompress(self.rgb))


def replay_of(state: Mode, size: tuple[int, int] | None = None) -> Mode:
    """A fresh mode that plays what ``state`` plays (its scenario, its racers' step sizes or its
    number of players, its toggles) from the start, in a window of ``size`` pixels."""
    size = state.size if size is None else size
    fresh = type(state).for_play(state.play, lang=state.lang, size=size)
    fresh.toggles = type(state.toggles)(**vars(state.toggles))
    fresh.toggles.help = False
    return fresh


def recording_size(window: tuple[int, int]) -> tuple[int, int]:
    """The frame size of a recording of a window of ``window`` pixels: its shape, with at most
    as many pixels as DEFAULT_SIZE (small files, quick to make) unless that would be below the
    layout's MIN_SIZE."""
    w, h = window
    scale = min(1.0, ((DEFAULT_SIZE[0] * DEFAULT_SIZE[1]) / (w * h)) ** 0.5)
    scale = min(1.0, max(scale, MIN_SIZE[0] / w, MIN_SIZE[1] / h))
    return round(w * scale), round(h * scale)


def frames_needed(steps: int, speed: float, fps: float | None) -> int:
    """How many frames ``record`` makes of a play of ``steps`` steps at ``speed`` steps/s that
    ends (at most; a frame per step up to MAX_STEP_FRAMES steps, else fewer)."""
    ending = math.ceil(ENDING_SECONDS * (ENDING_FPS if fps is None else fps))
    if fps is None:
        return 1 + math.ceil(steps / _stride(steps)) + ending
    return 1 + math.ceil((steps / speed + STEP_SECONDS) * fps) + ending


def _stride(steps: int) -> int:
    """Steps per frame of the frame-per-step recording."""
    return max(1, math.ceil(steps / MAX_STEP_FRAMES))


def check_size(size: Any) -> tuple[int, int]:
    """``size`` as (width, height) if it is a pair of whole numbers from MIN_SIZE to MAX_SIZE;
    else TypeError or ValueError naming it."""
    if not isinstance(size, (tuple, list)) or len(size) != 2 or not all(
            isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in size):
        raise TypeError(f"size must be a pair of whole numbers (width, height) in pixels, got {brief(size)}")
    w, h = (int(v) for v in size)
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise ValueError(f"size must be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]} pixels, "
                         f"got {w}x{h}")
    return w, h


def frame_limit(size: tuple[int, int]) -> int:
    """The most frames of an animation of frames of ``size``: MAX_FRAMES, fewer for big frames
    (MAX_PIXEL_FRAMES), so that its memory is bounded."""
    return min(MAX_FRAMES, MAX_PIXEL_FRAMES // (size[0] * size[1]))


def record(state: Mode, *, fps: float | None = None, steps: int | None = None,
           expected_steps: int | None = None) -> list[Frame]:
    """Play ``state`` (fresh, at its start) as the window does and return its frames.

    ``fps`` None: a frame at the start, one per step with the players at rest where it took them
    (several steps a frame when ``expected_steps`` is over MAX_STEP_FRAMES), each shown 1/speed s;
    else frames every 1/fps s of the window's time. Stops after ``steps`` steps (None: at the end);
    a play that ended gets its ending, and the last frame is held HOLD_MS."""
    if fps is not None and not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ValueError(f"fps must be from {FPS_RANGE[0]} to {FPS_RANGE[1]}, got {fps!r}")
    most = frame_limit(check_size(state.size))
    if not pygame.font.get_init():
        pygame.font.init()
    scene, surface = Scene(), pygame.Surface(state.size)
    frames: list[Frame] = []

    def shoot(ms: float) -> None:
        if len(frames) >= most:
            raise AnimationError(f"an animation of {state.size[0]}x{state.size[1]} has at most {most} frames; "
                                 f"use a lower fps or a smaller size")
        scene.draw(surface, state, prompts=False)
        frames.append(Frame(zlib.compress(pygame.image.tobytes(surface, "RGB"), 1), state.size, round(ms)))

    def walking() -> bool:
        return not state.done and (steps is None or state.ticks < steps)

    stride = _stride(expected_steps or 0)
    shoot(1000 / state.speed if fps is None else 1000 / fps)
    state.paused = False
    while walking():
        if fps is None:
            for _ in range(stride):
                if walking():
                    state.step_once()   # pauses: the step's animation plays to rest, no further step
            state.advance(state.step_seconds)
            state.paused = False        # the panel says walking, as in the window
            shoot(1000 * stride / state.speed)
        else:
            state.advance(1 / fps)
            shoot(1000 / fps)
    if state.done:
        rate = ENDING_FPS if fps is None else fps
        for _ in range(math.ceil(ENDING_SECONDS * rate)):
            state.advance(1 / rate)
            shoot(1000 / rate)
    frames[-1] = Frame(frames[-1].rgb, frames[-1].size, HOLD_MS)
    return frames


def encode(frames: list[Frame], kind: str) -> bytes:
    """The frames as the bytes of an animation of ``kind`` (one of ANIMATION_KINDS), looping
    for ever."""
    kind = kind.lower()
    if kind not in ANIMATION_KINDS:
        raise ValueError(f"an animation must be one of {', '.join(ANIMATION_KINDS)}, got {kind!r}")
    if not frames:
        raise ValueError("an animation needs at least one frame")
    durations = [f.ms for f in frames]
    buffer = io.BytesIO()
    if kind == ".webp":   # WebP keeps full colour and compresses the differences itself
        images = [f.image() for f in frames]
        images[0].save(buffer, format="WEBP", save_all=True, append_images=images[1:], duration=durations,
                       loop=0, lossless=False, quality=80, method=4)
        return buffer.getvalue()
    palette = shared_palette(frames)
    images = [f.image().quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    if kind == ".gif":
        # disposal 1 keeps each frame under the next; optimize stores only the changed rectangle,
        # its unchanged pixels in the palette's free index (transparent)
        images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=durations,
                       loop=0, disposal=1, optimize=True)
    else:   # animated PNG: the same, done here (Pillow crops each frame to what changed)
        shown = _unchanged_see_through(images)
        shown[0].save(buffer, format="PNG", save_all=True, append_images=shown[1:], duration=durations, loop=0,
                      disposal=0, blend=1, transparency=UNCHANGED)
    return buffer.getvalue()


def _unchanged_see_through(images: list[Image.Image]) -> list[Image.Image]:
    """The palette frames with every pixel that a frame leaves as the one before set to the free
    index UNCHANGED, which is transparent, so blending each frame over the last shows the same
    picture and the file stores mostly one value."""
    palette = images[0].getpalette() or []
    palette += [0] * (768 - len(palette))   # all 256 entries, so UNCHANGED has one to be transparent
    out, before = [], None
    for image in images:
        indices = np.asarray(image)
        shown = indices.copy()
        if before is not None:
            shown[indices == before] = UNCHANGED
        frame = Image.fromarray(shown, "P")
        frame.putpalette(palette)
        out.append(frame)
        before = indices
    return out


def shared_palette(frames: list[Frame]) -> Image.Image:
    """One 255-colour palette for every frame (the 256th index, UNCHANGED, stays free for the
    pixels a frame leaves as they were), so colours do not flicker.

    A median cut of PALETTE_SAMPLES frames spread from the first to the last (so the ending's
    colours are in it) gives most entries to the colours that cover most pixels (sand, sea,
    heatmap), and would merge a small sprite's colour (the watermelon's green, a probe) into a
    neighbour; so the last KEPT_COLOURS entries go, one at a time, to the colour that the palette
    so far shows worst (squared error times the square root of its pixels), among the colours of
    at least KEPT_MIN_PIXELS pixels in up to KEPT_SAMPLES frames."""
    cut = _sheet(frames, PALETTE_SAMPLES).quantize(colors=UNCHANGED - KEPT_COLOURS, method=Image.Quantize.MEDIANCUT,
                                                  dither=Image.Dither.NONE)
    entries = np.array(cut.getpalette()[: 3 * (UNCHANGED - KEPT_COLOURS)], float).reshape(-1, 3)
    packed = np.asarray(_sheet(frames, KEPT_SAMPLES), np.uint32).reshape(-1, 3) @ np.array([1 << 16, 1 << 8, 1], np.uint32)
    counts = np.bincount(packed, minlength=1 << 24)
    values = np.flatnonzero(counts >= KEPT_MIN_PIXELS)
    colours = np.stack([values >> 16, (values >> 8) & 255, values & 255], axis=1).astype(float)
    weight = np.sqrt(counts[values])
    worst = ((colours[:, None, :] - entries[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    kept = []
    for _ in range(min(KEPT_COLOURS, len(colours))):
        k = int(np.argmax(worst * weight))
        if worst[k] == 0:
            break
        kept.append(colours[k])
        worst = np.minimum(worst, ((colours - colours[k]) ** 2).sum(axis=1))
    palette = Image.new("P", (1, 1))
    palette.putpalette([int(v) for v in np.vstack([entries, *kept]).ravel()])
    return palette


def _sheet(frames: list[Frame], most: int) -> Image.Image:
    """Up to ``most`` frames spread evenly from the first to the last, stacked into one image."""
    n = len(frames)
    picks = sorted({round(k * (n - 1) / max(1, most - 1)) for k in range(most)})
    w, h = frames[0].size
    sheet = Image.new("RGB", (w, h * len(picks)))
    for row, k in enumerate(picks):
        sheet.paste(frames[k].image(), (0, row * h))
    return sheet


def save_animation(state: Mode, path: str | os.PathLike, *, fps: float | None = None,
                   steps: int | None = None, expected_steps: int | None = None) -> int:
    """Record ``state`` (see ``record``) and save it at ``path``, whose suffix picks the kind
    (ANIMATION_KINDS); the file appears whole or not at all. Returns the number of frames."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in ANIMATION_KINDS:
        raise ValueError(f"an animation file must end in {', '.join(ANIMATION_KINDS)}, got {str(path)!r}")
    if not path.parent.is_dir():   # before the recording, not after
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(path.parent)!r} does not exist")
    frames = record(state, fps=fps, steps=steps, expected_steps=expected_steps)
    data = encode(frames, kind)
    write_atomic(path, data)
    return len(frames)
