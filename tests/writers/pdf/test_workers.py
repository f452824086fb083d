"""The PDF workers' fork server starts before the volume is read, for books long enough for workers."""

from __future__ import annotations

import multiprocessing.forkserver
import subprocess
import sys

import pytest

from conftest import VOLUMES
from reelpress import build as build_module
from reelpress.writers import WriteOptions
from reelpress.writers.pdf import workers


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
        build_module.build(folder, tmp_path / "dist", formats, options=WriteOptions(jobs=2, cache_dir=cache))
    size = sum(path.stat().st_size for path in (folder / "reviews").iterdir() if path.suffix == ".md")
    assert calls == ([("start", size, 2)] if expected else []) + [("load",)]


@pytest.mark.slow
@pytest.mark.skipif(not workers.may_fork_workers(), reason="needs a fork server and two cores")
def test_a_book_laid_out_by_workers_never_loads_weasyprint_here(tmp_path):
    """The workers' fork server imports WeasyPrint; the build's own process (making the tasks and
    assembling their PDFs) does not, which saves it about 0.3 s and 25 MB."""
    volume, out = str(VOLUMES / "essential-film-reviews-1"), str(tmp_path / "dist")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reelpress.build import build\n"
        "from reelpress.writers.pdf import runner as pdf_runner\n"
        "from reelpress.writers import WriteOptions\n"
        "pdf_runner.POOL_PAGES = 0\n"  # lay even this short book out in workers
        f"build(Path({volume!r}), Path({out!r}), ('pdf',), options=WriteOptions(jobs=2))\n"
        "print(sorted(name for name in sys.modules if name.startswith('weasyprint')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "dist" / "essential-film-reviews-1.pdf").stat().st_size > 10_000
