"""A piece of the PDF to lay out, and the laid-out piece: what passes between a build and its workers.

Nothing here imports WeasyPrint (about 0.3 s and 25 MB). A build whose pages are laid out by worker
processes does not load it in its own process: the workers' fork server has it (workers.py), and
`runner.render_task` reaches it by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import font_source_serif_pro

from reelpress import templates_dir

SERIF_DIR = Path(font_source_serif_pro.__file__).resolve().parent / "files"
SERIF_FACES = (("Regular", "normal", 400), ("It", "italic", 400), ("Semibold", "normal", 600),
               ("SemiboldIt", "italic", 600), ("Bold", "normal", 700), ("BoldIt", "italic", 700))


@dataclass(frozen=True)
class Task:
    """One HTML document to lay out and draw: everything a worker process needs, and nothing else."""

    html: str
    sheets: tuple[str, ...]
    base_url: str
    roots: tuple[str, ...]
    skip_first: bool = False  # the first page only puts the second on a left-hand page; drop it
    low_resolution: bool = False  # report images under 300 dpi (print)
    tagged: bool = False  # a tagged PDF, with its structure tree (the reading profile: pdf_tags.py)


@dataclass
class Rendered:
    """A laid-out document as PDF bytes, and what assembling a book from it needs to know.

    Page indexes count from 0 and leave out a skipped first page; positions are PDF points from the
    page's bottom-left corner."""

    pdf: bytes
    skip: int
    pages: int
    blank: list[bool] = field(default_factory=list)
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    bookmarks: list[tuple[int, str, int, float, float, bool]] = field(default_factory=list)
    low_resolution: list[tuple[int, str, int]] = field(default_factory=list)
    first_text: list[str] = field(default_factory=list)  # each page's first words (pagelist.py)
    problems: list[str] = field(default_factory=list)
    figure_gaps: list[str] = field(default_factory=list)  # figures leaving a gap before them (weasy/measure.py)
    short_endings: list[str] = field(default_factory=list)  # reviews ending with a few lines alone


def font_faces() -> str:
    """@font-face rules for the book face (from its PyPI package) and the project's symbols font."""
    rules = [f'@font-face {{ font-family: "Source Serif Pro"; font-style: {style}; font-weight: {weight}; '
             f'src: url("{(SERIF_DIR / f"SourceSerifPro-{name}.ttf").as_uri()}"); }}'
             for name, style, weight in SERIF_FACES]
    symbols = (templates_dir() / "fonts" / "ReelpressSymbols.ttf").as_uri()
    rules.append(f'@font-face {{ font-family: "Reelpress Symbols"; src: url("{symbols}"); }}')
    return "\n".join(rules)
