"""`reelpress build VOLUME`'s library side: build a volume unless nothing it depends on changed.

The single-volume command and each volume of a series build go through `build_if_changed`. The fast
path (cache/outputs.py) is asked first and imports nothing heavy: an unchanged volume is answered
without loading Markdown, ebooklib or WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reelpress.cache import folder as cache_folder, outputs as output_cache
from reelpress.writers import WriteOptions


@dataclass
class Built:
    """What `build_if_changed` did: the outputs, the volume when it was loaded, and the warnings."""

    outputs: dict[str, Path]
    volume: object = None  # the loaded Volume (None when unchanged and not asked for)
    warnings: list = field(default_factory=list)
    up_to_date: bool = False  # nothing changed since the build that wrote `outputs`: nothing was written
    notes: list = field(default_factory=list)  # what the build did that a user may want to know


def options_for(out_dir: Path, profile: str | None = None, jobs: int = 1, store: str | None = None) -> WriteOptions:
    """The options of a command-line build into `out_dir`: its cache is `.reelpress-cache/` beside it."""
    return WriteOptions(profile=profile, jobs=jobs, cache_dir=cache_folder(out_dir), store=store)


def build_if_changed(volume_dir: Path, out_dir: Path, formats: tuple[str, ...], options: WriteOptions,
                     progress=lambda stage: None, load_unchanged: bool = False) -> Built:
    """Build the volume unless the build cache says its outputs in `out_dir` are what these inputs
    make: then nothing is written (with `load_unchanged`, the volume is loaded for a summary, from
    the review cache). A build without warnings is recorded for the next one."""
    outputs, inputs = output_cache.check(volume_dir, out_dir, formats, options.variant)
    if outputs is not None:
        volume = None
        if load_unchanged:
            from reelpress.build import load

            volume = load(volume_dir, cache_dir=options.cache_dir)
        return Built(outputs, volume, up_to_date=True)
    from reelpress.build import build

    result = build(volume_dir, out_dir, formats, progress, options)
    if not result.warnings:  # a build with warnings is built again, so they are shown again
        output_cache.remember(volume_dir, out_dir, formats, options.variant, result.outputs, inputs)
    return Built(result.outputs, result.volume, result.warnings, notes=result.notes)
