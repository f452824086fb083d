"""`reelpress check`: one validation gate for EPUBs, PDFs and volumes.

A target is an .epub (EPUBCheck and every lint rule), a .pdf (read-back checks), or a volume folder
(built into a temporary folder, then all of those, with text findings pointing at the source files).
Findings can be switched off per volume (`[check] disable = ["RP103"]`) or per line with an inline
marker in the source: `reelpress-disable RP101` on the line, or `reelpress-disable-next-line RP101`
on the line before (without codes: every rule).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from reelpress.commands.check import ace, book, epubcheck, readback, tags
from reelpress.commands.check.rules import RULES
from reelpress.errors import EnvironmentProblem, ReelpressError, UsageProblem, diagnostic
from reelpress.model import Diagnostic
from reelpress.writers import WriteOptions

_MARKER = re.compile(r"reelpress-disable(-next-line)?((?:\s+RP\d{3})*)")


@dataclass
class Outcome:
    """What checking one target found, and which checks ran (for reports that list every check)."""

    target: str
    checks: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    broken: bool = False  # a checker could not run (its RP052 is among the diagnostics)


def check_targets(paths: list[Path], store: str | None = None) -> list[Outcome]:
    """Check every target; `store` (stores.STORES) runs that store's rules at their severity, None every
    store's as warnings. A PDF given alone is checked as a paperback interior for `--store kdp`."""
    outcomes = []
    for path in paths:
        if path.is_dir():
            outcomes.append(check_volume(path, store))
        elif path.suffix.lower() == ".epub":
            outcomes.append(check_epub(path, store=store))
        elif path.suffix.lower() == ".pdf":
            outcomes.append(check_pdf(path, paperback=store == "kdp", store=store))
        else:
            raise UsageProblem(f"{path}: not an .epub, a .pdf or a volume folder")
    return outcomes


def check_epub(path: Path, chapters: list[book.Chapter] | None = None, disabled=frozenset(),
               outcome: Outcome | None = None, store: str | None = None) -> Outcome:
    outcome = outcome or Outcome(str(path))
    outcome.checks.append("EPUBCheck")
    outcome.diagnostics += epubcheck.check(path)
    if ace.available():
        outcome.checks.append("Ace")
        try:
            outcome.diagnostics += ace.check(path)
        except EnvironmentProblem as problem:  # Ace's own failure is reported beside what the others found
            outcome.diagnostics += problem.diagnostics
            outcome.broken = True
    epub_chapters, package = book.from_epub(path)
    subjects = {"package": package, "text": chapters if chapters is not None else epub_chapters}
    _run_rules(subjects, disabled, store, outcome)
    return outcome


def _run_rules(subjects: dict, disabled, store: str | None, outcome: Outcome) -> None:
    """Every rule whose scope is among `subjects`, not switched off, and (for a store's rule) asked for."""
    for rule in RULES:
        severity = rule.severity_for(store)
        if rule.scope not in subjects or rule.code in disabled or severity is None:
            continue
        outcome.checks.append(rule.code)
        outcome.diagnostics += [Diagnostic(where, line, None, rule.code, severity, message)
                                for where, line, message in rule.check(subjects[rule.scope])]


def check_pdf(path: Path, titles: list[str] | None = None, page_size=None, outcome: Outcome | None = None,
              tagged: bool = False, paperback: bool = False, store: str | None = None, disabled=frozenset(),
              paper: str = "white") -> Outcome:
    """The PDF read back: a tagged one (or one that must be: `tagged`) has its structure tree checked;
    with `paperback`, the store rules for a paperback's interior (printed on `paper`) too."""
    outcome = outcome or Outcome(str(path))
    outcome.checks.append("PDF")
    try:
        facts = readback.read(path)
    except Exception as exc:  # pypdf raises many kinds of errors on a damaged file
        outcome.diagnostics.append(diagnostic(path, "RP066", f"cannot read the PDF: {exc}"))
        return outcome
    outcome.diagnostics += readback.problems(facts, titles, page_size, outline=not paperback)
    structure = tags.read(path)
    if tagged and not structure.marked:
        outcome.diagnostics.append(diagnostic(path, "RP067", "the reading PDF is not tagged (no /MarkInfo)"))
    outcome.diagnostics += [diagnostic(path, "RP067", problem) for problem in structure.problems]
    if paperback:
        facts.paper = paper
        _run_rules({"paperback": facts}, disabled, store, outcome)
    return outcome


def check_volume(folder: Path, store: str | None = None) -> Outcome:
    """Build the volume into a temporary folder, then check what came out against its sources (and its
    paperback interior against KDP's rules, with `--store kdp` or when the volume is a paperback)."""
    from reelpress.build import build

    outcome = Outcome(str(folder))
    with tempfile.TemporaryDirectory(prefix="reelpress-check-") as out:
        outcome.checks.append("build")
        cache = WriteOptions(cache_dir=Path(out) / "cache")  # the page list's print layout serves the paperback's
        try:
            result = build(folder, Path(out), options=cache)
        except ReelpressError as error:
            if error.exit_code != 1:
                raise
            outcome.diagnostics += error.diagnostics
            return outcome
        outcome.diagnostics += result.warnings
        chapters = book.from_volume(result.volume)
        disabled = set(result.volume.config.check.disable)
        check_epub(result.outputs["epub"], chapters, disabled, outcome)
        check_pdf(result.outputs["pdf"], [entry.title for entry in result.volume.toc], _trim(result.volume), outcome,
                  tagged=result.volume.config.pdf.profile == "reading")
        temporary = {str(result.outputs[fmt]): f"{folder.name}.{fmt}" for fmt in ("epub", "pdf")}
        if store == "kdp" or (store is None and _paperback_planned(result.volume.config)):
            printed = _paperback(folder, Path(out) / "print", cache)
            check_pdf(printed, [entry.title for entry in result.volume.toc], outcome=outcome, paperback=True,
                      store=store, disabled=disabled, paper=result.volume.config.print.paper)
            temporary[str(printed)] = f"{folder.name}.pdf (print profile)"
        outcome.diagnostics = [_renamed(d, temporary) for d in outcome.diagnostics if not _marked(d, chapters)]
    return outcome


def _paperback_planned(config) -> bool:
    """A volume that says it is printed: its PDF profile is `print`, or its `[print]` table has an ISBN."""
    return config.pdf.profile == "print" or config.print.isbn is not None


def _paperback(folder: Path, out: Path, options: WriteOptions) -> Path:
    """The volume's paperback interior (the print profile), built for its store rules; its own warnings
    (images under 300 dpi) are `reelpress build --profile print`'s to report."""
    from reelpress.build import build

    return build(folder, out, ("pdf",), options=replace(options, profile="print")).outputs["pdf"]


def _trim(volume) -> tuple[float, float]:
    from reelpress.writers.pdf.layout import geometry_for
    return geometry_for(volume.config.pdf, 0).points


def _renamed(item: Diagnostic, names: dict[str, str]) -> Diagnostic:
    """The temporary build is gone by the time anyone reads the report: name the outputs plainly."""
    for temporary, plain in names.items():
        if item.path.startswith(temporary):
            return replace(item, path=plain + item.path[len(temporary):])
    return item


def _marked(item: Diagnostic, chapters: list[book.Chapter]) -> bool:
    """Is the finding switched off by an inline marker in its source file?"""
    if item.line is None:
        return False
    source = next((c.source for c in chapters if c.name == item.path and c.source), None)
    if source is None:
        return False
    lines = source.split("\n")
    for index, next_line in ((item.line - 1, False), (item.line - 2, True)):
        if 0 <= index < len(lines):
            for match in _MARKER.finditer(lines[index]):
                codes = match[2].split()
                if bool(match[1]) == next_line and (not codes or item.code in codes):
                    return True
    return False


def failing(outcomes: list[Outcome], strict: bool) -> list[Diagnostic]:
    """The findings that make the gate fail: errors, and warnings too when strict."""
    return [d for o in outcomes for d in o.diagnostics if d.severity == "error" or strict]


def rules_table() -> str:
    """Every lint rule, then the codes the build and import report on their own."""
    from reelpress.errors import CODES
    lines = ["Lint rules (reelpress check):"]
    lines += [f"  {rule.code}  {rule.severity:<7}  {rule.description}" for rule in RULES]
    lines += ["", "Build, import and PDF findings (reported by `reelpress build` and by check):"]
    lines += [f"  {code}  {text}" for code, text in CODES.items()]
    lines += ["", "EPUBCheck's own ids (RSC-005, OPF-060 …) are reported as EPUBCheck gives them."]
    return "\n".join(lines)
