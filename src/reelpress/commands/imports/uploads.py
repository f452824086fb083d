"""`--uploads DIR`: a WordPress post's images from a copy of the site's `wp-content/uploads`.

An image whose address is under `/wp-content/uploads/` (self-hosted) or on `*.files.wordpress.com`
/ `*.wordpress.com/wp-content/uploads` (WordPress.com) is looked up in DIR by the same relative path
(`2019/03/still.jpg`); a resized copy WordPress made (`still-300x200.jpg`) falls back to the original
when only that was kept. The file must be inside DIR (no links out of it), a real PNG, JPEG or GIF and
within the image size limit; it is copied into the volume's `images/`. Other images go to
`--fetch-images` when that was given too.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from reelpress.book.assets import MAX_IMAGE_BYTES, inspect_image
from reelpress.errors import InputError
from reelpress.util.files import atomic_write
from reelpress.util.xhtml import slugify

EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}


def relative_path(url: str) -> str | None:
    """`2019/03/still.jpg` for an uploads address, None for any other image."""
    parts = urlsplit(url if "://" in url else "https:" + url)
    path = unquote(parts.path)
    if "/wp-content/uploads/" in path:
        return path.split("/wp-content/uploads/", 1)[1]
    if parts.netloc.endswith(".files.wordpress.com"):
        return path.lstrip("/")
    return None


class UploadsCopier:
    """Callable like ImageFetcher: URL → `../images/<name>` or None (with why)."""

    def __init__(self, uploads: Path, images_dir: Path, fallback=None):
        self.uploads, self.images_dir, self.fallback = uploads.resolve(), images_dir, fallback
        self.failures: dict[str, str] = {}

    def __call__(self, url: str) -> str | None:
        relative = relative_path(url)
        if relative is None:
            return self.fallback(url) if self.fallback else None
        for candidate in (relative, re.sub(r"-\d+x\d+(\.\w+)$", r"\1", relative)):
            path = (self.uploads / PurePosixPath(candidate)).resolve()
            if path.is_relative_to(self.uploads) and path.is_file():
                return self._copy(url, path)
        self.failures[url] = f"{relative} is not in {self.uploads}"
        return self.fallback(url) if self.fallback else None

    def _copy(self, url: str, path: Path) -> str | None:
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise ValueError(f"larger than {MAX_IMAGE_BYTES:,} bytes")
            media_type, _, _ = inspect_image(path)
            data = path.read_bytes()
        except (InputError, ValueError, OSError) as exc:
            self.failures[url] = str(exc).split(": ", 2)[-1] if isinstance(exc, InputError) else str(exc)
            return None
        name = f"{slugify(path.stem, 'image')[:40]}-{hashlib.sha256(data).hexdigest()[:8]}"
        name += EXTENSIONS.get(media_type, path.suffix.lower())
        self.images_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(self.images_dir / name, data)
        return f"../images/{name}"

    def why(self, url: str) -> str | None:
        return self.failures.get(url) or (self.fallback.why(url) if self.fallback else None)
