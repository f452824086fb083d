"""The omnibus: every volume of a series in one book, as Vellum makes box sets.

Each volume becomes a part (a part title page, then its reviews); the contents list parts with their
reviews; page numbers run through the whole book; the indexes say which volume an entry is in ("vol. 2,
p. 131"). Review ids are unique across the series (slugs are checked), so links keep working. The
front and back matter is the series' own (the files beside series.toml, and the generated pages).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reelpress.build import BuildResult, FORMATS, Progress, load, write_volume
from reelpress.config import derived_identifier, load_series, series_volumes
from reelpress.util.files import check_writable
from reelpress.book import matter as book_matter, strings
from reelpress.book.indexes import build_indexes
from reelpress.model import Part, TocEntry, Volume
from reelpress.writers import WriteOptions
from reelpress.util.xhtml import q, slugify


def load_omnibus(series_dir: Path, progress: Progress = lambda stage: None) -> Volume:
    series = load_series(series_dir)
    volumes = [load(folder, progress) for folder in series_volumes(series_dir, series)]
    first = volumes[0]
    parts, reviews, numbers = [], [], {}
    for volume in volumes:
        number = volume.config.series_index
        parts.append(Part(number, volume.config.title, volume.config.subtitle, f"part-{number:g}",
                          volume.reviews[0].anchor))
        reviews += volume.reviews
        numbers.update({review.anchor: number for review in volume.reviews})
    t = strings.for_config(first.config)
    config = replace(first.config, title=series.title, subtitle=t("omnibus_subtitle", count=len(volumes)),
                     identifier=derived_identifier(f"{series.title} (omnibus)", first.config.author),
                     series=series.title, series_index=None, order=None,
                     description=t("omnibus_description", count=len(volumes), series=series.title),
                     published=max((v.config.published for v in volumes if v.config.published), default=None))
    indexes = build_indexes(reviews, config.indexes, numbers, language=config.language,
                            words=strings.for_config(config))
    pages = _shared_matter(series_dir, first, config, reviews)
    toc = tuple(TocEntry(f"{t('volume', number=f'{part.number:g}')}: {part.title}", part.anchor, tuple(
        TocEntry(r.meta.title, r.anchor) for r in volume.reviews), kind="part")
        for part, volume in zip(parts, volumes))
    toc += tuple(TocEntry(index.title, index.anchor, kind="index") for index in indexes)
    listed = [page for page in pages if book_matter.kind_of(page.slug).heading]
    toc = (*(TocEntry(p.meta.title, p.anchor, kind="matter") for p in listed if book_matter.kind_of(p.slug).front),
           *toc, *(TocEntry(p.meta.title, p.anchor, kind="matter") for p in listed
                   if not book_matter.kind_of(p.slug).front))
    return Volume(directory=series_dir, config=config, reviews=reviews, assets=_merge_assets(volumes),
                  toc=toc, indexes=indexes, parts=tuple(parts), matter=tuple(pages), output_name=f"{slugify(series.title)}-omnibus",
                  modified=max(v.modified for v in volumes), warnings=[w for v in volumes for w in v.warnings])


def _shared_matter(series_dir: Path, first: Volume, config, reviews) -> list:
    """The front and back matter of the whole series: the pages kept beside series.toml (a volume's own
    introduction is that volume's), and the pages generated for every review ("Original Publication")."""
    folder = Path(series_dir).resolve()
    shared = [page for page in first.matter if not page.generated and page.path.resolve().parent == folder]
    made = book_matter.generated(config, reviews, {page.slug for page in shared}, strings.for_config(config),
                                 folder / "series.toml")
    return book_matter.in_order(shared + made)


def _merge_assets(volumes: list[Volume]) -> dict:
    """All volumes' images; two different files with the same place in the book get distinct places."""
    merged, taken = {}, {}
    for volume in volumes:
        renamed = {}
        for path, asset in volume.assets.items():
            if asset is volume.cover:
                continue
            href = asset.href
            if taken.get(href, path) != path:
                href = asset.href.replace("images/", f"images/volume-{volume.config.series_index:g}/", 1)
                renamed[asset.href] = href
            taken[href] = path
            merged[path] = replace(asset, href=href)
        for review in volume.reviews:
            for image in review.body.iter(q("img")):
                image.set("src", renamed.get(image.get("src"), image.get("src")))
    return merged


def build_omnibus(series_dir: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS,
                  progress: Progress = lambda stage: None, profile: str | None = None) -> BuildResult:
    check_writable(out_dir)
    return write_volume(load_omnibus(series_dir, progress), out_dir, formats, progress, WriteOptions(profile=profile),
                        "the omnibus ")
