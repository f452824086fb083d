"""Repair what lxml's HTML parser leaves invalid: blocks inside paragraphs, stray list items.

libxml2 parses HTML the HTML 4 way and does not close a `<p>` when a list or table starts inside an
unclosed inline element (`<p>text <em>more <ul>…`), so the tree holds blocks where XHTML allows only
text. Browsers close the paragraph; so does this: a phrasing-only element is split around each block
inside it (`<p>a</p><ul>…</ul><p>b</p>`), `pre` included. List items, table rows and cells out of
place get a container, and what a table or row may not hold directly gets a cell.
Text is never lost, only re-wrapped.
"""

from __future__ import annotations

from lxml import etree

from reelpress.util.xhtml import local, q, remove_keeping_tail

#: Elements whose content model is phrasing content only.
PHRASING_ONLY = frozenset("""p pre h1 h2 h3 h4 h5 h6 em strong i b u s small mark abbr cite q code kbd samp var
                             dfn time span sub sup bdi bdo ruby rt rp dt""".split())
#: Elements that are flow content but not phrasing content.
BLOCKS = frozenset("""address article aside blockquote details div dl fieldset figure figcaption footer form
                      h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul li dd dt
                      caption colgroup thead tbody tfoot tr td th figure figcaption""".split())
#: What XML counts as white space (a no-break space is text: a list or a row may not hold it).
XML_SPACE = " \t\n\r"
#: Transparent elements take their parent's content model.
TRANSPARENT = frozenset({"a", "ins", "del"})
LIST_ITEM_PARENTS = {"li": ("ul", "ol"), "dd": ("dl",), "dt": ("dl",)}
#: Parts of a table (and of a figure or ruby) found outside one, in the order they get their container:
#: cells a row, rows a table.
TABLE_PART_PARENTS = ({"td": ("tr",), "th": ("tr",), "col": ("colgroup",), "figcaption": ("figure",),
                       "rt": ("ruby",), "rp": ("ruby",)},
                      {"tr": ("table", "thead", "tbody", "tfoot"), "thead": ("table",), "tbody": ("table",),
                       "tfoot": ("table",), "caption": ("table",), "colgroup": ("table",)})
#: What each part of a table may hold; anything else found there goes into a cell of its own.
TABLE_CHILDREN = {"tr": {"td", "th"}, "table": {"caption", "colgroup", "thead", "tbody", "tfoot", "tr"},
                  "thead": {"tr"}, "tbody": {"tr"}, "tfoot": {"tr"}}


def repair(body) -> None:
    _lift_blocks(body)
    _contain(body, LIST_ITEM_PARENTS)
    _nested_captions(body)
    for parents in TABLE_PART_PARENTS:
        _contain(body, parents)
    _tables_out_of_captions(body)
    _wrap_list_children(body)
    _wrap_table_children(body)
    _complete_definitions(body)
    _one_caption(body)
    _one_figcaption(body)


def _lift_blocks(body) -> None:
    pending = [element for element in body.iter() if element is not body]
    while pending:
        element = pending.pop()  # reverse document order: the innermost first
        if element.getparent() is None or not phrasing_only(element):
            continue
        block = next((child for child in element if local(child) in BLOCKS), None)
        if block is not None:
            pending.append(element)  # it may hold more blocks after this one
            rest = _split(element, block)
            if rest is not None:
                pending.append(rest)


def phrasing_only(element) -> bool:
    """May this element hold only phrasing content (looking through transparent elements)?"""
    while local(element) in TRANSPARENT:
        element = element.getparent()
        if element is None:
            return False
    return local(element) in PHRASING_ONLY


def _split(element, block):
    """`<E>a<B/>b</E>` → `<E>a</E><B/><E>b</E>`; returns the second E (None if it was empty)."""
    parent, tail = element.getparent(), element.tail
    index = parent.index(element)
    following = list(block.itersiblings())
    rest = etree.Element(element.tag, {k: v for k, v in element.attrib.items() if k != "id"})
    rest.text, block.tail, element.tail = block.tail, None, None
    rest.extend(following)
    parent.insert(index + 1, block)
    parent.insert(index + 2, rest)
    rest.tail = tail
    if _empty(element):
        remove_keeping_tail(element)
    if _empty(rest):
        remove_keeping_tail(rest)
        return None
    return rest


def _empty(element) -> bool:
    return not (element.text or "").strip() and len(element) == 0


def _contain(body, containers: dict[str, tuple[str, ...]]) -> None:
    """A run of `<li>` outside a list gets a `<ul>` (`<dt>`/`<dd>` a `<dl>`, a `<td>` a `<tr>` …)."""
    for element in list(body.iter()):
        name = local(element)
        parents = containers.get(name)
        parent = element.getparent()
        if parents is None or parent is None or local(parent) in parents:
            continue
        previous = element.getprevious()
        if previous is not None and local(previous) == parents[0] and not (previous.tail or "").strip():
            previous.tail = None
            container = previous
        else:
            container = etree.Element(q(parents[0]))
            element.addprevious(container)
        container.tail = element.tail
        element.tail = None
        container.append(element)


def _wrap_list_children(body) -> None:
    """Text or elements directly inside `<ul>`/`<ol>` go into an `<li>` of their own (in a `<dl>`, a `<dd>`)."""
    for listing in list(body.iter(q("ul"), q("ol"), q("dl"))):
        kind, allowed = ("dd", ("dt", "dd")) if local(listing) == "dl" else ("li", ("li",))
        if (listing.text or "").strip(XML_SPACE):
            item = etree.Element(q(kind))
            item.text, listing.text = listing.text.strip(XML_SPACE), None
            listing.insert(0, item)
        for child in list(listing):
            if local(child) not in allowed:
                item = etree.Element(q(kind))
                child.addprevious(item)
                item.append(child)
                child, item.tail, child.tail = item, child.tail, None
            if (child.tail or "").strip(XML_SPACE):
                extra = etree.Element(q(kind))
                extra.text, child.tail = child.tail.strip(XML_SPACE), None
                child.addnext(extra)


def _wrap_table_children(body) -> None:
    """Text or elements a table, a row group or a row may not hold directly (`<tr><pre>…`) get a cell."""
    for part in list(body.iter(*(q(name) for name in TABLE_CHILDREN))):
        allowed = TABLE_CHILDREN[local(part)]
        if (part.text or "").strip(XML_SPACE):
            holder, cell = _new_cell(part)
            cell.text, part.text = part.text.strip(XML_SPACE), None
            part.insert(0, holder)
        for child in list(part):
            if local(child) not in allowed:
                holder, cell = _new_cell(part)
                child.addprevious(holder)
                holder.tail, child.tail = child.tail, None
                cell.append(child)
                child = holder
            if (child.tail or "").strip(XML_SPACE):
                holder, cell = _new_cell(part)
                cell.text, child.tail = child.tail.strip(XML_SPACE), None
                child.addnext(holder)


def _new_cell(part):
    """(what to insert into `part`, the cell inside it): a cell, in a row of its own unless `part` is a row."""
    cell = etree.Element(q("td"))
    if local(part) == "tr":
        return cell, cell
    row = etree.Element(q("tr"))
    row.append(cell)
    return row, cell


def _nested_captions(body) -> None:
    """A caption may hold no caption: an inner caption becomes a `div` of the outer one."""
    for caption in list(body.iter(q("caption"))):
        if any(local(above) == "caption" for above in caption.iterancestors()):
            caption.tag = q("div")


def _tables_out_of_captions(body) -> None:
    """A caption may hold no table: one moves after the table the caption belongs to."""
    for caption in list(body.iter(q("caption"))):
        anchor = caption.getparent() if local(caption.getparent()) == "table" else caption
        for table in reversed([t for t in caption.iter(q("table"))]):
            if table.getparent() is not None and table is not anchor:
                table.getparent().remove(table)  # (its tail text goes with it: lxml keeps tails on elements)
                anchor.addnext(table)


def _one_caption(body) -> None:
    """A table's caption comes first, and a table has one: a second caption becomes a row of its own."""
    for table in list(body.iter(q("table"))):
        captions = [child for child in table if local(child) == "caption"]
        if not captions:
            continue
        if table[0] is not captions[0]:
            table.insert(0, captions[0])
        for extra in captions[1:]:
            row = etree.Element(q("tr"))
            extra.addprevious(row)
            extra.tag = q("td")
            row.append(extra)


def _complete_definitions(body) -> None:
    """In a `dl`, every group of terms has a definition and every definition a term: an empty `dd` or
    `dt` (nothing to read, nothing lost) is put where one is missing."""
    for listing in list(body.iter(q("dl"))):
        previous = None
        for child in list(listing):
            name = local(child)
            if name == "dd" and previous not in ("dt", "dd"):
                child.addprevious(etree.Element(q("dt")))
            previous = name if name in ("dt", "dd") else previous
        if previous == "dt":
            listing.append(etree.Element(q("dd")))


def _one_figcaption(body) -> None:
    """A figure's caption is its first or last child, and it has one: any other becomes a `div`."""
    for figure in list(body.iter(q("figure"))):
        captions = [child for child in figure if local(child) == "figcaption"]
        keep = captions[-1] if captions and captions[-1] is figure[-1] else captions[0] if captions else None
        for caption in captions:
            if caption is not keep or (caption is not figure[0] and caption is not figure[-1]):
                caption.tag = q("div")
