"""Text tables whose columns line up in any script: a wide character (漢字, かな) takes two
terminal columns (Unicode's East Asian Width), a combining mark none."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Sequence


def display_width(text: str) -> int:
    """The terminal columns ``text`` takes: 2 per wide or full-width character, 0 per combining mark."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def pad(text: str, width: int, align: str = ">") -> str:
    """``text`` padded with spaces to ``width`` terminal columns, on the left (">") or the right ("<")."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == ">" else text + fill


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, its least width (terminal columns; a wider heading or
    cell widens it), its alignment (">" right, "<" left) and the spaces before it."""

    heading: str
    width: int = 0
    align: str = ">"
    gap: int = 2


def widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width: its least width, or its widest heading or cell."""
    return [max(c.width, display_width(c.heading), *(display_width(r[i]) for r in rows if i < len(r)))
            for i, c in enumerate(columns)]


def line(cells: Sequence[str], columns: Sequence[Column], width: Sequence[int]) -> str:
    """One row of cells laid out in the columns (a short row leaves the last columns empty)."""
    out = ""
    for i, (cell, column) in enumerate(zip(cells, columns)):
        out += (" " * column.gap if i else "") + pad(cell, width[i], column.align)
    return out.rstrip()


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]],
          say: Callable[[str], str] | None = None) -> list[str]:
    """The headings' line (each passed through ``say``: a report's Say) and one line per row,
    every column as wide as its widest text."""
    if say is not None:
        columns = [replace(c, heading=say(c.heading)) for c in columns]
    width = widths(columns, rows)
    return [line([c.heading for c in columns], columns, width), *(line(r, columns, width) for r in rows)]
