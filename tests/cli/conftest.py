"""The `cli` fixture: run main.py as a user would (see clitools)."""
import pytest

from clitools import cli as run_cli


@pytest.fixture
def cli():
    return run_cli
