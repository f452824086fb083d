"""The schema machinery behind config.py: value checkers, fields, and validation that reports every
problem with its file, line and a suggestion, then lets the caller abort once."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reelpress.errors import Collector

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

class Invalid(ValueError):
    """A value that does not fit its field; the message says what was expected."""


# -- value checkers: each takes the raw value and returns the clean one or raises Invalid --------

def text(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(f"expected text, got {_describe(value)}")
    value = " ".join(value.split())
    if not value:
        raise Invalid("must not be empty")
    return value


def long_text(value: Any) -> str:
    """Text in paragraphs (a description, the rights): a blank line between two paragraphs; inside one,
    the line breaks of a multi-line TOML string are only where the line got long, so they flow as spaces.
    The paragraphs come back joined by one blank line ("\n\n"), each on one line."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected text, got {_describe(value)}")
    return "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", value.strip()))


def integer(lo: int, hi: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected a whole number, got {_describe(value)}")
        if not lo <= value <= hi:
            raise Invalid(f"{value} is out of range ({lo}–{hi})")
        return value
    return check


def number(lo: float, hi: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(f"expected a number, got {_describe(value)}")
        if not lo <= value <= hi:
            raise Invalid(f"{value} is out of range ({lo:g}–{hi:g})")
        return float(value)
    return check


def rating(value: Any) -> float:
    value = number(0, 5)(value)
    if value * 2 != int(value * 2):
        raise Invalid(f"{value:g} is not a whole or half star (use 0, 0.5, 1 … 5)")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {_describe(value)}")
    return value


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid(f"expected a date such as 2024-05-17, got {_describe(value)}")


def language(value: Any) -> str:
    value = text(value)
    if not _BCP47.match(value):
        raise Invalid(f"{value!r} is not a BCP 47 language tag such as en, en-GB or fr")
    return value


def url(value: Any) -> str:
    value = text(value)
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise Invalid(f"{value!r} is not an http(s) address")
    return value


def slugs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"expected a list of review slugs, got {_describe(value)}")
    bad = [v for v in value if not _SLUG.match(v)]
    if bad:
        raise Invalid(f"{bad[0]!r} is not a review slug (lower-case letters and digits joined by -)")
    return tuple(value)


def tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"expected a list of tags such as [\"noir\", \"1940s\"], got {_describe(value)}")
    cleaned = tuple(" ".join(v.split()) for v in value)
    if not all(cleaned) or any(len(v) > 100 for v in cleaned):
        raise Invalid("a tag must not be empty or longer than 100 characters")
    if len(cleaned) > 100:
        raise Invalid(f"{len(cleaned)} tags; the limit is 100")
    return cleaned


def table(value: Any) -> dict:
    if not isinstance(value, dict):
        raise Invalid(f"expected a table, got {_describe(value)}")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid(f"expected one of {', '.join(map(repr, choices))}, got {_describe(value)}")
        return value
    return check


def isbn(value: Any) -> str:
    """An ISBN-13 (hyphens and spaces allowed), its check digit right: the 13 digits."""
    digits = text(value).replace("-", "").replace(" ", "")
    if not (len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979")):
        raise Invalid(f"expected an ISBN-13 (978… or 979…, 13 digits), got {_describe(value)}")
    if sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10:
        raise Invalid(f"{value!r} is not an ISBN: its check digit is wrong (mistyped?)")
    return digits


def _describe(value: Any) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "a table", dt.date: "a date", dt.datetime: "a date and time", dt.time: "a time"}
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r})"


# -- the schema -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str
    check: Callable[[Any], Any]
    doc: str
    required: bool = False


def patterns(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid(f"expected a list of regular expressions, got {_describe(value)}")
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise Invalid(f"{pattern!r} is not a valid regular expression: {exc}") from None
    return tuple(value)


def names(value: Any) -> tuple[str, ...]:
    """A list of names (font families): each non-empty text, kept as written."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid(f"expected a list of names such as [\"Noto Serif CJK JP\"], got {_describe(value)}")
    return tuple(v.strip() for v in value)


def codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"RP\d{3}", v) for v in value):
        raise Invalid(f"expected a list of rule codes such as [\"RP103\"], got {_describe(value)}")
    return tuple(value)


Locator = Callable[[tuple[str, ...]], tuple[int | None, int | None]]


@dataclass(frozen=True)
class Codes:
    """The diagnostic codes one kind of file reports with."""

    unknown: str
    invalid: str
    missing: str


CONFIG_CODES = Codes("RP003", "RP004", "RP005")
FRONT_MATTER_CODES = Codes("RP023", "RP024", "RP025")


def validate(data: Mapping[str, Any], schema: tuple[Field, ...], path: Path, where: Locator,
             report: Collector, codes: Codes, prefix: tuple[str, ...] = (),
             raw: Mapping[str, str] | None = None, present: set[str] = frozenset()) -> dict:
    """Check `data` against `schema`; report every problem to `report`; return the clean values.

    `where` maps a key path to its (line, column); `raw` holds the source text of YAML scalars so a
    YAML 1.1 coercion can be explained; keys in `present` were given but could not be read (their
    error is already reported), so they are not also "missing".
    """
    known = {f.name: f for f in schema}
    clean: dict[str, Any] = {}
    for key, value in data.items():
        keypath = (*prefix, str(key))
        line, col = where(keypath)
        if key not in known:
            report.error(path, codes.unknown, _unknown(".".join(keypath), known), line, col)
            continue
        try:
            clean[key] = known[key].check(value)
        except Invalid as exc:
            hint = _yaml_hint((raw or {}).get(key), value)
            report.error(path, codes.invalid, f"`{'.'.join(keypath)}`: {exc}{hint}", line, col)
    for f in schema:
        if f.required and f.name not in data and f.name not in present:
            line, col = where(prefix)
            report.error(path, codes.missing, f"required key `{'.'.join((*prefix, f.name))}` is missing "
                         f"({f.doc[0].lower()}{f.doc[1:]})", line, col)
    return clean


def _unknown(key: str, known: Mapping[str, Field]) -> str:
    close = difflib.get_close_matches(key.rsplit(".", 1)[-1], list(known), n=1, cutoff=0.6)
    suggestion = f"; did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(known)})"
    return f"unknown key `{key}`{suggestion}"


def _yaml_hint(raw: str | None, value: Any) -> str:
    """Explain YAML 1.1's surprises (`no` → false, `017` → 15, `12:30` → 750) when they bit."""
    if raw is None or isinstance(value, str) or raw == str(value):
        return ""
    return f"; YAML read `{raw}` as {_describe(value)} — put it in quotes if you meant the text \"{raw}\""


# -- volume.toml --------------------------------------------------------------------------------

def toml_position(message: str) -> tuple[int | None, int | None]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    return (int(match[1]), int(match[2])) if match else (None, None)


def toml_locator(source: str) -> Locator:
    """Map key paths to the line and column where they are set (tomllib does not report this)."""
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for number_, line in enumerate(source.split("\n"), 1):
        stripped = line.strip()
        if header := re.match(r"^\[\[?\s*([^\[\]]+?)\s*\]", stripped):  # a table, or an array of tables
            table = tuple(part.strip().strip("\"'") for part in header[1].split("."))
            lines.setdefault(table, (number_, line.index("[") + 1))
        elif key := re.match(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=", line):
            keypath = (*table, *(p.strip().strip("\"'") for p in key[1].split(".")))
            lines.setdefault(keypath, (number_, len(line) - len(line.lstrip()) + 1))
    return lambda keypath: lines.get(keypath, (None, None))


def quote_marks(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 4 or any(c.isalnum() or c.isspace() for c in value):
        raise Invalid(f"expected four quotation marks such as \"„“‚‘\", got {value!r}")
    return value


def colour(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise Invalid(f"expected a colour such as \"#1f2a36\", got {value!r}")
    return value
