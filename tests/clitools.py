"""Running main.py as a user would, and what its output must look like.

``cli`` calls ``main.main`` in this interpreter: the same exit status, stdout and stderr as the
program (warnings and an escaped traceback land on stderr as Python prints them), without the
half second of a fresh interpreter. ``cli_process`` starts the real program, for what only a
process shows: its exit status through ``sys.exit``, what it imports, a hang or a crash.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


@dataclass
class Ran:
    """What a run of main.py showed: named as in subprocess.CompletedProcess."""
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, cwd: Path = ROOT) -> Ran:
    """main.main(args) in this interpreter, run in ``cwd``: its exit status and output."""
    import main

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code = main.main(list(args))
            except SystemExit as exit_:          # argparse's --help
                code = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
            except Exception:                    # the program would die with this traceback
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(here)
    shown = "".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught)
    return Ran(code, out.getvalue(), err.getvalue() + shown)


def cli_process(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    """main.py with ``args`` in a fresh interpreter: its exit status and output."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


def strict_json(text: str):
    """Parse JSON, failing the test on NaN or Infinity."""
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))


def assert_one_line_error(code, out: str, err: str) -> None:
    """Bad input: exit status 2, nothing on stdout, one 'main.py ... error:' line on stderr."""
    assert code == 2, (code, out, err)
    assert out == ""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("main.py") and "error: " in err, err
