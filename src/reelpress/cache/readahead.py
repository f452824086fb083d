"""Reading ahead: on a build with many new reviews, a forked worker reads and normalises the later part
of the volume while this process reads the earlier part.

The worker hands back review-cache entries (reviews.py), which are then used, or found stale and
redone, exactly like entries an earlier build left: the book is the same with or without the worker.
A review with any problem is left to this process, so problems are found and reported as always.
The worker is forked (it starts with everything imported); where there is no fork, nothing changes.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reelpress.errors import Collector, InputError
from reelpress.normalise import Context, normalise_review
from reelpress.readers import READERS, find_sources, frontmatter, ordered_sources
from reelpress.cache.reviews import ReviewStore, make_entry
from reelpress.util.textfile import read_text

if TYPE_CHECKING:  # the pool is imported by the builds that start a worker, not by every build
    from concurrent.futures import Future, ProcessPoolExecutor

#: Fewer new reviews than this are read here: starting the worker would cost more than it saves.
MIN_NEW = 12
#: The worker's share of the new reviews. It reads and normalises them (about 10 ms each) while this
#: process only reads its own (about 5 ms each) before it needs the worker's: a third makes both ready
#: together. Then this process normalises its own while the worker runs the job it was given after.
SHARE = 0.33


class Ahead:
    """The worker's entries, by key, once it is done (or none, if it failed)."""

    def __init__(self, pool: ProcessPoolExecutor, future, keys: set[str]):
        self.pool, self.future, self.keys = pool, future, keys

    def entries(self) -> dict[str, dict]:
        """The entries, once: afterwards `keys` is empty."""
        self.keys = set()
        try:
            return self.future.result()
        except Exception:  # noqa: BLE001 — the worker died (killed, out of memory) or failed: this
            return {}      # process reads those reviews itself, and meets any problem there

    def close(self) -> None:
        """Wait for the worker's jobs to end, and for the worker: no process or thread outlives the load."""
        self.pool.shutdown(wait=True)


def start(store: ReviewStore, volume_dir: Path, config, jobs: int, draw: tuple | None = None) -> Future | None:
    """Fork a worker for the later new reviews when it pays; `store` waits for its entries when asked
    for one of them. After them the worker runs `draw` ((function, *args), picklable), if given, and
    its future is returned; None when there is no worker or nothing to draw."""
    if jobs < 2 or sys.platform != "linux" or threading.active_count() > 1:  # forking beside threads can
        return None                                                           # hang the child on their locks
    if len(find_sources(volume_dir, Collector())) - store.last_used() < MIN_NEW:
        return None  # most reviews have entries (an edit): not worth reading every file here
    sources = _texts(volume_dir, config)
    new = [index for index, source in enumerate(sources) if not store.has(store.key(*source))]
    if len(new) < MIN_NEW:
        return None
    theirs = new[round(len(new) * (1 - SHARE)):]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(prepare, volume_dir, config, sources, theirs)
    store.ahead = Ahead(pool, future, {store.key(*sources[index]) for index in theirs})
    return pool.submit(*draw) if draw else None


def _texts(volume_dir: Path, config) -> list[tuple[Path, str, str]]:
    """(path, slug, text) of every review source that can be read; the build reports the others."""
    found = []
    for slug, path in ordered_sources(volume_dir, config.order, Collector()):
        try:
            found.append((path, slug, read_text(path, volume_dir)))
        except InputError:
            continue
    return found


def prepare(volume_dir: Path, config, sources: list[tuple[Path, str, str]], indexes: list[int]) -> dict[str, dict]:
    """(In the worker.) Entries for the reviews at `indexes` of `sources` that read and normalise
    without a problem. The films of the volume come from every source's front matter."""
    films = frozenset(film for film in map(_film, sources) if film)
    store = ReviewStore(None, config, volume_dir.name)
    entries, assets = {}, {}
    for path, slug, text in (sources[index] for index in indexes):
        read = Collector()
        try:
            review = READERS[path.suffix.lower()](path, slug, text, read)
        except InputError:
            continue
        if review is None or read.errors:
            continue
        ctx = Context(review, volume_dir, config, Collector(), assets, films)
        normalise_review(review, ctx)
        if not ctx.report.errors:
            entries[store.key(path, slug, text)] = make_entry(review, read.items, ctx.report.items, assets, films)
    return entries


def _film(source: tuple[Path, str, str]) -> str | None:
    path, _, text = source
    try:
        yaml_text, line, _, _ = frontmatter.split(text, path)
    except InputError:
        return None
    meta = frontmatter.parse(yaml_text, line, path, Collector())
    return meta.film if meta else None
