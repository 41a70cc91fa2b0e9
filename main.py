"""Suika-wari's command line: play (the window), run (one walk, a race or a population, headless),
sweep (step sizes), learn (a network on the handwritten digits, headless), losses (the article's
two losses of an output), lesson (the article chapter by chapter in the window).

`python main.py` alone means `play`. Every bad argument ends with exit status 2 and one line on
stderr that names it; nothing is written unless the whole file can be. The parser and its checks
are game/cli/options.py; each command runs in its own module of game/cli/.
"""
from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from typing import Sequence

from game.cli import options
from sim.beach.scenario import ScenarioError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130   # 128 + SIGINT, as a shell reports a Ctrl-C
EXIT_TERMINATED = 143    # 128 + SIGTERM
COMMANDS = {name: importlib.import_module(f"game.cli.{name}").run for name in options.command_names()}
"""Each command the parser knows, and the function that runs it (game/cli/NAME.py's run)."""


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt, so that every temporary file is removed."""


def _terminate(signum, frame) -> None:
    raise Terminated


def prog_name() -> str:
    """The program's name in messages: suikawari when run by its console script, else main.py."""
    return "suikawari" if os.path.basename(sys.argv[0] or "").startswith("suikawari") else "main.py"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the process's arguments), check it and run its command; the exit
    status. Bad input: one line and 2. Ctrl-C (SIGINT) or SIGTERM, in any command: one line and
    130 or 143, no traceback, and no file half-written or left behind (outputs appear whole or not
    at all: sim.reports.files.Outputs). Text the terminal cannot encode is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")   # SDL would turn Ctrl-C into a quiet quit
    main_thread = threading.current_thread() is threading.main_thread()
    on_term = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    prog = prog_name()
    argv = options.with_command(sys.argv[1:] if argv is None else argv, COMMANDS)
    args = None
    try:
        args = options.parse(argv, prog)
        return COMMANDS[args.command](args)
    except (options.UsageError, ScenarioError) as err:
        command = argv[0] if argv[0] in COMMANDS else ""
        print(f"{prog} {command}".rstrip() + f": error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:   # Ctrl-C: workers are stopped already (sim.walking.jobs); nothing half-written
        print(options.say(args)("{prog}: interrupted", prog=prog), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print(options.say(args)("{prog}: terminated", prog=prog), file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:  # the reader (head, say) stopped reading: not an error of ours
        sys.stdout = None
        return 0
    except OSError as err:
        print(f"{prog}: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ModuleNotFoundError as err:   # pygame or Pillow missing: only play and pictures need them
        print(f"{prog}: error: this needs the Python package {err.name!r}, which is not installed "
              f"(run uv sync, or pip install -e .)", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        if on_term is not None:
            signal.signal(signal.SIGTERM, on_term)


if __name__ == "__main__":
    sys.exit(main())
