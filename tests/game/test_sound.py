"""The synthesised WAVs, their script, and sound that degrades silently."""

import os
import runpy
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.assets import asset_path
from game.sound import PLAYED_KEPT, SOUND_NAMES, Sounds

REPO = Path(__file__).resolve().parents[2]


def _samples(path: Path) -> tuple[wave._wave_params, np.ndarray]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    return params, np.frombuffer(frames, dtype="<i2").astype(float) / 32768


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_wav_is_22050_hz_mono_16_bit_small_and_audible(name):
    path = asset_path("sounds", f"{name}.wav")
    params, x = _samples(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 22050)
    assert path.stat().st_size < 60_000
    assert 0.1 <= params.nframes / 22050 <= 1.2  # seconds
    assert np.sqrt(np.mean(x**2)) > 0.03  # RMS, full scale 1
    assert np.max(np.abs(x)) < 0.99  # no clipping
    assert abs(x[0]) < 0.01 and abs(x[-1]) < 0.01  # no click at either end


def test_the_sounds_differ():
    spectra = {}
    for name in SOUND_NAMES:
        _, x = _samples(asset_path("sounds", f"{name}.wav"))
        spectrum = np.abs(np.fft.rfft(x, 8192))
        spectra[name] = np.sum(spectrum * np.arange(spectrum.size)) / np.sum(spectrum)
    # the blip and the sigh are tonal and low; the swing and the splash are broadband
    assert spectra["tired"] < spectra["swing"] and spectra["shout"] < spectra["splash"]


def test_make_sounds_remakes_identical_bytes(tmp_path):
    script = runpy.run_path(str(REPO / "scripts" / "make_sounds.py"))
    assert script["main"](["--out", str(tmp_path)]) == 0
    for name in SOUND_NAMES:
        assert (tmp_path / f"{name}.wav").read_bytes() == asset_path("sounds", f"{name}.wav").read_bytes()


def test_dummy_audio_driver_plays_and_records(capfd):
    assert os.environ.get("SDL_AUDIODRIVER") == "dummy"  # set by conftest.py
    s = Sounds()
    for name in SOUND_NAMES:
        s.play(name)
    assert s.available
    assert list(s.played) == list(SOUND_NAMES)
    assert pygame.mixer.get_busy()  # the effects are really playing (into the dummy device)
    assert capfd.readouterr() == ("", "")


def test_played_keeps_only_the_latest_names():
    s = Sounds(enabled=False)
    for k in range(PLAYED_KEPT + 10):
        s.play(SOUND_NAMES[k % len(SOUND_NAMES)])
    assert len(s.played) == PLAYED_KEPT
    assert list(s.played)[-3:] == [SOUND_NAMES[k % len(SOUND_NAMES)] for k in range(PLAYED_KEPT + 7, PLAYED_KEPT + 10)]


def test_muted_sounds_record_but_never_touch_the_mixer(monkeypatch, capfd):
    def fail(*args, **kwargs):
        raise AssertionError("the mixer was started while muted")

    monkeypatch.setattr(pygame.mixer, "init", fail)
    monkeypatch.setattr(pygame.mixer, "Sound", fail)
    s = Sounds(enabled=False)
    s.play("split")
    assert list(s.played) == ["split"] and not s.available
    assert capfd.readouterr() == ("", "")


def test_a_mixer_that_cannot_start_is_silent(monkeypatch, capfd):
    def broken(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    s = Sounds()
    s.play("splash")
    s.play("tired")
    assert not s.available
    assert list(s.played) == ["splash", "tired"]
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("driver", ["alsa", "no-such-driver"])
def test_no_audio_device_prints_nothing(driver):
    """A real run without a sound card (ALSA with no card, or a driver that does not exist)."""
    code = "from game.sound import Sounds\ns = Sounds()\nfor n in ('split', 'step'): s.play(n)\nprint(list(s.played))"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SDL_AUDIODRIVER": driver,
           "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout == "['split', 'step']\n"
    assert out.stderr == ""


def test_bad_names_and_volumes_are_named():
    with pytest.raises(ValueError, match="'crash'.*split"):
        Sounds(enabled=False).play("crash")
    with pytest.raises(ValueError, match="volume"):
        Sounds(volume=2.0)
