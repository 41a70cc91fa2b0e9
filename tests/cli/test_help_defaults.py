"""The command line's help states the defaults the walk and the learning really use."""
import re

import pytest

from game.cli.options import build_parser
from sim import SCENARIOS, Scenario
from sim.learning.learn import LearnSettings
from sim.learning.network import LOSS_KINDS


def _help(command: str) -> dict[str, str]:
    """Every option of ``command`` with its help text."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return {a.option_strings[-1]: a.help or "" for a in sub._actions if a.option_strings}


def _default(text: str) -> str:
    return re.search(r"\(default ([^)]+)\)", text)[1]


@pytest.mark.parametrize("command", ["play", "run", "sweep"])
def test_the_walks_defaults_are_the_scenarios(command):
    shown, d = _help(command), Scenario()
    for name in ("momentum", "beta1", "beta2", "rho", "eps", "noise", "decay", "every", "warmup", "floor"):
        assert float(_default(shown[f"--{name}"])) == getattr(d, name), name
    assert _default(shown["--optimizer"]) == d.optimizer == "gd"
    assert _default(shown["--schedule"]) == d.schedule == "constant"
    assert _default(shown["--eps"]) == "1e-8"   # written short, as a reader would


def test_the_group_names_the_scenarios_with_settings_of_their_own():
    parser = build_parser()
    run = next(a for a in parser._actions if a.dest == "command").choices["run"]
    group = next(g for g in run._action_groups if g.title.startswith("optimizer"))
    assert SCENARIOS["textbook"].eps == 1e-7
    assert group.description.endswith("(textbook: ε 1e-7)")


def test_learns_defaults_and_losses_are_learn_settings():
    shown, d = _help("learn"), LearnSettings()
    for name in ("momentum", "beta1", "beta2", "rho", "eps", "lr", "val", "h"):
        assert float(_default(shown[f"--{name}"])) == getattr(d, name), name
    assert _default(shown["--loss"]) == d.loss
    parser = build_parser()
    learn = next(a for a in parser._actions if a.dest == "command").choices["learn"]
    assert tuple(next(a for a in learn._actions if a.dest == "loss").choices) == tuple(LOSS_KINDS) == ("cee", "sse")
