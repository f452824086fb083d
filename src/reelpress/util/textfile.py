"""Reading source text safely: regular files inside the project only, strict UTF-8, exact positions."""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from reelpress.errors import fail

#: Largest source file read (a long review is ~50 KB; this leaves room for pasted-in tables).
MAX_SOURCE_BYTES = 8 * 1024 * 1024

_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls except tab and newline (CR is normalised before this check), DEL, C1 controls,
# and the non-characters U+FFFE/U+FFFF: none can appear in XHTML.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def check_inside(path: Path, root: Path) -> Path:
    """Resolve `path` (following symlinks) and refuse it unless it stays inside `root`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        fail(path, "RP041", f"refusing to read {path}: it resolves to {resolved}, outside {root}")
    return resolved


def read_bytes(path: Path, root: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """Read a regular file inside `root`, refusing FIFOs, devices and files over `limit` bytes."""
    resolved = check_inside(path, root)
    try:
        info = resolved.stat()
        if not stat.S_ISREG(info.st_mode):
            fail(path, "RP016", "not a regular file (a FIFO, device or folder cannot be a source)")
        if info.st_size > limit:
            fail(path, "RP016", f"file is {info.st_size:,} bytes; the limit for a source file is {limit:,}")
        with open(resolved, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        fail(path, "RP016", f"cannot read file: {exc.strerror or exc}")
    if len(data) > limit:
        fail(path, "RP016", f"file grew past the limit of {limit:,} bytes while being read")
    return data


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (a BOM is allowed), normalise line ends to LF, refuse control characters."""
    if data.startswith(_UTF16_32_BOMS):
        fail(path, "RP010", "file is UTF-16 or UTF-32; save it as UTF-8", 1, 1)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        line, col = position(prefix, len(prefix))
        fail(path, "RP010", f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8", line, col)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, path)
    return text


def check_characters(text: str, path: Path, first_line: int = 1) -> None:
    """Refuse characters that XHTML cannot hold (NUL, other C0/C1 controls, U+FFFE/U+FFFF, surrogates)."""
    if bad := _BAD_CHAR.search(text):
        line, col = position(text, bad.start())
        fail(path, "RP011", f"control character U+{ord(bad.group()):04X} is not allowed in text",
             line + first_line - 1, col)


def read_text(path: Path, root: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    return decode(read_bytes(path, root, limit), path)


def offset_of_line(text: str, line: int) -> int:
    """The offset in `text` where its 1-based `line` starts (the end of the text past the last line)."""
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`."""
    offset = min(offset, len(text))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
