"""Imports run one way: sim/ and the headless commands never import pygame, nor any of the front end
but the command line (game.cli) and its languages (game.i18n, pure Python)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import sys, runpy
sys.argv = {argv!r}
{body}
assert 'pygame' not in sys.modules, sorted(m for m in sys.modules if m.startswith(('pygame', 'game')))
front_end = [m for m in sys.modules if m.startswith('game.') and m.split('.')[1] not in ('cli', 'i18n')]
assert not front_end, front_end
print('clean')
"""


def _fresh(body: str, argv=("x",)) -> subprocess.CompletedProcess:
    code = CHECK.format(argv=list(argv), body=body)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_importing_sim_never_imports_pygame():
    res = _fresh("import sim, sim.beach.scenario, sim.beach.losses, sim.walking.gradient, sim.walking.walk, sim.walking.swarm, sim.reports.files, sim.reports.text, "
                 "sim.learning.digits, sim.learning.network, sim.learning.learn\n"
                 "assert 'game' not in sys.modules")
    assert res.stdout.strip() == "clean", res.stderr


def test_headless_run_never_imports_pygame(tmp_path):
    body = ("import main\ntry:\n    main.main(sys.argv[1:])\nexcept SystemExit:\n    pass")
    res = _fresh(body, ["main.py", "run", "--json", "--out", str(tmp_path / "t.csv")])
    assert res.stdout.strip().endswith("clean"), res.stderr


def test_headless_learn_never_imports_pygame(tmp_path):
    body = ("import main\ntry:\n    main.main(sys.argv[1:])\nexcept SystemExit:\n    pass")
    res = _fresh(body, ["main.py", "learn", "--epochs", "1", "--json", "--out", str(tmp_path / "c.csv")])
    assert res.stdout.strip().endswith("clean"), res.stderr


def test_headless_losses_never_imports_pygame():
    body = ("import main\ntry:\n    main.main(sys.argv[1:])\nexcept SystemExit:\n    pass")
    res = _fresh(body, ["main.py", "losses", "--json"])
    assert res.stdout.strip().endswith("clean"), res.stderr
