"""What the friends shout: which way (eight directions) and how urgently (the slope's steepness)."""
import math

import pytest

from game.drawers.friends import SHOUT_BIG, SHOUT_SMALL, direction, shout, urgency
from game.i18n import tr


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
    assert shout(0, 1, SHOUT_BIG, "en") == "Way more forward!"
    assert shout(1, 0, 10.0, "ja") == "もっと右!"
    assert shout(0, 1, 0.1, "en") == "A bit forward!"
    assert shout(0, 1, 0.1, "ja") == "もうちょっと前!"
    assert shout(1, 1, SHOUT_SMALL * 0.98, "ja") == "もうちょっと右前!"
    assert shout(1, 1, SHOUT_SMALL, "ja") == "右前!"
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


@pytest.mark.parametrize(("slope", "expected"), [(SHOUT_BIG, "big"), (1e9, "big"), (SHOUT_BIG * 0.999, "normal"),
                                                 (SHOUT_SMALL, "normal"), (SHOUT_SMALL * 0.999, "small"),
                                                 (0.0, "small"), (math.nan, "normal"), (math.inf, "normal")])
def test_urgency_is_set_by_the_two_thresholds(slope, expected):
    assert urgency(slope) == expected


@pytest.mark.parametrize("name, ground, en, ja", [
    ("dunes", "hollow", "Uphill every way", "どっちも上り坂"),
    ("decoys", "hollow", "Uphill every way", "どっちも上り坂"),
    ("saddle", "saddle", "a saddle", "鞍点"),
    ("flat", "flat", "flat here", "平ら"),
])
def test_a_stuck_player_hears_what_it_stands_on(name, ground, en, ja):
    """Every stuck ending was 'Hmm… it's flat here?'; a hollow and a saddle are not flat ground."""
    from game.modes import showing
    from game.modes.walk import _shout
    from sim import SCENARIOS, Walk
    walk = Walk(SCENARIOS[name])
    walk.run()
    for lang, words in (("en", en), ("ja", ja)):
        mode = showing(walk, lang=lang, size=(960, 540), ending_t=2.0)
        assert mode.outcome == "stuck" and mode.ground == ground
        text, _, _ = _shout(mode, walk.trace[-1])
        assert words in text and text == shout(0, 0, 0, lang, ground=ground)
