"""At most two hyphenated lines in a row (hyphenlimit.py): WeasyPrint 70 has no hyphenate-limit-lines."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reelpress.writers.pdf.tasks import font_faces
from reelpress.writers.pdf.weasy import hyphenlimit, linebreaks

pytestmark = pytest.mark.slow

#: long words of many syllables in a narrow column: five hyphenated lines in a row without the limit
WORDS = ("a remembering of incomparable conversation in photography so unbelievable an understanding "
         "of administration and relationship with responsibility or imagination ") * 6


def line_ends() -> list[bool]:
    """For each line of the paragraph: whether it ends in a hyphen."""
    fonts = FontConfiguration()
    css = [CSS(string=font_faces(), font_config=fonts),
           CSS(string='@page { size: 1.7in 12in; margin: 0.1in } p { font-family: "Source Serif Pro"; '
                      "font-size: 10pt; text-align: justify; hyphens: auto; hyphenate-limit-chars: 6 2 3; "
                      'hyphenate-character: "-" }',
               font_config=fonts)]
    data = HTML(string=f'<html lang="en"><body><p>{WORDS}</p></body></html>').write_pdf(stylesheets=css,
                                                                                       font_config=fonts)
    lines = [line for page in PdfReader(io.BytesIO(data)).pages for line in page.extract_text().splitlines()]
    return [line.rstrip().endswith("-") for line in lines if line.strip()]


def longest_run(ends: list[bool]) -> int:
    best = run = 0
    for hyphenated in ends:
        run = run + 1 if hyphenated else 0
        best = max(best, run)
    return best


def test_no_more_than_two_hyphenated_lines_in_a_row(monkeypatch):
    monkeypatch.setattr(hyphenlimit.block_layout, "iter_line_boxes", hyphenlimit._original_lines)
    linebreaks.install()  # without the limit (and without the wrapper that holds hyphenation)
    unlimited = line_ends()
    hyphenlimit.install()
    limited = line_ends()
    # If this fails, the text no longer makes ladders: make it harder, or the test proves nothing.
    assert longest_run(unlimited) >= 3, unlimited
    assert longest_run(limited) <= 2, limited
    assert sum(limited) >= len(limited) // 3  # still hyphenated: only the third line in a row is not
