"""Writing a file so that a reader sees either the old content or the new, never half of it."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .models import ExtractorError


NEW_FILE_MODE = 0o644


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to a temporary file in the target's folder, then rename it over `path`.
    The file keeps the mode of the one it replaces; a new file gets NEW_FILE_MODE."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExtractorError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ExtractorError(f"{target}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
