"""Saving surfaces as PNG files that appear whole or not at all."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pygame

from sim.reports.files import write_atomic


def png_bytes(surface: pygame.Surface) -> bytes:
    """``surface`` encoded as a PNG file's bytes."""
    buffer = io.BytesIO()
    try:
        pygame.image.save(surface, buffer, "picture.png")
    except pygame.error as err:
        raise OSError(f"cannot encode a PNG: {err}") from None
    return buffer.getvalue()


def save_png(surface: pygame.Surface, path: str | os.PathLike) -> None:
    """Save ``surface`` at ``path`` (which must end in .png), whole or not at all (write_atomic)."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"a picture file must end in .png, got {str(path)!r}")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"cannot save {str(path)!r}: folder {str(path.parent)!r} does not exist")
    write_atomic(path, png_bytes(surface))
