"""PDF pieces already laid out (`.reelpress-cache/pdf/` beside the output folder), for the PDF
writer's runner.

Each rendered piece is kept under a SHA-256 of everything its rendering reads: the HTML, the
stylesheets, the bytes of every file they point at (images, fonts), the first-page flag, and the
versions of reelpress and WeasyPrint. A piece whose key is found is not laid out again; anything that
could change its bytes changes its key, so an entry is never stale. Only renderings that reported no
problem are kept. After a build, the entries this volume no longer uses are removed (unless another
volume's build uses them).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reelpress import code_digest
from reelpress.cache import pdf_record, record_use
from reelpress.util.files import cache_write

FILE_URL = re.compile(r"""file://[^"'\s)]+""")


@functools.cache
def weasyprint_version() -> str:
    """The installed WeasyPrint's version, for cache keys, read from its package metadata (no import)
    once a process: a series worker builds several volumes."""
    from importlib import metadata

    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # WeasyPrint on the path without metadata (a source checkout)
        import weasyprint

        return weasyprint.__version__


class PieceCache:
    """Rendered pieces by key, in memory for this build and (given a folder) on disk for the next.
    A piece is a dataclass whose `pdf` is its bytes (the writer's tasks.Rendered, made by `make`); the
    cache knows no more of the writer than that."""

    def __init__(self, folder: Path | None, name: str, make=None):
        self.folder = folder / "pdf" if folder else None
        self.manifest = pdf_record(folder, name) if folder else None
        self.make = make
        self.memory: dict[str, object] = {}
        self.used: set[str] = set()
        self.fresh = 0  # tasks laid out by this build (not found in the cache)
        self._files: dict[str, bytes] = {}
        self.weasyprint = weasyprint_version()

    def key(self, task) -> str:
        """A digest of everything laying `task` (a writers.pdf.tasks.Task) out reads."""
        digest = hashlib.sha256()
        for part in (code_digest(), self.weasyprint, task.base_url, str(task.skip_first),
                     str(task.low_resolution), str(task.tagged), task.html, *task.sheets, *task.roots):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for url in sorted(set(FILE_URL.findall(task.html + "".join(task.sheets)))):
            digest.update(url.encode() + self._file_digest(url))
        return digest.hexdigest()

    def _file_digest(self, url: str) -> bytes:
        if url not in self._files:
            try:
                data = Path(url2pathname(urlsplit(url).path)).read_bytes()
                self._files[url] = hashlib.sha256(data).digest()
            except OSError:
                self._files[url] = b"missing"
        return self._files[url]

    def get(self, key: str):
        self.used.add(key)
        if key in self.memory or self.folder is None:
            return self.memory.get(key)
        try:
            facts = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            if hashlib.sha256(pdf).hexdigest() != facts.pop("sha256"):
                return None
            rendered = self.make(pdf=pdf, **facts)
            rendered.anchors = {name: tuple(place) for name, place in rendered.anchors.items()}
            rendered.bookmarks = [tuple(mark) for mark in rendered.bookmarks]
            rendered.low_resolution = [tuple(found) for found in rendered.low_resolution]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.memory[key] = rendered
        return rendered

    def put(self, key: str, rendered) -> None:
        self.memory[key] = rendered
        self.fresh += 1
        if self.folder is None or rendered.problems:
            return
        facts = {k: v for k, v in asdict(rendered).items() if k != "pdf"}
        facts["sha256"] = hashlib.sha256(rendered.pdf).hexdigest()
        cache_write(self.folder / f"{key}.pdf", rendered.pdf)
        cache_write(self.folder / f"{key}.json", json.dumps(facts).encode())

    def last(self) -> dict:
        """What the previous build of this book recorded: its page numbers and page count."""
        try:
            record = json.loads(self.manifest.read_text(encoding="utf-8"))
            return {"pages": dict(record["pages"]), "total": int(record["total"])}
        except (AttributeError, OSError, ValueError, KeyError, TypeError):
            return {}

    def finish(self, pages: dict[str, int], total: int) -> None:
        """Record this build (its numbers and page count for the next one), and forget the entries
        the previous one used and this one did not (unless another book's build uses them)."""
        if self.manifest is not None:
            record_use(self.manifest, self.folder, self.used, (".pdf", ".json"), pages=pages, total=total)
