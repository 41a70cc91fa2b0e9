"""The lesson's chapters, in the article's order: each a title, the article's point, and pages.

A page is one live scene with its "try now" line: the beach playing a scenario (as ``play``
does, optionally a race), the blindfold game on a scenario (as ``play --blindfold``: the learner
walks first, before gradient descent does), the outputs scene from a preset, or the closing list
of commands. The
texts are game.i18n's ``lesson.cN.title``, ``lesson.cN.point`` and ``lesson.cN[.pM].try``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim import SCENARIOS, Scenario
from sim.walking.racers import parse_racers

PAGE_KINDS = ("beach", "blindfold", "outputs", "commands")


@dataclass(frozen=True)
class Page:
    """One scene of a chapter: ``kind`` (PAGE_KINDS); for the beach and the blindfold game a
    built-in scenario with ``changes``, an optional ``race`` of step sizes, and ``options`` that
    choose another mode of the window (game.modes.open_mode's, e.g. ``{"blindfold": 0}``); for the
    outputs a preset."""

    kind: str
    scenario: str = "beach"
    changes: dict[str, Any] = field(default_factory=dict)
    race: tuple[float, ...] | None = None
    preset: str = "article-right"
    options: dict[str, Any] = field(default_factory=dict)

    def make_scenario(self) -> Scenario:
        base = SCENARIOS[self.scenario]
        return base.replace(**self.changes) if self.changes else base

    def mode_options(self) -> dict[str, Any]:
        """The mode a played page opens (game.modes.open_mode's options): its ``options``, else
        the page's race or its scenario's own, else one walk."""
        if self.options:
            return dict(self.options)
        scenario = self.make_scenario()
        return {"race": self.race if self.race is not None else
                (parse_racers(scenario.race) if scenario.race else None)}


@dataclass(frozen=True)
class Chapter:
    number: int        # from 1
    pages: tuple[Page, ...]

    def try_key(self, page: int) -> str:
        """The i18n key of page ``page``'s (from 0) "try now" line."""
        return f"lesson.c{self.number}.try" if len(self.pages) == 1 else f"lesson.c{self.number}.p{page + 1}.try"


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, (Page("blindfold", "beach", options={"blindfold": 0}), Page("beach", "beach"))),
    Chapter(2, (Page("outputs", preset="article-right"),)),
    Chapter(3, (Page("outputs", preset="article-wrong"),)),
    Chapter(4, (Page("beach", "beach"),)),
    Chapter(5, (Page("beach", "flat"), Page("beach", "digits", {"loss": "digits-accuracy"}))),
    Chapter(6, (Page("beach", "tiny-steps"), Page("beach", "one-step"), Page("beach", "overshoot"),
                Page("beach", "sea"), Page("beach", "beach", race=(0.02, 1.0, 1.6, 2.3)))),
    Chapter(7, (Page("beach", "valley"), Page("beach", "textbook"))),
    Chapter(8, (Page("beach", "digits"),)),
    Chapter(9, (Page("commands"),)),
)
