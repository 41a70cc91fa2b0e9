"""Sound effects that degrade silently: no audio device, no mixer or muted means no sound.

``Sounds.played`` keeps the latest PLAYED_KEPT names the game asked to play, audible or not (what
was heard lately, even without an audio device); it never grows past that.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Iterator

import pygame

from game.assets import asset_path

SOUND_NAMES: tuple[str, ...] = ("split", "swing", "splash", "step", "shout", "tired")
PLAYED_KEPT = 256   # names Sounds.played keeps, the latest


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C libraries (ALSA, PulseAudio) that print to fd 2 while no audio device is found."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    """The game's sound effects, loaded lazily from assets/sounds/ on first use.

    ``enabled=False`` (or setting ``enabled`` later) mutes them; ``volume`` is 0..1.
    """

    def __init__(self, enabled: bool = True, volume: float = 0.7) -> None:
        if not 0.0 <= volume <= 1.0:
            raise ValueError(f"volume must be between 0 and 1, got {volume!r}")
        self.enabled = enabled
        self.volume = volume
        self.played: deque[str] = deque(maxlen=PLAYED_KEPT)
        self._mixer_ok: bool | None = None  # None: not tried yet
        self._cache: dict[str, pygame.mixer.Sound | None] = {}

    @property
    def available(self) -> bool:
        """Whether sound can be heard: enabled and the mixer started (tries to start it)."""
        return self.enabled and self._mixer()

    def play(self, name: str) -> None:
        """Play the effect ``name`` (one of ``SOUND_NAMES``) if it can be heard; never raises for audio."""
        if name not in SOUND_NAMES:
            raise ValueError(f"unknown sound {name!r}; accepted: {', '.join(SOUND_NAMES)}")
        self.played.append(name)
        if not self.available:
            return
        sound = self._load(name)
        if sound is not None:
            try:
                sound.set_volume(self.volume)
                sound.play()
            except pygame.error:
                pass

    def _mixer(self) -> bool:
        if self._mixer_ok is None:
            try:
                with quiet_stderr():
                    if not pygame.mixer.get_init():
                        pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
                self._mixer_ok = bool(pygame.mixer.get_init())
            except (pygame.error, OSError, NotImplementedError):
                self._mixer_ok = False
        return self._mixer_ok

    def _load(self, name: str) -> pygame.mixer.Sound | None:
        if name not in self._cache:
            try:
                self._cache[name] = pygame.mixer.Sound(asset_path("sounds", f"{name}.wav"))
            except (pygame.error, FileNotFoundError):
                self._cache[name] = None
        return self._cache[name]
