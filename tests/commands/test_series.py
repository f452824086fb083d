"""A series as the unit: series.toml, parallel builds with a summary, cross-volume slugs, the series
page, indexes with the right pages, generated covers, the omnibus, the series index and the kit."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import VOLUMES
from reelpress.build import build
from reelpress.commands.check import epubcheck, readback as pdf
from reelpress.cli import main
from reelpress.config import load_volume_config
from reelpress.errors import InputError
from reelpress.book.collation import Collator
from reelpress.book.indexes import directors_of, inverted
from reelpress.commands.series import build_series
from reelpress.writers.pdf import runner as pdf_runner
from reelpress.commands import series as series_module

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import corpus  # noqa: E402

pytestmark = pytest.mark.slow


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def series(tmp_path):
    target = tmp_path / "volumes"
    shutil.copytree(VOLUMES, target)
    return target


def test_unit_sorting_and_names():
    assert sorted(["The Third Man", "A Key", "2001: A Space Odyssey", "Bicycle Thieves"], key=Collator("en").key) == [
        "2001: A Space Odyssey", "Bicycle Thieves", "A Key", "The Third Man"]
    assert [inverted(n) for n in ("Vittorio De Sica", "Alfred Hitchcock", "Erich von Stroheim", "Ozu")] == [
        "De Sica, Vittorio", "Hitchcock, Alfred", "von Stroheim, Erich", "Ozu"]
    assert directors_of("Joel Coen and Ethan Coen") == ["Joel Coen", "Ethan Coen"]


def test_series_toml_is_shared_and_overridden(series):
    one, two = (load_volume_config(series / f"essential-film-reviews-{n}") for n in (1, 2))
    assert (one.author, one.series, one.series_index, one.language) == ("Ada Linden", "Essential Film Reviews", 1, "en")
    assert (two.series_index, two.language, two.typography.dashes) == (2, "en-GB", "spaced-en")
    assert one.rights.startswith("Copyright © 2026 Ada Linden") and two.rights == "Copyright © 2026 Ada Linden. All rights reserved."
    (series / "series.toml").write_text('title = "S"\nautor = "X"\n')
    with pytest.raises(InputError, match="series.toml:2:1: RP003 error: unknown key `autor`; did you mean `author`"):
        load_volume_config(series / "essential-film-reviews-1")


def test_series_build_in_parallel_with_a_summary(series, tmp_path):
    result = run("build", series, "--out", tmp_path / "dist", "--jobs", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["volume", "reviews", "words", "EPUB", "PDF", "pages", "time"]
    assert re.match(r"essential-film-reviews-1\s+7\s+2,213\s+\d+\.\d KB\s+32\s+\d+\.\d s", lines[1]), lines[1]
    assert re.match(r"3 of 3 volumes built in \d+\.\d s with 2 workers$", lines[-1])
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [
        "essential-film-reviews-1.epub", "essential-film-reviews-1.pdf",
        "essential-film-reviews-2.epub", "essential-film-reviews-2.pdf",
        "essential-film-reviews-3.epub", "essential-film-reviews-3.pdf"]


def test_the_summary_says_how_the_volumes_were_built():
    """`--volume N` builds one volume with every core; `--jobs 1` uses one process."""
    rows = [series_module.VolumeRow("v1", reviews=3)]
    assert series_module.summary_table(rows, 1.0, 1, 2).endswith("1 of 1 volumes built in 1.0 s with up to 2 processes")
    assert series_module.summary_table(rows * 2, 1.0, 1, 1).endswith("2 of 2 volumes built in 1.0 s in one process")
    assert series_module.summary_table(rows * 2, 1.0, 2, 2).endswith("with 2 workers")


def test_the_last_volume_to_start_gets_every_core_of_the_pool():
    context = multiprocessing.get_context("spawn")
    try:
        stop = context.Event()
        series_module._join_pool(context.Value("i", 3), stop, 1, 2)  # 3 volumes, 2 workers, 2 cores
        assert [series_module.cores_for_next_volume() for _ in range(3)] == [1, 1, 2]
        series_module._join_pool(context.Value("i", 2), stop, 2, 4)  # 2 volumes, 2 workers, 4 cores
        assert series_module.cores_for_next_volume() == 2
        stop.set()  # Ctrl-C: the series starts no other volume
        with pytest.raises(KeyboardInterrupt):
            series_module.cores_for_next_volume()
    finally:
        series_module._POOL = None
    assert series_module.cores_for_next_volume() == 1  # not in a series worker


def test_one_volume_of_a_series_is_built_with_every_core(tmp_path):
    folder = corpus.write(tmp_path / "series", volumes=2, reviews=1, words=200)[1]  # as with --volume 2
    [row] = build_series([folder], tmp_path / "dist", ("pdf",), jobs=2)
    assert (row.exit_code, row.problems, row.cores) == (0, [], 2)


def test_the_last_volume_lays_its_pdf_out_on_the_idle_workers(tmp_path):
    """Two short volumes, then one long enough for PDF pieces in worker processes. With 2 series
    workers the long one starts last, so its pieces are laid out by 2 processes of its own (a pool
    inside the series worker); every PDF is byte for byte the one a single process builds."""
    folders = corpus.write(tmp_path / "series", volumes=3, reviews=2, words=150)
    shutil.rmtree(folders[2])
    shutil.copytree(corpus.write(tmp_path / "long", volumes=3, reviews=14, words=1100)[2], folders[2])
    rows = build_series(folders, tmp_path / "j2", ("pdf",), jobs=2)
    assert [(row.exit_code, row.problems, row.cores) for row in rows] == [(0, [], 1), (0, [], 1), (0, [], 2)]
    assert rows[2].pdf_pages > pdf_runner.POOL_PAGES
    for folder in folders:
        build(folder, tmp_path / "j1", ("pdf",))
        name = f"{folder.name}.pdf"
        assert (tmp_path / "j2" / name).read_bytes() == (tmp_path / "j1" / name).read_bytes(), name


def test_a_series_built_again_unchanged_writes_nothing_and_an_edit_rebuilds_one_volume(series, tmp_path):
    dist = tmp_path / "dist"
    assert run("build", series, "--out", dist, "--jobs", "1").exit_code == 0
    written = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in dist.iterdir()}
    again = run("build", series, "--out", dist, "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert re.match(r"essential-film-reviews-1\s+7\s+2,213\s+\d+\.\d KB\s+32\s", again.output.splitlines()[1])
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in dist.iterdir()} == written
    review = series / "essential-film-reviews-2" / "reviews" / sorted(
        (series / "essential-film-reviews-2" / "reviews").iterdir())[0].name
    review.write_text(review.read_text() + "\nOne more sentence.\n")
    assert run("build", series, "--out", dist, "--jobs", "1").exit_code == 0
    changed = {name for name, (mtime, _) in written.items() if (dist / name).stat().st_mtime_ns != mtime}
    assert changed == {"essential-film-reviews-2.epub", "essential-film-reviews-2.pdf"}


def test_one_volume_only_and_one_failure_does_not_stop_the_other(series, tmp_path):
    assert run("build", series, "--volume", "2", "--format", "epub", "--out", tmp_path / "a").exit_code == 0
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["essential-film-reviews-2.epub"]
    (series / "essential-film-reviews-1" / "reviews" / "01-the-third-man.md").write_text("no front matter\n")
    result = run("build", series, "--format", "epub", "--jobs", "1", "--out", tmp_path / "b")
    assert result.exit_code == 1
    assert "01-the-third-man.md:1:1: RP020 error" in result.output and "1 failed" in result.output
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["essential-film-reviews-2.epub",
                                                                  "essential-film-reviews-3.epub"]


def test_a_slug_in_two_volumes_is_an_error_naming_both(series, tmp_path):
    shutil.copy(series / "essential-film-reviews-1" / "reviews" / "07-vertigo.md",
                series / "essential-film-reviews-2" / "reviews" / "07-vertigo.md")
    result = run("build", series, "--out", tmp_path / "dist")
    assert result.exit_code == 1 and not (tmp_path / "dist").exists()
    assert "essential-film-reviews-2/reviews/07-vertigo.md: RP014 error: slug `vertigo` is also the slug of" in result.output
    assert "essential-film-reviews-1/reviews/07-vertigo.md in another volume" in result.output


def test_series_page_indexes_and_generated_cover(tmp_path):
    result = build(VOLUMES / "essential-film-reviews-2", tmp_path)
    with zipfile.ZipFile(result.outputs["epub"]) as archive:
        page = archive.read("EPUB/text/series.xhtml").decode()
        films = archive.read("EPUB/text/index-films.xhtml").decode()
        directors = archive.read("EPUB/text/index-directors.xhtml").decode()
        cover = archive.read("EPUB/images/reelpress-cover.png")
    assert '<li class="current">' in page and "<cite>Paranoia and Wonder</cite>" in page and "(this volume)" in page
    assert "<cite>Shadows and Light</cite>" in page
    terms = re.findall(r'epub:type="index-term">([^<]+)<', films)
    assert terms == ["2001: A Space Odyssey", "The Apartment", "Chinatown", "The Conversation", "Jaws", "Stalker"]
    assert re.search(r'href="chinatown.xhtml" epub:type="index-locator" aria-label="p\.\xa0\d+: Forget It, Jake">p\.\xa0\d+</a>', films)
    assert re.findall(r'index-term">([^<]+)<', directors)[:3] == ["Coppola, Francis Ford", "2001: A Space Odyssey"
                                                                   if False else "The Conversation", "Kubrick, Stanley"]
    from PIL import Image
    import io
    assert Image.open(io.BytesIO(cover)).size == (1600, 2560)
    assert build(VOLUMES / "essential-film-reviews-2", tmp_path / "again", ("epub",)).outputs["epub"].read_bytes() == \
        result.outputs["epub"].read_bytes()
    facts = pdf.read(result.outputs["pdf"])
    assert pdf.problems(facts, [e.title for e in result.volume.toc], (396, 612)) == []
    chinatown = next(n for t, n, _ in pdf.contents(facts) if t == "Forget It, Jake")
    assert f"Chinatown (1974), Roman Polanski, {chinatown}" in " ".join(facts.pages)
    assert "Essential Film Reviews, volume 2" in PdfReader(result.outputs["pdf"]).metadata.get("/Keywords", "")


def test_omnibus(series, tmp_path):
    result = run("build", series, "--omnibus", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    epub, book = tmp_path / "essential-film-reviews-omnibus.epub", tmp_path / "essential-film-reviews-omnibus.pdf"
    assert epubcheck.check(epub) == []
    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
    assert nav.index("Volume 1: Shadows and Light") < nav.index("The Zither and the Sewer") < nav.index(
        "Volume 2: Paranoia and Wonder") < nav.index("The Longest Cut")
    facts = pdf.read(book)
    entries = pdf.contents(facts)
    titles = [title for title, _, _ in entries]
    assert titles[0] == "Volume 1: Shadows and Light" and titles[8] == "Volume 2: Paranoia and Wonder"
    assert pdf.problems(facts, titles, (396, 612), depth=2) == []
    third_man = next(n for t, n, _ in entries if t == "The Zither and the Sewer")
    assert f"The Third Man (1949), Carol Reed, vol. 1, p. {third_man}" in " ".join(facts.pages)


def test_series_index_and_publishing_kit(tmp_path):
    assert run("index", VOLUMES, "--out", tmp_path).exit_code == 0
    text = " ".join(pdf.read(tmp_path / "essential-film-reviews-index.pdf").pages)
    volume_one = pdf.read(build(VOLUMES / "essential-film-reviews-1", tmp_path / "v1", ("pdf",)).outputs["pdf"])
    page = next(n for t, n, _ in pdf.contents(volume_one) if t == "The Zither and the Sewer")
    assert f"The Third Man (1949), Carol Reed, vol. 1, p. {page}" in text
    assert "vol. 2, p." in (tmp_path / "essential-film-reviews-index.html").read_text()
    result = run("kit", VOLUMES / "essential-film-reviews-1", "--out", tmp_path / "kit")
    assert result.exit_code == 0 and "KDP Select" in result.output
    rights = (tmp_path / "kit" / "essential-film-reviews-1-rights.csv").read_text().splitlines()
    assert rights[0] == "title,film,first_published,source_url" and len(rights) == 8
    assert rights[1] == "The Zither and the Sewer,The Third Man,2019-02-11,https://adalinden.example.com/2019/02/the-third-man"
    store = json.loads((tmp_path / "kit" / "essential-film-reviews-1-store.json").read_text())
    assert store["series"] == "Essential Film Reviews" and store["series_number"] == 1 and len(store["keywords"]) <= 7
    assert "Vertigo (1958), directed by Alfred Hitchcock" in (tmp_path / "kit" / "essential-film-reviews-1-description.txt").read_text()
    assert "<li>Vertigo (1958), directed by Alfred Hitchcock</li>" in (tmp_path / "kit" / "essential-film-reviews-1-description.html").read_text()


def test_ctrl_c_stops_a_parallel_series_at_once_and_keeps_the_finished_volumes(tmp_path):
    """Ctrl-C reaches every process of the build (the terminal signals the whole group): the volumes
    being built are abandoned, no other is started, and the command says so with status 130."""
    folders = corpus.write(tmp_path / "series", volumes=8, reviews=2, words=150)
    dist = tmp_path / "dist"
    process = subprocess.Popen([sys.executable, "-m", "reelpress", "build", str(folders[0].parent), "--format", "pdf",
                                "--jobs", "2", "--out", str(dist)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not list(dist.glob("*.pdf")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    stopped = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted; volumes finished before it are kept" in err, err
    assert time.monotonic() - stopped < 10
    written = sorted(path.name for path in dist.iterdir())
    assert 1 <= len(written) < 8 and all(name.endswith(".pdf") for name in written), written
