"""Work split over processes: the same answers on one core or all of them.

``run_parts(work, parts, jobs)`` calls ``work(part)`` for every part and returns the answers in
the parts' order, whatever process computed each: so a result depends on how the work is cut into
parts (which the caller fixes, never by the number of jobs) and not on how many processes share it.

Workers come from a forkserver that preloads only the module of ``work`` (and any ``preload``): they import what it
needs (sim/, numpy), never the caller's main script and never pygame. They are born ignoring
Ctrl-C; the caller's KeyboardInterrupt terminates them before it propagates, so nothing is left
running.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import multiprocessing.pool
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar

Part = TypeVar("Part")
Answer = TypeVar("Answer")
MAX_JOBS = 256   # the most processes one run may start
# Agent-steps (at most) from which jobs=None starts workers on every core: below, starting them
# (about half a second in a fresh interpreter, while the forkserver imports numpy and sim/) cost
# more than the second core saved on a 2-core machine (README, Sweeps; bench_sweep.py's fresh runs).
SHARE_WORK = 100_000_000


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:   # not on Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: Any, what: str = "jobs") -> int:
    """``jobs`` if it is a whole number from 1 to MAX_JOBS; else ValueError naming ``what``."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"{what} must be a whole number from 1 to {MAX_JOBS}, got {jobs!r}")
    return jobs


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _main_unseen() -> Iterator[None]:
    """Hide the caller's main script from multiprocessing while workers start, so that they do not
    run it (it may import pygame, or start workers itself when it has no __main__ guard)."""
    main = sys.modules["__main__"]
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """A Ctrl-C while the pool starts raises KeyboardInterrupt only at the end, once there is a
    pool to stop (a pool half made would leave workers behind). Only the main thread has signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
    if caught:
        raise KeyboardInterrupt


def _pool(jobs: int, modules: Sequence[str]) -> multiprocessing.pool.Pool:
    """``jobs`` workers ignoring Ctrl-C, forked from a forkserver that has imported ``modules`` (the
    work's: so that each worker need not import numpy and sim/ again) and nothing else (a
    forkserver already running keeps what it imported).

    The forkserver is started with Ctrl-C ignored for the moment it takes to start a process: an
    ignored signal stays ignored across fork and exec, so the server, and every worker it forks,
    is born ignoring it (none dies of it half-born, with a traceback). A Ctrl-C in that moment is
    lost; one later reaches this process alone of them."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(modules))
    with _main_unseen():
        if threading.current_thread() is threading.main_thread():
            handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                multiprocessing.forkserver.ensure_running()
            finally:
                signal.signal(signal.SIGINT, handler)
        return context.Pool(jobs, initializer=_ignore_interrupt)


def jobs_for(jobs: Any, work: int) -> int:
    """The processes for ``work`` agent-steps (at most): ``jobs`` when given (check_jobs), and for
    None every core where the work reaches SHARE_WORK, else this process alone."""
    if jobs is None:
        return default_jobs() if work >= SHARE_WORK else 1
    return check_jobs(jobs)


def run_parts(work: Callable[[Part], Answer], parts: Sequence[Part], jobs: int = 1,
              on_answer: Callable[[int], None] | None = None, preload: Sequence[str] = ()) -> list[Answer]:
    """[work(p) for p in parts], computed by up to ``jobs`` processes (1: in this one).

    ``work`` must be a module-level function and the parts picklable. ``on_answer(i)`` is called
    in this process as the answer of part i arrives (in order). ``preload``: modules the workers
    import before they start, besides the work's (such as the fused engine's kernel).
    """
    jobs = min(check_jobs(jobs), max(1, len(parts)))
    answers: list[Answer] = []
    if jobs == 1:
        for i, part in enumerate(parts):
            answers.append(work(part))
            if on_answer is not None:
                on_answer(i)
        return answers
    pool = None
    try:
        with _interrupt_deferred():
            pool = _pool(jobs, (work.__module__, *preload))
        for i, answer in enumerate(pool.imap(work, parts)):
            answers.append(answer)
            if on_answer is not None:
                on_answer(i)
        pool.close()
    except BaseException:   # Ctrl-C or a failed part: stop every worker before passing it on
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()
    return answers

