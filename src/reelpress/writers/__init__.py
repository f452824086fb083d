"""Stage 5, write: one writer per output format, each `write(volume) -> bytes`.

Writers are imported when used: WeasyPrint alone takes most of a second to import, and an EPUB-only
build should not pay for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from reelpress.model import Volume

WRITERS = {
    "epub": "reelpress.writers.epub",
    "pdf": "reelpress.writers.pdf",
}


def writer(fmt: str) -> Callable[[Volume], bytes]:
    return importlib.import_module(WRITERS[fmt]).write
