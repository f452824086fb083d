"""Rendering PDF pieces: in worker processes when it pays, and never twice for the same input.

The piece cache (`.reelpress-cache/pdf/` beside the output folder) keeps each rendered piece under a
SHA-256 of everything its rendering reads: the HTML, the stylesheets, the bytes of every file they
point at (images, fonts), the first-page flag, and the versions of reelpress and WeasyPrint. A piece
whose key is found is not laid out again; anything that could change its bytes changes its key, so an
entry is never stale. Only renderings that reported no problem are kept. After a build, the entries
this volume no longer uses are removed (unless another volume's build uses them).
"""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reelpress import code_digest
from reelpress.cache import pdf_record, record_use
from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.fsutil import cache_write
from reelpress.writers import workers
from reelpress.writers.pdf_task import Rendered, Task, render_task, weasyprint_version

FILE_URL = re.compile(r"""file://[^"'\s)]+""")
#: Below this many pages (estimated) a book is laid out in this process: starting workers would cost more.
POOL_PAGES = 80
WORKER_DIED = ("a worker process laying out PDF pages stopped without an answer (killed, or out of "
               "memory?); build again, or with --jobs 1 to lay the book out in one process")


class PieceCache:
    """Rendered pieces by key, in memory for this build and (given a folder) on disk for the next."""

    def __init__(self, folder: Path | None, name: str):
        self.folder = folder / "pdf" if folder else None
        self.manifest = pdf_record(folder, name) if folder else None
        self.memory: dict[str, Rendered] = {}
        self.used: set[str] = set()
        self.fresh = 0  # tasks laid out by this build (not found in the cache)
        self._files: dict[str, bytes] = {}
        self.weasyprint = weasyprint_version()

    def key(self, task: Task) -> str:
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

    def get(self, key: str) -> Rendered | None:
        self.used.add(key)
        if key in self.memory or self.folder is None:
            return self.memory.get(key)
        try:
            facts = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            if hashlib.sha256(pdf).hexdigest() != facts.pop("sha256"):
                return None
            rendered = Rendered(pdf=pdf, **facts)
            rendered.anchors = {name: tuple(place) for name, place in rendered.anchors.items()}
            rendered.bookmarks = [tuple(mark) for mark in rendered.bookmarks]
            rendered.low_resolution = [tuple(found) for found in rendered.low_resolution]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.memory[key] = rendered
        return rendered

    def put(self, key: str, rendered: Rendered) -> None:
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


class Runner:
    """Renders tasks through the cache, in a pool of worker processes when the book is big enough."""

    def __init__(self, cache: PieceCache, jobs: int, pages: int, where: Path):
        self.cache, self.where = cache, where  # `where`: the volume, for a diagnostic
        self.jobs = jobs if pages >= POOL_PAGES and workers.may_fork_workers() else 1
        self.pool: ProcessPoolExecutor | None = None

    def render(self, tasks: list[Task]) -> list[Rendered]:
        keys = [self.cache.key(task) for task in tasks]
        found = {key: self.cache.get(key) for key in keys}
        todo = {key: task for key, task in zip(keys, tasks) if found[key] is None}
        # Once started, the pool lays out single pieces too (the back matter): this process stays small.
        if self.jobs > 1 and (len(todo) > 1 or (todo and self.pool is not None)):
            results = zip(todo, self._pool().map(render_task, todo.values()))
        else:
            results = ((key, render_task(task)) for key, task in todo.items())
        try:
            for key, rendered in results:
                self.cache.put(key, rendered)
                found[key] = rendered
        except BrokenProcessPool:
            raise EnvironmentProblem([diagnostic(self.where, "RP051", WORKER_DIED)]) from None
        return [found[key] for key in keys]

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=workers.context())
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
