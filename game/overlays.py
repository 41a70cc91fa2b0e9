"""What is drawn over the beach or the whole window: the prompt to press Space, the toast
(a short message), and the help card with every control of the mode played."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game import assets, i18n
from game.chart import ELLIPSIS
from game.drawers import endings, place_clear
from game.panel import ACCENT, INK, MIN_TEXT_PX, PANEL, PANEL_EDGE, Placed, fit_size, place_text

if TYPE_CHECKING:
    from game.modes.base import Mode


PROMPT_BOB = 3   # pixels the prompt to press Space bobs up and down


def _prompt(area: pygame.Rect, text: str, lang: str) -> tuple[Placed, pygame.Rect]:
    """The prompt pill's label (``text`` and the help hint, or ``text`` alone where both do
    not fit) and its box at rest at the top of ``area``."""
    size = _prompt_px(area)
    width = area.w - round(size * 1.6) - 20
    label = place_text(f"{text}   ·   {i18n.tr('hud.help_hint', lang)}", size, True, width, MIN_TEXT_PX)
    if label.text.endswith(ELLIPSIS):
        label = place_text(text, size, True, width, MIN_TEXT_PX)
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


def prompt_rect(area: pygame.Rect, text: str, lang: str) -> pygame.Rect:
    """Every pixel that the pill saying ``text`` at the top of ``area`` covers as it bobs, its
    shadow included."""
    box = _prompt(area, text, lang)[1]
    return pygame.Rect(box.x, box.top - PROMPT_BOB, box.w, box.h + 2 * PROMPT_BOB + 3)


def again_area(beach: pygame.Rect) -> pygame.Rect:
    """The part of ``beach`` under the banner's room, at whose top the pill saying Space plays again goes."""
    top = endings.banner_bottom(beach)
    return pygame.Rect(beach.x, top, beach.w, beach.bottom - top)


def ending_words_drop(beach: pygame.Rect, words: Sequence[pygame.Rect], avoid: Sequence[pygame.Rect]) -> int:
    """How far down (pixels) the ending's words (``words``: the banner and the pill under it, at
    the top of ``beach``) go: 0 where they cover none of ``avoid`` (the players, the watermelon,
    what the mode keeps in sight), else the least drop that covers none of it, else the drop
    that covers the fewest of its pixels; never below the beach."""
    if not words:
        return 0
    block = words[0].unionall(list(words[1:]))
    drops = range(0, max(0, beach.bottom - block.bottom) + 1, max(1, block.h // 8))

    def covered(drop: int) -> int:
        return sum(r.move(0, drop).clip(a).w * r.move(0, drop).clip(a).h for r in words for a in avoid)

    return min(drops, key=lambda drop: (covered(drop), drop))


def start_prompt_bottom(area: pygame.Rect) -> int:
    """The lowest pixel row the prompt to start, at the top of ``area``, can reach as it bobs."""
    size = _prompt_px(area)
    return area.top + round(size * 0.7) + assets.font(size, True).get_height() + round(size * 0.8) + PROMPT_BOB + 1


def prompt_room_bottom(area: pygame.Rect) -> int:
    """The lowest pixel row that the prompts at the top of ``area`` (the beach) can reach: an
    ending's banner, the pill under it that says Space plays again, the prompt to start."""
    return start_prompt_bottom(again_area(area)) + 2


def toast_rect(area: pygame.Rect, text: str, avoid: Sequence[pygame.Rect] = ()) -> tuple[Placed, pygame.Rect]:
    """The message ``text``'s label and card (pixels) in ``area`` (the beach): at the top centre
    under the room of the prompts, clear of them and of the friends at the bottom of the beach;
    where that would cover one of ``avoid`` (the players, the watermelon, the cards), beside it
    on the same row, or else on the highest row below where it covers none of them."""
    size = max(13, min(22, round(area.h * 0.03)))
    label = place_text(text, size, False, area.w - 40, MIN_TEXT_PX)
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



def draw_help(surf: pygame.Surface, state: Mode) -> None:
    """Every control of the mode played, in its language, on a card over a dimmed window."""
    lang = state.lang
    w, h = surf.get_size()
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((10, 20, 40, 170))
    surf.blit(shade, (0, 0))
    rows = state.help_rows()
    size = max(11, min(22, round(h / (len(rows) * 1.55 + 5))))
    while True:   # smaller until the last row ends inside the card (a short window: a lesson's page)
        line = round(size * 1.5)
        title = assets.text(i18n.tr("help.title", lang), round(size * 1.4), ACCENT, bold=True)
        if size <= MIN_TEXT_PX or size * 1.5 + title.get_height() + line * len(rows) <= h - 20:
            break
        size -= 1
    keys_w = max(assets.font(size, True).size(k)[0] for k, _ in rows)
    acts_w = max(assets.font(size).size(a)[0] for _, a in rows)
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
        surf.blit(assets.text(action, fit_size(action, card.right - x_acts - size, size), INK), (x_acts, y))
        y += line
