"""Pages fitted after a measured layout (issue 23). WeasyPrint has no floats and cannot run a page a
line short, so the writer measures each laid-out piece (weasy/measure.py), changes the book tree and
lays the piece out again:
- a figure that leaves more than measure.GAP of the page before it empty moves below the block that
  follows it (a paragraph, quotation, list; at most MOVES times; its caption is inside it and moves
  with it); one with no such block left to move below is scaled down (print.css: to 75 % of the
  height figures are allowed);
- a review whose last page holds measure.SHORT lines or fewer is set with its line height 2 % tighter
  and its opening sink 0.2in shallower (its lines pulled back), failing that 2 % looser and 0.2in
  deeper (lines pushed onto the last page), failing that as it was ("kept": what the build cannot fix).
  Line height alone (2 % of a two-page review is a third of a line) moved none of the samples' endings.
Every change is an attribute (data-fit, data-moved) or an order in the book tree, so it is in the
piece's HTML and so in its cache key. The EPUB is written from its own tree and never sees these.
"""

from __future__ import annotations

from reelpress.util.xhtml import q

MOVES = 3
STEPS = {None: "tight", "tight": "loose", "loose": "kept"}  # a short ending's next try
ROUNDS = MOVES + len(STEPS) + 1  # layouts a book may take beyond its page numbers' rounds
MOVABLE = tuple(q(tag) for tag in ("p", "blockquote", "ul", "ol", "pre", "table", "hr"))
FIGURE = "data-figure"  # the figures' numbers in the book tree (document.book_tree)


def number_figures(root) -> None:
    """Number the book's figures, so a piece's measure can name them."""
    for index, figure in enumerate(root.iter(q("figure")), 1):
        figure.set(FIGURE, str(index))


def reset(root) -> None:
    """The book tree as written: every figure moved back above the blocks it was moved below (figures
    never pass figures, so each goes back as many places as it went), every fitting attribute gone."""
    for figure in root.iter(q("figure")):
        for _ in range(int(figure.attrib.pop("data-moved", "0"))):
            figure.getprevious().addprevious(figure)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("data-fit", None)


def fit(root, gaps: list[str], endings: list[str]) -> bool:
    """Change the book tree `root` for the figures leaving `gaps` and the reviews with short `endings`
    a layout measured; True if it changed."""
    figures = {figure.get(FIGURE): figure for figure in root.iter(q("figure"))}
    reviews = {section.get("id"): section for section in root.iter(q("section")) if section.get("id")}
    changed = False
    for number in gaps:
        changed = _move(figures[number]) or changed
    for name in endings:
        changed = _tighten(reviews[name]) or changed
    return changed


def _move(figure) -> bool:
    """The figure below the block after it, or else scaled down; False when both were done."""
    moves, after = int(figure.get("data-moved", "0")), figure.getnext()
    if moves < MOVES and after is not None and after.tag in MOVABLE:
        after.addnext(figure)
        figure.set("data-moved", str(moves + 1))
        return True
    if figure.get("data-fit") != "scaled":
        figure.set("data-fit", "scaled")
        return True
    return False


def _tighten(review) -> bool:
    step = STEPS.get(review.get("data-fit"))
    if step is None:
        return False
    review.set("data-fit", step)
    return True
