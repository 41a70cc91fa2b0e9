"""Keep numpy's big temporaries cheap on glibc.

A swarm step makes arrays of a few hundred kilobytes. glibc hands such blocks back to the
operating system when they are freed, so every step page-faults fresh memory, which nearly halves
the walk's speed (benchmarks/bench_walk.py measures it). Raising glibc's mmap and trim thresholds
keeps up to 64 MiB of freed memory in the heap for reuse. Elsewhere this does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


@functools.cache
def keep_freed_memory() -> bool:
    """Tune glibc's allocator once per process; True if it was tuned."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, 16 << 20)) and bool(mallopt(_M_TRIM_THRESHOLD, 64 << 20))
