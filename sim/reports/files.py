"""Writing results: CSV and JSON files that appear whole or not at all, and JSON-safe numbers."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Sequence

OUTPUT_KINDS = (".csv", ".json")


class OutputError(ValueError):
    """An output path that cannot be written; the message names it."""


def check_output_path(path: str | Path, kinds: Sequence[str] = OUTPUT_KINDS) -> Path:
    """The path, if it names a file of an accepted kind in a writable folder that exists; else
    OutputError naming it."""
    path = _file_path(path)
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


def _file_path(path: str | os.PathLike) -> Path:
    """``path`` as a Path, refusing one that ends in a slash (Path would drop it and write a file
    where the user named a folder)."""
    text = os.fspath(path)
    if isinstance(text, str) and text.endswith(("/", os.sep)):
        raise OutputError(f"output path {text!r} ends in a slash: name a file, not a folder")
    return Path(text)


_open_batch: ContextVar["Outputs | None"] = ContextVar("open_batch", default=None)


class Outputs:
    """Files that appear together and whole, or not at all.

    Inside ``with Outputs():`` every ``write_atomic`` (and so every save function: PNGs, tables)
    is staged in memory, and ``stream`` (and so ``stream_atomic``: animations, --out's rows) opens
    a file to write as the data come.
    Leaving the block normally writes each to a temporary file beside its path, flushed to the
    disk with fsync (a full disk fails here), and only when all are written renames them into
    place. Leaving it by an exception (Ctrl-C included) places nothing. A failure raises OSError
    naming the user's path, never a temporary file's, and every temporary file is removed.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, bytes]] = []
        self._streams: list[tuple[_Stream, Path, Path]] = []
        self._token = None

    def write(self, path: str | os.PathLike, data: bytes) -> None:
        """Stage ``data`` as the content of ``path``."""
        self._staged.append((_file_path(path), bytes(data)))

    def stream(self, path: str | os.PathLike) -> BinaryIO:
        """A binary file to write the content of ``path`` into as it is made (a temporary file
        beside it, placed with the others)."""
        path = _file_path(path)
        try:
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=".suikawari-", suffix=path.suffix)
        except OSError as err:
            raise OSError(err.errno, err.strerror or str(err), str(path)) from None
        file = _Stream(os.fdopen(fd, "wb"), path)
        self._streams.append((file, Path(name), path))
        return file

    def __enter__(self) -> Outputs:
        self._token = _open_batch.set(self)
        return self

    def __exit__(self, kind, error, trace) -> None:
        _open_batch.reset(self._token)
        temps = [(tmp, path) for _, tmp, path in self._streams]
        path = None
        try:
            if kind is None:
                for file, _, path in self._streams:
                    file.flush()
                    os.fsync(file.fileno())
                    file.close()
                for path, data in self._staged:
                    temps.append((_write_temp(path, data), path))
                mode = 0o666 & ~_umask()
                for tmp, path in temps:
                    os.chmod(tmp, mode)
                    os.replace(tmp, path)
        except OSError as err:
            raise OSError(err.errno, err.strerror or str(err), str(path)) from None
        finally:
            for file, _, _ in self._streams:
                with contextlib.suppress(OSError):   # a full disk's error is already on its way
                    file.close()
            for tmp, _ in temps:
                tmp.unlink(missing_ok=True)


class _Stream(io.RawIOBase):
    """A temporary file whose write errors name the user's path."""

    def __init__(self, file: BinaryIO, path: Path):
        super().__init__()
        self._file, self._path = file, path

    def write(self, data) -> int:
        try:
            return self._file.write(data)
        except OSError as err:
            raise OSError(err.errno, err.strerror or str(err), str(self._path)) from None

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        try:
            self._file.flush()
        except OSError as err:
            raise OSError(err.errno, err.strerror or str(err), str(self._path)) from None

    def fileno(self) -> int:
        return self._file.fileno()

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        super().close()
        self._file.close()


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write the whole file or nothing (a temporary file beside it, fsync, then a rename); inside
    ``with Outputs()`` the file is staged to appear with the others."""
    batch = _open_batch.get()
    if batch is not None:
        batch.write(path, data)
    else:
        with Outputs() as outputs:
            outputs.write(path, data)


@contextlib.contextmanager
def stream_atomic(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A file (seekable) to write the content of ``path`` into as it is made, so that it need not
    be held in memory whole; the file appears whole when the block ends, or not at all if it ends
    by an exception. Inside ``with Outputs()`` it appears with the others."""
    batch = _open_batch.get()
    if batch is not None:
        yield batch.stream(path)
    else:
        with Outputs() as outputs:
            yield outputs.stream(path)


def _write_temp(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file in the folder of ``path``, on the disk (fsync)."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".suikawari-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


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
    return "".join(_csv_line(row) for row in [header, *rows])


def _csv_line(row: Sequence[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([repr(float(v)) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


class TableWriter:
    """Rows written to ``file`` as they come: CSV, or when ``path`` ends in .json one JSON object
    {"rows": [{column: value, ...}, ...], **extra}. ``close(extra)`` ends it."""

    def __init__(self, file: BinaryIO, path: str | Path, header: Sequence[str]):
        self._file, self._header, self._rows = file, tuple(header), 0
        self._json = Path(path).suffix.lower() == ".json"
        self._file.write(b'{\n  "rows": [' if self._json else _csv_line(self._header).encode())

    def row(self, values: Sequence[Any]) -> None:
        if self._json:
            text = ("," if self._rows else "") + "\n    " + json_text(dict(zip(self._header, values)), indent=None)
        else:
            text = _csv_line(values)
        self._file.write(text.encode())
        self._rows += 1

    def close(self, extra: dict[str, Any] | None = None) -> None:
        if self._json:
            fields = "".join(f",\n  {json.dumps(k)}: {json_text(v, indent=None)}" for k, v in (extra or {}).items())
            self._file.write(f"\n  ]{fields}\n}}\n".encode())


def table_bytes(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
                extra: dict[str, Any] | None = None) -> bytes:
    """Rows as CSV, or as JSON {"rows": [...], **extra} when the path ends in .json (TableWriter)."""
    buffer = io.BytesIO()
    writer = TableWriter(buffer, path, header)
    for row in rows:
        writer.row(row)
    writer.close(extra)
    return buffer.getvalue()
