"""WeasyPrint's native libraries are found from the linker's cache, as ctypes would find them, without
running gcc for every spelling the cache lacks."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from reelpress.writers.pdf.weasy import libraries

SPELLINGS = ["libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libpango-1.0-0", "pango-1.0", "harfbuzz",
             "libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-vector", "fontconfig-1", "fontconfig",
             "pangoft2-1.0", "c", "m", "no-such-library-anywhere"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the linker cache is Linux's")


def test_the_cache_gives_what_find_library_gives():
    listing = libraries._linker_cache()
    assert listing, "ldconfig -p lists the libraries"
    assert {name: libraries.find_in(listing, name) for name in SPELLINGS} == \
        {name: ctypes.util.find_library(name) for name in SPELLINGS}


def test_find_library_is_put_back():
    original = ctypes.util.find_library
    with libraries.quick_find_library():
        assert ctypes.util.find_library is not original
        assert ctypes.util.find_library("c") == original("c")
    assert ctypes.util.find_library is original


def test_importing_weasyprint_runs_no_compiler():
    probe = ("import ctypes.util, sys\n"
             "calls = []\n"
             "for name in ('_findLib_gcc', '_findLib_ld'):\n"
             "    if hasattr(ctypes.util, name):\n"
             "        setattr(ctypes.util, name, lambda *a, name=name: calls.append(name))\n"
             "import reelpress.writers.pdf.weasy\n"
             "print(len(calls))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
