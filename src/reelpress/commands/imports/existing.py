"""What a volume already holds, so an import neither clobbers nor duplicates a review."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reelpress.commands.imports.cleanup import url_key
from reelpress.normalise.semantics import title_key
from reelpress.readers import READERS, slug_for

_NUMBER = re.compile(r"^(\d+)[-_. ]")


@dataclass(frozen=True)
class Copy:
    """A review in the volume as a copy of a post: where it was first published, when, and by which
    importer it came (None when the critic wrote the file: it is never replaced by an import)."""

    file: str
    source_url: str | None
    published: dt.date | None
    platform: str | None


@dataclass
class Existing:
    by_slug: dict[str, str] = field(default_factory=dict)  # slug → file name in reviews/
    by_source: dict[str, str] = field(default_factory=dict)  # url_key(source_url) → file name
    by_title: dict[str, str] = field(default_factory=dict)  # title_key(title) → file name
    copies: dict[str, Copy] = field(default_factory=dict)  # file name → what a cross-posted copy needs
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
        head = _front_matter(path)
        if url := _value(head, "source_url"):
            found.by_source[url_key(url)] = path.name
        if title := _value(head, "title"):
            found.by_title[title_key(title)] = path.name
        found.copies[path.name] = Copy(path.name, _value(head, "source_url"), _published(head), _platform(head))
    return found


def _published(head: str):
    match = re.search(r"^published:\s*(\d{4}-\d\d-\d\d)\s*$", head, re.MULTILINE)
    try:
        return dt.date.fromisoformat(match[1]) if match else None
    except ValueError:
        return None


def _platform(head: str) -> str | None:
    match = re.search(r"^# Imported from an? (\w+) (?:export|page)", head, re.MULTILINE)
    names = {"Medium": "medium", "Substack": "substack", "web": "html", "WordPress": "wordpress",
             "Blogger": "blogger", "Ghost": "ghost", "Letterboxd": "letterboxd"}
    return names.get(match[1]) if match else None


def _front_matter(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:65536].split("\n---", 1)[0]
    except OSError:
        return ""


def _value(head: str, key: str) -> str | None:
    """One front matter value, read leniently: a broken review is the build's business, not ours."""
    match = re.search(rf"^{key}:\s*(.+?)\s*$", head, re.MULTILINE)
    if not match:
        return None
    try:
        value = yaml.safe_load(match[1])
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) else None
