"""Books in French and German (tests/book/languages/<lang>/): their typography, index order and generated
words against golden files (regenerate with `pytest tests/book --update-golden` and review the diff),
EPUBCheck with nothing to report, and a PDF that builds (French spacing needs a font with U+202F)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reelpress.build import build, load
from reelpress.commands.check import epubcheck, readback

HERE = Path(__file__).parent / "languages"
LANGUAGES = ("fr", "de")
X = {"x": "http://www.w3.org/1999/xhtml"}
SPACES = re.compile("[ \t\n]+")  # not str.split(): that would take the no-break spaces too
SHOWN = {"\u202f": "<NNBSP>", "\u00a0": "<NBSP>", "\u2009": "<THIN>"}


def shown(text: str) -> str:
    return "".join(SHOWN.get(c, c) for c in " ".join(text.split(" ")))


def typography(volume) -> str:
    lines = []
    for review in volume.reviews:
        lines += [f"# {review.slug}"] + [shown("".join(p.itertext()).replace("\n", " "))
                                          for p in review.body.iter("{http://www.w3.org/1999/xhtml}p")]
    return "\n".join(lines) + "\n"


def index_order(volume) -> str:
    lines = []
    for index in volume.indexes:
        lines.append(f"# {index.title}")
        for group in index.groups:
            lines.append(f"{group.label}: " + " | ".join(entry.term for entry in group.entries))
    return "\n".join(lines) + "\n"


def generated_words(epub: Path) -> str:
    lines = []
    with zipfile.ZipFile(epub) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".xhtml"):
                continue
            root = etree.fromstring(archive.read(name))
            for path in ("//x:nav//x:h1", "//x:nav//x:h2", "//x:nav[@id='landmarks']//x:a", "//x:h1",
                         "//*[@class='review-meta']", "//*[@class='spoiler-warning']", "//*[@class='series']",
                         "//*[@class='imprint']/x:p", "//x:title"):
                lines += [f"{name}: {shown(SPACES.sub(' ', ''.join(e.itertext())).strip())}"
                          for e in root.xpath(path, namespaces=X)]
    return "\n".join(dict.fromkeys(lines)) + "\n"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = tmp_path_factory.mktemp("languages")
    return {lang: build(HERE / lang, out / lang, formats=("epub",)) for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("what", ["typography", "index", "strings"])
def test_golden(books, lang, what, update_golden):
    result = books[lang]
    made = {"typography": lambda: typography(result.volume), "index": lambda: index_order(result.volume),
            "strings": lambda: generated_words(result.outputs["epub"])}[what]()
    golden = HERE / lang / "golden" / f"{what}.txt"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(made, encoding="utf-8")
    assert made == golden.read_text(encoding="utf-8")


def test_french_index_files_la_haine_under_h(books):
    films = books["fr"].volume.indexes[0]
    assert [g.label for g in films.groups if any(e.term == "La Haine" for e in g.entries)] == ["H"]
    assert films.title == "Index des films"


def test_no_warning_for_languages_with_a_catalogue(books):
    assert all(not result.warnings for result in books.values())


def test_a_language_without_a_catalogue_is_english_with_one_warning(make_volume):
    volume = make_volume(config='title = "T"\nauthor = "A"\nlanguage = "eu"\n[strings]\ncontents = "Aurkibidea"\n')
    loaded = load(volume)
    warned = [str(d) for d in loaded.warnings if d.code == "RP059"]
    assert len(warned) == 1 and "`eu`" in warned[0] and "directed_by" in warned[0] and ", contents," not in warned[0]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_epubcheck_and_pdf(books, lang, tmp_path):
    found = epubcheck.check(books[lang].outputs["epub"])
    assert found == [], "\n".join(map(str, found))
    built = build(HERE / lang, tmp_path, formats=("pdf",))
    titles = [entry.title for entry in built.volume.toc]  # "Table des matières" is found as "Contents" is
    assert readback.problems(readback.read(built.outputs["pdf"]), titles) == []
