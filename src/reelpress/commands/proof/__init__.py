"""`reelpress proof`: a proof PDF, page images, a contact sheet and a report a person can work through.

    DIR/proof.pdf           the proof profile: the book's pages on a wider sheet, PROOF and the date,
                            each review's source file and address at its foot
    DIR/book.pdf            the book as readers get it (the reading profile), kept for later comparisons
    DIR/pages/page-NNN.png  every page of the proof
    DIR/contact-sheet.png   every page of the book as a thumbnail, in spreads
    DIR/report.html         words and reading time, spelling and typographic suspects, overfull lines,
                            and, with --against OLD.pdf, the pages whose rendering changed
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reelpress.book.reading import WORDS_PER_MINUTE, reading_minutes
from reelpress.build import load
from reelpress.commands.check import book
from reelpress.commands.check.rules import RULES
from reelpress.util.files import check_writable, save
from reelpress.model import Diagnostic, Volume
from reelpress.writers import WriteOptions
from reelpress.util.xhtml import word_count

DICTIONARY = "dictionary.txt"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class ReviewStats:
    title: str
    source: str
    words: int

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)


@dataclass
class Proof:
    volume: Volume
    folder: Path
    reviews: list[ReviewStats] = field(default_factory=list)
    spelling: list[Diagnostic] = field(default_factory=list)
    typography: list[Diagnostic] = field(default_factory=list)
    overfull: list[int] = field(default_factory=list)
    pages: int = 0
    changed: list[int] | None = None  # None: no comparison asked for
    spelling_note: str = ""

    @property
    def words(self) -> int:
        return sum(r.words for r in self.reviews)


def proof(volume_dir: Path, out_dir: Path | None = None, against: Path | None = None) -> Proof:
    from reelpress.commands.proof import pages, spelling
    from reelpress.writers.pdf.document import render_document

    volume = load(volume_dir)
    folder = out_dir or Path("dist") / "proof" / volume.name
    check_writable(folder)
    result = Proof(volume, folder)
    proof_out, document = render_document(volume, WriteOptions(profile="proof"))
    book_out, _ = render_document(volume, WriteOptions(profile="reading"))
    proof_pdf, book_pdf = proof_out.data, book_out.data
    result.pages = len(document.pages)
    result.overfull = pages.overfull_lines(document)
    result.reviews = [ReviewStats(r.meta.title, str(r.path.relative_to(volume.directory)), word_count(r.body))
                      for r in volume.reviews]
    result.spelling, result.spelling_note = spelling.suspects(volume, _dictionary(volume_dir))
    chapters = book.from_volume(volume)
    result.typography = [Diagnostic(where, line, None, rule.code, rule.severity, message)
                         for rule in RULES if rule.scope == "text" for where, line, message in rule.check(chapters)]
    files = {folder / "proof.pdf": proof_pdf, folder / "book.pdf": book_pdf}
    images = pages.render(proof_pdf, dpi=100)
    files.update({folder / "pages" / f"page-{n:03d}.png": png for n, png in enumerate(images, 1)})
    files[folder / "contact-sheet.png"] = pages.contact_sheet(pages.render(book_pdf, dpi=40))
    if against is not None:
        result.changed, comparisons = pages.compare(against.read_bytes(), book_pdf)
        files.update({folder / "changes" / f"page-{n:03d}.png": png for n, png in comparisons.items()})
    files[folder / "report.html"] = _report_html(result).encode("utf-8")
    save(files)
    return result


def _dictionary(volume_dir: Path) -> set[str]:
    """The critic's own words: dictionary.txt in the volume, and in the series folder above it."""
    words: set[str] = set()
    for folder in (volume_dir, volume_dir.parent):
        path = folder / DICTIONARY
        if path.is_file():
            words |= {w.strip().casefold() for w in path.read_text(encoding="utf-8").split("\n")
                      if w.strip() and not w.startswith("#")}
    return words


def summary(result: Proof) -> str:
    """The plain-text summary for the terminal."""
    lines = [f"{result.volume.name}: {result.pages} pages, {result.words:,} words, "
             f"{reading_minutes(result.words)} min reading"]
    for review in result.reviews:
        lines.append(f"  {review.words:>6,} words  {review.minutes:>3} min  {review.title}")
    lines.append(f"spelling suspects: {len(result.spelling)}" + (f" ({result.spelling_note})"
                                                                 if result.spelling_note else ""))
    lines.append(f"typographic suspects: {len(result.typography)}")
    lines.append("overfull lines: " + (", ".join(f"p. {n}" for n in result.overfull) or "none"))
    if result.changed is not None:
        lines.append("changed pages: " + ", ".join(map(str, result.changed)) if result.changed
                     else "no pages changed")
    lines.append(f"wrote {result.folder}/report.html, proof.pdf, book.pdf, contact-sheet.png, "
                 f"{result.pages} page images")
    return "\n".join(lines)


def _report_html(result: Proof) -> str:
    from reelpress.writers.templating import render
    return render("proof/report.html", proof=result, wpm=WORDS_PER_MINUTE,
                  relative=lambda path: str(Path(path).relative_to(result.volume.directory))
                  if Path(path).is_relative_to(result.volume.directory) else path)

