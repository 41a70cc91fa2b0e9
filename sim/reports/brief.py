"""One-line error messages: values are quoted short, so that a huge input never floods a line."""
from __future__ import annotations

from typing import Any


def brief(value: Any, limit: int = 40) -> str:
    """repr(value) with strings cut to ``limit`` characters and other values' repr likewise."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[: limit - 3] + "...")
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."

