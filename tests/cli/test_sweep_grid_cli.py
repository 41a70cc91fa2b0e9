"""`main.py sweep --grid`: the map's outputs, the same bytes for any --jobs, bad input (exit 2, one
line) and Ctrl-C (exit 130, one line, no process or file left)."""
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from main import main
from clitools import ENV, ROOT, assert_one_line_error, strict_json

GRID = ["sweep", "--grid", "lr=0.05:4:5,momentum=0:0.9:3", "--optimizer", "momentum", "--starts", "6", "--steps", "120"]


def test_jobs_give_the_same_bytes_in_every_output(tmp_path, capsys):
    outputs = {}
    for jobs in ("1", "2"):
        files = [tmp_path / f"map{jobs}.{kind}" for kind in ("csv", "png")]
        assert main([*GRID, "--jobs", jobs, "--out", str(files[0]), "--png", str(files[1])]) == 0
        table = capsys.readouterr().out
        assert main([*GRID, "--jobs", jobs, "--json"]) == 0
        outputs[jobs] = (table, capsys.readouterr().out, *(f.read_bytes() for f in files))
    assert outputs["1"] == outputs["2"]
    table, doc, csv_bytes, png = outputs["1"]
    assert "heavy-ball momentum converges iff" in table and png.startswith(b"\x89PNG")
    rows = list(csv.DictReader(csv_bytes.decode().splitlines()))
    assert len(rows) == 15 and {r["momentum"] for r in rows} == {"0.0", "0.45", "0.9"}
    doc = strict_json(doc)
    assert [r["hit_rate"] for r in doc["rows"]] == [float(r["hit_rate"]) for r in rows]
    # theory: lr = 4 > 2(1 + μ) for μ = 0 diverges on the squared loss (but from a start already in reach);
    # lr = 0.05 never does
    by_cell = {(float(r["lr"]), float(r["momentum"])): r for r in rows}
    assert int(by_cell[(4.0, 0.0)]["diverged"]) >= 5 and by_cell[(0.05, 0.9)]["diverged"] == "0"


@pytest.mark.parametrize("args, named", [
    (["--grid", "lr=0.1:1:3,lr=0.1:1:3"], "lr is given twice"),
    (["--grid", "speed=1:2:3,lr=0.1:1:3"], "unknown parameter 'speed'"),
    (["--grid", "lr=0.1:1:3,momentum=0:1:3", "--optimizer", "momentum"], "momentum 1 is out of range"),
    (["--grid", "lr=0.1:1:3,momentum=0:0.5:3"], "optimizer gd does not take momentum"),
    (["--grid", "lr=0.1:1:3,momentum=0:0.5:3", "--optimizer", "momentum,adam"], "one name with --grid"),
    (["--grid", "lr=0.1:1:3,noise=0:1:3", "--noise", "1"], "noise is one of the map's axes"),
    (["--grid", "lr=0.1:1:3,noise=0:1:3", "--lrs", "0.1,1"], "--lrs does not apply with --grid"),
    (["--grid", "lr=0.1:1:3,noise=0:1:3", "--jobs", "0"], "--jobs must be a whole number from 1"),
    (["--grid", "lr=0.1:1:1000,noise=0:1:1000"], "1,000,000 cells x 100 starts"),
    (["--grid", "lr=0.1:1:3,noise=0:1:3", "--out", "map.txt"], "--out"),
    (["--jobs", "0"], "--jobs must be a whole number from 1"),
])
def test_bad_maps_are_one_line_errors(args, named, capsys):
    code = main(["sweep", *args])
    out, err = capsys.readouterr()
    assert_one_line_error(code, out, err)
    assert named in err


def _group(pid: int) -> list[int]:
    """The processes of process group ``pid`` still running. A zombie has ended and only waits for
    its new parent to reap it: under a child subreaper (a CPU meter that counts orphans, say) that
    is not until the whole test run ends."""
    running = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:   # ended meanwhile
                continue
            state, _parent, group = stat.rsplit(")", 1)[1].split()[:3]
            if int(group) == pid and state != "Z":
                running.append(int(entry))
    return running


# As the first worker appears (after the forkserver: a Ctrl-C in the milliseconds of launching it is
# ignored, see sim.walking.jobs), and while the workers walk.
@pytest.mark.parametrize("after", [0.0, 0.5])
def test_ctrl_c_stops_every_worker_and_leaves_nothing(tmp_path, after):
    r = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "sweep", "--grid", "lr=0.01:2:40,noise=0:1:40",
                          "--starts", "200", "--scenario", "dunes", "--jobs", "2", "--out", str(tmp_path / "m.csv")],
                         cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    try:
        for _ in range(3000):
            if len(_group(r.pid)) > 3:   # this process, multiprocessing's resource tracker, the forkserver, a worker
                break
            time.sleep(0.02)
        time.sleep(after)   # the whole map would take minutes
        os.killpg(r.pid, signal.SIGINT)   # as a terminal's Ctrl-C: the whole process group
        out, err = r.communicate(timeout=60)
        assert (r.returncode, out, err) == (130, "", "main.py: interrupted\n")
        for _ in range(100):   # the forkserver leaves when it sees its parent gone
            left = _group(r.pid)
            if not left:
                break
            time.sleep(0.1)
        assert left == []
        assert os.listdir(tmp_path) == []
    finally:   # a failed test must not leave the map's processes walking for the rest of the suite
        try:
            os.killpg(r.pid, signal.SIGKILL)
        except ProcessLookupError:   # none left
            pass
        r.communicate()   # reaped, and its pipes closed


def test_a_terminal_sees_a_progress_line_that_is_cleared(monkeypatch, capsys):
    from game.cli import outputs

    class Terminal:
        def __init__(self):
            self.text = ""

        def isatty(self):
            return True

        def write(self, s):
            self.text += s

        def flush(self):
            pass
    class Clock:   # a second passes between any two looks at it, so that every count is shown
        def __init__(self):
            self.now = 0.0

        def monotonic(self):
            self.now += 1.0
            return self.now
    terminal = Terminal()
    monkeypatch.setattr(outputs, "time", Clock())
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["sweep", "--grid", "lr=0.1:1:3,noise=0:0.2:2", "--starts", "3", "--jobs", "1"]) == 0
    # the noiseless row walks as one part of 3 cells; each noisy cell alone
    assert terminal.text == "".join(f"\rsweep --grid: {done} of 6 cells walked " for done in (3, 4, 5, 6)) + "\r\033[K"
    assert capsys.readouterr().out.startswith("map of lr x noise")
