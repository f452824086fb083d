"""What a volume already holds, so an import neither clobbers nor duplicates a review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reelpress.importers.cleanup import url_key
from reelpress.readers import READERS, slug_for

_NUMBER = re.compile(r"^(\d+)[-_. ]")
_SOURCE_URL = re.compile(r"^source_url:\s*(.+?)\s*$", re.MULTILINE)


@dataclass
class Existing:
    by_slug: dict[str, str] = field(default_factory=dict)  # slug → file name in reviews/
    by_source: dict[str, str] = field(default_factory=dict)  # url_key(source_url) → file name
    last_number: int = 0  # the largest numeric prefix in use
    width: int = 2  # digits of the numeric prefix


def scan(volume_dir: Path) -> Existing:
    found = Existing()
    folder = volume_dir / "reviews"
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in READERS or path.name.startswith(".") or not path.is_file():
            continue
        found.by_slug[slug_for(path)] = path.name
        if match := _NUMBER.match(path.name):
            found.last_number = max(found.last_number, int(match[1]))
            found.width = max(found.width, len(match[1]))
        if url := _source_url(path):
            found.by_source[url_key(url)] = path.name
    return found


def _source_url(path: Path) -> str | None:
    """The review's source_url, read leniently: a broken review is the build's business, not ours."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:65536]
    except OSError:
        return None
    match = _SOURCE_URL.search(head.split("\n---", 1)[0])
    if not match:
        return None
    try:
        value = yaml.safe_load(match[1])
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) else None
