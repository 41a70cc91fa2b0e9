"""The big words at an ending say what happened as it was asked: a walk with reach 0 can never hit,
so running all its updates is done, not 'too tired'."""
from __future__ import annotations

import pytest

from game.modes import showing
from sim import SCENARIOS, Race, Scenario, Walk
from sim.walking.racers import parse_racers


def _banner(play, lang: str) -> str:
    banner = showing(play, lang=lang, size=(960, 540), ending_t=5.0).banner()
    assert banner is not None and banner.t >= 0
    return banner.text


@pytest.mark.parametrize("lang, words", [("en", "30 updates done"), ("ja", "30回の更新が終わった")])
def test_the_textbook_race_ends_with_its_updates_done(lang, words):
    scenario = SCENARIOS["textbook"]
    race = Race(scenario, parse_racers(scenario.race))
    race.run()
    assert set(race.outcomes) == {"max_steps"} and scenario.reach == 0
    assert _banner(race, lang) == words


def test_a_walk_that_could_hit_but_ran_out_of_steps_is_still_too_tired():
    walk = Walk(Scenario(lr=0.001, max_steps=20))
    walk.run()
    assert walk.outcome == "max_steps"
    assert _banner(walk, "en") == "Too tired…"
    walk = Walk(Scenario(lr=0.001, max_steps=20, reach=0.0, tol=0.0))
    walk.run()
    assert _banner(walk, "en") == "20 updates done"
