"""The volume's cover: its own cover.jpg/.png (checked for size and shape), or a typographic cover for a
volume that has none: series, title, number and author on a flat colour.

Stores want at least 1600 × 2560 pixels (KDP's marketing cover); the drawing is deterministic (the
same config gives the same bytes) and uses the book face, so every machine draws the same cover.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from reelpress import code_digest
from reelpress.book import strings
from reelpress.book.assets import register
from reelpress.errors import Collector, InputError
from reelpress.model import Asset
from reelpress.util.files import cache_write

if TYPE_CHECKING:  # Pillow is imported when a cover is drawn, not by every build that finds one cached
    from PIL import Image, ImageDraw, ImageFont

NAMES = ("cover.jpg", "cover.jpeg", "cover.png")
SIZE = (1600, 2560)  # what stores want at least (KDP's marketing cover)
RATIO = (1.45, 1.75)  # height / width that reading apps show without cropping or bars
SERIF = None


def shape_problem(width: int, height: int) -> str | None:
    """What is wrong with a cover of this size for the stores, if anything."""
    ratio = height / max(width, 1)
    if (width, height) < SIZE or not RATIO[0] <= ratio <= RATIO[1]:
        return f"cover is {width}×{height}; stores want {SIZE[0]}×{SIZE[1]} or larger, about 1:1.6"
    return None


def find(volume_dir: Path, config, assets: dict[Path, Asset], report: Collector,
         cache_dir: Path | None = None) -> Asset | None:
    """cover.jpg/.png when the volume has one (checked for size and shape), else the generated cover
    (from `cache_dir` when it was drawn before)."""
    for name in NAMES:
        path = volume_dir / name
        if path.is_file():
            try:
                found = register(path.resolve(), volume_dir, assets)
            except InputError as error:
                report.absorb(error)
                return None
            if problem := shape_problem(found.width, found.height):
                report.warn(path, "RP056", problem)
            return found
    return Asset(path=volume_dir / "cover.png", href="images/reelpress-cover.png", media_type="image/png",
                 width=SIZE[0], height=SIZE[1], data=generated(config, cache_dir))


def _font(size: int, face: str = "Regular", text: str = "") -> ImageFont.FreeTypeFont:
    """The book face; for a line it cannot print (a title in Japanese), the first font of the PDF's
    fallback chain that has every character of it (writers/pdf/fonts.py)."""
    import font_source_serif_pro
    from PIL import ImageFont
    folder = Path(font_source_serif_pro.__file__).resolve().parent / "files"
    path = str(folder / f"SourceSerifPro-{face}.ttf")
    fallback = _fallback(path, text)
    if fallback:
        return ImageFont.truetype(fallback[0], size, index=fallback[1])
    return ImageFont.truetype(path, size)


def _fallback(book_face: str, text: str) -> tuple[str, int] | None:
    from reelpress.writers.pdf import fonts

    wanted = {ord(c) for c in text if not c.isspace()}
    if not wanted or wanted <= fonts.coverage(((book_face, 0),)):
        return None
    return next((face for face in fonts.chain().faces if wanted <= fonts.coverage((face,))), None)


def _fit(draw: ImageDraw.ImageDraw, text: str, size: int, face: str, width: int) -> ImageFont.FreeTypeFont:
    """The largest font up to `size` at which `text` fits `width` pixels."""
    while size > 24 and draw.textlength(text, font=_font(size, face, text)) > width:
        size -= 4
    return _font(size, face, text)


def draw(series: str | None, number: str | None, title: str, subtitle: str | None, author: str, style) -> Image.Image:
    """The cover as a palette image. Each ink (the accent, the foreground) is drawn as a coverage mask,
    and a pixel's index says how much of which ink covers the background: indexes 0-127 blend the
    background into the accent, 128-255 into the foreground (the inks never overlap). A third of the
    data of an RGB image: it encodes in a third of the time, to a smaller file."""
    from PIL import Image, ImageChops, ImageColor, ImageDraw
    accent, foreground = Image.new("L", SIZE), Image.new("L", SIZE)
    pens = {"accent": ImageDraw.Draw(accent), "foreground": ImageDraw.Draw(foreground)}
    pens["accent"].rectangle((90, 90, SIZE[0] - 90, SIZE[1] - 90), outline=255, width=6)
    lines = [((series or "").upper(), 64, "Semibold", 330, "accent"), (number or "", 72, "It", 450, "accent"),
             (title, 170, "Bold", 1020, "foreground"), (subtitle or "", 64, "It", 1290, "foreground"),
             (author, 96, "Regular", 2150, "foreground")]
    for text, size, face, y, ink in lines:
        if text:
            pen = pens[ink]
            font = _fit(pen, text, size, face, SIZE[0] - 320)
            pen.text(((SIZE[0] - pen.textlength(text, font=font)) / 2, y), text, font=font, fill=255)
    pens["accent"].line((560, 1640, 1040, 1640), fill=255, width=5)
    index = ImageChops.lighter(accent.point([v >> 1 for v in range(256)]),
                               foreground.point([128 + (v >> 1) if v else 0 for v in range(256)])).convert("P")
    background = ImageColor.getrgb(style.background)
    palette = []
    for ink in (ImageColor.getrgb(style.accent), ImageColor.getrgb(style.foreground)):
        for level in range(128):
            palette += [round(b + (i - b) * level / 127) for b, i in zip(background, ink)]
    index.putpalette(palette)
    return index


def generated(config, cache_dir: Path | None = None) -> bytes:
    """The cover for a volume's config, as PNG bytes; kept in `cache_dir` (when given) under a digest
    of everything the drawing depends on: the texts, the colours, the fonts, Pillow and reelpress."""
    number = strings.for_config(config)("volume", number=f"{config.series_index:g}") if config.series_index is not None else None
    texts = (config.series, number, config.title, config.subtitle, config.author, config.cover)
    cached = _cached(cache_dir, texts) if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    buffer = io.BytesIO()
    draw(*texts).save(buffer, format="PNG", compress_level=6)
    if cached is not None:
        cache_write(cached, buffer.getvalue())
    return buffer.getvalue()


def _cached(cache_dir: Path, texts: tuple) -> Path:
    import font_source_serif_pro
    import PIL
    from reelpress.util import fontconfig
    from reelpress.writers.pdf import fonts

    digest = hashlib.sha256((code_digest() + PIL.__version__ + repr(texts)).encode())
    digest.update(fontconfig.stamp(fonts.chain().files))  # a title in another script is drawn from these
    for face in ("Regular", "It", "Semibold", "Bold"):
        font = Path(font_source_serif_pro.__file__).resolve().parent / "files" / f"SourceSerifPro-{face}.ttf"
        digest.update(font.read_bytes())
    return cache_dir / "covers" / f"{digest.hexdigest()}.png"
