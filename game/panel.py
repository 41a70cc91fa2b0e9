"""The side panel: its title, the mode's HUD rows and table laid out to fit, and where the charts go.

A mode gives the rows (``hud_rows``), the table (``hud_table``) and the charts (``chart_specs``);
this module lays the text out at the largest font size that fits the panel (``panel_layout``),
draws it (``draw_panel``) and shares out the room left among the charts (``chart_rects``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game import assets, i18n
from game.chart import chart_grid, fit_text

if TYPE_CHECKING:
    from game.modes.base import Mode

PANEL = (250, 243, 226)
PANEL_EDGE = (214, 190, 140)
STRIPE = (244, 234, 210)
INK = (38, 52, 74)
MUTED = (110, 120, 135)
ACCENT = (210, 60, 70)
OUTCOME_INK = {"hit": (200, 40, 60), "stuck": (110, 80, 160), "diverged": (20, 100, 180), "max_steps": (190, 110, 30)}
MIN_CHART_PX = 150   # a chart that is not essential is left out when it would get less height than this

@dataclass(frozen=True)
class Table:
    """A small table under the HUD rows: a header, rows of cells, and a colour swatch before
    each row's first cell (a racer's colour) or before each header cell (a group's colour)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_colours: tuple[tuple[int, int, int] | None, ...] = ()
    header_colours: tuple[tuple[int, int, int] | None, ...] = ()


def chart_rects(area: pygame.Rect, count: int, required: int) -> list[pygame.Rect]:
    """Rectangles for up to ``count`` charts in ``area``: stacked in a tall area, side by side in
    a wide one; charts past the ``required`` ones only while each still gets MIN_CHART_PX."""
    if area.h <= 60 or area.w <= 60 or count < 1:
        return []
    wide = area.w > area.h * 1.6
    n = count
    while n > required and (area.w if wide else area.h) / n < (MIN_CHART_PX * (1.6 if wide else 1)):
        n -= 1
    return chart_grid(area, n, cols=n if wide else 1, gap=max(6, round(min(area.w, area.h) * 0.03)))


# -- layout of the panel ---------------------------------------------------------------------------
MIN_ROW_PX = 11   # the HUD rows' font size (pixels per em) follows the panel's size between these
MAX_ROW_PX = 28
MIN_TEXT_PX = 11  # no label or value is drawn smaller: past this it ends in "…"


@dataclass
class Placed:
    """A text laid out in the panel: as shown (ending in "…" where it was cut short), its font
    size (pixels per em), its weight and its rectangle (pixels of the panel's surface)."""

    text: str
    px: int
    bold: bool
    rect: pygame.Rect


@dataclass(frozen=True)
class HudRow:
    """One HUD row: its label on the left, its value on the right (beside the label, or on a
    line of its own under it when it does not fit beside it) and its band of one or two lines."""

    label: Placed
    value: Placed
    band: pygame.Rect


@dataclass(frozen=True)
class PanelLayout:
    """Where everything in the panel goes (pixels of the panel's surface)."""

    title: tuple[Placed, ...]          # one line, or two split after the title's colon
    rows: tuple[HudRow, ...]
    row_px: int                        # the rows' font size
    line: int                          # the height of one line of the rows
    table: Table | None
    table_box: pygame.Rect | None
    hint: Placed
    charts: pygame.Rect                # the room left for the charts


def panel_layout(rect: pygame.Rect, state: Mode, with_table: bool = True) -> PanelLayout:
    """The panel of ``state`` laid out in ``rect`` (a side panel: from the top; a wide bottom
    panel: in its left part). The rows take the largest font size from MAX_ROW_PX down to
    MIN_ROW_PX at which they, the title and the table fit their share of the panel's height;
    where even at MIN_ROW_PX the table would run into the hint at the bottom, it is left out (a
    small window)."""
    wide = rect.w > rect.h * 1.6
    pad = max(6, round(min(rect.w, rect.h) * 0.03))
    inner = rect.inflate(-2 * pad, -2 * pad)
    hud = pygame.Rect(inner.left, inner.top, round(inner.w * 0.4), inner.h) if wide else inner
    rows, table = state.hud_rows(), state.hud_table() if with_table else None
    share = 0.55 if table is None else 0.42   # of a side panel's height; the charts get the rest
    if not state.chart_specs()[0]:
        share = 1.0                           # no charts: the text may fill the panel
    title_text = i18n.tr("title", state.lang)
    for px in range(MAX_ROW_PX, MIN_ROW_PX - 1, -1):
        line = assets.font(px).get_height() + max(1, round(px * 0.08))   # a text's box may be a pixel taller
        title = _place_title(title_text, hud, px)
        placed, y = _place_rows(rows, hud, px, line, title[-1].rect.bottom + round(px * 0.3))
        table_box = None if table is None else \
            pygame.Rect(hud.left, y + line // 4, hud.w, line * (len(table.rows) + 1))
        bottom = y if table_box is None else table_box.bottom
        hint = place_text(i18n.tr("hud.help_hint", state.lang), max(MIN_TEXT_PX, round(px * 0.85)), False,
                      hud.w, MIN_TEXT_PX)
        room = hud.h - hint.rect.h - pad if wide or share == 1.0 else hud.h * share
        if bottom - hud.top <= room:
            break
    else:   # even the smallest rows do not fit their share: leave the table out where it would run into the hint
        if table is not None and bottom > inner.bottom - hint.rect.h:
            return panel_layout(rect, state, with_table=False)
    if wide:
        hint.rect.bottomleft = hud.bottomleft
        left = hud.right + pad * 2
        charts = pygame.Rect(left, inner.top, inner.right - left, inner.h)
    else:
        hint.rect.bottomright = inner.bottomright
        top = bottom + pad
        charts = pygame.Rect(inner.left, top, inner.w, hint.rect.top - pad // 2 - top)
    return PanelLayout(title, tuple(placed), px, line, table, table_box, hint, charts)


def place_text(s: str, px: int, bold: bool, width: int, min_px: int) -> Placed:
    """``s`` at the largest size from ``px`` down to ``min_px`` at which it fits ``width``
    pixels, else cut short with "…" at ``min_px``; at (0, 0)."""
    shown, size = fit_text(s, px, max(0, width), bold, min_px)
    return Placed(shown, size, bold, pygame.Rect((0, 0), assets.font(size, bold).size(shown)))


def _place_title(title: str, hud: pygame.Rect, px: int) -> tuple[Placed, ...]:
    """The title at the top of ``hud``, a little larger than the rows: on one line, or split
    after its colon onto two where one line would have to be smaller than the rows."""
    big = round(px * 1.3)
    one = place_text(title, big, True, hud.w, px)
    head, colon, tail = title.partition("：") if "：" in title else title.partition(": ")
    if one.text == title or not colon:
        lines = [one] if one.text == title else [place_text(title, px, True, hud.w, MIN_TEXT_PX)]
    else:
        parts = (head + colon.strip(), tail)
        size = min(place_text(p, big, True, hud.w, max(MIN_TEXT_PX, round(px * 0.8))).px for p in parts)
        lines = [place_text(p, size, True, hud.w, size) for p in parts]
    y = hud.top
    for t in lines:
        t.rect.topleft = (hud.left, y)
        y = t.rect.bottom
    return tuple(lines)


def _place_rows(rows: list[tuple[str, str]], hud: pygame.Rect, px: int, line: int,
                top: int) -> tuple[list[HudRow], int]:
    """The (label, value) rows from ``top`` down, at font size ``px`` in lines ``line`` pixels
    high: a value that does not fit beside its label (even a little smaller) goes on the next
    line, and is cut short with "…" only where it does not fit there either. Returns the
    rows and the pixel row below them."""
    gap = round(px * 0.8)   # pixels kept free between a label and its value
    y, out = top, []
    for label, value in rows:
        name = place_text(label, px, False, round(hud.w * 0.6), MIN_TEXT_PX)
        shown = place_text(value, px, True, hud.w - name.rect.w - gap, max(MIN_TEXT_PX, round(px * 0.8)))
        lines = 1
        if shown.text != value:
            shown = place_text(value, px, True, hud.w, max(MIN_TEXT_PX, round(px * 0.6)))
            lines = 2
        name.rect.midleft = (hud.left, y + line // 2)
        shown.rect.midright = (hud.right, y + line * (lines - 1) + line // 2)
        out.append(HudRow(name, shown, pygame.Rect(hud.left - 3, y, hud.w + 6, line * lines)))
        y += line * lines
    return out, y


# -- drawing -------------------------------------------------------------------------------------
def draw_panel(surf: pygame.Surface, rect: pygame.Rect, state: Mode) -> pygame.Rect:
    """The title, the HUD rows and the table in ``rect`` (see panel_layout); returns the space
    left for the charts."""
    lay = panel_layout(rect, state)
    pygame.draw.rect(surf, PANEL, rect)
    if rect.w > rect.h * 1.6:
        pygame.draw.line(surf, PANEL_EDGE, rect.topleft, rect.topright, 2)
    else:
        pygame.draw.line(surf, PANEL_EDGE, rect.topleft, rect.bottomleft, 2)
    for t in lay.title:
        surf.blit(assets.text(t.text, t.px, ACCENT, bold=True), t.rect)
    outcome = state.status_outcome
    for k, row in enumerate(lay.rows):
        colour = OUTCOME_INK[outcome] if outcome and k == len(lay.rows) - 1 else INK
        if k % 2 == 0:
            pygame.draw.rect(surf, STRIPE, row.band)
        surf.blit(assets.text(row.label.text, row.label.px, MUTED), row.label.rect)
        surf.blit(assets.text(row.value.text, row.value.px, colour, bold=True), row.value.rect)
    if lay.table is not None and lay.table_box is not None:
        _draw_table(surf, lay.table_box, lay.table, lay.row_px, lay.line)
    surf.blit(assets.text(lay.hint.text, lay.hint.px, MUTED), lay.hint.rect)
    return lay.charts


def _draw_table(surf: pygame.Surface, box: pygame.Rect, table: Table, row_px: int, line: int) -> int:
    """``table`` in ``box``: the first column left-aligned after its swatch, the others
    right-aligned in equal columns; returns the row below it."""
    cols = len(table.header)
    swatch = round(row_px * 0.75)
    first_w = max([assets.font(row_px, True).size(r[0])[0] for r in table.rows] +
                  [assets.font(row_px).size(table.header[0])[0]]) + (swatch + 6 if table.row_colours else 0)
    rest = (box.w - first_w) / max(1, cols - 1)
    rights = [round(box.left + first_w + rest * (c + 1)) for c in range(cols - 1)]
    y = box.top
    pygame.draw.line(surf, PANEL_EDGE, (box.left - 3, y + line - 1), (box.right + 3, y + line - 1))
    gap = round(row_px * 0.8)   # pixels kept free between one column's text and the next
    for c, cell in enumerate(table.header):
        colour = table.header_colours[c] if c < len(table.header_colours) else None
        width = round(rest) - gap - (swatch + 5 if colour else 0)
        label = assets.text(cell, fit_size(cell, width, row_px, bold=colour is not None), INK if colour else MUTED,
                            bold=colour is not None)
        x = box.left if c == 0 else rights[c - 1] - label.get_width()
        if colour:
            dot = pygame.Rect(0, 0, swatch, swatch)
            dot.midright = (x - 5, y + line // 2)
            pygame.draw.rect(surf, colour, dot, border_radius=swatch // 2)
        surf.blit(label, (x, y + (line - row_px * 1.4) / 2))
    y += line
    for k, row in enumerate(table.rows):
        if k % 2 == 1:
            pygame.draw.rect(surf, STRIPE, pygame.Rect(box.left - 3, y - 1, box.w + 6, line))
        colour = table.row_colours[k] if k < len(table.row_colours) else None
        x = box.left
        if colour:
            dot = pygame.Rect(0, 0, swatch, swatch)
            dot.midleft = (x, y + line // 2)
            pygame.draw.rect(surf, colour, dot, border_radius=swatch // 2)
            x += swatch + 6
        for c, cell in enumerate(row):
            width = first_w if c == 0 else round(rest) - gap
            label = assets.text(cell, fit_size(cell, width, row_px, bold=c == 0), INK, bold=c == 0)
            surf.blit(label, (x if c == 0 else rights[c - 1] - label.get_width(), y + (line - row_px * 1.4) / 2))
        y += line
    return y


def fit_size(s: str, width: int, size: int, bold: bool = False) -> int:
    """The largest font size up to ``size`` (pixels) at which ``s`` fits ``width``."""
    while size > 10 and assets.font(size, bold).size(s)[0] > width:
        size -= 1
    return size

