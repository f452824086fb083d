"""Measuring laid-out pages: a figure pushed to the next page leaving a gap, a review's short ending."""

from __future__ import annotations

from weasyprint import CSS, HTML

from reelpress.writers.pdf.weasy import measure

PAGE = CSS(string="@page { size: 300px 300px; margin: 20px; } p { margin: 0; line-height: 20px; } "
                  "figure { margin: 0; break-inside: avoid; } .review { break-before: page; }")
IMAGE = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='200' height='150'/>"


def _pages(body: str):
    return HTML(string=f"<html><body>{body}</body></html>").render(stylesheets=[PAGE]).pages


def test_a_figure_that_does_not_fit_leaves_a_gap_and_is_named():
    lines = "<p>line</p>" * 6  # 120px of a 260px page: the 150px figure goes over
    figure = f'<figure data-figure="7"><img src="{IMAGE}"/><figcaption>still</figcaption></figure>'
    assert measure.figure_gaps(_pages(lines + figure + "<p>after</p>")) == ["7"]
    assert measure.figure_gaps(_pages("<p>line</p>" * 11 + figure)) == []  # a full page before: no gap


def test_a_review_ending_with_a_few_lines_alone_is_named():
    def review(name, lines):
        return f'<section class="review" id="{name}">' + "<p>line</p>" * lines + "</section>"
    assert measure.short_endings(_pages(review("short", 15) + review("long", 20) + review("one", 4))) == ["short"]
