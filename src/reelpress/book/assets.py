"""Files a book embeds: which images are acceptable, and where each goes inside the book."""

from __future__ import annotations

import warnings
from pathlib import Path, PurePosixPath

from reelpress.errors import fail
from reelpress.model import Asset
from reelpress.util.xhtml import slugify

#: Formats every reading system shows (EPUB 3 core media types that Kindle also accepts).
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
#: The most pixels a store takes in an image on the book's pages (Apple Books: 4 megapixels).
STORE_MAX_PIXELS = {"apple": 4_000_000}


def inspect_image(path: Path) -> tuple[str, int, int]:
    """(media type, width, height) of a real, complete PNG/JPEG/GIF; anything else is an error."""
    from PIL import Image, ImageFile  # here: a build whose images are all known never imports Pillow
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        fail(path, "RP043", f"image is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
    # WeasyPrint sets Pillow's global LOAD_TRUNCATED_IMAGES when it is imported; a truncated image
    # must still be an error here, whatever was imported before.
    truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=list(MEDIA_TYPES)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    fail(path, "RP043", f"image is {image.width}×{image.height} pixels; the limit is "
                         f"{MAX_IMAGE_PIXELS:,} pixels")
                image.load()
                return MEDIA_TYPES[image.format], image.width, image.height
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        fail(path, "RP043", f"image is larger than {MAX_IMAGE_PIXELS:,} pixels (a decompression bomb?)")
    except (OSError, SyntaxError, ValueError) as exc:
        fail(path, "RP043", f"not a readable PNG, JPEG or GIF image ({exc})")
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def fitted(asset: Asset, max_pixels: int) -> bytes:
    """The image's bytes, scaled down (same format, same proportions) when it has more than
    `max_pixels` pixels; the same bytes for the same image on every build."""
    if asset.width * asset.height <= max_pixels:
        return asset.read()
    import io

    from PIL import Image
    scale = (max_pixels / (asset.width * asset.height)) ** 0.5
    size = (max(1, int(asset.width * scale)), max(1, int(asset.height * scale)))
    with Image.open(io.BytesIO(asset.read())) as image:
        kind = image.format
        small = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format=kind, **({"quality": 90} if kind == "JPEG" else {}))
    return buffer.getvalue()


def register(path: Path, volume_dir: Path, assets: dict[Path, Asset],
             known: tuple[str, int, int] | None = None) -> Asset:
    """The Asset for an image file inside the volume, added to `assets` once; its href is unique.
    `known` is what inspecting the file's current bytes gave before (the review cache knows it)."""
    if path in assets:
        return assets[path]
    media_type, width, height = known or inspect_image(path)
    href = _unique(_href_for(path.relative_to(volume_dir.resolve())), {a.href for a in assets.values()})
    assets[path] = Asset(path=path, href=href, media_type=media_type, width=width, height=height)
    return assets[path]


def _href_for(relative: Path) -> str:
    """images/Stills/My Still.PNG → images/stills/my-still.png: safe in a zip and in a URL."""
    parts = list(relative.parts)
    if parts and parts[0] == "images":
        parts = parts[1:]
    folders = [slugify(p, "x") for p in parts[:-1]]
    name = PurePosixPath(parts[-1])
    return "/".join(["images", *folders, slugify(name.stem, "image") + name.suffix.lower()])


def _unique(href: str, taken: set[str]) -> str:
    stem, dot, suffix = href.rpartition(".")
    candidate, counter = href, 2
    while candidate in taken:
        candidate, counter = f"{stem}-{counter}{dot}{suffix}", counter + 1
    return candidate
