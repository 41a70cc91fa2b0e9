"""Animations of a walk, a race or a population as the window plays them: GIF, APNG or WebP.

``frames`` drives a fresh mode (game.modes) through time the way the window does and draws each
frame off-screen with game.scene's Scene (no window opens), one at a time. ``write_animation``
writes them into a file as they come, so that memory holds about one frame whatever the number
of frames: a GIF and an animated PNG are written block by block here (one shared palette, chosen
before the first frame from a replay of the same play, and frames that store only the rectangle
that changed); a WebP goes frame by frame through libwebp's animation encoder, as Pillow's own
writer does. ``save_animation`` writes the file whole or not at all (sim.reports.files.stream_atomic).

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
import struct
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

import numpy as np
import pygame
from PIL import Image
from PIL.GifImagePlugin import getdata

from sim.reports.brief import brief
from sim.reports.files import stream_atomic
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
MAX_FRAMES = 1000           # most frames of one animation (time and file size; memory holds about one frame)
MAX_SIZE = (1920, 1080)     # largest frame (pixels)
MAX_PIXEL_FRAMES = 240_000_000   # most pixels × frames (1,000 frames of 640×360): big frames' time and file size
MAX_STEP_FRAMES = 400       # one frame per step up to this many steps; longer plays take several steps a frame
MAX_DELAY_MS = 65_000       # longest a frame is shown when identical frames merge (GIF and APNG store 16 bits)
PALETTE_SAMPLES = 6         # frames the shared palette is built from
KEPT_COLOURS = 64           # palette entries kept for small areas' colours that a median cut would merge
KEPT_MIN_PIXELS = 12        # pixels a colour must cover in the sample frames to be kept so
KEPT_SAMPLES = 48           # frames those colours are counted in
UNCHANGED = 255             # palette index of the pixels a frame leaves as the frame before


class AnimationError(ValueError):
    """An animation that cannot be made as asked (too many frames); the message says why."""


@dataclass(frozen=True)
class Frame:
    """One frame: its pixels (RGB, row by row) and how long it is shown (ms)."""

    rgb: bytes
    size: tuple[int, int]
    ms: int

    def image(self) -> Image.Image:
        """The frame as a Pillow RGB image."""
        return Image.frombytes("RGB", self.size, self.rgb)


def replay_of(state: Mode, size: tuple[int, int] | None = None) -> Mode:
    """A fresh mode that plays what ``state`` plays (its scenario, its racers' step sizes or its
    number of players, its toggles) from the start, in a window of ``size`` pixels."""
    size = state.size if size is None else size
    fresh = type(state).for_play(state.play, lang=state.lang, size=size)
    fresh.toggles = type(state.toggles)(**vars(state.toggles))
    fresh.toggles.help = False
    return fresh


def _twin(state: Mode) -> Mode:
    """A fresh mode that ``frames`` plays exactly as ``state`` (at its start): the same frames."""
    twin = replay_of(state)
    twin.toggles.help, twin.speed, twin.paused = state.toggles.help, state.speed, state.paused
    return twin


def recording_size(window: tuple[int, int]) -> tuple[int, int]:
    """The frame size of a recording of a window of ``window`` pixels: its shape, with at most
    as many pixels as DEFAULT_SIZE (small files, quick to make) unless that would be below the
    layout's MIN_SIZE."""
    w, h = window
    scale = min(1.0, ((DEFAULT_SIZE[0] * DEFAULT_SIZE[1]) / (w * h)) ** 0.5)
    scale = min(1.0, max(scale, MIN_SIZE[0] / w, MIN_SIZE[1] / h))
    return round(w * scale), round(h * scale)


def frames_needed(steps: int, speed: float, fps: float | None) -> int:
    """How many frames ``frames`` makes of a play of ``steps`` steps at ``speed`` steps/s that
    ends (at most; a frame per step up to MAX_STEP_FRAMES steps, else fewer)."""
    ending = math.ceil(ENDING_SECONDS * (ENDING_FPS if fps is None else fps))
    if fps is None:
        return 1 + math.ceil(steps / _stride(steps)) + ending
    return 1 + math.ceil((steps / speed + STEP_SECONDS) * fps) + ending


def _stride(steps: int) -> int:
    """Steps per frame of the frame-per-step recording."""
    return max(1, math.ceil(steps / MAX_STEP_FRAMES))


def check_size(size: Any, most: tuple[int, int] = MAX_SIZE) -> tuple[int, int]:
    """``size`` as (width, height) if it is a pair of whole numbers from MIN_SIZE to ``most`` (an
    animation's frames: MAX_SIZE); else TypeError or ValueError naming it."""
    if not isinstance(size, (tuple, list)) or len(size) != 2 or not all(
            isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in size):
        raise TypeError(f"size must be a pair of whole numbers (width, height) in pixels, got {brief(size)}")
    w, h = (int(v) for v in size)
    if not (MIN_SIZE[0] <= w <= most[0] and MIN_SIZE[1] <= h <= most[1]):
        raise ValueError(f"size must be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {most[0]}x{most[1]} pixels, "
                         f"got {w}x{h}")
    return w, h


def frame_limit(size: tuple[int, int]) -> int:
    """The most frames of an animation of frames of ``size``: MAX_FRAMES, fewer for big frames
    (MAX_PIXEL_FRAMES), so that its time and file size are bounded."""
    return min(MAX_FRAMES, MAX_PIXEL_FRAMES // (size[0] * size[1]))


def _timeline(state: Mode, fps: float | None = None, steps: int | None = None,
              expected_steps: int | None = None) -> Iterator[int]:
    """Move ``state`` (fresh, at its start) from frame to frame as the window plays it, yielding
    before each frame is drawn how long it is shown (ms). Checks ``fps`` and the size at once;
    AnimationError past ``frame_limit``."""
    if fps is not None and not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ValueError(f"fps must be from {FPS_RANGE[0]} to {FPS_RANGE[1]}, got {fps!r}")
    most = frame_limit(check_size(state.size))

    def walking() -> bool:
        return not state.done and (steps is None or state.ticks < steps)

    def times() -> Iterator[float]:
        stride = _stride(expected_steps or 0)
        yield 1000 / state.speed if fps is None else 1000 / fps
        state.paused = False
        while walking():
            if fps is None:
                for _ in range(stride):
                    if walking():
                        state.step_once()   # pauses: the step's animation plays to rest, no further step
                state.advance(state.step_seconds)
                state.paused = False        # the panel says walking, as in the window
                yield 1000 * stride / state.speed
            else:
                state.advance(1 / fps)
                yield 1000 / fps
        if state.done:
            rate = ENDING_FPS if fps is None else fps
            for _ in range(math.ceil(ENDING_SECONDS * rate)):
                state.advance(1 / rate)
                yield 1000 / rate

    def counted() -> Iterator[int]:
        for k, ms in enumerate(times()):
            if k >= most:
                raise AnimationError(f"an animation of {state.size[0]}x{state.size[1]} has at most {most} frames; "
                                     f"use a lower fps or a smaller size")
            yield round(ms)
    return counted()


def frames(state: Mode, *, fps: float | None = None, steps: int | None = None,
           expected_steps: int | None = None) -> Iterator[Frame]:
    """Play ``state`` (fresh, at its start) as the window does and yield its frames one by one.

    ``fps`` None: a frame at the start, one per step with the players at rest where it took them
    (several steps a frame when ``expected_steps`` is over MAX_STEP_FRAMES), each shown 1/speed s;
    else frames every 1/fps s of the window's time. Stops after ``steps`` steps (None: at the end);
    a play that ended gets its ending, and the last frame is held HOLD_MS."""
    timeline = _timeline(state, fps, steps, expected_steps)

    def drawn() -> Iterator[Frame]:
        draw, held = _drawer(state), None
        for ms in timeline:
            if held is not None:
                yield held
            held = Frame(draw(), state.size, ms)
        if held is not None:
            yield replace(held, ms=HOLD_MS)
    return drawn()


def _drawer(state: Mode):
    """A function that draws ``state`` as it is now off-screen and returns its RGB bytes."""
    if not pygame.font.get_init():
        pygame.font.init()
    scene, surface = Scene(), pygame.Surface(state.size)

    def draw() -> bytes:
        scene.draw(surface, state, prompts=False)
        return pygame.image.tobytes(surface, "RGB")
    return draw


def write_animation(state: Mode, file: BinaryIO, kind: str, *, fps: float | None = None,
                    steps: int | None = None, expected_steps: int | None = None) -> int:
    """Play ``state`` (fresh, at its start; see ``frames``) and write it into ``file`` (seekable)
    as an animation of ``kind`` (one of ANIMATION_KINDS) that loops for ever, frame by frame.
    Returns the number of frames recorded (identical frames in a row are stored as one)."""
    kind = kind.lower()
    if kind not in ANIMATION_KINDS:
        raise ValueError(f"an animation must be one of {', '.join(ANIMATION_KINDS)}, got {kind!r}")
    played = frames(state, fps=fps, steps=steps, expected_steps=expected_steps)   # checks fps and size now
    count = sum(1 for _ in _timeline(_twin(state), fps, steps, expected_steps))   # too long: refused here
    if kind == ".webp":   # WebP keeps full colour and compresses the differences itself
        _write_webp(file, played, state.size)
        return count
    palette = shared_palette(_twin(state), count, fps=fps, steps=steps, expected_steps=expected_steps)
    write = _write_gif if kind == ".gif" else _write_apng
    write(file, state.size, palette, _changes(played, palette))
    return count


def save_animation(state: Mode, path: str | os.PathLike, *, fps: float | None = None,
                   steps: int | None = None, expected_steps: int | None = None) -> int:
    """Play ``state`` (see ``frames``) and save it at ``path``, whose suffix picks the kind
    (ANIMATION_KINDS), frame by frame; the file appears whole or not at all. Returns the number
    of frames."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in ANIMATION_KINDS:
        raise ValueError(f"an animation file must end in {', '.join(ANIMATION_KINDS)}, got {str(path)!r}")
    if not path.parent.is_dir():   # before the recording, not after
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(path.parent)!r} does not exist")
    with stream_atomic(path) as file:
        return write_animation(state, file, kind, fps=fps, steps=steps, expected_steps=expected_steps)


# -- the shared palette -----------------------------------------------------------------------------

def shared_palette(state: Mode, count: int, **play: Any) -> Image.Image:
    """One 255-colour palette for every frame of ``state`` played (``count`` frames; ``play``: the
    keywords of ``frames``); the 256th index, UNCHANGED, stays free for the pixels a frame leaves
    as they were, so colours do not flicker.

    A median cut of PALETTE_SAMPLES frames spread from the first to the last (so the ending's
    colours are in it; every other pixel, a quarter of the memory) gives most entries to the
    colours that cover most pixels (sand, sea, heatmap), and would merge a small sprite's colour
    (the watermelon's green, a probe) into a neighbour; so the last KEPT_COLOURS entries go, one
    at a time, to the colour that the palette so far shows worst (squared error times the square
    root of its pixels), among the colours of at least KEPT_MIN_PIXELS pixels in up to
    KEPT_SAMPLES frames. Only the sample frames are drawn, one at a time; ``state`` is played to
    its end."""
    w, h = state.size
    cut_at, kept_at = _spread(count, PALETTE_SAMPLES), _spread(count, KEPT_SAMPLES)
    sheet = Image.new("RGB", (w // 2, h // 2 * len(cut_at)))   # every other pixel: large areas' colours
    colours, counts = np.zeros(0, np.uint32), np.zeros(0, np.int64)
    draw = _drawer(state)
    for k, _ in enumerate(_timeline(state, **play)):
        if k not in cut_at and k not in kept_at:
            continue
        rgb = draw()
        if k in cut_at:
            half = Image.frombytes("RGB", (w, h), rgb).resize((w // 2, h // 2), Image.Resampling.NEAREST)
            sheet.paste(half, (0, h // 2 * cut_at.index(k)))
        if k in kept_at:
            colours, counts = _add_colours(colours, counts, rgb)
    cut = sheet.quantize(colors=UNCHANGED - KEPT_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    entries = np.array(cut.getpalette()[: 3 * (UNCHANGED - KEPT_COLOURS)], float).reshape(-1, 3)
    values, weight = colours[counts >= KEPT_MIN_PIXELS], np.sqrt(counts[counts >= KEPT_MIN_PIXELS])
    rgbs = np.stack([values >> 16, (values >> 8) & 255, values & 255], axis=1).astype(float)
    worst = np.concatenate([((rgbs[k: k + 256, None, :] - entries[None, :, :]) ** 2).sum(axis=2).min(axis=1)
                            for k in range(0, len(rgbs), 256)] or [np.zeros(0)])   # 256 colours at a time
    kept = []
    for _ in range(min(KEPT_COLOURS, len(rgbs))):
        k = int(np.argmax(worst * weight))
        if worst[k] == 0:
            break
        kept.append(rgbs[k])
        worst = np.minimum(worst, ((rgbs - rgbs[k]) ** 2).sum(axis=1))
    palette = Image.new("P", (1, 1))
    palette.putpalette([int(v) for v in np.vstack([entries, *kept]).ravel()])
    return palette


def _spread(count: int, most: int) -> list[int]:
    """Up to ``most`` frame numbers of ``count`` frames spread evenly from the first to the last."""
    return sorted({round(k * (count - 1) / max(1, most - 1)) for k in range(most)})


def _add_colours(colours: np.ndarray, counts: np.ndarray, rgb: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The colours (packed 0xRRGGBB, sorted) and their pixel counts, with a frame's pixels added."""
    pixels = np.frombuffer(rgb, np.uint8).reshape(-1, 3).astype(np.uint32)
    new, many = np.unique(pixels[:, 0] << 16 | pixels[:, 1] << 8 | pixels[:, 2], return_counts=True)
    merged, where = np.unique(np.concatenate([colours, new]), return_inverse=True)
    return merged, np.bincount(where, weights=np.concatenate([counts, many]), minlength=len(merged)).astype(np.int64)


# -- the writers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Change:
    """A frame as the part that changed from the frame before: palette indices (UNCHANGED where a
    pixel stays as it was), where their rectangle's top left is, and how long it is shown (ms)."""

    indices: np.ndarray
    at: tuple[int, int]
    ms: int


def _changes(played: Iterable[Frame], palette: Image.Image) -> Iterator[_Change]:
    """The frames in ``palette``'s colours as changes, the first whole; a frame that changes
    nothing adds its time to the one before (up to MAX_DELAY_MS)."""
    before, held = None, None
    for frame in played:
        indices = np.asarray(frame.image().quantize(palette=palette, dither=Image.Dither.NONE))
        if before is None:
            held = _Change(indices, (0, 0), frame.ms)
        else:
            changed = indices != before
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            if not len(rows) and held.ms + frame.ms <= MAX_DELAY_MS:
                held = replace(held, ms=held.ms + frame.ms)
                continue
            yield held
            if not len(rows):   # too long to merge: one unchanged pixel
                rows, cols = np.array([0]), np.array([0])
            box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
            part = np.where(changed[box], indices[box], UNCHANGED).astype(np.uint8)
            held = _Change(part, (int(cols[0]), int(rows[0])), frame.ms)
        before = indices
    if held is not None:
        yield held


def _palette_bytes(palette: Image.Image) -> bytes:
    """The palette's 256 entries as RGB bytes (unused ones black)."""
    return bytes(palette.getpalette()[:768]).ljust(768, b"\0")


def _write_gif(file: BinaryIO, size: tuple[int, int], palette: Image.Image, changes: Iterable[_Change]) -> None:
    """A GIF89a: the logical screen with the global palette and a loop for ever, then each change
    as an image under a graphic control (its delay; disposal 1 keeps it under the next; UNCHANGED
    transparent), LZW-coded by Pillow."""
    file.write(b"GIF89a" + struct.pack("<HHBBB", *size, 0xF7, 0, 0) + _palette_bytes(palette))
    file.write(b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00")   # loop for ever
    for n, change in enumerate(changes):
        see_through = {} if n == 0 else {"transparency": UNCHANGED}
        for block in getdata(Image.fromarray(change.indices, "P"), change.at, duration=change.ms, disposal=1,
                             **see_through):
            file.write(block)
    file.write(b";")


def _write_apng(file: BinaryIO, size: tuple[int, int], palette: Image.Image, changes: Iterable[_Change]) -> None:
    """An animated PNG: the palette (UNCHANGED transparent), then each change as a frame control
    (its rectangle and delay; no disposal, blended over the frame before) and its rows (filter 0,
    zlib); the frame count in acTL is written once all are written (``file`` is seekable)."""
    def chunk(kind: bytes, data: bytes) -> None:
        file.write(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data)))

    file.write(b"\x89PNG\r\n\x1a\n")
    chunk(b"IHDR", struct.pack(">IIBBBBB", *size, 8, 3, 0, 0, 0))
    actl_at = file.tell()
    chunk(b"acTL", struct.pack(">II", 0, 0))
    chunk(b"PLTE", _palette_bytes(palette))
    chunk(b"tRNS", b"\xff" * UNCHANGED + b"\0")
    sequence = 0
    for n, change in enumerate(changes):
        h, w = change.indices.shape
        delay = (change.ms, 1000) if change.ms < 1 << 16 else (round(change.ms / 10), 100)
        chunk(b"fcTL", struct.pack(">IIIIIHHBB", sequence, w, h, *change.at, *delay, 0, 1 if n else 0))
        rows = np.concatenate([np.zeros((h, 1), np.uint8), change.indices], axis=1)   # filter 0 before each row
        data = zlib.compress(rows.tobytes())
        if n == 0:
            chunk(b"IDAT", data)
            sequence += 1
        else:
            chunk(b"fdAT", struct.pack(">I", sequence + 1) + data)
            sequence += 2
    chunk(b"IEND", b"")
    end = file.tell()
    file.seek(actl_at)
    chunk(b"acTL", struct.pack(">II", n + 1, 0))
    file.seek(end)


def _write_webp(file: BinaryIO, played: Iterable[Frame], size: tuple[int, int]) -> None:
    """A lossy WebP (quality 80) that loops for ever, each frame handed to libwebp's animation
    encoder as it comes (Pillow's WebP writer would collect every frame first)."""
    from PIL import _webp   # the encoder behind Pillow's WebP writer (absent where Pillow has no WebP)

    encoder = _webp.WebPAnimEncoder(size, 0, 0, False, 3, 5, False, False)   # background, loop, kmin, kmax as Pillow's
    at = 0
    for frame in played:
        encoder.add(frame.image().getim(), at, False, 80.0, 100, 4)
        at += frame.ms
    encoder.add(None, at, False, 80.0, 100, 0)
    data = encoder.assemble(b"", b"", b"")
    if data is None:
        raise OSError("cannot write a WebP (the encoder returned nothing)")
    file.write(data)
