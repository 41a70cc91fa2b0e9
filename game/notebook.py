"""Walks, races, populations and sweeps as pictures inside a Jupyter notebook; no window opens.

    from game.notebook import picture, animation
    walk = Walk(Scenario(lr=0.3)); walk.run()
    picture(walk)       # the final scene with its charts, shown inline (a PNG)
    animation(walk)     # the walk as the window plays it, shown inline (a GIF)

``picture`` takes a Walk, Race or Population as it is now (run it first to see its end), a
SweepResult (its three charts) or a HyperparameterMap (sim.walking.grid: a panel per measure);
``animation`` replays a Walk, Race or Population from its start
(game.animation). Both return objects that Jupyter shows by themselves (``_repr_png_``,
``_repr_html_``) and that hold the file's bytes (``.data``) and can ``.save(path)`` them.
IPython is not needed: ``IPython.display.Image(data=a.data)`` works too where it is installed.

Importing this module makes pygame draw off-screen (SDL's dummy video driver, unless one is
chosen already); sim/ stays free of pygame.
"""
from __future__ import annotations

import base64
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from PIL import Image  # noqa: E402  (after the drivers are chosen)

from game import animation as anim  # noqa: E402
from game.experiment_charts import save_sweep_png  # noqa: E402
from game.map_charts import MAP_SIZE, save_map_png  # noqa: E402
from game.modes import view_of  # noqa: E402
from game.scene import render_png  # noqa: E402
from game.stage import MAX_SIZE  # noqa: E402
from sim import HyperparameterMap, Play, Population, Race, SweepResult, Walk  # noqa: E402
from sim.reports.files import check_output_path, write_atomic  # noqa: E402

PICTURE_SIZE = (960, 540)   # pixels of a scene picture unless a size is given


@dataclass(frozen=True)
class Picture:
    """A PNG picture that a notebook shows inline."""

    data: bytes   # the PNG file

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels."""
        return Image.open(io.BytesIO(self.data)).size

    def _repr_png_(self) -> bytes:
        return self.data

    def save(self, path: str | os.PathLike) -> None:
        """Write the PNG at ``path`` (ending in .png), whole or not at all."""
        write_atomic(check_output_path(path, kinds=(".png",)), self.data)


@dataclass(frozen=True)
class Animation:
    """An animated GIF (or WebP) that a notebook shows inline."""

    data: bytes   # the file
    frames: int
    kind: str = ".gif"

    def _repr_html_(self) -> str:
        mime = {".gif": "image/gif", ".png": "image/png", ".webp": "image/webp"}[self.kind]
        return f'<img src="data:{mime};base64,{base64.b64encode(self.data).decode()}" alt="Suika-wari"/>'

    def save(self, path: str | os.PathLike) -> None:
        """Write the file at ``path`` (ending in this animation's kind), whole or not at all."""
        write_atomic(check_output_path(path, kinds=(self.kind,)), self.data)


def picture(thing: Walk | Race | Population | SweepResult | HyperparameterMap, *, lang: str = "en",
            size: tuple[int, int] | None = None) -> Picture:
    """The scene of a walk, race or population as it is now (its ending shown once it has ended,
    with the loss heatmap and the charts; a map's CellWalk too), a sweep's charts (their own size)
    or a hyperparameter map's panels, as a PNG of ``size`` pixels (default PICTURE_SIZE for a
    scene, MAP_SIZE for a map; TypeError or ValueError for one that is not a pair of whole numbers
    from 480x320 to 7680x4320)."""
    if not isinstance(thing, (SweepResult, HyperparameterMap, Play)):
        raise TypeError(f"picture() shows a Walk, Race, Population, SweepResult or HyperparameterMap, "
                        f"got {type(thing).__name__}")
    if size is not None:
        size = anim.check_size(size, most=MAX_SIZE)
    with tempfile.TemporaryDirectory(prefix="suikawari-") as folder:
        path = Path(folder) / "picture.png"
        if isinstance(thing, SweepResult):
            save_sweep_png(thing, path, lang=lang)
        elif isinstance(thing, HyperparameterMap):
            save_map_png(thing, path, size=size or MAP_SIZE, lang=lang)
        else:
            render_png(thing, path, lang=lang, size=size or PICTURE_SIZE)
        return Picture(path.read_bytes())


def animation(thing: Walk | Race | Population, *, lang: str = "en", size: tuple[int, int] = anim.DEFAULT_SIZE,
              fps: float | None = None, kind: str = ".gif") -> Animation:
    """The play of a walk, race or population from its start, as the window plays it (one frame
    per step, or ``fps`` frames a second; see game.animation), as a looping GIF (or ``kind``
    ".png" for an animated PNG, ".webp"). The thing itself is not changed: a fresh one with its settings is played."""
    if not isinstance(thing, Play):
        raise TypeError(f"animation() plays a Walk, Race or Population, got {type(thing).__name__}")
    state = view_of(thing, lang=lang, size=anim.check_size(size))
    buffer = io.BytesIO()
    frames = anim.write_animation(state, buffer, kind, fps=fps, expected_steps=thing.steps if thing.done else None)
    return Animation(buffer.getvalue(), frames, kind.lower())
