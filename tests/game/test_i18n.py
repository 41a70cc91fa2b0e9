"""The texts of every language, one module each, and the locale default."""

import re
from pathlib import Path

import pytest

from game import i18n
from game.i18n import DEFAULT_LANG, LANGS, TEXTS, default_lang, fields, tr

SAMPLE_VALUES = {"lr": 0.5, "h": 1e-4, "steps_per_s": 4, "path": "shot.png", "name": "distance", "dir": "x",
                 "title": "T", "detail": "D", "loss": "L", "outcome": "O", "hits": 3, "stopped": 5, "players": 8,
                 "epochs": 30, "x": "1.2", "y": "0.05", "c": 1.0, "a": "lr", "b": "μ", "scenario": "beach",
                 "starts": 10, "cells": 4, "steps": 200, "seed": 0, "first": "A", "second": "B",
                 "optimizers": "gd, adam",
                 "n": 2, "of": 9, "k": 2, "delta": "1e-07", "split": "training", "index": 3, "label": 7, "guess": 1, "left": 1, "level": "dunes",
                 "share": 0.25, "count": 2, "value": "5", "measure": "M", "cell": "lr 0.1, μ 0.5"}


def test_the_languages_are_the_modules_of_the_package_and_have_the_same_keys():
    modules = sorted(p.stem for p in Path(i18n.__file__).parent.glob("*.py") if not p.stem.startswith("_"))
    assert list(LANGS) == modules == ["en", "ja"]
    for lang in LANGS:
        assert set(TEXTS[lang]) == set(TEXTS[DEFAULT_LANG]), lang


def test_the_command_line_offers_every_language():
    from game.cli.options import build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if a.dest == "command").choices
    offered = {name: next(a.choices for a in sub._actions if a.dest == "lang")
               for name, sub in subs.items() if "--lang" in sub._option_string_actions}
    assert set(offered) == {"play", "run", "sweep", "learn", "losses", "lesson"}
    assert all(tuple(choices) == LANGS for choices in offered.values())


def test_a_cap_field_starts_with_a_capital():
    assert tr("shout.normal", "en", dir="forward right") == "Forward right!"
    assert tr("shout.normal", "ja", dir="右前") == "右前!"


@pytest.mark.parametrize("key", sorted(TEXTS["en"]))
def test_every_key_formats_in_both_languages_with_the_same_fields(key):
    assert fields(key, "en") == fields(key, "ja")
    for lang in LANGS:
        values = {f: SAMPLE_VALUES[f] for f in fields(key, lang)}
        out = tr(key, lang, **values)
        assert out.strip() and "{" not in out and "}" not in out


def test_texts_from_the_brief():
    assert tr("title", "en") == "Suika-wari: gradient descent on the beach"
    assert tr("title", "ja") == "スイカ割り：浜辺の勾配降下法"
    assert [tr(f"outcome.{o}", "en") for o in ("hit", "stuck", "diverged", "max_steps")] == [
        "Split!", "Swung at nothing…", "Ran into the sea!", "Too tired…"]
    assert [tr(f"outcome.{o}", "ja") for o in ("hit", "stuck", "diverged", "max_steps")] == [
        "割れた!", "空振り…", "海に突っ込んだ!", "疲れて止まった…"]
    assert [tr(f"loss.{n}", "ja") for n in ("squared", "distance", "hit-or-miss", "custom")] == [
        "2乗和誤差", "距離", "当たり外れ(1 − 認識精度)", "カスタム"]
    assert tr("loss.squared", "en") == "sum of squared error"
    assert (tr("legend.group_a", "ja"), tr("legend.group_b", "ja")) == ("グループA", "グループB")
    assert tr("legend.lr", "en", lr=0.25) == "lr = 0.25"
    assert tr("status.screenshot_saved", "ja", path="a.png") == "a.png を保存しました"


def test_texts_of_the_experiments_and_window_modes():
    assert tr("hud.start_hint", "ja") == "スペースで歩き出す"
    assert (tr("regime.stuck", "en"), tr("regime.stuck", "ja")) == ("stuck short", "手前で止まる")
    assert (tr("regime.cycling", "en"), tr("regime.cycling", "ja")) == ("2-cycle", "同じ幅で往復")
    assert tr("chart.offset", "ja") == "スタート方向に測ったスイカからのずれ"
    assert "0未満" in tr("axis.offset", "ja") and "< 0" in tr("axis.offset", "en")
    assert (tr("legend.theory", "ja"), tr("legend.simulated", "ja")) == ("理論", "シミュレーション")
    assert tr("legend.central_squared", "ja") == "中心差分(2乗和誤差)"
    assert tr("hud.racer", "en", lr=0.5) == "lr 0.5"
    assert tr("hud.racer", "ja", lr=1.9) == "学習率 1.9"
    assert (tr("hud.players", "ja"), tr("hud.hit_rate", "ja")) == ("人数", "命中率")
    assert tr("status.race_lr", "ja") == "全員の学習率を変更"
    assert tr("help.player_population", "en") == "new random starts (the next seed)"
    assert tr("help.player_population", "ja") == "スタート地点を引き直す(次のシード)"
    # Japanese joins a chart's title and detail with a full-width colon
    assert tr("chart.detail", "en", title="Race", detail="loss") == "Race: loss"
    assert tr("chart.detail", "ja", title="競走", detail="損失") == "競走：損失"


def test_texts_of_the_hud_and_the_probes_key():
    assert [tr(f"probe.{k}", "en") for k in ("lower", "higher", "flat")] == ["lower", "higher", "flat"]
    assert [tr(f"probe.{k}", "ja") for k in ("lower", "higher", "flat")] == ["低い", "高い", "平ら"]
    assert tr("hud.again_hint", "en") == "Space: play again"
    assert tr("hud.again_hint", "ja") == "スペースでもう一度"
    assert (tr("hud.ready", "en"), tr("hud.ready", "ja")) == ("ready", "準備OK")
    # h as the HUD and the probes' key write it
    assert tr("status.h_changed", "en", h=0.01) == tr("status.h_changed", "ja", h=0.01) == "h = 1e-02 m"
    assert tr("status.h_changed", "en", h=1e-13) == "h = 1e-13 m"


def test_every_regime_has_a_name():
    from sim.walking.sweep import REGIMES

    for lang in LANGS:
        names = [tr(f"regime.{r}", lang) for r in REGIMES]
        assert all(names) and len(set(names)) == len(REGIMES)


def _chart_texts(specs) -> list[str]:
    """Every text a chart shows: title, axis labels, legend entries and marker labels."""
    out = []
    for spec in specs:
        out += [spec.title, spec.x_label, spec.y_label]
        out += [s.label for s in spec.series if s.label] + [m.label for m in spec.markers]
    return out


def test_japanese_experiment_charts_have_no_english_words():
    from game.experiment_charts import population_charts, race_charts, sweep_charts
    from sim import Scenario
    from sim.walking.population import Population
    from sim.walking.race import Race
    from sim.walking.sweep import sweep

    scenario = Scenario(max_steps=40)
    charts = {
        "sweep": lambda lang: sweep_charts(sweep(scenario, [0.001, 0.5, 1.5, 3.0]), lang),
        "race": lambda lang: race_charts(Race(scenario, [0.1, 1.9]).run(), lang),
        "population": lambda lang: population_charts(Population(scenario, 10).run(), lang),
    }
    for name, make in charts.items():
        ja, en = _chart_texts(make("ja")), _chart_texts(make("en"))
        assert len(ja) == len(en) and ja != en, name
        english = [t for t in ja if re.search(r"[A-Za-z]{2,}", t)]
        assert not english, (name, english)
        assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", t) for t in ja), name


def test_bad_key_language_and_missing_field_are_named():
    with pytest.raises(ValueError, match="'fr'.*en, ja"):
        tr("title", "fr")
    with pytest.raises(KeyError, match="no.such"):
        tr("no.such", "en")
    with pytest.raises(KeyError, match="'lr'"):
        tr("legend.lr", "ja")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ja_JP"}, "ja"),
        ({"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),  # LC_ALL wins
        ({"LC_ALL": "ja_JP.eucJP", "LANG": "en_GB"}, "ja"),
        ({"LC_ALL": "", "LANG": "ja"}, "ja"),  # an empty variable is unset
    ],
)
def test_default_lang_follows_the_locale(environ, expected):
    assert default_lang(environ) == expected


def test_default_lang_reads_the_process_environment(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert default_lang() == "ja"


def test_every_built_in_scenario_is_described_in_every_language():
    from sim import SCENARIOS

    for lang in LANGS:
        lines = [tr(f"about.{name}", lang) for name in SCENARIOS]
        assert all(line.strip() for line in lines) and len(set(lines)) == len(SCENARIOS), lang
    assert {k.removeprefix("about.") for k in TEXTS[DEFAULT_LANG] if k.startswith("about.")} == set(SCENARIOS)
