"""Writing results: CSV and JSON files that appear whole or not at all, and JSON-safe numbers."""
from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

OUTPUT_KINDS = (".csv", ".json")


class OutputError(ValueError):
    """An output path that cannot be written; the message names it."""


def check_output_path(path: str | Path, kinds: Sequence[str] = OUTPUT_KINDS) -> Path:
    """The path, if its kind is accepted and its folder exists; else OutputError."""
    path = Path(path)
    if path.suffix.lower() not in kinds:
        raise OutputError(f"output file {str(path)!r} must end in {' or '.join(kinds)}")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {str(folder)!r} does not exist (for {str(path)!r})")
    if path.is_dir():
        raise OutputError(f"output path {str(path)!r} is a folder, not a file")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"output folder {str(folder)!r} is not writable")
    return path


class Outputs:
    """Files that appear together and whole, or not at all.

    Each output is first written to a temporary file beside its path (``temp_for`` hands one to
    renderers that write files themselves); leaving the ``with`` block normally renames them all
    into place, and leaving it by an exception removes them.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def temp_for(self, path: str | Path) -> Path:
        """A fresh temporary file, with the same suffix, in the folder of ``path``."""
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".suikawari-", suffix=path.suffix)
        os.close(fd)
        self._pending.append((Path(tmp), path))
        return Path(tmp)

    def write(self, path: str | Path, data: bytes) -> None:
        """Stage ``data`` as the content of ``path``."""
        self.temp_for(path).write_bytes(data)

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                mode = 0o666 & ~_umask()
                for tmp, path in self._pending:
                    os.chmod(tmp, mode)
                    os.replace(tmp, path)
        finally:
            for tmp, _ in self._pending:
                tmp.unlink(missing_ok=True)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    with Outputs() as outputs:
        outputs.write(path, data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def json_safe(value: Any) -> Any:
    """Replace NaN and infinities (anywhere in nested data) by None, so JSON stays valid."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return json_safe(value.item())
    return value


def json_text(value: Any, indent: int | None = 2) -> str:
    """Strict JSON (never NaN or Infinity)."""
    return json.dumps(json_safe(value), indent=indent, allow_nan=False, ensure_ascii=False)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with floats written exactly (shortest repr that round-trips)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([repr(float(v)) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def table_bytes(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
                extra: dict[str, Any] | None = None) -> bytes:
    """Rows as CSV, or as JSON {**extra, "rows": [...]} when the path ends in .json."""
    if Path(path).suffix.lower() == ".json":
        doc = dict(extra or {})
        doc["rows"] = [dict(zip(header, row)) for row in rows]
        return (json_text(doc) + "\n").encode()
    return csv_text(header, rows).encode()
