"""Draw the small "Reelpress Symbols" font: the rating stars and the section-break asterism.

Source Serif Pro, the book face, has no ★ or ⁂, and a system fallback font would make the PDF
depend on the machine. These glyphs are simple polygons, so the project draws its own, here, and
commits the result (templates/fonts/ReelpressSymbols.ttf). The output is deterministic: the tests
rebuild it and compare bytes.

    python tools/make_symbols_font.py [OUTPUT]
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.misc.timeTools import timestampSinceEpoch
from fontTools.pens.ttGlyphPen import TTGlyphPen

UPM = 1000
ASCENT, DESCENT = 800, -200
OUTPUT = Path(__file__).resolve().parents[1] / "templates" / "fonts" / "ReelpressSymbols.ttf"
FIXED_TIME = timestampSinceEpoch(1767225600)  # 2026-01-01: head.created/modified, fixed for reproducible bytes


def star(cx: float, cy: float, outer: float, inner: float, points: int = 5, turn: float = 90):
    """Vertices of a star polygon, clockwise (TrueType's direction for outer contours)."""
    vertices = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(turn - i * 180 / points)
        vertices.append((round(cx + radius * math.cos(angle)), round(cy + radius * math.sin(angle))))
    return vertices


def draw(pen, contours) -> None:
    for contour in contours:
        pen.moveTo(contour[0])
        for point in contour[1:]:
            pen.lineTo(point)
        pen.closePath()


def glyph(contours):
    pen = TTGlyphPen(None)
    draw(pen, contours)
    return pen.glyph()


def build() -> bytes:
    width = 880
    cx, cy = width / 2, 330
    black = star(cx, cy, 400, 160)
    white_inner = list(reversed(star(cx, cy - 12, 285, 114)))  # counter-clockwise hole
    small = [star(x, y, 120, 34, points=6) for x, y in ((250, 180), (630, 180), (440, 510))]
    glyphs = {".notdef": glyph([[(50, 0), (50, 700), (450, 700), (450, 0)]]),
              "space": glyph([]), "blackstar": glyph([black]), "whitestar": glyph([black, white_inner]),
              "asterism": glyph(small)}
    builder = FontBuilder(UPM, isTTF=True)
    builder.setupGlyphOrder(list(glyphs))
    builder.setupCharacterMap({0x20: "space", 0x2605: "blackstar", 0x2606: "whitestar", 0x2042: "asterism"})
    builder.setupGlyf(glyphs)
    metrics = {name: (width if name != "space" else 250, 0) for name in glyphs}
    for name, g in glyphs.items():
        g.recalcBounds(builder.font["glyf"])
        metrics[name] = (metrics[name][0], getattr(g, "xMin", 0))
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    builder.setupNameTable({
        "familyName": "Reelpress Symbols", "styleName": "Regular", "uniqueFontIdentifier": "ReelpressSymbols-1.0",
        "fullName": "Reelpress Symbols", "psName": "ReelpressSymbols-Regular", "version": "Version 1.000",
        "copyright": "Drawn by the reelpress developers", "licenseDescription": "MIT License",
    })
    builder.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT, usWinDescent=-DESCENT,
                     achVendID="RLPS", fsType=0)
    builder.setupPost()
    builder.setupHead(unitsPerEm=UPM, created=FIXED_TIME, modified=FIXED_TIME, fontRevision=1.0)
    builder.font.recalcTimestamp = False
    output = io.BytesIO()
    builder.font.save(output, reorderTables=True)
    return output.getvalue()


def main(argv: list[str]) -> None:
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    target.write_bytes(build())
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
