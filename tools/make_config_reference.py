"""Write docs/configuration.md from the configuration schema itself, so the reference cannot drift.

    python tools/make_config_reference.py        (tests/test_docs.py fails when the file is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

from reelpress import config

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
TABLES = [("typography", config.TYPOGRAPHY_FIELDS), ("boilerplate", config.BOILERPLATE_FIELDS),
          ("check", config.CHECK_FIELDS), ("pdf", config.PDF_FIELDS), ("print", config.PRINT_FIELDS),
          ("cover", config.COVER_FIELDS), ("indexes", config.INDEX_FIELDS),
          ("accessibility", config.ACCESSIBILITY_FIELDS), ("credits", config.CREDITS_FIELDS),
          ("strings", config.string_fields())]


STRINGS_NOTE = ["The words the book prints that no source gave. Each language reelpress has a catalogue for",
                "(`templates/strings/<lang>.toml`) sets them all; a key here overrides one, in any language.", ""]


def rows(fields, prefix: str = "") -> list[str]:
    lines = ["| key | required | meaning |", "|---|---|---|"]
    for field in fields:
        if field.check is config.table:
            continue
        lines.append(f"| `{prefix}{field.name}` | {'yes' if field.required else ''} | {field.doc} |")
    return lines


def reference() -> str:
    parts = ["# Configuration reference", "",
             "Generated from reelpress's configuration schema by `tools/make_config_reference.py`; every key",
             "here is exactly what reelpress accepts. Unknown keys are errors (with a suggestion when one is",
             "close), and every problem in a file is reported at once, with its line.", "",
             "## volume.toml", "", "A volume folder's settings.", "", *rows(config.VOLUME_FIELDS), ""]
    for name, fields in TABLES:
        parts += [f"### [{name}]", "", *STRINGS_NOTE * (name == "strings"), *rows(fields, f"{name}."), ""]
    shared = ", ".join(f"`{key}`" for key in config.SHARED)
    parts += ["## series.toml", "",
              "A series folder's settings. The keys it shares with its volumes are " + shared + "; a volume's",
              "own volume.toml overrides any of them (tables key by key). `series` and `series_index` of each",
              "volume come from here.", "", *rows(config.SERIES_FIELDS), "",
              "## Review front matter", "", "The YAML block between `---` lines at the top of every review.", "",
              *rows(config.REVIEW_FIELDS), ""]
    return "\n".join(parts)


def main(argv: list[str]) -> None:
    OUTPUT.write_text(reference(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv)
