"""Pages as images: renders (pypdfium2), a contact sheet, and which pages changed between two PDFs."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw

SHEET_COLUMNS = 8  # four spreads a row
GAP = 12


def render(pdf: bytes, dpi: int = 100) -> list[bytes]:
    """Every page as a PNG."""
    return [_png(image) for image in _images(pdf, dpi)]


def _images(pdf: bytes, dpi: int) -> list[Image.Image]:
    import pypdfium2
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def contact_sheet(pages: list[bytes]) -> bytes:
    """Thumbnails laid out as spreads (page 1 alone on the right, then left|right pairs), 4 a row."""
    thumbs = [Image.open(io.BytesIO(data)).convert("RGB") for data in pages]
    width, height = thumbs[0].size
    slots = [None] + thumbs  # page 1 is a right-hand page
    rows = (len(slots) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    spread_gap = lambda column: GAP * (column // 2) * 2
    sheet = Image.new("RGB", (SHEET_COLUMNS * width + spread_gap(SHEET_COLUMNS) + GAP,
                              rows * (height + GAP) + GAP), "#8a8a8a")
    draw = ImageDraw.Draw(sheet)
    for index, thumb in enumerate(slots):
        if thumb is None:
            continue
        column, row = index % SHEET_COLUMNS, index // SHEET_COLUMNS
        x, y = GAP + column * width + spread_gap(column), GAP + row * (height + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x, y, x + width - 1, y + height - 1), outline="#555555")
    return _png(sheet)


def compare(old: bytes, new: bytes, dpi: int = 50) -> tuple[list[int], dict[int, bytes]]:
    """Pages (1-based) whose rendering differs, and a side-by-side image (old | new) of each."""
    before, after = _images(old, dpi), _images(new, dpi)
    changed, images = [], {}
    for number in range(1, max(len(before), len(after)) + 1):
        a = before[number - 1] if number <= len(before) else None
        b = after[number - 1] if number <= len(after) else None
        if a is not None and b is not None and a.size == b.size and ImageChops.difference(a, b).getbbox() is None:
            continue
        changed.append(number)
        images[number] = _side_by_side(a, b)
    return changed, images


def _side_by_side(old: Image.Image | None, new: Image.Image | None) -> bytes:
    present = [image for image in (old, new) if image is not None]
    width = max(image.width for image in present)
    height = max(image.height for image in present)
    canvas = Image.new("RGB", (2 * width + GAP, height), "#cccccc")
    for column, image in enumerate((old, new)):
        if image is not None:
            canvas.paste(image, (column * (width + GAP), 0))
    return _png(canvas)


def overfull_lines(document) -> list[int]:
    """Pages with a line of text that runs past the right edge of its column."""
    from weasyprint.formatting_structure import boxes
    found = []
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.LineBox) and box.children:
                right = max(child.position_x + child.margin_width() for child in box.children)
                if right > box.position_x + box.width + 1:
                    found.append(number)
                    break
    return found
