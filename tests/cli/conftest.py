"""The `cli` fixture: main.py's main() run in-process, with its exit status and output (see clitools)."""
import pytest

from clitools import cli as run_cli


@pytest.fixture
def cli():
    return run_cli
