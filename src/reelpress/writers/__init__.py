"""Stage 5, write: one writer per output format, each `write(volume, options) -> Output`.

The book (`Volume`) is what is written; how it is written this time — the PDF profile asked for on the
command line, the worker processes a writer may use, the folder where it may keep what a later build
can reuse — travels beside it in `WriteOptions` (pandoc's WriterOptions). Writers never change the book.

Writers are imported when used: WeasyPrint alone takes most of a second to import, and an EPUB-only
build should not pay for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reelpress.model import Diagnostic, Volume

WRITERS = {
    "epub": "reelpress.writers.epub",
    "pdf": "reelpress.writers.pdf.document",
}


@dataclass(frozen=True)
class WriteOptions:
    """How this build writes the book: nothing here is part of the book itself."""

    profile: str | None = None  # the PDF profile, overriding the volume's [pdf] profile
    jobs: int = 1  # worker processes a writer may use
    cache_dir: Path | None = None  # where a writer may keep what the next build can reuse
    store: str | None = None  # the store the EPUB is made for: `apple` scales images down to its limit

    @property
    def variant(self) -> str:
        """What makes this build's outputs differ from another's of the same sources (the build record
        keys on it)."""
        return f"{self.profile or ''}/{self.store or ''}"

    def pdf_settings(self, config):
        """The volume's [pdf] settings with the profile this build asks for."""
        return replace(config.pdf, profile=self.profile) if self.profile else config.pdf


@dataclass
class Output:
    """What a writer made: the file's bytes, and the warnings it found while making them."""

    data: bytes
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what it did that a user may want to know


def writer(fmt: str) -> Callable[[Volume, WriteOptions], Output]:
    return importlib.import_module(WRITERS[fmt]).write
