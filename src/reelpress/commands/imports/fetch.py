"""`--fetch-images`: download an imported post's remote images into the volume, within limits.

Only http(s), at most 3 redirects (each checked again), 20 MB, 15 s per image; the bytes must be a
real PNG, JPEG or GIF. An unreachable network stops the import with a clear message (it is not
retried image after image); a single missing image is a warning and the image keeps its description.
"""

from __future__ import annotations

import hashlib
import socket
import tempfile
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from reelpress.book.assets import MAX_IMAGE_BYTES, inspect_image
from reelpress.errors import EnvironmentProblem, InputError, diagnostic
from reelpress.util.files import atomic_write
from reelpress.util.xhtml import slugify

EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 3

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class ImageFetcher:
    """Callable: remote URL → `../images/<name>` inside the volume, or None (with a warning kept)."""

    def __init__(self, images_dir: Path, timeout: float = 15, max_bytes: int = MAX_IMAGE_BYTES):
        self.images_dir, self.timeout, self.max_bytes = images_dir, timeout, max_bytes
        self.opener = urllib.request.build_opener(_LimitedRedirects())
        self.failures: dict[str, str] = {}  # URL → why it could not be had
        self.done: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url.startswith("//"):
            url = "https:" + url
        if url not in self.done:
            try:
                self.done[url] = self._fetch(url)
            except (urllib.error.HTTPError, InputError, ValueError) as exc:
                self.failures[url] = str(exc).split(": ", 2)[-1] if isinstance(exc, InputError) else str(exc)
                self.done[url] = None
            except (urllib.error.URLError, socket.timeout, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                raise EnvironmentProblem([diagnostic(url, "RP075", f"cannot download images ({reason}); "
                                                     "is the network reachable? Import without "
                                                     "--fetch-images to keep image descriptions instead")])
        return self.done[url]

    def _fetch(self, url: str) -> str:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("not a web address")
        request = urllib.request.Request(url, headers={"User-Agent": "reelpress image import"})
        with self.opener.open(request, timeout=self.timeout) as response:
            data = response.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise ValueError(f"larger than {self.max_bytes:,} bytes")
        with tempfile.NamedTemporaryFile(suffix=".img") as probe:
            probe.write(data)
            probe.flush()
            media_type, _, _ = inspect_image(Path(probe.name))
        name = self._name(url, data, EXTENSIONS[media_type])
        self.images_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(self.images_dir / name, data)
        return f"../images/{name}"

    def why(self, url: str) -> str | None:
        return self.failures.get("https:" + url if url.startswith("//") else url)

    @staticmethod
    def _name(url: str, data: bytes, extension: str) -> str:
        stem = slugify(PurePosixPath(urlsplit(url).path).stem, "image")[:40]
        return f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{extension}"
