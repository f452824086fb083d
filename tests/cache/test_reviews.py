"""The per-review cache: an unchanged review is not read or normalised again, and a build from the
cache is the build without it — the same EPUB bytes, the same problems reported."""

from __future__ import annotations

import json

import pytest

from helpers import png_bytes, review
from reelpress.book import assets
from reelpress.build import build
from reelpress.commands.check import epubcheck
from reelpress.errors import InputError
from reelpress.normalise import typography
from reelpress.readers import READERS
from reelpress.writers import WriteOptions


@pytest.fixture
def counted(monkeypatch):
    """How many times each review source is read by its reader, how often the passes run, and which
    images are inspected (decoded)."""
    calls = {"read": [], "passes": 0, "inspected": []}
    inspect = assets.inspect_image

    def inspecting(path):
        calls["inspected"].append(path.name)
        return inspect(path)
    monkeypatch.setattr(assets, "inspect_image", inspecting)
    original = READERS[".md"]

    def reading(path, slug, text, report):
        calls["read"].append(path.name)
        return original(path, slug, text, report)
    monkeypatch.setitem(READERS, ".md", reading)
    run = typography.run

    def passes(body, ctx):
        calls["passes"] += 1
        return run(body, ctx)
    monkeypatch.setattr(typography, "run", passes)
    from reelpress import normalise
    monkeypatch.setattr(normalise, "PASSES", tuple(passes if p is run else p for p in normalise.PASSES))
    return calls


REVIEWS = {
    "01-one.md": review("One", 'The "first" review... of *Two Films*.', film="Two Films", year=1950),
    "02-two.md": review("Two", "A still:\n\n![A still](../images/still.png)\n\nAnd [one](01-one.md)."),
    "03-three.md": review("Three", "Text -- with a [missing](#nowhere-at-all) anchor.", rating=4),
}


def _epub(volume, out, cache):
    result = build(volume, out, ("epub",), options=WriteOptions(cache_dir=cache))
    return result.outputs["epub"].read_bytes(), [str(d) for d in result.warnings]


def test_unchanged_reviews_come_from_the_cache_and_the_book_is_the_same(make_volume, tmp_path, counted):
    volume = make_volume({k: v for k, v in REVIEWS.items() if k != "03-three.md"},
                         images={"images/still.png": png_bytes()})
    cold, cold_warnings = _epub(volume, tmp_path / "cold", None)
    first, _ = _epub(volume, tmp_path / "a", tmp_path / "cache")
    assert counted["inspected"] == ["still.png", "still.png"]  # the build without the cache, the first with it
    counted.update(read=[], passes=0, inspected=[])
    again, warnings = _epub(volume, tmp_path / "b", tmp_path / "cache")
    assert counted == {"read": [], "passes": 0, "inspected": []}
    assert cold == first == again and warnings == cold_warnings
    assert epubcheck.check(tmp_path / "b" / "test-volume.epub") == []


def test_an_edit_reads_only_the_edited_review(make_volume, tmp_path, counted):
    volume = make_volume({k: v for k, v in REVIEWS.items() if k != "03-three.md"},
                         images={"images/still.png": png_bytes()})
    _epub(volume, tmp_path / "a", tmp_path / "cache")
    (volume / "reviews" / "02-two.md").write_text(REVIEWS["02-two.md"].replace("A still", "One still"))
    counted["read"].clear()
    edited, _ = _epub(volume, tmp_path / "b", tmp_path / "cache")
    assert counted["read"] == ["02-two.md"]
    assert edited == _epub(volume, tmp_path / "cold", None)[0]


@pytest.mark.parametrize("change", ["image", "films", "config"])
def test_what_an_entry_depends_on_beyond_its_source_invalidates_it(make_volume, tmp_path, counted, change):
    volume = make_volume({k: v for k, v in REVIEWS.items() if k != "03-three.md"},
                         images={"images/still.png": png_bytes()})
    _epub(volume, tmp_path / "a", tmp_path / "cache")
    if change == "image":
        (volume / "images" / "still.png").write_bytes(png_bytes(80, 60))
    elif change == "films":  # "Two Films" is no longer a film of the volume: no <cite> in review one
        (volume / "reviews" / "01-one.md").write_text(REVIEWS["01-one.md"].replace("film: Two Films\n", ""))
    else:
        (volume / "volume.toml").write_text((volume / "volume.toml").read_text() + 'language = "en-GB"\n')
    counted.update(passes=0, inspected=[])
    cached, _ = _epub(volume, tmp_path / "b", tmp_path / "cache")
    assert counted["passes"] >= (0 if change == "image" else 1)  # the body names the file, not its bytes
    assert counted["inspected"] == ["still.png"]  # changed bytes, or an entry no longer valid: inspected again
    assert cached == _epub(volume, tmp_path / "cold", None)[0]


def test_an_image_broken_since_is_reported_as_without_the_cache(make_volume, tmp_path):
    volume = make_volume({k: v for k, v in REVIEWS.items() if k != "03-three.md"},
                         images={"images/still.png": png_bytes()})
    _epub(volume, tmp_path / "a", tmp_path / "cache")
    (volume / "images" / "still.png").write_bytes(png_bytes()[:60])
    with pytest.raises(InputError) as cold:
        _epub(volume, tmp_path / "cold", None)
    with pytest.raises(InputError) as cached:
        _epub(volume, tmp_path / "b", tmp_path / "cache")
    assert [str(d) for d in cached.value.diagnostics] == [str(d) for d in cold.value.diagnostics]


def test_warnings_are_reported_again_and_a_review_with_errors_is_not_kept(make_volume, tmp_path, counted):
    chatty = review("Chatty", "A real paragraph about the film.\n\nThanks for reading!")
    volume = make_volume({"01-chatty.md": chatty, "02-broken.md": review("Broken", "![gone](../images/gone.png)")})
    with pytest.raises(InputError) as first:
        build(volume, tmp_path / "a", ("epub",), options=WriteOptions(cache_dir=tmp_path / "cache"))
    counted["read"].clear()
    with pytest.raises(InputError) as again:
        build(volume, tmp_path / "b", ("epub",), options=WriteOptions(cache_dir=tmp_path / "cache"))
    assert counted["read"] == ["02-broken.md"]  # the one with an error is read again
    assert [str(d) for d in again.value.diagnostics] == [str(d) for d in first.value.diagnostics]
    assert any(d.severity == "warning" and "01-chatty.md" in d.path for d in again.value.diagnostics)


@pytest.mark.parametrize("damage", [
    lambda entry: {key: value for key, value in entry.items() if key != "normalised"},  # a key missing
    lambda entry: {**entry, "meta": {"title": None, "unknown": 1}},                    # meta that is not one
    lambda entry: {**entry, "xhtml": "<div>not closed"},                                # a body that does not parse
    lambda entry: {**entry, "images": [["only", "two"]]},                               # an image that is not one
    lambda entry: {**entry, "read": [{"path": "x"}]},                                   # a problem that is not one
])
def test_a_damaged_entry_is_read_again_not_a_traceback(make_volume, tmp_path, damage):
    volume = make_volume({k: v for k, v in REVIEWS.items() if k != "03-three.md"},
                         images={"images/still.png": png_bytes()})
    cold, cold_warnings = _epub(volume, tmp_path / "cold", None)
    _epub(volume, tmp_path / "a", tmp_path / "cache")
    for path in (tmp_path / "cache" / "reviews").glob("*.json"):
        path.write_text(json.dumps(damage(json.loads(path.read_text()))))
    again, warnings = _epub(volume, tmp_path / "b", tmp_path / "cache")
    assert again == cold and warnings == cold_warnings
