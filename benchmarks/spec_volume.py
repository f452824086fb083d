"""Build the CommonMark spec's examples as one volume: each example's Markdown as a Markdown review and
its expected HTML as an HTML review, then EPUBCheck the book.

    python benchmarks/spec_volume.py OUT_DIR

Reviews the build refuses (a diagnostic with file and line) are set aside and the rest built again,
so the EPUB holds every review the build accepts; a traceback or an EPUBCheck message is a bug.
"""

from __future__ import annotations

import shutil
from collections import Counter
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import commonmark  # noqa: E402

#: The examples test the reader; the print edition's page numbers (a print layout of every example) are
#: tests/writers/test_pagelist.py's to test, and would cost most of the time here.
CONFIG = 'title = "The Spec Examples"\nauthor = "CommonMark"\nlanguage = "en"\n\n[accessibility]\npage_list = false\n'


def write_volume(folder: Path, items: list[dict]) -> Path:
    """One Markdown and one HTML review per example."""
    reviews = folder / "reviews"
    reviews.mkdir(parents=True)
    (folder / "volume.toml").write_text(CONFIG, encoding="utf-8")
    for example in items:
        number = example["number"]
        front = f"---\ntitle: Example {number}\n---\n"
        (reviews / f"{number:04d}-md-{number}.md").write_text(front + example["markdown"], encoding="utf-8")
        (reviews / f"{number:04d}-html-{number}.html").write_text(front + example["html"], encoding="utf-8")
    return folder


def build_accepted(volume: Path, out: Path, rounds: int = 6) -> tuple[Path | None, dict[str, str]]:
    """Build the EPUB, setting aside each review the build refuses, until it builds; (epub, {refused
    review: the codes of its errors}). The epub is None when every review was refused."""
    from reelpress.build import build
    from reelpress.errors import InputError
    refused: dict[str, str] = {}
    aside = volume.parent / f"{volume.name}-refused"
    aside.mkdir(exist_ok=True)
    for _ in range(rounds):
        try:
            build(volume, out, ("epub",))
            return out / f"{volume.name}.epub", refused
        except InputError as error:
            moved = {}
            for d in error.diagnostics:
                name = Path(d.path).name
                if d.severity == "error" and (volume / "reviews" / name).exists():
                    moved[name] = " ".join(sorted(set(moved.get(name, "").split()) | {d.code}))
            if not moved:
                raise
            for name in moved:
                shutil.move(volume / "reviews" / name, aside / name)
            refused.update(moved)
            if not any((volume / "reviews").iterdir()):
                return None, refused  # every review refused
    raise RuntimeError(f"still refused after {rounds} rounds")


def main(argv: list[str]) -> int:
    from reelpress.commands.check import epubcheck
    out = Path(argv[0])
    volume = write_volume(out / "spec-examples", commonmark.examples(commonmark.fetch()))
    epub, refused = build_accepted(volume, out / "dist")
    problems = epubcheck.check(epub)
    codes = Counter(refused.values())
    print(f"refused {len(refused)} reviews, by the codes of their errors: {dict(codes.most_common())}")
    print("\n".join(str(p) for p in problems) or "EPUBCheck: no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
