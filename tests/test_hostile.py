"""Hostile input that cannot live in a fixture folder: FIFOs, huge files, decompression bombs, entity
attacks, a missing font — and properties of the readers on arbitrary bytes."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import MINIMAL_CONFIG, review
from reelpress.build import build, load
from reelpress.errors import InputError, ReelpressError


def errors(folder) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(folder)
    return [str(d).replace(str(folder) + "/", "") for d in caught.value.diagnostics]


def test_a_fifo_is_refused_without_blocking(make_volume):
    folder = make_volume({})
    os.mkfifo(folder / "reviews" / "01-pipe.md")
    assert errors(folder) == ["reviews/01-pipe.md: RP016 error: not a regular file (a FIFO, device or folder "
                              "cannot be a source)"]


def test_a_100_mb_review_is_refused_by_size_before_reading(make_volume):
    folder = make_volume({})
    with open(folder / "reviews" / "01-huge.md", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: nothing is written or read
    assert errors(folder) == ["reviews/01-huge.md: RP016 error: file is 104,857,600 bytes; the limit for a "
                              "source file is 8,388,608"]


def test_a_symlink_to_a_device_is_refused(make_volume):
    folder = make_volume({})
    (folder / "reviews" / "01-random.md").symlink_to("/dev/urandom")
    assert errors(folder)[0].startswith("reviews/01-random.md: RP041 error: refusing to read")


def test_a_decompression_bomb_image_is_refused(make_volume):
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")  # 400 Mpx in a few kB
    folder = make_volume({"01-a.md": review("A", "![bomb](../images/bomb.png)")},
                         images={"images/bomb.png": buffer.getvalue()})
    found = errors(folder)
    assert found == ["reviews/01-a.md:4: RP043 error: ../images/bomb.png: image is larger than 40,000,000 pixels "
                     "(a decompression bomb?)"]


@pytest.mark.parametrize("attack", [
    '<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><p>&xxe;</p>',
    '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><p>&d;&d;&d;</p>',
])
def test_entity_attacks_in_html_sources_expand_nothing(make_volume, tmp_path, attack):
    folder = make_volume({"01-a.html": "---\ntitle: A\n---\n" + attack + "\n<p>Real text.</p>\n"})
    result = build(folder, tmp_path / "out", ("epub",))
    with zipfile.ZipFile(result.outputs["epub"]) as archive:
        chapter = archive.read("EPUB/text/a.xhtml").decode()
    assert "root:" not in chapter and "aaaaaaaaaa" not in chapter and "Real text." in chapter


@pytest.mark.slow
def test_a_missing_font_stops_the_pdf(make_volume, tmp_path, monkeypatch):
    from reelpress.writers.pdf import tasks as pdf_task
    monkeypatch.setattr(pdf_task, "SERIF_DIR", tmp_path / "no-fonts-here")
    with pytest.raises(ReelpressError, match="RP051 error: a font of the book is missing: .*SourceSerifPro-Regular.ttf"):
        build(make_volume(), tmp_path / "out", ("pdf",))
    assert not (tmp_path / "out").exists()


FRONT = st.sampled_from(["---\ntitle: T\n---\n", "---\n", "", "---\ntitle: [\n---\n", "---\ntitle: &a x\nfilm: *a\n---\n",
                         "\ufeff---\ntitle: T\nrating: 9\n---\n", "---\r\ntitle: T\r\n---\r\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT, body=st.binary(max_size=300), name=st.sampled_from(["01-a.md", "01-a.html", "02-B b.md"]))
def test_readers_only_ever_raise_reelpress_errors(make_volume, tmp_path_factory, front, body, name):
    folder = tmp_path_factory.mktemp("v")
    (folder / "reviews").mkdir()
    (folder / "volume.toml").write_text(MINIMAL_CONFIG)
    (folder / "reviews" / name).write_bytes(front.encode("utf-8") + body)
    try:
        volume = load(folder)
    except InputError as error:
        assert error.diagnostics and all(d.code.startswith("RP") for d in error.diagnostics)
    else:
        assert len(volume.reviews) == 1


def test_a_truncated_image_is_an_error_even_after_weasyprint_is_imported(make_volume):
    import weasyprint  # noqa: F401  (it sets Pillow's LOAD_TRUNCATED_IMAGES globally)
    from PIL import ImageFile

    from helpers import png_bytes
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    folder = make_volume({"01-a.md": review("A", "![cut](../images/cut.png)")},
                         images={"images/cut.png": png_bytes(200, 200)[:-40]})
    assert "RP043" in errors(folder)[0]
