"""Writing outputs without ever leaving a partial file: temp file beside the target, fsync, os.replace."""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import time
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


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never a part.
    `durable=False` skips the fsyncs, for cache files (a lost one is only built again)."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp, _mode_for(path))  # mkstemp makes 0600; an output is an ordinary file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(path.parent)


def cache_write(path: Path, data: bytes) -> None:
    """Write a cache file in one step (no fsync: a lost one is only built again); a cache that
    cannot be written only costs time next build, so failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, durable=False)
    except OSError:
        pass


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


def save(outputs: dict[Path, bytes], wait: float = 60) -> None:
    """Write every output, each atomically, while holding the output folder's lock; temp files a
    killed build left behind are removed first. A failure names the file and keeps what was there."""
    for folder in sorted({path.parent for path in outputs}):
        with OutputLock(folder, wait):
            for path, data in outputs.items():
                if path.parent != folder:
                    continue
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    remove_leftovers(path)
                    atomic_write(path, data)
                except OSError as exc:
                    raise EnvironmentProblem([diagnostic(path, "RP050", f"could not write: "
                                                         f"{exc.strerror or exc}; the previous file, if any, "
                                                         "is unchanged")]) from exc


def remove_leftovers(path: Path) -> None:
    """Temp files of `path` from a build that was killed (only call this holding the folder's lock)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


class OutputLock:
    """One reelpress process writes into a folder at a time; another waits, then gives up naming it.

    The lock file lives in the system temp folder, keyed by the output folder's path, so taking the
    lock changes nothing in the output folder itself.
    """

    def __init__(self, folder: Path, wait: float = 60):
        digest = hashlib.sha256(str(Path(os.path.abspath(folder))).encode()).hexdigest()[:20]
        self.path = Path(tempfile.gettempdir()) / f"reelpress-{digest}.lock"
        self.folder, self.wait, self.fd = folder, wait, None

    def __enter__(self) -> OutputLock:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    owner = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                    os.close(self.fd)
                    raise EnvironmentProblem([diagnostic(self.folder, "RP053", f"another reelpress (process "
                                                         f"{owner}) is writing into this folder; waited "
                                                         f"{self.wait:g} s")]) from None
                time.sleep(0.1)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
