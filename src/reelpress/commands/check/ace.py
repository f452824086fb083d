"""DAISY Ace, when installed: its EARL report merged into the findings, each at its file and element.

Ace runs the accessibility checks that need a browser (axe-core on every document). npm installs it
with two commands: `ace`, which needs Electron, and `ace-puppeteer`, which drives any Chromium
(`ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @daisy/ace`). reelpress
runs `ace-puppeteer` when it is on the PATH, else `ace`, and points puppeteer at the Chromium it finds
unless PUPPETEER_EXECUTABLE_PATH already names one. Failed assertions become `ACE-<rule>` findings at
`book.epub/EPUB/text/file.xhtml:line`, with the element's CSS selector and CFI in the message.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.model import Diagnostic

IMPACT = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "warning"}
COMMANDS = ("ace-puppeteer", "ace")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def command() -> str | None:
    """The Ace command to run: `ace-puppeteer` first (no Electron needed), else `ace`."""
    return next((found for name in COMMANDS if (found := shutil.which(name))), None)


def available() -> bool:
    return command() is not None


def environment(program: str) -> dict[str, str]:
    """The environment for Ace: puppeteer pointed at a Chromium on the PATH, unless it names one."""
    env = dict(os.environ)
    if Path(program).name == "ace-puppeteer" and not Path(env.get("PUPPETEER_EXECUTABLE_PATH", "")).is_file():
        browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
        if browser:
            env["PUPPETEER_EXECUTABLE_PATH"] = browser
    return env


def check(epub: Path, timeout: float = 600) -> list[Diagnostic]:
    """Ace's findings on `epub`; an EnvironmentProblem (RP052, with Ace's own words) when it fails."""
    program = command()
    if program is None:
        raise EnvironmentProblem([diagnostic(epub, "RP052", "Ace is not installed (ace-puppeteer or ace)")])
    with tempfile.TemporaryDirectory(prefix="reelpress-ace-") as folder:
        try:
            run = subprocess.run([program, "--silent", "--force", "--outdir", folder, str(epub)],
                                 env=environment(program), capture_output=True, text=True, errors="replace",
                                 timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise _failed(epub, program, f"no answer in {timeout:g} s") from exc
        except OSError as exc:
            raise _failed(epub, program, str(exc)) from exc
        try:
            report = json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            said = " ".join(f"{run.stderr} {run.stdout}".split())
            raise _failed(epub, program, said or f"exit code {run.returncode} and no report") from exc
    return parse(report, epub)


def _failed(epub: Path, program: str, said: str) -> EnvironmentProblem:
    return EnvironmentProblem([diagnostic(epub, "RP052", f"Ace ({Path(program).name}) did not produce a report: "
                                                         f"{said[-600:]}")])  # the end: where it gave up


def parse(report: dict, epub: Path) -> list[Diagnostic]:
    """Failed EARL assertions → Diagnostics; the missing-metadata list is left to rule RP111."""
    book = _Book(epub)
    found = []
    for document in report.get("assertions", []):
        name = book.name((document.get("earl:testSubject") or {}).get("url", ""))
        for assertion in document.get("assertions", []):
            result = assertion.get("earl:result") or {}
            if result.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test") or {}
            severity = IMPACT.get(test.get("earl:impact", ""), "warning")
            message = " ".join((result.get("dct:description") or test.get("dct:description") or "failed").split())
            pointer = result.get("earl:pointer") or {}
            css, cfi = (pointer.get("css") or [None])[0], (pointer.get("cfi") or [None])[0]
            where = ", ".join(part for part in (css and f"at {css}", cfi and f"epubcfi({cfi})") if part)
            found.append(Diagnostic(f"{epub}/{name}" if name else str(epub), book.line(name, css, cfi), None,
                                    f"ACE-{test.get('dct:title', 'check')}", severity,
                                    f"{message} ({where})" if where else message))
    return found


class _Book:
    """The EPUB's files, to turn Ace's paths (relative to the package folder) into paths in the zip
    and its element pointers into line numbers."""

    def __init__(self, epub: Path):
        try:
            self.archive = zipfile.ZipFile(epub)
            container = etree.fromstring(self.archive.read("META-INF/container.xml"))
            self.base = posixpath.dirname(container.find(".//{*}rootfile").get("full-path"))
        except (OSError, KeyError, AttributeError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
            self.archive, self.base = None, ""
        self.names = set(self.archive.namelist()) if self.archive else set()
        self.roots: dict[str, object] = {}

    def name(self, url: str) -> str:
        url = url.lstrip("/")
        if not url or url in self.names:
            return url
        joined = posixpath.join(self.base, url) if self.base else url
        return joined if joined in self.names or not self.names else url

    def line(self, name: str, css: str | None, cfi: str | None) -> int | None:
        """The line of the element the CFI leads to (or, without one, the `#id` selector names)."""
        root = self._root(name)
        if root is None:
            return None
        if cfi:
            element = root
            for step in re.findall(r"/(\d+)", re.sub(r"\[[^\]]*\]", "", cfi)):
                children = [child for child in element if isinstance(child.tag, str)]
                if int(step) % 2 or not 0 < int(step) // 2 <= len(children):
                    break  # an odd step points between elements: the element so far is the place
                element = children[int(step) // 2 - 1]
            return element.sourceline
        if css and re.fullmatch(r"#[\w.:-]+", css):
            return next((e.sourceline for e in root.iter() if e.get("id") == css[1:]), None)
        return None

    def _root(self, name: str):
        if name not in self.names:
            return None
        if name not in self.roots:
            try:
                self.roots[name] = etree.fromstring(self.archive.read(name))
            except (KeyError, ValueError, etree.XMLSyntaxError):
                self.roots[name] = None
        return self.roots[name]
