"""The side panel (title, the walk's numbers, the live loss chart), messages and the help overlay."""
from __future__ import annotations

import math

import numpy as np
import pygame

from game import assets, i18n
from game.chart import PALETTE, ChartSpec, Series
from game.state import ViewState

PANEL = (250, 243, 226)
PANEL_EDGE = (214, 190, 140)
INK = (38, 52, 74)
MUTED = (110, 120, 135)
ACCENT = (210, 60, 70)
OUTCOME_INK = {"hit": (200, 40, 60), "stuck": (110, 80, 160), "diverged": (20, 100, 180), "max_steps": (190, 110, 30)}


def hud_rows(state: ViewState) -> list[tuple[str, str]]:
    """The HUD's (label, value) rows for the walk as shown."""
    lang, walk, s = state.lang, state.walk, state.scenario
    row = walk.trace[state.animating_from]
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


def _nice_ceiling(n: float) -> float:
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least ``n`` (so that the chart's
    axis, and its cached background, change only now and then as the walk goes on)."""
    decade = 1.0
    while True:
        for m in (10.0, 20.0, 50.0):
            if m * decade >= n:
                return m * decade
        decade *= 10.0


def draw_panel(surf: pygame.Surface, rect: pygame.Rect, state: ViewState) -> pygame.Rect:
    """The title and the HUD rows in ``rect`` (a side panel: at the top; a wide bottom panel: on
    the left); returns the space left for the chart."""
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
    row_px = max(11, min(20, round(hud.h * (0.8 if wide else 0.5) / (len(rows) * 1.45 + 2.5))))
    title = i18n.tr("title", state.lang)
    size = _fit(title, hud.w, round(row_px * 1.3), bold=True)
    y = hud.top
    surf.blit(assets.text(title, size, ACCENT, bold=True), (hud.left, y))
    y += round(size * 1.45)
    line = round(row_px * 1.45)
    outcome = state.outcome
    for k, (label, value) in enumerate(rows):
        colour = OUTCOME_INK[outcome] if outcome and k == len(rows) - 1 else INK
        if k % 2 == 0:
            pygame.draw.rect(surf, (244, 234, 210), pygame.Rect(hud.left - 3, y - 1, hud.w + 6, line))
        surf.blit(assets.text(label, row_px, MUTED), (hud.left, y + (line - row_px * 1.4) / 2))
        v = assets.text(value, row_px, colour, bold=True)
        surf.blit(v, (hud.right - v.get_width(), y + (line - row_px * 1.4) / 2))
        y += line
    hint = assets.text(i18n.tr("hud.help_hint", state.lang), row_px, MUTED)
    if wide:
        surf.blit(hint, (hud.left, hud.bottom - hint.get_height()))
        left = hud.right + pad * 2
        return pygame.Rect(left, inner.top, inner.right - left, inner.h)
    surf.blit(hint, (inner.right - hint.get_width(), inner.bottom - hint.get_height()))
    y += pad
    return pygame.Rect(inner.left, y, inner.w, inner.bottom - hint.get_height() - pad // 2 - y)


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
    text = f"{i18n.tr('help.pause.keys', lang)} : {i18n.tr('help.pause', lang)}   ·   {i18n.tr('hud.help_hint', lang)}"
    size = _fit(text, area.w - 60, size, bold=True)
    label = assets.text(text, size, (255, 255, 255), bold=True)
    box = label.get_rect().inflate(size * 1.6, size * 0.8)
    box.midtop = (area.centerx, area.top + size * 0.7 + math.sin(clock * 3) * 3)
    pygame.draw.rect(surf, (20, 40, 70), box.move(0, 3), border_radius=box.h // 2)
    pygame.draw.rect(surf, ACCENT, box, border_radius=box.h // 2)
    surf.blit(label, label.get_rect(center=box.center))


def draw_help(surf: pygame.Surface, lang: str) -> None:
    """Every control, in ``lang``, on a card over a dimmed window."""
    w, h = surf.get_size()
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((10, 20, 40, 170))
    surf.blit(shade, (0, 0))
    rows = i18n.help_lines(lang)
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
        surf.blit(assets.text(action, size, INK), (x_acts, y))
        y += line
