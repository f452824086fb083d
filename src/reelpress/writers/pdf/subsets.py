"""One font subset per face across the assembled book (issue 23).

Each piece is its own WeasyPrint document and embeds its own subset of every face it uses: volume 1
had 20 font files for 5 faces. The glyph ids the pieces' text uses are the original font's (WeasyPrint
subsets keeping them), but the subsets themselves cannot be merged glyph by glyph: a component of a
composite glyph beyond the last glyph used is renumbered in each subset. So each face is subset once
more, from its original file (found by PostScript name, version and creation time among the book's
font files), to every glyph any piece uses, keeping glyph ids (fontTools); the pieces' widths and
ToUnicode maps are joined, every page, folio and stamp pointed at the one font, the old objects freed.

A face whose subsets are not TrueType outlines (CFF, as in Noto CJK), or whose file is not found,
keeps its subsets. Everything is deterministic (no timestamps; the subset tag from a digest).
"""

from __future__ import annotations

import hashlib
import io
import re

from fontTools import subset
from fontTools.ttLib import TTFont, TTLibError
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject)

BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def merge(writer, files) -> int:
    """Merge every face's subsets in `writer`'s pages into one subset of its original, found among the
    font `files` (path, index); how many font objects were replaced."""
    known = originals(files)
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
        if len(refs) > 1 and (font := _merged_font(writer, [ref.get_object() for ref in refs], known)) is not None:
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


def _merged_font(writer, fonts, originals: dict):
    """One Type0 font (an indirect object of `writer`) drawing every glyph the `fonts` draw, subset once
    from its original file (None when the file is not among `originals`)."""
    descendants = [font["/DescendantFonts"][0].get_object() for font in fonts]
    program = descendants[0]["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
    original = originals.get(_identity(TTFont(io.BytesIO(program), lazy=True)))
    if original is None:
        return None
    widths, text = {}, {}
    for font, descendant in zip(fonts, descendants):
        for gid, width in _widths(descendant.get("/W", ArrayObject())).items():
            widths.setdefault(gid, width)
        for gid, chars in BFCHAR.findall(_bfchar(font["/ToUnicode"].get_object().get_data())):
            text.setdefault(int(gid, 16), chars)
    data = _subset(original, sorted({0, *widths, *text}))
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    name = NameObject(f"/{tag}+{str(fonts[0]['/BaseFont']).split('+')[-1]}")
    return _objects(writer, fonts[0], descendants[0], data, widths, text, name)


def _identity(font: TTFont) -> tuple:
    """What a subset keeps of its original: PostScript name, version, creation time."""
    return (font["name"].getDebugName(6), font["name"].getDebugName(5), font["head"].created)


def originals(files) -> dict:
    """The font files (path, index in a collection) by identity, for the faces `merge` may meet."""
    found = {}
    for path, number in files:
        try:
            with TTFont(str(path), fontNumber=number, lazy=True) as font:
                if "glyf" in font:
                    found.setdefault(_identity(font), (str(path), number))
        except (OSError, TTLibError, KeyError):
            continue
    return found


def _subset(original: tuple[str, int], gids: list[int]) -> bytes:
    """The original font cut down to `gids`, keeping every glyph's id (the PDF's CIDs are glyph ids),
    without hinting or layout tables, as WeasyPrint subsets."""
    with open(original[0], "rb") as file:
        font = TTFont(io.BytesIO(file.read()), fontNumber=original[1], recalcTimestamp=False)
    options = subset.Options(retain_gids=True, hinting=False, notdef_outline=True, desubroutinize=True,
                             glyph_names=False, layout_features=[], name_IDs=["*"], name_languages=["*"])
    options.drop_tables += ["BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG "]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=gids)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out, reorderTables=False)
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
