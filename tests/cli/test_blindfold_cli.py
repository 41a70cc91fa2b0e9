"""play --blindfold on the command line: the levels and the seed, bad combinations in one line."""
from __future__ import annotations

import pygame
import pytest

from clitools import assert_one_line_error


@pytest.mark.parametrize("argv, problem", [
    (["--scenario", "pit"], "--blindfold plays the levels beach, valley, dunes, decoys, not --scenario pit"),
    (["--start", "1,2"], "--start does not apply with --blindfold"),
    (["--target", "1,2"], "--target does not apply with --blindfold"),
    (["--loss", "distance"], "--loss does not apply with --blindfold"),
    (["--race", "0.1,0.5"], "--race does not apply with --blindfold"),
    (["--population", "10"], "--population does not apply with --blindfold"),
    (["--learn"], "--learn does not apply with --blindfold"),
    (["--lesson"], "--blindfold does not apply with --lesson"),
    (["--max-frames", "0"], "--max-frames: expected a whole number >= 1"),
])
def test_bad_combinations_are_one_line(argv, problem, cli):
    ran = cli("play", "--blindfold", *argv)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert problem in ran.stderr


def test_play_blindfold_autoplay_saves_a_screenshot(cli, tmp_path):
    shot = tmp_path / "b.png"
    ran = cli("play", "--blindfold", "--scenario", "dunes", "--seed", "4", "--autoplay", "--mute",
              "--max-frames", "90", "--screenshot", str(shot), "--size", "640x480")
    assert ran.returncode == 0, ran.stderr
    assert pygame.image.load(str(shot)).get_size() == (640, 480)
