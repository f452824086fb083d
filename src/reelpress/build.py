"""The orchestrator: one named call per stage, from a volume folder to EPUB and PDF files.

    config → read → normalise → contents and indexes → write → save

Every stage reports problems to one collector; the build stops at the end of the first stage that
found an error, and nothing is written unless every requested output was produced. Whether anything changed at
all is asked before this module is imported (commands/build_volume.py and cache/outputs.py); here the
build asks the review cache for each review before it reads it. The stages never see the cache.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reelpress.book import cover, matter as book_matter, strings
from reelpress.book.contents import build_toc
from reelpress.book.indexes import build_indexes
from reelpress.cache import pdf_record, reviews as review_cache
from reelpress.config import PROFILES, load_volume_config, series_entries
from reelpress.errors import Collector, EnvironmentProblem, diagnostic
from reelpress.model import Asset, Diagnostic, Matter, Review, Volume
from reelpress.normalise import Context, check_volume, films_of, normalise_review
from reelpress.readers import check_found, find_sources, ordered_sources, read_review, source_text
from reelpress.readers import matter as matter_reader
from reelpress.util.files import check_writable, save
from reelpress.writers import WRITERS, WriteOptions, templating, writer

FORMATS = tuple(WRITERS)

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    volume: Volume
    outputs: dict[str, Path] = field(default_factory=dict)  # format → file written
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build did that a user may want to know


def build(volume_dir: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS,
          progress: Progress = lambda stage: None, options: WriteOptions = WriteOptions()) -> BuildResult:
    """Build `formats` of the volume in `volume_dir` into `out_dir`; raise ReelpressError on problems."""
    check_writable(out_dir)
    if options.cache_dir is not None:
        templating.use_cache(options.cache_dir / "templates")
    if "pdf" in formats:
        _start_pdf_workers(Path(volume_dir), options)
    volume = load(volume_dir, progress, options.cache_dir)
    return write_volume(volume, out_dir, formats, progress, options)


def write_volume(volume: Volume, out_dir: Path, formats: tuple[str, ...], progress: Progress,
                 options: WriteOptions, what: str = "") -> BuildResult:
    """Write `formats` of a loaded volume into `out_dir`: every output, or (on an error) none."""
    outputs, warnings, notes = {}, list(volume.warnings), []
    for fmt in formats:
        progress(f"writing {what}{fmt.upper()}")
        written = writer(fmt)(volume, options)
        outputs[out_dir / f"{volume.name}.{fmt}"] = written.data
        warnings += written.warnings
        notes += written.notes
    progress("saving")
    save(outputs)
    return BuildResult(volume, {path.suffix[1:]: path for path in outputs}, warnings, notes)


def load(volume_dir: Path, progress: Progress = lambda stage: None, cache_dir: Path | None = None) -> Volume:
    """Every stage up to writing: the volume, normalised, with its contents — or an InputError.
    With a `cache_dir`, reviews unchanged since an earlier build are not read and normalised again."""
    volume_dir = Path(os.path.abspath(volume_dir))
    progress("reading volume.toml")
    config = load_volume_config(volume_dir)
    report = Collector()
    _untranslated(config, volume_dir, report)
    store = review_cache.ReviewStore(cache_dir, config, volume_dir.name) if cache_dir else None
    progress("reading reviews")
    found = _read(volume_dir, config, report, store)
    pages = _read_matter(volume_dir, config, report)
    report.raise_if_errors()
    progress("normalising")
    assets = _normalise(found, volume_dir, config, report, store, pages)
    if store is not None:
        store.finish()
    reviews = [read.review for read in found]
    pages = book_matter.in_order(pages + book_matter.generated(config, reviews, {p.slug for p in pages},
                                                                strings.for_config(config), volume_dir / "volume.toml"))
    book_cover = cover.find(volume_dir, config, assets, report, cache_dir)
    report.raise_if_errors()
    progress("building contents and indexes")
    indexes = build_indexes(reviews, config.indexes, language=config.language, words=strings.for_config(config))
    series = series_entries(volume_dir, config)
    return Volume(directory=volume_dir, config=config, reviews=reviews, assets=assets, cover=book_cover,
                  toc=build_toc(reviews, indexes, series, pages), indexes=indexes, series=series,
                  matter=tuple(pages), modified=source_date(config, reviews), warnings=report.warnings)


def _read_matter(volume_dir: Path, config, report: Collector) -> list[Matter]:
    """The front and back matter written as files (readers/matter.py), each titled by default with the
    book's word for it."""
    words = strings.for_config(config)
    pages = []
    for name, path in matter_reader.find(volume_dir):
        title = words(book_matter.kind_of(name).key, author=config.author)
        page = matter_reader.read(name, path, path.parent, title, report)
        if page is not None:
            pages.append(page)
    return pages


@dataclass
class _Read:
    """A review as read, and what the review cache knows of it."""

    review: Review
    key: str | None = None
    entry: dict | None = None  # the cache's entry: the review is already normalised (if it still holds)
    problems: list[Diagnostic] = field(default_factory=list)  # found reading it


def _read(volume_dir: Path, config, report: Collector, store) -> list[_Read]:
    """Read every review, or take it from its cache entry; every file's problems are reported."""
    sources = ordered_sources(volume_dir, config.order, report)
    found = []
    for slug, path in sources:
        text = source_text(path, volume_dir, report)
        read = _read_one(path, slug, text, store, report) if text is not None else None
        if read is not None:
            found.append(read)
    check_found(sources, volume_dir, report)
    return found


def _read_one(path: Path, slug: str, text: str, store, report: Collector) -> _Read | None:
    """The review from its cache entry (its reading problems reported again), else read from its text."""
    key = store.key(path, slug, text) if store else None
    entry = store.find(key) if store else None
    cached = review_cache.review_of(entry, slug, path, text) if entry is not None else None
    if cached is not None:
        problems = review_cache.problems(entry, "read")
        report.items.extend(problems)
        return _Read(cached, key, entry, problems)
    own = Collector()
    review = read_review(path, slug, text, own)
    report.items.extend(own.items)
    return _Read(review, key, None, own.items) if review is not None else None


def _untranslated(config, volume_dir: Path, report: Collector) -> None:
    """RP059, once: a language without a catalogue gets the English words, and the keys to set."""
    missing = strings.for_config(config).missing()
    if missing:
        report.warn(volume_dir / "volume.toml", "RP059", f"reelpress has no catalogue of the book's words for "
                    f"`{config.language}` (it has {', '.join(strings.languages())}), so they are English; "
                    f"set them in [strings]: {', '.join(missing)}")


def _normalise(found: list[_Read], volume_dir: Path, config, report: Collector, store,
               pages: list[Matter] = ()) -> dict[Path, Asset]:
    """Run the passes on every review whose cache entry does not hold and on the matter `pages`, then
    the volume-wide passes; returns the assets referenced."""
    assets: dict[Path, Asset] = {}
    films = films_of([read.review for read in found])
    for read in found:
        if read.entry is not None and review_cache.holds(read.entry, films, volume_dir, assets):
            report.items.extend(review_cache.problems(read.entry, "normalised"))
            store.use(read.key)
            continue
        review = read.review
        if read.entry is not None:  # a stale entry: start again from the source
            review.body = read_review(review.path, review.slug, review.text, Collector()).body
        own = Collector()
        normalise_review(review, Context(review, volume_dir, config, own, assets, films))
        report.items.extend(own.items)
        if store is not None and not any(d.severity == "error" for d in read.problems + own.items):
            store.keep(read.key, review_cache.make_entry(review, read.problems, own.items, assets, films))
    for page in pages:
        normalise_review(page, Context(page, volume_dir, config, report, assets, films))
    check_volume([read.review for read in found] + list(pages), volume_dir, report)
    return assets


def _start_pdf_workers(volume_dir: Path, options: WriteOptions) -> None:
    """On a first build of a long book, start the PDF workers' fork server now: it imports WeasyPrint
    while this process reads. A book built before (its PDF pieces are recorded in the cache, for any
    profile) has most pieces cached: the few left are laid out here, without workers."""
    cache_dir = options.cache_dir
    if cache_dir is None or not any(pdf_record(cache_dir, f"{volume_dir.name}-{profile}").is_file()
                                    for profile in PROFILES):
        from reelpress.writers.pdf import workers  # here: multiprocessing is not needed by other builds

        workers.start_early(_source_bytes(volume_dir), options.jobs)


def _source_bytes(volume_dir: Path) -> int:
    """The size of the volume's review sources (what the PDF writer's page estimate grows with)."""
    total = 0
    for _, path in find_sources(volume_dir, Collector()):
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reading it will report it
    return total


def source_date(config, reviews) -> dt.datetime:
    """The book's date for `dcterms:modified`, zip entries and PDF metadata — never the clock.

    SOURCE_DATE_EPOCH when set (the reproducible-builds.org convention), else the latest date the
    sources give (the volume's or a review's `published`), else 2000-01-01.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise EnvironmentProblem([diagnostic("SOURCE_DATE_EPOCH", "RP004", f"must be a whole number of "
                                                 f"seconds since 1970, not {epoch!r}")]) from None
    dates = [config.published, *(review.meta.published for review in reviews)]
    latest = max((d for d in dates if d is not None), default=dt.date(2000, 1, 1))
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.timezone.utc)
