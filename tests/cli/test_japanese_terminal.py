"""--lang ja (or a Japanese locale) puts run's and learn's terminal reports in Japanese: every
template the reports use has its Japanese, with the same fields."""
from __future__ import annotations

import pytest

from game.i18n import terminal
from sim import LearnSettings, SCENARIOS, Scenario, Walk, learn
from sim.learning.learn import learn_table
from sim.reports.text import GROUND_TEXT, run_summary
from tests.clitools import cli

JA = terminal("ja", strict=True)   # a template without its Japanese is a KeyError


@pytest.mark.parametrize("scenario", [SCENARIOS["beach"], SCENARIOS["dunes"], SCENARIOS["saddle"], SCENARIOS["flat"],
                                      SCENARIOS["sea"], Scenario(reach=0, max_steps=3, noise=0.1, schedule="cosine")])
def test_every_ending_of_a_run_reads_in_japanese(scenario):
    result = Walk(scenario).run()
    text = run_summary(result, say=JA)
    assert "結果: " + result.outcome in text and "スイカ (" in text
    for english in ("scenario ", "outcome:", "watermelon", "the player", "optimizer "):
        assert english not in text, english
    assert run_summary(result) == run_summary(result, say=terminal("en", strict=True))   # English as written


def test_every_ground_a_stuck_player_names_has_its_japanese():
    for text in GROUND_TEXT.values():
        assert JA(text) != text


@pytest.mark.parametrize("settings", [LearnSettings(epochs=2, limit=200), LearnSettings(epochs=2, hidden=5, limit=200),
                                      LearnSettings(epochs=2, lr=100, limit=200), LearnSettings(epochs=2, lr=1e308, limit=200)])
def test_learn_table_reads_in_japanese(settings):
    result = learn(settings)
    text = learn_table(result, say=JA)
    assert text.startswith("エポック") and ("発散" in text) == result.diverged
    assert "weights" not in text and "training" not in text


def test_the_command_line_speaks_japanese_with_lang_ja_or_a_japanese_locale(monkeypatch):
    assert "結果: hit" in cli("run", "--lang", "ja").stdout
    assert "結果: hit" in cli("--lang", "ja", "run").stdout
    assert "ソフトマックス回帰" in cli("learn", "--lang", "ja", "--epochs", "1").stdout
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert "結果: hit" in cli("run").stdout
    assert "outcome: hit" in cli("run", "--lang", "en").stdout
