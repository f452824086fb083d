"""The EPUB's accessibility metadata (schema.org and EPUB Accessibility 1.1) and its language on <package>.

What the book offers is declared from what it holds: text always, images with their descriptions,
a page list when the print edition's page numbers are in it. The conformance claim
("EPUB Accessibility 1.1 - WCAG 2.1 Level AA") is the publisher's statement, so the build makes it
only when its own checks leave no reason against it: an image without a description (RP044) means
no claim, and the summary says what is missing instead. The party that stands behind the claim,
`a11y:certifiedBy`, is `[accessibility] certified_by`, else the publisher, else the author.
`reelpress check` verifies the claim with EPUBCheck and, where it is installed, DAISY Ace.
"""

from __future__ import annotations

from lxml import etree

from reelpress.model import Volume

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def claims_conformance(volume: Volume) -> bool:
    """Does the book claim EPUB Accessibility 1.1? Not when an image lacks its description."""
    return not any(warning.code == "RP044" for warning in volume.warnings)


def certifier(volume: Volume) -> str:
    config = volume.config
    return config.accessibility.certified_by or config.publisher or config.author


def has_images(volume: Volume) -> bool:
    return any(asset is not volume.cover for asset in volume.assets.values())


def features(volume: Volume, page_list: bool) -> list[str]:
    found = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_images(volume):
        found.append("alternativeText")
    if page_list:
        found += ["pageBreakMarkers", "pageNavigation"]
    return found


def summary(volume: Volume, page_list: bool) -> str:
    """What the book offers a reader, in a sentence or three (schema:accessibilitySummary)."""
    parts = ["Reflowable text in a logical reading order, with a navigable table of contents, semantic "
             "headings and notes linked both ways"]
    if page_list:
        parts.append("page numbers of the print edition, as a page list and at each page's start")
    text = "; ".join(parts) + "."
    if has_images(volume):
        text += (" Every image has a text description." if claims_conformance(volume)
                 else " Some images have no text description.")
    if claims_conformance(volume):
        text += f" The publication meets {CONFORMS_TO}."
    else:
        text += " No conformance to EPUB Accessibility is claimed."
    return text


def declare(book, volume: Volume, page_list: bool = False) -> None:
    """Add the accessibility metadata to the ebooklib `book`."""
    images = has_images(volume)
    modes = ["textual", "visual"] if images else ["textual"]
    for prop, values in (("accessMode", modes), ("accessModeSufficient", ["textual"]),
                         ("accessibilityFeature", features(volume, page_list)), ("accessibilityHazard", ["none"]),
                         ("accessibilitySummary", [summary(volume, page_list)])):
        for value in values:
            book.add_metadata(None, "meta", value, {"property": f"schema:{prop}"})
    if page_list:
        isbn = volume.config.print.isbn
        if isbn:
            book.add_metadata("DC", "source", f"urn:isbn:{isbn}")
        book.add_metadata(None, "meta", f"urn:isbn:{isbn}" if isbn else f"{volume.config.title} (print edition)",
                          {"property": "pageBreakSource"})
    if claims_conformance(volume):
        book.add_metadata(None, "meta", CONFORMS_TO, {"property": "dcterms:conformsTo", "id": "conformance"})
        book.add_metadata(None, "meta", certifier(volume), {"property": "a11y:certifiedBy", "refines": "#conformance"})


def with_package_language(opf: bytes, language: str) -> bytes:
    """content.opf with `xml:lang` on <package> (ebooklib writes only dc:language; Ace wants both)."""
    root = etree.fromstring(opf)
    root.set(XML_LANG, language)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)
