"""One error hierarchy, its exit codes, and the stable diagnostic codes every stage reports with."""

from __future__ import annotations

from collections.abc import Iterable

from reelpress.model import Diagnostic, Severity

# Exit codes: 1 = a problem in the sources, 2 = usage (click's own), 3 = environment, 130 = interrupted.
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERRUPTED = 130

#: Every code a stage may report, with what it means. Codes are stable: tools and people grep for them.
CODES: dict[str, str] = {
    # volume and configuration
    "RP001": "volume folder or volume.toml missing",
    "RP002": "TOML syntax error",
    "RP003": "unknown configuration key",
    "RP004": "configuration value of the wrong type or out of range",
    "RP005": "required configuration key missing",
    # source files
    "RP010": "source file is not valid UTF-8 text",
    "RP011": "control character in source text",
    "RP012": "source file is empty",
    "RP013": "review file name gives no usable slug",
    "RP014": "two review files give the same slug",
    "RP015": "`order` names a review that does not exist, or twice",
    "RP016": "source file cannot be read",
    # front matter
    "RP020": "front matter missing or not terminated",
    "RP021": "front matter YAML syntax error",
    "RP022": "front matter is not a mapping",
    "RP023": "unknown front matter key",
    "RP024": "front matter value of the wrong type or out of range",
    "RP025": "required front matter key missing",
    "RP026": "duplicate front matter key",
    "RP027": "YAML anchors and aliases are not allowed in front matter",
    # markup
    "RP030": "active or unsupported content removed",
    "RP031": "unsafe link removed",
    "RP032": "duplicate id",
    "RP033": "link to an id that does not exist",
    "RP034": "markup could not be parsed without losing content",
    "RP035": "footnote defined but never referenced (left out)",
    "RP036": "link address is not a valid URL (link removed, text kept)",
    "RP037": "Markdown read as text where CommonMark reads a list or code block",
    # images and other assets
    "RP040": "image not found",
    "RP041": "image outside the volume folder",
    "RP042": "remote image (builds are offline)",
    "RP043": "file is not a supported image",
    "RP044": "image without alt text",
    # importing
    "RP070": "unsafe or damaged archive",
    "RP071": "post skipped",
    "RP072": "remote image replaced by its description",
    "RP073": "boilerplate removed",
    "RP074": "embed replaced by a link",
    "RP075": "an image could not be fetched",
    "RP076": "a review with this slug exists; kept",
    "RP077": "a post's date was taken from its file name",
    "RP078": "a file given to an importer is another platform's export",
    "RP079": "an export file (XML, JSON, CSV) is unsafe, damaged or over a limit",
    # PDF read-back checks
    "RP060": "a contents page number does not match the page where the title is",
    "RP061": "the PDF outline does not mirror the contents",
    "RP062": "a font is not embedded in the PDF",
    "RP063": "PDF metadata (title, author, language) missing",
    "RP064": "PDF page size differs between pages or from the volume's trim",
    "RP065": "a blank PDF page that is not the back of a page before a chapter",
    "RP066": "the PDF cannot be read",
    "RP067": "the reading PDF is not tagged, or its structure tree is broken",
    # outputs and environment
    "RP050": "output could not be written",
    "RP051": "rendering failed",
    "RP052": "a required program (Java for EPUBCheck, DAISY Ace) is missing or failed",
    "RP053": "another reelpress process is writing into the output folder",
    "RP054": "a character the book's fonts cannot print",
    "RP055": "an image prints below 300 dpi",
    "RP056": "the cover is smaller or differently shaped than stores want",
    "RP057": "the folder for a new series is not empty",
    "RP058": "a font family [pdf] fonts names is not installed",
    "RP059": "no catalogue of generated words for the book's language: they are English",
}


class ReelpressError(Exception):
    """A problem the user can fix; carries every diagnostic found so far."""

    exit_code = EXIT_INPUT

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=_order)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class InputError(ReelpressError):
    """The sources (config, reviews, images) have problems."""


class EnvironmentProblem(ReelpressError):
    """The machine cannot do what was asked: an unwritable folder, a missing program."""

    exit_code = EXIT_ENVIRONMENT


class UsageProblem(Exception):
    """The command line asked for something that cannot be (a series has no volume 9): exit code 2,
    shown by the command line as a usage error."""


def _order(d: Diagnostic) -> tuple:
    return (d.path, d.line or 0, d.col or 0, d.code, d.message)


def diagnostic(path, code: str, message: str, line: int | None = None, col: int | None = None,
               severity: Severity = "error") -> Diagnostic:
    """A `Diagnostic` with a known code (unknown codes are a programming error)."""
    if code not in CODES:
        raise KeyError(f"undeclared diagnostic code {code}")
    return Diagnostic(str(path), line, col, code, severity, message)


def fail(path, code: str, message: str, line: int | None = None, col: int | None = None):
    """Raise an `InputError` with one diagnostic."""
    raise InputError([diagnostic(path, code, message, line, col)])


class Collector:
    """Gathers diagnostics so a stage can report every problem at once, then abort once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, path, code: str, message: str, line: int | None = None, col: int | None = None) -> None:
        self.items.append(diagnostic(path, code, message, line, col))

    def warn(self, path, code: str, message: str, line: int | None = None, col: int | None = None) -> None:
        self.items.append(diagnostic(path, code, message, line, col, "warning"))

    def absorb(self, error: ReelpressError) -> None:
        self.items.extend(error.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.items)
