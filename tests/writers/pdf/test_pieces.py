"""The PDF laid out in pieces and assembled: the pages one WeasyPrint document prints, the same bytes
however it was made (cold, from the piece cache, in worker processes), and the right numbers after an
edit moves pages."""

from __future__ import annotations

import subprocess

import pypdfium2
import pytest

from conftest import VOLUMES
from helpers import png_bytes, stop_process
from reelpress.build import build, load
from reelpress.writers import WriteOptions
from reelpress.commands.check import readback as pdf_checks
from reelpress.errors import EnvironmentProblem
from reelpress.cache.pieces import PieceCache
from reelpress.writers.pdf import document as pdf, pieces as pdf_pieces, runner as pdf_runner, workers
from reelpress.writers.pdf.weasy import render as weasy
from reelpress.writers.pdf.tasks import Task

pytestmark = pytest.mark.slow
NO_INDEXES = "\n[indexes]\nfilms = false\ndirectors = false\nyears = false\n"


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch):
    """Two reviews a piece, so the sample volumes are several pieces."""
    monkeypatch.setattr(pdf_pieces, "REVIEWS_PER_PIECE", 2)


@pytest.fixture
def renders(monkeypatch):
    """The tasks WeasyPrint really lays out (not taken from the cache), in this process."""
    done = []

    def counting(task):
        done.append(task)
        return weasy.render_task(task)
    monkeypatch.setattr(pdf_runner, "render_task", counting)
    return done


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pixels(path) -> list[bytes]:
    document = pypdfium2.PdfDocument(str(path))
    pages = [page.render(scale=60 / 72).to_pil().convert("L").tobytes() for page in document]
    document.close()
    return pages


def _same_pages_as_one_document(folder, built, tmp_path) -> None:
    single = tmp_path / "single.pdf"
    single.write_bytes(pdf.render_document(load(folder))[0].data)
    assert _text(built) == _text(single)
    assert _pixels(built) == _pixels(single)


@pytest.mark.parametrize("name", ["essential-film-reviews-1", "essential-film-reviews-2"])
def test_pieces_print_the_pages_one_document_prints(sample_copy, tmp_path, name):
    folder = sample_copy(name)
    result = build(folder, tmp_path / "dist", ("pdf",))
    _same_pages_as_one_document(folder, result.outputs["pdf"], tmp_path)
    facts = pdf_checks.read(result.outputs["pdf"])
    assert pdf_checks.problems(facts, [entry.title for entry in result.volume.toc], (396, 612)) == []


@pytest.mark.parametrize("extra", ["", "\n\nOne more paragraph to move the pages along. " * 40])
def test_back_matter_opening_on_either_side(sample_copy, tmp_path, extra):
    """Without indexes the series page follows the last review on the next page, left or right."""
    folder = sample_copy("essential-film-reviews-2")
    (folder / "volume.toml").write_text((folder / "volume.toml").read_text() + NO_INDEXES)
    last = load(folder).reviews[-1].path
    last.write_text(last.read_text() + extra)
    result = build(folder, tmp_path / "dist", ("pdf",))
    _same_pages_as_one_document(folder, result.outputs["pdf"], tmp_path)


def test_same_bytes_cold_from_the_cache_and_from_workers(sample_copy, tmp_path, renders, monkeypatch):
    folder, cache = sample_copy(), tmp_path / "cache"
    cold = build(folder, tmp_path / "a", ("pdf",)).outputs["pdf"].read_bytes()
    first = build(folder, tmp_path / "b", ("pdf",), options=WriteOptions(cache_dir=cache)).outputs["pdf"].read_bytes()
    renders.clear()
    again = build(folder, tmp_path / "c", ("pdf",), options=WriteOptions(cache_dir=cache)).outputs["pdf"].read_bytes()
    assert renders == []  # every piece, and the folios, came from the cache
    monkeypatch.setattr(pdf_runner, "render_task", weasy.render_task)  # workers need the real one
    monkeypatch.setattr(pdf_runner, "POOL_PAGES", 0)
    pooled = build(folder, tmp_path / "d", ("pdf",), options=WriteOptions(jobs=2)).outputs["pdf"].read_bytes()
    assert cold == first == again == pooled


def test_an_edit_that_adds_pages_renumbers_the_book(sample_copy, tmp_path, renders):
    folder, cache = sample_copy(), tmp_path / "cache"
    before = build(folder, tmp_path / "a", ("pdf",), options=WriteOptions(cache_dir=cache))
    pieces = len(renders)
    first = before.volume.reviews[0].path
    first.write_text(first.read_text() + "\n\nA paragraph added in proof, long enough to matter. " * 60)
    renders.clear()
    after = build(folder, tmp_path / "b", ("pdf",), options=WriteOptions(cache_dir=cache))
    assert 0 < len(renders) < pieces  # the edited piece, the pages that print numbers, the folios
    facts = pdf_checks.read(after.outputs["pdf"])
    assert len(facts.pages) > len(pdf_checks.read(before.outputs["pdf"]).pages)
    assert pdf_checks.problems(facts, [entry.title for entry in after.volume.toc], (396, 612)) == []
    cold = build(folder, tmp_path / "c", ("pdf",))
    assert cold.outputs["pdf"].read_bytes() == after.outputs["pdf"].read_bytes()


def test_a_damaged_cache_entry_is_not_used(sample_copy, tmp_path, renders):
    folder, cache = sample_copy(), tmp_path / "cache"
    good = build(folder, tmp_path / "a", ("pdf",), options=WriteOptions(cache_dir=cache)).outputs["pdf"].read_bytes()
    for entry in (cache / "pdf").glob("*.pdf"):
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF
        entry.write_bytes(bytes(data))
    renders.clear()
    again = build(folder, tmp_path / "b", ("pdf",), options=WriteOptions(cache_dir=cache)).outputs["pdf"].read_bytes()
    assert renders and again == good


def test_a_piece_key_covers_every_file_the_piece_reads(tmp_path):
    image = tmp_path / "still.png"
    image.write_bytes(png_bytes())
    task = Task(f'<p><img src="{image.as_uri()}"/></p>', ("p { color: black }",), tmp_path.as_uri() + "/", ())
    def key(task):  # a cache per build: file digests are taken once a build
        return PieceCache(None, "x").key(task)
    first = key(task)
    assert key(task) == first
    image.write_bytes(png_bytes(41, 30))
    assert key(task) != first
    assert key(Task(task.html, ("p { color: red }",), task.base_url, ())) != key(task)
    assert key(Task(task.html, task.sheets, task.base_url, (), skip_first=True)) != key(task)


def test_unused_entries_are_pruned(sample_copy, tmp_path):
    folder, cache = sample_copy(), tmp_path / "cache"
    build(folder, tmp_path / "a", ("pdf",), options=WriteOptions(cache_dir=cache))
    before = set((cache / "pdf").glob("*.pdf"))
    first = load(folder).reviews[0].path
    first.write_text(first.read_text().replace("zither", "harp"))
    build(folder, tmp_path / "a", ("pdf",), options=WriteOptions(cache_dir=cache))
    after = set((cache / "pdf").glob("*.pdf"))
    assert before - after and after - before  # the old piece went, the new one came
    assert len(after) <= len(before)  # nothing piles up (a cold build also keeps its first-round drafts)


def test_a_proof_built_in_pieces_has_its_header_once_a_page(sample_copy, tmp_path):
    result = build(sample_copy(), tmp_path / "dist", ("pdf",), options=WriteOptions(profile="proof"))
    facts = pdf_checks.read(result.outputs["pdf"])
    assert [page.count("PROOF") for page in facts.pages] == [1] * len(facts.pages)


def test_a_worker_that_dies_is_reported_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_runner, "POOL_PAGES", 0)  # lay even a short book out in workers
    monkeypatch.setattr(pdf_runner, "render_task", stop_process)  # the workers import it by name
    with pytest.raises(EnvironmentProblem) as caught:
        build(VOLUMES / "essential-film-reviews-1", tmp_path / "dist", ("pdf",), options=WriteOptions(jobs=2))
    assert [d.code for d in caught.value.diagnostics] == ["RP051"]
    assert "stopped without an answer" in str(caught.value.diagnostics[0])
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
