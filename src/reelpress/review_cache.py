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
ids across reviews) always run. Entries made during this build by the read-ahead worker
(readahead.py) are used and checked in the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import lxml.etree as etree

from reelpress import code_digest
from reelpress.cache import file_digest, record_use
from reelpress.assets import register
from reelpress.errors import Collector, InputError
from reelpress.fsutil import cache_write
from reelpress.model import Diagnostic, Review, ReviewMeta
from reelpress.xhtml import q


class ReviewCache:
    """Entries by key; with no folder it finds nothing and keeps nothing."""

    def __init__(self, folder: Path | None, config, volume_name: str):
        self.folder = folder / "reviews" if folder else None
        self.manifest = folder / f"reviews-{volume_name}.json" if folder else None
        self.salt = code_digest() + repr(config)
        self.state: dict[int, dict] = {}  # id(review) → key, entry or reading problems, re-reader
        self.used: list[str] = []
        self.memory: dict[str, dict] = {}  # entries made in this build (by readahead.py's worker)
        self.ahead = None  # a readahead.Ahead: entries still being made

    def key(self, path: Path, slug: str, text: str) -> str:
        return hashlib.sha256("\0".join((self.salt, str(path), slug, text)).encode("utf-8", "surrogatepass")).hexdigest()

    def read(self, path: Path, slug: str, text: str, report: Collector, reader) -> Review | None:
        """The review, from its entry when there is one (its reading problems reported again), else
        from `reader(path, slug, text, collector)`."""
        key = self.key(path, slug, text)
        entry = self._load(key)
        again = lambda: reader(path, slug, text, Collector())  # noqa: E731  (the raw body, if needed)
        if entry is not None:
            review = _review(entry, slug, path, text)
            _replay(entry["read"], report)
        else:
            own = Collector()
            review = reader(path, slug, text, own)
            report.items.extend(own.items)
            entry = {"read": [asdict(d) for d in own.items]}
        if review is not None:
            self.state[id(review)] = {"key": key, "entry": entry, "again": again}
        return review

    def normalise(self, review: Review, ctx, passes) -> None:
        """Run `passes` on the review — unless its entry is still valid in this volume: then its body
        is already normalised, and its images are registered and its problems reported again."""
        state = self.state.get(id(review), {})
        entry = state.get("entry", {})
        if "xhtml" in entry and entry["films"] == sorted(ctx.films) and _images_hold(entry, ctx):
            _replay(entry["normalised"], ctx.report)
            self.used.append(state["key"])
            return
        if "xhtml" in entry:  # a stale entry: start again from the source
            review.body = state["again"]().body
        report, ctx.report = ctx.report, Collector()
        for run in passes:
            run(review.body, ctx)
        report.items.extend(ctx.report.items)
        problems, ctx.report = ctx.report.items, report
        if state and not any(d.severity == "error" for d in problems + _diagnostics(entry["read"])):
            self._save(state["key"], review, entry["read"], problems, ctx)

    def _save(self, key: str, review: Review, read: list, problems: list[Diagnostic], ctx) -> None:
        self.used.append(key)
        self._keep(key, make_entry(review, read, problems, ctx))

    def _keep(self, key: str, entry: dict) -> None:
        if self.folder is not None:
            cache_write(self.folder / f"{key}.json", json.dumps(entry).encode())

    def finish(self) -> None:
        """Record the entries this build used; remove those the previous build used and this one not."""
        if self.manifest is not None:
            record_use(self.manifest, self.folder, set(self.used), (".json",))

    def last_used(self) -> int:
        """How many entries the last build of this volume used (0 when unknown)."""
        try:
            return len(json.loads(self.manifest.read_text(encoding="utf-8"))["keys"])
        except (AttributeError, OSError, ValueError, KeyError, TypeError):
            return 0

    def has(self, key: str) -> bool:
        """Whether there is an entry under `key` (without reading it)."""
        return key in self.memory or (self.folder is not None and (self.folder / f"{key}.json").is_file())

    def close(self) -> None:
        """End the read-ahead worker, if any, once its jobs are done (also when loading failed early)."""
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None

    def _load(self, key: str) -> dict | None:
        if self.ahead is not None and key in self.ahead.keys:
            self.memory.update(self.ahead.entries())  # waits for the worker; once
            for made, entry in self.memory.items():
                self._keep(made, entry)
        if key in self.memory or self.folder is None:
            return self.memory.get(key)
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return entry if isinstance(entry, dict) and "xhtml" in entry else None
        except (OSError, ValueError):
            return None


def make_entry(review: Review, read: list, problems: list[Diagnostic], ctx) -> dict:
    """What the cache keeps of a review just read (`read`: its reading problems, as dicts) and normalised
    (`problems`) in `ctx`, a normalise.Context."""
    by_href = {asset.href: asset for asset in ctx.assets.values()}
    images = [(str(a.path), a.href, file_digest(a.path), a.media_type, a.width, a.height)
              for a in (by_href.get(img.get("src")) for img in review.body.iter(q("img"))) if a]
    meta = asdict(review.meta)
    meta["published"] = review.meta.published.isoformat() if review.meta.published else None
    return {"meta": meta, "body_line": review.body_line, "xhtml": etree.tostring(review.body, encoding="unicode"),
            "read": read, "normalised": [asdict(d) for d in problems], "films": sorted(ctx.films), "images": images}


def _review(entry: dict, slug: str, path: Path, text: str) -> Review:
    meta = dict(entry["meta"])
    meta["published"] = dt.date.fromisoformat(meta["published"]) if meta["published"] else None
    return Review(slug, path, ReviewMeta(**meta), etree.fromstring(entry["xhtml"]), text, entry["body_line"])


def _images_hold(entry: dict, ctx) -> bool:
    """Whether each image registers under the same name as before. An image whose bytes are the ones
    inspected then is not inspected again; a changed one is."""
    for path, href, digest, *facts in entry["images"]:
        try:
            known = tuple(facts) if digest is not None and file_digest(Path(path)) == digest else None
            if register(Path(path), ctx.volume_dir, ctx.assets, known).href != href:
                return False
        except (InputError, OSError):
            return False
    return True


def _diagnostics(items: list[dict]) -> list[Diagnostic]:
    return [Diagnostic(**item) for item in items]


def _replay(items: list[dict], report: Collector) -> None:
    report.items.extend(_diagnostics(items))
