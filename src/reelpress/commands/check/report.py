"""The check report in four formats: text for people, JSON for scripts, JUnit and GitHub for CI."""

from __future__ import annotations

import json
import os
from xml.sax.saxutils import escape, quoteattr

from reelpress.commands.check import Outcome
from reelpress.model import Diagnostic


def _relative(path: str) -> str:
    here = os.getcwd() + os.sep
    return path[len(here):] if path.startswith(here) else path


def text(outcomes: list[Outcome], strict: bool) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(f"{_relative(outcome.target)}: {len(outcome.checks)} checks")
        for item in sorted(outcome.diagnostics, key=lambda d: (d.path, d.line or 0, d.col or 0, d.code)):
            lines.append("  " + str(item).replace(item.path, _relative(item.path), 1))
    errors = sum(d.severity == "error" for o in outcomes for d in o.diagnostics)
    warnings = sum(d.severity == "warning" for o in outcomes for d in o.diagnostics)
    verdict = "FAILED" if errors or (strict and warnings) else "passed"
    lines.append(f"{verdict}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
                 f" in {len(outcomes)} target{'s' * (len(outcomes) != 1)}" + (" (strict)" if strict else ""))
    return "\n".join(lines) + "\n"


def _item(d: Diagnostic) -> dict:
    return {"path": _relative(d.path), "line": d.line, "column": d.col, "code": d.code, "severity": d.severity,
            "message": d.message}


def as_json(outcomes: list[Outcome], strict: bool) -> str:
    everything = [d for o in outcomes for d in o.diagnostics]
    data = {"strict": strict,
            "targets": [{"target": _relative(o.target), "checks": o.checks,
                         "diagnostics": [_item(d) for d in o.diagnostics]} for o in outcomes],
            "summary": {"errors": sum(d.severity == "error" for d in everything),
                        "warnings": sum(d.severity == "warning" for d in everything)}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def junit(outcomes: list[Outcome], strict: bool) -> str:
    """One testsuite per target, one testcase per check; a check fails on what fails the gate."""
    suites = []
    for outcome in outcomes:
        cases = []
        for check in outcome.checks:
            found = [d for d in outcome.diagnostics if _belongs(d, check)]
            failing = [d for d in found if d.severity == "error" or strict]
            body = "\n".join(str(d) for d in found)
            if failing:
                inner = f'<failure message={quoteattr(f"{len(failing)} finding(s)")}>{escape(body)}</failure>'
            elif found:
                inner = f"<system-out>{escape(body)}</system-out>"
            else:
                inner = ""
            cases.append(f'    <testcase classname={quoteattr(_relative(outcome.target))} name={quoteattr(check)}>'
                         f"{inner}</testcase>")
        failures = sum("<failure" in case for case in cases)
        suites.append(f'  <testsuite name={quoteattr(_relative(outcome.target))} tests="{len(cases)}" '
                      f'failures="{failures}" errors="0">\n' + "\n".join(cases) + "\n  </testsuite>")
    return '<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="reelpress check">\n' + \
        "\n".join(suites) + "\n</testsuites>\n"


def _belongs(item: Diagnostic, check: str) -> bool:
    if check.startswith("RP1"):
        return item.code == check
    if check == "PDF":
        return item.code.startswith("RP06")
    if check == "Ace":
        return item.code.startswith("ACE-")
    if check == "EPUBCheck":
        return not item.code.startswith(("RP", "ACE-"))
    return item.code.startswith("RP") and not item.code.startswith(("RP1", "RP06"))  # the build


def github(outcomes: list[Outcome], strict: bool) -> str:
    """GitHub Actions workflow commands: annotations on the files and lines."""
    lines = []
    for item in (d for o in outcomes for d in o.diagnostics):
        level = "error" if item.severity == "error" or strict else "warning"
        where = f"file={_relative(item.path)}" + (f",line={item.line}" if item.line else "") + \
            (f",col={item.col}" if item.col else "")
        message = item.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{level} {where},title={item.code}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


FORMATS = {"text": text, "json": as_json, "junit": junit, "github": github}
