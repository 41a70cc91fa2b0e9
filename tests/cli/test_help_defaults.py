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


# A value for each scenario option, unlike the default scenario's: as the command line writes it, and
# as the Scenario holds it.
GIVEN = {"loss": ("distance", "distance"), "expr": ("x**2", "x**2"), "start": ("1,2", (1.0, 2.0)),
         "target": ("-1,-2", (-1.0, -2.0)), "lr": ("0.3", 0.3), "h": ("0.001", 0.001), "steps": ("7", 7),
         "tol": ("0.01", 0.01), "reach": ("0.25", 0.25), "seed": ("5", 5), "optimizer": ("adam", "adam"),
         "momentum": ("0.5", 0.5), "beta1": ("0.8", 0.8), "beta2": ("0.99", 0.99), "rho": ("0.9", 0.9),
         "eps": ("0.001", 0.001), "noise": ("0.2", 0.2), "schedule": ("step", "step"), "decay": ("0.25", 0.25),
         "every": ("3", 3), "warmup": ("2", 2), "floor": ("0.1", 0.1)}


@pytest.mark.parametrize("option", sorted(GIVEN))
def test_every_scenario_option_sets_its_field_of_the_scenario(option):
    from game.cli.options import FIELD_OF_OPTION, scenario_options, parse, scenario_from_args

    assert set(scenario_options()) == set(GIVEN)   # a new option needs a value here
    text, value = GIVEN[option]
    scenario = scenario_from_args(parse(["run", f"--{option}={text}"]))
    field = FIELD_OF_OPTION.get(option, option)
    changed = {f for f, v in scenario.to_dict().items() if v != getattr(Scenario(), f)}
    assert changed - ({"loss"} if option == "expr" else set()) == {field} and getattr(scenario, field) == value
