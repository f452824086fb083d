"""The PDF's bytes do not depend on the clock: the colour emoji's font, which WeasyPrint saves with
fontTools, carries no save time."""

from __future__ import annotations

import os
import time

import pytest

from reelpress.writers.pdf.tasks import Task
from reelpress.writers.pdf.weasy import render

pytestmark = pytest.mark.slow
EMOJI = '<p style="font-family: \'Noto Color Emoji\'">\U0001F3AC \U0001F37F</p>'


def test_two_drawings_a_second_apart_are_the_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    document = render.render_document(Task(EMOJI, ("@page { size: A6 }",), "file:///", ()))
    first = render.draw(document)
    time.sleep(1.1)  # fontTools' stamp counts seconds
    assert render.draw(document) == first
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_without_the_fixed_stamp_the_bytes_would_differ(monkeypatch):
    """The case the fix is for: fontTools stamps the emoji font with the time of saving."""
    document = render.render_document(Task(EMOJI, ("@page { size: A6 }",), "file:///", ()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    one = render.draw(document)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    assert render.draw(document) != one
