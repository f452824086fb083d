"""One PDF from the rendered pieces, with pypdf: the pages in order with the blank pages between pieces,
the folios stamped on, every link pointed at its page, the outline, the book's metadata.

The result depends only on the pieces' bytes, so a book assembled from cached pieces is byte for byte
the book assembled from freshly rendered ones.
"""

from __future__ import annotations

import io

import pypdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, Fit, IndirectObject,
                           NameObject, NumberObject)

from reelpress import __version__
from reelpress.writers.pdf import subsets, tags as pdf_tags
from reelpress.writers.pdf.pieces import TARGET, Placed
from reelpress.writers.pdf.tasks import Rendered


def assemble(placed: list[Placed], folios: list[Rendered], shown: list[bool],
             anchors: dict[str, tuple[int, float, float]], blank: Rendered | None = None, fonts=()) -> bytes:
    """The book: `placed` pieces, `folios` stamped on the pages `shown` marks, links to `anchors`;
    the blank pages between pieces get `blank`'s page stamped on, if there is one; each face of the
    font files `fonts` (path, index) is embedded as one subset (subsets.py)."""
    writer = PdfWriter()
    stamp = Stamp(writer)
    readers = [PdfReader(io.BytesIO(piece.rendered.pdf)) for piece in placed]
    structure = pdf_tags.Structure(writer) if pdf_tags.tagged(readers[0]) else None
    on_blanks = stamp.form(PdfReader(io.BytesIO(blank.pdf)).pages[blank.skip]) if blank else None
    for piece, reader in zip(placed, readers):
        first = reader.pages[piece.rendered.skip]
        for _ in range(piece.pad):
            page = _blank_like(writer, first)
            if on_blanks is not None:
                stamp.draw(page, on_blanks)
        pages = [writer.add_page(page) for page in reader.pages[piece.rendered.skip:]]
        if structure is not None:
            structure.add(reader, piece.rendered.skip, pages)
    folio_pages = [page for rendered in folios for page in PdfReader(io.BytesIO(rendered.pdf)).pages]
    for page, folio, on in zip(writer.pages, folio_pages, shown):
        if on:
            stamp.draw(page, stamp.form(folio))
    _point_links(writer, anchors)
    _outline(writer, placed)
    _metadata(writer, readers[0])
    if structure is not None:
        structure.finish()
        _xmp(writer, readers[0])
    subsets.merge(writer, fonts)  # one subset per face, not one per piece
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


class Stamp:
    """Draws one page over another the way qpdf's --overlay does: the page on top becomes a form
    XObject, and the page below gets `q` before its own content and `Q /ReelpressStamp Do` after it.
    Its content streams are kept as they are; pypdf's merge_page parsed and rewrote every one of them
    (a third of a second for a 300-page book)."""

    NAME = NameObject("/ReelpressStamp")

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.before = writer._add_object(_stream(b"q\n"))
        # Marked as an artifact: in a tagged PDF a folio is page furniture, not text of the book.
        self.after = writer._add_object(_stream(b"\nQ\n/Artifact BMC q /ReelpressStamp Do Q EMC\n"))

    def form(self, page) -> IndirectObject:
        """`page` (of another PDF) as a form XObject of this writer's."""
        contents = page.get_contents()
        form = _stream(contents.get_data() if contents is not None else b"")
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject(FloatObject(float(v)) for v in page.mediabox),
                     NameObject("/Resources"): page["/Resources"].clone(self.writer)})
        return self.writer._add_object(form)

    def draw(self, page, form: IndirectObject) -> None:
        """Draw `form` over `page` (of this writer), with resources of its own."""
        resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        xobjects[self.NAME] = form
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        contents = page.get("/Contents")
        if contents is None:  # a blank page
            own = []
        elif isinstance(contents.get_object(), ArrayObject):
            own = list(contents.get_object())
        else:
            own = [contents if isinstance(contents, IndirectObject) else self.writer._add_object(contents)]
        page[NameObject("/Contents")] = ArrayObject([self.before, *own, self.after])


def _stream(data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode() if len(data) > 64 else stream


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


def _xmp(writer: PdfWriter, front: PdfReader) -> None:
    """The front piece's XMP metadata (title, author, language, the PDF/UA identification): the book's."""
    metadata = front.trailer["/Root"].get("/Metadata")
    if metadata is not None:
        writer.root_object[NameObject("/Metadata")] = metadata.clone(writer)
