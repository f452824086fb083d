"""The reading PDF's structure tree (a tagged PDF, WeasyPrint's PDF/UA-1 variant), kept through assembly.

Each piece is laid out as a tagged PDF of its own: a StructTreeRoot over one Document element, a
ParentTree that maps each page's marked content (key: the page's /StructParents) and each link
annotation (its /StructParent) back to the structure elements. Assembling the book grafts every
piece's elements under one Document, in reading order, and renumbers the parent tree keys so they
stay unique: a piece's keys move past the ones before it. pypdf copies a page without its
/StructParents, so it is set again here. Folios and the proof header, stamped on afterwards, are
marked as artifacts (pdf_assemble.Stamp): page furniture, not text to read.
"""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject

#: The variant asked of WeasyPrint for a tagged piece (structure tree, language, XMP metadata).
VARIANT = "pdf/ua-1"
STRUCT = "/StructTreeRoot"


class Structure:
    """The book's structure tree, grown piece by piece."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                          NameObject("/S"): NameObject("/Document"), NameObject("/K"): ArrayObject()})
        self.numbers = ArrayObject()
        self.next_key = 0
        self.role_map = DictionaryObject()

    def add(self, reader: PdfReader, skip: int, pages: list) -> None:
        """Graft the structure of the piece `reader` (its first `skip` pages left out, the others copied
        to the writer as `pages`) after what is there."""
        tree = reader.trailer["/Root"].get(STRUCT)
        if tree is None:
            return
        tree = tree.get_object()
        offset, dropped = self.next_key, set()
        for source, target in zip(reader.pages, [None] * skip + pages):
            key = source.get("/StructParents")
            if key is None:
                continue
            if target is None:
                dropped.add(int(key))
            else:
                target[NameObject("/StructParents")] = NumberObject(int(key) + offset)
        for target in pages:
            for annotation in target.get("/Annots", ()):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(int(annotation["/StructParent"]) + offset)
        for key, value in number_tree(tree.get("/ParentTree")):
            if key not in dropped:
                self.numbers += [NumberObject(key + offset), value.clone(self.writer, ignore_fields=("/P",))]
                self.next_key = max(self.next_key, key + offset + 1)
        skipped = {reader.pages[i].indirect_reference.idnum for i in range(skip)}
        for element in _top_elements(tree):
            if not _only_on(element, skipped):
                self.document["/K"].append(element.clone(self.writer, ignore_fields=("/P",)))
        for name, role in (tree.get("/RoleMap") or {}).items():
            self.role_map[NameObject(name)] = role

    def finish(self) -> None:
        """Put the tree in the catalog, with what a tagged PDF declares (MarkInfo, the title shown)."""
        writer = self.writer
        root = DictionaryObject({NameObject("/Type"): NameObject(STRUCT)})
        root_ref = writer._add_object(root)
        document_ref = writer._add_object(self.document)
        self.document[NameObject("/P")] = root_ref
        _set_parents(document_ref)
        parent_tree = DictionaryObject({NameObject("/Nums"): self.numbers})
        root.update({NameObject("/K"): ArrayObject([document_ref]),
                     NameObject("/ParentTree"): writer._add_object(parent_tree),
                     NameObject("/ParentTreeNextKey"): NumberObject(self.next_key)})
        if self.role_map:
            root[NameObject("/RoleMap")] = self.role_map
        catalog = writer.root_object
        catalog[NameObject(STRUCT)] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})


def tagged(reader: PdfReader) -> bool:
    return STRUCT in reader.trailer["/Root"]


def number_tree(tree):
    """(key, value) of a number tree, its kids included."""
    if tree is None:
        return
    tree = tree.get_object()
    values = tree.get("/Nums") or []
    for index in range(0, len(values) - 1, 2):
        yield int(values[index]), values[index + 1]
    for kid in tree.get("/Kids") or []:
        yield from number_tree(kid)


def _top_elements(tree) -> list:
    """The elements under the piece's Document element (or under the root, if it has none)."""
    kids = tree["/K"].get_object()
    kids = list(kids) if isinstance(kids, ArrayObject) else [tree["/K"]]
    if len(kids) == 1 and kids[0].get_object().get("/S") == "/Document":
        inner = kids[0].get_object().get("/K")
        if inner is None:
            return []
        inner_object = inner.get_object()
        return list(inner_object) if isinstance(inner_object, ArrayObject) else [inner]
    return kids


def _only_on(element, pages: set[int]) -> bool:
    """Is all the content of `element` on the given pages (by object number)? False when it has none."""
    if not pages:
        return False
    found = set()

    def visit(node):
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                visit(kid)
        elif isinstance(node, DictionaryObject):
            if "/Pg" in node:
                found.add(getattr(node.raw_get("/Pg"), "idnum", None))
            if "/K" in node:
                visit(node["/K"])

    visit(element)
    return bool(found) and found <= pages


def _set_parents(reference) -> None:
    """Each structure element's /P is the element it sits in (the copies were made without one)."""
    stack = [reference]
    while stack:
        parent = stack.pop()
        kids = parent.get_object().get("/K")
        if kids is None:
            continue
        kids_object = kids.get_object()
        for kid in (list(kids_object) if isinstance(kids_object, ArrayObject) else [kids]):
            element = kid.get_object()
            if isinstance(element, DictionaryObject) and "/S" in element:
                element[NameObject("/P")] = parent
                stack.append(kid)
