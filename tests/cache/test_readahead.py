"""Reading ahead in a forked worker: the book, its warnings and its errors are exactly those of a
build without the worker, whether the worker's entries are used, found stale, or never arrive."""

from __future__ import annotations

import os
import threading

import pytest

from helpers import png_bytes, review
from reelpress.cache import readahead
from reelpress.writers import WriteOptions
from reelpress.build import build
from reelpress.commands.check import epubcheck
from reelpress.errors import InputError


def _reviews(count: int = 16) -> dict[str, str]:
    """Enough reviews for a worker, with what crosses reviews: films (<cite>), links, images whose names
    in the book depend on which review shows them first, and warnings (missing alt text)."""
    reviews = {}
    for number in range(1, count + 1):
        body = f'Review {number} -- "quoted" and *Film {number + 1}* ... [first](#review-1).'
        if number == 5:  # this file is named images/still.png in the book, so the next is still-2.png
            body += "\n\n![A still](../images/still.PNG)"
        if number in (10, 15):  # the worker, which does not see review 5, names it still.png: stale
            body += '\n\n<img src="../images/Still.png">\n\n![A still](../images/pics/still.png)'
        reviews[f"{number:02d}-review-{number}.md"] = review(f"Review {number}", body, film=f"Film {number}",
                                                            year=1950 + number)
    return reviews


@pytest.fixture
def worker_entries(monkeypatch):
    """How many entries the worker handed back, per build."""
    counts = []
    entries = readahead.Ahead.entries

    def counting(self):
        found = entries(self)
        counts.append(len(found))
        return found
    monkeypatch.setattr(readahead.Ahead, "entries", counting)
    return counts


def _build(volume, out, jobs, cache=None):
    result = build(volume, out, ("epub",), options=WriteOptions(jobs=jobs, cache_dir=cache))
    return result.outputs["epub"].read_bytes(), [str(d) for d in result.warnings]


def _volume(make_volume, reviews=None):
    return make_volume(reviews or _reviews(), images={"images/Still.png": png_bytes(), "images/still.PNG": png_bytes(
        60, 30), "images/pics/still.png": png_bytes(50, 30)})


def test_the_worker_changes_nothing_in_the_book(make_volume, tmp_path, worker_entries):
    volume = _volume(make_volume)
    alone = _build(volume, tmp_path / "alone", 1)
    assert worker_entries == []
    together = _build(volume, tmp_path / "together", 2)
    assert worker_entries and worker_entries[0] > 0, "the worker read some of the reviews"
    assert together == alone and alone[1], "same bytes, same warnings (and there are some)"
    assert epubcheck.check(tmp_path / "together" / "test-volume.epub") == []


def test_worker_entries_go_into_the_cache(make_volume, tmp_path, worker_entries):
    volume = _volume(make_volume)
    first = _build(volume, tmp_path / "a", 2, tmp_path / "cache")
    worker_entries.clear()
    again = _build(volume, tmp_path / "b", 2, tmp_path / "cache")
    assert worker_entries == [], "every review came from the cache: no worker"
    assert again == first == _build(volume, tmp_path / "c", 1)


@pytest.mark.parametrize("broken, code", [("15-review-15.md", "RP040"), ("16-review-16.md", "RP021")])
def test_errors_in_the_workers_part_are_reported_as_without_it(make_volume, tmp_path, broken, code):
    reviews = _reviews()
    reviews[broken] = reviews[broken].replace("![A still](../images/pics/still.png)", "![Gone](../images/gone.png)")
    reviews[broken] = reviews[broken].replace("title: Review 16", "title: [unclosed")
    volume = _volume(make_volume, reviews)
    problems = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as caught:
            _build(volume, tmp_path / f"j{jobs}", jobs)
        problems.append([str(d) for d in caught.value.diagnostics])
    assert problems[0] == problems[1] and any(code in p for p in problems[0])


def test_a_worker_that_dies_costs_time_not_the_book(make_volume, tmp_path, monkeypatch, worker_entries):
    volume = _volume(make_volume)
    alone = _build(volume, tmp_path / "alone", 1)
    monkeypatch.setattr(readahead, "prepare", lambda *args: os._exit(3))  # the forked worker inherits this
    assert _build(volume, tmp_path / "together", 2) == alone
    assert worker_entries == [0]


def test_no_worker_is_forked_beside_other_threads(make_volume, tmp_path, worker_entries):
    """Forking while another thread holds a lock can hang the child: then the build reads alone."""
    volume = _volume(make_volume)
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert _build(volume, tmp_path / "threads", 2) == _build(volume, tmp_path / "alone", 1)
    finally:
        release.set()
        waiting.join()
    assert worker_entries == []
    assert threading.active_count() == 1, "the build leaves no thread behind"
