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

PAGE_KINDS = ("beach", "blindfold", "outputs", "commands")


@dataclass(frozen=True)
class Page:
    """One scene of a chapter: ``kind`` (PAGE_KINDS); for the beach a built-in scenario with
    ``changes`` and an optional ``race`` of step sizes; for the outputs a preset and the bar chosen
    first (None: the correct one)."""

    kind: str
    scenario: str = "beach"
    changes: dict[str, Any] = field(default_factory=dict)
    race: tuple[float, ...] | None = None
    preset: str = "article-right"

    def make_scenario(self) -> Scenario:
        base = SCENARIOS[self.scenario]
        return base.replace(**self.changes) if self.changes else base


@dataclass(frozen=True)
class Chapter:
    number: int        # from 1
    pages: tuple[Page, ...]

    def try_key(self, page: int) -> str:
        """The i18n key of page ``page``'s (from 0) "try now" line."""
        return f"lesson.c{self.number}.try" if len(self.pages) == 1 else f"lesson.c{self.number}.p{page + 1}.try"


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, (Page("blindfold", "beach"), Page("beach", "beach"))),
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
