"""Every text the front end and the headless charts show, looked up by key in a language.

Each language is one module of this package holding its table of texts (``en.py``, ``ja.py``):
a new language is a new module with the same keys, and ``LANGS`` lists the modules found.
``tr(key, lang, **fmt)`` looks a text up and fills its ``{fields}``; ``h_text(h)`` writes the probe
size h as every part of the window shows it (a text's field ``{h:h}`` too); a field ``{name:cap}``
starts with a capital letter.

Screen convention for directions: +x is right, +y is forward (up on the screen, toward the
sea); -x is left and -y is back (toward the friends at the bottom edge).

What the commands print on the terminal is worded by ``terminal(lang)``: a language module's
TERMINAL table maps the English templates of those reports (sim.reports.say) to its own.

This package imports neither pygame nor numpy (``terminal`` loads sim's Say only when called), so
that scripts (the font subsetter), the command line and the headless charts can read it cheaply.
"""

from __future__ import annotations

import collections
import importlib
import os
import pkgutil
import string
from collections.abc import Mapping
from typing import Any

DEFAULT_LANG = "en"
"""The language when the locale names none of LANGS."""

OPTIMIZER_SHORT: Mapping[str, str] = {"gd": "GD", "momentum": "Momentum", "nesterov": "Nesterov",
                                      "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam"}
"""The optimizers' names where room is short (race tags and legends), the same in every language."""

COMMON: Mapping[str, str] = {
    **{f"optimizer.{k}": v for k, v in OPTIMIZER_SHORT.items() if k != "gd"},
    "param.momentum": "μ", "param.beta1": "β1", "param.beta2": "β2", "param.rho": "ρ", "param.eps": "ε",
    "key_name.up": "↑", "key_name.down": "↓", "key_name.right": "→", "key_name.left_bracket": "[",
    "key_name.right_bracket": "]", "key_name.plus": "+", "key_name.minus": "−", "key_name.escape": "Esc",
    "key_name.f1": "F1", "key_name.tab": "Tab", "key_name.shifted": "Shift+{name}",
    "key_name.left": "←", "key_name.enter": "Enter",
    "help.both": "{first} / {second}",
}
"""Texts the same in every language, which a language's module may still override: the optimizers'
own names, their hyperparameters' symbols, the keys' glyphs and the help's pairs of keys."""

LANGS: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")))
"""The languages: one module of this package each."""

TEXTS: Mapping[str, Mapping[str, str]] = {
    lang: {**COMMON, **importlib.import_module(f"{__name__}.{lang}").TEXTS} for lang in LANGS}
"""Every language's texts by key."""


def terminal(lang: str, strict: bool = False):
    """The sim.reports.say.Say of the headless reports in ``lang``: a report's English template is
    looked up in the language module's TERMINAL table, a result's code of a kind (an outcome, a
    regime, a ground, a place) under "kind.code" in that table, else in the language's TEXTS. In
    English, templates as written and codes as they are. A template or code the language lacks is
    used as written (``strict``: it is a KeyError)."""
    from sim.reports.say import Say, english

    _check_lang(lang)
    if lang == DEFAULT_LANG:
        return english
    table: Mapping[str, str] = getattr(importlib.import_module(f"{__name__}.{lang}"), "TERMINAL", {})
    return Say(table, collections.ChainMap(dict(table), dict(TEXTS[lang])), strict)


def optimizer_text(name: str, hyperparameters: Mapping[str, float], lang: str) -> str:
    """The optimizer as the HUD and its toast name it: "Adam (β1 0.9 · β2 0.999 · ε 1e-08)"."""
    params = " · ".join(f"{tr(f'param.{k}', lang)} {v:g}" for k, v in hyperparameters.items())
    full = tr(f"optimizer.{name}", lang)
    return f"{full} ({params})" if params else full


def h_text(h: float) -> str:
    """The probe size ``h`` (metres) as the window shows it: a power of ten with the fewest
    digits, up to 3 significant, that give ``h`` back ("1e-04 m", "2.5e-04 m"); an ``h`` that
    needs more is rounded to 3 ("1.23e-04 m")."""
    for digits in range(3):
        text = f"{h:.{digits}e}"
        if float(text) == h:
            break
    return f"{text} m"


class _Formatter(string.Formatter):
    """str.format, plus two format specs: ``h``, the field is a probe size, written by h_text;
    ``cap``, the field's first letter capitalised (a word that starts a sentence)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "h":
            return h_text(float(value))
        if format_spec == "cap":
            text = str(value)
            return text[:1].upper() + text[1:]
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def _check_lang(lang: str) -> None:
    if lang not in TEXTS:
        raise ValueError(f"unknown language {lang!r}; accepted: {', '.join(LANGS)}")


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language of the locale (LC_ALL, LC_MESSAGES or LANG, the first one set: "ja_JP.UTF-8"
    is ``"ja"``), or DEFAULT_LANG when it is none of LANGS."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").lower()
        if value:
            return next((lang for lang in LANGS if value.startswith(lang)), DEFAULT_LANG)
    return DEFAULT_LANG


def fields(key: str, lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The names of the ``{fields}`` that ``tr(key, lang)`` needs."""
    _check_lang(lang)
    template = TEXTS[lang][key]
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def tr(key: str, lang: str, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (one of LANGS), with its ``{fields}`` filled from ``fmt``."""
    _check_lang(lang)
    try:
        template = TEXTS[lang][key]
    except KeyError:
        raise KeyError(f"no text {key!r} in language {lang!r}") from None
    try:
        return _FORMATTER.format(template, **fmt)
    except KeyError as err:
        raise KeyError(f"text {key!r} needs the field {err.args[0]!r}") from None
