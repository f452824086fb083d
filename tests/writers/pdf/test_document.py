"""The PDF writer, read back: the contents page numbers are the pages where the titles are, the
outline mirrors the contents, fonts are embedded, pages look like a book's."""

from __future__ import annotations

import pytest
from weasyprint.urls import FatalURLFetchingError

from conftest import SAMPLES
from helpers import review
from reelpress.build import build
from reelpress.commands.check import readback as pdf
from reelpress.errors import InputError
from reelpress.writers.pdf.weasy.fetcher import RootFetcher

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def facts(built):
    return {name: pdf.read(built[name].outputs["pdf"]) for name in SAMPLES}


@pytest.mark.parametrize("name", SAMPLES)
def test_contents_numbers_outline_fonts_and_metadata_hold(built, facts, name):
    titles = [entry.title for entry in built[name].volume.toc]  # reviews, indexes, series page
    assert pdf.problems(facts[name], titles, (396, 612)) == []
    assert [o.title for o in facts[name].outline if o.level == 1] == titles


@pytest.mark.parametrize("name", SAMPLES)
def test_outline_has_the_sections_under_each_review(built, facts, name):
    nested = []
    for entry in built[name].volume.toc:
        nested += [(entry.title, 1)] + [(child.title, 2) for child in entry.children]
    assert [(o.title, o.level) for o in facts[name].outline] == nested


def test_book_page_layout(built, facts):
    book = facts[SAMPLES[0]]
    reviews = {r.meta.title for r in built[SAMPLES[0]].volume.reviews}
    entries = [entry for entry in pdf.contents(book) if entry[0] in reviews]
    assert all(printed % 2 == 1 for _, printed, _ in entries), "every review opens on a right-hand page"
    assert "1" not in [line.strip() for line in book.lines[0]], "no page number on the title page"
    for title, printed, _ in entries:
        lines = [line.strip() for line in book.lines[printed - 1]]
        assert str(printed) in lines, "opening pages show their number"
        assert book.pages[printed - 1].count(title) == 1, "no running head on an opening page"
    openings = {printed - 1 for _, printed, _ in pdf.contents(book)}  # reviews, indexes, the series page
    left = [i for i in range(5, len(book.pages), 2) if book.pages[i]]  # pages 6, 8 …
    heads = {i: "Shadows and Light" in [line.strip() for line in book.lines[i]] for i in left}
    assert [i for i in left if i not in openings] and all(heads[i] for i in left if i not in openings)
    assert [i for i in left if i in openings] and not any(heads[i] for i in left if i in openings), \
        "an index or series page opening on the left prints no running head"


def test_right_hand_running_head_is_the_review_title(make_volume, tmp_path):
    long_body = "\n\n".join(["A paragraph of a long review that goes on and on. " * 12] * 12)
    result = build(make_volume({"01-long.md": review("The Long One", long_body)}), tmp_path / "out", ("pdf",))
    book = pdf.read(result.outputs["pdf"])
    opening = pdf.contents(book)[0][1]
    assert len(book.pages) >= opening + 2
    assert "The Long One" in [line.strip() for line in book.lines[opening + 1]]  # the next right page
    assert "Test Volume" in [line.strip() for line in book.lines[opening]]  # the left page between


def test_page_size_is_5_5_by_8_5_inches(built):
    from pypdf import PdfReader
    reader = PdfReader(built[SAMPLES[0]].outputs["pdf"])
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {(396.0, 612.0)}


def test_only_the_book_fonts_are_used_and_embedded(facts):
    for name in ("essential-film-reviews-1", "essential-film-reviews-2"):  # Latin only (3: test_fonts.py)
        book = facts[name]
        families = {name.split("+", 1)[1] for name in book.fonts}
        assert families <= {"Source-Serif-Pro", "Source-Serif-Pro-Semi-Bold", "Source-Serif-Pro-Italic",
                            "Source-Serif-Pro-Semi-Bold-Italic", "Reelpress-Symbols"}, families
        assert all(book.fonts.values())


def test_the_fetcher_serves_only_files_under_its_roots(tmp_path):
    inside = tmp_path / "volume" / "x.png"
    inside.parent.mkdir()
    inside.write_bytes(b"png")
    fetcher = RootFetcher([tmp_path / "volume"])
    assert fetcher.fetch(inside.as_uri()).read() == b"png"
    for url in ("file:///etc/passwd", (tmp_path / "volume" / ".." / "other").as_uri(),
                "https://example.com/font.ttf", "data:text/plain,hello", (tmp_path / "volume" / "none").as_uri()):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)


def test_pdf_only_build_writes_only_the_pdf(make_volume, tmp_path):
    result = build(make_volume({"01-a.md": review("Only", "Text.")}), tmp_path / "out", ("pdf",))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["test-volume.pdf"]
    assert pdf.problems(pdf.read(result.outputs["pdf"]), ["Only"]) == []


def test_a_weasyprint_warning_fails_the_build(make_volume, tmp_path, monkeypatch):
    import logging

    from weasyprint import HTML
    original = HTML.render

    def noisy(self, *args, **kwargs):
        logging.getLogger("weasyprint").warning("Ignored `foo: bar` at 1:1, unknown property.")
        return original(self, *args, **kwargs)
    monkeypatch.setattr(HTML, "render", noisy)
    with pytest.raises(InputError, match="RP051.*unknown property"):
        build(make_volume(), tmp_path / "out", ("pdf",))
    assert not (tmp_path / "out").exists()


def test_links_between_reviews_print_the_page(facts):
    book = facts[SAMPLES[0]]
    tokyo = next(printed for title, printed, _ in pdf.contents(book) if title == "The Quietest Masterpiece")
    assert f"review of Tokyo Story (p. {tokyo})" in " ".join(book.pages)


def test_the_piece_cache_keys_on_the_weasyprint_that_is_imported(monkeypatch):
    """Read from the package metadata (no import), or from the module when there is no metadata."""
    from importlib import metadata

    from reelpress.cache import pieces as pdf_task
    from reelpress.writers.pdf.weasy import render as weasy
    assert pdf_task.weasyprint_version() == weasy.VERSION

    def missing(name):
        raise metadata.PackageNotFoundError(name)
    monkeypatch.setattr(metadata, "version", missing)
    pdf_task.weasyprint_version.cache_clear()  # it is read once a process
    assert pdf_task.weasyprint_version() == weasy.VERSION
    pdf_task.weasyprint_version.cache_clear()


@pytest.mark.parametrize("name", SAMPLES)
def test_the_reading_pdf_is_tagged_and_the_assembly_keeps_the_whole_tree(built, name):
    import shutil
    import subprocess

    from reelpress.book.matter import kind_of
    from reelpress.commands.check import tags
    from reelpress.writers.pdf.document import render_document
    from reelpress.writers.pdf.tags import VARIANT

    assembled = built[name].outputs["pdf"]
    structure = tags.read(assembled)
    volume = built[name].volume
    assert structure.marked and structure.language == volume.config.language and structure.problems == []
    headed = [page for page in volume.matter if kind_of(page.slug).heading]  # the introduction, about the author …
    assert headed and structure.tags["H1"] == len(volume.reviews) + len(volume.indexes) + len(headed) + 3  # title,
    # contents, series pages
    assert structure.tags["P"] > 40 and structure.tags["Link"] > 0
    described = [image.get("alt") for review in volume.reviews for image in review.body.iter(
        "{http://www.w3.org/1999/xhtml}img")]
    assert structure.figures == described and all(described)
    # The book laid out as one tagged document has the same tree: the pieces lose nothing, in order.
    _, document = render_document(volume)
    single = document.write_pdf(pdf_variant=VARIANT)
    assert tags.read(single).tags == structure.tags and tags.read(single).figures == structure.figures
    assert shutil.which("pdfinfo"), "poppler-utils (pdfinfo) is needed to read the tree's text back"
    text = lambda source: [line for line in subprocess.run(
        ["pdfinfo", "-struct-text", "-"], input=source, capture_output=True, check=True).stdout.decode().splitlines()
        if not line.strip().startswith("Object ")]  # object numbers differ
    assert text(assembled.read_bytes()) == text(single)
