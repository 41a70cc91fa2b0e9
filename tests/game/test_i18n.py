"""The texts in both languages, the locale default, and the friends' shouts."""

import math

import pytest

from game import i18n
from game.i18n import LANGS, TEXTS, default_lang, direction, fields, help_lines, shout, tr

SAMPLE_VALUES = {"lr": 0.5, "h": 1e-4, "steps_per_s": 4, "path": "shot.png", "name": "distance", "dir": "x"}


def test_both_languages_have_the_same_keys():
    assert LANGS == ("en", "ja")
    assert set(TEXTS["en"]) == set(TEXTS["ja"])


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
        "2乗和誤差", "距離", "当たり外れ(認識精度)", "カスタム"]
    assert tr("loss.squared", "en") == "sum of squared error"
    assert (tr("legend.training", "ja"), tr("legend.validation", "ja")) == ("学習データ", "検証データ")
    assert tr("legend.lr", "en", lr=0.25) == "lr = 0.25"
    assert tr("status.screenshot_saved", "ja", path="a.png") == "a.png を保存しました"


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


def test_help_lists_every_control_of_the_issue():
    for lang in LANGS:
        rows = help_lines(lang)
        assert len(rows) == len(i18n.HELP_ACTIONS)
        assert all(keys and action for keys, action in rows)
    keys = {k for k, _ in help_lines("en")}
    for expected in ("Space", "N or →", "R", "↑ / ↓", "[ / ]", "L", "left click", "right click",
                     "+ / −", "S", "H or F1", "G", "Esc"):
        assert expected in keys
    assert ("スペース", "一時停止/再開") in help_lines("ja")


# (dx, dy) of the way to walk, +x right, +y forward (toward the sea)
COMPASS = [
    ((1, 0), "right", "Right!", "右!"),
    ((1, 1), "forward_right", "Forward right!", "右前!"),
    ((0, 1), "forward", "Forward!", "前!"),
    ((-1, 1), "forward_left", "Forward left!", "左前!"),
    ((-1, 0), "left", "Left!", "左!"),
    ((-1, -1), "back_left", "Back left!", "左後ろ!"),
    ((0, -1), "back", "Back!", "後ろ!"),
    ((1, -1), "back_right", "Back right!", "右後ろ!"),
]


@pytest.mark.parametrize(("vec", "name", "en", "ja"), COMPASS)
def test_shout_for_the_eight_compass_directions(vec, name, en, ja):
    dx, dy = vec
    norm = 1.0  # between SHOUT_SMALL and SHOUT_BIG: the plain shout
    assert direction(dx, dy) == name
    assert shout(dx, dy, norm, "en") == en
    assert shout(dx, dy, norm, "ja") == ja


def test_sectors_are_45_degrees_wide():
    for deg, name in ((22.0, "right"), (23.0, "forward_right"), (67.0, "forward_right"),
                      (68.0, "forward"), (-157.0, "back_left"), (-158.0, "left"), (181.0, "left")):
        rad = math.radians(deg)
        assert direction(math.cos(rad), math.sin(rad)) == name, deg


def test_shout_intensity_follows_the_slope():
    assert shout(0, 1, i18n.SHOUT_BIG, "en") == "Way more forward!"
    assert shout(1, 0, 10.0, "ja") == "もっと右!"
    assert shout(0, 1, 0.1, "en") == "A bit forward!"
    assert shout(0, 1, 0.1, "ja") == "もうちょっと前!"
    assert shout(1, 1, 0.49, "ja", small=0.5) == "もうちょっと右前!"
    assert shout(1, 1, 0.5, "ja", small=0.5) == "右前!"
    assert shout(-1, -1, 5.0, "en") == "Way more back left!"


def test_shout_follows_the_negative_gradient():
    # squared loss: grad = p - t. Player 4 m right of and 1 m behind the watermelon.
    player, target = (4.0, -1.0), (0.0, 0.0)
    grad = (player[0] - target[0], player[1] - target[1])
    norm = math.hypot(*grad)
    assert shout(-grad[0], -grad[1], norm, "en") == "Way more left!"
    assert shout(-grad[0], -grad[1], norm, "ja") == "もっと左!"


def test_stop_on_a_hit_and_puzzlement_on_flat_ground():
    assert shout(1, 0, 2.0, "en", hit=True) == "Stop!"
    assert shout(0, 0, 0.0, "ja", hit=True) == "ストップ!"
    assert shout(0, 0, 0.0, "en") == tr("shout.flat", "en")
    assert shout(math.nan, 1, math.nan, "ja") == tr("shout.flat", "ja")


def test_direction_rejects_a_zero_vector():
    with pytest.raises(ValueError, match="non-zero"):
        direction(0.0, 0.0)
