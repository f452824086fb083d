"""Reading an untrusted zip archive into memory, refusing everything an attacker could use.

Nothing is ever extracted to disk. Every entry name is checked (no absolute paths, no `..`, no drive
letters or backslashes), symlinks, encrypted entries and duplicate names are refused, and sizes are
capped (entry count, each entry, the total, the compression ratio) while reading, not just as
declared, so a zip bomb stops at the cap. Nested archives are never opened.
"""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reelpress.errors import Collector, fail

MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries over 1 MB
_CHUNK = 1024 * 1024
#: What zipfile and its decompressors raise on a damaged or hostile archive.
DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error, lzma.LZMAError,
           NotImplementedError, UnicodeDecodeError, IndexError, KeyError)


@dataclass
class Archive:
    """The entries of a checked zip, by name; only the wanted ones are read into memory."""

    path: Path
    files: dict[str, bytes]
    names: list[str]


def read_archive(path: Path, wanted) -> Archive:
    """Check every entry of the zip at `path`; read the entries for which `wanted(name)` is true."""
    try:
        archive = zipfile.ZipFile(path)
    except DAMAGED as exc:
        fail(path, "RP070", f"not a readable zip archive: {exc}")
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            fail(path, "RP070", f"{len(infos):,} entries; the limit is {MAX_ENTRIES:,}")
        report, seen = Collector(), set()
        for info in infos:
            if problem := _entry_problem(info, seen):
                report.error(path, "RP070", f"entry {info.filename!r}: {problem}")
            seen.add(info.filename.lower())
        report.raise_if_errors()
        files, total = {}, 0
        for info in infos:
            if info.is_dir() or not wanted(info.filename):
                continue
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                fail(path, "RP070", f"archive unpacks to more than {MAX_TOTAL_BYTES:,} bytes")
            files[info.filename] = _read_entry(path, archive, info)
    return Archive(path, files, [info.filename for info in infos])


def _entry_problem(info: zipfile.ZipInfo, earlier: set[str]) -> str | None:
    name = info.filename
    if not name or "\x00" in name:
        return "empty name or NUL byte"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if "\\" in name:
        return "backslash in name"
    if ".." in PurePosixPath(name).parts:
        return "`..` in the path (it would be written outside the target folder)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link; links are refused"
    if info.flag_bits & 0x1:
        return "encrypted"
    if name.lower() in earlier:
        return "appears twice; zip readers silently keep only one of them"
    if info.file_size > MAX_ENTRY_BYTES:
        return f"{info.file_size:,} bytes; the limit is {MAX_ENTRY_BYTES:,}"
    if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"expands {info.file_size // max(info.compress_size, 1):,}× (a zip bomb?)"
    return None


def _read_entry(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one entry; zipfile stops at the declared size and checks the CRC."""
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_ENTRY_BYTES + 1)
    except (*DAMAGED, RuntimeError) as exc:
        fail(path, "RP070", f"entry {info.filename!r} is damaged: {exc}")
    if len(data) > MAX_ENTRY_BYTES:
        fail(path, "RP070", f"entry {info.filename!r} is larger than {MAX_ENTRY_BYTES:,} bytes")
    return data
