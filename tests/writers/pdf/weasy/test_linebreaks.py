"""The WeasyPrint line-breaking fix: a justified first line must not shrink to one hyphenated word."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reelpress.config import PdfSettings
from reelpress.writers.pdf.weasy import linebreaks as weasyfix
from reelpress.writers.pdf.layout import geometry_for as geometry
from reelpress.writers.pdf.tasks import font_faces
from reelpress.writers.templating import templates_dir

pytestmark = pytest.mark.slow

PARAGRAPH = ("<p>Almost every action film made since the ’50s owes something to <em>Seven Samurai</em>, "
             "and most of them owe more than they’d like to admit.</p>")


def first_line() -> str:
    fonts = FontConfiguration()
    css = [CSS(string=font_faces(), font_config=fonts), CSS(string=geometry(PdfSettings()).css()),
           CSS(filename=str(templates_dir() / "print.css"), font_config=fonts)]
    data = HTML(string=f'<html lang="en"><body>{PARAGRAPH}</body></html>').write_pdf(
        stylesheets=css, font_config=fonts)
    return PdfReader(io.BytesIO(data)).pages[0].extract_text().splitlines()[0]


def test_first_line_keeps_its_words(monkeypatch):
    monkeypatch.setattr(weasyfix.inline_layout, "split_first_line", weasyfix._original)
    broken = first_line()
    weasyfix.install()
    fixed = first_line()
    assert fixed == "Almost every action film made since the ’50s owes something to"
    # If this fails, WeasyPrint fixed the bug itself: the wrapper can go.
    assert broken == "Al-", f"WeasyPrint no longer shows the bug ({broken!r})"
