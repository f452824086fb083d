"""Reading a tagged PDF's structure back: is the tree there, whole, and tied to the pages?

A tagged PDF (the reading profile) says so in /MarkInfo; then its structure tree must cover every page
that has text, every parent tree entry must lead to elements of the tree, every element's page must
be a page of the document, and every figure must carry its alternative text. A PDF without /MarkInfo
(the print and proof profiles) is not tagged and has nothing to check here.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from reelpress.writers.pdf.tags import number_tree


@dataclass
class Structure:
    """What a PDF's structure tree holds."""

    marked: bool
    language: str | None
    tags: Counter = field(default_factory=Counter)  # structure type ("H1", "P", "Figure" …) → count
    figures: list[str | None] = field(default_factory=list)  # each figure's /Alt
    problems: list[str] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)  # the tree's first levels, indented, for people


def read(source: Path | bytes) -> Structure:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    marked = bool((catalog.get("/MarkInfo") or {}).get("/Marked", False))
    language = str(catalog["/Lang"]) if "/Lang" in catalog else None
    found = Structure(marked, language)
    tree = catalog.get("/StructTreeRoot")
    if not marked:
        return found
    if tree is None:
        found.problems.append("marked as tagged, but there is no structure tree")
        return found
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, 1)}
    elements = _walk(tree.get_object(), pages, found)
    _check_parent_tree(tree.get_object(), reader, elements, found)
    return found


def _walk(tree, pages: dict[int, int], found: Structure) -> set[int]:
    """Visit every element (depth first), counting types and noting problems; their object numbers."""
    seen: set[int] = set()
    stack = [(kid, 0) for kid in reversed(_kids(tree))]
    while stack:
        reference, depth = stack.pop()
        element = reference.get_object()
        if not isinstance(element, DictionaryObject) or "/S" not in element:
            continue
        if getattr(reference, "idnum", None) is not None:
            seen.add(reference.idnum)
        kind = str(element["/S"])[1:]
        found.tags[kind] += 1
        if depth < 3 and len(found.outline) < 40:
            found.outline.append("  " * depth + kind)
        if kind == "Figure":
            found.figures.append(str(element["/Alt"]) if "/Alt" in element else None)
        page = element.raw_get("/Pg") if "/Pg" in element else None
        if page is not None and getattr(page, "idnum", None) not in pages:
            found.problems.append(f"a {kind} element points at a page that is not in the document")
        stack += [(kid, depth + 1) for kid in reversed(_kids(element))]
    return seen


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids_object = kids.get_object()
    return list(kids_object) if isinstance(kids_object, ArrayObject) else [kids]


def _check_parent_tree(tree, reader: PdfReader, elements: set[int], found: Structure) -> None:
    """Each page with text has /StructParents, and its entry leads to elements of the tree."""
    entries = dict(number_tree(tree.get("/ParentTree")))
    for number, page in enumerate(reader.pages, 1):
        key = page.get("/StructParents")
        if key is None:
            if (page.extract_text() or "").strip():
                found.problems.append(f"page {number} has text but no /StructParents (its content is not tagged)")
            continue
        value = entries.get(int(key))
        if value is None:
            found.problems.append(f"page {number}: the parent tree has no entry {int(key)}")
            continue
        # Running heads lead to elements outside the tree on purpose: WeasyPrint keeps page furniture
        # out of the reading order (PDF 1.7 has no Artifact element). Text of the book must not.
        value = value.get_object()
        refs = list(value) if isinstance(value, ArrayObject) else [value]
        if refs and not any(getattr(ref, "idnum", None) in elements for ref in refs):
            found.problems.append(f"page {number}: none of its marked content is in the structure tree")

