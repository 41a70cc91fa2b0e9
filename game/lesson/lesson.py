"""The lesson: the article chapter by chapter, each page a live scene under a caption card.

The scene fills the window above the card: the window's game.app.App playing the page's scenario
in the page's mode (a walk, a race, the blindfold game; every key of ``play`` working), the outputs
scene, or the closing commands. The card gives the
chapter's title, the article's point in the learner's language, what to try now, the chapter
dots and the keys: PgDn / PgUp next and back (clamped at both ends), F2 the chapter list (↑ ↓
Enter or a number; a click on a dot jumps too), F11 fullscreen, Ctrl + / Ctrl − the text scale.
Nothing is remembered between runs: a lesson starts at chapter 1 or the one asked for.
"""
from __future__ import annotations

from dataclasses import dataclass

import os
import sys
from pathlib import Path

import pygame

from game import assets, i18n
from game.app import FIXED_DT, FPS, MAX_DT, App, fit_rect, no_display, open_window
from game.png import save_png
from game.sound import quiet_stderr
from game.stage import MIN_SIZE
from game.lesson.chapters import CHAPTERS, Chapter, Page
from game.lesson.outputs_scene import OutputsScene
from game.lesson.text import draw_lines, line_height, wrap

TEXT_SCALES = (1.0, 1.25, 1.5, 1.75)    # Ctrl + / Ctrl − step through these (projectors)
MIN_LESSON_SIZE = (640, 480)            # pixels: smaller windows get the frame scaled down
CARD_BG = (30, 38, 58)
CARD_INK = (245, 240, 228)
CARD_MUTED = (170, 180, 200)
CARD_ACCENT = (255, 190, 90)
DOT_ON, DOT_OFF = (255, 190, 90), (90, 100, 125)
NEXT_KEYS = (pygame.K_PAGEDOWN,)
BACK_KEYS = (pygame.K_PAGEUP,)
LIST_KEY, FULLSCREEN_KEY = pygame.K_F2, pygame.K_F11
BIGGER_KEYS = (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_SEMICOLON)   # with Ctrl
SMALLER_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)                                    # with Ctrl


@dataclass
class Stop:
    """A place in the lesson: chapter index and page index (both from 0)."""

    chapter: int
    page: int


def stops() -> list[Stop]:
    """Every page of every chapter, in order: what Next and Back walk through."""
    return [Stop(c, p) for c, chapter in enumerate(CHAPTERS) for p in range(len(chapter.pages))]


class CommandsScene:
    """The closing page: the commands to go on with, one per line."""

    def __init__(self, lang: str, size: tuple[int, int], scale: float) -> None:
        self.lang, self.size, self.scale = lang, size, scale

    def handle(self, event: pygame.event.Event) -> None:
        """No keys of its own."""

    def tick(self, dt: float) -> None:
        """Nothing moves."""

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size

    def draw(self, surf: pygame.Surface) -> None:
        surf.fill((250, 246, 236))
        px = max(12, round(22 * self.size[1] / 720 * self.scale))
        y = px
        for command in i18n.tr("lesson.end.commands", self.lang).split(" · "):
            text = command if command.startswith("python") else f"python main.py {command}"
            y = draw_lines(surf, wrap(text, px, self.size[0] - 2 * px), px, (38, 52, 74), px, y) + px // 2


class Lesson:
    """The chapters, where the learner is, the scene of that page, and the card."""

    def __init__(self, *, lang: str, size: tuple[int, int] = (1280, 720), chapter: int = 1,
                 text_scale: float = 1.0, sound: bool = False, autoplay: bool = False) -> None:
        if not 1 <= chapter <= len(CHAPTERS):
            raise ValueError(f"chapter must be 1 to {len(CHAPTERS)}, got {chapter}")
        if text_scale not in TEXT_SCALES:
            raise ValueError(f"text scale must be one of {', '.join(map(str, TEXT_SCALES))}, got {text_scale}")
        i18n.tr("title", lang)   # raises for an unknown language
        self.lang, self.sound, self.autoplay = lang, sound, autoplay
        self.size = (max(MIN_LESSON_SIZE[0], size[0]), max(MIN_LESSON_SIZE[1], size[1]))
        self.text_scale = text_scale
        self.stops = stops()
        self.at = next(i for i, s in enumerate(self.stops) if s.chapter == chapter - 1)
        self.listing = False            # the chapter list is open
        self.list_choice = 0
        self.running = True
        self.fullscreen_wanted = False  # F11 pressed: the window loop toggles fullscreen
        self._card: tuple[tuple, pygame.Surface] | None = None   # the card drawn, and what it shows
        self._card_h: tuple[tuple, int] | None = None             # card_height, and what it was for
        self.card_boxes: list[pygame.Rect] = []                  # its texts and dots (window pixels)
        self.scene = self._make_scene()

    # -- where the learner is -------------------------------------------------------------------
    @property
    def stop(self) -> Stop:
        return self.stops[self.at]

    @property
    def chapter(self) -> Chapter:
        return CHAPTERS[self.stop.chapter]

    @property
    def page(self) -> Page:
        return self.chapter.pages[self.stop.page]

    def go(self, at: int) -> None:
        """Open stop ``at`` (clamped to the first and last page) with a fresh scene."""
        at = max(0, min(len(self.stops) - 1, at))
        if at != self.at:
            self.at = at
            self.scene = self._make_scene()

    def next(self) -> None:
        self.go(self.at + 1)

    def back(self) -> None:
        self.go(self.at - 1)

    def jump(self, chapter: int) -> None:
        """The first page of chapter ``chapter`` (from 0)."""
        self.go(next(i for i, s in enumerate(self.stops) if s.chapter == chapter))

    # -- the scene and the card -----------------------------------------------------------------
    def card_height(self) -> int:
        """Pixels of the caption card at the bottom: a quarter of the window (more with the text
        scale), or as much as the longest page's texts need where that is more (a small window), as
        long as the scene keeps the smallest height a play's layout supports (MIN_SIZE). The same
        on every page, so that turning a page never resizes the scene."""
        key = (self.size, self.text_scale, self.lang)
        if self._card_h is None or self._card_h[0] != key:
            share = round(self.size[1] * (0.25 + 0.2 * (self.text_scale - 1.0)))
            need = max(self._card_need(stop) for stop in self.stops)
            self._card_h = (key, max(share, min(need, self.size[1] - MIN_SIZE[1])))
        return self._card_h[1]

    def _card_need(self, stop: Stop) -> int:
        """Pixels of card that show ``stop``'s title, its whole point and what to try above the
        dots (as _draw_card lays them out)."""
        _, point, try_now = self.card_texts(stop)
        pad = self.text_px(14)
        width = self.size[0] - 2 * pad
        px, small = self.text_px(15), self.text_px(12)
        r = max(5, self.text_px(7))
        lines = len(wrap(point, px, width)) + len(wrap(try_now, px, width))
        nav = self.text_px(12) + max(2 * r, r + (assets.font(small).get_height() + 1) // 2) + self.text_px(4)
        return pad // 2 + line_height(self.text_px(19)) + lines * line_height(px) + nav

    def scene_size(self) -> tuple[int, int]:
        return self.size[0], self.size[1] - self.card_height()

    def _make_scene(self):
        page, size = self.page, self.scene_size()
        if page.kind == "outputs":
            return OutputsScene(self.lang, size, preset=page.preset, scale=self.text_scale)
        if page.kind == "commands":
            return CommandsScene(self.lang, size, self.text_scale)
        return App(page.make_scenario(), lang=self.lang, size=size, sound=self.sound,
                   autoplay=self.autoplay and page.kind == "beach", **page.mode_options())

    def card_texts(self, stop: Stop | None = None) -> tuple[str, str, str]:
        """The card's title line, the article's point and the "try now" line (of ``stop``; default: here)."""
        stop = self.stop if stop is None else stop
        c = CHAPTERS[stop.chapter]
        title = f"{c.number}. {i18n.tr(f'lesson.c{c.number}.title', self.lang)}"
        if len(c.pages) > 1:
            title += f"  ({i18n.tr('lesson.page', self.lang, n=stop.page + 1, of=len(c.pages))})"
        return (title, i18n.tr(f"lesson.c{c.number}.point", self.lang),
                f"{i18n.tr('lesson.try', self.lang)}: {i18n.tr(c.try_key(stop.page), self.lang)}")

    # -- input ----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """Lesson keys first (navigation, list, fullscreen, text scale); the rest go to the scene."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and self._lesson_key(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.pos[1] >= self.scene_size()[1]:
            self._click_card(event.pos)
            return
        if self.listing:
            return
        self.scene.handle(event)
        if isinstance(self.scene, App) and not self.scene.running:
            self.running = False

    def _lesson_key(self, event: pygame.event.Event) -> bool:
        key, ctrl = event.key, bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL)
        if ctrl and key in BIGGER_KEYS + SMALLER_KEYS:
            self.change_text_scale(bigger=key in BIGGER_KEYS)
        elif key == pygame.K_ESCAPE:
            if self.listing:
                self.listing = False
            else:
                self.running = False
        elif key == FULLSCREEN_KEY:
            self.fullscreen_wanted = True
        elif key == LIST_KEY:
            self.listing, self.list_choice = not self.listing, self.stop.chapter
        elif self.listing:
            self._list_key(key)
        elif key in NEXT_KEYS:
            self.next()
        elif key in BACK_KEYS:
            self.back()
        else:
            return False
        return True

    def _list_key(self, key: int) -> None:
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.list_choice = max(0, min(len(CHAPTERS) - 1, self.list_choice + (1 if key == pygame.K_DOWN else -1)))
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.listing = False
            self.jump(self.list_choice)
        elif pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < len(CHAPTERS):
            self.listing = False
            self.jump(key - pygame.K_1)

    def _click_card(self, pos: tuple[int, int]) -> None:
        for i, rect in enumerate(self.dot_rects()):
            if rect.inflate(8, 8).collidepoint(pos):
                self.jump(i)
                return

    def change_text_scale(self, bigger: bool) -> None:
        i = TEXT_SCALES.index(self.text_scale) + (1 if bigger else -1)
        self.text_scale = TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, i))]
        self.resize(self.size)
        if hasattr(self.scene, "scale"):
            self.scene.scale = self.text_scale

    def resize(self, size: tuple[int, int]) -> None:
        self.size = (max(MIN_LESSON_SIZE[0], size[0]), max(MIN_LESSON_SIZE[1], size[1]))
        if isinstance(self.scene, App):
            self.scene.state.resize(self.scene_size())
        else:
            self.scene.resize(self.scene_size())

    def tick(self, dt: float) -> None:
        self.scene.tick(dt)

    # -- drawing --------------------------------------------------------------------------------
    def text_px(self, base: float) -> int:
        """A font size: ``base`` pixels in a 720-pixel-high window, times the text scale."""
        return max(11, round(base * self.size[1] / 720 * self.text_scale))

    def dot_rects(self) -> list[pygame.Rect]:
        """The chapter dots, at the right of the card's bottom line (pixels)."""
        r = max(5, self.text_px(7))
        gap = r * 3
        y = self.size[1] - self.text_px(12) - r
        x0 = self.size[0] - self.text_px(14) - gap * len(CHAPTERS)
        return [pygame.Rect(x0 + i * gap, y - r, 2 * r, 2 * r) for i in range(len(CHAPTERS))]

    def draw(self, surf: pygame.Surface) -> None:
        w, h = self.size
        top = self.scene_size()[1]
        self.scene.draw(surf.subsurface((0, 0, w, top)))
        key = (self.at, self.size, self.text_scale, self.lang)
        if self._card is None or self._card[0] != key:   # the card changes only with the page, size or scale
            card = pygame.Surface((w, h - top))
            card.fill(CARD_BG)
            self._draw_card(card, card.get_rect())
            self.card_boxes = [r.move(0, top) for r in self.card_boxes]
            self._card = (key, card)
        surf.blit(self._card[1], (0, top))
        if self.listing:
            self._draw_list(surf)

    def _draw_card(self, surf: pygame.Surface, card: pygame.Rect) -> None:
        """The title, the point, what to try, the keys, the chapter and its dots, on the card's own
        surface ``surf``. Every text's rectangle is kept in ``card_boxes`` (the tests check that none
        overlap)."""
        self.card_boxes = []

        def put(lines: list[str], px: int, ink, x: int, y: int, bold: bool = False) -> int:
            for line in lines:
                shown = assets.text(line, px, ink, bold)
                self.card_boxes.append(surf.blit(shown, (x, y)))
                y += line_height(px)
            return y

        title, point, try_now = self.card_texts()
        pad = self.text_px(14)
        width = card.w - 2 * pad
        big, px, small = self.text_px(19), self.text_px(15), self.text_px(12)
        dots = [r.move(0, -self.scene_size()[1]) for r in self.dot_rects()]   # in the card's own pixels
        label = assets.text(i18n.tr("lesson.chapter", self.lang, n=self.chapter.number, of=len(CHAPTERS)),
                            small, CARD_MUTED)
        label_at = label.get_rect(midright=(dots[0].left - small, dots[0].centery))
        self.card_boxes.append(surf.blit(label, label_at))
        nav_top = min(dots[0].top, label_at.top) - self.text_px(4)
        y = put(wrap(title, big, width, True)[:1], big, CARD_ACCENT, pad, card.y + pad // 2, True)
        room = max(1, (nav_top - y) // line_height(px))
        point_lines, try_lines = wrap(point, px, width), wrap(try_now, px, width)
        keep_try = min(len(try_lines), max(1, room - 1))
        keep_point = max(0, min(len(point_lines), room - keep_try))
        shown = point_lines[:keep_point]
        if shown and keep_point < len(point_lines):
            shown[-1] = shown[-1][:-1] + "…"
        y = put(shown, px, CARD_INK, pad, y)
        put(try_lines[:keep_try], px, CARD_ACCENT, pad, y)
        nav = wrap(i18n.tr("lesson.nav", self.lang), small, label_at.left - 2 * pad)[:1]
        put(nav, small, CARD_MUTED, pad, dots[0].centery - line_height(small) // 2)
        for i, rect in enumerate(dots):
            pygame.draw.circle(surf, DOT_ON if i == self.stop.chapter else DOT_OFF, rect.center, rect.w // 2)
            self.card_boxes.append(rect)

    def _draw_list(self, surf: pygame.Surface) -> None:
        px = self.text_px(17)
        line = line_height(px)
        box = pygame.Rect(0, 0, min(self.size[0] - 40, px * 36), line * (len(CHAPTERS) + 2))
        box.center = (self.size[0] // 2, self.scene_size()[1] // 2)
        box.clamp_ip(pygame.Rect(0, 0, *self.size))
        pygame.draw.rect(surf, CARD_BG, box, border_radius=10)
        y = draw_lines(surf, wrap(i18n.tr("lesson.list_title", self.lang), px, box.w - px)[:1], px, CARD_MUTED,
                       box.x + px // 2, box.y + px // 2)
        for i in range(len(CHAPTERS)):
            text = f"{i + 1}. {i18n.tr(f'lesson.c{i + 1}.title', self.lang)}"
            ink = CARD_ACCENT if i == self.list_choice else CARD_INK
            y = draw_lines(surf, wrap(text, px, box.w - px)[:1], px, ink, box.x + px // 2, y, bold=i == self.list_choice)


def run_lesson(*, lang: str, chapter: int = 1, size: tuple[int, int] = (1280, 720), text_scale: float = 1.0,
               sound: bool = True, autoplay: bool = False, fullscreen: bool = False,
               max_frames: int | None = None, screenshot: str | None = None) -> int:
    """Open the lesson in a resizable window at ``chapter``; returns the exit status (0, or 1 when
    there is no display and nothing would end it). ``max_frames`` stops after that many frames of
    a fixed 1/60 s; ``screenshot`` saves the last frame as a PNG (headless with SDL_VIDEODRIVER=dummy)."""
    chosen = os.environ.get("SDL_VIDEODRIVER", "")
    if screenshot is not None and not Path(screenshot).resolve().parent.is_dir():
        raise ValueError(f"screenshot folder of {screenshot!r} does not exist")
    with quiet_stderr():
        pygame.display.init()
    pygame.font.init()
    try:
        problem = no_display(pygame.display.get_driver(), chosen, max_frames, "lesson", lang)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        lesson = Lesson(lang=lang, size=size, chapter=chapter, text_scale=text_scale, sound=sound, autoplay=autoplay)
        window = open_window(i18n.tr("lesson.title", lang), size)
        if fullscreen:
            window.set_fullscreen(True)
        clock = pygame.time.Clock()
        frames = 0
        frame = pygame.Surface(lesson.size)
        while lesson.running:
            for event in pygame.event.get():
                lesson.handle(event)
            if lesson.fullscreen_wanted:
                lesson.fullscreen_wanted = False
                window.set_windowed() if window.fullscreen else window.set_fullscreen(True)
            if not lesson.running:
                break
            lesson.tick(FIXED_DT if max_frames is not None else min(clock.tick(FPS) / 1000.0, MAX_DT))
            screen = window.get_surface()
            if screen.get_size() != lesson.size:
                lesson.resize(screen.get_size())
            if frame.get_size() != lesson.size:
                frame = pygame.Surface(lesson.size)
            lesson.draw(frame)
            if frame.get_size() == screen.get_size():
                screen.blit(frame, (0, 0))
            else:   # a window below MIN_LESSON_SIZE: the frame scaled down to fit
                at = fit_rect(frame.get_size(), screen.get_size())
                screen.fill((12, 32, 52))
                pygame.transform.smoothscale(frame, at.size, screen.subsurface(at))
            window.flip()
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
        if screenshot is not None:
            save_png(frame, screenshot)
    finally:
        pygame.quit()
    return 0
