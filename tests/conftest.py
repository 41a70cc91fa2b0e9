"""Test set-up: pygame runs headless (no window, no audio device) unless a test asks for Xvfb,
and the shared helpers beside this file (clitools) are importable from every test folder."""
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
