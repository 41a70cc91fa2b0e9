"""main.py losses: the article's table, any output's two losses, and one-line refusals."""
import math

import pytest

from tests.clitools import assert_one_line_error, cli, strict_json


def test_losses_prints_the_article_table_and_says_the_vectors_are_reconstructed():
    r = cli("losses")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "reconstructed" in r.stdout and "image" in r.stdout
    right = next(line for line in lines if line.startswith("y1 (right)")).split()
    wrong = next(line for line in lines if line.startswith("y2 (wrong)")).split()
    book = next(line for line in lines if line.startswith("textbook")).split()
    assert right[3:5] == ["0.0625", "0.3567"] and wrong[3:5] == ["0.5700", "2.3026"]
    assert book[1:4] == ["2", "0.0975", "0.5108"]


def test_losses_of_any_output_as_json():
    r = cli("losses", "--y", "0.3,0.7", "--label", "1", "--json")
    assert r.returncode == 0, r.stderr
    out = strict_json(r.stdout)["outputs"][0]
    assert out["sse"] == pytest.approx(0.5 * (0.3**2 + 0.3**2))
    assert out["cee"] == pytest.approx(-math.log(0.7 + 1e-7))
    assert out["t"] == [0.0, 1.0]


@pytest.mark.parametrize("args, words", [
    (("--y", "0.5,0.6", "--label", "0"), "--y: y must sum to 1 (within 1e-06)"),
    (("--y", "1", "--label", "0"), "at least two classes"),
    (("--y", "0.5,0.5", "--label", "2"), "--label: label 2 out of range"),
    (("--y", "nan,1", "--label", "0"), "finite"),
    (("--y", "0.5,x", "--label", "0"), "expected probabilities"),
    (("--y", "-0.5,1.5", "--label", "0"), "[0, 1]"),
    (("--y", "0.5,0.5"), "go together"),
])
def test_bad_input_is_one_line(args, words):
    r = cli("losses", *args)
    assert_one_line_error(r.returncode, r.stdout, r.stderr)
    assert words in r.stderr


def test_help_describes_every_built_in_scenario_in_one_line():
    from game.i18n import tr
    from sim.beach.scenario import SCENARIOS

    r = cli("run", "--help")
    assert r.returncode == 0
    for name in SCENARIOS:
        line = next(line for line in r.stdout.splitlines() if line.split()[:1] == [name])
        assert tr(f"about.{name}", "en") in line
        assert tr(f"about.{name}", "ja") != tr(f"about.{name}", "en")
