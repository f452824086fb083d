"""`reelpress check`: EPUBCheck ids with file and line, lint findings at source lines, every format,
the exit codes, and switching rules off per volume and per line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from conftest import VOLUMES
from helpers import review
from reelpress.build import build
from reelpress.cli import main
from reelpress.commands.check import readback

pytestmark = pytest.mark.slow


def run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def rewrite_epub(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the EPUB with some entries replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    new.writestr(info, changes[info.filename])
            else:
                new.writestr(info, old.read(info.filename))
    return target


@pytest.fixture(scope="module")
def good_epub(tmp_path_factory):
    out = tmp_path_factory.mktemp("good")
    return build(VOLUMES / "essential-film-reviews-2", out, ("epub",)).outputs["epub"]


def test_the_sample_volumes_pass_strict(tmp_path):
    result = run(VOLUMES / "essential-film-reviews-1", VOLUMES / "essential-film-reviews-2", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "passed: 0 errors, 0 warnings in 2 targets (strict)"


def test_a_broken_epub_reports_epubcheck_ids_with_file_and_line(good_epub, tmp_path):
    with zipfile.ZipFile(good_epub) as archive:
        chapter = archive.read("EPUB/text/the-apartment.xhtml").decode()
    broken = chapter.replace("<p>C. C. Baxter", '<p id="the-apartment">C. C. Baxter', 1)  # a duplicate id
    epub = rewrite_epub(good_epub, tmp_path / "broken.epub", {
        "EPUB/text/the-apartment.xhtml": broken.encode(), "EPUB/images/fin.png": None})
    result = run(epub, "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["targets"][0]["diagnostics"]
    ids = {(d["code"], d["path"].split(".epub/")[-1], d["line"]) for d in found}
    line = chapter[:chapter.index("<p>C. C. Baxter")].count("\n") + 1
    assert ("RSC-005", "EPUB/text/the-apartment.xhtml", line) in ids  # the duplicate id, where it is
    assert ("RSC-001", "EPUB/images/fin.png", None) in ids  # the manifest names a file that is gone
    assert all(d["severity"] == "error" for d in found if d["code"].startswith("RSC"))


def test_lint_findings_point_at_source_lines_and_can_be_switched_off(make_volume, tmp_path):
    body = "One sentence.  Two spaces before this one.\n\nFine line.\n\nAgain.  Here. <!-- reelpress-disable RP103 -->"
    folder = make_volume({"01-a.md": review("Spaces", body)})
    result = run(folder)
    assert result.exit_code == 0  # a warning does not fail without --strict
    assert f"{folder}/reviews/01-a.md:4: RP103 warning: double space" in result.output
    assert ":8: RP103" not in result.output  # the inline marker
    assert run(folder, "--strict").exit_code == 1
    (folder / "volume.toml").write_text('title = "T"\nauthor = "A"\n[check]\ndisable = ["RP103", "RP112"]\n')
    result = run(folder, "--strict")
    assert result.exit_code == 0 and "RP103" not in result.output, result.output


def test_a_volume_that_does_not_build_reports_the_build_errors(make_volume):
    folder = make_volume({"01-a.md": "---\ntitle: A\nratin: 3\n---\nText\n"})
    result = run(folder)
    assert result.exit_code == 1
    assert "01-a.md:3:1: RP023 error: unknown key `ratin`; did you mean `rating`?" in result.output


def test_formats(good_epub, tmp_path):
    junit = tmp_path / "reports" / "check.xml"
    from reelpress.commands.check import ace
    checks = 21 + ace.available()  # EPUBCheck, 17 lint rules and 3 stores' rules; Ace when it is installed
    result = run(good_epub, "--format", "junit", "--output", junit)
    assert result.exit_code == 0 and result.output.startswith(f"{good_epub}: {checks} checks")
    suite = ElementTree.parse(junit).getroot().find("testsuite")
    assert [case.get("name") for case in suite][:3] == ["EPUBCheck", *(["Ace"] * ace.available()), "RP101", "RP102"][:3]
    assert suite.get("tests") == str(checks) and suite.get("failures") == "0"
    epub = rewrite_epub(good_epub, tmp_path / "no-a11y.epub", {})
    github = run(epub, "--format", "github", "--strict")
    assert github.exit_code == 0 and github.output == ""


def test_github_annotations_and_strict(make_volume):
    folder = make_volume({"01-a.md": review("A", "Text.  Two spaces.")})
    result = run(folder, "--format", "github")
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "RP103" in line)
    assert line.startswith(f"::warning file={folder}/reviews/01-a.md,line=4,title=RP103::double space")
    strict = run(folder, "--format", "github", "--strict")
    assert strict.exit_code == 1 and "::error file=" in strict.output


def test_pdf_checks_catch_wrong_numbers_blank_pages_and_sizes(tmp_path):
    from weasyprint import HTML
    html = """<style>@page { size: 5.5in 8.5in } h1 { break-before: page } .blank { break-before: page }</style>
    <h1>Contents</h1><p>First . . . 2</p><p>Second . . . 9</p>
    <h1>First</h1><p>text</p><div class="blank"></div><p style="break-before: page"></p>
    <h1>Second</h1><p>text</p>"""
    path = tmp_path / "bad.pdf"
    HTML(string=html).write_pdf(path)
    result = run(path, "--format", "json")
    codes = [d["code"] + " " + d["message"] for d in json.loads(result.output)["targets"][0]["diagnostics"]]
    assert result.exit_code == 1
    assert "RP060 contents says 'Second' is on page 9, but it is printed on page 5" in codes
    assert any(code.startswith("RP061 outline") for code in codes)
    assert any(code.startswith("RP065 page 3 is blank") for code in codes)
    assert any(code.startswith("RP063") for code in codes)


def test_blank_versos_of_the_front_matter_are_not_blank_pages(tmp_path):
    """Before the contents every page (title page, dedication, epigraph) opens on the right: a blank
    verso between them is the back of a page, as the verso before a review is."""
    from weasyprint import HTML
    html = """<style>@page { size: 5.5in 8.5in } div, h1 { break-before: right }</style>
    <div>Title</div><div>For my mother.</div><h1>Contents</h1><p>First . . . 7</p><h1>First</h1><p>text</p>"""
    path = tmp_path / "front.pdf"
    HTML(string=html).write_pdf(path)
    facts = readback.read(path)
    assert [bool(text) for text in facts.pages] == [True, False, True, False, True, False, True]
    assert [d.code for d in readback.problems(facts) if d.code == "RP065"] == []


def test_unreadable_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really")
    result = run(path)
    assert result.exit_code == 1 and "RP066 error: cannot read the PDF" in result.output


def test_usage_errors_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    assert run(tmp_path / "notes.txt").exit_code == 2
    assert run().exit_code == 2


def test_java_missing_exits_3_with_the_fix_as_build_does(good_epub, tmp_path):
    env = {"PATH": str(Path(sys.executable).parent), "REELPRESS_EPUBCHECK_SUBPROCESS": "1",
           "HOME": os.environ.get("HOME", "/tmp")}
    done = subprocess.run([sys.executable, "-m", "reelpress", "check", str(good_epub)], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 3  # the machine, not the book: the same code `reelpress build` gives
    assert "EPUBCheck needs Java 8 or later: install it (Debian/Ubuntu: apt-get install default-jre-headless)" \
        in done.stderr


def test_the_subprocess_path_gives_the_same_report(good_epub):
    env = {**os.environ, "REELPRESS_EPUBCHECK_SUBPROCESS": "1"}
    done = subprocess.run([sys.executable, "-m", "reelpress", "check", str(good_epub), "--format", "json"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"] == {"errors": 0, "warnings": 0}


ACE_REPORT = {
    "@type": "earl:report",
    "assertions": [{"@type": "earl:assertion", "earl:testSubject": {"url": "EPUB/text/a.xhtml"}, "assertions": [
        {"@type": "earl:assertion", "earl:test": {"dct:title": "image-alt", "earl:impact": "critical",
                                                  "dct:description": "Images must have alternate text"},
         "earl:result": {"earl:outcome": "fail", "dct:description": "Element does not have an alt attribute"}},
        {"@type": "earl:assertion", "earl:test": {"dct:title": "color-contrast", "earl:impact": "serious"},
         "earl:result": {"earl:outcome": "pass"}},
        {"@type": "earl:assertion", "earl:test": {"dct:title": "landmark-unique", "earl:impact": "moderate"},
         "earl:result": {"earl:outcome": "fail", "dct:description": "Landmarks should have a unique role"}}]}],
}


def test_ace_reports_are_merged_as_findings():
    from reelpress.commands.check import ace
    found = [str(d) for d in ace.parse(ACE_REPORT, Path("b.epub"))]
    assert found == ["b.epub/EPUB/text/a.xhtml: ACE-image-alt error: Element does not have an alt attribute",
                     "b.epub/EPUB/text/a.xhtml: ACE-landmark-unique warning: Landmarks should have a unique role"]


def test_the_in_process_jvm_joins_python_s_full_collections_only(good_epub):
    """JPype's collector link, run on every young collection, slowed every later test of a process
    many times over (epubcheck's docstring); once a check has run, it answers full collections only."""
    import gc

    import _jpype  # jpype1 is a dependency: the in-process JVM is the path every check takes
    from reelpress.commands.check import epubcheck
    assert epubcheck.check(good_epub) == []
    assert _jpype._collect not in gc.callbacks and gc.callbacks
    calls = []
    on_full = epubcheck._on_full_collection(lambda phase, info: calls.append((phase, info["generation"])))
    for generation in (0, 1, 2):
        on_full("start", {"generation": generation})
        on_full("stop", {"generation": generation})
    assert calls == [("start", 2), ("stop", 2)]
