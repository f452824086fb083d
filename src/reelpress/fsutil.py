"""Writing outputs without ever leaving a partial file: temp file beside the target, fsync, os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reelpress.errors import EnvironmentProblem, diagnostic


def check_writable(folder: Path) -> None:
    """Fail early (before any rendering) if outputs could not be written into `folder`."""
    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not _can_write(probe):
        raise EnvironmentProblem([diagnostic(folder, "RP050", f"cannot write outputs here: {probe} is not a "
                                             "writable folder")])


def _can_write(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never a part."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp, _mode_for(path))  # mkstemp makes 0600; an output is an ordinary file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save(outputs: dict[Path, bytes]) -> None:
    """Write every output, each atomically; a failure names the file and keeps what was there."""
    for path, data in outputs.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
        except OSError as exc:
            raise EnvironmentProblem([diagnostic(path, "RP050", f"could not write: {exc.strerror or exc}; "
                                                 "the previous file, if any, is unchanged")]) from exc
