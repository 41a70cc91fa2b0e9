"""Fixtures shared by the front-end tests."""
import pygame
import pytest


@pytest.fixture(autouse=True)
def _fonts():
    """Text is drawn in every frame: make sure the font module is up (a test may have quit it)."""
    pygame.font.init()
    yield

