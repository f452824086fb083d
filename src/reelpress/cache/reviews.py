"""Each review as it leaves the per-review passes, kept for the next build (`.reelpress-cache/reviews/`).

Reading a review (Markdown, YAML) and running the passes on it is most of an EPUB build; after an edit
only the edited review needs it. An entry is found by a SHA-256 of what reading and normalising one
review depend on: reelpress's code, the source file's path, slug and text, and the volume's settings.
What they also depend on across the volume is checked when the entry is used: the set of films the
volume reviews (the semantics pass turns their titles into <cite>) and, for every image the review
shows, that registering it again gives the same file name in the book (an image whose bytes have
changed since is inspected again, so a broken one is reported). Any difference means the review is
read and normalised again. Problems found while reading and normalising are kept with the entry and
reported again, in the same order; a review with errors is not kept. The volume-wide passes (links,
ids across reviews) always run.

The build asks this store before it reads a review and after it normalises one (build.py); readers
and passes never see it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import lxml.etree as etree

from reelpress import code_digest
from reelpress.book.assets import register
from reelpress.cache import file_digest, record_use
from reelpress.errors import InputError
from reelpress.model import Asset, Diagnostic, Review, ReviewMeta
from reelpress.util.files import cache_write
from reelpress.util.xhtml import q


ENTRY_KEYS = {"meta", "body_line", "xhtml", "read", "normalised", "films", "images"}


class ReviewStore:
    """Entries by key, in `folder`/reviews/."""

    def __init__(self, folder: Path, config, volume_name: str):
        self.folder = folder / "reviews"
        self.manifest = folder / f"reviews-{volume_name}.json"
        self.salt = code_digest() + repr(config)
        self.used: list[str] = []

    def key(self, path: Path, slug: str, text: str) -> str:
        return hashlib.sha256("\0".join((self.salt, str(path), slug, text)).encode("utf-8", "surrogatepass")).hexdigest()

    def find(self, key: str) -> dict | None:
        """The entry under `key`, or None (also for an entry that is damaged: it only costs time)."""
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) and ENTRY_KEYS <= entry.keys() else None

    def keep(self, key: str, entry: dict) -> None:
        """Keep `entry` (made by `make_entry`) under `key`, used by this build."""
        self.use(key)
        cache_write(self.folder / f"{key}.json", json.dumps(entry).encode())

    def use(self, key: str) -> None:
        self.used.append(key)

    def finish(self) -> None:
        """Record the entries this build used; remove those the previous build used and this one not."""
        record_use(self.manifest, self.folder, set(self.used), (".json",))


def make_entry(review: Review, read: list[Diagnostic], problems: list[Diagnostic], assets: dict[Path, Asset],
               films: frozenset[str]) -> dict:
    """What the store keeps of a review just read (with the problems `read`) and normalised (with
    `problems`) in a volume with these `assets` and `films`."""
    by_href = {asset.href: asset for asset in assets.values()}
    images = [(str(a.path), a.href, file_digest(a.path), a.media_type, a.width, a.height)
              for a in (by_href.get(img.get("src")) for img in review.body.iter(q("img"))) if a]
    meta = asdict(review.meta)
    meta["published"] = review.meta.published.isoformat() if review.meta.published else None
    return {"meta": meta, "body_line": review.body_line, "xhtml": etree.tostring(review.body, encoding="unicode"),
            "read": [asdict(d) for d in read], "normalised": [asdict(d) for d in problems], "films": sorted(films),
            "images": images}


def review_of(entry: dict, slug: str, path: Path, text: str) -> Review | None:
    """The review an entry holds, its body already normalised; None when the entry cannot give it."""
    try:
        meta = dict(entry["meta"])
        meta["published"] = dt.date.fromisoformat(meta["published"]) if meta["published"] else None
        problems(entry, "read"), problems(entry, "normalised")  # noqa: B018 — they must read back too
        return Review(slug, path, ReviewMeta(**meta), etree.fromstring(entry["xhtml"]), text, entry["body_line"])
    except (KeyError, TypeError, ValueError, etree.XMLSyntaxError):
        return None


def holds(entry: dict, films: frozenset[str], volume_dir: Path, assets: dict[Path, Asset]) -> bool:
    """Whether the entry is still right in this volume: the same films, and each image registering
    under the same name as before (registered into `assets` as it goes). An image whose bytes are the
    ones inspected then is not inspected again; a changed one is."""
    if entry["films"] != sorted(films):
        return False
    try:
        for path, href, digest, *facts in entry["images"]:
            known = tuple(facts) if digest is not None and file_digest(Path(path)) == digest else None
            if register(Path(path), volume_dir, assets, known).href != href:
                return False
    except (InputError, OSError, TypeError, ValueError):  # a changed image, or a damaged entry
        return False
    return True


def problems(entry: dict, stage: str) -> list[Diagnostic]:
    """The problems reading (`read`) or normalising (`normalised`) the review found when it was kept."""
    return [Diagnostic(**item) for item in entry[stage]]
