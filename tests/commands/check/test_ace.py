"""DAISY Ace in the gate: the sample volumes are clean, its findings keep their file and element, and
when it cannot run, what EPUBCheck and the lint found is still reported (exit code 2)."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import SAMPLES
from reelpress.commands.check import ace
from reelpress.cli import main

pytestmark = pytest.mark.slow
needs_ace = pytest.mark.skipif(not ace.available(), reason="DAISY Ace is not installed (.ci/run installs it: "
                               "npm install -g @daisy/ace, run as ace-puppeteer on Debian's Chromium)")


@needs_ace
@pytest.mark.parametrize("name", SAMPLES)
def test_sample_volume_is_ace_clean(built, name):
    found = ace.check(built[name].outputs["epub"])
    assert found == [], "Ace reported:\n" + "\n".join(str(d) for d in found)


def report_on(file: str, cfi: str, css: str) -> dict:
    """An Ace report as ace-puppeteer writes it: paths relative to the package folder, a pointer."""
    failed = {"earl:outcome": "fail", "dct:description": "The link has no styling",
              "earl:pointer": {"cfi": [cfi], "css": [css]}}
    return {"assertions": [
        {"earl:testSubject": {"url": "EPUB/content.opf"}, "assertions": [
            {"earl:test": {"dct:title": "epub-lang", "earl:impact": "serious"},
             "earl:result": {"earl:outcome": "fail", "dct:description": "The language must be specified"}}]},
        {"earl:testSubject": {"url": file}, "assertions": [
            {"earl:test": {"dct:title": "link-in-text-block", "earl:impact": "serious"}, "earl:result": failed}]}]}


def test_findings_keep_the_epub_folder_the_line_and_the_element(built):
    epub = built[SAMPLES[0]].outputs["epub"]
    with zipfile.ZipFile(epub) as archive:
        root = etree.fromstring(archive.read("EPUB/text/vertigo.xhtml"))
    element = next(e for e in root.iter() if e.get("role") == "doc-backlink")
    backlink, steps = element.sourceline, []
    while element.getparent() is not None:  # the CFI Ace gives: even steps through the element children
        steps.append(f"/{2 * (list(element.getparent()).index(element) + 1)}")
        element = element.getparent()
    cfi = "".join(reversed(steps))
    opf, link = ace.parse(report_on("text/vertigo.xhtml", cfi, 'a[href$="#vertigo_fnref-hair"]'), epub)
    assert str(opf) == f"{epub}/EPUB/content.opf: ACE-epub-lang error: The language must be specified"
    assert (link.path, link.line, link.code) == (f"{epub}/EPUB/text/vertigo.xhtml", backlink, "ACE-link-in-text-block")
    assert link.message == f'The link has no styling (at a[href$="#vertigo_fnref-hair"], epubcfi({cfi}))'


def fake_program(folder: Path, name: str, script: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_ace_puppeteer_is_preferred_and_pointed_at_a_chromium(tmp_path, monkeypatch):
    fake_program(tmp_path, "ace", "exit 1")
    fake_program(tmp_path, "ace-puppeteer", "exit 1")
    browser = fake_program(tmp_path, "chromium", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PUPPETEER_EXECUTABLE_PATH", raising=False)
    assert ace.command() == str(tmp_path / "ace-puppeteer")
    assert ace.environment(ace.command())["PUPPETEER_EXECUTABLE_PATH"] == str(browser)
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", str(tmp_path / "ace"))  # a browser the user named is kept
    assert ace.environment(ace.command())["PUPPETEER_EXECUTABLE_PATH"] == str(tmp_path / "ace")


def test_when_ace_fails_the_other_findings_stay_and_the_exit_code_is_2(built, tmp_path, monkeypatch):
    epub = tmp_path / "broken.epub"
    with zipfile.ZipFile(built[SAMPLES[1]].outputs["epub"]) as old, zipfile.ZipFile(epub, "w") as new:
        for info in old.infolist():
            if not info.filename.startswith("EPUB/images/"):
                new.writestr(info, old.read(info.filename))  # EPUBCheck: the manifest names missing files
    fake_program(tmp_path, "ace-puppeteer", 'echo "Error: Failed to launch the browser process!" >&2; exit 1')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    result = CliRunner().invoke(main, ["check", str(epub), "--format", "json"])
    assert result.exit_code == 3  # the machine could not run a checker, as when Java is missing
    found = json.loads(result.output)["targets"][0]["diagnostics"]
    assert any(d["code"] == "RSC-001" for d in found), found
    assert any(d["code"] == "RP052" and "Failed to launch the browser process" in d["message"] for d in found)
