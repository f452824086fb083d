"""Building a whole series: every volume, in parallel worker processes, with one summary at the end.
The last volume to start may lay its PDF out with every core of the pool, as the other workers finish.

A review slug used by two volumes is an error naming both files (the books would be fine apart, but
the omnibus and the series index could not tell them apart). One volume failing does not stop the
others; the caller turns any failure into the exit code.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reelpress.config import load_series, series_volumes
from reelpress.errors import Collector, ReelpressError, UsageProblem
from reelpress.readers import READERS, REVIEWS_DIR, slug_for
from reelpress.util.xhtml import word_count


@dataclass
class VolumeRow:
    """One line of the series summary."""

    name: str
    reviews: int = 0
    words: int = 0
    epub_bytes: int | None = None
    pdf_pages: int | None = None
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # diagnostics, as text
    exit_code: int = 0
    cores: int = 1  # processes the build could use (the last volume of a parallel series: all)


def is_series(folder: Path) -> bool:
    return (folder / "series.toml").is_file()


def volumes_of(series_dir: Path, only: int | None = None) -> list[Path]:
    series = load_series(series_dir)
    folders = series_volumes(series_dir, series)
    if only is not None:
        if not 1 <= only <= len(folders):
            raise UsageProblem(f"--volume {only}: the series has volumes 1 to {len(folders)}")
        folders = [folders[only - 1]]
    return folders


def check_slugs(folders: list[Path]) -> None:
    """A review slug may be used once in the whole series."""
    report, seen = Collector(), {}
    for folder in folders:
        reviews = folder / REVIEWS_DIR
        for path in sorted(reviews.iterdir()) if reviews.is_dir() else []:
            if path.suffix.lower() in READERS and not path.name.startswith("."):
                slug = slug_for(path)
                if slug in seen and seen[slug].parent != path.parent:
                    report.error(path, "RP014", f"slug `{slug}` is also the slug of {seen[slug]} in another volume")
                seen.setdefault(slug, path)
    report.raise_if_errors()


def build_series(folders: list[Path], out_dir: Path, formats: tuple[str, ...], jobs: int | None = None,
                 profile: str | None = None, progress: Callable[[str], None] = lambda text: None,
                 store: str | None = None) -> list[VolumeRow]:
    """Build every volume with `jobs` processes at most; rows in series order, whatever order the
    workers finished in. One volume (or one process) is built here, with every core."""
    cores = jobs or os.cpu_count() or 1
    jobs = max(1, min(cores, len(folders)))
    rows: dict[Path, VolumeRow] = {}
    progress(f"0/{len(folders)} volumes built")
    if jobs == 1:
        for folder in folders:
            rows[folder] = build_one(folder, out_dir, formats, profile, cores, store)
            progress(f"{len(rows)}/{len(folders)} volumes built")
    else:
        import multiprocessing  # here: a single volume's build passes through this module too
        from concurrent.futures import ProcessPoolExecutor, as_completed

        context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited font state
        waiting, stop = context.Value("i", len(folders)), context.Event()  # volumes not started yet
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_join_pool,
                                 initargs=(waiting, stop, cores // jobs, cores)) as pool:
            pending = {pool.submit(build_one, folder, out_dir, formats, profile, None, store): folder
                       for folder in folders}
            try:
                for future in as_completed(pending):
                    rows[pending[future]] = future.result()
                    progress(f"{len(rows)}/{len(folders)} volumes built ({rows[pending[future]].name})")
            except BaseException:  # Ctrl-C (the workers have it too): start no other volume
                stop.set()
                pool.shutdown(cancel_futures=True)
                raise
    return [rows[folder] for folder in folders]


_POOL = None  # in a series worker: (count of volumes not started yet, stop event, share, cores)


def _join_pool(waiting, stop, share: int, cores: int) -> None:
    global _POOL
    _POOL = (waiting, stop, share, cores)


def cores_for_next_volume() -> int:
    """How many processes the volume this worker is starting may use: its share of the cores while
    other volumes wait to be started, and every core for the last one. The other workers go idle as
    their volumes finish; the last volume's PDF pieces then keep those cores busy. A series that
    was interrupted starts no volume (KeyboardInterrupt)."""
    if _POOL is None:
        return 1
    waiting, stop, share, cores = _POOL
    if stop.is_set():
        raise KeyboardInterrupt
    with waiting.get_lock():
        waiting.value -= 1
        return cores if waiting.value == 0 else share


def build_one(folder: Path, out_dir: Path, formats: tuple[str, ...], profile: str | None,
              cores: int | None = None, store: str | None = None) -> VolumeRow:
    """Build one volume with `cores` processes (in a series worker: as many as it may use) and
    describe the result. Unchanged since its last build (the build cache's record), it is only
    loaded, for the summary; nothing is written."""
    from reelpress.commands.build_volume import build_if_changed, options_for

    row, started = VolumeRow(folder.name, cores=cores or cores_for_next_volume()), time.perf_counter()
    try:
        # unchanged: loaded for the table (from the cache), nothing written
        result = build_if_changed(folder, out_dir, formats, options_for(out_dir, profile, row.cores, store),
                                  load_unchanged=True)
    except ReelpressError as error:
        row.problems = [str(d) for d in error.diagnostics]
        row.exit_code = error.exit_code
    else:
        row.reviews = len(result.volume.reviews)
        row.words = sum(word_count(r.body) for r in result.volume.reviews)
        row.problems = [str(d) for d in result.warnings]
        row.outputs = [str(path) for path in result.outputs.values()]
        if "epub" in result.outputs:
            row.epub_bytes = result.outputs["epub"].stat().st_size
        if "pdf" in result.outputs:
            from pypdf import PdfReader
            row.pdf_pages = len(PdfReader(result.outputs["pdf"]).pages)
    row.seconds = time.perf_counter() - started
    return row


def summary_table(rows: list[VolumeRow], seconds: float, jobs: int, cores: int = 1) -> str:
    """The summary of a series build with `jobs` workers (on `cores` processes in all)."""
    header = ("volume", "reviews", "words", "EPUB", "PDF pages", "time")
    cells = [header] + [(r.name, str(r.reviews) if not r.exit_code else "failed", f"{r.words:,}",
                         f"{r.epub_bytes / 1024:.1f} KB" if r.epub_bytes else "-",
                         str(r.pdf_pages) if r.pdf_pages else "-", f"{r.seconds:.1f} s") for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in cells]
    failed = sum(1 for r in rows if r.exit_code)
    if jobs > 1:
        how = f"with {jobs} workers"
    else:  # one volume (--volume N), with every core for its PDF; or --jobs 1
        how = f"with up to {cores} processes" if cores > 1 else "in one process"
    lines.append(f"{len(rows) - failed} of {len(rows)} volumes built in {seconds:.1f} s {how}"
                 + (f"; {failed} failed" if failed else ""))
    return "\n".join(lines)
