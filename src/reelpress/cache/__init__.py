"""What a later build reuses, kept in `.reelpress-cache/` beside the output folder. The build asks
the cache before it calls a stage; readers, passes and writers' layout code never see it.

- outputs.py: the no-change fast path (nothing a volume's books depend on changed: build nothing);
- reviews.py: each review as it leaves the per-review passes;
- pieces.py: the PDF pieces already laid out.

Deleting the folder is always safe: a build without it does everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reelpress.util.files import cache_write

CACHE_DIR = ".reelpress-cache"


def folder(out_dir: Path) -> Path:
    """The cache folder for builds into `out_dir`: `.reelpress-cache/` beside it."""
    return Path(os.path.abspath(out_dir)).parent / CACHE_DIR


def file_digest(path: Path) -> str | None:
    """SHA-256 (hex) of a file's bytes; None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def pdf_record(cache_dir: Path, book: str) -> Path:
    """Where a PDF build of `book` (the volume's name and profile) records its pieces and numbers."""
    return cache_dir / f"pdf-{book}.json"


def record_use(manifest: Path, folder: Path, used: set[str], suffixes: tuple[str, ...], **facts) -> None:
    """Record in `manifest` (with `facts`) the entries of `folder` a build of one book used, and remove
    those the previous build of that book used and this one did not — unless another book's manifest
    beside it (same name prefix) lists them. Failing only costs time next build."""
    try:
        before = set(json.loads(manifest.read_text(encoding="utf-8"))["keys"])
    except (OSError, ValueError, KeyError, TypeError):
        before = set()
    try:
        others: set[str] = set()
        for other in manifest.parent.glob(manifest.name.split("-")[0] + "-*.json"):
            if other != manifest:
                others.update(json.loads(other.read_text(encoding="utf-8")).get("keys", []))
        for key in before - used - others:
            for suffix in suffixes:
                (folder / f"{key}{suffix}").unlink(missing_ok=True)
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    cache_write(manifest, json.dumps({"keys": sorted(used), **facts}, sort_keys=True).encode())
