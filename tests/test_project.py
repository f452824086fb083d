"""The project's own promises: the README's commands are what CI runs, codes are declared, imports
point one way (cli → build → stages → model), and committed generated files match their generators."""

from __future__ import annotations

import ast
import re
import runpy
from pathlib import Path

from reelpress.commands.check.rules import RULES
from reelpress.errors import CODES

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "reelpress"


def readme_commands() -> list[str]:
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line for line in block[1].splitlines() if line and not line.startswith("#")]


def test_ci_runs_exactly_the_readme_commands():
    setup, tests = readme_commands()[:2]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup in ci and tests in ci
    assert ci.index(setup) < ci.index(tests)
    assert "pytest" in tests and "reelpress build volumes/" in setup


def test_every_code_used_is_declared_and_every_declared_code_is_used():
    used = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(re.findall(r'"(RP\d{3})"', path.read_text()))
    declared = CODES.keys() | {rule.code for rule in RULES}
    assert used - declared == set(), "codes used but not declared in errors.CODES or checks.rules.RULES"
    assert declared - used == set(), "codes declared but never reported"
    assert not CODES.keys() & {rule.code for rule in RULES}, "a code declared twice"


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reelpress"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("reelpress")}
    return names


#: Modules that run builds (the commands' library side); every other module sits below build.
ORCHESTRATORS = {"cli.py", "__main__.py", "build.py", "checks/__init__.py", "proof.py", "omnibus.py", "series.py",
                 "series_index.py", "kit.py", "preview.py", "stats.py"}


def test_imports_point_one_way():
    assert imports_of(SOURCE / "model.py") == set()
    for path in SOURCE.rglob("*.py"):
        found = imports_of(path)
        if path.name not in ("cli.py", "__main__.py"):
            assert "reelpress.cli" not in found, path
        relative = path.relative_to(SOURCE).as_posix()
        if relative not in ORCHESTRATORS:
            assert "reelpress.build" not in found, path
    for stage in ("readers", "normalise", "writers"):
        for path in (SOURCE / stage).rglob("*.py"):
            assert not {f"reelpress.{other}" for other in ("readers", "normalise", "writers") if other != stage} \
                & {name.rsplit(".", 1)[0] if name.count(".") > 1 else name for name in imports_of(path)}, path


def test_modules_stay_small():
    for path in SOURCE.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 400, path


def test_symbols_font_matches_its_generator():
    from fontTools.ttLib import TTFont
    import io
    build = runpy.run_path(str(ROOT / "tools" / "make_symbols_font.py"))["build"]
    fresh, committed = TTFont(io.BytesIO(build())), TTFont(ROOT / "templates" / "fonts" / "ReelpressSymbols.ttf")
    assert fresh.getBestCmap() == committed.getBestCmap() == {
        0x20: "space", 0x2042: "asterism", 0x2605: "blackstar", 0x2606: "whitestar"}
    for name in fresh.getGlyphOrder():
        a, b = fresh["glyf"][name], committed["glyf"][name]
        assert a.getCoordinates(fresh["glyf"])[0] == b.getCoordinates(committed["glyf"])[0], name
