"""One picture of the five beaches with character: each beach's default walk, ended, over its heatmap.

    SDL_VIDEODRIVER=dummy uv run python scripts/make_beaches_picture.py docs/beaches.png [--lang ja]

Each tile is the beach part of the scene the window shows (``Scene.draw``), with a caption naming
the beach and how its walk ended.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game import assets, i18n  # noqa: E402
from game.png import save_png  # noqa: E402
from game.choreography import ENDING_SHOWN_AT  # noqa: E402
from game.modes import showing  # noqa: E402
from game.scene import Scene, layout  # noqa: E402
from sim import SCENARIOS, Walk  # noqa: E402
from sim.beach.beaches import BEACH_NAMES  # noqa: E402

SCENE = (1100, 800)   # pixels of each scene drawn; its beach part is cut out and shrunk to TILE wide
TILE = 420
COLS = 3
BACK = (250, 244, 230)
INK = (40, 30, 20)


def tile(name: str, lang: str) -> pygame.Surface:
    """The beach part of the ended default walk of ``name``, TILE wide, captioned."""
    walk = Walk(SCENARIOS[name])
    result = walk.run()
    state = showing(walk, lang=lang, size=SCENE, ending_t=ENDING_SHOWN_AT)
    state.toggles.heatmap = True
    frame = pygame.Surface(SCENE)
    Scene().draw(frame, state, prompts=False)
    beach = frame.subsurface(layout(SCENE).beach)
    h = round(beach.get_height() * TILE / beach.get_width())
    small = pygame.transform.smoothscale(beach, (TILE, h))
    label = i18n.tr(f"loss.{name}", lang)
    label = label if label.startswith(name) else f"{name}: {label}"
    caption = assets.text(f"{label} · {i18n.tr(f'outcome_name.{result.outcome}', lang)} ({result.steps})",
                          17, INK, bold=True)
    out = pygame.Surface((TILE, h + caption.get_height() + 8))
    out.fill(BACK)
    out.blit(small, (0, 0))
    out.blit(caption, ((TILE - caption.get_width()) // 2, h + 4))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    args = parser.parse_args()
    pygame.font.init()
    tiles = [tile(name, args.lang) for name in BEACH_NAMES]
    gap = 10
    th = max(t.get_height() for t in tiles)
    rows = (len(tiles) + COLS - 1) // COLS
    sheet = pygame.Surface((COLS * TILE + (COLS + 1) * gap, rows * th + (rows + 1) * gap))
    sheet.fill(BACK)
    for i, t in enumerate(tiles):
        row, col = divmod(i, COLS)
        in_row = min(COLS, len(tiles) - row * COLS)
        left = (sheet.get_width() - in_row * TILE - (in_row - 1) * gap) // 2   # the last row centred
        sheet.blit(t, (left + col * (TILE + gap), gap + row * (th + gap)))
    save_png(sheet, args.path)


if __name__ == "__main__":
    main()
