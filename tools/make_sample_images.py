"""Draw the sample volumes' pictures: two flat illustrations and volume 1's typographic cover.

The sample series must carry real images (the image, figure and cover code paths need them) without
borrowing anyone's film stills; so the project draws its own, deterministically, from shapes and the
book face. Rerun after changing a drawing:  python tools/make_sample_images.py
"""

from __future__ import annotations

from pathlib import Path

import font_source_serif_pro
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = Path(font_source_serif_pro.__file__).resolve().parent / "files"


def tatami_room() -> Image.Image:
    """A low, still view of a room: a sliding screen, a mat, two cushions, a teapot between them."""
    image = Image.new("RGB", (1200, 800), "#e9e1cf")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 430), fill="#d8cdb4")
    for x in range(80, 1200, 260):  # the screen's frames
        draw.rectangle((x, 60, x + 220, 430), outline="#5b4a36", width=10)
        for y in range(140, 430, 90):
            draw.line((x, y, x + 220, y), fill="#5b4a36", width=4)
    draw.rectangle((0, 430, 1200, 800), fill="#b9a57a")
    for y in range(480, 800, 110):  # the mat's borders
        draw.line((0, y, 1200, y), fill="#6e5a3a", width=6)
    draw.rounded_rectangle((250, 560, 470, 640), radius=24, fill="#3f4f63")
    draw.rounded_rectangle((730, 560, 950, 640), radius=24, fill="#3f4f63")
    draw.ellipse((565, 540, 635, 610), fill="#2b2b2b")
    draw.rectangle((590, 525, 610, 545), fill="#2b2b2b")
    return image


def fin() -> Image.Image:
    """A calm sea, a low sun, and one dark fin."""
    image = Image.new("RGB", (1200, 700), "#f3e6c8")
    draw = ImageDraw.Draw(image)
    draw.ellipse((820, 90, 1000, 270), fill="#e8a24b")
    draw.rectangle((0, 380, 1200, 700), fill="#2f5d7c")
    for y in range(420, 700, 48):
        draw.line((0, y, 1200, y), fill="#3c7196", width=5)
    draw.polygon([(470, 392), (560, 250), (600, 392)], fill="#1d2a33")
    return image


def cover(title: str, subtitle: str, series: str, number: str, author: str) -> Image.Image:
    """A plain typographic cover at the size stores ask for (1600 × 2560)."""
    image = Image.new("RGB", (1600, 2560), "#1f2a36")
    draw = ImageDraw.Draw(image)
    serif = lambda size, face="Regular": ImageFont.truetype(str(FONTS / f"SourceSerifPro-{face}.ttf"), size)
    draw.rectangle((90, 90, 1510, 2470), outline="#c9a86a", width=6)
    for text, font, y, fill in (
        (series.upper(), serif(64, "Semibold"), 330, "#c9a86a"),
        (number, serif(72, "It"), 450, "#c9a86a"),
        (title, serif(190, "Bold"), 1020, "#f4ecdc"),
        (subtitle, serif(78, "It"), 1290, "#f4ecdc"),
        (author, serif(96), 2150, "#f4ecdc"),
    ):
        width = draw.textlength(text, font=font)
        draw.text(((1600 - width) / 2, y), text, font=font, fill=fill)
    draw.line((560, 1640, 1040, 1640), fill="#c9a86a", width=5)  # a rule under the title
    return image


def save(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main() -> None:
    save(tatami_room(), ROOT / "volumes/essential-film-reviews-1/images/tatami-room.png")
    save(fin(), ROOT / "volumes/essential-film-reviews-2/images/fin.png")
    save(cover("Shadows", "and Light", "Essential Film Reviews", "Volume One", "Ada Linden"),
         ROOT / "volumes/essential-film-reviews-1/cover.png")
    save(cover("Paranoia", "and Wonder", "Essential Film Reviews", "Volume Two", "Ada Linden"),
         ROOT / "volumes/essential-film-reviews-2/cover.png")


if __name__ == "__main__":
    main()
