"""Imports run one way: sim/ and the headless commands never import pygame, nor any of the front end
but the command line (game.cli) and its languages (game.i18n, pure Python)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import sys

def clean(what):
    assert 'pygame' not in sys.modules, (what, sorted(m for m in sys.modules if m.startswith(('pygame', 'game'))))
    front_end = [m for m in sys.modules if m.startswith('game.') and m.split('.')[1] not in ('cli', 'i18n')]
    assert not front_end, (what, front_end)

{body}
print('clean')
"""


def _fresh(body: str) -> subprocess.CompletedProcess:
    code = CHECK.format(body=body)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_importing_sim_never_imports_pygame():
    res = _fresh("import sim, sim.beach.scenario, sim.beach.losses, sim.walking.gradient, sim.walking.walk, sim.walking.swarm, sim.reports.files, sim.reports.text, "
                 "sim.learning.digits, sim.learning.network, sim.learning.learn\n"
                 "assert 'game' not in sys.modules\n"
                 "clean('sim')")
    assert res.stdout.strip() == "clean", res.stderr


def test_headless_commands_never_import_pygame(tmp_path):
    """Each headless command in turn, in one fresh interpreter: after each one (it succeeded), still
    no pygame and none of the front end, so none of them imported it."""
    commands = [["run", "--json", "--out", str(tmp_path / "t.csv")],
                ["learn", "--epochs", "1", "--json", "--out", str(tmp_path / "c.csv")],
                ["losses", "--json"],
                ["sweep", "--lrs", "0.1,1.5", "--starts", "3", "--json"],
                ["run", "--race", "0.1,1.9", "--json"],
                ["run", "--population", "20", "--json"]]
    body = (f"import main\nfor argv in {commands!r}:\n"
            "    assert main.main(argv) == 0, argv\n"
            "    clean(argv)")
    res = _fresh(body)
    assert res.returncode == 0 and res.stdout.splitlines()[-1] == "clean", res.stderr
