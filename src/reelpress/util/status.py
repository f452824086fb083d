"""The status line a build shows on a terminal while it runs."""

from __future__ import annotations

import click


class Progress:
    """One status line on a terminal, rewritten as the build moves from stage to stage."""

    def __init__(self, name: str, enabled: bool):
        self.name, self.enabled, self.width = name, enabled, 0

    def __call__(self, stage: str) -> None:
        if self.enabled:
            line = f"{self.name}: {stage}…"
            click.echo("\r" + line.ljust(self.width), nl=False, err=True)
            self.width = len(line)

    def clear(self) -> None:
        if self.enabled and self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False, err=True)
            self.width = 0
