"""One PDF from the rendered pieces, with pypdf: the pages in order with the blank pages between pieces,
the folios stamped on, every link pointed at its page, the outline, the book's metadata.

The result depends only on the pieces' bytes, so a book assembled from cached pieces is byte for byte
the book assembled from freshly rendered ones.
"""

from __future__ import annotations

import io

import pypdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, Fit, NameObject, NumberObject

from reelpress import __version__
from reelpress.writers.pdf_pieces import TARGET, Placed
from reelpress.writers.weasy import Rendered


def assemble(placed: list[Placed], folios: list[Rendered], shown: list[bool],
             anchors: dict[str, tuple[int, float, float]], blank: Rendered | None = None) -> bytes:
    """The book: `placed` pieces, `folios` stamped on the pages `shown` marks, links to `anchors`;
    the blank pages between pieces get `blank`'s page stamped on, if there is one."""
    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(piece.rendered.pdf)) for piece in placed]
    on_blanks = PdfReader(io.BytesIO(blank.pdf)).pages[blank.skip] if blank else None
    for piece, reader in zip(placed, readers):
        first = reader.pages[piece.rendered.skip]
        for _ in range(piece.pad):
            page = _blank_like(writer, first)
            if on_blanks is not None:
                page.merge_page(on_blanks)
                page.compress_content_streams()
        for page in reader.pages[piece.rendered.skip:]:
            writer.add_page(page)
    folio_pages = [page for rendered in folios for page in PdfReader(io.BytesIO(rendered.pdf)).pages]
    _stamp(writer, folio_pages, shown)
    _point_links(writer, anchors)
    _outline(writer, placed)
    _metadata(writer, readers[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_like(writer: PdfWriter, model):
    """A blank page (a verso left empty so the next piece opens on the right) the size of `model`."""
    blank = writer.add_blank_page(float(model.mediabox.width), float(model.mediabox.height))
    for box in ("/TrimBox", "/BleedBox"):
        if box in model:
            blank[NameObject(box)] = ArrayObject(FloatObject(float(value)) for value in model[box])
    return blank


def _stamp(writer: PdfWriter, folios: list, shown: list[bool]) -> None:
    for page, folio, on in zip(writer.pages, folios, shown):
        if on:
            page.merge_page(folio)
            page.compress_content_streams()


def _point_links(writer: PdfWriter, anchors: dict[str, tuple[int, float, float]]) -> None:
    """`reelpress-target:<id>` links become links to the page and place of <id>."""
    for page in writer.pages:
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for reference in annotations:
            annotation = reference.get_object()
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(TARGET):
                if uri[len(TARGET):] not in anchors:
                    continue  # cannot happen after the links pass; a dead link is dropped, not kept
                index, x, y = anchors[uri[len(TARGET):]]
                destination = ArrayObject([writer.pages[index].indirect_reference, NameObject("/XYZ"),
                                           FloatObject(x), FloatObject(y), NumberObject(0)])
                annotation[NameObject("/A")] = DictionaryObject(
                    {NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): destination})
            kept.append(reference)
        page[NameObject("/Annots")] = kept


def _outline(writer: PdfWriter, placed: list[Placed]) -> None:
    """The pieces' bookmarks as one outline, nested by level as WeasyPrint nests them."""
    stack: list[tuple[int, object]] = []
    for piece in placed:
        for level, label, page, x, y, is_open in piece.rendered.bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            item = writer.add_outline_item(title=label, page_number=piece.first - 1 + page, parent=parent,
                                           fit=Fit.xyz(x, y, 0), is_open=is_open)
            stack.append((level, item))


def _metadata(writer: PdfWriter, front: PdfReader) -> None:
    """The front piece's document information and language (all pieces share the book's <head>)."""
    info = {key: value for key, value in (front.metadata or {}).items()}
    info["/Producer"] = f"reelpress {__version__} (WeasyPrint pieces, pypdf {pypdf.__version__})"
    writer.add_metadata(info)
    language = front.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    writer.pdf_header = "%PDF-1.7"
