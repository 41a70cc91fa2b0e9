"""What every experiment script shares: its --out folder and --lang, and headless charts.

The scripts run as ``uv run python experiments/NAME.py [--out FOLDER] [--lang en|ja]``; each writes
a CSV and a PNG into the folder (default experiments/out/, created if missing).
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "out"


def options(description: str) -> argparse.Namespace:
    """Parse --out and --lang; make the folder; make pygame draw off-screen."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="FOLDER",
                        help=f"folder for the CSV and PNG (default {DEFAULT_OUT})")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="language of the chart")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    return args
