"""Wrapped text for the lesson's cards: lines that fit a width, in either language."""
from __future__ import annotations

import pygame

from game import assets

_NO_LINE_START = set("、。，．,.)）」』!?！？ー…・:：")   # a Japanese line never starts with these


def wrap(text: str, px: int, width: int, bold: bool = False) -> list[str]:
    """``text`` broken into lines of at most ``width`` pixels at ``px``: at spaces where it has them,
    else between characters (Japanese), never before closing punctuation. Newlines are kept."""
    font = assets.font(px, bold)
    lines: list[str] = []
    for para in text.split("\n"):
        spaced = " " in para
        units = para.split(" ") if spaced else list(para)
        line = ""
        for unit in units:
            trial = (line + " " + unit if line else unit) if spaced else line + unit
            if font.size(trial)[0] <= width or not line or (not spaced and unit in _NO_LINE_START):
                line = trial
            else:
                lines.append(line)
                line = unit
        lines.append(line)
    return lines


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
