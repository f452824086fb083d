"""The PDF workers' fork server starts before the volume is read, for books long enough for workers."""

from __future__ import annotations

import multiprocessing.forkserver

import pytest

from conftest import VOLUMES
from reelpress import build as build_module
from reelpress.writers import workers


class Stop(Exception):
    pass


def test_the_fork_server_starts_early_only_for_long_books_and_several_jobs(monkeypatch):
    started = []
    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", lambda: started.append(True))
    monkeypatch.setattr(workers, "may_fork_workers", lambda: True)
    workers.start_early(workers.EARLY_BYTES - 1, 2)
    workers.start_early(workers.EARLY_BYTES, 1)
    assert started == []
    workers.start_early(workers.EARLY_BYTES, 2)
    assert started == [True]


@pytest.mark.parametrize("formats, built_before, expected", [
    (("pdf",), False, True), (("epub",), False, False), (("pdf",), True, False)])
def test_a_first_pdf_build_starts_it_before_reading_with_the_size_of_the_sources(monkeypatch, tmp_path, formats,
                                                                                  built_before, expected):
    """Not for an EPUB, and not for a book whose PDF pieces an earlier build left in the cache (an
    edit: the few pieces to lay out again are laid out without workers)."""
    cache = tmp_path / ".reelpress-cache"
    if built_before:
        cache.mkdir()
        (cache / "pdf-essential-film-reviews-1-print.json").write_text("{}")
    calls = []
    monkeypatch.setattr(workers, "start_early", lambda size, jobs: calls.append(("start", size, jobs)))

    def load(*args, **kwargs):
        calls.append(("load",))
        raise Stop
    monkeypatch.setattr(build_module, "load", load)
    folder = VOLUMES / "essential-film-reviews-1"
    with pytest.raises(Stop):
        build_module.build(folder, tmp_path / "dist", formats, jobs=2, cache_dir=cache)
    size = sum(path.stat().st_size for path in (folder / "reviews").iterdir() if path.suffix == ".md")
    assert calls == ([("start", size, 2)] if expected else []) + [("load",)]
