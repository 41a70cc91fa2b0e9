"""The digit panel: one sample digit, the network's 10 outputs at the weights where the player
stands on the digits landscape, its one-hot target, and that sample's SSE and CEE.

Shown in play --learn and in the lesson's chapter 8; D cycles through the samples
(sim.learning.sample_outputs.shown_samples: training and validation, one the network gets wrong).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pygame
from sim.learning.landscape import DigitsLandscape, digits_landscape
from sim.learning.output_bars import NetworkOutput
from sim.learning.sample_outputs import Sample, output_at, shown_samples

from game import assets, i18n
from game.lesson.outputs_scene import T_EDGE, Y_BAR, Y_RIGHT_BAR
from game.lesson.text import draw_lines, line_height, wrap

CARD = (250, 246, 236, 235)
INK = (38, 52, 74)
MUTED = (110, 120, 135)
BAR_ROW = 1.2   # a bar's row: this many times the text size (pixels)


@dataclass
class DigitPanel:
    """Which sample is shown; the output is worked out from the player's position when drawn."""

    chosen: int = 0
    land: DigitsLandscape = field(default_factory=digits_landscape)
    samples: tuple[Sample, ...] = field(init=False)
    _last: tuple[tuple, NetworkOutput] | None = field(default=None, init=False, repr=False)
    _card: tuple[tuple, pygame.Surface] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.samples = shown_samples(self.land)

    @property
    def sample(self) -> Sample:
        return self.samples[self.chosen]

    def next_sample(self) -> None:
        self.chosen = (self.chosen + 1) % len(self.samples)

    def output(self, x: float, y: float, tx: float, ty: float) -> NetworkOutput | None:
        """The chosen sample's output at beach point (x, y) (None where the network overflows);
        cached per sample and point, so a still frame costs nothing."""
        key = (self.chosen, x, y, tx, ty)
        if self._last is None or self._last[0] != key:
            try:
                out = output_at(self.land, self.sample, x, y, tx, ty)
            except ValueError:
                out = None
            self._last = (key, out)
        return self._last[1]

    def size_for(self, px: int) -> tuple[int, int]:
        """The card's size (pixels) at text size ``px``: a title, the digit beside five lines, ten bars."""
        return px * 15, line_height(px) * 7 + round(10 * px * BAR_ROW) + px

    def draw(self, surf: pygame.Surface, rect: pygame.Rect, position: tuple[float, float, float, float],
             lang: str, px: int) -> None:
        """The card in ``rect`` for the player at ``position`` = (x, y, tx, ty) metres; drawn again only
        when the sample, the position, the language or the size changes."""
        key = (self.chosen, position, lang, px, rect.size)
        if self._card is None or self._card[0] != key:
            card = pygame.Surface(rect.size, pygame.SRCALPHA)
            self._draw_card(card, card.get_rect(), position, lang, px)
            self._card = (key, card)
        surf.blit(self._card[1], rect)

    def _draw_card(self, surf: pygame.Surface, rect: pygame.Rect, position: tuple[float, float, float, float],
                   lang: str, px: int) -> None:
        pygame.draw.rect(surf, CARD, rect, border_radius=8)
        pad, line = px // 2, line_height(px)
        x0, y = rect.x + pad, rect.y + pad
        width = rect.w - 2 * pad
        draw_lines(surf, wrap(i18n.tr("lesson.digits.title", lang), px, width, True)[:1], px, INK, x0, y, bold=True)
        y += line
        image, label = self.sample.arrays(self.land)
        out = self.output(*position)
        side = line * 5
        self._draw_digit(surf, pygame.Rect(x0, y, side, side), image)
        split = i18n.tr(f"lesson.digits.{self.sample.split}", lang)
        info = [i18n.tr("lesson.digits.sample", lang, split=split, index=self.sample.index),
                i18n.tr("lesson.digits.answer", lang, label=label)]
        if out is not None:
            info += [i18n.tr("lesson.digits.guess", lang, guess=int(np.argmax(out.y))),
                     f"SSE {out.sse:.4f}", f"CEE {out.cee:.4f}"]
        text_x = x0 + side + pad
        for i, text in enumerate(info):
            draw_lines(surf, wrap(text, px, rect.right - pad - text_x)[:1], px, INK if i < 2 else MUTED, text_x,
                       y + i * line)
        y += side + pad // 2
        key_y = rect.bottom - pad - line
        if out is not None:
            self._draw_bars(surf, pygame.Rect(x0, y, width, key_y - y), out, px)
        draw_lines(surf, [i18n.tr("lesson.digits.key", lang)], px, MUTED, x0, key_y)

    @staticmethod
    def _draw_digit(surf: pygame.Surface, rect: pygame.Rect, image: np.ndarray) -> None:
        """The 8×8 image, dark ink on white, scaled to ``rect``."""
        grey = (255 * (1 - np.clip(image.reshape(8, 8), 0, 1))).astype(np.uint8)
        rgb = np.repeat(grey.T[:, :, None], 3, axis=2)
        small = pygame.surfarray.make_surface(rgb)
        surf.blit(pygame.transform.scale(small, rect.size), rect)
        pygame.draw.rect(surf, MUTED, rect, 1)

    @staticmethod
    def _draw_bars(surf: pygame.Surface, rect: pygame.Rect, out: NetworkOutput, px: int) -> None:
        """One row per class: its digit, its output bar y_k, the target t_k as a red frame."""
        row = rect.h / out.classes
        small = max(11, round(px * 0.85))
        label_w = assets.font(small, True).size("0")[0] + 2
        width = rect.w - label_w - 4 - assets.font(small).size("0.00")[0] - 4
        for k, v in enumerate(out.y):
            top = round(rect.y + k * row)
            h = max(2, round(row * 0.7))
            surf.blit(assets.text(str(k), small, INK, k == out.label), (rect.x, top))
            bar_x = rect.x + label_w + 4
            pygame.draw.rect(surf, Y_RIGHT_BAR if k == out.label else Y_BAR, (bar_x, top + 2, round(v * width), h))
            if k == out.label:
                pygame.draw.rect(surf, T_EDGE, (bar_x, top + 1, width, h + 2), 2)
            surf.blit(assets.text(f"{v:.2f}", small, MUTED), (bar_x + width + 4, top))
