"""PDF profiles, read back: page sizes per trim and bleed, mirrored margins, bookmarks and links only
where they belong, glyphs the fonts really have, image resolution for print; and `reelpress proof`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import VOLUMES
from helpers import review
from reelpress.build import build
from reelpress.writers import WriteOptions
from reelpress.cli import main
from reelpress.errors import InputError
from reelpress.writers.pdf.layout import geometry_for as geometry, gutter

pytestmark = pytest.mark.slow


def config(**pdf) -> str:
    value = lambda v: str(v).lower() if isinstance(v, bool) else f'"{v}"'
    lines = "".join(f"{key} = {value(v)}\n" for key, v in pdf.items())
    return f'title = "Profiles"\nauthor = "A. Critic"\n[pdf]\n{lines}'


def left_edges(reader: PdfReader, page: int) -> float:
    """The smallest x at which text starts on a page (points from the left edge of the sheet)."""
    xs = []
    reader.pages[page].extract_text(visitor_text=lambda text, cm, tm, font, size: xs.append(tm[4] * cm[0] + cm[4])
                                    if text.strip() else None)
    return min(xs)


LONG = "\n\n".join(["A paragraph of a long review that keeps going for the sake of the page count. " * 10] * 14)


@pytest.mark.parametrize("trim, bleed, size", [
    ("5x8in", False, (360, 576)), ("5.25x8in", False, (378, 576)), ("5.5x8.5in", False, (396, 612)),
    ("6x9in", False, (432, 648)), ("A5", False, (419.53, 595.27)), ("6x9in", True, (441, 666)),
])
def test_print_trim_sizes_and_bleed(make_volume, tmp_path, trim, bleed, size):
    folder = make_volume({"01-a.md": review("A", "Text.")}, config=config(profile="print", trim=trim, bleed=bleed))
    reader = PdfReader(build(folder, tmp_path, ("pdf",)).outputs["pdf"])
    assert {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages} == {size}


def test_print_has_mirrored_margins_no_bookmarks_no_links(make_volume, tmp_path):
    folder = make_volume({"01-a.md": review("Long", LONG + "\n\n## Section\n\nSee [above](#section).\n")},
                         config=config(profile="print"))
    reader = PdfReader(build(folder, tmp_path, ("pdf",)).outputs["pdf"])
    opening = 5 - 1  # title, imprint, contents, blank verso, then the review on a right-hand page
    assert abs(left_edges(reader, opening + 1) - 0.6 * 72) < 1  # a left-hand page: outside margin 0.6 in
    assert abs(left_edges(reader, opening + 2) - 0.75 * 72) < 1  # a right-hand page: gutter 0.75 in
    assert reader.outline == []
    assert sum(len(page.get("/Annots") or []) for page in reader.pages) == 0
    assert "(p. " in reader.pages[-1].extract_text() + reader.pages[-2].extract_text()  # references stay
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[1] for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert fonts <= {"Source-Serif-Pro", "Source-Serif-Pro-Semi-Bold", "Source-Serif-Pro-Italic", "Reelpress-Symbols"}


def test_reading_has_bookmarks_and_live_links(make_volume, tmp_path):
    folder = make_volume({"01-a.md": review("A", "See [the web](https://example.com/).")})
    reader = PdfReader(build(folder, tmp_path, ("pdf",)).outputs["pdf"])
    assert [item.title for item in reader.outline] == ["A"]
    assert sum(len(page.get("/Annots") or []) for page in reader.pages) >= 2  # contents entry and the web link


def test_the_gutter_grows_with_the_page_count():
    assert [gutter(n) for n in (24, 150, 151, 300, 301, 500, 501, 700, 701, 828)] == [
        0.75, 0.75, 0.875, 0.875, 1.0, 1.0, 1.125, 1.125, 1.25, 1.25]

    class Settings:
        profile, trim, bleed = "print", "6x9in", False
    assert geometry(Settings, 100).inside == 0.75 and geometry(Settings, 400).inside == 1.0


def test_a_glyph_the_fonts_lack_is_an_error_naming_the_review_and_pdf_fonts_fixes_it(make_volume, tmp_path):
    text = review("Setan Jawa", "Its title in Javanese script is ꦱꦺꦠꦤ꧀ꦗꦮ.")  # no family of the chain has Javanese
    folder = make_volume({"01-setan-jawa.md": text})
    with pytest.raises(InputError) as caught:
        build(folder, tmp_path / "out", ("pdf",))
    message = str(caught.value)
    assert "reviews/01-setan-jawa.md: RP054 error: the book's fonts (its face and the fallback chain) have no " \
           "glyph for ꦗ (U+A997, Javanese)" in message
    assert "name an installed font family that has them in volume.toml's [pdf] fonts" in message
    assert not (tmp_path / "out").exists()
    (folder / "volume.toml").write_text('title = "T"\nauthor = "A"\n[pdf]\nfonts = ["Noto Sans Javanese"]\n')
    assert build(folder, tmp_path / "out", ("pdf",)).outputs["pdf"].is_file()


def test_print_warns_about_images_below_300_dpi(tmp_path):
    result = build(VOLUMES / "essential-film-reviews-1", tmp_path, ("pdf",), options=WriteOptions(profile="print"))
    assert [str(w).split(": ", 1)[1] for w in result.warnings] == [
        "RP055 warning: page 18: image tatami-room.png prints at 289 dpi; paperbacks want 300 or more"]


def test_proof_has_its_marks_sources_report_and_images(tmp_path):
    out = tmp_path / "proof"
    result = CliRunner().invoke(main, ["proof", str(VOLUMES / "essential-film-reviews-1"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "spelling suspects: 0" in result.output and "typographic suspects: 0" in result.output
    reader = PdfReader(out / "proof.pdf")
    book = PdfReader(out / "book.pdf")
    assert len(reader.pages) == len(book.pages) > 18
    opening = reader.pages[16].extract_text()  # page 17, the Tokyo Story review (after 10 pages of front matter)
    assert "PROOF — " in opening and "reviews/04-tokyo-story.md" in opening
    assert "https://adalinden.example.com/2019/09/tokyo" in opening.replace("\n", "")
    assert float(reader.pages[0].mediabox.width) == 396 + 1.5 * 72
    assert sorted(p.name for p in (out / "pages").iterdir())[-1] == f"page-{len(book.pages):03d}.png"
    report = (out / "report.html").read_text()
    assert "The Quietest Masterpiece" in report and "contact-sheet.png" in report
    from PIL import Image
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.size[0] > 1000


def test_proof_against_an_earlier_build_lists_exactly_the_changed_pages(sample_copy, tmp_path):
    volume = sample_copy("essential-film-reviews-1")
    first = CliRunner().invoke(main, ["proof", str(volume), "--out", str(tmp_path / "one")])
    assert first.exit_code == 0, first.output
    source = volume / "reviews" / "04-tokyo-story.md"
    source.write_text(source.read_text().replace("pillow shots", "cushion shots"))  # page 17 (six pages of front matter; the still below it: fit.py)
    second = CliRunner().invoke(main, ["proof", str(volume), "--out", str(tmp_path / "two"),
                                       "--against", str(tmp_path / "one" / "book.pdf")])
    assert second.exit_code == 0, second.output
    assert "changed pages: 17" in second.output.splitlines()
    assert [p.name for p in (tmp_path / "two" / "changes").iterdir()] == ["page-017.png"]
    same = CliRunner().invoke(main, ["proof", str(volume), "--out", str(tmp_path / "three"),
                                     "--against", str(tmp_path / "two" / "book.pdf")])
    assert "no pages changed" in same.output.splitlines()


def test_spelling_suspects_point_at_lines(make_volume, tmp_path):
    folder = make_volume({"01-a.md": review("A", "A sentance with a typo.\n\nAnd Hitchcok again.", director="Alfred Hitchcock")})
    result = CliRunner().invoke(main, ["proof", str(folder), "--out", str(tmp_path / "p")])
    assert "spelling suspects: 2" in result.output
    report = (tmp_path / "p" / "report.html").read_text()
    assert "reviews/01-a.md:5</code></td><td>“sentance”" in report
    assert "reviews/01-a.md:7</code></td><td>“Hitchcok”" in report
    (folder / "dictionary.txt").write_text("sentance\nhitchcok\n")
    again = CliRunner().invoke(main, ["proof", str(folder), "--out", str(tmp_path / "q")])
    assert "spelling suspects: 0" in again.output
