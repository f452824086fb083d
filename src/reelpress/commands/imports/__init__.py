"""`reelpress import`: posts from where critics publish → review source files in a volume.

An importer's contract is `posts(source, **options) -> list[Post]`: it knows one platform's export
and removes that platform's chrome. Everything after that is shared: planning file names, cleaning
(embeds, remote images, boilerplate, links between reviews), writing Markdown. Importers never build
books, and never overwrite an existing review unless asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reelpress.config import CONFIG_NAME, VolumeConfig, load_volume_config
from reelpress.errors import fail
from reelpress.util.files import atomic_write, save
from reelpress.commands.imports import blogger, copies, ghost, ledger, letterboxd, medium, substack, webpage, wordpress
from reelpress.commands.imports.filters import select
from reelpress.commands.imports.cleanup import Cleaning, clean, url_key
from reelpress.commands.imports.existing import Existing, scan
from reelpress.commands.imports.markdown_out import review_source
from reelpress.model import Post
from reelpress.normalise.boilerplate import compile_patterns
from reelpress.normalise.semantics import title_key

IMPORTERS = {
    "medium": medium,
    "substack": substack,
    "html": webpage,
    "wordpress": wordpress,
    "blogger": blogger,
    "ghost": ghost,
    "letterboxd": letterboxd,
}
PLATFORM_NAMES = {"medium": "a Medium export", "substack": "a Substack export", "html": "a web page",
                  "wordpress": "a WordPress export", "blogger": "a Blogger export", "ghost": "a Ghost export",
                  "letterboxd": "a Letterboxd export"}


@dataclass
class Row:
    """One line of the import report."""

    status: str  # imported, overwritten, kept, skipped (or "would …" on a dry run)
    title: str
    file: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    changes: str = ""  # what was dropped or replaced, by kind and count (ledger.summary)
    entries: list = field(default_factory=list)  # the ledger behind `changes`, with the text involved


@dataclass
class Options:
    drafts: bool = False
    overwrite: bool = False
    dry_run: bool = False
    fetch_images: bool = False
    publication_url: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()  # --category: keep posts with one of these categories, tags or labels
    since: dt.date | None = None
    until: dt.date | None = None
    pages: bool = False  # WordPress: pages too
    uploads: Path | None = None  # WordPress: a copy of wp-content/uploads
    site_url: str | None = None  # Ghost: what __GHOST_URL__ stands for
    prefer: str | None = None  # the platform whose copy of a cross-posted review is kept

    def __post_init__(self):
        for key in ("since", "until"):  # the command line gives a datetime
            if isinstance(getattr(self, key), dt.datetime):
                setattr(self, key, getattr(self, key).date())


def run(kind: str, sources: list[Path], volume_dir: Path, options: Options) -> list[Row]:
    """Import every post of `sources` into `volume_dir`; return the report's rows."""
    module = IMPORTERS[kind]
    found: list[Post] = []
    for source in sources:
        if not source.is_file():
            fail(source, "RP070", "not a regular file" if source.exists() else "no such file")
        found += module.posts(source, **_reading(options))
    select(found, options)
    config, new = _volume_config(volume_dir, found, options)
    existing = scan(volume_dir)
    rows, planned = plan(found, existing, options, kind)
    links = _link_map(planned, existing)
    fetcher = _fetcher(volume_dir, options)
    link_keys = getattr(module, "link_keys", lambda url: {url_key(url)})
    written: dict[Path, bytes] = {}
    for post, row in planned:
        cleaning = Cleaning(compile_patterns(config), links, link_keys, fetcher, ledger=post.removed)
        row.warnings += post.warnings
        clean(post.body, cleaning, lambda code, message, row=row: row.warnings.append(f"{code} {message}"))
        row.changes, row.entries = ledger.summary(post.removed), post.removed
        source_text = review_source(post, f"{PLATFORM_NAMES[kind]}: {post.origin}")
        written[volume_dir / "reviews" / row.file] = source_text.encode("utf-8")
    if not options.dry_run:
        _write(volume_dir, config if new else None, written)
    return rows


def _reading(options: Options) -> dict:
    """What an importer's `posts` is told (each takes what it knows and ignores the rest)."""
    return {"drafts": options.drafts, "publication_url": options.publication_url, "pages": options.pages,
            "uploads": options.uploads, "site_url": options.site_url}


def plan(found: list[Post], existing: Existing, options: Options,
         kind: str = "") -> tuple[list[Row], list[tuple[Post, Row]]]:
    """Decide, post by post, what happens and under which file name; nothing is written here."""
    rows: list[Row] = []
    planned: list[tuple[Post, Row]] = []
    prefix = "would " if options.dry_run else ""
    counter = [existing.last_number]
    taken: set[str] = set()
    for post in sorted(found, key=lambda p: (p.published is None, p.published or 0, p.origin)):
        same_source = existing.by_source.get(url_key(post.source_url or "")) if post.source_url else None
        same_title = existing.by_title.get(title_key(post.title))
        copy = None if post.skip or same_source else copies.decide(post, kind, existing, options.prefer)
        if post.skip:
            rows.append(Row("skipped", post.title, reason=post.skip))
        elif same_source and not options.overwrite:
            rows.append(Row("skipped", post.title, same_source, "already in the volume (same source_url)"))
        elif copy:
            rows.append(Row(prefix + "overwritten" if copy.replace else "skipped", post.title, copy.file,
                            copy.reason))
            planned += [(post, rows[-1])] if copy.replace else []
        elif same_title and same_title != existing.by_slug.get(post.slug) and not options.overwrite:
            rows.append(Row("skipped", post.title, same_title, "a review with the same title is in the volume "
                                                               "(cross-posted?)"))
        else:
            row = _place(post, same_source, existing, options, taken, counter)
            rows.append(row)
            if row.status != "kept":
                planned.append((post, row))
    return rows, planned


def _place(post: Post, same_source, existing: Existing, options: Options, taken: set[str], counter: list[int]) -> Row:
    """The file a post goes to: its own slug made unique, a new number unless it replaces a file."""
    prefix = "would " if options.dry_run else ""
    slug = _unique(post.slug, taken)
    taken.add(slug)
    current = existing.by_slug.get(slug) or same_source
    if current and not options.overwrite:
        return Row("kept", post.title, current, f"a review with slug `{slug}` exists (use --overwrite to replace it)")
    if current is None:
        counter[0] += 1
    file = current or f"{counter[0]:0{existing.width}d}-{slug}.md"
    return Row(prefix + ("overwritten" if current else "imported"), post.title, file, post.note or "")


def _unique(slug: str, taken: set[str]) -> str:
    candidate, counter = slug, 2
    while candidate in taken:
        candidate, counter = f"{slug}-{counter}", counter + 1
    return candidate


def _link_map(planned: list[tuple[Post, Row]], existing: Existing) -> dict[str, str]:
    links = dict(existing.by_source)
    for post, row in planned:
        links.update({key: row.file for key in post.keys})
    return links


def _fetcher(volume_dir: Path, options: Options):
    if options.dry_run or not (options.fetch_images or options.uploads):
        return None
    from reelpress.commands.imports.fetch import ImageFetcher
    fetcher = ImageFetcher(volume_dir / "images") if options.fetch_images else None
    if options.uploads:
        from reelpress.commands.imports.uploads import UploadsCopier
        return UploadsCopier(options.uploads, volume_dir / "images", fetcher)
    return fetcher


def _volume_config(volume_dir: Path, found: list[Post], options: Options) -> tuple[VolumeConfig, bool]:
    """The volume's config (its boilerplate list matters), and whether the volume is new (it then gets
    a starter volume.toml with its title and author)."""
    if (volume_dir / CONFIG_NAME).is_file():
        return load_volume_config(volume_dir), False
    if volume_dir.exists() and any((volume_dir / "reviews").glob("*")):
        fail(volume_dir / CONFIG_NAME, "RP001", "missing: the folder has reviews but no volume.toml")
    author = options.author or next((p.author for p in found if p.author), None)
    if not author:
        fail(volume_dir, "RP001", "a new volume needs an author: give --author \"Your Name\"")
    return VolumeConfig(title=volume_dir.name.replace("-", " ").title(), author=author), True


def _starter_toml(config: VolumeConfig) -> str:
    return (f"# Created by reelpress import; see the README for every key.\n"
            f"title = {_toml_string(config.title)}\nauthor = {_toml_string(config.author)}\n")


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(volume_dir: Path, starter: VolumeConfig | None, written: dict[Path, bytes]) -> None:
    """The review files, and a new volume's starter volume.toml."""
    (volume_dir / "reviews").mkdir(parents=True, exist_ok=True)
    if starter is not None:
        atomic_write(volume_dir / CONFIG_NAME, _starter_toml(starter).encode("utf-8"))
    save(written)


def table(rows: list[Row], volume_dir: Path) -> str:
    """The import report: one line per post, then every warning, then the totals."""
    width = {key: max([len(key)] + [len(str(getattr(r, key))) for r in rows]) for key in ("status", "file")}
    lines = [f"{'status':<{width['status']}}  {'file':<{width['file']}}  title — note"]
    for row in rows:
        note = f" — {row.reason}" if row.reason else ""
        lines.append(f"{row.status:<{width['status']}}  {row.file or '-':<{width['file']}}  {row.title}{note}")
    changes = [(row.file, row.changes) for row in rows if row.changes]
    if changes:
        lines += ["", "dropped and replaced (nothing else was left out):"]
        lines += [f"  {volume_dir / 'reviews' / file}: {text}" for file, text in changes]
    warnings = [(row.file, warning) for row in rows for warning in row.warnings]
    if warnings:
        lines += ["", "warnings:"] + [f"  {volume_dir / 'reviews' / file}: {text}" for file, text in warnings]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{status} {count}" for status, count in counts.items()) or "nothing found"
    lines += ["", f"{summary}; {len(warnings)} warning{'s' * (len(warnings) != 1)}"
              + ("; dry run: nothing was written" if any(r.status.startswith("would") for r in rows) else "")]
    return "\n".join(lines)
