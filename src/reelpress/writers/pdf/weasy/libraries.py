"""Loading WeasyPrint's native libraries without running the C compiler.

WeasyPrint asks cffi for each library (GObject, Pango, HarfBuzz, fontconfig …) by a list of spellings
for every platform: 'libgobject-2.0-0', 'gobject-2.0-0', 'gobject-2.0', … On Linux, each spelling the
dynamic linker's cache does not list makes `ctypes.util.find_library` run gcc and then ld to look
further (about 11 ms each; Kozea/WeasyPrint#1125): some 0.2 s in every process that imports WeasyPrint.
While WeasyPrint is imported, `find_library` here answers from one `ldconfig -p` listing, the first
place it looks anyway; a spelling the listing lacks is "not found" at once and cffi goes on to the
next (the last spellings, such as 'libgobject-2.0.so.0', are opened by the dynamic loader directly,
which also finds libraries on LD_LIBRARY_PATH). Where there is no such listing (musl, macOS, Windows),
`find_library` is left as it is.
"""

from __future__ import annotations

import ctypes.util
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quick_find_library() -> Iterator[None]:
    """`ctypes.util.find_library` answered from the linker's cache for the duration (Linux)."""
    original = ctypes.util.find_library
    listing = _linker_cache() if sys.platform.startswith("linux") else ""
    if listing:
        ctypes.util.find_library = lambda name: find_in(listing, name)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def find_in(listing: str, name: str) -> str | None:
    """The file name `find_library(name)` gives from `ldconfig -p` output: the first 'lib<name>.…'."""
    found = re.search(rf"\s(lib{re.escape(name)}\.\S+)\s+\(", listing)
    return found.group(1) if found else None


def _linker_cache() -> str:
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            done = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                  env={"LC_ALL": "C", "LANG": "C"})
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and " => " in done.stdout:
            return done.stdout
    return ""
