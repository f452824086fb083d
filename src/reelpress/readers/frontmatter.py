"""The `---` YAML front matter block every review source starts with: split, load safely, validate."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reelpress.config import review_meta
from reelpress.errors import Collector, fail
from reelpress.model import ReviewMeta

MAX_FRONT_MATTER_CHARS = 64 * 1024
_HOW = "a review starts with a line `---`, then YAML keys (at least `title:`), then a closing `---`"


class _Refused(Exception):
    def __init__(self, mark, what: str):
        super().__init__(what)
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (alias bombs; and nobody needs them here)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "YAML anchors and aliases (& and *) are not allowed")
        return super().compose_node(parent, index)


#: libyaml's composer: several times faster, but written in C, so `_Loader.compose_node` cannot guard it.
#: It only reads text with no `&` or `*` (which then holds no anchor or alias), and none of the few
#: characters around which libyaml and PyYAML disagree in corner cases (tags `!`, block scalars `|` `>`,
#: tabs, a stray BOM). The property test in tests/readers/test_frontmatter.py compares the two paths.
_FAST = getattr(yaml, "CSafeLoader", None)
_NOT_FAST = re.compile("[&*!|>\t\ufeff]")


def _compose(yaml_text: str):
    """(loader, root node), by libyaml when it may; on any problem by `_Loader`, whose messages are the
    ones reelpress reports whatever PyYAML was built with."""
    if _FAST is not None and not _NOT_FAST.search(yaml_text):
        loader = _FAST(yaml_text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
    loader = _Loader(yaml_text)
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise


def split(text: str, path: Path) -> tuple[str, int, str, int]:
    """Return (yaml_text, yaml_first_line, body_text, body_first_line); lines are 1-based."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        fail(path, "RP020", f"no front matter: {_HOW}", 1, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
                fail(path, "RP020", f"front matter is {len(yaml_text):,} characters; the limit is "
                     f"{MAX_FRONT_MATTER_CHARS:,}", 2, 1)
            return yaml_text, 2, "\n".join(lines[index + 1:]), index + 2
    fail(path, "RP020", f"front matter opened here is never closed: {_HOW}", 1, 1)


def parse(yaml_text: str, first_line: int, path: Path, report: Collector) -> ReviewMeta | None:
    """Load the YAML mapping and validate it; problems go to `report` (None when there were errors)."""
    errors_before = len(report.errors)
    loader = None
    try:
        loader, root = _compose(yaml_text)
        if root is None or not isinstance(root, yaml.MappingNode):
            line = (root.start_mark.line if root is not None else 0) + first_line
            report.error(path, "RP022", f"front matter must be `key: value` lines, not {_kind(root)}", line, 1)
            return None
        data, raw, where, failed = _read_mapping(loader, root, first_line, path, report)
    except _Refused as exc:
        report.error(path, "RP027", str(exc), exc.mark.line + first_line, exc.mark.column + 1)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.error(path, "RP021", f"YAML syntax error: {exc.problem or exc.context}",
                     mark.line + first_line if mark else None, mark.column + 1 if mark else None)
        return None
    except yaml.YAMLError as exc:
        report.error(path, "RP021", f"YAML error: {exc}", first_line, 1)
        return None
    finally:
        if loader is not None:
            loader.dispose()
    meta = review_meta(data, path, lambda keypath: where.get(keypath[-1] if keypath else "", (first_line - 1, 1)),
                       raw, report, present=failed)
    return meta if len(report.errors) == errors_before else None


def _read_mapping(loader, root, first_line, path, report):
    """Construct the top-level mapping key by key, so each value keeps its line, raw text and errors."""
    data, raw, where, failed = {}, {}, {}, set()
    for key_node, value_node in root.value:
        line, col = key_node.start_mark.line + first_line, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            report.error(path, "RP022", "front matter keys must be plain names", line, col)
            continue
        key = key_node.value  # the raw text: YAML 1.1 would turn a key `on` into True
        if key in data or key in where:
            first = where[key][0]
            report.error(path, "RP026", f"key `{key}` appears twice (first on line {first}); "
                         "YAML would silently keep the last one", line, col)
            continue
        where[key] = (line, col)
        try:
            data[key] = loader.construct_object(value_node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            report.error(path, "RP024", f"`{key}`: cannot read value {value_node.value!r}: {problem}",
                         value_node.start_mark.line + first_line, value_node.start_mark.column + 1)
            failed.add(key)
            continue
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value
    return data, raw, where, failed


def _kind(node) -> str:
    if node is None:
        return "an empty block"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"a single value ({node.value!r})"
