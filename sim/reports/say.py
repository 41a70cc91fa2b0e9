"""How a headless report speaks: its English templates, filled, in the reader's language.

A report (sim.reports.text, the sweep's and the map's tables, ...) writes every sentence as an
English template and passes it to a ``Say``; it names a result's codes (an outcome, a regime, a
ground, a place) through ``Say.word``. ``english`` speaks English as written and leaves codes as
JSON and CSV write them; the command line passes game.i18n.terminal(lang), a Say with that
language's tables. So sim/ holds no language but English and never imports game/.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping


class Say:
    """Reports' words in one language: ``templates`` maps an English template to its wording,
    ``words`` a "kind.code" to its word; without them (None), English as written. A template or
    code a table lacks is used as written, or with ``strict`` is a KeyError."""

    def __init__(self, templates: Mapping[str, str] | None = None, words: Mapping[str, str] | None = None,
                 strict: bool = False) -> None:
        self.templates, self.words, self.strict = templates, words, strict

    def __call__(self, template: str, **fields: Any) -> str:
        """``template`` (English, with ``{fields}``) in the reader's language, filled."""
        if self.templates is not None:
            template = self.templates[template] if self.strict else self.templates.get(template, template)
        return template.format(**fields)

    def word(self, kind: str, code: str) -> str:
        """A result's ``code`` of ``kind`` ("outcome_name", "regime", "ground", "place") in the reader's
        language."""
        if self.words is None:
            return code
        key = f"{kind}.{code}"
        return self.words[key] if self.strict else self.words.get(key, code)

    def join(self, parts: Iterable[str]) -> str:
        """The items of a list, separated as the language separates them (", " is a template too)."""
        return self(", ").join(parts)


english = Say()
"""The reports' default ``Say``: English as written."""
