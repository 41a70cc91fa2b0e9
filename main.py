"""Suika-wari's command line: play (the window), run (one walk, a race or a population, headless),
sweep (step sizes), learn (a network on the handwritten digits, headless), losses (the article's
two losses of an output), lesson (the article chapter by chapter in the window).

`python main.py` alone means `play`. Every bad argument ends with exit status 2 and one line on
stderr that names it; nothing is written unless the whole file can be. The parser and its checks
are game/cli/options.py; each command runs in its own module of game/cli/.
"""
from __future__ import annotations

import sys
from typing import Sequence

from game.cli import learn, lesson, losses, options, play, run, sweep
from sim.beach.scenario import ScenarioError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130   # 128 + SIGINT, as a shell reports a Ctrl-C
COMMANDS = {"play": play.run, "run": run.run, "sweep": sweep.run, "learn": learn.run, "losses": losses.run,
            "lesson": lesson.run}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the process's arguments), check it and run its command; the exit status."""
    argv = options.with_command(sys.argv[1:] if argv is None else argv)
    try:
        args = options.parse(argv)
        return COMMANDS[args.command](args)
    except (options.UsageError, ScenarioError) as err:
        command = argv[0] if argv[0] in COMMANDS else ""
        print(f"main.py {command}: error: {err}".replace("  ", " "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:   # Ctrl-C: workers are stopped already (sim.walking.jobs); nothing half-written
        print("main.py: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader (head, say) stopped reading: not an error of ours
        sys.stdout = None
        return 0
    except OSError as err:
        print(f"main.py: error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
