"""The PDF workers' processes: forked from one fork server per build, which imports WeasyPrint once.

A build that will lay its PDF out in workers starts the fork server before it reads the volume, so
WeasyPrint (about half a second to import) is loaded there while this process reads and normalises.
This module imports neither WeasyPrint nor the rest of the writer: the build calls it first.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

from reelpress.writers.pdf.layout import BYTES_PER_PAGE

#: What the fork server imports before it forks the first worker.
PRELOAD = ["reelpress.writers.pdf.weasy.render"]
#: Below this many pages (estimated) a book is laid out in this process: starting workers would cost more.
POOL_PAGES = 80
#: Review sources of this many bytes or more make a book long enough for workers (the runner decides
#: on its own estimate, from the words, once the book is read).
EARLY_BYTES = POOL_PAGES * BYTES_PER_PAGE


def may_fork_workers() -> bool:
    """Worker processes of our own: only from a main thread, and where the platform has a fork server.
    (A series build's workers ask for them only when there are cores to spare: for its last volume,
    or with more cores than volumes.)"""
    if threading.current_thread() is not threading.main_thread():
        return False
    return "forkserver" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def context():
    """The multiprocessing context the PDF workers start from."""
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(PRELOAD)
    return forkserver


def start_early(source_bytes: int, jobs: int) -> None:
    """Start the fork server now (it then imports PRELOAD beside this process) when a book with this
    many bytes of sources will probably be laid out by `jobs` > 1 workers."""
    if jobs > 1 and source_bytes >= EARLY_BYTES and may_fork_workers():
        from multiprocessing import forkserver

        context()
        forkserver.ensure_running()
