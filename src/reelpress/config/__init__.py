"""volume.toml and review front matter → frozen, validated dataclasses, with every problem reported at once.

The schema is declared once, as `Field`s: validation, error messages and the configuration reference
all come from it (after mkdocs' config_options). Values are checked for type and range; unknown keys
get a "did you mean"; each message points at the file and line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reelpress.book import strings
from reelpress.errors import Collector, fail
from reelpress.model import ReviewMeta, SeriesEntry
from reelpress.normalise.typography import typeset
from reelpress.config.schema import (CONFIG_CODES, FRONT_MATTER_CODES, Field, Locator, boolean, codes, colour,
                                     date, integer, isbn, language, long_text, names, number, one_of, patterns,
                                     quote_marks, rating, slugs, table, tags, text, toml_locator, toml_position, url,
                                     validate)
from reelpress.config.books import CREDITS_FIELDS, CreditsSettings, OtherBook, books
from reelpress.util.textfile import read_text

CONFIG_NAME = "volume.toml"
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Typography:
    """House style for the typography pass."""

    dashes: str = "em"
    quotes: str | None = None


@dataclass(frozen=True)
class Boilerplate:
    """Paragraphs removed from imported and built reviews: calls to action, page chrome."""

    patterns: tuple[str, ...] = ()
    defaults: bool = True


@dataclass(frozen=True)
class PdfSettings:
    """The PDF's profile and page."""

    profile: str = "reading"
    trim: str = "5.5x8.5in"
    bleed: bool = False
    fonts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintSettings:
    """The paperback: its paper (for the spine's width) and its ISBN (for the back cover's barcode)."""

    paper: str = "white"
    isbn: str | None = None


@dataclass(frozen=True)
class CheckSettings:
    """`reelpress check` settings for the volume."""

    disable: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessibilitySettings:
    """Who stands behind the EPUB's accessibility claim."""

    certified_by: str | None = None
    page_list: bool = True


@dataclass(frozen=True)
class CoverStyle:
    """Colours of a generated cover."""

    background: str = "#1f2a36"
    foreground: str = "#f4ecdc"
    accent: str = "#c9a86a"


@dataclass(frozen=True)
class IndexSettings:
    """Which indexes the book carries."""

    films: bool = True
    directors: bool = True
    years: bool = False
    ratings: bool = False
    articles: tuple[str, ...] | None = None


@dataclass(frozen=True)
class VolumeConfig:
    """A volume's validated volume.toml."""

    title: str
    author: str
    subtitle: str | None = None
    language: str = "en"
    identifier: str = ""
    series: str | None = None
    series_index: float | None = None
    publisher: str | None = None
    published: dt.date | None = None
    description: str | None = None
    rights: str | None = None
    order: tuple[str, ...] | None = None
    typography: Typography = field(default_factory=Typography)
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    check: CheckSettings = field(default_factory=CheckSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    print: PrintSettings = field(default_factory=PrintSettings)
    cover: CoverStyle = field(default_factory=CoverStyle)
    indexes: IndexSettings = field(default_factory=IndexSettings)
    accessibility: AccessibilitySettings = field(default_factory=AccessibilitySettings)
    credits: CreditsSettings = field(default_factory=CreditsSettings)
    books: tuple[OtherBook, ...] = ()  # [[books]]: the author's other books, for the "Also by" page
    strings: tuple[tuple[str, str], ...] = ()  # [strings]: the book's words, by key, over its catalogue


@dataclass(frozen=True)
class SeriesConfig:
    """A series' validated series.toml: what its volumes share."""

    title: str
    volumes: tuple[str, ...] | None = None
    raw: tuple = ()  # the shared keys as written, merged under each volume.toml


TYPOGRAPHY_FIELDS = (
    Field("dashes", one_of("em", "spaced-en"),
          "How `--` is set: `em` (closed em dash, American) or `spaced-en` (spaced en dash, British)."),
    Field("quotes", quote_marks, "Four quotation marks: opening and closing, then nested opening and closing "
                                 "(\"‘’“”\" puts single quotes first, as many British publishers do). "
                                 "Default: the language's own (docs/typography.md)."),
)

BOILERPLATE_FIELDS = (
    Field("patterns", patterns, "Regular expressions; a paragraph whose whole text matches one is removed "
                                "(case is ignored). Added to the defaults."),
    Field("defaults", boolean, "false to drop the built-in patterns (\"Thanks for reading!\", \"Share this "
                               "post\" …). Default true."),
)

COVER_FIELDS = tuple(Field(name, colour, f"Generated cover: {what} colour (#rrggbb).")
                     for name, what in (("background", "background"), ("foreground", "title"),
                                        ("accent", "series line and rule")))
INDEX_FIELDS = (
    Field("films", boolean, "Index of films (default true)."),
    Field("directors", boolean, "Index of directors (default true)."),
    Field("years", boolean, "Films by year (default false)."),
    Field("ratings", boolean, "Films by rating (default false)."),
    Field("articles", names, "Leading words ignored when sorting titles, replacing the language's own "
                             "(French: Le, La, Les, L’, Un, Une); [] sorts every word."),
)

PROFILES = ("reading", "print", "proof")
TRIMS = ("5x8in", "5.25x8in", "5.5x8.5in", "6x9in", "A5")
PDF_FIELDS = (
    Field("profile", one_of(*PROFILES), "`reading` (on screen: bookmarks, live links), `print` (a KDP "
                                        "paperback) or `proof` (for proofreading). Default `reading`."),
    Field("trim", one_of(*TRIMS), "Page size: 5x8in, 5.25x8in, 5.5x8.5in (default), 6x9in or A5."),
    Field("bleed", boolean, "true adds KDP's 0.125 in bleed to print pages. Default false."),
    Field("fonts", names, "Installed font families tried after the book face and before the built-in "
                          "Noto fallbacks, in order, e.g. [\"Noto Sans CJK JP\"]."),
)

ACCESSIBILITY_FIELDS = (
    Field("certified_by", text, "Who stands behind the EPUB Accessibility 1.1 claim (`a11y:certifiedBy`); "
                                "default the publisher, else the author."),
    Field("page_list", boolean, "false leaves out the print edition's page numbers (pagebreak markers and a "
                                "page list, from the print layout). Default true."),
)

PAPERS = ("white", "cream", "color")
PRINT_FIELDS = (
    Field("paper", one_of(*PAPERS), "KDP paper: `white` (default), `cream` or `color`; sets the spine's width."),
    Field("isbn", isbn, "The paperback's ISBN-13: its barcode goes on the back cover, and the EPUB names it as "
                        "the source of its page numbers."),
)

CHECK_FIELDS = (
    Field("disable", codes, "Rule codes `reelpress check` skips for this volume, e.g. [\"RP103\"]."),
)

VOLUME_FIELDS = (
    Field("title", text, "The book's title.", required=True),
    Field("subtitle", text, "A subtitle, shown under the title."),
    Field("author", text, "The critic, as the name should appear on the cover (a series.toml can give it).",
          required=True),
    Field("language", language, "BCP 47 language tag (`en`, `en-GB`, `fr`); drives hyphenation. Default `en`."),
    Field("identifier", text, "`urn:isbn:…` or any unique id; when absent a stable `urn:uuid:` is derived "
                              "from title and author."),
    Field("series", text, "The series this volume belongs to."),
    Field("series_index", number(0, 10_000), "This volume's number in the series."),
    Field("publisher", text, "Publisher or imprint name."),
    Field("published", date, "Publication date (YYYY-MM-DD)."),
    Field("description", long_text, "Blurb for stores and the EPUB metadata; a blank line starts a paragraph, "
          "other line breaks flow as spaces."),
    Field("rights", long_text, "Copyright statement, printed on the imprint page; a blank line starts a "
          "paragraph, other line breaks flow as spaces."),
    Field("order", slugs, "Review slugs in reading order; default: file name order."),
    Field("typography", table, "House style table; see [typography]."),
    Field("boilerplate", table, "Boilerplate removal table; see [boilerplate]."),
    Field("check", table, "`reelpress check` settings; see [check]."),
    Field("pdf", table, "PDF profile and page; see [pdf]."),
    Field("print", table, "The paperback's paper and ISBN; see [print]."),
    Field("cover", table, "Colours of a generated cover; see [cover]."),
    Field("indexes", table, "Which indexes to generate; see [indexes]."),
    Field("accessibility", table, "The EPUB's accessibility claim and page list; see [accessibility]."),
    Field("credits", table, "Where each review first appeared; see [credits]."),
    Field("books", books, "The author's other books, `[[books]]` tables of `title`, `subtitle` and `links` by store "
                          "(`kdp`, `apple`, `kobo`, `google`, and `web` for any other edition): the \"Also by\" page, "
                          "each book linked for the store the EPUB is made for (`--store`)."),
    Field("strings", table, "The book's generated words, by key, over its language's catalogue; see [strings]."),
)

#: Keys a series.toml may set for all its volumes (a volume.toml overrides each of them).
SHARED = ("author", "publisher", "language", "rights", "typography", "boilerplate", "check", "pdf", "print",
          "cover", "indexes", "accessibility", "credits", "books", "strings")
SERIES_FIELDS = (
    Field("title", text, "The series' name, e.g. Essential Film Reviews.", required=True),
    Field("volumes", slugs, "Volume folder names in series order; default: folder name order."),
    *(f for f in VOLUME_FIELDS if f.name in SHARED),
)
TABLES = {"typography": Typography, "boilerplate": Boilerplate, "check": CheckSettings, "pdf": PdfSettings,
          "print": PrintSettings, "cover": CoverStyle, "indexes": IndexSettings, "accessibility": AccessibilitySettings,
          "credits": CreditsSettings}

REVIEW_FIELDS = (
    Field("title", text, "The review's heading and its contents entry.", required=True),
    Field("film", text, "The film's title."),
    Field("year", integer(1870, 2100), "The film's release year."),
    Field("director", text, "The film's director(s)."),
    Field("rating", rating, "Stars from 0 to 5, in halves."),
    Field("published", date, "Date the review was first published (YYYY-MM-DD)."),
    Field("source_url", url, "Where the review was first published."),
    Field("spoilers", boolean, "true to print a spoiler warning before the review."),
    Field("tags", tags, "Labels from the platform the review came from (categories, tags, labels), as a list."),
    Field("watched", date, "Date the critic watched the film (YYYY-MM-DD), e.g. from a Letterboxd diary."),
    Field("rewatch", boolean, "true when the review is of a second or later viewing."),
    Field("original_title", text, "The film's title in its own language and script (七人の侍), shown "
                                  "with the film and listed in the film index."),
    Field("original_language", language, "BCP 47 tag of the original title's language (`ja`, `fa`, "
                                          "`zh-Hant`): the fonts and hyphenation for it."),
    Field("director_sort", text, "How the director files in the index when \"surname, given names\" is "
                                 "wrong: \"Kurosawa, Akira\", \"Satyajit Ray\" → \"Ray, Satyajit\", a mononym."),
)




SERIES_NAME = "series.toml"


def _read_toml(path: Path, root: Path) -> tuple[dict, Locator]:
    source = read_text(path, root, MAX_CONFIG_BYTES)
    try:
        return tomllib.loads(source), toml_locator(source)
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_position(str(exc))
        fail(path, "RP002", f"TOML syntax error: {re.sub(r' [(]at line.*$', '', str(exc))}", line, col)


def _tables(clean: dict, path: Path, where: Locator, report: Collector) -> None:
    for name, cls in TABLES.items():
        if name in clean:
            clean[name] = cls(**validate(clean[name], SCHEMAS[name], path, where, report, CONFIG_CODES, (name,)))
    if "strings" in clean:
        words = validate(clean["strings"], string_fields(), path, where, report, CONFIG_CODES, ("strings",))
        clean["strings"] = tuple(sorted(words.items()))


def string_fields() -> tuple[Field, ...]:
    """[strings]: one field per key of the catalogues (book/strings.py), so a misspelt key gets "did you mean"."""
    return tuple(Field(key, text, f"Default in English: {strings.ENGLISH(key)!r}.") for key in strings.keys())


def load_series(series_dir: Path) -> SeriesConfig | None:
    """series.toml of a series folder, validated; None when the folder is not a series."""
    path = series_dir / SERIES_NAME
    if not path.is_file():
        return None
    data, where = _read_toml(path, series_dir)
    report = Collector()
    clean = validate(data, SERIES_FIELDS, path, where, report, CONFIG_CODES)
    _tables(clean, path, where, report)
    report.raise_if_errors()
    shared = tuple((key, data[key]) for key in SHARED if key in data)
    return SeriesConfig(title=clean["title"], volumes=clean.get("volumes"), raw=shared)


def load_volume_config(volume_dir: Path) -> VolumeConfig:
    """Load and validate `volume_dir/volume.toml` (under its series.toml, if the folder above has one);
    raise one InputError listing every problem."""
    path = volume_dir / CONFIG_NAME
    if not volume_dir.is_dir():
        fail(volume_dir, "RP001", "not a folder: a volume is a folder holding volume.toml and reviews/")
    if not path.is_file():
        fail(path, "RP001", "missing: every volume folder needs a volume.toml with at least title and author")
    series = load_series(volume_dir.parent)
    data, where = _read_toml(path, volume_dir)
    if series is not None:
        data = _under_series(data, series, volume_dir)
    report = Collector()
    clean = validate(data, VOLUME_FIELDS, path, where, report, CONFIG_CODES)
    _tables(clean, path, where, report)
    report.raise_if_errors()
    clean.setdefault("identifier", derived_identifier(clean["title"], clean["author"]))
    return VolumeConfig(**_typeset(clean))


PRINTED = ("title", "subtitle", "author", "series", "publisher", "description", "rights")


def _typeset(clean: dict) -> dict:
    """The texts the book prints from its configuration (title page, imprint, cover, the EPUB's
    metadata) set as the reviews' text is: curly quotes, apostrophes, dashes, ellipses."""
    style = clean.get("typography") or Typography()
    language = clean.get("language", "en")
    return {key: typeset(value, language, style.dashes, style.quotes) if key in PRINTED and isinstance(value, str)
            else value for key, value in clean.items()}


def _under_series(data: dict, series: SeriesConfig, volume_dir: Path) -> dict:
    """The volume's keys over the series' shared keys (tables merged key by key)."""
    merged = {key: dict(value) if isinstance(value, dict) else value for key, value in series.raw}
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    merged.setdefault("series", series.title)
    if "series_index" not in merged:
        merged["series_index"] = series_position(volume_dir.parent, series, volume_dir.name)
    return merged


def series_volumes(series_dir: Path, series: SeriesConfig) -> list[Path]:
    """The series' volume folders in order: as series.toml lists them, else by folder name."""
    if series.volumes:
        return [series_dir / name for name in series.volumes]
    return sorted(p for p in series_dir.iterdir() if (p / CONFIG_NAME).is_file())


def series_entries(volume_dir: Path, config: VolumeConfig) -> tuple[SeriesEntry, ...]:
    """Every volume of the series this volume belongs to, in order, for its "Also in this series" page."""
    series = load_series(volume_dir.parent)
    if series is None:
        return ()
    entries = []
    for folder in series_volumes(volume_dir.parent, series):
        other = config if folder.name == volume_dir.name else load_volume_config(folder)
        entries.append(SeriesEntry(other.series_index, other.title, other.subtitle, folder.name == volume_dir.name))
    return tuple(entries)


def series_position(series_dir: Path, series: SeriesConfig, name: str) -> int:
    names = [p.name for p in series_volumes(series_dir, series)]
    return names.index(name) + 1 if name in names else len(names) + 1


def derived_identifier(title: str, author: str) -> str:
    """A `urn:uuid:` that depends only on title and author, so rebuilds keep it."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'reelpress:{author}:{title}')}"


SCHEMAS = {"typography": TYPOGRAPHY_FIELDS, "boilerplate": BOILERPLATE_FIELDS, "check": CHECK_FIELDS,
           "pdf": PDF_FIELDS, "print": PRINT_FIELDS, "cover": COVER_FIELDS, "indexes": INDEX_FIELDS,
           "accessibility": ACCESSIBILITY_FIELDS, "credits": CREDITS_FIELDS}


def review_meta(data: Mapping[str, Any], path: Path, where: Locator, raw: Mapping[str, str],
                report: Collector, present: set[str] = frozenset()) -> ReviewMeta | None:
    """Validate a review's front matter; None (with errors reported) when it does not hold."""
    before = len(report.errors)
    clean = validate(data, REVIEW_FIELDS, path, where, report, FRONT_MATTER_CODES, raw=raw, present=present)
    return None if len(report.errors) > before or present else ReviewMeta(**clean)
