"""Wrapped text for the lesson's cards: lines that fit a width, in either language."""
from __future__ import annotations

import re
from functools import lru_cache

import pygame

from game import assets

_TOKENS = re.compile(r"[!-~]+|\s|.")   # a run of printable ASCII (a word, a number), a space, any other character
_NO_LINE_START = set("、。，．,.)）」』!?！？ー…・:：")   # a Japanese line never starts with these


def wrap(text: str, px: int, width: int, bold: bool = False) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels at ``px``: at spaces where it has them,
    else between characters (Japanese), never before closing punctuation. Newlines are kept.
    Cached: a frame wraps the same texts as the last."""
    return list(_wrapped(text, px, width, bold))


@lru_cache(maxsize=512)
def _wrapped(text: str, px: int, width: int, bold: bool) -> tuple[str, ...]:
    font = assets.font(px, bold)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for token in _TOKENS.findall(para):      # words of ASCII, spaces, and single other characters
            trial = line + token
            if font.size(trial.rstrip())[0] <= width or not line.strip() or token in _NO_LINE_START:
                line = trial
            elif token.isspace():
                lines.append(line.rstrip())
                line = ""
            else:
                lines.append(line.rstrip())
                line = token
        lines.append(line.rstrip())
    return tuple(lines)


def draw_lines(surf: pygame.Surface, lines: list[str], px: int, colour, x: int, y: int,
               bold: bool = False) -> int:
    """Draw ``lines`` from (x, y) down, one line height apart; returns the y below the last one (pixels)."""
    step = line_height(px)
    for line in lines:
        surf.blit(assets.text(line, px, colour, bold), (x, y))
        y += step
    return y


def line_height(px: int) -> int:
    """The font's own line height at ``px`` (about 1.45 px): rendered lines this far apart never overlap."""
    return assets.font(px).get_linesize()
