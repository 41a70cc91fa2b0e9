"""`main.py play --grid ...` and `play --map FILE.json`: the map computed (or read back) opens in the
window; bad map files and options that do not go with a map are one-line errors (exit 2)."""
from __future__ import annotations

import json

import numpy as np
import pygame
import pytest

from clitools import assert_one_line_error, cli
from game.map_charts import colours
from game.modes.map import MARK

GRID = ["--grid", "lr=0.05:2:3,momentum=0:0.6:3", "--optimizer", "momentum", "--starts", "2", "--steps", "60",
        "--jobs", "1"]


@pytest.fixture(scope="module")
def map_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.json"
    ran = cli("sweep", *GRID, "--out", str(path))
    assert ran.returncode == 0, ran.stderr
    return path


def _shown(path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(int)


def test_play_grid_and_play_map_open_the_same_map(map_file, tmp_path):
    shots = [tmp_path / "grid.png", tmp_path / "file.png"]
    ran = cli("play", *GRID, "--max-frames", "2", "--screenshot", str(shots[0]), "--size", "640x480", "--lang", "en")
    assert ran.returncode == 0, ran.stderr
    ran = cli("play", "--map", str(map_file), "--max-frames", "2", "--screenshot", str(shots[1]), "--size", "640x480",
              "--lang", "en")
    assert ran.returncode == 0, ran.stderr
    grid, read = (_shown(p) for p in shots)
    assert (grid == read).all()                     # the file holds the map that --grid computes
    doc = json.loads(map_file.read_text())
    hits = {round(r["hit_rate"], 9) for r in doc["rows"]}
    beach = grid[:400]                              # the map's side of the window
    for share in hits:                              # every cell's share of hits wears its colour
        assert (np.abs(beach - colours(np.array(share))).max(axis=2) <= 1).sum() > 100, share
    assert (np.abs(beach - MARK).max(axis=2) == 0).sum() > 50   # the best cell is marked


def _write(tmp_path, doc) -> str:
    path = tmp_path / "bad.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return str(path)


def _changed(map_file, change) -> dict:
    doc = json.loads(map_file.read_text())
    change(doc)
    return doc


@pytest.mark.parametrize("bad, named", [
    (lambda d: d["rows"][4].update(hit=d["rows"][4]["hit"] + 1), "row 5: the outcomes add up to"),
    (lambda d: d["rows"].pop(), "one row per cell (3 x 3 = 9)"),
    (lambda d: d["rows"][0].update(lr=0.07), "row 1 must be the cell lr = 0.05"),
    (lambda d: d["rows"][2].update(hit_rate=0.123), "row 3: hit_rate must be the share of its count"),
    (lambda d: d["rows"][2].update(median_steps="3"), "row 3: median_steps must be a number"),
    (lambda d: d["axes"][1].update(values=[0, 0.6, 0.3]), "momentum's values must be 2 to 10,000 finite numbers, rising"),
    (lambda d: d["axes"][1].update(name="speed"), "an axis must name one of lr"),
    (lambda d: d["scenario"].update(lr=-1), "scenario: lr must be a positive number"),
    (lambda d: d["scenario"].update(optimizer="gd"), "optimizer gd does not take momentum"),
    (lambda d: d.update(starts=0), "starts must be a whole number from 1"),
    (lambda d: d.pop("rows"), "expected the JSON object sweep --grid --json writes"),
])
def test_bad_map_files_are_one_line_errors(map_file, tmp_path, bad, named):
    ran = cli("play", "--map", _write(tmp_path, _changed(map_file, bad)))
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert named in ran.stderr and "--map: map file" in ran.stderr


@pytest.mark.parametrize("content, named", [("{", "is not valid JSON"), ("[1, 2]", "expected the JSON object"),
                                            ("[" * 100_000, "is not valid JSON")])
def test_files_that_are_no_map_are_one_line_errors(tmp_path, content, named):
    ran = cli("play", "--map", _write(tmp_path, content))
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert named in ran.stderr


def test_a_missing_folder_device_or_oversized_map_file_is_refused_unread(tmp_path, monkeypatch):
    from sim.walking import map_file

    for path, named in ((tmp_path / "none.json", "does not exist"), (tmp_path, "is not a regular file"),
                        ("/dev/zero", "is not a regular file")):
        ran = cli("play", "--map", str(path))
        assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
        assert named in ran.stderr
    monkeypatch.setattr(map_file, "MAX_MAP_BYTES", 1024)
    ran = cli("play", "--map", _write(tmp_path, " " * 2000))
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert "is larger than 1 KiB" in ran.stderr


@pytest.mark.parametrize("args, named", [
    ([*GRID, "--map", "x.json"], "--grid and --map both give a map"),
    ([*GRID, "--race", "0.1,0.2"], "--race does not apply with --grid"),
    ([*GRID, "--autoplay"], "--autoplay does not apply with --grid"),
    ([*GRID, "--momentum", "0.5"], "momentum is one of the map's axes"),
    (["--grid", "lr=0.1:1:3,momentum=0:0.5:3"], "optimizer gd does not take momentum"),
    (["--map", "x.json", "--lr", "0.1"], "--lr does not apply with --map"),
    (["--map", "x.json", "--scenario", "valley"], "--scenario does not apply with --map"),
    (["--starts", "5"], "--starts needs --grid"),
    (["--lesson", *GRID], "--grid does not apply with --lesson"),
])
def test_options_that_do_not_go_with_a_map_are_one_line_errors(args, named):
    ran = cli("play", *args)
    assert_one_line_error(ran.returncode, ran.stdout, ran.stderr)
    assert named in ran.stderr
