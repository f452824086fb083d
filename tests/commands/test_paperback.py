"""The paperback's full-wrap cover (commands/paperback.py), read back: its size follows KDP's formula for
the print PDF's page count, and each text is on its panel."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from conftest import VOLUMES
from reelpress.build import load
from reelpress.commands import paperback
from reelpress.commands.kit import kit
from reelpress.errors import InputError

pytestmark = pytest.mark.slow
INCH = 72


def words_by_x(data: bytes) -> list[tuple[str, float]]:
    """(text, x in inches from the left edge) of every text run on the cover's page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), (cm[0] * tm[4] + cm[2] * tm[5] + cm[4]) / INCH))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


def panel_of(x: float, wrap: paperback.Wrap) -> str:
    width = wrap.trim[0]
    if x < paperback.BLEED + width:
        return "back"
    return "spine" if x < paperback.BLEED + width + wrap.spine else "front"


def size_in_inches(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width) / INCH, float(box.height) / INCH


@pytest.mark.parametrize("name, pages, typeset_front", [
    ("essential-film-reviews-1", 32, False),  # its own cover.png on the front; the print interior's pages
    ("essential-film-reviews-2", 24, True),   # the generated cover's design, set as type
])
def test_the_kit_writes_a_cover_sized_by_kdp_s_formula(tmp_path, name, pages, typeset_front):
    written, warnings = kit(VOLUMES / name, tmp_path)
    data = (tmp_path / f"{name}-paperback-cover.pdf").read_bytes()
    assert tmp_path / f"{name}-paperback-cover.pdf" in written
    width, height = 5.5, 8.5  # the samples' trim
    spine = pages * 0.002252  # white paper
    assert size_in_inches(data) == pytest.approx((0.125 + width + spine + width + 0.125, height + 0.25), abs=0.001)
    texts = words_by_x(data)
    wrap = paperback.wrap_for(load(VOLUMES / name), pages)
    assert all(panel_of(x, wrap) != "spine" for _, x in texts)  # under 79 pages: no spine text
    assert {panel_of(x, wrap) for text, x in texts if "Ada Linden" in text} == ({"front"} if typeset_front else set())
    assert {panel_of(x, wrap) for text, x in texts if "Essential Film Reviews, volume" in text} == {"back"}  # series line
    description = load(VOLUMES / name).config.description.split()[:3]
    assert any(" ".join(description) in text and panel_of(x, wrap) == "back" for text, x in texts)


def test_own_cover_image_under_300_dpi_is_a_warning(tmp_path):
    _, warnings = kit(VOLUMES / "essential-film-reviews-1", tmp_path)  # its cover.png is 1600×2560
    assert [w.message for w in warnings if w.path.endswith("cover.png")] == [
        "the paperback's front prints this cover at 284 dpi; KDP wants 300 or more (1688×2625 pixels)"]


def test_a_thick_book_has_its_spine_text_clear_of_the_folds():
    volume = load(VOLUMES / "essential-film-reviews-2")
    data, _ = paperback.cover_pdf(volume, 300)
    wrap = paperback.wrap_for(volume, 300)
    assert size_in_inches(data)[0] == pytest.approx(0.25 + 11 + 300 * 0.002252, abs=0.001)
    on_spine = [text for text, x in words_by_x(data) if panel_of(x, wrap) == "spine"]
    assert "Paranoia and Wonder" in on_spine and "Ada Linden" in on_spine and "Volume 2" in on_spine
    assert wrap.spine - 2 * paperback.SPINE_CLEAR > 0.5  # the text's box, inside the folds' margins


def test_the_paper_sets_the_spine(tmp_path):
    folder = tmp_path / "volumes"
    shutil.copytree(VOLUMES, folder)
    toml = folder / "essential-film-reviews-2" / "volume.toml"
    toml.write_text(toml.read_text() + '\n[print]\npaper = "cream"\nisbn = "978-0-306-40615-7"\n')
    volume = load(folder / "essential-film-reviews-2")
    data, _ = paperback.cover_pdf(volume, 100)
    assert size_in_inches(data)[0] == pytest.approx(0.25 + 11 + 100 * 0.0025, abs=0.001)
    wrap = paperback.wrap_for(volume, 100)
    digits = "".join(text for text, x in words_by_x(data) if panel_of(x, wrap) == "back" and text.replace(" ", "").isdigit())
    assert digits.replace(" ", "") == "9780306406157"  # the barcode's human-readable line, on the back


def test_an_isbn_with_a_wrong_check_digit_is_an_error_at_its_line(tmp_path):
    folder = tmp_path / "volumes"
    shutil.copytree(VOLUMES, folder)
    toml = folder / "essential-film-reviews-2" / "volume.toml"
    toml.write_text(toml.read_text() + '\n[print]\nisbn = "978-0-306-40615-8"\n')
    with pytest.raises(InputError) as caught:
        load(folder / "essential-film-reviews-2")
    (problem,) = caught.value.diagnostics
    assert problem.line == len(toml.read_text().splitlines()) and "check digit is wrong" in problem.message
