"""Running main.py as a user would, and what its output must look like."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """main.py with ``args`` in a fresh interpreter: its exit status and output."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=120)


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
