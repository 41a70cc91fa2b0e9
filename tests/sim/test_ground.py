"""Where a stuck player stands (sim.walking.ground): a hollow, a saddle, a hilltop, flat ground or
still a slope, told apart by the loss's slope and curvatures there."""
from __future__ import annotations

import numpy as np
import pytest

from sim import SCENARIOS, Scenario, Walk
from sim.beach.beaches import BEACHES
from sim.walking.ground import GROUNDS, ground_kind, ground_kinds


@pytest.mark.parametrize("expr, kind", [
    ("(x-tx)**2 + 3*(y-ty)**2", "hollow"),       # both curvatures positive (2 and 6)
    ("(x-tx)**2 - (y-ty)**2", "saddle"),         # +2 and −2
    ("-(x-tx)**2 - 0.5*(y-ty)**2", "hilltop"),   # −2 and −1
    ("0*x + 7", "flat"),                         # no slope, no curvature
    ("0.001*(x-tx) + 7", "slope"),               # no curvature, but it tilts
])
def test_closed_forms_at_their_stationary_point(expr, kind):
    s = Scenario(loss="custom", expr=expr, target=(1.0, -2.0))
    assert ground_kind(s, 1.0, -2.0) == kind


def test_a_bowl_far_from_its_bottom_is_a_slope_not_a_hollow():
    """A player stopped by a tiny lr on the default bowl stands on a slope 10 m from the bottom."""
    s = SCENARIOS["beach"]
    assert ground_kind(s, -8.0, -6.0) == "slope"
    assert ground_kind(s, *s.target) == "hollow"


@pytest.mark.parametrize("name", ["dunes", "decoys", "saddle"])
def test_every_listed_point_of_a_beach_has_its_own_ground(name):
    """The beaches list their hollows, decoys and saddle as data; each is where the ground says so."""
    s = SCENARIOS[name]
    want = {"watermelon": "hollow", "hollow": "hollow", "decoy": "hollow", "saddle": "saddle"}
    points = BEACHES[name].points(s.target)
    got = ground_kinds(s, np.array([p.at[0] for p in points]), np.array([p.at[1] for p in points]))
    assert list(got) == [want[p.kind] for p in points]


@pytest.mark.parametrize("name, kind", [("dunes", "hollow"), ("decoys", "hollow"), ("pit", "hollow"),
                                        ("saddle", "saddle"), ("flat", "flat")])
def test_the_stuck_endings_of_the_built_in_scenarios(name, kind):
    s = SCENARIOS[name]
    r = Walk(s).run()
    assert r.outcome == "stuck"
    assert ground_kind(s, r.final.x, r.final.y) == kind
    assert kind in GROUNDS


def test_accuracys_terraces_are_flat_ground():
    """The article's point: 1 − accuracy is flat almost everywhere, so the player is stuck on flat ground."""
    s = SCENARIOS["digits"].replace(loss="digits-accuracy")
    r = Walk(s).run()
    assert r.outcome == "stuck" and ground_kind(s, r.final.x, r.final.y) == "flat"


@pytest.mark.parametrize("name, ground, words", [("saddle", "saddle", "a saddle point"),
                                                  ("dunes", "hollow", "a local minimum"),
                                                  ("flat", "flat", "flat ground")])
def test_run_says_what_the_player_stopped_on(capsys, name, ground, words):
    import json

    import main
    assert main.main(["run", "--scenario", name, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ground"] == ground
    assert main.main(["run", "--scenario", name]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert words in last and "feels flat" not in last


def test_a_walk_that_hits_has_no_ground(capsys):
    import json

    import main
    assert Walk(SCENARIOS["beach"]).run().ground is None
    assert main.main(["run", "--json"]) == 0
    assert "ground" not in json.loads(capsys.readouterr().out)
