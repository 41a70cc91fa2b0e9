"""Saving surfaces as PNG files that appear whole or not at all."""
from __future__ import annotations

import os
from pathlib import Path

import pygame

from sim.reports.files import Outputs


def save_png(surface: pygame.Surface, path: str | os.PathLike) -> None:
    """Save ``surface`` at ``path`` (which must end in .png) through a temporary file beside it."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"a picture file must end in .png, got {str(path)!r}")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(path.parent)!r} does not exist")
    with Outputs() as outputs:
        tmp = outputs.temp_for(path)
        try:
            pygame.image.save(surface, str(tmp))
        except pygame.error as err:
            raise OSError(f"cannot save {str(path)!r}: {err}") from None
