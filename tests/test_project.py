"""The project's own promises: the README's commands are what CI runs, codes are declared, imports
point one way (cli → commands → build → stages → model) without cycles, modules and functions stay
small, tests mirror the tree, and committed generated files match their generators."""

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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in SOURCE.rglob("*.py")}


def imports_of(path: Path, top_level_only: bool = False) -> set[str]:
    """The reelpress modules `path` imports (`from package import module` counts as the module);
    with `top_level_only`, only those imported when the module itself is imported."""
    names = set()
    nodes = ast.parse(path.read_text()).body if top_level_only else ast.walk(ast.parse(path.read_text()))
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reelpress"):
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                names.add(inner if inner in MODULES else node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("reelpress")}
    return names


def room(module: str) -> str:
    """The package (or top-level module) a module lives in: reelpress.writers.pdf.layout → writers."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


#: What each room may not import. Stages never see a command, the CLI or the orchestrator, and ask no
#: cache (the build asks it for them; the PDF writer's runner is the one exception, below).
STAGES = {"config", "readers", "normalise", "book", "writers"}
ABOVE = {"cli", "__main__", "commands", "build"}
MAY_NOT = {
    "errors": ABOVE | STAGES | {"cache", "util"},
    "util": ABOVE | STAGES | {"cache"},
    **{stage: ABOVE | {"cache"} for stage in STAGES},
    "cache": ABOVE,
    "build": ABOVE - {"build"},
    "commands": {"cli", "__main__"},
}


def test_imports_point_one_way():
    assert imports_of(SOURCE / "model.py") == set()
    for module, path in MODULES.items():
        for name in imports_of(path):
            if room(name) != room(module):
                allowed_exception = module == "reelpress.writers.pdf.runner" and name == "reelpress.cache.pieces"
                assert allowed_exception or room(name) not in MAY_NOT.get(room(module), set()), f"{module} imports {name}"


def test_only_the_runner_and_the_build_ask_the_cache():
    for module, path in MODULES.items():
        if any(room(name) == "cache" for name in imports_of(path)) and room(module) != "cache":
            assert module in {"reelpress.build", "reelpress.writers.pdf.runner", "reelpress.commands.build_volume"}, module


def test_no_import_cycles():
    graph = {module: imports_of(path, top_level_only=True) & MODULES.keys() for module, path in MODULES.items()}
    for module in graph:  # a package imports its __init__ first: that edge is not a cycle's
        graph[module] = {name for name in graph[module] if not module.startswith(name + ".")}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            assert state.get(name) != 1, "import cycle: " + " → ".join(trail[trail.index(name):] + [name])
            if name not in state:
                visit(name, trail + [name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_modules_and_functions_stay_small():
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        assert len(text.splitlines()) <= 400, path
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno < 40, f"{path}:{node.lineno} {node.name}"


def test_top_level_holds_only_the_entry_points_the_orchestrator_and_the_model():
    assert sorted(p.name for p in SOURCE.glob("*.py")) == [
        "__init__.py", "__main__.py", "build.py", "cli.py", "errors.py", "model.py"]


def test_tests_mirror_the_tree():
    """Every test module sits in the folder of the code it tests: tests/writers/pdf/ for writers/pdf/."""
    folders = {path.parent.relative_to(SOURCE).as_posix() for path in SOURCE.rglob("*.py")} | {"."}
    for path in (ROOT / "tests").rglob("test_*.py"):
        folder = path.parent.relative_to(ROOT / "tests").as_posix()
        assert folder in folders or folder == "bad", path


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
