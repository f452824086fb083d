"""Draw the sample volumes' pictures: two flat illustrations and volume 1's own cover.

The sample series must carry real images (the image, figure and cover code paths need them) without
borrowing anyone's film stills; so the project draws its own, deterministically, from shapes and the
book face. Rerun after changing a drawing:  python tools/make_sample_images.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from reelpress.config import CoverStyle
from reelpress.book.cover import draw

ROOT = Path(__file__).resolve().parents[1]


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


def save(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main() -> None:
    save(tatami_room(), ROOT / "volumes/essential-film-reviews-1/images/tatami-room.png")
    save(fin(), ROOT / "volumes/essential-film-reviews-2/images/fin.png")
    # Volume 1 carries a cover of its own (volume 2 shows the generated one): same drawing, other words.
    save(draw("Essential Film Reviews", "Volume One", "Shadows", "and Light", "Ada Linden", CoverStyle()),
         ROOT / "volumes/essential-film-reviews-1/cover.png")


if __name__ == "__main__":
    main()
