"""One font subset per face across the assembled book (issue 23).

Each piece is its own WeasyPrint document and embeds its own subset of every face it uses: volume 1
had 20 font files for 5 faces. WeasyPrint subsets with HarfBuzz keeping the glyph ids (RETAIN_GIDS),
so the subsets of one face differ only in which glyphs are drawn: their union is one font. Here every
face's subsets are merged glyph by glyph (fontTools, by glyph id: subsets name their glyphs
differently, so composite glyphs are renamed into the merged font), their widths and ToUnicode maps
joined, and every page, folio and stamp pointed at the one font; the old objects are dropped.

A face whose subsets are not TrueType outlines (CFF, as in Noto CJK) keeps its subsets: merging CFF
charstrings is not done here. Everything is deterministic (no timestamps, names from a digest).
"""

from __future__ import annotations

import hashlib
import io
import re

from fontTools.ttLib import TTFont
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject)

BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def merge(writer) -> int:
    """Merge every face's subsets in `writer`'s pages; how many font objects were replaced."""
    holders = list(_font_dicts(writer))
    faces: dict[tuple, list] = {}
    for fonts in holders:
        for ref in fonts.values():
            key = _face(ref.get_object())
            if key is not None:
                faces.setdefault(key, [])
                if ref.idnum not in [r.idnum for r in faces[key]]:
                    faces[key].append(ref)
    merged = {}
    for refs in faces.values():
        if len(refs) > 1 and (font := _merged_font(writer, [ref.get_object() for ref in refs])) is not None:
            merged.update({ref.idnum: font for ref in refs})
    for fonts in holders:
        for name, ref in list(fonts.items()):
            if ref.idnum in merged:
                fonts[NameObject(name)] = merged[ref.idnum]
    for refs in faces.values():
        if refs[0].idnum in merged:
            for ref in refs:
                _free(writer, ref)
    return len(merged)


def _free(writer, ref) -> None:
    """Drop a replaced font and what only it uses (its ToUnicode, CIDFont, descriptor, font file):
    the writer writes their numbers as free entries."""
    font = ref.get_object()
    descendant = font.raw_get("/DescendantFonts").get_object()[0]
    descriptor = descendant.get_object().raw_get("/FontDescriptor")
    owned = [ref, font.raw_get("/ToUnicode"), descendant, descriptor, descriptor.get_object().raw_get("/FontFile2")]
    for item in owned:
        if hasattr(item, "idnum") and item.pdf is writer:
            writer._objects[item.idnum - 1] = None


def _font_dicts(writer):
    """Every /Font resource dictionary of the pages and of the form XObjects they draw (folios, stamps)."""
    seen = set()

    def walk(resources):
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        if "/Font" in resources:
            yield resources["/Font"].get_object()
        for ref in resources.get("/XObject", DictionaryObject()).get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                yield from walk(xobject["/Resources"])

    for page in writer.pages:
        if "/Resources" in page:
            yield from walk(page["/Resources"])


def _face(font):
    """(face name without the subset prefix, outline kind) of a Type0 TrueType font, else None."""
    if font.get("/Subtype") != "/Type0":
        return None
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    if descendant.get("/Subtype") != "/CIDFontType2" or "/FontFile2" not in descriptor:
        return None
    return str(font["/BaseFont"]).split("+")[-1], str(descendant.get("/CIDToGIDMap", ""))


def _merged_font(writer, fonts):
    """One Type0 font (an indirect object of `writer`) drawing every glyph the `fonts` draw."""
    descendants = [font["/DescendantFonts"][0].get_object() for font in fonts]
    tables = [TTFont(io.BytesIO(d["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()),
                     recalcTimestamp=False) for d in descendants]
    if any("glyf" not in table for table in tables):
        return None
    base = max(range(len(tables)), key=lambda i: (tables[i]["maxp"].numGlyphs, -i))
    data = _merged_glyphs(tables[base], [table for i, table in enumerate(tables) if i != base])
    widths, text = {}, {}
    for font, descendant in zip(fonts, descendants):
        for gid, width in _widths(descendant.get("/W", ArrayObject())).items():
            widths.setdefault(gid, width)
        for gid, chars in BFCHAR.findall(_bfchar(font["/ToUnicode"].get_object().get_data())):
            text.setdefault(int(gid, 16), chars)
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    name = NameObject(f"/{tag}+{str(fonts[0]['/BaseFont']).split('+')[-1]}")
    return _objects(writer, fonts[base], descendants[base], data, widths, text, name)


def _merged_glyphs(base: TTFont, others: list[TTFont]) -> bytes:
    """`base` with every glyph it leaves empty taken from the first of `others` that draws it."""
    order, glyf, hmtx = base.getGlyphOrder(), base["glyf"], base["hmtx"]
    for other in others:
        names, their = other.getGlyphOrder(), other["glyf"]
        by_name = {name: gid for gid, name in enumerate(names)}
        for gid, name in enumerate(names[:len(order)]):
            glyph = their[name]
            if glyph.numberOfContours == 0 or glyf[order[gid]].numberOfContours != 0:
                continue
            if glyph.isComposite():
                for component in glyph.components:
                    component.glyphName = order[by_name[component.glyphName]]
            glyf[order[gid]] = glyph
            hmtx[order[gid]] = other["hmtx"][name]
    out = io.BytesIO()
    base.save(out, reorderTables=False)
    return out.getvalue()


def _widths(array) -> dict[int, float]:
    """A CIDFont /W array as {glyph id: width}."""
    found, items, i = {}, list(array), 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1].get_object(), list):
            for offset, width in enumerate(items[i + 1].get_object()):
                found[first + offset] = float(width)
            i += 2
        else:
            for gid in range(first, int(items[i + 1]) + 1):
                found[gid] = float(items[i + 2])
            i += 3
    return found


def _bfchar(cmap: bytes) -> bytes:
    return b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))


def _objects(writer, font, descendant, data: bytes, widths, text, name):
    """The merged font's objects (file, descriptor, CIDFont, ToUnicode, Type0), added to `writer`."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream = stream.flate_encode()
    stream[NameObject("/Length1")] = NumberObject(len(data))
    descriptor = DictionaryObject(descendant["/FontDescriptor"].get_object())
    descriptor[NameObject("/FontFile2")] = writer._add_object(stream)
    descriptor[NameObject("/FontName")] = name
    cid = DictionaryObject(descendant)
    cid[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    cid[NameObject("/BaseFont")] = name
    w = ArrayObject()
    for gid in sorted(widths):
        w += [NumberObject(gid), ArrayObject([FloatObject(widths[gid])])]
    cid[NameObject("/W")] = w
    top = DictionaryObject(font)
    top[NameObject("/BaseFont")] = name
    top[NameObject("/DescendantFonts")] = ArrayObject([writer._add_object(cid)])
    top[NameObject("/ToUnicode")] = writer._add_object(_to_unicode(text))
    return writer._add_object(top)


def _to_unicode(text: dict[int, bytes]):
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def", b"1 begincodespacerange",
             b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(text.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [b"<%04x> <%s>" % (gid, chars) for gid, chars in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(lines))
    return stream.flate_encode()
