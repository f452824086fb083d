"""What a laid-out piece shows that a book designer would send back (issue 23), measured on
WeasyPrint's boxes: a figure pushed to the next page that leaves a gap on the page before it, and a
review whose last page holds a few lines alone. The writer fits both and lays the piece out again
(pieces.fit); this module only measures.
"""

from __future__ import annotations

from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox

#: A page more than this fraction empty before a page that opens with a figure is a gap.
GAP = 0.25
#: A review's last page holding this many lines or fewer (and no image) is a short ending.
SHORT = 3
FIGURE = "data-figure"  # the book tree numbers its figures (document.book_tree)


def _body(page):
    """The page's <body> box (the root box's child), or None on a page with nothing laid out."""
    root = next((child for child in page._page_box.children if child.element_tag == "html"), None)
    return root.children[0] if root is not None and root.children else None


def _flow(box):
    """The line and image boxes under `box`, in order."""
    return [child for child in box.descendants() if isinstance(child, (LineBox, ReplacedBox))]


def figure_gaps(pages) -> list[str]:
    """The figures (their data-figure numbers) that open a page after a page more than GAP empty."""
    found = []
    for before, page in zip(pages, pages[1:]):
        body, previous = _body(page), _body(before)
        if body is None or previous is None:
            continue
        figures = [box for box in body.descendants() if box.element_tag == "figure" and box.element is not None
                   and box.element.get(FIGURE)]
        flow = _flow(body)
        if not figures or not flow or min(box.position_y for box in flow) < figures[0].position_y:
            continue
        used = _flow(previous)
        if not used:
            continue
        area = before._page_box
        bottom = area.content_box_y() + area.height
        empty = (bottom - max(box.position_y + box.margin_height() for box in used)) / area.height
        if empty > GAP:
            found.append(figures[0].element.get(FIGURE))
    return found


def short_endings(pages) -> list[str]:
    """The reviews (their ids) longer than a page whose last page holds 1 to SHORT lines and no image."""
    last: dict[str, tuple[int, list]] = {}
    first: dict[str, int] = {}
    for number, page in enumerate(pages):
        body = _body(page)
        for section in body.children if body is not None else ():
            element = section.element
            if element is None or "review" not in (element.get("class") or "").split() or not element.get("id"):
                continue
            first.setdefault(element.get("id"), number)
            last[element.get("id")] = (number, _flow(section))
    return [name for name, (number, flow) in last.items() if number > first[name]
            and 0 < len(flow) <= SHORT and all(isinstance(box, LineBox) for box in flow)]
