"""The side panel (title, the numbers of what is played, the live charts), messages and the help
overlay, for each mode: the lone walk, the race of step sizes and the population."""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame
from sim import Scenario, WalkResult

from game import assets, controls, i18n
from game.chart import ELLIPSIS, PALETTE, ChartSpec, Series, chart_grid, fit_text
from game.drawers import endings, place_clear
from game.drawers.racers import racer_colour
from game.experiment_charts import GROUPS, population_charts, race_charts
from game.learn_charts import learn_charts
from game.state import DIGITS_CYCLE, PopulationState, RaceState, Stage, ViewState

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


# -- what the panel shows ------------------------------------------------------------------------
def hud_rows(state: Stage) -> list[tuple[str, str]]:
    """The HUD's (label, value) rows for what is shown."""
    lang, s = state.lang, state.scenario
    if isinstance(state, RaceState):
        step = max(r.walk.trace[r.animating_from].step for r in state.runners())
        return [(i18n.tr("hud.step", lang), f"{step} / {s.max_steps}"),
                *_loss_rows(s, lang),
                *_walker_rows(s, lang, optimizer=not state.named),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
                (i18n.tr("hud.outcome", lang), _crowd_status(state, state.race.swarm.outcome))]
    if isinstance(state, PopulationState):
        pop = state.population
        n, in_a = pop.swarm.n, int(np.count_nonzero(pop.in_a))
        step = pop.rows[state.shown_rows - 1].step   # the step the panel shows: count who stopped by then
        stopped_by_then = np.where(pop.swarm.steps <= step, pop.swarm.outcome, 0)
        return [(i18n.tr("hud.step", lang), f"{step} / {s.max_steps}"),
                (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
                (i18n.tr("hud.players", lang), f"{n:,} (A {in_a:,} + B {n - in_a:,})"),
                *_loss_rows(s, lang),
                *_walker_rows(s, lang),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
                (i18n.tr("hud.outcome", lang), _crowd_status(state, stopped_by_then))]
    row = state.walk.trace[state.animating_from]
    outcome = state.outcome
    status = i18n.tr(f"outcome_name.{outcome}", lang) if outcome else i18n.tr(_waiting_key(state), lang)
    return [
        (i18n.tr("hud.step", lang), f"{row.step} / {s.max_steps}"),
        (i18n.tr("hud.loss", lang), _num(row.loss)),
        (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
        *_step_lr_rows(state),
        (i18n.tr("hud.h", lang), i18n.h_text(s.h)),
        (i18n.tr("hud.grad", lang), _num(row.grad_norm)),
        *_loss_rows(s, lang),
        *_walker_rows(s, lang),
        (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
        (i18n.tr("hud.outcome", lang), status),
    ]


def _loss_rows(s: Scenario, lang: str) -> list[tuple[str, str]]:
    """The loss function's name, and a custom loss's expression."""
    rows = [(i18n.tr("hud.loss_name", lang), i18n.tr(f"loss.{s.loss}", lang))]
    if s.expr is not None:
        rows.append((i18n.tr("hud.expr", lang), s.expr))
    return rows


def _walker_rows(s: Scenario, lang: str, optimizer: bool = True) -> list[tuple[str, str]]:
    """The optimizer with its hyperparameters (when ``optimizer``), and the noise and the
    step-size schedule where there are any."""
    rows = []
    if optimizer:
        rows.append((i18n.tr("hud.optimizer", lang),
                     i18n.optimizer_text(s.optimizer, s.optimizer_info()["hyperparameters"], lang)))
    if s.noise:
        rows.append((i18n.tr("hud.noise", lang), f"{s.noise:g} m"))
    if not s.lr_schedule.constant:
        rows.append((i18n.tr("hud.schedule", lang), s.lr_schedule.describe()))
    return rows


def _step_lr_rows(state: ViewState) -> list[tuple[str, str]]:
    """Under a schedule that is not constant: the step size of the step shown."""
    if state.scenario.lr_schedule.constant:
        return []
    move = state.move
    if move is None:
        return []
    return [(i18n.tr("hud.step_lr", state.lang), f"{move.lr:.3g}")]


def _waiting_key(state: Stage) -> str:
    """The text key of a play that has not ended: ready before the first step, else paused or walking."""
    if state.paused:
        return "hud.ready" if state.ticks == 0 else "hud.paused"
    return "hud.running"


def _crowd_status(state: Stage, outcome_codes: np.ndarray) -> str:
    """Ready or paused (before the end), else how many of the players have stopped."""
    if state.paused and not state.done:
        return i18n.tr(_waiting_key(state), state.lang)
    stopped = int(np.count_nonzero(outcome_codes))
    return i18n.tr("hud.stopped", state.lang, stopped=stopped, players=outcome_codes.size)


def hud_table(state: Stage) -> Table | None:
    """The race's racers (lr, step, loss, outcome, in their colours) or the population's groups
    (mean loss and hit rate of groups A and B); None for the lone walk."""
    lang = state.lang
    if isinstance(state, RaceState):
        rows = []
        for r in state.runners():
            row = r.walk.trace[r.animating_from]
            status = i18n.tr(f"outcome_name.{r.outcome}" if r.outcome else "hud.running", lang)
            if state.named:   # the optimizer's name takes the room of the step, which the HUD shows
                rows.append((r.name, _num(row.loss), status))
            else:
                rows.append((f"{r.scenario.lr:g}", f"{row.step}", _num(row.loss), status))
        keys = ("hud.loss", "hud.outcome") if state.named else ("hud.step", "hud.loss", "hud.outcome")
        first = f"{i18n.tr('hud.optimizer', lang)} · {i18n.tr('hud.lr', lang)}" if state.named else i18n.tr("hud.lr", lang)
        header = (first, *(i18n.tr(k, lang) for k in keys))
        return Table(header, tuple(rows), tuple(racer_colour(i) for i in range(len(rows))))
    if isinstance(state, PopulationState):
        last = state.population.rows[state.shown_rows - 1]
        return Table(("",) + tuple(i18n.tr(key, lang) for key, _, _, _ in GROUPS),
                     ((i18n.tr("hud.mean_loss", lang), _num(last.a_loss), _num(last.b_loss)),
                      (i18n.tr("hud.hit_rate", lang), f"{last.a_hit_rate:.0%}", f"{last.b_hit_rate:.0%}")),
                     header_colours=(None,) + tuple(colour for _, colour, _, _ in GROUPS))
    return None


def panel_key(state: Stage) -> tuple:
    """Everything the panel shows, as a value that changes exactly when the panel must be redrawn."""
    key = (tuple(hud_rows(state)), hud_table(state), state.toggles.log_scale, state.lang)
    if isinstance(state, RaceState):
        return key + (id(state.race), tuple((len(r.walk.trace), r.animating_from) for r in state.runners()))
    if isinstance(state, PopulationState):
        return key + (id(state.population), state.shown_rows)
    return key + (id(state.walk), len(state.walk.trace), state.animating_from, state.outcome)


def _num(v: float) -> str:
    if not math.isfinite(v):
        return str(v)
    return f"{v:.4g}"


def chart_spec(state: ViewState) -> ChartSpec:
    """The live loss-vs-step chart of the rows shown so far (log scale unless a loss is <= 0)."""
    lang = state.lang
    rows = state.walk.trace[: state.animating_from + 1]
    steps = np.array([r.step for r in rows], float)
    losses = np.array([r.loss for r in rows], float)
    finite = losses[np.isfinite(losses)]
    log = state.toggles.log_scale and finite.size > 0 and bool((finite > 0).all())
    scale = i18n.tr("chart.log_scale" if log else "chart.linear_scale", lang)
    colour = PALETTE[0]
    series = [Series(i18n.tr(f"loss.{state.scenario.loss}", lang), steps, losses, colour, "line", 2),
              Series("", steps[-1:], losses[-1:], PALETTE[1], "points", 3)]
    return ChartSpec(f"{i18n.tr('chart.loss_vs_step', lang)} ({scale})", i18n.tr("axis.step", lang),
                     i18n.tr("axis.loss", lang), series, y_log=log,
                     x_range=(0.0, _step_axis_end(steps[-1] if steps.size else 0, state.scenario.max_steps)), legend=False)


def chart_specs(state: Stage) -> tuple[list[ChartSpec], int]:
    """The live charts of what is shown, and how many of them the panel must show (the rest
    only where there is room): the walk's loss; the race's loss and offsets, one line per
    racer; the population's mean loss and hit rate of both groups."""
    if isinstance(state, RaceState):
        shown = [WalkResult(r.scenario, r.walk.outcome, r.walk.steps, r.walk.trace[: r.animating_from + 1])
                 for r in state.runners()]
        last = max(w.trace[-1].step for w in shown)
        return race_charts(shown, state.lang, log=state.toggles.log_scale, x_max=_step_axis_end(last, state.scenario.max_steps)), 1
    if isinstance(state, PopulationState):
        result = state.population.result()
        result = dataclasses.replace(result, rows=result.rows[: state.shown_rows])
        return population_charts(result, state.lang, x_max=_step_axis_end(result.final.step, state.scenario.max_steps)), 2
    loss = chart_spec(state)
    if state.scenario.loss in DIGITS_CYCLE:
        from sim.learning.landscape import digits_landscape
        return [*learn_charts(digits_landscape().result, state.lang), loss], 2
    if state.scenario.lr_schedule.constant:
        return [loss], 1
    return [loss, lr_chart_spec(state, loss.x_range)], 2


def lr_chart_spec(state: ViewState, x_range: tuple[float, float] | None) -> ChartSpec:
    """The step size of every update under the schedule (update 1, 2, ... on ``x_range``), with a
    dot at the update the step arrow shows: the schedule's plan and where the walk is in it."""
    lang, s = state.lang, state.scenario
    last = int(min(s.max_steps, x_range[1] if x_range else s.max_steps))
    steps = np.arange(1, last + 1, dtype=float)
    lrs = s.lr_per_step(last)
    coming = state.walk.trace[state.animating_from].step   # the update the step arrow shows, from 0
    series = [Series(i18n.tr("hud.lr", lang), steps, lrs, PALETTE[2], "steps", 2),
              Series("", steps[coming:coming + 1], lrs[coming:coming + 1], PALETTE[1], "points", 3)]
    top = float(lrs.max()) if lrs.size else s.lr
    title = i18n.tr("chart.detail", lang, title=i18n.tr("chart.lr_per_step", lang), detail=s.lr_schedule.describe())
    return ChartSpec(title, i18n.tr("axis.step", lang),
                     i18n.tr("axis.lr", lang), series, x_range=x_range, y_range=(0.0, top * 1.05), legend=False)


def _step_axis_end(n: float, max_steps: int) -> float:
    """Where a live chart's step axis ends: _nice_ceiling(n), but no farther than the last step."""
    return min(_nice_ceiling(n), float(max(max_steps, 1)))


def _nice_ceiling(n: float) -> float:
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least ``n`` (so that the chart's
    axis, and its cached background, change only now and then as the walk goes on)."""
    decade = 1.0
    while True:
        for m in (10.0, 20.0, 50.0):
            if m * decade >= n:
                return m * decade
        decade *= 10.0


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


def panel_layout(rect: pygame.Rect, state: Stage) -> PanelLayout:
    """The panel of ``state`` laid out in ``rect`` (a side panel: from the top; a wide bottom
    panel: in its left part). The rows take the largest font size from MAX_ROW_PX down to
    MIN_ROW_PX at which they, the title and the table fit their share of the panel's height."""
    wide = rect.w > rect.h * 1.6
    pad = max(6, round(min(rect.w, rect.h) * 0.03))
    inner = rect.inflate(-2 * pad, -2 * pad)
    hud = pygame.Rect(inner.left, inner.top, round(inner.w * 0.4), inner.h) if wide else inner
    rows, table = hud_rows(state), hud_table(state)
    share = 0.55 if table is None else 0.42   # of a side panel's height; the charts get the rest
    title_text = i18n.tr("title", state.lang)
    for px in range(MAX_ROW_PX, MIN_ROW_PX - 1, -1):
        line = assets.font(px).get_height() + max(1, round(px * 0.08))   # a text's box may be a pixel taller
        title = _place_title(title_text, hud, px)
        placed, y = _place_rows(rows, hud, px, line, title[-1].rect.bottom + round(px * 0.3))
        table_box = None if table is None else \
            pygame.Rect(hud.left, y + line // 4, hud.w, line * (len(table.rows) + 1))
        bottom = y if table_box is None else table_box.bottom
        hint = _place(i18n.tr("hud.help_hint", state.lang), max(MIN_TEXT_PX, round(px * 0.85)), False,
                      hud.w, MIN_TEXT_PX)
        room = hud.h - hint.rect.h - pad if wide else hud.h * share
        if bottom - hud.top <= room:
            break
    if wide:
        hint.rect.bottomleft = hud.bottomleft
        left = hud.right + pad * 2
        charts = pygame.Rect(left, inner.top, inner.right - left, inner.h)
    else:
        hint.rect.bottomright = inner.bottomright
        top = bottom + pad
        charts = pygame.Rect(inner.left, top, inner.w, hint.rect.top - pad // 2 - top)
    return PanelLayout(title, tuple(placed), px, line, table, table_box, hint, charts)


def _place(s: str, px: int, bold: bool, width: int, min_px: int) -> Placed:
    """``s`` at the largest size from ``px`` down to ``min_px`` at which it fits ``width``
    pixels, else cut short with "…" at ``min_px``; at (0, 0)."""
    shown, size = fit_text(s, px, max(0, width), bold, min_px)
    return Placed(shown, size, bold, pygame.Rect((0, 0), assets.font(size, bold).size(shown)))


def _place_title(title: str, hud: pygame.Rect, px: int) -> tuple[Placed, ...]:
    """The title at the top of ``hud``, a little larger than the rows: on one line, or split
    after its colon onto two where one line would have to be smaller than the rows."""
    big = round(px * 1.3)
    one = _place(title, big, True, hud.w, px)
    head, colon, tail = title.partition("：") if "：" in title else title.partition(": ")
    if one.text == title or not colon:
        lines = [one] if one.text == title else [_place(title, px, True, hud.w, MIN_TEXT_PX)]
    else:
        parts = (head + colon.strip(), tail)
        size = min(_place(p, big, True, hud.w, max(MIN_TEXT_PX, round(px * 0.8))).px for p in parts)
        lines = [_place(p, size, True, hud.w, size) for p in parts]
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
        name = _place(label, px, False, round(hud.w * 0.6), MIN_TEXT_PX)
        shown = _place(value, px, True, hud.w - name.rect.w - gap, max(MIN_TEXT_PX, round(px * 0.8)))
        lines = 1
        if shown.text != value:
            shown = _place(value, px, True, hud.w, max(MIN_TEXT_PX, round(px * 0.6)))
            lines = 2
        name.rect.midleft = (hud.left, y + line // 2)
        shown.rect.midright = (hud.right, y + line * (lines - 1) + line // 2)
        out.append(HudRow(name, shown, pygame.Rect(hud.left - 3, y, hud.w + 6, line * lines)))
        y += line * lines
    return out, y


# -- drawing -------------------------------------------------------------------------------------
def draw_panel(surf: pygame.Surface, rect: pygame.Rect, state: Stage) -> pygame.Rect:
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
    outcome = state.outcome if isinstance(state, ViewState) else None
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
        label = assets.text(cell, _fit(cell, width, row_px, bold=colour is not None), INK if colour else MUTED,
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
            label = assets.text(cell, _fit(cell, width, row_px, bold=c == 0), INK, bold=c == 0)
            surf.blit(label, (x if c == 0 else rights[c - 1] - label.get_width(), y + (line - row_px * 1.4) / 2))
        y += line
    return y


def _fit(s: str, width: int, size: int, bold: bool = False) -> int:
    """The largest font size up to ``size`` (pixels) at which ``s`` fits ``width``."""
    while size > 10 and assets.font(size, bold).size(s)[0] > width:
        size -= 1
    return size


PROMPT_BOB = 3   # pixels the prompt to press Space bobs up and down


def _prompt(area: pygame.Rect, text: str, lang: str) -> tuple[Placed, pygame.Rect]:
    """The prompt pill's label (``text`` and the help hint, or ``text`` alone where both do
    not fit) and its box at rest at the top of ``area``."""
    size = _prompt_px(area)
    width = area.w - round(size * 1.6) - 20
    label = _place(f"{text}   ·   {i18n.tr('hud.help_hint', lang)}", size, True, width, MIN_TEXT_PX)
    if label.text.endswith(ELLIPSIS):
        label = _place(text, size, True, width, MIN_TEXT_PX)
    box = label.rect.inflate(round(size * 1.6), round(size * 0.8))
    box.midtop = (area.centerx, area.top + round(size * 0.7))
    return label, box


def _prompt_px(area: pygame.Rect) -> int:
    """The prompt's largest font size (bold pixels) at the top of ``area``."""
    return max(14, min(26, round(area.h * 0.035)))


def draw_start_prompt(surf: pygame.Surface, area: pygame.Rect, lang: str, clock: float,
                      text: str | None = None) -> pygame.Rect:
    """A bobbing pill at the top of ``area`` that says ``text`` (by default: Space starts the
    walk) and how to get help; returns where it was drawn."""
    label, box = _prompt(area, i18n.tr("hud.start_hint", lang) if text is None else text, lang)
    box.move_ip(0, round(math.sin(clock * 3) * PROMPT_BOB))
    pygame.draw.rect(surf, (20, 40, 70), box.move(0, 3), border_radius=box.h // 2)
    pygame.draw.rect(surf, ACCENT, box, border_radius=box.h // 2)
    shown = assets.text(label.text, label.px, (255, 255, 255), bold=True)
    surf.blit(shown, shown.get_rect(center=box.center))
    return box


def prompt_room_bottom(area: pygame.Rect) -> int:
    """The lowest pixel row that the prompts at the top of ``area`` (the beach) can reach: an
    ending's banner, the pill under it that says Space plays again, the prompt to start."""
    banner = endings.banner_bottom(area)
    pill_px = _prompt_px(pygame.Rect(area.x, banner, area.w, area.bottom - banner))
    return banner + round(pill_px * 0.7) + assets.font(pill_px, True).get_height() + \
        round(pill_px * 0.8) + PROMPT_BOB + 3


def toast_rect(area: pygame.Rect, text: str, avoid: Sequence[pygame.Rect] = ()) -> tuple[Placed, pygame.Rect]:
    """The message ``text``'s label and card (pixels) in ``area`` (the beach): at the top centre
    under the room of the prompts, clear of them and of the friends at the bottom of the beach;
    where that would cover one of ``avoid`` (the players, the watermelon, the cards), beside it
    on the same row, or else on the highest row below where it covers none of them."""
    size = max(13, min(22, round(area.h * 0.03)))
    label = _place(text, size, False, area.w - 40, MIN_TEXT_PX)
    box = label.rect.inflate(size, round(size * 0.7))
    box.midtop = (area.centerx, prompt_room_bottom(area) + round(size * 0.5))
    if box.collidelist(avoid) >= 0:
        inside = area.inflate(-size, -size)
        rows = range(box.top, max(box.top, inside.bottom - box.h) + 1, max(1, box.h // 2))
        sides = range(1, inside.w // max(1, box.w // 2) + 1)
        shifts = [0] + [d * k * (box.w // 2) for k in sides for d in (-1, 1)]
        places = [box.move(dx, y - box.top).clamp(inside) for y in rows for dx in shifts]
        box = places[place_clear(places, avoid)]
    label.rect.center = box.center
    return label, box


def draw_toast(surf: pygame.Surface, area: pygame.Rect, text: str, left: float,
               avoid: Sequence[pygame.Rect] = ()) -> None:
    """A short message ``text`` at toast_rect in ``area`` (kept off ``avoid``), fading out over
    its last half second of the ``left`` seconds it has left."""
    if not text or left <= 0:
        return
    label, box = toast_rect(area, text, avoid)
    fade = min(1.0, left / 0.5)
    card = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(card, (30, 30, 50, round(200 * fade)), card.get_rect(), border_radius=box.h // 2)
    surf.blit(card, box)
    shown = assets.text(label.text, label.px, (255, 255, 255))
    shown.set_alpha(round(255 * fade))
    surf.blit(shown, label.rect)
    shown.set_alpha(None)


def help_rows(state: Stage) -> list[tuple[str, str]]:
    """The help overlay's (keys, action) rows for the mode played: in a race ↑/↓ change every
    racer's lr together; a population has no trail, arrow or feelers to show, and a right click
    draws new random starts."""
    lang = state.lang
    rows = controls.help_lines(lang)
    if isinstance(state, RaceState):
        keys, action = rows["lr"]
        rows["lr"] = (keys, f"{action} ({i18n.tr('status.race_lr', lang)})")
    elif isinstance(state, PopulationState):
        for name in ("arrow", "probes", "trail"):
            del rows[name]
        rows["player"] = (rows["player"][0], i18n.tr("help.player_population", lang))
    return list(rows.values())


def draw_help(surf: pygame.Surface, state: Stage) -> None:
    """Every control of the mode played, in its language, on a card over a dimmed window."""
    lang = state.lang
    w, h = surf.get_size()
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((10, 20, 40, 170))
    surf.blit(shade, (0, 0))
    rows = help_rows(state)
    size = max(11, min(22, round(h / (len(rows) * 1.55 + 5))))
    line = round(size * 1.5)
    keys_w = max(assets.font(size, True).size(k)[0] for k, _ in rows)
    acts_w = max(assets.font(size).size(a)[0] for _, a in rows)
    title = assets.text(i18n.tr("help.title", lang), round(size * 1.4), ACCENT, bold=True)
    card = pygame.Rect(0, 0, min(w - 20, keys_w + acts_w + size * 4),
                       min(h - 20, line * len(rows) + title.get_height() + size * 3))
    card.center = (w // 2, h // 2)
    pygame.draw.rect(surf, PANEL, card, border_radius=size)
    pygame.draw.rect(surf, PANEL_EDGE, card, 2, border_radius=size)
    surf.blit(title, (card.centerx - title.get_width() // 2, card.top + size))
    y = card.top + size * 1.5 + title.get_height()
    x_keys, x_acts = card.left + size * 1.5, card.left + size * 2.5 + keys_w
    for keys, action in rows:
        surf.blit(assets.text(keys, size, ACCENT, bold=True), (x_keys, y))
        surf.blit(assets.text(action, _fit(action, card.right - x_acts - size, size), INK), (x_acts, y))
        y += line
