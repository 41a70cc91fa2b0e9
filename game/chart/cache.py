"""Small least-recently-used caches of chart layouts and drawn backgrounds."""

from __future__ import annotations

from collections import OrderedDict


class LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)

    def fetch(self, key):
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value


layouts = LRU(64)
backgrounds = LRU(8)
