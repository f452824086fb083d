"""Importing a Substack export: posts.csv metadata, chrome removed, footnotes kept as footnotes."""

from __future__ import annotations

import pytest

from exports import substack_zip
from reelpress.errors import InputError
from reelpress.commands.imports import Options, run

URL = "https://acritic.substack.com"


@pytest.fixture
def imported(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "from-substack"
    return volume, run("substack", [source], volume, Options(publication_url=URL, author="Ada Linden"))


def test_rows(imported):
    _, rows = imported
    assert [(r.status, r.title, r.reason) for r in rows] == [
        ("imported", "The Longest Cut", ""),
        ("imported", "Listening in the Dark", "paid subscribers only"),
        ("skipped", "Half Written", "not published (use --drafts to import drafts)"),
        ("skipped", "Episode One", "a podcast episode"),
        ("skipped", "Open Thread", "a discussion thread"),
        ("imported", "A Festival Notebook", ""),
        ("imported", "Notes by Hand", ""),
    ]


def test_source_url_subtitle_and_chrome(imported):
    volume, rows = imported
    source = (volume / "reviews" / "01-the-longest-cut.md").read_text()
    assert "source_url: https://acritic.substack.com/p/the-longest-cut\n" in source
    assert "# Subtitle on the platform: Kubrick & the bone\n" in source  # entities decoded
    for gone in ("Subscribe now", "Share", "Type your email", "Thanks for reading", "svg", "data-attrs"):
        assert gone not in source, gone
    assert "*[Image: Four million years in one cut.]*" in source
    assert "[my piece\non listening](02-listening-in-the-dark.md)" in source
    assert "Video: <https://www.youtube.com/watch?v=Z2UWOeBcsJI>" in source
    assert "satellite.[^1] Kubrick" in source
    assert "[^1]: The cut\n    skips more history than any other in cinema." in source
    assert rows[0].changes == ("dropped image-expand icon 1×, subscribe button 1×, subscribe form 1×, share button "
                               "1×; replaced footnote 1×, video 1×, remote image 1×")
    paid = (volume / "reviews" / "02-listening-in-the-dark.md").read_text()
    assert "# Note: paid subscribers only.\n" in paid and "> Post by @someone on X: <https://twitter.com/someone/status/1>" in paid


def test_publication_url_is_required(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    with pytest.raises(InputError, match="--publication-url"):
        run("substack", [source], tmp_path / "v", Options(author="A"))


def test_drafts_on_request(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    rows = run("substack", [source], tmp_path / "v", Options(publication_url=URL, author="A", drafts=True))
    assert ("imported", "Half Written") in [(r.status, r.title) for r in rows]
    assert ("skipped", "Episode One") in [(r.status, r.title) for r in rows]


def test_a_new_volume_without_an_author_is_refused(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    with pytest.raises(InputError, match="--author"):
        run("substack", [source], tmp_path / "v", Options(publication_url=URL))
    assert not (tmp_path / "v").exists()


def test_a_cross_posted_review_is_not_imported_twice(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "v"
    (volume / "reviews").mkdir(parents=True)
    (volume / "volume.toml").write_text('title = "V"\nauthor = "A"\n')
    (volume / "reviews" / "07-kubrick.md").write_text(
        "---\ntitle: The Longest Cut\nsource_url: https://medium.com/@a/the-longest-cut-0a0b0c0d0e0f\n---\nText\n")
    rows = run("substack", [source], volume, Options(publication_url=URL))
    assert (rows[0].status, rows[0].file, rows[0].reason) == (
        "skipped", "07-kubrick.md", "a copy of 07-kubrick.md (written by hand, https://medium.com/@a/the-longest-"
        "cut-0a0b0c0d0e0f), kept as the copy already in the volume (no earlier date is known); this copy: Substack, "
        "2021-05-03, https://acritic.substack.com/p/the-longest-cut")
    assert rows[1].file == "08-listening-in-the-dark.md"  # numbering continues after the existing files


def notebook(volume) -> str:
    return (volume / "reviews" / "03-a-festival-notebook.md").read_text().split("---\n", 2)[2]


def test_a_tweet_keeps_author_date_link_and_text(imported):
    volume, _ = imported
    assert ("> Post by Festival Wire (@festivalwire) on X, 3 May 2021: <https://twitter.com/festivalwire/status/139>"
            "\n>\n> Lights down  \n> in the main hall.\n") in notebook(volume)


def test_every_embed_kind_is_a_line_with_its_link(imported):
    volume, rows = imported
    body = notebook(volume)
    for line in ("Formula (LaTeX): `t = 3 \\times 52 + 7`",
                 "See also: [The Longest Cut](01-the-longest-cut.md) (by Ada Linden, Paranoia and Wonder): Why one "
                 "cut can hold a century.",
                 "See also: [On Queues](https://otherletter.substack.com/p/queues) (by Tom Reyes, Other Letter): "
                 "Every festival is a queue.",
                 "Instagram post by festivalwire: Red carpet, wet carpet. <https://instagram.com/p/CQx1Lm>",
                 "File: [Festival schedule](https://acritic.substack.com/api/v1/file/schedule.pdf) (120KB ∙ PDF file)",
                 "The festival opened with a film nobody had heard of. Mara Quist programmed it"):
        assert line in body, line
    assert "Download" not in body
    assert rows[5].changes == ("dropped poll 1×, video uploaded to Substack 1×, comment button 1×; replaced mention "
                               "1×, tweet 1×, gallery 2×, LaTeX block 1×, embedded post 2×, Instagram post 1×, file "
                               "card 1×, image 1×, video 1×, button 1×, remote image 6×")
    assert "*[Image: Midnight screening.]*" in body and "Video: <https://www.youtube.com/watch?v=aBcD3fGh1jK>" in body


def test_only_subscribe_share_and_comment_buttons_go(imported):
    volume, _ = imported
    body = notebook(volume)
    assert "Link: [Try Ghost](https://ghost.org)" in body and "Leave a comment" not in body


def test_headings_lose_their_bold_wrapper(imported):
    volume, _ = imported
    body = notebook(volume)
    assert body.startswith("\n## Day one\n") and "\n### What I saw\n" in body and "**" not in body


def test_every_image_form_becomes_a_figure(tmp_path, monkeypatch):
    """Galleries, rendered galleries and `<picture><source><img>` images, once downloaded, are figures."""
    monkeypatch.setattr("reelpress.commands.imports._fetcher",
                        lambda volume, options: lambda url: "../images/" + url.rsplit("/", 1)[-1])
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "v"
    run("substack", [source], volume, Options(publication_url=URL, author="A"))
    body = notebook(volume)
    for figure in ('![The hall and the queue outside it, image 1 of 2](../images/hall.jpeg)',
                   '![The hall and the queue outside it, image 2 of 2](../images/queue.jpeg "The hall and the queue '
                   'outside it.")',
                   '![The festival poster](../images/poster.jpeg)',
                   '![My press badge](../images/badge.jpeg "What they hand you at the door.")',
                   '![The stage before the first screening.](../images/stage.jpeg "The stage before the first '
                   'screening.")'):
        assert figure in body, figure
    longest = (volume / "reviews" / "01-the-longest-cut.md").read_text()
    assert '![A drawing of a bone in mid-air](../images/bone.png "Four million years in one cut.")' in longest


def test_notes_typed_as_text_become_notes(imported):
    volume, _ = imported
    body = (volume / "reviews" / "04-notes-by-hand.md").read_text().split("---\n", 2)[2]
    assert body == ("\nHitchcock said he made the film for the audience,[^1] and the audience agreed.\n\n"
                    "The shower scene has seventy-eight set-ups.[^2] Nobody counts them while watching.\n\n"
                    "[^1]: In an interview with Truffaut.\n\n[^2]: By the usual count; editors disagree by a few.\n")


def test_a_bracket_that_is_not_a_note_stays_text():
    from lxml import etree
    from reelpress.commands.imports import substack_notes
    from reelpress.util.xhtml import parse_html_fragment
    from pathlib import Path
    body = parse_html_fragment("<p>Rated [^3] here, and [1] there.</p><p>[2] is not cited.</p>", Path("x"))
    substack_notes.convert(body)
    assert "noteref" not in etree.tostring(body, encoding="unicode")
    assert "".join(body.itertext()) == "Rated [^3] here, and [1] there.[2] is not cited."


@pytest.mark.parametrize("href, text, kind", [
    ("https://acritic.substack.com/subscribe?", "Subscribe now", "subscribe"),
    ("https://acritic.substack.com/subscribe?gift=true", "Give a gift subscription", "subscribe"),
    ("https://acritic.substack.com/p/x?utm_source=substack&action=share", "Share", "share"),
    ("https://acritic.substack.com/p/x/comments", "Leave a comment", "comment"),
    ("https://ghost.org", "Try Ghost", None),
    ("https://festival.example.com/tickets", "Buy tickets", None),
])
def test_which_buttons_are_substacks_own(href, text, kind):
    from reelpress.commands.imports.substack import button_kind
    assert button_kind(href, text) == kind


def test_a_captioned_subscribe_button_goes_with_its_caption_and_the_report_says_so(tmp_path):
    from exports import make_zip
    wrap = ('<p>Before.</p><div class="captioned-button-wrap" data-attrs="{}"><div class="preamble"><p '
            'class="cta-caption">Thanks for reading! This post is public.</p></div><p class="button-wrapper">'
            '<a class="button primary" href="https://acritic.substack.com/subscribe?"><span>Subscribe</span></a>'
            '</p></div><p>After.</p>')
    source = tmp_path / "s.zip"
    source.write_bytes(make_zip({"posts.csv": b"post_id,post_date,is_published,title\n9.w,2021-01-01,true,W\n",
                                 "posts/9.w.html": wrap.encode()}))
    volume = tmp_path / "v"
    rows = run("substack", [source], volume, Options(publication_url=URL, author="A"))
    assert (volume / "reviews" / "01-w.md").read_text().endswith("---\n\nBefore.\n\nAfter.\n")
    from reelpress.commands.imports import table
    report = table(rows, volume)
    assert f"dropped and replaced (nothing else was left out):\n  {volume}/reviews/01-w.md: dropped subscribe " \
           "button 1×\n" in report
