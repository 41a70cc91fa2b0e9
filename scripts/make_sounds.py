"""Synthesise the game's sound effects into assets/sounds/ (16-bit mono 22050 Hz WAVs).

    uv run python scripts/make_sounds.py [--out DIR]

Everything is made here from seeded noise and sine waves with numpy: no recordings, no
external files. The same numpy gives byte-identical files on every run.
"""

from __future__ import annotations

import argparse
import math
import wave
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

RATE = 22050  # samples per second
PEAK = 0.8  # peak level as a fraction of full scale
ROOT = Path(__file__).resolve().parent.parent


def _t(seconds: float) -> np.ndarray:
    """Sample times in seconds for a sound ``seconds`` long."""
    return np.arange(int(round(seconds * RATE))) / RATE


def _envelope(t: np.ndarray, attack: float, decay: float) -> np.ndarray:
    """Linear rise over ``attack`` seconds, then exponential fall with time constant ``decay`` s."""
    rise = np.clip(t / attack, 0.0, 1.0) if attack > 0 else np.ones_like(t)
    return rise * np.exp(-np.maximum(t - attack, 0.0) / decay)


def _lowpass(x: np.ndarray, cutoff_hz: float) -> np.ndarray:
    """One-pole low-pass filter."""
    a = math.exp(-2 * math.pi * cutoff_hz / RATE)
    y = np.empty_like(x)
    acc = 0.0
    for i, v in enumerate(x):
        acc = (1 - a) * v + a * acc
        y[i] = acc
    return y


def _bandpass(x: np.ndarray, centre_hz: np.ndarray, q: float) -> np.ndarray:
    """State-variable band-pass filter whose centre (Hz, one value per sample) may move."""
    f = 2 * np.sin(np.pi * np.minimum(centre_hz, RATE / 6) / RATE)
    damp = 1.0 / q
    low = band = 0.0
    y = np.empty_like(x)
    for i, v in enumerate(x):
        high = v - low - damp * band
        band += f[i] * high
        low += f[i] * band
        y[i] = band
    return y


def _chirp(t: np.ndarray, f0: float, f1: float) -> np.ndarray:
    """A sine sliding exponentially from ``f0`` to ``f1`` Hz over the length of ``t``."""
    freq = f0 * (f1 / f0) ** (t / t[-1])
    return np.sin(2 * np.pi * np.cumsum(freq) / RATE)


def _place(out: np.ndarray, sound: np.ndarray, at_s: float) -> None:
    """Mix ``sound`` into ``out`` from ``at_s`` seconds on, its last fifth faded out (no clicks)."""
    tail = max(1, sound.size // 5)
    sound = sound.copy()
    sound[sound.size - tail:] *= np.cos(np.linspace(0.0, np.pi / 2, tail)) ** 2
    start = int(at_s * RATE)
    end = min(len(out), start + len(sound))
    out[start:end] += sound[: end - start]


def split(rng: np.random.Generator) -> np.ndarray:
    """A juicy crack (sharp noise burst and a low thump), then a wet splat with drips."""
    t = _t(0.75)
    crack = rng.standard_normal(t.size) * _envelope(t, 0.001, 0.012)
    thump = _chirp(t, 140, 45) * _envelope(t, 0.002, 0.08)
    splat_t = _t(0.72)
    splat = _lowpass(rng.standard_normal(splat_t.size), 1800) * _envelope(splat_t, 0.01, 0.12)
    out = 0.7 * crack + 0.9 * thump
    _place(out, 3.0 * splat, 0.03)
    for _ in range(7):  # drips and seeds landing
        dt = _t(rng.uniform(0.03, 0.06))
        drip = _chirp(dt, rng.uniform(500, 900), rng.uniform(1200, 2000)) * _envelope(dt, 0.002, 0.015)
        _place(out, 0.25 * drip, rng.uniform(0.12, 0.6))
    return out


def swing(rng: np.random.Generator) -> np.ndarray:
    """A whoosh: noise through a band-pass that sweeps up and back down."""
    t = _t(0.45)
    shape = np.sin(np.pi * t / t[-1]) ** 2
    centre = 300 + 1500 * shape
    return _bandpass(rng.standard_normal(t.size), centre, 3.0) * shape


def splash(rng: np.random.Generator) -> np.ndarray:
    """Water: a burst of hissing noise that settles, with bubbles popping."""
    t = _t(0.95)
    noise = rng.standard_normal(t.size)
    hiss = (noise - _lowpass(noise, 900)) * _envelope(t, 0.015, 0.18)
    body = _lowpass(rng.standard_normal(t.size), 600) * _envelope(t, 0.005, 0.1) * 4
    out = 0.6 * hiss + body
    for _ in range(12):
        bt = _t(rng.uniform(0.02, 0.05))
        bubble = _chirp(bt, rng.uniform(400, 700), rng.uniform(900, 1600)) * _envelope(bt, 0.002, 0.012)
        _place(out, 0.3 * bubble, rng.uniform(0.08, 0.8))
    return out


def step(rng: np.random.Generator) -> np.ndarray:
    """A soft footstep in sand: a few grains of muffled crunch."""
    t = _t(0.16)
    out = np.zeros(t.size)
    for at in (0.0, 0.02, 0.045):
        gt = _t(0.1)
        grain = _lowpass(rng.standard_normal(gt.size), 1200) * _envelope(gt, 0.004, 0.025)
        _place(out, grain * rng.uniform(0.6, 1.0), at)
    return out


def shout(rng: np.random.Generator) -> np.ndarray:
    """A short cheerful blip: two rising notes with a little brightness."""
    out = np.zeros(_t(0.2).size)
    for at, freq in ((0.0, 660.0), (0.08, 990.0)):
        nt = _t(0.12)
        phase = 2 * np.pi * freq * nt
        tone = np.sin(phase) + 0.3 * np.sin(2 * phase) + 0.1 * np.sin(3 * phase)
        _place(out, tone * _envelope(nt, 0.005, 0.04), at)
    return out


def tired(rng: np.random.Generator) -> np.ndarray:
    """A sigh: a breathy tone sliding down with a slow wobble."""
    t = _t(1.0)
    freq = 420 * (0.5 ** (t / t[-1])) * (1 + 0.015 * np.sin(2 * np.pi * 5 * t))
    tone = np.sin(2 * np.pi * np.cumsum(freq) / RATE)
    breath = _bandpass(rng.standard_normal(t.size), freq * 2, 2.0)
    shape = np.sin(np.pi * np.minimum(t / 0.9, 1.0)) ** 1.5
    return (tone + 0.5 * breath) * shape


SOUNDS: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "split": split,
    "swing": swing,
    "splash": splash,
    "step": step,
    "shout": shout,
    "tired": tired,
}


def to_pcm16(x: np.ndarray) -> bytes:
    """Normalise to ``PEAK`` with short fades at both ends; little-endian 16-bit samples."""
    fade = min(64, x.size // 4)
    ramp = np.linspace(0.0, 1.0, fade)
    x = x.copy()
    x[:fade] *= ramp
    x[x.size - fade:] *= ramp[::-1]
    x *= PEAK / np.max(np.abs(x))
    return np.round(x * 32767).astype("<i2").tobytes()


def write_wav(path: Path, pcm: bytes) -> None:
    """A mono 16-bit ``RATE`` Hz WAV file."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "sounds", help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        path = args.out / f"{name}.wav"
        rng = np.random.default_rng(zlib.crc32(name.encode()))  # each sound's own fixed seed
        write_wav(path, to_pcm16(make(rng)))
        print(f"{path}: {path.stat().st_size / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
