"""Rendering PDF pieces: in worker processes when it pays, and never twice for the same input (the
piece cache, cache/pieces.py, is asked first)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from reelpress.cache.pieces import PieceCache
from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.writers.pdf import workers
from reelpress.writers.pdf.workers import POOL_PAGES
from reelpress.writers.pdf.tasks import Rendered, Task

WORKER_DIED = ("a worker process laying out PDF pages stopped without an answer (killed, or out of "
               "memory?); build again, or with --jobs 1 to lay the book out in one process")


def render_task(task: Task) -> Rendered:
    """Lay out and draw `task` with WeasyPrint (weasy/render.py), loaded here on first use: a worker
    forked from the fork server has it already, and this process only when it lays out a piece itself."""
    from reelpress.writers.pdf.weasy import render

    return render.render_task(task)


class Runner:
    """Renders tasks through the piece cache of the book `name` (in `cache_dir`, if any), in a pool of
    worker processes once `use_workers` finds the book big enough."""

    def __init__(self, cache_dir: Path | None, name: str, where: Path):
        self.cache, self.where = PieceCache(cache_dir, name, Rendered), where  # `where`: the volume, for a diagnostic
        self.jobs = 1
        self.pool: ProcessPoolExecutor | None = None

    def last(self) -> dict:
        """What the previous build of this book recorded: its page numbers and page count."""
        return self.cache.last()

    def use_workers(self, jobs: int, pages: int) -> None:
        """Lay pieces out in `jobs` processes when a book of `pages` pages is worth it."""
        self.jobs = jobs if pages >= POOL_PAGES and workers.may_fork_workers() else 1

    @property
    def fresh(self) -> int:
        """How many documents this build laid out rather than found in the cache."""
        return self.cache.fresh

    def finish(self, pages: dict[str, int], total: int) -> None:
        """Record this build's numbers for the next one (see PieceCache.finish)."""
        self.cache.finish(pages, total)

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
