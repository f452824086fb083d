"""DAISY Ace, when installed (`npm install -g @daisy/ace`): its EARL report merged into the findings.

Ace runs the accessibility checks that need a browser (axe-core on every document). reelpress's own
rules cover what can be checked without one, so Ace is optional: when the `ace` command is on the
PATH, `reelpress check` runs it on each EPUB and reports its failed assertions as `ACE-<rule>`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.model import Diagnostic

IMPACT = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "warning"}


def available() -> bool:
    return shutil.which("ace") is not None


def check(epub: Path, timeout: float = 600) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory(prefix="reelpress-ace-") as folder:
        try:
            subprocess.run([shutil.which("ace"), "--silent", "--force", "--outdir", folder, str(epub)],
                           capture_output=True, timeout=timeout, check=False)
            report = json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            raise EnvironmentProblem([diagnostic(epub, "RP052", f"Ace did not produce a report: {exc}")]) from exc
    return parse(report, epub)


def parse(report: dict, epub: Path) -> list[Diagnostic]:
    """Failed EARL assertions → Diagnostics; the missing-metadata list is left to rule RP111."""
    found = []
    for document in report.get("assertions", []):
        url = (document.get("earl:testSubject") or {}).get("url", "")
        for assertion in document.get("assertions", []):
            result = assertion.get("earl:result") or {}
            if result.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test") or {}
            severity = IMPACT.get(test.get("earl:impact", ""), "warning")
            message = result.get("dct:description") or test.get("dct:description") or "failed"
            found.append(Diagnostic(f"{epub}/{url}" if url else str(epub), None, None,
                                    f"ACE-{test.get('dct:title', 'check')}", severity, " ".join(message.split())))
    return found
