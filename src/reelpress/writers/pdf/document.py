"""The PDF of a volume: `write` lays the book out in pieces (pieces.py: in parallel, reusing unchanged
pieces from the cache) and assembles them (assemble.py); `render_document` lays it out as one
WeasyPrint document, for the callers that need WeasyPrint's laid-out pages themselves (proofing, the
series index): the same pages.

Any warning WeasyPrint logs fails the build (weasy/). `write` leaves WeasyPrint to the pieces' workers
when it has them (runner.py), so only the functions laying the book out here import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reelpress import templates_dir
from reelpress.errors import Collector, diagnostic, fail
from reelpress.model import Diagnostic, Volume
from reelpress.util.xhtml import parse_xhtml, q, tidy, to_html_string, word_count
from reelpress.writers import Output, WriteOptions
from reelpress.writers.pdf import blocks, emoji, entries, fit, fonts, glyphs, hyphenation, layout, pieces, tasks
from reelpress.writers.pdf.assemble import assemble as assemble_pieces
from reelpress.writers.pdf.runner import Runner
from reelpress.writers.templating import render


def write(volume: Volume, options: WriteOptions = WriteOptions()) -> Output:
    """The PDF for `volume` in the profile `options` asks for (else its own), built from pieces."""
    laid = lay_out(volume, options)
    return Output(laid.data, laid.warnings)


@dataclass
class LaidOut:
    """A book laid out in pieces: the PDF (unless not assembled), the placed pieces (what each page
    holds: pagelist.py reads the print edition's), how many documents were laid out rather than found
    in the piece cache, and the warnings."""

    data: bytes
    placed: list
    fresh: int
    warnings: list[Diagnostic]


def lay_out(volume: Volume, options: WriteOptions, assemble: bool = True) -> LaidOut:
    """The book in the profile `options` asks for, laid out in pieces and (if `assemble`) assembled."""
    settings = options.pdf_settings(volume.config)
    root = book_tree(volume, settings.profile)
    check_glyphs(root, volume)
    book = pieces.split(root, low_resolution=settings.profile == "print", tagged=settings.profile == "reading")
    runner = Runner(options.cache_dir, f"{volume.name}-{settings.profile}", volume.directory)
    last = runner.last()
    words = sum(word_count(review.body) for review in volume.reviews)
    total = last.get("total") or layout.estimated_pages(words, len(volume.reviews))  # the last build's, or a guess
    runner.use_workers(options.jobs, total)
    try:
        placed, geometry, pages = _settle(volume, book, settings, runner, total, last.get("pages", {}))
        shown = pieces.folios_shown(placed)
        folios = runner.render(pieces.folio_tasks(volume, geometry, len(shown)))
        blank = pieces.blank_task(volume, geometry)
        on_blanks = runner.render([blank])[0] if blank else None
    finally:
        runner.close()
    _raise_problems(volume, folios + ([on_blanks] if on_blanks else []))
    warnings = _low_resolution(volume, [(piece.first + page, src, dpi) for piece in placed
                                        for page, src, dpi in piece.rendered.low_resolution])
    data = assemble_pieces(placed, folios, shown, pieces.anchor_pages(placed), on_blanks,
                           font_files(volume)) if assemble else b""
    runner.finish(pages, len(shown))
    return LaidOut(data, placed, runner.fresh, warnings)


def _settle(volume: Volume, book, settings, runner, total: int, pages: dict[str, int]):
    """The pieces laid out until the gutter fits the page count: (placed pieces, geometry, the numbers
    before fitting, which the next build starts from)."""
    found = {"pages": pages}

    def lay_out_pieces(geometry):
        guess = pieces.folio_tasks(volume, geometry, total)
        placed, found["pages"], found["unfitted"] = pieces.lay_out(volume, book, geometry, runner, found["pages"], guess)
        _raise_problems(volume, [piece.rendered for piece in placed])
        return placed, len(pieces.folios_shown(placed))

    placed, geometry = layout.settle_geometry(settings, total, lay_out_pieces)
    return placed, geometry, found["unfitted"]


def _raise_problems(volume: Volume, renders) -> None:
    problems = [problem for rendered in renders for problem in rendered.problems]
    if problems:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(problems)))


def _low_resolution(volume: Volume, found) -> list[Diagnostic]:
    """RP055 for each (page number, image, dpi) printed under 300 dpi."""
    return [diagnostic(volume.directory, "RP055", f"page {page}: image {Path(src).name} prints at {dpi} dpi; "
                       "paperbacks want 300 or more", severity="warning") for page, src, dpi in found]


def render_document(volume: Volume, options: WriteOptions = WriteOptions()):
    """(Output, WeasyPrint document) of the book laid out as one document: the document lets proofing
    look at the laid-out pages."""
    from reelpress.writers.pdf.weasy import measure
    from reelpress.writers.pdf.weasy.render import FatalURLFetchingError, Warnings, draw

    settings = options.pdf_settings(volume.config)
    root = book_tree(volume, settings.profile)
    check_glyphs(root, volume)
    title = pieces.book_title(pieces.title_of(root))

    def lay_out(geometry):
        fit.reset(root)
        for _ in range(fit.ROUNDS):  # fitted as the pieces are (fit.py), so the pages are the same
            document = _render(volume, to_html_string(root), geometry, title)
            if not fit.fit(root, measure.figure_gaps(document.pages), measure.short_endings(document.pages)):
                break
        return document, len(document.pages)

    with Warnings() as caught:
        try:
            document, _ = layout.settle_geometry(settings, 0, lay_out)
            pdf = draw(document)
        except FatalURLFetchingError as exc:
            fail(volume.directory, "RP051", f"PDF rendering stopped: {exc}")
    if caught.messages:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(caught.messages)))
    warnings = _low_resolution(volume, layout.low_resolution_images(document)) if settings.profile == "print" else []
    return Output(pdf, warnings), document


def render_index(volume: Volume):
    """(PDF bytes, document) of a book that is only indexes (a series index), in the book's style."""
    from reelpress.writers.pdf.weasy.render import draw

    xhtml = render("pdf/index-book.html", config=volume.config, indexes=volume.indexes,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    root = parse_xhtml(xhtml, "pdf/index-book.html")
    tidy(root)
    entries.keep_together(root)
    document = _render(volume, to_html_string(root), layout.geometry_for(volume.config.pdf, 0))
    return draw(document), document


def _render(volume: Volume, html: str, geometry: layout.Geometry, extra: tuple[str, ...] = ()):
    """The whole book laid out as one WeasyPrint document, with the stylesheets the pieces use."""
    from reelpress.writers.pdf.weasy import render as weasy

    sheets = (*pieces.stylesheets(volume, geometry), *pieces.proof_header(geometry), *extra)
    return weasy.render_document(tasks.Task(html, sheets, volume.directory.resolve().as_uri() + "/", pieces.roots(volume)))


def font_files(volume: Volume) -> tuple[tuple[str, int], ...]:
    """Every font file the book may print with, (path, index in a collection): the book face, the
    symbols font, the fallback chain."""
    book = tuple((str(tasks.SERIF_DIR / f"SourceSerifPro-{name}.ttf"), 0) for name, _, _ in tasks.SERIF_FACES)
    chain = fonts.for_volume(volume)
    return tuple(dict.fromkeys((*book, (str(templates_dir() / "fonts" / "ReelpressSymbols.ttf"), 0), *chain.faces,
                                *((file, 0) for file in chain.files))))


def check_glyphs(root, volume: Volume) -> None:
    """A character the book's fonts cannot print is an error, not a box on the page. First a special
    space no font has is set as the nearest one the book face has (glyphs.py), and emoji are marked
    for the emoji font (emoji.py)."""
    book = (str(tasks.SERIF_DIR / "SourceSerifPro-Regular.ttf"), str(templates_dir() / "fonts" / "ReelpressSymbols.ttf"))
    chain = fonts.for_volume(volume)
    try:
        plain = fonts.coverage(tuple((file, 0) for file in book) + chain.faces)
        coloured = fonts.coverage(chain.emoji)
    except OSError as exc:
        fail(volume.directory, "RP051", f"a font of the book is missing: {exc}")
    glyphs.substitute(root, plain | coloured)
    emoji.mark(root, plain, coloured)
    coverage = plain | coloured
    missing = glyphs.uncovered(root, coverage)
    where = {review.anchor: review.path for review in volume.reviews}
    report = Collector()
    for section, chars in sorted(missing.items()):
        listed = ", ".join(f"{c} (U+{ord(c):04X}, {blocks.block(c)[0]})" for c in sorted(chars))
        report.error(where.get(section, volume.directory / "volume.toml"), "RP054",
                     f"the book's fonts (its face and the fallback chain) have no glyph for {listed}; the PDF would "
                     "show empty boxes: "
                     + blocks.advice(chars, chain.families))
    report.raise_if_errors()


def book_tree(volume: Volume, profile: str):
    """The book as one XHTML tree; images point at their files, links carry their targets for the
    page references, and the profile decides what else (no live links in print; sources in proof);
    names, paragraph ends and first lines are kept from hyphenation (hyphenation.py)."""
    xhtml = render("pdf/book.html", config=volume.config, reviews=volume.reviews, toc=volume.toc,
                   indexes=volume.indexes, series=volume.series, parts=volume.parts, matter=volume.matter,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"), href=lambda target: f"#{target}")
    root = parse_xhtml(xhtml, "pdf/book.html")
    tidy(root)
    entries.keep_together(root)
    fit.number_figures(root)
    paths = {asset.href: asset.path for asset in volume.assets.values()}
    for image in root.iter(q("img")):
        if image.get("src") in paths:
            image.set("src", paths[image.get("src")].as_uri())
    for link in root.iter(q("a")):
        href = link.get("href", "")
        if href.startswith("#"):
            link.set("data-target", href)
        if profile == "print":
            link.attrib.pop("href", None)  # a paperback has no link annotations
    if profile == "proof":
        _mark_sources(root, volume)
    hyphenation.protect(root, volume)
    return root


def _mark_sources(root, volume: Volume) -> None:
    """The proof prints each review's source file and address at its foot."""
    by_anchor = {review.anchor: review for review in volume.reviews}
    for section in root.iter(q("section")):
        if (review := by_anchor.get(section.get("id"))) is not None:
            section.set("data-source", str(review.path.relative_to(volume.directory)))
            section.set("data-url", review.meta.source_url or "")
