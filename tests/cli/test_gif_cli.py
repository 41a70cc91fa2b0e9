"""run --gif: the animation beside the other outputs, all or nothing; bad paths and values refused."""
from __future__ import annotations

import math

import pytest
from PIL import Image

import main
from clitools import assert_one_line_error, cli
from game import animation
from game.animation import ENDING_FPS, ENDING_SECONDS
from sim import SCENARIOS, Walk

QUICK = ("--lr", "0.5", "--size", "480x320")   # a hit in a few steps, small frames


def test_gif_png_and_csv_are_written_together(tmp_path):
    done = cli("run", *QUICK, "--gif", str(tmp_path / "walk.gif"), "--png", str(tmp_path / "walk.png"),
               "--out", str(tmp_path / "walk.csv"))
    assert done.returncode == 0, done.stderr
    steps = Walk(SCENARIOS["beach"].replace(lr=0.5)).run().steps
    gif = Image.open(tmp_path / "walk.gif")
    assert gif.size == (480, 320) and gif.n_frames == 1 + steps + math.ceil(ENDING_SECONDS * ENDING_FPS)
    assert Image.open(tmp_path / "walk.png").size == (480, 320)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["walk.csv", "walk.gif", "walk.png"]


@pytest.mark.parametrize("args, says", [
    (("--gif", "{d}/walk.mp4"), "must end in .gif or .png or .webp"),
    (("--gif", "{d}/no/walk.gif"), "does not exist"),
    (("--gif", "{d}"), "must end in"),
    (("--fps", "10"), "--fps needs --gif"),
    (("--gif", "{d}/walk.png", "--png", "{d}/./walk.png"), "name the same file"),
    (("--gif", "{d}/walk.gif", "--fps", "0"), "--fps: expected 1 to 50"),
    (("--gif", "{d}/walk.gif", "--fps", "nan"), "--fps: expected 1 to 50"),
    (("--gif", "{d}/walk.gif", "--size", "400x300"), "from 480x320"),
    (("--gif", "{d}/walk.gif", "--size", "big"), "--size"),
    (("--size", "640x480"), "--size needs --png or --gif"),
    (("--gif", "{d}/walk.gif", "--race", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"), "at most 8 racers in a --gif"),
    (("--gif", "{d}/walk.gif", "--population", "10001"), "at most 10,000 players in a --gif"),
    (("--gif", "{d}/walk.gif", "--fps", "50", "--lr", "0.01"), "lower --fps"),
    # frames_needed is an upper bound (test_animation: a walk that hits makes fewer), so the refusal says "up to"
    (("--gif", "{d}/walk.gif", "--fps", "50", "--lr", "0.01"), "would take up to"),
])
def test_bad_gif_options_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, args, says):
    status = main.main(["run", *(a.format(d=tmp_path) for a in args), "--out", str(tmp_path / "walk.csv")])
    out, err = capsys.readouterr()
    assert_one_line_error(status, out, err)
    assert says in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_gif_takes_the_other_outputs_with_it(tmp_path, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(animation, "getdata", full)   # the first frame's data
    status = main.main(["run", *QUICK, "--gif", str(tmp_path / "walk.gif"), "--out", str(tmp_path / "walk.csv")])
    out, err = capsys.readouterr()
    assert_one_line_error(status, out, err)
    assert "No space left" in err and list(tmp_path.iterdir()) == []
