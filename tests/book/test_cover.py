"""The generated cover: a palette image whose colours are the background and the two inks, with the
anti-aliased edges blending between them; the same config always gives the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageColor

from conftest import VOLUMES
from reelpress.book import cover
from reelpress.config import load_volume_config


def _rgb(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "P" and image.size == cover.SIZE
    return image.convert("RGB")


def _commonest_ink(image: Image.Image, box, background) -> tuple[int, int, int]:
    counts = sorted(image.crop(box).getcolors(1 << 16), reverse=True)
    return next(colour for _, colour in counts if colour != background)


def test_the_cover_is_drawn_in_the_configured_colours(tmp_path):
    config = load_volume_config(VOLUMES / "essential-film-reviews-2")
    style = config.cover
    background, accent, foreground = (ImageColor.getrgb(c) for c in (style.background, style.accent, style.foreground))
    data = cover.generated(config)
    image = _rgb(data)
    assert image.getpixel((10, 10)) == image.getpixel((1590, 2550)) == background
    assert image.getpixel((92, 1280)) == image.getpixel((800, 1641)) == accent  # the frame and the rule
    assert _commonest_ink(image, (160, 330, 1440, 420), background) == accent  # the series line
    assert _commonest_ink(image, (160, 1020, 1440, 1220), background) == foreground  # the title
    edges = {colour for _, colour in image.crop((160, 1020, 1440, 1220)).getcolors(1 << 16)} - {background, foreground}
    assert len(edges) > 20, "the text edges are anti-aliased"
    for colour in edges:  # every edge colour lies between the background and the foreground
        assert all(min(b, f) <= c <= max(b, f) for c, b, f in zip(colour, background, foreground))
    assert cover.generated(config, tmp_path) == data == cover.generated(config, tmp_path)  # drawn, then cached


def test_a_line_the_book_face_cannot_print_is_drawn_from_the_fallback_chain():
    import font_source_serif_pro

    from reelpress.book.cover import _fallback

    face = str(Path(font_source_serif_pro.__file__).resolve().parent / "files" / "SourceSerifPro-Bold.ttf")
    assert _fallback(face, "Shadows and Light") is None
    found = _fallback(face, "東京物語")
    assert found is not None and "CJK" in found[0]
    assert "Hebrew" in _fallback(face, "אפס ביחסי אנוש")[0]
