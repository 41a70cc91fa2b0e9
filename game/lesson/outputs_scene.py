"""The outputs scene: a network's output y as bars beside its one-hot target t, both losses live.

The learner picks a bar (← →) and moves it (↑ ↓, Shift for fine steps) or drags it with the mouse;
the other bars renormalise (sim.learning.output_bars) so y stays a distribution. 1, 2, 3 load the
presets (the article's right and wrong outputs, the textbook's example). On the right: each loss
with its formula and its terms, and the curve of both losses against the correct class's y, with
the current output marked: −log y shoots up toward y = 0 where the squared error stays small.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pygame
from sim.learning.output_bars import PRESETS, NetworkOutput, minus_log
from sim.learning.output_losses import DELTA

from game import assets, i18n
from game.lesson.text import draw_lines, line_height, wrap

PRESET_KEYS = {pygame.K_1: "article-right", pygame.K_2: "article-wrong", pygame.K_3: "textbook"}
STEP, FINE_STEP = 0.05, 0.01     # ↑/↓ change the chosen bar by this (with Shift: the fine step)
CURVE_POINTS = 81                # samples of the loss curves along the correct class's y
CURVE_TOP = 5.0                  # the curve chart's loss axis ends here (−log y passes it near y = 0.007)

BG = (250, 246, 236)
INK = (38, 52, 74)
MUTED = (110, 120, 135)
Y_BAR = (70, 130, 200)
Y_RIGHT_BAR = (40, 150, 90)      # the correct class's bar
T_EDGE = (210, 60, 70)           # the one-hot target
PICKED = (240, 170, 40)
CEE_INK = (200, 60, 70)
SSE_INK = (60, 100, 180)
GRID = (225, 220, 205)


@dataclass
class OutputsScene:
    """The scene's state (the output, the chosen bar) and how it draws and answers input."""

    lang: str
    size: tuple[int, int]
    preset: str = "article-right"
    scale: float = 1.0               # text scale (projectors)
    output: NetworkOutput = field(init=False)
    chosen: int = field(init=False)
    _bars: pygame.Rect = field(init=False, default_factory=pygame.Rect)
    _curves: tuple[NetworkOutput, np.ndarray, np.ndarray] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.load(self.preset)

    def load(self, preset: str) -> None:
        """Start from one of sim's PRESETS, the correct class chosen."""
        self.preset, self.output = preset, PRESETS[preset]
        self.chosen = self.output.label

    # -- input ----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            fine = bool(getattr(event, "mod", 0) & pygame.KMOD_SHIFT)
            if event.key in PRESET_KEYS:
                self.load(PRESET_KEYS[event.key])
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.chosen = (self.chosen + (1 if event.key == pygame.K_RIGHT else -1)) % self.output.classes
            elif event.key in (pygame.K_UP, pygame.K_DOWN):
                step = FINE_STEP if fine else STEP
                self.set_bar(self.chosen, self.output.y[self.chosen] + (step if event.key == pygame.K_UP else -step))
            elif event.key == pygame.K_r:
                self.load(self.preset)
        elif event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            self.drag_to(event.pos, pick=True)
        elif event.type == pygame.MOUSEMOTION and getattr(event, "buttons", (0,))[0]:
            self.drag_to(event.pos, pick=False)

    def set_bar(self, k: int, value: float) -> None:
        """Bar k to ``value`` (rounded to 1e-9 so that keys land on round values), the rest renormalised."""
        self.output = self.output.set_bar(k, round(min(1.0, max(0.0, value)), 9))

    def bar_rect(self, k: int) -> pygame.Rect:
        """Where bar k's full height (y = 1) stands (pixels)."""
        n = self.output.classes
        slot = self._bars.w / n
        w = max(4, int(slot * 0.42))
        return pygame.Rect(round(self._bars.x + slot * k + slot * 0.1), self._bars.y, w, self._bars.h)

    def drag_to(self, pos: tuple[int, int], pick: bool) -> None:
        """The mouse at ``pos``: on press over a bar's column, choose it; then its height follows."""
        if self._bars.w == 0:
            self.layout()
        n = self.output.classes
        if pick:
            if not self._bars.inflate(0, 40).collidepoint(pos):
                return
            self.chosen = min(n - 1, max(0, int((pos[0] - self._bars.x) / (self._bars.w / n))))
        value = (self._bars.bottom - pos[1]) / self._bars.h
        self.set_bar(self.chosen, value)

    def tick(self, dt: float) -> None:
        """Nothing moves by itself."""

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size

    # -- drawing --------------------------------------------------------------------------------
    def px(self, base: float) -> int:
        """A font size: ``base`` pixels in a 540-pixel-high scene (the lesson's at 1280×720), times
        the square root of the text scale (the scene shrinks as the card grows)."""
        return max(11, round(base * self.size[1] / 540 * self.scale ** 0.5))

    def layout(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The bars' area and the losses' column (pixels); sets where the bars stand."""
        w, h = self.size
        pad = max(10, round(h * 0.03))
        left = pygame.Rect(pad, pad, round(w * 0.5) - pad, h - 2 * pad)
        right = pygame.Rect(left.right + pad, pad, w - left.right - 2 * pad, h - 2 * pad)
        head = line_height(self.px(18)) * 2 + pad
        foot = line_height(self.px(13)) + 6 + len(self._foot_lines(left.w)) * line_height(self.px(15)) + \
            len(self._note_lines(left.w)) * line_height(self.px(13))
        self._bars = pygame.Rect(left.x + self.px(34), left.y + head, left.w - self.px(34), left.h - head - foot)
        return left, right

    def draw(self, surf: pygame.Surface) -> None:
        surf.fill(BG)
        left, right = self.layout()
        self._draw_bars(surf, left)
        y = self._draw_losses(surf, right)
        curve = pygame.Rect(right.x, y, right.w, right.bottom - y)
        if curve.h > self.px(15) * 6:
            self._draw_curves(surf, curve)

    def _draw_bars(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        out, lang = self.output, self.lang
        px = self.px(18)
        title = i18n.tr(f"lesson.preset.{self.preset}", lang)
        draw_lines(surf, wrap(title, px, area.w, True)[:1], px, INK, area.x, area.y, bold=True)
        legend = i18n.tr("lesson.outputs.legend", lang)
        draw_lines(surf, wrap(legend, self.px(14), area.w)[:1], self.px(14), MUTED, area.x, area.y + line_height(px))
        b = self._bars
        for v in (0.0, 0.5, 1.0):       # the y axis: 0, 0.5, 1
            yy = b.bottom - round(v * b.h)
            pygame.draw.line(surf, GRID, (b.x, yy), (b.right, yy), 1)
            tag = assets.text(f"{v:g}", self.px(13), MUTED)
            surf.blit(tag, (b.x - tag.get_width() - 6, yy - tag.get_height() // 2))
        small = self.px(13)
        slot = b.w / out.classes
        for k, v in enumerate(out.y):
            full = self.bar_rect(k)
            bar = pygame.Rect(full.x, b.bottom - round(v * b.h), full.w, round(v * b.h))
            pygame.draw.rect(surf, Y_RIGHT_BAR if k == out.label else Y_BAR, bar)
            t_bar = pygame.Rect(full.right + 2, b.bottom - round(out.t[k] * b.h), max(3, full.w // 3),
                                round(out.t[k] * b.h))
            if out.t[k]:
                pygame.draw.rect(surf, T_EDGE, t_bar, 2)
            if k == self.chosen:
                pygame.draw.rect(surf, PICKED, full.inflate(6, 6), 2)
            value = assets.text(f"{v:.2f}" if slot > small * 2.6 else f"{v:.1f}", small, INK)
            surf.blit(value, (full.centerx - value.get_width() // 2, min(bar.top, b.bottom) - value.get_height() - 2))
            label = assets.text(str(k), small, T_EDGE if k == out.label else INK, k == out.label)
            surf.blit(label, (full.centerx - label.get_width() // 2, b.bottom + 4))
        y = draw_lines(surf, self._foot_lines(area.w), self.px(15), MUTED, area.x, b.bottom + line_height(small) + 6)
        draw_lines(surf, self._note_lines(area.w), self.px(13), MUTED, area.x, y)

    def _foot_lines(self, width: int) -> list[str]:
        """The keys, under the bars."""
        return wrap(i18n.tr("lesson.outputs.keys", self.lang), self.px(15), width)[:3]

    def _note_lines(self, width: int) -> list[str]:
        """Under the article's outputs: that they are reconstructed from its numbers."""
        if not self.preset.startswith("article"):
            return []
        return wrap(i18n.tr("lesson.outputs.reconstructed", self.lang), self.px(13), width)[:2]

    def _draw_losses(self, surf: pygame.Surface, area: pygame.Rect) -> int:
        """Both losses, each with its formula, its value and its terms; returns the y below them."""
        out, lang = self.output, self.lang
        big, px, small = self.px(22), self.px(16), self.px(13)
        y = area.y
        k = out.label
        sse_terms = "+".join(f"{v:.3f}" for v in out.sse_terms) if out.classes <= 5 else \
            i18n.tr("lesson.outputs.terms_sum", lang, n=out.classes)
        rows = [
            (SSE_INK, i18n.tr("loss.squared", lang), "E = ½ Σ (y − t)²", out.sse,
             f"= {sse_terms}" if out.classes <= 5 else sse_terms),
            (CEE_INK, i18n.tr("loss.cross-entropy", lang), "E = −Σ t log(y + delta)", out.cee,
             f"= −log({out.y[k]:.3f} + delta)   " + i18n.tr("lesson.outputs.only_label", lang, k=k)),
        ]
        for ink, name, formula, value, terms in rows:
            surf.blit(assets.text(name, px, ink, True), (area.x, y))
            y += line_height(px)
            f = assets.text(formula, px, INK)
            surf.blit(f, (area.x, y))
            v = assets.text(f"{value:.4f}", big, ink, True)
            surf.blit(v, (area.right - v.get_width(), y - (big - px) // 2))
            y += line_height(big)
            y = draw_lines(surf, wrap(terms, small, area.w)[:2], small, MUTED, area.x, y)
            y += small // 2
        delta = i18n.tr("lesson.outputs.delta", lang, delta=f"{DELTA:g}")
        y = draw_lines(surf, wrap(delta, small, area.w)[:2], small, MUTED, area.x, y)
        return y + small

    def curves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The correct class's y from 0 to 1, and both losses as that bar is dragged there (the
        others renormalised); cached per output."""
        if self._curves is None or self._curves[0] != self.output:
            ys = np.linspace(0.0, 1.0, CURVE_POINTS)
            sse = np.array([self.output.set_bar(self.output.label, v).sse for v in ys])
            self._curves = (self.output, ys, sse)
        return self._curves[1], self._curves[2], minus_log(self._curves[1])

    def _draw_curves(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        lang, small = self.lang, self.px(13)
        title = i18n.tr("lesson.outputs.curve_title", lang, k=self.output.label)
        draw_lines(surf, wrap(title, self.px(15), area.w, True)[:1], self.px(15), INK, area.x, area.y, bold=True)
        top = area.y + line_height(self.px(15)) + small // 2
        plot = pygame.Rect(area.x + small * 2, top, area.w - small * 2, area.bottom - top - line_height(small) * 2)
        pygame.draw.rect(surf, (255, 255, 255), plot)
        for v in range(0, int(CURVE_TOP) + 1):
            yy = plot.bottom - round(v / CURVE_TOP * plot.h)
            pygame.draw.line(surf, GRID, (plot.x, yy), (plot.right, yy), 1)
            tag = assets.text(str(v), small, MUTED)
            surf.blit(tag, (plot.x - tag.get_width() - 4, yy - tag.get_height() // 2))
        for v in (0.0, 0.5, 1.0):
            tag = assets.text(f"{v:g}", small, MUTED)
            surf.blit(tag, (plot.x + round(v * plot.w) - tag.get_width() // 2, plot.bottom + 2))
        axis = assets.text(i18n.tr("lesson.outputs.curve_axis", lang, k=self.output.label), small, MUTED)
        surf.blit(axis, (plot.right - axis.get_width(), plot.bottom + 2 + line_height(small)))
        ys, sse, cee = self.curves()

        def point(x: float, e: float) -> tuple[int, int]:
            return plot.x + round(x * plot.w), plot.bottom - round(min(e, CURVE_TOP) / CURVE_TOP * plot.h)
        for values, ink, key in ((cee, CEE_INK, "lesson.outputs.curve_cee"), (sse, SSE_INK, "lesson.outputs.curve_sse")):
            pygame.draw.lines(surf, ink, False, [point(x, e) for x, e in zip(ys, values)], 3)
        now = self.output.y[self.output.label]
        for e, ink in ((self.output.cee, CEE_INK), (self.output.sse, SSE_INK)):
            pygame.draw.circle(surf, ink, point(now, e), max(7, small * 2 // 3))
            pygame.draw.circle(surf, (255, 255, 255), point(now, e), max(7, small * 2 // 3), 2)
        x = plot.right - small // 2
        for key, ink in (("lesson.outputs.curve_cee", CEE_INK), ("lesson.outputs.curve_sse", SSE_INK)):
            tag = assets.text(i18n.tr(key, lang), small, ink, True)
            surf.blit(tag, (x - tag.get_width(), plot.y + small // 2 + (0 if ink == CEE_INK else line_height(small))))


