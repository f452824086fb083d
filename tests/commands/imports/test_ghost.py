"""`reelpress import ghost`: Ghost 5's JSON export; html, Lexical or Mobiledoc; cards by the rule."""

from __future__ import annotations

import json

import pytest

from exports_ghost import RIVER, _post, ghost_json
from reelpress.errors import InputError
from reelpress.commands.imports import Options, ghost, run


def imported(tmp_path, data: bytes = None, **options):
    path = tmp_path / "ada.ghost.2026-11-01.json"
    path.write_bytes(ghost_json() if data is None else data)
    rows = run("ghost", [path], tmp_path / "v", Options(**options))
    return rows, {p.name: p.read_text() for p in sorted((tmp_path / "v" / "reviews").glob("*.md"))}


def test_published_posts_not_pages_drafts_or_emails(tmp_path):
    rows, files = imported(tmp_path, site_url="https://ada.ghost.io")
    assert list(files) == ["01-jeanne-dielman.md", "02-close-up.md", "03-the-river.md"]
    assert {r.title: r.reason for r in rows if r.status == "skipped"} == {
        "Broken": "its lexical document could not be read, and the export has no html for it",
        "Newsletter #12": "sent as an email only, never published on the site", "Pages (1)": "pages are not posts",
        "Notes on Taste of Cherry": "not published (draft; use --drafts to import drafts)"}
    assert "author = \"Ada Linden\"" in (tmp_path / "v" / "volume.toml").read_text()


def test_site_url_tags_and_internal_links(tmp_path):
    _, files = imported(tmp_path, site_url="https://ada.ghost.io/")
    text = files["02-close-up.md"]
    assert "source_url: https://ada.ghost.io/close-up/\n" in text and "tags: [Film, Iran]\n" in text  # not #featured
    assert "[my piece on The River](03-the-river.md)" in text
    assert "__GHOST_URL__" not in "".join(files.values())


def test_without_site_url_links_between_posts_still_become_internal(tmp_path):
    rows, files = imported(tmp_path)
    assert "[my piece on The River](03-the-river.md)" in files["02-close-up.md"]
    assert "source_url" not in files["02-close-up.md"]
    assert any("give --site-url" in w for r in rows for w in r.warnings)


def test_cards_by_the_rule(tmp_path):
    rows, files = imported(tmp_path, site_url="https://ada.ghost.io")
    text = files["02-close-up.md"]
    assert text.split("---\n", 2)[2].startswith("\n*[Image: Nema-ye Nazdik, 1990]*")  # the feature image
    for line in ("*[Image: The ride home, with flowers.]*", "*[Image: The courtroom]*", "*[Image: A Tehran street]*",
                 "Video: [The trailer](https://www.youtube.com/watch?v=Kk1Ll2Mm3Nn)",
                 "Link: [Kiarostami on truth and lies](https://example.org/kiarostami-interview)",
                 "> The real Sabzian is in every scene.", "**Does the sound cut out on purpose?**",
                 "Link: [Screening tickets](https://example.org/tickets)", "## After the film",
                 "Link: [Read on](https://example.org/after)",
                 "Audio: [Voice notes from the screening](https://ada.ghost.io/content/media/2023/02/notes.mp3)",
                 "Video: [The motorbike scene](https://ada.ghost.io/content/media/2023/02/clip.mp4)",
                 "File: [Screening notes](https://ada.ghost.io/content/files/2023/02/notes.pdf)"):
        assert line in text, line
    assert "A long interview" not in text and "0:00" not in text and "52 KB" not in text
    row = next(r for r in rows if r.title == "Close-Up")
    assert row.changes.startswith("dropped toggle button 1×; replaced embed 1×, bookmark 1×, callout 1×, button 2×,"
                                  " audio 1×, video 1×, file 1×, remote image 4×")


def test_lexical_and_mobiledoc_documents_are_converted(tmp_path):
    rows, files = imported(tmp_path, site_url="https://ada.ghost.io")
    river, jeanne = files["03-the-river.md"], files["01-jeanne-dielman.md"]
    assert "a *writer*." in river and "## Colour" in river and "- **the kites**" in river
    assert "> The river runs" in river and "[Technicolor](https://example.org/technicolor)" in river
    assert next(r for r in rows if r.title == "The River").changes.startswith("dropped Lexical paywall node 1×")
    assert "peels *every* potato.  \n[More on Akerman](https://example.org/akerman)" in jeanne
    assert "1. potatoes\n2. the bath" in jeanne and "- the shoes\n- the coffee" in jeanne


@pytest.mark.parametrize("data, says", [
    (b"{", "not readable as JSON"), (b"[]", "not a Ghost export"), (b'{"db": [{"data": {}}]}', "not a Ghost export"),
    (json.dumps({"db": [{"data": {"posts": [_post("x", "X", "x", lexical={"root": {"type": "root", "children": [
        {"type": "paragraph", "children": []}] * 3}}) | {"id": ["a list"]}, "junk", 7],
        "tags": [{"id": {"x": 1}}], "posts_tags": [{"post_id": [1], "tag_id": None}]}}]}).encode(), None),
    (("[" * 100_000).encode(), "not readable as JSON"),
])
def test_odd_and_hostile_files(tmp_path, data, says):
    path = tmp_path / "g.json"
    path.write_bytes(data)
    if says is None:
        assert [p.title for p in ghost.posts(path)] == ["X"]
        return
    with pytest.raises(InputError) as caught:
        ghost.posts(path)
    assert says in str(caught.value)


def test_limits(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_bytes(ghost_json())
    monkeypatch.setattr(ghost, "MAX_POSTS", 3)
    with pytest.raises(InputError, match="7 posts; the limit is 3"):
        ghost.posts(path)
    monkeypatch.setattr(ghost, "MAX_JSON_BYTES", 100)
    with pytest.raises(InputError, match="bytes; the limit for a Ghost export is 100"):
        ghost.posts(path)


def test_a_deeply_nested_lexical_document_is_reported_not_a_crash(tmp_path):
    node = {"type": "paragraph", "children": []}
    for _ in range(200):
        node = {"type": "quote", "children": [node]}
    post = _post("d", "Deep", "deep", lexical={"root": {"type": "root", "children": [node]}})
    path = tmp_path / "g.json"
    path.write_bytes(ghost_json([post]))
    assert ghost.posts(path)[0].skip == "its lexical document could not be read, and the export has no html for it"
