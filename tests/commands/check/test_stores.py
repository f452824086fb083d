"""The stores' rules (commands/check/stores.py): each fires on a book that breaks it, and the sample
volumes pass them all (the passing twins)."""

from __future__ import annotations

import io
import json
import random

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from conftest import VOLUMES
from reelpress.build import build
from reelpress.cli import main
from reelpress.commands.check import Outcome, _run_rules, book, check_pdf, stores
from reelpress.commands.check.rules import RULES
from reelpress.commands.kit import kit
from reelpress.writers import WriteOptions

SAMPLE = VOLUMES / "essential-film-reviews-1"


def codes(outcome) -> list[str]:
    return [d.code for d in outcome.diagnostics]


def package_rules(epub, store):
    """The package rules (the stores' among them) on a built EPUB, without EPUBCheck and Ace."""
    outcome = Outcome(str(epub))
    _run_rules({"package": book.from_epub(epub)[1]}, frozenset(), store, outcome)
    return outcome


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("stores")
    reading = build(SAMPLE, out / "reading")
    printed = build(SAMPLE, out / "print", ("pdf",), options=WriteOptions(profile="print"))
    return reading.outputs, printed.outputs["pdf"]


def test_every_store_rule_names_a_known_store_and_the_cli_offers_them_all():
    assert {store for rule in RULES for store in rule.stores} <= set(stores.STORES)
    check = next(command for name, command in main.commands.items() if name == "check")
    store = next(option for option in check.params if option.name == "store")
    assert tuple(store.type.choices) == stores.STORES


def test_severity_by_store():
    rule = next(rule for rule in RULES if rule.code == "RP120")
    assert rule.severity_for(None) == "warning"  # every store's rules, as warnings
    assert rule.severity_for("apple") == "error"
    assert rule.severity_for("kdp") is None  # another store's rule is not run
    general = next(rule for rule in RULES if rule.code == "RP108")
    assert {general.severity_for(s) for s in (None, "kdp", "apple")} == {"error"}


@pytest.mark.slow
def test_the_sample_epub_passes_every_store(built):
    outputs, _ = built
    for store in (None, *stores.STORES):
        found = codes(package_rules(outputs["epub"], store))
        assert not {"RP119", "RP120", "RP121"} & set(found), (store, found)


@pytest.mark.slow
def test_the_print_pdf_is_a_paperback_kdp_accepts_and_the_reading_pdf_is_not(built, tmp_path):
    outputs, printed = built
    assert len(PdfReader(printed).pages) >= 24 and codes(check_pdf(printed, paperback=True, store="kdp")) == []
    short = PdfWriter()
    for page in PdfReader(printed).pages[:22]:
        short.add_page(page)
    short.write(tmp_path / "short.pdf")  # 22 pages: two short of KDP's 24
    found = codes(check_pdf(tmp_path / "short.pdf", paperback=True, store="kdp"))
    # a copy cut by pypdf: its contents name pages cut off (RP060, RP061), its metadata is not copied (RP063)
    assert "RP125" in found and set(found) <= {"RP125", "RP060", "RP061", "RP063"}
    assert "RP125" not in codes(check_pdf(tmp_path / "short.pdf", paperback=True, store="kdp", disabled={"RP125"}))
    reading = check_pdf(outputs["pdf"], paperback=True, store="kdp", disabled={"RP125"})
    assert codes(reading) == ["RP122", "RP123"]  # its bookmarks and live links
    assert all(d.severity == "error" for d in reading.diagnostics)
    assert {d.severity for d in check_pdf(outputs["pdf"], paperback=True, store=None).diagnostics} == {"warning"}


def test_body_text_with_fixed_line_spacing_size_or_colour_is_kdp_s_rejection():
    package = book.Package(name="b.epub", stylesheets=[("css/epub.css", "p { line-height: 1.4 } "
                                                       ".review p, h2 { color: #333 } body { font-size: 12pt } "
                                                       "p.caption { font-size: 0.8em } h1 { font-size: 2em }")])
    found = [message for _, _, message in stores.kdp_body_text(package)]
    assert len(found) == 3
    assert "`p` sets line-height" in found[0] and "`.review p` sets color" in found[1] and "`body`" in found[2]
    assert list(stores.kdp_body_text(book.Package(name="b", stylesheets=[("a.css", "p { margin: 0 }")]))) == []


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _photo(width: int, height: int, alpha: int | None) -> Image.Image:
    image = Image.frombytes("RGB", (width, height), random.Random(7).randbytes(width * height * 3))
    if alpha is not None:
        image.putalpha(alpha)
    return image


@pytest.mark.slow
def test_apple_s_four_megapixels_and_kobo_s_transparent_photos(make_volume, tmp_path):
    big = Image.new("RGB", (2100, 2000), "#808080")  # 4.2 megapixels, a flat grey (not a photo)
    images = {"images/big.png": _png(big), "images/see-through.png": _png(_photo(64, 64, 128)),
              "images/opaque.png": _png(_photo(64, 64, 255)), "images/drawing.png": _png(Image.new("RGBA", (64, 64)))}
    body = "\n\n".join(f"![{name}](../images/{name}.png)" for name in ("big", "see-through", "opaque", "drawing"))
    volume = make_volume({"01-a.md": f"---\ntitle: A\n---\n\n{body}\n"}, images=images)
    epub = build(volume, tmp_path / "out", ("epub",)).outputs["epub"]
    found = package_rules(epub, None).diagnostics
    apple = [d.message for d in found if d.code == "RP120"]
    kobo = [d.message for d in found if d.code == "RP121"]
    assert len(apple) == 1 and "big.png is 2100×2000 (4.2 megapixels)" in apple[0]
    assert len(kobo) == 1 and "see-through.png" in kobo[0]  # not the opaque photo, not the clear drawing
    assert {d.severity for d in found if d.code in ("RP120", "RP121")} == {"warning"}
    assert [d.code for d in package_rules(epub, "kobo").diagnostics if d.code in ("RP120", "RP121")] == ["RP121"]


@pytest.mark.slow
def test_the_kit_gives_the_epub_size_and_kdp_s_delivery_fee(tmp_path, built):
    outputs, _ = built
    out = tmp_path / "dist"
    out.mkdir()
    (out / "essential-film-reviews-1.epub").write_bytes(outputs["epub"].read_bytes())
    kit(SAMPLE, out)
    data = json.loads((out / "essential-film-reviews-1-store.json").read_text())
    size = outputs["epub"].stat().st_size / 2**20
    assert data["epub_megabytes"] == round(size, 3)
    assert data["kdp_delivery_usd"] == max(0.01, round(size * 0.15, 2))
    kit(SAMPLE, tmp_path / "empty")  # nothing built there yet
    assert json.loads((tmp_path / "empty" / "essential-film-reviews-1-store.json").read_text())["epub_megabytes"] is None


@pytest.mark.slow
def test_build_for_apple_scales_big_images_down_in_the_epub_only(make_volume, tmp_path):
    big = _photo(2100, 2000, None)  # 4.2 megapixels
    volume = make_volume({"01-a.md": "---\ntitle: A\n---\n\n![A big still](../images/big.jpg)\n"},
                         images={"images/big.jpg": _jpeg(big)})
    from reelpress.commands.build_volume import build_if_changed, options_for
    plain = build_if_changed(volume, tmp_path / "plain", ("epub",), options_for(tmp_path / "plain"))
    apple = build_if_changed(volume, tmp_path / "apple", ("epub", "pdf"), options_for(tmp_path / "apple", store="apple"))
    assert [d.code for d in package_rules(plain.outputs["epub"], "apple").diagnostics] == ["RP120"]
    assert [d.code for d in package_rules(apple.outputs["epub"], "apple").diagnostics] == []
    inside = book.from_epub(apple.outputs["epub"])[1].images
    (_, _, width, height), = [image for image in inside if image[0].endswith("big.jpg")]
    assert width * height <= 4_000_000 and abs(width / height - 2100 / 2000) < 0.01
    again = build_if_changed(volume, tmp_path / "again", ("epub", "pdf"), options_for(tmp_path / "again", store="apple"))
    assert again.outputs["epub"].read_bytes() == apple.outputs["epub"].read_bytes()  # the same bytes every build
    from reelpress.commands.check import epubcheck
    assert epubcheck.check(apple.outputs["epub"]) == []
    pdf_image = [img for page in PdfReader(apple.outputs["pdf"]).pages for img in page.images]
    assert {(i.image.width, i.image.height) for i in pdf_image} == {(2100, 2000)}  # the PDF keeps the original


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
