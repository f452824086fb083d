"""The orchestrator: one named call per stage, from a volume folder to EPUB and PDF files.

    config → read → normalise → toc and indexes → write → save

Every stage reports problems to one collector; the build stops at the end of the first stage that
found an error, and nothing is written unless every requested output was produced.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reelpress import readahead
from reelpress.assets import register
from reelpress.cache import pdf_record
from reelpress.config import PROFILES, load_series, load_volume_config, series_volumes
from reelpress.errors import Collector, EnvironmentProblem, InputError, diagnostic
from reelpress.fsutil import check_writable, save
from reelpress.index import build_indexes
from reelpress.model import Asset, Diagnostic, SeriesEntry, Volume
from reelpress.normalise import normalise_volume
from reelpress.readers import find_sources, read_reviews
from reelpress.review_cache import ReviewCache
from reelpress.toc import build_toc
from reelpress.writers import WRITERS, pagelist, templating, writer

FORMATS = tuple(WRITERS)
COVER_NAMES = ("cover.jpg", "cover.jpeg", "cover.png")
COVER_SIZE, COVER_RATIO = (1600, 2560), (1.45, 1.75)

if TYPE_CHECKING:
    from concurrent.futures import Future

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    volume: Volume
    outputs: dict[str, Path] = field(default_factory=dict)  # format → file written
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build did that a user may want to know


def build(volume_dir: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS,
          progress: Progress = lambda stage: None, profile: str | None = None, jobs: int = 1,
          cache_dir: Path | None = None) -> BuildResult:
    """Build `formats` of the volume in `volume_dir` into `out_dir`; raise ReelpressError on problems.
    `profile` overrides the volume's PDF profile (reading, print, proof); the writers may use `jobs`
    worker processes and keep what a later build can reuse in `cache_dir`."""
    check_writable(out_dir)
    if cache_dir is not None:
        templating.use_cache(cache_dir / "templates")
    if "pdf" in formats:
        _start_pdf_workers(Path(volume_dir), cache_dir, jobs)
    volume = load(volume_dir, progress, cache_dir, jobs)
    volume.jobs, volume.cache_dir = jobs, cache_dir
    return write_volume(volume, out_dir, formats, progress, profile)


def write_volume(volume: Volume, out_dir: Path, formats: tuple[str, ...], progress: Progress,
                 profile: str | None, what: str = "") -> BuildResult:
    """Write `formats` of a loaded volume into `out_dir`: every output, or (on an error) none."""
    if profile:
        volume.config = replace(volume.config, pdf=replace(volume.config.pdf, profile=profile))
    outputs, notes = {}, []
    for fmt in formats:
        progress(f"writing {what}{fmt.upper()}")
        if fmt == "epub" and pagelist.wanted(volume):
            progress(f"{what}EPUB: the print edition's page numbers")
            pages = pagelist.page_map(volume)
            notes.append(pagelist.describe(pages, volume))
            outputs[out_dir / f"{volume.name}.epub"] = writer("epub")(volume, pages)
        else:
            outputs[out_dir / f"{volume.name}.{fmt}"] = writer(fmt)(volume)
    progress("saving")
    save(outputs)
    return BuildResult(volume, {path.suffix[1:]: path for path in outputs}, volume.warnings, notes)


def load(volume_dir: Path, progress: Progress = lambda stage: None, cache_dir: Path | None = None,
         jobs: int = 1) -> Volume:
    """Every stage up to writing: the volume, normalised, with its contents — or an InputError.
    With a `cache_dir`, reviews unchanged since an earlier build are not read and normalised again;
    with `jobs` > 1, a worker may read and normalise some of the new ones (readahead.py)."""
    volume_dir = Path(os.path.abspath(volume_dir))
    progress("reading volume.toml")
    config = load_volume_config(volume_dir)
    report = Collector()
    store = ReviewCache(cache_dir, config, volume_dir.name) if cache_dir or jobs > 1 else None
    try:
        draw = _cover_to_draw(volume_dir, config, cache_dir)  # the worker's job once it has read
        drawn = readahead.start(store, volume_dir, config, jobs, draw) if store else None
        progress("reading reviews")
        reviews = read_reviews(volume_dir, config.order, report, store)
        report.raise_if_errors()
        progress("normalising")
        assets = normalise_volume(reviews, volume_dir, config, report, store)
    finally:
        if store is not None:
            store.close()
    if store is not None:
        store.finish()
    cover = find_cover(volume_dir, config, assets, report, cache_dir, drawn)
    report.raise_if_errors()
    progress("building contents and indexes")
    indexes = build_indexes(reviews, config.indexes)
    series = series_entries(volume_dir, config)
    return Volume(directory=volume_dir, config=config, reviews=reviews, assets=assets, cover=cover,
                  toc=build_toc(reviews, indexes, series), indexes=indexes, series=series,
                  modified=source_date(config, reviews), warnings=report.warnings)


def _start_pdf_workers(volume_dir: Path, cache_dir: Path | None, jobs: int) -> None:
    """On a first build of a long book, start the PDF workers' fork server now: it imports WeasyPrint
    while this process reads. A book built before (its PDF pieces are recorded in the cache, for any
    profile) has most pieces cached: the few left are laid out here, without workers."""
    if cache_dir is None or not any(pdf_record(cache_dir, f"{volume_dir.name}-{profile}").is_file()
                                    for profile in PROFILES):
        from reelpress.writers import workers  # here: multiprocessing is not needed by other builds

        workers.start_early(_source_bytes(volume_dir), jobs)


def _source_bytes(volume_dir: Path) -> int:
    """The size of the volume's review sources (what the PDF writer's page estimate grows with)."""
    total = 0
    for _, path in find_sources(volume_dir, Collector()):
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reading it will report it
    return total


def series_entries(volume_dir: Path, config) -> tuple[SeriesEntry, ...]:
    """Every volume of the series this volume belongs to, in order, for its "Also in this series" page."""
    series = load_series(volume_dir.parent)
    if series is None:
        return ()
    entries = []
    for folder in series_volumes(volume_dir.parent, series):
        other = config if folder.name == volume_dir.name else load_volume_config(folder)
        entries.append(SeriesEntry(other.series_index, other.title, other.subtitle, folder.name == volume_dir.name))
    return tuple(entries)


def _cover_to_draw(volume_dir: Path, config, cache_dir: Path | None) -> tuple | None:
    """(function, *args) making the cover of a volume without one, for a worker to draw while the reviews
    are read. (A thread here would not gain: drawing holds the GIL as long as encoding saves.)"""
    if any((volume_dir / name).is_file() for name in COVER_NAMES):
        return None
    from reelpress import cover
    return cover.generated, config, cache_dir


def find_cover(volume_dir: Path, config, assets, report: Collector, cache_dir: Path | None = None,
               drawn: Future | None = None) -> Asset | None:
    """cover.jpg/.png when the volume has one (checked for size and shape), else the generated cover
    (`drawn`, when it is being drawn already)."""
    for name in COVER_NAMES:
        path = volume_dir / name
        if path.is_file():
            try:
                found = register(path.resolve(), volume_dir, assets)
            except InputError as error:
                report.absorb(error)
                return None
            ratio = found.height / max(found.width, 1)
            if (found.width, found.height) < COVER_SIZE or not COVER_RATIO[0] <= ratio <= COVER_RATIO[1]:
                report.warn(path, "RP056", f"cover is {found.width}×{found.height}; stores want "
                            f"{COVER_SIZE[0]}×{COVER_SIZE[1]} or larger, about 1:1.6")
            return found
    from reelpress import cover
    try:
        data = drawn.result() if drawn else None
    except Exception:  # noqa: BLE001 — the worker drawing it died: draw it here (and meet any problem)
        data = None
    data = data or cover.generated(config, cache_dir)
    return Asset(path=volume_dir / "cover.png", href="images/reelpress-cover.png", media_type="image/png",
                 width=cover.SIZE[0], height=cover.SIZE[1], data=data)


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
