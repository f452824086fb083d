"""A URL fetcher for WeasyPrint that serves files from the volume, the templates and the font
package, and nothing else: no other file on the machine, and never the network."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RootFetcher(URLFetcher):
    """Serves `file:` URLs under the given folders and nothing else: no network, no other files."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise FatalURLFetchingError(f"refused {url[:80]}: builds do not use the network")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise FatalURLFetchingError(f"refused {path}: outside the volume, templates and fonts")
        if not path.is_file():
            raise FatalURLFetchingError(f"missing file {path}")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})
