"""The side panel (title, the numbers of what is played, the live charts), messages and the help
overlay, for each mode: the lone walk, the race of step sizes and the population."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pygame
from sim import WalkResult

from game import assets, i18n
from game.chart import PALETTE, ChartSpec, Series, chart_grid
from game.drawers.racers import racer_colour
from game.experiment_charts import GROUPS, population_charts, race_charts
from game.state import PopulationState, RaceState, Stage, ViewState

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
                (i18n.tr("hud.loss_name", lang), i18n.tr(f"loss.{s.loss}", lang)),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
                (i18n.tr("hud.outcome", lang), _crowd_status(state, state.race.swarm.outcome))]
    if isinstance(state, PopulationState):
        pop = state.population
        n, train = pop.swarm.n, int(np.count_nonzero(pop.training))
        return [(i18n.tr("hud.step", lang), f"{pop.rows[state.shown_rows - 1].step} / {s.max_steps}"),
                (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
                (i18n.tr("hud.players", lang), f"{n:,} ({train:,} + {n - train:,})"),
                (i18n.tr("hud.loss_name", lang), i18n.tr(f"loss.{s.loss}", lang)),
                (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
                (i18n.tr("hud.outcome", lang), _crowd_status(state, pop.swarm.outcome))]
    row = state.walk.trace[state.animating_from]
    outcome = state.outcome
    status = i18n.tr(f"outcome_name.{outcome}", lang) if outcome else \
        i18n.tr("hud.paused" if state.paused else "hud.running", lang)
    return [
        (i18n.tr("hud.step", lang), f"{row.step} / {s.max_steps}"),
        (i18n.tr("hud.loss", lang), _num(row.loss)),
        (i18n.tr("hud.lr", lang), f"{s.lr:g}"),
        (i18n.tr("hud.h", lang), f"{s.h:.0e} m"),
        (i18n.tr("hud.grad", lang), _num(row.grad_norm)),
        (i18n.tr("hud.loss_name", lang), i18n.tr(f"loss.{s.loss}", lang)),
        (i18n.tr("hud.speed", lang), i18n.tr("hud.speed_value", lang, steps_per_s=state.speed)),
        (i18n.tr("hud.outcome", lang), status),
    ]


def _crowd_status(state: Stage, outcome_codes: np.ndarray) -> str:
    """Paused (before the end), else how many of the players have stopped."""
    if state.paused and not state.done:
        return i18n.tr("hud.paused", state.lang)
    stopped = int(np.count_nonzero(outcome_codes))
    return i18n.tr("hud.stopped", state.lang, stopped=stopped, players=outcome_codes.size)


def hud_table(state: Stage) -> Table | None:
    """The race's racers (lr, step, loss, outcome, in their colours) or the population's groups
    (mean loss and hit rate of training and validation); None for the lone walk."""
    lang = state.lang
    if isinstance(state, RaceState):
        rows = []
        for r in state.runners():
            row = r.walk.trace[r.animating_from]
            status = i18n.tr(f"outcome_name.{r.outcome}" if r.outcome else "hud.running", lang)
            rows.append((f"{r.scenario.lr:g}", f"{row.step}", _num(row.loss), status))
        header = tuple(i18n.tr(k, lang) for k in ("hud.lr", "hud.step", "hud.loss", "hud.outcome"))
        return Table(header, tuple(rows), tuple(racer_colour(i) for i in range(len(rows))))
    if isinstance(state, PopulationState):
        last = state.population.rows[state.shown_rows - 1]
        return Table(("",) + tuple(i18n.tr(key, lang) for key, _, _, _ in GROUPS),
                     ((i18n.tr("hud.mean_loss", lang), _num(last.train_loss), _num(last.val_loss)),
                      (i18n.tr("hud.hit_rate", lang), f"{last.train_accuracy:.0%}", f"{last.val_accuracy:.0%}")),
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
                     x_range=(0.0, _nice_ceiling(steps[-1] if steps.size else 0)), legend=False)


def chart_specs(state: Stage) -> tuple[list[ChartSpec], int]:
    """The live charts of what is shown, and how many of them the panel must show (the rest
    only where there is room): the walk's loss; the race's loss and offsets, one line per
    racer; the population's mean loss and hit rate of both groups."""
    if isinstance(state, RaceState):
        shown = [WalkResult(r.scenario, r.walk.outcome, r.walk.steps, r.walk.trace[: r.animating_from + 1])
                 for r in state.runners()]
        last = max(w.trace[-1].step for w in shown)
        return race_charts(shown, state.lang, log=state.toggles.log_scale, x_max=_nice_ceiling(last)), 1
    if isinstance(state, PopulationState):
        result = state.population.result()
        result = dataclasses.replace(result, rows=result.rows[: state.shown_rows])
        return population_charts(result, state.lang, x_max=_nice_ceiling(result.final.step)), 2
    return [chart_spec(state)], 1


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


# -- drawing -------------------------------------------------------------------------------------
def draw_panel(surf: pygame.Surface, rect: pygame.Rect, state: Stage) -> pygame.Rect:
    """The title, the HUD rows and the table in ``rect`` (a side panel: at the top; a wide
    bottom panel: on the left); returns the space left for the charts."""
    pygame.draw.rect(surf, PANEL, rect)
    wide = rect.w > rect.h * 1.6
    if wide:
        pygame.draw.line(surf, PANEL_EDGE, rect.topleft, rect.topright, 2)
    else:
        pygame.draw.line(surf, PANEL_EDGE, rect.topleft, rect.bottomleft, 2)
    pad = max(6, round(min(rect.w, rect.h) * 0.03))
    inner = rect.inflate(-2 * pad, -2 * pad)
    hud = pygame.Rect(inner.left, inner.top, round(inner.w * 0.4), inner.h) if wide else inner
    rows = hud_rows(state)
    table = hud_table(state)
    lines = len(rows) + (len(table.rows) + 1 if table else 0)
    share = 0.8 if wide else (0.5 if table is None else 0.42)
    row_px = max(11, min(20, round(hud.h * share / (lines * 1.45 + 2.5))))
    title = i18n.tr("title", state.lang)
    size = _fit(title, hud.w, round(row_px * 1.3), bold=True)
    y = hud.top
    surf.blit(assets.text(title, size, ACCENT, bold=True), (hud.left, y))
    y += round(size * 1.45)
    line = round(row_px * 1.45)
    outcome = state.outcome if isinstance(state, ViewState) else None
    for k, (label, value) in enumerate(rows):
        colour = OUTCOME_INK[outcome] if outcome and k == len(rows) - 1 else INK
        if k % 2 == 0:
            pygame.draw.rect(surf, STRIPE, pygame.Rect(hud.left - 3, y - 1, hud.w + 6, line))
        text_y = y + (line - row_px * 1.4) / 2
        name = assets.text(label, _fit(label, hud.w // 2, row_px), MUTED)
        surf.blit(name, (hud.left, text_y))
        v = assets.text(value, _fit(value, hud.w - name.get_width() - row_px, row_px, bold=True), colour, bold=True)
        surf.blit(v, (hud.right - v.get_width(), text_y))
        y += line
    if table is not None:
        y = _draw_table(surf, pygame.Rect(hud.left, y + line // 4, hud.w, line * (len(table.rows) + 1)), table,
                        row_px, line)
    hint = assets.text(i18n.tr("hud.help_hint", state.lang), row_px, MUTED)
    if wide:
        surf.blit(hint, (hud.left, hud.bottom - hint.get_height()))
        left = hud.right + pad * 2
        return pygame.Rect(left, inner.top, inner.right - left, inner.h)
    surf.blit(hint, (inner.right - hint.get_width(), inner.bottom - hint.get_height()))
    y += pad
    return pygame.Rect(inner.left, y, inner.w, inner.bottom - hint.get_height() - pad // 2 - y)


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


def draw_toast(surf: pygame.Surface, area: pygame.Rect, text: str, left: float) -> None:
    """A short message at the bottom of ``area``, fading out over its last half second."""
    if not text or left <= 0:
        return
    size = max(13, min(22, round(area.h * 0.03)))
    size = _fit(text, area.w - 40, size)
    label = assets.text(text, size, (255, 255, 255))
    box = label.get_rect().inflate(size, size * 0.7)
    box.midbottom = (area.centerx, area.bottom - size)
    card = pygame.Surface(box.size, pygame.SRCALPHA)
    alpha = round(200 * min(1.0, left / 0.5))
    pygame.draw.rect(card, (30, 30, 50, alpha), card.get_rect(), border_radius=box.h // 2)
    surf.blit(card, box)
    label.set_alpha(round(255 * min(1.0, left / 0.5)))
    surf.blit(label, label.get_rect(center=box.center))
    label.set_alpha(None)


def draw_start_prompt(surf: pygame.Surface, area: pygame.Rect, lang: str, clock: float) -> None:
    """A bobbing hint at the top of ``area`` to press Space while the walk waits to start."""
    size = max(14, min(26, round(area.h * 0.035)))
    text = f"{i18n.tr('hud.start_hint', lang)}   ·   {i18n.tr('hud.help_hint', lang)}"
    size = _fit(text, area.w - 60, size, bold=True)
    label = assets.text(text, size, (255, 255, 255), bold=True)
    box = label.get_rect().inflate(size * 1.6, size * 0.8)
    box.midtop = (area.centerx, area.top + size * 0.7 + math.sin(clock * 3) * 3)
    pygame.draw.rect(surf, (20, 40, 70), box.move(0, 3), border_radius=box.h // 2)
    pygame.draw.rect(surf, ACCENT, box, border_radius=box.h // 2)
    surf.blit(label, label.get_rect(center=box.center))


def help_rows(state: Stage) -> list[tuple[str, str]]:
    """The help overlay's (keys, action) rows for the mode played: in a race ↑/↓ change every
    racer's lr together; a population has no trail, arrow or feelers to show, and a right click
    draws new random starts."""
    lang = state.lang
    rows = dict(zip(i18n.HELP_ACTIONS, i18n.help_lines(lang)))
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
