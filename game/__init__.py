"""Suika-wari's Pygame front end: the beach scene, the live chart, the HUD and the controls."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
