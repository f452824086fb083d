"""`reelpress init` and `reelpress new`: a series to start from, and a review file to write in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from reelpress.errors import fail
from reelpress.util.files import atomic_write
from reelpress.readers import READERS, REVIEWS_DIR, slug_for
from reelpress.util.xhtml import slugify

#: What `init` writes: file in templates/init → where it goes in the new series.
SCAFFOLD = {"series.toml": "series.toml", "volume.toml": "volume-1/volume.toml",
            "review.md": "volume-1/reviews/01-a-first-review.md", "README.md": "README.md",
            "gitignore": ".gitignore", "books.yml": ".github/workflows/books.yml", "dictionary.txt": "dictionary.txt"}


def init(folder: Path, author: str = "Your Name") -> list[Path]:
    """Scaffold a series in an empty (or new) folder; refuse to write into a folder with files."""
    from reelpress.writers.templating import render

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        fail(folder, "RP057", "not empty: `reelpress init` only writes into a new or empty folder")
    title = " ".join(word.capitalize() for word in re.split(r"[-_\s]+", folder.resolve().name) if word)
    context = {"title": title or "My Film Reviews", "author": author, "year": dt.date.today().year,
               "today": dt.date.today().isoformat()}
    written = []
    for template, target in SCAFFOLD.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, render(f"init/{template}", **context).encode("utf-8"))
        written.append(path)
    (folder / "volume-1" / "images").mkdir(exist_ok=True)
    return written


def new_review(volume_dir: Path, title: str, film: str | None = None, year: int | None = None,
               director: str | None = None, rating: float | None = None) -> Path:
    """reviews/NNN-slug.md with its front matter filled in, numbered after the last review."""
    folder = volume_dir / REVIEWS_DIR
    if not (volume_dir / "volume.toml").is_file():
        fail(volume_dir, "RP001", "not a volume: there is no volume.toml here")
    slug = slugify(title)
    if not slug:
        fail(volume_dir, "RP013", f"the title {title!r} gives no usable file name")
    existing = [p for p in folder.iterdir() if p.suffix.lower() in READERS] if folder.is_dir() else []
    taken = {slug_for(p): p for p in existing}
    if slug in taken:
        fail(taken[slug], "RP014", f"a review with the slug `{slug}` exists already; choose another title")
    numbers = [int(m[1]) for p in existing if (m := re.match(r"^(\d+)[-_. ]", p.name))]
    width = max([2] + [len(m[1]) for p in existing if (m := re.match(r"^(\d+)[-_. ]", p.name))])
    path = folder / f"{max(numbers, default=0) + 1:0{width}d}-{slug}.md"
    meta = {"title": title, "film": film, "year": year, "director": director, "rating": rating,
            "published": dt.date.today()}
    front = yaml.safe_dump({k: v for k, v in meta.items() if v is not None}, allow_unicode=True, sort_keys=False)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, f"---\n{front}---\n\nWrite the review here.\n".encode("utf-8"))
    return path
