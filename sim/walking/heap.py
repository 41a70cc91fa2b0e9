"""Keep numpy's big temporaries cheap on glibc.

A swarm step on a loss evaluated on the probe stack (distance, hit-or-miss, custom expressions)
makes arrays of a few hundred kilobytes. glibc hands such blocks back to the operating system when
they are freed, so every step page-faults fresh memory, which more than halves the walk's speed
(benchmarks/bench_walk.py measures it; the squared loss works in buffers kept between steps and
gains nothing). Raising glibc's mmap and trim thresholds keeps up to 64 MiB of freed memory in the
heap for reuse. Elsewhere this does nothing, and so it does when the environment variable
SUIKAWARI_NO_HEAP_TUNING is set to 1 (for measuring the gain).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
DISABLE_VARIABLE = "SUIKAWARI_NO_HEAP_TUNING"


@functools.cache
def keep_freed_memory() -> bool:
    """Tune glibc's allocator once per process; True if it was tuned."""
    if os.environ.get(DISABLE_VARIABLE) == "1":
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, 16 << 20)) and bool(mallopt(_M_TRIM_THRESHOLD, 64 << 20))
