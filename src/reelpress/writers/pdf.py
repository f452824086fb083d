"""PDF writer: the book laid out by WeasyPrint with the print stylesheet.

`write` lays the book out in pieces (pdf_pieces: in parallel, reusing unchanged pieces from the cache)
and assembles them (pdf_assemble). `render_bytes` lays it out as one document, for the callers that
need WeasyPrint's laid-out pages themselves (proofing, the series index): the same pages.
Any warning WeasyPrint logs fails the build (weasy.py has the fetcher and the warning catcher). `write`
leaves WeasyPrint to the pieces' workers when it has them (pdf_task.py), so only the functions laying
the book out here import it.
"""

from __future__ import annotations

from pathlib import Path

from reelpress.errors import Collector, diagnostic, fail
from reelpress.model import Volume
from reelpress.writers import pdf_assemble, pdf_pieces, pdf_runner, pdf_task, print_layout
from reelpress.writers.templating import render, templates_dir
from reelpress.xhtml import parse_xhtml, q, tidy, to_html_string

def write(volume: Volume) -> bytes:
    """The PDF for `volume` in its profile (reading, print or proof), as bytes, built from pieces."""
    return lay_out(volume)[0]


def lay_out(volume: Volume, assemble: bool = True) -> tuple[bytes, list[pdf_pieces.Placed], int]:
    """The PDF (unless not `assemble`d: empty), its placed pieces (what is on each page: pagelist.py
    reads the print edition's), and how many documents were laid out rather than found in the cache."""
    root = book_tree(volume)
    _check_glyphs(root, volume)
    book = pdf_pieces.split(root)
    cache = pdf_runner.PieceCache(volume.cache_dir, f"{volume.name}-{volume.config.pdf.profile}")
    last = cache.last()
    settings, pages = volume.config.pdf, last.get("pages", {})
    total = last.get("total") or pdf_pieces.estimated_pages(volume)  # the last build's, or a guess
    runner = pdf_runner.Runner(cache, volume.jobs, total, volume.directory)
    try:
        geometry = print_layout.geometry(settings, total)
        for _ in range(4):  # print: the gutter depends on the page count, which depends on the gutter
            guess = pdf_pieces.folio_tasks(volume, geometry, total)
            placed, pages = pdf_pieces.lay_out(volume, book, geometry, runner, pages, guess)
            _raise_problems(volume, [piece.rendered for piece in placed])
            shown = pdf_pieces.folios_shown(placed)
            settled = print_layout.geometry(settings, len(shown))
            if settled == geometry:
                break
            geometry = settled
        folios = runner.render(pdf_pieces.folio_tasks(volume, geometry, len(shown)))
        blank = pdf_pieces.blank_task(volume, geometry)
        on_blanks = runner.render([blank])[0] if blank else None
    finally:
        runner.close()
    _raise_problems(volume, folios + ([on_blanks] if on_blanks else []))
    _low_resolution(volume, [(piece.first + page, src, dpi) for piece in placed
                             for page, src, dpi in piece.rendered.low_resolution])
    data = pdf_assemble.assemble(placed, folios, shown, pdf_pieces.anchor_pages(placed), on_blanks) if assemble else b""
    cache.finish(pages, len(shown))
    return data, placed, cache.fresh


def _raise_problems(volume: Volume, renders) -> None:
    problems = [problem for rendered in renders for problem in rendered.problems]
    if problems:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(problems)))


def _low_resolution(volume: Volume, found) -> None:
    """RP055 for each (page number, image, dpi) printed under 300 dpi."""
    for page, src, dpi in found:
        volume.warnings.append(diagnostic(volume.directory, "RP055", f"page {page}: image {Path(src).name} "
                                          f"prints at {dpi} dpi; paperbacks want 300 or more", severity="warning"))


def render_bytes(volume: Volume):
    """(PDF bytes, WeasyPrint document): the document lets proofing look at the laid-out pages."""
    from reelpress.writers.weasy import FatalURLFetchingError, Warnings

    settings = volume.config.pdf
    root = book_tree(volume)
    _check_glyphs(root, volume)
    html = to_html_string(root)
    with Warnings() as caught:
        try:
            geometry = print_layout.geometry(settings, 0)
            for _ in range(4):  # print: the gutter depends on the page count, which depends on the gutter
                document = _render(volume, html, geometry)
                settled = print_layout.geometry(settings, len(document.pages))
                if settled == geometry:
                    break
                geometry = settled
            pdf = document.write_pdf()
        except FatalURLFetchingError as exc:
            fail(volume.directory, "RP051", f"PDF rendering stopped: {exc}")
    if caught.messages:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(caught.messages)))
    if settings.profile == "print":
        _low_resolution(volume, print_layout.low_resolution_images(document))
    return pdf, document


def render_index(volume: Volume):
    """(PDF bytes, document) of a book that is only indexes (a series index), in the book's style."""
    xhtml = render("pdf/index-book.html", config=volume.config, indexes=volume.indexes,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    root = parse_xhtml(xhtml, "pdf/index-book.html")
    tidy(root)
    document = _render(volume, to_html_string(root), print_layout.geometry(volume.config.pdf, 0))
    return document.write_pdf(), document


def _render(volume: Volume, html: str, geometry: print_layout.Geometry):
    """The whole book laid out as one WeasyPrint document, with the stylesheets the pieces use."""
    from reelpress.writers import weasy

    sheets = (*pdf_pieces.stylesheets(volume, geometry), *pdf_pieces.proof_header(volume))
    return weasy.render_document(pdf_task.Task(html, sheets, volume.directory.resolve().as_uri() + "/",
                                               pdf_pieces.roots(volume)))


def _check_glyphs(root, volume: Volume) -> None:
    """A character the book's fonts cannot print is an error, not a box on the page."""
    files = (pdf_task.SERIF_DIR / "SourceSerifPro-Regular.ttf", templates_dir() / "fonts" / "ReelpressSymbols.ttf")
    try:
        coverage = print_layout.covered(files)
    except OSError as exc:
        fail(volume.directory, "RP051", f"a font of the book is missing: {exc}")
    missing = print_layout.uncovered(root, coverage)
    where = {review.anchor: review.path for review in volume.reviews}
    report = Collector()
    for section, chars in sorted(missing.items()):
        listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(chars))
        report.error(where.get(section, volume.directory / "volume.toml"), "RP054",
                     f"the book's fonts have no glyph for {listed}; the PDF would show empty boxes")
    report.raise_if_errors()


def book_tree(volume: Volume):
    """The book as one XHTML tree; images point at their files, links carry their targets for the
    page references, and the profile decides what else (no live links in print; sources in proof)."""
    xhtml = render("pdf/book.html", config=volume.config, reviews=volume.reviews, toc=volume.toc,
                   indexes=volume.indexes, series=volume.series, parts=volume.parts,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"), href=lambda target: f"#{target}")
    root = parse_xhtml(xhtml, "pdf/book.html")
    tidy(root)
    paths = {asset.href: asset.path for asset in volume.assets.values()}
    for image in root.iter(q("img")):
        if image.get("src") in paths:
            image.set("src", paths[image.get("src")].as_uri())
    profile = volume.config.pdf.profile
    for link in root.iter(q("a")):
        href = link.get("href", "")
        if href.startswith("#"):
            link.set("data-target", href)
        if profile == "print":
            link.attrib.pop("href", None)  # a paperback has no link annotations
    if profile == "proof":
        by_anchor = {review.anchor: review for review in volume.reviews}
        for section in root.iter(q("section")):
            if (review := by_anchor.get(section.get("id"))) is not None:
                section.set("data-source", str(review.path.relative_to(volume.directory)))
                section.set("data-url", review.meta.source_url or "")
    return root
