"""The command line behind main.py: ``options`` reads and checks it, ``outputs`` writes what a
headless command saves, and each command runs in its own module (``play``, ``run``, ``sweep``,
``learn``). Nothing here imports pygame until a command draws, so run, sweep and learn stay
headless.
"""
