"""The documentation: the configuration reference is generated and current; links point at files."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_configuration_reference_is_current():
    reference = runpy.run_path(str(ROOT / "tools" / "make_config_reference.py"))["reference"]
    assert (DOCS / "configuration.md").read_text(encoding="utf-8") == reference(), \
        "docs/configuration.md is stale: run python tools/make_config_reference.py"


def test_links_between_pages_lead_to_files():
    for page in [*DOCS.glob("*.md"), ROOT / "README.md"]:
        prose = re.sub(r"`[^`]*`", "", page.read_text(encoding="utf-8"))  # examples in code are not links
        for target in re.findall(r"\]\(([^)#:]+\.(?:md|png))(?:#[^)]*)?\)", prose):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


def test_every_command_is_documented():
    text = " ".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    for command in ("init", "new", "preview", "build", "check", "proof", "import", "stats", "kit", "index"):
        assert f"reelpress {command}" in text, command
