"""The book as data: plain dataclasses shared by every stage. Imports nothing else from reelpress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

#: Ids the front matter uses (and their `-title` forms); a review whose slug is one of them is renamed.
RESERVED_IDS = frozenset({"cover", "titlepage", "imprint", "contents", "toc", "landmarks", "series", "index", "part",
                          "dedication", "epigraph", "foreword", "introduction", "acknowledgements",
                          "about-the-author", "also-by", "original-publication"})


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about one place in a source file: `path:line:col: CODE severity: message`."""

    path: str
    line: int | None
    col: int | None
    code: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.code} {self.severity}: {self.message}"


@dataclass(frozen=True)
class ReviewMeta:
    """A review's validated front matter."""

    title: str
    film: str | None = None
    year: int | None = None
    director: str | None = None
    rating: float | None = None
    published: dt.date | None = None
    source_url: str | None = None
    spoilers: bool = False
    tags: tuple[str, ...] = ()
    watched: dt.date | None = None
    rewatch: bool = False
    original_title: str | None = None
    original_language: str | None = None
    director_sort: str | None = None


@dataclass
class Asset:
    """A file the book embeds (an image, the cover): where it lives and where it goes in the book."""

    path: Path
    href: str  # relative to the book's content root, e.g. "images/still.png"
    media_type: str
    width: int = 0
    height: int = 0
    data: bytes | None = None  # made by reelpress (a generated cover) rather than read from `path`

    def read(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()


@dataclass
class Review:
    """One review: validated metadata plus its body as an XHTML element tree.

    `body` is a namespaced XHTML `<div>` whose children are the review's block content. `text` is the
    decoded source (line ends normalised) so that later stages can point at lines; `body_line` is the
    1-based line where the body starts in the source file.
    """

    slug: str
    path: Path
    meta: ReviewMeta
    body: Any  # lxml.etree._Element
    text: str = ""
    body_line: int = 1

    @property
    def stem(self) -> str:
        """The review's file name in the EPUB, without `.xhtml`: the slug, unless the slug is one of the
        front matter's ids (whose files have those names). Slugs never contain `_`, so the renamed
        form cannot clash."""
        return f"review_{self.slug}" if self.slug in RESERVED_IDS else self.slug

    @property
    def anchor(self) -> str:
        """The review's id in the book: its stem, unless that starts with a digit (`2001-a-space-odyssey`),
        which older reading systems and calibre's checker refuse in an id (an id starts with a letter).
        The file keeps the slug's name, so a link to the file still finds the review's start."""
        return self.stem if self.stem[:1].isalpha() else f"review_{self.slug}"

    @property
    def id_prefix(self) -> str:
        """Every id inside the review starts with this: `vertigo_fn-1`, `vertigo_the-tower`."""
        return f"{self.anchor}_"


@dataclass
class Matter(Review):
    """A page of front or back matter (a dedication, an introduction, "Also by" …): `slug` is its kind
    (book/matter.py), which is also its id. Read from a Markdown file and normalised as a review is;
    a generated page (from `[[books]]`, or the list of first publications) has an empty body."""

    generated: bool = False

    @property
    def stem(self) -> str:
        return self.slug

    @property
    def anchor(self) -> str:
        return self.slug


@dataclass(frozen=True)
class TocEntry:
    """One line of a table of contents: a title, the id it points to, and its sub-entries."""

    title: str
    target: str  # an id in the book
    children: tuple[TocEntry, ...] = ()
    kind: str = "review"  # review, part, index, matter, series


@dataclass(frozen=True)
class SeriesEntry:
    """One volume of the series, for the "Also in this series" page."""

    number: float | None
    title: str
    subtitle: str | None
    current: bool


@dataclass(frozen=True)
class Part:
    """A volume inside an omnibus: its part title page comes before its first review."""

    number: float
    title: str
    subtitle: str | None
    anchor: str
    first_review: str


@dataclass
class Volume:
    """A whole book, ready to be written: its config, normalised reviews and embedded files."""

    directory: Path
    config: Any  # reelpress.config.VolumeConfig
    reviews: list[Review]
    assets: dict[Path, Asset] = field(default_factory=dict)
    cover: Asset | None = None
    toc: tuple[TocEntry, ...] = ()
    indexes: tuple = ()  # reelpress.book.indexes.Index
    series: tuple[SeriesEntry, ...] = ()
    parts: tuple[Part, ...] = ()
    matter: tuple[Matter, ...] = ()  # front and back matter, in book order (book/matter.py places them)
    output_name: str | None = None
    modified: dt.datetime = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    warnings: list[Diagnostic] = field(default_factory=list)  # found while reading and normalising it

    @property
    def name(self) -> str:
        return self.output_name or self.directory.name


@dataclass
class Post:
    """One post found in an export or a saved page, before it becomes a review source file."""

    origin: str  # where it came from (archive entry or file), for messages
    title: str
    body: Any  # XHTML <div>, platform chrome already removed
    slug: str
    published: dt.date | None = None
    subtitle: str | None = None
    source_url: str | None = None
    author: str | None = None
    skip: str | None = None  # why it is not imported (a draft, a response …), unless asked for
    note: str | None = None  # shown in the report, e.g. "paid subscribers only"
    keys: frozenset[str] = frozenset()  # the URLs (normalised) by which other posts link to it
    removed: list = field(default_factory=list)  # what the importer dropped or replaced (importers.ledger)
    warnings: list[str] = field(default_factory=list)  # "CODE message" found while reading the post
    tags: tuple[str, ...] = ()  # the platform's categories, tags or labels
    meta: dict = field(default_factory=dict)  # more front matter the export knows (film, year, rating …)
